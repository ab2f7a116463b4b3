/* steps.h - the nine classic steps of the handshake as one table, and the
 * classifier that gives every message its step and every step its status.
 * The TUI, the text and JSON writers, the lessons and the tests all read
 * this table; nobody keeps a parallel list. */
#ifndef TLSTRACE_STEPS_H
#define TLSTRACE_STEPS_H

#include <stdbool.h>
#include "lang.h"
#include "model.h"

typedef struct {
	int number;              /* 1..9 */
	const char *title;       /* "Client hello" */
	const char *role;        /* what the step is for, one line (DESIGN.md's table) */
	const char *achieves;    /* one sentence: what it achieves, for a beginner */
	int actor;               /* the side that does it: SIDE_CLIENT, SIDE_SERVER, -1 both */
	const char *title_ja, *role_ja, *achieves_ja;   /* the same in Japanese */
} step_info_t;

/* step_info(1) .. step_info(9); NULL outside. */
const step_info_t *step_info(int number);
/* The step's title, role and sentence in l ("?" outside 1..9). */
const char *step_title(int number, lang_t l);
const char *step_role(int number, lang_t l);
const char *step_achieves(int number, lang_t l);
/* Why step s is skipped or failed, in l (the English reason when it has
 * no Japanese one); NULL when there is no reason. */
const char *step_reason(const handshake_t *h, int s, lang_t l);
/* The step status in words, in l ("done", "完了"). */
const char *step_status_text(step_status_t st, lang_t l);
/* The step a message does the job of (DESIGN.md "The nine steps"). */
int steps_of_message(const handshake_t *h, const msg_t *m);
/* Recomputes message steps, the outcome, the failure and the nine
 * statuses from what the handshake holds so far. */
void steps_update(handshake_t *h);

#endif
