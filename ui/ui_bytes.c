/* ui_bytes.c - the Bytes tab: the selected message's raw bytes (msg->raw,
 * exactly as they crossed the wire, handshake header included) as a hex
 * dump, with the bytes of the field selected in the tree highlighted: an
 * annotated byte map.  Clicking a byte selects the field it belongs to.
 * Only field spans are used: nothing is parsed here. */
#include <stdio.h>
#include <string.h>
#include "base/wrap.h"
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

/* Where the dump starts in the tab, and its shape. */
typedef struct {
	int y0;                  /* first row of hex */
	int rows;
	int per;                 /* bytes per row */
	int hex_x, ascii_x;
} ui_bytes_geom_t;

static int ui_bytes_per(int w)
{
	return w >= 6 + 16 * 3 + 1 + 2 + 16 ? 16 : 8;
}

static int ui_bytes_col(int per, int j)
{
	return 3 * j + (j >= per / 2 ? 1 : 0);
}

enum { UI_BYTES_TITLE_MAX = 3 };   /* rows for the field's name and value at most */

/* The selected field's name and value, wrapped (base/wrap.h) in at most
 * UI_BYTES_TITLE_MAX rows at the top of r; drawn when `draw`.  Returns
 * the rows it takes. */
static int ui_bytes_title(const field_t *f, ui_rect_t r, bool draw)
{
	char buf[1200];
	wrap_t w;
	wrap_line_t line;
	int n = 0;

	snprintf(buf, sizeof buf, "%s%s%s", f->name, f->value ? ": " : "", f->value ? f->value : "");
	w = wrap_start(buf, strlen(buf), r.w > 0 ? (unsigned)r.w : 1);
	while (n < UI_BYTES_TITLE_MAX && wrap_next(&w, &line)) {
		if (draw)
			ui_text_putn(r.y + n, r.x, r.w, buf + line.off, line.len,
				     ui_attr((f->flags & FIELD_SECRET) ? UI_C_SECRET : UI_C_CURRENT));
		n++;
	}
	return n;
}

/* The header: the selected field, its value, where its bytes are. */
static int ui_bytes_header(const msg_t *m, const field_t *f, ui_rect_t r)
{
	char buf[1200];
	int y = r.y + ui_bytes_title(f, r, true);

	if (f->len)
		snprintf(buf, sizeof buf, UI_T("bytes %u-%u of %zu (%u byte%s)   %s%s: field, Enter: open, click: a byte's field"),
			 f->off, f->off + f->len - 1, m->raw.len, f->len, f->len == 1 ? "" : "s",
			 ui_glyph(UI_G_KEY_UP), ui_glyph(UI_G_KEY_DOWN));
	else
		snprintf(buf, sizeof buf, UI_T("no bytes of its own (at offset %u of %zu)"), f->off, m->raw.len);
	ui_text_put(y++, r.x, r.w, buf, ui_attr(UI_C_DIM));
	return y - r.y;
}

static void ui_bytes_geom(ui_rect_t r, int header, ui_bytes_geom_t *g)
{
	g->y0 = r.y + header;
	g->rows = r.h - header;
	g->per = ui_bytes_per(r.w);
	g->hex_x = r.x + 6;
	g->ascii_x = g->hex_x + ui_bytes_col(g->per, g->per) + 1;
}

void ui_bytes_draw(ui_app_t *a, ui_rect_t r)
{
	const msg_t *m = ui_nav_msg(a);
	const field_t *f;
	ui_bytes_geom_t g;
	size_t lines, line, hl0, hl1;
	int row, top;

	if (!m) {
		ui_explain_draw(a, r);
		return;
	}
	if (!a->field_sel)
		ui_fields_move(a, 0);   /* the first row of the tree */
	f = a->field_sel ? a->field_sel : m->root;
	if (!f) {
		static const field_t whole = { "message", NULL, 0, 0, 0, NULL, NULL, NULL };
		f = &whole;
	}
	ui_bytes_geom(r, ui_bytes_header(m, f, r), &g);
	if (g.rows <= 0)
		return;
	hl0 = f->off;
	hl1 = (size_t)f->off + f->len;
	if (hl1 > m->raw.len)
		hl1 = m->raw.len;
	lines = (m->raw.len + (size_t)g.per - 1) / (size_t)g.per;
	top = a->detail_top;
	if (f->len) {
		int l0 = (int)(hl0 / (size_t)g.per), l1 = (int)((hl1 - 1) / (size_t)g.per);
		if (l0 < top || l0 >= top + g.rows)
			top = l1 - l0 < g.rows ? l1 - g.rows + 1 : l0;
		if (top > l0)
			top = l0;
	}
	if (top > (int)lines - g.rows)
		top = (int)lines - g.rows;
	if (top < 0)
		top = 0;
	a->detail_top = top;
	for (row = 0; row < g.rows && (line = (size_t)(top + row)) < lines; row++) {
		int y = g.y0 + row, j;
		char off[16];

		snprintf(off, sizeof off, "%04zx", line * (size_t)g.per);
		ui_text_put(y, r.x, 5, off, ui_attr(UI_C_DIM));
		for (j = 0; j < g.per; j++) {
			size_t b = line * (size_t)g.per + (size_t)j;
			bool hl = b >= hl0 && b < hl1, next_hl = b + 1 >= hl0 && b + 1 < hl1 && j + 1 < g.per;
			attr_t at = hl ? ui_attr(UI_C_HILITE) : A_NORMAL;
			char hx[4], ch[2];
			uint8_t v;

			if (b >= m->raw.len)
				break;
			v = m->raw.ptr[b];
			snprintf(hx, sizeof hx, "%02x", v);
			ui_text_put(y, g.hex_x + ui_bytes_col(g.per, j), 2, hx, at);
			if (hl && next_hl) {   /* one highlighted run, gaps included */
				attrset(at);
				mvhline(y, g.hex_x + ui_bytes_col(g.per, j) + 2, ' ',
					ui_bytes_col(g.per, j + 1) - ui_bytes_col(g.per, j) - 2);
				attrset(A_NORMAL);
			}
			ch[0] = v >= 0x20 && v < 0x7f ? (char)v : '.';
			ch[1] = '\0';
			ui_text_put(y, g.ascii_x + j, 1, ch, hl ? at : ui_attr(UI_C_DIM));
		}
	}
}

int ui_bytes_click(ui_app_t *a, ui_rect_t r, int y, int x)
{
	const msg_t *m = ui_nav_msg(a);
	const field_t *f;
	ui_bytes_geom_t g;
	int j = -1, row, k;
	size_t b;

	if (!m)
		return 0;
	f = a->field_sel ? a->field_sel : m->root;
	if (!f)
		return 0;
	/* the header's height, measured as it is drawn */
	ui_bytes_geom(r, ui_bytes_title(f, r, false) + 1, &g);
	row = y - g.y0;
	if (row < 0 || row >= g.rows)
		return 0;
	if (x >= g.ascii_x && x < g.ascii_x + g.per) {
		j = x - g.ascii_x;
	} else {
		for (k = 0; k < g.per; k++)
			if (x >= g.hex_x + ui_bytes_col(g.per, k) && x < g.hex_x + ui_bytes_col(g.per, k) + 2)
				j = k;
	}
	if (j < 0)
		return 0;
	b = (size_t)(a->detail_top + row) * (size_t)g.per + (size_t)j;
	if (b >= m->raw.len)
		return 0;
	ui_fields_select_at(a, (uint32_t)b);
	return UI_REDRAW;
}
