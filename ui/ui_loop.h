/* ui_loop.h - the terminal and the main loop: curses started and always
 * restored (normal exit, error, Ctrl-C, SIGTERM), layout on every resize,
 * one redraw per change, autoplay by input timeout. */
#ifndef TLSTRACE_UI_LOOP_H
#define TLSTRACE_UI_LOOP_H

#include "ui_app.h"

/* Takes over the terminal, runs until quit, gives the terminal back.
 * Returns the exit status: 0 on q, 130 on Ctrl-C / SIGINT, 1 if the
 * terminal could not be used. */
int ui_loop_run(ui_app_t *a);

/* For a screen with a loop of its own (the compare view): takes over the
 * terminal (false, with the message printed, when it cannot), gives it
 * back; the signal that asked to stop since the start, 0 for none. */
bool ui_loop_term_start(bool no_color);
void ui_loop_term_stop(void);
int ui_loop_signalled(void);

#endif
