/* chain.h - what the client checks at step 5, laid out from the trace
 * model: the server's chain as sent (each certificate's subject, issuer,
 * names, dates against the handshake's time, key, signature algorithm),
 * whether each names the next as its issuer, and the host name check (the
 * ClientHello's server_name against the leaf's names).  Built on demand
 * by the views, like the secret rows; the verdict itself is the model's
 * (handshake_t cert_checked / cert_status / cert_verdict). */
#ifndef TLSTRACE_CHAIN_H
#define TLSTRACE_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"
#include "tls/x509.h"

#define CHAIN_MAX 8

typedef struct {
	x509_facts_t facts;      /* owned (chain_free) */
	const char *unreadable;  /* static: why GnuTLS could not read it; NULL: read */
	int valid;               /* at `at`: 0 valid, -1 not yet valid, 1 expired */
	bool issuer_next;        /* its issuer is the next certificate's subject */
} chain_cert_t;

typedef struct {
	bool have;               /* the server sent a Certificate (up to the message shown) */
	size_t n, sent;          /* shown (at most CHAIN_MAX), and as sent */
	chain_cert_t v[CHAIN_MAX];
	double at;               /* the time the dates are checked against: the Certificate's */
	const char *host;        /* borrowed: the ClientHello's server_name; NULL: none sent */
	bool host_ok, host_by_cn;
} chain_t;

/* Lays out h's server chain from its first `upto` messages. */
void chain_build(const handshake_t *h, size_t upto, chain_t *c);
/* The same for the chain `side` sent (SIDE_CLIENT: the client's
 * certificate, when the server asked for one; no host name check). */
void chain_build_side(const handshake_t *h, size_t upto, int side, chain_t *c);
/* Where the links of c stop: the index of the first certificate whose
 * issuer is not the next one sent (the last one sent, when all link);
 * *root: that certificate is self-signed (the chain reaches a root), so
 * nothing is missing from what was sent; otherwise its issuer must come
 * from the checker's trust store, or the chain breaks there. */
size_t chain_ends_at(const chain_t *c, bool *root);
void chain_free(chain_t *c);
/* read --ca: the client's check, made here against the bundle at the
 * time the server's Certificate m was captured, with the ClientHello's
 * server_name; sets h's cert_checked, cert_status, cert_verdict (the
 * first Certificate only) and cert_by_ca. */
void chain_check_trust(handshake_t *h, const msg_t *m, const x509_trust_t *t);

#endif
