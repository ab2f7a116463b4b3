/* vec.c - the growth policy of every list (see vec.h): the capacity
 * doubles from VEC_FIRST_BYTES, checked against size_t overflow at each
 * step, and a failure leaves the caller's block untouched. */
#include <stdint.h>
#include <stdlib.h>
#include "base/vec.h"

static size_t vec_first(size_t size)
{
	size_t n = VEC_FIRST_BYTES / size;

	return n ? n : 1;
}

bool vec_cap_next(size_t cap, size_t need, size_t size, size_t *out)
{
	size_t c;

	if (size == 0 || need > SIZE_MAX / size)
		return false;
	if (need <= cap) {
		*out = cap;
		return true;
	}
	c = cap ? cap : vec_first(size);
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			return false;   /* doubling would overflow in bytes */
		c *= 2;
	}
	*out = c;
	return true;
}

size_t vec_cap_of(size_t n, size_t size)
{
	size_t c;

	if (n == 0 || !vec_cap_next(0, n, size, &c))
		return 0;
	return c;
}

void *vec_grow(void *v, size_t *cap, size_t need, size_t size)
{
	size_t c;
	void *p;

	if (!vec_cap_next(*cap, need, size, &c))
		return NULL;
	if (c == *cap)
		return v;
	p = realloc(v, c * size);
	if (!p)
		return NULL;
	*cap = c;
	return p;
}

void *vec_grow_arena(arena_t *a, void *v, size_t used, size_t *cap, size_t need, size_t size)
{
	size_t c;
	void *p;

	if (used > *cap || !vec_cap_next(*cap, need, size, &c))
		return NULL;
	if (c == *cap)
		return v;
	p = arena_grow(a, v, used * size, c * size);
	if (!p)
		return NULL;
	*cap = c;
	return p;
}

void *vec_push(void *list, size_t n, size_t size)
{
	size_t cap = vec_cap_of(n, size);

	if (n && !cap)
		return NULL;   /* n elements of size bytes cannot exist */
	if (n != cap)
		return list;
	return vec_grow(list, &cap, n + 1, size);
}

void *vec_push_arena(arena_t *a, void *list, size_t n, size_t size)
{
	size_t cap = vec_cap_of(n, size);

	if (n && !cap)
		return NULL;   /* n elements of size bytes cannot exist */
	if (n != cap)
		return list;
	return vec_grow_arena(a, list, n, &cap, n + 1, size);
}
