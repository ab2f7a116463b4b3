/* html_int.h - what the two halves of the HTML view share (html.c: the
 * page, the ladder, the steps and the secrets; html_msg.c: one message's
 * bytes and fields): the writer, escaping, and the table of the page's
 * fixed words in English and Japanese.  Internal to src/out/html*.c. */
#ifndef TLSTRACE_HTML_INT_H
#define TLSTRACE_HTML_INT_H

#include <stdbool.h>
#include "html.h"

/* The page's fixed words, one row per word, a column per language. */
typedef enum {
	HW_TITLE, HW_CONNECTION, HW_HANDSHAKE, HW_LADDER, HW_CLIENT, HW_SERVER, HW_STEP, HW_SECRETS,
	HW_FIELDS, HW_BYTES, HW_FRAME, HW_FLIGHT, HW_ENCRYPTED, HW_OUTCOME, HW_FAILED_AT, HW_DETECTED_BY,
	HW_CAUSE, HW_STEPS_ENGLISH, HW_UNKNOWN, HW_LESSON, HW_MADE_BY, HW_NOT_SHOWN, HW_CHOSEN, HW_CHECK,
	HW_AGREES, HW_DIFFERS, HW_NO_TREE, HW_FULL, HW_RESUMED, HW_SOURCE, HW_FIN_CLIENT, HW_FIN_SERVER,
	HW_NOTES, HW__COUNT
} html_word_t;

typedef struct {
	buf_t *out;
	bool failed;
	html_lang_t lang;
} html_t;

void html_printf(html_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text escaped for an element or an attribute value: & < > " ' as
 * entities, bytes that are not UTF-8 or not allowed in XML as U+FFFD;
 * at most max characters (0: all), then an ellipsis.  NULL writes nothing. */
void html_esc(html_t *t, const char *s, size_t max);
const char *html_word(const html_t *t, html_word_t w);
/* One message: its heading, its fields and its bytes. */
void html_message(html_t *t, const conn_t *c, const handshake_t *h, size_t i);

#endif
