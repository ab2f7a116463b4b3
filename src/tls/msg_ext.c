/* msg_ext.c - extension blocks (RFC 8446 4.2, RFC 5246 7.4.1.4): every
 * extension listed by name, and decoded where it matters for the
 * handshake; an unknown or GREASE one is shown with its raw bytes.
 *
 * Must not: judge whether an extension is allowed in a given message
 * (that is a check for the diagnosis), or read past extension_data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "msg_priv.h"
#include "base/vec.h"
#include "x509.h"

/* Decodes one extension_data (cursor d, node data). */
typedef err_t (*ext_fn)(msg_t *m, cursor_t *d, field_t *data, ext_where_t where);

/* Extension codes used below (IANA TLS ExtensionType Values). */
enum {
	EXT_SERVER_NAME = 0, EXT_MAX_FRAGMENT_LENGTH = 1, EXT_STATUS_REQUEST = 5,
	EXT_SUPPORTED_GROUPS = 10, EXT_EC_POINT_FORMATS = 11, EXT_SIGNATURE_ALGORITHMS = 13,
	EXT_HEARTBEAT = 15, EXT_ALPN = 16, EXT_PADDING = 21, EXT_ENCRYPT_THEN_MAC = 22,
	EXT_EXTENDED_MASTER_SECRET = 23, EXT_RECORD_SIZE_LIMIT = 28, EXT_SESSION_TICKET = 35,
	EXT_PRE_SHARED_KEY = 41, EXT_EARLY_DATA = 42, EXT_SUPPORTED_VERSIONS = 43, EXT_COOKIE = 44,
	EXT_PSK_KEY_EXCHANGE_MODES = 45, EXT_CERTIFICATE_AUTHORITIES = 47, EXT_POST_HANDSHAKE_AUTH = 49,
	EXT_SIGNATURE_ALGORITHMS_CERT = 50, EXT_KEY_SHARE = 51, EXT_KEY_SHARE_DRAFT = 40, EXT_RENEGOTIATION_INFO = 0xff01
};

static bool from_client(ext_where_t w) { return w == EXT_IN_CH; }

/* RFC 7627 5.1, RFC 7366 2, RFC 8446 4.2.6: "the extension_data field of
 * this extension SHALL be empty" (checked when the caller closes it). */
static err_t ext_empty(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	(void)m; (void)d; (void)data; (void)where;
	return ERR_OK;
}

/* RFC 6066 3: struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName;
 * opaque HostName<1..2^16-1>; struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
 * "the extension_data field of this extension SHALL be empty" in the server's reply. */
static err_t ext_server_name(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_server_name_list = { MSG_VEC_NAME("server_name_list"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_host_name = { MSG_VEC_NAME("host_name"), .floor = 1, .ceiling = 0xffff };
	static const char *const types[] = { "host_name" };
	cursor_t list, h;
	field_t *ln, *item, *tf, *hn;
	uint32_t t;
	slice_t s;

	if (!from_client(where))
		return ERR_OK;
	TRY(msg_vec(m, d, data, &v_server_name_list, &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list)) {
		size_t start = cursor_pos(&list), i;
		item = field_add(ln, "server_name", start, cursor_left(&list), NULL);
		TRY(msg_uint(m, &list, item, "name_type", 1, &t, &tf));
		field_set_value(tf, "%s (%u)", MSG_ENUM(types, t), (unsigned)t);
		TRY(msg_vec(m, &list, item, &v_host_name, &h, &hn));
		TRY(cursor_rest(&h, &s));
		msg_set_text(hn, s);
		msg_set_text(item, s);
		field_set_span(item, start, cursor_pos(&list) - start);
		if (t == 0 && !m->hello.sni) {
			size_t n = s.len < MSG_SNI_MAX ? s.len : MSG_SNI_MAX;
			char *sni = msg_mem(m, n + 1);
			if (!sni)
				return msg_fail(m, item, ERR_NOMEM, "out of memory keeping the server name");
			for (i = 0; i < n; i++)
				sni[i] = s.ptr[i] > 0x20 && s.ptr[i] < 0x7f ? (char)s.ptr[i] : '?';
			sni[n] = '\0';
			m->hello.sni = sni;
		}
	}
	return msg_close(m, &list, ln, "server_name_list");
}

/* RFC 6066 4: enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength; */
static err_t ext_max_fragment_length(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	uint32_t v;
	field_t *f;

	(void)where;
	TRY(msg_uint(m, d, data, "max_fragment_length", 1, &v, &f));
	if (v < 1 || v > 4)
		return msg_fail(m, f, ERR_BAD_VALUE, "max_fragment_length %u is not one of 1..4 (RFC 6066 4)",
				(unsigned)v);
	field_set_value(f, "%u bytes (%u)", 1u << (8 + v), (unsigned)v);
	return ERR_OK;
}

/* RFC 6066 8: struct { CertificateStatusType status_type; select (status_type) { case ocsp:
 * OCSPStatusRequest; } request; } CertificateStatusRequest;  struct { ResponderID
 * responder_id_list<0..2^16-1>; Extensions request_extensions; } OCSPStatusRequest;
 * RFC 8446 4.4.2.1: in a CertificateEntry it carries the CertificateStatus itself. */
static err_t ext_status_request(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_ocsp_response = { MSG_VEC_NAME("ocsp_response"), .floor = 1, .ceiling = 0xffffff };
	static const msg_vec_t v_responder_id_list = { MSG_VEC_NAME("responder_id_list"), .floor = 0, .ceiling = 0xffff };
	static const msg_vec_t v_request_extensions = { MSG_VEC_NAME("request_extensions"), .floor = 0, .ceiling = 0xffff };
	static const char *const types[] = { [1] = "ocsp", [2] = "ocsp_multi" };
	uint32_t t;
	field_t *f;
	slice_t s;
	size_t pos;

	if (where != EXT_IN_CH && where != EXT_IN_CR && where != EXT_IN_CERT)
		return ERR_OK;   /* ServerHello / EncryptedExtensions: empty */
	/* RFC 8446 4.4.2.1: "A server MAY request that a client present an
	 * OCSP response with its certificate by sending an empty
	 * status_request extension in its CertificateRequest message." */
	if (where == EXT_IN_CR && cursor_left(d) == 0) {
		field_set_value(data, "empty: the server asks for an OCSP response with the client's certificate");
		return ERR_OK;
	}
	TRY(msg_uint(m, d, data, "status_type", 1, &t, &f));
	field_set_value(f, "%s (%u)", MSG_ENUM(types, t), (unsigned)t);
	if (where == EXT_IN_CERT)
		/* RFC 6066 8: opaque OCSPResponse<1..2^24-1>; */
		return msg_opaque(m, d, data, &v_ocsp_response, NULL, NULL);
	if (t != 1) {
		pos = cursor_pos(d);
		TRY(cursor_rest(d, &s));
		field_add_hex(data, "request", pos, s.ptr, s.len);
		return ERR_OK;
	}
	TRY(msg_opaque(m, d, data, &v_responder_id_list, NULL, NULL));
	return msg_opaque(m, d, data, &v_request_extensions, NULL, NULL);
}

/* RFC 8446 4.2.7: struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList; */
static err_t ext_supported_groups(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_named_group_list = { MSG_VEC_NAME("named_group_list"), .floor = 2, .ceiling = 0xffff,
		.elem = 2, .item = "named_group", .label = msg_label_group };

	(void)where;
	return msg_u16_list(m, d, data, &v_named_group_list, NULL, NULL, NULL);
}

/* RFC 8422 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>; */
static err_t ext_ec_point_formats(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const char *const names[] = { "uncompressed", "ansiX962_compressed_prime",
					     "ansiX962_compressed_char2" };
	static const msg_vec_t v_ec_point_format_list = { MSG_VEC_NAME("ec_point_format_list"),
		.floor = 1, .ceiling = 255, .item = "ec_point_format",
		.names = names, .nnames = sizeof names / sizeof names[0] };

	(void)where;
	return msg_u8_list(m, d, data, &v_ec_point_format_list, NULL);
}

/* RFC 8446 4.2.3: struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList;
 * (signature_algorithms and signature_algorithms_cert alike) */
static err_t ext_signature_algorithms(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_supported_signature_algorithms = { MSG_VEC_NAME("supported_signature_algorithms"),
		.floor = 2, .ceiling = 0xfffe, .elem = 2, .item = "signature_scheme", .label = msg_label_sigscheme };

	(void)where;
	return msg_u16_list(m, d, data, &v_supported_signature_algorithms, NULL, NULL, NULL);
}

/* RFC 6520 2: enum { peer_allowed_to_send(1), peer_not_allowed_to_send(2), (255) } HeartbeatMode; */
static err_t ext_heartbeat(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const char *const names[] = { [1] = "peer_allowed_to_send", [2] = "peer_not_allowed_to_send" };
	uint32_t v;
	field_t *f;

	(void)where;
	TRY(msg_uint(m, d, data, "mode", 1, &v, &f));
	field_set_value(f, "%s (%u)", MSG_ENUM(names, v), (unsigned)v);
	if (v != 1 && v != 2)
		return msg_fail(m, f, ERR_BAD_VALUE, "heartbeat mode %u is not 1 or 2 (RFC 6520 2)", (unsigned)v);
	return ERR_OK;
}

/* RFC 7301 3.1: opaque ProtocolName<1..2^8-1>; struct { ProtocolName protocol_name_list<2..2^16-1> }
 * ProtocolNameList;  the server's list "MUST contain exactly one ProtocolName". */
static err_t ext_alpn(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_protocol_name_list = { MSG_VEC_NAME("protocol_name_list"), .floor = 2, .ceiling = 0xffff };
	static const msg_vec_t v_protocol_name = { .name = "protocol_name", .floor = 1, .ceiling = 255 };
	cursor_t list, p;
	field_t *ln, *item;
	size_t n = 0;
	slice_t s;

	TRY(msg_vec(m, d, data, &v_protocol_name_list, &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list)) {
		TRY(msg_item(m, &list, ln, &v_protocol_name, &p, &item));
		TRY(cursor_rest(&p, &s));
		msg_set_text(item, s);
		n++;
	}
	if (!from_client(where) && n != 1)
		return msg_fail(m, ln, ERR_BAD_VALUE, "the server's ALPN list has %zu names; RFC 7301 3.1 wants exactly one", n);
	return ERR_OK;
}

/* RFC 7685 3: "The client MUST fill the padding extension completely with zero bytes". */
static err_t ext_padding(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	slice_t s;
	size_t i, nonzero = 0;

	(void)where;
	TRY(cursor_rest(d, &s));
	for (i = 0; i < s.len; i++)
		nonzero += s.ptr[i] != 0;
	field_set_value(data, "%zu bytes of padding", s.len);
	if (nonzero)
		msg_note(m, "%s: the padding extension holds %zu non-zero bytes (RFC 7685 3 wants zeros)",
			 msg_type_name(m), nonzero);
	return ERR_OK;
}

/* RFC 8449 4: uint16 RecordSizeLimit;  "a value less than 64 MUST be treated as illegal_parameter" */
static err_t ext_record_size_limit(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	uint32_t v;
	field_t *f;

	(void)where;
	TRY(msg_uint(m, d, data, "record_size_limit", 2, &v, &f));
	if (v < 64)
		return msg_fail(m, f, ERR_BAD_VALUE, "record_size_limit %u is below 64 (RFC 8449 4)", (unsigned)v);
	return ERR_OK;
}

/* RFC 5077 3.2: the ClientHello extension_data is the ticket itself (empty
 * asks for a new one); the server's is empty. */
static err_t ext_session_ticket(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	slice_t s;
	size_t pos = cursor_pos(d);

	if (!from_client(where))
		return ERR_OK;
	TRY(cursor_rest(d, &s));
	if (s.len) {
		m->hello.ticket = (span_t){ (uint32_t)pos, (uint32_t)s.len };
		field_add_hex(data, "ticket", pos, s.ptr, s.len);
	}
	else
		field_set_value(data, "empty: asks for a new ticket");
	return ERR_OK;
}

/* RFC 8446 4.2.11: struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
 * opaque PskBinderEntry<32..255>;  struct { PskIdentity identities<7..2^16-1>;
 * PskBinderEntry binders<33..2^16-1>; } OfferedPsks;  ServerHello: uint16 selected_identity; */
static err_t ext_pre_shared_key(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_identities = { MSG_VEC_NAME("identities"), .floor = 7, .ceiling = 0xffff };
	static const msg_vec_t v_identity = { MSG_VEC_NAME("identity"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_binders = { MSG_VEC_NAME("binders"), .floor = 33, .ceiling = 0xffff };
	static const msg_vec_t v_binder = { .name = "binder", .floor = 32, .ceiling = 255 };
	cursor_t list, b;
	field_t *ln, *item;
	uint32_t v;

	if (where == EXT_IN_SH)
		return msg_uint(m, d, data, "selected_identity", 2, &v, NULL);
	if (!from_client(where))
		return ERR_OK;
	TRY(msg_vec(m, d, data, &v_identities, &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list)) {
		size_t start = cursor_pos(&list);
		item = field_add(ln, "psk_identity", start, cursor_left(&list), NULL);
		TRY(msg_opaque(m, &list, item, &v_identity, NULL, NULL));
		TRY(msg_uint(m, &list, item, "obfuscated_ticket_age", 4, &v, NULL));
		field_set_span(item, start, cursor_pos(&list) - start);
	}
	TRY(msg_vec(m, d, data, &v_binders, &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list))
		TRY(msg_item(m, &list, ln, &v_binder, &b, NULL));
	return ERR_OK;
}

/* RFC 8446 4.2.10: NewSessionTicket: uint32 max_early_data_size; elsewhere: struct {} Empty; */
static err_t ext_early_data(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	uint32_t v;

	if (where != EXT_IN_NST)
		return ERR_OK;
	return msg_uint(m, d, data, "max_early_data_size", 4, &v, NULL);
}

/* RFC 8446 4.2.1: ClientHello: ProtocolVersion versions<2..254>;
 * ServerHello and HelloRetryRequest: ProtocolVersion selected_version; */
static err_t ext_supported_versions(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_versions = { MSG_VEC_NAME("versions"), .floor = 2, .ceiling = 254,
		.elem = 2, .item = "version", .label = msg_label_version };
	uint32_t v;
	field_t *f;

	if (from_client(where))
		return msg_u16_list(m, d, data, &v_versions, &m->hello.versions, &m->hello.nversions, NULL);
	TRY(msg_uint(m, d, data, "selected_version", 2, &v, &f));
	field_set_value(f, "%s (0x%04x)", msg_label_version((uint16_t)v), (unsigned)v);
	field_flag(f, FIELD_CHOSEN);
	m->hello.selected_version = (uint16_t)v;
	return ERR_OK;
}

/* RFC 8446 4.2.2: struct { opaque cookie<1..2^16-1>; } Cookie; */
static err_t ext_cookie(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_cookie = { MSG_VEC_NAME("cookie"), .floor = 1, .ceiling = 0xffff };

	(void)where;
	return msg_opaque(m, d, data, &v_cookie, NULL, NULL);
}

/* RFC 8446 4.2.9: enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
 * struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes; */
static err_t ext_psk_modes(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const char *const names[] = { "psk_ke", "psk_dhe_ke" };
	static const msg_vec_t v_ke_modes = { MSG_VEC_NAME("ke_modes"), .floor = 1, .ceiling = 255,
		.item = "ke_mode", .names = names, .nnames = sizeof names / sizeof names[0] };

	(void)where;
	return msg_u8_list(m, d, data, &v_ke_modes, NULL);
}

/* RFC 8446 4.2.4: opaque DistinguishedName<1..2^16-1>;
 * struct { DistinguishedName authorities<3..2^16-1>; } CertificateAuthoritiesExtension; */
static err_t ext_certificate_authorities(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_authorities = { MSG_VEC_NAME("authorities"), .floor = 3, .ceiling = 0xffff };

	(void)where;
	return msg_dn_list(m, d, data, &v_authorities);
}

/* RFC 8446 4.2.8: struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry; */
static err_t key_share_entry(msg_t *m, cursor_t *c, field_t *parent, uint16_t *group, bool chosen)
{
	static const msg_vec_t v_key_exchange = { MSG_VEC_NAME("key_exchange"), .floor = 1, .ceiling = 0xffff };
	size_t start = cursor_pos(c);
	field_t *item = field_add(parent, "key_share_entry", start, cursor_left(c), NULL), *gf;
	uint32_t g;
	span_t key;

	TRY(msg_uint(m, c, item, "group", 2, &g, &gf));
	field_set_value(gf, "%s (0x%04x)", msg_label_group((uint16_t)g), (unsigned)g);
	if (chosen)
		field_flag(gf, FIELD_CHOSEN);
	if (group)
		*group = (uint16_t)g;
	TRY(msg_opaque(m, c, item, &v_key_exchange, &key, NULL));
	field_set_span(item, start, cursor_pos(c) - start);
	field_set_value(item, "%s, %u-byte key", msg_label_group((uint16_t)g), (unsigned)key.len);
	return ERR_OK;
}

/* RFC 8446 4.2.8: ClientHello: KeyShareEntry client_shares<0..2^16-1>;
 * HelloRetryRequest: NamedGroup selected_group;  ServerHello: KeyShareEntry server_share; */
static err_t ext_key_share(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_client_shares = { MSG_VEC_NAME("client_shares"), .floor = 0, .ceiling = 0xffff };
	cursor_t list;
	field_t *ln, *f;
	uint32_t g;

	if (where == EXT_IN_HRR) {
		TRY(msg_uint(m, d, data, "selected_group", 2, &g, &f));
		field_set_value(f, "%s (0x%04x)", msg_label_group((uint16_t)g), (unsigned)g);
		field_flag(f, FIELD_CHOSEN);
		m->hello.key_share_group = (uint16_t)g;
		return ERR_OK;
	}
	if (where == EXT_IN_SH)
		return key_share_entry(m, d, data, &m->hello.key_share_group, true);
	TRY(msg_vec(m, d, data, &v_client_shares, &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list))
		TRY(key_share_entry(m, &list, ln, NULL, false));
	return ERR_OK;
}

/* RFC 5746 3.2: struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo; */
static err_t ext_renegotiation_info(msg_t *m, cursor_t *d, field_t *data, ext_where_t where)
{
	static const msg_vec_t v_renegotiated_connection = { MSG_VEC_NAME("renegotiated_connection"),
		.floor = 0, .ceiling = 255 };

	(void)where;
	return msg_opaque(m, d, data, &v_renegotiated_connection, NULL, NULL);
}

static const struct {
	uint16_t id;
	ext_fn decode;
} ext_decoders[] = {
	{ EXT_SERVER_NAME, ext_server_name },
	{ EXT_MAX_FRAGMENT_LENGTH, ext_max_fragment_length },
	{ EXT_STATUS_REQUEST, ext_status_request },
	{ EXT_SUPPORTED_GROUPS, ext_supported_groups },
	{ EXT_EC_POINT_FORMATS, ext_ec_point_formats },
	{ EXT_SIGNATURE_ALGORITHMS, ext_signature_algorithms },
	{ EXT_HEARTBEAT, ext_heartbeat },
	{ EXT_ALPN, ext_alpn },
	{ EXT_PADDING, ext_padding },
	{ EXT_ENCRYPT_THEN_MAC, ext_empty },
	{ EXT_EXTENDED_MASTER_SECRET, ext_empty },
	{ EXT_RECORD_SIZE_LIMIT, ext_record_size_limit },
	{ EXT_SESSION_TICKET, ext_session_ticket },
	{ EXT_PRE_SHARED_KEY, ext_pre_shared_key },
	{ EXT_EARLY_DATA, ext_early_data },
	{ EXT_SUPPORTED_VERSIONS, ext_supported_versions },
	{ EXT_COOKIE, ext_cookie },
	{ EXT_PSK_KEY_EXCHANGE_MODES, ext_psk_modes },
	{ EXT_CERTIFICATE_AUTHORITIES, ext_certificate_authorities },
	{ EXT_POST_HANDSHAKE_AUTH, ext_empty },
	{ EXT_SIGNATURE_ALGORITHMS_CERT, ext_signature_algorithms },
	{ EXT_KEY_SHARE, ext_key_share },
	/* draft-ietf-tls-tls13-22 and before: key_share(40), the same
	 * structure; draft 23 moved it to 51. */
	{ EXT_KEY_SHARE_DRAFT, ext_key_share },
	{ EXT_RENEGOTIATION_INFO, ext_renegotiation_info },
};

static ext_fn ext_decoder(uint16_t id)
{
	size_t i;

	for (i = 0; i < sizeof ext_decoders / sizeof ext_decoders[0]; i++)
		if (ext_decoders[i].id == id)
			return ext_decoders[i].decode;
	return NULL;
}

/* The hello facts an extension's mere presence gives. */
static err_t ext_hello_fact(msg_t *m, uint16_t id, field_t *ext)
{
	uint16_t *grown = msg_mem_push(m, m->hello.exts, m->hello.nexts, sizeof *grown);

	if (!grown)
		return msg_fail(m, ext, ERR_NOMEM, "out of memory listing extensions");
	m->hello.exts = grown;
	m->hello.exts[m->hello.nexts++] = id;
	m->hello.ems |= id == EXT_EXTENDED_MASTER_SECRET;
	m->hello.etm |= id == EXT_ENCRYPT_THEN_MAC;
	m->hello.session_ticket |= id == EXT_SESSION_TICKET;
	m->hello.pre_shared_key |= id == EXT_PRE_SHARED_KEY;
	return ERR_OK;
}

/* Where a ClientHello extension the fingerprints read sits (the first
 * of its type). */
static void ext_hello_span(msg_t *m, uint16_t id, span_t data)
{
	span_t *to = id == EXT_SUPPORTED_GROUPS ? &m->hello.groups
		   : id == EXT_EC_POINT_FORMATS ? &m->hello.point_formats
		   : id == EXT_SIGNATURE_ALGORITHMS ? &m->hello.sig_algs
		   : id == EXT_ALPN ? &m->hello.alpn : NULL;

	if (to && !to->len)
		*to = data;
}

/* The extension types met so far in one block, to catch a repeated one.
 * The common types (below 256) are bits; the others a short list; only a
 * block with more than EXT_SEEN_FEW of those (a hostile one) gets the
 * full 8 KiB map, so an ordinary hello never clears it. */
enum { EXT_SEEN_FEW = 32 };

typedef struct {
	uint64_t low[4];
	uint16_t few[EXT_SEEN_FEW];
	size_t nfew;
	uint8_t *all;            /* owned, NULL until needed: one bit per type */
} ext_seen_t;

/* true if type was already seen (or memory ran out: taken as seen) */
static bool ext_seen_add(ext_seen_t *s, uint16_t type)
{
	size_t i;

	if (type < 256) {
		uint64_t bit = 1ull << (type & 63);
		bool had = s->low[type >> 6] & bit;
		s->low[type >> 6] |= bit;
		return had;
	}
	if (!s->all) {
		for (i = 0; i < s->nfew; i++)
			if (s->few[i] == type)
				return true;
		if (s->nfew < EXT_SEEN_FEW) {
			s->few[s->nfew++] = type;
			return false;
		}
		s->all = calloc(65536 / 8, 1);
		if (!s->all)
			return true;
		for (i = 0; i < s->nfew; i++)
			s->all[s->few[i] >> 3] |= (uint8_t)(1u << (s->few[i] & 7));
	}
	if (s->all[type >> 3] & (1u << (type & 7)))
		return true;
	s->all[type >> 3] |= (uint8_t)(1u << (type & 7));
	return false;
}

/* One list item's words for a summary: its value up to a comma, without
 * the code in parentheses at the end ("x25519 (0x001d)" -> "x25519",
 * "x25519, 32-byte key" -> "x25519"). */
static size_t ext_item_words(const char *v, char *out, size_t n)
{
	const char *comma = strstr(v, ", ");
	size_t len = comma ? (size_t)(comma - v) : strlen(v), open = len;

	if (len && v[len - 1] == ')')
		while (open > 1 && v[open - 1] != '(')
			open--;
	if (open > 1 && open < len && v[open - 1] == '(' && v[open - 2] == ' ')
		len = open - 2;
	if (len >= n)
		len = n - 1;
	memcpy(out, v, len);
	out[len] = '\0';
	return len;
}

/* What the extension says, in one line, for its header (as Wireshark
 * shows "server_name: server.example"): the items of its first list, or
 * its only value; nothing for an empty or raw one.  Built from the nodes
 * the decoder just made: the summary cannot disagree with the tree. */
#define EXT_SUMMARY_MAX 72
static void ext_summary(field_t *ext, const char *name, const field_t *data)
{
	const field_t *list = NULL, *k;
	char sum[EXT_SUMMARY_MAX + 8] = "", word[EXT_SUMMARY_MAX];
	size_t used = 0;

	if (!ext || !data || !data->kids)
		return;
	for (k = data->kids; k && !list; k = k->next) {
		if (k->flags & FIELD_LIST)
			list = k;
		else if (k->kids && (k->kids->flags & FIELD_LIST) == 0)
			for (const field_t *g = k->kids; g && !list; g = g->next)
				if (g->flags & FIELD_LIST)
					list = g;
	}
	if (list) {
		for (k = list->kids; k; k = k->next) {
			size_t w;
			if (!k->value)
				continue;
			w = ext_item_words(k->value, word, sizeof word);
			if (used + w + 2 > EXT_SUMMARY_MAX) {
				used += (size_t)snprintf(sum + used, sizeof sum - used, "%s...", used ? ", " : "");
				break;
			}
			used += (size_t)snprintf(sum + used, sizeof sum - used, "%s%s", used ? ", " : "", word);
		}
	} else {
		/* one field that is not framing: its value */
		const field_t *only = NULL;
		size_t n = 0;
		for (k = data->kids; k; k = k->next)
			if (!(k->flags & FIELD_FRAMING) && k->value) {
				only = k;
				n++;
			}
		if (n == 1 && strlen(only->value) <= EXT_SUMMARY_MAX)
			used = ext_item_words(only->value, sum, sizeof sum);
	}
	if (used)
		field_set_value(ext, "%s: %s", name, sum);
}

/* RFC 8446 4.2: struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
 * Names are looked up only for the tree or a complaint: a lean parse
 * reads the facts and nothing else. */
static err_t extension(msg_t *m, cursor_t *list, field_t *ln, ext_where_t where, ext_seen_t *seen)
{
	static const msg_vec_t v_extension_data = { MSG_VEC_NAME("extension_data"), .floor = 0, .ceiling = 0xffff };
	size_t start = cursor_pos(list);
	field_t *ext = field_add(ln, "extension", start, cursor_left(list), NULL), *tf, *data;
	cursor_t d;
	uint32_t type;
	ext_fn decode;
	slice_t s;

	TRY(msg_frame_uint(m, list, ext, "extension_type", 2, &type, &tf));
	if (ext) {
		const char *name = msg_label_ext((uint16_t)type);
		field_set_value(tf, grease_is((uint16_t)type) ? "%s (0x%04x)" : "%s (%u)", name, (unsigned)type);
		field_set_value(ext, "%s", name);
	}
	TRY(msg_vec(m, list, ext, &v_extension_data, &d, &data));
	field_set_span(ext, start, cursor_pos(list) - start);
	if (where == EXT_IN_CH || where == EXT_IN_SH || where == EXT_IN_HRR)
		TRY(ext_hello_fact(m, (uint16_t)type, ext));
	if (where == EXT_IN_CH)
		ext_hello_span(m, (uint16_t)type, (span_t){ (uint32_t)cursor_pos(&d), (uint32_t)cursor_left(&d) });
	/* RFC 8446 4.2: "There MUST NOT be more than one extension of the same type in a given extension block." */
	if (ext_seen_add(seen, (uint16_t)type))
		return msg_fail(m, ext, ERR_BAD_VALUE, "extension %s appears twice (RFC 8446 4.2 forbids it)",
				msg_label_ext((uint16_t)type));
	decode = ext_decoder((uint16_t)type);
	if (!decode) {
		TRY(cursor_rest(&d, &s));
		msg_set_hex(data, s);
		return ERR_OK;
	}
	TRY(decode(m, &d, data, where));
	if (cursor_close(&d) != ERR_OK)
		return msg_close(m, &d, data, msg_label_ext((uint16_t)type));
	ext_summary(ext, msg_label_ext((uint16_t)type), data);
	return ERR_OK;
}

err_t msg_extensions(msg_t *m, const msg_ctx_t *ctx, cursor_t *c, field_t *parent,
		     ext_where_t where, size_t min, bool optional)
{
	ext_seen_t seen;
	cursor_t list, at;
	field_t *ln;
	size_t count = 0, psk_at = 0;
	err_t e = ERR_OK;

	(void)ctx;
	if (optional && cursor_left(c) == 0)
		return ERR_OK;
	TRY(msg_vec(m, c, parent, &(const msg_vec_t){ MSG_VEC_NAME("extensions"), .floor = (uint32_t)min,
						     .ceiling = 0xffff }, &list, &ln));
	field_flag(ln, FIELD_LIST);
	memset(&seen, 0, sizeof seen);
	while (cursor_left(&list) && e == ERR_OK) {
		uint16_t type = 0;
		at = list;
		if (cursor_u16(&at, &type) != ERR_OK)   /* what extension() is about to read, for psk_at */
			type = 0;
		e = extension(m, &list, ln, where, &seen);
		count++;
		if (e == ERR_OK && type == EXT_PRE_SHARED_KEY && !psk_at)
			psk_at = count;
	}
	free(seen.all);
	TRY(e);
	/* RFC 8446 4.2.11: "The "pre_shared_key" extension MUST be the last extension in the ClientHello". */
	if (where == EXT_IN_CH && psk_at && psk_at != count)
		return msg_fail(m, ln, ERR_BAD_VALUE, "pre_shared_key is extension %zu of %zu; RFC 8446 4.2.11 wants it last",
				psk_at, count);
	return ERR_OK;
}
