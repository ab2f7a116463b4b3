/* test_msg_kx.c - ServerKeyExchange and ClientKeyExchange, whose form
 * follows the chosen suite's key exchange: ECDHE, DHE (signed with and
 * without an algorithm), DH_anon, PSK, ECDHE_PSK, RSA_EXPORT; RSA
 * encrypted premaster in its TLS and SSL 3.0 forms; and what happens
 * without a suite, or with one that sends no ServerKeyExchange. */
#include <string.h>
#include "testing.h"
#include "msg_testutil.h"
#include "tls/registry.h"

static msg_ctx_t ctx(uint16_t version, uint16_t suite, int sender)
{
	return (msg_ctx_t){ .version = version, .suite = suite ? suite_find(suite) : NULL, .sender = sender };
}

/* ---- ServerKeyExchange --------------------------------------------------- */

static void check_ske(uint16_t version, uint16_t suite, const bb_t *b, err_t want)
{
	msg_ctx_t c = ctx(version, suite, SIDE_SERVER);
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, false, b->b, b->n, &c, &e);

	CU_ASSERT_EQUAL(e, want);
	msg_free(m);
	if (want == ERR_OK) {
		mt_check_valid(CT_HANDSHAKE, b->b, b->n, &c);
		mt_check_broken(CT_HANDSHAKE, b->b, b->n, &c, 0, NULL, 0);
	}
}

static void test_server_key_exchange(void)
{
	msg_ctx_t c = ctx(VER_TLS12, 0xc02f, SIDE_SERVER), none = ctx(VER_TLS12, 0, SIDE_SERVER);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;
	field_t *f;

	/* ECDHE, TLS 1.2: RFC 8422 5.4 + RFC 5246 4.7 */
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_hex(&b, "03 001d 20"); bb_fill(&b, 0x99, 32);
	bb_hex(&b, "0804 0100"); bb_fill(&b, 0x5a, 256);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->ske_group, 0x001d);
	CU_ASSERT_EQUAL(m->exchange.off, 8);
	CU_ASSERT_EQUAL(m->exchange.len, 32);
	CU_ASSERT_EQUAL(m->sig_scheme, 0x0804);
	CU_ASSERT_EQUAL(m->signature.off, 44);
	CU_ASSERT_EQUAL(m->signature.len, 256);
	f = field_find(m->root, "named_curve");
	CU_ASSERT_STRING_EQUAL(f->value, "x25519 (0x001d)");
	CU_ASSERT_TRUE(f->flags & FIELD_CHOSEN);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "curve_type"), "named_curve (3)");
	msg_free(m);
	check_ske(VER_TLS12, 0xc02f, &b, ERR_OK);
	/* The same bytes with no suite known: kept raw. */
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &none, &e);
	CU_ASSERT_EQUAL(e, ERR_UNSUPPORTED);
	CU_ASSERT_PTR_NOT_NULL(field_find(m->root, "body"));
	CU_ASSERT_TRUE(mt_note_has(m, "cipher suite is not known"));
	msg_free(m);
	/* RFC 5246 7.4.3: not legal for RSA key exchange. */
	check_ske(VER_TLS12, 0x002f, &b, ERR_BAD_VALUE);
	/* curve_type 4 does not exist; explicit curves (1) are kept raw. */
	b.b[4] = 4;
	check_ske(VER_TLS12, 0xc02f, &b, ERR_BAD_VALUE);
	b.b[4] = 1;
	check_ske(VER_TLS12, 0xc02f, &b, ERR_UNSUPPORTED);

	/* DHE, TLS 1.2 and TLS 1.0 (no algorithm before the signature). */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_u16(&b, 256); bb_fill(&b, 0xff, 256);
	bb_hex(&b, "0001 02");
	bb_u16(&b, 256); bb_fill(&b, 0x33, 256);
	bb_hex(&b, "0401 0080"); bb_fill(&b, 0x44, 128);
	bb_close(&b);
	c = ctx(VER_TLS12, 0x009e, SIDE_SERVER);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->exchange.off, 4 + 258 + 3 + 2);
	CU_ASSERT_EQUAL(m->exchange.len, 256);
	CU_ASSERT_EQUAL(m->sig_scheme, 0x0401);
	CU_ASSERT_EQUAL(m->ske_group, 0);
	msg_free(m);
	check_ske(VER_TLS12, 0x009e, &b, ERR_OK);
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_hex(&b, "0002 ffff 0001 02 0002 3333 0080"); bb_fill(&b, 0x44, 128);
	bb_close(&b);
	check_ske(VER_TLS10, 0x0033, &b, ERR_OK);
	/* DH_anon: no signature at all. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_hex(&b, "0002 ffff 0001 02 0002 3333");
	bb_close(&b);
	check_ske(VER_TLS12, 0x0034, &b, ERR_OK);
	/* PSK: only the hint; ECDHE_PSK: hint then the curve, unsigned. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_hex(&b, "0004 68696e74");
	bb_close(&b);
	check_ske(VER_TLS12, 0x008c, &b, ERR_OK);
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_hex(&b, "0000 03 0017 41 04"); bb_fill(&b, 0x21, 64);
	bb_close(&b);
	check_ske(VER_TLS12, 0xc035, &b, ERR_OK);
	/* RSA_EXPORT: a temporary RSA key, signed (TLS 1.0). */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_KEY_EXCHANGE);
	bb_hex(&b, "0040"); bb_fill(&b, 0xc1, 64);
	bb_hex(&b, "0003 010001 0040"); bb_fill(&b, 0x1c, 64);
	bb_close(&b);
	check_ske(VER_TLS10, 0x0003, &b, ERR_OK);
}

/* ---- ClientKeyExchange --------------------------------------------------- */

static msg_t *parse_cke(uint16_t version, uint16_t suite, const bb_t *b, err_t *e)
{
	msg_ctx_t c = ctx(version, suite, SIDE_CLIENT);
	return mt_parse(CT_HANDSHAKE, false, b->b, b->n, &c, e);
}

static void test_client_key_exchange_rsa(void)
{
	msg_ctx_t c12 = ctx(VER_TLS12, 0x002f, SIDE_CLIENT), c30 = ctx(VER_SSL30, 0x002f, SIDE_CLIENT);
	static const uint8_t empty[] = { 16, 0, 0, 0 };
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	/* TLS 1.0+: two length bytes, then the RSA ciphertext (RFC 5246 7.4.7.1). */
	bb_hs(&b, HS_CLIENT_KEY_EXCHANGE);
	bb_u16(&b, 128); bb_fill(&b, 0xe7, 128);
	bb_close(&b);
	m = parse_cke(VER_TLS12, 0x002f, &b, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->exchange.off, 6);
	CU_ASSERT_EQUAL(m->exchange.len, 128);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "encrypted_pre_master_secret_length"), "128");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c12);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c12, 0, NULL, 0);
	/* SSL 3.0: the ciphertext is the whole body. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CLIENT_KEY_EXCHANGE);
	bb_fill(&b, 0xe7, 128);
	bb_close(&b);
	m = parse_cke(VER_SSL30, 0x002f, &b, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->exchange.off, 4);
	CU_ASSERT_EQUAL(m->exchange.len, 128);
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c30);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c30, MT_NO_BODY | MT_TAIL_OK, NULL, 0);
	m = mt_parse(CT_HANDSHAKE, false, empty, sizeof empty, &c30, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_LENGTH);
	CU_ASSERT_TRUE(mt_has_error(m->root));
	msg_free(m);
	/* TLS needs at least the two length bytes. */
	m = mt_parse(CT_HANDSHAKE, false, empty, sizeof empty, &c12, &e);
	CU_ASSERT_EQUAL(e, ERR_TRUNCATED);
	msg_free(m);
	/* RSA_PSK: identity, then the ciphertext with its two length bytes, even in SSL 3.0 terms. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CLIENT_KEY_EXCHANGE);
	bb_hex(&b, "0007 636c69656e7431");
	bb_u16(&b, 64); bb_fill(&b, 0x12, 64);
	bb_close(&b);
	m = parse_cke(VER_TLS12, 0x0094, &b, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "psk_identity"), "636c69656e7431");
	CU_ASSERT_EQUAL(m->exchange.len, 64);
	msg_free(m);
}

static void test_client_key_exchange_dh(void)
{
	msg_ctx_t ce = ctx(VER_TLS12, 0xc02f, SIDE_CLIENT), cd = ctx(VER_TLS12, 0x009e, SIDE_CLIENT);
	msg_ctx_t cp = ctx(VER_TLS12, 0x008c, SIDE_CLIENT), cs = ctx(VER_TLS12, 0xc004, SIDE_CLIENT);
	static const uint8_t implicit[] = { 16, 0, 0, 0 };
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	/* ECDHE: ECPoint ecdh_Yc, one length byte (RFC 8422 5.7). */
	bb_hs(&b, HS_CLIENT_KEY_EXCHANGE);
	bb_u8(&b, 32); bb_fill(&b, 0x9a, 32);
	bb_close(&b);
	m = parse_cke(VER_TLS12, 0xc02f, &b, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->exchange.off, 5);
	CU_ASSERT_EQUAL(m->exchange.len, 32);
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &ce);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &ce, 0, NULL, 0);
	/* Without a suite: kept raw. */
	m = parse_cke(VER_TLS12, 0, &b, &e);
	CU_ASSERT_EQUAL(e, ERR_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(field_find(m->root, "body")->name, "body");
	CU_ASSERT_EQUAL(m->exchange.len, 0);
	msg_free(m);
	/* DHE: dh_Yc<1..2^16-1>. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CLIENT_KEY_EXCHANGE);
	bb_u16(&b, 256); bb_fill(&b, 0x3c, 256);
	bb_close(&b);
	m = parse_cke(VER_TLS12, 0x009e, &b, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->exchange.off, 6);
	CU_ASSERT_EQUAL(m->exchange.len, 256);
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &cd);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &cd, 0, NULL, 0);
	/* PSK: only the identity. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_CLIENT_KEY_EXCHANGE);
	bb_hex(&b, "0007 636c69656e7431");
	bb_close(&b);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &cp);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &cp, 0, NULL, 0);
	/* Static ECDH with a fixed client certificate: an empty body is right. */
	mt_check_valid(CT_HANDSHAKE, implicit, sizeof implicit, &cs);
	m = mt_parse(CT_HANDSHAKE, false, implicit, sizeof implicit, &ce, &e);
	CU_ASSERT_EQUAL(e, ERR_TRUNCATED);   /* ECDHE must send its point */
	msg_free(m);
}

const test_suite_t test_msg_kx_suite = {
	"msg_kx", (const test_case_t[]){
		{ "ServerKeyExchange by key exchange", test_server_key_exchange },
		{ "ClientKeyExchange RSA, SSL 3.0 and TLS", test_client_key_exchange_rsa },
		{ "ClientKeyExchange (EC)DH and PSK", test_client_key_exchange_dh },
		{ NULL, NULL } }
};
