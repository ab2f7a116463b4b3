/* field.c - building and freeing the decoded-message tree. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bytes.h"
#include "field.h"
#include "strfmt.h"

/* One counter per thread: trees are built on the decoding thread and
 * sometimes finished on the writer's. */
static _Thread_local size_t field_nodes;

size_t field_nodes_made(void)
{
	return field_nodes;
}

field_t *field_new_root(const char *name, size_t off, size_t len)
{
	field_t *f = calloc(1, sizeof *f);

	if (!f)
		return NULL;
	field_nodes++;
	f->name = name;
	f->off = (uint32_t)off;
	f->len = (uint32_t)len;
	return f;
}

field_t *field_add_node(field_t *parent, const char *name, size_t off, size_t len, const char *fmt, ...)
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
		f->value = str_vformat(fmt, ap);
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
		f->value = bytes_hex_dup(p, n);
	return f;
}

void field_set_value_fmt(field_t *f, const char *fmt, ...)
{
	va_list ap;

	if (!f)
		return;
	free(f->value);
	va_start(ap, fmt);
	f->value = str_vformat(fmt, ap);
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
		field_nodes--;
		root = next;
	}
}
