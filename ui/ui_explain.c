/* ui_explain.c - what the current step does and why, in plain words: the
 * step table's sentence and role, the step's status and reason, the
 * failure and its likely causes when it failed here, GnuTLS's own verdict
 * when there is one, and the lesson text for the step (ui_opts_t.lesson,
 * any language: wrapped by display width).  Shown in the Explain tab and,
 * on wide terminals, in the About box beside the detail pane. */
#include <stdio.h>
#include "trace/steps.h"
#include "ui_color.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_text.h"

static void ui_explain_lesson(const ui_app_t *a, ui_doc_t *d, int step)
{
	const char *text;

	if (!a->opts->lesson)
		return;
	text = a->opts->lesson(a->opts->lesson_ctx, a->hs, step);
	if (!text || !text[0])
		return;
	ui_doc_blank(d);
	ui_doc_head(d, UI_C_HEAD, "%s", a->opts->lesson_title ? a->opts->lesson_title : "Lesson");
	ui_doc_text(d, 0, UI_C_NORMAL, "%s", text);
	if (step != STEP_COUNT || !a->show_answers || !a->opts->lesson_answers)
		return;
	text = a->opts->lesson_answers(a->opts->lesson_ctx, a->hs);
	if (!text || !text[0])
		return;
	ui_doc_blank(d);
	ui_doc_head(d, UI_C_HEAD, "%s", a->opts->lesson_answers_title ? a->opts->lesson_answers_title : "Answers");
	ui_doc_text(d, 0, UI_C_NORMAL, "%s", text);
}

void ui_explain_failure(const ui_app_t *a, ui_doc_t *d, int step)
{
	const failure_t *f = &a->hs->failure;
	size_t i;

	if (!f->failed || f->step != step)
		return;
	ui_doc_blank(d);
	ui_doc_text(d, 0, UI_C_FAIL, "%s The handshake failed here, detected by the %s: %s", ui_glyph(UI_G_FAIL),
		    model_side_name(f->sender), f->reason ? f->reason : "no reason given");
	if (f->alert >= 0) {
		const alert_info_t *ai = alert_find((uint8_t)f->alert);
		ui_doc_text(d, 2, UI_C_FAIL, "alert %s (%d)%s%s", ai ? ai->name : "unknown", f->alert,
			    ai ? ": " : "", ai ? ai->explain : "");
	}
	for (i = 0; i < f->ncauses; i++)
		ui_doc_text(d, 2, UI_C_WARN, "possible cause: %s", f->causes[i]);
}

void ui_explain_build(const ui_app_t *a, ui_doc_t *d, bool full)
{
	int s = ui_nav_step(a);
	const step_info_t *si = step_info(s);
	const handshake_t *h = a->hs;
	const step_state_t *st;
	size_t i;

	if (!si || !h) {
		ui_doc_text(d, 0, UI_C_DIM, "Nothing to explain yet.");
		return;
	}
	st = &h->steps[s];
	if (full)
		ui_doc_head(d, UI_C_HEAD, "Step %d: %s", s, si->title);
	ui_doc_text(d, 0, UI_C_NORMAL, "%s", si->achieves);
	/* step 5: what the client checked, before anything else */
	if (s == 5 && full)
		ui_step5_build(a, d);
	if (full) {
		ui_doc_blank(d);
		ui_doc_kv(d, "what it is for", UI_C_NORMAL, "%s", si->role);
		ui_doc_kv(d, "status", st->status == STEP_FAILED ? UI_C_FAIL : st->status == STEP_DONE ? UI_C_OK : UI_C_DIM,
			  "%s", step_status_name(st->status));
	}
	if (st->reason && st->status != STEP_FAILED) {
		if (full)
			ui_doc_kv(d, "why", UI_C_NORMAL, "%s", st->reason);
		else
			ui_doc_text(d, 0, UI_C_DIM, "(%s)", st->reason);
	}
	ui_explain_failure(a, d, s);
	if (s == 5 && !full && h->cert_checked && h->cert_status)
		ui_doc_text(d, 0, h->cert_status ? UI_C_FAIL : UI_C_OK, "GnuTLS's check of the server certificate: %s",
			    h->cert_verdict ? h->cert_verdict : h->cert_status ? "not trusted" : "trusted");
	if (full && a->stops.settled) {
		const ui_stop_t *stop = &a->stops.v[a->stop];
		if (stop->first < stop->end) {
			ui_doc_blank(d);
			ui_doc_head(d, UI_C_NORMAL, "On the wire at this step:");
			for (i = stop->first; i < stop->end; i++)
				ui_doc_text(d, 2, h->msgs[i]->sender == SIDE_CLIENT ? UI_C_CLIENT : UI_C_SERVER, "%s %s %s",
					    model_side_name(h->msgs[i]->sender), ui_glyph(UI_G_TO), msg_type_name(h->msgs[i]));
		}
		if (h->client_error && st->status == STEP_FAILED)
			ui_doc_kv(d, "GnuTLS client", UI_C_FAIL, "%s", h->client_error);
		if (h->server_error && st->status == STEP_FAILED)
			ui_doc_kv(d, "GnuTLS server", UI_C_FAIL, "%s", h->server_error);
	}
	ui_explain_lesson(a, d, s);
	if (full && a->conn)
		for (i = 0; i < a->conn->nnotes; i++)
			ui_doc_text(d, 0, UI_C_WARN, "! %s", a->conn->notes[i]);
}

void ui_about_draw(ui_app_t *a)
{
	ui_rect_t r = a->r_about;
	ui_doc_t d;
	char title[64];
	int s = ui_nav_step(a);

	if (r.w <= 0)
		return;
	snprintf(title, sizeof title, s ? "About step %d" : "About", s);
	ui_frame(r, title, false);
	ui_doc_init(&d, r.w - 4, 12);
	ui_explain_build(a, &d, false);
	ui_doc_draw(&d, (ui_rect_t){ r.y + 1, r.x + 2, r.h - 2, r.w - 4 }, 0);
	ui_doc_free(&d);
}

void ui_explain_draw(ui_app_t *a, ui_rect_t r)
{
	ui_doc_t d;

	ui_text_put(r.y, r.x, r.w, "No message of its own at this step; what happens in it:", ui_attr(UI_C_DIM));
	ui_doc_init(&d, r.w, 22);
	ui_explain_build(a, &d, true);
	ui_doc_draw(&d, (ui_rect_t){ r.y + 2, r.x, r.h - 2, r.w }, 0);
	ui_doc_free(&d);
}
