/* strfmt.c - formatted, allocated strings (see strfmt.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strfmt.h"
#include "base/vec.h"

/* Most strings fit the stack buffer: formatted once, then copied. */
char *str_vformat(const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	if ((size_t)n < sizeof small)
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* Formatted once into a stack buffer when it fits (the usual case), else
 * again straight into b. */
err_t buf_vprintf(buf_t *b, const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return ERR_BAD_VALUE;
	if ((size_t)n < sizeof small)
		return buf_append(b, small, (size_t)n);
	TRY(buf_reserve(b, (size_t)n + 1));
	vsnprintf((char *)b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return ERR_OK;
}

err_t buf_printf(buf_t *b, const char *fmt, ...)
{
	va_list ap;
	err_t e;

	va_start(ap, fmt);
	e = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return e;
}

void str_list_push(char ***list, size_t *n, char *s)
{
	char **grown;

	if (!s)
		return;
	grown = vec_push(*list, *n, sizeof **list);
	if (!grown) {
		free(s);
		return;
	}
	*list = grown;
	(*list)[(*n)++] = s;
}

void str_list_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
