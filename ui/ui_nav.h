/* ui_nav.h - moving through a handshake: the current stop, n/p, jumping
 * to a step, and (live) running the engine one flight at a time only
 * when the user gets past what has been run.  Also opening a captured
 * handshake and re-running the live one.  Returns UI_* flags. */
#ifndef TLSTRACE_UI_NAV_H
#define TLSTRACE_UI_NAV_H

#include "ui_app.h"

/* Live: starts a run and runs its first flight (step 1).  ERR_OK, or the
 * error with *why, before anything is drawn. */
err_t ui_nav_live_start(ui_app_t *a, char *why, size_t whylen);
/* Live: a new run (new randoms), back at step 1. */
int ui_nav_rerun(ui_app_t *a);
/* Capture: shows handshake h of connection c, at step 1. */
void ui_nav_open(ui_app_t *a, const conn_t *c, const handshake_t *h);

int ui_nav_next(ui_app_t *a);
int ui_nav_prev(ui_app_t *a);
int ui_nav_first(ui_app_t *a);
int ui_nav_last(ui_app_t *a);
/* The first stop of a step; live: runs flights until it exists. */
int ui_nav_goto_step(ui_app_t *a, int step);
int ui_nav_goto_stop(ui_app_t *a, size_t stop);

/* The step of the current stop (0 when there is none). */
int ui_nav_step(const ui_app_t *a);
/* Messages shown at the current stop: [0, n). */
size_t ui_nav_visible(const ui_app_t *a);
/* The step has been reached at or before the current stop. */
bool ui_nav_seen(const ui_app_t *a, int step);
/* No message will be added to the handshake shown. */
bool ui_nav_final(const ui_app_t *a);
/* The selected message, or NULL. */
const msg_t *ui_nav_msg(const ui_app_t *a);
/* Selects message i (UI_NO_MSG: none) and resets the field selection. */
void ui_nav_select_msg(ui_app_t *a, size_t i);

#endif
