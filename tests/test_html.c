/* test_html.c - the HTML view (src/out/html.h): escaping (markup
 * characters, bytes that are not UTF-8 or not allowed in XML, the length
 * cap), and the page of a live TLS 1.2 run: every message has its
 * heading, the master secret's hex is there, hostile notes come out
 * escaped, a lesson's text (paragraphs, bullets, verbatim lines) is laid
 * out, and nothing is fetched from anywhere.  tests/html.sh parses the
 * pages as XML from the outside. */
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "base/strfmt.h"
#include "live/run.h"
#include "out/html_int.h"
#include "trace/secret_rows.h"

static char *h_esc(const char *s, size_t max)
{
	buf_t b = { 0 };
	html_t t = { &b, false, HTML_EN };
	char *r;

	html_esc(&t, s, max);
	CU_ASSERT_FALSE(t.failed);
	CU_ASSERT_EQUAL(buf_append(&b, "", 1), ERR_OK);
	r = (char *)b.ptr;
	return r;
}

static void h_expect(const char *in, size_t max, const char *want)
{
	char *got = h_esc(in, max);

	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, want);
	free(got);
}

static void test_html_escape(void)
{
	h_expect("a<b>&\"'c", 0, "a&lt;b&gt;&amp;&quot;&#39;c");
	h_expect("", 0, "");
	h_expect("日本語", 0, "日本語");
	/* a stray byte, a lead without its continuation, a control character:
	 * one U+FFFD each; an overlong '/' (2 bytes), a surrogate and U+FFFE
	 * (3 bytes): one for each byte, as none starts a sequence XML takes */
	h_expect("\xff" "x\xc3(\x01", 0, "&#65533;x&#65533;(&#65533;");
	h_expect("\xc0\xaf", 0, "&#65533;&#65533;");
	h_expect("\xed\xa0\x80" "a\xef\xbf\xbe", 0, "&#65533;&#65533;&#65533;a&#65533;&#65533;&#65533;");
	h_expect("tab\tline\n", 0, "tab\tline\n");
	h_expect("abcdef", 3, "abc&#8230;");
	h_expect("日本語です", 2, "日本&#8230;");
}

static const char *h_lesson(void *ctx, const handshake_t *h, int step)
{
	(void)ctx;
	(void)h;
	return step == 1 ? "First <para> & more\n\n- one bullet\n- two\n    verbatim < line\nlast" : NULL;
}

static void test_html_page(void)
{
	live_cfg_t cfg = { .version = VER_TLS12, .suite = suite_find(0x003C) };
	liverun_t *run = NULL;
	char why[256];
	buf_t page = { 0 };
	html_opts_t o = { HTML_JA, "A <title> & more", "x.pcap", h_lesson, NULL };
	srow_list_t *rows = malloc(sizeof *rows);
	const handshake_t *h;
	const char *p;
	char *hex;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &run, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(run), ERR_OK);
	h = conn_current(run->conn);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	conn_note(run->conn, "a note with <script>alert(1)</script> & \"quotes\"");
	CU_ASSERT_EQUAL_FATAL(html_handshake(&page, run->conn, h, &o), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(buf_append(&page, "", 1), ERR_OK);
	p = (const char *)page.ptr;
	CU_ASSERT(strncmp(p, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ja\"", 67) == 0);
	CU_ASSERT(strcmp(p + page.len - 9, "</html>\n") == 0);
	CU_ASSERT_PTR_NULL(strstr(p, "<script"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<title>A &lt;title&gt; &amp; more</title>"));
	CU_ASSERT_PTR_NULL(strstr(p, "https://"));
	/* every message has its heading */
	for (i = 0; i < h->nmsgs; i++) {
		char want[96];
		snprintf(want, sizeof want, "id=\"m%zu\"><span class=\"dir\">", i);
		CU_ASSERT_PTR_NOT_NULL(strstr(p, want));
		snprintf(want, sizeof want, "<span class=\"mt\">%s</span>", msg_type_name(h->msgs[i]));
		CU_ASSERT_PTR_NOT_NULL(strstr(p, want));
	}
	/* the master secret's row, whole */
	srow_build(h, rows);
	CU_ASSERT_PTR_NOT_NULL_FATAL(srow_get(rows, SROW_K_MASTER));
	hex = bytes_hex_dup(srow_get(rows, SROW_K_MASTER)->val, srow_get(rows, SROW_K_MASTER)->len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(hex);
	CU_ASSERT_PTR_NOT_NULL(strstr(p, hex));
	free(hex);
	/* the lesson's text, laid out and escaped */
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<p>First &lt;para&gt; &amp; more</p>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<ul>\n<li>one bullet</li>\n<li>two</li>\n</ul>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<pre class=\"verbatim\">    verbatim &lt; line</pre>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "<p>last</p>"));
	/* Japanese fixed words */
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "クライアント"));
	buf_free(&page);
	free(rows);
	liverun_free(run);
}

static const test_case_t cases[] = {
	{ "escaping: markup, bad UTF-8, XML's forbidden characters, the cap", test_html_escape },
	{ "a live TLS 1.2 page: messages, master, lesson text, notes escaped", test_html_page },
	{ NULL, NULL }
};

const test_suite_t test_html_suite = { "HTML page", cases };
