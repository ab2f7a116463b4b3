/* probe.h - what a server accepts, found by asking: after a handshake
 * that failed at step 2 (no common version, suite or group), one more
 * handshake per version, each with that version alone and the widest
 * suite and group lists GnuTLS has.  A probe never aborts on the
 * server's certificate and sends nothing after its handshake.  It never
 * prints. */
#ifndef TLSTRACE_NET_PROBE_H
#define TLSTRACE_NET_PROBE_H

#include <stdbool.h>
#include <stdint.h>
#include "connect.h"

#define NET_PROBE_MAX 4

typedef struct {
	unsigned version_bit;    /* NET_V* tried */
	bool answered;           /* the server sent a ServerHello */
	uint16_t suite;          /* the suite it chose (IANA id), when answered */
	char how[160];           /* what happened, in words */
	net_connect_t run;       /* owned: what crossed, for tracing the probe as a connection of its own */
} net_probe_t;

/* Runs the probes for cfg's server; returns how many were made (out[];
 * free them with net_probe_free).  *accepted: the NET_V* bits the server
 * answered. */
size_t net_probe_run(const net_connect_cfg_t *cfg, net_probe_t out[NET_PROBE_MAX], unsigned *accepted);
void net_probe_free(net_probe_t *p, size_t n);
/* The server's ServerHello in a recorded run: its suite, 0 when there is none. */
uint16_t net_probe_server_suite(const net_connect_t *r);

#endif
