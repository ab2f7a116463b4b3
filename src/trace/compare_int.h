/* compare_int.h - inside the comparison (compare.c, compare_side.c): one
 * side's items for a field, in words, before the two sides are aligned.
 * Not for other modules. */
#ifndef TLSTRACE_COMPARE_INT_H
#define TLSTRACE_COMPARE_INT_H

#include "compare.h"
#include "secret_rows.h"

typedef struct {
	cmp_t *c;                /* the comparison: its arena holds the items */
	const handshake_t *h;
	const srow_list_t *rows; /* h's secret rows */
	const char **v;          /* in the arena */
	size_t n;
	bool na;                 /* the field does not apply to this handshake (its version has none) */
	bool nomem;
} cmp_side_t;

/* Adds an item (out of memory: s->nomem). */
void cmp_item(cmp_side_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fills s with h's items for field f at step (the per-step fields). */
void cmp_side(cmp_side_t *s, cmp_field_t f, int step);

#endif
