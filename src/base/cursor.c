/* cursor.c - the cursor operations too big to inline (see cursor.h). */
#include <string.h>
#include "cursor.h"

err_t cursor_copy(cursor_t *c, void *out, size_t n)
{
	slice_t s;
	TRY(cursor_bytes(c, n, &s));
	if (n)
		memcpy(out, s.ptr, n);
	return ERR_OK;
}

err_t cursor_open(cursor_t *c, unsigned lenbytes, cursor_t *sub)
{
	return cursor_open_range(c, lenbytes, 0, SIZE_MAX, sub);
}

err_t cursor_open_range(cursor_t *c, unsigned lenbytes, size_t min, size_t max, cursor_t *sub)
{
	uint64_t len;
	size_t save = c->pos;

	ENSURE(lenbytes >= 1 && lenbytes <= 3, ERR_BAD_VALUE);
	TRY(cursor_be(c, lenbytes, &len));
	if (len < min || len > max) {
		c->pos = save;
		return ERR_BAD_LENGTH;
	}
	if (cursor_left(c) < len) {
		c->pos = save;
		return ERR_TRUNCATED;
	}
	*sub = (cursor_t){ c->base, c->pos, c->pos + (size_t)len };
	c->pos += (size_t)len;
	return ERR_OK;
}
