/* wrap.c - display width and line breaking for UTF-8 text (see wrap.h).
 * One decoder (strict UTF-8: a malformed byte stands alone, so bytes of
 * a sequence are never split), one width source (wcwidth, asked under a
 * private C.UTF-8 locale so that the answer does not depend on the
 * user's LC_CTYPE; the global locale only when C.UTF-8 does not exist)
 * and one kinsoku table.  Nothing here allocates per call, prints or
 * exits; wrap_locale_init is the one function that changes process
 * state, and only main() and the test runner call it. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* wcwidth */
#endif
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include "base/wrap.h"

/* ---------------------------------------------------------------- width */

static locale_t wrap_loc;   /* C.UTF-8 for wcwidth, never freed; (locale_t)0 when missing */
static pthread_once_t wrap_loc_once = PTHREAD_ONCE_INIT;

static void wrap_loc_make(void)
{
	wrap_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!wrap_loc)
		wrap_loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
}

/* wcwidth of a code point in a UTF-8 locale (glibc's wchar_t is the
 * code point, __STDC_ISO_10646__); -1 when not printable. */
static int wrap_wcwidth(uint32_t cp)
{
	locale_t old = (locale_t)0;
	int w;

	pthread_once(&wrap_loc_once, wrap_loc_make);
	if (wrap_loc)
		old = uselocale(wrap_loc);
	w = wcwidth((wchar_t)cp);
	if (wrap_loc)
		uselocale(old);
	return w;
}

wrap_char_t wrap_char(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	wrap_char_t c = { WRAP_BAD, 1, 1, false };
	uint32_t cp, min;
	unsigned need, i;
	int w;

	if (n == 0)
		return c;
	if (u[0] < 0x80) {
		c.cp = u[0];
		c.printable = u[0] >= 0x20 && u[0] < 0x7f;
		return c;
	}
	/* RFC 3629, section 4: the well-formed sequences */
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		need = 2, cp = u[0] & 0x1fu, min = 0x80;
	else if ((u[0] & 0xf0) == 0xe0)
		need = 3, cp = u[0] & 0x0fu, min = 0x800;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		need = 4, cp = u[0] & 0x07u, min = 0x10000;
	else
		return c;
	if (need > n)
		return c;
	for (i = 1; i < need; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return c;
		cp = cp << 6 | (u[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return c;
	c.cp = cp;
	c.len = need;
	w = wrap_wcwidth(cp);
	c.printable = w >= 0;
	c.width = w < 0 ? 1 : (unsigned)w;
	return c;
}

unsigned wrap_width(const char *s, size_t n)
{
	unsigned total = 0;
	size_t i = 0;

	while (i < n) {
		wrap_char_t c = wrap_char(s + i, n - i);
		total += c.width;
		i += c.len;
	}
	return total;
}

/* -------------------------------------------------------------- kinsoku */

enum { WRAP_NO_START = 1, WRAP_NO_END = 2 };

/* JIS X 4051 line-breaking rules, the part Japanese lesson text meets:
 * closing brackets, punctuation, small kana, the prolonged sound mark
 * and iteration marks never start a line; opening brackets never end
 * one.  Sorted by code point (a test checks). */
static const struct { uint32_t cp; uint8_t rule; } wrap_kinsoku[] = {
	{ '!', WRAP_NO_START }, { '(', WRAP_NO_END }, { ')', WRAP_NO_START }, { ',', WRAP_NO_START },
	{ '.', WRAP_NO_START }, { ':', WRAP_NO_START }, { ';', WRAP_NO_START }, { '?', WRAP_NO_START },
	{ '[', WRAP_NO_END }, { ']', WRAP_NO_START }, { '{', WRAP_NO_END }, { '}', WRAP_NO_START },
	{ 0x2010, WRAP_NO_START },  /* ‐ hyphen */
	{ 0x2018, WRAP_NO_END },    /* ‘ */
	{ 0x2019, WRAP_NO_START },  /* ’ */
	{ 0x201c, WRAP_NO_END },    /* “ */
	{ 0x201d, WRAP_NO_START },  /* ” */
	{ 0x2025, WRAP_NO_START },  /* ‥ */
	{ 0x2026, WRAP_NO_START },  /* … */
	{ 0x3001, WRAP_NO_START },  /* 、 */
	{ 0x3002, WRAP_NO_START },  /* 。 */
	{ 0x3005, WRAP_NO_START },  /* 々 */
	{ 0x3008, WRAP_NO_END },    /* 〈 */
	{ 0x3009, WRAP_NO_START },  /* 〉 */
	{ 0x300a, WRAP_NO_END },    /* 《 */
	{ 0x300b, WRAP_NO_START },  /* 》 */
	{ 0x300c, WRAP_NO_END },    /* 「 */
	{ 0x300d, WRAP_NO_START },  /* 」 */
	{ 0x300e, WRAP_NO_END },    /* 『 */
	{ 0x300f, WRAP_NO_START },  /* 』 */
	{ 0x3010, WRAP_NO_END },    /* 【 */
	{ 0x3011, WRAP_NO_START },  /* 】 */
	{ 0x3014, WRAP_NO_END },    /* 〔 */
	{ 0x3015, WRAP_NO_START },  /* 〕 */
	{ 0x3016, WRAP_NO_END },    /* 〖 */
	{ 0x3017, WRAP_NO_START },  /* 〗 */
	{ 0x3018, WRAP_NO_END },    /* 〘 */
	{ 0x3019, WRAP_NO_START },  /* 〙 */
	{ 0x301c, WRAP_NO_START },  /* 〜 */
	{ 0x303b, WRAP_NO_START },  /* 〻 */
	{ 0x3041, WRAP_NO_START },  /* ぁ */
	{ 0x3043, WRAP_NO_START },  /* ぃ */
	{ 0x3045, WRAP_NO_START },  /* ぅ */
	{ 0x3047, WRAP_NO_START },  /* ぇ */
	{ 0x3049, WRAP_NO_START },  /* ぉ */
	{ 0x3063, WRAP_NO_START },  /* っ */
	{ 0x3083, WRAP_NO_START },  /* ゃ */
	{ 0x3085, WRAP_NO_START },  /* ゅ */
	{ 0x3087, WRAP_NO_START },  /* ょ */
	{ 0x308e, WRAP_NO_START },  /* ゎ */
	{ 0x3095, WRAP_NO_START },  /* ゕ */
	{ 0x3096, WRAP_NO_START },  /* ゖ */
	{ 0x309d, WRAP_NO_START },  /* ゝ */
	{ 0x309e, WRAP_NO_START },  /* ゞ */
	{ 0x30a0, WRAP_NO_START },  /* ゠ */
	{ 0x30a1, WRAP_NO_START },  /* ァ */
	{ 0x30a3, WRAP_NO_START },  /* ィ */
	{ 0x30a5, WRAP_NO_START },  /* ゥ */
	{ 0x30a7, WRAP_NO_START },  /* ェ */
	{ 0x30a9, WRAP_NO_START },  /* ォ */
	{ 0x30c3, WRAP_NO_START },  /* ッ */
	{ 0x30e3, WRAP_NO_START },  /* ャ */
	{ 0x30e5, WRAP_NO_START },  /* ュ */
	{ 0x30e7, WRAP_NO_START },  /* ョ */
	{ 0x30ee, WRAP_NO_START },  /* ヮ */
	{ 0x30f5, WRAP_NO_START },  /* ヵ */
	{ 0x30f6, WRAP_NO_START },  /* ヶ */
	{ 0x30fb, WRAP_NO_START },  /* ・ */
	{ 0x30fc, WRAP_NO_START },  /* ー */
	{ 0x30fd, WRAP_NO_START },  /* ヽ */
	{ 0x30fe, WRAP_NO_START },  /* ヾ */
	{ 0xff01, WRAP_NO_START },  /* ！ */
	{ 0xff08, WRAP_NO_END },    /* （ */
	{ 0xff09, WRAP_NO_START },  /* ） */
	{ 0xff0c, WRAP_NO_START },  /* ， */
	{ 0xff0e, WRAP_NO_START },  /* ． */
	{ 0xff1a, WRAP_NO_START },  /* ： */
	{ 0xff1b, WRAP_NO_START },  /* ； */
	{ 0xff1f, WRAP_NO_START },  /* ？ */
	{ 0xff3b, WRAP_NO_END },    /* ［ */
	{ 0xff3d, WRAP_NO_START },  /* ］ */
	{ 0xff5b, WRAP_NO_END },    /* ｛ */
	{ 0xff5d, WRAP_NO_START },  /* ｝ */
	{ 0xff61, WRAP_NO_START },  /* ｡ */
	{ 0xff62, WRAP_NO_END },    /* ｢ */
	{ 0xff63, WRAP_NO_START },  /* ｣ */
	{ 0xff64, WRAP_NO_START },  /* ､ */
};

static unsigned wrap_rule(uint32_t cp)
{
	size_t lo = 0, hi = sizeof wrap_kinsoku / sizeof wrap_kinsoku[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (wrap_kinsoku[mid].cp == cp)
			return wrap_kinsoku[mid].rule;
		if (wrap_kinsoku[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

bool wrap_no_line_start(uint32_t cp)
{
	return (wrap_rule(cp) & WRAP_NO_START) != 0;
}

bool wrap_no_line_end(uint32_t cp)
{
	return (wrap_rule(cp) & WRAP_NO_END) != 0;
}

/* -------------------------------------------------------------- breaking */

/* May a line end between prev and c?  At a space always; never before a
 * combining character; between two characters when one of them is wide
 * (CJK has no spaces), unless kinsoku forbids it. */
static bool wrap_may_break(const wrap_char_t *prev, const wrap_char_t *c)
{
	if (c->cp == ' ' || prev->cp == ' ')
		return true;
	if (c->width == 0)
		return false;
	if (wrap_no_line_start(c->cp) || wrap_no_line_end(prev->cp))
		return false;
	return prev->width == 2 || c->width == 2;
}

wrap_t wrap_start(const char *s, size_t n, unsigned width)
{
	return (wrap_t){ s, n, width, 0 };
}

bool wrap_next(wrap_t *w, wrap_line_t *line)
{
	const char *s = w->s;
	unsigned width = w->width ? w->width : 1, col = 0, brk_col = 0;
	size_t start, q, end, next, brk = 0;
	wrap_char_t prev = { 0, 0, 0, false };

	/* a line never begins with spaces */
	while (w->pos < w->n && s[w->pos] == ' ')
		w->pos++;
	if (w->pos >= w->n)
		return false;
	start = w->pos;
	for (q = start;;) {
		wrap_char_t c;

		if (q >= w->n || s[q] == '\n') {
			end = q;
			next = q < w->n ? q + 1 : q;
			break;
		}
		c = wrap_char(s + q, w->n - q);
		if (q > start && wrap_may_break(&prev, &c)) {
			brk = q;
			brk_col = col;
		}
		if (col + c.width > width) {
			if (brk) {
				end = next = brk;
				col = brk_col;
			} else if (q > start) {
				end = next = q;            /* no place to break: cut the word */
			} else {
				end = next = q + c.len;    /* one character wider than the line */
				col = c.width;
			}
			/* the '\n' just after a wrapped line ends it: no empty line */
			while (next < w->n && s[next] == ' ')
				next++;
			if (next < w->n && s[next] == '\n')
				next++;
			break;
		}
		col += c.width;
		prev = c;
		q += c.len;
	}
	while (end > start && s[end - 1] == ' ') {
		end--;
		col--;
	}
	line->off = start;
	line->len = end - start;
	line->width = col;
	w->pos = next;
	return true;
}

/* --------------------------------------------------------------- locale */

bool wrap_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return MB_CUR_MAX > 1 && cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

bool wrap_locale_init(void)
{
	if (setlocale(LC_CTYPE, "") && wrap_locale_utf8())
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"))
		return wrap_locale_utf8();
	return false;
}
