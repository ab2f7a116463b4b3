/* ui_text.h - text on the screen measured in display columns, not bytes:
 * UTF-8 in, wide characters out, measured by base/wrap.h (wcwidth), so
 * that Japanese lesson text truncates, pads and aligns like English;
 * wrapping is base/wrap.h's, the same as the lesson text's.  Also the glyphs the
 * interface draws (marks, arrows, box lines), with an ASCII fallback
 * when the locale is not UTF-8.  Nothing here knows about TLS. */
#ifndef TLSTRACE_UI_TEXT_H
#define TLSTRACE_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

/* Decides UTF-8 or ASCII glyphs; call after setlocale(). */
void ui_text_init(void);
bool ui_text_utf8(void);

typedef enum {
	UI_G_CUR,        /* current step */
	UI_G_DONE, UI_G_SKIP, UI_G_FAIL, UI_G_PENDING,
	UI_G_HLINE, UI_G_VLINE, UI_G_DASH, UI_G_ARROW_R, UI_G_ARROW_L,
	UI_G_OPEN, UI_G_CLOSED, UI_G_LEAF, UI_G_ELLIPSIS, UI_G_TO, UI_G_DOT,
	UI_G_KEY_UP, UI_G_KEY_DOWN, UI_G_KEY_LEFT, UI_G_KEY_RIGHT,
	UI_G__COUNT
} ui_glyph_t;
const char *ui_glyph(ui_glyph_t g);

/* Display width of a UTF-8 string (wrap_width: invalid bytes count 1, drawn as '?'). */
int ui_text_width(const char *s);
/* Draws s at (y, x) in at most w columns with attribute a; a string
 * cut short ends with an ellipsis.  Returns the columns used. */
int ui_text_put(int y, int x, int w, const char *s, attr_t a);
/* The same, then spaces up to w columns. */
void ui_text_putpad(int y, int x, int w, const char *s, attr_t a);
/* n copies of a glyph (a UTF-8 string of width 1). */
void ui_text_repeat(int y, int x, int n, const char *g, attr_t a);

/* A frame of h rows and w columns. */
void ui_text_box(int y, int x, int h, int w, attr_t a);

/* Draws the bytes [p, p+n) of a string, a line of base/wrap.h's wrapper
 * for instance (as ui_text_put). */
int ui_text_putn(int y, int x, int w, const char *p, size_t n, attr_t a);

#endif
