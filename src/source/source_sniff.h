/* source_sniff.h - a network interface (capture/live_capture.h) behind
 * the source interface: the handshakes crossing it now, decoded as
 * `read` decodes a capture, each connection's conn->source "sniff".
 *
 * Streaming (source_run) is analyze_capture's path with its writer
 * thread: each connection is written when it ends, and the run lasts
 * until source_sniff_stop (Ctrl-C) or `count` handshakes.  Kept mode
 * (the interface) captures on a thread of its own; source_poll takes in
 * the connections that have ended since, so the list fills live.  A key
 * log being written (a browser's SSLKEYLOGFILE) is followed: its new
 * lines are read before each batch of packets is decoded, and packets are
 * held back a moment so that the lines for a handshake have been written
 * when its encrypted messages are read. */
#ifndef TLSTRACE_SOURCE_SNIFF_H
#define TLSTRACE_SOURCE_SNIFF_H

#include "capture/analyze.h"
#include "source.h"

/* How long a packet waits before it is decoded when a key log is
 * followed: the time its writer has to log a handshake's secrets after
 * the packets that made them. */
#define SOURCE_SNIFF_HOLD 0.5

typedef struct {
	const char *device;      /* -i; NULL: libpcap's default */
	const char *bpf;         /* --filter, or NULL */
	const char *write_pcap;  /* --write-pcap, or NULL */
	keylog_t *keylog;        /* borrowed, or NULL: followed (keylog_follow already called) */
	const rsakey_t *rsa;     /* borrowed, or NULL */
	bool lean;               /* as analyze_opts_t's */
	unsigned long count;     /* streaming: stop after this many handshakes (0: until stopped) */
} source_sniff_opts_t;

/* Opens the interface at once, so that a missing permission or interface
 * is told before anything runs: *fail says which, why in one sentence.
 * The strings are borrowed and must outlive the source. */
err_t source_sniff_new(const source_sniff_opts_t *o, source_t **out, live_capture_fail_t *fail, char *why,
		       size_t whylen) WUR;
/* Ends the capture: the connections still open are finished as
 * incomplete and reported.  Async-signal-safe (a signal handler may call
 * it); a no-op for a source that is not sniff. */
void source_sniff_stop(source_t *s);
/* What the capture counted (packets, connections) once run returned;
 * NULL for a source that is not sniff. */
const analyze_result_t *source_sniff_result(const source_t *s);

#endif
