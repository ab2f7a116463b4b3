/* ui_detail.c - the detail pane: the selected message (or the current
 * step, when it has no message) under four tabs: Fields, Bytes, Secrets,
 * Explain.  Draws the frame and the tab bar, hands the rest to the tab,
 * and turns Up/Down/Enter into tree moves or scrolling. */
#include <stdio.h>
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

static const char *const ui_tab_names[UI_TAB__COUNT] = {
	[UI_TAB_FIELDS] = "Fields", [UI_TAB_BYTES] = "Bytes",
	[UI_TAB_SECRETS] = "Secrets", [UI_TAB_EXPLAIN] = "Explain",
};

const char *ui_tab_name(ui_tab_t t)
{
	return (unsigned)t < UI_TAB__COUNT ? UI_T(ui_tab_names[t]) : "?";
}

static ui_rect_t ui_detail_body(const ui_app_t *a)
{
	ui_rect_t r = a->r_detail;

	return (ui_rect_t){ r.y + 2, r.x + 2, r.h - 3, r.w - 4 };
}

/* Secrets and Explain are documents: built for the width, then scrolled. */
static void ui_detail_doc(ui_app_t *a, ui_rect_t body, bool draw, int *rows)
{
	ui_doc_t d;
	int anchor = -1;

	ui_doc_init(&d, body.w, ui_lang() != LANG_JA ? 22 : body.w >= 96 ? 30 : 24);   /* Japanese labels are wider */
	if (a->tab == UI_TAB_SECRETS) {
		ui_secrets_build(a, &d, &anchor);
		/* opened at a step: at that step's own rows (a Finished's
		 * computation at steps 7 and 8), not at the randoms */
		if (a->detail_anchor && anchor > 0)
			a->detail_top = anchor;
		a->detail_anchor = false;
	} else if (a->tab == UI_TAB_BYTES && a->bytes_wire && ui_wire_has(a)) {
		ui_wire_build(a, &d);
	} else if (ui_nav_app(a) && a->tab != UI_TAB_EXPLAIN) {
		ui_appdata_build(a, &d);
	} else {
		ui_explain_build(a, &d, true);
	}
	if (a->detail_top > (int)d.n - body.h)
		a->detail_top = (int)d.n - body.h;
	if (a->detail_top < 0)
		a->detail_top = 0;
	if (draw)
		ui_doc_draw(&d, body, a->detail_top);
	if (rows)
		*rows = (int)d.n;
	ui_doc_free(&d);
}

/* Step 5 with a message of its own (the client's Certificate, or the
 * Alert that ends it), or the step that failed: the message's tree on
 * top, below it what the client checked and the deciding evidence of the
 * failure (its reason, causes, the Finished values), in view when the
 * step is reached. */
static void ui_detail_step5(ui_app_t *a, const msg_t *m, ui_rect_t body)
{
	ui_frow_t rows[64];
	size_t n = ui_fields_rows(a, m->root, rows, 64) + m->nnotes;
	int top = (int)n < body.h / 3 ? (int)n : body.h / 3, step = ui_nav_step(a);
	ui_doc_t d;

	ui_fields_draw(a, (ui_rect_t){ body.y, body.x, top, body.w });
	ui_doc_init(&d, body.w, ui_lang() != LANG_JA ? 22 : body.w >= 96 ? 30 : 24);   /* Japanese labels are wider */
	/* the facts checked first (the verdict and the chain; the Finished
	 * values), then the diagnosis of the failure */
	if (step == 5)
		ui_step5_build(a, &d);
	if (step == 7 || step == 8)
		ui_secrets_finished(a, &d, step);
	ui_explain_failure(a, &d, step);
	ui_doc_draw(&d, (ui_rect_t){ body.y + top, body.x, body.h - top, body.w }, 0);
	ui_doc_free(&d);
}

void ui_detail_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_detail, body = ui_detail_body(a);
	const msg_t *m = ui_nav_msg(a);
	char title[200];
	int t, x;

	if (m)
		snprintf(title, sizeof title, UI_T("%s  %s %s %s  %zu bytes%s"), msg_type_name(m),
			 ui_side(m->sender), ui_glyph(UI_G_TO), ui_side(!m->sender), m->raw.len,
			 m->encrypted ? UI_T(", encrypted") : "");
	else if (ui_nav_app(a))
		snprintf(title, sizeof title, UI_T("Application data  %s %s %s  %zu bytes"), ui_side(ui_nav_app(a)->side),
			 ui_glyph(UI_G_TO), ui_side(!ui_nav_app(a)->side), ui_nav_app(a)->len);
	else
		snprintf(title, sizeof title, UI_T("Step %d"), ui_nav_step(a));
	ui_frame(r, title, a->focus == UI_PANE_DETAIL);
	/* the tab bar */
	a->tab_y = r.y + 1;
	x = r.x + 2;
	for (t = 0; t < UI_TAB__COUNT; t++) {
		char label[32];
		attr_t at = t == (int)a->tab ? ui_attr(UI_C_SELECT) | A_BOLD : ui_attr(UI_C_DIM);
		snprintf(label, sizeof label, " %d %s ", t + 1, ui_tab_name((ui_tab_t)t));
		a->tab_x[t] = x;
		x += ui_text_put(a->tab_y, x, r.x + r.w - 2 - x, label, at) + 1;
	}
	a->tab_x[UI_TAB__COUNT] = x;
	if (body.h <= 0)
		return;
	if ((ui_nav_app(a) && (a->tab == UI_TAB_FIELDS || a->tab == UI_TAB_BYTES)) ||
	    (a->tab == UI_TAB_BYTES && a->bytes_wire && ui_wire_has(a))) {
		ui_detail_doc(a, body, true, NULL);
		return;
	}
	switch (a->tab) {
	case UI_TAB_FIELDS:
		if (m && body.h >= 12 && (ui_nav_step(a) == 5 || (a->hs && a->hs->failure.failed &&
								     a->hs->failure.step == ui_nav_step(a))))
			ui_detail_step5(a, m, body);
		else
			ui_fields_draw(a, body);
		break;
	case UI_TAB_BYTES:
		ui_bytes_draw(a, body);
		break;
	default:
		ui_detail_doc(a, body, true, NULL);
		break;
	}
}

int ui_detail_key(ui_app_t *a, int key)
{
	ui_rect_t body = ui_detail_body(a);
	int page = body.h > 2 ? body.h - 1 : 1, delta = 0;

	if (key == UI_FN(KEY_UP) || key == UI_CH('k'))
		delta = -1;
	else if (key == UI_FN(KEY_DOWN) || key == UI_CH('j'))
		delta = 1;
	else if (key == UI_FN(KEY_PPAGE))
		delta = -page;
	else if (key == UI_FN(KEY_NPAGE))
		delta = page;
	else
		return 0;
	if ((a->tab == UI_TAB_FIELDS || a->tab == UI_TAB_BYTES) && !ui_nav_app(a) &&
	    !(a->tab == UI_TAB_BYTES && a->bytes_wire && ui_wire_has(a)))
		return ui_fields_move(a, delta) | UI_REDRAW;
	a->detail_top += delta;
	ui_detail_doc(a, body, false, NULL);
	return UI_REDRAW;
}

int ui_detail_click(ui_app_t *a, int y, int x)
{
	ui_rect_t body = ui_detail_body(a);
	int t;

	a->focus = UI_PANE_DETAIL;
	if (y == a->tab_y) {
		for (t = 0; t < UI_TAB__COUNT; t++)
			if (x >= a->tab_x[t] && x < a->tab_x[t + 1]) {
				if (a->tab != (ui_tab_t)t)
					a->detail_top = 0, a->detail_anchor = true;
				a->tab = (ui_tab_t)t;
			}
		return UI_REDRAW;
	}
	if (a->tab == UI_TAB_FIELDS)
		return ui_fields_click(a, body, y) | UI_REDRAW;
	if (a->tab == UI_TAB_BYTES)
		return ui_bytes_click(a, body, y, x) | UI_REDRAW;
	return UI_REDRAW;
}
