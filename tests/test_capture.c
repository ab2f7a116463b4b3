/* test_capture.c - the capture reader: captures are written here, with
 * libpcap, for every link type the reader supports, then read back; the
 * TLS payloads are fake but well-formed record prefixes, since what is
 * tested is delivery: orientation, addresses, stream numbers, exact bytes
 * in order through reordering, retransmission, overlap and wraparound,
 * gaps, frame numbers and times, STARTTLS.  Broken inputs and memory
 * are in test_capture_bad.c, other tools (editcap, BPF, tshark) in
 * test_capture_tools.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capture_testutil.h"

/* A whole TLS-looking conversation: handshake, ClientHello, ServerHello, FINs. */
static void conversation(ct_writer_t *w, ct_tcp_t *t)
{
	ct_handshake(w, t);
	ct_send(w, t, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(w, t, 1, ct_server_hello, sizeof ct_server_hello);
	ct_fin(w, t);
}

typedef struct {
	const char *name;
	int dlt;
	int ipv, v6ext, vlans;
	bool loop_le;
	uint32_t af6;
	uint32_t patch;          /* link type to write into the file header instead, or 0 */
} link_case_t;

static const link_case_t link_cases[] = {
	{ "ethernet v4", DLT_EN10MB, 4, 0, 0, false, 0, 0 },
	{ "802.1Q v4", DLT_EN10MB, 4, 0, 1, false, 0, 0 },
	{ "802.1ad+802.1Q v6", DLT_EN10MB, 6, 1, 2, false, 0, 0 },
	{ "three tags v4", DLT_EN10MB, 4, 0, 3, false, 0, 0 },
	{ "sll v4", DLT_LINUX_SLL, 4, 0, 0, false, 0, 0 },
	{ "sll v6", DLT_LINUX_SLL, 6, 4, 0, false, 0, 0 },
	{ "sll2 v4", DLT_LINUX_SLL2, 4, 0, 0, false, 0, 0 },
	{ "sll2 v6", DLT_LINUX_SLL2, 6, 2, 0, false, 0, 0 },
	{ "null le v4", DLT_NULL, 4, 0, 0, true, 0, 0 },
	{ "null le v6 24", DLT_NULL, 6, 0, 0, true, 24, 0 },
	{ "null be v6 28", DLT_NULL, 6, 0, 0, false, 28, 0 },
	{ "loop be v4", DLT_LOOP, 4, 0, 0, false, 0, 0 },
	{ "loop le v6 30", DLT_LOOP, 6, 1, 0, true, 30, 0 },
	{ "raw (101) v4", DLT_RAW, 4, 0, 0, false, 0, 0 },
	{ "raw (101) v6", DLT_RAW, 6, 1, 0, false, 0, 0 },
	{ "raw 12 v4", DLT_RAW, 4, 0, 0, false, 0, 12 },
	{ "raw 14 v6", DLT_RAW, 6, 0, 0, false, 0, 14 },
	{ "ipv4", DLT_IPV4, 4, 0, 0, false, 0, 0 },
	{ "ipv6", DLT_IPV6, 6, 1, 0, false, 0, 0 },
};

static void test_link_types(void)
{
	size_t i;

	for (i = 0; i < sizeof link_cases / sizeof link_cases[0]; i++) {
		const link_case_t *lc = &link_cases[i];
		ct_writer_t w = { .vlans = lc->vlans, .loop_le = lc->loop_le, .af6 = lc->af6 };
		ct_tcp_t t = { lc->ipv, lc->ipv == 4 ? "100.64.9.255" : "2001:db8::1"   /* 3, 2, 1 and 3 digits */,
			       lc->ipv == 4 ? "10.0.0.2" : "2001:db8::2", 40000, 443, { 1000, 5000 }, lc->v6ext };
		ct_rec_t r;

		ct_open(&w, lc->dlt, false);
		conversation(&w, &t);
		ct_close(&w);
		if (lc->patch)
			ct_patch_linktype(w.path, lc->patch);
		ct_rec_init(&r, 4);
		CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
		if (r.n != 1 || r.stats.malformed || r.stats.skipped)
			fprintf(stderr, "\n  link case %s: %d opened, %s\n", lc->name, r.n, r.why);
		CU_ASSERT_EQUAL(r.n, 1);
		CU_ASSERT_EQUAL(r.stats.frames, 8);
		CU_ASSERT_EQUAL(r.stats.tcp_frames, 8);
		CU_ASSERT_EQUAL(r.stats.malformed + r.stats.skipped, 0);
		if (r.n == 1) {
			CU_ASSERT_STRING_EQUAL(r.conn[0].flow.client_ip, t.cip);
			CU_ASSERT_STRING_EQUAL(r.conn[0].flow.server_ip, t.sip);
			CU_ASSERT_EQUAL(r.conn[0].flow.client_port, 40000);
			CU_ASSERT_EQUAL(r.conn[0].flow.server_port, 443);
			CU_ASSERT_EQUAL(r.conn[0].flow.first_frame, 1);
			CU_ASSERT_PTR_NULL(r.conn[0].flow.starttls);
			ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
			ct_expect_data(&r, 0, 1, ct_server_hello, sizeof ct_server_hello);
			CU_ASSERT_EQUAL(r.conn[0].frames[0][0], 4);
			CU_ASSERT_EQUAL(r.conn[0].frames[1][0], 5);
			CU_ASSERT_EQUAL(r.conn[0].ngaps[0] + r.conn[0].ngaps[1], 0);
		}
		ct_rec_free(&r);
		unlink(w.path);
	}
}

static void test_orientation(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t a = { 4, "192.0.2.10", "198.51.100.7", 51000, 8443, { 77, 0x9000 }, 0 };
	ct_tcp_t b = { 6, "2001:db8:1::10", "2001:db8:2::7", 52000, 443, { 5, 6 }, 0 };
	ct_seg_t synack;
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	/* a: the server's SYN-ACK is the first packet seen (the SYN was missed) */
	memset(&synack, 0, sizeof synack);
	synack = (ct_seg_t){ .ipv = 4, .src = a.sip, .dst = a.cip, .sport = a.sport, .dport = a.cport,
			     .seq = a.seq[1]++, .flags = CT_SYN | CT_ACK };
	a.seq[0]++;
	ct_seg(&w, &synack);
	ct_send(&w, &a, 0, ct_client_hello, sizeof ct_client_hello);
	/* b: no SYN at all, and the server's pure ACK comes first */
	ct_send(&w, &b, 1, NULL, 0);
	ct_send(&w, &b, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(&w, &b, 1, ct_server_hello, sizeof ct_server_hello);
	ct_send(&w, &a, 1, ct_server_hello, sizeof ct_server_hello);
	ct_close(&w);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 2);
	CU_ASSERT_EQUAL(r.conn[0].flow.stream, 0);
	CU_ASSERT_STRING_EQUAL(r.conn[0].flow.client_ip, "192.0.2.10");
	CU_ASSERT_EQUAL(r.conn[0].flow.client_port, 51000);
	CU_ASSERT_EQUAL(r.conn[0].flow.server_port, 8443);
	CU_ASSERT_EQUAL(r.conn[1].flow.stream, 1);
	CU_ASSERT_STRING_EQUAL(r.conn[1].flow.client_ip, "2001:db8:1::10");
	CU_ASSERT_STRING_EQUAL(r.conn[1].flow.server_ip, "2001:db8:2::7");
	CU_ASSERT_EQUAL(r.conn[1].flow.client_port, 52000);
	CU_ASSERT_EQUAL(r.conn[1].flow.first_frame, 3);
	ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
	ct_expect_data(&r, 0, 1, ct_server_hello, sizeof ct_server_hello);
	ct_expect_data(&r, 1, 0, ct_client_hello, sizeof ct_client_hello);
	ct_expect_data(&r, 1, 1, ct_server_hello, sizeof ct_server_hello);
	ct_rec_free(&r);
	unlink(w.path);
}

static void test_stream_numbers(void)
{
	static const char http[] = "GET / HTTP/1.1\r\nHost: example\r\n\r\n";
	ct_writer_t w = { 0 };
	ct_tcp_t web = { 4, "10.1.0.1", "10.1.0.2", 1111, 80, { 1, 1 }, 0 };
	ct_tcp_t tls1 = { 4, "10.1.0.1", "10.1.0.3", 2222, 443, { 1, 1 }, 0 };
	ct_tcp_t tls2 = { 6, "fe80::1", "fe80::2", 3333, 1080, { 1, 1 }, 0 };
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &web);                       /* stream 0: not TLS */
	ct_handshake(&w, &tls1);                      /* stream 1 */
	ct_send(&w, &web, 0, http, sizeof http - 1);
	ct_handshake(&w, &tls2);                      /* stream 2, TLS on a non-standard port */
	ct_send(&w, &tls2, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(&w, &tls1, 0, ct_client_hello, sizeof ct_client_hello);
	ct_fin(&w, &web);
	ct_fin(&w, &tls1);
	ct_fin(&w, &tls2);
	ct_close(&w);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.flows, 3);
	CU_ASSERT_EQUAL(r.stats.tls_flows, 2);
	CU_ASSERT_EQUAL_FATAL(r.n, 2);
	/* opened in ClientHello order, numbered in first-packet order */
	CU_ASSERT_EQUAL(r.conn[0].flow.stream, 2);
	CU_ASSERT_EQUAL(r.conn[0].flow.server_port, 1080);
	CU_ASSERT_STRING_EQUAL(r.conn[0].flow.client_ip, "fe80::1");
	CU_ASSERT_EQUAL(r.conn[1].flow.stream, 1);
	CU_ASSERT_EQUAL(r.conn[1].flow.first_frame, 4);
	ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
	ct_rec_free(&r);
	unlink(w.path);
}

/* 40 bytes: a ClientHello record prefix then a counting pattern. */
static void pattern(uint8_t *b, size_t n)
{
	size_t i;

	memcpy(b, ct_client_hello, sizeof ct_client_hello);
	for (i = sizeof ct_client_hello; i < n; i++)
		b[i] = (uint8_t)i;
}

static void test_reorder_retransmit_overlap(void)
{
	uint8_t msg[40], odd[10], want[40];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.2.0.1", "10.2.0.2", 4000, 443, { 100, 900 }, 0 };
	ct_rec_t r;

	pattern(msg, sizeof msg);
	memset(odd, 0xee, sizeof odd);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);                              /* frames 1-3 */
	ct_send_at(&w, &t, 0, 0, msg, 10);                 /* 4: in order */
	ct_send_at(&w, &t, 0, 20, msg + 20, 10);           /* 5: ahead, held */
	ct_send_at(&w, &t, 0, 25, odd, 10);                /* 6: overlaps 5; only 30..35 is new */
	ct_send_at(&w, &t, 0, 20, msg + 20, 20);           /* 7: retransmits 20..35, new 35..40 */
	ct_send_at(&w, &t, 0, 0, msg, 10);                 /* 8: duplicate of 4 */
	ct_send_at(&w, &t, 0, 5, msg + 5, 15);             /* 9: fills 10..20, overlapping 4 */
	t.seq[0] += 40;
	ct_send_at(&w, &t, 0, (uint32_t)-40, msg, 40);     /* 10: everything again */
	ct_send(&w, &t, 1, ct_server_hello, sizeof ct_server_hello);
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	/* first copy wins: 30..35 came from frame 6, not from frame 7 */
	memcpy(want, msg, sizeof want);
	memset(want + 30, 0xee, 5);
	ct_expect_data(&r, 0, 0, want, sizeof want);
	CU_ASSERT_EQUAL(r.conn[0].ncalls[0], 5);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][0], 4);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][1], 9);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][2], 5);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][3], 6);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][4], 7);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[0], 0);
	ct_expect_data(&r, 0, 1, ct_server_hello, sizeof ct_server_hello);
	ct_rec_free(&r);
	unlink(w.path);
}

static void test_wraparound(void)
{
	uint8_t msg[30];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.3.0.1", "10.3.0.2", 5000, 443, { 0xfffffff0u, 0xfffffffbu }, 0 };
	ct_rec_t r;

	pattern(msg, sizeof msg);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);                   /* client data starts at 0xfffffff1 */
	ct_send_at(&w, &t, 0, 0, msg, 10);
	ct_send_at(&w, &t, 0, 20, msg + 20, 10);   /* past 2^32, held */
	ct_send_at(&w, &t, 0, 10, msg + 10, 10);   /* 0xfffffffb .. 0x00000005 */
	t.seq[0] += 30;
	/* the server's data crosses 2^32 inside one segment */
	ct_send(&w, &t, 1, ct_server_hello, sizeof ct_server_hello);
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	ct_expect_data(&r, 0, 0, msg, sizeof msg);
	ct_expect_data(&r, 0, 1, ct_server_hello, sizeof ct_server_hello);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[0] + r.conn[0].ngaps[1], 0);
	ct_rec_free(&r);
	unlink(w.path);
}

static void test_gap(void)
{
	uint8_t msg[40], want[30];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.4.0.1", "10.4.0.2", 6000, 443, { 1, 1 }, 0 };
	ct_rec_t r;

	pattern(msg, sizeof msg);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send_at(&w, &t, 0, 0, msg, 10);           /* 4 */
	ct_send_at(&w, &t, 0, 20, msg + 20, 20);     /* 5: 10..20 never comes */
	t.seq[0] += 40;
	ct_send(&w, &t, 1, ct_server_hello, 6);      /* 6 */
	t.seq[1] += 4;                               /* 7: server FIN 4 bytes later: a trailing hole */
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	memcpy(want, msg, 10);
	memcpy(want + 10, msg + 20, 20);
	ct_expect_data(&r, 0, 0, want, sizeof want);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[0], 1);
	CU_ASSERT_EQUAL(r.conn[0].gap[0], 10);
	CU_ASSERT_EQUAL(r.conn[0].gap_frame[0], 5);
	CU_ASSERT_EQUAL(r.conn[0].ngaps[1], 1);
	CU_ASSERT_EQUAL(r.conn[0].gap[1], 4);
	CU_ASSERT_EQUAL(r.stats.gaps, 14);
	ct_rec_free(&r);
	unlink(w.path);
}

static void test_split_record(void)
{
	uint8_t msg[30];
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 6, "2001:db8::a", "2001:db8::b", 7000, 443, { 1, 1 }, 1 };
	ct_rec_t r;

	pattern(msg, sizeof msg);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, msg, 3);                  /* 4: "16 03 01": not yet decidable */
	ct_send(&w, &t, 1, ct_server_hello, 2);      /* 5: the server talks meanwhile */
	ct_send(&w, &t, 0, msg + 3, 2);              /* 6: the length */
	ct_send(&w, &t, 0, msg + 5, 25);             /* 7: handshake type 1 and on */
	ct_send(&w, &t, 1, ct_server_hello + 2, 8);  /* 8 */
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	CU_ASSERT_EQUAL(r.conn[0].flow.client_port, 7000);
	ct_expect_data(&r, 0, 0, msg, sizeof msg);
	ct_expect_data(&r, 0, 1, ct_server_hello, sizeof ct_server_hello);
	CU_ASSERT_EQUAL(r.conn[0].ncalls[0], 3);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][0], 4);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][1], 6);
	CU_ASSERT_EQUAL(r.conn[0].frames[0][2], 7);
	CU_ASSERT_EQUAL(r.conn[0].frames[1][0], 5);
	CU_ASSERT_EQUAL(r.conn[0].frames[1][1], 8);
	ct_rec_free(&r);
	unlink(w.path);
}

static void test_timestamps(void)
{
	int nano;

	for (nano = 0; nano < 2; nano++) {
		ct_writer_t w = { 0 };
		ct_tcp_t t = { 4, "10.5.0.1", "10.5.0.2", 8000, 443, { 1, 1 }, 0 };
		ct_rec_t r;

		ct_open(&w, DLT_EN10MB, nano);
		w.step = 0;
		w.sec = 1000;
		w.frac = nano ? 123456789 : 123456;
		ct_handshake(&w, &t);
		ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
		ct_close(&w);
		ct_rec_init(&r, 2);
		CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
		CU_ASSERT_EQUAL_FATAL(r.n, 1);
		CU_ASSERT(fabs(r.conn[0].times[0][0] - (nano ? 1000.123456789 : 1000.123456)) < 1e-10);
		ct_rec_free(&r);
		unlink(w.path);
	}
}

/* A plaintext exchange, then TLS.  lines alternate client/server as given. */
typedef struct {
	const char *name;
	uint16_t port;
	bool syn;                /* false: no handshake, the roles must be guessed */
	const char *expect;      /* the starttls name, or NULL when TLS must not open */
	const char *lines[10];   /* "C:..." from the client, "S:..." from the server */
	size_t ldap;             /* LDAP: lines are hex */
} starttls_case_t;

static const starttls_case_t starttls_cases[] = {
	{ "smtp", 25, true, "SMTP", { "S:220 mx.example ESMTP\r\n", "C:EHLO client\r\n",
		"S:250-mx.example\r\n250-STARTTLS\r\n250 8BITMIME\r\n", "C:STARTTLS\r\n",
		"S:220 2.0.0 Ready to start TLS\r\n", NULL }, 0 },
	{ "smtp refused then ok", 587, true, "SMTP", { "S:220 mx ESMTP\r\n", "C:STARTTLS\r\n",
		"S:454 4.7.0 TLS not available\r\n", "C:EHLO again\r\n", "S:250 mx\r\n",
		"C:starttls\r\n", "S:220 go\r\n", NULL }, 0 },
	{ "imap", 143, true, "IMAP", { "S:* OK IMAP4rev1 ready\r\n", "C:a1 CAPABILITY\r\n",
		"S:* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK done\r\n", "C:a2 STARTTLS\r\n",
		"S:a2 OK Begin TLS negotiation now\r\n", NULL }, 0 },
	{ "imap no syn", 143, false, "IMAP", { "S:* OK ready\r\n", "C:x STARTTLS\r\n", "S:x OK go\r\n", NULL }, 0 },
	{ "pop3 no syn", 110, false, "POP3", { "S:+OK POP3 ready\r\n", "C:CAPA\r\n",
		"S:+OK\r\nUSER\r\nSTLS\r\n.\r\n", "C:STLS\r\n", "S:+OK Begin TLS\r\n", NULL }, 0 },
	{ "ftp", 21, true, "FTP", { "S:220 ftp ready\r\n", "C:AUTH TLS\r\n", "S:234 AUTH TLS OK\r\n", NULL }, 0 },
	{ "xmpp no syn", 5222, false, "XMPP", {
		"C:<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client' "
		"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
		"S:<?xml version='1.0'?><stream:stream from='example.com' id='x1' xmlns='jabber:client' "
		"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><stream:features>"
		"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>",
		"C:<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
		"S:<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", NULL }, 0 },
	{ "ldap", 389, true, "LDAP", {
		"C:301d02010177188016312e332e362e312e342e312e313436362e3230303337",
		"S:300c02010178070a010004000400", NULL }, 1 },
	{ "http is not", 80, true, NULL, { "C:GET / HTTP/1.1\r\n", "S:HTTP/1.1 200 OK\r\n", NULL }, 0 },
	{ "smtp never upgrades", 25, true, NULL, { "S:220 mx\r\n", "C:EHLO x\r\n", "S:250 mx\r\n", NULL }, 0 },
};

static void test_starttls(void)
{
	size_t i, k;

	for (i = 0; i < sizeof starttls_cases / sizeof starttls_cases[0]; i++) {
		const starttls_case_t *sc = &starttls_cases[i];
		ct_writer_t w = { 0 };
		ct_tcp_t t = { 4, "10.6.0.1", "10.6.0.2", 9000, sc->port, { 10, 20 }, 0 };
		ct_rec_t r;

		ct_open(&w, DLT_EN10MB, false);
		if (sc->syn)
			ct_handshake(&w, &t);
		for (k = 0; sc->lines[k]; k++) {
			uint8_t b[600];
			const char *s = sc->lines[k] + 2;
			size_t n = sc->ldap ? test_unhex(s, b, sizeof b) : strlen(s);

			ct_send(&w, &t, sc->lines[k][0] == 'S', sc->ldap ? b : (const uint8_t *)s, n);
		}
		ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
		ct_send(&w, &t, 1, ct_server_hello, sizeof ct_server_hello);
		ct_fin(&w, &t);
		ct_close(&w);
		ct_rec_init(&r, 2);
		CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
		if (r.n != (sc->expect ? 1 : 0))
			fprintf(stderr, "\n  starttls case %s: %d opened\n", sc->name, r.n);
		CU_ASSERT_EQUAL(r.n, sc->expect ? 1 : 0);
		if (sc->expect && r.n == 1) {
			CU_ASSERT_PTR_NOT_NULL_FATAL(r.conn[0].flow.starttls);
			CU_ASSERT_STRING_EQUAL(r.conn[0].flow.starttls, sc->expect);
			CU_ASSERT_STRING_EQUAL(r.conn[0].flow.client_ip, "10.6.0.1");
			CU_ASSERT_EQUAL(r.conn[0].flow.server_port, sc->port);
			ct_expect_data(&r, 0, 0, ct_client_hello, sizeof ct_client_hello);
			ct_expect_data(&r, 0, 1, ct_server_hello, sizeof ct_server_hello);
		}
		ct_rec_free(&r);
		unlink(w.path);
	}
}

static void test_sslv2_hello(void)
{
	/* RFC 5246 E.2: length 0x802e, msg_type 1, version 3.1, then lengths */
	static const uint8_t v2[] = { 0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10 };
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.7.0.1", "10.7.0.2", 9100, 4433, { 1, 1 }, 0 };
	ct_rec_t r;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, v2, sizeof v2);
	ct_fin(&w, &t);
	ct_close(&w);
	ct_rec_init(&r, 2);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(r.n, 1);
	ct_expect_data(&r, 0, 0, v2, sizeof v2);
	ct_rec_free(&r);
	unlink(w.path);
}

static const test_case_t capture_cases[] = {
	{ "link types", test_link_types },
	{ "orientation", test_orientation },
	{ "stream numbers", test_stream_numbers },
	{ "reorder, retransmit, overlap", test_reorder_retransmit_overlap },
	{ "sequence wraparound", test_wraparound },
	{ "gaps", test_gap },
	{ "record split across segments", test_split_record },
	{ "timestamps", test_timestamps },
	{ "starttls", test_starttls },
	{ "sslv2 hello", test_sslv2_hello },
	{ "not a capture", test_capture_not_a_capture },
	{ "truncated file", test_capture_truncated_file },
	{ "lying lengths", test_capture_lying_lengths },
	{ "fragments", test_capture_fragments },
	{ "snaplen cut", test_capture_snaplen_cut },
	{ "huge sequence jump", test_capture_huge_jump },
	{ "held bytes bound", test_capture_held_bound },
	{ "many flows", test_capture_many_flows },
	{ "mid-stream", test_capture_mid_stream },
	{ "mid-stream TLS: two records alike", test_capture_mid_stream_tls },
	{ "rst and port reuse", test_capture_rst_and_reuse },
	{ "pcapng", test_capture_pcapng },
	{ "bpf filter", test_capture_bpf_filter },
	{ "stream numbers as tshark's", test_capture_tshark_streams },
	{ NULL, NULL }
};

const test_suite_t test_capture_suite = { "capture", capture_cases };
