/* test_bounds.c - a capture's memory stays bounded whatever it holds
 * (issue 14), through analyze_capture as the read command calls it: the
 * idle timeout (capture time) and the memory budget finish connections
 * early, each with a note saying why, and every connection that started
 * TLS is still reported, even one that sent only part of a ClientHello;
 * a handshake message beyond the per-message limit is refused with a note
 * and decoding goes on after it.  Captures are written here, packet by
 * packet (capture_testutil). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capture_testutil.h"
#include "capture/analyze.h"
#include "capture/reasm.h"

/* RFC 5246 7.4.1.2: a ClientHello offering TLS_RSA_WITH_AES_128_CBC_SHA,
 * no extensions, in one handshake record. */
static size_t bounds_client_hello(uint8_t *out)
{
	static const uint8_t head[] = { 22, 3, 1, 0, 45, 1, 0, 0, 41, 3, 3 };
	static const uint8_t tail[] = { 0, 0, 2, 0x00, 0x2f, 1, 0 };
	size_t n = 0;

	memcpy(out, head, sizeof head);
	n += sizeof head;
	memset(out + n, 0xab, 32);   /* random */
	n += 32;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail;
}

/* What the emit callback saw. */
enum { BOUNDS_MAX = 256 };
typedef struct {
	int n;
	unsigned conn[BOUNDS_MAX];
	outcome_t outcome[BOUNDS_MAX];
	size_t nmsgs[BOUNDS_MAX];
	bool idle_note[BOUNDS_MAX], budget_note[BOUNDS_MAX], partial_note[BOUNDS_MAX];
	char first_msg_note[BOUNDS_MAX][256];
	uint8_t last_type[BOUNDS_MAX];
} bounds_seen_t;

static bool bounds_has_note(const conn_t *c, const char *text)
{
	size_t i;

	for (i = 0; i < c->nnotes; i++)
		if (strstr(c->notes[i], text))
			return true;
	return false;
}

static void bounds_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	bounds_seen_t *s = ctx;
	int i = s->n++;

	if (i >= BOUNDS_MAX)
		return;
	s->conn[i] = c->id;
	s->outcome[i] = h->outcome;
	s->nmsgs[i] = h->nmsgs;
	s->idle_note[i] = bounds_has_note(c, "idle timeout");
	s->budget_note[i] = bounds_has_note(c, "memory budget");
	s->partial_note[i] = bounds_has_note(c, "incomplete record");
	if (h->nmsgs && h->msgs[0]->nnotes)
		snprintf(s->first_msg_note[i], sizeof s->first_msg_note[i], "%s", h->msgs[0]->notes[0]);
	s->last_type[i] = h->nmsgs ? h->msgs[h->nmsgs - 1]->hs_type : 0;
}

static err_t bounds_run(const char *path, double idle, size_t max_memory, bounds_seen_t *s, analyze_result_t *res)
{
	analyze_opts_t o = { .path = path, .only_connection = -1, .emit = bounds_emit, .ctx = s,
			     .idle_timeout = idle, .max_memory = max_memory };
	char why[256];

	memset(s, 0, sizeof *s);
	return analyze_capture(&o, res, why, sizeof why);
}

static void bounds_at(ct_writer_t *w, long sec)
{
	w->sec = sec;
	w->frac = 0;
}

static ct_tcp_t bounds_tcp(int i)
{
	static char ip[BOUNDS_MAX][20];
	ct_tcp_t t = { .ipv = 4, .sip = "10.0.0.2", .cport = (uint16_t)(20000 + i), .sport = 443,
		       .seq = { 1000, 9000 } };

	snprintf(ip[i], sizeof ip[i], "10.9.%d.%d", i / 200, i % 200 + 1);
	t.cip = ip[i];
	return t;
}

/* Connections 0 and 1 go silent after their ClientHello; a packet at
 * t+12 s finishes 0 (idle 12 s > 10 s) but not 1 (idle 7 s); one at
 * t+100 s finishes 1.  Connection 2 lasts to the end of the input. */
static void test_bounds_idle_timeout(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t t[3] = { bounds_tcp(0), bounds_tcp(1), bounds_tcp(2) };
	uint8_t ch[64];
	size_t n = bounds_client_hello(ch);
	bounds_seen_t s;
	analyze_result_t res;

	ct_open(&w, DLT_EN10MB, false);
	bounds_at(&w, 1000);
	ct_handshake(&w, &t[0]);
	ct_send(&w, &t[0], 0, ch, n);
	bounds_at(&w, 1005);
	ct_handshake(&w, &t[1]);
	ct_send(&w, &t[1], 0, ch, n);
	bounds_at(&w, 1012);
	ct_send(&w, &t[1], 1, "\x15\x03\x03\x00\x02\x02\x28", 7);   /* an alert from 1's server */
	bounds_at(&w, 1100);
	ct_handshake(&w, &t[2]);
	ct_send(&w, &t[2], 0, ch, n);
	ct_close(&w);

	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 10, 0, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, 3);
	/* finished in the order they went idle, each saying why */
	CU_ASSERT_EQUAL(s.conn[0], 0);
	CU_ASSERT_EQUAL(s.conn[1], 1);
	CU_ASSERT_EQUAL(s.conn[2], 2);
	CU_ASSERT(s.idle_note[0]);
	CU_ASSERT(s.idle_note[1]);
	CU_ASSERT(!s.idle_note[2]);
	CU_ASSERT_EQUAL(s.nmsgs[1], 2);         /* the alert at +12 s was still its own */
	CU_ASSERT_EQUAL(s.outcome[0], OUTCOME_INCOMPLETE);
	CU_ASSERT_EQUAL(s.outcome[1], OUTCOME_FAILED);   /* the server's alert */
	CU_ASSERT_EQUAL(s.outcome[2], OUTCOME_INCOMPLETE);
	CU_ASSERT_EQUAL(res.capture.idle_closed, 2);
	CU_ASSERT_EQUAL(res.connections, 3);

	/* negative: no idle timeout at all */
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, -1, 0, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, 3);
	CU_ASSERT(!s.idle_note[0] && !s.idle_note[1] && !s.idle_note[2]);
	CU_ASSERT_EQUAL(res.capture.idle_closed, 0);
	/* the default (300 s) keeps all three to the end */
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, 0, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL(res.capture.idle_closed, 0);
	unlink(w.path);
}

/* 200 connections open at once, each a ClientHello then silence, under a
 * 64 KiB budget: the least recently active are finished early with the
 * note, the held state never goes far past the budget, and all 200 are
 * reported. */
static void test_bounds_memory_budget(void)
{
	enum { N = 200 };
	ct_writer_t w = { 0 };
	uint8_t ch[64];
	size_t n = bounds_client_hello(ch);
	bool seen[N] = { false };
	bounds_seen_t s;
	analyze_result_t res;
	int i, distinct = 0, noted = 0;

	ct_open(&w, DLT_EN10MB, false);
	for (i = 0; i < N; i++) {
		ct_tcp_t t = bounds_tcp(i);
		ct_handshake(&w, &t);
		ct_send(&w, &t, 0, ch, n);
	}
	ct_close(&w);

	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, 64 * 1024, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, N);
	for (i = 0; i < N; i++) {
		if (s.conn[i] < N && !seen[s.conn[i]]) {
			seen[s.conn[i]] = true;
			distinct++;
		}
		noted += s.budget_note[i];
		CU_ASSERT_EQUAL(s.nmsgs[i], 1);     /* each with its ClientHello */
		CU_ASSERT_EQUAL(s.outcome[i], OUTCOME_INCOMPLETE);
	}
	CU_ASSERT_EQUAL(distinct, N);
	CU_ASSERT_EQUAL((uint64_t)noted, res.capture.budget_closed);
	CU_ASSERT(res.capture.budget_closed >= N / 2);
	CU_ASSERT(res.capture.budget_closed < N);         /* the last ones end with the input */
	CU_ASSERT(s.budget_note[0]);                      /* the least recently active went first */
	CU_ASSERT(!s.budget_note[N - 1]);
	CU_ASSERT(res.capture.peak_memory <= 64 * 1024 + 16 * 1024);
	/* without the budget nothing is finished early */
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, SIZE_MAX, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL(res.capture.budget_closed, 0);
	CU_ASSERT(res.capture.peak_memory > 64 * 1024);
	unlink(w.path);
}

/* 100 bytes of a ClientHello and then nothing: reported, incomplete, with
 * a note saying what was seen. */
static void test_bounds_partial_hello_reported(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t t = bounds_tcp(0);
	uint8_t rec[100];
	bounds_seen_t s;
	analyze_result_t res;

	memset(rec, 0, sizeof rec);
	bounds_client_hello(rec);
	rec[3] = 1;   /* the record announces 256 + 45 bytes */
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, rec, sizeof rec);
	ct_close(&w);
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, 0, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(s.outcome[0], OUTCOME_INCOMPLETE);
	CU_ASSERT_EQUAL(s.nmsgs[0], 0);
	CU_ASSERT(s.partial_note[0]);
	CU_ASSERT_EQUAL(res.connections, 1);
	unlink(w.path);

	/* only the record header, ending before the byte that says
	 * ClientHello: still reported */
	t = bounds_tcp(1);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, rec, 5);
	ct_close(&w);
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, 0, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(s.outcome[0], OUTCOME_INCOMPLETE);
	CU_ASSERT(s.partial_note[0]);
	unlink(w.path);
}

/* A Certificate claiming 2 MiB (RFC 8446 4 allows it; this is past the
 * limit) followed by its 2 MiB and a ServerHelloDone: the Certificate is
 * shown with a note, its body passed over, the ServerHelloDone decoded. */
static void test_bounds_huge_message_refused(void)
{
	enum { BODY = 2 << 20, REC = 16384 };
	static const uint8_t sh[] = { 22, 3, 3, 0, 42, 2, 0, 0, 38, 3, 3 };
	ct_writer_t w = { 0 };
	ct_tcp_t t = bounds_tcp(0);
	uint8_t ch[64], *hs, rec[5 + REC];
	size_t n = bounds_client_hello(ch), total = 4 + BODY + 4, off;
	bounds_seen_t s;
	analyze_result_t res;

	hs = calloc(1, total);
	CU_ASSERT_PTR_NOT_NULL_FATAL(hs);
	hs[0] = 11;                              /* Certificate, uint24 length 2 MiB */
	hs[1] = (uint8_t)(BODY >> 16);
	hs[4 + BODY] = 14;                       /* ServerHelloDone, empty */
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ch, n);
	memcpy(rec, sh, sizeof sh);
	memset(rec + sizeof sh, 0x11, 32);
	memcpy(rec + sizeof sh + 32, "\x00\x00\x2f\x00", 4);
	ct_send(&w, &t, 1, rec, sizeof sh + 36);
	for (off = 0; off < total; off += REC) {
		size_t k = total - off < REC ? total - off : REC;
		rec[0] = 22;
		rec[1] = 3;
		rec[2] = 3;
		rec[3] = (uint8_t)(k >> 8);
		rec[4] = (uint8_t)k;
		memcpy(rec + 5, hs + off, k);
		ct_send(&w, &t, 1, rec, 5 + k);
	}
	ct_fin(&w, &t);
	ct_close(&w);
	free(hs);
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, 0, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(s.nmsgs[0], 4);          /* ClientHello, ServerHello, Certificate, ServerHelloDone */
	CU_ASSERT_EQUAL(s.last_type[0], 14);
	CU_ASSERT_EQUAL(res.capture.budget_closed, 0);
	unlink(w.path);
}

/* The note on the refused Certificate itself. */
static void bounds_emit_cert_note(void *ctx, const conn_t *c, const handshake_t *h)
{
	bool *found = ctx;
	size_t i, k;

	(void)c;
	for (i = 0; i < h->nmsgs; i++)
		for (k = 0; k < h->msgs[i]->nnotes; k++)
			if (h->msgs[i]->hs_type == 11 && strstr(h->msgs[i]->notes[k], "claims 2097152 bytes"))
				*found = true;
}

static void test_bounds_huge_message_note(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t t = bounds_tcp(0);
	uint8_t ch[64];
	size_t n = bounds_client_hello(ch);
	static const uint8_t cert_head[] = { 22, 3, 3, 0, 8, 11, 0x20, 0, 0, 0, 0, 0, 0 };
	bool found = false;
	analyze_result_t res;
	char why[128];
	analyze_opts_t o = { .only_connection = -1, .emit = bounds_emit_cert_note, .ctx = &found };

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ch, n);
	ct_send(&w, &t, 1, cert_head, sizeof cert_head);
	ct_close(&w);
	o.path = w.path;
	CU_ASSERT_EQUAL_FATAL(analyze_capture(&o, &res, why, sizeof why), ERR_OK);
	CU_ASSERT(found);
	unlink(w.path);
}

/* What reassembly handed on, for the piece bound below. */
typedef struct {
	uint64_t delivered, gapped;
	uint32_t next;
	bool in_order;
} bounds_out_t;

static void bounds_on_data(void *arg, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	bounds_out_t *o = arg;
	size_t i;

	(void)frame;
	(void)time;
	for (i = 0; i < n; i++) {   /* byte k carries k & 0xff */
		o->in_order &= p[i] == (uint8_t)o->next;
		o->next++;
	}
	o->delivered += n;
}

static void bounds_on_gap(void *arg, uint64_t missing, uint32_t frame)
{
	bounds_out_t *o = arg;

	(void)frame;
	o->gapped += missing;
	o->next += (uint32_t)missing;
}

/* One-byte segments ahead of a hole, every other byte ascending then the
 * rest descending (each placed by a walk of the held list): the list
 * never holds more than REASM_MAX_PIECES pieces, holes are given up as
 * gaps instead, and every byte is delivered once, in order, or counted
 * as a gap. */
static void test_bounds_reasm_pieces(void)
{
	enum { K = 5000 };
	reasm_t r;
	bounds_out_t o = { 0, 0, 0, true };
	reasm_out_t out = { bounds_on_data, bounds_on_gap, &o };
	uint32_t max = 0, k;
	uint8_t b;

	memset(&r, 0, sizeof r);
	reasm_syn(&r, 0xffffffffu);    /* data starts at sequence number 0 */
	for (k = 2; k <= 2 * K; k += 2) {
		b = (uint8_t)k;
		reasm_add(&r, k, &b, 1, 0, k, 0, &out);
		max = r.pieces > max ? r.pieces : max;
	}
	for (k = 2 * K + 1; k >= 3; k -= 2) {
		b = (uint8_t)k;
		reasm_add(&r, k, &b, 1, 0, k, 0, &out);
		max = r.pieces > max ? r.pieces : max;
	}
	for (k = 0; k < 2; k++) {
		b = (uint8_t)k;
		reasm_add(&r, k, &b, 1, 0, k, 0, &out);
	}
	reasm_flush(&r, 0, &out);
	CU_ASSERT(max <= REASM_MAX_PIECES);
	CU_ASSERT(max >= REASM_MAX_PIECES / 2);
	CU_ASSERT(o.in_order);
	CU_ASSERT(o.gapped > 0);
	CU_ASSERT_EQUAL(o.delivered + o.gapped, 2 * K + 2);
	CU_ASSERT_EQUAL(r.pieces, 0);
	reasm_free(&r);
}

/* How many messages carry a note containing ctx's text (first field). */
typedef struct {
	const char *text;
	int found;
	size_t nmsgs;
} bounds_find_t;

static void bounds_emit_find(void *ctx, const conn_t *c, const handshake_t *h)
{
	bounds_find_t *f = ctx;
	size_t i, k;

	(void)c;
	f->nmsgs = h->nmsgs;
	for (i = 0; i < h->nmsgs; i++)
		for (k = 0; k < h->msgs[i]->nnotes; k++)
			f->found += strstr(h->msgs[i]->notes[k], f->text) != NULL;
}

/* A ClientHello, a ServerHello and then N Finished messages from the
 * server, in records of 1,000. */
enum { BOUNDS_FLOOD = 2000 };
static void bounds_write_flood(ct_writer_t *w, ct_tcp_t *t)
{
	enum { N = BOUNDS_FLOOD };
	static const uint8_t sh[] = { 22, 3, 3, 0, 42, 2, 0, 0, 38, 3, 3 };
	static uint8_t rec[5 + N * 16];
	uint8_t ch[64];
	size_t n = bounds_client_hello(ch), i;

	ct_handshake(w, t);
	ct_send(w, t, 0, ch, n);
	memcpy(rec, sh, sizeof sh);
	memset(rec + sizeof sh, 0x11, 32);
	memcpy(rec + sizeof sh + 32, "\x00\x00\x2f\x00", 4);
	ct_send(w, t, 1, rec, sizeof sh + 36);
	for (i = 0; i < N; i++) {   /* RFC 5246 7.4.9: Finished { opaque verify_data[12]; } */
		uint8_t *m = rec + 5 + i * 16;
		memset(m, 0x5a, 16);
		m[0] = 20;
		m[1] = 0;
		m[2] = 0;
		m[3] = 12;
	}
	for (i = 0; i < N * 16; i += 16000) {
		size_t k = N * 16 - i < 16000 ? N * 16 - i : 16000;
		uint8_t hdr[5] = { 22, 3, 3, (uint8_t)(k >> 8), (uint8_t)k };
		memcpy(rec + i, hdr, 5);   /* over the tail of the previous chunk, already sent */
		ct_send(w, t, 1, rec + i, k + 5);
	}
}

/* 2,000 Finished messages from the server in one handshake: the first is
 * checked, the others only noted (each check hashes the transcript). */
static void test_bounds_finished_flood(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t t = bounds_tcp(0);
	bounds_find_t f = { "already sent its Finished", 0, 0 };
	analyze_result_t res;
	char why[128];
	analyze_opts_t o = { .only_connection = -1, .emit = bounds_emit_find, .ctx = &f };

	ct_open(&w, DLT_EN10MB, false);
	bounds_write_flood(&w, &t);
	ct_close(&w);
	o.path = w.path;
	CU_ASSERT_EQUAL_FATAL(analyze_capture(&o, &res, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(f.nmsgs, 2 + BOUNDS_FLOOD);
	CU_ASSERT_EQUAL(f.found, BOUNDS_FLOOD - 1);
	unlink(w.path);
}

/* One connection that holds more than a quarter of the budget (its 2,000
 * messages) is closed itself, with the note; the quiet one opened before
 * it, less recently active, is not pushed out. */
static void test_bounds_one_hog(void)
{
	ct_writer_t w = { 0 };
	ct_tcp_t quiet = bounds_tcp(0), hog = bounds_tcp(1);
	uint8_t ch[64];
	size_t n = bounds_client_hello(ch);
	bounds_seen_t s;
	analyze_result_t res;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &quiet);
	ct_send(&w, &quiet, 0, ch, n);
	bounds_write_flood(&w, &hog);
	ct_close(&w);
	CU_ASSERT_EQUAL_FATAL(bounds_run(w.path, 0, 1 << 20, &s, &res), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(s.n, 2);
	CU_ASSERT_EQUAL(s.conn[0], 1);          /* the hog, finished early */
	CU_ASSERT(s.budget_note[0]);
	CU_ASSERT(s.nmsgs[0] < 2 + BOUNDS_FLOOD);
	CU_ASSERT_EQUAL(s.conn[1], 0);          /* the quiet one, at the end of input */
	CU_ASSERT(!s.budget_note[1]);
	CU_ASSERT_EQUAL(res.capture.budget_closed, 1);
	unlink(w.path);
}

/* The field trees (--text, --fields) count against the budget though they
 * live outside the arena: a CertificateRequest with 20,000 one-byte names
 * is 60 KB on the wire but 20,000 tree nodes: with its trees (about 4.8 MB
 * counted, notes included) it alone passes a quarter of a 16 MiB budget,
 * without them (lean, about 2.9 MB) it does not. */
static void test_bounds_trees_counted(void)
{
	enum { N = 20000 };
	static const uint8_t sh[] = { 22, 3, 3, 0, 42, 2, 0, 0, 38, 3, 3 };
	static uint8_t hs[4 + 8 + 3 * N], rec[5 + 16384];
	ct_writer_t w = { 0 };
	ct_tcp_t t = bounds_tcp(0);
	uint8_t ch[64];
	size_t n = bounds_client_hello(ch), i, len = 8 + 3 * N, off;
	bounds_find_t f = { "", 0, 0 };
	analyze_result_t res;
	char why[128];
	analyze_opts_t o = { .only_connection = -1, .emit = bounds_emit_find, .ctx = &f, .max_memory = 16 << 20 };

	/* RFC 5246 7.4.4: certificate_types<1..2^8-1>, supported_signature_algorithms<2..2^16-2>,
	 * certificate_authorities<0..2^16-1> of DistinguishedName<1..2^16-1> */
	hs[0] = 13;
	hs[1] = (uint8_t)(len >> 16);
	hs[2] = (uint8_t)(len >> 8);
	hs[3] = (uint8_t)len;
	memcpy(hs + 4, "\x01\x01\x00\x02\x04\x01", 6);
	hs[10] = (uint8_t)((3 * N) >> 8);
	hs[11] = (uint8_t)(3 * N);
	for (i = 0; i < N; i++)
		memcpy(hs + 12 + 3 * i, "\x00\x01\x30", 3);
	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ch, n);
	memcpy(rec, sh, sizeof sh);
	memset(rec + sizeof sh, 0x11, 32);
	memcpy(rec + sizeof sh + 32, "\x00\x00\x2f\x00", 4);
	ct_send(&w, &t, 1, rec, sizeof sh + 36);
	for (off = 0; off < sizeof hs; off += 16384) {
		size_t k = sizeof hs - off < 16384 ? sizeof hs - off : 16384;
		rec[0] = 22;
		rec[1] = 3;
		rec[2] = 3;
		rec[3] = (uint8_t)(k >> 8);
		rec[4] = (uint8_t)k;
		memcpy(rec + 5, hs + off, k);
		ct_send(&w, &t, 1, rec, 5 + k);
	}
	ct_close(&w);
	o.path = w.path;
	CU_ASSERT_EQUAL_FATAL(analyze_capture(&o, &res, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(f.nmsgs, 3);
	CU_ASSERT_EQUAL(res.capture.budget_closed, 1);
	o.lean = true;
	CU_ASSERT_EQUAL_FATAL(analyze_capture(&o, &res, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(f.nmsgs, 3);
	CU_ASSERT_EQUAL(res.capture.budget_closed, 0);
	unlink(w.path);
}

/* --idle-timeout and --max-memory as the command line gives them. */
static void test_bounds_parse_options(void)
{
	double d = 0;
	size_t m = 0;

	CU_ASSERT(analyze_parse_idle("300", &d) && d == 300);
	CU_ASSERT(analyze_parse_idle("0.5", &d) && d == 0.5);
	CU_ASSERT(analyze_parse_idle("0", &d) && d < 0);          /* never */
	CU_ASSERT(!analyze_parse_idle("", &d));
	CU_ASSERT(!analyze_parse_idle("-1", &d));
	CU_ASSERT(!analyze_parse_idle("5s", &d));
	CU_ASSERT(!analyze_parse_idle("nan", &d));
	CU_ASSERT(!analyze_parse_idle("inf", &d));
	CU_ASSERT(analyze_parse_memory("256M", &m) && m == (size_t)256 << 20);
	CU_ASSERT(analyze_parse_memory("2G", &m) && m == (size_t)2 << 30);
	CU_ASSERT(analyze_parse_memory("4096k", &m) && m == (size_t)4 << 20);
	CU_ASSERT(analyze_parse_memory("1048576", &m) && m == (size_t)1 << 20);
	CU_ASSERT(analyze_parse_memory("0", &m) && m == SIZE_MAX);  /* no budget */
	CU_ASSERT(!analyze_parse_memory("1000", &m));               /* under 1M */
	CU_ASSERT(!analyze_parse_memory("-5M", &m));
	CU_ASSERT(!analyze_parse_memory("12T", &m));
	CU_ASSERT(!analyze_parse_memory("M", &m));
	CU_ASSERT(!analyze_parse_memory("99999999999999999999G", &m));
}

static const test_case_t bounds_cases[] = {
	{ "--idle-timeout and --max-memory values", test_bounds_parse_options },
	{ "a flood of Finished messages is checked once", test_bounds_finished_flood },
	{ "one connection cannot take the whole budget", test_bounds_one_hog },
	{ "field trees count against the budget", test_bounds_trees_counted },
	{ "reassembly holds a bounded number of pieces", test_bounds_reasm_pieces },
	{ "idle timeout finishes silent connections, with a note", test_bounds_idle_timeout },
	{ "memory budget finishes the least recently active, all reported", test_bounds_memory_budget },
	{ "part of a ClientHello is reported as incomplete", test_bounds_partial_hello_reported },
	{ "a 2 MiB handshake message is refused, decoding goes on", test_bounds_huge_message_refused },
	{ "the refused message carries the note", test_bounds_huge_message_note },
	{ NULL, NULL },
};

const test_suite_t test_bounds_suite = { "bounds", bounds_cases };
