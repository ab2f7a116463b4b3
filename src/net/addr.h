/* addr.h - where to connect: HOST[:PORT] parsed (a name, an IPv4
 * address, an IPv6 address in brackets with a port, [::1]:8443, or bare,
 * ::1), the name resolved (IPv4 and IPv6) and a TCP connection made
 * within a timeout, trying each address in turn.  Failures come back as
 * a sentence that names the cause (name not found, connection refused,
 * no answer).  It never prints. */
#ifndef TLSTRACE_NET_ADDR_H
#define TLSTRACE_NET_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

#define NET_ADDR_HOST_MAX 256

typedef struct {
	char host[NET_ADDR_HOST_MAX];  /* without brackets */
	uint16_t port;
	bool literal;              /* host is an IP address (no SNI for it, RFC 6066 3) */
} net_addr_target_t;

/* text: HOST, HOST:PORT, [V6], [V6]:PORT or a bare IPv6 address;
 * default_port when none is given.  ERR_BAD_VALUE with why. */
err_t net_addr_parse(const char *text, uint16_t default_port, net_addr_target_t *out, char *why, size_t whylen) WUR;

/* Which way the connection failed. */
typedef enum { NET_ADDR_OK, NET_ADDR_NOT_FOUND, NET_ADDR_REFUSED, NET_ADDR_TIMEOUT, NET_ADDR_UNREACHABLE, NET_ADDR_OTHER } net_addr_fail_t;

typedef struct {
	int fd;                    /* owned by the caller once ERR_OK: close() */
	char local_ip[46], peer_ip[46];
	uint16_t local_port, peer_port;
	net_addr_fail_t fail;
} net_addr_conn_t;

/* Resolves t and connects, waiting at most timeout_ms per address.
 * ERR_IO with why and out->fail when no address answered. */
err_t net_addr_connect(const net_addr_target_t *t, unsigned timeout_ms, net_addr_conn_t *out, char *why, size_t whylen) WUR;

#endif
