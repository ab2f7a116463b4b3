/* ui_doc.h - a scrollable pane of text rows: headings, wrapped paragraphs,
 * "label  value" pairs and hex values that wrap under their label.  The
 * Secrets and Explain tabs and the About box are built with it, for the
 * width they are shown in, then drawn from any scroll position. */
#ifndef TLSTRACE_UI_DOC_H
#define TLSTRACE_UI_DOC_H

#include <stddef.h>
#include <stdint.h>
#include "ui_app.h"
#include "ui_color.h"

typedef struct {
	char *label;             /* owned, NULL on continuation rows */
	char *text;              /* owned */
	ui_role_t lrole, role;
	int indent;
} ui_doc_row_t;

typedef struct {
	ui_doc_row_t *v;         /* owned */
	size_t n, cap;
	int width;               /* columns the rows are wrapped to */
	int label_w;             /* the label column of kv and hex rows */
} ui_doc_t;

void ui_doc_init(ui_doc_t *d, int width, int label_w);
void ui_doc_free(ui_doc_t *d);
void ui_doc_blank(ui_doc_t *d);
void ui_doc_head(ui_doc_t *d, ui_role_t role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A paragraph wrapped to the width (after indent columns). */
void ui_doc_text(ui_doc_t *d, int indent, ui_role_t role, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A label and its value, the value wrapped in the value column. */
void ui_doc_kv(ui_doc_t *d, const char *label, ui_role_t role, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A label and bytes in hex, cut in whole bytes under each other. */
void ui_doc_hex(ui_doc_t *d, const char *label, ui_role_t role, const uint8_t *p, size_t n);
/* Draws rows [top, top + r.h) into r. */
void ui_doc_draw(const ui_doc_t *d, ui_rect_t r, int top);

#endif
