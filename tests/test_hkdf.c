/* test_hkdf.c - HKDF (RFC 5869) and the TLS 1.3 key schedule built on it
 * (src/crypto/hkdf.c, keys_from_traffic_secret in src/crypto/keys.c).
 *
 * Vectors: RFC 5869 appendix A.1 (test case 1), and RFC 8448 section 3
 * ("Simple 1-RTT Handshake"), whose every secret, key and IV is checked
 * here in the order the RFC derives them. */
#include <string.h>
#include "testing.h"
#include "crypto/hkdf.h"
#include "crypto/keys.h"

static const suite_info_t tls13_aes128 = {
	.id = 0x1301, .name = "TLS_AES_128_GCM_SHA256", .kx = KX_TLS13, .auth = AUTH_TLS13,
	.cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .prf = PRF_SHA256, .tls13 = true,
};
static const suite_info_t tls13_aes256 = {
	.id = 0x1302, .name = "TLS_AES_256_GCM_SHA384", .kx = KX_TLS13, .auth = AUTH_TLS13,
	.cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls13 = true,
};
static const suite_info_t rsa_aes128_sha = {
	.id = 0x002f, .name = "TLS_RSA_WITH_AES_128_CBC_SHA", .kx = KX_RSA, .auth = AUTH_RSA,
	.cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1, .prf = PRF_SHA256,
};

#define HEXEQ(buf, len, hex) do { \
	uint8_t want_[128]; \
	size_t wn_ = test_unhex(hex, want_, sizeof want_); \
	CU_ASSERT_EQUAL((size_t)(len), wn_); \
	CU_ASSERT(wn_ == (size_t)(len) && memcmp((buf), want_, wn_) == 0); \
} while (0)

/* RFC 5869 A.1: Hash = SHA-256, IKM = 0x0b x 22, salt = 0x00..0x0c,
 * info = 0xf0..0xf9, L = 42. */
static void test_rfc5869_case1(void)
{
	uint8_t ikm[22], salt[13], info[10], prk[32], okm[42];
	size_t i;

	memset(ikm, 0x0b, sizeof ikm);
	for (i = 0; i < sizeof salt; i++)
		salt[i] = (uint8_t)i;
	for (i = 0; i < sizeof info; i++)
		info[i] = (uint8_t)(0xf0 + i);
	hkdf_extract(HASH_SHA256, salt, sizeof salt, ikm, sizeof ikm, prk);
	HEXEQ(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
	CU_ASSERT_EQUAL(hkdf_expand(HASH_SHA256, prk, 32, info, sizeof info, okm, sizeof okm), ERR_OK);
	HEXEQ(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
		       "34007208d5b887185865");
}

static void test_hkdf_limits(void)
{
	uint8_t prk[48] = { 1 }, out[8];
	static uint8_t big[255 * 32 + 1];
	char label[251];

	/* rfc5869#section-2.3: L <= 255*HashLen */
	CU_ASSERT_EQUAL(hkdf_expand(HASH_SHA256, prk, 32, NULL, 0, big, 255 * 32), ERR_OK);
	CU_ASSERT_EQUAL(hkdf_expand(HASH_SHA256, prk, 32, NULL, 0, big, sizeof big), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(hkdf_expand(HASH_MD5_SHA1, prk, 32, NULL, 0, out, 8), ERR_UNSUPPORTED);
	/* rfc8446#section-7.1: opaque label<7..255> = "tls13 " + Label */
	memset(label, 'a', sizeof label);
	label[249] = '\0';
	CU_ASSERT_EQUAL(hkdf_expand_label(HASH_SHA256, prk, 32, label, NULL, 0, out, 8), ERR_OK);
	label[249] = 'a';
	label[250] = '\0';
	CU_ASSERT_EQUAL(hkdf_expand_label(HASH_SHA256, prk, 32, label, NULL, 0, out, 8), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(hkdf_expand_label(HASH_SHA384, prk, 48, "key", big, 256, out, 8), ERR_BAD_LENGTH);
}

/* RFC 8448 section 3, the whole schedule up to the application secrets. */
static void test_rfc8448_schedule(void)
{
	uint8_t zeros[32] = { 0 }, empty_hash[32], early[32], derived[32], ecdhe[32], hs[32];
	uint8_t th[32], c_hs[32], s_hs[32], master[32], c_ap[32], s_ap[32], exp[32], res[32], psk[32];
	static const uint8_t nonce[2] = { 0, 0 };

	hash_digest(HASH_SHA256, NULL, 0, empty_hash);
	HEXEQ(empty_hash, 32, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

	/* {server} extract secret "early": salt 0, IKM 32 zero octets */
	hkdf_extract(HASH_SHA256, NULL, 0, zeros, 32, early);
	HEXEQ(early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");

	/* {server} derive secret for handshake "tls13 derived" */
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, early, "derived", empty_hash, derived), ERR_OK);
	HEXEQ(derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");

	/* {server} extract secret "handshake", IKM = the x25519 shared secret */
	test_unhex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", ecdhe, 32);
	hkdf_extract(HASH_SHA256, derived, 32, ecdhe, 32, hs);
	HEXEQ(hs, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");

	/* "tls13 c hs traffic" / "tls13 s hs traffic" over Hash(ClientHello, ServerHello) */
	test_unhex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", th, 32);
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, hs, "c hs traffic", th, c_hs), ERR_OK);
	HEXEQ(c_hs, 32, "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, hs, "s hs traffic", th, s_hs), ERR_OK);
	HEXEQ(s_hs, 32, "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");

	/* derive secret for master "tls13 derived", then extract "master" */
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, hs, "derived", empty_hash, derived), ERR_OK);
	HEXEQ(derived, 32, "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4");
	hkdf_extract(HASH_SHA256, derived, 32, zeros, 32, master);
	HEXEQ(master, 32, "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919");

	/* application secrets over Hash(ClientHello .. server Finished) */
	test_unhex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13", th, 32);
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, master, "c ap traffic", th, c_ap), ERR_OK);
	HEXEQ(c_ap, 32, "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, master, "s ap traffic", th, s_ap), ERR_OK);
	HEXEQ(s_ap, 32, "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, master, "exp master", th, exp), ERR_OK);
	HEXEQ(exp, 32, "fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50");

	/* "tls13 res master" over Hash(ClientHello .. client Finished), then
	 * the ticket's PSK: HKDF-Expand-Label(res, "resumption", ticket_nonce 00 00, 32) */
	test_unhex("209145a96ee8e2a122ff810047cc952684658d6049e86429426db87c54ad143d", th, 32);
	CU_ASSERT_EQUAL(hkdf_derive_secret(HASH_SHA256, master, "res master", th, res), ERR_OK);
	HEXEQ(res, 32, "7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c");
	CU_ASSERT_EQUAL(hkdf_expand_label(HASH_SHA256, res, 32, "resumption", nonce, 2, psk, 32), ERR_OK);
	HEXEQ(psk, 32, "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3");
}

/* RFC 8448 section 3: "derive write traffic keys for handshake data" and
 * "for application data", both sides. */
static void test_rfc8448_traffic_keys(void)
{
	uint8_t secret[32];
	keys_dir_t k;

	test_unhex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", secret, 32);
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&tls13_aes128, secret, 32, &k), ERR_OK);
	HEXEQ(k.key, k.key_len, "3fce516009c21727d0f2e4e86ee403bc");
	HEXEQ(k.iv, k.iv_len, "5d313eb2671276ee13000b30");
	CU_ASSERT_EQUAL(k.mac_len, 0);

	test_unhex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", secret, 32);
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&tls13_aes128, secret, 32, &k), ERR_OK);
	HEXEQ(k.key, k.key_len, "dbfaa693d1762c5b666af5d950258d01");
	HEXEQ(k.iv, k.iv_len, "5bd3c71b836e0b76bb73265f");

	test_unhex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643", secret, 32);
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&tls13_aes128, secret, 32, &k), ERR_OK);
	HEXEQ(k.key, k.key_len, "9f02283b6c9c07efc26bb9f2ac92e356");
	HEXEQ(k.iv, k.iv_len, "cf782b88dd83549aadf1e984");

	test_unhex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5", secret, 32);
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&tls13_aes128, secret, 32, &k), ERR_OK);
	HEXEQ(k.key, k.key_len, "17422dda596ed5d9acd890e3c63f5051");
	HEXEQ(k.iv, k.iv_len, "5b78923dee08579033e523d9");
}

static void test_traffic_keys_sizes_and_refusals(void)
{
	uint8_t secret[48] = { 7 };
	keys_dir_t k;

	/* SHA-384 suite: 32-byte key, still a 12-byte IV (rfc8446#section-5.3). */
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&tls13_aes256, secret, 48, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.key_len, 32);
	CU_ASSERT_EQUAL(k.iv_len, 12);
	/* a CBC suite has no TLS 1.3 keys */
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&rsa_aes128_sha, secret, 32, &k), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(keys_from_traffic_secret(&tls13_aes128, NULL, 0, &k), ERR_NO_KEYS);
}

static const test_case_t cases[] = {
	{ "rfc5869_test_case_1", test_rfc5869_case1 },
	{ "hkdf_limits", test_hkdf_limits },
	{ "rfc8448_key_schedule", test_rfc8448_schedule },
	{ "rfc8448_traffic_keys", test_rfc8448_traffic_keys },
	{ "traffic_keys_sizes_and_refusals", test_traffic_keys_sizes_and_refusals },
	{ NULL, NULL }
};

const test_suite_t test_hkdf_suite = { "hkdf", cases };
