/* test_source.c - the source interface (src/source/): a live source is
 * advanced flight by flight to the same final trace liverun_all gives,
 * re-runs with new randoms and streams with its key log and tape; a
 * source of the kind still to come grows while polled and fails an
 * advance with a reason.  The capture source: test_source_capture.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "source_testutil.h"
#include "live/run.h"
#include "source/source_capture.h"
#include "source/source_live.h"

#define THREE "captures/three-connections.pcap"

/* The messages of a handshake as (sender, content type, handshake type). */
static void msg_kinds(const handshake_t *h, unsigned *out, size_t cap)
{
	size_t i;

	for (i = 0; i < h->nmsgs && i < cap; i++)
		out[i] = (unsigned)h->msgs[i]->sender << 16 | (unsigned)h->msgs[i]->type << 8 | h->msgs[i]->hs_type;
}

static void test_live_flight_by_flight(void)
{
	live_cfg_t cfg = { 0 };
	liverun_t *ref = NULL;
	source_t *s = NULL;
	char why[256] = "";
	bool more = true;
	size_t flights = 0, prev_msgs = 0, grew = 0, shrank = 0;
	unsigned kr[64] = { 0 }, ks[64] = { 0 };
	const handshake_t *h, *rh;
	conn_t *c;

	CU_ASSERT_EQUAL_FATAL(source_live_new(&cfg, false, &s), ERR_OK);
	CU_ASSERT_STRING_EQUAL(source_name(s), "live");
	CU_ASSERT_FALSE(source_many(s));
	CU_ASSERT_STRING_EQUAL(source_frame_unit(s), "flight");
	CU_ASSERT_EQUAL(source_count(s), 0);        /* nothing runs before start */
	CU_ASSERT_EQUAL_FATAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_count(s), 1);
	c = source_conn(s, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->source, source_name(s));
	CU_ASSERT_PTR_NULL(source_conn(s, 1));
	CU_ASSERT_FALSE(source_final(s, 0));
	while (more && flights < LIVE_MAX_TURNS + 2) {
		CU_ASSERT_EQUAL_FATAL(source_advance(s, 0, &more, why, sizeof why), ERR_OK);
		flights++;
		h = conn_current(source_conn(s, 0));
		if (more) {
			/* each flight adds messages, and the trace is not final yet */
			CU_ASSERT_PTR_NOT_NULL_FATAL(h);
			CU_ASSERT_FALSE(source_final(s, 0));
			grew += h->nmsgs > prev_msgs;
			shrank += h->nmsgs < prev_msgs;
			prev_msgs = h->nmsgs;
		}
	}
	CU_ASSERT_FALSE(more);
	CU_ASSERT_TRUE(source_final(s, 0));
	/* the four handshake flights each add messages; none takes one away */
	CU_ASSERT(grew >= 4);
	CU_ASSERT_EQUAL(shrank, 0);
	/* done: advancing again changes nothing */
	CU_ASSERT_EQUAL(source_advance(s, 0, &more, why, sizeof why), ERR_OK);
	CU_ASSERT_FALSE(more);

	/* the same settings run to the end in one go */
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &ref, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(ref), ERR_OK);
	c = source_conn(s, 0);
	CU_ASSERT_EQUAL_FATAL(c->nhs, ref->conn->nhs);
	h = c->hs[0];
	rh = ref->conn->hs[0];
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_EQUAL(rh->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(h->version, rh->version);
	CU_ASSERT_EQUAL(h->suite_id, rh->suite_id);
	CU_ASSERT_EQUAL_FATAL(h->nmsgs, rh->nmsgs);
	msg_kinds(h, ks, 64);
	msg_kinds(rh, kr, 64);
	CU_ASSERT_EQUAL(memcmp(ks, kr, sizeof ks), 0);
	CU_ASSERT_EQUAL(flights, ref->flights + 1);
	/* two runs, two handshakes: the randoms differ */
	CU_ASSERT_NOT_EQUAL(memcmp(h->client_random, rh->client_random, 32), 0);
	liverun_free(ref);
	source_free(s);
}

/* Runs connection 0 of a live source to its end; its first handshake. */
static const handshake_t *run_out(source_t *s)
{
	char why[256] = "";
	bool more = true;
	int n = 0;

	while (more && n++ < LIVE_MAX_TURNS + 2)
		if (source_advance(s, 0, &more, why, sizeof why) != ERR_OK)
			return NULL;
	return source_conn(s, 0)->nhs ? source_conn(s, 0)->hs[0] : NULL;
}

static void test_live_rerun(void)
{
	live_cfg_t cfg = { .version = VER_TLS13 };
	source_t *s = NULL;
	char why[256] = "";
	const handshake_t *h;
	uint8_t first_random[32], first_server[32];

	CU_ASSERT_EQUAL_FATAL(source_live_new(&cfg, false, &s), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT_TRUE(source_can_rerun(s));
	h = run_out(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	memcpy(first_random, h->client_random, 32);
	memcpy(first_server, h->server_random, 32);
	CU_ASSERT_EQUAL_FATAL(source_rerun(s, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_count(s), 1);
	CU_ASSERT_FALSE(source_final(s, 0));      /* back at the start */
	CU_ASSERT_EQUAL(source_conn(s, 0)->nhs, 0);
	h = run_out(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_EQUAL(h->version, VER_TLS13);
	CU_ASSERT_NOT_EQUAL(memcmp(first_random, h->client_random, 32), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(first_server, h->server_random, 32), 0);
	source_free(s);
}

static void test_live_streaming(void)
{
	live_cfg_t cfg = { 0 };
	source_t *s = NULL;
	st_seen_t t = { 0 };
	char why[256] = "";
	const liverun_flight_t *tape;
	const buf_t *kl;
	unsigned n = 0;

	CU_ASSERT_EQUAL_FATAL(source_live_new(&cfg, true, &s), ERR_OK);
	CU_ASSERT_PTR_NULL(source_live_keylog(s));
	CU_ASSERT_EQUAL_FATAL(source_run(s, st_seen_emit, st_seen_idle, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(t.handshakes, 1);
	CU_ASSERT_EQUAL(t.complete, 1);
	CU_ASSERT_EQUAL(t.idles, 1);
	CU_ASSERT_STRING_EQUAL(t.source, "live");
	kl = source_live_keylog(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(kl);
	CU_ASSERT(kl->len > 13 && memcmp(kl->ptr, "CLIENT_RANDOM", 13) == 0);
	tape = source_live_tape(s, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tape);
	CU_ASSERT(n >= 4);
	CU_ASSERT_EQUAL(tape[0].sender, SIDE_CLIENT);
	CU_ASSERT_EQUAL(tape[0].bytes.ptr[0], 22);   /* a handshake record: the ClientHello */
	CU_ASSERT_EQUAL(tape[1].sender, SIDE_SERVER);
	/* the live accessors refuse another source */
	CU_ASSERT_PTR_NULL(source_capture_result(s));
	source_free(s);
}

/* A source of the kind still to come (real clients arriving, a live
 * interface): connections appear at each poll, and advancing the second
 * one fails with a reason.  Only the interface's rules are under test. */
typedef struct {
	source_t base;
	conn_t *conns[3];
	size_t n;
	bool over[3];
} grow_t;

static err_t grow_start(source_t *s, char *why, size_t whylen)
{
	(void)s; (void)why; (void)whylen;
	return ERR_OK;
}

static err_t grow_poll(source_t *s, size_t *added, char *why, size_t whylen)
{
	grow_t *g = (grow_t *)s;

	(void)why; (void)whylen;
	if (g->n < 3) {
		g->conns[g->n] = conn_new((unsigned)g->n, "grow");
		ENSURE(g->conns[g->n], ERR_NOMEM);
		g->n++;
		*added = 1;
	}
	return ERR_OK;
}

static size_t grow_count(const source_t *s)
{
	return ((const grow_t *)s)->n;
}

static conn_t *grow_conn(const source_t *s, size_t i)
{
	return ((const grow_t *)s)->conns[i];
}

static err_t grow_advance(source_t *s, size_t i, bool *more, char *why, size_t whylen)
{
	grow_t *g = (grow_t *)s;

	g->over[i] = true;
	if (i == 1) {
		snprintf(why, whylen, "the peer closed the connection");
		return ERR_IO;
	}
	*more = false;
	return ERR_OK;
}

static bool grow_final(const source_t *s, size_t i)
{
	return ((const grow_t *)s)->over[i];
}

static void grow_free(source_t *s)
{
	grow_t *g = (grow_t *)s;
	size_t i;

	for (i = 0; i < g->n; i++)
		conn_free(g->conns[i]);
}

static const source_ops_t grow_ops = {
	.name = "grow", .many = true, .reported_by = "key log says", .frame_unit = "frame",
	.start = grow_start, .poll = grow_poll, .count = grow_count, .conn = grow_conn,
	.advance = grow_advance, .final = grow_final, .rerun = NULL, .free = grow_free,
};

static void test_growing_source(void)
{
	grow_t g = { .base = { .ops = &grow_ops } };
	source_t *s = &g.base, *cap = NULL;
	analyze_opts_t ao = { .path = THREE, .only_connection = -1 };
	char why[256] = "";
	size_t added = 9, polls;
	bool more = true;

	CU_ASSERT_EQUAL_FATAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT_TRUE(source_grows(s));
	CU_ASSERT_EQUAL(source_count(s), 0);
	CU_ASSERT_PTR_NULL(source_conn(s, 0));
	CU_ASSERT_STRING_EQUAL(source_label(s), "grow");    /* no label: the name */
	for (polls = 0; polls < 5; polls++)
		CU_ASSERT_EQUAL(source_poll(s, &added, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(added, 0);                 /* the last poll found nothing new */
	CU_ASSERT_EQUAL_FATAL(source_count(s), 3);
	CU_ASSERT_EQUAL(source_conn(s, 2)->id, 2);
	CU_ASSERT_PTR_NULL(source_conn(s, 3));
	/* an advance that fails says why, and the trace is then final */
	CU_ASSERT_FALSE(source_final(s, 1));
	CU_ASSERT_EQUAL(source_advance(s, 1, &more, why, sizeof why), ERR_IO);
	CU_ASSERT_FALSE(more);
	CU_ASSERT_STRING_EQUAL(why, "the peer closed the connection");
	CU_ASSERT_TRUE(source_final(s, 1));
	CU_ASSERT_TRUE(source_final(s, 7));        /* past the end: nothing will come */
	CU_ASSERT_EQUAL(source_advance(s, 7, &more, why, sizeof why), ERR_BAD_VALUE);
	/* no rerun op: cannot, and says so */
	why[0] = '\0';
	CU_ASSERT_FALSE(source_can_rerun(s));
	CU_ASSERT_EQUAL(source_rerun(s, why, sizeof why), ERR_UNSUPPORTED);
	CU_ASSERT(why[0] != '\0');
	source_free(s);

	/* a source that does not grow: polling finds nothing, and no error */
	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &cap), ERR_OK);
	CU_ASSERT_FALSE(source_grows(cap));
	added = 9;
	CU_ASSERT_EQUAL(source_poll(cap, &added, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(added, 0);
	source_free(cap);
}

/* Last: frees the demo PKI, so LeakSanitizer sees a clean exit. */
static void test_shutdown(void)
{
	live_shutdown();
	CU_PASS("demo PKI freed");
}

static const test_case_t cases[] = {
	{ "live source advances flight by flight to liverun_all's trace", test_live_flight_by_flight },
	{ "live source re-runs with new randoms", test_live_rerun },
	{ "live source streams, keeps its key log and tape", test_live_streaming },
	{ "a source that grows, and whose advance fails with a reason", test_growing_source },
	{ "shutdown", test_shutdown },
	{ NULL, NULL },
};

const test_suite_t test_source_suite = { "source", cases };
