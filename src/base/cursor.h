/* cursor.h - the one way to read wire bytes.
 *
 * Every read is bounds-checked and returns ERR_TRUNCATED instead of reading
 * past the end.  A length-prefixed vector is read by opening a sub-cursor
 * (cursor_open) that must be consumed exactly (cursor_close), as picotls's
 * ptls_decode_open_block and BearSSL's open-elt do.  Offsets (cursor_pos)
 * are absolute within the buffer the first cursor was made on, so a parser
 * can record where each field sits for the byte map.  No other code does
 * pointer arithmetic on wire data. */
#ifndef TLSTRACE_CURSOR_H
#define TLSTRACE_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include "bytes.h"
#include "err.h"

typedef struct {
	const uint8_t *base;  /* borrowed: start of the whole buffer */
	size_t pos;           /* next byte to read, from base */
	size_t end;           /* one past the last readable byte, from base */
} cursor_t;

/* The readers are inline: every parser calls them for every field. */
static inline cursor_t cursor_make(const uint8_t *p, size_t n) { return (cursor_t){ p, 0, n }; }
static inline size_t cursor_left(const cursor_t *c) { return c->end - c->pos; }
static inline size_t cursor_pos(const cursor_t *c) { return c->pos; }

/* n (1..8) bytes big-endian. */
static inline WUR err_t cursor_be(cursor_t *c, unsigned n, uint64_t *out)
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

static inline WUR err_t cursor_u8(cursor_t *c, uint8_t *out)
{
	ENSURE(cursor_left(c) >= 1, ERR_TRUNCATED);
	*out = c->base[c->pos++];
	return ERR_OK;
}

static inline WUR err_t cursor_u16(cursor_t *c, uint16_t *out)
{
	ENSURE(cursor_left(c) >= 2, ERR_TRUNCATED);
	*out = (uint16_t)(c->base[c->pos] << 8 | c->base[c->pos + 1]);
	c->pos += 2;
	return ERR_OK;
}

static inline WUR err_t cursor_u24(cursor_t *c, uint32_t *out)
{
	uint64_t v;
	TRY(cursor_be(c, 3, &v));
	*out = (uint32_t)v;
	return ERR_OK;
}

static inline WUR err_t cursor_u32(cursor_t *c, uint32_t *out)
{
	uint64_t v;
	TRY(cursor_be(c, 4, &v));
	*out = (uint32_t)v;
	return ERR_OK;
}

static inline WUR err_t cursor_u64(cursor_t *c, uint64_t *out)
{
	return cursor_be(c, 8, out);
}

/* Borrows n bytes. */
static inline WUR err_t cursor_bytes(cursor_t *c, size_t n, slice_t *out)
{
	ENSURE(cursor_left(c) >= n, ERR_TRUNCATED);
	*out = slice_make(c->base + c->pos, n);
	c->pos += n;
	return ERR_OK;
}

static inline WUR err_t cursor_skip(cursor_t *c, size_t n)
{
	ENSURE(cursor_left(c) >= n, ERR_TRUNCATED);
	c->pos += n;
	return ERR_OK;
}

/* Borrows all that is left. */
static inline WUR err_t cursor_rest(cursor_t *c, slice_t *out)
{
	return cursor_bytes(c, cursor_left(c), out);
}

/* Copies n bytes. */
err_t cursor_copy(cursor_t *c, void *out, size_t n) WUR;

/* Reads a big-endian length of lenbytes (1, 2 or 3) and carves a sub-cursor
 * of that many bytes; c moves past the whole vector. */
err_t cursor_open(cursor_t *c, unsigned lenbytes, cursor_t *sub) WUR;
/* Like cursor_open, and also requires min <= length <= max (RFC 8446 3.4
 * "<floor..ceiling>").  ERR_BAD_LENGTH when out of range. */
err_t cursor_open_range(cursor_t *c, unsigned lenbytes, size_t min, size_t max, cursor_t *sub) WUR;
/* ERR_TRAILING unless the sub-cursor was read to its end. */
static inline WUR err_t cursor_close(const cursor_t *sub)
{
	ENSURE(sub->pos == sub->end, ERR_TRAILING);
	return ERR_OK;
}

#endif
