/* arena.c - a region allocator (see arena.h).  Blocks chained newest
 * first, the first of ARENA_FIRST bytes, each next one twice the last up to
 * ARENA_BLOCK; a request bigger than ARENA_BIG gets a block of its own,
 * chained behind the current one so the current one keeps filling. */
#include <pthread.h>
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

/* Blocks of the standard sizes (ARENA_FIRST doubling to ARENA_BLOCK) go
 * back to a small per-thread cache when an arena is released, and the
 * next arena takes them from there: a capture makes and frees thousands
 * of connections a second, each a handful of blocks too big for the
 * allocator's own small-chunk caches.  At most ARENA_POOL_KEEP blocks a
 * size and a thread (about 2 MB); a thread's cache is freed when it ends
 * (main: arena_pool_drain). */
enum { ARENA_POOL_CLASSES = 7, ARENA_POOL_KEEP = 48 };

typedef struct {
	arena_block_t *free[ARENA_POOL_CLASSES];
	unsigned n[ARENA_POOL_CLASSES];
} arena_pool_t;

static _Thread_local arena_pool_t *arena_pool;
static pthread_key_t arena_pool_key;
static pthread_once_t arena_pool_once = PTHREAD_ONCE_INIT;

static void arena_pool_free(void *p)
{
	arena_pool_t *pool = p;
	int c;

	for (c = 0; pool && c < ARENA_POOL_CLASSES; c++)
		while (pool->free[c]) {
			arena_block_t *b = pool->free[c];
			pool->free[c] = b->next;
			free(b);
		}
	free(pool);
}

static void arena_pool_init(void)
{
	(void)pthread_key_create(&arena_pool_key, arena_pool_free);
}

void arena_pool_drain(void)
{
	arena_pool_free(arena_pool);
	arena_pool = NULL;
	if (pthread_once(&arena_pool_once, arena_pool_init) == 0)
		(void)pthread_setspecific(arena_pool_key, NULL);
}

/* The class of a block of `cap` bytes, or -1 for a size not cached. */
static int arena_class(size_t cap)
{
	size_t c = ARENA_FIRST;
	int i;

	for (i = 0; i < ARENA_POOL_CLASSES - 1; i++, c *= 2)
		if (cap == c)
			return i;
	return cap == ARENA_BLOCK ? ARENA_POOL_CLASSES - 1 : -1;
}

static arena_pool_t *arena_pool_get(void)
{
	if (!arena_pool && pthread_once(&arena_pool_once, arena_pool_init) == 0) {
		arena_pool = calloc(1, sizeof *arena_pool);
		if (arena_pool)
			(void)pthread_setspecific(arena_pool_key, arena_pool);
	}
	return arena_pool;
}

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
		int c = arena_class(b->cap);
		arena_pool_t *pool = c >= 0 ? arena_pool_get() : NULL;

		next = b->next;
		if (pool && pool->n[c] < ARENA_POOL_KEEP) {
			b->next = pool->free[c];
			pool->free[c] = b;
			pool->n[c]++;
		} else {
			free(b);
		}
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
	int c = arena_class(cap);
	arena_pool_t *pool = c >= 0 ? arena_pool : NULL;
	arena_block_t *b;

	if (pool && pool->free[c]) {
		b = pool->free[c];
		pool->free[c] = b->next;
		pool->n[c]--;
	} else {
		b = malloc(sizeof *b + cap);
	}

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
