/* ui_text.c - display-width text and glyphs (see ui_text.h).  Strings are
 * decoded and measured by base/wrap.h (the lesson text's wrapper too) and
 * written with addnwstr, one run at a time, so a wide character is never
 * split and columns always add up. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "base/wrap.h"
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
	ui_utf8_on = wrap_locale_utf8();
}

bool ui_text_utf8(void)
{
	return ui_utf8_on;
}

const char *ui_glyph(ui_glyph_t g)
{
	return (unsigned)g < UI_G__COUNT ? ui_glyphs[g][ui_utf8_on ? 0 : 1] : "?";
}

int ui_text_width(const char *s)
{
	return (int)wrap_width(s, strlen(s));
}

int ui_text_putn(int y, int x, int w, const char *p, size_t n, attr_t a)
{
	const char *end = p + n;
	wchar_t buf[256];
	size_t nb = 0;
	int col = 0, limit;
	bool cut;

	if (w <= 0)
		return 0;
	cut = (int)wrap_width(p, n) > w;
	limit = cut ? w - 1 : w;      /* a cut string ends with an ellipsis */
	attrset(a);
	move(y, x);
	while (p < end) {
		wrap_char_t c = wrap_char(p, (size_t)(end - p));
		wchar_t wc = (wchar_t)c.cp;   /* glibc: wchar_t is the code point */
		unsigned k;

		if (col + (int)c.width > limit)
			break;
		col += (int)c.width;
		p += c.len;
		if (!c.printable)
			wc = c.cp == '\t' || c.cp == '\n' || c.cp == '\r' ? L' ' : L'?';
		else if (!ui_utf8_on && c.cp >= 0x80)
			wc = L'?';            /* the locale cannot show it: '?', as wide as the character */
		if (wc != L'?' || c.width > 0)
			buf[nb++] = wc;
		for (k = 1; wc == L'?' && k < c.width; k++)
			buf[nb++] = L' ';
		if (nb + 2 >= sizeof buf / sizeof buf[0]) {
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
