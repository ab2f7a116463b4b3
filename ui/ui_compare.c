/* ui_compare.c - the compare view (ui.h ui_compare): two handshakes side
 * by side, one step at a time.  Left, the nine steps and the outcome,
 * each marked when the two differ there; right, the step's rows, each a
 * heading over two columns (A | B), a line that differs marked '*' in
 * the margin and drawn in the warning colour.  Stepping moves both sides
 * at once; the keys are the step view's where they mean the same (n p
 * Right Left Space, Up Down j k, PgUp PgDn, g G Home End, ? q), plus d
 * and D for the next and previous step that differs.  One key table
 * gives the dispatch, the hints line and the help.  Reads the comparison
 * (trace/compare.h) only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/wrap.h"
#include "ui_color.h"
#include "ui_loop.h"
#include "ui_panes.h"
#include "ui_text.h"

enum { UIC_LEFT = 37, UIC_MARK = 2, UIC_SEP = 3 };

/* One screen line of the right pane. */
typedef struct {
	const char *head;        /* a row's label (a heading line); NULL: a value line */
	const char *a, *b;       /* value line: the bytes of each column's piece */
	size_t alen, blen;
	bool differs;
} uic_line_t;

typedef struct {
	const cmp_t *c;
	const char *label[2];
	int step;                /* 1..CMP_OUTCOME_STEP */
	int top;                 /* first line shown */
	bool help;
	uic_line_t *lines;       /* owned: the current step's, laid out for the width */
	size_t n, cap;
	int width;               /* the right pane's, when lines were laid out */
	ui_rect_t r_steps, r_right;
} uic_t;

static bool uic_push(uic_t *u, uic_line_t l)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		uic_line_t *g = realloc(u->lines, cap * sizeof *g);
		if (!g)
			return false;
		u->lines = g;
		u->cap = cap;
	}
	u->lines[u->n++] = l;
	return true;
}

/* The step's rows wrapped into the two columns of a pane w wide. */
static void uic_layout(uic_t *u, int w)
{
	int col = (w - UIC_MARK - UIC_SEP) / 2;
	size_t i, k;

	u->n = 0;
	u->width = w;
	if (col < 8)
		col = 8;
	for (i = 0; i < u->c->nrows; i++) {
		const cmp_row_t *r = &u->c->rows[i];
		if (r->step != u->step)
			continue;
		if (!uic_push(u, (uic_line_t){ .head = cmp_field_info(r->field)->label, .differs = r->differs }))
			return;
		for (k = 0; k < r->nlines; k++) {
			const cmp_line_t *ln = &r->lines[k];
			const char *a = ln->a ? ln->a : "", *b = ln->b ? ln->b : "";
			wrap_t wa = wrap_start(a, strlen(a), (unsigned)col), wb = wrap_start(b, strlen(b), (unsigned)col);
			wrap_line_t la, lb;
			bool ha = wrap_next(&wa, &la), hb = wrap_next(&wb, &lb), first = true;
			while (first || ha || hb) {
				uic_line_t l = { NULL, a, b, 0, 0, ln->differs };
				if (ha)
					l.a = a + la.off, l.alen = la.len;
				if (hb)
					l.b = b + lb.off, l.blen = lb.len;
				if (!uic_push(u, l))
					return;
				first = false;
				ha = ha && wrap_next(&wa, &la);
				hb = hb && wrap_next(&wb, &lb);
			}
		}
	}
}

static void uic_draw_steps(uic_t *u)
{
	ui_rect_t r = u->r_steps;
	int s;

	ui_frame(r, "Steps", false);
	for (s = 1; s <= CMP_OUTCOME_STEP && s < r.h - 1; s++) {
		char line[96];
		size_t nd = cmp_step_diffs(u->c, s);
		attr_t at = s == u->step ? ui_attr(UI_C_SELECT) | A_BOLD : ui_attr(nd ? UI_C_WARN : UI_C_NORMAL);
		const char *cur = s == u->step ? ui_glyph(UI_G_CUR) : " ";
		if (s <= STEP_COUNT)
			snprintf(line, sizeof line, "%c%s%d %s", nd ? '*' : ' ', cur, s, cmp_step_title(s));
		else
			snprintf(line, sizeof line, "%c%s  %s", nd ? '*' : ' ', cur, cmp_step_title(s));
		ui_text_putpad(r.y + s, r.x + 1, r.w - 2, line, at);
	}
	if (r.h > CMP_OUTCOME_STEP + 3)
		ui_text_put(r.y + CMP_OUTCOME_STEP + 2, r.x + 2, r.w - 4, "* the two differ here", ui_attr(UI_C_DIM));
}

static void uic_draw_right(uic_t *u)
{
	ui_rect_t r = u->r_right;
	int inner = r.w - 2, col = (inner - UIC_MARK - UIC_SEP) / 2, y, rows = r.h - 3;
	size_t nd = cmp_step_diffs(u->c, u->step);
	char title[160], ha[300], hb[300];

	if (u->width != inner)
		uic_layout(u, inner);
	if (u->top > (int)u->n - rows)
		u->top = (int)u->n - rows;
	if (u->top < 0)
		u->top = 0;
	if (u->step <= STEP_COUNT)
		snprintf(title, sizeof title, "Step %d  %s  (%s)", u->step, cmp_step_title(u->step),
			 nd ? "differs" : "the same");
	else
		snprintf(title, sizeof title, "%s  (%s)", cmp_step_title(u->step), nd ? "differs" : "the same");
	ui_frame(r, title, true);
	snprintf(ha, sizeof ha, "A: %s", u->label[0]);
	snprintf(hb, sizeof hb, "B: %s", u->label[1]);
	ui_text_putpad(r.y + 1, r.x + 1 + UIC_MARK, col, ha, ui_attr(UI_C_HEAD) | A_BOLD);
	ui_text_put(r.y + 1, r.x + 1 + UIC_MARK + col, UIC_SEP, " | ", ui_attr(UI_C_DIM));
	ui_text_putpad(r.y + 1, r.x + 1 + UIC_MARK + col + UIC_SEP, col, hb, ui_attr(UI_C_HEAD) | A_BOLD);
	for (y = 0; y < rows && u->top + y < (int)u->n; y++) {
		const uic_line_t *l = &u->lines[u->top + y];
		int sy = r.y + 2 + y, x = r.x + 1;
		if (l->head) {
			ui_text_put(sy, x + UIC_MARK, inner - UIC_MARK, l->head, ui_attr(UI_C_HEAD) | A_UNDERLINE);
			continue;
		}
		attr_t at = ui_attr(l->differs ? UI_C_WARN : UI_C_NORMAL);
		if (l->differs)
			ui_text_put(sy, x, 1, "*", ui_attr(UI_C_FAIL) | A_BOLD);
		ui_text_putn(sy, x + UIC_MARK, col, l->a, l->alen, at);
		ui_text_put(sy, x + UIC_MARK + col, UIC_SEP, " | ", ui_attr(UI_C_DIM));
		ui_text_putn(sy, x + UIC_MARK + col + UIC_SEP, col, l->b, l->blen, at);
	}
	if (u->top + rows < (int)u->n)
		ui_text_put(r.y + r.h - 1, r.x + r.w - 12, 10, " more v ", ui_attr(UI_C_DIM));
}

/* ---- keys ---- */

typedef int (*uic_key_fn)(uic_t *u, int key);

typedef struct {
	int keys[5];
	const char *label;       /* how help and the hints show the keys */
	const char *brief;       /* the keys in a narrow hints line */
	const char *hint;        /* its word in the hints line; NULL: only in help */
	const char *help;
	uic_key_fn fn;
} uic_key_t;

static int uic_go(uic_t *u, int step)
{
	if (step < 1 || step > CMP_OUTCOME_STEP || step == u->step)
		return 0;
	u->step = step;
	u->top = 0;
	u->width = -1;
	return UI_REDRAW;
}

static int uic_k_next(uic_t *u, int key) { (void)key; return uic_go(u, u->step + 1); }
static int uic_k_prev(uic_t *u, int key) { (void)key; return uic_go(u, u->step - 1); }
static int uic_k_first(uic_t *u, int key) { (void)key; return uic_go(u, 1); }
static int uic_k_last(uic_t *u, int key) { (void)key; return uic_go(u, CMP_OUTCOME_STEP); }

static int uic_k_diff(uic_t *u, int key)
{
	int d = key == UI_CH('D') ? -1 : 1, s;

	for (s = u->step + d; s >= 1 && s <= CMP_OUTCOME_STEP; s += d)
		if (cmp_step_diffs(u->c, s))
			return uic_go(u, s);
	return 0;
}

static int uic_k_scroll(uic_t *u, int key)
{
	int page = u->r_right.h - 4 > 1 ? u->r_right.h - 4 : 1;

	if (key == UI_FN(KEY_UP) || key == UI_CH('k'))
		u->top--;
	else if (key == UI_FN(KEY_DOWN) || key == UI_CH('j'))
		u->top++;
	else
		u->top += key == UI_FN(KEY_PPAGE) ? -page : page;
	return UI_REDRAW;   /* uic_draw_right clamps */
}

static int uic_k_help(uic_t *u, int key) { (void)key; u->help = !u->help; return UI_REDRAW; }
static int uic_k_redraw(uic_t *u, int key) { (void)u; (void)key; clearok(curscr, TRUE); return UI_RELAYOUT; }
static int uic_k_quit(uic_t *u, int key) { (void)u; (void)key; return UI_QUIT; }

static int uic_k_mouse(uic_t *u, int key)
{
	MEVENT ev;

	(void)key;
	if (getmouse(&ev) != OK || u->help)
		return u->help ? uic_k_help(u, key) : 0;
	if (ev.x >= u->r_steps.x && ev.x < u->r_steps.x + u->r_steps.w && ev.y > u->r_steps.y)
		return uic_go(u, ev.y - u->r_steps.y);
	return 0;
}

static const uic_key_t uic_keys[] = {
	{ { UI_CH('n'), UI_FN(KEY_RIGHT), UI_CH(' ') }, "n Right Space", "n", "next", "next step, on both sides", uic_k_next },
	{ { UI_CH('p'), UI_FN(KEY_LEFT), UI_FN(KEY_BACKSPACE) }, "p Left", "p", "back", "previous step, on both sides",
	  uic_k_prev },
	{ { UI_CH('d'), UI_CH('D') }, "d D", "d", "next diff", "the next (d) or previous (D) step where the two differ",
	  uic_k_diff },
	{ { UI_FN(KEY_UP), UI_FN(KEY_DOWN), UI_CH('k'), UI_CH('j') }, "Up Down j k", "j k", "scroll", "scroll the step's rows",
	  uic_k_scroll },
	{ { UI_FN(KEY_PPAGE), UI_FN(KEY_NPAGE) }, "PgUp PgDn", NULL, NULL, "page up and down", uic_k_scroll },
	{ { UI_CH('g'), UI_FN(KEY_HOME) }, "g Home", NULL, NULL, "first step", uic_k_first },
	{ { UI_CH('G'), UI_FN(KEY_END) }, "G End", NULL, NULL, "the outcome", uic_k_last },
	{ { UI_FN(KEY_MOUSE) }, "click", NULL, NULL, "a step in the list goes there", uic_k_mouse },
	{ { UI_CH('?'), UI_FN(KEY_F(1)), UI_CH(27) }, "? F1", "?", "help", "this help (any of these closes it)", uic_k_help },
	{ { UI_CH(12) }, "Ctrl-L", NULL, NULL, "redraw the screen", uic_k_redraw },
	{ { UI_CH('q') }, "q", "q", "quit", "quit", uic_k_quit },
};
#define UIC_NKEYS (sizeof uic_keys / sizeof uic_keys[0])

static int uic_dispatch(uic_t *u, int key)
{
	size_t i, k;

	if (u->help && key != UI_CH('q') && key != UI_FN(KEY_MOUSE))
		return uic_k_help(u, key);
	for (i = 0; i < UIC_NKEYS; i++)
		for (k = 0; k < 5 && uic_keys[i].keys[k]; k++)
			if (uic_keys[i].keys[k] == key)
				return uic_keys[i].fn(u, key);
	return 0;
}

/* The hints, with each binding's keys in full when they fit, else brief. */
static int uic_hints_pass(bool brief, bool draw)
{
	int x = 1;
	size_t i;

	for (i = 0; i < UIC_NKEYS; i++) {
		const char *k = brief ? uic_keys[i].brief : uic_keys[i].label;
		if (!uic_keys[i].hint)
			continue;
		if (draw) {
			ui_text_put(LINES - 1, x, COLS - 1 - x, k, ui_attr(UI_C_KEY) | A_BOLD);
			ui_text_put(LINES - 1, x + ui_text_width(k) + 1, COLS - 2 - x - ui_text_width(k),
				    uic_keys[i].hint, ui_attr(UI_C_STATUS));
		}
		x += ui_text_width(k) + 1 + ui_text_width(uic_keys[i].hint) + 2;
	}
	return x;
}

static void uic_draw_hints(void)
{
	attrset(ui_attr(UI_C_STATUS));
	mvhline(LINES - 1, 0, ' ', COLS);
	uic_hints_pass(uic_hints_pass(false, false) > COLS, true);
}

static void uic_draw_help(void)
{
	int w = COLS - 8 < 90 ? COLS - 8 : 90, h = (int)UIC_NKEYS + 4, x0 = (COLS - w) / 2, y0 = (LINES - h) / 2, y;
	size_t i;

	attrset(A_NORMAL);
	for (y = 0; y < h; y++)
		mvhline(y0 + y, x0, ' ', w);
	ui_frame((ui_rect_t){ y0, x0, h, w }, "Help: comparing two handshakes (Esc or ? closes)", true);
	for (i = 0; i < UIC_NKEYS; i++) {
		ui_text_putpad(y0 + 2 + (int)i, x0 + 2, 16, uic_keys[i].label, ui_attr(UI_C_KEY) | A_BOLD);
		ui_text_put(y0 + 2 + (int)i, x0 + 19, w - 21, uic_keys[i].help, A_NORMAL);
	}
}

static void uic_draw(uic_t *u)
{
	char title[400];
	int left = COLS >= 100 ? UIC_LEFT : 24;

	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		snprintf(title, sizeof title, "terminal too small (need %dx%d); q quits", UI_MIN_COLS, UI_MIN_LINES);
		ui_text_put(0, 0, COLS, title, A_BOLD);
		refresh();
		return;
	}
	u->r_steps = (ui_rect_t){ 1, 0, LINES - 2, left };
	u->r_right = (ui_rect_t){ 1, left, LINES - 2, COLS - left };
	snprintf(title, sizeof title, " tlstrace compare   A: %s   B: %s   %zu row%s differ%s", u->label[0], u->label[1],
		 u->c->ndiff, u->c->ndiff == 1 ? "" : "s", u->c->ndiff == 1 ? "s" : "");
	attrset(ui_attr(UI_C_TITLE));
	mvhline(0, 0, ' ', COLS);
	ui_text_put(0, 0, COLS, title, ui_attr(UI_C_TITLE) | A_BOLD);
	uic_draw_steps(u);
	uic_draw_right(u);
	uic_draw_hints();
	if (u->help)
		uic_draw_help();
	refresh();
}

int ui_compare(const cmp_t *c, const char *label_a, const char *label_b, const ui_opts_t *o)
{
	uic_t u;
	int rc = 0;

	memset(&u, 0, sizeof u);
	u.c = c;
	u.label[0] = label_a;
	u.label[1] = label_b;
	u.step = 1;
	u.width = -1;
	if (!ui_loop_term_start(o->no_color))
		return 1;
	uic_draw(&u);
	for (;;) {
		wint_t wc = 0;
		int r, flags;

		if (ui_loop_signalled()) {
			rc = 128 + ui_loop_signalled();
			break;
		}
		timeout(1000);
		r = get_wch(&wc);
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			u.width = -1;
			uic_draw(&u);
			continue;
		}
		flags = uic_dispatch(&u, r == KEY_CODE_YES ? UI_FN(wc) : UI_CH(wc));
		if (flags & UI_QUIT)
			break;
		if (flags & UI_RELAYOUT)
			u.width = -1;
		if (flags)
			uic_draw(&u);
	}
	ui_loop_term_stop();
	free(u.lines);
	return rc;
}
