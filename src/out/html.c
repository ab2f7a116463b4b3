/* html.c - the HTML page of one handshake (see html.h): the head and its
 * inline style, the ladder as SVG, the steps in the order the handshake
 * met them (as the text view tells them) with their explanation, a
 * lesson's text, their messages (html_msg.c) and their secret rows (the
 * one list of trace/secret_rows.h, walked as text.c walks it), then the
 * outcome.  No crypto and no file here: the caller writes the buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "html_int.h"
#include "base/strfmt.h"
#include "trace/secret_rows.h"
#include "trace/steps.h"

/* [word][language]: the page's fixed words.  The step table, the field
 * names and the diagnosis are English; a lesson brings its own text. */
static const char *const html_words[HW__COUNT][2] = {
	[HW_TITLE] = { "The TLS handshake", "TLS ハンドシェイク" },
	[HW_CONNECTION] = { "Connection", "接続" },
	[HW_HANDSHAKE] = { "handshake", "ハンドシェイク" },
	[HW_LADDER] = { "The messages", "メッセージの流れ" },
	[HW_CLIENT] = { "client", "クライアント" },
	[HW_SERVER] = { "server", "サーバ" },
	[HW_STEP] = { "Step", "ステップ" },
	[HW_SECRETS] = { "Secrets", "秘密の値" },
	[HW_FIELDS] = { "Fields", "フィールド" },
	[HW_BYTES] = { "bytes", "バイト" },
	[HW_FRAME] = { "frame", "フレーム" },
	[HW_FLIGHT] = { "flight", "フライト" },
	[HW_ENCRYPTED] = { "encrypted", "暗号化" },
	[HW_OUTCOME] = { "Outcome", "結果" },
	[HW_FAILED_AT] = { "Failed at step", "失敗したステップ" },
	[HW_DETECTED_BY] = { "detected by the", "検出した側:" },
	[HW_CAUSE] = { "possible cause", "考えられる原因" },
	[HW_STEPS_ENGLISH] = { "", "フィールド名とプロトコルの名前は RFC の英語表記のまま、GnuTLS のメッセージは原文のままです。" },
	[HW_UNKNOWN] = { "unknown", "不明" },
	[HW_LESSON] = { "Lesson", "レッスン" },
	[HW_MADE_BY] = { "Made by tlstrace from one traced handshake.", "tlstrace が記録したハンドシェイク 1 回分から作成。" },
	[HW_NOT_SHOWN] = { "more bytes not shown", "バイトは省略" },
	[HW_CHOSEN] = { "chosen", "選択" },
	[HW_CHECK] = { "check", "の検証" },
	[HW_AGREES] = { "agrees with", "一致:" },
	[HW_DIFFERS] = { "differs from", "不一致:" },
	[HW_NO_TREE] = { "No decoded fields (encrypted or not parsed).", "復号・解析されたフィールドはありません。" },
	[HW_FULL] = { "full handshake", "フルハンドシェイク" },
	[HW_RESUMED] = { "resumed", "再開（リザンプション）" },
	[HW_SOURCE] = { "Source", "出典" },
	[HW_FIN_CLIENT] = { "client Finished", "クライアントの Finished" },
	[HW_FIN_SERVER] = { "server Finished", "サーバの Finished" },
	[HW_NOTES] = { "Notes", "注記" },
};

static const char html_style[] =
	"body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222;line-height:1.4}\n"
	"h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:2px solid #888;margin-top:1.6em}\n"
	"h3.msg{font-size:1.05em;margin:.8em 0 .2em}.dir{color:#666;font-weight:normal}\n"
	".fromc h3.msg .mt{color:#1f4e9c}.froms h3.msg .mt{color:#8a3b00}\n"
	".status{font-size:.8em;padding:0 .4em;border-radius:.3em;background:#ddd}\n"
	".st-done{background:#cfe8cf}.st-failed{background:#f4c7c3}.st-skipped{background:#e8e8e8}\n"
	".achieves{font-style:italic}.reason,.alert,.ferr,.err{color:#a00}.note{color:#8a5a00}\n"
	".lesson{border-left:4px solid #6a8fd0;padding:.2em .8em;background:#f4f7fd;margin:.6em 0}\n"
	".meta,.small,.span{color:#666;font-size:.85em}.chosen{color:#070;font-weight:bold}\n"
	".bytes{display:flex;flex-wrap:wrap;gap:1em}.fields{flex:1 1 24em;font-size:.85em}\n"
	"ul.tree{list-style:none;padding-left:1em;margin:0}.fn{font-family:monospace}\n"
	".fv{font-family:monospace;word-break:break-all}\n"
	"pre.hex{flex:0 0 auto;font-size:.8em;margin:0;line-height:1.5}.off{color:#999}\n"
	".chip{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border:1px solid #999}\n"
	".c0{background:#ffe9a8}.c1{background:#c9e7ff}.c2{background:#d8f5c8}.c3{background:#f7d2f0}\n"
	".c4{background:#ffd3bd}.c5{background:#dcd6ff}.c{background:#fff}\n"
	"table.secrets{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}\n"
	"table.secrets td,table.secrets th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;text-align:left}\n"
	"code.hex{word-break:break-all;font-size:.9em}.what{color:#555;font-size:.85em}\n"
	"svg.ladder{max-width:100%;height:auto}svg text{font-family:sans-serif;font-size:13px}\n"
	"pre.verbatim{background:#f6f6f6;padding:.3em}\n"
	"@media print{body{max-width:none;margin:0;font-size:10pt}details>summary{display:none}\n"
	"h2{break-after:avoid}div.msg,table.secrets,svg.ladder{break-inside:avoid}\n"
	".c0,.c1,.c2,.c3,.c4,.c5,.chip{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

void html_printf(html_t *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(t->out, fmt, ap) != ERR_OK)
		t->failed = true;
	va_end(ap);
}

static void html_put(html_t *t, const void *p, size_t n)
{
	if (buf_append(t->out, p, n) != ERR_OK)
		t->failed = true;
}

/* The length of the valid UTF-8 sequence at s (1-4) that XML allows, 0
 * when there is none (a stray byte, an overlong form, a surrogate, a
 * control character, U+FFFE or U+FFFF). */
static size_t html_utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\n' || s[0] == '\t' ? 1 : 0;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F) ||
	    (s[0] == 0xED && s[1] >= 0xA0) || (s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE))
		return 0;
	return n;
}

void html_esc(html_t *t, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0, n;

	if (!s)
		return;
	while (*p) {
		if (max && chars == max) {
			html_printf(t, "&#8230;");
			return;
		}
		chars++;
		switch (*p) {
		case '&': html_printf(t, "&amp;"); p++; continue;
		case '<': html_printf(t, "&lt;"); p++; continue;
		case '>': html_printf(t, "&gt;"); p++; continue;
		case '"': html_printf(t, "&quot;"); p++; continue;
		case '\'': html_printf(t, "&#39;"); p++; continue;
		default: break;
		}
		n = html_utf8_len(p);
		if (n == 0) {
			html_printf(t, "&#65533;");
			p++;
		} else {
			html_put(t, p, n);
			p += n;
		}
	}
}

const char *html_word(const html_t *t, html_word_t w)
{
	return html_words[w][t->lang == HTML_JA ? 1 : 0];
}

/* ---- the ladder ---- */

enum { HL_W = 720, HL_CX = 150, HL_SX = 650, HL_TOP = 56, HL_ROW = 30 };

static void html_ladder(html_t *t, const handshake_t *h)
{
	size_t i, height = HL_TOP + HL_ROW * h->nmsgs + 16;
	int prev = 0;

	html_printf(t, "<h2>%s</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" width=\"%d\" height=\"%zu\" "
		    "viewBox=\"0 0 %d %zu\" role=\"img\">\n", html_word(t, HW_LADDER), HL_W, height, HL_W, height);
	html_printf(t, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
		    "markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
	html_printf(t, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n", HL_CX,
		    html_word(t, HW_CLIENT));
	html_printf(t, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n", HL_SX,
		    html_word(t, HW_SERVER));
	html_printf(t, "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%zu\" stroke=\"#1f4e9c\" stroke-width=\"2\"/>\n", HL_CX,
		    HL_CX, height - 4);
	html_printf(t, "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%zu\" stroke=\"#8a3b00\" stroke-width=\"2\"/>\n", HL_SX,
		    HL_SX, height - 4);
	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		int step = h->msg_step[i];
		size_t y = HL_TOP + HL_ROW * i;
		int x1 = m->sender == SIDE_CLIENT ? HL_CX : HL_SX, x2 = m->sender == SIDE_CLIENT ? HL_SX : HL_CX;
		bool alert = m->type == CT_ALERT;

		if (step != prev) {
			html_printf(t, "<line x1=\"4\" y1=\"%zu\" x2=\"%d\" y2=\"%zu\" stroke=\"#bbb\" stroke-dasharray=\"3,3\"/>\n",
				    y - 18, HL_W - 4, y - 18);
			html_printf(t, "<a href=\"#s%d\"><text x=\"6\" y=\"%zu\" fill=\"#555\">%s %d</text></a>\n", step, y - 2,
				    html_word(t, HW_STEP), step);
			prev = step;
		}
		html_printf(t, "<a href=\"#m%zu\"><line x1=\"%d\" y1=\"%zu\" x2=\"%d\" y2=\"%zu\" stroke=\"%s\" "
			    "stroke-width=\"1.5\"%s marker-end=\"url(#arrow)\"/>", i, x1, y, x2, y,
			    alert ? "#a00" : "#333", m->encrypted ? " stroke-dasharray=\"6,3\"" : "");
		html_printf(t, "<text x=\"%d\" y=\"%zu\" text-anchor=\"middle\"%s>", (HL_CX + HL_SX) / 2, y - 5,
			    alert ? " fill=\"#a00\"" : "");
		html_esc(t, msg_type_name(m), 0);
		html_printf(t, "</text></a>\n");
	}
	html_printf(t, "</svg>\n");
}

/* ---- a lesson's text: one paragraph a line (lesson.h) ---- */

static void html_lesson_text(html_t *t, const char *s)
{
	bool list = false;

	html_printf(t, "<div class=\"lesson\">\n");
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char *line = malloc(n + 1);
		bool item = n >= 2 && s[0] == '-' && s[1] == ' ';

		if (!line) {
			t->failed = true;
			break;
		}
		memcpy(line, s, n);
		line[n] = '\0';
		if (list && !item) {
			html_printf(t, "</ul>\n");
			list = false;
		}
		if (item) {
			if (!list)
				html_printf(t, "<ul>\n");
			list = true;
			html_printf(t, "<li>");
			html_esc(t, line + 2, 0);
			html_printf(t, "</li>\n");
		} else if (n && line[0] == ' ') {
			html_printf(t, "<pre class=\"verbatim\">");
			html_esc(t, line, 0);
			html_printf(t, "</pre>\n");
		} else if (n) {
			html_printf(t, "<p>");
			html_esc(t, line, 0);
			html_printf(t, "</p>\n");
		}
		free(line);
		s += n + (e ? 1 : 0);
	}
	if (list)
		html_printf(t, "</ul>\n");
	html_printf(t, "</div>\n");
}

/* ---- secrets ---- */

static void html_row(html_t *t, const srow_t *r)
{
	html_printf(t, "<tr>");
	if (r->flags & SROW_F_LINE) {
		html_printf(t, "<td colspan=\"2\">");
		html_esc(t, r->label, 0);
		html_printf(t, " ");
		html_esc(t, r->text, 0);
		html_printf(t, "</td></tr>\n");
		return;
	}
	html_printf(t, "<th>");
	html_esc(t, r->label, 0);
	if (r->qualifier) {
		html_printf(t, " <span class=\"small\">(");
		html_esc(t, r->qualifier, 0);
		html_printf(t, ")</span>");
	}
	if (r->what) {
		html_printf(t, "<div class=\"what\">");
		html_esc(t, r->what, 0);
		html_printf(t, "</div>");
	}
	html_printf(t, "</th><td>");
	if (r->val) {
		char *hex = bytes_hex_dup(r->val, r->len);
		if (!hex) {
			t->failed = true;
		} else {
			html_printf(t, "<code class=\"hex\">%s</code>", hex);
			free(hex);
		}
	} else if (r->text) {
		html_esc(t, r->text, 0);
		if (r->note) {
			html_printf(t, ": ");
			html_esc(t, r->note, 0);
		}
	} else {
		html_printf(t, "<span class=\"err\">%s: ", html_word(t, HW_UNKNOWN));
		html_esc(t, r->unknown ? r->unknown : "not known", 0);
		html_printf(t, "</span>");
	}
	if (r->check != SROW_UNCHECKED && r->check_by) {
		html_printf(t, "<div class=\"%s\">%s %s ", r->check == SROW_AGREES ? "chosen" : "err",
			    r->check == SROW_AGREES ? "&#10003;" : "&#10007;",
			    html_word(t, r->check == SROW_AGREES ? HW_AGREES : HW_DIFFERS));
		html_esc(t, r->check_by, 0);
		html_printf(t, "</div>");
	}
	html_printf(t, "</td></tr>\n");
}

/* The step's rows in the list's order; a Finished check under its own
 * heading, left out when that Finished never came (as text.c does). */
static void html_step_secrets(html_t *t, const srow_list_t *l, int step)
{
	const srow_t *r;
	bool open = false, heading;
	size_t i = SIZE_MAX;

	while ((r = srow_next_in_step(l, step, &i, &heading)) != NULL) {
		bool fin = r->group == SROW_G_FIN_CLIENT || r->group == SROW_G_FIN_SERVER;

		if (heading) {
			if (open)
				html_printf(t, "</table>\n");
			open = false;
			html_printf(t, "<h4>");
			html_esc(t, srow_group_title(r->group), 0);
			html_printf(t, "</h4>\n");
		}
		if (!open) {
			if (!fin)
				html_printf(t, "<h4>%s</h4>\n", html_word(t, HW_SECRETS));
			html_printf(t, "<table class=\"secrets\">\n");
			open = true;
		}
		html_row(t, r);
	}
	if (open)
		html_printf(t, "</table>\n");
}

/* ---- steps ---- */

/* The steps in the order the handshake met them: a step with no message
 * of its own comes before the next message of the side that does it
 * (text.c's rule); the ones never met come last. */
static void html_step_order(const handshake_t *h, int order[STEP_COUNT])
{
	bool seen[STEP_COUNT + 1] = { false }, has[STEP_COUNT + 1] = { false };
	size_t i, n = 0;
	int s;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msg_step[i] >= 1 && h->msg_step[i] <= STEP_COUNT)
			has[h->msg_step[i]] = true;
	for (i = 0; i < h->nmsgs; i++) {
		int step = h->msg_step[i], sender = h->msgs[i]->sender;

		if (step < 1 || step > STEP_COUNT || seen[step])
			continue;
		for (s = 1; s < step; s++) {
			int actor = step_info(s)->actor;
			if (!seen[s] && !has[s] && (actor < 0 || actor == sender)) {
				order[n++] = s;
				seen[s] = true;
			}
		}
		order[n++] = step;
		seen[step] = true;
	}
	for (s = 1; s <= STEP_COUNT; s++)
		if (!seen[s])
			order[n++] = s;
}

static void html_step(html_t *t, const conn_t *c, const handshake_t *h, const html_opts_t *o,
		      const srow_list_t *rows, int s)
{
	const char *st = step_status_name(h->steps[s].status);
	lang_t l = t->lang == HTML_JA ? LANG_JA : LANG_EN;
	size_t i;

	html_printf(t, "<section class=\"step\" id=\"s%d\">\n<h2>%s %d: ", s, html_word(t, HW_STEP), s);
	html_esc(t, step_title(s, l), 0);
	html_printf(t, " <span class=\"status st-%s\">", st);
	html_esc(t, step_status_text(h->steps[s].status, l), 0);
	html_printf(t, "</span></h2>\n<p class=\"achieves\">");
	html_esc(t, step_achieves(s, l), 0);
	html_printf(t, "</p>\n");
	if (h->steps[s].reason) {
		html_printf(t, "<p class=\"reason\">");
		html_esc(t, step_reason(h, s, l), 0);
		html_printf(t, "</p>\n");
	}
	if (s == 5 && h->cert_verdict) {   /* the live client's own verdict on the chain */
		html_printf(t, "<p class=\"%s\">", h->cert_status ? "err" : "chosen");
		html_esc(t, h->cert_verdict, 0);
		html_printf(t, "</p>\n");
	}
	if (o->step_text) {
		const char *text = o->step_text(o->ctx, h, s);
		if (text && *text)
			html_lesson_text(t, text);
	}
	for (i = 0; i < h->nmsgs; i++)
		if (h->msg_step[i] == s)
			html_message(t, c, h, i);
	html_step_secrets(t, rows, s);
	html_printf(t, "</section>\n");
}

static void html_head(html_t *t, const conn_t *c, const handshake_t *h, const html_opts_t *o)
{
	const char *title = o->title ? o->title : html_word(t, HW_TITLE);

	html_printf(t, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\" xml:lang=\"%s\">\n"
		    "<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width\"/>\n<title>",
		    t->lang == HTML_JA ? "ja" : "en", t->lang == HTML_JA ? "ja" : "en");
	html_esc(t, title, 0);
	html_printf(t, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
	if (o->step_text)
		html_printf(t, "%s: ", html_word(t, HW_LESSON));
	html_esc(t, title, 0);
	html_printf(t, "</h1>\n<p>%s %u, %s %u (", html_word(t, HW_CONNECTION), c->id, html_word(t, HW_HANDSHAKE),
		    h->index);
	html_esc(t, c->source, 0);
	html_printf(t, ")");
	if (c->client_ip[0]) {
		html_printf(t, ": ");
		html_esc(t, c->client_ip, 0);
		html_printf(t, ":%u &#8594; ", c->client_port);
		html_esc(t, c->server_ip, 0);
		html_printf(t, ":%u", c->server_port);
	}
	html_printf(t, "<br/>");
	html_esc(t, h->version ? (h->dtls_version ? handshake_version_name(h) : reg_version_name(h->version)) : "version not agreed", 0);
	html_printf(t, ", ");
	html_esc(t, h->suite ? h->suite->name : "no cipher suite chosen", 0);
	html_printf(t, ", %s%s%s</p>\n", html_word(t, h->resumed ? HW_RESUMED : HW_FULL),
		    h->ems ? ", extended master secret" : "", h->etm ? ", encrypt-then-MAC" : "");
	if (o->origin) {
		html_printf(t, "<p class=\"small\">%s: ", html_word(t, HW_SOURCE));
		html_esc(t, o->origin, 0);
		html_printf(t, "</p>\n");
	}
	if (t->lang == HTML_JA)
		html_printf(t, "<p class=\"small\">%s</p>\n", html_word(t, HW_STEPS_ENGLISH));
}

static void html_outcome(html_t *t, const conn_t *c, const handshake_t *h)
{
	size_t i;

	html_printf(t, "<section id=\"outcome\">\n<h2>%s: %s</h2>\n<p>%s: %s; %s: %s</p>\n", html_word(t, HW_OUTCOME),
		    outcome_name(h->outcome), html_word(t, HW_FIN_CLIENT), fin_verdict_name(h->fin[SIDE_CLIENT].verdict),
		    html_word(t, HW_FIN_SERVER), fin_verdict_name(h->fin[SIDE_SERVER].verdict));
	if (h->failure.failed) {
		html_printf(t, "<p class=\"err\">%s %d (", html_word(t, HW_FAILED_AT), h->failure.step);
		bool ja = t->lang == HTML_JA && h->failure.reason_ja;
		/* the Japanese causes when the diagnosis worded them all */
		char *const *causes = ja && h->failure.ncauses_ja == h->failure.ncauses ? h->failure.causes_ja
											  : h->failure.causes;

		html_esc(t, step_title(h->failure.step, ja ? LANG_JA : LANG_EN), 0);
		html_printf(t, "), %s %s: ", html_word(t, HW_DETECTED_BY),
			    html_word(t, h->failure.sender == SIDE_SERVER ? HW_SERVER : HW_CLIENT));
		html_esc(t, ja ? h->failure.reason_ja : h->failure.reason, 0);
		html_printf(t, "</p>\n");
		if (ja) {   /* the JSON's words too, for a reader who searches for them */
			html_printf(t, "<p class=\"small\" lang=\"en\">");
			html_esc(t, h->failure.reason, 0);
			html_printf(t, "</p>\n");
		}
		if (h->failure.ncauses) {
			html_printf(t, "<ul>\n");
			for (i = 0; i < h->failure.ncauses; i++) {
				html_printf(t, "<li>%s: ", html_word(t, HW_CAUSE));
				html_esc(t, causes[i], 0);
				html_printf(t, "</li>\n");
			}
			html_printf(t, "</ul>\n");
		}
	}
	if (c->nnotes) {
		html_printf(t, "<h3>%s</h3>\n<ul>\n", html_word(t, HW_NOTES));
		for (i = 0; i < c->nnotes; i++) {
			html_printf(t, "<li>");
			html_esc(t, c->notes[i], 0);
			html_printf(t, "</li>\n");
		}
		html_printf(t, "</ul>\n");
	}
	html_printf(t, "</section>\n");
}

err_t html_handshake(buf_t *out, const conn_t *c, const handshake_t *h, const html_opts_t *o)
{
	srow_list_t *rows = malloc(sizeof *rows);
	html_t t = { out, false, o->lang };
	int order[STEP_COUNT], i;

	if (!rows)
		return ERR_NOMEM;
	srow_build(h, rows);
	html_step_order(h, order);
	html_head(&t, c, h, o);
	html_ladder(&t, h);
	for (i = 0; i < STEP_COUNT; i++)
		html_step(&t, c, h, o, rows, order[i]);
	html_outcome(&t, c, h);
	html_printf(&t, "<p class=\"small\">%s</p>\n</body>\n</html>\n", html_word(&t, HW_MADE_BY));
	free(rows);
	return t.failed ? ERR_NOMEM : ERR_OK;
}
