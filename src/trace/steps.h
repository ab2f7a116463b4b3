/* steps.h - the nine classic steps of the handshake as one table, and the
 * classifier that gives every message its step and every step its status.
 * The TUI, the text and JSON writers, the lessons and the tests all read
 * this table; nobody keeps a parallel list. */
#ifndef TLSTRACE_STEPS_H
#define TLSTRACE_STEPS_H

#include <stdbool.h>
#include "model.h"

typedef struct {
	int number;              /* 1..9 */
	const char *title;       /* "Client hello" */
	const char *role;        /* what the step is for, one line (DESIGN.md's table) */
	const char *achieves;    /* one sentence: what it achieves, for a beginner */
	int actor;               /* the side that does it: SIDE_CLIENT, SIDE_SERVER, -1 both */
} step_info_t;

/* step_info(1) .. step_info(9); NULL outside. */
const step_info_t *step_info(int number);
/* The step a message does the job of (DESIGN.md "The nine steps"). */
int steps_of_message(const handshake_t *h, const msg_t *m);
/* Recomputes message steps, the outcome, the failure and the nine
 * statuses from what the handshake holds so far. */
void steps_update(handshake_t *h);

#endif
