/* capture_testutil.h - what the capture reader tests share: a writer of
 * real capture files (libpcap's pcap_dump, any link type the reader
 * supports) with hand-built link/IP/TCP headers, a TCP conversation helper
 * that keeps sequence numbers, and a sink that records what the reader
 * delivers. */
#ifndef TLSTRACE_CAPTURE_TESTUTIL_H
#define TLSTRACE_CAPTURE_TESTUTIL_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "testing.h"
#include "base/bytes.h"
#include "capture/capture.h"

enum { CT_FIN = 0x01, CT_SYN = 0x02, CT_RST = 0x04, CT_PSH = 0x08, CT_ACK = 0x10 };

/* One TCP segment, and how to lie about it. */
typedef struct {
	int ipv;                  /* 4 or 6 */
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t seq;
	uint8_t flags;            /* CT_* */
	const void *data;
	size_t len;
	int v6ext;                /* IPv6: 1 hop-by-hop + destination options, 2 atomic fragment,
	                             3 non-first fragment, 4 routing + AH */
	uint16_t frag;            /* IPv4 flags + fragment offset field (0: DF only) */
	int ip_extra;             /* added to the IP length field (a lie) */
	bool ip_zero_len;         /* IPv4 total length 0 (segmentation offload) */
	int tcp_opt_words;        /* NOP options, in 32-bit words */
	int tcp_doff;             /* raw data offset to write instead (malformed tests) */
	size_t cut;               /* bytes left out of the capture at the end (caplen < len) */
} ct_seg_t;

typedef struct {
	pcap_t *dead;             /* owned until ct_close */
	pcap_dumper_t *dump;
	int dlt;
	int vlans;                /* Ethernet: stacked tags, the outer one 802.1ad when 2 or more */
	bool loop_le;             /* NULL/LOOP: the AF in little-endian */
	uint32_t af6;             /* NULL/LOOP: the AF_INET6 value to write (24, 28, 30) */
	bool nano;
	long sec, frac;           /* the next packet's time; frac in us or ns */
	long step;                /* added to frac after each packet */
	unsigned frames;
	char path[64];
} ct_writer_t;

void ct_open(ct_writer_t *w, int dlt, bool nano);
void ct_seg(ct_writer_t *w, const ct_seg_t *s);
/* A frame of exactly these bytes; len is the on-the-wire length. */
void ct_raw(ct_writer_t *w, const uint8_t *b, size_t caplen, size_t len);
void ct_close(ct_writer_t *w);
/* Rewrites the link type in the file header (for numbers libpcap will
 * not write itself, like LINKTYPE 12 or 14). */
void ct_patch_linktype(const char *path, uint32_t linktype);
/* A temporary file name; the caller unlinks it. */
void ct_tmpname(char *out, size_t n, const char *suffix);

/* A TCP connection being written: who, and the next sequence numbers. */
typedef struct {
	int ipv;
	const char *cip, *sip;
	uint16_t cport, sport;
	uint32_t seq[2];          /* next sequence number, [0] client, [1] server */
	int v6ext;
} ct_tcp_t;

void ct_handshake(ct_writer_t *w, ct_tcp_t *t);           /* SYN, SYN-ACK, ACK */
/* A segment from the client (0) or the server (1) at the current
 * sequence number, which then moves on by n. */
void ct_send(ct_writer_t *w, ct_tcp_t *t, int from, const void *p, size_t n);
/* A segment at an explicit offset from the current sequence number,
 * which does not move. */
void ct_send_at(ct_writer_t *w, ct_tcp_t *t, int from, uint32_t off, const void *p, size_t n);
void ct_fin(ct_writer_t *w, ct_tcp_t *t);                 /* FIN both ways, last ACK */

/* What the recording sink saw of one connection. */
typedef struct {
	capture_flow_t flow;
	buf_t data[2];            /* owned: ct_rec_free */
	uint32_t frames[2][16];   /* frames of the first data calls */
	double times[2][16];
	int ncalls[2];
	uint64_t gap[2];
	int ngaps[2];
	uint32_t gap_frame[2];     /* the frame the first gap was reported with */
	uint64_t gap_read[2];      /* frames read when the first gap was reported */
	bool closed;
	int after_close;          /* callbacks after close: must stay 0 */
} ct_conn_t;

typedef struct {
	ct_conn_t *conn;          /* owned: up to maxconn */
	int n, maxconn;
	capture_t *cap;
	bool keep_data;           /* record bytes (false: count only, for big runs) */
	uint64_t bytes;
	capture_stats_t stats;
	char why[256];
} ct_rec_t;

void ct_rec_init(ct_rec_t *r, int maxconn);
void ct_rec_free(ct_rec_t *r);
/* capture_open + capture_run + capture_close into r; returns the first error. */
err_t ct_run(const char *path, const char *bpf, ct_rec_t *r);
/* Asserts that conn i's data for sender equals p/n. */
void ct_expect_data(const ct_rec_t *r, int i, int sender, const void *p, size_t n);

/* The fake but well-formed record prefixes the tests deliver. */
extern const uint8_t ct_client_hello[10], ct_server_hello[10];

/* Cases in test_capture_bad.c, registered by test_capture.c's suite. */
void test_capture_not_a_capture(void);
void test_capture_truncated_file(void);
void test_capture_lying_lengths(void);
void test_capture_fragments(void);
void test_capture_snaplen_cut(void);
void test_capture_huge_jump(void);
void test_capture_held_bound(void);
void test_capture_many_flows(void);
void test_capture_mid_stream(void);
void test_capture_mid_stream_tls(void);
void test_capture_rst_and_reuse(void);
/* Cases in test_capture_tools.c. */
void test_capture_pcapng(void);
void test_capture_bpf_filter(void);
void test_capture_tshark_streams(void);

#endif
