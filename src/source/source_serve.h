/* source_serve.h - tlstrace's server and the real clients that connect to
 * it (net/serve.h) behind the source interface, each connection's
 * conn->source "serve".  Every client's bytes are decoded exactly as the
 * live pair's are, with the server's own key log (and, for RSA key
 * exchange, its private key) as evidence; after the handshake the client
 * is answered with a page about its own handshake (out/http_page.h).
 *
 * Streaming (source_run) writes each connection as it ends, until
 * source_serve_stop (Ctrl-C) or `count` handshakes.  Kept mode (the
 * interface): source_start starts accepting, source_poll takes in the
 * connections that have ended since, so the list fills as clients come.
 * It cannot be re-run (the clients are the clients'). */
#ifndef TLSTRACE_SOURCE_SERVE_H
#define TLSTRACE_SOURCE_SERVE_H

#include "net/serve.h"
#include "source.h"

typedef struct {
	net_serve_cfg_t net;     /* copied; strings borrowed */
	unsigned long count;     /* streaming: stop after this many handshakes (0: until stopped) */
	bool lean;               /* decode facts only (--json, --summary) */
} source_serve_cfg_t;

/* Each client as the source takes it in, on the thread that takes it
 * (source_run's caller, or source_poll's): its record (what crossed, the
 * key log lines, why it was cut off) and its connection, NULL when it
 * never started TLS (it sent nothing, or something else). */
typedef void (*source_serve_client_fn)(void *ctx, const net_serve_client_t *cl, const conn_t *c);

/* Binds and makes the certificate at once, so a port in use or a bad
 * --cert is told before anything runs (ERR_BAD_VALUE / ERR_IO with why).
 * on_client may be NULL. */
err_t source_serve_new(const source_serve_cfg_t *cfg, source_serve_client_fn on_client, void *ctx, source_t **out,
		       char *why, size_t whylen) WUR;
/* Stops accepting; the clients still connected are cut off and reported.
 * Async-signal-safe; a no-op for a source that is not serve. */
void source_serve_stop(source_t *s);
/* The server (where it listens, its names, the demo CA, refusals); NULL
 * for a source that is not serve. */
const net_serve_t *source_serve_server(const source_t *s);
/* Clients that connected and never started TLS (silent, or not TLS). */
unsigned long source_serve_not_tls(const source_t *s);

#endif
