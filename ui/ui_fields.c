/* ui_fields.c - the Fields tab: the selected message's decoded tree as the
 * parser built it (field.h), one row per node, opened and closed with
 * Enter; the chosen suite, group or version marked, errors in the failure
 * colour, framing (types and lengths) dimmed.  The selected node is also
 * the one the Bytes tab highlights. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/vec.h"
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "base/wrap.h"
#include "ui_lang.h"
#include "ui_text.h"

#define UI_FIELDS_MAX 4096

static size_t ui_fields_kids(const field_t *f)
{
	size_t n = 0;
	const field_t *k;

	for (k = f->kids; k; k = k->next)
		n++;
	return n;
}

static bool ui_fields_toggled(const ui_app_t *a, const field_t *f)
{
	size_t i;

	for (i = 0; i < a->ntoggled; i++)
		if (a->toggled[i] == f)
			return true;
	return false;
}

/* Open by default: the message and its top-level fields, and the items
 * of short lists (a certificate's subject, issuer and validity). */
bool ui_fields_is_open(const ui_app_t *a, const field_t *f, int depth)
{
	bool open = depth <= 1 || (depth == 2 && !(f->flags & FIELD_LIST) && ui_fields_kids(f) <= 16) ||
		    strcmp(f->name, "cert_data") == 0;   /* subject, issuer, validity at a glance */

	if (!f->kids)
		return false;
	return ui_fields_toggled(a, f) ? !open : open;
}

static size_t ui_fields_walk(const ui_app_t *a, const field_t *f, int depth, ui_frow_t *rows, size_t n, size_t max)
{
	const field_t *k;

	if (n < max)
		rows[n] = (ui_frow_t){ f, depth };
	n++;
	if (ui_fields_is_open(a, f, depth))
		for (k = f->kids; k; k = k->next)
			n = ui_fields_walk(a, k, depth + 1, rows, n, max);
	return n;
}

size_t ui_fields_rows(const ui_app_t *a, const field_t *root, ui_frow_t *rows, size_t max)
{
	size_t n = root ? ui_fields_walk(a, root, 0, rows, 0, max) : 0;
	return n < max ? n : max;
}

size_t ui_fields_sel_index(const ui_app_t *a, const ui_frow_t *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].f == a->field_sel)
			return i;
	return 0;
}

static ui_frow_t *ui_fields_all(const ui_app_t *a, size_t *n)
{
	const msg_t *m = ui_nav_msg(a);
	ui_frow_t *rows;

	*n = 0;
	if (!m || !m->root)
		return NULL;
	rows = malloc(UI_FIELDS_MAX * sizeof *rows);
	if (rows)
		*n = ui_fields_rows(a, m->root, rows, UI_FIELDS_MAX);
	return rows;
}

int ui_fields_move(ui_app_t *a, int delta)
{
	size_t n, i;
	ui_frow_t *rows = ui_fields_all(a, &n);
	long j;

	if (!rows || !n) {
		free(rows);
		return 0;
	}
	i = ui_fields_sel_index(a, rows, n);
	j = (long)i + delta;
	if (j < 0)
		j = 0;
	if (j >= (long)n)
		j = (long)n - 1;
	a->field_sel = rows[j].f;
	free(rows);
	return UI_REDRAW;
}

static void ui_fields_flip(ui_app_t *a, const field_t *f)
{
	size_t i;

	for (i = 0; i < a->ntoggled; i++)
		if (a->toggled[i] == f) {
			a->toggled[i] = a->toggled[--a->ntoggled];
			return;
		}
	if (a->ntoggled == a->captoggled) {
		const field_t **v = vec_grow(a->toggled, &a->captoggled, a->ntoggled + 1, sizeof *v);
		if (!v)
			return;
		a->toggled = v;
	}
	a->toggled[a->ntoggled++] = f;
}

int ui_fields_toggle(ui_app_t *a)
{
	size_t n, i;
	ui_frow_t *rows = ui_fields_all(a, &n);

	if (!rows || !n) {
		free(rows);
		return 0;
	}
	i = ui_fields_sel_index(a, rows, n);
	if (rows[i].f->kids && rows[i].depth > 0) {
		ui_fields_flip(a, rows[i].f);
		if (ui_fields_is_open(a, rows[i].f, rows[i].depth))
			a->field_reveal = rows[i].f;
	}
	free(rows);
	return UI_REDRAW;
}

/* Right / Left in the tree: opens the selected node (and shows what it
 * opened), or closes it; Left on a closed node or a leaf goes to its parent. */
int ui_fields_open(ui_app_t *a, bool open)
{
	size_t n, i, k;
	ui_frow_t *rows = ui_fields_all(a, &n);

	if (!rows || !n) {
		free(rows);
		return 0;
	}
	i = ui_fields_sel_index(a, rows, n);
	if (rows[i].f->kids && rows[i].depth > 0 && ui_fields_is_open(a, rows[i].f, rows[i].depth) != open) {
		ui_fields_flip(a, rows[i].f);
		if (open)
			a->field_reveal = rows[i].f;
	} else if (!open && rows[i].depth > 0) {
		for (k = i; k-- > 0;)
			if (rows[k].depth < rows[i].depth) {
				a->field_sel = rows[k].f;
				break;
			}
	}
	free(rows);
	return UI_REDRAW;
}

static void ui_fields_set_all(ui_app_t *a, const field_t *f, int depth, bool open)
{
	const field_t *k;

	if (f->kids && depth > 0 && ui_fields_is_open(a, f, depth) != open)
		ui_fields_flip(a, f);
	for (k = f->kids; k; k = k->next)
		ui_fields_set_all(a, k, depth + 1, open);
}

int ui_fields_all_open(ui_app_t *a, bool open)
{
	const msg_t *m = ui_nav_msg(a);

	if (!m || !m->root)
		return 0;
	ui_fields_set_all(a, m->root, 0, open);
	return UI_REDRAW;
}

/* The path from the root to the deepest node holding byte `off`. */
static const field_t *ui_fields_deepest(const field_t *f, uint32_t off, const field_t **path, int *depth)
{
	const field_t *k, *best = f;

	path[(*depth)++] = f;
	for (k = f->kids; k; k = k->next)
		if (off >= k->off && off < k->off + k->len && *depth < 32)
			return ui_fields_deepest(k, off, path, depth);
	return best;
}

void ui_fields_select_at(ui_app_t *a, uint32_t off)
{
	const msg_t *m = ui_nav_msg(a);
	const field_t *path[32], *f;
	int depth = 0, d;

	if (!m || !m->root)
		return;
	f = ui_fields_deepest(m->root, off, path, &depth);
	for (d = 1; d < depth - 1; d++)
		if (!ui_fields_is_open(a, path[d], d))
			ui_fields_flip(a, path[d]);
	a->field_sel = f;
}

/* A row's text ("name: value") and the screen lines it takes when its
 * value wraps in the pane's width rw (at most UI_FIELDS_WRAP lines; a
 * longer one ends in an ellipsis). */
#define UI_FIELDS_WRAP 8
static int ui_fields_text(const ui_frow_t *row, int rw, char *line, size_t n, unsigned *width)
{
	const field_t *f = row->f;
	int w = rw - 2 * row->depth - 2 - ((f->flags & FIELD_CHOSEN) ? 11 : 0), lines = 0;
	wrap_t wr;
	wrap_line_t l;

	snprintf(line, n, "%s%s%s", f->name, f->value ? ": " : "", f->value ? f->value : "");
	*width = w > 4 ? (unsigned)w : 4;
	wr = wrap_start(line, strlen(line), *width);
	while (lines < UI_FIELDS_WRAP && wrap_next(&wr, &l))
		lines++;
	return lines ? lines : 1;
}

static int ui_fields_height(const ui_frow_t *row, int rw)
{
	char line[600];
	unsigned w;

	return ui_fields_text(row, rw, line, sizeof line, &w);
}

void ui_fields_draw(ui_app_t *a, ui_rect_t r)
{
	const msg_t *m = ui_nav_msg(a);
	size_t n, i, sel, k;
	ui_frow_t *rows;
	int y = r.y, top;

	if (!m) {
		ui_explain_draw(a, r);
		return;
	}
	for (k = 0; k < m->nnotes && y < r.y + r.h - 1; k++, y++) {
		char note[512];
		snprintf(note, sizeof note, "! %s", m->notes[k]);
		ui_text_put(y, r.x, r.w, note, ui_attr(UI_C_WARN));
	}
	rows = ui_fields_all(a, &n);
	if (!rows || !n) {
		ui_text_put(y, r.x, r.w, UI_T("(not decoded)"), ui_attr(UI_C_DIM));
		free(rows);
		return;
	}
	sel = ui_fields_sel_index(a, rows, n);
	a->field_sel = rows[sel].f;
	r.h -= y - r.y;
	r.y = y;
	top = a->detail_top;
	/* a node just opened at the bottom: its rows scroll into view (as
	 * many as fit with the node itself still shown) */
	if (a->field_reveal == rows[sel].f) {
		for (k = sel + 1; k < n && rows[k].depth > rows[sel].depth; k++)
			;
		if ((int)k > top + r.h)
			top = (int)k - r.h;
		if (top > (int)sel)
			top = (int)sel;
	}
	a->field_reveal = NULL;
	if ((int)sel < top)
		top = (int)sel;
	if ((int)sel >= top + r.h)
		top = (int)sel - r.h + 1;
	if (top > (int)n - r.h)
		top = (int)n - r.h;
	if (top < 0)
		top = 0;
	/* wrapped rows take more lines: the selection stays in view */
	for (;;) {
		int lines = 0;
		for (k = (size_t)top; k <= sel; k++)
			lines += ui_fields_height(&rows[k], r.w);
		if (lines <= r.h || top >= (int)sel)
			break;
		top++;
	}
	a->detail_top = top;
	y = r.y;
	for (i = (size_t)top; i < n && y < r.y + r.h; i++) {
		const field_t *f = rows[i].f;
		int x = r.x + 2 * rows[i].depth, w = r.x + r.w - x, used = 0, nl, li;
		unsigned tw;
		wrap_t wr;
		wrap_line_t l;
		ui_role_t role = (f->flags & FIELD_ERROR) ? UI_C_FAIL : (f->flags & FIELD_SECRET) ? UI_C_SECRET :
				 (f->flags & FIELD_CHOSEN) ? UI_C_OK : (f->flags & FIELD_FRAMING) ? UI_C_DIM : UI_C_NORMAL;
		attr_t base = i == sel ? ui_attr(UI_C_SELECT) : A_NORMAL;
		char line[600];
		const char *chosen = (f->flags & FIELD_CHOSEN) ? UI_T("  <- chosen") : "";

		nl = ui_fields_text(&rows[i], r.w, line, sizeof line, &tw);
		if (i == sel) {
			attrset(base);
			for (li = 0; li < nl && y + li < r.y + r.h; li++)
				mvhline(y + li, r.x, ' ', r.w);
		}
		if (w < 8) {
			y += nl;
			continue;
		}
		ui_text_put(y, x, 2, f->kids ? ui_glyph(ui_fields_is_open(a, f, rows[i].depth) ? UI_G_OPEN : UI_G_CLOSED) :
			    " ", base);
		if (chosen[0] && ui_text_utf8())
			chosen = UI_T("  \u25c0 chosen");
		/* a long value wraps under itself instead of ending in an ellipsis */
		wr = wrap_start(line, strlen(line), tw);
		for (li = 0; li < nl && wrap_next(&wr, &l); li++) {
			bool last = li == nl - 1;
			if (y + li >= r.y + r.h)
				break;
			if (last && wr.pos < strlen(line))   /* still more: the ellipsis says so */
				used = ui_text_put(y + li, x + 2, (int)l.width, line + l.off, base | ui_attr(role));
			else
				used = ui_text_putn(y + li, x + 2, (int)tw, line + l.off, l.len, base | ui_attr(role));
		}
		y += nl - 1;
		if (chosen[0])
			ui_text_put(y, x + 2 + used, w - 2 - used, chosen, base | ui_attr(UI_C_OK));
		if (f->flags & FIELD_ERROR)
			ui_text_put(y, x + 2 + used, w - 2 - used, "  !", base | ui_attr(UI_C_FAIL));
		y++;
	}
	free(rows);
}

int ui_fields_click(ui_app_t *a, ui_rect_t r, int y)
{
	const msg_t *m = ui_nav_msg(a);
	size_t n, i;
	ui_frow_t *rows;

	if (!m)
		return 0;
	y -= (int)m->nnotes;
	rows = ui_fields_all(a, &n);
	/* the row drawn on line y, wrapped rows taking several */
	{
		int line = r.y;
		for (i = (size_t)a->detail_top; rows && i < n; i++) {
			int h = ui_fields_height(&rows[i], r.w);
			if (y < line + h)
				break;
			line += h;
		}
	}
	if (rows && y >= r.y && i < n) {
		if (a->field_sel == rows[i].f && rows[i].f->kids && rows[i].depth > 0)
			ui_fields_flip(a, rows[i].f);
		a->field_sel = rows[i].f;
	}
	free(rows);
	return UI_REDRAW;
}
