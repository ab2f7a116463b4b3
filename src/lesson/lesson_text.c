/* lesson_text.c - a filled lesson as text for a terminal or a file: the
 * steps in the order the trace met them, each with its title, status and
 * messages and the lesson's words beside it.  Paragraphs are wrapped by
 * base/wrap.h, the interface's wrapper (display width, Japanese broken
 * between characters, never before a closing mark), verbatim lines are
 * kept, and hex longer than 64 digits continues under itself. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base/wrap.h"
#include "trace/steps.h"
#include "lesson_int.h"

enum { LT_DEFAULT_WIDTH = 78, LT_HEX_LINE = 64 };

typedef struct {
	buf_t *out;
	unsigned width;
	bool failed;
} lt_t;

static void lt_put(lt_t *t, const char *s, size_t n)
{
	if (buf_append(t->out, s, n) != ERR_OK)
		t->failed = true;
}

static void lt_puts(lt_t *t, const char *s)
{
	lt_put(t, s, strlen(s));
}

/* One flowing paragraph, wrapped (base/wrap.h, as the interface wraps
 * it): `first` before its first line, `rest` before the others. */
static void lt_wrap(lt_t *t, const char *first, const char *rest, const char *s, size_t n)
{
	const char *pre = first;
	wrap_t w = wrap_start(s, n, 0);
	wrap_line_t line;

	for (;;) {
		unsigned pw = wrap_width(pre, strlen(pre));

		w.width = t->width > pw + 20 ? t->width - pw : 20;
		if (!wrap_next(&w, &line))
			return;
		lt_puts(t, pre);
		lt_put(t, s + line.off, line.len);
		lt_puts(t, "\n");
		pre = rest;
	}
}

static bool lt_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool lt_hexdigit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* A verbatim line: kept as written, except that a hex value wider than
 * the room left goes on in lines of 16 to 64 digits under its start. */
static void lt_verbatim(lt_t *t, const char *pre, const char *s, size_t n)
{
	unsigned col = wrap_width(pre, strlen(pre));
	size_t i = 0;

	lt_puts(t, pre);
	while (i < n) {
		size_t k = i;
		if (i == 0 || !lt_alnum(s[i - 1]))
			while (k < n && lt_hexdigit(s[k]))
				k++;
		if (k - i >= 32 && (k == n || !lt_alnum(s[k])) && col + (k - i) > t->width) {
			size_t chunk = t->width >= col + 16 ? (t->width - col) / 16 * 16 : 16;
			if (chunk > LT_HEX_LINE)
				chunk = LT_HEX_LINE;
			for (size_t at = i; at < k; at += chunk) {
				if (at > i) {
					lt_puts(t, "\n");
					for (unsigned c = 0; c < col; c++)
						lt_puts(t, " ");
				}
				lt_put(t, s + at, k - at > chunk ? chunk : k - at);
			}
			col += (unsigned)chunk;
			i = k;
			continue;
		}
		wrap_char_t c = wrap_char(s + i, n - i);
		col += c.width;
		lt_put(t, s + i, c.len);
		i += c.len;
	}
	lt_puts(t, "\n");
}

/* A verbatim line too wide for the screen (a long phrase in place of a
 * value) is wrapped at its spaces, going on under the value: the column
 * after the first gap of two spaces, or four columns in. */
static void lt_verbatim_line(lt_t *t, const char *pre, const char *s, size_t n)
{
	char first[128], rest[128];
	size_t lead = 0, k, hang;

	for (k = 0; k + 1 < n; k++)
		if (s[k] != ' ' && s[k + 1] == ' ')
			break;
	if (wrap_width(pre, strlen(pre)) + wrap_width(s, n) <= t->width) {
		lt_verbatim(t, pre, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t run = 0;
		while (i + run < n && lt_hexdigit(s[i + run]))
			run++;
		if (run >= 32) {
			lt_verbatim(t, pre, s, n);
			return;
		}
		i += run;
	}
	while (lead < n && s[lead] == ' ')
		lead++;
	hang = lead + 4;
	for (k = lead; k + 2 < n; k++)
		if (s[k] != ' ' && s[k + 1] == ' ' && s[k + 2] == ' ') {
			for (k += 1; k < n && s[k] == ' '; k++)
				;
			hang = wrap_width(s, k);
			break;
		}
	if (hang > 40)
		hang = lead + 4;
	snprintf(first, sizeof first, "%s%.*s", pre, (int)(lead < 60 ? lead : 60), s);
	snprintf(rest, sizeof rest, "%s%*s", pre, (int)hang, "");
	lt_wrap(t, first, rest, s + lead, n - lead);
}

/* Filled section text, one paragraph per line (lesson.h): `first` before
 * the first paragraph, `indent` before the others. */
static void lt_paragraphs(lt_t *t, const char *first, const char *indent, const char *text)
{
	const char *pre = first;
	char bullet[64];

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);

		if (n == 0) {
			lt_puts(t, "\n");
		} else if (text[0] == ' ') {
			lt_verbatim_line(t, pre, text, n);
		} else if (n >= 2 && text[0] == '-' && text[1] == ' ') {
			char head[64];
			snprintf(head, sizeof head, "%s- ", pre);
			snprintf(bullet, sizeof bullet, "%s  ", indent);
			lt_wrap(t, head, bullet, text + 2, n - 2);
		} else {
			lt_wrap(t, pre, indent, text, n);
		}
		pre = indent;
		text += n + (nl != NULL);
	}
}

/* Fills raw and lays it out as paragraphs. */
static void lt_section(lt_t *t, const lesson_t *l, const handshake_t *h, const char *first, const char *indent,
		       const char *raw)
{
	buf_t v = { 0 };

	if (lesson_fill(l, h, raw, &v) != ERR_OK)
		t->failed = true;
	else
		lt_paragraphs(t, first, indent, (const char *)v.ptr);
	buf_free(&v);
}

static void lt_printf(lt_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lt_printf(lt_t *t, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	lt_puts(t, line);
}

static void lt_step(lt_t *t, const lesson_t *l, const handshake_t *h, int s)
{
	const lesson_strings_t *w = lesson_strings(l->lang);
	step_status_t st = h ? h->steps[s].status : STEP_NOT_REACHED;
	size_t i;
	bool any = false;

	lt_printf(t, "\n%s %d  %s  [%s]\n", w->step, s, lesson_step_title(l->lang, s), w->status[st]);
	for (i = 0; h && i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (h->msg_step[i] != s)
			continue;
		lt_printf(t, "  %s -> %s  %s\n", w->side[m->sender != SIDE_CLIENT], w->side[m->sender == SIDE_CLIENT],
			  msg_type_name(m));
		any = true;
	}
	for (i = 0; s == STEP_COUNT && h && i < 2; i++) {
		if (!h->app_records[i])
			continue;
		if (l->lang == LESSON_JA)
			lt_printf(t, "  %s -> %s  アプリケーションデータ（%llu レコード、%llu バイト）\n", w->side[i != SIDE_CLIENT],
				  w->side[i == SIDE_CLIENT], (unsigned long long)h->app_records[i],
				  (unsigned long long)h->app_bytes[i]);
		else
			lt_printf(t, "  %s -> %s  application data (%llu record(s), %llu bytes)\n", w->side[i != SIDE_CLIENT],
				  w->side[i == SIDE_CLIENT], (unsigned long long)h->app_records[i],
				  (unsigned long long)h->app_bytes[i]);
		any = true;
	}
	/* The engine's reason in the lesson's language (a Japanese lesson
	 * shows only one the step table words in Japanese). */
	if (h && st == STEP_SKIPPED && h->steps[s].reason && (l->lang == LESSON_EN || h->steps[s].reason_ja)) {
		const char *why = step_reason(h, s, l->lang == LESSON_JA ? LANG_JA : LANG_EN);
		lt_wrap(t, "  (", "   ", why, strlen(why));
		if (t->out->len && t->out->ptr[t->out->len - 1] == '\n')
			t->out->len--;
		lt_puts(t, ")\n");
		any = true;
	}
	if (st == STEP_FAILED) {
		lt_printf(t, "  ! %s\n", w->failed_here);
		any = true;
	}
	if (l->step[s] || (h && h->failure.failed && h->failure.step == s && l->failure)) {
		if (any)
			lt_puts(t, "\n");
		if (l->step[s])
			lt_section(t, l, h, "  ", "  ", l->step[s]);
		if (h && h->failure.failed && h->failure.step == s && l->failure) {
			if (l->step[s])
				lt_puts(t, "\n");
			lt_section(t, l, h, "  ", "  ", l->failure);
		}
	}
}

static void lt_question(lt_t *t, const lesson_t *l, const handshake_t *h, size_t i, bool with_answer)
{
	char first[32], ans[96];

	snprintf(first, sizeof first, "  %zu. ", i + 1);
	lt_section(t, l, h, first, "     ", l->qa[i].question);
	if (with_answer) {
		snprintf(ans, sizeof ans, "     %s: ", lesson_strings(l->lang)->answer);
		lt_section(t, l, h, ans, "     ", l->qa[i].answer);
	}
}

static lt_t lt_make(buf_t *out, unsigned width)
{
	return (lt_t){ out, width >= 30 ? width : LT_DEFAULT_WIDTH, false };
}

err_t lesson_render_text(const lesson_t *l, const handshake_t *h, const lesson_text_opts_t *o, buf_t *out)
{
	const lesson_strings_t *w = lesson_strings(l->lang);
	lt_t t = lt_make(out, o->width);
	int order[STEP_COUNT], k;
	size_t i;

	lt_printf(&t, "%s %d: %s  (%s)\n", w->lesson, l->order, l->title, l->name);
	if (o->capture)
		lt_printf(&t, "%s: %s (%s)", w->recorded, o->capture, l->run);
	else
		lt_printf(&t, "%s: %s", w->run, l->run);
	if (h)
		lt_printf(&t, " -> %s, %s; %s: %s", h->version ? (h->dtls_version ? handshake_version_name(h) : reg_version_name(h->version)) : "-",
			  h->suite ? h->suite->name : "-", w->outcome_word, w->outcome[h->outcome]);
	lt_puts(&t, "\n");
	if (l->intro) {
		lt_puts(&t, "\n");
		lt_section(&t, l, h, "  ", "  ", l->intro);
	}
	lesson_step_order(h, order);
	for (k = 0; k < STEP_COUNT; k++)
		lt_step(&t, l, h, order[k]);
	if (l->summary) {
		lt_printf(&t, "\n%s\n", w->summary);
		lt_section(&t, l, h, "  ", "  ", l->summary);
	}
	if (l->nqa && o->qa != LESSON_QA_NONE) {
		lt_printf(&t, "\n%s\n", w->questions);
		for (i = 0; i < l->nqa; i++)
			lt_question(&t, l, h, i, o->qa == LESSON_QA_ANSWERS);
		if (o->qa == LESSON_QA_HINT && o->answers_hint) {
			lt_printf(&t, "\n%s%s%s\n", w->answers_hint[0], o->answers_hint, w->answers_hint[1]);
		}
	}
	return t.failed ? ERR_NOMEM : ERR_OK;
}

err_t lesson_render_question(const lesson_t *l, const handshake_t *h, size_t i, bool with_answer, unsigned width,
			     buf_t *out)
{
	lt_t t = lt_make(out, width);

	if (i >= l->nqa)
		return ERR_BAD_VALUE;
	lt_question(&t, l, h, i, with_answer);
	return t.failed ? ERR_NOMEM : ERR_OK;
}

err_t lesson_render_answer(const lesson_t *l, const handshake_t *h, size_t i, unsigned width, buf_t *out)
{
	lt_t t = lt_make(out, width);
	char ans[96];

	if (i >= l->nqa)
		return ERR_BAD_VALUE;
	snprintf(ans, sizeof ans, "     %s: ", lesson_strings(l->lang)->answer);
	lt_section(&t, l, h, ans, "     ", l->qa[i].answer);
	return t.failed ? ERR_NOMEM : ERR_OK;
}

const char *lesson_prompt(lesson_lang_t lang)
{
	return lesson_strings(lang)->prompt;
}

const char *lesson_questions_title(lesson_lang_t lang)
{
	return lesson_strings(lang)->questions;
}

const char *lesson_answers_title(lesson_lang_t lang)
{
	return lesson_strings(lang)->answer;
}
