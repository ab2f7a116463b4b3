/* ui_lang.h - the interface's words in English and Japanese.  The
 * language is chosen once (ui_opts_t.lang) and every word on screen
 * goes through it: the step table, the alert table and the diagnosis
 * carry their own Japanese columns (trace/steps.h, tls/registry.h,
 * failure_t.reason_ja); the key table has a Japanese column; the
 * interface's other words are one catalogue of rows {English, Japanese}
 * (ui_lang.c) looked up by the English text, as gettext does, so the
 * English literal stays in the code where the compiler checks its printf
 * format (format_arg), and the Japanese row keeps the same conversions
 * in the same order (tests/test_ui_lang.c checks both). */
#ifndef TLSTRACE_UI_LANG_H
#define TLSTRACE_UI_LANG_H

#include <stddef.h>
#include "trace/lang.h"

void ui_lang_set(lang_t l);
lang_t ui_lang(void);
/* en in the interface's language: the catalogue's Japanese row when
 * Japanese is chosen and en has one, else en itself. */
const char *ui_tr(const char *en) __attribute__((format_arg(1)));
#define UI_T(s) ui_tr(s)
/* "client", "server" in the interface's language. */
const char *ui_side(int side);

/* The catalogue, for the tests: its rows in order, NULL past the end. */
const char *ui_lang_row(size_t i, lang_t l);

#endif
