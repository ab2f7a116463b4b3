/* test_views.c - one secrets model in every view (issue 9): on ONE live
 * handshake (its randoms are new each run, so the four views must be
 * rendered from the same trace), `--text` (text_handshake), `--json`
 * (json_handshake), the Secrets tab (ui_secrets_build, the ui/ objects are
 * linked into the test runner) and the lesson placeholders (lesson_fill)
 * must each show the hex value of every secret row: premaster, master and
 * its PRF A(i)/blocks, key block, MAC keys, write keys, IVs, the transcript
 * hashes and the verify_data expected and received (TLS 1.3: the traffic
 * secrets and the keys HKDF made).  The text and the Secrets tab walk all
 * rows, so every row with bytes must be in both.  Whitespace is removed
 * before searching: each view wraps long hex its own way. */
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "base/bytes.h"
#include "lesson/lesson.h"
#include "live/run.h"
#include "source/source_live.h"
#include "out/json.h"
#include "out/text.h"
#include "trace/secret_rows.h"
#include "ui/ui_nav.h"
#include "ui/ui_panes.h"

/* A row, the lesson placeholder that shows it, and whether --json has it. */
typedef struct {
	const char *id, *placeholder;
	bool json;
} view_row_t;

static const view_row_t tls12_rows[] = {
	{ "secrets.premaster", "premaster", true },
	{ "secrets.master", "master", true },
	{ "secrets.master_prf.a1", "prf_a1", false },
	{ "secrets.master_prf.a2", "prf_a2", false },
	{ "secrets.master_prf.block1", "prf_block1", false },
	{ "secrets.master_prf.block2", "prf_block2", false },
	{ "secrets.keys.key_block", "key_block", true },
	{ "secrets.keys.client.mac_key", "client_mac_key", true },
	{ "secrets.keys.server.mac_key", "server_mac_key", true },
	{ "secrets.keys.client.write_key", "client_write_key", true },
	{ "secrets.keys.server.write_key", "server_write_key", true },
	{ "live.client_master", "client_side_master", true },
	{ "live.server_master", "server_side_master", true },
	{ "finished_detail.client.transcript_hash", "client_transcript_hash", true },
	{ "finished_detail.server.transcript_hash", "server_transcript_hash", true },
	{ "finished_detail.client.expected", "expected_client_verify_data", true },
	{ "finished_detail.server.expected", "expected_server_verify_data", true },
	{ "finished_detail.client.received", "client_verify_data", true },
	{ "finished_detail.server.received", "server_verify_data", true },
	{ NULL, NULL, false }
};

static const view_row_t tls13_rows[] = {
	{ "secrets.client_handshake_traffic_secret", "client_hs_secret", true },
	{ "secrets.server_handshake_traffic_secret", "server_hs_secret", true },
	{ "secrets.client_traffic_secret_0", "client_app_secret", true },
	{ "secrets.server_traffic_secret_0", "server_app_secret", true },
	{ "secrets.keys.client_application.write_key", "client_write_key", true },
	{ "secrets.keys.server_application.write_key", "server_write_key", true },
	{ "secrets.keys.client_application.iv", "client_iv", true },
	{ "secrets.keys.server_application.iv", "server_iv", true },
	{ "finished_detail.client.expected", "expected_client_verify_data", true },
	{ "finished_detail.server.expected", "expected_server_verify_data", true },
	{ "finished_detail.client.received", "client_verify_data", true },
	{ "finished_detail.server.received", "server_verify_data", true },
	{ NULL, NULL, false }
};

/* s without spaces and newlines (malloc'd). */
static char *v_squeeze(const char *s, size_t n)
{
	char *out = malloc(n + 1), *p = out;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n')
			*p++ = s[i];
	*p = '\0';
	return out;
}

/* The Secrets tab as a live user sees it at the last stop, squeezed. */
static char *v_secrets_tab(source_t *src, const handshake_t *h)
{
	ui_app_t *a = calloc(1, sizeof *a);
	ui_doc_t d;
	buf_t all = { 0 };
	char *out;
	size_t i;
	int anchor;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	a->src = src;
	ui_nav_open(a, 0, h);
	CU_ASSERT_FATAL(a->stops.settled > 0);
	ui_nav_goto_stop(a, a->stops.settled - 1);
	ui_doc_init(&d, 120, 28);
	ui_secrets_build(a, &d, &anchor);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].label)
			CU_ASSERT_EQUAL(buf_append(&all, d.v[i].label, strlen(d.v[i].label)), ERR_OK);
		CU_ASSERT_EQUAL(buf_append(&all, d.v[i].text, strlen(d.v[i].text)), ERR_OK);
	}
	out = v_squeeze((const char *)all.ptr, all.len);
	buf_free(&all);
	ui_doc_free(&d);
	ui_stops_free(&a->stops);
	free(a->toggled);
	free(a);
	return out;
}

static void v_check_run(const live_cfg_t *cfg, const view_row_t *want)
{
	source_t *src = NULL;
	const conn_t *conn;
	bool more = true;
	char why[256] = "", *text, *json, *tab, *lesson;
	buf_t tb = { 0 }, jb = { 0 }, raw = { 0 }, lb = { 0 };
	const handshake_t *h;
	srow_list_t *rows = malloc(sizeof *rows);
	size_t i, checked = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	CU_ASSERT_EQUAL_FATAL(source_live_new(cfg, false, &src), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_start(src, why, sizeof why), ERR_OK);
	while (more)
		CU_ASSERT_EQUAL_FATAL(source_advance(src, 0, &more, why, sizeof why), ERR_OK);
	conn = source_conn(src, 0);
	h = conn_current(conn);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	srow_build(h, rows);
	CU_ASSERT_FALSE(rows->truncated);

	CU_ASSERT_EQUAL_FATAL(text_handshake(&tb, conn, h), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(json_handshake(&jb, conn, h, 0), ERR_OK);
	for (i = 0; want[i].id; i++) {
		CU_ASSERT_EQUAL(buf_append(&raw, "{", 1), ERR_OK);
		CU_ASSERT_EQUAL(buf_append(&raw, want[i].placeholder, strlen(want[i].placeholder)), ERR_OK);
		CU_ASSERT_EQUAL(buf_append(&raw, "}\n\n", 3), ERR_OK);
	}
	CU_ASSERT_EQUAL(buf_append(&raw, "", 1), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(lesson_fill(NULL, h, (const char *)raw.ptr, &lb), ERR_OK);
	text = v_squeeze((const char *)tb.ptr, tb.len);
	json = v_squeeze((const char *)jb.ptr, jb.len);
	lesson = v_squeeze((const char *)lb.ptr, lb.len);
	tab = v_secrets_tab(src, h);

	for (i = 0; want[i].id; i++) {
		const srow_t *r = srow_find(rows, want[i].id);
		char *hex;

		CU_ASSERT_PTR_NOT_NULL(r);
		if (!r || !r->val) {
			fprintf(stderr, "\n  no value in row %s\n", want[i].id);
			CU_FAIL("a row the run must have is missing");
			continue;
		}
		hex = bytes_hex_dup(r->val, r->len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(hex);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, hex));
		CU_ASSERT_PTR_NOT_NULL(strstr(tab, hex));
		CU_ASSERT_PTR_NOT_NULL(strstr(lesson, hex));
		if (want[i].json)
			CU_ASSERT_PTR_NOT_NULL(strstr(json, hex));
		if (!strstr(text, hex) || !strstr(tab, hex) || !strstr(lesson, hex) || (want[i].json && !strstr(json, hex)))
			fprintf(stderr, "\n  %s (%s) missing from a view\n", want[i].id, hex);
		free(hex);
		checked++;
	}
	/* The text and the Secrets tab walk every row: each value is in both
	 * (a one-sentence row shows words: the application data's preview). */
	for (i = 0; i < rows->n; i++) {
		char *hex;

		if (rows->v[i].flags & SROW_F_LINE) {
			char *words = v_squeeze(rows->v[i].text, strlen(rows->v[i].text));

			CU_ASSERT_PTR_NOT_NULL(strstr(text, words));
			CU_ASSERT_PTR_NOT_NULL(strstr(tab, words));
			free(words);
			continue;
		}
		if (!rows->v[i].val)
			continue;
		hex = bytes_hex_dup(rows->v[i].val, rows->v[i].len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(hex);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, hex));
		CU_ASSERT_PTR_NOT_NULL(strstr(tab, hex));
		free(hex);
	}
	CU_ASSERT(checked > 10);
	free(text);
	free(json);
	free(lesson);
	free(tab);
	buf_free(&tb);
	buf_free(&jb);
	buf_free(&raw);
	buf_free(&lb);
	free(rows);
	source_free(src);
}

/* TLS 1.2, RSA key exchange: the premaster is known (the demo server key),
 * the master derived and checked against GnuTLS's own. */
static void test_views_tls12(void)
{
	live_cfg_t cfg = { .version = VER_TLS12, .suite = suite_find(0x003C) };   /* TLS_RSA_WITH_AES_128_CBC_SHA256 */
	liverun_t *run = NULL;
	char why[256];
	srow_list_t *rows = malloc(sizeof *rows);

	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.suite);
	v_check_run(&cfg, tls12_rows);
	/* The master row is checked against GnuTLS and agrees with both sides' own. */
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &run, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(run), ERR_OK);
	srow_build(conn_current(run->conn), rows);
	{
		const srow_t *m = srow_find(rows, "secrets.master"), *c = srow_find(rows, "live.client_master");

		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(m->from, FROM_DERIVED);
		CU_ASSERT_EQUAL(m->check, SROW_AGREES);
		CU_ASSERT_STRING_EQUAL(m->check_by, "GnuTLS");
		CU_ASSERT(m->len == 48 && c->len == 48 && memcmp(m->val, c->val, 48) == 0);
		CU_ASSERT_STRING_EQUAL(srow_find(rows, "secrets.master_reported")->label, "GnuTLS reports");
	}
	free(rows);
	liverun_free(run);
}

static void test_views_tls13(void)
{
	live_cfg_t cfg = { .version = VER_TLS13, .suite = suite_find(0x1301) };   /* TLS_AES_128_GCM_SHA256 */

	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.suite);
	v_check_run(&cfg, tls13_rows);
}

static const test_case_t cases[] = {
	{ "TLS 1.2 RSA: every secret row in text, JSON, Secrets tab, lesson", test_views_tls12 },
	{ "TLS 1.3: every secret row in text, JSON, Secrets tab, lesson", test_views_tls13 },
	{ NULL, NULL }
};

const test_suite_t test_views_suite = { "secret rows in every view", cases };
