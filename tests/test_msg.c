/* test_msg.c - the message parsers on the real TLS 1.3 messages of RFC 8448
 * section 3 (Simple 1-RTT Handshake) and on small hand-made messages:
 * HelloRetryRequest, the SSLv2-format ClientHello, Alert, ChangeCipherSpec,
 * KeyUpdate, the empty ones.  Every parser also gets its negative cases:
 * each prefix, one byte too many, lying lengths, values out of range.
 * The TLS 1.2 messages are in test_msg12.c. */
#include <string.h>
#include "testing.h"
#include "msg_testutil.h"
#include "tls/registry.h"
#include "tls/msg_priv.h"

/* RFC 8448 section 3, the handshake messages as printed there. */
static const char RFC8448_CH[] =
	"010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece700000613011303130201"
	"0000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
	"230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b00"
	"03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
	"00024001"
	;
static const char RFC8448_SH[] =
	"020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024"
	"001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304"
	;
static const char RFC8448_EE[] =
	"080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000"
	;
static const char RFC8448_CERT[] =
	"0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a"
	"06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a"
	"0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d98"
	"0836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced4312"
	"0998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d0"
	"3e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b060355"
	"1d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f"
	"8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102"
	"702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8"
	"f8961229ac9187b42b4de10000"
	;
static const char RFC8448_CV[] =
	"0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d3"
	"3a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c"
	"9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3"
	;
static const char RFC8448_SFIN[] =
	"140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"
	;
static const char RFC8448_CFIN[] =
	"14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"
	;
static const char RFC8448_NST[] =
	"040000c90000001efad6aac502000000b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf"
	"1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827"
	"db279cce145077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228"
	"bda40dda721470f9fbf297b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934a"
	"e4d3570008002a000400000400"
	;

static uint8_t raw[8192];

static msg_ctx_t ctx13(int sender)
{
	return (msg_ctx_t){ .version = VER_TLS13, .suite = suite_find(0x1301), .sender = sender };
}

/* Parses one of the vectors above; the bytes stay in raw[0..*n). */
static msg_t *parse13(const char *hex, int sender, size_t *n, err_t *e)
{
	msg_ctx_t c = ctx13(sender);

	*n = test_unhex(hex, raw, sizeof raw);
	return mt_parse(CT_HANDSHAKE, false, raw, *n, &c, e);
}

static void test_rfc8448_client_hello(void)
{
	static const uint16_t exts[] = { 0, 0xff01, 10, 35, 51, 43, 13, 45, 28 };
	static const size_t no_ext[] = { 2 + 32 + 1 + 2 + 6 + 2 };
	msg_ctx_t c = { .version = 0, .suite = NULL, .sender = SIDE_CLIENT };
	uint8_t want_random[32];
	size_t n, i;
	err_t e;
	msg_t *m = parse13(RFC8448_CH, SIDE_CLIENT, &n, &e);
	field_t *f;

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->hs_type, HS_CLIENT_HELLO);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "ClientHello");
	CU_ASSERT_STRING_EQUAL(m->root->name, "client_hello");
	CU_ASSERT_EQUAL(m->hello.legacy_version, 0x0303);
	test_unhex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7", want_random, 32);
	CU_ASSERT_EQUAL(memcmp(m->hello.random, want_random, 32), 0);
	f = field_find(m->root, "random");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->off, 6);
	CU_ASSERT_EQUAL(f->len, 32);
	CU_ASSERT_EQUAL(m->hello.session_id_len, 0);
	CU_ASSERT_EQUAL_FATAL(m->hello.nsuites, 3);
	CU_ASSERT_EQUAL(m->hello.suites[0], 0x1301);
	CU_ASSERT_EQUAL(m->hello.suites[1], 0x1303);
	CU_ASSERT_EQUAL(m->hello.suites[2], 0x1302);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "cipher_suites/0"), "TLS_AES_128_GCM_SHA256 (0x1301)");
	CU_ASSERT_TRUE(field_find(m->root, "cipher_suites")->flags & FIELD_LIST);
	CU_ASSERT_EQUAL_FATAL(m->hello.nexts, sizeof exts / sizeof exts[0]);
	for (i = 0; i < m->hello.nexts; i++)
		CU_ASSERT_EQUAL(m->hello.exts[i], exts[i]);
	CU_ASSERT_STRING_EQUAL(m->hello.sni, "server");
	CU_ASSERT_TRUE(m->hello.session_ticket);
	CU_ASSERT_FALSE(m->hello.ems);
	CU_ASSERT_FALSE(m->hello.pre_shared_key);
	CU_ASSERT_EQUAL_FATAL(m->hello.nversions, 1);
	CU_ASSERT_EQUAL(m->hello.versions[0], 0x0304);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0"), "server_name: server");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0/extension_data/server_name_list/0/host_name"), "server");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/4/extension_data/client_shares/0/group"), "x25519 (0x001d)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/4/extension_data/client_shares/0"), "x25519, 32-byte key");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/5/extension_data/versions/0"), "TLS 1.3 (0x0304)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/6/extension_data/supported_signature_algorithms/4"),
			       "rsa_pss_rsae_sha256 (0x0804)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/7/extension_data/ke_modes/0"), "psk_dhe_ke (1)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/8/extension_data/record_size_limit"), "16385");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, raw, n, &c);
	/* Without extensions a ClientHello is complete after compression_methods. */
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, no_ext, 1);
}

static void test_rfc8448_server_hello(void)
{
	static const size_t no_ext[] = { 2 + 32 + 1 + 2 + 1 };
	msg_ctx_t c = { .version = 0, .suite = NULL, .sender = SIDE_SERVER };
	size_t n;
	err_t e;
	msg_t *m = parse13(RFC8448_SH, SIDE_SERVER, &n, &e);
	field_t *f;

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "ServerHello");
	CU_ASSERT_FALSE(m->hello.is_hrr);
	CU_ASSERT_EQUAL(m->hello.suite, 0x1301);
	CU_ASSERT_EQUAL(m->hello.compression, 0);
	CU_ASSERT_EQUAL(m->hello.selected_version, 0x0304);
	CU_ASSERT_EQUAL(m->hello.key_share_group, 0x001d);
	CU_ASSERT_EQUAL(m->hello.random[0], 0xa6);
	CU_ASSERT_EQUAL(m->hello.random[31], 0x28);
	f = field_find(m->root, "cipher_suite");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_TRUE(f->flags & FIELD_CHOSEN);
	CU_ASSERT_EQUAL(f->off, 39);
	CU_ASSERT_STRING_EQUAL(f->value, "TLS_AES_128_GCM_SHA256 (0x1301)");
	f = mt_path(m->root, "extensions/1/extension_data/selected_version");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(f->value, "TLS 1.3 (0x0304)");
	CU_ASSERT_TRUE(f->flags & FIELD_CHOSEN);
	f = mt_path(m->root, "extensions/0/extension_data/key_share_entry/group");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_TRUE(f->flags & FIELD_CHOSEN);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0/extension_data/key_share_entry/key_exchange_length"), "32");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, raw, n, &c);
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, no_ext, 1);
}

/* draft-ietf-tls-tls13-18 4.1.3: struct { ProtocolVersion version;
 * Random random; CipherSuite cipher_suite; Extension extensions<0..2^16-1>;
 * } ServerHello;  no session id, no compression; key_share is 40. */
static void test_draft18_server_hello(void)
{
	static const size_t no_ext[] = { 2 + 32 + 2 };
	msg_ctx_t c = { .version = 0, .suite = NULL, .sender = SIDE_SERVER };
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	bb_hs(&b, HS_SERVER_HELLO);
	bb_u16(&b, 0x7f12);
	bb_fill(&b, 0x5a, 32);
	bb_u16(&b, 0x1301);
	bb_open(&b, 2);
	bb_u16(&b, 40);
	bb_open(&b, 2);
	bb_u16(&b, 0x001d);
	bb_open(&b, 2);
	bb_fill(&b, 0x11, 32);
	bb_close(&b);
	bb_close(&b);
	bb_close(&b);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->hello.legacy_version, 0x7f12);
	CU_ASSERT_EQUAL(m->hello.suite, 0x1301);
	CU_ASSERT_EQUAL(m->hello.session_id_len, 0);
	CU_ASSERT_EQUAL(m->hello.key_share_group, 0x001d);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "server_version"), "TLS 1.3 (draft 18) (0x7f12)");
	/* the header carries its summary after the name (as Wireshark's does) */
	CU_ASSERT_EQUAL(strncmp(mt_val(m->root, "extensions/0"), "key_share (TLS 1.3 drafts)", 26), 0);
	CU_ASSERT_PTR_NULL(mt_path(m->root, "session_id"));
	CU_ASSERT_PTR_NULL(mt_path(m->root, "compression_method"));
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c, 0, no_ext, 1);
	/* draft 22 on: session id and compression again (0x7f16 here). */
	b.b[4] = 0x7f;
	b.b[5] = 0x16;
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_NOT_EQUAL(e, ERR_OK);
	msg_free(m);
	CU_ASSERT_EQUAL(reg_tls13_draft(0x7f12), 18);
	CU_ASSERT_EQUAL(reg_tls13_draft(0xfb1a), 26);
	CU_ASSERT_EQUAL(reg_tls13_draft(0x7f00), 0);
	CU_ASSERT_EQUAL(reg_tls13_draft(0x7f1d), 0);
	CU_ASSERT_EQUAL(reg_tls13_draft(0x0304), 0);
	CU_ASSERT_STRING_EQUAL(reg_version_name(0xfb1a), "TLS 1.3 (Facebook draft 26)");
	CU_ASSERT_STRING_EQUAL(reg_version_name(0x7f1c), "TLS 1.3 (draft 28)");
}

static void test_rfc8448_encrypted_extensions(void)
{
	msg_ctx_t c = ctx13(SIDE_SERVER);
	size_t n;
	err_t e;
	msg_t *m = parse13(RFC8448_EE, SIDE_SERVER, &n, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "EncryptedExtensions");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0"), "supported_groups: x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072, ffdhe4096, ...");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0/extension_data/named_group_list/0"), "x25519 (0x001d)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/1"), "record_size_limit: 16385");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/2"), "server_name");
	CU_ASSERT_EQUAL(m->hello.nexts, 0);   /* not a hello */
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, raw, n, &c);
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, NULL, 0);
}

static void test_rfc8448_certificate(void)
{
	msg_ctx_t c = ctx13(SIDE_SERVER);
	size_t n;
	err_t e;
	msg_t *m = parse13(RFC8448_CERT, SIDE_SERVER, &n, &e);
	field_t *subj;

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->nnotes, 0);
	CU_ASSERT_EQUAL_FATAL(m->ncerts, 1);
	/* header 4, certificate_request_context 1, list length 3, cert_data length 3 */
	CU_ASSERT_EQUAL(m->certs[0].off, 11);
	CU_ASSERT_EQUAL(m->certs[0].len, 0x1b0);
	CU_ASSERT_EQUAL(raw[m->certs[0].off], 0x30);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list"), "1");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0"), "CN=rsa");
	subj = mt_path(m->root, "certificate_list/0/cert_data/subject");
	CU_ASSERT_PTR_NOT_NULL_FATAL(subj);
	CU_ASSERT_STRING_EQUAL(subj->value, "CN=rsa");
	CU_ASSERT_EQUAL(raw[subj->off], 0x30);     /* the Name SEQUENCE */
	CU_ASSERT_EQUAL(subj->len, 16);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/issuer"), "CN=rsa");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/serial_number"), "02");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/not_before"), "2016-07-30T01:23:59Z");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/not_after"), "2026-07-30T01:23:59Z");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/public_key_algorithm"), "RSA");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/public_key_bits"), "1024");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/signature_algorithm"), "RSA-SHA256");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/cert_data/is_ca"), "no");
	CU_ASSERT_PTR_NOT_NULL(mt_path(m->root, "certificate_list/0/extensions"));
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, raw, n, &c);
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, NULL, 0);
}

/* The RFC 8448 certificate again, its entry carrying an OCSP response
 * (RFC 8446 4.4.2.1: status_request in a CertificateEntry). */
static void test_certificate13_entry_extensions(void)
{
	msg_ctx_t c = ctx13(SIDE_SERVER);
	size_t n = test_unhex(RFC8448_CERT, raw, sizeof raw);
	bb_t b = { .n = 0 };
	err_t e;
	msg_t *m;

	bb_hs(&b, HS_CERTIFICATE);
	bb_u8(&b, 0);
	bb_open(&b, 3);
	bb_open(&b, 3); bb_bytes(&b, raw + 11, n - 11 - 2); bb_close(&b);
	bb_hex(&b, "000b 0005 0007 01 000003 abcdef");
	bb_close(&b);
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->ncerts, 1);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/extensions/0"), "status_request");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "certificate_list/0/extensions/0/extension_data/ocsp_response"), "abcdef");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, b.n, &c);
	mt_check_broken(CT_HANDSHAKE, b.b, b.n, &c, 0, NULL, 0);
}

static void test_rfc8448_certificate_verify(void)
{
	msg_ctx_t c = ctx13(SIDE_SERVER);
	size_t n;
	err_t e;
	msg_t *m = parse13(RFC8448_CV, SIDE_SERVER, &n, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->sig_scheme, 0x0804);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "algorithm"), "rsa_pss_rsae_sha256 (0x0804)");
	CU_ASSERT_EQUAL(m->signature.off, 8);
	CU_ASSERT_EQUAL(m->signature.len, 128);
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, raw, n, &c);
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, NULL, 0);
}

static void test_rfc8448_finished(void)
{
	msg_ctx_t c = ctx13(SIDE_SERVER), c384 = { .version = VER_TLS13, .suite = suite_find(0x1302), .sender = SIDE_SERVER };
	msg_ctx_t unknown = { .version = VER_TLS13, .suite = NULL, .sender = SIDE_SERVER };
	size_t n;
	err_t e;
	msg_t *m = parse13(RFC8448_SFIN, SIDE_SERVER, &n, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->verify_data.off, 4);
	CU_ASSERT_EQUAL(m->verify_data.len, 32);
	CU_ASSERT_EQUAL(msg_span(m, m->verify_data).ptr[0], 0x9b);
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, NULL, 0);
	/* SHA-384 suites want 48 bytes. */
	m = mt_parse(CT_HANDSHAKE, false, raw, n, &c384, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_LENGTH);
	CU_ASSERT_TRUE(mt_note_has(m, "verify_data is 32 bytes"));
	msg_free(m);
	/* Suite unknown: any non-empty length is taken. */
	mt_check_valid(CT_HANDSHAKE, raw, n, &unknown);
	m = parse13(RFC8448_CFIN, SIDE_CLIENT, &n, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->verify_data.len, 32);
	CU_ASSERT_EQUAL(msg_span(m, m->verify_data).ptr[0], 0xa8);
	msg_free(m);
}

static void test_rfc8448_new_session_ticket(void)
{
	msg_ctx_t c = ctx13(SIDE_SERVER);
	size_t n;
	err_t e;
	msg_t *m = parse13(RFC8448_NST, SIDE_SERVER, &n, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_EQUAL(m->ticket_lifetime, 30);
	CU_ASSERT_EQUAL(m->ticket_age_add, 0xfad6aac5);
	CU_ASSERT_EQUAL(m->ticket_nonce.off, 13);
	CU_ASSERT_EQUAL(m->ticket_nonce.len, 2);
	CU_ASSERT_EQUAL(m->ticket.off, 17);
	CU_ASSERT_EQUAL(m->ticket.len, 178);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0"), "early_data: 1024");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/0/extension_data/max_early_data_size"), "1024");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, raw, n, &c);
	mt_check_broken(CT_HANDSHAKE, raw, n, &c, 0, NULL, 0);
	/* RFC 8446 4.6.1: at most 7 days. */
	raw[4] = 0x00; raw[5] = 0x09; raw[6] = 0x3a; raw[7] = 0x81;   /* 604801 */
	m = mt_parse(CT_HANDSHAKE, false, raw, n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	CU_ASSERT_TRUE(mt_has_error(m->root));
	msg_free(m);
}

/* A HelloRetryRequest asking for secp256r1, with a cookie. */
static size_t build_hrr(bb_t *b)
{
	memset(b, 0, sizeof *b);
	bb_hs(b, HS_SERVER_HELLO);
	bb_u16(b, 0x0303);
	bb_hex(b, "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
	bb_u8(b, 0);
	bb_u16(b, 0x1301);
	bb_u8(b, 0);
	bb_open(b, 2);
	bb_u16(b, 43); bb_open(b, 2); bb_u16(b, 0x0304); bb_close(b);
	bb_u16(b, 51); bb_open(b, 2); bb_u16(b, 0x0017); bb_close(b);
	bb_u16(b, 44); bb_open(b, 2); bb_open(b, 2); bb_hex(b, "0102030405060708"); bb_close(b); bb_close(b);
	bb_close(b);
	bb_close(b);
	return b->n;
}

static void test_hello_retry_request(void)
{
	static const size_t no_ext[] = { 38 };
	msg_ctx_t c = { .version = 0, .suite = NULL, .sender = SIDE_SERVER };
	bb_t b;
	size_t n = build_hrr(&b);
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, false, b.b, n, &c, &e);
	field_t *f;

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_TRUE(m->hello.is_hrr);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "HelloRetryRequest");
	CU_ASSERT_STRING_EQUAL(m->root->name, "hello_retry_request");
	CU_ASSERT_EQUAL(m->hello.key_share_group, 0x0017);
	CU_ASSERT_EQUAL(m->hello.selected_version, 0x0304);
	f = mt_path(m->root, "extensions/1/extension_data/selected_group");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(f->value, "secp256r1 (0x0017)");
	CU_ASSERT_TRUE(f->flags & FIELD_CHOSEN);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "extensions/2/extension_data/cookie"), "0102030405060708");
	msg_free(m);
	mt_check_valid(CT_HANDSHAKE, b.b, n, &c);
	mt_check_broken(CT_HANDSHAKE, b.b, n, &c, 0, no_ext, 1);
}

/* RFC 5246 E.2, from msg_type on: three cipher specs (one SSL 2.0 only), no
 * session id, a 16-byte challenge. */
static size_t build_sslv2(bb_t *b, unsigned spec_len, unsigned sid_len, unsigned chal_len)
{
	memset(b, 0, sizeof *b);
	bb_u8(b, 1);
	bb_u16(b, 0x0301);
	bb_u16(b, spec_len);
	bb_u16(b, sid_len);
	bb_u16(b, chal_len);
	bb_hex(b, "010080 000039 00002f");
	bb_fill(b, 0x55, sid_len);
	bb_fill(b, 0xab, chal_len);
	return b->n;
}

static void test_sslv2_client_hello(void)
{
	msg_ctx_t c = { .version = 0, .suite = NULL, .sender = SIDE_CLIENT };
	bb_t b;
	size_t n = build_sslv2(&b, 9, 0, 16), i;
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, true, b.b, n, &c, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_TRUE(m->hello.sslv2);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "ClientHello");
	CU_ASSERT_EQUAL(m->hello.legacy_version, 0x0301);
	CU_ASSERT_EQUAL_FATAL(m->hello.nsuites, 2);
	CU_ASSERT_EQUAL(m->hello.suites[0], 0x0039);
	CU_ASSERT_EQUAL(m->hello.suites[1], 0x002f);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "cipher_specs/0"), "SSL 2.0 cipher kind (0x010080)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "cipher_specs/2"), "TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)");
	for (i = 0; i < 16; i++) {
		CU_ASSERT_EQUAL(m->hello.random[i], 0);           /* padded with leading zeros */
		CU_ASSERT_EQUAL(m->hello.random[16 + i], 0xab);
	}
	CU_ASSERT_TRUE(mt_spans_ok(m->root, n));
	CU_ASSERT_FALSE(mt_has_error(m->root));
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, b.b, n, &c, MT_SSLV2, NULL, 0);
	/* Lengths out of range. */
	{
		static const unsigned bad[][3] = { { 0, 0, 16 }, { 8, 0, 16 }, { 9, 5, 16 }, { 9, 0, 15 }, { 9, 0, 33 } };
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			n = build_sslv2(&b, bad[i][0], bad[i][1], bad[i][2]);
			m = mt_parse(CT_HANDSHAKE, true, b.b, n, &c, &e);
			CU_ASSERT_EQUAL(e, ERR_BAD_LENGTH);
			CU_ASSERT_TRUE(mt_has_error(m->root));
			msg_free(m);
		}
	}
	n = build_sslv2(&b, 9, 0, 16);
	b.b[0] = 2;
	m = mt_parse(CT_HANDSHAKE, true, b.b, n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	msg_free(m);
}

static void test_alert(void)
{
	static const uint8_t fatal[] = { 2, 40 }, bad_level[] = { 3, 40 }, unknown[] = { 1, 200 };
	msg_ctx_t c = { .version = VER_TLS12, .suite = NULL, .sender = SIDE_SERVER };
	err_t e;
	msg_t *m = mt_parse(CT_ALERT, false, fatal, 2, &c, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "Alert");
	CU_ASSERT_EQUAL(m->alert_level, 2);
	CU_ASSERT_EQUAL(m->alert_desc, 40);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "level"), "fatal (2)");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "description"), "handshake_failure (40)");
	CU_ASSERT_EQUAL(field_find(m->root, "description")->off, 1);
	msg_free(m);
	mt_check_broken(CT_ALERT, fatal, 2, &c, 0, NULL, 0);
	m = mt_parse(CT_ALERT, false, bad_level, 2, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	CU_ASSERT_TRUE(field_find(m->root, "level")->flags & FIELD_ERROR);
	msg_free(m);
	/* An unknown description is shown, not an error. */
	m = mt_parse(CT_ALERT, false, unknown, 2, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "description"), "unknown (200)");
	msg_free(m);
}

static void test_change_cipher_spec(void)
{
	static const uint8_t ok[] = { 1 }, two[] = { 2 };
	err_t e;
	msg_t *m = mt_parse(CT_CHANGE_CIPHER_SPEC, false, ok, 1, NULL, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "ChangeCipherSpec");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "type"), "change_cipher_spec (1)");
	msg_free(m);
	mt_check_broken(CT_CHANGE_CIPHER_SPEC, ok, 1, NULL, 0, NULL, 0);
	m = mt_parse(CT_CHANGE_CIPHER_SPEC, false, two, 1, NULL, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	CU_ASSERT_TRUE(mt_note_has(m, "ChangeCipherSpec: "));
	msg_free(m);
}

static void test_key_update(void)
{
	static const uint8_t req[] = { 24, 0, 0, 1, 1 }, bad[] = { 24, 0, 0, 1, 2 };
	msg_ctx_t c = ctx13(SIDE_CLIENT);
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, false, req, sizeof req, &c, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "KeyUpdate");
	CU_ASSERT_EQUAL(m->key_update_request, 1);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "request_update"), "update_requested (1)");
	msg_free(m);
	mt_check_broken(CT_HANDSHAKE, req, sizeof req, &c, 0, NULL, 0);
	m = mt_parse(CT_HANDSHAKE, false, bad, sizeof bad, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_BAD_VALUE);
	msg_free(m);
}

/* HelloRequest, ServerHelloDone, EndOfEarlyData: empty bodies. */
static void test_empty_messages(void)
{
	static const uint8_t types[] = { HS_HELLO_REQUEST, HS_SERVER_HELLO_DONE, HS_END_OF_EARLY_DATA };
	static const char *const names[] = { "HelloRequest", "ServerHelloDone", "EndOfEarlyData" };
	msg_ctx_t c = { .version = VER_TLS12, .suite = NULL, .sender = SIDE_SERVER };
	size_t i;

	for (i = 0; i < 3; i++) {
		uint8_t b[5] = { types[i], 0, 0, 0, 0 };
		err_t e;
		msg_t *m = mt_parse(CT_HANDSHAKE, false, b, 4, &c, &e);
		CU_ASSERT_EQUAL(e, ERR_OK);
		CU_ASSERT_STRING_EQUAL(msg_type_name(m), names[i]);
		msg_free(m);
		mt_check_broken(CT_HANDSHAKE, b, 4, &c, 0, NULL, 0);
		b[3] = 1;   /* a body byte where none belongs */
		m = mt_parse(CT_HANDSHAKE, false, b, 5, &c, &e);
		CU_ASSERT_EQUAL(e, ERR_TRAILING);
		CU_ASSERT_PTR_NOT_NULL(field_find(m->root, "trailing_bytes"));
		msg_free(m);
	}
}

static void test_opaque_and_unknown(void)
{
	static const uint8_t enc[] = { 0x17, 0x99, 0x42 }, unk[] = { 21, 0, 0, 2, 0xfe, 0xff };
	err_t e;
	msg_t *m = msg_new(CT_HANDSHAKE, SIDE_SERVER);

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	m->opaque = m->encrypted = true;
	CU_ASSERT_EQUAL(buf_set(&m->raw, enc, sizeof enc), ERR_OK);
	CU_ASSERT_EQUAL(msg_parse(m, NULL), ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "EncryptedHandshake");
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "encrypted_data"), "179942");
	msg_free(m);
	/* A handshake type this parser does not decode: kept raw, unsupported. */
	m = mt_parse(CT_HANDSHAKE, false, unk, sizeof unk, NULL, &e);
	CU_ASSERT_EQUAL(e, ERR_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "body"), "feff");
	CU_ASSERT_FALSE(mt_has_error(m->root));
	CU_ASSERT_EQUAL(m->nnotes, 1);
	msg_free(m);
	/* Application data is not a message here. */
	m = mt_parse(CT_APPLICATION_DATA, false, enc, sizeof enc, NULL, &e);
	CU_ASSERT_EQUAL(e, ERR_UNSUPPORTED);
	msg_free(m);
}

/* A second msg_parse replaces the first one's tree and facts. */
/* RFC 6347 4.2.2 and 4.2.1: a DTLS HelloVerifyRequest whole (12-byte
 * header, server_version, cookie), then every prefix of it and a header
 * that says it is a fragment: an error noted, never a crash. */
static void test_dtls_hvr(void)
{
	static const uint8_t hvr[] = {
		3, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 7,        /* type, length, message_seq 0, offset 0, fragment 7 */
		0xfe, 0xff, 4, 0xde, 0xad, 0xbe, 0xef      /* DTLS 1.0, a 4-byte cookie */
	};
	uint8_t frag[sizeof hvr];
	msg_t *m = msg_new(CT_HANDSHAKE, SIDE_SERVER);
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	m->dtls = true;
	CU_ASSERT_EQUAL(buf_set(&m->raw, hvr, sizeof hvr), ERR_OK);
	CU_ASSERT_EQUAL(msg_parse(m, NULL), ERR_OK);
	CU_ASSERT_STRING_EQUAL(msg_type_name(m), "HelloVerifyRequest");
	CU_ASSERT_EQUAL(m->hello.legacy_version, 0xfeff);
	CU_ASSERT_EQUAL(m->hello.cookie.off, 15);
	CU_ASSERT_EQUAL(m->hello.cookie.len, 4);
	CU_ASSERT_STRING_EQUAL(mt_val(m->root, "message_seq"), "0");
	CU_ASSERT_FALSE(mt_has_error(m->root));
	for (n = 0; n < sizeof hvr; n++) {
		CU_ASSERT_EQUAL(buf_set(&m->raw, hvr, n), ERR_OK);
		CU_ASSERT_NOT_EQUAL(msg_parse(m, NULL), ERR_OK);
	}
	memcpy(frag, hvr, sizeof hvr);
	frag[8] = 1;                                   /* fragment_offset 1: not a whole message */
	CU_ASSERT_EQUAL(buf_set(&m->raw, frag, sizeof frag), ERR_OK);
	CU_ASSERT_NOT_EQUAL(msg_parse(m, NULL), ERR_OK);
	msg_free(m);
}

static void test_parse_twice(void)
{
	msg_ctx_t c = ctx13(SIDE_CLIENT);
	size_t n = test_unhex(RFC8448_CH, raw, sizeof raw);
	msg_t *m = msg_new(CT_HANDSHAKE, SIDE_CLIENT);

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(buf_set(&m->raw, raw, n), ERR_OK);
	CU_ASSERT_EQUAL(msg_parse(m, &c), ERR_OK);
	CU_ASSERT_EQUAL(msg_parse(m, &c), ERR_OK);
	CU_ASSERT_EQUAL(m->hello.nsuites, 3);
	CU_ASSERT_EQUAL(m->hello.nexts, 9);
	msg_free(m);
}

/* RFC 8446 3.4: "The length of the vector's length field is the number
 * of bytes required to hold the vector's specified maximum length". */
static void test_vec_prefix_width(void)
{
	static const struct { uint32_t ceiling; unsigned width; } cases[] = {
		{ 32, 1 }, { 254, 1 }, { 255, 1 }, { 256, 2 }, { 0xfffe, 2 }, { 0xffff, 2 },
		{ 0x10000, 3 }, { 0xffffff, 3 }, { 0x1000000, 4 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		msg_vec_t v = { MSG_VEC_NAME("x"), .floor = 0, .ceiling = cases[i].ceiling };
		CU_ASSERT_EQUAL(msg_vec_len_bytes(&v), cases[i].width);
	}
}

/* The oracle the views used to apply by name: type codes and lengths. */
static bool framing_by_name(const char *name)
{
	size_t n = strlen(name);

	return strcmp(name, "msg_type") == 0 || strcmp(name, "length") == 0 ||
	       strcmp(name, "extension_type") == 0 || (n > 7 && strcmp(name + n - 7, "_length") == 0);
}

/* Counts nodes whose FIELD_FRAMING flag disagrees with their name. */
static int framing_mismatches(const field_t *f, int *flagged)
{
	int bad = 0;

	for (; f; f = f->next) {
		bool fl = (f->flags & FIELD_FRAMING) != 0;
		*flagged += fl;
		bad += fl != framing_by_name(f->name);
		bad += framing_mismatches(f->kids, flagged);
	}
	return bad;
}

static void test_framing_flag(void)
{
	msg_ctx_t c = { .version = 0, .suite = NULL, .sender = SIDE_CLIENT };
	size_t n;
	err_t e;
	int flagged = 0;
	bb_t b;
	msg_t *m = parse13(RFC8448_CH, SIDE_CLIENT, &n, &e);

	CU_ASSERT_EQUAL_FATAL(e, ERR_OK);
	CU_ASSERT_EQUAL(framing_mismatches(m->root->kids, &flagged), 0);
	CU_ASSERT(flagged >= 20);   /* header, hello vectors, every extension's type and length */
	CU_ASSERT_TRUE(field_find(m->root, "msg_type")->flags & FIELD_FRAMING);
	CU_ASSERT_TRUE(field_find(m->root, "length")->flags & FIELD_FRAMING);
	CU_ASSERT_FALSE(field_find(m->root, "random")->flags & FIELD_FRAMING);
	CU_ASSERT_FALSE(mt_path(m->root, "extensions/0/extension_data/server_name_list/0")->flags & FIELD_FRAMING);
	msg_free(m);

	/* SSLv2 hello: its three lengths come before the data they measure. */
	n = build_sslv2(&b, 9, 0, 16);
	m = mt_parse(CT_HANDSHAKE, true, b.b, n, &c, &e);
	CU_ASSERT_EQUAL_FATAL(e, ERR_OK);
	flagged = 0;
	CU_ASSERT_EQUAL(framing_mismatches(m->root->kids, &flagged), 0);
	CU_ASSERT_EQUAL(flagged, 4);   /* msg_type, cipher_spec, session_id, challenge lengths */
	msg_free(m);

	/* A length cut off is still a length. */
	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_HELLO);
	bb_u16(&b, 0x0303);
	bb_fill(&b, 0x11, 32);
	bb_u8(&b, 0);
	bb_u16(&b, 0x1301);
	bb_u8(&b, 0);
	bb_u8(&b, 0);             /* one byte of the two-byte extensions length */
	bb_close(&b);
	m = mt_parse(CT_HANDSHAKE, false, b.b, b.n, &c, &e);
	CU_ASSERT_EQUAL(e, ERR_TRUNCATED);
	CU_ASSERT_PTR_NOT_NULL_FATAL(field_find(m->root, "extensions_length"));
	CU_ASSERT_TRUE(field_find(m->root, "extensions_length")->flags & FIELD_FRAMING);
	CU_ASSERT_TRUE(field_find(m->root, "extensions_length")->flags & FIELD_ERROR);
	msg_free(m);
}

const test_suite_t test_msg_suite = {
	"msg", (const test_case_t[]){
		{ "RFC 8448 ClientHello", test_rfc8448_client_hello },
		{ "RFC 8448 ServerHello", test_rfc8448_server_hello },
		{ "draft 18 ServerHello: no session id, key_share 40", test_draft18_server_hello },
		{ "RFC 8448 EncryptedExtensions", test_rfc8448_encrypted_extensions },
		{ "RFC 8448 Certificate", test_rfc8448_certificate },
		{ "Certificate TLS 1.3 with an entry extension", test_certificate13_entry_extensions },
		{ "RFC 8448 CertificateVerify", test_rfc8448_certificate_verify },
		{ "RFC 8448 Finished", test_rfc8448_finished },
		{ "RFC 8448 NewSessionTicket", test_rfc8448_new_session_ticket },
		{ "HelloRetryRequest", test_hello_retry_request },
		{ "SSLv2-format ClientHello", test_sslv2_client_hello },
		{ "Alert", test_alert },
		{ "ChangeCipherSpec", test_change_cipher_spec },
		{ "KeyUpdate", test_key_update },
		{ "empty messages", test_empty_messages },
		{ "opaque and unknown messages", test_opaque_and_unknown },
		{ "DTLS header and HelloVerifyRequest", test_dtls_hvr },
		{ "parsing twice", test_parse_twice },
		{ "lengths and type codes flagged as framing", test_framing_flag },
		{ "a vector's prefix is as wide as its ceiling needs", test_vec_prefix_width },
		{ NULL, NULL } }
};
