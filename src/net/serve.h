/* serve.h - tlstrace's server on real sockets: the GnuTLS server on a
 * listening port (IPv4 and IPv6), one thread per client, each client's
 * bytes recorded through the socket tap (tap.h) with the server's own key
 * log, and after the handshake one HTTP request answered with a page the
 * caller writes.  A client that stalls is cut off after the timeout, one
 * that sends too much after a byte limit, connections beyond max_clients
 * are refused and counted.  Without a certificate of the user's it
 * presents a demo certificate (src/live/pki.h) whose names include
 * server.example, localhost, the host name and the bound addresses.
 *
 * Why a thread per client rather than one poll loop: GnuTLS drives a
 * handshake as a sequence of blocking reads and writes, and the tap
 * (shared with the connect client) gives it exactly that with a timeout
 * per read; a poll loop would need every session non-blocking and resumed
 * on EAGAIN, with the same bytes recorded.  max_clients bounds the
 * threads (and, with the byte limit, the memory); a stalled client holds
 * only its own thread, and only until its timeout.
 *
 * It decodes nothing (the caller's hooks do, source_serve.c) and never
 * prints. */
#ifndef TLSTRACE_NET_SERVE_H
#define TLSTRACE_NET_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include "base/bytes.h"
#include "base/err.h"
#include "crypto/keylog.h"
#include "connect.h"
#include "tap.h"

#define NET_SERVE_BINDS_MAX 8
#define NET_SERVE_PORT 8443
#define NET_SERVE_MAX_CLIENTS 32
/* Bytes recorded (and accepted) from one connection: a handshake needs a
 * few kilobytes, a big certificate chain some tens; past this the client
 * is cut off (a flood, a 16 MB message announced). */
#define NET_SERVE_KEEP_MAX (1u << 20)
/* An HTTP request's head, at most. */
#define NET_SERVE_REQUEST_MAX 8192

typedef enum { NET_AUTH_NONE, NET_AUTH_REQUEST, NET_AUTH_REQUIRE } net_auth_t;

typedef struct {
	const char *binds[NET_SERVE_BINDS_MAX];  /* addresses to listen on; none: every address
	                                            (0.0.0.0 and ::) */
	size_t nbinds;
	uint16_t port;               /* 0: the kernel chooses (one port for every address) */
	const char *cert, *key;      /* PEM files; NULL: the demo certificate */
	net_auth_t client_auth;
	unsigned versions;           /* NET_V* bits; 0: TLS 1.3 and 1.2 */
	const char *ciphers[NET_LIST_MAX];   /* GnuTLS names; none: the AEAD ones */
	size_t nciphers;
	unsigned timeout_ms;         /* a client's handshake (and its request) must end within it */
	unsigned max_clients;        /* at once; 0: NET_SERVE_MAX_CLIENTS */
} net_serve_cfg_t;

/* Why a client was cut off. */
typedef enum {
	NET_SERVE_CUT_NONE,
	NET_SERVE_CUT_TIMEOUT,       /* the handshake (or the request) did not end within the timeout */
	NET_SERVE_CUT_BYTES,         /* it sent more than NET_SERVE_KEEP_MAX */
	NET_SERVE_CUT_STOPPED,       /* the server was stopped (Ctrl-C, --count) */
} net_serve_cut_t;

/* One client, as its thread recorded it. */
typedef struct {
	unsigned id;                 /* 0, 1, ... in the order of accept */
	char peer_ip[46], local_ip[46];
	uint16_t peer_port, local_port;
	double accepted;             /* Unix seconds */
	net_chunk_t *chunks;         /* owned: what crossed, in wire order, a chunk per flight */
	size_t nchunks, chunks_cap;
	uint64_t kept;               /* bytes in chunks */
	keylog_t *keylog;            /* owned: the server's secrets for this client */
	buf_t keylog_text;           /* owned: the same as NSS key log lines */
	bool done;                   /* gnutls_handshake returned 0 */
	int gnutls_err;              /* what ended the handshake, 0 none */
	char server_error[200];      /* gnutls_strerror of it */
	net_tap_state_t tap_state;   /* how the socket failed, if it did */
	net_serve_cut_t cut;
	char why[200];               /* the cut or the socket failure in words; "" none */
	bool cert_checked;           /* the client sent a certificate and the server checked it */
	unsigned cert_status;        /* gnutls_certificate_status_t bits, 0 = trusted */
	char cert_verdict[256];
	char request[128];           /* the first line of its HTTP request; "" none */
	bool page_sent;              /* the page was sent in answer */
	void *user;                  /* the hooks' own, NULL at first */
} net_serve_client_t;

typedef struct {
	void *ctx;
	/* On the client's thread once gnutls_handshake has returned (also on
	 * a failure): for a completed handshake, page may be filled with the
	 * text an HTTP request is answered with. */
	void (*handshake)(void *ctx, net_serve_client_t *cl, buf_t *page);
	/* On the client's thread: the client is over and cl is the hook's
	 * (net_serve_client_free). */
	void (*end)(void *ctx, net_serve_client_t *cl);
	/* On the accept thread, last: no client is left and none will come. */
	void (*over)(void *ctx);
} net_serve_hooks_t;

typedef struct net_serve net_serve_t;

/* Checks the settings, makes the credentials (generating the demo
 * certificate), and binds every address; nothing is accepted yet.
 * ERR_BAD_VALUE (settings) or ERR_IO (an address that cannot be bound)
 * with why. */
err_t net_serve_open(const net_serve_cfg_t *cfg, const net_serve_hooks_t *hooks, net_serve_t **out, char *why,
		     size_t whylen) WUR;
/* Accepts on a thread of its own until net_serve_stop. */
err_t net_serve_start(net_serve_t *s, char *why, size_t whylen) WUR;
/* Stops accepting and cuts off the clients still connected (their end
 * hooks still run); the over hook follows.  Async-signal-safe (it writes
 * a byte to a pipe); may be called more than once. */
void net_serve_stop(net_serve_t *s);
/* Stops, waits for the accept thread and frees.  NULL is fine. */
void net_serve_free(net_serve_t *s);

/* Where it listens, in words: "127.0.0.1 and ::1 port 8443". */
const char *net_serve_where(const net_serve_t *s);
uint16_t net_serve_port(const net_serve_t *s);
/* What the server is set up with, in words (for the diagnosis). */
const char *net_serve_config(const net_serve_t *s);
/* The names its demo certificate carries, "" with the user's certificate. */
const char *net_serve_names(const net_serve_t *s);
/* The demo CA as PEM (for --export-ca); ERR_UNSUPPORTED with the user's
 * certificate. */
err_t net_serve_ca_pem(const net_serve_t *s, buf_t *out) WUR;
/* The server's private key, for decoding RSA key exchange; borrowed
 * (NULL: not an RSA key held here). */
gnutls_privkey_t net_serve_privkey(const net_serve_t *s);
/* Connections refused because max_clients were connected. */
unsigned long net_serve_refused(const net_serve_t *s);

/* Frees cl and everything it holds; NULL is fine. */
void net_serve_client_free(net_serve_client_t *cl);

#endif
