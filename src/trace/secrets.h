/* secrets.h - the secrets engine: premaster (RSA key), master (PRF, EMS),
 * key block, TLS 1.3 traffic keys, and Finished recomputed against what
 * was received.  Works on the model; never touches the wire framing. */
#ifndef TLSTRACE_SECRETS_H
#define TLSTRACE_SECRETS_H

#include <stdbool.h>
#include "crypto/rcrypt.h"
#include "decode.h"
#include "model.h"

/* After ServerHello: look the client random up in the key log. */
void secrets_on_server_hello(handshake_t *h, const evidence_t *ev);
/* The server's Certificate: does the RSA key given belong to it? */
void secrets_on_server_certificate(handshake_t *h, msg_t *cert, const evidence_t *ev);
/* ClientKeyExchange: recover the premaster (RSA + key) and derive the
 * master (classic or extended), cross-checked with the key log. */
void secrets_on_client_key_exchange(handshake_t *h, msg_t *cke, const evidence_t *ev);
/* Make sure the key block is known (from the derived or logged master).
 * false, with *why, when it cannot be. */
bool secrets_ensure_keys(handshake_t *h, const evidence_t *ev, const char **why);
/* A read state for what `side` sends next (TLS <= 1.2, after its CCS). */
err_t secrets_rcrypt(handshake_t *h, const evidence_t *ev, int side, rcrypt_t **out, const char **why) WUR;
/* TLS 1.3: read state from the logged traffic secret of a phase:
 * KL_CLIENT_HS / KL_SERVER_HS / KL_CLIENT_APP0 / KL_SERVER_APP0. */
err_t secrets_rcrypt_tls13(handshake_t *h, keylog_label_t label, rcrypt_t **out, const char **why) WUR;
/* TLS 1.3 KeyUpdate from `side`: advance its application secret. */
err_t secrets_key_update(handshake_t *h, int side, rcrypt_t **out) WUR;
/* TLS <= 1.2, after the server's Finished verified: remember the session
 * (its id, and a ticket the server issued) for later resumptions. */
void secrets_remember_session(handshake_t *h, const evidence_t *ev, unsigned connection);
/* Recompute the Finished that h->msgs[index] carries and compare. */
void secrets_check_finished(handshake_t *h, size_t index);
/* The handshake is over: what is only shown, never used, is computed now
 * (the RFC 7627 session hash when no premaster needed it) - unless lean:
 * the views that do not show it (read --json, --summary, --stats) leave
 * it out, for it is an input to a computation that cannot be made. */
void secrets_finish(handshake_t *h, bool lean);

#endif
