/* strfmt.c - formatted, allocated strings (see strfmt.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strfmt.h"

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

void str_list_push(char ***list, size_t *n, char *s)
{
	char **grown;

	if (!s)
		return;
	grown = realloc(*list, (*n + 1) * sizeof **list);
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
