/* msg_testutil.c - shared helpers of the message parser tests (see
 * msg_testutil.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "msg_testutil.h"

void bb_u8(bb_t *b, unsigned v)
{
	if (b->n >= sizeof b->b) {
		fprintf(stderr, "bb: test message too large\n");
		abort();
	}
	b->b[b->n++] = (uint8_t)v;
}

void bb_u16(bb_t *b, unsigned v) { bb_u8(b, v >> 8); bb_u8(b, v); }
void bb_u24(bb_t *b, unsigned long v) { bb_u8(b, (unsigned)(v >> 16)); bb_u16(b, (unsigned)v & 0xffff); }
void bb_u32(bb_t *b, unsigned long v) { bb_u16(b, (unsigned)(v >> 16)); bb_u16(b, (unsigned)v & 0xffff); }

void bb_hex(bb_t *b, const char *hex)
{
	uint8_t tmp[4096];
	size_t n = test_unhex(hex, tmp, sizeof tmp);
	bb_bytes(b, tmp, n);
}

void bb_bytes(bb_t *b, const void *p, size_t n)
{
	const uint8_t *q = p;
	size_t i;

	for (i = 0; i < n; i++)
		bb_u8(b, q[i]);
}

void bb_fill(bb_t *b, uint8_t v, size_t n)
{
	while (n--)
		bb_u8(b, v);
}

void bb_open(bb_t *b, unsigned width)
{
	b->mark[b->depth] = b->n;
	b->width[b->depth++] = width;
	bb_fill(b, 0, width);
}

void bb_close(bb_t *b)
{
	size_t at, len;
	unsigned w, i;

	b->depth--;
	at = b->mark[b->depth];
	w = b->width[b->depth];
	len = b->n - at - w;
	for (i = 0; i < w; i++)
		b->b[at + i] = (uint8_t)(len >> (8 * (w - 1 - i)));
}

void bb_hs(bb_t *b, uint8_t hs_type)
{
	bb_u8(b, hs_type);
	bb_open(b, 3);
}

msg_t *mt_parse(uint8_t ct, bool sslv2, const uint8_t *p, size_t n, const msg_ctx_t *ctx, err_t *e)
{
	msg_t *m = msg_new(ct, ctx ? ctx->sender : SIDE_CLIENT);

	if (!m || buf_set(&m->raw, p, n) != ERR_OK) {
		fprintf(stderr, "mt_parse: out of memory\n");
		abort();
	}
	m->hello.sslv2 = sslv2;
	*e = msg_parse(m, ctx);
	return m;
}

msg_t *mt_parse_hex(uint8_t ct, const char *hex, const msg_ctx_t *ctx, err_t *e)
{
	static uint8_t tmp[8192];
	size_t n = test_unhex(hex, tmp, sizeof tmp);
	return mt_parse(ct, false, tmp, n, ctx, e);
}

field_t *mt_path(const field_t *root, const char *path)
{
	const field_t *f = root;
	char tok[64];

	while (f && *path) {
		size_t n = strcspn(path, "/");
		if (n >= sizeof tok)
			return NULL;
		memcpy(tok, path, n);
		tok[n] = '\0';
		path += n + (path[n] == '/');
		if (tok[0] >= '0' && tok[0] <= '9') {
			long i = strtol(tok, NULL, 10);
			const field_t *k = f->kids;
			while (k && i-- > 0)
				k = k->next;
			f = k;
		} else {
			f = field_find(f, tok);
		}
	}
	return (field_t *)f;
}

const char *mt_val(const field_t *root, const char *path)
{
	const field_t *f = mt_path(root, path);
	return f && f->value ? f->value : "";
}

bool mt_has_error(const field_t *f)
{
	for (; f; f = f->next)
		if ((f->flags & FIELD_ERROR) || mt_has_error(f->kids))
			return true;
	return false;
}

static bool spans_within(const field_t *f, size_t lo, size_t hi)
{
	for (; f; f = f->next) {
		if (f->off < lo || (size_t)f->off + f->len > hi) {
			fprintf(stderr, "span of %s (%u+%u) is outside %zu..%zu\n", f->name, (unsigned)f->off,
				(unsigned)f->len, lo, hi);
			return false;
		}
		if (!spans_within(f->kids, f->off, (size_t)f->off + f->len))
			return false;
	}
	return true;
}

bool mt_spans_ok(const field_t *root, size_t rawlen)
{
	return root && spans_within(root, 0, rawlen);
}

bool mt_note_has(const msg_t *m, const char *needle)
{
	size_t i;

	for (i = 0; i < m->nnotes; i++)
		if (strstr(m->notes[i], needle))
			return true;
	return false;
}

void mt_check_valid(uint8_t ct, const uint8_t *p, size_t n, const msg_ctx_t *ctx)
{
	err_t e;
	msg_t *m = mt_parse(ct, false, p, n, ctx, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	if (e != ERR_OK && m->nnotes)
		fprintf(stderr, "\n  unexpected: %s\n", m->notes[0]);
	CU_ASSERT_FALSE(mt_has_error(m->root));
	CU_ASSERT_TRUE(mt_spans_ok(m->root, n));
	msg_free(m);
}

/* One broken input: an error (not "unsupported"), at least one note, a flagged node. */
static bool broken_ok(uint8_t ct, bool sslv2, const uint8_t *p, size_t n, const msg_ctx_t *ctx,
		      const char *what, size_t k)
{
	err_t e;
	msg_t *m = mt_parse(ct, sslv2, p, n, ctx, &e);
	bool ok = e != ERR_OK && e != ERR_UNSUPPORTED && m->nnotes > 0 && mt_has_error(m->root)
		  && mt_spans_ok(m->root, n);

	if (!ok)
		fprintf(stderr, "\n  %s %zu: error %d, %zu notes, flagged %d (%s)\n", what, k, (int)e,
			m->nnotes, (int)mt_has_error(m->root), m->nnotes ? m->notes[0] : "-");
	msg_free(m);
	return ok;
}

static bool listed(size_t v, const size_t *ok, size_t nok)
{
	size_t i;

	for (i = 0; i < nok; i++)
		if (ok[i] == v)
			return true;
	return false;
}

void mt_check_broken(uint8_t ct, const uint8_t *p, size_t n, const msg_ctx_t *ctx, unsigned flags,
		     const size_t *ok, size_t nok)
{
	static uint8_t tmp[16384 + 1];
	bool sslv2 = flags & MT_SSLV2;
	size_t k, bad = 0, body;

	CU_ASSERT_FATAL(n < sizeof tmp);
	/* Every prefix, as the record layer might hand it over. */
	for (k = 0; k < n; k++)
		bad += !broken_ok(ct, sslv2, p, k, ctx, "prefix", k);
	/* One byte too many after the message. */
	memcpy(tmp, p, n);
	tmp[n] = 0;
	bad += !broken_ok(ct, sslv2, tmp, n + 1, ctx, "overlong", n + 1);
	if (ct == CT_HANDSHAKE && !sslv2 && n >= 4) {
		body = n - 4;
		/* Each body prefix with a header that agrees: the parser itself must notice. */
		for (k = 0; !(flags & MT_NO_BODY) && k < body; k++) {
			if (listed(k, ok, nok))
				continue;
			memcpy(tmp, p, 4 + k);
			tmp[1] = (uint8_t)(k >> 16);
			tmp[2] = (uint8_t)(k >> 8);
			tmp[3] = (uint8_t)k;
			bad += !broken_ok(ct, false, tmp, 4 + k, ctx, "body prefix", k);
		}
		/* One byte more inside the body, header agreeing. */
		if (!(flags & MT_TAIL_OK)) {
			memcpy(tmp, p, n);
			tmp[n] = 0;
			tmp[1] = (uint8_t)((body + 1) >> 16);
			tmp[2] = (uint8_t)((body + 1) >> 8);
			tmp[3] = (uint8_t)(body + 1);
			bad += !broken_ok(ct, false, tmp, n + 1, ctx, "longer body", body + 1);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}
