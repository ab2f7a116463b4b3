/* vec.h - growing an array: one overflow-checked doubling policy for every
 * list in the tree that grows as it is filled.
 *
 * A list is a pointer, a count and (usually) a capacity kept by its owner;
 * these functions only compute and allocate the bigger block, so the
 * owner's struct stays plain.  The capacity starts at VEC_FIRST_BYTES worth
 * of elements (at least one) and doubles; a size or count whose product
 * would overflow size_t is refused instead of wrapping.  On failure nothing
 * changes: the old block and the old capacity stay valid.  Lists that keep
 * no capacity of their own and grow one element at a time use
 * vec_cap_of(n) to know the capacity they hold.  This module never prints;
 * it only reports failure by returning NULL or false. */
#ifndef TLSTRACE_VEC_H
#define TLSTRACE_VEC_H

#include <stdbool.h>
#include <stddef.h>
#include "base/arena.h"
#include "base/err.h"

#define VEC_FIRST_BYTES 64

/* The capacity to grow to so that need elements of size bytes fit: cap
 * doubled (or the first capacity when cap is 0) until it is >= need.
 * False when need * size, or the doubled capacity in bytes, overflows. */
bool vec_cap_next(size_t cap, size_t need, size_t size, size_t *out) WUR;

/* The capacity a list holds after it was grown from empty to n elements
 * one vec_grow at a time (0 for n == 0): for lists that keep no capacity
 * field.  They grow when n == vec_cap_of(n, size). */
size_t vec_cap_of(size_t n, size_t size);

/* A heap block of v (NULL for none) with room for at least need (>= 1) elements:
 * v itself when *cap already suffices, else the realloc'd block, and *cap
 * updated.  NULL on overflow or out of memory; v and *cap are unchanged. */
void *vec_grow(void *v, size_t *cap, size_t need, size_t size) WUR;

/* The same for a list living in arena a: the first used elements are
 * copied to the bigger block, the old one stays in the arena. */
void *vec_grow_arena(arena_t *a, void *v, size_t used, size_t *cap, size_t need, size_t size) WUR;

/* Lists that keep no capacity field and grow one element at a time: room
 * for element n (the list holds n).  list itself while it has room, else
 * the bigger block (heap: realloc'd; arena: grown in place when it is the
 * arena's last allocation, otherwise copied).  NULL on overflow or out of
 * memory, the list unchanged. */
void *vec_push(void *list, size_t n, size_t size) WUR;
void *vec_push_arena(arena_t *a, void *list, size_t n, size_t size) WUR;

#endif
