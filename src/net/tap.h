/* tap.h - a GnuTLS session on a real TCP socket, with every byte seen.
 *
 * A tap owns nothing but its settings: it gives a gnutls_session_t push,
 * pull and pull-timeout functions over a connected non-blocking socket,
 * waits at most timeout_ms for each read or write (a per-step timeout: a
 * silent peer becomes a clear failure, never a hang), and hands every byte
 * that crosses the socket, in either direction, with the time it crossed,
 * to a callback.  The callback sees the wire as it is (TLS records, or the
 * plain text of a STARTTLS dialogue sent with net_tap_send/net_tap_recv).  It
 * knows nothing of clients or servers beyond `self`, the SIDE_* it plays:
 * the connect client and a server (serve) use it alike.  It never prints. */
#ifndef TLSTRACE_NET_TAP_H
#define TLSTRACE_NET_TAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <gnutls/gnutls.h>

/* sender: SIDE_CLIENT / SIDE_SERVER (who wrote these bytes); time: Unix
 * seconds.  p is valid only during the call. */
typedef void (*net_tap_bytes_fn)(void *ctx, int sender, const uint8_t *p, size_t n, double time);

typedef enum { NET_TAP_OK, NET_TAP_TIMEOUT, NET_TAP_CLOSED, NET_TAP_RESET, NET_TAP_ERROR } net_tap_state_t;

typedef struct {
	int fd;                  /* borrowed: the caller closes it */
	int self;                /* SIDE_* this end plays; the peer is 1 - self */
	unsigned timeout_ms;     /* per read or write; 0 = wait for ever */
	net_tap_bytes_fn on_bytes;   /* may be NULL */
	void *ctx;
	/* How the socket last failed (NET_TAP_OK while it has not), its errno,
	 * and what had crossed by then. */
	net_tap_state_t state;
	int err;
	uint64_t sent, received;
	/* A deadline for the whole exchange, Unix seconds (0: none): a peer
	 * that trickles a byte now and then never waits timeout_ms for one,
	 * but it does reach the deadline (state NET_TAP_TIMEOUT, deadline_hit). */
	double deadline;
	bool deadline_hit;
} net_tap_t;

/* fd must be connected; it is made non-blocking. */
void net_tap_init(net_tap_t *t, int fd, int self, unsigned timeout_ms, net_tap_bytes_fn on_bytes, void *ctx);
/* Makes s read and write through t (transport pointer, push, pull,
 * pull_timeout); t must outlive s's use of the socket. */
void net_tap_attach(net_tap_t *t, gnutls_session_t s);
/* Plain bytes (a STARTTLS dialogue): every byte or -1 (state set). */
ssize_t net_tap_send(net_tap_t *t, const void *p, size_t n);
/* Up to n bytes as soon as some arrive; 0 at the peer's close; -1 on a
 * timeout or an error (state set). */
ssize_t net_tap_recv(net_tap_t *t, void *p, size_t n);
/* The last failure in words ("no answer within 10 s", "the peer reset
 * the connection"), "" when there was none. */
const char *net_tap_state_text(const net_tap_t *t, char *out, size_t len);

#endif
