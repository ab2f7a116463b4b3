/* lesson_fill.c - a lesson's text with its placeholders replaced by the
 * values of a traced handshake (or by a phrase saying why a value is not
 * known), the text of one step for the interface, and the order in which
 * a handshake met its steps. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/strfmt.h"
#include "trace/steps.h"
#include "lesson_int.h"

void lf_puts(lesson_fill_t *f, const char *s)
{
	if (buf_append(f->out, s, strlen(s)) != ERR_OK)
		f->failed = true;
}

/* Appends s and frees it; NULL (out of memory making it) fails the fill. */
static void lf_puts_owned(lesson_fill_t *f, char *s)
{
	if (!s) {
		f->failed = true;
		return;
	}
	lf_puts(f, s);
	free(s);
}

void lf_printf(lesson_fill_t *f, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = str_vformat(fmt, ap);
	va_end(ap);
	lf_puts_owned(f, s);
}

void lf_hex(lesson_fill_t *f, const uint8_t *p, size_t n)
{
	lf_puts_owned(f, bytes_hex_dup(p, n));
}

void lf_hex_short(lesson_fill_t *f, const uint8_t *p, size_t n)
{
	lf_hex(f, p, n > 16 ? 16 : n);
	if (n > 16)
		lf_printf(f, "%s%zu%s", lesson_strings(f->lang)->bytes_in_all[0], n,
			  lesson_strings(f->lang)->bytes_in_all[1]);
	if (!n)
		lf_puts(f, lesson_strings(f->lang)->empty);
}

/* {second_NAME} in a run that makes one handshake only (no resume=, or
 * a capture with no later connection resuming this one's session). */
static const char *const lesson_no_second[LESSON_NLANGS] = {
	[LESSON_EN] = "not known: this run has no second handshake (one that resumes the first's session)",
	[LESSON_JA] = "不明: この実行には 2 回目のハンドシェイク（1 回目のセッションを再開するもの）がありません",
};

/* The value of one placeholder, with the lines after the first indented
 * like the paragraph it stands in. */
static err_t lesson_fill_one(const lesson_t *l, const handshake_t *h, const char *name, size_t n,
			     size_t indent, buf_t *out)
{
	const lesson_placeholder_t *ph = lesson_placeholder_find(name, n);
	lesson_lang_t lang = l ? l->lang : LESSON_EN;
	size_t plen = strlen(LESSON_SECOND_PREFIX);
	bool of_second = n > plen && memcmp(name, LESSON_SECOND_PREFIX, plen) == 0;
	buf_t v = { 0 };
	lesson_fill_t f = { l, lang, h, l && l->second ? l->second(l->second_ctx) : NULL, &v, false };
	const char *phrase = NULL;
	int why;
	size_t i;
	err_t e = ERR_OK;

	if (!ph) {   /* the parser refuses these: only a lesson built by hand gets here */
		return buf_append(out, "?", 1);
	}
	if (!h && ph->from_lesson) {
		static const handshake_t nothing_yet;   /* the lesson's own values need no trace */
		f.h = &nothing_yet;
	}
	if (of_second)   /* {second_NAME}: NAME of the second handshake */
		f.h = h ? f.second : NULL;
	if ((of_second || ph->pair) && (!l || !l->second))
		phrase = lesson_no_second[lang];
	why = phrase ? LU_NOT_YET : f.h ? ph->fill(&f) : LU_NOT_YET;
	if (f.failed) {
		buf_free(&v);
		return ERR_NOMEM;
	}
	if (why != LU_FILLED || !v.len) {
		if (!phrase)
			phrase = lesson_strings(lang)->unknown[why > 0 && why < LU__COUNT ? why : LU_NOT_YET];
		v.len = 0;
		e = buf_append(&v, phrase, strlen(phrase));
	}
	for (i = 0; e == ERR_OK && i < v.len; i++) {
		e = buf_append(out, &v.ptr[i], 1);
		for (size_t k = 0; e == ERR_OK && v.ptr[i] == '\n' && k < indent; k++)
			e = buf_append(out, " ", 1);
	}
	buf_free(&v);
	return e;
}

err_t lesson_fill(const lesson_t *l, const handshake_t *h, const char *raw, buf_t *out)
{
	size_t indent = 0;
	bool at_start = true;
	const char *p = raw;

	while (*p) {
		if (*p == '\n') {
			indent = 0;
			at_start = true;
		} else if (at_start && *p == ' ') {
			indent++;
		} else {
			at_start = false;
		}
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			TRY(buf_append(out, p, 1));
			p += 2;
			continue;
		}
		if (*p == '{') {
			const char *end = strchr(p, '}');
			if (end && !memchr(p, '\n', (size_t)(end - p))) {
				TRY(lesson_fill_one(l, h, p + 1, (size_t)(end - p - 1), indent, out));
				p = end + 1;
				continue;
			}
		}
		TRY(buf_append(out, p, 1));
		p++;
	}
	TRY(buf_append(out, "", 1));
	out->len--;
	return ERR_OK;
}

/* Appends filled raw, separated from what is already there by a blank line. */
static err_t lesson_add(const lesson_t *l, const handshake_t *h, const char *raw, buf_t *out)
{
	if (!raw)
		return ERR_OK;
	if (out->len)
		TRY(buf_append(out, "\n\n", 2));
	return lesson_fill(l, h, raw, out);
}

static const char *lesson_done(lesson_t *l, err_t e)
{
	if (e != ERR_OK || !l->scratch.len)
		return NULL;
	if (buf_append(&l->scratch, "", 1) != ERR_OK)
		return NULL;
	l->scratch.len--;
	return (const char *)l->scratch.ptr;
}

const char *lesson_step_text(lesson_t *l, const handshake_t *h, int step)
{
	err_t e;

	if (!l || step < 1 || step > STEP_COUNT)
		return NULL;
	l->scratch.len = 0;
	e = lesson_add(l, h, l->step[step], &l->scratch);
	if (e == ERR_OK && h && h->failure.failed && h->failure.step == step)
		e = lesson_add(l, h, l->failure, &l->scratch);
	return lesson_done(l, e);
}

const char *lesson_ui_text(void *lesson, const handshake_t *h, int step)
{
	lesson_t *l = lesson;
	const lesson_strings_t *w;
	err_t e = ERR_OK;
	size_t i;

	if (!l || step < 1 || step > STEP_COUNT)
		return NULL;
	w = lesson_strings(l->lang);
	l->scratch.len = 0;
	if (step == 1)
		e = lesson_add(l, h, l->intro, &l->scratch);
	if (e == ERR_OK)
		e = lesson_add(l, h, l->step[step], &l->scratch);
	if (e == ERR_OK && h && h->failure.failed && h->failure.step == step)
		e = lesson_add(l, h, l->failure, &l->scratch);
	if (step == STEP_COUNT) {
		if (e == ERR_OK && l->summary) {
			e = lesson_add(l, h, w->summary, &l->scratch);
			if (e == ERR_OK)
				e = buf_append(&l->scratch, "\n", 1);
			if (e == ERR_OK)
				e = lesson_fill(l, h, l->summary, &l->scratch);
		}
		if (e == ERR_OK && l->nqa)
			e = lesson_add(l, h, w->questions, &l->scratch);
		for (i = 0; e == ERR_OK && i < l->nqa; i++) {
			char num[32];
			snprintf(num, sizeof num, "\n%zu. ", i + 1);
			e = buf_append(&l->scratch, num, strlen(num));
			if (e == ERR_OK)
				e = lesson_fill(l, h, l->qa[i].question, &l->scratch);
		}
	}
	return lesson_done(l, e);
}

const char *lesson_ui_answers(void *lesson, const handshake_t *h)
{
	lesson_t *l = lesson;
	err_t e = ERR_OK;
	size_t i;

	if (!l || !l->nqa)
		return NULL;
	l->scratch.len = 0;
	for (i = 0; e == ERR_OK && i < l->nqa; i++) {
		char num[32];
		snprintf(num, sizeof num, "%s%zu. ", i ? "\n" : "", i + 1);
		e = buf_append(&l->scratch, num, strlen(num));
		if (e == ERR_OK)
			e = lesson_fill(l, h, l->qa[i].answer, &l->scratch);
	}
	return lesson_done(l, e);
}

void lesson_step_order(const handshake_t *h, int order[STEP_COUNT])
{
	bool placed[STEP_COUNT + 1] = { false }, has[STEP_COUNT + 1] = { false };
	size_t i;
	int k = 0, s, t;

	for (i = 0; h && i < h->nmsgs; i++)
		if (h->msg_step[i] >= 1 && h->msg_step[i] <= STEP_COUNT)
			has[h->msg_step[i]] = true;
	for (i = 0; h && i < h->nmsgs; i++) {
		s = h->msg_step[i];
		if (s < 1 || s > STEP_COUNT || placed[s])
			continue;
		/* A step with no message of its own comes just before the next
		 * message of the side that does it (as the text view tells it). */
		for (t = 1; t < s; t++) {
			int actor = step_info(t)->actor;
			if (!placed[t] && !has[t] && (actor < 0 || actor == h->msgs[i]->sender)) {
				placed[t] = true;
				order[k++] = t;
			}
		}
		placed[s] = true;
		order[k++] = s;
	}
	for (t = 1; t <= STEP_COUNT; t++)
		if (!placed[t])
			order[k++] = t;
}
