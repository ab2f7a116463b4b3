/* starttls.h - the plain-text dialogues that come before TLS on mail,
 * file and database ports (SMTP RFC 3207, IMAP RFC 3501 6.2.1, POP3 RFC
 * 2595 4, FTP RFC 4217 4, XMPP RFC 6120 5.4, PostgreSQL SSLRequest), as a
 * sans-I/O state machine: it says what to send, is fed what arrived, and
 * says when TLS may start or why the server refused.  The caller moves
 * the bytes (net_tap_send/net_tap_recv).  It never prints. */
#ifndef TLSTRACE_NET_STARTTLS_H
#define TLSTRACE_NET_STARTTLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/bytes.h"
#include "base/err.h"

typedef enum { NET_STLS_SMTP, NET_STLS_IMAP, NET_STLS_POP3, NET_STLS_FTP, NET_STLS_XMPP, NET_STLS_POSTGRES, NET_STLS__COUNT } net_stls_proto_t;

typedef enum {
	NET_STLS_SEND,     /* send net_starttls_out's bytes, then feed what comes back */
	NET_STLS_MORE,     /* feed more of the server's bytes */
	NET_STLS_READY,    /* the server agreed: start the TLS handshake now */
	NET_STLS_REFUSED,  /* the server refused or answered something else: net_starttls_why */
} net_stls_next_t;

typedef struct {
	net_stls_proto_t proto;
	unsigned step;           /* index in the protocol's dialogue */
	bool sent;               /* this step's bytes were handed out */
	char host[256];          /* for XMPP's to= */
	char out[512];           /* the bytes to send now */
	size_t out_len;
	char in[2048];           /* what arrived and is not consumed yet */
	size_t in_len;
	char why[256];
	char last_line[128];     /* the server's last line, for the trace */
} net_stls_t;

/* "smtp", "imap", ...: the protocol, or -1. */
int net_starttls_proto_parse(const char *name);
const char *net_starttls_proto_name(net_stls_proto_t p);
/* The port a protocol's STARTTLS usually runs on (25, 143, ...). */
uint16_t net_starttls_default_port(net_stls_proto_t p);
void net_starttls_init(net_stls_t *st, net_stls_proto_t proto, const char *host);
/* What to do now: NET_STLS_SEND (then net_starttls_out), or NET_STLS_MORE. */
net_stls_next_t net_starttls_next(net_stls_t *st);
slice_t net_starttls_out(const net_stls_t *st);
/* Bytes the server sent; returns what to do next. */
net_stls_next_t net_starttls_feed(net_stls_t *st, const uint8_t *p, size_t n);
const char *net_starttls_why(const net_stls_t *st);

#endif
