/* test_fingerprint.c - JA3, JA3S and JA4 (src/trace/fingerprint.c) on
 * hellos built byte by byte, against strings worked out by hand from the
 * specifications (Salesforce's JA3 README; FoxIO's technical_details/JA4.md)
 * and hashes computed apart with Python's hashlib:
 *     python3 -c "import hashlib; print(hashlib.sha256(b'STRING').hexdigest()[:12])"
 *     python3 -c "import hashlib; print(hashlib.md5(b'STRING').hexdigest())"
 * The input string of each hash is written next to it.  JA3/JA3S against
 * an independent implementation (tshark) on real captures is
 * tests/fingerprints.sh. */
#include <string.h>
#include "testing.h"
#include "msg_testutil.h"
#include "tls/registry.h"
#include "trace/fingerprint.h"

static msg_t *fp_parse(const bb_t *b, int sender)
{
	msg_ctx_t ctx = { .sender = sender, .lean = true };
	err_t e;
	msg_t *m = mt_parse(CT_HANDSHAKE, false, b->b, b->n, &ctx, &e);

	CU_ASSERT_EQUAL(e, ERR_OK);
	return m;
}

static void fp_expect(const msg_t *ch, const char *ja4, const char *ja4_r, const char *ja3_full, const char *ja3)
{
	char out[FP_JA4_LEN + 1], md5[33];
	buf_t raw = { 0 }, full = { 0 };

	CU_ASSERT_EQUAL_FATAL(fp_ja4(ch, out, &raw), ERR_OK);
	CU_ASSERT_STRING_EQUAL(out, ja4);
	CU_ASSERT_STRING_EQUAL((const char *)raw.ptr, ja4_r);
	CU_ASSERT_EQUAL(raw.len, strlen(ja4_r));
	CU_ASSERT_EQUAL_FATAL(fp_ja3(ch, &full, md5), ERR_OK);
	CU_ASSERT_STRING_EQUAL((const char *)full.ptr, ja3_full);
	CU_ASSERT_STRING_EQUAL(md5, ja3);
	buf_free(&raw);
	buf_free(&full);
}

/* The ClientHello head: legacy_version, random, empty session_id, the
 * suites given, compression null; the extensions block is the caller's. */
static void fp_hello_head(bb_t *b, unsigned version, const char *suites_hex)
{
	memset(b, 0, sizeof *b);
	bb_hs(b, HS_CLIENT_HELLO);
	bb_u16(b, version);
	bb_fill(b, 0x11, 32);
	bb_u8(b, 0);                 /* session_id<0..32> */
	bb_open(b, 2);               /* cipher_suites<2..2^16-2> */
	bb_hex(b, suites_hex);
	bb_close(b);
	bb_hex(b, "0100");           /* compression_methods: null */
}

/*
 * A TLS 1.3 ClientHello with GREASE in every list:
 *   suites (wire order): 0a0a(GREASE) 1302 c02f 1301 009c
 *   extensions (wire order): 1a1a(GREASE, empty) 0000 server_name "example.com"
 *     0017 extended_master_secret  0010 ALPN ["h2", "http/1.1"]
 *     000d signature_algorithms [0a0a(GREASE) 0403 0804 0401]
 *     000a supported_groups [2a2a(GREASE) 001d 0017]  000b ec_point_formats [00]
 *     002b supported_versions [3a3a(GREASE) 0304 0303]
 *
 * JA4_a: "t"; version: the highest non-GREASE supported_versions value,
 *   0304 -> "13"; SNI present -> "d"; suites without GREASE: 4 -> "04";
 *   extensions without GREASE (SNI and ALPN counted): 7 -> "07"; first ALPN
 *   "h2" -> "h2".  JA4_a = "t13d0407h2".
 * JA4_b: suites sorted, GREASE out: "009c,1301,1302,c02f"
 *   sha256("009c,1301,1302,c02f")[:12] = a43e9e09ddf6
 * JA4_c: extensions sorted, GREASE, SNI (0000) and ALPN (0010) out:
 *   "000a,000b,000d,0017,002b"; then "_" and the signature algorithms in
 *   wire order, GREASE out: "0403,0804,0401":
 *   sha256("000a,000b,000d,0017,002b_0403,0804,0401")[:12] = 1fdf4de06b7e
 * JA4   = t13d0407h2_a43e9e09ddf6_1fdf4de06b7e
 * JA4_r = t13d0407h2_009c,1301,1302,c02f_000a,000b,000d,0017,002b_0403,0804,0401
 *
 * JA3: version 771 (0x0303, the hello's, not supported_versions); suites
 *   in wire order, decimal, GREASE out: 4866-49199-4865-156; extensions:
 *   0-23-16-13-10-11-43; groups: 29-23; point formats: 0.
 *   md5("771,4866-49199-4865-156,0-23-16-13-10-11-43,29-23,0")
 *     = 0fa684c2fae05ea2b68b9e23af9a5d0b
 */
static void test_ja4_grease_sni_alpn(void)
{
	bb_t b;
	msg_t *m;

	fp_hello_head(&b, 0x0303, "0a0a 1302 c02f 1301 009c");
	bb_open(&b, 2);              /* extensions */
	bb_hex(&b, "1a1a 0000");
	bb_hex(&b, "0000 0010 000e 00 000b 6578616d706c652e636f6d");     /* server_name example.com */
	bb_hex(&b, "0017 0000");
	bb_hex(&b, "0010 000e 000c 02 6832 08 687474702f312e31");       /* ALPN h2, http/1.1 */
	bb_hex(&b, "000d 000a 0008 0a0a 0403 0804 0401");               /* signature_algorithms */
	bb_hex(&b, "000a 0008 0006 2a2a 001d 0017");                    /* supported_groups */
	bb_hex(&b, "000b 0002 01 00");                                  /* ec_point_formats */
	bb_hex(&b, "002b 0007 06 3a3a 0304 0303");                      /* supported_versions */
	bb_close(&b);
	bb_close(&b);
	m = fp_parse(&b, SIDE_CLIENT);
	fp_expect(m, "t13d0407h2_a43e9e09ddf6_1fdf4de06b7e",
		  "t13d0407h2_009c,1301,1302,c02f_000a,000b,000d,0017,002b_0403,0804,0401",
		  "771,4866-49199-4865-156,0-23-16-13-10-11-43,29-23,0", "0fa684c2fae05ea2b68b9e23af9a5d0b");
	msg_free(m);
}

/*
 * No SNI, no ALPN, no signature_algorithms, no supported_versions:
 *   suites 002f 0035; extensions ff01 renegotiation_info (empty
 *   renegotiated_connection), 0017 extended_master_secret.
 * JA4_a: version from the hello, 0303 -> "12"; no SNI -> "i"; 2 suites,
 *   2 extensions; no ALPN -> "00": "t12i020200".
 * JA4_b: sha256("002f,0035")[:12] = f54dd463d39b
 * JA4_c: no signature algorithms, so no "_": sha256("0017,ff01")[:12] = 5333cdffa7d9
 * JA3: md5("771,47-53,65281-23,,") = 19c58c40fe2921747792c4d4f19b45d1
 */
static void test_ja4_no_sni_no_alpn(void)
{
	bb_t b;
	msg_t *m;

	fp_hello_head(&b, 0x0303, "002f 0035");
	bb_open(&b, 2);
	bb_hex(&b, "ff01 0001 00");
	bb_hex(&b, "0017 0000");
	bb_close(&b);
	bb_close(&b);
	m = fp_parse(&b, SIDE_CLIENT);
	fp_expect(m, "t12i020200_f54dd463d39b_5333cdffa7d9", "t12i020200_002f,0035_0017,ff01",
		  "771,47-53,65281-23,,", "19c58c40fe2921747792c4d4f19b45d1");
	msg_free(m);
}

/*
 * The ALPN rule for a first name whose first or last byte is not ASCII
 * alphanumeric (JA4.md: "0x30 0xAB would be printed as 3b"): the first
 * and last characters of its hex, "30ab" -> "3b".  Only SNI and ALPN as
 * extensions, so the sorted list is empty: JA4_c = 000000000000.
 *   suites 1302 1301: sha256("1301,1302")[:12] = 62ed6f6ca7ad
 *   JA4 = t12d02023b_62ed6f6ca7ad_000000000000
 * Then the other cases of the rule, the first name alone changing:
 *   "h" (one character: first and last) -> "hh"; 0xab -> "ab";
 *   0xab 0xcd -> "ad"; 0x30 0x31 0xab 0xcd -> "3d"; 0x30 0xab 0xcd 0x31
 *   (both ends alphanumeric) -> "01"; 0x31 0x2f 0x32 ("1/2") -> "12".
 */
static void fp_alpn_case(const char *name_hex, const char *want_a)
{
	bb_t b;
	msg_t *m;
	char out[FP_JA4_LEN + 1];
	buf_t raw = { 0 };

	fp_hello_head(&b, 0x0303, "1302 1301");
	bb_open(&b, 2);
	bb_hex(&b, "0000 0008 0006 00 0003 612e62");                   /* server_name a.b */
	bb_u16(&b, 0x0010);
	bb_open(&b, 2);
	bb_open(&b, 2);
	bb_open(&b, 1);
	bb_hex(&b, name_hex);
	bb_close(&b);
	bb_hex(&b, "02 6832");                                          /* then "h2" */
	bb_close(&b);
	bb_close(&b);
	bb_close(&b);
	bb_close(&b);
	m = fp_parse(&b, SIDE_CLIENT);
	CU_ASSERT_EQUAL_FATAL(fp_ja4(m, out, &raw), ERR_OK);
	CU_ASSERT_NSTRING_EQUAL(out, want_a, 10);
	CU_ASSERT_STRING_EQUAL(out + 10, "_62ed6f6ca7ad_000000000000");
	buf_free(&raw);
	msg_free(m);
}

static void test_ja4_alpn_rule(void)
{
	fp_alpn_case("30ab", "t12d02023b");
	fp_alpn_case("68", "t12d0202hh");
	fp_alpn_case("ab", "t12d0202ab");
	fp_alpn_case("abcd", "t12d0202ad");
	fp_alpn_case("3031abcd", "t12d02023d");
	fp_alpn_case("30abcd31", "t12d020201");
	fp_alpn_case("312f32", "t12d020212");
}

/*
 * A TLS 1.0 hello without any extension: JA4_c has nothing to hash.
 *   JA4 = "t10i010000_" + sha256("002f")[:12] = ba72b8082249 + "_000000000000"
 *   JA3: md5("769,47,,,") = b02be259814e870a469a20ce9b2a7900
 */
static void test_ja4_no_extensions(void)
{
	bb_t b;
	msg_t *m;

	fp_hello_head(&b, 0x0301, "002f");
	bb_close(&b);
	m = fp_parse(&b, SIDE_CLIENT);
	fp_expect(m, "t10i010000_ba72b8082249_000000000000", "t10i010000_002f_",
		  "769,47,,,", "b02be259814e870a469a20ce9b2a7900");
	msg_free(m);
}

/*
 * JA3S of a ServerHello: version 0303, suite c02f, extensions ff01
 * renegotiation_info and 000b ec_point_formats.
 *   md5("771,49199,65281-11") = 303951d4c50efb2e991652225a6f02b1
 * And the wrong message for each function is refused.
 */
static void test_ja3s(void)
{
	bb_t b;
	msg_t *m;
	char md5[33], ja4[FP_JA4_LEN + 1];
	buf_t full = { 0 };

	memset(&b, 0, sizeof b);
	bb_hs(&b, HS_SERVER_HELLO);
	bb_u16(&b, 0x0303);
	bb_fill(&b, 0x22, 32);
	bb_u8(&b, 0);
	bb_hex(&b, "c02f 00");
	bb_open(&b, 2);
	bb_hex(&b, "ff01 0001 00");
	bb_hex(&b, "000b 0002 01 00");
	bb_close(&b);
	bb_close(&b);
	m = fp_parse(&b, SIDE_SERVER);
	CU_ASSERT_EQUAL_FATAL(fp_ja3s(m, &full, md5), ERR_OK);
	CU_ASSERT_STRING_EQUAL((const char *)full.ptr, "771,49199,65281-11");
	CU_ASSERT_STRING_EQUAL(md5, "303951d4c50efb2e991652225a6f02b1");
	CU_ASSERT_EQUAL(fp_ja3(m, &full, md5), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(fp_ja4(m, ja4, &full), ERR_BAD_VALUE);
	CU_ASSERT_STRING_EQUAL(ja4, "");
	buf_free(&full);
	msg_free(m);
}

/*
 * The example of the specification itself (JA4.md "Cipher hash",
 * "Extension hash", "Example"): a hello whose suites are
 *   1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035
 * whose extensions, in this order, are
 *   001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015
 * with signature algorithms 0403,0804,0401,0503,0805,0501,0806,0601 and
 * ALPN h2, gives (the specification's values, not ours):
 *   "002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9 = 8daaf6152771"
 *   "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601"
 *     hashed and truncated: e5627efa2ab1
 *   JA4 = t13d1516h2_8daaf6152771_e5627efa2ab1
 * The extension contents below are ours (the specification gives only
 * the types); they do not enter JA4 except ALPN, versions and sigalgs.
 */
static void test_ja4_spec_example(void)
{
	bb_t b;
	msg_t *m;
	char out[FP_JA4_LEN + 1];
	buf_t raw = { 0 };

	fp_hello_head(&b, 0x0303, "1301 1302 1303 c02b c02f c02c c030 cca9 cca8 c013 c014 009c 009d 002f 0035");
	bb_open(&b, 2);
	bb_hex(&b, "001b 0003 020002");                                 /* compress_certificate */
	bb_hex(&b, "0000 0010 000e 00 000b 6578616d706c652e636f6d");     /* server_name */
	bb_hex(&b, "0033 0002 0000");                                   /* key_share: no shares */
	bb_hex(&b, "0010 0005 0003 02 6832");                           /* ALPN h2 */
	bb_hex(&b, "4469 0000");                                        /* application_settings */
	bb_hex(&b, "0017 0000");
	bb_hex(&b, "002d 0002 01 01");                                  /* psk_key_exchange_modes */
	bb_hex(&b, "000d 0012 0010 0403 0804 0401 0503 0805 0501 0806 0601");
	bb_hex(&b, "0005 0005 01 0000 0000");                           /* status_request ocsp */
	bb_hex(&b, "0023 0000");                                        /* session_ticket */
	bb_hex(&b, "0012 0000");                                        /* signed_certificate_timestamp */
	bb_hex(&b, "002b 0005 04 0304 0303");                           /* supported_versions */
	bb_hex(&b, "ff01 0001 00");
	bb_hex(&b, "000b 0002 01 00");
	bb_hex(&b, "000a 0004 0002 001d");
	bb_hex(&b, "0015 0002 0000");                                   /* padding */
	bb_close(&b);
	bb_close(&b);
	m = fp_parse(&b, SIDE_CLIENT);
	CU_ASSERT_EQUAL_FATAL(fp_ja4(m, out, &raw), ERR_OK);
	CU_ASSERT_STRING_EQUAL(out, "t13d1516h2_8daaf6152771_e5627efa2ab1");
	CU_ASSERT_STRING_EQUAL((const char *)raw.ptr, "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,"
			       "c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,"
			       "002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601");
	buf_free(&raw);
	msg_free(m);
}

static const test_case_t cases[] = {
	{ "JA4 of the specification's own example", test_ja4_spec_example },
	{ "JA4/JA3 with GREASE, SNI, ALPN h2, signature algorithms", test_ja4_grease_sni_alpn },
	{ "JA4/JA3 without SNI, ALPN or signature algorithms", test_ja4_no_sni_no_alpn },
	{ "JA4 ALPN non-alphanumeric rule", test_ja4_alpn_rule },
	{ "JA4/JA3 without extensions", test_ja4_no_extensions },
	{ "JA3S", test_ja3s },
	{ NULL, NULL },
};

const test_suite_t test_fingerprint_suite = { "fingerprint", cases };
