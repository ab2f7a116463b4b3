/* arena.h - a region allocator: many small allocations that all die
 * together, freed in one go.
 *
 * A connection's messages (their structs, bytes, lists and notes) live as
 * long as the connection and no longer, so they come from one arena:
 * allocating is a pointer bump and freeing the connection frees a handful
 * of blocks instead of dozens of small chunks.  Nothing in an arena is
 * freed on its own; what is dropped early stays until arena_free. */
#ifndef TLSTRACE_ARENA_H
#define TLSTRACE_ARENA_H

#include <stddef.h>

typedef struct arena {
	struct arena_block *head;   /* owned chain of blocks; head is being filled */
} arena_t;

/* An arena inside another struct: zeroed memory is an empty arena, and
 * arena_release frees what it handed out (the struct stays). */
#define ARENA_EMPTY { NULL }
void arena_release(arena_t *a);
/* An arena of its own. */
arena_t *arena_new(void);                 /* NULL when out of memory */
void arena_free(arena_t *a);              /* arena_release and the arena itself; NULL is fine */
/* n bytes aligned for any type, uninitialised / zeroed; NULL when out of memory. */
void *arena_alloc(arena_t *a, size_t n);
void *arena_zalloc(arena_t *a, size_t n);
void *arena_dup(arena_t *a, const void *p, size_t n);
/* A copy of p's first old bytes in a block of new bytes (the rest
 * uninitialised): growing a list whose old copy is left behind. */
void *arena_grow(arena_t *a, const void *p, size_t old, size_t n);

#endif
