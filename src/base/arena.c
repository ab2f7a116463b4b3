/* arena.c - a region allocator (see arena.h).  Blocks of ARENA_BLOCK bytes
 * chained newest first; a request too big for a block gets a block of its
 * own, chained behind the current one so the current one keeps filling. */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

enum { ARENA_BLOCK = 16384 };

typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
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
}

void arena_free(arena_t *a)
{
	arena_release(a);
	free(a);
}

static arena_block_t *arena_block(size_t cap)
{
	arena_block_t *b = malloc(sizeof *b + cap);

	if (b) {
		b->next = NULL;
		b->used = 0;
		b->cap = cap;
	}
	return b;
}

void *arena_alloc(arena_t *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	arena_block_t *b;
	size_t need = (n + align - 1) & ~(align - 1);

	if (!a || need < n)
		return NULL;
	if (need == 0)
		need = align;
	b = a->head;
	if (b && b->cap - b->used >= need) {
		void *p = b->data + b->used;
		b->used += need;
		return p;
	}
	if (need > ARENA_BLOCK / 4) {   /* big: a block of its own, behind the current one */
		arena_block_t *big = arena_block(need);
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
	b = arena_block(ARENA_BLOCK);
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
	void *q = arena_alloc(a, n);

	if (q && p && old)
		memcpy(q, p, old < n ? old : n);
	return q;
}
