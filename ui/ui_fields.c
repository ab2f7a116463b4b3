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
	if (rows[i].f->kids && rows[i].depth > 0)
		ui_fields_flip(a, rows[i].f);
	free(rows);
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
		ui_text_put(y, r.x, r.w, "(not decoded)", ui_attr(UI_C_DIM));
		free(rows);
		return;
	}
	sel = ui_fields_sel_index(a, rows, n);
	a->field_sel = rows[sel].f;
	r.h -= y - r.y;
	r.y = y;
	top = a->detail_top;
	if ((int)sel < top)
		top = (int)sel;
	if ((int)sel >= top + r.h)
		top = (int)sel - r.h + 1;
	if (top > (int)n - r.h)
		top = (int)n - r.h;
	if (top < 0)
		top = 0;
	a->detail_top = top;
	for (i = (size_t)top; i < n && (int)(i - (size_t)top) < r.h; i++) {
		const field_t *f = rows[i].f;
		int x = r.x + 2 * rows[i].depth, w = r.x + r.w - x, used;
		ui_role_t role = (f->flags & FIELD_ERROR) ? UI_C_FAIL : (f->flags & FIELD_SECRET) ? UI_C_SECRET :
				 (f->flags & FIELD_CHOSEN) ? UI_C_OK : (f->flags & FIELD_FRAMING) ? UI_C_DIM : UI_C_NORMAL;
		attr_t base = i == sel ? ui_attr(UI_C_SELECT) : A_NORMAL;
		char line[600];
		const char *chosen = (f->flags & FIELD_CHOSEN) ? "  <- chosen" : "";

		y = r.y + (int)(i - (size_t)top);
		if (i == sel) {
			attrset(base);
			mvhline(y, r.x, ' ', r.w);
		}
		if (w < 8)
			continue;
		ui_text_put(y, x, 2, f->kids ? ui_glyph(ui_fields_is_open(a, f, rows[i].depth) ? UI_G_OPEN : UI_G_CLOSED) :
			    " ", base);
		if (chosen[0] && ui_text_utf8())
			chosen = "  \u25c0 chosen";
		snprintf(line, sizeof line, "%s%s%s", f->name, f->value ? ": " : "", f->value ? f->value : "");
		used = ui_text_put(y, x + 2, w - 2 - ui_text_width(chosen), line, base | ui_attr(role));
		if (chosen[0])
			ui_text_put(y, x + 2 + used, w - 2 - used, chosen, base | ui_attr(UI_C_OK));
		if (f->flags & FIELD_ERROR)
			ui_text_put(y, x + 2 + used, w - 2 - used, "  !", base | ui_attr(UI_C_FAIL));
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
	i = (size_t)(a->detail_top + (y - r.y));
	if (rows && y >= r.y && i < n) {
		if (a->field_sel == rows[i].f && rows[i].f->kids && rows[i].depth > 0)
			ui_fields_flip(a, rows[i].f);
		a->field_sel = rows[i].f;
	}
	free(rows);
	return UI_REDRAW;
}
