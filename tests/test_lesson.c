/* test_lesson.c - the lessons: every file of lessons/en and lessons/ja
 * parses, uses only placeholders of the table and steps 1..9, has at
 * least two questions with answers, and exists in both languages; filled
 * with a real live run (liverun, the lesson's own configuration) no
 * placeholder is left and the run's own client random and master secret
 * appear; a resume= run's {second_NAME} values are its resumed
 * connection's, as that run's JSON says; the parser refuses broken files with the line at fault; text
 * wraps by display width; the language follows the locale. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "lesson/lesson.h"
#include "live/run.h"
#include "out/json.h"
#include "trace/steps.h"

static const char *lessons_dir(void)
{
	const char *d = getenv("TLSTRACE_LESSONS");
	return d && d[0] ? d : "lessons";
}

static lesson_t **load_all(lesson_lang_t lang, size_t *n)
{
	lesson_t **v = NULL;
	char why[512] = "";
	err_t e = lesson_list(lessons_dir(), lang, &v, n, why, sizeof why);

	if (e != ERR_OK)
		fprintf(stderr, "\n  lesson_list(%s): %s\n", lesson_lang_code(lang), why);
	CU_ASSERT_EQUAL(e, ERR_OK);
	return v;
}

/* The raw text of a lesson file. */
static char *read_text(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *t;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	t = calloc(1, (size_t)n + 1);
	if (t && fread(t, 1, (size_t)n, fp) != (size_t)n) {
		free(t);
		t = NULL;
	}
	fclose(fp);
	return t;
}

/* Display width of a UTF-8 line: ASCII 1, 3- and 4-byte characters (CJK) 2. */
static unsigned display_width(const char *s, size_t n)
{
	unsigned w = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
		w += len >= 3 ? 2 : 1;
		i += len;
	}
	return w;
}

static void test_all_parse(void)
{
	lesson_lang_t lang;

	for (lang = LESSON_EN; lang < LESSON_NLANGS; lang++) {
		size_t n = 0, i;
		lesson_t **v = load_all(lang, &n);
		CU_ASSERT_TRUE(n >= 13);
		for (i = 0; i < n; i++) {
			CU_ASSERT_TRUE(v[i]->title && v[i]->title[0]);
			CU_ASSERT_PTR_NOT_NULL(v[i]->intro);
			CU_ASSERT_PTR_NOT_NULL(v[i]->summary);
			CU_ASSERT_EQUAL(v[i]->lang, lang);
		}
		lesson_list_free(v, n);
	}
}

/* Read from the files themselves, not through the parser: every {name}
 * is in the table, every [step N] is 1..9, and a verbatim line with no
 * placeholder fits 76 columns (placeholders' values may be longer). */
static void test_files_by_hand(void)
{
	static const char *const langs[] = { "en", "ja" };
	size_t k, i, nfiles = 0;

	for (k = 0; k < 2; k++) {
		size_t n = 0;
		lesson_t **v = load_all((lesson_lang_t)k, &n);
		for (i = 0; i < n; i++) {
			char path[512], *t, *line;
			snprintf(path, sizeof path, "%s/%s/%s.lesson", lessons_dir(), langs[k], v[i]->name);
			t = read_text(path);
			CU_ASSERT_PTR_NOT_NULL_FATAL(t);
			nfiles++;
			for (line = t; line && *line; ) {
				char *nl = strchr(line, '\n'), *p;
				size_t len = nl ? (size_t)(nl - line) : strlen(line);
				int step;
				if (sscanf(line, "[step %d]", &step) == 1)
					CU_ASSERT_TRUE(step >= 1 && step <= STEP_COUNT);
				for (p = line; p < line + len; p++) {
					if (p[0] == '{' && p[1] != '{') {
						char *end = memchr(p, '}', (size_t)(line + len - p));
						CU_ASSERT_PTR_NOT_NULL_FATAL(end);
						if (!lesson_placeholder_find(p + 1, (size_t)(end - p - 1)))
							fprintf(stderr, "\n  %s: unknown {%.*s}\n", path, (int)(end - p - 1), p + 1);
						CU_ASSERT_PTR_NOT_NULL(lesson_placeholder_find(p + 1, (size_t)(end - p - 1)));
						p = end;
					}
				}
				if (line[0] == ' ' && line[0] != '#' && !memchr(line, '{', len) && display_width(line, len) > 76) {
					fprintf(stderr, "\n  %s: a verbatim line is %u columns: %.*s\n", path,
						display_width(line, len), (int)len, line);
					CU_FAIL("verbatim line wider than 76 columns");
				}
				line = nl ? nl + 1 : NULL;
			}
			free(t);
		}
		lesson_list_free(v, n);
	}
	CU_ASSERT_TRUE(nfiles >= 26);
}

/* The intro is shown before the handshake begins (the interface shows it
 * above step 1's text): it may use the lesson's own values, such as its
 * scenario, but none of the run's. */
static void test_intro_needs_no_run(void)
{
	lesson_lang_t lang;

	for (lang = LESSON_EN; lang < LESSON_NLANGS; lang++) {
		size_t n = 0, i;
		lesson_t **v = load_all(lang, &n);
		for (i = 0; i < n; i++) {
			const char *not_yet = lang == LESSON_JA ? "不明: " : "not known: ";
			buf_t b = { 0 };
			CU_ASSERT_EQUAL(lesson_fill(v[i], NULL, v[i]->intro, &b), ERR_OK);
			CU_ASSERT_PTR_NOT_NULL_FATAL(b.ptr);
			if (strstr((const char *)b.ptr, not_yet))
				fprintf(stderr, "\n  %s (%s): the intro uses a value of the run\n", v[i]->name,
					lesson_lang_code(lang));
			CU_ASSERT_PTR_NULL(strstr((const char *)b.ptr, not_yet));
			buf_free(&b);
		}
		lesson_list_free(v, n);
	}
}

static void test_questions(void)
{
	lesson_lang_t lang;

	for (lang = LESSON_EN; lang < LESSON_NLANGS; lang++) {
		size_t n = 0, i, q;
		lesson_t **v = load_all(lang, &n);
		for (i = 0; i < n; i++) {
			CU_ASSERT_TRUE(v[i]->nqa >= 2);
			for (q = 0; q < v[i]->nqa; q++) {
				CU_ASSERT_TRUE(v[i]->qa[q].question && v[i]->qa[q].question[0]);
				CU_ASSERT_TRUE(v[i]->qa[q].answer && v[i]->qa[q].answer[0]);
			}
		}
		lesson_list_free(v, n);
	}
}

/* The same lessons in both languages, in the same order, running the same handshake. */
static void test_same_names(void)
{
	size_t ne = 0, nj = 0, i;
	lesson_t **en = load_all(LESSON_EN, &ne), **ja = load_all(LESSON_JA, &nj);

	CU_ASSERT_EQUAL_FATAL(ne, nj);
	for (i = 0; i < ne; i++) {
		CU_ASSERT_STRING_EQUAL(en[i]->name, ja[i]->name);
		CU_ASSERT_EQUAL(en[i]->order, ja[i]->order);
		CU_ASSERT_STRING_EQUAL(en[i]->run, ja[i]->run);
		CU_ASSERT_STRING_NOT_EQUAL(en[i]->title, ja[i]->title);
	}
	lesson_list_free(en, ne);
	lesson_list_free(ja, nj);
}

static bool has_brace(const char *s)
{
	return strchr(s, '{') || strchr(s, '}');
}

static bool has_utf8(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Every section of l filled for h, concatenated. */
static void fill_all(const lesson_t *l, const handshake_t *h, buf_t *out)
{
	size_t s;

	CU_ASSERT_EQUAL(lesson_fill(l, h, l->intro, out), ERR_OK);
	for (s = 1; s <= STEP_COUNT; s++)
		if (l->step[s])
			CU_ASSERT_EQUAL(lesson_fill(l, h, l->step[s], out), ERR_OK);
	if (l->failure)
		CU_ASSERT_EQUAL(lesson_fill(l, h, l->failure, out), ERR_OK);
	CU_ASSERT_EQUAL(lesson_fill(l, h, l->summary, out), ERR_OK);
	for (s = 0; s < l->nqa; s++) {
		CU_ASSERT_EQUAL(lesson_fill(l, h, l->qa[s].question, out), ERR_OK);
		CU_ASSERT_EQUAL(lesson_fill(l, h, l->qa[s].answer, out), ERR_OK);
	}
}

/* A resume= run's second handshake, for {second_NAME} (as cmd_lesson.c
 * hands it over). */
static const handshake_t *second_of_run(void *ctx)
{
	const liverun_t *r = ctx;
	const conn_t *c = liverun_count(r) > 1 ? liverun_conn(r, 1) : NULL;

	return c && c->nhs ? c->hs[0] : NULL;
}

/* Each lesson's own live handshake, filled in both languages. */
static void test_filled_with_live_run(void)
{
	size_t ne = 0, nj = 0, i;
	lesson_t **en = load_all(LESSON_EN, &ne), **ja = load_all(LESSON_JA, &nj);
	size_t rsa_checked = 0;

	CU_ASSERT_EQUAL_FATAL(ne, nj);
	for (i = 0; i < ne; i++) {
		liverun_t *r = NULL;
		char why[256] = "", cr[65], master[97];
		const handshake_t *h;
		int k;

		CU_ASSERT_EQUAL_FATAL(liverun_new(&en[i]->cfg, &r, why, sizeof why), ERR_OK);
		CU_ASSERT_EQUAL(liverun_all(r), ERR_OK);
		CU_ASSERT_TRUE_FATAL(r->conn->nhs > 0);
		h = r->conn->hs[0];
		CU_ASSERT_TRUE_FATAL(h->have_client_random);
		bytes_hex_encode(h->client_random, 32, cr);
		bytes_hex_encode(h->sec.master, 48, master);
		for (k = 0; k < 2; k++) {
			lesson_t *l = k ? ja[i] : en[i];
			buf_t all = { 0 }, text = { 0 };
			lesson_text_opts_t o = { 78, LESSON_QA_ANSWERS, NULL, NULL };

			if (l->cfg.resume != LIVE_RESUME_NONE) {
				l->second = second_of_run;
				l->second_ctx = r;
			}
			fill_all(l, h, &all);
			CU_ASSERT_PTR_NOT_NULL_FATAL(all.ptr);
			/* a lesson that names the second handshake runs one, and it is there */
			CU_ASSERT_PTR_NULL(strstr((const char *)all.ptr, "no second handshake"));
			CU_ASSERT_PTR_NULL(strstr((const char *)all.ptr, "2 回目のハンドシェイク"));
			if (has_brace((const char *)all.ptr))
				fprintf(stderr, "\n  %s (%s): a brace is left\n", l->name, lesson_lang_code(l->lang));
			CU_ASSERT_FALSE(has_brace((const char *)all.ptr));
			if (!strstr((const char *)all.ptr, cr))
				fprintf(stderr, "\n  %s (%s): the client random is not shown\n", l->name,
					lesson_lang_code(l->lang));
			CU_ASSERT_PTR_NOT_NULL(strstr((const char *)all.ptr, cr));
			if (h->suite && h->suite->kx == KX_RSA && h->outcome == OUTCOME_COMPLETE) {
				CU_ASSERT_TRUE_FATAL(h->sec.have_master);
				if (!strstr((const char *)all.ptr, master))
					fprintf(stderr, "\n  %s (%s): the master secret is not shown\n", l->name,
						lesson_lang_code(l->lang));
				CU_ASSERT_PTR_NOT_NULL(strstr((const char *)all.ptr, master));
				rsa_checked++;
			}
			CU_ASSERT_EQUAL(has_utf8((const char *)all.ptr), k == 1);
			CU_ASSERT_EQUAL(lesson_render_text(l, h, &o, &text), ERR_OK);
			CU_ASSERT_PTR_NOT_NULL_FATAL(text.ptr);
			CU_ASSERT_EQUAL(buf_append(&text, "", 1), ERR_OK);
			CU_ASSERT_FALSE(has_brace((const char *)text.ptr));
			buf_free(&all);
			buf_free(&text);
			l->second = NULL;
		}
		liverun_free(r);
	}
	CU_ASSERT_TRUE(rsa_checked >= 8);   /* at least four RSA lessons, two languages */
	lesson_list_free(en, ne);
	lesson_list_free(ja, nj);
}

/* A lesson text with a mistake at `line`: refused, with that line. */
static void expect_refused(const char *text, int line, const char *words)
{
	lesson_t *l = NULL;
	lesson_error_t err;
	err_t e = lesson_parse(text, strlen(text), LESSON_EN, &l, &err);

	CU_ASSERT_EQUAL(e, ERR_FORMAT);
	CU_ASSERT_PTR_NULL(l);
	if (err.line != line || !strstr(err.msg, words))
		fprintf(stderr, "\n  expected line %d '%s', got line %d: %s\n", line, words, err.line, err.msg);
	CU_ASSERT_EQUAL(err.line, line);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, words));
	lesson_free(l);
}

#define HEAD "name: t\ntitle: T\nrun: tls=1.2 kx=rsa\n"   /* three lines */

static void test_parser_refuses(void)
{
	expect_refused(HEAD "[intro]\nHello {no_such_thing}.\n", 5, "unknown placeholder {no_such_thing}");
	expect_refused(HEAD "[intro]\nHello\n[step 3\ntext\n", 6, "unterminated section header");
	expect_refused(HEAD "[intro]\nHello\n\n[outro]\ntext\n", 7, "unknown section [outro]");
	expect_refused(HEAD "[intro]\nHello {client_random\n", 5, "unterminated placeholder");
	expect_refused(HEAD "[intro]\nHello } there\n", 5, "'}'");
	expect_refused(HEAD "[step 0]\ntext\n", 4, "no step 0");
	expect_refused(HEAD "[step 10]\ntext\n", 4, "no step 10");
	expect_refused(HEAD "[step x]\ntext\n", 4, "[step N]");
	expect_refused(HEAD "[intro]\na\n[question]\nWhy?\n", 6, "no [answer]");
	expect_refused(HEAD "[intro]\na\n[question]\nWhy?\n[question]\nAnd?\n[answer]\nx\n", 8, "no [answer]");
	expect_refused(HEAD "[intro]\na\n[answer]\nx\n", 6, "must follow a [question]");
	expect_refused(HEAD "[intro]\n\n[summary]\nx\n", 4, "empty");
	expect_refused(HEAD "[intro]\na\n[intro]\nb\n", 6, "second [intro]");
	expect_refused("name: t\ntitle: T\nrun: tls=1.2 kx=rsa\ncolour: red\n[intro]\na\n", 4, "unknown header");
	expect_refused("name: t\ntitle: T\nrun: tls=1.4\n[intro]\na\n", 3, "'1.4' is not a TLS version");
	expect_refused("name: t\ntitle: T\nrun: scenario=nope\n[intro]\na\n", 3, "no scenario");
	expect_refused("name: t\ntitle: T\nrun: scenario=untrusted-ca ems\n[intro]\na\n", 3,
		       "scenario untrusted-ca sets its own");
	expect_refused("name: t\ntitle: T\nrun: tls=1.2 colour=red\n[intro]\na\n", 3, "no live setting 'colour'");
	expect_refused("name: t\ntitle: T\nrun: tls=1.2 cipher=NOPE\n[intro]\na\n", 3, "the cipher 'NOPE'");
	expect_refused("name: t\ntitle: T\nrun: tls=1.3 kx=rsa\n[intro]\na\n", 3, "TLS 1.3 has no RSA key exchange");
	expect_refused("name: T!\ntitle: T\nrun: tls=1.2\n[intro]\na\n", 1, "name:");
	expect_refused("name: t\ntitle: T\n[intro]\na\n", 3, "run:");
	expect_refused(HEAD "[intro]\n\tindented with a tab\n", 5, "tabs");
	/* only the trace's values have a second: not the lesson's, not a comparison of the two */
	expect_refused(HEAD "[intro]\n{second_scenario}\n", 5, "unknown placeholder {second_scenario}");
	expect_refused(HEAD "[intro]\n{second_master_reused}\n", 5, "unknown placeholder {second_master_reused}");
	expect_refused(HEAD "[intro]\n{second_}\n", 5, "unknown placeholder {second_}");
}

static void test_parser_accepts(void)
{
	static const char text[] =
		"# a comment\n" HEAD "order: 4\n\n"
		"[intro]\nOne line\nand the next.\n\n  verbatim {client_random}\n- a bullet\n  # not a comment in a verbatim line\n"
		"Braces: {{ and }}.\n"
		"[step 9]\n日本語の行と\n次の行、\nTLS と。\n"
		"[failure]\nIt failed at {failure_step}.\n"
		"[question]\nQ?\n[answer]\nA.\n";
	lesson_t *l = NULL;
	lesson_error_t err;
	buf_t b = { 0 };

	CU_ASSERT_EQUAL_FATAL(lesson_parse(text, strlen(text), LESSON_JA, &l, &err), ERR_OK);
	CU_ASSERT_STRING_EQUAL(l->name, "t");
	CU_ASSERT_EQUAL(l->order, 4);
	CU_ASSERT_EQUAL(l->cfg.version, VER_TLS12);
	CU_ASSERT_EQUAL(l->cfg.kx, KX_RSA);
	CU_ASSERT_STRING_EQUAL(l->intro, "One line and the next.\n\n  verbatim {client_random}\n- a bullet\n"
			       "  # not a comment in a verbatim line\nBraces: {{ and }}.");
	/* Japanese lines join without a space; a Latin word keeps its spaces. */
	CU_ASSERT_STRING_EQUAL(l->step[9], "日本語の行と次の行、TLS と。");
	CU_ASSERT_EQUAL(l->nqa, 1);
	/* Nothing run yet: every value is a phrase saying so, in the lesson's language. */
	CU_ASSERT_EQUAL(lesson_fill(l, NULL, l->intro, &b), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr((const char *)b.ptr, "verbatim 不明: "));
	CU_ASSERT_PTR_NOT_NULL(strstr((const char *)b.ptr, "Braces: { and }."));
	buf_free(&b);
	lesson_free(l);
}

/* One table: unique names, a description each; every filler works on an
 * empty handshake, and the format's README documents every name. */
static void test_placeholder_table(void)
{
	size_t i, j, n = lesson_placeholder_count();
	char path[512], *readme;

	snprintf(path, sizeof path, "%s/README.md", lessons_dir());
	readme = read_text(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(readme);
	CU_ASSERT_TRUE(n >= 40);
	for (i = 0; i < n; i++) {
		const lesson_placeholder_t *p = lesson_placeholder_at(i);
		char braced[64];
		CU_ASSERT_TRUE(p->name[0] && p->description[0] && p->fill);
		CU_ASSERT_PTR_EQUAL(lesson_placeholder_find(p->name, strlen(p->name)), p);
		for (j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(lesson_placeholder_at(j)->name, p->name);
		snprintf(braced, sizeof braced, "{%s}", p->name);
		if (!strstr(readme, braced))
			fprintf(stderr, "\n  lessons/README.md does not document %s\n", braced);
		CU_ASSERT_PTR_NOT_NULL(strstr(readme, braced));
	}
	CU_ASSERT_PTR_NULL(lesson_placeholder_at(n));
	CU_ASSERT_PTR_NULL(lesson_placeholder_find("nope", 4));
	free(readme);
}

/* Every placeholder, filled from an empty handshake (nothing seen yet)
 * and from a complete one: always some text, never a brace. */
static void test_every_placeholder_fills(void)
{
	static const char text[] = HEAD "[intro]\nx\n";
	lesson_t *l[2] = { NULL, NULL };
	conn_t *c = conn_new(0, "live");
	handshake_t *empty = c ? conn_new_handshake(c) : NULL;
	liverun_t *r = NULL;
	live_cfg_t cfg = { .version = VER_TLS13 };
	char why[256];
	size_t i;
	int k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
	CU_ASSERT_EQUAL_FATAL(lesson_parse(text, strlen(text), LESSON_EN, &l[0], NULL), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(lesson_parse(text, strlen(text), LESSON_JA, &l[1], NULL), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &r, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(liverun_all(r), ERR_OK);
	for (i = 0; i < lesson_placeholder_count(); i++) {
		char raw[80];
		snprintf(raw, sizeof raw, "{%s}", lesson_placeholder_at(i)->name);
		for (k = 0; k < 4; k++) {
			buf_t b = { 0 };
			CU_ASSERT_EQUAL(lesson_fill(l[k & 1], k < 2 ? empty : r->conn->hs[0], raw, &b), ERR_OK);
			CU_ASSERT_TRUE(b.len > 0);
			CU_ASSERT_FALSE(b.ptr && has_brace((const char *)b.ptr));
			buf_free(&b);
		}
	}
	liverun_free(r);
	conn_free(c);
	lesson_free(l[0]);
	lesson_free(l[1]);
}

/* The TLS 1.3 order, the failure text beside the failed step only, and
 * what the interface gets at steps 1 and 9. */
static void test_step_texts(void)
{
	static const char text[] = "name: t\ntitle: T\nrun: scenario=untrusted-ca\n"
		"[intro]\nINTRO\n[step 5]\nFIVE\n[step 7]\nSEVEN\n[failure]\nFAILED at {failure_step}\n[summary]\nSUM\n"
		"[question]\nQ1?\n[answer]\nA1\n[question]\nQ2?\n[answer]\nA2\n";
	static const int tls13[STEP_COUNT] = { 1, 2, 3, 4, 8, 5, 6, 7, 9 };
	live_cfg_t cfg13 = { .version = VER_TLS13 };
	lesson_t *l = NULL;
	liverun_t *r = NULL;
	char why[256];
	const char *s;
	int order[STEP_COUNT];

	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg13, &r, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(liverun_all(r), ERR_OK);
	lesson_step_order(r->conn->hs[0], order);
	CU_ASSERT_EQUAL(memcmp(order, tls13, sizeof order), 0);
	liverun_free(r);

	CU_ASSERT_EQUAL_FATAL(lesson_parse(text, strlen(text), LESSON_EN, &l, NULL), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_new(&l->cfg, &r, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(liverun_all(r), ERR_OK);
	s = lesson_step_text(l, r->conn->hs[0], 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, "FIVE\n\nFAILED at 5");
	s = lesson_step_text(l, r->conn->hs[0], 7);
	CU_ASSERT_STRING_EQUAL(s, "SEVEN");
	CU_ASSERT_PTR_NULL(lesson_step_text(l, r->conn->hs[0], 2));
	CU_ASSERT_PTR_NULL(lesson_step_text(l, r->conn->hs[0], 0));
	CU_ASSERT_PTR_NULL(lesson_step_text(l, r->conn->hs[0], 10));
	s = lesson_ui_text(l, r->conn->hs[0], 1);
	CU_ASSERT_STRING_EQUAL(s, "INTRO");
	s = lesson_ui_text(l, r->conn->hs[0], 9);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "SUM"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "1. Q1?"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "2. Q2?"));
	CU_ASSERT_PTR_NULL(strstr(s, "A1"));
	/* Before anything is known (the interface's first screen). */
	s = lesson_step_text(l, NULL, 5);
	CU_ASSERT_STRING_EQUAL(s, "FIVE");
	liverun_free(r);
	lesson_free(l);
}

/* Rendered text: no line wider than asked (a lone long word aside), no
 * Japanese line starting with a closing mark, hex cut under itself. */
static void test_wrapping(void)
{
	static const char text[] = "name: t\ntitle: T\nrun: tls=1.2\n"
		"[intro]\nこれは折り返しを確かめるための、かなり長い日本語の段落です。クライアントとサーバーは"
		"ハンドシェイクの中で暗号スイートを決め、鍵交換を行い、共通鍵を導き出します。「サーバー証明書」は"
		"認証局が署名した公開鍵証明書です。句読点、括弧、長音「ー」の扱いも確かめます。\n\n"
		"An English paragraph, long enough to need wrapping more than once at forty columns.\n\n"
		"  key  0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
		"[question]\nQ\n[answer]\nA\n[question]\nQ\n[answer]\nA\n";
	lesson_t *l = NULL;
	lesson_text_opts_t o = { 40, LESSON_QA_NONE, NULL, NULL };
	buf_t b = { 0 };
	char *line, *nl;
	int hex_lines = 0;

	CU_ASSERT_EQUAL_FATAL(lesson_parse(text, strlen(text), LESSON_JA, &l, NULL), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(lesson_render_text(l, NULL, &o, &b), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(buf_append(&b, "", 1), ERR_OK);
	for (line = (char *)b.ptr; *line; line = nl + 1) {
		size_t len;
		nl = strchr(line, '\n');
		CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
		*nl = '\0';
		len = (size_t)(nl - line);
		if (strncmp(line, "レッスン", strlen("レッスン")) == 0 || strstr(line, "->") || strstr(line, "  ["))
			continue;   /* the header lines are not wrapped */
		if (display_width(line, len) > 40)
			fprintf(stderr, "\n  %u columns: %.*s\n", display_width(line, len), (int)len, line);
		CU_ASSERT_TRUE(display_width(line, len) <= 40);
		CU_ASSERT_FALSE(len > 2 && (strncmp(line + 2, "、", 3) == 0 || strncmp(line + 2, "。", 3) == 0 ||
					    strncmp(line + 2, "」", 3) == 0 || strncmp(line + 2, "ー", 3) == 0));
		if (len > 2 && isxdigit((unsigned char)line[len - 1]) && strstr(line, "0123"))
			hex_lines++;
	}
	CU_ASSERT_TRUE(hex_lines >= 2);
	buf_free(&b);
	lesson_free(l);
}

static void test_language(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	char *saved[3];
	lesson_lang_t lang;
	int i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		saved[i] = v ? strdup(v) : NULL;
		unsetenv(vars[i]);
	}
	CU_ASSERT_EQUAL(lesson_lang_from_env(), LESSON_EN);
	setenv("LANG", "ja_JP.UTF-8", 1);
	CU_ASSERT_EQUAL(lesson_lang_from_env(), LESSON_JA);
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	CU_ASSERT_EQUAL(lesson_lang_from_env(), LESSON_EN);
	setenv("LC_ALL", "ja_JP.UTF-8", 1);
	CU_ASSERT_EQUAL(lesson_lang_from_env(), LESSON_JA);
	setenv("LC_ALL", "", 1);     /* set but empty: the next one decides */
	CU_ASSERT_EQUAL(lesson_lang_from_env(), LESSON_EN);
	CU_ASSERT_TRUE(lesson_lang_parse("ja", &lang) && lang == LESSON_JA);
	CU_ASSERT_TRUE(lesson_lang_parse("en", &lang) && lang == LESSON_EN);
	CU_ASSERT_FALSE(lesson_lang_parse("fr", &lang));
	for (i = 0; i < 3; i++) {
		if (saved[i])
			setenv(vars[i], saved[i], 1);
		else
			unsetenv(vars[i]);
		free(saved[i]);
	}
}

static void test_open(void)
{
	lesson_t *l = NULL;
	char why[512];

	CU_ASSERT_EQUAL(lesson_open(lessons_dir(), LESSON_JA, "classic-rsa", &l, why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL(l);
	lesson_free(l);
	CU_ASSERT_EQUAL(lesson_open(lessons_dir(), LESSON_EN, "no-such-lesson", &l, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "no-such-lesson"));
	CU_ASSERT_EQUAL(lesson_open(lessons_dir(), LESSON_EN, "../en/classic-rsa", &l, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NULL(l);
}

/* ---- the placeholders of the record, DHE, key schedule and history
 * lessons, each checked against an independent reading of the same
 * bytes (the message's raw bytes, the parser's field tree, the RFC's
 * arithmetic, the key log's secrets through keys.c) ---- */

/* A live run of cfg, and one placeholder of it in a language. */
static liverun_t *run_of(live_cfg_t cfg)
{
	liverun_t *r = NULL;
	char why[256] = "";

	if (liverun_new(&cfg, &r, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "\n  liverun_new: %s\n", why);
		return NULL;
	}
	CU_ASSERT_EQUAL(liverun_all(r), ERR_OK);
	CU_ASSERT_TRUE(r->conn->nhs > 0);
	return r;
}

/* One placeholder of h, for a lesson whose second handshake is r's second
 * connection (r NULL: a run with none). */
static char *ph_value2(const handshake_t *h, liverun_t *r, lesson_lang_t lang, const char *name)
{
	static const char text[] = HEAD "[intro]\nx\n";
	lesson_t *l = NULL;
	buf_t b = { 0 };
	char raw[80];
	char *s;

	CU_ASSERT_EQUAL_FATAL(lesson_parse(text, strlen(text), lang, &l, NULL), ERR_OK);
	if (r) {
		l->second = second_of_run;
		l->second_ctx = r;
	}
	snprintf(raw, sizeof raw, "{%s}", name);
	CU_ASSERT_EQUAL(lesson_fill(l, h, raw, &b), ERR_OK);
	CU_ASSERT_EQUAL(buf_append(&b, "", 1), ERR_OK);
	s = strdup((const char *)b.ptr);
	buf_free(&b);
	lesson_free(l);
	return s;
}

static char *ph_value(const handshake_t *h, lesson_lang_t lang, const char *name)
{
	return ph_value2(h, NULL, lang, name);
}

/* The value of a placeholder is (or, prefix: starts with) want. */
static void expect_ph(const handshake_t *h, const char *name, const char *want, bool prefix)
{
	char *got = ph_value(h, LESSON_EN, name);
	bool ok = got && (prefix ? strncmp(got, want, strlen(want)) == 0 : strcmp(got, want) == 0);

	if (!ok)
		fprintf(stderr, "\n  {%s}: got '%s', want %s'%s'\n", name, got ? got : "(null)", prefix ? "a start " : "", want);
	CU_ASSERT_TRUE(ok);
	free(got);
}

static const msg_t *find_msg(const handshake_t *h, int sender, uint8_t ct, int hs_type)
{
	return handshake_find(h, sender, ct, hs_type);
}

/* The first node called name anywhere under f. */
static const field_t *field_deep(const field_t *f, const char *name)
{
	for (; f; f = f->next) {
		const field_t *k;
		if (f->name && strcmp(f->name, name) == 0)
			return f;
		if ((k = field_deep(f->kids, name)))
			return k;
	}
	return NULL;
}

static void hex_of(const uint8_t *p, size_t n, char *out)
{
	bytes_hex_encode(p, n, out);
}

/* TLS 1.2 with RSA and TLS_RSA_WITH_AES_128_CBC_SHA256: the record layer. */
static void test_ph_records(void)
{
	liverun_t *r = run_of((live_cfg_t){ .version = VER_TLS12, .kx = KX_RSA });
	const handshake_t *h;
	const msg_t *ch, *ccs, *fin;
	char want[128], *types, *line;
	size_t n, i, lines = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	h = r->conn->hs[0];
	CU_ASSERT_EQUAL_FATAL(h->suite_id, 0x003c);
	ch = find_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
	/* the handshake header: type 1 and a 24-bit length that is the rest of the message */
	n = ch->raw.len - 4;
	snprintf(want, sizeof want, "01 %06zx: type 1, length %zu bytes", n, n);
	expect_ph(h, "client_hello_header", want, false);
	ccs = find_msg(h, SIDE_CLIENT, CT_CHANGE_CIPHER_SPEC, -1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ccs);
	CU_ASSERT_EQUAL(ccs->raw.len, 1);
	expect_ph(h, "ccs_body", "01", false);
	/* RFC 5246 6.3 for AES_128_CBC_SHA256: 2 x 32 MAC + 2 x 16 key */
	expect_ph(h, "key_block_rfc_len", "96", false);
	expect_ph(h, "key_block_rfc_check", h->sec.keys.block_len == 96 ? "tlstrace derived exactly" : "tlstrace derived ", true);
	/* the record protection of AES-128-CBC with HMAC-SHA256 in TLS 1.2 (RFC 5246 6.2.3.2) */
	expect_ph(h, "record_iv_len", "16", false);
	expect_ph(h, "record_mac_len", "32", false);
	expect_ph(h, "record_block_len", "16", false);
	fin = find_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_FINISHED);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fin);
	CU_ASSERT_EQUAL(fin->raw.len, 4 + 12);
	expect_ph(h, "client_finished_len", "16", false);
	/* 16 + 32 = 48 fills three blocks; the length byte starts a fourth: 16 bytes of padding */
	expect_ph(h, "client_finished_padding", "16", false);
	snprintf(want, sizeof want, "%zu", 16 + ((fin->raw.len + 32) / 16 + 1) * 16);
	expect_ph(h, "client_finished_record_len", want, false);
	snprintf(want, sizeof want, "%llu", (unsigned long long)h->app_records[SIDE_CLIENT]);
	expect_ph(h, "client_app_records", want, false);
	snprintf(want, sizeof want, "%llu", (unsigned long long)h->app_bytes[SIDE_CLIENT]);
	expect_ph(h, "client_app_bytes", want, false);
	/* one line per message, each with its record's content type */
	types = ph_value(h, LESSON_EN, "record_types");
	CU_ASSERT_PTR_NOT_NULL_FATAL(types);
	for (line = types, i = 0; line && i < h->nmsgs; i++) {
		char *nl = strchr(line, '\n'), ct[32];
		if (nl)
			*nl = '\0';
		snprintf(ct, sizeof ct, "  %u ", h->msgs[i]->type);
		CU_ASSERT_PTR_NOT_NULL(strstr(line, ct));
		CU_ASSERT_PTR_NOT_NULL(strstr(line, msg_type_name(h->msgs[i])));
		lines++;
		line = nl ? nl + 1 : NULL;
	}
	CU_ASSERT_EQUAL(lines, h->nmsgs);
	CU_ASSERT_PTR_NULL(line);
	free(types);
	/* versions: no supported_versions in TLS 1.2; a new session id is not an echo */
	expect_ph(h, "client_hello_version", "TLS 1.2 (0x0303)", false);
	expect_ph(h, "server_hello_version", "TLS 1.2 (0x0303)", false);
	expect_ph(h, "supported_versions", "none: only TLS 1.3", true);
	expect_ph(h, "session_id_echoed", "no", false);
	{
		static const uint8_t down[8] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D', 1 };
		expect_ph(h, "downgrade_sentinel", memcmp(h->server_random + 24, down, 8) == 0 ? "yes" : "no", true);
	}
	/* not this run's: a DHE or TLS 1.3 value says why */
	expect_ph(h, "dh_p", "none: this key exchange does not use it", false);
	expect_ph(h, "client_hs_key", "none: only TLS 1.3", true);
	liverun_free(r);
}

/* TLS 1.2 with DHE: the ServerKeyExchange's parameters and signature. */
static void test_ph_dhe(void)
{
	liverun_t *r = run_of((live_cfg_t){ .version = VER_TLS12, .kx = KX_DHE });
	const handshake_t *h;
	const msg_t *ske;
	const field_t *fp, *fg;
	char want[80], *got;
	size_t bits = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	h = r->conn->hs[0];
	CU_ASSERT_EQUAL_FATAL(h->suite->kx, KX_DHE);
	ske = find_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ske);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ske->root);
	/* the parser's own reading: its dh_p and dh_g nodes hold the values in hex */
	fp = field_deep(ske->root, "dh_p");
	fg = field_deep(ske->root, "dh_g");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp->value);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fg->value);
	CU_ASSERT_TRUE_FATAL(strlen(fp->value) >= 32);
	snprintf(want, sizeof want, "%.32s", fp->value);
	expect_ph(h, "dh_p", want, true);
	expect_ph(h, "dh_g", fg->value, false);
	/* the bit length, from the parser's span of dh_p: its bytes, less leading zero bits */
	{
		const uint8_t *p = ske->raw.ptr + fp->off;
		size_t len = fp->len;
		CU_ASSERT_TRUE_FATAL(len > 2 && fp->off + len <= ske->raw.len);
		if (((size_t)p[0] << 8 | p[1]) == len - 2) {   /* the span starts at the length prefix */
			p += 2;
			len -= 2;
		}
		while (len && !p[0])
			p++, len--;
		if (len) {
			bits = 8 * (len - 1);
			for (unsigned top = p[0]; top; top >>= 1)
				bits++;
		}
	}
	got = ph_value(h, LESSON_EN, "dh_p_bits");
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	snprintf(want, sizeof want, "%zu bits", bits);
	CU_ASSERT_STRING_EQUAL(got, want);
	CU_ASSERT_TRUE(bits >= 1024);
	free(got);
	hex_of(ske->raw.ptr + ske->signature.off, 16, want);
	expect_ph(h, "server_signature", want, true);
	got = ph_value(h, LESSON_JA, "dh_p_bits");
	CU_ASSERT_PTR_NOT_NULL(got && strstr(got, " ビット"));
	free(got);
	/* DHE in TLS 1.2 with CBC: its key block as RFC 5246 6.3 counts it */
	CU_ASSERT_EQUAL(cipher_info(h->suite->cipher)->kind, CKIND_CBC);
	snprintf(want, sizeof want, "%u", 2 * (reg_mac_len(h->suite->mac) + cipher_info(h->suite->cipher)->key_len));
	expect_ph(h, "key_block_rfc_len", want, false);
	liverun_free(r);
}

/* TLS 1.3: the traffic keys and IVs from the key log's secrets (keys.c,
 * RFC 8446 7.3), the HkdfLabel bytes, the legacy fields. */
static void test_ph_tls13(void)
{
	liverun_t *r = run_of((live_cfg_t){ .version = VER_TLS13 });
	const handshake_t *h;
	const cipher_info_t *ci;
	keys_dir_t k;
	char want[160], *types;
	int side;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	h = r->conn->hs[0];
	CU_ASSERT_TRUE_FATAL(h->suite && h->suite->tls13);
	CU_ASSERT_TRUE_FATAL(h->sec.have_logged);
	ci = cipher_info(h->suite->cipher);
	for (side = 0; side < 2; side++) {
		keylog_label_t l = side == SIDE_CLIENT ? KL_CLIENT_HS : KL_SERVER_HS;
		CU_ASSERT_TRUE_FATAL(h->sec.logged.len[l] > 0);
		CU_ASSERT_EQUAL_FATAL(keys_from_traffic_secret(h->suite, h->sec.logged.secret[l], h->sec.logged.len[l], &k),
				      ERR_OK);
		hex_of(k.key, k.key_len, want);
		expect_ph(h, side == SIDE_CLIENT ? "client_hs_key" : "server_hs_key", want, false);
		hex_of(k.iv, k.iv_len, want);
		expect_ph(h, side == SIDE_CLIENT ? "client_hs_iv" : "server_hs_iv", want, false);
	}
	/* RFC 8446 7.1, by hand: length, "tls13 key" with its length byte, an empty context */
	if (ci->key_len == 16)
		expect_ph(h, "hkdf_label_key", "001009746c733133206b657900", false);
	else if (ci->key_len == 32)
		expect_ph(h, "hkdf_label_key", "002009746c733133206b657900", false);
	expect_ph(h, "hkdf_label_iv", "000c08746c73313320697600", false);
	expect_ph(h, "client_hello_version", "TLS 1.2 (0x0303)", false);
	expect_ph(h, "supported_versions", "TLS 1.3 (0x0304)", true);
	expect_ph(h, "server_hello_version", "TLS 1.2 (0x0303)", false);
	expect_ph(h, "session_id_echoed", "yes", false);
	/* protected handshake messages: handshake inside, application_data outside */
	types = ph_value(h, LESSON_EN, "record_types");
	CU_ASSERT_PTR_NOT_NULL_FATAL(types);
	CU_ASSERT_PTR_NOT_NULL(strstr(types, "22 handshake  Finished  (encrypted, outside: application_data (23))"));
	free(types);
	expect_ph(h, "key_block_rfc_len", "none: TLS 1.3 has no such value", false);
	expect_ph(h, "record_iv_len", "none: TLS 1.3 has no such value", false);
	liverun_free(r);
}

/* TLS 1.0: the version fields, and a key block that does hold CBC IVs. */
static void test_ph_tls10(void)
{
	liverun_t *r = run_of((live_cfg_t){ .version = VER_TLS10 });
	const handshake_t *h;
	char want[32];

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	h = r->conn->hs[0];
	CU_ASSERT_EQUAL_FATAL(h->version, VER_TLS10);
	expect_ph(h, "client_hello_version", "TLS 1.0 (0x0301)", false);
	expect_ph(h, "server_hello_version", "TLS 1.0 (0x0301)", false);
	/* RFC 2246 6.3 for AES_128_CBC_SHA: 2 x 20 MAC + 2 x 16 key + 2 x 16 IV */
	CU_ASSERT_EQUAL_FATAL(h->suite_id, 0x002f);
	expect_ph(h, "key_block_rfc_len", "104", false);
	snprintf(want, sizeof want, "%zu", h->sec.keys.block_len);
	CU_ASSERT_STRING_EQUAL(want, "104");
	expect_ph(h, "key_block_rfc_check", "tlstrace derived exactly that many", false);
	/* TLS 1.0 CBC carries no explicit IV */
	expect_ph(h, "record_iv_len", "0", false);
	expect_ph(h, "record_mac_len", "20", false);
	liverun_free(r);
}

/* ---- the second handshake of a resume= run ---- */

static void expect_ph2(const handshake_t *h, liverun_t *r, const char *name, const char *want)
{
	char *got = ph_value2(h, r, LESSON_EN, name);
	bool ok = got && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "\n  {%s}: got '%s', want '%s'\n", name, got ? got : "(null)", want);
	CU_ASSERT_TRUE(ok);
	free(got);
}

/* The string value of "key":"..." in a JSON line (the first one after
 * `after`, when given), into out; false if absent or null. */
static bool json_str(const char *json, const char *after, const char *key, char *out, size_t cap)
{
	char pat[64];
	const char *p = after ? strstr(json, after) : json, *e;

	if (!p)
		return false;
	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	p = strstr(p, pat);
	if (!p)
		return false;
	p += strlen(pat);
	e = strchr(p, '"');
	if (!e || (size_t)(e - p) >= cap)
		return false;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return true;
}

/* live --resume, each kind: the {second_NAME} placeholders give the
 * resumed handshake's own values, checked against that run's JSON (the
 * same lines `tlstrace live --resume KIND --json` prints, whose
 * live.client_master and live.server_master are each side's GnuTLS's
 * own master secret): RFC 5246 7.3 / RFC 5077 3.1, the resumed session
 * keeps the master secret; F.1.4 / 7.4.1.2, new randoms; steps 3 to 6
 * skipped, both Finished verified. */
static void test_ph_second(void)
{
	static const live_resume_t kinds[] = { LIVE_RESUME_TICKET, LIVE_RESUME_SESSION_ID };
	size_t k;

	for (k = 0; k < 2; k++) {
		liverun_t *r = run_of((live_cfg_t){ .version = VER_TLS12, .kx = KX_RSA, .resume = kinds[k] });
		const handshake_t *h, *h2;
		buf_t j0 = { 0 }, j1 = { 0 };
		char cm0[97], sm0[97], cm1[97], sm1[97], cr0[65], cr1[65], sr0[65], sr1[65], sid0[65], sid1[65];
		char *v, *w;

		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL_FATAL(liverun_count(r), 2);
		CU_ASSERT_TRUE_FATAL(liverun_conn(r, 1)->nhs > 0);
		h = r->conn->hs[0];
		h2 = liverun_conn(r, 1)->hs[0];
		CU_ASSERT_EQUAL_FATAL(json_handshake(&j0, r->conn, h, 0), ERR_OK);
		CU_ASSERT_EQUAL_FATAL(json_handshake(&j1, liverun_conn(r, 1), h2, 0), ERR_OK);
		CU_ASSERT_EQUAL_FATAL(buf_append(&j0, "", 1), ERR_OK);
		CU_ASSERT_EQUAL_FATAL(buf_append(&j1, "", 1), ERR_OK);
		CU_ASSERT_PTR_NOT_NULL(strstr((const char *)j1.ptr, "\"resumed\":true"));
		CU_ASSERT_PTR_NOT_NULL(strstr((const char *)j0.ptr, "\"resumed\":false"));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j0.ptr, "\"live\":", "client_master", cm0, sizeof cm0));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j0.ptr, "\"live\":", "server_master", sm0, sizeof sm0));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j1.ptr, "\"live\":", "client_master", cm1, sizeof cm1));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j1.ptr, "\"live\":", "server_master", sm1, sizeof sm1));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j0.ptr, NULL, "client_random", cr0, sizeof cr0));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j1.ptr, NULL, "client_random", cr1, sizeof cr1));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j0.ptr, NULL, "server_random", sr0, sizeof sr0));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j1.ptr, NULL, "server_random", sr1, sizeof sr1));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j0.ptr, NULL, "session_id", sid0, sizeof sid0));
		CU_ASSERT_TRUE_FATAL(json_str((const char *)j1.ptr, NULL, "session_id", sid1, sizeof sid1));

		/* the second handshake's own values, by name */
		expect_ph2(h, r, "second_master", cm1);
		expect_ph2(h, r, "second_client_random", cr1);
		expect_ph2(h, r, "second_server_random", sr1);
		expect_ph2(h, r, "second_session_id", sid1);
		expect_ph2(h, r, "client_random", cr0);
		expect_ph2(h, r, "master", cm0);
		/* RFC 5246 7.3, RFC 5077 3.1: the master secret is kept, by both sides */
		CU_ASSERT_STRING_EQUAL(cm1, cm0);
		CU_ASSERT_STRING_EQUAL(sm1, sm0);
		CU_ASSERT_STRING_EQUAL(cm1, sm1);
		expect_ph2(h, r, "master_reused", "the same");
		/* ... with new randoms (hence new keys) */
		CU_ASSERT_STRING_NOT_EQUAL(cr1, cr0);
		CU_ASSERT_STRING_NOT_EQUAL(sr1, sr0);
		v = ph_value2(h, r, LESSON_EN, "second_key_block");
		w = ph_value2(h, r, LESSON_EN, "key_block");
		CU_ASSERT_TRUE(v && w && strlen(v) == 192 && strcmp(v, w) != 0);
		free(v);
		free(w);
		/* the abbreviated handshake: no certificate, no key exchange */
		expect_ph2(h, r, "resumed", "no");
		expect_ph2(h, r, "second_resumed", "yes");
		expect_ph2(h, r, "skipped_steps", "none");
		expect_ph2(h, r, "second_skipped_steps", "3, 4, 5, 6");
		v = ph_value2(h, r, LESSON_JA, "second_skipped_steps");
		CU_ASSERT_TRUE(v && strcmp(v, "3、4、5、6") == 0);
		free(v);
		CU_ASSERT_PTR_NULL(strstr((const char *)j1.ptr, "\"type\":\"Certificate\""));
		CU_ASSERT_PTR_NULL(strstr((const char *)j1.ptr, "\"type\":\"ClientKeyExchange\""));
		CU_ASSERT_PTR_NOT_NULL(strstr((const char *)j0.ptr, "\"type\":\"ClientKeyExchange\""));
		expect_ph2(h, r, "second_encrypted_premaster", "none: that message was not sent in this run");
		expect_ph2(h, r, "second_client_finished_verdict", "verified");
		expect_ph2(h, r, "second_server_finished_verdict", "verified");
		CU_ASSERT_PTR_NOT_NULL(strstr((const char *)j1.ptr, "\"finished\":{\"client\":\"verified\",\"server\":\"verified\"}"));
		/* how the client asked: the first ClientHello has nothing to bring back */
		expect_ph2(h, r, "client_session_id", "empty (0 bytes)");
		if (kinds[k] == LIVE_RESUME_TICKET) {
			/* RFC 5077 3.2: the ticket of the NewSessionTicket comes back;
			 * 3.4: the session id the client made up is echoed */
			expect_ph2(h, r, "client_ticket", "empty (0 bytes)");
			v = ph_value2(h, r, LESSON_EN, "ticket");
			w = ph_value2(h, r, LESSON_EN, "second_client_ticket");
			CU_ASSERT_TRUE(v && w && strstr(v, "bytes in all") && strcmp(v, w) == 0);
			free(v);
			free(w);
			expect_ph2(h, r, "second_session_id_echoed", "yes");
		} else {
			/* RFC 5246 7.4.1.2: the client sends the id of the session to
			 * resume, and the server's ServerHello carries the same id */
			CU_ASSERT_STRING_EQUAL(sid1, sid0);
			expect_ph2(h, r, "second_client_session_id", sid0);
			expect_ph2(h, r, "ticket_requested", "no");
		}
		/* in Japanese too, and a run with no second handshake says so */
		v = ph_value2(h, r, LESSON_JA, "master_reused");
		CU_ASSERT_TRUE(v && strcmp(v, "同じ") == 0);
		free(v);
		v = ph_value2(h, NULL, LESSON_EN, "second_master");
		CU_ASSERT_TRUE(v && strstr(v, "not known: this run has no second handshake"));
		free(v);
		v = ph_value2(h, NULL, LESSON_EN, "master_reused");
		CU_ASSERT_TRUE(v && strstr(v, "not known: this run has no second handshake"));
		free(v);
		/* nothing run yet (the interface, before the start) */
		v = ph_value2(NULL, r, LESSON_EN, "second_master");
		CU_ASSERT_TRUE(v && strcmp(v, "not known: the handshake has not got that far") == 0);
		free(v);
		buf_free(&j0);
		buf_free(&j1);
		liverun_free(r);
	}
}

/* Last: frees the demo PKI, so LeakSanitizer sees a clean exit. */
static void test_shutdown(void)
{
	live_shutdown();
	CU_PASS("demo PKI freed");
}

const test_suite_t test_lesson_suite = {
	"lesson", (const test_case_t[]){
		{ "every lesson parses, in both languages", test_all_parse },
		{ "files: known placeholders, steps 1..9, verbatim lines fit", test_files_by_hand },
		{ "at least two questions, each with an answer", test_questions },
		{ "the intro needs no value of the run", test_intro_needs_no_run },
		{ "en and ja have the same lessons", test_same_names },
		{ "filled with a live run: no placeholder left, the run's values shown", test_filled_with_live_run },
		{ "the parser refuses broken files, with the line", test_parser_refuses },
		{ "the parser joins lines and keeps verbatim ones", test_parser_accepts },
		{ "one placeholder table, documented", test_placeholder_table },
		{ "every placeholder fills, known or not", test_every_placeholder_fills },
		{ "step texts, failure text, interface text", test_step_texts },
		{ "wrapping by display width, Japanese included", test_wrapping },
		{ "the language follows the locale", test_language },
		{ "lessons are opened by name only", test_open },
		{ "record placeholders: header, CCS, CBC record arithmetic, content types", test_ph_records },
		{ "DHE placeholders: p, g and signature as the parser read them", test_ph_dhe },
		{ "TLS 1.3 placeholders: keys and IVs from the logged secrets, HkdfLabel, legacy fields", test_ph_tls13 },
		{ "TLS 1.0 placeholders: version fields, a key block with IVs", test_ph_tls10 },
		{ "resume= runs: {second_NAME} gives the resumed handshake's values, as its JSON says", test_ph_second },
		{ "demo PKI freed", test_shutdown },
		{ NULL, NULL } }
};
