/* ui_doc.c - rows of text for the Secrets and Explain tabs (see ui_doc.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/bytes.h"
#include "base/vec.h"
#include "ui_doc.h"
#include "base/strfmt.h"
#include "base/wrap.h"
#include "ui_lang.h"
#include "ui_text.h"

void ui_doc_init(ui_doc_t *d, int width, int label_w)
{
	memset(d, 0, sizeof *d);
	d->width = width < 10 ? 10 : width;
	d->label_w = label_w < d->width / 2 ? label_w : d->width / 2;
}

void ui_doc_free(ui_doc_t *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].text);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void ui_doc_row(ui_doc_t *d, const char *label, ui_role_t lrole, const char *text, size_t n,
		       ui_role_t role, int indent)
{
	ui_doc_row_t *r;

	r = vec_grow(d->v, &d->cap, d->n + 1, sizeof *r);
	if (!r)
		return;
	d->v = r;
	r = &d->v[d->n];
	r->label = label ? strdup(label) : NULL;
	r->text = malloc(n + 1);
	if (!r->text) {
		free(r->label);
		return;
	}
	memcpy(r->text, text, n);
	r->text[n] = '\0';
	r->lrole = lrole;
	r->role = role;
	r->indent = indent;
	d->n++;
}

void ui_doc_blank(ui_doc_t *d)
{
	ui_doc_row(d, NULL, UI_C_NORMAL, "", 0, UI_C_NORMAL, 0);
}

/* Wraps s into rows of `w` columns (base/wrap.h, as the lesson text is
 * wrapped); the first row carries the label. */
static void ui_doc_wrapped(ui_doc_t *d, const char *label, const char *s, int indent, int w, ui_role_t role)
{
	wrap_t it = wrap_start(s, strlen(s), w > 0 ? (unsigned)w : 1);
	wrap_line_t line;
	bool first = true;

	while (wrap_next(&it, &line)) {
		ui_doc_row(d, first ? label : NULL, UI_C_NORMAL, s + line.off, line.len, role, indent);
		first = false;
	}
	if (first)
		ui_doc_row(d, label, UI_C_NORMAL, "", 0, role, indent);
}

void ui_doc_head(ui_doc_t *d, ui_role_t role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_doc_wrapped(d, NULL, buf, 0, d->width, role);
}

void ui_doc_text(ui_doc_t *d, int indent, ui_role_t role, const char *fmt, ...)
{
	char *buf;
	va_list ap;

	va_start(ap, fmt);
	buf = str_vformat(fmt, ap);
	va_end(ap);
	if (!buf)
		return;
	ui_doc_wrapped(d, NULL, buf, indent, d->width - indent, role);
	free(buf);
}

void ui_doc_kv(ui_doc_t *d, const char *label, ui_role_t role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_doc_wrapped(d, label ? label : "", buf, d->label_w, d->width - d->label_w, role);
}

void ui_doc_hex(ui_doc_t *d, const char *label, ui_role_t role, const uint8_t *p, size_t n)
{
	int per = (d->width - d->label_w) / 2;
	char hex[2 * 64 + 1];
	size_t i, k;

	if (per < 4)
		per = 4;
	if (per > 64)
		per = 64;
	if (per > 8)
		per -= per % 8;   /* whole groups of 8 bytes line up better */
	if (n == 0) {
		ui_doc_row(d, label, UI_C_NORMAL, UI_T("(empty)"), ui_text_width(UI_T("(empty)")), UI_C_DIM, d->label_w);
		return;
	}
	for (i = 0; i < n; i += (size_t)per) {
		k = n - i < (size_t)per ? n - i : (size_t)per;
		bytes_hex_encode(p + i, k, hex);
		ui_doc_row(d, i == 0 ? label : NULL, UI_C_NORMAL, hex, 2 * k, role, d->label_w);
	}
}

void ui_doc_draw(const ui_doc_t *d, ui_rect_t r, int top)
{
	int row;

	for (row = 0; row < r.h; row++) {
		size_t i = (size_t)(top + row);
		const ui_doc_row_t *dr;
		int x = r.x;

		if (top + row < 0 || i >= d->n)
			break;
		dr = &d->v[i];
		if (dr->label) {
			ui_text_put(r.y + row, x, d->label_w - 1, dr->label, ui_attr(dr->lrole) | A_BOLD);
		}
		x += dr->indent;
		ui_text_put(r.y + row, x, r.w - dr->indent, dr->text, ui_attr(dr->role));
	}
}
