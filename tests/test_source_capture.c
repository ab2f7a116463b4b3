/* test_source_capture.c - the capture source (src/source/source_capture.c):
 * kept, it yields the connections analyze_capture finds (count, ids, in
 * connection order, final, not re-runnable); streaming, it emits every
 * handshake and keeps none; an unreadable file, a missing connection and
 * a connection it cannot keep are errors with a reason.  Run from the top
 * of the tree (captures/). */
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "source_testutil.h"
#include "source/source_capture.h"
#include "source/source_live.h"

#define THREE "captures/three-connections.pcap"
#define THREE_KEYS "captures/three-connections.keys"

/* analyze_capture's own account of a capture: the kept connections' ids. */
static void keep_id(void *ctx, conn_t *c)
{
	st_seen_t *t = ctx;

	if (t->handshakes < 16)
		t->ids[t->handshakes] = c->id;
	t->handshakes++;
	conn_free(c);
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static void test_capture_connections(void)
{
	keylog_t *kl = keylog_new();
	keylog_stats_t st;
	analyze_opts_t ao = { .path = THREE, .only_connection = -1 }, direct;
	analyze_result_t res;
	st_seen_t ref = { 0 };
	source_t *s = NULL;
	char why[256] = "";
	bool more = true;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(kl);
	CU_ASSERT_EQUAL_FATAL(keylog_load(kl, THREE_KEYS, &st), ERR_OK);
	ao.keylog = kl;
	direct = ao;
	direct.keep = keep_id;
	direct.ctx = &ref;
	CU_ASSERT_EQUAL_FATAL(analyze_capture(&direct, &res, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(ref.handshakes, 3);
	qsort(ref.ids, ref.handshakes, sizeof ref.ids[0], cmp_uint);

	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &s), ERR_OK);
	CU_ASSERT_STRING_EQUAL(source_name(s), "capture");
	CU_ASSERT_STRING_EQUAL(source_label(s), THREE);
	CU_ASSERT_TRUE(source_many(s));
	CU_ASSERT_STRING_EQUAL(source_reported_by(s), "key log says");
	CU_ASSERT_EQUAL_FATAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT_STRING_EQUAL(source_warning(s), "");
	CU_ASSERT_EQUAL_FATAL(source_count(s), res.connections);
	CU_ASSERT_EQUAL(source_capture_result(s)->handshakes, res.handshakes);
	for (i = 0; i < source_count(s); i++) {
		const conn_t *c = source_conn(s, i);
		CU_ASSERT_EQUAL(c->id, ref.ids[i]);             /* the same connections, in order */
		CU_ASSERT_STRING_EQUAL(c->source, "capture");
		CU_ASSERT_EQUAL_FATAL(c->nhs, 1);
		CU_ASSERT_EQUAL(c->hs[0]->outcome, OUTCOME_COMPLETE);
		CU_ASSERT_EQUAL(c->hs[0]->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
		CU_ASSERT_TRUE(source_final(s, i));
	}
	/* nothing to advance, nothing to re-run */
	CU_ASSERT_EQUAL(source_advance(s, 0, &more, why, sizeof why), ERR_OK);
	CU_ASSERT_FALSE(more);
	CU_ASSERT_NOT_EQUAL(source_advance(s, 3, &more, why, sizeof why), ERR_OK);
	CU_ASSERT_FALSE(source_can_rerun(s));
	CU_ASSERT_EQUAL(source_rerun(s, why, sizeof why), ERR_UNSUPPORTED);
	CU_ASSERT_PTR_NULL(source_live_keylog(s));
	source_free(s);
	keylog_free(kl);
}

static void test_capture_streaming(void)
{
	analyze_opts_t ao = { .path = THREE, .only_connection = -1 };
	source_t *s = NULL;
	st_seen_t t = { 0 };
	char why[256] = "";

	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &s), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_run(s, st_seen_emit, st_seen_idle, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(t.handshakes, 3);
	CU_ASSERT(t.idles >= 1);
	CU_ASSERT_STRING_EQUAL(t.source, "capture");
	CU_ASSERT_EQUAL(source_capture_result(s)->connections, 3);
	CU_ASSERT_EQUAL(source_count(s), 0);     /* streaming keeps nothing */
	source_free(s);
}

static void test_capture_errors(void)
{
	analyze_opts_t ao = { .path = "captures/no-such-file.pcap", .only_connection = -1 };
	source_t *s = NULL;
	st_seen_t t = { 0 };
	char why[256] = "";

	/* a file that is not there, kept and streaming */
	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &s), ERR_OK);
	CU_ASSERT_NOT_EQUAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT(why[0] != '\0');
	CU_ASSERT_EQUAL(source_count(s), 0);
	why[0] = '\0';
	CU_ASSERT_NOT_EQUAL(source_run(s, st_seen_emit, NULL, &t, why, sizeof why), ERR_OK);
	CU_ASSERT(why[0] != '\0');
	CU_ASSERT_EQUAL(t.handshakes, 0);
	source_free(s);

	/* a file that is not a capture */
	ao.path = "tests/testing.h";
	why[0] = '\0';
	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &s), ERR_OK);
	CU_ASSERT_NOT_EQUAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT(why[0] != '\0');
	source_free(s);

	/* a connection the capture does not have */
	ao.path = THREE;
	ao.only_connection = 9;
	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &s), ERR_OK);
	CU_ASSERT_NOT_EQUAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "connection 9 is not a TLS connection"));
	source_free(s);
}

/* A connection that cannot be kept is an error that says how many. */
static void test_capture_cannot_keep(void)
{
	analyze_opts_t ao = { .path = THREE, .only_connection = -1 };
	source_t *s = NULL;
	char why[256] = "";

	CU_ASSERT_EQUAL_FATAL(source_capture_new(&ao, &s), ERR_OK);
	source_capture_set_keep_max(s, 2);
	CU_ASSERT_EQUAL(source_start(s, why, sizeof why), ERR_NOMEM);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "1 of 3 connections could not be kept"));
	source_free(s);
}

static const test_case_t cases[] = {
	{ "capture source keeps analyze_capture's connections", test_capture_connections },
	{ "capture source streams every handshake", test_capture_streaming },
	{ "capture source errors carry a reason", test_capture_errors },
	{ "capture source reports a connection it cannot keep", test_capture_cannot_keep },
	{ NULL, NULL },
};

const test_suite_t test_source_capture_suite = { "source_capture", cases };
