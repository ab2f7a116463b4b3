/* ui_app.h - the interface's state, shared by its panes: where the user
 * is (screen, stop, selected message and field, tab, focus), what is
 * being shown (a source's connections, one of them opened), and where
 * each pane was laid out (for mouse clicks).  The trace model is only
 * read through it, never changed. */
#ifndef TLSTRACE_UI_APP_H
#define TLSTRACE_UI_APP_H

#include <stdbool.h>
#include <stddef.h>
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

/* One row of the connection list: a handshake of one of the source's connections. */
typedef struct {
	size_t ci;               /* the connection's index in the source */
	const conn_t *conn;      /* borrowed from the source */
	const handshake_t *hs;
} ui_row_t;

typedef struct {
	const ui_opts_t *opts;

	/* where the connections come from, and their list */
	source_t *src;           /* borrowed from ui_run's caller */
	bool listed;             /* there is a connection list (several connections, or may be) */
	size_t nconns;           /* connections in the rows (rows are rebuilt when the source has more) */
	ui_row_t *rows;          /* owned */
	size_t nrows, caprows, row_sel, row_top;

	/* what the step view shows */
	ui_screen_t screen;
	size_t ci;               /* index in the source of the connection shown */
	const conn_t *conn;      /* borrowed from the source */
	const handshake_t *hs;   /* borrowed; NULL before the first message */
	ui_stops_t stops;
	size_t stop;             /* index into stops.v */
	size_t msg_sel;          /* index into hs->msgs, or UI_NO_MSG */
	size_t app_sel;          /* index into hs->app->recs (step 9), or UI_NO_MSG */
	const field_t *field_sel;/* selected node of the message's tree; NULL: the first */
	const field_t *field_reveal;  /* a node just opened: its rows are scrolled into view */
	const field_t **toggled; /* owned array: nodes opened or closed by hand */
	size_t ntoggled, captoggled;
	ui_tab_t tab;
	bool bytes_wire;         /* the Bytes tab shows the record as on the wire (key w) */
	ui_pane_t focus;
	int ladder_top, detail_top, help_top;
	bool detail_anchor;      /* detail_top was reset: the Secrets tab opens at the current step's rows */
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
