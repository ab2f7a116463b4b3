/* bytes.c - owned buffers and hex helpers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bytes.h"
#include "base/vec.h"

err_t buf_reserve(buf_t *b, size_t extra)
{
	uint8_t *p;

	ENSURE(extra <= SIZE_MAX - b->len, ERR_NOMEM);
	if (b->len + extra <= b->cap)
		return ERR_OK;
	p = vec_grow(b->ptr, &b->cap, b->len + extra, 1);
	ENSURE(p, ERR_NOMEM);
	b->ptr = p;
	return ERR_OK;
}

err_t buf_append(buf_t *b, const void *p, size_t n)
{
	if (n == 0)
		return ERR_OK;
	TRY(buf_reserve(b, n));
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	return ERR_OK;
}

err_t buf_set(buf_t *b, const void *p, size_t n)
{
	b->len = 0;
	return buf_append(b, p, n);
}

void buf_consume(buf_t *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->ptr, b->ptr + n, b->len - n);
	b->len -= n;
}

void buf_free(buf_t *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

err_t buf_read_file(buf_t *b, const char *path, size_t max)
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	size_t got;
	int saved;

	b->len = 0;
	ENSURE(f, ERR_IO);
	for (;;) {
		if (buf_reserve(b, 4096) != ERR_OK) {
			fclose(f);
			return ERR_NOMEM;
		}
		got = fread(b->ptr + b->len, 1, b->cap - b->len, f);
		b->len += got;
		if (b->len > max) {
			fclose(f);
			b->len = 0;
			return ERR_BAD_LENGTH;
		}
		if (got == 0)
			break;
	}
	saved = errno;
	if (ferror(f)) {
		fclose(f);
		b->len = 0;
		errno = saved;
		return ERR_IO;
	}
	fclose(f);
	return ERR_OK;
}

void bytes_hex_encode(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

char *bytes_hex_dup(const uint8_t *p, size_t n)
{
	char *s = malloc(2 * n + 1);

	if (s)
		bytes_hex_encode(p, n, s);
	return s;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

bool bytes_hex_decode(const char *s, size_t slen, uint8_t *out, size_t n)
{
	size_t i;

	if (slen != 2 * n)
		return false;
	for (i = 0; i < n; i++) {
		int hi = hex_digit(s[2 * i]), lo = hex_digit(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}
