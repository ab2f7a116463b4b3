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

static void jsonw_raw(jsonw_t *w, const char *s, size_t n)
{
	if (buf_append(w->out, s, n) != ERR_OK)
		w->failed = true;
}

/* Before every value or key: a comma unless it is the first in its container. */
static void jsonw_sep(jsonw_t *w)
{
	if (w->need_comma[w->depth])
		jsonw_raw(w, ",", 1);
	w->need_comma[w->depth] = true;
}

static void jsonw_quoted(jsonw_t *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, start = 0;

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

void jsonw_key(jsonw_t *w, const char *key)
{
	jsonw_sep(w);
	jsonw_quoted(w, key, strlen(key));
	jsonw_raw(w, ":", 1);
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

void jsonw_str(jsonw_t *w, const char *s)
{
	if (!s)
		jsonw_null(w);
	else
		jsonw_strn(w, s, strlen(s));
}

void jsonw_hex(jsonw_t *w, const uint8_t *p, size_t n)
{
	char small[2 * 64 + 1];

	if (!p) {
		jsonw_null(w);
		return;
	}
	if (n <= 64) {
		hex_encode(p, n, small);
		jsonw_strn(w, small, 2 * n);
	} else {
		char *s = hex_dup(p, n);
		if (!s) {
			w->failed = true;
			jsonw_null(w);
			return;
		}
		jsonw_strn(w, s, 2 * n);
		free(s);
	}
}

static void jsonw_scalar(jsonw_t *w, const char *s)
{
	jsonw_sep(w);
	jsonw_raw(w, s, strlen(s));
}

void jsonw_int(jsonw_t *w, long long v)
{
	char s[32];
	snprintf(s, sizeof s, "%lld", v);
	jsonw_scalar(w, s);
}

void jsonw_uint(jsonw_t *w, unsigned long long v)
{
	char s[32];
	snprintf(s, sizeof s, "%llu", v);
	jsonw_scalar(w, s);
}

void jsonw_double(jsonw_t *w, double v, int decimals)
{
	char s[64];
	snprintf(s, sizeof s, "%.*f", decimals, v);
	jsonw_scalar(w, s);
}

void jsonw_bool(jsonw_t *w, bool v) { jsonw_scalar(w, v ? "true" : "false"); }
void jsonw_null(jsonw_t *w) { jsonw_scalar(w, "null"); }
