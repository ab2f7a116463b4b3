/* test_capture_bad.c - the capture reader on broken input and at scale:
 * files that are not captures, a file cut mid-packet, headers that lie,
 * fragments, snaplen cuts, sequence jumps, the held-bytes bound, 2,000
 * flows in a row, flows picked up mid-stream, resets and port reuse.
 * Registered by test_capture.c's suite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capture_testutil.h"

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	if (n)
		CU_ASSERT_EQUAL(fwrite(p, 1, n, f), n);
	fclose(f);
}

void test_capture_not_a_capture(void)
{
	uint8_t junk[1000];
	char path[64];
	ct_writer_t w = { 0 };
	ct_rec_t r;
	uint32_t x = 12345;
	size_t i;

	for (i = 0; i < sizeof junk; i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (uint8_t)(x >> 16);
	}
	ct_tmpname(path, sizeof path, ".bin");
	ct_rec_init(&r, 1);
	write_file(path, junk, sizeof junk);
	CU_ASSERT_EQUAL(ct_run(path, NULL, &r), ERR_FORMAT);
	CU_ASSERT(strstr(r.why, "not a pcap or pcapng file") != NULL);
	CU_ASSERT(strchr(r.why, '\n') == NULL);
	write_file(path, NULL, 0);
	CU_ASSERT_EQUAL(ct_run(path, NULL, &r), ERR_FORMAT);
	write_file(path, "\xd4\xc3\xb2\xa1\x02\x00", 6);    /* a pcap magic, then nothing */
	CU_ASSERT_EQUAL(ct_run(path, NULL, &r), ERR_FORMAT);
	unlink(path);
	CU_ASSERT_EQUAL(ct_run(path, NULL, &r), ERR_IO);
	CU_ASSERT(strstr(r.why, "cannot read") != NULL);
	CU_ASSERT_EQUAL(ct_run("/tmp", NULL, &r), ERR_IO);
	/* a link type the reader does not know: FDDI (802.11 is read now) */
	ct_open(&w, DLT_FDDI, false);
	ct_raw(&w, junk, 60, 60);
	ct_close(&w);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_FORMAT);
	CU_ASSERT(strstr(r.why, "FDDI") != NULL);
	CU_ASSERT_EQUAL(r.n, 0);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_truncated_file(void)
{
	static const long cuts[] = { 16 + 30, 8 };   /* inside the packet data; inside the record header */
	size_t k;

	for (k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
		uint8_t big[400];
		ct_writer_t w = { 0 };
		ct_tcp_t t = { 4, "10.20.0.1", "10.20.0.2", 1000, 443, { 1, 1 }, 0 };
		ct_rec_t r;
		long at;

		memcpy(big, ct_server_hello, sizeof ct_server_hello);
		memset(big + sizeof ct_server_hello, 0x55, sizeof big - sizeof ct_server_hello);
		ct_open(&w, DLT_EN10MB, false);
		ct_handshake(&w, &t);
		ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
		at = pcap_dump_ftell(w.dump);
		ct_send(&w, &t, 1, big, sizeof big);
		ct_close(&w);
		CU_ASSERT_EQUAL_FATAL(truncate(w.path, at + cuts[k]), 0);
		ct_rec_init(&r, 2);
		CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
		CU_ASSERT(r.stats.file_truncated);
		CU_ASSERT(strstr(r.stats.file_error, "truncated") != NULL);
		CU_ASSERT_EQUAL(r.stats.frames, 4);
		CU_ASSERT_EQUAL_FATAL(r.n, 1);
		ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
		CU_ASSERT_EQUAL(r.conn[0].data[1].len, 0);
		CU_ASSERT(r.conn[0].closed);
		ct_rec_free(&r);
		unlink(w.path);
	}
}

void test_capture_lying_lengths(void)
{
	static const uint8_t mac_v4[14] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00 };
	uint8_t f[200];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.21.0.1", "10.21.0.2", 1000, 443, { 1, 1 }, 0 };
	ct_seg_t s = { .ipv = 4, .src = "10.21.0.3", .dst = "10.21.0.4", .sport = 1, .dport = 2,
		       .flags = CT_ACK, .data = ct_client_hello, .len = sizeof ct_client_hello };
	ct_seg_t s6 = s;
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	ct_raw(&w, f, 0, 0);                                 /* an empty frame */
	memset(f, 0, sizeof f);
	ct_raw(&w, f, 1, 1);                                 /* one byte */
	memcpy(f, mac_v4, sizeof mac_v4);
	ct_raw(&w, f, 14, 14);                               /* Ethernet, then nothing */
	f[14] = 0x44;                                        /* IHL 4 */
	ct_raw(&w, f, 60, 60);
	f[14] = 0x4f;                                        /* IHL 15, 60 bytes, only 30 there */
	ct_raw(&w, f, 44, 44);
	f[14] = 0x45;                                        /* total length 10 < IHL */
	f[17] = 10;
	ct_raw(&w, f, 60, 60);
	f[12] = 0x08; f[13] = 0x06;                          /* ARP: skipped */
	ct_raw(&w, f, 42, 42);
	s.ip_extra = 500;                                    /* IP length beyond the wire */
	ct_seg(&w, &s);
	s.ip_extra = 0;
	s.tcp_doff = 3;                                      /* data offset below 5 */
	ct_seg(&w, &s);
	s.tcp_doff = 15;                                     /* 60-byte header in a 30-byte segment */
	s.len = 10;
	ct_seg(&w, &s);
	s.tcp_doff = 0;
	s.tcp_opt_words = 2;                                 /* options, then cut inside them */
	s.len = 0;
	s.cut = 6;
	ct_seg(&w, &s);
	s6.ipv = 6;
	s6.src = "2001:db8::3";
	s6.dst = "2001:db8::4";
	s6.v6ext = 1;
	s6.cut = 40;                                         /* cut inside the extension headers */
	ct_seg(&w, &s6);
	s6.v6ext = 0;
	s6.cut = 0;
	s6.ip_extra = -15;                                   /* payload length shorter than TCP's header */
	ct_seg(&w, &s6);
	s.cut = 0;
	s.tcp_opt_words = 0;
	s.ip_zero_len = true;                                /* total length 0: offload, use the frame */
	s.len = sizeof ct_client_hello;
	ct_seg(&w, &s);
	ct_handshake(&w, &t);                                /* and a good flow still works */
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.malformed, 12);
	CU_ASSERT_EQUAL(r.stats.skipped, 1);
	CU_ASSERT_EQUAL(r.stats.truncated, 2);
	CU_ASSERT_EQUAL(r.stats.frames, w.frames);
	CU_ASSERT_EQUAL_FATAL(r.n, 2);
	CU_ASSERT_EQUAL(r.conn[0].flow.client_port, 1);      /* the offload frame */
	ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
	CU_ASSERT_EQUAL(r.conn[1].flow.client_port, 1000);
	ct_expect_data(&r, 1, 0, ct_client_hello, sizeof ct_client_hello);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_fragments(void)
{
	ct_writer_t w = { 0 };
	ct_seg_t s = { .ipv = 4, .src = "10.22.0.1", .dst = "10.22.0.2", .sport = 1, .dport = 443,
		       .flags = CT_ACK, .data = ct_client_hello, .len = sizeof ct_client_hello };
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	s.frag = 0x2000;                 /* MF, offset 0: a first fragment */
	ct_seg(&w, &s);
	s.frag = 0x0010;                 /* offset 16 */
	ct_seg(&w, &s);
	s.ipv = 6;
	s.src = "2001:db8::1";
	s.dst = "2001:db8::2";
	s.v6ext = 3;                     /* offset 8 */
	ct_seg(&w, &s);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.fragments, 3);
	CU_ASSERT_EQUAL(r.stats.tcp_frames, 0);
	CU_ASSERT_EQUAL(r.n, 0);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_snaplen_cut(void)
{
	uint8_t msg[100];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.23.0.1", "10.23.0.2", 1000, 443, { 1, 1 }, 0 };
	ct_seg_t s = { .ipv = 4, .src = t.cip, .dst = t.sip, .sport = t.cport, .dport = t.sport,
		       .flags = CT_ACK, .data = msg, .len = sizeof msg, .cut = 60 };
	ct_rec_t r;

	memset(msg, 0xab, sizeof msg);
	memcpy(msg, ct_client_hello, sizeof ct_client_hello);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	s.seq = t.seq[0];
	ct_seg(&w, &s);                                   /* frame 4: 40 of 100 bytes kept */
	t.seq[0] += sizeof msg;
	ct_send(&w, &t, 0, msg + 10, 20);                 /* frame 5 */
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.truncated, 1);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	CU_ASSERT_EQUAL(r.conn[0].data[0].len, 60);
	CU_ASSERT(memcmp(r.conn[0].data[0].ptr, msg, 40) == 0);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[0], 1);
	CU_ASSERT_EQUAL(r.conn[0].gap[0], 60);
	CU_ASSERT_EQUAL(r.conn[0].gap_frame[0], 4);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][1], 5);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_huge_jump(void)
{
	static const uint8_t tail[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	uint8_t want[20];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.24.0.1", "10.24.0.2", 1000, 443, { 7, 7 }, 0 };
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send_at(&w, &t, 0, 0x40000000u, tail, sizeof tail);   /* 1 GiB ahead */
	ct_send_at(&w, &t, 0, 0x90000000u, tail, sizeof tail);   /* more than 2^31 ahead: behind */
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	memcpy(want, ct_client_hello, 10);
	memcpy(want + 10, tail, 10);
	ct_expect_data(&r, 0, 0, want, sizeof want);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[0], 1);
	CU_ASSERT_EQUAL(r.conn[0].gap[0], 0x40000000u);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_held_bound(void)
{
	enum { SEG = 1000, NSEG = 1100 };
	uint8_t seg[SEG];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.25.0.1", "10.25.0.2", 1000, 443, { 1, 1 }, 0 };
	ct_rec_t r;
	const uint8_t *d;
	int i, bad = 0;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	t.seq[0] += SEG;                                 /* lost */
	for (i = 0; i < NSEG; i++) {
		memset(seg, i & 0xff, sizeof seg);
		ct_send(&w, &t, 0, seg, sizeof seg);
	}
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[0], 1);
	CU_ASSERT_EQUAL(r.conn[0].gap[0], SEG);
	/* reported with the frame of the bytes after it, and as soon as the
	 * bound was crossed, long before the end */
	CU_ASSERT_EQUAL(r.conn[0].gap_frame[0], 5);
	CU_ASSERT(r.conn[0].gap_read[0] > 4 + 1000 && r.conn[0].gap_read[0] < 4 + NSEG);
	CU_ASSERT_EQUAL_FATAL(r.conn[0].data[0].len, 10 + (size_t)SEG * NSEG);
	d = r.conn[0].data[0].ptr + 10;
	for (i = 0; i < NSEG * SEG; i++)
		bad += d[i] != (uint8_t)(i / SEG);
	CU_ASSERT_EQUAL(bad, 0);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_many_flows(void)
{
	enum { N = 2000 };
	ct_writer_t w = { 0 };
	ct_rec_t r;
	int i;

	ct_open(&w, DLT_EN10MB, false);
	for (i = 0; i < N; i++) {
		ct_tcp_t t = { 4, "10.26.0.1", "10.26.0.2", (uint16_t)(10000 + i), 443, { (uint32_t)i * 7919u, 1 }, 0 };

		ct_handshake(&w, &t);
		ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
		ct_send(&w, &t, 1, ct_server_hello, sizeof ct_server_hello);
		ct_fin(&w, &t);
	}
	ct_close(&w);
	ct_rec_init(&r, N);
	r.keep_data = false;
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.n, N);
	CU_ASSERT_EQUAL(r.stats.flows, N);
	CU_ASSERT_EQUAL(r.stats.flows_open, 0);
	CU_ASSERT(r.stats.peak_flows_open <= 2);
	CU_ASSERT_EQUAL(r.bytes, (uint64_t)N * 20);
	CU_ASSERT_EQUAL(r.conn[N - 1].flow.stream, N - 1);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_mid_stream(void)
{
	static const uint8_t appdata[] = { 0x17, 0x03, 0x03, 0x00, 0x04, 1, 2, 3, 4 };
	static const uint8_t junk[] = { 0x00, 0xff, 0x10, 0x20 };
	ct_writer_t w = { 0 };
	ct_tcp_t a = { 4, "10.27.0.1", "10.27.0.2", 1000, 443, { 500, 900 }, 0 };
	ct_tcp_t b = { 4, "10.27.0.1", "10.27.0.2", 1001, 443, { 500, 900 }, 0 };
	ct_tcp_t c = { 4, "10.27.0.1", "10.27.0.2", 1002, 443, { 500, 900 }, 0 };
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	ct_send(&w, &a, 0, appdata, sizeof appdata);          /* after the handshake */
	ct_send(&w, &a, 1, appdata, sizeof appdata);
	ct_send(&w, &a, 0, ct_client_hello, sizeof ct_client_hello);   /* not first, and a record of
									   another version: not mid-stream TLS */
	ct_send(&w, &b, 1, ct_server_hello, sizeof ct_server_hello);   /* the ClientHello was missed */
	ct_send(&w, &b, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(&w, &c, 0, junk, sizeof junk);
	ct_send(&w, &c, 0, ct_client_hello, sizeof ct_client_hello);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.n, 0);
	CU_ASSERT_EQUAL(r.stats.flows, 3);
	CU_ASSERT_EQUAL(r.stats.tls_flows, 0);
	ct_rec_free(&r);
	unlink(w.path);
}

/* TLS picked up after its handshake: two whole record headers alike from
 * the first byte (detect.c detect_mid_stream), and nothing less. */
void test_capture_mid_stream_tls(void)
{
	static const uint8_t two[] = { 0x17, 0x03, 0x03, 0x00, 0x02, 1, 2, 0x15, 0x03, 0x03, 0x00, 0x02, 1, 0 };
	static const uint8_t other_version[] = { 0x17, 0x03, 0x03, 0x00, 0x01, 1, 0x17, 0x03, 0x01, 0x00, 0x01, 1 };
	static const uint8_t zero_len[] = { 0x17, 0x03, 0x03, 0x00, 0x00, 0x17, 0x03, 0x03, 0x00, 0x01, 1 };
	static const uint8_t unknown_type[] = { 0x19, 0x03, 0x03, 0x00, 0x01, 1, 0x19, 0x03, 0x03, 0x00, 0x01, 1 };
	static const uint8_t overlong[] = { 0x17, 0x03, 0x03, 0x48, 0x01 };
	static const uint8_t one[] = { 0x17, 0x03, 0x03, 0x00, 0x01, 1 };
	ct_writer_t w = { 0 };
	ct_tcp_t t[6] = {
		{ 4, "10.29.0.1", "10.29.0.2", 40000, 443, { 500, 900 }, 0 },
		{ 4, "10.29.0.1", "10.29.0.2", 40001, 443, { 500, 900 }, 0 },
		{ 4, "10.29.0.1", "10.29.0.2", 40002, 443, { 500, 900 }, 0 },
		{ 4, "10.29.0.1", "10.29.0.2", 40003, 443, { 500, 900 }, 0 },
		{ 4, "10.29.0.1", "10.29.0.2", 40004, 443, { 500, 900 }, 0 },
		{ 4, "10.29.0.1", "10.29.0.2", 40005, 443, { 500, 900 }, 0 },
	};
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	/* The server speaks first, its two records split across segments. */
	ct_send(&w, &t[0], 1, two, 3);
	ct_send(&w, &t[0], 0, one, sizeof one);
	ct_send(&w, &t[0], 1, two + 3, sizeof two - 3);
	ct_send(&w, &t[1], 0, other_version, sizeof other_version);
	ct_send(&w, &t[2], 0, zero_len, sizeof zero_len);
	ct_send(&w, &t[3], 0, unknown_type, sizeof unknown_type);
	ct_send(&w, &t[4], 0, overlong, sizeof overlong);
	ct_send(&w, &t[5], 0, one, sizeof one);      /* one record, then the end */
	ct_close(&w);
	ct_rec_init(&r, 6);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	CU_ASSERT(r.conn[0].flow.mid_stream);
	CU_ASSERT_EQUAL(r.conn[0].flow.client_port, 40000);   /* the higher port */
	CU_ASSERT_EQUAL(r.conn[0].flow.server_port, 443);
	ct_expect_data(&r, 0, 1, two, sizeof two);
	ct_expect_data(&r, 0, 0, one, sizeof one);
	CU_ASSERT_EQUAL(r.stats.tls_flows, 1);
	ct_rec_free(&r);
	unlink(w.path);
}

void test_capture_rst_and_reuse(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.28.0.1", "10.28.0.2", 1000, 443, { 100, 200 }, 0 };
	ct_seg_t rst, late;
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	rst = (ct_seg_t){ .ipv = 4, .src = t.sip, .dst = t.cip, .sport = 443, .dport = 1000,
			  .seq = t.seq[1], .flags = CT_RST | CT_ACK };
	ct_seg(&w, &rst);                        /* frame 5: closes stream 0 */
	ct_seg(&w, &rst);                        /* a late packet: no new stream */
	t.seq[0] = 5000;
	t.seq[1] = 6000;
	ct_handshake(&w, &t);                    /* frame 7: a new connection, stream 1 */
	t.seq[0] -= 1;
	t.seq[1] -= 1;
	ct_handshake(&w, &t);                    /* a retransmitted SYN: same connection */
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	ct_fin(&w, &t);
	late = (ct_seg_t){ .ipv = 4, .src = t.sip, .dst = t.cip, .sport = 443, .dport = 1000,
			   .seq = t.seq[1], .flags = CT_ACK };
	ct_seg(&w, &late);                       /* after both FINs: still stream 1 */
	ct_close(&w);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.flows, 2);
	CU_ASSERT_EQUAL_FATAL(r.n, 2);
	CU_ASSERT_EQUAL(r.conn[0].flow.stream, 0);
	CU_ASSERT_EQUAL(r.conn[1].flow.stream, 1);
	CU_ASSERT_EQUAL(r.conn[1].flow.first_frame, 7);
	ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
	ct_expect_data(&r, 1, 0, ct_client_hello, sizeof ct_client_hello);
	ct_rec_free(&r);
	unlink(w.path);
}
