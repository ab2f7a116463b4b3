/* msg_priv.h - what the message parsers (msg*.c) share and nobody else
 * uses: cursor reads that also add a field node and, on failure, a note
 * and an error flag; labels for registry values; the per-message parsers
 * msg.c dispatches to.
 *
 * Conventions every parser follows:
 *  - every read goes through the cursor (src/base/cursor.h) or the helpers
 *    below, which wrap it; no pointer arithmetic on wire data;
 *  - a length-prefixed vector is described by a const msg_vec_t that
 *    mirrors its RFC line, and gives two sibling nodes, "<name>_length"
 *    (the prefix) and "<name>" (the contents), so every byte of the
 *    message belongs to a node; MSG_VEC_NAME("name") spells both names;
 *  - lengths and type codes are flagged FIELD_FRAMING where they are read
 *    (msg_frame_uint, and every vector prefix); views test the flag, never
 *    the name;
 *  - a helper that fails has already noted the reason on the message and
 *    flagged the node FIELD_ERROR: callers just TRY() it. */
#ifndef TLSTRACE_MSG_PRIV_H
#define TLSTRACE_MSG_PRIV_H

#include "base/cursor.h"
#include "msg.h"

/* A length-prefixed vector as the RFC declares it (RFC 8446 3.4), e.g.
 *   CipherSuite cipher_suites<2..2^16-2>;
 * is { MSG_VEC_NAME("cipher_suites"), .floor = 2, .ceiling = 0xfffe,
 *      .elem = 2, .item = "cipher_suite", .label = msg_label_suite }.
 * floor and ceiling count bytes; the prefix is as wide as the ceiling
 * needs ("the number of bytes required to hold the vector's specified
 * maximum length", RFC 8446 3.4).  Parsers keep them as static const
 * next to the RFC line they quote. */
typedef const char *(*msg_label_fn)(uint16_t v);
typedef struct {
	const char *len_name;    /* the prefix's node, "<name>_length"; NULL for a list item,
	                            whose one node (name) spans prefix and contents */
	const char *name;        /* the contents' node; NULL: the caller adds none */
	uint32_t floor, ceiling; /* <floor..ceiling>, in bytes */
	uint8_t elem;            /* bytes per element when > 1: the length must be a multiple,
	                            and the contents node is a list (FIELD_LIST) */
	const char *item;        /* msg_u16_list, msg_u8_list: each element's node */
	msg_label_fn label;      /* msg_u16_list: each element's label */
	const char *const *names;   /* msg_u8_list: each element's name by value (MSG_ENUM) */
	size_t nnames;
} msg_vec_t;
#define MSG_VEC_NAME(n) .len_name = n "_length", .name = n

/* The prefix width the ceiling implies: 1, 2 or 3 bytes (4 beyond 2^24-1). */
unsigned msg_vec_len_bytes(const msg_vec_t *v);

/* Where an extension block sits: decides how ambiguous extensions decode. */
typedef enum {
	EXT_IN_CH,      /* ClientHello */
	EXT_IN_SH,      /* ServerHello */
	EXT_IN_HRR,     /* HelloRetryRequest */
	EXT_IN_EE,      /* EncryptedExtensions */
	EXT_IN_CERT,    /* TLS 1.3 CertificateEntry */
	EXT_IN_CR,      /* TLS 1.3 CertificateRequest */
	EXT_IN_NST      /* TLS 1.3 NewSessionTicket */
} ext_where_t;

/* Memory that belongs to a message (lists of its facts): from its arena
 * when it has one, else the heap.  msg_mem_free ignores arena memory;
 * msg_mem_push makes room for element n of a list of `size`-byte elements
 * by doubling (vec_push's rule, in the arena or on the heap): lists grow in linear
 * time whatever a hostile message packs into them. */
void *msg_mem(msg_t *m, size_t n);
void  msg_mem_free(msg_t *m, void *p);
void *msg_mem_push(msg_t *m, void *list, size_t n, size_t size);

/* Notes "<MessageName>: <text>" on m, flags node FIELD_ERROR, returns e. */
err_t msg_fail(msg_t *m, field_t *node, err_t e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5))) WUR;

/* Reads a big-endian integer of n (1..4) bytes; adds node "name" with its
 * decimal value (callers may replace it with field_set_value). */
err_t msg_uint(msg_t *m, cursor_t *c, field_t *parent, const char *name, unsigned n,
	       uint32_t *out, field_t **node) WUR;
/* msg_uint for a length or a type code: the node is flagged FIELD_FRAMING
 * (even when cut off), so views can tell layout from content. */
err_t msg_frame_uint(msg_t *m, cursor_t *c, field_t *parent, const char *name, unsigned n,
		     uint32_t *out, field_t **node) WUR;
/* Reads n fixed bytes; adds node "name" with their hex. */
err_t msg_fixed(msg_t *m, cursor_t *c, field_t *parent, const char *name, size_t n,
		slice_t *out, field_t **node) WUR;
/* Opens the vector v at c: checks its length against floor..ceiling (and
 * elem), adds "<name>_length" and, if v->name is not NULL, "<name>"
 * spanning the contents (returned in *node, value NULL). */
err_t msg_vec(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, cursor_t *sub,
	      field_t **node) WUR;
/* msg_vec for opaque contents: the "<name>" node holds their hex; *span
 * (may be NULL) receives where they are. */
err_t msg_opaque(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, span_t *span,
		 field_t **node) WUR;
/* One item of a list that is itself a vector (ProtocolName, DistinguishedName,
 * PskBinderEntry; v->len_name NULL): a single node v->name spanning prefix
 * and contents, its value the contents' hex until the caller sets another. */
err_t msg_item(msg_t *m, cursor_t *c, field_t *list, const msg_vec_t *v, cursor_t *sub,
	       field_t **node) WUR;
/* Carves a sub-cursor of exactly n bytes (for the SSLv2 hello, whose
 * lengths come before the data they measure). */
err_t msg_carve(msg_t *m, cursor_t *c, field_t *parent, const char *name, size_t n, cursor_t *sub) WUR;
/* A vector of 16-bit code points (v->elem 2), each a node v->item shown
 * with v->label; *out and *nout (may be NULL) receive an owned copy. */
err_t msg_u16_list(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v,
		   uint16_t **out, size_t *nout, field_t **node) WUR;
/* A vector of one-byte enum values, each a node v->item labelled from
 * v->names ("name (value)"); the list node is returned in *node. */
err_t msg_u8_list(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v, field_t **node) WUR;
/* ERR_TRAILING (with an "unexpected_bytes" node under parent) unless sub
 * was read to its end; what names the vector in the note. */
err_t msg_close(msg_t *m, const cursor_t *sub, field_t *parent, const char *what) WUR;
/* The same for the end of the message body. */
err_t msg_done(msg_t *m, const cursor_t *body, field_t *root) WUR;
/* Sets f's value to the bytes in hex. */
void msg_set_hex(field_t *f, slice_t s);
/* Sets f's value to the bytes as text, non-printables as \xNN. */
void msg_set_text(field_t *f, slice_t s);

/* Labels: the registry name, "GREASE", or "unknown"; never NULL. */
const char *msg_label_version(uint16_t v);
const char *msg_label_suite(uint16_t v);
const char *msg_label_group(uint16_t v);
const char *msg_label_sigscheme(uint16_t v);
const char *msg_label_ext(uint16_t v);
/* A name from a small designated-initializer table, or "unknown". */
const char *msg_label_enum(const char *const *names, size_t n, unsigned v);
#define MSG_ENUM(tab, v) msg_label_enum((tab), sizeof(tab) / sizeof((tab)[0]), (v))

/* Signatures name their algorithm from TLS 1.2 on (RFC 5246 4.7); an
 * unknown version (0) is read as TLS 1.2. */
static inline bool msg_has_sig_alg(const msg_ctx_t *ctx)
{
	return !(ctx->version >= VER_SSL30 && ctx->version < VER_TLS12);
}

/* The SHA-256 hash of "HelloRetryRequest" (RFC 8446 4.1.3). */
extern const uint8_t msg_hrr_random[32];

/* Parsers of one message body; body spans exactly the body, root is the
 * message node.  Each returns ERR_OK or the first error (noted). */
typedef err_t (*msg_body_fn)(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root);
err_t msg_parse_client_hello(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_sslv2_hello(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_server_hello(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_hello_verify(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_certificate(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_cert_request(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_cert_verify(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_cert_status(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_server_kx(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;
err_t msg_parse_client_kx(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;

/* DistinguishedName <name><floor..2^16-1> as v describes it (each
 * DN<1..2^16-1>), each item shown as RFC 4514 text (msg_cert.c). */
err_t msg_dn_list(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v) WUR;

/* Extension<min..2^16-1> extensions, at the cursor (msg_ext.c).  When
 * optional, an absent block (no bytes left) is fine (RFC 5246 7.4.1.2).
 * For hellos, the types go to m->hello.exts. */
err_t msg_extensions(msg_t *m, const msg_ctx_t *ctx, cursor_t *c, field_t *parent,
		     ext_where_t where, size_t min, bool optional) WUR;

/* A digitally-signed element (algorithm when the version has one, then the
 * signature), recorded in m->sig_scheme and m->signature. */
err_t msg_signature(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root) WUR;

#endif
