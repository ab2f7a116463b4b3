/* jsonw.h - a small streaming JSON writer into a buffer: it keeps track of
 * commas and escapes strings; callers say what goes where. */
#ifndef TLSTRACE_JSONW_H
#define TLSTRACE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "base/bytes.h"

#define JSONW_DEPTH 32

typedef struct {
	buf_t *out;              /* borrowed */
	bool need_comma[JSONW_DEPTH];
	int depth;
	bool failed;             /* out of memory somewhere: the text is incomplete */
} jsonw_t;

void jsonw_init(jsonw_t *w, buf_t *out);
/* Inside an object, before a value (a snake_case name: nothing to escape). */
void jsonw_keyn(jsonw_t *w, const char *key, size_t n);
/* Inline: with a literal key its length is known when compiling and the
 * copy is a few moves; a line of output has hundreds of keys. */
static inline void jsonw_key(jsonw_t *w, const char *key)
{
	size_t n = strlen(key);
	buf_t *b = w->out;
	uint8_t *p;

	if (b->cap - b->len < n + 4) {
		jsonw_keyn(w, key, n);
		return;
	}
	p = b->ptr + b->len;
	if (w->need_comma[w->depth])
		*p++ = ',';
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	b->len = (size_t)(p - b->ptr);
	w->need_comma[w->depth] = false;   /* the value follows without a comma */
}
void jsonw_obj_begin(jsonw_t *w);
void jsonw_obj_end(jsonw_t *w);
void jsonw_arr_begin(jsonw_t *w);
void jsonw_arr_end(jsonw_t *w);
void jsonw_strn(jsonw_t *w, const char *s, size_t n);
void jsonw_null(jsonw_t *w);
static inline void jsonw_str(jsonw_t *w, const char *s)    /* NULL writes null */
{
	if (s)
		jsonw_strn(w, s, strlen(s));
	else
		jsonw_null(w);
}
void jsonw_hex(jsonw_t *w, const uint8_t *p, size_t n);   /* n == 0 with p NULL: null */
void jsonw_int(jsonw_t *w, long long v);
void jsonw_uint(jsonw_t *w, unsigned long long v);
void jsonw_double(jsonw_t *w, double v, int decimals);
void jsonw_bool(jsonw_t *w, bool v);

#endif
