/* cmd_lesson.h - the `lessons` and `lesson` commands: command-line code
 * like main.c (they print and choose exit statuses); the lesson module
 * itself (src/lesson/) never prints. */
#ifndef TLSTRACE_CMD_LESSON_H
#define TLSTRACE_CMD_LESSON_H

#include "ui/ui.h"

/* How a lesson opens the interactive interface on its live source:
 * ui_run, passed in by main.c (the test runner links the engine without
 * the interface). */
typedef int (*cmd_lesson_ui_fn)(source_t *src, const ui_opts_t *o);

/* tlstrace lessons [--lang en|ja]: argv[1] is "lessons".  usage: the
 * usage text printed after a usage error (exit status 2). */
int cmd_lessons(int argc, char **argv, const char *usage);
/* tlstrace lesson NAME [--lang en|ja] [--text] [--answers] [--no-color]
 * [--autoplay SECONDS]: argv[1] is "lesson". */
int cmd_lesson(int argc, char **argv, const char *usage, cmd_lesson_ui_fn ui);

#endif
