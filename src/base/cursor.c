/* cursor.c - bounds-checked big-endian reads (see cursor.h). */
#include <string.h>
#include "cursor.h"

cursor_t cursor_make(const uint8_t *p, size_t n)
{
	return (cursor_t){ p, 0, n };
}

static err_t cursor_be(cursor_t *c, unsigned n, uint64_t *out)
{
	uint64_t v = 0;
	unsigned i;

	ENSURE(cursor_left(c) >= n, ERR_TRUNCATED);
	for (i = 0; i < n; i++)
		v = v << 8 | c->base[c->pos + i];
	c->pos += n;
	*out = v;
	return ERR_OK;
}

err_t cursor_u8(cursor_t *c, uint8_t *out)
{
	uint64_t v;
	TRY(cursor_be(c, 1, &v));
	*out = (uint8_t)v;
	return ERR_OK;
}

err_t cursor_u16(cursor_t *c, uint16_t *out)
{
	uint64_t v;
	TRY(cursor_be(c, 2, &v));
	*out = (uint16_t)v;
	return ERR_OK;
}

err_t cursor_u24(cursor_t *c, uint32_t *out)
{
	uint64_t v;
	TRY(cursor_be(c, 3, &v));
	*out = (uint32_t)v;
	return ERR_OK;
}

err_t cursor_u32(cursor_t *c, uint32_t *out)
{
	uint64_t v;
	TRY(cursor_be(c, 4, &v));
	*out = (uint32_t)v;
	return ERR_OK;
}

err_t cursor_u64(cursor_t *c, uint64_t *out)
{
	return cursor_be(c, 8, out);
}

err_t cursor_bytes(cursor_t *c, size_t n, slice_t *out)
{
	ENSURE(cursor_left(c) >= n, ERR_TRUNCATED);
	*out = slice_make(c->base + c->pos, n);
	c->pos += n;
	return ERR_OK;
}

err_t cursor_copy(cursor_t *c, void *out, size_t n)
{
	slice_t s;
	TRY(cursor_bytes(c, n, &s));
	if (n)
		memcpy(out, s.ptr, n);
	return ERR_OK;
}

err_t cursor_skip(cursor_t *c, size_t n)
{
	ENSURE(cursor_left(c) >= n, ERR_TRUNCATED);
	c->pos += n;
	return ERR_OK;
}

err_t cursor_rest(cursor_t *c, slice_t *out)
{
	return cursor_bytes(c, cursor_left(c), out);
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

err_t cursor_close(const cursor_t *sub)
{
	ENSURE(sub->pos == sub->end, ERR_TRAILING);
	return ERR_OK;
}
