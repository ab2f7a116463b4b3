/* test_prf.c - the SSL 3.0 / TLS 1.0-1.2 PRFs, master secret (classic and
 * extended), key block and its partition into keys (src/crypto/prf.c,
 * src/crypto/keys.c).
 *
 * Published vectors:
 *  - TLS 1.2 P_SHA256 and P_SHA384: the test vectors posted to the IETF TLS
 *    WG list (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html),
 *    reproduced by OpenSSL's `openssl kdf ... TLS1-PRF` and BouncyCastle.
 *  - TLS 1.0/1.1: NIST CAVP SP 800-135 KDF "TLS" test file, section
 *    [TLS 1.0/1.1] [pre-master secret length = 384] [key block length = 832],
 *    COUNT = 0 (also in OpenSSL's evpkdf_tls11_prf.txt and BouncyCastle's
 *    TLSKDFTest).
 * The SSL 3.0 PRF, the extended master secret and the export expansions
 * have no published vectors; their expected values were computed with
 * Python's hashlib/hmac from the RFC text, with these helpers:
 *   import hashlib as H, hmac
 *   def P(h,s,seed,n):
 *       a,o=seed,b''
 *       while len(o)<n: a=hmac.new(s,a,h).digest(); o+=hmac.new(s,a+seed,h).digest()
 *       return o[:n]
 *   prf10=lambda s,l,seed,n:bytes(x^y for x,y in zip(P(H.md5,s[:(len(s)+1)//2],l+seed,n),
 *       P(H.sha1,s[len(s)-(len(s)+1)//2:],l+seed,n)))
 *   ssl3=lambda s,seed,n:b''.join(H.md5(s+H.sha1(bytes([65+i])*(i+1)+s+seed).digest()).digest()
 *       for i in range(26))[:n]
 *   pms=bytes(range(48)); cr=bytes(range(32,64)); sr=bytes(range(64,96)); ms=bytes(range(100,148))
 */
#include <string.h>
#include "testing.h"
#include "crypto/keys.h"
#include "crypto/prf.h"

/* Suites as the registry describes them, written out so that these tests
 * do not depend on the suite table. */
static const suite_info_t rsa_aes128_sha = {
	.id = 0x002f, .name = "TLS_RSA_WITH_AES_128_CBC_SHA", .kx = KX_RSA, .auth = AUTH_RSA,
	.cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1, .prf = PRF_SHA256,
};
static const suite_info_t rsa_aes128_gcm = {
	.id = 0x009c, .name = "TLS_RSA_WITH_AES_128_GCM_SHA256", .kx = KX_RSA, .auth = AUTH_RSA,
	.cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .prf = PRF_SHA256, .tls12_only = true,
};
static const suite_info_t ecdhe_aes256_gcm = {
	.id = 0xc030, .name = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", .kx = KX_ECDHE, .auth = AUTH_RSA,
	.cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true,
};
static const suite_info_t ecdhe_chacha = {
	.id = 0xcca8, .name = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", .kx = KX_ECDHE,
	.auth = AUTH_RSA, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .prf = PRF_SHA256,
	.tls12_only = true,
};
static const suite_info_t exp_rc4_40 = {
	.id = 0x0003, .name = "TLS_RSA_EXPORT_WITH_RC4_40_MD5", .kx = KX_RSA_EXPORT, .auth = AUTH_RSA,
	.cipher = CIPHER_RC4_40, .mac = MAC_MD5, .prf = PRF_SHA256,
};
static const suite_info_t exp_des40 = {
	.id = 0x0008, .name = "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", .kx = KX_RSA_EXPORT, .auth = AUTH_RSA,
	.cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1, .prf = PRF_SHA256,
};
static const suite_info_t exp_rc2_40 = {
	.id = 0x0006, .name = "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", .kx = KX_RSA_EXPORT, .auth = AUTH_RSA,
	.cipher = CIPHER_RC2_CBC_40, .mac = MAC_MD5, .prf = PRF_SHA256,
};
static const suite_info_t tls13_aes128 = {
	.id = 0x1301, .name = "TLS_AES_128_GCM_SHA256", .kx = KX_TLS13, .auth = AUTH_TLS13,
	.cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .prf = PRF_SHA256, .tls13 = true,
};

#define HEXEQ(buf, len, hex) do { \
	uint8_t want_[512]; \
	size_t wn_ = test_unhex(hex, want_, sizeof want_); \
	CU_ASSERT_EQUAL((size_t)(len), wn_); \
	CU_ASSERT(wn_ == (size_t)(len) && memcmp((buf), want_, wn_) == 0); \
} while (0)

static void seq_bytes(uint8_t *p, size_t n, uint8_t first)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(first + i);
}

/* IETF TLS WG list, msg03416: P_SHA256, 100 bytes. */
static void test_tls12_sha256_vector(void)
{
	uint8_t secret[16], seed[16], out[100];

	test_unhex("9bbe436ba940f017b17652849a71db35", secret, sizeof secret);
	test_unhex("a0ba9f936cda311827a6f796ffd5198c", seed, sizeof seed);
	CU_ASSERT_EQUAL(prf_tls12(HASH_SHA256, secret, 16, "test label", seed, 16, out, sizeof out), ERR_OK);
	HEXEQ(out, sizeof out,
	      "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
	      "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
	      "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
	      "87347b66");
	/* prf_for_version dispatches TLS 1.2 to the same function. */
	memset(out, 0, sizeof out);
	CU_ASSERT_EQUAL(prf_for_version(VER_TLS12, HASH_SHA256, secret, 16, "test label", seed, 16, out, 32),
			ERR_OK);
	HEXEQ(out, 32, "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a");
}

/* IETF TLS WG list, msg03416: P_SHA384, 148 bytes. */
static void test_tls12_sha384_vector(void)
{
	uint8_t secret[16], seed[16], out[148];

	test_unhex("b80b733d6ceefcdc71566ea48e5567df", secret, sizeof secret);
	test_unhex("cd665cf6a8447dd6ff8b27555edb7465", seed, sizeof seed);
	CU_ASSERT_EQUAL(prf_tls12(HASH_SHA384, secret, 16, "test label", seed, 16, out, sizeof out), ERR_OK);
	HEXEQ(out, sizeof out,
	      "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
	      "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
	      "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
	      "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
	      "91c8f3a26854308d5eaa3be85e0990703d73e56f");
}

/* NIST CAVP SP 800-135 TLS 1.0/1.1, COUNT = 0. */
static const char cavp_pms[] =
	"bded7fa5c1699c010be23dd06ada3a48349f21e5f86263d512c0c5cc379f0e78"
	"0ec55d9844b2f1db02a96453513568d0";
static const char cavp_client_hello_random[] =
	"e5acaf549cd25c22d964c0d930fa4b5261d2507fad84c33715b7b9a864020693";
static const char cavp_server_hello_random[] =
	"135e4d557fdf3aa6406d82975d5c606a9734c9334b42136e96990fbd5358cdb2";
static const char cavp_server_random[] =
	"67267e650eb32444119d222a368c191af3082888dc35afe8368e638c828874be";
static const char cavp_client_random[] =
	"d58a7b1cd4fedaa232159df652ce188f9d997e061b9bf48e83b62990440931f6";
static const char cavp_master[] =
	"2f6962dfbc744c4b2138bb6b3d33054c5ecc14f24851d9896395a44ab3964efc"
	"2090c5bf51a0891209f46c1e1e998f62";
static const char cavp_key_block[] =
	"3088825988e77fce68d19f756e18e43eb7fe672433504feaf99b3c503d9091b1"
	"64f166db301d70c9fc0870b4a94563907bee1a61fb786cb717576890bcc51cb9"
	"ead97e01d0a2fea99c953377b195205ff07b369589178796edc963fd80fdbe51"
	"8a2fc1c35c18ae8d";

static void test_tls10_cavp_master_and_key_block(void)
{
	uint8_t pms[48], chr[32], shr[32], cr[32], sr[32], ms[48], kb[104];

	test_unhex(cavp_pms, pms, sizeof pms);
	test_unhex(cavp_client_hello_random, chr, sizeof chr);
	test_unhex(cavp_server_hello_random, shr, sizeof shr);
	test_unhex(cavp_client_random, cr, sizeof cr);
	test_unhex(cavp_server_random, sr, sizeof sr);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS10, HASH_MD5_SHA1, pms, 48, chr, shr, NULL, 0, ms), ERR_OK);
	HEXEQ(ms, 48, cavp_master);
	/* TLS 1.1 uses the same PRF. */
	memset(ms, 0, sizeof ms);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS11, HASH_NONE, pms, 48, chr, shr, NULL, 0, ms), ERR_OK);
	HEXEQ(ms, 48, cavp_master);
	CU_ASSERT_EQUAL(prf_key_block(VER_TLS10, HASH_MD5_SHA1, ms, cr, sr, kb, sizeof kb), ERR_OK);
	HEXEQ(kb, sizeof kb, cavp_key_block);
}

/* rfc2246#section-5: an odd-length secret shares its middle byte.
 * prf10(bytes(range(1,6)),b'test label',b'\xaa\xbb',40).hex() */
static void test_tls10_odd_secret(void)
{
	static const uint8_t secret[5] = { 1, 2, 3, 4, 5 }, seed[2] = { 0xaa, 0xbb };
	uint8_t out[40];

	CU_ASSERT_EQUAL(prf_tls10(secret, 5, "test label", seed, 2, out, sizeof out), ERR_OK);
	HEXEQ(out, sizeof out,
	      "16ccf2af0d445d2b2576fbee9e0c309391d86daaa92f385773a43e1804082a65723249fe4b45241f");
}

/* ssl3(pms,cr+sr,48).hex() and ssl3(<that>,sr+cr,104).hex() */
static void test_ssl3_master_and_key_block(void)
{
	uint8_t pms[48], cr[32], sr[32], ms[48], kb[104], big[26 * 16 + 1];

	seq_bytes(pms, 48, 0);
	seq_bytes(cr, 32, 32);
	seq_bytes(sr, 32, 64);
	CU_ASSERT_EQUAL(prf_master_secret(VER_SSL30, HASH_NONE, pms, 48, cr, sr, NULL, 0, ms), ERR_OK);
	HEXEQ(ms, 48,
	      "772aff903de22c5fe353059245952f42d3e3abbfdb0d67459b57520faa7c8a56"
	      "84e8c340943f41a411de4789f97ed644");
	CU_ASSERT_EQUAL(prf_key_block(VER_SSL30, HASH_NONE, ms, cr, sr, kb, sizeof kb), ERR_OK);
	HEXEQ(kb, sizeof kb,
	      "03caad9843c8ab60ab1fcba2e387d438ff913645a1a92fc4e4be3e46ce775ab4"
	      "d0b258702271cb88786f119daee847e5562532bba287de75e38118ef66e9638a"
	      "750e53f0923b284507f96acf2a72e08c4de02de057e37c37afce8b5a689906e0"
	      "35623c5a620ca426");
	/* 'A' .. 'Z': 26 blocks of 16 bytes and no more. */
	CU_ASSERT_EQUAL(prf_ssl3(ms, 48, cr, 32, big, 26 * 16), ERR_OK);
	CU_ASSERT_EQUAL(prf_ssl3(ms, 48, cr, 32, big, sizeof big), ERR_BAD_LENGTH);
}

/* rfc7627#section-4, session_hash computed over b'handshake messages':
 *   TLS 1.2: P(H.sha256,pms,b'extended master secret'+H.sha256(b'handshake messages').digest(),48)
 *   TLS 1.0: prf10(pms,b'extended master secret',
 *                  H.md5(b'handshake messages').digest()+H.sha1(b'handshake messages').digest(),48) */
static void test_extended_master_secret(void)
{
	static const char msgs[] = "handshake messages";
	uint8_t pms[48], cr[32], sr[32], sh[36], ms[48], classic[48];

	seq_bytes(pms, 48, 0);
	seq_bytes(cr, 32, 32);
	seq_bytes(sr, 32, 64);
	hash_digest(HASH_SHA256, (const uint8_t *)msgs, strlen(msgs), sh);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS12, HASH_SHA256, pms, 48, cr, sr, sh, 32, ms), ERR_OK);
	HEXEQ(ms, 48,
	      "837a95d7e29469176bdd9f3b31a73809d8b5b68724a52db14fcdcd6b3371fe7b"
	      "0a1db91b4f40b82ceb19ead85773987b");
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS12, HASH_SHA256, pms, 48, cr, sr, NULL, 0, classic), ERR_OK);
	CU_ASSERT(memcmp(ms, classic, 48) != 0);

	hash_digest(HASH_MD5_SHA1, (const uint8_t *)msgs, strlen(msgs), sh);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS10, HASH_MD5_SHA1, pms, 48, cr, sr, sh, 36, ms), ERR_OK);
	HEXEQ(ms, 48,
	      "ea64d51dd2b07b3b4e6da5ffeb6e7f955ed3116d0a3f588238e295afd23cc7ba"
	      "7036bd3ed5506c128d597a8d5b82b037");

	/* No EMS in SSL 3.0; a session hash of the wrong size is refused. */
	CU_ASSERT_EQUAL(prf_master_secret(VER_SSL30, HASH_NONE, pms, 48, cr, sr, sh, 36, ms), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS10, HASH_NONE, pms, 48, cr, sr, sh, 32, ms), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS12, HASH_SHA384, pms, 48, cr, sr, sh, 32, ms), ERR_BAD_LENGTH);
}

static void test_refusals(void)
{
	uint8_t s[4] = { 0 }, out[16];

	CU_ASSERT_EQUAL(prf_tls12(HASH_MD5_SHA1, s, 4, "x", s, 4, out, 16), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(prf_tls12(HASH_NONE, s, 4, "x", s, 4, out, 16), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(prf_for_version(VER_TLS13, HASH_SHA256, s, 4, "x", s, 4, out, 16), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(prf_for_version(0x0200, HASH_SHA256, s, 4, "x", s, 4, out, 16), ERR_UNSUPPORTED);
	/* zero-length output is fine and writes nothing */
	CU_ASSERT_EQUAL(prf_tls10(s, 4, "x", s, 4, out, 0), ERR_OK);
}

static void test_prf_hash_by_version(void)
{
	CU_ASSERT_EQUAL(keys_prf_hash(VER_SSL30, &rsa_aes128_sha), HASH_MD5_SHA1);
	CU_ASSERT_EQUAL(keys_prf_hash(VER_TLS10, &rsa_aes128_sha), HASH_MD5_SHA1);
	CU_ASSERT_EQUAL(keys_prf_hash(VER_TLS11, &ecdhe_aes256_gcm), HASH_MD5_SHA1);
	CU_ASSERT_EQUAL(keys_prf_hash(VER_TLS12, &rsa_aes128_sha), HASH_SHA256);
	CU_ASSERT_EQUAL(keys_prf_hash(VER_TLS12, &ecdhe_aes256_gcm), HASH_SHA384);
	CU_ASSERT_EQUAL(keys_prf_hash(VER_TLS13, &tls13_aes128), HASH_SHA256);
	CU_ASSERT_EQUAL(keys_prf_hash(0x7f00, &rsa_aes128_sha), HASH_NONE);
}

/* The CAVP key block has exactly the size of AES-128-CBC-SHA in TLS 1.0:
 * 2 x 20 MAC + 2 x 16 key + 2 x 16 IV = 104 bytes. */
static void test_key_block_partition_cbc(void)
{
	uint8_t ms[48], cr[32], sr[32], kb[104];
	keys_t k;

	test_unhex(cavp_master, ms, sizeof ms);
	test_unhex(cavp_client_random, cr, sizeof cr);
	test_unhex(cavp_server_random, sr, sizeof sr);
	test_unhex(cavp_key_block, kb, sizeof kb);
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS10, &rsa_aes128_sha, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 104);
	CU_ASSERT(memcmp(k.block, kb, 104) == 0);
	CU_ASSERT_EQUAL(k.client.mac_len, 20);
	CU_ASSERT_EQUAL(k.client.key_len, 16);
	CU_ASSERT_EQUAL(k.server.iv_len, 16);
	CU_ASSERT(memcmp(k.client.mac_key, kb, 20) == 0);
	CU_ASSERT(memcmp(k.server.mac_key, kb + 20, 20) == 0);
	CU_ASSERT(memcmp(k.client.key, kb + 40, 16) == 0);
	CU_ASSERT(memcmp(k.server.key, kb + 56, 16) == 0);
	CU_ASSERT(memcmp(k.client.iv, kb + 72, 16) == 0);
	CU_ASSERT(memcmp(k.server.iv, kb + 88, 16) == 0);
}

static void test_key_block_partition_aead(void)
{
	uint8_t ms[48], cr[32], sr[32], kb[128];
	keys_t k;

	seq_bytes(ms, 48, 100);
	seq_bytes(cr, 32, 32);
	seq_bytes(sr, 32, 64);
	/* rfc5288#section-3: GCM takes a 4-byte salt, no MAC key: 2 x 16 + 2 x 4. */
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS12, &rsa_aes128_gcm, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 40);
	CU_ASSERT_EQUAL(k.client.mac_len, 0);
	CU_ASSERT_EQUAL(k.client.iv_len, 4);
	CU_ASSERT_EQUAL(prf_key_block(VER_TLS12, HASH_SHA256, ms, cr, sr, kb, 40), ERR_OK);
	CU_ASSERT(memcmp(k.client.key, kb, 16) == 0 && memcmp(k.server.key, kb + 16, 16) == 0);
	CU_ASSERT(memcmp(k.client.iv, kb + 32, 4) == 0 && memcmp(k.server.iv, kb + 36, 4) == 0);

	/* SHA-384 PRF for the *_SHA384 suites. */
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS12, &ecdhe_aes256_gcm, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(prf_key_block(VER_TLS12, HASH_SHA384, ms, cr, sr, kb, 72), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 72);
	CU_ASSERT(memcmp(k.block, kb, 72) == 0);
	CU_ASSERT_EQUAL(k.server.key_len, 32);

	/* rfc7905#section-2: ChaCha20-Poly1305 takes a 12-byte IV. */
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS12, &ecdhe_chacha, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 2 * 32 + 2 * 12);
	CU_ASSERT_EQUAL(k.client.iv_len, 12);
	CU_ASSERT_EQUAL(prf_key_block(VER_TLS12, HASH_SHA256, ms, cr, sr, kb, 88), ERR_OK);
	CU_ASSERT(memcmp(k.server.iv, kb + 76, 12) == 0);

	/* A TLS 1.3 suite has no key block. */
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS12, &tls13_aes128, ms, cr, sr, &k), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS13, &rsa_aes128_gcm, ms, cr, sr, &k), ERR_UNSUPPORTED);
}

/* rfc2246#section-6.3, export RC4-40 and DES40 in TLS 1.0 (ms = bytes(range(100,148))):
 *   kb=prf10(ms,b'key expansion',sr+cr,42); prf10(kb[32:37],b'client write key',cr+sr,16)
 *   kb=prf10(ms,b'key expansion',sr+cr,50); prf10(kb[40:45],b'client write key',cr+sr,8)
 *   prf10(b'',b'IV block',cr+sr,16)
 * and DES40 in TLS 1.2, as old OpenSSL negotiated it (P_SHA256, no IVs):
 *   kb=P(H.sha256,ms,b'key expansion'+sr+cr,50); P(H.sha256,kb[40:45],b'client write key'+cr+sr,8) */
static void test_export_tls10(void)
{
	uint8_t ms[48], cr[32], sr[32];
	keys_t k;

	seq_bytes(ms, 48, 100);
	seq_bytes(cr, 32, 32);
	seq_bytes(sr, 32, 64);
	CU_ASSERT_EQUAL(keys_from_master(VER_TLS10, &exp_rc4_40, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 42);
	HEXEQ(k.block, k.block_len,
	      "dda515f6521f838f7164b855459f5af7f2ce98a919eebe99192a1d365145647d630e52a129004110feda");
	HEXEQ(k.client.key, k.client.key_len, "927aa5e93abc50460da53dde0a3f33cd");
	HEXEQ(k.server.key, k.server.key_len, "d0a296558387f65e23abfd5bf67aa94d");
	CU_ASSERT_EQUAL(k.client.iv_len, 0);

	CU_ASSERT_EQUAL(keys_from_master(VER_TLS10, &exp_des40, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 50);
	HEXEQ(k.client.key, k.client.key_len, "93bccfe87e23e613");
	HEXEQ(k.server.key, k.server.key_len, "b8b87fa7bc97e2e4");
	HEXEQ(k.client.iv, k.client.iv_len, "94d4bcde91ecfd58");
	HEXEQ(k.server.iv, k.server.iv_len, "8756bf7720e8d9b1");
	CU_ASSERT(k.export_ivs);
	HEXEQ(k.client_export, k.export_len, "feda807ab8");
	HEXEQ(k.block + 40, 5, "feda807ab8");

	CU_ASSERT_EQUAL(keys_from_master(VER_TLS12, &exp_des40, ms, cr, sr, &k), ERR_OK);
	HEXEQ(k.block, k.block_len,
	      "f02a351b77c07141df9972858b184072a79675955f0e1dc996a55ee0b83c86abe1a483e391e504d0642b4a8fa7033d23ff63");
	HEXEQ(k.client_export, k.export_len, "642b4a8fa7");
	HEXEQ(k.server_export, k.export_len, "033d23ff63");
	HEXEQ(k.client.key, k.client.key_len, "3973fdb33794b8ad");
	HEXEQ(k.server.key, k.server.key_len, "234e605f488f1533");
	CU_ASSERT_EQUAL(k.client.iv_len, 0);
	CU_ASSERT(!k.export_ivs);
}

/* rfc6101#section-6.2.2, export RC2-40 in SSL 3.0:
 *   kb=ssl3(ms,sr+cr,42); H.md5(kb[32:37]+cr+sr), H.md5(kb[37:42]+sr+cr),
 *   H.md5(cr+sr)[:8], H.md5(sr+cr)[:8] */
static void test_export_ssl3(void)
{
	uint8_t ms[48], cr[32], sr[32];
	keys_t k;

	seq_bytes(ms, 48, 100);
	seq_bytes(cr, 32, 32);
	seq_bytes(sr, 32, 64);
	CU_ASSERT_EQUAL(keys_from_master(VER_SSL30, &exp_rc2_40, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 42);
	CU_ASSERT_EQUAL(k.client.mac_len, 16);
	HEXEQ(k.client.key, k.client.key_len, "a47ef79b5236f4ad244720df4117999b");
	HEXEQ(k.server.key, k.server.key_len, "6f8ac16d75c4929d2935451acf5a2d91");
	HEXEQ(k.client.iv, k.client.iv_len, "c654a1965b312dde");
	HEXEQ(k.server.iv, k.server.iv_len, "9e2aebfae0a94a61");
}

static const test_case_t cases[] = {
	{ "tls12_sha256_published_vector", test_tls12_sha256_vector },
	{ "tls12_sha384_published_vector", test_tls12_sha384_vector },
	{ "tls10_cavp_master_and_key_block", test_tls10_cavp_master_and_key_block },
	{ "tls10_odd_length_secret", test_tls10_odd_secret },
	{ "ssl3_master_and_key_block", test_ssl3_master_and_key_block },
	{ "extended_master_secret", test_extended_master_secret },
	{ "refusals", test_refusals },
	{ "prf_hash_by_version", test_prf_hash_by_version },
	{ "key_block_partition_cbc", test_key_block_partition_cbc },
	{ "key_block_partition_aead", test_key_block_partition_aead },
	{ "export_tls10", test_export_tls10 },
	{ "export_ssl3", test_export_ssl3 },
	{ NULL, NULL }
};

const test_suite_t test_prf_suite = { "prf", cases };
