/* strfmt.h - printf into freshly allocated strings, and lists of them:
 * the one place the notes, field values and reasons are formatted. */
#ifndef TLSTRACE_STRFMT_H
#define TLSTRACE_STRFMT_H

#include <stdarg.h>
#include <stddef.h>
#include "bytes.h"

/* A malloc'd string (the caller frees it), or NULL when out of memory. */
char *str_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Appends printf-formatted text to b (no NUL kept); ERR_NOMEM when b
 * cannot grow. */
err_t buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
err_t buf_vprintf(buf_t *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s (owned) to *list of *n; frees s if the list cannot grow. */
void str_list_push(char ***list, size_t *n, char *s);
void str_list_free(char **list, size_t n);

#endif
