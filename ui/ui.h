/* ui.h - the interactive interface (ncursesw).  It reads the trace model
 * and never parses wire data or computes crypto: a source (source.h: the
 * live run, a capture file) builds the model, the interface renders it
 * and asks the source for more, never reaching past that interface. */
#ifndef TLSTRACE_UI_H
#define TLSTRACE_UI_H

#include <stdbool.h>
#include "source/source.h"
#include "trace/compare.h"

/* Lesson text for a step, shown beside the step (the "About" box) and in
 * the Explain tab: UTF-8, any language; the interface wraps it by display
 * width (Japanese included) and breaks paragraphs at '\n'.  Called at
 * every redraw for the current step; return NULL when the lesson has
 * nothing to say.  The string must stay valid until the next call. */
typedef const char *(*ui_lesson_fn)(void *ctx, const handshake_t *h, int step);
/* The answers to the lesson's questions, revealed at step 9 on request. */
typedef const char *(*ui_lesson_answers_fn)(void *ctx, const handshake_t *h);

typedef struct {
	bool no_color;           /* --no-color (NO_COLOR in the environment also counts) */
	double autoplay;         /* --autoplay SECONDS; 0 = off */
	ui_lesson_fn lesson;     /* per-step lesson text, NULL for none */
	void *lesson_ctx;        /* handed to lesson */
	const char *lesson_title;/* shown above the lesson text, NULL for "Lesson" */
	ui_lesson_answers_fn lesson_answers; /* NULL when there are no answers to reveal */
	const char *lesson_answers_title;    /* heading above them, NULL for "Answers" */
} ui_opts_t;

/* Shows a started source (source_start done, by the command that made
 * it; it stays the caller's to free).  A source that may have several
 * connections, or has, opens on their list (straight on the steps when a
 * capture holds one handshake); one of one connection opens on its steps,
 * paused at step 1, and runs the next flight only when the user gets
 * there.  Returns the exit status (0 on a normal quit). */
int ui_run(source_t *src, const ui_opts_t *o);

/* Shows two handshakes side by side (compare A B): the comparison c,
 * step by step, each side under its label (as given on the command
 * line); the differences marked.  Returns the exit status. */
int ui_compare(const cmp_t *c, const char *label_a, const char *label_b, const ui_opts_t *o);

#endif
