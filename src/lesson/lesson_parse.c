/* lesson_parse.c - the lesson file format (lessons/README.md): header
 * lines, then [sections] whose lines become paragraphs.  Strict: anything
 * the format does not define is an error with its line number, so a typo
 * in a lesson is caught by the tests, not by a student. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/wrap.h"
#include "base/vec.h"
#include "live/cfg.h"
#include "lesson.h"

enum { LESSON_MAX_FILE = 1 << 20 };

typedef struct {
	lesson_t *l;
	lesson_error_t *err;
	int line;
	/* the section being read */
	char **target;           /* where its text goes; NULL before the first section */
	int target_line;
	char target_name[32];
	buf_t sec;
	bool in_flow, blank;
	bool have_name, have_title, have_run, have_order;
} parse_t;

static err_t lp_fail(parse_t *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static err_t lp_fail(parse_t *p, int line, const char *fmt, ...)
{
	va_list ap;

	p->err->line = line;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
	va_end(ap);
	return ERR_FORMAT;
}

static bool lp_is_name_char(char c, bool dash)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (dash ? c == '-' : c == '_');
}

/* Every placeholder of a line exists; braces are balanced ({{ and }} are literal). */
static err_t lp_check_placeholders(parse_t *p, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		if (s[i] == '}') {
			if (i + 1 < n && s[i + 1] == '}') {
				i += 2;
				continue;
			}
			return lp_fail(p, p->line, "a '}' with no '{' before it (write }} for a brace)");
		}
		if (s[i] != '{') {
			i++;
			continue;
		}
		if (i + 1 < n && s[i + 1] == '{') {
			i += 2;
			continue;
		}
		for (j = i + 1; j < n && s[j] != '}' && s[j] != '{'; j++)
			;
		if (j == n || s[j] == '{')
			return lp_fail(p, p->line, "unterminated placeholder '%.*s' (a placeholder ends with '}' on "
				       "the same line; write {{ for a brace)", (int)(j - i > 40 ? 40 : j - i), s + i);
		for (size_t k = i + 1; k < j; k++)
			if (!lp_is_name_char(s[k], false))
				return lp_fail(p, p->line, "bad placeholder '%.*s': names are lowercase letters, digits and _",
					       (int)(j - i + 1), s + i);
		if (!lesson_placeholder_find(s + i + 1, j - i - 1))
			return lp_fail(p, p->line, "unknown placeholder {%.*s}", (int)(j - i - 1), s + i + 1);
		i = j + 1;
	}
	return ERR_OK;
}

/* Japanese punctuation and brackets: no space is put next to them. */
static bool lp_cjk_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	       (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || c == 0x2026 || c == 0x30fb;
}

/* The file's lines join with a space between two ASCII characters, with
 * none between two Japanese ones (Japanese puts no spaces between words),
 * and with one between a Latin word and Japanese text, except next to
 * Japanese punctuation (、。「」（）). */
static bool lp_join_space(const buf_t *b, const char *next, size_t n)
{
	size_t k = b->len;
	uint32_t a, z;

	if (!k)
		return false;
	while (k > 0 && (b->ptr[k - 1] & 0xc0) == 0x80)
		k--;
	if (k == 0)
		return false;
	a = wrap_char((const char *)b->ptr + k - 1, b->len - k + 1).cp;
	z = wrap_char(next, n).cp;
	if (a < 0x80 && z < 0x80)
		return true;
	if (a >= 0x80 && z >= 0x80)
		return false;
	return !lp_cjk_punct(a >= 0x80 ? a : z);
}

static err_t lp_text_line(parse_t *p, const char *s, size_t n)
{
	bool verbatim = s[0] == ' ' || s[0] == '\t', bullet = n >= 2 && s[0] == '-' && s[1] == ' ';
	size_t k;

	for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
		if (s[k] == '\t')
			return lp_fail(p, p->line, "indent with spaces, not tabs");
	TRY(lp_check_placeholders(p, s, n));
	if (p->in_flow && !verbatim && !bullet && !p->blank) {
		if (lp_join_space(&p->sec, s, n))
			TRY(buf_append(&p->sec, " ", 1));
		return buf_append(&p->sec, s, n);
	}
	if (p->sec.len)
		TRY(buf_append(&p->sec, p->blank ? "\n\n" : "\n", p->blank ? 2 : 1));
	p->blank = false;
	p->in_flow = !verbatim;
	return buf_append(&p->sec, s, n);
}

/* The section being read is over: its text goes where it belongs. */
static err_t lp_close_section(parse_t *p)
{
	if (!p->target)
		return ERR_OK;
	if (p->sec.len == 0)
		return lp_fail(p, p->target_line, "the section [%s] is empty", p->target_name);
	TRY(buf_append(&p->sec, "", 1));
	*p->target = (char *)p->sec.ptr;
	p->sec = (buf_t){ 0 };
	p->target = NULL;
	p->in_flow = p->blank = false;
	return ERR_OK;
}

static err_t lp_open_section(parse_t *p, const char *s, size_t n)
{
	lesson_t *l = p->l;
	char name[32];
	char **slot = NULL;

	if (s[n - 1] != ']')
		return lp_fail(p, p->line, "unterminated section header '%.*s' (a header is one line: [name])",
			       (int)(n > 40 ? 40 : n), s);
	TRY(lp_close_section(p));
	if (n - 2 >= sizeof name)
		return lp_fail(p, p->line, "unknown section '%.*s'", (int)(n > 40 ? 40 : n), s);
	memcpy(name, s + 1, n - 2);
	name[n - 2] = '\0';
	if (!p->have_name || !p->have_title || !p->have_run)
		return lp_fail(p, p->line, "the header needs name:, title: and run: before the first section");
	if (strcmp(name, "intro") == 0) {
		slot = &l->intro;
	} else if (strcmp(name, "summary") == 0) {
		slot = &l->summary;
	} else if (strcmp(name, "failure") == 0) {
		slot = &l->failure;
	} else if (strncmp(name, "step", 4) == 0 && (name[4] == ' ' || name[4] == '\0')) {
		char *end;
		long k = strtol(name + 4, &end, 10);
		if (end == name + 4 || *end)
			return lp_fail(p, p->line, "a step section is [step N], N from 1 to 9");
		if (k < 1 || k > STEP_COUNT)
			return lp_fail(p, p->line, "there is no step %ld: steps are numbered 1 to 9", k);
		slot = &l->step[k];
	} else if (strcmp(name, "question") == 0) {
		lesson_qa_t *qa;
		if (l->nqa && !l->qa[l->nqa - 1].answer)
			return lp_fail(p, p->line, "the question of line %d has no [answer]", l->qa[l->nqa - 1].line);
		qa = vec_push(l->qa, l->nqa, sizeof *qa);
		ENSURE(qa, ERR_NOMEM);
		l->qa = qa;
		qa[l->nqa] = (lesson_qa_t){ NULL, NULL, p->line };
		slot = &qa[l->nqa++].question;
	} else if (strcmp(name, "answer") == 0) {
		if (!l->nqa || l->qa[l->nqa - 1].answer)
			return lp_fail(p, p->line, "an [answer] must follow a [question]");
		slot = &l->qa[l->nqa - 1].answer;
	} else {
		return lp_fail(p, p->line, "unknown section [%s] (sections: intro, step N, failure, summary, "
			       "question, answer)", name);
	}
	if (*slot)
		return lp_fail(p, p->line, "a second [%s] section", name);
	p->target = slot;
	p->target_line = p->line;
	snprintf(p->target_name, sizeof p->target_name, "%s", name);
	return ERR_OK;
}

/* run: tls=1.2 kx=rsa cipher=NAME client-auth ems | scenario=NAME: each
 * token is a key=value or a switch of live_cfg_set, the whole checked by
 * live_cfg_check: the words of the command line's --tls, --kx, ... */
static err_t lp_run(parse_t *p, const char *v)
{
	live_cfg_t *c = &p->l->cfg;
	char tok[128], why[200];
	size_t n;
	bool any = false;

	while (*v) {
		char *val;
		while (*v == ' ')
			v++;
		for (n = 0; v[n] && v[n] != ' '; n++)
			;
		if (!n)
			break;
		if (n >= sizeof tok)
			return lp_fail(p, p->line, "run: '%.40s...' is too long", v);
		memcpy(tok, v, n);
		tok[n] = '\0';
		v += n;
		if ((val = strchr(tok, '=')) != NULL)
			*val++ = '\0';
		if (live_cfg_set(c, tok, val, why, sizeof why) != ERR_OK)
			return lp_fail(p, p->line, "run: %s", why);
		any = true;
	}
	if (!any)
		return lp_fail(p, p->line, "run: says nothing (try tls=1.2 kx=rsa)");
	if (live_cfg_check(c, why, sizeof why) != ERR_OK)
		return lp_fail(p, p->line, "run: %s", why);
	return ERR_OK;
}

static err_t lp_header(parse_t *p, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	char key[16], *val;
	size_t kl;
	lesson_t *l = p->l;

	if (!colon || (kl = (size_t)(colon - s)) >= sizeof key || kl == 0)
		return lp_fail(p, p->line, "expected 'key: value' (name, title, order, run) or a [section]");
	memcpy(key, s, kl);
	key[kl] = '\0';
	colon++;
	while (colon < s + n && *colon == ' ')
		colon++;
	if (colon == s + n)
		return lp_fail(p, p->line, "%s: has no value", key);
	val = strndup(colon, (size_t)(s + n - colon));
	ENSURE(val, ERR_NOMEM);
	if (strcmp(key, "name") == 0 && !p->have_name) {
		for (const char *c = val; *c; c++)
			if (!lp_is_name_char(*c, true)) {
				free(val);
				return lp_fail(p, p->line, "name: lowercase letters, digits and '-' only");
			}
		l->name = val;
		p->have_name = true;
	} else if (strcmp(key, "title") == 0 && !p->have_title) {
		l->title = val;
		p->have_title = true;
	} else if (strcmp(key, "run") == 0 && !p->have_run) {
		l->run = val;
		p->have_run = true;
		return lp_run(p, val);
	} else if (strcmp(key, "order") == 0 && !p->have_order) {
		char *end;
		l->order = (int)strtol(val, &end, 10);
		p->have_order = true;
		if (*end || end == val || l->order < 0) {
			free(val);
			return lp_fail(p, p->line, "order: a number (0, 1, 2, ...)");
		}
		free(val);
	} else {
		bool known = !strcmp(key, "name") || !strcmp(key, "title") || !strcmp(key, "run") || !strcmp(key, "order");
		free(val);
		return lp_fail(p, p->line, known ? "a second %s: line" : "unknown header '%s:' (name, title, order, run)",
			       key);
	}
	return ERR_OK;
}

static err_t lp_line(parse_t *p, const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n && s[0] == '#')
		return ERR_OK;
	if (n && s[0] == '[')
		return lp_open_section(p, s, n);
	if (!p->target) {
		if (n == 0)
			return ERR_OK;
		return lp_header(p, s, n);
	}
	if (n == 0) {
		if (p->sec.len)
			p->blank = true;
		p->in_flow = false;
		return ERR_OK;
	}
	return lp_text_line(p, s, n);
}

err_t lesson_parse(const char *text, size_t len, lesson_lang_t lang, lesson_t **out, lesson_error_t *err)
{
	parse_t p = { 0 };
	lesson_error_t dummy;
	size_t i = 0;
	err_t e = ERR_OK;

	*out = NULL;
	p.err = err ? err : &dummy;
	p.err->line = 0;
	p.err->msg[0] = '\0';
	p.l = calloc(1, sizeof *p.l);
	ENSURE(p.l, ERR_NOMEM);
	p.l->lang = lang;
	while (e == ERR_OK && i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		p.line++;
		if (memchr(text + i, '\0', n))
			e = lp_fail(&p, p.line, "a NUL byte: not a text file");
		else
			e = lp_line(&p, text + i, n);
		i += n + 1;
	}
	if (e == ERR_OK)
		e = lp_close_section(&p);
	if (e == ERR_OK && p.l->nqa && !p.l->qa[p.l->nqa - 1].answer)
		e = lp_fail(&p, p.l->qa[p.l->nqa - 1].line, "the question has no [answer] (the file ends first)");
	if (e == ERR_OK && (!p.have_name || !p.have_title || !p.have_run))
		e = lp_fail(&p, p.line, "the header needs name:, title: and run:");
	if (e == ERR_OK && !p.l->intro && !p.l->summary && !p.l->nqa)
		e = lp_fail(&p, p.line, "no sections: a lesson has at least an [intro]");
	buf_free(&p.sec);
	if (e != ERR_OK) {
		if (e == ERR_NOMEM && !p.err->msg[0])
			snprintf(p.err->msg, sizeof p.err->msg, "out of memory");
		lesson_free(p.l);
		return e;
	}
	*out = p.l;
	return ERR_OK;
}

err_t lesson_load(const char *path, lesson_lang_t lang, lesson_t **out, lesson_error_t *err)
{
	buf_t text = { 0 };
	const char *base = strrchr(path, '/');
	err_t e;

	*out = NULL;
	if (err) {
		err->line = 0;
		err->msg[0] = '\0';
	}
	e = buf_read_file(&text, path, LESSON_MAX_FILE);
	if (e == ERR_BAD_LENGTH) {
		if (err)
			snprintf(err->msg, sizeof err->msg, "larger than %d bytes: not a lesson", LESSON_MAX_FILE);
		return ERR_FORMAT;
	}
	if (e != ERR_OK)
		return e;
	e = lesson_parse((const char *)text.ptr, text.len, lang, out, err);
	buf_free(&text);
	base = base ? base + 1 : path;
	if (e == ERR_OK && (strncmp(base, (*out)->name, strlen((*out)->name)) != 0 ||
			    strcmp(base + strlen((*out)->name), ".lesson") != 0)) {
		if (err)
			snprintf(err->msg, sizeof err->msg, "the lesson is named '%s': its file must be %s.lesson",
				 (*out)->name, (*out)->name);
		lesson_free(*out);
		*out = NULL;
		return ERR_FORMAT;
	}
	return e;
}

void lesson_free(lesson_t *l)
{
	size_t i;

	if (!l)
		return;
	free(l->name);
	free(l->title);
	free(l->run);
	free(l->intro);
	free(l->summary);
	free(l->failure);
	for (i = 0; i <= STEP_COUNT; i++)
		free(l->step[i]);
	for (i = 0; i < l->nqa; i++) {
		free(l->qa[i].question);
		free(l->qa[i].answer);
	}
	free(l->qa);
	buf_free(&l->scratch);
	free(l);
}
