/* test_msg12.c - the message parsers on hand-built TLS 1.0-1.2 and SSL 3.0
 * messages: hellos with the classic extensions, Certificate with a
 * certificate GnuTLS makes here, the key exchanges, CertificateRequest,
 * CertificateVerify, Finished, NewSessionTicket, CertificateStatus; and
 * their broken variants.  TLS 1.3 (RFC 8448) is in test_msg.c. */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "testing.h"
#include "msg_testutil.h"
#include "tls/registry.h"
#include "tls/x509.h"

static msg_ctx_t ctx(uint16_t version, uint16_t suite, int sender)
{
	return (msg_ctx_t){ .version = version, .suite = suite ? suite_find(suite) : NULL, .sender = sender };
}

/* ---- ClientHello / ServerHello ---------------------------------------- */

/* Faults build_ch can inject. */
enum { CH_OK, CH_SID33, CH_SUITES_LIE, CH_SUITES_ODD, CH_SUITES_EMPTY, CH_NO_COMPRESSION,
       CH_DUP_EXT, CH_PSK_NOT_LAST, CH_EXT_LIE, CH_EMS_NOT_EMPTY, CH_SNI_LIE, CH_MFL_5, CH_RSL_63,
       CH_DUP_HIGH, CH_MANY_HIGH };

static void ext_open(bb_t *b, unsigned type) { bb_u16(b, type); bb_open(b, 2); }

static size_t build_ch(bb_t *b, int fault)
{
	unsigned i;

	memset(b, 0, sizeof *b);
	bb_hs(b, HS_CLIENT_HELLO);
	bb_u16(b, 0x0303);
	for (i = 0; i < 32; i++)
		bb_u8(b, i);
	bb_u8(b, fault == CH_SID33 ? 33 : 32);
	bb_fill(b, 0xee, fault == CH_SID33 ? 33 : 32);
	if (fault == CH_SUITES_LIE) {
		bb_u16(b, 300);
		bb_hex(b, "0a0a c02f");
	} else if (fault == CH_SUITES_EMPTY) {
		bb_u16(b, 0);
	} else {
		bb_open(b, 2);
		bb_hex(b, "0a0a c02f c013 009e 002f 00ff");
		if (fault == CH_SUITES_ODD)
			bb_u8(b, 0);
		bb_close(b);
	}
	bb_u8(b, fault == CH_NO_COMPRESSION ? 0 : 1);
	if (fault != CH_NO_COMPRESSION)
		bb_u8(b, 0);
	bb_open(b, 2);
	ext_open(b, 0x0a0a); bb_close(b);
	if (fault == CH_PSK_NOT_LAST) {
		ext_open(b, 41);
		bb_hex(b, "000b 0005 7469636b65 00000000");
		bb_hex(b, "0021 20"); bb_fill(b, 0x11, 32);
		bb_close(b);
	}
	ext_open(b, 0);
	bb_open(b, 2); bb_u8(b, 0);
	if (fault == CH_SNI_LIE)
		bb_u16(b, 200);
	else
		bb_open(b, 2);
	bb_bytes(b, "example.com", 11);
	if (fault != CH_SNI_LIE)
		bb_close(b);
	bb_close(b); bb_close(b);
	ext_open(b, 23);
	if (fault == CH_EMS_NOT_EMPTY)
		bb_u8(b, 0);
	bb_close(b);
	ext_open(b, 22); bb_close(b);
	ext_open(b, 35); bb_close(b);
	ext_open(b, 10); bb_hex(b, "0006 001d 0017 0018"); bb_close(b);
	ext_open(b, 11); bb_hex(b, "01 00"); bb_close(b);
	ext_open(b, 13); bb_hex(b, "0006 0401 0403 0804"); bb_close(b);
	ext_open(b, 0xff01); bb_u8(b, 0); bb_close(b);
	ext_open(b, 16); bb_hex(b, "000c 02 6832 08 687474702f312e31"); bb_close(b);
	ext_open(b, 5); bb_hex(b, "01 0000 0000"); bb_close(b);
	ext_open(b, 15); bb_u8(b, 1); bb_close(b);
	ext_open(b, 1); bb_u8(b, fault == CH_MFL_5 ? 5 : 2); bb_close(b);
	ext_open(b, 28); bb_u16(b, fault == CH_RSL_63 ? 63 : 0x4001); bb_close(b);
	if (fault == CH_DUP_EXT) {
		ext_open(b, 23); bb_close(b);
	}
	ext_open(b, 0x1234); bb_hex(b, "abcd"); bb_close(b);
	if (fault == CH_DUP_HIGH) {   /* a type above 255, repeated */
		ext_open(b, 0x1234); bb_close(b);
	}
	if (fault == CH_MANY_HIGH) {  /* more high types than the short list holds, then a repeat */
		unsigned k;
		for (k = 0; k < 40; k++) {
			ext_open(b, 0x3000 + k); bb_close(b);
		}
		ext_open(b, 0x3001); bb_close(b);
	}
	if (fault == CH_EXT_LIE) {
		bb_u16(b, 21); bb_u16(b, 40); bb_fill(b, 0, 10);
	} else {
		ext_open(b, 21); bb_fill(b, 0, 10); bb_close(b);
	}
	bb_close(b);
	bb_close(b);
	return b->n;
}

static void test_client_hello_tls12(void)
{
	static const size_t no_ext[] = { 2 + 32 + 33 + 14 + 2 };
	msg_ctx_t c = ctx(0, 0, SIDE_CLIENT);
	bb_t b;
	size_t n = build_ch(&b, CH_OK);
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	field_t *f;

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->nnotes, 0);
	CU_ASSERT_TRUE(m->hello.ems);
	CU_ASSERT_TRUE(m->hello.etm);
	CU_ASSERT_TRUE(m->hello.session_ticket);
	CU_ASSERT_STRING_EQUAL(m->hello.sni, "example.com");
	CU_ASSERT_EQUAL(m->hello.session_id_len, 32);
	CU_ASSERT_EQUAL(m->hello.session_id[31], 0xee);
	CU_ASSERT_EQUAL(m->hello.random[31], 31);
	CU_ASSERT_EQUAL_FATAL(m->hello.nsuites, 6);
	CU_ASSERT_EQUAL(m->hello.suites[0], 0x0a0a);
	CU_ASSERT_EQUAL(m->hello.suites[5], 0x00ff);
	CU_ASSERT_EQUAL(m->hello.nexts, 16);
	CU_ASSERT_EQUAL(m->hello.nversions, 0);
	f = field_find(m->root, "random");
	CU_ASSERT_EQUAL(f->off, 6);
	CU_ASSERT_EQUAL(f->len, 32);
	f = field_find(m->root, "session_id");
	CU_ASSERT_EQUAL(f->off, 39);
	CU_ASSERT_EQUAL(f->len, 32);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "client_version"), "TLS 1.2 (0x0303)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "cipher_suites/0"), "GREASE (0x0a0a)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "cipher_suites/4"), "TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "cipher_suites/5"), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "compression_methods/0"), "null (0)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0"), "GREASE");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0/extension_type"), "GREASE (0x0a0a)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/1/extension_type"), "server_name (0)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/2"), "extended_master_secret");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/3"), "encrypt_then_mac");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/4/extension_data"), "empty: asks for a new ticket");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/6/extension_data/ec_point_format_list/0"), "uncompressed (0)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/7/extension_data/supported_signature_algorithms/0"),
			       "rsa_pkcs1_sha256 (0x0401)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/8/extension_data/renegotiated_connection"), "");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/9/extension_data/protocol_name_list/1"), "http/1.1");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/10/extension_data/status_type"), "ocsp (1)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/11/extension_data/mode"), "peer_allowed_to_send (1)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/12/extension_data/max_fragment_length"), "1024 bytes (2)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/14"), "unknown");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/14/extension_data"), "abcd");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/15/extension_data"), "10 bytes of padding");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, n, &c);
	mt_check_broken(CT_HANDSHAKE, b.b, n, &c, 0, no_ext, 1);
}

static void test_client_hello_faults(void)
{
	static const struct { int fault; err_t e; const char *note; } cases[] = {
		{ CH_SID33, ERR_BAD_LENGTH, "ClientHello: session_id is 33 bytes; the RFC allows at most 32" },
		{ CH_SUITES_LIE, ERR_TRUNCATED, "ClientHello: cipher_suites says 300 bytes but only" },
		{ CH_SUITES_ODD, ERR_BAD_LENGTH, "not a whole number of 2-byte values" },
		{ CH_SUITES_EMPTY, ERR_BAD_LENGTH, "cipher_suites is 0 bytes; the RFC requires at least 2" },
		{ CH_NO_COMPRESSION, ERR_BAD_LENGTH, "compression_methods is 0 bytes" },
		{ CH_DUP_EXT, ERR_BAD_VALUE, "extended_master_secret appears twice" },
		{ CH_PSK_NOT_LAST, ERR_BAD_VALUE, "pre_shared_key is extension 2 of" },
		{ CH_EXT_LIE, ERR_TRUNCATED, "extension_data says 40 bytes but only 10 remain" },
		{ CH_EMS_NOT_EMPTY, ERR_TRAILING, "1 unexpected bytes at the end of extended_master_secret" },
		{ CH_SNI_LIE, ERR_TRUNCATED, "host_name says 200 bytes" },
		{ CH_MFL_5, ERR_BAD_VALUE, "max_fragment_length 5" },
		{ CH_RSL_63, ERR_BAD_VALUE, "record_size_limit 63 is below 64" },
		{ CH_DUP_HIGH, ERR_BAD_VALUE, "appears twice" },
		{ CH_MANY_HIGH, ERR_BAD_VALUE, "appears twice" },
	};
	msg_ctx_t c = ctx(0, 0, SIDE_CLIENT);
	size_t i, n;
	bb_t b;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_t e;
		msg_t *m;
		n = build_ch(&b, cases[i].fault);
		m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
		CU_ASSERT_EQUAL(e, cases[i].e);
		CU_ASSERT_TRUE(mt_note_has(m, cases[i].note));
		if (!mt_note_has(m, cases[i].note))
			fprintf(stderr, "\n  fault %d: %s\n", cases[i].fault, m->nnotes ? m->notes[0] : "(no note)");
		CU_ASSERT_TRUE(mt_has_error(m->root));
		CU_ASSERT_TRUE(mt_spans_ok(m->root, n));
		msg_free(m);
	}
	/* The handshake header claims more than there is. */
	n = build_ch(&b, CH_OK);
	{
		err_t e;
		msg_t *m = mt_parse(CT_HANDSHAKE, false, b.b, n - 10, &c, &e);
		CU_ASSERT_EQUAL(e, ERR_TRUNCATED);
		CU_ASSERT_TRUE(mt_note_has(m, "ClientHello: length says"));
		CU_ASSERT_TRUE(field_find(m->root, "length")->flags & FIELD_ERROR);
		msg_free(m);
	}
}

static size_t build_sh(bb_t *b, bool downgrade, unsigned alpn_names)
{
	unsigned i;

	memset(b, 0, sizeof *b);
	bb_hs(b, HS_SERVER_HELLO);
	bb_u16(b, 0x0303);
	for (i = 0; i < 24; i++)
		bb_u8(b, 0x40 + i);
	if (downgrade)
		bb_hex(b, "444f574e47524401");
	else
		bb_fill(b, 0x77, 8);
	bb_u8(b, 32);
	bb_fill(b, 0x5e, 32);
	bb_u16(b, 0xc02f);
	bb_u8(b, 0);
	bb_open(b, 2);
	ext_open(b, 0xff01); bb_u8(b, 0); bb_close(b);
	ext_open(b, 23); bb_close(b);
	ext_open(b, 11); bb_hex(b, "01 00"); bb_close(b);
	ext_open(b, 35); bb_close(b);
	ext_open(b, 16); bb_open(b, 2);
	for (i = 0; i < alpn_names; i++)
		bb_hex(b, "02 6832");
	bb_close(b); bb_close(b);
	bb_close(b);
	bb_close(b);
	return b->n;
}

static void test_server_hello_tls12(void)
{
	static const size_t no_ext[] = { 2 + 32 + 33 + 3 };
	msg_ctx_t c = ctx(0, 0, SIDE_SERVER);
	bb_t b;
	size_t n = build_sh(&b, false, 1);
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	field_t *f;

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->hello.suite, 0xc02f);
	CU_ASSERT_EQUAL(m->hello.legacy_version, 0x0303);
	CU_ASSERT_EQUAL(m->hello.selected_version, 0);
	CU_ASSERT_TRUE(m->hello.ems);
	CU_ASSERT_FALSE(m->hello.etm);
	CU_ASSERT_TRUE(m->hello.session_ticket);
	CU_ASSERT_EQUAL(m->hello.nexts, 5);
	f = field_find(m->root, "cipher_suite");
	CU_ASSERT_STRING_EQUAL(f->value, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xc02f)");
	CU_ASSERT_TRUE(f->flags & FIELD_CHOSEN);
	CU_ASSERT_EQUAL(f->off, 4 + 2 + 32 + 33);
	CU_ASSERT_TRUE(field_find(m->root, "compression_method")->flags & FIELD_CHOSEN);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/4/extension_data/protocol_name_list/0"), "h2");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, n, &c);
	mt_check_broken(CT_HANDSHAKE, b.b, n, &c, 0, no_ext, 1);
	/* RFC 8446 4.1.3's downgrade sentinel is pointed out, not an error. */
	n = build_sh(&b, true, 1);
	m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_TRUE(mt_note_has(m, "DOWNGRD"));
	msg_free(m);
	/* RFC 7301 3.1: the server names exactly one protocol. */
	n = build_sh(&b, false, 2);
	m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	CU_ASSERT_TRUE(mt_note_has(m, "exactly one"));
	msg_free(m);
}

/* ---- Certificate, with certificates GnuTLS makes here ------------------ */

static uint8_t cert_der[2048], cert_dn[512];
static size_t cert_len, cert_dn_len;

/* A self-signed ECDSA P-256 CA certificate: CN=test.example,O=tlstrace,
 * serial 0102, 2020-01-01 .. 2030-01-01, SAN DNS test.example and 127.0.0.1. */
static void make_cert(void)
{
	static const unsigned char serial[] = { 0x01, 0x02 }, ip[] = { 127, 0, 0, 1 };
	gnutls_x509_privkey_t key;
	gnutls_x509_crt_t crt;
	gnutls_datum_t der = { NULL, 0 }, dn = { NULL, 0 };

	if (cert_len)
		return;
	CU_ASSERT_FATAL(gnutls_x509_privkey_init(&key) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
		GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_crt_init(&crt) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_version(crt, 3) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_serial(crt, serial, sizeof serial) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_activation_time(crt, 1577836800) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_expiration_time(crt, 1893456000) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_dn(crt, "CN=test.example,O=tlstrace", NULL) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_key(crt, key) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, "test.example", 12,
						       GNUTLS_FSAN_APPEND) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 4, GNUTLS_FSAN_APPEND) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_basic_constraints(crt, 1, -1) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &der) >= 0);
	CU_ASSERT_FATAL(der.size <= sizeof cert_der);
	memcpy(cert_der, der.data, der.size);
	cert_len = der.size;
	CU_ASSERT_FATAL(gnutls_x509_crt_get_raw_dn(crt, &dn) >= 0 && dn.size <= sizeof cert_dn);
	memcpy(cert_dn, dn.data, dn.size);
	cert_dn_len = dn.size;
	gnutls_free(der.data);
	gnutls_free(dn.data);
	gnutls_x509_crt_deinit(crt);
	gnutls_x509_privkey_deinit(key);
}

static size_t build_certificate(bb_t *b, unsigned count, bool garbage)
{
	unsigned i;

	memset(b, 0, sizeof *b);
	bb_hs(b, HS_CERTIFICATE);
	bb_open(b, 3);
	for (i = 0; i < count; i++) {
		bb_open(b, 3);
		bb_bytes(b, cert_der, cert_len);
		bb_close(b);
	}
	if (garbage) {
		bb_open(b, 3); bb_hex(b, "300301 0203"); bb_close(b);
	}
	bb_close(b);
	bb_close(b);
	return b->n;
}

static void test_certificate_tls12(void)
{
	msg_ctx_t c = ctx(VER_TLS12, 0xc02b, SIDE_SERVER);
	bb_t b;
	size_t n;
	err_t e;
	msg_t *m;
	field_t *d;

	make_cert();
	n = build_certificate(&b, 2, false);
	m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL_FATAL(m->ncerts, 2);
	CU_ASSERT_EQUAL(m->certs[0].off, 10);
	CU_ASSERT_EQUAL(m->certs[0].len, cert_len);
	CU_ASSERT_EQUAL(m->certs[1].off, 10 + cert_len + 3);
	CU_ASSERT_EQUAL(memcmp(msg_span(m, m->certs[1]).ptr, cert_der, cert_len), 0);
	d = mt_path(m->root, "certificate_list/1/cert_data");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(mt_val(d, "subject"), "CN=test.example,O=tlstrace");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "issuer"), "CN=test.example,O=tlstrace");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "serial_number"), "0102");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "version"), "v3");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "not_before"), "2020-01-01T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "not_after"), "2030-01-01T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "subject_alt_names/0"), "test.example");
	CU_ASSERT_STRING_EQUAL(mt_path(d, "subject_alt_names/0")->name, "dns_name");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "subject_alt_names/1"), "127.0.0.1");
	CU_ASSERT_STRING_EQUAL(mt_path(d, "subject_alt_names/1")->name, "ip_address");
	CU_ASSERT_PTR_NOT_NULL(strstr(mt_val(d, "public_key_algorithm"), "EC"));
	CU_ASSERT_STRING_EQUAL(mt_val(d, "public_key_bits"), "256");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "signature_algorithm"), "ECDSA-SHA256");
	CU_ASSERT_STRING_EQUAL(mt_val(d, "is_ca"), "yes");
	/* The subject span is the DER Name: the same bytes GnuTLS calls the raw DN. */
	CU_ASSERT_EQUAL(field_find(d, "subject")->len, cert_dn_len);
	CU_ASSERT_EQUAL(memcmp(b.b + field_find(d, "subject")->off, cert_dn, cert_dn_len), 0);
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, n, &c);
	mt_check_broken(CT_HANDSHAKE, b.b, n, &c, 0, NULL, 0);
	/* A certificate GnuTLS cannot read is noted, not an error. */
	n = build_certificate(&b, 1, true);
	m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->ncerts, 2);
	CU_ASSERT_TRUE(mt_note_has(m, "certificate 2 could not be read as X.509"));
	msg_free(m);
	/* No certificate at all (a client without one). */
	n = build_certificate(&b, 0, false);
	mt_check_valid(CT_HANDSHAKE, b.b, n, &c);
	/* An empty ASN.1Cert is not allowed: <1..2^24-1>. */
	memcpy(b.b, (const uint8_t[]){ 11, 0, 0, 6, 0, 0, 3, 0, 0, 0 }, 10);
	m = mt_parse(CT_HANDSHAKE, false, b.b, 10, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_LENGTH);
	msg_free(m);
}

/* ---- CertificateRequest, CertificateVerify, Finished, tickets, status ---- */

static void test_certificate_request(void)
{
	msg_ctx_t c12 = ctx(VER_TLS12, 0xc02f, SIDE_SERVER), c11 = ctx(VER_TLS11, 0x002f, SIDE_SERVER);
	msg_ctx_t c13 = ctx(VER_TLS13, 0x1301, SIDE_SERVER);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	make_cert();
	/* RFC 5246 7.4.4 */
	bb_hs(&b, HS_CERTIFICATE_REQUEST);
	bb_hex(&b, "02 01 40  0004 0401 0403");
	bb_open(&b, 2); bb_open(&b, 2); bb_bytes(&b, cert_dn, cert_dn_len); bb_close(&b); bb_close(&b);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c12, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_types/0"), "rsa_sign (1)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_types/1"), "ecdsa_sign (64)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "supported_signature_algorithms/1"), "ecdsa_secp256r1_sha256 (0x0403)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_authorities/0"), "CN=test.example,O=tlstrace");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c12);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c12, 0, NULL, 0);
	/* A Japanese name (CN=日本, UTF-8) stays readable; bytes that are no DN are noted and shown in hex. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CERTIFICATE_REQUEST);
	bb_hex(&b, "01 40  0002 0403  0019 0013 3011310f300d06035504030c06e697a5e69cac 0002 0102");
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c12, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_authorities/0"), "CN=\xe6\x97\xa5\xe6\x9c\xac");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_authorities/1"), "0102");
	CU_ASSERT_TRUE(mt_note_has(m, "not valid DER"));
	msg_free(m);
	/* A lean parse (no tree) makes the same complaint, and only that one. */
	{
		msg_ctx_t lean = c12;
		lean.lean = true;
		m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &lean, &e);
		CU_ASSERT_EQUAL(e, ERR_OK);
		CU_ASSERT_PTR_NULL(m->root);
		CU_ASSERT_EQUAL(m->nnotes, 1);
		CU_ASSERT_TRUE(mt_note_has(m, "not valid DER"));
		msg_free(m);
	}
	/* TLS 1.1: no signature algorithms. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CERTIFICATE_REQUEST);
	bb_hex(&b, "01 01  0000");
	bb_close(&b);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c11);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c11, 0, NULL, 0);
	/* RFC 8446 4.3.2: context and extensions. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CERTIFICATE_REQUEST);
	bb_hex(&b, "00  0016 000d 0004 0002 0804  002f 000a 0008 0006");
	bb_bytes(&b, cert_dn, 0);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c13, &e);
	CU_ASSERT_EQUAL(e, ERR_TRUNCATED);   /* the DN announced is not there */
	msg_free(m);
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CERTIFICATE_REQUEST);
	bb_u8(&b, 0);
	bb_open(&b, 2);
	bb_hex(&b, "000d 0004 0002 0804");
	bb_u16(&b, 47); bb_open(&b, 2); bb_open(&b, 2); bb_open(&b, 2);
	bb_bytes(&b, cert_dn, cert_dn_len);
	bb_close(&b); bb_close(&b); bb_close(&b);
	bb_close(&b);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c13, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/1/extension_data/authorities/0"), "CN=test.example,O=tlstrace");
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c13, 0, NULL, 0);
}

static void test_certificate_verify(void)
{
	msg_ctx_t c12 = ctx(VER_TLS12, 0x002f, SIDE_CLIENT), c10 = ctx(VER_TLS10, 0x002f, SIDE_CLIENT);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	bb_hs(&b, HS_CERTIFICATE_VERIFY);
	bb_hex(&b, "0401 0080"); bb_fill(&b, 0x71, 128);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c12, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->sig_scheme, 0x0401);
	CU_ASSERT_EQUAL(m->signature.off, 8);
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c12, 0, NULL, 0);
	/* TLS 1.0: the signature alone. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CERTIFICATE_VERIFY);
	bb_hex(&b, "0080"); bb_fill(&b, 0x71, 128);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c10, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->sig_scheme, 0);
	CU_ASSERT_EQUAL(m->signature.off, 6);
	CU_ASSERT_EQUAL(m->signature.len, 128);
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c10, 0, NULL, 0);
}

static void test_finished(void)
{
	msg_ctx_t c12 = ctx(VER_TLS12, 0x002f, SIDE_CLIENT), c30 = ctx(VER_SSL30, 0x002f, SIDE_CLIENT);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	bb_hs(&b, HS_FINISHED); bb_fill(&b, 0xf1, 12); bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c12, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->verify_data.off, 4);
	CU_ASSERT_EQUAL(m->verify_data.len, 12);
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c12, 0, NULL, 0);
	/* SSL 3.0: md5_hash[16] + sha_hash[20]. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_FINISHED); bb_fill(&b, 0xf3, 36); bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c30, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->verify_data.len, 36);
	CU_ASSERT_EQUAL(mt_path(m->root, "verify_data/sha_hash")->off, 20);
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c30, 0, NULL, 0);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c12, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_LENGTH);
	CU_ASSERT_TRUE(mt_note_has(m, "Finished: verify_data is 36 bytes; TLS 1.2 with this suite needs 12"));
	msg_free(m);
}

static void test_new_session_ticket_tls12(void)
{
	msg_ctx_t c = ctx(VER_TLS12, 0xc02f, SIDE_SERVER);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	/* RFC 5077 3.3 */
	bb_hs(&b, HS_NEW_SESSION_TICKET);
	bb_u32(&b, 7200);
	bb_u16(&b, 100); bb_fill(&b, 0x7e, 100);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->ticket_lifetime, 7200);
	CU_ASSERT_EQUAL(m->ticket.off, 10);
	CU_ASSERT_EQUAL(m->ticket.len, 100);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "ticket_lifetime_hint"), "7200 seconds");
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c, 0, NULL, 0);
	/* "the server ... sends a zero-length ticket" when it will not issue one. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_NEW_SESSION_TICKET); bb_u32(&b, 0); bb_u16(&b, 0); bb_close(&b);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c);
}

static void test_certificate_status(void)
{
	msg_ctx_t c = ctx(VER_TLS12, 0xc02f, SIDE_SERVER);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	/* RFC 6066 8 */
	bb_hs(&b, HS_CERTIFICATE_STATUS);
	bb_u8(&b, 1);
	bb_u24(&b, 16); bb_fill(&b, 0x30, 16);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "status_type"), "ocsp (1)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "ocsp_response"), "16-byte OCSP response");
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c, 0, NULL, 0);
	b.b[4] = 9;
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	msg_free(m);
}

/* The lean DN check agrees with GnuTLS on a real name and on broken ones. */
static void test_dn_shape(void)
{
	uint8_t b[600];
	size_t n;

	make_cert();
	n = cert_dn_len;
	memcpy(b, cert_dn, n);
	CU_ASSERT_TRUE(x509_dn_well_formed(slice_make(b, n)));
	CU_ASSERT_FALSE(x509_dn_well_formed(slice_make(b, n - 1)));       /* cut short */
	b[n] = 0;
	CU_ASSERT_FALSE(x509_dn_well_formed(slice_make(b, n + 1)));       /* a byte too many */
	b[0] = 0x31;
	CU_ASSERT_FALSE(x509_dn_well_formed(slice_make(b, n)));           /* a SET outside */
	CU_ASSERT_FALSE(x509_dn_well_formed(slice_make(NULL, 0)));
	/* the same name with its outer length in a needless long form */
	CU_ASSERT_FATAL(cert_dn[1] < 0x80);
	b[0] = 0x30;
	b[1] = 0x81;
	b[2] = cert_dn[1];
	memcpy(b + 3, cert_dn + 2, n - 2);
	CU_ASSERT_FALSE(x509_dn_well_formed(slice_make(b, n + 1)));
	/* an empty name (no RDNs) is well formed: RFC 5280 allows it */
	CU_ASSERT_TRUE(x509_dn_well_formed(slice_make((const uint8_t *)"\x30\x00", 2)));
	/* an attribute whose type is not an OID */
	CU_ASSERT_FALSE(x509_dn_well_formed(slice_make((const uint8_t *)"\x30\x08\x31\x06\x30\x04\x04\x00\x0c\x00", 10)));
	CU_ASSERT_PTR_NULL(x509_dn_text(slice_make(b, 0)));
}

const test_suite_t test_msg12_suite = {
	"msg12", (const test_case_t[]){
		{ "ClientHello TLS 1.2 with classic extensions", test_client_hello_tls12 },
		{ "ClientHello faults", test_client_hello_faults },
		{ "ServerHello TLS 1.2", test_server_hello_tls12 },
		{ "Certificate with GnuTLS-made certificates", test_certificate_tls12 },
		{ "CertificateRequest 1.1, 1.2, 1.3", test_certificate_request },
		{ "CertificateVerify 1.0 and 1.2", test_certificate_verify },
		{ "Finished TLS 1.2 and SSL 3.0", test_finished },
		{ "NewSessionTicket TLS 1.2", test_new_session_ticket_tls12 },
		{ "CertificateStatus", test_certificate_status },
		{ "distinguished names: the lean shape check", test_dn_shape },
		{ NULL, NULL } }
};
