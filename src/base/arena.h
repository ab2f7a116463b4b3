/* arena.h - a region allocator: many small allocations that all die
 * together, freed in one go.
 *
 * A connection's messages (their structs, bytes, lists and notes) live as
 * long as the connection and no longer, so they come from one arena:
 * allocating is a pointer bump and freeing the connection frees a handful
 * of blocks instead of dozens of small chunks.  Nothing in an arena is
 * freed on its own; what is dropped early stays until arena_free, which is
 * why a list must not grow one element at a time by copying (the copies
 * would add up to the square of its length): vec_push_arena (vec.h) doubles,
 * and arena_grow extends the last allocation in place when its block has room.
 * The first block is small (most connections are small, and a flood of
 * half-open ones must stay cheap); later blocks double up to 16 KB. */
#ifndef TLSTRACE_ARENA_H
#define TLSTRACE_ARENA_H

#include <stddef.h>

typedef struct arena {
	struct arena_block *head;   /* owned chain of blocks; head is being filled */
	size_t size;                /* bytes of all blocks, bookkeeping included */
} arena_t;

/* An arena inside another struct: zeroed memory is an empty arena, and
 * arena_release frees what it handed out (the struct stays). */
#define ARENA_EMPTY { NULL, 0 }
void arena_release(arena_t *a);
/* An arena of its own. */
arena_t *arena_new(void);                 /* NULL when out of memory */
void arena_free(arena_t *a);              /* arena_release and the arena itself; NULL is fine */
/* n bytes aligned for any type, uninitialised / zeroed; NULL when out of memory. */
void *arena_alloc(arena_t *a, size_t n);
void *arena_zalloc(arena_t *a, size_t n);
void *arena_dup(arena_t *a, const void *p, size_t n);
/* p (an allocation of old bytes) with room for n bytes, the rest
 * uninitialised: in place when p is the arena's last allocation and its
 * block has room, else a copy (the old one stays until arena_free). */
void *arena_grow(arena_t *a, const void *p, size_t old, size_t n);
/* Frees the calling thread's cache of released blocks (a thread's own is
 * freed when it ends; the main thread calls this before it returns). */
void arena_pool_drain(void);

#endif
