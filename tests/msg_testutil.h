/* msg_testutil.h - what the message parser tests share: a byte builder
 * for hand-made messages, parsing bytes into a msg_t, walking the field
 * tree, and the systematic checks every parser gets (each prefix of a
 * valid message fails, an extra byte fails, spans stay inside the
 * message). */
#ifndef TLSTRACE_MSG_TESTUTIL_H
#define TLSTRACE_MSG_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "tls/msg.h"

/* A byte builder: vectors opened with a length width are patched on close. */
typedef struct {
	uint8_t b[16384];
	size_t n;
	size_t mark[16];
	unsigned width[16];
	int depth;
} bb_t;

void bb_u8(bb_t *b, unsigned v);
void bb_u16(bb_t *b, unsigned v);
void bb_u24(bb_t *b, unsigned long v);
void bb_u32(bb_t *b, unsigned long v);
void bb_hex(bb_t *b, const char *hex);
void bb_bytes(bb_t *b, const void *p, size_t n);
void bb_fill(bb_t *b, uint8_t v, size_t n);
void bb_open(bb_t *b, unsigned width);
void bb_close(bb_t *b);
/* A handshake header (type, uint24 length opened); close with bb_close. */
void bb_hs(bb_t *b, uint8_t hs_type);

/* Parses n bytes as a message of content type ct (sslv2: flagged as an
 * SSLv2-format ClientHello).  The message is returned for inspection;
 * *e gets msg_parse's result. */
msg_t *mt_parse(uint8_t ct, bool sslv2, const uint8_t *p, size_t n, const msg_ctx_t *ctx, err_t *e);
msg_t *mt_parse_hex(uint8_t ct, const char *hex, const msg_ctx_t *ctx, err_t *e);

/* "a/b/2/c": names, or a number for the n-th child (0-based). */
field_t *mt_path(const field_t *root, const char *path);
/* The node's value, or "" when absent. */
const char *mt_val(const field_t *root, const char *path);
bool mt_has_error(const field_t *f);
/* Every node's span lies within the message and within its parent's. */
bool mt_spans_ok(const field_t *root, size_t rawlen);
bool mt_note_has(const msg_t *m, const char *needle);

/* A valid message: ERR_OK, no node flagged, spans sane. */
void mt_check_valid(uint8_t ct, const uint8_t *p, size_t n, const msg_ctx_t *ctx);

enum {
	MT_SSLV2   = 1 << 0,  /* the bytes are an SSLv2-format ClientHello */
	MT_NO_BODY = 1 << 1,  /* skip the body-prefix pass (any body length is valid) */
	MT_TAIL_OK = 1 << 2,  /* one more byte inside the body is still valid */
};
/* Every prefix of the valid message p[0..n) fails with a note and a
 * flagged node, and so does p plus one byte.  For handshake messages each
 * body prefix (header length patched to match) fails too, except the body
 * lengths in ok[0..nok). */
void mt_check_broken(uint8_t ct, const uint8_t *p, size_t n, const msg_ctx_t *ctx, unsigned flags,
		     const size_t *ok, size_t nok);

#endif
