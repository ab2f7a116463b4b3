/* msg_hello.c - the hellos: ClientHello (and its SSLv2-compatible form,
 * RFC 5246 E.2), ServerHello, and the HelloRetryRequest that hides in a
 * ServerHello with a special random (RFC 8446 4.1.3).  Fills m->hello.
 *
 * Must not: pick the negotiated version or suite for the connection (the
 * caller does that from the facts), or decode extensions (msg_ext.c). */
#include <stdlib.h>
#include <string.h>
#include "msg_priv.h"

/* RFC 8446 4.1.3: the last 8 bytes of a ServerHello.random that
 * negotiated below the server's best ("DOWNGRD" and 01 or 00). */
static const uint8_t downgrade_tail[7] = { 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44 };

static err_t read_version(msg_t *m, cursor_t *c, field_t *root, const char *name, uint16_t *out)
{
	uint32_t v;
	field_t *f;

	TRY(msg_uint(m, c, root, name, 2, &v, &f));
	field_set_value(f, "%s (0x%04x)", msg_label_version((uint16_t)v), (unsigned)v);
	*out = (uint16_t)v;
	return ERR_OK;
}

/* RFC 5246 7.4.1.2: struct { uint32 gmt_unix_time; opaque random_bytes[28]; } Random; */
static err_t read_random(msg_t *m, cursor_t *c, field_t *root, field_t **node)
{
	slice_t s;

	TRY(msg_fixed(m, c, root, "random", 32, &s, node));
	memcpy(m->hello.random, s.ptr, 32);
	return ERR_OK;
}

/* RFC 5246 7.4.1.2: opaque SessionID<0..32>; */
static err_t read_session_id(msg_t *m, cursor_t *c, field_t *root)
{
	static const msg_vec_t v_session_id = { MSG_VEC_NAME("session_id"), .floor = 0, .ceiling = 32 };
	span_t sp;

	TRY(msg_opaque(m, c, root, &v_session_id, &sp, NULL));
	m->hello.session_id_len = (uint8_t)sp.len;
	if (sp.len)
		memcpy(m->hello.session_id, msg_span(m, sp).ptr, sp.len);
	return ERR_OK;
}

/* RFC 5246 7.4.1.2: enum { null(0), (255) } CompressionMethod; RFC 3749: DEFLATE(1); RFC 3943: LZS(64). */
static const char *compression_name(unsigned v)
{
	static const char *const names[] = { [0] = "null", [1] = "DEFLATE", [64] = "LZS" };
	return MSG_ENUM(names, v);
}

/* RFC 5246 7.4.1.2 / RFC 8446 4.1.2:
 * struct { ProtocolVersion client_version; Random random; SessionID session_id;
 *          CipherSuite cipher_suites<2..2^16-2>; CompressionMethod compression_methods<1..2^8-1>;
 *          select (extensions_present) { case false: struct {}; case true: Extension extensions<0..2^16-1>; };
 * } ClientHello; */
err_t msg_parse_client_hello(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_cipher_suites = { MSG_VEC_NAME("cipher_suites"), .floor = 2, .ceiling = 0xfffe,
		.elem = 2, .item = "cipher_suite", .label = msg_label_suite };
	static const msg_vec_t v_compression_methods = { MSG_VEC_NAME("compression_methods"), .floor = 1, .ceiling = 255 };
	static const msg_vec_t v_cookie = { MSG_VEC_NAME("cookie"), .floor = 0, .ceiling = 255 };
	cursor_t list;
	field_t *ln, *f;
	uint32_t v;

	TRY(read_version(m, body, root, "client_version", &m->hello.legacy_version));
	TRY(read_random(m, body, root, NULL));
	TRY(read_session_id(m, body, root));
	/* RFC 6347 4.2.1: DTLS's ClientHello has "opaque cookie<0..2^8-1>;"
	 * after the session_id (empty in a first ClientHello). */
	if (m->dtls)
		TRY(msg_opaque(m, body, root, &v_cookie, &m->hello.cookie, NULL));
	TRY(msg_u16_list(m, body, root, &v_cipher_suites, &m->hello.suites, &m->hello.nsuites, NULL));
	TRY(msg_vec(m, body, root, &v_compression_methods, &list, &ln));
	field_flag(ln, FIELD_LIST);
	field_set_value(ln, "%zu", cursor_left(&list));
	while (cursor_left(&list)) {
		TRY(msg_uint(m, &list, ln, "compression_method", 1, &v, &f));
		field_set_value(f, "%s (%u)", compression_name(v), (unsigned)v);
	}
	/* RFC 5246 7.4.1.2: "the client can determine whether extensions are
	 * present by whether there are bytes following the compression_methods". */
	TRY(msg_extensions(m, ctx, body, root, EXT_IN_CH, 0, true));
	return msg_done(m, body, root);
}

/* RFC 6347 4.2.1: struct { ProtocolVersion server_version;
 * opaque cookie<0..2^8-1>; } HelloVerifyRequest;  "The server_version
 * field has the same syntax as in TLS" and "DTLS 1.2 server
 * implementations SHOULD use DTLS version 1.0 regardless of the version
 * of TLS that is expected to be negotiated". */
err_t msg_parse_hello_verify(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_cookie = { MSG_VEC_NAME("cookie"), .floor = 0, .ceiling = 255 };

	(void)ctx;
	TRY(read_version(m, body, root, "server_version", &m->hello.legacy_version));
	TRY(msg_opaque(m, body, root, &v_cookie, &m->hello.cookie, NULL));
	return msg_done(m, body, root);
}

/* RFC 5246 7.4.1.3 / RFC 8446 4.1.3:
 * struct { ProtocolVersion server_version; Random random; SessionID session_id;
 *          CipherSuite cipher_suite; CompressionMethod compression_method;
 *          select (extensions_present) { ... Extension extensions<0..2^16-1>; };
 * } ServerHello;  A HelloRetryRequest has the same structure and random = SHA-256("HelloRetryRequest"). */
err_t msg_parse_server_hello(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	field_t *f, *rf;
	uint32_t v;
	bool draft;

	TRY(read_version(m, body, root, "server_version", &m->hello.legacy_version));
	TRY(read_random(m, body, root, &rf));
	if (memcmp(m->hello.random, msg_hrr_random, 32) == 0) {
		m->hello.is_hrr = true;
		if (root)
			root->name = "hello_retry_request";
		field_set_value(rf, "HelloRetryRequest (SHA-256 of \"HelloRetryRequest\")");
	} else if (memcmp(m->hello.random + 24, downgrade_tail, sizeof downgrade_tail) == 0
		   && (m->hello.random[31] == 0 || m->hello.random[31] == 1)) {
		msg_note(m, "%s: the random ends in \"DOWNGRD\": the server supports %s but negotiated lower (RFC 8446 4.1.3)",
			 msg_type_name(m), m->hello.random[31] ? "TLS 1.3" : "TLS 1.2");
	}
	/* draft-ietf-tls-tls13-18 4.1.3 (and every draft before 22):
	 * struct { ProtocolVersion version; Random random; CipherSuite
	 * cipher_suite; Extension extensions<0..2^16-1>; } ServerHello;
	 * draft 22 brought back legacy_session_id_echo and
	 * legacy_compression_method (and moved the version to
	 * supported_versions). */
	draft = reg_tls13_draft(m->hello.legacy_version) && reg_tls13_draft(m->hello.legacy_version) < 22;
	if (!draft)
		TRY(read_session_id(m, body, root));
	TRY(msg_uint(m, body, root, "cipher_suite", 2, &v, &f));
	field_set_value(f, "%s (0x%04x)", msg_label_suite((uint16_t)v), (unsigned)v);
	field_flag(f, FIELD_CHOSEN);
	m->hello.suite = (uint16_t)v;
	if (!draft) {
		TRY(msg_uint(m, body, root, "compression_method", 1, &v, &f));
		field_set_value(f, "%s (%u)", compression_name(v), (unsigned)v);
		field_flag(f, FIELD_CHOSEN);
		m->hello.compression = (uint8_t)v;
	}
	TRY(msg_extensions(m, ctx, body, root, m->hello.is_hrr ? EXT_IN_HRR : EXT_IN_SH, 0, true));
	return msg_done(m, body, root);
}

/* RFC 5246 E.2: struct { uint8 msg_type; Version version; uint16 cipher_spec_length;
 *   uint16 session_id_length; uint16 challenge_length;
 *   V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
 *   opaque session_id[V2ClientHello.session_id_length];
 *   opaque challenge[V2ClientHello.challenge_length]; } V2ClientHello;
 * The caller has read msg_type. */
err_t msg_parse_sslv2_hello(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	uint32_t spec_len, sid_len, chal_len, v;
	field_t *sf, *idf, *cf, *ln, *f;
	cursor_t specs;
	slice_t s;
	size_t n = 0;

	(void)ctx;
	m->hello.sslv2 = true;
	TRY(read_version(m, body, root, "version", &m->hello.legacy_version));
	TRY(msg_frame_uint(m, body, root, "cipher_spec_length", 2, &spec_len, &sf));
	/* RFC 5246 E.2: "This field is the total length of the field cipher_specs.
	 * It cannot be zero and MUST be a multiple of the V2CipherSpec length (3)." */
	if (spec_len == 0 || spec_len % 3)
		return msg_fail(m, sf, ERR_BAD_LENGTH, "cipher_spec_length is %u; it must be a non-zero multiple of 3",
				(unsigned)spec_len);
	TRY(msg_frame_uint(m, body, root, "session_id_length", 2, &sid_len, &idf));
	/* RFC 5246 E.2: zero for a client that supports TLS 1.2; SSL 2.0 session ids are 16 bytes. */
	if (sid_len != 0 && sid_len != 16)
		return msg_fail(m, idf, ERR_BAD_LENGTH, "session_id_length is %u; it must be 0 or 16",
				(unsigned)sid_len);
	TRY(msg_frame_uint(m, body, root, "challenge_length", 2, &chal_len, &cf));
	/* RFC 5246 E.2: "permissible values are between 16 and 32 bytes inclusive". */
	if (chal_len < 16 || chal_len > 32)
		return msg_fail(m, cf, ERR_BAD_LENGTH, "challenge_length is %u; it must be 16..32",
				(unsigned)chal_len);
	TRY(msg_carve(m, body, root, "cipher_specs", spec_len, &specs));
	ln = field_add(root, "cipher_specs", cursor_pos(&specs), spec_len, "%u", (unsigned)spec_len / 3);
	field_flag(ln, FIELD_LIST);
	msg_mem_free(m, m->hello.suites);
	m->hello.suites = msg_mem(m, spec_len / 3 * sizeof *m->hello.suites);
	if (!m->hello.suites)
		return msg_fail(m, ln, ERR_NOMEM, "out of memory reading cipher_specs");
	while (cursor_left(&specs)) {
		/* V2CipherSpec: uint8 V2CipherSpec[3]; a TLS suite is {0x00, hi, lo}. */
		TRY(msg_uint(m, &specs, ln, "cipher_spec", 3, &v, &f));
		if (v >> 16 == 0) {
			field_set_value(f, "%s (0x%04x)", msg_label_suite((uint16_t)v), (unsigned)v);
			m->hello.suites[n++] = (uint16_t)v;
		} else {
			field_set_value(f, "SSL 2.0 cipher kind (0x%06x)", (unsigned)v);
		}
	}
	m->hello.nsuites = n;
	TRY(msg_fixed(m, body, root, "session_id", sid_len, &s, NULL));
	m->hello.session_id_len = (uint8_t)sid_len;
	if (sid_len)
		memcpy(m->hello.session_id, s.ptr, sid_len);
	TRY(msg_fixed(m, body, root, "challenge", chal_len, &s, NULL));
	/* RFC 5246 E.2: "If the challenge length is less than 32, the TLS server
	 * will pad the data with leading (note: not trailing) zero bytes to make
	 * it 32 bytes long" - that is the ClientHello.random. */
	memset(m->hello.random, 0, 32);
	memcpy(m->hello.random + (32 - chal_len), s.ptr, chal_len);
	return msg_done(m, body, root);
}
