/* field.c - building and freeing the decoded-message tree. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bytes.h"
#include "field.h"

__attribute__((format(printf, 1, 0)))
static char *field_vformat(const char *fmt, va_list ap)
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

field_t *field_new_root(const char *name, size_t off, size_t len)
{
	field_t *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	f->name = name;
	f->off = (uint32_t)off;
	f->len = (uint32_t)len;
	return f;
}

field_t *field_add(field_t *parent, const char *name, size_t off, size_t len, const char *fmt, ...)
{
	field_t *f;
	va_list ap;

	if (!parent)
		return NULL;
	f = field_new_root(name, off, len);
	if (!f)
		return NULL;
	if (fmt) {
		va_start(ap, fmt);
		f->value = field_vformat(fmt, ap);
		va_end(ap);
	}
	if (parent->last)
		parent->last->next = f;
	else
		parent->kids = f;
	parent->last = f;
	return f;
}

field_t *field_add_hex(field_t *parent, const char *name, size_t off, const uint8_t *p, size_t n)
{
	field_t *f = field_add(parent, name, off, n, NULL);

	if (f)
		f->value = hex_dup(p, n);
	return f;
}

void field_set_value(field_t *f, const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return;
	free(f->value);
	va_start(ap, fmt);
	f->value = field_vformat(fmt, ap);
	va_end(ap);
}

void field_set_span(field_t *f, size_t off, size_t len)
{
	if (!f)
		return;
	f->off = (uint32_t)off;
	f->len = (uint32_t)len;
}

void field_flag(field_t *f, uint32_t flags)
{
	if (f)
		f->flags |= flags;
}

field_t *field_find(const field_t *parent, const char *name)
{
	field_t *k;

	if (!parent)
		return NULL;
	for (k = parent->kids; k; k = k->next)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

void field_free(field_t *root)
{
	while (root) {
		field_t *next = root->next;
		field_free(root->kids);
		free(root->value);
		free(root);
		root = next;
	}
}
