/* live.h - a real GnuTLS client and server in one process, joined by an
 * in-memory transport and driven one flight at a time.
 *
 * The engine never decodes: it hands each flight's bytes to the caller,
 * which feeds them to the same decoder a capture uses.  What GnuTLS itself
 * knows (its key log, the server's private key, each side's verdicts and
 * error strings) is offered as evidence through live_evidence_t. */
#ifndef TLSTRACE_LIVE_H
#define TLSTRACE_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include "base/bytes.h"
#include "base/err.h"
#include "tls/registry.h"

/* How --resume makes its second connection resume the first's session. */
typedef enum {
	LIVE_RESUME_NONE,        /* one connection */
	LIVE_RESUME_TICKET,      /* RFC 5077 ticket (TLS <= 1.2); RFC 8446 2.2 PSK from a ticket (TLS 1.3) */
	LIVE_RESUME_SESSION_ID,  /* RFC 5246 7.4.1.2 session id, from the server's session cache (TLS <= 1.2) */
} live_resume_t;

typedef struct {
	uint16_t version;        /* VER_TLS10 .. VER_TLS13; 0 = default TLS 1.2 (TLS 1.3 if suite is a 1.3 suite) */
	kx_t kx;                 /* KX_RSA, KX_ECDHE, KX_DHE; KX_NULL = default (RSA; 1.3: ECDHE) */
	const suite_info_t *suite; /* a specific suite, or NULL for the default of version+kx */
	bool client_auth;        /* server requires a certificate, client has one */
	bool ems;                /* offer/accept extended master secret (RFC 7627) */
	live_resume_t resume;    /* a second connection resumes the first's session (live_new_resumed) */
	bool hrr;                /* TLS 1.3: the client's first key share is for a group the server
	                            does not take, so the server answers with a HelloRetryRequest */
	const char *scenario;    /* failure scenario name (scenario.c), NULL for none; it sets
	                            everything else, so the fields above must stay 0 with it */
	char cipher[64];         /* a cipher or suite name as given to live_cfg_set ("AES-256-GCM",
	                            "TLS_RSA_WITH_AES_128_CBC_SHA"), "" for none: live_cfg_check
	                            resolves it into suite (cfg.h) */
} live_cfg_t;

/* A line of GnuTLS's key log: label ("CLIENT_RANDOM", "SERVER_HANDSHAKE_TRAFFIC_SECRET" ...). */
typedef void (*live_secret_fn)(void *ctx, const char *label, const uint8_t client_random[32],
			       const uint8_t *secret, size_t len);

typedef struct {
	int sender;              /* SIDE_CLIENT / SIDE_SERVER (0 / 1, as in msg.h) */
	slice_t bytes;           /* borrowed until the next live_step */
	unsigned number;         /* 1, 2, ... */
} live_flight_t;

/* Each side's own account, filled as the handshake runs. */
typedef struct {
	int error;               /* GnuTLS error code that ended its handshake, 0 if none */
	char error_text[160];    /* gnutls_strerror of it */
	bool done;               /* gnutls_handshake returned 0 */
	int alert_sent;          /* description of the alert it sent, -1 if none */
	uint8_t master[48];      /* gnutls_session_get_master_secret (TLS <= 1.2) */
	bool have_master;
	uint16_t version;        /* as GnuTLS reports it */
	uint16_t suite;          /* IANA id as GnuTLS reports it */
	/* The master secret this side logged (CLIENT_RANDOM), even when its
	 * handshake failed: the two differ when the sides derived different keys. */
	uint8_t logged_master[48];
	bool have_logged_master;
} live_side_t;

typedef struct {
	live_side_t client, server;
	/* The client's check of the server certificate (step 5). */
	bool cert_checked;
	unsigned cert_status;    /* gnutls_certificate_status_t bits; 0 = trusted */
	char cert_verdict[256];  /* gnutls_certificate_verification_status_print text */
	bool client_sent_cert;   /* the client had a certificate to send */
	/* The server's check of the client certificate (client_auth only). */
	bool client_cert_checked;
	unsigned client_cert_status; /* gnutls_certificate_status_t bits; 0 = trusted */
	char client_cert_verdict[256];
	/* What each side was set up to accept and present, in words ("accepts
	 * TLS 1.2 only; cipher suites: ...; presents ..."), filled by live_new. */
	char client_config[512], server_config[512];
} live_evidence_t;

/* live_step gives up (ERR_GNUTLS, see live_error_text) after this many
 * turns, counting the turns a side had nothing to say. */
#define LIVE_MAX_TURNS 32

typedef struct live live_t;

/* Builds the demo PKI (once per process), both sessions and the
 * transport.  The callback receives every key log line, as it is logged. */
err_t live_new(const live_cfg_t *cfg, live_secret_fn on_secret, void *ctx, live_t **out,
	       char *why, size_t whylen) WUR;
/* The same, for a second connection that resumes the session prev made
 * (cfg->resume says how): the server gets copies of prev's session ticket
 * key and session cache, the client is given prev's session data
 * (gnutls_session_get_data2).  prev must have run to its end, and must
 * not be freed before this returns.  ERR_GNUTLS, why set, when prev's client holds no
 * session to resume. */
err_t live_new_resumed(const live_cfg_t *cfg, const live_t *prev, live_secret_fn on_secret, void *ctx,
		       live_t **out, char *why, size_t whylen) WUR;
void  live_free(live_t *lv);
/* Runs the side whose turn it is until it waits for its peer, and returns
 * what it wrote.  Returns ERR_OK with *more=false when there is nothing
 * left to run (both done, or one failed and its alert has been
 * delivered).  After the handshake the client sends one short request and
 * the server one short response (application data, step 9).
 * Every flight comes with *more=true; the call that finds nothing left
 * returns an empty flight (bytes.len 0, number 0) with *more=false, after
 * the last reads have been done, so the evidence is then complete.
 * A run that stalls or exceeds LIVE_MAX_TURNS returns ERR_GNUTLS (and
 * keeps returning it); live_error_text says which. */
err_t live_step(live_t *lv, live_flight_t *out, bool *more) WUR;
/* Why the last live_step failed; "" when it did not. */
const char *live_error_text(const live_t *lv);
/* Lowers the turn cap (tests). */
void  live_set_turn_cap(live_t *lv, unsigned cap);
/* Flips bits of one byte of flight number `flight` (1, 2, ...) in transit:
 * the peer receives, and the caller is shown, the altered bytes.  For
 * tests and the tampered-hello scenario (which sets it through its plan).
 * An offset past the flight's end changes nothing. */
void  live_set_tamper(live_t *lv, unsigned flight, size_t offset, uint8_t xor_mask);
const live_evidence_t *live_evidence(const live_t *lv);
/* The private key the server actually uses (RSA for RSA key exchange),
 * for premaster recovery; in the wrong-server-key scenario not the one
 * its certificate names. */
gnutls_privkey_t live_server_key(const live_t *lv);
/* The demo CA certificate (DER), for showing the chain; empty if the demo
 * PKI cannot be made.  Valid until live_shutdown. */
slice_t live_ca_der(void);
/* Frees the demo PKI (made once per process) for leak-free exits; every
 * live_t must be freed before. */
void  live_shutdown(void);

#endif
