/* arena.c - a region allocator (see arena.h).  Blocks chained newest
 * first, the first of ARENA_FIRST bytes, each next one twice the last up to
 * ARENA_BLOCK; a request bigger than ARENA_BIG gets a block of its own,
 * chained behind the current one so the current one keeps filling. */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

enum { ARENA_FIRST = 336, ARENA_BLOCK = 16384, ARENA_BIG = ARENA_BLOCK / 4 };

typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	size_t last;                /* offset of the last allocation, for arena_grow */
	alignas(max_align_t) unsigned char data[];
} arena_block_t;

arena_t *arena_new(void)
{
	return calloc(1, sizeof(arena_t));
}

void arena_release(arena_t *a)
{
	arena_block_t *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->size = 0;
}

void arena_free(arena_t *a)
{
	arena_release(a);
	free(a);
}

static arena_block_t *arena_block(arena_t *a, size_t cap)
{
	arena_block_t *b = malloc(sizeof *b + cap);

	if (b) {
		b->next = NULL;
		b->used = b->last = 0;
		b->cap = cap;
		a->size += sizeof *b + cap;
	}
	return b;
}

static size_t arena_round(size_t n)
{
	const size_t align = alignof(max_align_t);

	return (n + align - 1) & ~(align - 1);
}

void *arena_alloc(arena_t *a, size_t n)
{
	arena_block_t *b;
	size_t need = arena_round(n), cap;

	if (!a || need < n)
		return NULL;
	if (need == 0)
		need = alignof(max_align_t);
	b = a->head;
	if (b && b->cap - b->used >= need) {
		void *p = b->data + b->used;
		b->last = b->used;
		b->used += need;
		return p;
	}
	if (need > ARENA_BIG) {   /* big: a block of its own, behind the current one */
		arena_block_t *big = arena_block(a, need);
		if (!big)
			return NULL;
		big->used = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			a->head = big;
		}
		return big->data;
	}
	cap = b ? (b->cap < ARENA_BLOCK / 2 ? b->cap * 2 : ARENA_BLOCK) : ARENA_FIRST;
	while (cap < need)
		cap *= 2;
	b = arena_block(a, cap);
	if (!b)
		return NULL;
	b->next = a->head;
	a->head = b;
	b->used = need;
	return b->data;
}

void *arena_zalloc(arena_t *a, size_t n)
{
	void *p = arena_alloc(a, n);

	if (p)
		memset(p, 0, n);
	return p;
}

void *arena_dup(arena_t *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

void *arena_grow(arena_t *a, const void *p, size_t old, size_t n)
{
	arena_block_t *b = a ? a->head : NULL;
	size_t need = arena_round(n);
	void *q;

	/* the last allocation of the current block grows where it is */
	if (p && b && need >= n && (const unsigned char *)p == b->data + b->last && b->last + need <= b->cap
	    && b->used > b->last) {
		b->used = b->last + (need ? need : alignof(max_align_t));
		return (void *)p;
	}
	q = arena_alloc(a, n);
	if (q && p && old)
		memcpy(q, p, old < n ? old : n);
	return q;
}
