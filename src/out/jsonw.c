/* jsonw.c - the JSON writer (see jsonw.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonw.h"

void jsonw_init(jsonw_t *w, buf_t *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

/* The writer's one output path: a memcpy when there is room (the usual
 * case), the buffer grows otherwise. */
static inline void jsonw_raw(jsonw_t *w, const char *s, size_t n)
{
	buf_t *b = w->out;

	if (b->cap - b->len < n && buf_reserve(b, n) != ERR_OK) {
		w->failed = true;
		return;
	}
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
}

/* Before every value or key: a comma unless it is the first in its container. */
static void jsonw_sep(jsonw_t *w)
{
	if (w->need_comma[w->depth])
		jsonw_raw(w, ",", 1);
	w->need_comma[w->depth] = true;
}

/* Bytes a JSON string cannot hold as they are (RFC 8259 7, and DEL). */
static const bool jsonw_escaped[256] = {
	[0x00] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x10] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

/* Eight bytes at a time: a byte below 0x20, a quote, a backslash or DEL in
 * w sets its top bit in the result (the classic "has a zero byte" test,
 * applied to w and to w xor each special byte; bytes of 0x80 and above,
 * UTF-8, never match). */
static uint64_t jsonw_special8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\'), d = w ^ (ones * 0x7f);

	return ((w - ones * 0x20) | (q - ones) | (b - ones) | (d - ones)) & ~w & high;
}

static bool jsonw_plain(const char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (jsonw_special8(w))
			return false;
	}
	for (; i < n; i++)
		if (jsonw_escaped[(unsigned char)s[i]])
			return false;
	return true;
}

/* "s" (and a colon after a key), s needing no escape: one reserve, one copy. */
static void jsonw_put_quoted(jsonw_t *w, const char *s, size_t n, bool colon)
{
	buf_t *b = w->out;
	size_t need = n + 2 + colon;

	if (b->cap - b->len < need && buf_reserve(b, need) != ERR_OK) {
		w->failed = true;
		return;
	}
	b->ptr[b->len++] = '"';
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len++] = '"';
	if (colon)
		b->ptr[b->len++] = ':';
}

static void jsonw_quoted(jsonw_t *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;

	if (jsonw_plain(s, n)) {   /* nothing to escape: one copy */
		jsonw_put_quoted(w, s, n, false);
		return;
	}
	jsonw_raw(w, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t elen = 0;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			elen = 2;
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		if (elen) {
			jsonw_raw(w, s + start, i - start);
			jsonw_raw(w, esc, elen);
			start = i + 1;
		}
	}
	jsonw_raw(w, s + start, n - start);
	jsonw_raw(w, "\"", 1);
}

/* Keys are the writer's own snake_case names: nothing to escape. */
void jsonw_keyn(jsonw_t *w, const char *key, size_t n)
{
	jsonw_sep(w);
	jsonw_put_quoted(w, key, n, true);
	w->need_comma[w->depth] = false;   /* the value follows without a comma */
}

static void jsonw_open(jsonw_t *w, char c)
{
	jsonw_sep(w);
	jsonw_raw(w, &c, 1);
	if (w->depth + 1 < JSONW_DEPTH)
		w->depth++;
	else
		w->failed = true;
	w->need_comma[w->depth] = false;
}

static void jsonw_close(jsonw_t *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	jsonw_raw(w, &c, 1);
	w->need_comma[w->depth] = true;
}

void jsonw_obj_begin(jsonw_t *w) { jsonw_open(w, '{'); }
void jsonw_obj_end(jsonw_t *w) { jsonw_close(w, '}'); }
void jsonw_arr_begin(jsonw_t *w) { jsonw_open(w, '['); }
void jsonw_arr_end(jsonw_t *w) { jsonw_close(w, ']'); }

void jsonw_strn(jsonw_t *w, const char *s, size_t n)
{
	jsonw_sep(w);
	jsonw_quoted(w, s, n);
}

void jsonw_hex(jsonw_t *w, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	buf_t *b = w->out;
	size_t i;

	if (!p) {
		jsonw_null(w);
		return;
	}
	jsonw_sep(w);
	if (b->cap - b->len < 2 * n + 2 && buf_reserve(b, 2 * n + 2) != ERR_OK) {
		w->failed = true;
		return;
	}
	b->ptr[b->len++] = '"';
	for (i = 0; i < n; i++) {
		b->ptr[b->len++] = (uint8_t)digits[p[i] >> 4];
		b->ptr[b->len++] = (uint8_t)digits[p[i] & 15];
	}
	b->ptr[b->len++] = '"';
}

static void jsonw_scalar(jsonw_t *w, const char *s)
{
	jsonw_sep(w);
	jsonw_raw(w, s, strlen(s));
}

/* Decimal digits of v at the end of s[0..cap); returns where they start. */
static char *jsonw_digits(unsigned long long v, char *end)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

void jsonw_uint(jsonw_t *w, unsigned long long v)
{
	char s[24], *p = jsonw_digits(v, s + sizeof s);

	jsonw_sep(w);
	jsonw_raw(w, p, (size_t)(s + sizeof s - p));
}

void jsonw_int(jsonw_t *w, long long v)
{
	char s[24], *p;

	if (v >= 0) {
		jsonw_uint(w, (unsigned long long)v);
		return;
	}
	p = jsonw_digits(0ull - (unsigned long long)v, s + sizeof s);
	*--p = '-';
	jsonw_sep(w);
	jsonw_raw(w, p, (size_t)(s + sizeof s - p));
}

/* Fixed decimals without printf's floating-point machinery: timestamps are
 * written once per message of every handshake of a capture. */
void jsonw_double(jsonw_t *w, double v, int decimals)
{
	unsigned long long scale = 1, whole, frac;
	char s[48], *p = s + sizeof s;
	int i;

	if (!(v >= 0 && v < 1e15) || decimals < 0 || decimals > 9) {
		char t[64];
		snprintf(t, sizeof t, "%.*f", decimals < 0 || decimals > 9 ? 6 : decimals, v);
		jsonw_scalar(w, t);
		return;
	}
	for (i = 0; i < decimals; i++)
		scale *= 10;
	whole = (unsigned long long)v;
	frac = (unsigned long long)((v - (double)whole) * (double)scale + 0.5);
	if (frac >= scale) {
		whole++;
		frac -= scale;
	}
	for (i = 0; i < decimals; i++) {
		*--p = (char)('0' + frac % 10);
		frac /= 10;
	}
	if (decimals)
		*--p = '.';
	p = jsonw_digits(whole, p);
	jsonw_sep(w);
	jsonw_raw(w, p, (size_t)(s + sizeof s - p));
}

void jsonw_bool(jsonw_t *w, bool v) { jsonw_scalar(w, v ? "true" : "false"); }
void jsonw_null(jsonw_t *w) { jsonw_scalar(w, "null"); }
