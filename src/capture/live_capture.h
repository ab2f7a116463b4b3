/* live_capture.h - packets from a network interface (libpcap on a device)
 * through the same path as a capture file: link layer, IP, TCP,
 * reassembly, TLS detection, the sink of capture.h.
 *
 * The interface is opened in immediate mode with a short timeout, so a
 * packet reaches the decoder at once, not when the kernel's buffer fills.
 * Each packet can be held back for a moment before it is decoded (hold):
 * a key log that a browser or curl is still writing then has its lines
 * for a handshake before the handshake's encrypted messages are read.
 * The run ends when live_capture_stop is called (from a signal handler,
 * or another thread); the connections still open are then closed as at
 * the end of a file.  Nothing here prints. */
#ifndef TLSTRACE_LIVE_CAPTURE_H
#define TLSTRACE_LIVE_CAPTURE_H

#include <stdbool.h>
#include "capture.h"

typedef struct live_capture live_capture_t;

/* Why an interface could not be opened, for the command line's advice. */
typedef enum {
	LIVE_CAPTURE_FAIL_NONE,
	LIVE_CAPTURE_FAIL_PERM,      /* not root, no CAP_NET_RAW */
	LIVE_CAPTURE_FAIL_DEVICE,    /* no such interface (why lists the ones there are) */
	LIVE_CAPTURE_FAIL_FILTER,    /* the BPF filter does not compile */
	LIVE_CAPTURE_FAIL_OTHER,
} live_capture_fail_t;

typedef struct {
	const char *device;      /* the interface; NULL: libpcap's first (pcap_findalldevs) */
	const char *bpf;         /* a filter run in the kernel, or NULL */
	const char *write_pcap;  /* every packet captured also written to this pcap file, or NULL */
	double hold;             /* seconds each packet waits before it is decoded (0: none) */
	/* Called on the decoding thread before packets are decoded (to read
	 * a key log's new lines, say); may be NULL. */
	void (*tick)(void *ctx);
	void *tick_ctx;
} live_capture_opts_t;

/* Opens and activates the interface (and the --write-pcap file).  On
 * failure *fail says what kind and why names it in one sentence. */
err_t live_capture_open(const live_capture_opts_t *o, live_capture_t **out, live_capture_fail_t *fail,
			char *why, size_t whylen) WUR;
/* The interface actually opened ("lo"). */
const char *live_capture_device(const live_capture_t *lc);
void live_capture_set_limits(live_capture_t *lc, const capture_limits_t *limits);
/* Captures until live_capture_stop, calling the sink as capture_run
 * does; at the end every connection still open is closed.  ERR_IO when
 * libpcap fails on the way (why says so); what came before is delivered. */
err_t live_capture_run(live_capture_t *lc, const capture_sink_t *sink, void *ctx, char *why, size_t whylen) WUR;
/* Ends the run soon: async-signal-safe (a flag and pcap_breakloop), and
 * callable from any thread. */
void live_capture_stop(live_capture_t *lc);
const capture_stats_t *live_capture_stats(const live_capture_t *lc);
void live_capture_close(live_capture_t *lc);

#endif
