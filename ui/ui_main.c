/* ui_main.c - the two ways into the interface (ui.h): a live handshake,
 * started and paused at step 1 before the screen is taken over, and a
 * capture, read whole (every connection kept) before the connection list
 * opens.  Errors that stop us from starting are one line on stderr, and
 * the terminal is never touched for them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui_loop.h"
#include "ui_nav.h"

static void ui_app_init(ui_app_t *a, const ui_opts_t *o)
{
	memset(a, 0, sizeof *a);
	a->opts = o;
	a->msg_sel = UI_NO_MSG;
	a->focus = UI_PANE_LADDER;
	a->tab = UI_TAB_FIELDS;
	a->autoplay = o->autoplay > 0;
	a->autoplay_secs = o->autoplay;
}

static void ui_app_free(ui_app_t *a)
{
	size_t i;

	liverun_free(a->run);
	for (i = 0; i < a->nconns; i++)
		conn_free(a->conns[i]);
	free(a->conns);
	free(a->rows);
	free(a->toggled);
	ui_stops_free(&a->stops);
}

int ui_live(const live_cfg_t *cfg, const ui_opts_t *o)
{
	ui_app_t a;
	char why[256] = "";
	err_t e;
	int rc;

	ui_app_init(&a, o);
	a.cfg = cfg;
	a.screen = UI_SCREEN_STEPS;
	e = ui_nav_live_start(&a, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot start the live handshake: %s\n", why[0] ? why : err_str(e));
		ui_app_free(&a);
		live_shutdown();
		return e == ERR_BAD_VALUE || e == ERR_UNSUPPORTED ? 2 : 1;
	}
	rc = ui_loop_run(&a);
	ui_app_free(&a);
	live_shutdown();
	return rc;
}

/* analyze_capture's keep: every finished connection is ours. */
static void ui_keep(void *ctx, conn_t *c)
{
	ui_app_t *a = ctx;

	if (a->nconns == a->capconns) {
		size_t cap = a->capconns ? a->capconns * 2 : 16;
		conn_t **v = realloc(a->conns, cap * sizeof *v);
		if (!v) {
			conn_free(c);
			return;
		}
		a->conns = v;
		a->capconns = cap;
	}
	a->conns[a->nconns++] = c;
}

static int ui_conn_order(const void *x, const void *y)
{
	const conn_t *a = *(conn_t *const *)x, *b = *(conn_t *const *)y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* One row per handshake, connections in capture order. */
static bool ui_rows(ui_app_t *a)
{
	size_t i, k, n = 0;

	qsort(a->conns, a->nconns, sizeof *a->conns, ui_conn_order);
	for (i = 0; i < a->nconns; i++)
		n += a->conns[i]->nhs;
	a->rows = calloc(n ? n : 1, sizeof *a->rows);
	if (!a->rows)
		return false;
	for (i = 0; i < a->nconns; i++)
		for (k = 0; k < a->conns[i]->nhs; k++)
			a->rows[a->nrows++] = (ui_row_t){ a->conns[i], a->conns[i]->hs[k] };
	return true;
}

int ui_capture(const analyze_opts_t *ao, const ui_opts_t *o)
{
	analyze_opts_t opts = *ao;
	analyze_result_t res;
	ui_app_t a;
	char why[256] = "";
	err_t e;
	int rc;

	ui_app_init(&a, o);
	a.capture_path = ao->path;
	a.screen = UI_SCREEN_CONNS;
	opts.emit = NULL;
	opts.keep = ui_keep;
	opts.ctx = &a;
	e = analyze_capture(&opts, &res, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: %s: %s\n", ao->path, why[0] ? why : err_str(e));
		ui_app_free(&a);
		return 1;
	}
	if (!ui_rows(&a)) {
		fprintf(stderr, "tlstrace: out of memory\n");
		ui_app_free(&a);
		return 1;
	}
	if (a.nrows == 0) {
		if (ao->only_connection >= 0)
			fprintf(stderr, "tlstrace: %s: connection %ld is not a TLS connection of this capture\n",
				ao->path, ao->only_connection);
		else
			fprintf(stderr, "tlstrace: %s: no TLS connection found (%llu packets, %llu TCP)\n", ao->path,
				(unsigned long long)res.capture.frames, (unsigned long long)res.capture.tcp_frames);
		ui_app_free(&a);
		return 1;
	}
	if (res.capture.file_truncated)
		ui_app_note(&a, true, "the file ends in the middle of a packet (%s); everything before the cut was decoded",
			    res.capture.file_error[0] ? res.capture.file_error : "truncated");
	if (a.nrows == 1)
		ui_nav_open(&a, a.rows[0].conn, a.rows[0].hs);
	rc = ui_loop_run(&a);
	ui_app_free(&a);
	return rc;
}
