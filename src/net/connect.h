/* connect.h - tlstrace's client against a real server: the GnuTLS client
 * set up from the user's choices (trust store or --ca, SNI, versions,
 * ciphers, groups and ALPN through a priority string, a client
 * certificate), connected through the socket tap (tap.h), after a
 * STARTTLS dialogue when asked, run to the end of the handshake and one
 * request/answer of application data.  What it records is all a trace
 * needs: every byte with its direction and time, the client's key log,
 * GnuTLS's verdict on the server's chain (step 5), its error, how the
 * socket ended.  It does not decode (source_connect feeds the decoder)
 * and it never prints. */
#ifndef TLSTRACE_NET_CONNECT_H
#define TLSTRACE_NET_CONNECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/bytes.h"
#include "base/err.h"
#include "crypto/keylog.h"
#include "addr.h"
#include "starttls.h"
#include "tap.h"

#define NET_LIST_MAX 16
#define NET_CHAIN_MAX 4

/* Versions, as bits of net_connect_cfg_t.versions. */
enum { NET_V10 = 1, NET_V11 = 2, NET_V12 = 4, NET_V13 = 8 };

typedef struct {
	const char *target;          /* HOST[:PORT] as given; borrowed */
	const char *sni;             /* server_name to send; NULL: the host name (none for an address) */
	bool no_sni;
	const char *ca;              /* PEM file of trusted CAs; NULL: the system's store */
	const char *cert, *key;      /* client certificate and key (PEM), or NULL */
	unsigned versions;           /* NET_V* bits; 0: TLS 1.3 and 1.2 */
	const char *ciphers[NET_LIST_MAX]; /* GnuTLS cipher names (AES-128-GCM ...); none: the AEAD ones */
	size_t nciphers;
	const char *groups;          /* "X25519,SECP256R1", NULL: GnuTLS's usual groups */
	const char *alpn;            /* "h2,http/1.1", NULL: none */
	int starttls;                /* net_stls_proto_t, -1 for none */
	const char *send;            /* what to send after the handshake (\r\n and \n as written); NULL:
	                                the default (a HEAD request on port 443, nothing elsewhere) */
	bool send_set;               /* --send was given (even "") */
	unsigned timeout_ms;         /* per step; 0: 10 s */
	bool proceed;                /* go on past a refused certificate */
	const char *priority;        /* a whole GnuTLS priority string instead of the above (probes) */
	bool quiet_verify;           /* check the chain but never abort on it (probes) */
	/* Called on the thread running net_connect_run between two flights,
	 * before the first bytes of a flight in the other direction are
	 * kept: the chunks recorded so far are whole.  It may block (connect
	 * --pause holds the real connection there).  NULL: never called. */
	void (*between_flights)(void *ctx);
	void *flights_ctx;
} net_connect_cfg_t;

typedef enum {
	NET_AT_RESOLVE, NET_AT_CONNECT, NET_AT_STARTTLS, NET_AT_HANDSHAKE, NET_AT_APPDATA, NET_AT_DONE
} net_stage_t;

typedef struct {
	int sender;                  /* SIDE_* */
	buf_t bytes;                 /* owned */
	double time;
} net_chunk_t;

typedef struct {
	net_addr_target_t target;
	net_addr_conn_t where;       /* fd closed by net_connect_run */
	net_stage_t stage;           /* where it stopped (NET_AT_DONE: it did not) */
	char why[320];               /* a failure before or outside TLS, in words; "" none */
	net_tap_state_t tap_state;   /* how the socket failed, if it did */
	/* The TLS bytes, in wire order (the STARTTLS dialogue is not among them). */
	net_chunk_t *chunks;         /* owned */
	size_t nchunks, chunks_cap;
	buf_t dialogue;              /* owned: the STARTTLS dialogue, "C: ...\n" and "S: ...\n" lines */
	keylog_t *keylog;            /* owned: the client's secrets */
	buf_t keylog_text;           /* owned: the same as NSS key log lines */
	/* GnuTLS's own account. */
	int gnutls_err;              /* what ended the handshake or the read, 0 none */
	char client_error[256];
	bool done;                   /* gnutls_handshake returned 0 */
	uint16_t version, suite;     /* wire values as GnuTLS reports them */
	uint8_t master[48];
	bool have_master;
	bool cert_checked;
	unsigned cert_status;        /* gnutls_certificate_status_t bits, 0 = trusted */
	char cert_verdict[512];      /* GnuTLS's words, then ours */
	/* Step 5: each certificate as the server sent it, in words (subject,
	 * issuer, names, validity against now, key, signature algorithm). */
	char chain[NET_CHAIN_MAX][400];
	size_t nchain, chain_sent;   /* described, and sent in all */
	bool proceeded;              /* the chain was refused and --proceed went on */
	char client_config[640];     /* what the client offered, in words */
	char sent_request[128];      /* the first line of what was sent after the handshake */
	uint8_t answer[256];         /* the first bytes of the server's answer (application data) */
	size_t answer_len;
} net_connect_t;

/* Runs one connection; r is filled even when it fails (a failure is
 * recorded in r, not returned).  Returns ERR_BAD_VALUE (why) only for
 * settings that cannot be used (an unreadable --ca, an unknown cipher),
 * ERR_NOMEM, ERR_OK otherwise.  r must be freed with net_connect_free. */
err_t net_connect_run(const net_connect_cfg_t *cfg, net_connect_t *r, char *why, size_t whylen) WUR;
void  net_connect_free(net_connect_t *r);
/* The priority string the settings give (for the trace and tests). */
err_t net_connect_priority(const net_connect_cfg_t *cfg, char *out, size_t len, char *why, size_t whylen) WUR;
/* Versions in words: "TLS 1.3 and TLS 1.2". */
void  net_versions_text(unsigned versions, char *out, size_t len);

#endif
