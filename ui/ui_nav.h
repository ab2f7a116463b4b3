/* ui_nav.h - moving through a handshake: the current stop, n/p, jumping
 * to a step, and advancing the source one flight at a time only when the
 * user gets past what it has produced.  Also opening a handshake from the
 * connection list, and re-running the source.  Returns UI_* flags. */
#ifndef TLSTRACE_UI_NAV_H
#define TLSTRACE_UI_NAV_H

#include "ui_app.h"

/* Shows connection ci of the source at its current handshake, advancing
 * it until step 1 can be shown (the step view, live). */
void ui_nav_start(ui_app_t *a, size_t ci);
/* A new run of the source (new randoms), back at step 1; when the source
 * cannot be re-run, says so. */
int ui_nav_rerun(ui_app_t *a);
/* Shows handshake h of the source's connection ci, at step 1. */
void ui_nav_open(ui_app_t *a, size_t ci, const handshake_t *h);
/* The connection list's rows, rebuilt when the source has yielded more
 * connections since.  false: out of memory (the old rows stay). */
bool ui_nav_rows(ui_app_t *a);

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
/* Selects application data record i of the handshake (step 9). */
void ui_nav_select_app(ui_app_t *a, size_t i);
/* The selected application data record, or NULL. */
const app_rec_t *ui_nav_app(const ui_app_t *a);
/* The step-9 stop shows the application data records (the handshake's last stop). */
bool ui_nav_app_shown(const ui_app_t *a);

#endif
