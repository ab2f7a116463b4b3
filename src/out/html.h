/* html.h - one handshake as a self-contained XHTML5 page, for a handout
 * or a web page: the ladder of messages drawn as inline SVG, each step
 * with its explanation (the step table) and, for a lesson, the lesson's
 * text, every message with its bytes annotated field by field (a hex dump
 * coloured by field span beside the field tree), the secret rows of each
 * step, and the outcome.  Inline CSS, no script, no resource fetched from
 * anywhere: it opens without a network and prints whole (@media print).
 * Everything from the trace is escaped.  The view writes into a buf_t; it
 * never prints, never opens a file and never computes a secret. */
#ifndef TLSTRACE_HTML_H
#define TLSTRACE_HTML_H

#include "base/bytes.h"
#include "trace/model.h"

typedef enum { HTML_EN, HTML_JA } html_lang_t;

/* A lesson's text for one step (the signature of ui_lesson_fn); NULL
 * when it says nothing there. */
typedef const char *(*html_step_text_fn)(void *ctx, const handshake_t *h, int step);

typedef struct {
	html_lang_t lang;        /* the page's words: its own, the step table's and the diagnosis's */
	const char *title;       /* borrowed: the heading (a lesson's title), NULL for the default */
	const char *origin;      /* borrowed: where it comes from (a capture's path), NULL for none */
	html_step_text_fn step_text;  /* a lesson's text per step, NULL for none */
	void *ctx;               /* step_text's */
} html_opts_t;

/* Appends the whole page for handshake h of c to out. */
err_t html_handshake(buf_t *out, const conn_t *c, const handshake_t *h, const html_opts_t *o) WUR;

#endif
