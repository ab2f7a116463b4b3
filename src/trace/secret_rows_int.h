/* secret_rows_int.h - inside the secret rows module: the helpers the
 * builder (secret_rows_build.c) appends rows with.  Not for views. */
#ifndef TLSTRACE_SECRET_ROWS_INT_H
#define TLSTRACE_SECRET_ROWS_INT_H

#include "secret_rows.h"

/* Appends the row of kind k with the table's id, label, sentence, group,
 * step, side and flags (a scratch row, and l->truncated, when full). */
srow_t *srow_put(srow_list_t *l, srow_kind_t k);
/* The same with bytes (n == 0: no value). */
srow_t *srow_bytes(srow_list_t *l, srow_kind_t k, const uint8_t *p, size_t n);
/* Text kept in the list's pool. */
const char *srow_cat(srow_list_t *l, ...) __attribute__((sentinel));
const char *srow_printf(srow_list_t *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
