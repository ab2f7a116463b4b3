/* msg_cert.c - the certificate messages: Certificate (TLS 1.0-1.2 and
 * TLS 1.3 forms), CertificateRequest (both forms), CertificateVerify and
 * CertificateStatus.  Each certificate is described with x509.c.
 *
 * Must not: verify chains or signatures (later steps do, from the facts:
 * m->certs, m->sig_scheme, m->signature). */
#include <stdlib.h>
#include <string.h>
#include "msg_priv.h"
#include "x509.h"

static bool is_tls13(const msg_ctx_t *ctx) { return ctx->version == VER_TLS13; }


err_t msg_dn_list(msg_t *m, cursor_t *c, field_t *parent, const msg_vec_t *v)
{
	cursor_t list, dn;
	field_t *ln, *item;
	slice_t s;
	char *text;

	TRY(msg_vec(m, c, parent, v, &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list)) {
		/* RFC 5246 7.4.4: opaque DistinguishedName<1..2^16-1>; */
		TRY(msg_item(m, &list, ln, &(const msg_vec_t){ .name = "distinguished_name", .floor = 1, .ceiling = 0xffff },
			     &dn, &item));
		TRY(cursor_rest(&dn, &s));
		/* No tree (a lean parse): the names are not shown, only their
		 * shape is checked; GnuTLS decodes them for a tree. */
		text = item ? x509_dn_text(s) : NULL;
		if (text)
			field_set_value(item, "%s", text);
		if (item ? !text : !x509_dn_well_formed(s))
			msg_note(m, "%s: a distinguished name in %s is not valid DER; shown as hex",
				 msg_type_name(m), v->name);
		free(text);
	}
	return ERR_OK;
}

static err_t add_cert_span(msg_t *m, field_t *node, span_t der)
{
	span_t *grown = msg_mem_push(m, m->certs, m->ncerts, sizeof *grown);

	if (!grown)
		return msg_fail(m, node, ERR_NOMEM, "out of memory listing certificates");
	m->certs = grown;
	m->certs[m->ncerts++] = der;
	return ERR_OK;
}

/* RFC 5246 7.4.2: opaque ASN.1Cert<1..2^24-1>;
 * RFC 8446 4.4.2: struct { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; } CertificateEntry; */
static err_t cert_entry(msg_t *m, const msg_ctx_t *ctx, cursor_t *c, field_t *list)
{
	size_t start = cursor_pos(c);
	field_t *item = field_add(list, "certificate", start, cursor_left(c), NULL), *data, *subj;
	const char *why = NULL;
	cursor_t der;
	span_t sp;

	TRY(msg_vec(m, c, item, &(const msg_vec_t){ MSG_VEC_NAME("cert_data"), .floor = 1, .ceiling = 0xffffff },
		    &der, &data));
	sp = (span_t){ (uint32_t)cursor_pos(&der), (uint32_t)cursor_left(&der) };
	TRY(add_cert_span(m, data, sp));
	field_set_value(data, "%u bytes of DER", (unsigned)sp.len);
	if (data && x509_describe(data, sp.off, msg_span(m, sp), &why) != ERR_OK)
		msg_note(m, "%s: certificate %zu could not be read as X.509 (%s); its bytes are kept",
			 msg_type_name(m), m->ncerts, why ? why : "GnuTLS error");
	subj = field_find(data, "subject");
	if (subj && subj->value)
		field_set_value(item, "%s", subj->value);
	if (is_tls13(ctx))
		TRY(msg_extensions(m, ctx, c, item, EXT_IN_CERT, 0, false));
	field_set_span(item, start, cursor_pos(c) - start);
	return ERR_OK;
}

/* RFC 5246 7.4.2: struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 * RFC 8446 4.4.2: struct { opaque certificate_request_context<0..2^8-1>;
 *                          CertificateEntry certificate_list<0..2^24-1>; } Certificate; */
err_t msg_parse_certificate(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	cursor_t list;
	field_t *ln;

	if (is_tls13(ctx))
		TRY(msg_opaque(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("certificate_request_context"),
							       .floor = 0, .ceiling = 255 }, NULL, NULL));
	TRY(msg_vec(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("certificate_list"), .floor = 0, .ceiling = 0xffffff },
		    &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list))
		TRY(cert_entry(m, ctx, &list, ln));
	field_set_value(ln, "%zu", m->ncerts);
	return msg_done(m, body, root);
}

/* RFC 5246 7.4.4 enum ClientCertificateType; RFC 8422 5.5: ecdsa_sign(64), rsa_fixed_ecdh(65),
 * ecdsa_fixed_ecdh(66). */
static const char *const cert_type_names[] = {
	[1] = "rsa_sign", [2] = "dss_sign", [3] = "rsa_fixed_dh", [4] = "dss_fixed_dh",
	[5] = "rsa_ephemeral_dh_RESERVED", [6] = "dss_ephemeral_dh_RESERVED",
	[20] = "fortezza_dms_RESERVED", [64] = "ecdsa_sign", [65] = "rsa_fixed_ecdh",
	[66] = "ecdsa_fixed_ecdh",
};

err_t msg_parse_cert_request(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	cursor_t list;
	field_t *ln, *f;
	uint32_t v;

	if (is_tls13(ctx)) {
		/* RFC 8446 4.3.2: struct { opaque certificate_request_context<0..2^8-1>;
		 *                          Extension extensions<2..2^16-1>; } CertificateRequest; */
		TRY(msg_opaque(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("certificate_request_context"),
							       .floor = 0, .ceiling = 255 }, NULL, NULL));
		TRY(msg_extensions(m, ctx, body, root, EXT_IN_CR, 2, false));
		return msg_done(m, body, root);
	}
	/* RFC 5246 7.4.4: struct { ClientCertificateType certificate_types<1..2^8-1>;
	 *   SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;   (TLS 1.2 only)
	 *   DistinguishedName certificate_authorities<0..2^16-1>; } CertificateRequest; */
	TRY(msg_vec(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("certificate_types"), .floor = 1, .ceiling = 255 },
		    &list, &ln));
	field_flag(ln, FIELD_LIST);
	while (cursor_left(&list)) {
		TRY(msg_uint(m, &list, ln, "certificate_type", 1, &v, &f));
		field_set_value(f, "%s (%u)", MSG_ENUM(cert_type_names, v), (unsigned)v);
	}
	if (msg_has_sig_alg(ctx))
		TRY(msg_u16_list(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("supported_signature_algorithms"),
				 .floor = 2, .ceiling = 0xfffe, .elem = 2, .item = "signature_algorithm",
				 .label = msg_label_sigscheme }, NULL, NULL, NULL));
	TRY(msg_dn_list(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("certificate_authorities"), .floor = 0,
							   .ceiling = 0xffff }));
	return msg_done(m, body, root);
}

/* RFC 5246 7.4.8: struct { digitally-signed struct { opaque handshake_messages[...]; } } CertificateVerify;
 * RFC 5246 4.7: digitally-signed = { SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>; }
 * RFC 8446 4.4.3: struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify;
 * RFC 4346 4.7 / RFC 6101 5.4 (TLS 1.1 and earlier): only the opaque signature<0..2^16-1>. */
err_t msg_parse_cert_verify(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	TRY(msg_signature(m, ctx, body, root));
	return msg_done(m, body, root);
}

/* RFC 6066 8: struct { CertificateStatusType status_type; select (status_type) { case ocsp:
 *   OCSPResponse response; } response; } CertificateStatus;  opaque OCSPResponse<1..2^24-1>;
 * RFC 6961 2.2: case ocsp_multi: OCSPResponseList { OCSPResponse ocsp_response_list<1..2^24-1>; } */
err_t msg_parse_cert_status(msg_t *m, const msg_ctx_t *ctx, cursor_t *body, field_t *root)
{
	static const char *const types[] = { [1] = "ocsp", [2] = "ocsp_multi" };
	cursor_t list, r;
	field_t *f, *ln;
	uint32_t t;

	(void)ctx;
	TRY(msg_uint(m, body, root, "status_type", 1, &t, &f));
	field_set_value(f, "%s (%u)", MSG_ENUM(types, t), (unsigned)t);
	if (t == 1) {
		TRY(msg_opaque(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("ocsp_response"), .floor = 1,
							       .ceiling = 0xffffff }, NULL, &f));
		if (f)
			field_set_value(f, "%u-byte OCSP response", (unsigned)f->len);
	} else if (t == 2) {
		TRY(msg_vec(m, body, root, &(const msg_vec_t){ MSG_VEC_NAME("ocsp_response_list"), .floor = 1,
							    .ceiling = 0xffffff }, &list, &ln));
		field_flag(ln, FIELD_LIST);
		while (cursor_left(&list)) {
			/* RFC 6961 2.2: an empty OCSPResponse (length 0) stands for "no response". */
			TRY(msg_item(m, &list, ln, &(const msg_vec_t){ .name = "ocsp_response", .floor = 0, .ceiling = 0xffffff },
				     &r, &f));
			field_set_value(f, "%zu-byte OCSP response", cursor_left(&r));
		}
	} else {
		return msg_fail(m, f, ERR_BAD_VALUE, "status_type %u is not ocsp (1) or ocsp_multi (2)",
				(unsigned)t);
	}
	return msg_done(m, body, root);
}
