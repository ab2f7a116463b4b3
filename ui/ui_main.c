/* ui_main.c - the way into the interface (ui.h): a started source, shown
 * as a connection list when it has (or may have) several connections,
 * or straight on the steps of its one connection, paused at step 1
 * before the screen is taken over.  Errors that stop us from starting are
 * one line on stderr, and the terminal is never touched for them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui_lang.h"
#include "ui_loop.h"
#include "ui_nav.h"

static void ui_app_init(ui_app_t *a, source_t *src, const ui_opts_t *o)
{
	memset(a, 0, sizeof *a);
	a->src = src;
	a->opts = o;
	a->msg_sel = UI_NO_MSG;
	a->app_sel = UI_NO_MSG;
	a->focus = UI_PANE_LADDER;
	a->tab = UI_TAB_FIELDS;
	a->autoplay = o->autoplay > 0;
	a->autoplay_secs = o->autoplay;
}

static void ui_app_free(ui_app_t *a)
{
	free(a->rows);
	free(a->toggled);
	ui_stops_free(&a->stops);
}

int ui_run(source_t *src, const ui_opts_t *o)
{
	ui_app_t a;
	int rc;

	ui_lang_set(o->lang);
	ui_app_init(&a, src, o);
	if (source_count(src) == 0 && !source_grows(src)) {   /* a growing list may start empty */
		fprintf(stderr, "tlstrace: %s: nothing to show\n", source_label(src));
		return 1;
	}
	a.listed = source_many(src) || source_count(src) > 1;
	if (!a.listed) {
		ui_nav_start(&a, 0);
	} else {
		if (!ui_nav_rows(&a)) {
			fprintf(stderr, "tlstrace: out of memory\n");
			ui_app_free(&a);
			return 1;
		}
		a.screen = UI_SCREEN_CONNS;
		if (a.nrows == 1 && !source_grows(src))
			ui_nav_open(&a, a.rows[0].ci, a.rows[0].hs);
	}
	if (source_warning(src)[0])
		ui_app_note(&a, true, "%s", source_warning(src));
	else if (o->lang_warning)
		ui_app_note(&a, true, "%s", o->lang_warning);
	rc = ui_loop_run(&a);
	ui_app_free(&a);
	return rc;
}
