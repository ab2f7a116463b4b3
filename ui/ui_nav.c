/* ui_nav.c - the current position and the source's pace (see ui_nav.h).
 * Stepping back shows an earlier state by showing fewer messages; nothing
 * is re-run.  Stepping forward past what the source has produced for the
 * connection shown advances it exactly the flights needed to get there.
 * Also the connection list's rows, rebuilt when the source has more. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui_nav.h"
#include "trace/steps.h"
#include "ui_lang.h"
#include "base/vec.h"

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
	return !a->conn || source_final(a->src, a->ci);
}

/* The connection shown is the source's connection ci, at its current
 * handshake (a source still running it may have replaced either). */
static void ui_nav_follow(ui_app_t *a)
{
	a->conn = source_conn(a->src, a->ci);
	a->hs = a->conn ? conn_current(a->conn) : NULL;
}

bool ui_nav_rows(ui_app_t *a)
{
	size_t n = source_count(a->src), i, k, nrows = 0;

	if (a->rows && n == a->nconns)
		return true;
	for (i = 0; i < n; i++)
		nrows += source_conn(a->src, i)->nhs;
	{
		ui_row_t *v = vec_grow(a->rows, &a->caprows, nrows + 1, sizeof *v);   /* +1: never empty */
		if (!v)
			return false;
		a->rows = v;
	}
	a->nrows = 0;
	for (i = 0; i < n; i++) {
		const conn_t *c = source_conn(a->src, i);
		for (k = 0; k < c->nhs; k++)
			a->rows[a->nrows++] = (ui_row_t){ i, c, c->hs[k] };
	}
	a->nconns = n;
	if (a->row_sel >= a->nrows)
		a->row_sel = a->nrows ? a->nrows - 1 : 0;
	return true;
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

/* Runs the connection shown one more flight.  false when its trace is final. */
static bool ui_nav_flight(ui_app_t *a)
{
	char why[256] = "";
	bool more = false;
	err_t e;

	if (ui_nav_final(a))
		return false;
	e = source_advance(a->src, a->ci, &more, why, sizeof why);
	if (e != ERR_OK)
		ui_app_note(a, true, UI_T("the %s handshake stopped: %s"), source_name(a->src), why[0] ? why : err_str(e));
	ui_nav_follow(a);
	ui_nav_rebuild(a);
	return true;
}

/* Runs flights until stop `want` exists and is settled. */
static void ui_nav_reach(ui_app_t *a, size_t want)
{
	while (a->stops.settled <= want && ui_nav_flight(a))
		;
}

void ui_nav_start(ui_app_t *a, size_t ci)
{
	a->ci = ci;
	ui_nav_follow(a);
	a->screen = UI_SCREEN_STEPS;
	a->ntoggled = 0;
	a->stops.n = a->stops.settled = 0;
	a->stop = 0;
	a->msg_sel = a->app_sel = UI_NO_MSG;
	a->field_sel = NULL;
	ui_nav_rebuild(a);
	ui_nav_reach(a, 0);
	if (a->stops.settled)
		ui_nav_goto_stop(a, 0);
}

int ui_nav_rerun(ui_app_t *a)
{
	char why[256] = "";
	err_t e;

	if (!source_can_rerun(a->src)) {
		ui_app_note(a, false, "%s", UI_T("r runs the live handshake again; a capture cannot be re-run"));
		return UI_REDRAW;
	}
	e = source_rerun(a->src, why, sizeof why);
	if (e != ERR_OK) {
		ui_app_note(a, true, UI_T("cannot run the handshake again: %s"), why[0] ? why : err_str(e));
		return UI_REDRAW;
	}
	/* every connection pointer of the old run is gone */
	a->nconns = 0;
	free(a->rows);
	a->rows = NULL;
	a->nrows = a->caprows = a->row_sel = a->row_top = 0;
	if (a->listed && !ui_nav_rows(a))
		ui_app_note(a, true, "%s", UI_T("out of memory for the connection list"));
	ui_nav_start(a, a->ci < source_count(a->src) ? a->ci : 0);
	ui_app_note(a, false, "%s", UI_T("a new handshake: new randoms, new secrets"));
	return UI_REDRAW;
}

void ui_nav_open(ui_app_t *a, size_t ci, const handshake_t *h)
{
	a->ci = ci;
	a->conn = source_conn(a->src, ci);
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
	if (a->msg_sel != i || a->app_sel != UI_NO_MSG)
		a->detail_top = 0, a->detail_anchor = true;
	a->app_sel = UI_NO_MSG;
	a->msg_sel = i;
	a->field_sel = NULL;
}

void ui_nav_select_app(ui_app_t *a, size_t i)
{
	ui_nav_select_msg(a, UI_NO_MSG);
	a->app_sel = i;
}

bool ui_nav_app_shown(const ui_app_t *a)
{
	const ui_stop_t *s = a->stops.settled ? &a->stops.v[a->stop] : NULL;

	return a->hs && s && s->step == 9 && s->upto == a->hs->nmsgs && a->hs->app && a->hs->app->n;
}

const app_rec_t *ui_nav_app(const ui_app_t *a)
{
	if (a->app_sel == UI_NO_MSG || !ui_nav_app_shown(a) || a->app_sel >= a->hs->app->n)
		return NULL;
	return &a->hs->app->recs[a->app_sel];
}

int ui_nav_goto_stop(ui_app_t *a, size_t stop)
{
	const ui_stop_t *s;

	if (stop >= a->stops.settled)
		return 0;
	a->stop = stop;
	/* step 9 is the last: the source runs its application data now */
	if (a->stops.v[stop].step == 9)
		while (ui_nav_flight(a))
			;
	s = &a->stops.v[a->stop];
	ui_nav_select_msg(a, s->first < s->end ? s->first : UI_NO_MSG);
	/* the step that failed opens on its Alert */
	if (a->hs && a->hs->steps[s->step].status == STEP_FAILED) {
		size_t i;
		for (i = s->first; i < s->end; i++)
			if (a->hs->msgs[i]->type == CT_ALERT)
				ui_nav_select_msg(a, i);
	}
	/* step 9 opens on its first application data record */
	if (ui_nav_app_shown(a))
		ui_nav_select_app(a, 0);
	a->detail_top = 0;
	a->detail_anchor = true;
	return UI_REDRAW;
}

int ui_nav_next(ui_app_t *a)
{
	if (a->stop + 1 >= a->stops.settled)
		ui_nav_reach(a, a->stop + 1);
	if (a->stop + 1 >= a->stops.settled) {
		ui_app_note(a, false, UI_T("this is the last step%s"), a->hs && a->hs->failure.failed ?
			    UI_T(": the handshake failed here") : "");
		return UI_REDRAW;
	}
	return ui_nav_goto_stop(a, a->stop + 1);
}

int ui_nav_prev(ui_app_t *a)
{
	if (a->stop == 0 || !a->stops.settled) {
		ui_app_note(a, false, "%s", UI_T("this is the first step"));
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
		ui_app_note(a, false, UI_T("step %d: %s%s%s"), step, st ? step_status_text(st->status, ui_lang()) :
			    UI_T("not reached"), st && st->reason ? ": " : "", st && st->reason ? step_reason(a->hs, step, ui_lang()) : "");
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
