/* ui_text.c - display-width text and glyphs (see ui_text.h).  Strings are
 * converted with mbrtowc and written with addnwstr, one run at a time, so
 * a wide character is never split and columns always add up. */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "ui_text.h"

static bool ui_utf8_on;

static const char *const ui_glyphs[UI_G__COUNT][2] = {
	/*                 UTF-8      ASCII */
	[UI_G_CUR]       = { "\u25b6", ">" },
	[UI_G_DONE]      = { "\u2713", "*" },
	[UI_G_SKIP]      = { "\u2013", "-" },
	[UI_G_FAIL]      = { "\u2717", "X" },
	[UI_G_PENDING]   = { "\u00b7", "." },
	[UI_G_HLINE]     = { "\u2500", "-" },
	[UI_G_VLINE]     = { "\u2502", "|" },
	[UI_G_DASH]      = { "\u2504", "." },
	[UI_G_ARROW_R]   = { "\u25b6", ">" },
	[UI_G_ARROW_L]   = { "\u25c0", "<" },
	[UI_G_OPEN]      = { "\u25be", "-" },
	[UI_G_CLOSED]    = { "\u25b8", "+" },
	[UI_G_LEAF]      = { " ", " " },
	[UI_G_ELLIPSIS]  = { "\u2026", "~" },
	[UI_G_TO]        = { "\u2192", "->" },
	[UI_G_DOT]       = { "\u00b7", "-" },
	[UI_G_KEY_UP]    = { "\u2191", "Up" },
	[UI_G_KEY_DOWN]  = { "\u2193", "Down" },
	[UI_G_KEY_LEFT]  = { "\u2190", "Left" },
	[UI_G_KEY_RIGHT] = { "\u2192", "Right" },
};

void ui_text_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	ui_utf8_on = MB_CUR_MAX > 1 && cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

bool ui_text_utf8(void)
{
	return ui_utf8_on;
}

const char *ui_glyph(ui_glyph_t g)
{
	return (unsigned)g < UI_G__COUNT ? ui_glyphs[g][ui_utf8_on ? 0 : 1] : "?";
}

/* The next character of [p, end): its wide value, its byte length and
 * its display width.  Invalid or unprintable bytes become '?'. */
static size_t ui_text_next(const char *p, const char *end, wchar_t *wc, int *width)
{
	mbstate_t st;
	size_t n;
	int w;

	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, p, (size_t)(end - p), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		*width = 1;
		return 1;
	}
	w = wcwidth(*wc);
	if (w < 0) {
		*wc = L'?';
		w = 1;
	}
	*width = w;
	return n;
}

int ui_text_width(const char *s)
{
	const char *end = s + strlen(s);
	int total = 0, w;
	wchar_t wc;

	while (s < end) {
		s += ui_text_next(s, end, &wc, &w);
		total += w;
	}
	return total;
}

static int ui_text_width_n(const char *p, const char *end)
{
	int total = 0, w;
	wchar_t wc;

	while (p < end) {
		p += ui_text_next(p, end, &wc, &w);
		total += w;
	}
	return total;
}

int ui_text_putn(int y, int x, int w, const char *p, size_t n, attr_t a)
{
	const char *end = p + n;
	wchar_t buf[256];
	size_t nb = 0;
	int col = 0, cw, limit;
	bool cut;
	wchar_t wc;

	if (w <= 0)
		return 0;
	cut = ui_text_width_n(p, end) > w;
	limit = cut ? w - 1 : w;      /* a cut string ends with an ellipsis */
	attrset(a);
	move(y, x);
	while (p < end) {
		size_t len = ui_text_next(p, end, &wc, &cw);
		if (col + cw > limit)
			break;
		if (wc == L'\t' || wc == L'\n' || wc == L'\r')
			wc = L' ';
		buf[nb++] = wc;
		col += cw;
		p += len;
		if (nb == sizeof buf / sizeof buf[0]) {
			addnwstr(buf, (int)nb);
			nb = 0;
		}
	}
	if (nb)
		addnwstr(buf, (int)nb);
	if (cut) {
		addstr(ui_glyph(UI_G_ELLIPSIS));
		col++;
	}
	attrset(A_NORMAL);
	return col;
}

int ui_text_put(int y, int x, int w, const char *s, attr_t a)
{
	return ui_text_putn(y, x, w, s, strlen(s), a);
}

void ui_text_putpad(int y, int x, int w, const char *s, attr_t a)
{
	int used = ui_text_put(y, x, w, s, a);

	if (used < w) {
		attrset(a);
		mvhline(y, x + used, ' ', w - used);
		attrset(A_NORMAL);
	}
}

void ui_text_repeat(int y, int x, int n, const char *g, attr_t a)
{
	int i;

	if (n <= 0)
		return;
	attrset(a);
	move(y, x);
	for (i = 0; i < n; i++)
		addstr(g);
	attrset(A_NORMAL);
}

/* Japanese (and Chinese) closing marks that must not begin a line. */
static bool ui_text_no_line_start(wchar_t wc)
{
	static const wchar_t marks[] = L"\u3001\u3002\uff0c\uff0e\u300d\u300f\u3009\u300b\u3011\uff09"
				       L"\u30fc\u3063\u30c3\uff01\uff1f\u30fb\uff1a\uff1b,.;:!?)]}";
	return wc && wcschr(marks, wc) != NULL;
}

/* Opening marks that must not end a line. */
static bool ui_text_no_line_end(wchar_t wc)
{
	static const wchar_t marks[] = L"\u300c\u300e\u3008\u300a\u3010\uff08([{";
	return wc && wcschr(marks, wc) != NULL;
}

size_t ui_text_wrap(const char *s, int w, ui_line_t *lines, size_t max)
{
	const char *end = s + strlen(s), *p = s;
	size_t count = 0;

	if (w < 2)
		w = 2;
	while (p < end) {
		const char *q, *brk = NULL, *line_end;
		int col = 0, cw, prev_w = 0;
		wchar_t wc, prev = 0;

		/* a new line never begins with spaces */
		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		for (q = p;;) {
			size_t len;

			if (q >= end || *q == '\n') {
				line_end = q;
				break;
			}
			len = ui_text_next(q, end, &wc, &cw);
			/* where a line may end: at a space, after a space, and
			 * between wide (CJK) characters, except before a closing
			 * mark or after an opening one */
			if (q > p && (wc == L' ' || prev == L' ' ||
				      ((cw == 2 || prev_w == 2) && !ui_text_no_line_start(wc) && !ui_text_no_line_end(prev))))
				brk = q;
			if (col + cw > w) {
				if (wc == L' ')
					line_end = q;
				else if (brk)
					line_end = brk;
				else
					line_end = q > p ? q : q + len;   /* no place to break: cut */
				break;
			}
			col += cw;
			prev = wc;
			prev_w = cw;
			q += len;
		}
		if (count < max) {
			lines[count].p = p;
			lines[count].n = (size_t)(line_end - p);
			while (lines[count].n && p[lines[count].n - 1] == ' ')
				lines[count].n--;
		}
		count++;
		p = line_end;
		if (p < end && *p == '\n') {
			p++;
			/* each further '\n' is an empty line (between paragraphs) */
			while (p < end && *p == '\n') {
				if (count < max) {
					lines[count].p = p;
					lines[count].n = 0;
				}
				count++;
				p++;
			}
		}
	}
	return count;
}

void ui_text_box(int y, int x, int h, int w, attr_t a)
{
	if (h < 2 || w < 2)
		return;
	attrset(a);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
}
