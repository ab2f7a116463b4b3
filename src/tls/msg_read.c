/* msg_read.c - the cursor reads the message parsers use: each one adds the
 * field node for what it read and, when the bytes are not there or not
 * allowed, notes a one-line reason on the message and flags the node.
 * Labels for registry code points live here too.
 *
 * Must not: touch wire bytes other than through the cursor, or decide what
 * a message means (that is the parsers' job). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "msg_priv.h"

/* RFC 8446 4.1.3: the special value of Random for a HelloRetryRequest,
 * SHA-256 of "HelloRetryRequest". */
const uint8_t msg_hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

err_t msg_fail(msg_t *m, field_t *node, err_t e, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	msg_note(m, "%s: %s", msg_type_name(m), text);
	field_flag(node, FIELD_ERROR);
	return e;
}

err_t msg_uint(msg_t *m, cursor_t *c, field_t *parent, const char *name, unsigned n,
	       uint32_t *out, field_t **node)
{
	size_t pos = cursor_pos(c), left = cursor_left(c);
	field_t *f;
	uint8_t u8 = 0;
	uint16_t u16 = 0;
	uint32_t v = 0;
	err_t e = ERR_BAD_VALUE;

	*out = 0;
	if (node)
		*node = NULL;
	if (left < n) {
		f = field_add(parent, name, pos, left, "cut off");
		if (node)
			*node = f;
		return msg_fail(m, f, ERR_TRUNCATED, "%s is cut off: it needs %u bytes, only %zu remain",
				name, n, left);
	}
	switch (n) {
	case 1: e = cursor_u8(c, &u8); v = u8; break;
	case 2: e = cursor_u16(c, &u16); v = u16; break;
	case 3: e = cursor_u24(c, &v); break;
	case 4: e = cursor_u32(c, &v); break;
	}
	if (e != ERR_OK)
		return msg_fail(m, parent, e, "%s: %s", name, err_str(e));
	f = field_add(parent, name, pos, n, "%u", (unsigned)v);
	/* RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ... }
	 * Handshake: the type byte opening a handshake message frames it
	 * (parse_handshake reads it here; its length goes through vec_open). */
	if (parent && parent == m->root && pos == 0 && m->type == CT_HANDSHAKE)
		field_flag(f, FIELD_FRAMING);
	if (node)
		*node = f;
	*out = v;
	return ERR_OK;
}

err_t msg_frame_uint(msg_t *m, cursor_t *c, field_t *parent, const char *name, unsigned n,
		     uint32_t *out, field_t **node)
{
	field_t *f = NULL;
	err_t e = msg_uint(m, c, parent, name, n, out, &f);

	field_flag(f, FIELD_FRAMING);   /* also when cut off: still a length, not content */
	if (node)
		*node = f;
	return e;
}

err_t msg_fixed(msg_t *m, cursor_t *c, field_t *parent, const char *name, size_t n,
		slice_t *out, field_t **node)
{
	size_t pos = cursor_pos(c), left = cursor_left(c);
	field_t *f;

	if (node)
		*node = NULL;
	if (left < n || cursor_bytes(c, n, out) != ERR_OK) {
		f = field_add(parent, name, pos, left, "cut off");
		if (node)
			*node = f;
		return msg_fail(m, f, ERR_TRUNCATED, "%s is cut off: it needs %zu bytes, only %zu remain",
				name, n, left);
	}
	f = field_add_hex(parent, name, pos, out->ptr, out->len);
	if (node)
		*node = f;
	return ERR_OK;
}

unsigned msg_vec_len_bytes(const msg_vec_t *v)
{
	return v->ceiling <= 0xff ? 1 : v->ceiling <= 0xffff ? 2 : v->ceiling <= 0xffffff ? 3 : 4;
}

/* The length prefix and its checks; the caller adds the contents node. */
static err_t vec_open(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, cursor_t *sub,
		      field_t **len_node)
{
	const char *len_name = v->len_name ? v->len_name : v->name;
	const char *what = v->name ? v->name : v->len_name;
	unsigned lenbytes = msg_vec_len_bytes(v);
	cursor_t peek = *c;
	uint32_t len = 0;
	field_t *lf;
	err_t e;

	TRY(msg_frame_uint(m, &peek, parent, len_name, lenbytes, &len, &lf));
	if (len < v->floor)
		return msg_fail(m, lf, ERR_BAD_LENGTH, "%s is %u bytes; the RFC requires at least %u",
				what, (unsigned)len, (unsigned)v->floor);
	if (len > v->ceiling)
		return msg_fail(m, lf, ERR_BAD_LENGTH, "%s is %u bytes; the RFC allows at most %u",
				what, (unsigned)len, (unsigned)v->ceiling);
	if (len > cursor_left(&peek))
		return msg_fail(m, lf, ERR_TRUNCATED, "%s says %u bytes but only %zu remain",
				what, (unsigned)len, cursor_left(&peek));
	e = cursor_open_range(c, lenbytes, v->floor, v->ceiling, sub);
	if (e != ERR_OK)
		return msg_fail(m, lf, e, "%s: %s", what, err_str(e));
	if (len_node)
		*len_node = lf;
	return ERR_OK;
}

err_t msg_vec(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, cursor_t *sub, field_t **node)
{
	field_t *f = NULL;

	if (node)
		*node = NULL;
	TRY(vec_open(m, c, parent, v, sub, NULL));
	if (v->name)
		f = field_add(parent, v->name, cursor_pos(sub), cursor_left(sub), NULL);
	if (node)
		*node = f;
	if (v->elem > 1) {
		field_flag(f, FIELD_LIST);
		/* RFC 8446 3.4: the length is in bytes; a vector of uint16 must be even. */
		if (cursor_left(sub) % v->elem)
			return msg_fail(m, f, ERR_BAD_LENGTH, "%s is %zu bytes, not a whole number of %u-byte values",
					v->name, cursor_left(sub), (unsigned)v->elem);
	}
	return ERR_OK;
}

err_t msg_opaque(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, span_t *span, field_t **node)
{
	cursor_t sub;
	slice_t s;
	size_t pos;
	field_t *f;

	if (node)
		*node = NULL;
	TRY(vec_open(m, c, parent, v, &sub, NULL));
	pos = cursor_pos(&sub);
	TRY(cursor_rest(&sub, &s));
	f = field_add_hex(parent, v->name, pos, s.ptr, s.len);
	if (node)
		*node = f;
	if (span)
		*span = (span_t){ (uint32_t)pos, (uint32_t)s.len };
	return ERR_OK;
}

err_t msg_item(msg_t *m, cursor_t *c, field_t *list, const msg_vec_t *v, cursor_t *sub, field_t **node)
{
	size_t start = cursor_pos(c);
	field_t *f = NULL;
	cursor_t peek;
	slice_t s;

	if (node)
		*node = NULL;
	TRY(vec_open(m, c, list, v, sub, &f));
	if (f)   /* the node is the item, prefix and contents: not framing */
		f->flags &= ~(uint32_t)FIELD_FRAMING;
	field_set_span(f, start, cursor_pos(c) - start);
	peek = *sub;
	if (cursor_rest(&peek, &s) == ERR_OK)
		msg_set_hex(f, s);
	if (node)
		*node = f;
	return ERR_OK;
}

err_t msg_carve(msg_t *m, cursor_t *c, field_t *parent, const char *name, size_t n, cursor_t *sub)
{
	size_t pos = cursor_pos(c), left = cursor_left(c);

	if (cursor_skip(c, n) != ERR_OK) {
		field_t *f = field_add(parent, name, pos, left, "cut off");
		return msg_fail(m, f, ERR_TRUNCATED, "%s should be %zu bytes but only %zu remain",
				name, n, left);
	}
	/* Offsets only: the sub-cursor covers [pos, pos + n) of the same buffer. */
	*sub = *c;
	sub->pos = pos;
	sub->end = pos + n;
	return ERR_OK;
}

err_t msg_u16_list(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v,
		   uint16_t **out, size_t *nout, field_t **node)
{
	cursor_t sub;
	field_t *list;
	uint16_t *vals = NULL;
	size_t n, i = 0;

	if (node)
		*node = NULL;
	ENSURE(v->elem == 2 && v->item && v->label, ERR_BAD_VALUE);   /* a spec written wrong */
	TRY(msg_vec(m, c, parent, v, &sub, &list));
	if (node)
		*node = list;
	n = cursor_left(&sub) / 2;
	field_set_value(list, "%zu", n);
	if (out && n) {
		vals = msg_mem(m, n * sizeof *vals);
		if (!vals)
			return msg_fail(m, list, ERR_NOMEM, "out of memory reading %s", v->name);
	}
	while (cursor_left(&sub)) {
		size_t pos = cursor_pos(&sub);
		uint16_t u;
		TRY(cursor_u16(&sub, &u));   /* cannot fail: the length is even */
		if (list)   /* lean: no tree, and no label lookups for it */
			field_add(list, v->item, pos, 2, "%s (0x%04x)", v->label(u), u);
		if (vals)
			vals[i++] = u;
	}
	if (out) {
		msg_mem_free(m, *out);
		*out = vals;
		*nout = i;
	}
	return msg_close(m, &sub, list, v->name);
}

err_t msg_u8_list(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, field_t **node)
{
	cursor_t sub;
	field_t *list, *f;
	uint32_t u;

	if (node)
		*node = NULL;
	ENSURE(v->item && v->names, ERR_BAD_VALUE);   /* a spec written wrong */
	TRY(msg_vec(m, c, parent, v, &sub, &list));
	if (node)
		*node = list;
	field_flag(list, FIELD_LIST);
	while (cursor_left(&sub)) {
		TRY(msg_uint(m, &sub, list, v->item, 1, &u, &f));
		field_set_value(f, "%s (%u)", msg_label_enum(v->names, v->nnames, u), (unsigned)u);
	}
	return ERR_OK;
}

err_t msg_close(msg_t *m, const cursor_t *sub, field_t *parent, const char *what)
{
	cursor_t rest = *sub;
	size_t pos = cursor_pos(sub), left = cursor_left(sub);
	slice_t s;
	field_t *f;

	if (cursor_close(sub) == ERR_OK)
		return ERR_OK;
	if (cursor_rest(&rest, &s) != ERR_OK)
		s = slice_make(NULL, 0);
	f = field_add_hex(parent, "unexpected_bytes", pos, s.ptr, s.len);
	return msg_fail(m, f, ERR_TRAILING, "%zu unexpected bytes at the end of %s", left, what);
}

err_t msg_done(msg_t *m, const cursor_t *body, field_t *root)
{
	cursor_t rest = *body;
	size_t pos = cursor_pos(body), left = cursor_left(body);
	slice_t s;
	field_t *f;

	if (cursor_close(body) == ERR_OK)
		return ERR_OK;
	if (cursor_rest(&rest, &s) != ERR_OK)
		s = slice_make(NULL, 0);
	f = field_add_hex(root, "trailing_bytes", pos, s.ptr, s.len);
	return msg_fail(m, f, ERR_TRAILING, "%zu bytes follow the last field of the message", left);
}

void msg_set_hex(field_t *f, slice_t s)
{
	char *t = bytes_hex_dup(s.ptr, s.len);

	if (t)
		field_set_value(f, "%s", t);
	free(t);
}

void msg_set_text(field_t *f, slice_t s)
{
	static const char hexd[] = "0123456789abcdef";
	char *t;
	size_t i, j = 0;

	if (!f)
		return;
	t = malloc(s.len * 4 + 1);
	if (!t)
		return;
	for (i = 0; i < s.len; i++) {
		uint8_t b = s.ptr[i];
		if (b >= 0x20 && b < 0x7f && b != '\\') {
			t[j++] = (char)b;
		} else {
			t[j++] = '\\';
			t[j++] = 'x';
			t[j++] = hexd[b >> 4];
			t[j++] = hexd[b & 15];
		}
	}
	t[j] = '\0';
	field_set_value(f, "%s", t);
	free(t);
}

const char *msg_label_version(uint16_t v)
{
	const char *n = reg_version_name(v);

	if (n)
		return n;
	if (grease_is(v))
		return "GREASE";
	if (v >> 8 == 0x7f)
		return "TLS 1.3 draft";
	if (v == 0x0002)
		return "SSL 2.0";
	return "unknown";
}

/* The registry's name when there is one, else GREASE or unknown. */
static const char *msg_label_or(const char *name, uint16_t v)
{
	return name ? name : grease_is(v) ? "GREASE" : "unknown";
}

const char *msg_label_suite(uint16_t v)
{
	const suite_info_t *s = suite_find(v);

	return msg_label_or(s ? s->name : NULL, v);
}

const char *msg_label_group(uint16_t v)
{
	const group_info_t *g = group_find(v);

	return msg_label_or(g ? g->name : NULL, v);
}

const char *msg_label_sigscheme(uint16_t v)
{
	const sigscheme_info_t *s = sigscheme_find(v);

	return msg_label_or(s ? s->name : NULL, v);
}

const char *msg_label_ext(uint16_t v)
{
	const ext_info_t *e = ext_find(v);

	/* IANA: 40 "Reserved"; draft-ietf-tls-tls13-22 and before: key_share. */
	if (v == 40)
		return "key_share (TLS 1.3 drafts)";
	return msg_label_or(e ? e->name : NULL, v);
}

const char *msg_label_enum(const char *const *names, size_t n, unsigned v)
{
	return v < n && names[v] ? names[v] : "unknown";
}
