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

#endif
