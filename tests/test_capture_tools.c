/* test_capture_tools.c - the capture reader against other tools: a pcapng
 * written by editcap reads like the pcap it came from, a BPF filter leaves
 * flows out without renumbering frames, and stream numbers are the ones
 * tshark gives (tcp.stream) on the same file.  Registered by
 * test_capture.c's suite. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capture_testutil.h"

static void write_two_flows(ct_writer_t *w)
{
	ct_tcp_t a = { 4, "10.8.0.1", "10.8.0.2", 1234, 443, { 1, 1 }, 0 };
	/* no extension header here: libpcap's "port" does not look past them */
	ct_tcp_t b = { 6, "2001:db8::8", "2001:db8::9", 4321, 1080, { 1, 1 }, 0 };

	ct_open(w, DLT_EN10MB, true);
	ct_handshake(w, &b);
	ct_handshake(w, &a);
	ct_send(w, &b, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(w, &a, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(w, &a, 1, ct_server_hello, sizeof ct_server_hello);
	ct_fin(w, &a);
	ct_fin(w, &b);
	ct_close(w);
}

void test_capture_pcapng(void)
{
	ct_writer_t w = { 0 };
	char ng[64], cmd[256];
	ct_rec_t r1, r2;
	int i;

	write_two_flows(&w);
	ct_tmpname(ng, sizeof ng, ".pcapng");
	snprintf(cmd, sizeof cmd, "editcap -F pcapng %s %s >/dev/null 2>&1", w.path, ng);
	CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
	ct_rec_init(&r1, 4);
	ct_rec_init(&r2, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r1), ERR_OK);
	CU_ASSERT_EQUAL(ct_run(ng, NULL, &r2), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r1.n, 2);
	CU_ASSERT_EQUAL_FATAL(r2.n, 2);
	for (i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(r1.conn[i].flow.stream, r2.conn[i].flow.stream);
		CU_ASSERT_STRING_EQUAL(r1.conn[i].flow.client_ip, r2.conn[i].flow.client_ip);
		CU_ASSERT_EQUAL(r1.conn[i].frames[0][0], r2.conn[i].frames[0][0]);
		CU_ASSERT(fabs(r1.conn[i].times[0][0] - r2.conn[i].times[0][0]) < 1e-9);
		ct_expect_data(&r2, i, 0, ct_client_hello, sizeof ct_client_hello);
	}
	CU_ASSERT_EQUAL(r2.conn[0].flow.stream, 0);
	CU_ASSERT_EQUAL(r2.conn[0].flow.server_port, 1080);
	ct_rec_free(&r1);
	ct_rec_free(&r2);
	unlink(w.path);
	unlink(ng);
}

void test_capture_bpf_filter(void)
{
	ct_writer_t w = { 0 };
	ct_rec_t r;

	write_two_flows(&w);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, "not port 1080", &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	CU_ASSERT_EQUAL(r.conn[0].flow.server_port, 443);
	CU_ASSERT_EQUAL(r.conn[0].flow.stream, 0);      /* the filtered flow takes no number */
	CU_ASSERT_EQUAL(r.conn[0].frames[0][0], 8);     /* but frames count every packet */
	CU_ASSERT_EQUAL(r.stats.frames, w.frames);
	CU_ASSERT_EQUAL(r.stats.filtered, 7);
	ct_rec_free(&r);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, "port and and", &r), ERR_BAD_VALUE);
	CU_ASSERT(strstr(r.why, "filter") != NULL);
	ct_rec_free(&r);
	unlink(w.path);
}

/* Wireshark's tcp.stream for each frame of a file, from tshark. */
static int tshark_streams(const char *path, int *stream_of, int max)
{
	char cmd[256], line[64];
	int n = 0, frame, stream;
	FILE *p;

	snprintf(cmd, sizeof cmd, "tshark -r %s -T fields -e frame.number -e tcp.stream 2>/dev/null", path);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof line, p))
		if (sscanf(line, "%d %d", &frame, &stream) == 2 && frame > 0 && frame < max) {
			stream_of[frame] = stream;
			n++;
		}
	return pclose(p) == 0 ? n : -1;
}

void test_capture_tshark_streams(void)
{
	static const char http[] = "GET / HTTP/1.1\r\n\r\n";
	static const char *smtp[] = { "220 mx ESMTP\r\n", "STARTTLS\r\n", "220 go ahead\r\n" };
	ct_writer_t w = { 0 };
	ct_tcp_t web = { 4, "10.30.0.1", "10.30.0.2", 3000, 80, { 1, 1 }, 0 };
	ct_tcp_t a = { 4, "10.30.0.1", "10.30.0.2", 3001, 443, { 100, 100 }, 0 };
	ct_tcp_t mid = { 6, "2001:db8::1", "2001:db8::2", 3002, 8443, { 9, 9 }, 0 };
	ct_tcp_t mail = { 4, "10.30.0.1", "10.30.0.3", 3003, 25, { 1, 1 }, 0 };
	ct_seg_t rst, late;
	ct_rec_t r;
	int stream_of[128], i, k;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &web);
	ct_send(&w, &web, 0, http, sizeof http - 1);
	ct_handshake(&w, &a);
	ct_send(&w, &mid, 1, NULL, 0);                          /* no SYN, server first */
	ct_send(&w, &a, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(&w, &mid, 0, ct_client_hello, sizeof ct_client_hello);
	rst = (ct_seg_t){ .ipv = 4, .src = a.sip, .dst = a.cip, .sport = a.sport, .dport = a.cport,
			  .seq = a.seq[1], .flags = CT_RST | CT_ACK };
	ct_seg(&w, &rst);
	a.seq[0] += 100000;
	a.seq[1] += 100000;
	ct_handshake(&w, &a);                                   /* the port reused */
	ct_send(&w, &a, 0, ct_client_hello, sizeof ct_client_hello);
	ct_handshake(&w, &mail);
	for (k = 0; k < 3; k++)
		ct_send(&w, &mail, k != 1, smtp[k], strlen(smtp[k]));
	ct_send(&w, &mail, 0, ct_client_hello, sizeof ct_client_hello);
	ct_fin(&w, &a);
	late = (ct_seg_t){ .ipv = 4, .src = a.sip, .dst = a.cip, .sport = a.sport, .dport = a.cport,
			   .seq = a.seq[1], .flags = CT_ACK };
	ct_seg(&w, &late);
	ct_fin(&w, &mid);
	ct_fin(&w, &web);
	ct_close(&w);
	for (i = 0; i < 128; i++)
		stream_of[i] = -1;
	CU_ASSERT_EQUAL_FATAL(tshark_streams(w.path, stream_of, 128), (int)w.frames);
	ct_rec_init(&r, 8);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.n, 4);
	for (i = 0; i < r.n; i++) {
		uint32_t first = r.conn[i].frames[0][0];

		CU_ASSERT_EQUAL((int)r.conn[i].flow.stream, stream_of[first]);
		CU_ASSERT_EQUAL((int)r.conn[i].flow.stream, stream_of[r.conn[i].flow.first_frame]);
	}
	for (i = 1; i <= (int)w.frames; i++)
		CU_ASSERT(stream_of[i] < (int)r.stats.flows);
	CU_ASSERT_EQUAL(r.stats.flows, 5);
	ct_rec_free(&r);
	unlink(w.path);
}
