/* live_end.h - private to the live engine: one side of the in-memory
 * connection ("end") and the engine's state, shared by live.c (set-up and
 * turn-taking) and live_end.c (what one side does in its turn). */
#ifndef TLSTRACE_LIVE_END_H
#define TLSTRACE_LIVE_END_H

#include <sys/types.h>
#include "live.h"
#include "plan.h"
#include "pki.h"
#include "tls/msg.h"

#define LIVE_CACHE_MAX 4   /* sessions the server's cache keeps (one run makes one) */
#define LIVE_SEEN_MAX 32   /* distinct key log lines remembered (TLS 1.3 has 5, twice when the sides disagree) */

typedef enum { PH_HANDSHAKE, PH_SEND, PH_RECV, PH_DONE } live_phase_t;

typedef struct {
	live_t *lv;
	int role;                  /* SIDE_CLIENT / SIDE_SERVER */
	gnutls_session_t s;        /* owned: gnutls_deinit */
	gnutls_certificate_credentials_t cred; /* owned: gnutls_certificate_free_credentials */
	buf_t in;                  /* owned: bytes the peer delivered, not yet read */
	buf_t out;                 /* owned: bytes pushed during the current turn */
	live_side_t *acct;         /* -> lv->ev.client or lv->ev.server */
	live_phase_t phase;
	unsigned script_pos;
	bool failed;
	bool last_word;            /* had its one turn after the peer failed */
} live_end_t;

struct live {
	plan_t plan;
	const pki_t *pki;          /* borrowed: the process-wide demo PKI */
	const pki_identity_t *server_crt, *server_key; /* borrowed (pki cache): what the server presents and uses */
	live_end_t end[2];         /* indexed by SIDE_* */
	live_evidence_t ev;
	gnutls_datum_t ticket_key; /* owned: gnutls_free; the server's session ticket key (a copy of
	                              the first pair's when resuming) */
	gnutls_datum_t resume_data; /* owned: gnutls_free; what the client resumes (live_new_resumed) */
	/* The server's session cache (RFC 5246 7.4.1.2), filled by GnuTLS
	 * through gnutls_db_set_store_function in session-id mode; a
	 * resuming pair starts with a copy of the first pair's. */
	struct { uint8_t key[64]; size_t keylen; gnutls_datum_t data; /* owned: gnutls_free */ } cache[LIVE_CACHE_MAX];
	size_t ncache;
	live_secret_fn on_secret;
	void *ctx;
	struct { char label[64]; uint8_t random[32]; uint8_t secret[64]; size_t len; } seen[LIVE_SEEN_MAX];
	size_t nseen;
	int turn;                  /* SIDE_* that runs next */
	unsigned turns, turn_cap, flights;
	bool over;
	err_t stop;                /* set once a run stalls or runs out of turns */
	err_t cb_err;              /* out of memory inside a GnuTLS callback */
	char error_text[160];
};


/* Transport callbacks: the end is the transport pointer. */
ssize_t live_end_push(gnutls_transport_ptr_t ptr, const void *data, size_t len);
ssize_t live_end_pull(gnutls_transport_ptr_t ptr, void *data, size_t len);
int     live_end_pull_timeout(gnutls_transport_ptr_t ptr, unsigned ms);
/* GnuTLS callbacks: the end is the session pointer. */
int     live_end_keylog(gnutls_session_t s, const char *label, const gnutls_datum_t *secret);
int     live_end_verify_server(gnutls_session_t s);
int     live_end_verify_client(gnutls_session_t s);
/* The server's session cache callbacks: the db pointer is the live_t that keeps it. */
int     live_end_db_store(void *ptr, gnutls_datum_t key, gnutls_datum_t data);
gnutls_datum_t live_end_db_fetch(void *ptr, gnutls_datum_t key);
int     live_end_db_remove(void *ptr, gnutls_datum_t key);
/* GnuTLS's protocol number as a wire version (VER_*), 0 if unknown. */
uint16_t live_end_wire_version(gnutls_protocol_t proto);
/* One turn: runs until the end waits for its peer, is done, or fails. */
void    live_end_run(live_end_t *e);

#endif
