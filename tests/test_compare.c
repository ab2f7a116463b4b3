/* test_compare.c - the comparison of two handshakes (trace/compare.c):
 * a live TLS 1.2 run against a TLS 1.3 run and each against itself.  The
 * oracles are the handshakes' own model fields (the version numbers, the
 * step statuses, the ClientHello's suite ids) and a longest common
 * subsequence computed here over those ids; and the FILE#N parser's
 * cases by hand. */
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "live/cfg.h"
#include "live/run.h"
#include "trace/compare.h"

static liverun_t *cmpt_run(const char *tls)
{
	live_cfg_t cfg;
	liverun_t *r = NULL;
	char why[256] = "";

	memset(&cfg, 0, sizeof cfg);
	CU_ASSERT_EQUAL_FATAL(live_cfg_set(&cfg, "tls", tls, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(live_cfg_check(&cfg, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &r, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(r), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_conn(r, 0)->nhs, 1);
	return r;
}

static const msg_t *cmpt_client_hello(const handshake_t *h)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->hs_type == HS_CLIENT_HELLO)
			return h->msgs[i];
	CU_FAIL_FATAL("no ClientHello");
	return NULL;
}

/* The oracle: LCS length of two id lists. */
static size_t cmpt_lcs(const uint16_t *a, size_t n, const uint16_t *b, size_t m)
{
	size_t *t = calloc((n + 1) * (m + 1), sizeof *t), i, j, r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;) {
			size_t down = t[(i + 1) * (m + 1) + j], right = t[i * (m + 1) + j + 1];
			t[i * (m + 1) + j] = a[i] == b[j] ? t[(i + 1) * (m + 1) + j + 1] + 1 : down > right ? down : right;
		}
	r = t[0];
	free(t);
	return r;
}

static size_t cmpt_count(const cmp_row_t *r, int which)
{
	size_t k, n = 0;

	for (k = 0; k < r->nlines; k++)
		n += which == 0 ? r->lines[k].a != NULL : which == 1 ? r->lines[k].b != NULL
		     : r->lines[k].a && r->lines[k].b && !r->lines[k].differs;
	return n;
}

static void test_tls12_13(void)
{
	liverun_t *r12 = cmpt_run("1.2"), *r13 = cmpt_run("1.3");
	const handshake_t *a = liverun_conn(r12, 0)->hs[0], *b = liverun_conn(r13, 0)->hs[0];
	const msg_t *cha = cmpt_client_hello(a), *chb = cmpt_client_hello(b);
	const cmp_row_t *row;
	cmp_t c;
	size_t i, nd = 0, status = 0;

	CU_ASSERT_EQUAL_FATAL(a->version, VER_TLS12);
	CU_ASSERT_EQUAL_FATAL(b->version, VER_TLS13);
	CU_ASSERT_EQUAL_FATAL(cmp_build(a, b, &c), ERR_OK);
	row = cmp_find(&c, CMP_F_VERSION);
	CU_ASSERT_PTR_NOT_NULL_FATAL(row);
	CU_ASSERT_TRUE(row->differs);
	CU_ASSERT_EQUAL(row->step, 2);
	CU_ASSERT_STRING_EQUAL(row->lines[0].a, "TLS 1.2");
	CU_ASSERT_STRING_EQUAL(row->lines[0].b, "TLS 1.3");
	CU_ASSERT_TRUE(cmp_find(&c, CMP_F_SUITE)->differs);
	/* the offered suites aligned: one line per offered suite of each
	 * side, and as many shared lines as the ids have in common, in order */
	row = cmp_find(&c, CMP_F_SUITES_OFFERED);
	CU_ASSERT_EQUAL(cmpt_count(row, 0), cha->hello.nsuites);
	CU_ASSERT_EQUAL(cmpt_count(row, 1), chb->hello.nsuites);
	CU_ASSERT_EQUAL(cmpt_count(row, 2), cmpt_lcs(cha->hello.suites, cha->hello.nsuites, chb->hello.suites, chb->hello.nsuites));
	CU_ASSERT_EQUAL(row->nlines, cha->hello.nsuites + chb->hello.nsuites - cmpt_count(row, 2));
	/* a status row per step, differing exactly where the statuses do */
	for (i = 0; i < c.nrows; i++) {
		const cmp_row_t *s = &c.rows[i];
		nd += s->differs;
		if (s->field != CMP_F_STATUS)
			continue;
		status++;
		const char *ra = a->steps[s->step].reason, *rb = b->steps[s->step].reason;
		CU_ASSERT_EQUAL(s->differs, a->steps[s->step].status != b->steps[s->step].status ||
			       (ra == NULL) != (rb == NULL) || (ra && rb && strcmp(ra, rb) != 0));
	}
	CU_ASSERT_EQUAL(status, STEP_COUNT);
	CU_ASSERT_EQUAL(nd, c.ndiff);
	CU_ASSERT_TRUE(cmp_step_diffs(&c, 4) > 0);   /* TLS 1.3 skips step 4 */
	CU_ASSERT_PTR_NOT_NULL(cmp_find(&c, CMP_F_PREMASTER));   /* 1.2 has one: the row stays */
	cmp_free(&c);

	/* each against itself: nothing differs, not one line */
	CU_ASSERT_EQUAL_FATAL(cmp_build(b, b, &c), ERR_OK);
	CU_ASSERT_EQUAL(c.ndiff, 0);
	for (i = 0; i < c.nrows; i++) {
		size_t k;
		for (k = 0; k < c.rows[i].nlines; k++)
			CU_ASSERT_FALSE(c.rows[i].lines[k].differs);
	}
	CU_ASSERT_PTR_NULL(cmp_find(&c, CMP_F_PREMASTER));   /* neither TLS 1.3 side has one */
	cmp_free(&c);
	liverun_free(r12);
	liverun_free(r13);
}

static void test_conn_ref(void)
{
	static const struct { const char *ref, *path; long n; bool ok; } cases[] = {
		{ "a.pcap#2", "a.pcap", 2, true },
		{ "a.pcap", "a.pcap", -1, true },
		{ "dir#x/a.pcap#0", "dir#x/a.pcap", 0, true },
		{ "a.pcap#", NULL, -1, false },
		{ "a.pcap#x", NULL, -1, false },
		{ "a.pcap#-1", NULL, -1, false },
		{ "a.pcap#1x", NULL, -1, false },
		{ "a.pcap#99999999999", NULL, -1, false },
		{ "#3", NULL, -1, false },
		{ "", NULL, -1, false },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[64], why[200] = "";
		long n = 7;
		bool ok = cmp_parse_conn_ref(cases[i].ref, path, sizeof path, &n, why, sizeof why);
		CU_ASSERT_EQUAL(ok, cases[i].ok);
		CU_ASSERT_EQUAL(n, cases[i].n);
		if (ok) {
			CU_ASSERT_STRING_EQUAL(path, cases[i].path);
		} else {
			CU_ASSERT_TRUE(why[0] != '\0');
		}
	}
}

static const test_case_t compare_cases[] = {
	{ "TLS 1.2 against 1.3, and against itself", test_tls12_13 },
	{ "FILE#N", test_conn_ref },
	{ NULL, NULL },
};

const test_suite_t test_compare_suite = { "compare", compare_cases };
