/* strfmt.c - formatted, allocated strings (see strfmt.h). */
#include <stdio.h>
#include <stdlib.h>
#include "strfmt.h"

char *str_vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s)
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
