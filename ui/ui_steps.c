/* ui_steps.c - the step list: the nine steps of steps.c's table, each
 * with a mark for what happened to it so far (done, skipped, failed, not
 * yet) and a pointer at the current one.  Also the pane frame helper. */
#include <stdio.h>
#include <string.h>
#include "trace/steps.h"
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

void ui_frame(ui_rect_t r, const char *title, bool focus)
{
	attr_t a = ui_attr(focus ? UI_C_FOCUS : UI_C_BORDER);
	char t[256];

	ui_text_box(r.y, r.x, r.h, r.w, a);
	if (title && title[0] && r.w > 6) {
		snprintf(t, sizeof t, " %s ", title);
		ui_text_put(r.y, r.x + 2, r.w - 4, t, a | (focus ? A_BOLD : A_NORMAL));
	}
}

/* The mark of a step at the current stop, and its colour role. */
static ui_glyph_t ui_steps_mark(const ui_app_t *a, int s, ui_role_t *role)
{
	const step_state_t *st = &a->hs->steps[s];

	*role = UI_C_DIM;
	if (!ui_nav_seen(a, s))
		return UI_G_PENDING;
	switch (st->status) {
	case STEP_DONE:
		*role = UI_C_OK;
		return UI_G_DONE;
	case STEP_SKIPPED:
		*role = UI_C_DIM;
		return UI_G_SKIP;
	case STEP_FAILED:
		*role = UI_C_FAIL;
		return UI_G_FAIL;
	default:
		return UI_G_PENDING;
	}
}

int ui_steps_width(void)
{
	int s, w = 0;

	/* frame, pointer, mark, number, title, a space, "skipped", frame */
	for (s = 1; s <= STEP_COUNT; s++)
		if (ui_text_width(step_title(s, ui_lang())) > w)
			w = ui_text_width(step_title(s, ui_lang()));
	return 1 + 6 + w + 2 + 7 + 1 + 1;
}

void ui_steps_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_steps;
	int cur = ui_nav_step(a), s, inner = r.w - 2;

	ui_frame(r, UI_T("Steps"), a->focus == UI_PANE_STEPS);
	for (s = 1; s <= STEP_COUNT && s <= r.h - 2; s++) {
		int y = r.y + s, x = r.x + 1, w = inner;
		ui_role_t mrole = UI_C_DIM, trole;
		ui_glyph_t mark = a->hs ? ui_steps_mark(a, s, &mrole) : UI_G_PENDING;
		const char *word = NULL;
		char num[16];
		attr_t row = s == cur ? ui_attr(a->focus == UI_PANE_STEPS ? UI_C_SELECT : UI_C_CURRENT) : A_NORMAL;

		trole = s == cur ? UI_C_CURRENT : !a->hs || !ui_nav_seen(a, s) ? UI_C_DIM :
			mark == UI_G_FAIL ? UI_C_FAIL : UI_C_NORMAL;
		if (a->hs && ui_nav_seen(a, s)) {
			if (a->hs->steps[s].status == STEP_SKIPPED)
				word = UI_T("skipped");
			else if (a->hs->steps[s].status == STEP_FAILED)
				word = UI_T("FAILED");
		}
		attrset(row);
		mvhline(y, x, ' ', w);
		ui_text_put(y, x, 2, s == cur ? ui_glyph(UI_G_CUR) : " ", row | ui_attr(UI_C_CURRENT));
		ui_text_put(y, x + 2, 2, ui_glyph(mark), row | ui_attr(mrole));
		snprintf(num, sizeof num, "%d ", s);
		ui_text_put(y, x + 4, 2, num, row | ui_attr(trole));
		if (word && w >= 30) {
			int ww = ui_text_width(word);
			ui_text_put(y, x + w - ww - 1, ww, word, row | ui_attr(mrole));
			w -= ww + 2;
		}
		ui_text_put(y, x + 6, w - 6, step_title(s, ui_lang()), row | ui_attr(trole));
	}
	if (r.h - 2 >= STEP_COUNT + 2) {
		/* the legend of the marks */
		static const struct { ui_glyph_t g; ui_role_t role; const char *word; } legend[] = {
			{ UI_G_DONE, UI_C_OK, "done" }, { UI_G_SKIP, UI_C_DIM, "skipped" },
			{ UI_G_FAIL, UI_C_FAIL, "failed" }, { UI_G_PENDING, UI_C_DIM, "not yet" },
		};
		int y = r.y + r.h - 2, x = r.x + 2;
		size_t i;
		for (i = 0; i < sizeof legend / sizeof legend[0] && x < r.x + inner; i++) {
			x += ui_text_put(y, x, r.x + inner - x, ui_glyph(legend[i].g), ui_attr(legend[i].role)) + 1;
			x += ui_text_put(y, x, r.x + inner - x, UI_T(legend[i].word), ui_attr(UI_C_DIM)) + 1;
		}
	}
}

int ui_steps_key(ui_app_t *a, int key)
{
	if (key == UI_FN(KEY_UP) || key == UI_CH('k'))
		return ui_nav_prev(a);
	if (key == UI_FN(KEY_DOWN) || key == UI_CH('j'))
		return ui_nav_next(a);
	return 0;
}

int ui_steps_click(ui_app_t *a, int y, int x)
{
	int s = y - a->r_steps.y;

	(void)x;
	a->focus = UI_PANE_STEPS;
	if (s < 1 || s > STEP_COUNT)
		return UI_REDRAW;
	return ui_nav_goto_step(a, s) | UI_REDRAW;
}
