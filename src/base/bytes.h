/* bytes.h - byte views (slice_t, never owns) and owned growable buffers
 * (buf_t, freed with buf_free), plus hex formatting. */
#ifndef TLSTRACE_BYTES_H
#define TLSTRACE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "err.h"

typedef struct {
	const uint8_t *ptr;   /* borrowed: someone else owns these bytes */
	size_t len;
} slice_t;

typedef struct {
	uint8_t *ptr;         /* owned: free with buf_free() */
	size_t len, cap;
} buf_t;

static inline slice_t slice_make(const void *p, size_t n) { return (slice_t){ (const uint8_t *)p, n }; }
static inline slice_t buf_slice(const buf_t *b) { return (slice_t){ b->ptr, b->len }; }
static inline bool slice_eq(slice_t a, slice_t b)
{
	size_t i;
	if (a.len != b.len) return false;
	for (i = 0; i < a.len; i++) if (a.ptr[i] != b.ptr[i]) return false;
	return true;
}

err_t buf_reserve(buf_t *b, size_t extra) WUR;
err_t buf_append(buf_t *b, const void *p, size_t n) WUR;
err_t buf_set(buf_t *b, const void *p, size_t n) WUR;   /* replace contents */
void  buf_consume(buf_t *b, size_t n);                   /* drop n bytes from the front */
void  buf_free(buf_t *b);
/* Replaces b's contents with the file's.  ERR_IO (errno set) when it cannot
 * be read, ERR_BAD_LENGTH when it holds more than max bytes (b then holds
 * nothing). */
err_t buf_read_file(buf_t *b, const char *path, size_t max) WUR;

/* Lowercase hex of n bytes into out (2n+1 bytes, NUL-terminated). */
void  bytes_hex_encode(const uint8_t *p, size_t n, char *out);
/* Allocates; caller frees.  NULL when out of memory. */
char *bytes_hex_dup(const uint8_t *p, size_t n);
/* Parses exactly n bytes of hex (either case); false on any bad digit. */
bool  bytes_hex_decode(const char *s, size_t slen, uint8_t *out, size_t n);

#endif
