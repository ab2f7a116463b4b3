/* ui_loop.c - terminal setup and restore, layout, the main loop (see
 * ui_loop.h).  Signals only set a flag; KEY_RESIZE comes through get_wch
 * like any key, and all work happens here, in the loop. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/wrap.h"
#include "ui_color.h"
#include "ui_loop.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_text.h"

static volatile sig_atomic_t ui_signalled;
static SCREEN *ui_screen;
static bool ui_atexit_set;

static void ui_on_signal(int sig)
{
	ui_signalled = sig;
}

/* Whatever happens, the terminal is given back. */
static void ui_restore(void)
{
	if (ui_screen && !isendwin())
		endwin();
}

static struct sigaction ui_old_int, ui_old_term, ui_old_hup;

static void ui_signals(bool on)
{
	struct sigaction sa;

	if (on) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = ui_on_signal;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0;   /* no SA_RESTART: a blocked read returns at once */
		sigaction(SIGINT, &sa, &ui_old_int);
		sigaction(SIGTERM, &sa, &ui_old_term);
		sigaction(SIGHUP, &sa, &ui_old_hup);
	} else {
		sigaction(SIGINT, &ui_old_int, NULL);
		sigaction(SIGTERM, &ui_old_term, NULL);
		sigaction(SIGHUP, &ui_old_hup, NULL);
	}
}

static bool ui_start(bool no_color)
{
	wrap_locale_init();   /* main() did it too: a UTF-8 LC_CTYPE for wide characters */
	ui_text_init();
	ui_signals(true);    /* before curses, so that it keeps our handlers */
	ui_screen = newterm(NULL, stdout, stdin);
	if (!ui_screen) {
		ui_signals(false);
		fprintf(stderr, "tlstrace: cannot use this terminal (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "unset");
		return false;
	}
	if (!ui_atexit_set) {
		atexit(ui_restore);
		ui_atexit_set = true;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	ui_color_init(no_color);
	return true;
}

static void ui_stop(void)
{
	if (ui_screen) {
		endwin();
		delscreen(ui_screen);
		ui_screen = NULL;
	}
	ui_signals(false);
}

static void ui_layout(ui_app_t *a)
{
	int W = COLS, H = LINES, top, left, about;

	a->too_small = W < UI_MIN_COLS || H < UI_MIN_LINES;
	a->r_title = (ui_rect_t){ 0, 0, 1, W };
	a->r_status = (ui_rect_t){ H - 1, 0, 1, W };
	a->r_list = (ui_rect_t){ 1, 0, H - 2, W };
	/* steps | ladder on top; the detail pane (and the About box when
	 * there is room) below */
	/* the step list as wide as its titles from 100 columns on; the ladder
	 * as tall as its rows (up to half the screen), the rest below */
	left = W >= 100 ? ui_steps_width() : 37;
	if (left > W / 2)
		left = W / 2;
	top = 2 + STEP_COUNT;
	if (H >= 34)
		top = H * 2 / 5;
	if (ui_ladder_want(a) > top)
		top = ui_ladder_want(a) < H / 2 ? ui_ladder_want(a) : H / 2;
	a->r_steps = (ui_rect_t){ 1, 0, STEP_COUNT + 2, left };
	a->r_ladder = (ui_rect_t){ 1, left, top, W - left };
	/* the About box takes what the detail pane can spare beyond 90 columns */
	about = W >= 116 ? (W - 90 > 50 ? 50 : W - 90) : 0;
	a->r_detail = (ui_rect_t){ 1 + top, 0, H - 2 - top, W - about };
	a->r_about = (ui_rect_t){ 1 + top, W - about, H - 2 - top, about };
	a->r_steps.h = top;   /* level with the ladder; the room left holds the legend */
}

static void ui_draw(ui_app_t *a)
{
	ui_layout(a);   /* the panes follow their content */
	erase();
	if (a->too_small) {
		char msg[80];
		snprintf(msg, sizeof msg, "terminal too small (need %dx%d)", UI_MIN_COLS, UI_MIN_LINES);
		ui_text_put(LINES / 2 - 1 > 0 ? LINES / 2 - 1 : 0, 1, COLS - 2, msg, A_BOLD);
		snprintf(msg, sizeof msg, "now %dx%d; q quits", COLS, LINES);
		ui_text_put(LINES / 2 > 0 ? LINES / 2 : 0, 1, COLS - 2, msg, A_NORMAL);
		refresh();
		return;
	}
	ui_title_draw(a);
	if (a->screen == UI_SCREEN_CONNS) {
		ui_conns_draw(a);
	} else {
		ui_steps_draw(a);
		ui_ladder_draw(a);
		ui_detail_draw(a);
		ui_about_draw(a);
	}
	if (a->help)
		ui_help_draw(a);
	ui_hints_draw(a);
	refresh();
}

static double ui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A source whose connections appear over time: takes in the new ones (the
 * list grows while shown; a second connection opens the list).  true
 * when the screen must be drawn again. */
static bool ui_loop_poll(ui_app_t *a)
{
	char why[256] = "";
	size_t added = 0;

	if (source_poll(a->src, &added, why, sizeof why) != ERR_OK) {
		ui_app_note(a, true, "%s", why[0] ? why : "the source stopped");
		return true;
	}
	if (source_count(a->src) > 1)
		a->listed = true;
	return added > 0;
}

int ui_loop_run(ui_app_t *a)
{
	double last = ui_now();
	int rc = 0;

	if (!ui_start(a->opts->no_color))
		return 1;
	ui_signalled = 0;
	ui_layout(a);
	ui_draw(a);
	for (;;) {
		wint_t wc = 0;
		int r, key, flags = 0;

		if (ui_signalled) {
			rc = ui_signalled == SIGINT ? 130 : 128 + (int)ui_signalled;
			break;
		}
		if (a->autoplay) {
			double wait = a->autoplay_secs - (ui_now() - last);
			timeout(wait > 0 ? (int)(wait * 1000) + 1 : 0);
		} else {
			/* a signal is noticed within a second at worst; new connections sooner */
			timeout(source_grows(a->src) ? 200 : 1000);
		}
		r = get_wch(&wc);
		if (r == ERR && source_grows(a->src) && ui_loop_poll(a))
			ui_draw(a);
		if (r == ERR) {
			if (a->autoplay && !a->too_small && !a->help && a->screen == UI_SCREEN_STEPS &&
			    ui_now() - last >= a->autoplay_secs) {
				size_t before = a->stop;
				last = ui_now();
				ui_nav_next(a);
				a->note[0] = '\0';
				if (a->stop == before) {
					a->autoplay = false;
					ui_app_note(a, false, "autoplay: the end of the handshake");
				}
				ui_draw(a);
			}
			continue;
		}
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui_layout(a);
			ui_draw(a);
			continue;
		}
		key = r == KEY_CODE_YES ? UI_FN(wc) : UI_CH(wc);
		a->note[0] = '\0';
		if (a->autoplay && key != UI_CH('q') && key != UI_FN(KEY_MOUSE)) {
			/* any key pauses; it does nothing else */
			a->autoplay = false;
			ui_app_note(a, false, "autoplay paused (a resumes)");
			ui_draw(a);
			continue;
		}
		a->autoplay = false;
		flags = ui_keys_dispatch(a, key);
		if (a->autoplay)
			last = ui_now();   /* just turned on: the first step comes after a full pause */
		if (flags & UI_QUIT)
			break;
		if (flags & UI_RELAYOUT)
			ui_layout(a);
		ui_draw(a);
	}
	ui_stop();
	return rc;
}

/* The terminal for another screen (ui_compare.c): the same setup and the
 * same restore. */
bool ui_loop_term_start(bool no_color)
{
	ui_signalled = 0;
	return ui_start(no_color);
}

void ui_loop_term_stop(void)
{
	ui_stop();
}

int ui_loop_signalled(void)
{
	return (int)ui_signalled;
}
