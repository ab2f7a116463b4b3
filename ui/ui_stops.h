/* ui_stops.h - where the step-by-step view can stop.  A handshake is shown
 * as its messages in wire order, grouped by step changes: each group is a
 * stop, and n/p move between consecutive stops.  A step that has no
 * message of its own (skipped, or the client's silent certificate check,
 * or application data that is only counted) is a stop too, placed where
 * it happens: before the next message of the side that performs it, so
 * TLS 1.3 reads 1 2 3 4 8 5 6 7 9.  "The state at a stop" is the messages
 * up to the stop's last one: going back re-runs nothing.  Pure data; no
 * curses here. */
#ifndef TLSTRACE_UI_STOPS_H
#define TLSTRACE_UI_STOPS_H

#include <stdbool.h>
#include <stddef.h>
#include "trace/model.h"

typedef struct {
	int step;                /* 1..9 */
	size_t first, end;       /* the group's messages [first, end); first == end: none */
	size_t upto;             /* messages shown at this stop: [0, upto) */
} ui_stop_t;

typedef struct {
	ui_stop_t *v;            /* owned */
	size_t n, cap;
	size_t settled;          /* stops [0, settled) are in their final place */
} ui_stops_t;

/* Rebuilds the stops of h (NULL: none).  final: no message will be added
 * any more; otherwise a message-less stop whose place depends on messages
 * still to come is left out of the settled ones. */
void ui_stops_build(ui_stops_t *s, const handshake_t *h, bool final);
void ui_stops_free(ui_stops_t *s);
/* The stop that is (step, first) again after a rebuild: exact match, else
 * the same step, else the last stop showing at most `upto` messages. */
size_t ui_stops_find(const ui_stops_t *s, int step, size_t first, size_t upto);
/* The first stop of a step among the settled ones, or s->n. */
size_t ui_stops_of_step(const ui_stops_t *s, int step);

#endif
