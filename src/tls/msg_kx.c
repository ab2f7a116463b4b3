/* msg_kx.c - the key exchange messages of TLS 1.0-1.2 and SSL 3.0:
 * ServerKeyExchange (DHE, ECDHE, RSA_EXPORT, PSK and SRP variants, then
 * the signature) and ClientKeyExchange (RSA encrypted premaster, DH and
 * ECDH public values, PSK identities).  Their form depends on the chosen
 * suite's key exchange, so both need ctx->suite.
 *
 * Must not: compute anything from the values (the secrets engine does,
 * from m->exchange, m->ske_group, m->sig_scheme, m->signature). */
#include "msg_priv.h"

static bool kx_is_psk(kx_t kx)
{
	return kx == KX_PSK || kx == KX_DHE_PSK || kx == KX_ECDHE_PSK || kx == KX_RSA_PSK;
}

/* Not decodable here: keep the body as one raw node and say why. */
static err_t keep_raw(msg_t *m, cursor_t *body, field_t *root, const char *why)
{
	size_t pos = cursor_pos(body);
	slice_t s;

	TRY(cursor_rest(body, &s));
	field_add_hex(root, "body", pos, s.ptr, s.len);
	msg_note(m, "%s: %s; its %zu bytes are kept undecoded", msg_type_name(m), why, s.len);
	return ERR_UNSUPPORTED;
}

/* RFC 5246 7.4.3: struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 *                          opaque dh_Ys<1..2^16-1>; } ServerDHParams; */
static err_t dh_params(msg_t *m, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_dh_p = { MSG_VEC_NAME("dh_p"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_dh_g = { MSG_VEC_NAME("dh_g"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_dh_Ys = { MSG_VEC_NAME("dh_Ys"), .floor = 1, .ceiling = 0xffff };
	field_t *f;

	TRY(msg_opaque(m, body, root, &v_dh_p, &m->dh_p, &f));
	TRY(msg_opaque(m, body, root, &v_dh_g, NULL, NULL));
	return msg_opaque(m, body, root, &v_dh_Ys, &m->exchange, NULL);
}

/* RFC 8422 5.4: struct { ECCurveType curve_type; select (curve_type) { case named_curve:
 *   NamedCurve namedcurve; }; } ECParameters;  struct { opaque point <1..2^8-1>; } ECPoint;
 * struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
 * RFC 8422 5.4: explicit_prime(1) and explicit_char2(2) are deprecated. */
static err_t ec_params(msg_t *m, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_public = { MSG_VEC_NAME("public"), .floor = 1, .ceiling = 255 };
	static const char *const types[] = { [1] = "explicit_prime", [2] = "explicit_char2", [3] = "named_curve" };
	uint32_t t, g;
	field_t *f;

	TRY(msg_uint(m, body, root, "curve_type", 1, &t, &f));
	field_set_value(f, "%s (%u)", MSG_ENUM(types, t), (unsigned)t);
	if (t == 1 || t == 2)
		return keep_raw(m, body, root, "explicit curve parameters (RFC 4492, deprecated by RFC 8422) are not decoded");
	if (t != 3)
		return msg_fail(m, f, ERR_BAD_VALUE, "curve_type %u is not named_curve (3)", (unsigned)t);
	TRY(msg_uint(m, body, root, "named_curve", 2, &g, &f));
	field_set_value(f, "%s (0x%04x)", msg_label_group((uint16_t)g), (unsigned)g);
	field_flag(f, FIELD_CHOSEN);
	m->ske_group = (uint16_t)g;
	return msg_opaque(m, body, root, &v_public, &m->exchange, NULL);
}

/* RFC 2246 7.4.3: struct { opaque rsa_modulus<1..2^16-1>; opaque rsa_exponent<1..2^16-1>; } ServerRSAParams; */
static err_t rsa_params(msg_t *m, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_rsa_modulus = { MSG_VEC_NAME("rsa_modulus"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_rsa_exponent = { MSG_VEC_NAME("rsa_exponent"), .floor = 1, .ceiling = 0xffff };

	TRY(msg_opaque(m, body, root, &v_rsa_modulus, &m->exchange, NULL));
	return msg_opaque(m, body, root, &v_rsa_exponent, NULL, NULL);
}

/* RFC 5054 2.5: struct { opaque srp_N<1..2^16-1>; opaque srp_g<1..2^16-1>;
 *                        opaque srp_s<1..2^8-1>; opaque srp_B<1..2^16-1>; } ServerSRPParams; */
static err_t srp_params(msg_t *m, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_srp_N = { MSG_VEC_NAME("srp_N"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_srp_g = { MSG_VEC_NAME("srp_g"), .floor = 1, .ceiling = 0xffff };
	static const msg_vec_t v_srp_s = { MSG_VEC_NAME("srp_s"), .floor = 1, .ceiling = 255 };
	static const msg_vec_t v_srp_B = { MSG_VEC_NAME("srp_B"), .floor = 1, .ceiling = 0xffff };

	TRY(msg_opaque(m, body, root, &v_srp_N, NULL, NULL));
	TRY(msg_opaque(m, body, root, &v_srp_g, NULL, NULL));
	TRY(msg_opaque(m, body, root, &v_srp_s, NULL, NULL));
	return msg_opaque(m, body, root, &v_srp_B, &m->exchange, NULL);
}

/* RFC 5246 4.7: digitally-signed: struct { SignatureAndHashAlgorithm algorithm;  (TLS 1.2)
 *                                          opaque signature<0..2^16-1>; }
 * RFC 8446 4.4.3 has the same shape with a SignatureScheme; before TLS 1.2
 * only the signature.  Shared by ServerKeyExchange and CertificateVerify. */
err_t msg_signature(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_signature = { MSG_VEC_NAME("signature"), .floor = 0, .ceiling = 0xffff };
	uint32_t v;
	field_t *f;

	if (msg_has_sig_alg(ctx)) {
		TRY(msg_uint(m, body, root, "algorithm", 2, &v, &f));
		field_set_value(f, "%s (0x%04x)", msg_label_sigscheme((uint16_t)v), (unsigned)v);
		m->sig_scheme = (uint16_t)v;
	}
	return msg_opaque(m, body, root, &v_signature, &m->signature, NULL);
}

/* RFC 5246 7.4.3: struct { select (KeyExchangeAlgorithm) { case dh_anon: ServerDHParams params;
 *   case dhe_dss, dhe_rsa: ServerDHParams params; digitally-signed struct {...} signed_params;
 *   ... }; } ServerKeyExchange;  RFC 8422 5.4 (ec_diffie_hellman), RFC 4279 2-4 (PSK:
 *   opaque psk_identity_hint<0..2^16-1> first), RFC 5054 2.5 (SRP). */
err_t msg_parse_server_kx(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_psk_identity_hint = { MSG_VEC_NAME("psk_identity_hint"), .floor = 0, .ceiling = 0xffff };
	const suite_info_t *s = ctx->suite;
	bool signed_params;
	slice_t rest;
	size_t pos;

	if (!s)
		return keep_raw(m, body, root, "the cipher suite is not known (no ServerHello seen), so the key exchange form is not either");
	/* RFC 5246 7.4.3: "It is not legal to send the ServerKeyExchange message for the following
	 * key exchange methods: RSA, DH_DSS, DH_RSA"; RFC 8422 5.4: nor for ECDH_ECDSA, ECDH_RSA. */
	if (s->kx == KX_RSA || s->kx == KX_DH || s->kx == KX_ECDH) {
		pos = cursor_pos(body);
		TRY(cursor_rest(body, &rest));
		return msg_fail(m, field_add_hex(root, "body", pos, rest.ptr, rest.len), ERR_BAD_VALUE,
				"%s key exchange (%s) sends no ServerKeyExchange (RFC 5246 7.4.3)",
				kx_name(s->kx), s->name);
	}
	if (kx_is_psk(s->kx))
		TRY(msg_opaque(m, body, root, &v_psk_identity_hint, NULL, NULL));
	switch (s->kx) {
	case KX_DHE: case KX_DHE_PSK:
		TRY(dh_params(m, body, root));
		break;
	case KX_ECDHE: case KX_ECDHE_PSK:
		TRY(ec_params(m, body, root));
		break;
	case KX_RSA_EXPORT:
		TRY(rsa_params(m, body, root));
		break;
	case KX_SRP:
		TRY(srp_params(m, body, root));
		break;
	case KX_PSK: case KX_RSA_PSK:
		break;
	default:
		return keep_raw(m, body, root, "this key exchange's ServerKeyExchange is not decoded");
	}
	/* Anonymous, PSK and plain SRP key exchanges carry no signature
	 * (RFC 4279 keeps RSA_PSK's hint unsigned too). */
	signed_params = !kx_is_psk(s->kx) && s->auth != AUTH_ANON && s->auth != AUTH_NULL
			&& s->auth != AUTH_PSK && s->auth != AUTH_SRP;
	if (signed_params)
		TRY(msg_signature(m, ctx, body, root));
	return msg_done(m, body, root);
}

/* RFC 5246 7.4.7.1: struct { public-key-encrypted PreMasterSecret pre_master_secret; } EncryptedPreMasterSecret;
 * "the RSA-encrypted PreMasterSecret in a ClientKeyExchange is preceded by two length bytes.
 *  These bytes are redundant in the case of RSA ... SSL 3.0 ... did not include them." */
static err_t rsa_premaster(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root, bool prefixed)
{
	static const msg_vec_t v_encrypted_pre_master_secret = { MSG_VEC_NAME("encrypted_pre_master_secret"),
		.floor = 1, .ceiling = 0xffff };
	size_t pos = cursor_pos(body), left = cursor_left(body);
	slice_t s;

	if (prefixed || ctx->version != VER_SSL30)
		return msg_opaque(m, body, root, &v_encrypted_pre_master_secret, &m->exchange, NULL);
	if (left == 0)
		return msg_fail(m, field_add(root, "encrypted_pre_master_secret", pos, 0, "empty"), ERR_BAD_LENGTH,
				"the encrypted premaster secret is empty");
	TRY(msg_fixed(m, body, root, "encrypted_pre_master_secret", left, &s, NULL));
	m->exchange = (span_t){ (uint32_t)pos, (uint32_t)left };
	return ERR_OK;
}

/* RFC 5246 7.4.7.2 / RFC 8422 5.7: a static (EC)DH client certificate makes the public value
 * implicit: struct {} (empty). */
static err_t dh_public(msg_t *m, cursor_t *body, field_t *root, bool ec, bool may_be_implicit)
{
	static const msg_vec_t v_ecdh_Yc = { MSG_VEC_NAME("ecdh_Yc"), .floor = 1, .ceiling = 255 };
	static const msg_vec_t v_dh_Yc = { MSG_VEC_NAME("dh_Yc"), .floor = 1, .ceiling = 0xffff };

	if (may_be_implicit && cursor_left(body) == 0) {
		field_add(root, ec ? "ecdh_Yc" : "dh_Yc", cursor_pos(body), 0, "implicit (in the client certificate)");
		return ERR_OK;
	}
	if (ec)   /* RFC 8422 5.7: ECPoint ecdh_Yc;  opaque point <1..2^8-1>; */
		return msg_opaque(m, body, root, &v_ecdh_Yc, &m->exchange, NULL);
	/* RFC 5246 7.4.7.2: opaque dh_Yc<1..2^16-1>; */
	return msg_opaque(m, body, root, &v_dh_Yc, &m->exchange, NULL);
}

/* RFC 5246 7.4.7: struct { select (KeyExchangeAlgorithm) { case rsa: EncryptedPreMasterSecret;
 *   case dhe_dss, dhe_rsa, dh_dss, dh_rsa, dh_anon: ClientDiffieHellmanPublic; } exchange_keys; }
 *   ClientKeyExchange;  RFC 8422 5.7, RFC 4279 2-4 (opaque psk_identity<0..2^16-1> first),
 *   RFC 5054 2.8 (opaque srp_A<1..2^16-1>). */
err_t msg_parse_client_kx(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const msg_vec_t v_psk_identity = { MSG_VEC_NAME("psk_identity"), .floor = 0, .ceiling = 0xffff };
	static const msg_vec_t v_srp_A = { MSG_VEC_NAME("srp_A"), .floor = 1, .ceiling = 0xffff };
	const suite_info_t *s = ctx->suite;

	if (!s)
		return keep_raw(m, body, root, "the cipher suite is not known (no ServerHello seen), so the key exchange form is not either");
	if (kx_is_psk(s->kx))
		TRY(msg_opaque(m, body, root, &v_psk_identity, NULL, NULL));
	switch (s->kx) {
	case KX_RSA: case KX_RSA_EXPORT:
		TRY(rsa_premaster(m, ctx, body, root, false));
		break;
	case KX_RSA_PSK:   /* RFC 4279 4: always with the two length bytes */
		TRY(rsa_premaster(m, ctx, body, root, true));
		break;
	case KX_DHE: case KX_DH: case KX_DHE_PSK:
		TRY(dh_public(m, body, root, false, s->kx == KX_DH));
		break;
	case KX_ECDHE: case KX_ECDH: case KX_ECDHE_PSK:
		TRY(dh_public(m, body, root, true, s->kx == KX_ECDH));
		break;
	case KX_SRP:
		TRY(msg_opaque(m, body, root, &v_srp_A, &m->exchange, NULL));
		break;
	case KX_PSK:
		break;
	default:
		return keep_raw(m, body, root, "this key exchange's ClientKeyExchange is not decoded");
	}
	return msg_done(m, body, root);
}
