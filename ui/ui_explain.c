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
#include "ui_lang.h"
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
	ui_doc_head(d, UI_C_HEAD, "%s", a->opts->lesson_title ? a->opts->lesson_title : UI_T("Lesson"));
	ui_doc_text(d, 0, UI_C_NORMAL, "%s", text);
	if (step != STEP_COUNT || !a->show_answers || !a->opts->lesson_answers)
		return;
	text = a->opts->lesson_answers(a->opts->lesson_ctx, a->hs);
	if (!text || !text[0])
		return;
	ui_doc_blank(d);
	ui_doc_head(d, UI_C_HEAD, "%s", a->opts->lesson_answers_title ? a->opts->lesson_answers_title : UI_T("Answers"));
	ui_doc_text(d, 0, UI_C_NORMAL, "%s", text);
}

/* The alert the RFC prescribes for this failure beside the one the
 * detecting side's implementation sent: the wire shows a choice made by
 * an implementation, not necessarily the text's. */
static void ui_explain_rfc_alert(const failure_t *f, ui_doc_t *d)
{
	const alert_info_t *want = f->rfc_alert >= 0 ? alert_find((uint8_t)f->rfc_alert) : NULL;
	const alert_info_t *sent = f->alert >= 0 ? alert_find((uint8_t)f->alert) : NULL;
	const char *who = ui_side(f->sender);

	if (!f->rfc_says)
		return;
	if (!want)
		ui_doc_text(d, 2, UI_C_DIM, UI_T("the RFC: %s; the %s's implementation sent %s"), f->rfc_says, who,
			    sent ? sent->name : UI_T("no alert"));
	else if (f->alert == f->rfc_alert)
		ui_doc_text(d, 2, UI_C_DIM, UI_T("the RFC prescribes %s here (%s); the %s's implementation sent it"),
			    want->name, f->rfc_says, who);
	else if (sent)
		ui_doc_text(d, 2, UI_C_WARN, UI_T("the RFC prescribes %s here (%s); the %s's implementation chose %s "
			    "instead"), want->name, f->rfc_says, who, sent->name);
	else
		ui_doc_text(d, 2, UI_C_WARN, UI_T("the RFC prescribes %s here (%s); no alert from the %s was seen"),
			    want->name, f->rfc_says, who);
}

void ui_explain_failure(const ui_app_t *a, ui_doc_t *d, int step)
{
	const failure_t *f = &a->hs->failure;
	size_t i;
	bool ja = ui_lang() == LANG_JA;
	const char *reason = f->reason ? lang_pick(ui_lang(), f->reason, f->reason_ja) : UI_T("no reason given");
	/* the Japanese causes when the diagnosis worded them all */
	char *const *causes = ja && f->ncauses_ja == f->ncauses ? f->causes_ja : f->causes;

	if (!f->failed || f->step != step)
		return;
	ui_doc_blank(d);
	ui_doc_text(d, 0, UI_C_FAIL, UI_T("%s The handshake failed here, detected by the %s: %s"), ui_glyph(UI_G_FAIL),
		    ui_side(f->sender), reason);
	if (f->alert >= 0) {
		const alert_info_t *ai = alert_find((uint8_t)f->alert);
		ui_doc_text(d, 2, UI_C_FAIL, UI_T("alert %s (%d)%s%s"), ai ? ai->name : UI_T("unknown"), f->alert,
			    ai ? ": " : "", ai ? lang_pick(ui_lang(), ai->explain, ai->explain_ja) : "");
	}
	ui_explain_rfc_alert(f, d);
	for (i = 0; i < f->ncauses; i++)
		ui_doc_text(d, 2, UI_C_WARN, UI_T("possible cause: %s"), causes[i]);
}

void ui_explain_build(const ui_app_t *a, ui_doc_t *d, bool full)
{
	int s = ui_nav_step(a);
	const step_info_t *si = step_info(s);
	const handshake_t *h = a->hs;
	const step_state_t *st;
	size_t i;

	if (!si || !h) {
		ui_doc_text(d, 0, UI_C_DIM, "%s", UI_T("Nothing to explain yet."));
		return;
	}
	st = &h->steps[s];
	if (full)
		ui_doc_head(d, UI_C_HEAD, UI_T("Step %d: %s"), s, step_title(s, ui_lang()));
	ui_doc_text(d, 0, UI_C_NORMAL, "%s", step_achieves(s, ui_lang()));
	/* step 5: what the client checked, before anything else */
	if (s == 5 && full)
		ui_step5_build(a, d);
	if (full) {
		ui_doc_blank(d);
		ui_doc_kv(d, UI_T("what it is for"), UI_C_NORMAL, "%s", step_role(s, ui_lang()));
		ui_doc_kv(d, UI_T("status"), st->status == STEP_FAILED ? UI_C_FAIL : st->status == STEP_DONE ? UI_C_OK : UI_C_DIM,
			  "%s", step_status_text(st->status, ui_lang()));
	}
	if (st->reason && st->status != STEP_FAILED) {
		if (full)
			ui_doc_kv(d, UI_T("why"), UI_C_NORMAL, "%s", step_reason(h, s, ui_lang()));
		else
			ui_doc_text(d, 0, UI_C_DIM, UI_T("(%s)"), step_reason(h, s, ui_lang()));
	}
	ui_explain_failure(a, d, s);
	if (s == 5 && !full && h->cert_checked && h->cert_status)
		ui_doc_text(d, 0, h->cert_status ? UI_C_FAIL : UI_C_OK, UI_T("GnuTLS's check of the server certificate: %s"),
			    h->cert_verdict ? h->cert_verdict : h->cert_status ? UI_T("not trusted") : UI_T("trusted"));
	if (full && a->stops.settled) {
		const ui_stop_t *stop = &a->stops.v[a->stop];
		if (stop->first < stop->end) {
			ui_doc_blank(d);
			ui_doc_head(d, UI_C_NORMAL, "%s", UI_T("On the wire at this step:"));
			for (i = stop->first; i < stop->end; i++)
				ui_doc_text(d, 2, h->msgs[i]->sender == SIDE_CLIENT ? UI_C_CLIENT : UI_C_SERVER, "%s %s %s",
					    ui_side(h->msgs[i]->sender), ui_glyph(UI_G_TO), msg_type_name(h->msgs[i]));
		}
		if (h->client_error && st->status == STEP_FAILED)
			ui_doc_kv(d, UI_T("GnuTLS client"), UI_C_FAIL, "%s", h->client_error);
		if (h->server_error && st->status == STEP_FAILED)
			ui_doc_kv(d, UI_T("GnuTLS server"), UI_C_FAIL, "%s", h->server_error);
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
	snprintf(title, sizeof title, s ? UI_T("About step %d") : UI_T("About"), s);
	ui_frame(r, title, false);
	ui_doc_init(&d, r.w - 4, 12);
	ui_explain_build(a, &d, false);
	ui_doc_draw(&d, (ui_rect_t){ r.y + 1, r.x + 2, r.h - 2, r.w - 4 }, 0);
	ui_doc_free(&d);
}

void ui_explain_draw(ui_app_t *a, ui_rect_t r)
{
	ui_doc_t d;

	ui_text_put(r.y, r.x, r.w, UI_T("No message of its own at this step; what happens in it:"), ui_attr(UI_C_DIM));
	ui_doc_init(&d, r.w, 22);
	ui_explain_build(a, &d, true);
	ui_doc_draw(&d, (ui_rect_t){ r.y + 2, r.x, r.h - 2, r.w }, 0);
	ui_doc_free(&d);
}
