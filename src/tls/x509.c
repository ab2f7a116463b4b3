/* x509.c - one DER certificate as a field subtree, read with GnuTLS (see
 * x509.h).  GnuTLS gives the values; a small walk over the DER with the
 * cursor gives where each part sits, so the byte map can point at it.
 *
 * Must not: verify anything, or fail the message for a certificate GnuTLS
 * cannot read (the caller notes it). */
#include <arpa/inet.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "base/cursor.h"
#include "x509.h"

typedef struct { size_t off, len; } der_span_t;

/* Where the parts of one certificate sit, relative to its first byte. */
typedef struct {
	der_span_t whole, version, serial, issuer, not_before, not_after, subject, spki,
		   extensions, sig_alg;
} der_layout_t;

/* X.690 8.1: identifier octet, then the length (short form, or long form
 * 0x81..0x83 here: certificates stay below 16 MB), then the contents.
 * want 0 accepts any tag. */
static err_t der_tlv(cursor_t *c, uint8_t want, cursor_t *content, der_span_t *sp)
{
	size_t start = cursor_pos(c);
	cursor_t peek;
	uint8_t tag, l0;

	TRY(cursor_u8(c, &tag));
	ENSURE(want == 0 || tag == want, ERR_FORMAT);
	peek = *c;
	TRY(cursor_u8(&peek, &l0));
	if (l0 < 0x80) {
		TRY(cursor_open(c, 1, content));
	} else {
		ENSURE(l0 >= 0x81 && l0 <= 0x83, ERR_FORMAT);
		TRY(cursor_skip(c, 1));
		TRY(cursor_open(c, l0 & 0x7f, content));
	}
	if (sp)
		*sp = (der_span_t){ start, cursor_pos(c) - start };
	return ERR_OK;
}

static bool der_peek(const cursor_t *c, uint8_t tag)
{
	cursor_t p = *c;
	uint8_t t;

	return cursor_u8(&p, &t) == ERR_OK && t == tag;
}

/* X.690: UTCTime (0x17) or GeneralizedTime (0x18). */
static err_t der_time(cursor_t *c, der_span_t *sp)
{
	cursor_t x;

	if (der_peek(c, 0x17))
		return der_tlv(c, 0x17, &x, sp);
	return der_tlv(c, 0x18, &x, sp);
}

/* RFC 5280 4.1: Certificate ::= SEQUENCE { tbsCertificate TBSCertificate,
 *   signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, serialNumber,
 *   signature AlgorithmIdentifier, issuer Name, validity Validity, subject Name,
 *   subjectPublicKeyInfo, issuerUniqueID [1] OPTIONAL, subjectUniqueID [2] OPTIONAL,
 *   extensions [3] EXPLICIT Extensions OPTIONAL }
 * Validity ::= SEQUENCE { notBefore Time, notAfter Time } */
static err_t der_layout(slice_t der, der_layout_t *l)
{
	cursor_t c = cursor_make(der.ptr, der.len), cert, tbs, validity, x;

	TRY(der_tlv(&c, 0x30, &cert, &l->whole));
	TRY(der_tlv(&cert, 0x30, &tbs, NULL));
	if (der_peek(&tbs, 0xa0))
		TRY(der_tlv(&tbs, 0xa0, &x, &l->version));
	TRY(der_tlv(&tbs, 0x02, &x, &l->serial));
	TRY(der_tlv(&tbs, 0x30, &x, NULL));
	TRY(der_tlv(&tbs, 0x30, &x, &l->issuer));
	TRY(der_tlv(&tbs, 0x30, &validity, NULL));
	TRY(der_time(&validity, &l->not_before));
	TRY(der_time(&validity, &l->not_after));
	TRY(der_tlv(&tbs, 0x30, &x, &l->subject));
	TRY(der_tlv(&tbs, 0x30, &x, &l->spki));
	while (cursor_left(&tbs)) {
		if (der_peek(&tbs, 0xa3))
			TRY(der_tlv(&tbs, 0xa3, &x, &l->extensions));
		else
			TRY(der_tlv(&tbs, 0, &x, NULL));
	}
	TRY(der_tlv(&cert, 0x30, &x, &l->sig_alg));
	return ERR_OK;
}

/* True when s is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates). */
static bool utf8_ok(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, n, i, cp;
		if (c < 0x80) { s++; continue; }
		if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; }
		else return false;
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		s += n + 1;
	}
	return true;
}

/* Names are for reading: control characters become '?', and so does any
 * byte above 0x7f unless the whole name is valid UTF-8 (a Japanese O= is
 * kept as it is). */
static void sanitize(char *s)
{
	bool keep_high = utf8_ok((const unsigned char *)s);

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && !keep_high))
			*s = '?';
	}
}

typedef int (*dn_getter_t)(gnutls_x509_crt_t, gnutls_datum_t *, unsigned);

static void add_dn(field_t *parent, const char *name, size_t off, der_span_t sp,
		   gnutls_x509_crt_t crt, dn_getter_t get)
{
	gnutls_datum_t dn = { NULL, 0 };
	int ret = get(crt, &dn, 0);

	if (ret >= 0 && dn.data) {
		sanitize((char *)dn.data);
		field_add(parent, name, off + sp.off, sp.len, "%s", (char *)dn.data);
	} else {
		field_add(parent, name, off + sp.off, sp.len, "%s",
			  ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE ? "(empty)" : gnutls_strerror(ret));
	}
	gnutls_free(dn.data);
}

/* UTC, ISO 8601: 2016-07-30T01:23:59Z. */
static void add_time(field_t *parent, const char *name, size_t off, der_span_t sp, time_t t)
{
	struct tm tm;
	char buf[40];

	if (t == (time_t)-1 || !gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
		field_add(parent, name, off + sp.off, sp.len, "unreadable");
	else
		field_add(parent, name, off + sp.off, sp.len, "%s", buf);
}

/* RFC 5280 4.2.1.6: GeneralName dNSName, iPAddress (4 or 16 bytes), rfc822Name, URI. */
static void add_sans(field_t *parent, size_t off, der_span_t sp, gnutls_x509_crt_t crt)
{
	field_t *list = field_add(parent, "subject_alt_names", off + sp.off, sp.len, NULL);
	unsigned seq;

	field_flag(list, FIELD_LIST);
	for (seq = 0; seq < 4096; seq++) {
		char buf[1024], ip[INET6_ADDRSTRLEN];
		size_t size = sizeof buf - 1;
		int ret = gnutls_x509_crt_get_subject_alt_name(crt, seq, buf, &size, NULL);

		if (ret == GNUTLS_E_SHORT_MEMORY_BUFFER) {
			field_add(list, "name", off + sp.off, sp.len, "(longer than %zu bytes)", sizeof buf - 1);
			continue;
		}
		if (ret < 0)
			break;
		if (size >= sizeof buf)
			size = sizeof buf - 1;
		buf[size] = '\0';
		switch (ret) {
		case GNUTLS_SAN_IPADDRESS:
			if ((size == 4 && inet_ntop(AF_INET, buf, ip, sizeof ip))
			    || (size == 16 && inet_ntop(AF_INET6, buf, ip, sizeof ip)))
				field_add(list, "ip_address", off + sp.off, sp.len, "%s", ip);
			else
				field_add(list, "ip_address", off + sp.off, sp.len, "(%zu bytes)", size);
			break;
		case GNUTLS_SAN_DNSNAME: case GNUTLS_SAN_RFC822NAME: case GNUTLS_SAN_URI:
			sanitize(buf);
			field_add(list, ret == GNUTLS_SAN_DNSNAME ? "dns_name" : ret == GNUTLS_SAN_URI ? "uri" : "email",
				  off + sp.off, sp.len, "%s", buf);
			break;
		default:
			field_add(list, "other_name", off + sp.off, sp.len, "type %d", ret);
			break;
		}
	}
}

static void add_details(field_t *p, size_t off, const der_layout_t *l, gnutls_x509_crt_t crt)
{
	unsigned char serial[128];
	size_t serial_len = sizeof serial;
	unsigned bits = 0, critical = 0;
	char oid[128];
	size_t oid_len = sizeof oid;
	const char *name;
	int alg, ca;

	field_add(p, "version", off + l->version.off, l->version.len, "v%d", gnutls_x509_crt_get_version(crt));
	if (gnutls_x509_crt_get_serial(crt, serial, &serial_len) >= 0)
		field_set_span(field_add_hex(p, "serial_number", 0, serial, serial_len),
			       off + l->serial.off, l->serial.len);
	else
		field_add(p, "serial_number", off + l->serial.off, l->serial.len, "unreadable");
	add_dn(p, "subject", off, l->subject, crt, gnutls_x509_crt_get_dn3);
	add_dn(p, "issuer", off, l->issuer, crt, gnutls_x509_crt_get_issuer_dn3);
	add_time(p, "not_before", off, l->not_before, gnutls_x509_crt_get_activation_time(crt));
	add_time(p, "not_after", off, l->not_after, gnutls_x509_crt_get_expiration_time(crt));
	add_sans(p, off, l->extensions, crt);
	alg = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
	name = alg >= 0 ? gnutls_pk_get_name((gnutls_pk_algorithm_t)alg) : NULL;
	field_add(p, "public_key_algorithm", off + l->spki.off, l->spki.len, "%s", name ? name : "unknown");
	field_add(p, "public_key_bits", off + l->spki.off, l->spki.len, "%u", bits);
	alg = gnutls_x509_crt_get_signature_algorithm(crt);
	name = alg >= 0 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)alg) : NULL;
	if (!name && gnutls_x509_crt_get_signature_oid(crt, oid, &oid_len) >= 0)
		name = oid;
	field_add(p, "signature_algorithm", off + l->sig_alg.off, l->sig_alg.len, "%s", name ? name : "unknown");
	/* RFC 5280 4.2.1.9: basicConstraints cA. */
	ca = gnutls_x509_crt_get_ca_status(crt, &critical);
	field_add(p, "is_ca", off + l->extensions.off, l->extensions.len, "%s", ca > 0 ? "yes" : "no");
}

err_t x509_describe(field_t *parent, size_t off, slice_t der, const char **why)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d;
	der_layout_t l;
	int ret;

	if (why)
		*why = NULL;
	if (der.len > UINT_MAX) {
		if (why)
			*why = "too large";
		return ERR_GNUTLS;
	}
	ret = gnutls_x509_crt_init(&crt);
	if (ret < 0) {
		if (why)
			*why = gnutls_strerror(ret);
		return ERR_GNUTLS;
	}
	d.data = (unsigned char *)der.ptr;   /* GnuTLS only reads it */
	d.size = (unsigned)der.len;
	ret = gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER);
	if (ret < 0) {
		if (why)
			*why = gnutls_strerror(ret);
		gnutls_x509_crt_deinit(crt);
		return ERR_GNUTLS;
	}
	memset(&l, 0, sizeof l);
	if (der_layout(der, &l) != ERR_OK) {
		/* An encoding GnuTLS accepts but this walk does not: point at the whole. */
		der_span_t all = { 0, der.len };
		l = (der_layout_t){ all, all, all, all, all, all, all, all, all, all };
	}
	add_details(parent, off, &l, crt);
	gnutls_x509_crt_deinit(crt);
	return ERR_OK;
}

/* One DER element: tag, definite length (X.690 8.1.3, in the fewest bytes:
 * 10.1), contents carved out as a sub-cursor. */
static bool x509_der_element(cursor_t *c, uint8_t *tag, cursor_t *contents)
{
	uint8_t b, n, i;
	size_t len = 0;

	if (cursor_u8(c, tag) != ERR_OK || (*tag & 0x1f) == 0x1f || cursor_u8(c, &b) != ERR_OK)
		return false;   /* high tag numbers do not occur in names */
	if (b < 0x80) {
		len = b;
	} else {
		n = b & 0x7f;
		if (n == 0 || n > 3)
			return false;   /* indefinite, or longer than a DN can be */
		for (i = 0; i < n; i++) {
			if (cursor_u8(c, &b) != ERR_OK || (i == 0 && b == 0))
				return false;   /* DER: no leading zero byte */
			len = len << 8 | b;
		}
		if (len < 0x80)
			return false;   /* DER: the short form when it fits */
	}
	if (cursor_left(c) < len)
		return false;
	*contents = *c;
	contents->end = contents->pos + len;
	c->pos += len;
	return true;
}

bool x509_dn_well_formed(slice_t der)
{
	cursor_t c = cursor_make(der.ptr, der.len), rdns, rdn, atv, value;
	uint8_t tag;

	if (!x509_der_element(&c, &tag, &rdns) || tag != 0x30 || cursor_left(&c))
		return false;
	while (cursor_left(&rdns)) {
		if (!x509_der_element(&rdns, &tag, &rdn) || tag != 0x31 || !cursor_left(&rdn))
			return false;
		while (cursor_left(&rdn)) {
			if (!x509_der_element(&rdn, &tag, &atv) || tag != 0x30 ||
			    !x509_der_element(&atv, &tag, &value) || tag != 0x06 || !cursor_left(&value) ||
			    !x509_der_element(&atv, &tag, &value) || cursor_left(&atv))
				return false;
		}
	}
	return true;
}

char *x509_dn_text(slice_t der)
{
	gnutls_datum_t in, out = { NULL, 0 };
	char *s;

	if (der.len == 0 || der.len > UINT_MAX)
		return NULL;
	in.data = (unsigned char *)der.ptr;   /* GnuTLS only reads it */
	in.size = (unsigned)der.len;
	if (gnutls_x509_rdn_get2(&in, &out, 0) < 0 || !out.data) {
		gnutls_free(out.data);
		return NULL;
	}
	s = strdup((char *)out.data);
	gnutls_free(out.data);
	if (s)
		sanitize(s);
	return s;
}
