/* capture.h - reading a capture file (pcap or pcapng, through libpcap) into
 * per-connection, per-direction TLS byte streams.
 *
 * Link layer -> IPv4/IPv6 -> TCP -> reassembly per direction -> TLS
 * detection (by content, any port, also after a STARTTLS exchange).  And
 * UDP datagrams that look like DTLS -> a flow per 5-tuple (closed by the
 * idle timeout or the end of input) -> DTLS detection by its ClientHello;
 * each datagram is handed over whole (DTLS records never span two).  The
 * sink sees only TLS connections, oriented: the side that sent the
 * ClientHello is the client.  Memory grows with the connections open at
 * once, never with the file: a flow's state is freed when it closes, and
 * a flow that is not TLS is dropped early.  And it is bounded whatever the
 * input (capture_set_limits): a flow idle for too long in capture time is
 * closed, and over the memory budget the least recently active flows are
 * closed, the sink told why (note) before each close. */
#ifndef TLSTRACE_CAPTURE_H
#define TLSTRACE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef struct {
	unsigned stream;         /* TCP connection number in order of first packet, from 0, as
	                            Wireshark's tcp.stream counts them (all TCP connections count) */
	char client_ip[46], server_ip[46];
	uint16_t client_port, server_port;
	const char *starttls;    /* "SMTP", "IMAP", ... when TLS began after a plaintext upgrade; NULL */
	uint32_t first_frame;
	/* The encapsulations its packets came through, outermost first, as
	 * the JSON writes them ("vlan 100", "vxlan 42"); ntunnel of them. */
	char tunnel[8][32];
	unsigned ntunnel;
	bool tunnel_more;        /* more than fit in tunnel[] */
	bool frag_overlap;       /* IP fragments overlapped (the first copy was kept) */
	bool mid_stream;         /* no hello: TLS records from the first bytes, the handshake not captured */
	bool udp;                /* DTLS over UDP: data() hands over one datagram per call, and
	                            stream counts UDP flows carrying DTLS, apart from TCP's */
} capture_flow_t;

typedef struct {
	/* A TLS connection was recognised (its ClientHello seen).  Return
	 * the caller's per-connection pointer, or NULL to ignore the flow. */
	void *(*open)(void *ctx, const capture_flow_t *flow);
	/* In-order bytes one side sent (sender 0 client, 1 server), from the
	 * first byte of the ClientHello record on. */
	void (*data)(void *ctx, void *conn, int sender, const uint8_t *p, size_t n, uint32_t frame, double time);
	/* `missing` bytes of this direction were never captured (a gap that
	 * could not be filled); the data that follows starts after it.  frame
	 * is the packet that carried the first bytes after the gap (for bytes
	 * cut by the snaplen, that packet itself; for a hole before the FIN
	 * or the end of input, the last packet read). */
	void (*gap)(void *ctx, void *conn, int sender, uint64_t missing, uint32_t frame);
	/* The connection ended (FIN or RST seen both ways / RST, or end of
	 * input); conn is not used again. */
	void (*close)(void *ctx, void *conn);
	/* Optional.  The bytes the sink holds for conn now (asked after it
	 * was handed data), counted against the memory budget. */
	size_t (*mem)(void *ctx, void *conn);
	/* Optional.  Why conn is being closed early (idle, or over the
	 * budget); close follows at once. */
	void (*note)(void *ctx, void *conn, const char *text);
	/* Optional.  sender (0 client, 1 server) ended its side of conn: a
	 * FIN (reset false, RFC 9293 3.6) or an RST that aborts it all. */
	void (*end)(void *ctx, void *conn, int sender, bool reset);
	/* Optional, live captures only: called about every 100 ms with the
	 * clock packets are stamped with (seconds since the epoch), so that
	 * a sink can act on time passing while nothing arrives. */
	void (*tick)(void *ctx, double now);
} capture_sink_t;

/* Bounds on what a run holds (capture_set_limits).  Zero for either means
 * no bound. */
typedef struct {
	double idle_timeout;     /* seconds of capture time without a packet after which a
	                            flow is closed (as incomplete, if it is TLS) */
	size_t max_memory;       /* bytes of flow state (ours and the sink's, as mem says):
	                            above it the least recently active flows are closed */
} capture_limits_t;

typedef struct {
	uint64_t frames;         /* packets read */
	uint64_t tcp_frames;
	uint64_t udp_frames;     /* UDP datagrams that looked like DTLS records */
	uint64_t skipped;        /* not IP/TCP, or a link type not understood */
	uint64_t malformed;      /* headers cut short or lying lengths */
	uint64_t truncated;      /* caplen < len: payload partly missing */
	uint64_t flows, tls_flows;
	uint64_t gaps;           /* bytes never captured, summed */
	bool file_truncated;     /* the file ended inside a packet */
	char file_error[160];    /* libpcap's complaint at the end, if any */
	uint64_t fragments;      /* IP fragments, skipped: there is no IP reassembly */
	uint64_t filtered;       /* packets the BPF filter left out (counted in frames) */
	uint64_t flows_open;     /* TCP flows alive now; 0 once capture_run returns */
	uint64_t peak_flows_open;/* the most alive at once: what memory grows with */
	uint64_t idle_closed;    /* flows closed for being idle longer than the idle timeout */
	uint64_t budget_closed;  /* flows closed to stay within the memory budget */
	uint64_t peak_memory;    /* the most flow state held at once, in bytes (as counted) */
} capture_stats_t;

typedef struct capture capture_t;

/* Opens a capture.  ERR_IO (cannot read), ERR_FORMAT (not a capture, or
 * a link type not supported), ERR_BAD_VALUE (the BPF filter does not
 * compile); *why says which, in one sentence. */
err_t capture_open(const char *path, const char *bpf, capture_t **out, char *why, size_t whylen) WUR;
/* Reads every packet, calling the sink as connections appear, carry data
 * and end; at the end of input every open connection is closed.  All four
 * callbacks are required (ERR_BAD_VALUE otherwise).  A file that ends
 * inside a packet, or that libpcap stops reading, is not an error: what
 * came before is delivered and stats.file_truncated / file_error say so.
 * ERR_NOMEM when memory ran out on the way (the run still completes, with
 * gaps where bytes could not be held). */
err_t capture_run(capture_t *cap, const capture_sink_t *sink, void *ctx) WUR;
const capture_stats_t *capture_stats(const capture_t *cap);
/* Before capture_run; without it there is no bound. */
void capture_set_limits(capture_t *cap, const capture_limits_t *limits);
void capture_close(capture_t *cap);

#endif
