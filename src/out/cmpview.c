/* cmpview.c - the comparison as text and as JSON (cmpview.h).  The text
 * puts each step's rows in two columns, wrapped by display width with the
 * one wrapper (base/wrap.h); every screen line of a row line that differs
 * starts with the mark, so `grep '^\*'` lists exactly the differences.
 * Only formats what trace/compare.c laid out. */
#include <stdio.h>
#include <string.h>
#include "cmpview.h"
#include "jsonw.h"
#include "base/strfmt.h"
#include "base/wrap.h"

enum { CMPVIEW_LABEL = 28, CMPVIEW_MIN = 60, CMPVIEW_SEP = 3 };

typedef struct {
	buf_t *out;
	unsigned wa, wb;         /* the two columns' widths */
	err_t e;
} cmpview_t;

static void cv_put(cmpview_t *v, const char *s, size_t n)
{
	if (v->e == ERR_OK)
		v->e = buf_append(v->out, s, n);
}

static void cv_puts(cmpview_t *v, const char *s)
{
	cv_put(v, s, strlen(s));
}

static void cv_pad(cmpview_t *v, unsigned n)
{
	static const char sp[] = "                                                                ";

	while (n > 0) {
		unsigned k = n < sizeof sp - 1 ? n : (unsigned)sizeof sp - 1;
		cv_put(v, sp, k);
		n -= k;
	}
}

/* A line of a wrapped text, padded to w columns (nothing when done). */
static bool cv_cell(cmpview_t *v, wrap_t *w, bool *done, unsigned width, bool pad)
{
	wrap_line_t l;

	if (*done || !wrap_next(w, &l)) {
		*done = true;
		if (pad)
			cv_pad(v, width);
		return false;
	}
	cv_put(v, w->s + l.off, l.len);
	if (pad && l.width < width)
		cv_pad(v, width - l.width);
	return true;
}

/* One line of a row: label (on the row's first line only), A | B, each
 * wrapped into its column. */
static void cv_line(cmpview_t *v, const char *label, const cmp_line_t *ln)
{
	const char *a = ln->a ? ln->a : "", *b = ln->b ? ln->b : "";
	wrap_t wa = wrap_start(a, strlen(a), v->wa), wb = wrap_start(b, strlen(b), v->wb);
	bool da = false, db = false, first = true;

	while (first || !da || !db) {
		unsigned lw = label && first ? wrap_width(label, strlen(label)) : 0;
		cv_puts(v, ln->differs ? "* " : "  ");
		if (label && first)
			cv_puts(v, label);
		cv_pad(v, lw < CMPVIEW_LABEL ? CMPVIEW_LABEL - lw : 1);
		cv_cell(v, &wa, &da, v->wa, true);
		cv_puts(v, " | ");
		cv_cell(v, &wb, &db, v->wb, false);
		cv_puts(v, "\n");
		first = false;
		/* look ahead: stop once both columns are done */
		if (!da && wa.pos >= wa.n)
			da = true;
		if (!db && wb.pos >= wb.n)
			db = true;
	}
}

/* A paragraph wrapped to width, its lines after lead (the first) or as
 * many spaces. */
static void cv_para(cmpview_t *v, const char *lead, const char *text, unsigned width)
{
	unsigned lw = (unsigned)strlen(lead);
	wrap_t w = wrap_start(text, strlen(text), width > lw + 20 ? width - lw : 20);
	wrap_line_t l;
	bool first = true;

	while (wrap_next(&w, &l)) {
		if (first)
			cv_puts(v, lead);
		else
			cv_pad(v, lw);
		cv_put(v, text + l.off, l.len);
		cv_puts(v, "\n");
		first = false;
	}
}

static void cv_side_line(cmpview_t *v, const char *lead, const cmpview_side_t *s, unsigned width)
{
	const handshake_t *h = s->hs;
	const char *ver = handshake_version_name(h);
	char line[512];

	cv_para(v, lead, s->label, width);
	snprintf(line, sizeof line, "%s, connection %u%s: %s, %s, %s", s->conn->source, s->conn->id,
		 h->index ? ", a renegotiation" : "", ver ? ver : "no version agreed",
		 h->suite ? h->suite->name : "no suite chosen", outcome_name(h->outcome));
	cv_para(v, "     ", line, width);
}

err_t cmpview_text(buf_t *out, const cmp_t *c, const cmpview_side_t sides[2], unsigned width)
{
	cmpview_t v = { out, 0, 0, ERR_OK };
	unsigned cols;
	char line[512];
	size_t i;
	int step;

	width = width < CMPVIEW_MIN ? CMPVIEW_MIN : width;
	cols = width - 2 - CMPVIEW_LABEL - CMPVIEW_SEP;
	v.wa = cols / 2;
	v.wb = cols - v.wa;
	cv_puts(&v, "Two handshakes side by side\n");
	cv_side_line(&v, "  A  ", &sides[0], width);
	cv_side_line(&v, "  B  ", &sides[1], width);
	if (c->ndiff)
		snprintf(line, sizeof line, "  %zu row%s differ%s; each line that differs starts with %c\n", c->ndiff,
			 c->ndiff == 1 ? "" : "s", c->ndiff == 1 ? "s" : "", CMPVIEW_MARK);
	else
		snprintf(line, sizeof line, "  no differences: the two handshakes did the same at every step\n");
	cv_puts(&v, line);
	for (step = 1; step <= CMP_OUTCOME_STEP; step++) {
		size_t nd = cmp_step_diffs(c, step);
		cmp_line_t head = { NULL, NULL, false };
		char ha[256], hb[256];
		if (step <= STEP_COUNT)
			snprintf(line, sizeof line, "\nStep %d  %s  [%s]\n", step, cmp_step_title(step),
				 nd ? "differs" : "the same");
		else
			snprintf(line, sizeof line, "\n%s  [%s]\n", cmp_step_title(step), nd ? "differs" : "the same");
		cv_puts(&v, line);
		/* the labels in full are above; here only if they fit */
		snprintf(ha, sizeof ha, wrap_width(sides[0].label, strlen(sides[0].label)) + 3 <= v.wa ? "A: %s" : "A",
			 sides[0].label);
		snprintf(hb, sizeof hb, wrap_width(sides[1].label, strlen(sides[1].label)) + 3 <= v.wb ? "B: %s" : "B",
			 sides[1].label);
		head.a = ha;
		head.b = hb;
		cv_line(&v, NULL, &head);
		for (i = 0; i < c->nrows; i++) {
			const cmp_row_t *r = &c->rows[i];
			size_t k;
			if (r->step != step)
				continue;
			for (k = 0; k < r->nlines; k++)
				cv_line(&v, k == 0 ? cmp_field_info(r->field)->label : NULL, &r->lines[k]);
		}
	}
	if (c->ndiff) {
		cv_puts(&v, "\nDifferences:\n");
		for (i = 0; i < c->nrows; i++) {
			const cmp_row_t *r = &c->rows[i];
			if (!r->differs)
				continue;
			if (r->step <= STEP_COUNT)
				snprintf(line, sizeof line, "  step %d (%s): %s\n", r->step, cmp_step_title(r->step),
					 cmp_field_info(r->field)->label);
			else
				snprintf(line, sizeof line, "  %s: %s\n", cmp_step_title(r->step), cmp_field_info(r->field)->label);
			cv_puts(&v, line);
		}
	}
	return v.e;
}

static void cv_json_side(jsonw_t *w, const char *key, const cmpview_side_t *s)
{
	jsonw_key(w, key);
	jsonw_obj_begin(w);
	jsonw_key(w, "label");
	jsonw_str(w, s->label);
	jsonw_key(w, "source");
	jsonw_str(w, s->conn->source);
	jsonw_key(w, "connection");
	jsonw_uint(w, s->conn->id);
	jsonw_key(w, "handshake");
	jsonw_uint(w, s->hs->index);
	jsonw_obj_end(w);
}

err_t cmpview_json(buf_t *out, const cmp_t *c, const cmpview_side_t sides[2])
{
	jsonw_t w;
	size_t i;
	int step;

	jsonw_init(&w, out);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "format");
	jsonw_uint(&w, 1);
	cv_json_side(&w, "a", &sides[0]);
	cv_json_side(&w, "b", &sides[1]);
	jsonw_key(&w, "differences");
	jsonw_uint(&w, c->ndiff);
	jsonw_key(&w, "steps");
	jsonw_arr_begin(&w);
	for (step = 1; step <= CMP_OUTCOME_STEP; step++) {
		jsonw_obj_begin(&w);
		jsonw_key(&w, "step");
		if (step <= STEP_COUNT)
			jsonw_uint(&w, (unsigned)step);
		else
			jsonw_str(&w, "outcome");
		jsonw_key(&w, "title");
		jsonw_str(&w, cmp_step_title(step));
		jsonw_key(&w, "differences");
		jsonw_uint(&w, cmp_step_diffs(c, step));
		jsonw_key(&w, "rows");
		jsonw_arr_begin(&w);
		for (i = 0; i < c->nrows; i++) {
			const cmp_row_t *r = &c->rows[i];
			size_t k;
			if (r->step != step)
				continue;
			jsonw_obj_begin(&w);
			jsonw_key(&w, "field");
			jsonw_str(&w, cmp_field_info(r->field)->key);
			jsonw_key(&w, "label");
			jsonw_str(&w, cmp_field_info(r->field)->label);
			jsonw_key(&w, "differs");
			jsonw_bool(&w, r->differs);
			jsonw_key(&w, "lines");
			jsonw_arr_begin(&w);
			for (k = 0; k < r->nlines; k++) {
				jsonw_obj_begin(&w);
				jsonw_key(&w, "a");
				jsonw_str(&w, r->lines[k].a);
				jsonw_key(&w, "b");
				jsonw_str(&w, r->lines[k].b);
				jsonw_key(&w, "differs");
				jsonw_bool(&w, r->lines[k].differs);
				jsonw_obj_end(&w);
			}
			jsonw_arr_end(&w);
			jsonw_obj_end(&w);
		}
		jsonw_arr_end(&w);
		jsonw_obj_end(&w);
	}
	jsonw_arr_end(&w);
	jsonw_obj_end(&w);
	if (!w.failed && buf_append(out, "\n", 1) != ERR_OK)
		w.failed = true;
	return w.failed ? ERR_NOMEM : ERR_OK;
}
