/* field.h - the decoded-message tree every view reads.
 *
 * A parser adds one node per wire field: a snake_case name (also the JSON
 * key), a display value, and the byte span it came from within the
 * message's raw bytes (for the byte map).  Nodes are linked, so a pointer
 * to a node stays valid while siblings are added.  Out of memory degrades
 * quietly: field_add on a NULL parent returns NULL and does nothing, so
 * parsers need not check every call; field_tree_ok() tells afterwards. */
#ifndef TLSTRACE_FIELD_H
#define TLSTRACE_FIELD_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

enum {
	FIELD_CHOSEN = 1 << 0,  /* the item the peer picked (suite, group, version) */
	FIELD_ERROR  = 1 << 1,  /* decoding stopped or a check failed here */
	FIELD_SECRET = 1 << 2,  /* holds key material */
	FIELD_LIST   = 1 << 3,  /* children are list items (JSON array) */
	FIELD_FRAMING = 1 << 4, /* a length prefix or type code: how the bytes are
	                           laid out, not what they say (views may hide it) */
};

typedef struct field {
	const char *name;        /* static string, snake_case */
	char *value;             /* owned by the node, may be NULL */
	uint32_t off, len;       /* span in the message's raw bytes */
	uint32_t flags;
	struct field *kids;      /* owned: first child */
	struct field *last;      /* borrowed: last child, for appending */
	struct field *next;      /* owned by the parent's list */
} field_t;

field_t *field_new_root(const char *name, size_t off, size_t len);
/* Nodes made minus nodes freed on the calling thread so far: a memory
 * budget counts a tree by the difference before and after building it,
 * each node at about FIELD_NODE_COST bytes with its value. */
size_t field_nodes_made(void);
#define FIELD_NODE_COST 96
/* Appends a child; value is printf-formatted (fmt may be NULL).  Called
 * through field_add, which does nothing for a NULL parent. */
field_t *field_add_node(field_t *parent, const char *name, size_t off, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A child whose value is the hex of p[0..n). */
field_t *field_add_hex(field_t *parent, const char *name, size_t off, const uint8_t *p, size_t n);
void field_set_value_fmt(field_t *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A NULL node (a lean parse builds no tree) costs nothing here, not even
 * the value's arguments: parsers label every list item through these.
 * The node expression is evaluated twice; pass a variable. */
#define field_add(parent, ...) ((parent) ? field_add_node((parent), __VA_ARGS__) : (field_t *)NULL)
#define field_set_value(f, ...) do { if (f) field_set_value_fmt((f), __VA_ARGS__); } while (0)
void field_set_span(field_t *f, size_t off, size_t len);
void field_flag(field_t *f, uint32_t flags);
/* First child with this name, or NULL. */
field_t *field_find(const field_t *parent, const char *name);
void field_free(field_t *root);

#endif
