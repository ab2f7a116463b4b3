/* msg.c - a decoded TLS message: its life (new, notes, free), the dispatch
 * from content and handshake type to a parser, and the small messages:
 * ChangeCipherSpec, Alert, HelloRequest, ServerHelloDone, EndOfEarlyData,
 * EncryptedExtensions, NewSessionTicket, Finished, KeyUpdate.
 *
 * Sans-I/O: it reads only msg_t.raw, through the cursor.  It must not
 * decide what a message means for the handshake (that is the step
 * classifier's job), only what its bytes say. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/vec.h"
#include "msg_priv.h"
#include "base/strfmt.h"

msg_t *msg_new(uint8_t type, int sender)
{
	msg_t *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->type = type;
	m->sender = sender;
	return m;
}

msg_t *msg_new_in(arena_t *a, uint8_t type, int sender, const uint8_t *raw, size_t n)
{
	msg_t *m;

	if (!a) {
		m = msg_new(type, sender);
		if (m && buf_set(&m->raw, raw, n) != ERR_OK) {
			msg_free(m);
			return NULL;
		}
		return m;
	}
	m = arena_zalloc(a, sizeof *m);
	if (!m)
		return NULL;
	m->raw.ptr = arena_dup(a, raw, n);
	if (!m->raw.ptr)
		return NULL;
	m->raw.len = n;
	m->arena = a;
	m->type = type;
	m->sender = sender;
	return m;
}

void *msg_mem(msg_t *m, size_t n)
{
	return m->arena ? arena_alloc(m->arena, n) : malloc(n);
}

void msg_mem_free(msg_t *m, void *p)
{
	if (!m->arena)
		free(p);
}

void *msg_mem_push(msg_t *m, void *list, size_t n, size_t size)
{
	return m->arena ? vec_push_arena(m->arena, list, n, size) : vec_push(list, n, size);
}

/* Drops the tree and the facts of an earlier parse; keeps raw, the notes,
 * and hello.sslv2 (set by the record layer, see msg.h). */
static void msg_clear(msg_t *m)
{
	bool sslv2 = m->hello.sslv2;

	field_free(m->root);
	m->root = NULL;
	msg_mem_free(m, m->hello.suites);
	msg_mem_free(m, m->hello.exts);
	msg_mem_free(m, m->hello.versions);
	msg_mem_free(m, m->hello.sni);
	msg_mem_free(m, m->certs);
	memset(&m->hello, 0, sizeof m->hello);
	m->hello.sslv2 = sslv2;
	m->certs = NULL;
	m->ncerts = 0;
	m->exchange = m->verify_data = m->ticket = m->ticket_nonce = m->signature = m->dh_p = (span_t){ 0, 0 };
	m->ske_group = m->sig_scheme = 0;
	m->alert_level = m->alert_desc = 0;
	m->ticket_lifetime = m->ticket_age_add = 0;
	m->key_update_request = 0;
}

void msg_free(msg_t *m)
{
	size_t i;

	if (!m)
		return;
	if (m->arena) {   /* all but the tree dies with the arena */
		field_free(m->root);
		return;
	}
	msg_clear(m);
	buf_free(&m->raw);
	for (i = 0; i < m->nnotes; i++)
		free(m->notes[i]);
	free(m->notes);
	free(m);
}

void msg_note(msg_t *m, const char *fmt, ...)
{
	va_list ap;

	if (!m)
		return;
	va_start(ap, fmt);
	msg_note_text(m, str_vformat(fmt, ap));
	va_end(ap);
}

/* Appends a note that already lives in m's arena. */
static void msg_note_arena(msg_t *m, char *text)
{
	char **grown = vec_push_arena(m->arena, m->notes, m->nnotes, sizeof *grown);

	if (grown && text) {
		grown[m->nnotes++] = text;
		m->notes = grown;
	}
}

void msg_note_text(msg_t *m, char *text)
{
	if (!m || !m->arena) {
		if (m)
			str_list_push(&m->notes, &m->nnotes, text);
		else
			free(text);
		return;
	}
	if (text)
		msg_note_arena(m, arena_dup(m->arena, text, strlen(text) + 1));
	free(text);
}

void msg_note_join(msg_t *m, const char *first, ...)
{
	va_list ap;
	const char *p;
	size_t n = 0, at = 0, k;
	char *s;

	if (!m)
		return;
	va_start(ap, first);
	for (p = first; p; p = va_arg(ap, const char *))
		n += strlen(p);
	va_end(ap);
	s = m->arena ? arena_alloc(m->arena, n + 1) : malloc(n + 1);
	if (!s)
		return;
	va_start(ap, first);
	for (p = first; p; p = va_arg(ap, const char *)) {
		k = strlen(p);
		memcpy(s + at, p, k);
		at += k;
	}
	va_end(ap);
	s[at] = '\0';
	if (m->arena)
		msg_note_arena(m, s);
	else
		str_list_push(&m->notes, &m->nnotes, s);
}

const char *msg_type_name(const msg_t *m)
{
	const char *n;

	switch (m->type) {
	case CT_CHANGE_CIPHER_SPEC: return "ChangeCipherSpec";
	case CT_ALERT:              return "Alert";
	case CT_HANDSHAKE:
		if (m->opaque)
			return "EncryptedHandshake";
		if (m->hs_type == HS_SERVER_HELLO && m->hello.is_hrr)
			return "HelloRetryRequest";
		n = hs_type_name(m->hs_type);
		return n ? n : "UnknownHandshake";
	default:
		n = content_type_name(m->type);
		return n ? n : "Unknown";
	}
}

/* RFC 5246 7.4 / RFC 8446 4: struct {} HelloRequest, ServerHelloDone,
 * EndOfEarlyData: the body is empty. */
static err_t parse_empty(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	(void)ctx;
	return msg_done(m, body, root);
}

/* RFC 8446 4.3.1: struct { Extension extensions<0..2^16-1>; } EncryptedExtensions; */
static err_t parse_encrypted_extensions(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	TRY(msg_extensions(m, ctx, body, root, EXT_IN_EE, 0, false));
	return msg_done(m, body, root);
}

/* RFC 8446 4.6.1: servers MUST NOT use any value greater than 604800
 * seconds (7 days) for ticket_lifetime. */
#define TICKET_LIFETIME_MAX 604800u

static err_t parse_new_session_ticket(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	uint32_t v;
	field_t *f;

	if (ctx->version != VER_TLS13) {
		/* RFC 5077 3.3: struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket; */
		TRY(msg_uint(m, body, root, "ticket_lifetime_hint", 4, &v, &f));
		field_set_value(f, "%u seconds", (unsigned)v);
		m->ticket_lifetime = v;
		TRY(msg_opaque(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("ticket"), .floor = 0, .ceiling = 0xffff },
			       &m->ticket, NULL));
		return msg_done(m, body, root);
	}
	/* RFC 8446 4.6.1: uint32 ticket_lifetime; uint32 ticket_age_add;
	 * opaque ticket_nonce<0..255>; opaque ticket<1..2^16-1>;
	 * Extension extensions<0..2^16-2>; */
	TRY(msg_uint(m, body, root, "ticket_lifetime", 4, &v, &f));
	field_set_value(f, "%u seconds", (unsigned)v);
	m->ticket_lifetime = v;
	if (v > TICKET_LIFETIME_MAX)
		return msg_fail(m, f, ERR_BAD_VALUE, "ticket_lifetime is %u seconds; RFC 8446 4.6.1 allows at most 604800 (7 days)",
				(unsigned)v);
	TRY(msg_uint(m, body, root, "ticket_age_add", 4, &m->ticket_age_add, &f));
	TRY(msg_opaque(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("ticket_nonce"), .floor = 0, .ceiling = 255 },
		       &m->ticket_nonce, NULL));
	TRY(msg_opaque(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("ticket"), .floor = 1, .ceiling = 0xffff },
		       &m->ticket, NULL));
	TRY(msg_extensions(m, ctx, body, root, EXT_IN_NST, 0, false));
	return msg_done(m, body, root);
}

/* The verify_data length the negotiated version and suite call for; 0 when unknown. */
static size_t finished_len(const msg_ctx_t *ctx)
{
	switch (ctx->version) {
	case VER_SSL30:
		return 36;   /* RFC 6101 5.6.9: opaque md5_hash[16]; opaque sha_hash[20]; */
	case VER_TLS10: case VER_TLS11: case VER_TLS12:
		/* RFC 5246 7.4.9: verify_data_length defaults to 12; GOST suites (RFC 9189) use 32. */
		return ctx->suite && ctx->suite->prf == PRF_GOST ? 32 : 12;
	case VER_TLS13:
		/* RFC 8446 4.4.4: opaque verify_data[Hash.length]; */
		if (!ctx->suite)
			return 0;
		return ctx->suite->prf == PRF_SHA384 ? 48 : 32;
	default:
		return 0;
	}
}

/* RFC 5246 7.4.9 / RFC 8446 4.4.4: struct { opaque verify_data[...]; } Finished; */
static err_t parse_finished(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	size_t want = finished_len(ctx), left = cursor_left(body);
	size_t pos = cursor_pos(body);
	slice_t s;
	field_t *f;

	if (left == 0)
		return msg_fail(m, field_add(root, "verify_data", pos, 0, "empty"), ERR_BAD_LENGTH,
				"verify_data is empty");
	if (want && left != want)
		return msg_fail(m, field_add(root, "verify_data", pos, left, "%zu bytes", left), ERR_BAD_LENGTH,
				"verify_data is %zu bytes; %s with this suite needs %zu", left,
				msg_label_version(ctx->version), want);
	TRY(msg_fixed(m, body, root, "verify_data", left, &s, &f));
	m->verify_data = (span_t){ (uint32_t)pos, (uint32_t)left };
	if (ctx->version == VER_SSL30) {
		field_add_hex(f, "md5_hash", pos, s.ptr, 16);
		field_add_hex(f, "sha_hash", pos + 16, s.ptr + 16, 20);
	}
	return msg_done(m, body, root);
}

/* RFC 8446 4.6.3: enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 * struct { KeyUpdateRequest request_update; } KeyUpdate; */
static err_t parse_key_update(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const char *const names[] = { "update_not_requested", "update_requested" };
	uint32_t v;
	field_t *f;

	(void)ctx;
	TRY(msg_uint(m, body, root, "request_update", 1, &v, &f));
	field_set_value(f, "%s (%u)", MSG_ENUM(names, v), (unsigned)v);
	m->key_update_request = (uint8_t)v;
	if (v > 1)
		return msg_fail(m, f, ERR_BAD_VALUE, "request_update is %u; only 0 and 1 exist (RFC 8446 4.6.3)",
				(unsigned)v);
	return msg_done(m, body, root);
}

/* One table, indexed by HandshakeType: the node name and the parser. */
static const struct {
	const char *node;
	msg_body_fn parse;
} hs_parsers[256] = {
	[HS_HELLO_REQUEST]        = { "hello_request", parse_empty },
	[HS_CLIENT_HELLO]         = { "client_hello", msg_parse_client_hello },
	[HS_SERVER_HELLO]         = { "server_hello", msg_parse_server_hello },
	[HS_HELLO_VERIFY_REQUEST] = { "hello_verify_request", msg_parse_hello_verify },
	[HS_NEW_SESSION_TICKET]   = { "new_session_ticket", parse_new_session_ticket },
	[HS_END_OF_EARLY_DATA]    = { "end_of_early_data", parse_empty },
	[HS_ENCRYPTED_EXTENSIONS] = { "encrypted_extensions", parse_encrypted_extensions },
	[HS_CERTIFICATE]          = { "certificate", msg_parse_certificate },
	[HS_SERVER_KEY_EXCHANGE]  = { "server_key_exchange", msg_parse_server_kx },
	[HS_CERTIFICATE_REQUEST]  = { "certificate_request", msg_parse_cert_request },
	[HS_SERVER_HELLO_DONE]    = { "server_hello_done", parse_empty },
	[HS_CERTIFICATE_VERIFY]   = { "certificate_verify", msg_parse_cert_verify },
	[HS_CLIENT_KEY_EXCHANGE]  = { "client_key_exchange", msg_parse_client_kx },
	[HS_FINISHED]             = { "finished", parse_finished },
	[HS_CERTIFICATE_STATUS]   = { "certificate_status", msg_parse_cert_status },
	[HS_KEY_UPDATE]           = { "key_update", parse_key_update },
};

/* RFC 6347 4.2.2: struct { HandshakeType msg_type; uint24 length;
 * uint16 message_seq; uint24 fragment_offset; uint24 fragment_length;
 * ... body ... } Handshake;  The decoder hands over a message reassembled
 * from its fragments with the header it would have had in one fragment
 * (RFC 6347 4.2.6): fragment_offset 0 and fragment_length = length. */
static err_t parse_dtls_header(msg_t *m, cursor_t *c, cursor_t *body)
{
	uint32_t len, seq, off, flen;
	field_t *f;
	size_t at;

	TRY(msg_frame_uint(m, c, m->root, "length", 3, &len, NULL));
	TRY(msg_uint(m, c, m->root, "message_seq", 2, &seq, NULL));
	TRY(msg_frame_uint(m, c, m->root, "fragment_offset", 3, &off, &f));
	if (off != 0)
		return msg_fail(m, f, ERR_BAD_VALUE, "fragment_offset is %u; a whole message starts at 0", (unsigned)off);
	TRY(msg_frame_uint(m, c, m->root, "fragment_length", 3, &flen, &f));
	if (flen != len)
		return msg_fail(m, f, ERR_BAD_LENGTH, "fragment_length %u is not the message's length %u",
				(unsigned)flen, (unsigned)len);
	at = c->pos;
	if (cursor_skip(c, len) != ERR_OK)
		return msg_fail(m, f, ERR_TRUNCATED, "the body is cut short: %u bytes announced, %zu there",
				(unsigned)len, cursor_left(c));
	*body = (cursor_t){ c->base, at, at + len };
	return ERR_OK;
}

/* RFC 5246 7.4: struct { HandshakeType msg_type; uint24 length; ... body ... } Handshake;
 * (DTLS: parse_dtls_header) or, flagged by the record layer, RFC 5246 E.2's V2ClientHello from msg_type on. */
static err_t parse_handshake(msg_t *m, const msg_ctx_t *ctx, cursor_t *c)
{
	field_t *f;
	cursor_t body, peek;
	uint32_t type;
	slice_t s;
	size_t pos;

	if (!ctx->lean) {
		m->root = field_new_root("handshake", 0, m->raw.len);
		if (!m->root)
			return ERR_NOMEM;
	}
	if (cursor_left(c) == 0) {
		/* Not even a type byte: the name msg_type_name() would give is a guess. */
		msg_note(m, "Handshake: the message is empty, not even its type byte is there");
		field_flag(m->root, FIELD_ERROR);
		return ERR_TRUNCATED;
	}
	peek = *c;
	TRY(cursor_u8(&peek, &m->hs_type));   /* first, for the name the notes use */
	if (hs_parsers[m->hs_type].node && m->root)
		m->root->name = hs_parsers[m->hs_type].node;
	TRY(msg_uint(m, c, m->root, "msg_type", 1, &type, &f));
	field_set_value(f, "%s (%u)", hs_type_name((uint8_t)type) ? hs_type_name((uint8_t)type) : "unknown",
			(unsigned)type);
	if (m->hello.sslv2) {
		if (type != HS_CLIENT_HELLO)
			return msg_fail(m, f, ERR_BAD_VALUE, "an SSLv2-format hello must have msg_type 1, not %u",
					(unsigned)type);
		return msg_parse_sslv2_hello(m, ctx, c, m->root);
	}
	if (m->dtls)
		TRY(parse_dtls_header(m, c, &body));
	else
		TRY(msg_vec(m, c, m->root, &(const msg_vec_t){ .len_name = "length", .floor = 0, .ceiling = 0xffffff },
			    &body, NULL));
	if (!hs_parsers[type].parse) {
		pos = cursor_pos(&body);
		TRY(cursor_rest(&body, &s));
		field_add_hex(m->root, "body", pos, s.ptr, s.len);
		msg_note(m, "%s: handshake type %u is not decoded here; its body is kept as bytes", msg_type_name(m),
			 (unsigned)type);
		return cursor_left(c) ? msg_done(m, c, m->root) : ERR_UNSUPPORTED;
	}
	TRY(hs_parsers[type].parse(m, ctx, &body, m->root));
	/* The record layer cuts one message per msg_t: nothing may follow it. */
	return msg_done(m, c, m->root);
}

/* RFC 5246 7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec; */
static err_t parse_ccs(msg_t *m, cursor_t *c, bool lean)
{
	uint32_t v;
	field_t *f;

	if (!lean) {
		m->root = field_new_root("change_cipher_spec", 0, m->raw.len);
		if (!m->root)
			return ERR_NOMEM;
	}
	TRY(msg_uint(m, c, m->root, "type", 1, &v, &f));
	field_set_value(f, "%s (%u)", v == 1 ? "change_cipher_spec" : "unknown", (unsigned)v);
	if (v != 1)
		return msg_fail(m, f, ERR_BAD_VALUE, "the type byte is %u; RFC 5246 7.1 allows only 1", (unsigned)v);
	return msg_done(m, c, m->root);
}

/* RFC 5246 7.2: enum { warning(1), fatal(2), (255) } AlertLevel;
 * struct { AlertLevel level; AlertDescription description; } Alert; */
static err_t parse_alert(msg_t *m, cursor_t *c, bool lean)
{
	static const char *const levels[] = { [1] = "warning", [2] = "fatal" };
	const alert_info_t *a;
	uint32_t level, desc;
	field_t *lf, *df;

	if (!lean) {
		m->root = field_new_root("alert", 0, m->raw.len);
		if (!m->root)
			return ERR_NOMEM;
	}
	TRY(msg_uint(m, c, m->root, "level", 1, &level, &lf));
	field_set_value(lf, "%s (%u)", MSG_ENUM(levels, level), (unsigned)level);
	m->alert_level = (uint8_t)level;
	TRY(msg_uint(m, c, m->root, "description", 1, &desc, &df));
	a = alert_find((uint8_t)desc);
	field_set_value(df, "%s (%u)", a ? a->name : "unknown", (unsigned)desc);
	m->alert_desc = (uint8_t)desc;
	if (level != 1 && level != 2)
		return msg_fail(m, lf, ERR_BAD_VALUE, "alert level %u is neither warning (1) nor fatal (2)",
				(unsigned)level);
	return msg_done(m, c, m->root);
}

/* A protected record that could not be decrypted: only its bytes. */
static err_t parse_opaque(msg_t *m, bool lean)
{
	if (lean)
		return ERR_OK;
	m->root = field_new_root(m->type == CT_ALERT ? "alert" : "encrypted_handshake", 0, m->raw.len);
	if (!m->root)
		return ERR_NOMEM;
	field_add_hex(m->root, "encrypted_data", 0, m->raw.ptr, m->raw.len);
	return ERR_OK;
}

err_t msg_build_tree(msg_t *m, const msg_ctx_t *ctx)
{
	msg_ctx_t full = { 0, NULL, SIDE_CLIENT, false };
	size_t keep;
	err_t e;

	if (!m || m->root)
		return ERR_OK;
	if (ctx)
		full = *ctx;
	full.lean = false;
	keep = m->nnotes;
	e = msg_parse(m, &full);
	while (m->nnotes > keep)     /* the lean parse already noted these */
		msg_mem_free(m, m->notes[--m->nnotes]);
	return e;
}

err_t msg_parse(msg_t *m, const msg_ctx_t *ctx)
{
	static const msg_ctx_t none = { 0, NULL, SIDE_CLIENT, false };
	cursor_t c;
	err_t e;

	if (!m)
		return ERR_BAD_VALUE;
	if (!ctx)
		ctx = &none;
	msg_clear(m);
	c = cursor_make(m->raw.ptr, m->raw.len);
	if (m->opaque)
		return parse_opaque(m, ctx->lean);
	switch (m->type) {
	case CT_HANDSHAKE:         e = parse_handshake(m, ctx, &c); break;
	case CT_CHANGE_CIPHER_SPEC: e = parse_ccs(m, &c, ctx->lean); break;
	case CT_ALERT:             e = parse_alert(m, &c, ctx->lean); break;
	default:
		msg_note(m, "%s: content type %u does not carry messages this parser decodes",
			 msg_type_name(m), (unsigned)m->type);
		return ERR_UNSUPPORTED;
	}
	return e;
}
