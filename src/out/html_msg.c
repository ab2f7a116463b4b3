/* html_msg.c - one message of the HTML page (see html.h): a heading with
 * who sends it to whom, the field tree with each field's offset and
 * length, and the message's bytes as a hex dump in which each field's
 * span has the colour of its row in the tree.  The spans come from the
 * field nodes (base/field.h); nothing is decoded or computed here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "html_int.h"
#include "tls/registry.h"

#define HTML_HEX_MAX 4096     /* bytes of one message in the dump */
#define HTML_NODES_MAX 600    /* field nodes of one message in the tree */
#define HTML_VALUE_MAX 240    /* characters of a field's value */
#define HTML_COLOURS 6

typedef struct {
	const field_t *f;
	int depth;
} html_node_t;

typedef struct {
	html_node_t v[HTML_NODES_MAX];
	size_t n;
	bool truncated;
} html_nodes_t;

/* The tree in pre-order: a field's children come after it, so marking
 * bytes in this order leaves each byte with its deepest field. */
static void html_flatten(html_nodes_t *l, const field_t *f, int depth)
{
	for (; f; f = f->next) {
		if (l->n == HTML_NODES_MAX) {
			l->truncated = true;
			return;
		}
		l->v[l->n++] = (html_node_t){ f, depth };
		html_flatten(l, f->kids, depth + 1);
	}
}

static void html_class(html_t *t, size_t k)
{
	if (k == 0)
		html_printf(t, "c");
	else
		html_printf(t, "c%zu", k % HTML_COLOURS);
}

static void html_tree(html_t *t, const html_nodes_t *l)
{
	int cur = -1, j;
	size_t i;

	for (i = 0; i < l->n; i++) {
		const field_t *f = l->v[i].f;
		int d = l->v[i].depth;

		if (d > cur) {
			for (j = cur; j < d; j++)
				html_printf(t, "<ul class=\"tree\">");
		} else {
			html_printf(t, "</li>");
			for (j = d; j < cur; j++)
				html_printf(t, "</ul></li>");
		}
		cur = d;
		html_printf(t, "<li%s><span class=\"chip ", (f->flags & FIELD_ERROR) ? " class=\"ferr\"" : "");
		html_class(t, i);
		html_printf(t, "\"></span><span class=\"fn\">");
		html_esc(t, f->name, 0);
		html_printf(t, "</span>");
		if (f->value) {
			html_printf(t, ": <span class=\"fv\">");
			html_esc(t, f->value, HTML_VALUE_MAX);
			html_printf(t, "</span>");
		}
		if (f->flags & FIELD_CHOSEN)
			html_printf(t, " <span class=\"chosen\">&#8592; %s</span>", html_word(t, HW_CHOSEN));
		html_printf(t, " <span class=\"span\">[%u+%u]</span>", f->off, f->len);
	}
	if (cur >= 0) {
		html_printf(t, "</li>");
		for (j = 0; j < cur; j++)
			html_printf(t, "</ul></li>");
		html_printf(t, "</ul>");
	}
	if (l->truncated)
		html_printf(t, "<p class=\"small\">&#8230;</p>");
}

/* The dump: 16 bytes a line, each run of bytes of one field in a span
 * titled with the field's name, closed at the end of each line. */
static void html_dump(html_t *t, const msg_t *m, const html_nodes_t *l, short *owner)
{
	size_t shown = m->raw.len < HTML_HEX_MAX ? m->raw.len : HTML_HEX_MAX, i, k;
	int open = -1;

	memset(owner, 0, shown * sizeof owner[0]);
	for (k = 0; k < l->n; k++) {
		const field_t *f = l->v[k].f;
		size_t a = f->off, b = (size_t)f->off + f->len;

		if (b > shown)
			b = shown;
		for (i = a; i < b; i++)
			owner[i] = (short)(k + 1);
	}
	html_printf(t, "<pre class=\"hex\">");
	for (i = 0; i < shown; i++) {
		int o = owner[i];

		if (i % 16 == 0) {
			if (open >= 0)
				html_printf(t, "</span>");
			open = -1;
			html_printf(t, "%s<span class=\"off\">%04zx</span> ", i ? "\n" : "", i);
		}
		if (o != open) {
			if (open >= 0)
				html_printf(t, "</span>");
			open = o;
			if (o > 0) {
				html_printf(t, "<span class=\"");
				html_class(t, (size_t)o - 1);
				html_printf(t, "\" title=\"");
				html_esc(t, l->v[o - 1].f->name, 0);
				html_printf(t, "\">");
			} else {
				html_printf(t, "<span>");
			}
		}
		html_printf(t, "%02x%s", m->raw.ptr[i], i % 16 == 15 || i + 1 == shown ? "" : " ");
	}
	if (open >= 0)
		html_printf(t, "</span>");
	html_printf(t, "</pre>\n");
	if (shown < m->raw.len)
		html_printf(t, "<p class=\"small\">%zu %s</p>\n", m->raw.len - shown, html_word(t, HW_NOT_SHOWN));
}

void html_message(html_t *t, const conn_t *c, const handshake_t *h, size_t i)
{
	html_nodes_t *nodes = malloc(sizeof *nodes);
	short *owner = malloc(HTML_HEX_MAX * sizeof *owner);   /* node index + 1 of each byte shown, 0: none */
	const msg_t *m = h->msgs[i];
	bool live = strcmp(c->source, "live") == 0;
	size_t n;

	html_printf(t, "<div class=\"msg %s\">\n<h3 class=\"msg\" id=\"m%zu\"><span class=\"dir\">%s %s %s</span> "
		    "<span class=\"mt\">", m->sender == SIDE_CLIENT ? "fromc" : "froms", i,
		    html_word(t, HW_CLIENT), m->sender == SIDE_CLIENT ? "&#8594;" : "&#8592;", html_word(t, HW_SERVER));
	html_esc(t, msg_type_name(m), 0);
	html_printf(t, "</span></h3>\n<p class=\"meta\">%s %u, %zu %s%s%s</p>\n",
		    html_word(t, live ? HW_FLIGHT : HW_FRAME), m->frame, m->raw.len, html_word(t, HW_BYTES),
		    m->encrypted ? ", " : "", m->encrypted ? html_word(t, HW_ENCRYPTED) : "");
	if (m->type == CT_ALERT && !m->opaque) {
		const alert_info_t *ai = alert_find(m->alert_desc);
		html_printf(t, "<p class=\"alert\">%s alert ", m->alert_level == 2 ? "fatal" : "warning");
		html_esc(t, ai ? ai->name : "unknown", 0);
		html_printf(t, " (%u): ", m->alert_desc);
		html_esc(t, ai ? ai->explain : "", 0);
		html_printf(t, "</p>\n");
	}
	for (n = 0; n < m->nnotes; n++) {
		html_printf(t, "<p class=\"note\">! ");
		html_esc(t, m->notes[n], 0);
		html_printf(t, "</p>\n");
	}
	if (!nodes || !owner) {
		t->failed = true;
		free(nodes);
		free(owner);
		return;
	}
	nodes->n = 0;
	nodes->truncated = false;
	html_flatten(nodes, m->root, 0);
	html_printf(t, "<details open=\"open\"><summary>%s, %s</summary>\n<div class=\"bytes\">\n<div class=\"fields\">",
		    html_word(t, HW_FIELDS), html_word(t, HW_BYTES));
	if (nodes->n)
		html_tree(t, nodes);
	else
		html_printf(t, "<p class=\"small\">%s</p>", html_word(t, HW_NO_TREE));
	html_printf(t, "</div>\n");
	html_dump(t, m, nodes, owner);
	html_printf(t, "</div>\n</details>\n</div>\n");
	free(nodes);
	free(owner);
}
