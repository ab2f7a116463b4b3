/* analyze.h - a capture through the decoder: every TLS connection of a
 * capture file decoded, checked and handed to the caller one handshake at
 * a time, as soon as it can change no more (streaming: a finished
 * connection's state is freed at once). */
#ifndef TLSTRACE_ANALYZE_H
#define TLSTRACE_ANALYZE_H

#include <stdbool.h>
#include "crypto/keylog.h"
#include "crypto/rsakey.h"
#include "tls/x509.h"
#include "trace/model.h"
#include "capture.h"
#include "live_capture.h"

/* Called for each handshake, in the order they end (with `background`: in
 * the order their connections end).  c and h are valid only during the
 * call. */
typedef void (*analyze_emit_fn)(void *ctx, const conn_t *c, const handshake_t *h);
/* Called after emit when no more is waiting for the moment: output that
 * emit held back can be written now (fewer, larger writes). */
typedef void (*analyze_idle_fn)(void *ctx);

typedef struct {
	const char *path;        /* the capture file (unless live) */
	/* Borrowed, or NULL: capture from this open interface instead of
	 * reading path, until live_capture_stop. */
	live_capture_t *live;
	const char *source_name; /* the connections' conn->source; NULL: "capture" */
	const char *bpf;         /* libpcap filter, or NULL */
	const keylog_t *keylog;  /* borrowed, may be NULL */
	const rsakey_t *rsa;     /* borrowed, may be NULL */
	const x509_trust_t *trust;   /* borrowed, may be NULL: --ca */
	long only_connection;    /* -1: all; otherwise that connection number only */
	analyze_emit_fn emit;
	analyze_idle_fn idle;    /* may be NULL */
	void *ctx;
	/* When set, each finished connection is handed over (the callee owns
	 * and frees it with conn_free) instead of being freed: for a view
	 * that lists every connection.  Memory then grows with the capture. */
	void (*keep)(void *ctx, conn_t *c);
	/* Parse facts only, no field trees (except for failed handshakes):
	 * for summaries of large captures. */
	bool lean;
	/* Emit on a second thread while this one goes on decoding: each
	 * connection's handshakes are emitted together once it is finished
	 * (docs/json.md's order).  Ignored with keep. */
	bool background;
	/* Emit a handshake as soon as both its Finished are in, not when its
	 * connection ends (sniff: a line per handshake while the connection
	 * goes on).  Without background or keep only. */
	bool report_early;
	/* Bounds on memory whatever the capture holds (capture_limits_t):
	 * a connection without a packet for idle_timeout seconds of capture
	 * time is finished as incomplete (0: ANALYZE_IDLE_DEFAULT; negative:
	 * never); above max_memory bytes of connection state the least
	 * recently active connections are finished as incomplete (0:
	 * ANALYZE_MEMORY_DEFAULT; SIZE_MAX: no budget).  Either way each
	 * carries a note saying why, and is reported. */
	double idle_timeout;
	size_t max_memory;
} analyze_opts_t;

/* Zeek's tcp_inactivity_timeout is 5 minutes. */
#define ANALYZE_IDLE_DEFAULT 300.0
#define ANALYZE_MEMORY_DEFAULT ((size_t)192 << 20)   /* what is counted; malloc's overhead on top keeps the process under 256 MB */

/* The command line's --idle-timeout and --max-memory, read into what
 * analyze_opts_t takes; false when s is not one.  Seconds: a decimal
 * number >= 0 ("300", "0.5"), 0 meaning never (-1 in idle_timeout).  A
 * size: a whole number of bytes with an optional K, M or G (powers of
 * 1024), at least 1M, or 0 meaning no budget (SIZE_MAX in max_memory). */
bool analyze_parse_idle(const char *s, double *idle_timeout);
bool analyze_parse_memory(const char *s, size_t *max_memory);

typedef struct {
	unsigned long connections;   /* TLS connections decoded */
	unsigned long handshakes;
	unsigned long rsa_key_mismatches;  /* connections whose certificate the --rsa-key does not fit */
	/* capture.idle_closed / budget_closed: connections finished early */
	capture_stats_t capture;
} analyze_result_t;

/* ERR_IO / ERR_FORMAT / ERR_BAD_VALUE with *why when the capture cannot be
 * read at all; otherwise ERR_OK, even if nothing was TLS (res says). */
err_t analyze_capture(const analyze_opts_t *o, analyze_result_t *res, char *why, size_t whylen) WUR;

#endif
