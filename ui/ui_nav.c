/* ui_nav.c - the current position and the live engine's pace (see
 * ui_nav.h).  Stepping back shows an earlier state by showing fewer
 * messages; nothing is re-run.  Stepping forward past what the live run
 * has produced runs exactly the flights needed to get there. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "ui_nav.h"

void ui_app_note(ui_app_t *a, bool bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->note, sizeof a->note, fmt, ap);
	va_end(ap);
	a->note_bad = bad;
}

bool ui_nav_final(const ui_app_t *a)
{
	return !a->cfg || a->run_over;
}

/* The stops were rebuilt: find the current one again. */
static void ui_nav_rebuild(ui_app_t *a)
{
	int step = 0;
	size_t first = 0, upto = 0;
	bool had = a->stops.n > 0;

	if (had) {
		step = a->stops.v[a->stop].step;
		first = a->stops.v[a->stop].first;
		upto = a->stops.v[a->stop].upto;
	}
	if (a->cfg) {
		a->conn = a->run ? a->run->conn : NULL;
		a->hs = a->conn ? conn_current(a->conn) : NULL;
	}
	ui_stops_build(&a->stops, a->hs, ui_nav_final(a));
	if (!a->stops.settled) {
		a->stop = 0;
		return;
	}
	if (had) {
		a->stop = ui_stops_find(&a->stops, step, first, upto);
	} else {
		a->stop = 0;
		ui_nav_select_msg(a, a->stops.v[0].first < a->stops.v[0].end ? a->stops.v[0].first : UI_NO_MSG);
	}
}

/* Live: runs one more flight.  false when the run is over. */
static bool ui_nav_flight(ui_app_t *a)
{
	bool more = false;
	err_t e;

	if (ui_nav_final(a) || !a->run)
		return false;
	e = liverun_step(a->run, &more);
	if (e != ERR_OK) {
		const char *why = live_error_text(a->run->live);
		ui_app_note(a, true, "the live handshake stopped: %s", why && why[0] ? why : err_str(e));
		more = false;
	}
	if (!more)
		a->run_over = true;
	ui_nav_rebuild(a);
	return true;
}

/* Live: runs flights until stop `want` exists and is settled. */
static void ui_nav_reach(ui_app_t *a, size_t want)
{
	while (a->stops.settled <= want && ui_nav_flight(a))
		;
}

err_t ui_nav_live_start(ui_app_t *a, char *why, size_t whylen)
{
	liverun_t *r = NULL;
	err_t e = liverun_new(a->cfg, &r, why, whylen);

	if (e != ERR_OK)
		return e;
	liverun_free(a->run);
	a->run = r;
	a->run_over = false;
	a->ntoggled = 0;
	a->stops.n = a->stops.settled = 0;
	a->stop = 0;
	a->msg_sel = UI_NO_MSG;
	a->field_sel = NULL;
	ui_nav_rebuild(a);
	ui_nav_reach(a, 0);
	if (a->stops.settled)
		ui_nav_goto_stop(a, 0);
	return ERR_OK;
}

int ui_nav_rerun(ui_app_t *a)
{
	char why[256] = "";
	err_t e;

	if (!a->cfg) {
		ui_app_note(a, false, "r runs the live handshake again; a capture cannot be re-run");
		return UI_REDRAW;
	}
	e = ui_nav_live_start(a, why, sizeof why);
	if (e != ERR_OK)
		ui_app_note(a, true, "cannot run the handshake again: %s", why[0] ? why : err_str(e));
	else
		ui_app_note(a, false, "a new handshake: new randoms, new secrets");
	return UI_REDRAW;
}

void ui_nav_open(ui_app_t *a, const conn_t *c, const handshake_t *h)
{
	a->conn = c;
	a->hs = h;
	a->ntoggled = 0;
	a->stops.n = a->stops.settled = 0;
	a->stop = 0;
	a->ladder_top = 0;
	ui_nav_rebuild(a);
	if (a->stops.settled)
		ui_nav_goto_stop(a, 0);
	else
		ui_nav_select_msg(a, UI_NO_MSG);
	a->screen = UI_SCREEN_STEPS;
}

void ui_nav_select_msg(ui_app_t *a, size_t i)
{
	if (a->msg_sel != i)
		a->detail_top = 0;
	a->msg_sel = i;
	a->field_sel = NULL;
}

int ui_nav_goto_stop(ui_app_t *a, size_t stop)
{
	const ui_stop_t *s;

	if (stop >= a->stops.settled)
		return 0;
	a->stop = stop;
	s = &a->stops.v[stop];
	ui_nav_select_msg(a, s->first < s->end ? s->first : UI_NO_MSG);
	a->detail_top = 0;
	return UI_REDRAW;
}

int ui_nav_next(ui_app_t *a)
{
	if (a->stop + 1 >= a->stops.settled)
		ui_nav_reach(a, a->stop + 1);
	if (a->stop + 1 >= a->stops.settled) {
		ui_app_note(a, false, "this is the last step%s", a->hs && a->hs->failure.failed ?
			    ": the handshake failed here" : "");
		return UI_REDRAW;
	}
	return ui_nav_goto_stop(a, a->stop + 1);
}

int ui_nav_prev(ui_app_t *a)
{
	if (a->stop == 0 || !a->stops.settled) {
		ui_app_note(a, false, "this is the first step");
		return UI_REDRAW;
	}
	return ui_nav_goto_stop(a, a->stop - 1);
}

int ui_nav_first(ui_app_t *a)
{
	return ui_nav_goto_stop(a, 0);
}

int ui_nav_last(ui_app_t *a)
{
	while (ui_nav_flight(a))
		;
	return a->stops.settled ? ui_nav_goto_stop(a, a->stops.settled - 1) : UI_REDRAW;
}

int ui_nav_goto_step(ui_app_t *a, int step)
{
	size_t i = ui_stops_of_step(&a->stops, step);

	while (i >= a->stops.settled && ui_nav_flight(a))
		i = ui_stops_of_step(&a->stops, step);
	if (i >= a->stops.settled) {
		const step_state_t *st = a->hs ? &a->hs->steps[step] : NULL;
		ui_app_note(a, false, "step %d: %s%s%s", step, st ? step_status_name(st->status) : "not reached",
			    st && st->reason ? ": " : "", st && st->reason ? st->reason : "");
		return UI_REDRAW;
	}
	return ui_nav_goto_stop(a, i);
}

int ui_nav_step(const ui_app_t *a)
{
	return a->stops.settled ? a->stops.v[a->stop].step : 0;
}

size_t ui_nav_visible(const ui_app_t *a)
{
	return a->stops.settled ? a->stops.v[a->stop].upto : 0;
}

bool ui_nav_seen(const ui_app_t *a, int step)
{
	size_t i;

	if (!a->stops.settled)
		return false;
	for (i = 0; i <= a->stop; i++)
		if (a->stops.v[i].step == step)
			return true;
	return false;
}

const msg_t *ui_nav_msg(const ui_app_t *a)
{
	if (!a->hs || a->msg_sel == UI_NO_MSG || a->msg_sel >= a->hs->nmsgs)
		return NULL;
	return a->hs->msgs[a->msg_sel];
}
