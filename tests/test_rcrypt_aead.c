/* test_rcrypt_aead.c - decrypting AEAD records: AES-GCM, AES-CCM and
 * CCM-8, ChaCha20-Poly1305 in TLS 1.2, and TLS 1.3 records with their
 * inner content type and padding (src/crypto/rcrypt_aead.c).
 *
 * Records are encrypted here by GnuTLS's gnutls_aead_cipher_encrypt, an
 * implementation independent of rcrypt's nettle, with nonces and
 * additional data built from the RFC text; RFC 8448 section 3's encrypted
 * records are decrypted with the RFC's own keys as a published vector. */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include "rcrypt_testing.h"

SUITE_(aes128_gcm, 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", CIPHER_AES_128_GCM, MAC_AEAD, PRF_SHA256, false);
SUITE_(aes256_gcm, 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", CIPHER_AES_256_GCM, MAC_AEAD, PRF_SHA384, false);
SUITE_(cam128_gcm, 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", CIPHER_CAMELLIA_128_GCM, MAC_AEAD, PRF_SHA256, false);
SUITE_(cam256_gcm, 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", CIPHER_CAMELLIA_256_GCM, MAC_AEAD, PRF_SHA384, false);
SUITE_(aes128_ccm8, 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8", CIPHER_AES_128_CCM_8, MAC_AEAD, PRF_SHA256, false);
SUITE_(aes256_ccm, 0xc09d, "TLS_RSA_WITH_AES_256_CCM", CIPHER_AES_256_CCM, MAC_AEAD, PRF_SHA256, false);
SUITE_(chacha_sha256, 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", CIPHER_CHACHA20_POLY1305, MAC_AEAD, PRF_SHA256, false);
SUITE_(t13_aes128, 0x1301, "TLS_AES_128_GCM_SHA256", CIPHER_AES_128_GCM, MAC_AEAD, PRF_SHA256, true);
SUITE_(t13_chacha, 0x1303, "TLS_CHACHA20_POLY1305_SHA256", CIPHER_CHACHA20_POLY1305, MAC_AEAD, PRF_SHA256, true);

/* rfc5288#section-3, rfc6655#section-3: nonce = salt (4, key block) +
 * nonce_explicit (8, sent first in the record); rfc7905#section-2:
 * ChaCha20 nonce = IV XOR padded sequence number, nothing sent.
 * rfc5246#section-6.2.3.3: additional_data = seq_num + type + version + length. */
static size_t build_aead12(gnutls_cipher_algorithm_t alg, const keys_dir_t *k, size_t tag,
			   bool chacha, uint64_t seq, uint8_t type, const uint8_t *c, size_t n,
			   uint8_t *out)
{
	gnutls_aead_cipher_hd_t h = NULL;
	gnutls_datum_t key = { (unsigned char *)k->key, k->key_len };
	uint8_t nonce[12], aad[13], s[8];
	size_t explicit = chacha ? 0 : 8, clen = n + tag, i;

	if (chacha) {
		memcpy(nonce, k->iv, 12);
		rt_put_u64(s, seq);
		for (i = 0; i < 8; i++)
			nonce[4 + i] ^= s[i];
	} else {
		memcpy(nonce, k->iv, 4);
		rt_fill(nonce + 4, 8, (uint8_t)(0x90 + seq));     /* any value, as long as it never repeats */
		memcpy(out, nonce + 4, 8);
	}
	rt_put_u64(aad, seq);
	aad[8] = type;
	aad[9] = VER_TLS12 >> 8;
	aad[10] = VER_TLS12 & 0xff;
	aad[11] = (uint8_t)(n >> 8);
	aad[12] = (uint8_t)n;
	CU_ASSERT_EQUAL_FATAL(gnutls_aead_cipher_init(&h, alg, &key), 0);
	CU_ASSERT_EQUAL(gnutls_aead_cipher_encrypt(h, nonce, 12, aad, 13, tag, c, n, out + explicit, &clen), 0);
	CU_ASSERT_EQUAL(clen, n + tag);
	gnutls_aead_cipher_deinit(h);
	return explicit + clen;
}

static void aead12_case(const suite_info_t *s, gnutls_cipher_algorithm_t alg, size_t keylen,
			size_t ivlen, size_t tag, bool chacha)
{
	keys_dir_t k = rt_keys(0, keylen, ivlen);
	uint8_t c1[33], c2[300], r1[512], r2[512];
	size_t n1, n2;
	rcrypt_t *rc = NULL;

	rt_fill(c1, sizeof c1, 12);
	rt_fill(c2, sizeof c2, 13);
	n1 = build_aead12(alg, &k, tag, chacha, 0, CT_HANDSHAKE, c1, sizeof c1, r1);
	n2 = build_aead12(alg, &k, tag, chacha, 1, CT_APPLICATION_DATA, c2, sizeof c2, r2);
	CU_ASSERT_EQUAL_FATAL(rcrypt_new(VER_TLS12, s, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_HANDSHAKE, VER_TLS12, r1, n1, c1, sizeof c1, CT_HANDSHAKE);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS12, r2, n2, c2, sizeof c2, CT_APPLICATION_DATA);
	/* record 2 again: now with sequence number 2, so the AAD (and for
	 * ChaCha20 the nonce) differs and the tag fails */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r2, n2), ERR_CRYPTO);
	rcrypt_free(rc);

	/* the record version is in the additional data */
	CU_ASSERT_EQUAL_FATAL(rcrypt_new(VER_TLS12, s, false, &k, &rc), ERR_OK);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS11, r1, n1), ERR_CRYPTO);
	rcrypt_free(rc);

	/* a flipped ciphertext byte, a flipped tag byte: both fail */
	CU_ASSERT_EQUAL_FATAL(rcrypt_new(VER_TLS12, s, false, &k, &rc), ERR_OK);
	r1[n1 - tag - 1] ^= 0x01;
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS12, r1, n1), ERR_CRYPTO);
	rcrypt_free(rc);
	CU_ASSERT_EQUAL_FATAL(rcrypt_new(VER_TLS12, s, false, &k, &rc), ERR_OK);
	r1[n1 - tag - 1] ^= 0x01;
	r1[n1 - 1] ^= 0x01;
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS12, r1, n1), ERR_CRYPTO);
	/* too short for explicit nonce + tag; empty */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS12, r1, (chacha ? 0 : 8) + tag - 1), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS12, r1, 0), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rcrypt_seq(rc), 3);
	rcrypt_free(rc);
}

static void test_aes128_gcm(void)
{
	aead12_case(&aes128_gcm, GNUTLS_CIPHER_AES_128_GCM, 16, 4, 16, false);
}

static void test_aes256_gcm(void)
{
	aead12_case(&aes256_gcm, GNUTLS_CIPHER_AES_256_GCM, 32, 4, 16, false);
}

/* RFC 6367: Camellia in GCM, keyed like AES-GCM (the encryption direction). */
static void test_camellia_gcm(void)
{
	aead12_case(&cam128_gcm, GNUTLS_CIPHER_CAMELLIA_128_GCM, 16, 4, 16, false);
	aead12_case(&cam256_gcm, GNUTLS_CIPHER_CAMELLIA_256_GCM, 32, 4, 16, false);
}

static void test_chacha20_poly1305(void)
{
	aead12_case(&chacha_sha256, GNUTLS_CIPHER_CHACHA20_POLY1305, 32, 12, 16, true);
}

static void test_aes128_ccm8(void)
{
	aead12_case(&aes128_ccm8, GNUTLS_CIPHER_AES_128_CCM_8, 16, 4, 8, false);
}

static void test_aes256_ccm(void)
{
	aead12_case(&aes256_ccm, GNUTLS_CIPHER_AES_256_CCM, 32, 4, 16, false);
}

/* rfc8446#section-5.2-5.3: TLSInnerPlaintext = content + type + zeros,
 * nonce = iv XOR padded seq, additional_data = the record header. */
static size_t build_tls13(gnutls_cipher_algorithm_t alg, const keys_dir_t *k, uint64_t seq,
			  uint8_t inner_type, const uint8_t *c, size_t n, size_t zeros, uint8_t *out)
{
	gnutls_aead_cipher_hd_t h = NULL;
	gnutls_datum_t key = { (unsigned char *)k->key, k->key_len };
	uint8_t nonce[12], s[8], inner[1024];
	size_t ilen = n + 1 + zeros, clen = ilen + 16, i;

	memcpy(inner, c, n);
	inner[n] = inner_type;
	memset(inner + n + 1, 0, zeros);
	memcpy(nonce, k->iv, 12);
	rt_put_u64(s, seq);
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= s[i];
	out[0] = CT_APPLICATION_DATA;
	out[1] = 0x03;
	out[2] = 0x03;
	out[3] = (uint8_t)(clen >> 8);
	out[4] = (uint8_t)clen;
	CU_ASSERT_EQUAL_FATAL(gnutls_aead_cipher_init(&h, alg, &key), 0);
	CU_ASSERT_EQUAL(gnutls_aead_cipher_encrypt(h, nonce, 12, out, 5, 16, inner, ilen, out + 5, &clen), 0);
	gnutls_aead_cipher_deinit(h);
	return clen;   /* the fragment, after the 5-byte header */
}

static void tls13_case(const suite_info_t *s, gnutls_cipher_algorithm_t alg, size_t keylen)
{
	keys_dir_t k = rt_keys(0, keylen, 12);
	uint8_t c[40], r1[256], r2[256], r3[256];
	size_t n1, n2, n3;
	rcrypt_t *rc = NULL;

	rt_fill(c, sizeof c, 14);
	n1 = build_tls13(alg, &k, 0, CT_HANDSHAKE, c, sizeof c, 0, r1);
	n2 = build_tls13(alg, &k, 1, CT_ALERT, c, 2, 17, r2);          /* padded with 17 zeros */
	n3 = build_tls13(alg, &k, 2, 0, c, 0, 5, r3);                   /* nothing but zeros */
	CU_ASSERT_EQUAL_FATAL(rcrypt_new_tls13(s, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS12, r1 + 5, n1, c, sizeof c, CT_HANDSHAKE);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS12, r2 + 5, n2, c, 2, CT_ALERT);
	/* rfc8446#section-5.4: no non-zero octet -> unexpected_message */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r3 + 5, n3), ERR_BAD_VALUE);
	/* the header is authenticated: a wrong type in it fails */
	rcrypt_free(rc);
	CU_ASSERT_EQUAL_FATAL(rcrypt_new_tls13(s, &k, &rc), ERR_OK);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS12, r1 + 5, n1), ERR_CRYPTO);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r1, 16), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r1, 0), ERR_BAD_LENGTH);
	rcrypt_free(rc);
}

static void test_tls13_aes128_gcm(void)
{
	tls13_case(&t13_aes128, GNUTLS_CIPHER_AES_128_GCM, 16);
}

static void test_tls13_chacha20(void)
{
	tls13_case(&t13_chacha, GNUTLS_CIPHER_CHACHA20_POLY1305, 32);
}

/* RFC 8448 section 3: records as sent, complete with their 5-byte headers. */
static const char rfc8448_client_finished_record[] =
	"170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc"
	"44d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546";
static const char rfc8448_client_app_record[] =
	"1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f"
	"2b9819a8a5b46b395bd54a9a20441e2b62974e1f5a6292a2977014bd1e3deae6"
	"3aeebb21694915e4";
static const char rfc8448_server_ticket_record[] =
	"17030300de3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d4"
	"1d6af8f6b580dcf3d11d63c758db289a015940252f55713e061dc13e078891a3"
	"8efbcf5753ad8ef170ad3c7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0"
	"9c30ba1e62972ac46f75f7b981be63439b2999ce13064615139891d5e4c5b406"
	"f16e3fc181a77ca475840025db2f0a77f81b5ab05b94c01346755f69232c8651"
	"9d86cbeeac87aac347d143f9605d64f650db4d023e70e952ca49fe5137121c74"
	"bc2697687e248746d6df353005f3bce18696129c8153556b3b6c6779b37bf159"
	"85684f";
static const char rfc8448_server_app_record[] =
	"17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36"
	"e30efaf97d90e6dffc602dcb501a59a8fcc49c4bf2e5f0a21c0047c2abf33254"
	"0dd032e167c2955d";
static const char rfc8448_new_session_ticket[] =
	"040000c90000001efad6aac502000000b22c035d829359ee5ff7af4ec9000000"
	"00262a6494dc486d2c8a34cb33fa90bf1b0070ad3c498883c9367c09a2be785a"
	"bc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827"
	"db279cce145077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529"
	"513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf297b5aea61764"
	"6fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934a"
	"e4d3570008002a000400000400";

/* Decrypts one complete RFC 8448 record (header + fragment). */
static void rfc8448_record(rcrypt_t *rc, const char *hex, const uint8_t *want, size_t wn, uint8_t want_type)
{
	uint8_t rec[512];
	size_t n = test_unhex(hex, rec, sizeof rec);

	CU_ASSERT_EQUAL((size_t)((rec[3] << 8) | rec[4]), n - 5);
	rt_expect_plain(rc, rec[0], (uint16_t)((rec[1] << 8) | rec[2]), rec + 5, n - 5, want, wn, want_type);
}

static void test_rfc8448_records(void)
{
	keys_dir_t k = rt_keys(0, 16, 12);
	uint8_t fin[36], nst[205], app[50];
	rcrypt_t *rc = NULL;
	size_t i;

	for (i = 0; i < sizeof app; i++)
		app[i] = (uint8_t)i;                              /* payload 00 01 .. 31 */
	CU_ASSERT_EQUAL(test_unhex("14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61",
				   fin, sizeof fin), sizeof fin);
	CU_ASSERT_EQUAL(test_unhex(rfc8448_new_session_ticket, nst, sizeof nst), sizeof nst);

	/* {client} handshake write key / iv: the client's Finished */
	test_unhex("dbfaa693d1762c5b666af5d950258d01", k.key, 16);
	test_unhex("5bd3c71b836e0b76bb73265f", k.iv, 12);
	CU_ASSERT_EQUAL_FATAL(rcrypt_new_tls13(&t13_aes128, &k, &rc), ERR_OK);
	rfc8448_record(rc, rfc8448_client_finished_record, fin, sizeof fin, CT_HANDSHAKE);
	rcrypt_free(rc);

	/* {client} application write key / iv: 50 bytes of application data */
	test_unhex("17422dda596ed5d9acd890e3c63f5051", k.key, 16);
	test_unhex("5b78923dee08579033e523d9", k.iv, 12);
	CU_ASSERT_EQUAL_FATAL(rcrypt_new_tls13(&t13_aes128, &k, &rc), ERR_OK);
	rfc8448_record(rc, rfc8448_client_app_record, app, sizeof app, CT_APPLICATION_DATA);
	rcrypt_free(rc);

	/* {server} application write key / iv: NewSessionTicket (seq 0), then
	 * application data (seq 1) */
	test_unhex("9f02283b6c9c07efc26bb9f2ac92e356", k.key, 16);
	test_unhex("cf782b88dd83549aadf1e984", k.iv, 12);
	CU_ASSERT_EQUAL_FATAL(rcrypt_new_tls13(&t13_aes128, &k, &rc), ERR_OK);
	rfc8448_record(rc, rfc8448_server_ticket_record, nst, sizeof nst, CT_HANDSHAKE);
	rfc8448_record(rc, rfc8448_server_app_record, app, sizeof app, CT_APPLICATION_DATA);
	CU_ASSERT_EQUAL(rcrypt_seq(rc), 2);
	rcrypt_free(rc);
}

static const test_case_t cases[] = {
	{ "aes128_gcm", test_aes128_gcm },
	{ "camellia_gcm", test_camellia_gcm },
	{ "aes256_gcm", test_aes256_gcm },
	{ "chacha20_poly1305", test_chacha20_poly1305 },
	{ "aes128_ccm8", test_aes128_ccm8 },
	{ "aes256_ccm", test_aes256_ccm },
	{ "tls13_aes128_gcm", test_tls13_aes128_gcm },
	{ "tls13_chacha20_poly1305", test_tls13_chacha20 },
	{ "rfc8448_records", test_rfc8448_records },
	{ NULL, NULL }
};

const test_suite_t test_rcrypt_aead_suite = { "rcrypt_aead", cases };
