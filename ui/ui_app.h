/* ui_app.h - the interface's state, shared by its panes: where the user
 * is (screen, stop, selected message and field, tab, focus), what is
 * being shown (a live run or the connections of a capture), and where
 * each pane was laid out (for mouse clicks).  The trace model is only
 * read through it, never changed. */
#ifndef TLSTRACE_UI_APP_H
#define TLSTRACE_UI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include "live/run.h"
#include "ui.h"
#include "ui_stops.h"

/* What a key handler asks of the loop (tmux/ncdu style: the loop redraws once). */
enum { UI_REDRAW = 1 << 0, UI_RELAYOUT = 1 << 1, UI_QUIT = 1 << 2 };

typedef enum { UI_SCREEN_STEPS, UI_SCREEN_CONNS } ui_screen_t;
typedef enum { UI_PANE_STEPS, UI_PANE_LADDER, UI_PANE_DETAIL, UI_PANE__COUNT } ui_pane_t;
typedef enum { UI_TAB_FIELDS, UI_TAB_BYTES, UI_TAB_SECRETS, UI_TAB_EXPLAIN, UI_TAB__COUNT } ui_tab_t;

#define UI_NO_MSG ((size_t)-1)
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

typedef struct { int y, x, h, w; } ui_rect_t;

/* One row of the connection list: a handshake of a kept connection. */
typedef struct {
	const conn_t *conn;      /* borrowed from ui_app_t.conns */
	const handshake_t *hs;
} ui_row_t;

typedef struct {
	const ui_opts_t *opts;

	/* the source: a live run ... */
	const live_cfg_t *cfg;   /* NULL for a capture */
	liverun_t *run;          /* owned */
	bool run_over;           /* no flight left, or the engine stopped */
	/* ... or a capture's connections */
	conn_t **conns;          /* owned, each freed with conn_free */
	size_t nconns, capconns;
	ui_row_t *rows;          /* owned */
	size_t nrows, row_sel, row_top;
	const char *capture_path;

	/* what the step view shows */
	ui_screen_t screen;
	const conn_t *conn;      /* borrowed */
	const handshake_t *hs;   /* borrowed; NULL before the first message */
	ui_stops_t stops;
	size_t stop;             /* index into stops.v */
	size_t msg_sel;          /* index into hs->msgs, or UI_NO_MSG */
	const field_t *field_sel;/* selected node of the message's tree; NULL: the first */
	const field_t **toggled; /* owned array: nodes opened or closed by hand */
	size_t ntoggled, captoggled;
	ui_tab_t tab;
	ui_pane_t focus;
	int ladder_top, detail_top, help_top;
	bool help;

	/* autoplay */
	bool autoplay;
	bool show_answers;       /* the lesson's answers are revealed (key A) */
	double autoplay_secs;

	/* a one-line message for the status line, until the next key */
	char note[200];
	bool note_bad;

	/* layout, for drawing and for mouse clicks */
	bool too_small;
	ui_rect_t r_title, r_steps, r_ladder, r_detail, r_about, r_status, r_list;
	int tab_x[UI_TAB__COUNT + 1];   /* columns of the tab labels; [n] = end */
	int tab_y;
} ui_app_t;

void ui_app_note(ui_app_t *a, bool bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
