/* test_rcrypt.c - decrypting MAC-protected records: CBC (SSL 3.0, TLS 1.0
 * chained IV, TLS 1.1+ explicit IV, encrypt-then-MAC), RC4 and NULL
 * (src/crypto/rcrypt.c, rcrypt_cbc.c); the AEADs are in test_rcrypt_aead.c.
 *
 * Every record here is built by an independent implementation: GnuTLS's
 * own crypto API (gnutls_cipher_*, gnutls_hmac_fast, gnutls_hash_fast)
 * encrypts and MACs the exact record bytes a TLS peer would send,
 * following the RFC text quoted at each builder; rcrypt (over nettle) must
 * give the content back. */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include "rcrypt_testing.h"

SUITE_(aes128_sha, 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", CIPHER_AES_128_CBC, MAC_SHA1, PRF_SHA256, false);
SUITE_(aes256_sha256, 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", CIPHER_AES_256_CBC, MAC_SHA256, PRF_SHA256, false);
SUITE_(des3_sha, 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", CIPHER_3DES_EDE_CBC, MAC_SHA1, PRF_SHA256, false);
SUITE_(cam256_sha, 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", CIPHER_CAMELLIA_256_CBC, MAC_SHA1, PRF_SHA256, false);
SUITE_(des_sha, 0x0009, "TLS_RSA_WITH_DES_CBC_SHA", CIPHER_DES_CBC, MAC_SHA1, PRF_SHA256, false);
SUITE_(cam128_sha, 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", CIPHER_CAMELLIA_128_CBC, MAC_SHA1, PRF_SHA256, false);
SUITE_(rc4_md5, 0x0004, "TLS_RSA_WITH_RC4_128_MD5", CIPHER_RC4_128, MAC_MD5, PRF_SHA256, false);
SUITE_(rc4_sha, 0x0005, "TLS_RSA_WITH_RC4_128_SHA", CIPHER_RC4_128, MAC_SHA1, PRF_SHA256, false);
SUITE_(null_sha, 0x0002, "TLS_RSA_WITH_NULL_SHA", CIPHER_NULL, MAC_SHA1, PRF_SHA256, false);
SUITE_(aes128_gcm, 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", CIPHER_AES_128_GCM, MAC_AEAD, PRF_SHA256, false);
SUITE_(chacha_sha256, 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", CIPHER_CHACHA20_POLY1305, MAC_AEAD, PRF_SHA256, false);
SUITE_(seed_sha, 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", CIPHER_SEED_CBC, MAC_SHA1, PRF_SHA256, false);
SUITE_(aria_gcm, 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", CIPHER_ARIA_128_GCM, MAC_AEAD, PRF_SHA256, false);
SUITE_(t13_aes128, 0x1301, "TLS_AES_128_GCM_SHA256", CIPHER_AES_128_GCM, MAC_AEAD, PRF_SHA256, true);

void rt_fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 7 * i);
}

/* Keys for one direction, filled with a recognisable pattern. */
keys_dir_t rt_keys(size_t mac_len, size_t key_len, size_t iv_len)
{
	keys_dir_t k;

	memset(&k, 0, sizeof k);
	rt_fill(k.mac_key, mac_len, 0x11);
	rt_fill(k.key, key_len, 0x22);
	rt_fill(k.iv, iv_len, 0x33);
	k.mac_len = (uint8_t)mac_len;
	k.key_len = (uint8_t)key_len;
	k.iv_len = (uint8_t)iv_len;
	return k;
}

void rt_put_u64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* rfc5246#section-6.2.3.1: HMAC(key, seq_num + type + version + length + fragment). */
static void tls_mac(gnutls_mac_algorithm_t alg, const keys_dir_t *k, uint64_t seq, uint8_t type,
		    uint16_t ver, const uint8_t *p, size_t n, uint8_t *mac)
{
	uint8_t buf[4096];

	rt_put_u64(buf, seq);
	buf[8] = type;
	buf[9] = (uint8_t)(ver >> 8);
	buf[10] = (uint8_t)ver;
	buf[11] = (uint8_t)(n >> 8);
	buf[12] = (uint8_t)n;
	memcpy(buf + 13, p, n);
	CU_ASSERT_EQUAL(gnutls_hmac_fast(alg, k->mac_key, k->mac_len, buf, 13 + n, mac), 0);
}

/* rfc6101#section-5.2.3.1: hash(secret + pad_2 + hash(secret + pad_1 +
 * seq_num + type + length + content)); pads of 48 (MD5) or 40 (SHA) bytes. */
static void ssl3_mac(gnutls_digest_algorithm_t alg, const keys_dir_t *k, uint64_t seq, uint8_t type,
		     const uint8_t *p, size_t n, uint8_t *mac)
{
	size_t pad = alg == GNUTLS_DIG_MD5 ? 48 : 40, hl = gnutls_hash_get_len(alg), o;
	uint8_t buf[4096], inner[20];

	memcpy(buf, k->mac_key, k->mac_len);
	o = k->mac_len;
	memset(buf + o, 0x36, pad);
	o += pad;
	rt_put_u64(buf + o, seq);
	o += 8;
	buf[o++] = type;
	buf[o++] = (uint8_t)(n >> 8);
	buf[o++] = (uint8_t)n;
	memcpy(buf + o, p, n);
	o += n;
	CU_ASSERT_EQUAL(gnutls_hash_fast(alg, buf, o, inner), 0);
	memcpy(buf, k->mac_key, k->mac_len);
	o = k->mac_len;
	memset(buf + o, 0x5c, pad);
	o += pad;
	memcpy(buf + o, inner, hl);
	o += hl;
	CU_ASSERT_EQUAL(gnutls_hash_fast(alg, buf, o, mac), 0);
}

typedef struct {
	uint16_t ver;
	gnutls_cipher_hd_t h;      /* CBC or RC4 handle: carries the chain/stream across records */
	size_t bs;                 /* block size; 0: stream (or NULL) */
	bool null_cipher, etm, explicit_iv;
	gnutls_mac_algorithm_t mac;
	gnutls_digest_algorithm_t ssl3_mac;   /* != UNKNOWN: SSL 3.0 MAC */
	const keys_dir_t *k;
	uint8_t pad_len;           /* CBC padding_length */
	bool bad_pad;              /* corrupt the first padding byte (TLS) */
} builder_t;

/* Builds one protected TLSCiphertext.fragment into out; returns its length.
 * rfc5246#section-6.2.3.1-2 (MAC-then-encrypt), rfc7366#section-3 (EtM). */
static size_t build(const builder_t *b, uint64_t seq, uint8_t type, const uint8_t *content,
		    size_t n, uint8_t *out)
{
	uint8_t pt[4096], mac[64], iv[16];
	size_t maclen = b->k->mac_len, len = 0, ivlen = b->explicit_iv ? b->bs : 0, i;

	memcpy(pt, content, n);
	len = n;
	if (!b->etm) {
		if (b->ssl3_mac != GNUTLS_DIG_UNKNOWN)
			ssl3_mac(b->ssl3_mac, b->k, seq, type, content, n, mac);
		else
			tls_mac(b->mac, b->k, seq, type, b->ver, content, n, mac);
		memcpy(pt + len, mac, maclen);
		len += maclen;
	}
	if (b->bs) {
		for (i = 0; i <= b->pad_len; i++)   /* SSL 3.0: any padding bytes will do */
			pt[len + i] = b->ssl3_mac != GNUTLS_DIG_UNKNOWN && i < b->pad_len ? 0xa5 : b->pad_len;
		if (b->bad_pad && b->pad_len > 0)
			pt[len] ^= 0x01;
		len += b->pad_len + 1u;
		CU_ASSERT_EQUAL(len % b->bs, 0);
		if (ivlen) {
			rt_fill(iv, ivlen, (uint8_t)(0x40 + seq));
			gnutls_cipher_set_iv(b->h, iv, ivlen);
			memcpy(out, iv, ivlen);
		}
	}
	if (b->null_cipher)
		memcpy(out + ivlen, pt, len);
	else
		CU_ASSERT_EQUAL(gnutls_cipher_encrypt2(b->h, pt, len, out + ivlen, len), 0);
	len += ivlen;
	if (b->etm) {
		tls_mac(b->mac, b->k, seq, type, b->ver, out, len, mac);
		memcpy(out + len, mac, maclen);
		len += maclen;
	}
	return len;
}

static gnutls_cipher_hd_t cipher_open(gnutls_cipher_algorithm_t alg, const keys_dir_t *k, size_t ivlen)
{
	gnutls_cipher_hd_t h = NULL;
	uint8_t zero[16] = { 0 };
	gnutls_datum_t key = { (unsigned char *)k->key, k->key_len };
	gnutls_datum_t iv = { ivlen ? (unsigned char *)k->iv : zero, ivlen ? (unsigned)ivlen : 16 };

	CU_ASSERT_EQUAL_FATAL(gnutls_cipher_init(&h, alg, &key, gnutls_cipher_get_iv_size(alg) ? &iv : NULL), 0);
	return h;
}

/* Decrypts and expects exactly `content` of type `type` back. */
void rt_expect_plain(rcrypt_t *rc, uint8_t type, uint16_t ver, const uint8_t *rec, size_t n,
			 const uint8_t *content, size_t clen, uint8_t want_type)
{
	buf_t out = { 0 };
	uint8_t inner = 0;

	CU_ASSERT_EQUAL(rcrypt_decrypt(rc, type, ver, rec, n, &out, &inner), ERR_OK);
	CU_ASSERT_EQUAL(out.len, clen);
	CU_ASSERT(out.len == clen && (clen == 0 || memcmp(out.ptr, content, clen) == 0));
	CU_ASSERT_EQUAL(inner, want_type);
	buf_free(&out);
}

err_t rt_try_decrypt(rcrypt_t *rc, uint8_t type, uint16_t ver, const uint8_t *rec, size_t n)
{
	buf_t out = { 0 };
	uint8_t inner = 0;
	err_t e = rcrypt_decrypt(rc, type, ver, rec, n, &out, &inner);

	buf_free(&out);
	return e;
}

/* rfc2246#section-6.2.3.2: TLS 1.0 chains the IV across records; two
 * records from one GnuTLS CBC handle, which chains the same way. */
static void test_tls10_cbc_chained(void)
{
	keys_dir_t k = rt_keys(20, 16, 16);
	uint8_t c1[16], c2[37], r1[256], r2[256];
	size_t n1, n2;
	rcrypt_t *rc = NULL, *fresh = NULL;
	builder_t b = { .ver = VER_TLS10, .bs = 16, .mac = GNUTLS_MAC_SHA1,
			.ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k };

	rt_fill(c1, sizeof c1, 1);
	rt_fill(c2, sizeof c2, 2);
	b.h = cipher_open(GNUTLS_CIPHER_AES_128_CBC, &k, 16);
	b.pad_len = 11;                                   /* 16 + 20 + 12 = 48 */
	n1 = build(&b, 0, CT_HANDSHAKE, c1, sizeof c1, r1);
	b.pad_len = 6 + 16;                               /* 37 + 20 + 23 = 80: padding may exceed a block */
	n2 = build(&b, 1, CT_APPLICATION_DATA, c2, sizeof c2, r2);
	gnutls_cipher_deinit(b.h);

	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, &aes128_sha, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_HANDSHAKE, VER_TLS10, r1, n1, c1, sizeof c1, CT_HANDSHAKE);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS10, r2, n2, c2, sizeof c2, CT_APPLICATION_DATA);
	CU_ASSERT_EQUAL(rcrypt_seq(rc), 2);
	/* The second record's IV is the first one's last ciphertext block: change
	 * that block and the first fails, and so does the (intact) second. */
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, &aes128_sha, false, &k, &fresh), ERR_OK);
	r1[n1 - 1] ^= 0x80;
	CU_ASSERT_EQUAL(rt_try_decrypt(fresh, CT_HANDSHAKE, VER_TLS10, r1, n1), ERR_CRYPTO);
	CU_ASSERT_EQUAL(rt_try_decrypt(fresh, CT_APPLICATION_DATA, VER_TLS10, r2, n2), ERR_CRYPTO);
	CU_ASSERT_EQUAL(rcrypt_seq(fresh), 2);   /* advances pass or fail */
	rcrypt_free(rc);
	rcrypt_free(fresh);
}

/* rfc5246#section-6.2.3.2: TLS 1.1+ sends the IV in each record; no IV
 * from the key block is needed.  HMAC-SHA256, AES-256. */
static void test_tls12_cbc_explicit_iv(void)
{
	keys_dir_t k = rt_keys(32, 32, 0);
	uint8_t c1[100], r1[512], c2[1], r2[512];
	size_t n1, n2;
	rcrypt_t *rc = NULL;
	builder_t b = { .ver = VER_TLS12, .bs = 16, .explicit_iv = true, .mac = GNUTLS_MAC_SHA256,
			.ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k };

	rt_fill(c1, sizeof c1, 3);
	rt_fill(c2, sizeof c2, 4);
	b.h = cipher_open(GNUTLS_CIPHER_AES_256_CBC, &k, 0);
	b.pad_len = 11;                    /* 100 + 32 + 12 = 144 */
	n1 = build(&b, 0, CT_APPLICATION_DATA, c1, sizeof c1, r1);
	b.pad_len = 14;                    /* 1 + 32 + 15 = 48 */
	n2 = build(&b, 1, CT_ALERT, c2, sizeof c2, r2);
	gnutls_cipher_deinit(b.h);
	CU_ASSERT_EQUAL(n1, 16 + 144);

	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aes256_sha256, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS12, r1, n1, c1, sizeof c1, CT_APPLICATION_DATA);
	rt_expect_plain(rc, CT_ALERT, VER_TLS12, r2, n2, c2, sizeof c2, CT_ALERT);
	/* the record header's type and version are under the MAC */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_ALERT, VER_TLS11, r2, n2), ERR_CRYPTO);
	rcrypt_free(rc);
}

/* rfc5246#section-6.2.3.2: padding up to 255 bytes; every byte of it must
 * equal padding_length, or the record is bad (as a bad MAC). */
static void test_cbc_padding(void)
{
	keys_dir_t k = rt_keys(20, 16, 0);
	uint8_t c[12], r[512];
	size_t n;
	rcrypt_t *rc = NULL;
	builder_t b = { .ver = VER_TLS11, .bs = 16, .explicit_iv = true, .mac = GNUTLS_MAC_SHA1,
			.ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k, .pad_len = 255 };

	rt_fill(c, sizeof c, 5);
	b.h = cipher_open(GNUTLS_CIPHER_AES_128_CBC, &k, 0);
	n = build(&b, 0, CT_HANDSHAKE, c, sizeof c, r);         /* 12 + 20 + 256 = 288 */
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS11, &aes128_sha, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_HANDSHAKE, VER_TLS11, r, n, c, sizeof c, CT_HANDSHAKE);
	b.pad_len = 3;
	b.bad_pad = true;                                        /* one padding byte is 02, not 03 */
	n = build(&b, 1, CT_HANDSHAKE, c, 8, r);                 /* 8 + 20 + 4 = 32 */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_TLS11, r, n), ERR_CRYPTO);
	gnutls_cipher_deinit(b.h);
	rcrypt_free(rc);
}

/* rfc7366#section-3: encrypt-then-MAC; the MAC covers IV + ciphertext and
 * is checked before anything is decrypted. */
static void test_encrypt_then_mac(void)
{
	keys_dir_t k = rt_keys(20, 16, 0);
	uint8_t c[40], r[256];
	size_t n;
	rcrypt_t *rc = NULL, *mte = NULL;
	builder_t b = { .ver = VER_TLS12, .bs = 16, .explicit_iv = true, .etm = true,
			.mac = GNUTLS_MAC_SHA1, .ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k, .pad_len = 7 };

	rt_fill(c, sizeof c, 6);
	b.h = cipher_open(GNUTLS_CIPHER_AES_128_CBC, &k, 0);
	n = build(&b, 0, CT_APPLICATION_DATA, c, sizeof c, r);  /* 16 IV + 48 + 20 MAC */
	gnutls_cipher_deinit(b.h);
	CU_ASSERT_EQUAL(n, 16 + 48 + 20);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aes128_sha, true, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS12, r, n, c, sizeof c, CT_APPLICATION_DATA);
	/* read as MAC-then-encrypt, the same bytes do not verify */
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aes128_sha, false, &k, &mte), ERR_OK);
	CU_ASSERT_NOT_EQUAL(rt_try_decrypt(mte, CT_APPLICATION_DATA, VER_TLS12, r, n), ERR_OK);
	/* a flipped IV byte breaks the MAC (it covers the IV) */
	r[3] ^= 1;
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, n), ERR_CRYPTO);
	rcrypt_free(rc);
	rcrypt_free(mte);
}

/* rfc6101#section-5.2.3: SSL 3.0 records, 3DES with the SHA MAC (pads of
 * 40) and random-looking padding bytes, RC4 with the MD5 MAC (pads of 48). */
static void test_ssl3_records(void)
{
	keys_dir_t k = rt_keys(20, 24, 8), k2 = rt_keys(16, 16, 0);
	uint8_t c[30], r[256];
	size_t n;
	rcrypt_t *rc = NULL;
	builder_t b = { .ver = VER_SSL30, .bs = 8, .ssl3_mac = GNUTLS_DIG_SHA1, .k = &k, .pad_len = 5 };

	rt_fill(c, sizeof c, 7);
	b.h = cipher_open(GNUTLS_CIPHER_3DES_CBC, &k, 8);
	n = build(&b, 0, CT_HANDSHAKE, c, sizeof c, r);   /* 30 + 20 + 6 = 56 */
	CU_ASSERT_EQUAL(rcrypt_new(VER_SSL30, &des3_sha, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_HANDSHAKE, VER_SSL30, r, n, c, sizeof c, CT_HANDSHAKE);
	/* rfc6101#section-5.2.3.2: "The length of the padding must be less than
	 * the cipher's block length": 13 bytes of padding with 8-byte blocks */
	b.pad_len = 13;                                    /* 30 + 20 + 14 = 64 */
	n = build(&b, 1, CT_HANDSHAKE, c, sizeof c, r);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_HANDSHAKE, VER_SSL30, r, n), ERR_CRYPTO);
	gnutls_cipher_deinit(b.h);
	rcrypt_free(rc);

	b = (builder_t){ .ver = VER_SSL30, .ssl3_mac = GNUTLS_DIG_MD5, .k = &k2 };
	b.h = cipher_open(GNUTLS_CIPHER_ARCFOUR_128, &k2, 0);
	n = build(&b, 0, CT_APPLICATION_DATA, c, sizeof c, r);
	gnutls_cipher_deinit(b.h);
	CU_ASSERT_EQUAL(rcrypt_new(VER_SSL30, &rc4_md5, false, &k2, &rc), ERR_OK);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_SSL30, r, n, c, sizeof c, CT_APPLICATION_DATA);
	rcrypt_free(rc);

	/* SSL 3.0 has no SHA-256 MAC and no encrypt_then_mac */
	CU_ASSERT_EQUAL(rcrypt_new(VER_SSL30, &aes256_sha256, false, &k, &rc), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(rcrypt_new(VER_SSL30, &des3_sha, true, &k, &rc), ERR_UNSUPPORTED);
	CU_ASSERT_PTR_NULL(rc);
}

/* RC4: the key stream runs on across records. */
static void test_rc4_stream(void)
{
	keys_dir_t k = rt_keys(20, 16, 0);
	uint8_t c1[5], c2[64], r1[128], r2[128];
	size_t n1, n2;
	rcrypt_t *rc = NULL, *fresh = NULL;
	builder_t b = { .ver = VER_TLS10, .mac = GNUTLS_MAC_SHA1, .ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k };

	rt_fill(c1, sizeof c1, 8);
	rt_fill(c2, sizeof c2, 9);
	b.h = cipher_open(GNUTLS_CIPHER_ARCFOUR_128, &k, 0);
	n1 = build(&b, 0, CT_HANDSHAKE, c1, sizeof c1, r1);
	n2 = build(&b, 1, CT_APPLICATION_DATA, c2, sizeof c2, r2);
	gnutls_cipher_deinit(b.h);
	CU_ASSERT_EQUAL(n1, 5 + 20);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, &rc4_sha, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_HANDSHAKE, VER_TLS10, r1, n1, c1, sizeof c1, CT_HANDSHAKE);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS10, r2, n2, c2, sizeof c2, CT_APPLICATION_DATA);
	/* the second record alone, from the start of the stream, is garbage */
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, &rc4_sha, false, &k, &fresh), ERR_OK);
	CU_ASSERT_EQUAL(rt_try_decrypt(fresh, CT_APPLICATION_DATA, VER_TLS10, r2, n2), ERR_CRYPTO);
	/* a record shorter than its MAC */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS10, r2, 19), ERR_BAD_LENGTH);
	rcrypt_free(rc);
	rcrypt_free(fresh);
}

/* NULL cipher: the content travels in clear, only the MAC protects it. */
static void test_null_cipher(void)
{
	keys_dir_t k = rt_keys(20, 0, 0);
	uint8_t c[10], r[64];
	size_t n;
	rcrypt_t *rc = NULL;
	builder_t b = { .ver = VER_TLS12, .null_cipher = true, .mac = GNUTLS_MAC_SHA1,
			.ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k };

	rt_fill(c, sizeof c, 10);
	n = build(&b, 0, CT_APPLICATION_DATA, c, sizeof c, r);
	CU_ASSERT(memcmp(r, c, sizeof c) == 0);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &null_sha, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_APPLICATION_DATA, VER_TLS12, r, n, c, sizeof c, CT_APPLICATION_DATA);
	n = build(&b, 1, CT_APPLICATION_DATA, c, sizeof c, r);
	r[0] ^= 0x20;
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, n), ERR_CRYPTO);
	rcrypt_free(rc);
}

/* Camellia-128-CBC, TLS 1.0: another nettle block cipher behind the same code. */
static void test_camellia_cbc(void)
{
	keys_dir_t k = rt_keys(20, 16, 16);
	uint8_t c[27], r[128];
	size_t n;
	rcrypt_t *rc = NULL;
	builder_t b = { .ver = VER_TLS10, .bs = 16, .mac = GNUTLS_MAC_SHA1,
			.ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k, .pad_len = 0 };

	rt_fill(c, sizeof c, 11);
	b.h = cipher_open(GNUTLS_CIPHER_CAMELLIA_128_CBC, &k, 16);
	n = build(&b, 0, CT_HANDSHAKE, c, sizeof c, r);    /* 27 + 20 + 1 = 48 */
	gnutls_cipher_deinit(b.h);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, &cam128_sha, false, &k, &rc), ERR_OK);
	rt_expect_plain(rc, CT_HANDSHAKE, VER_TLS10, r, n, c, sizeof c, CT_HANDSHAKE);
	rcrypt_free(rc);
}

/* Camellia-256 and single DES, each decrypting what GnuTLS encrypted:
 * every CBC cipher of the setup table against an independent cipher. */
static void test_more_cbc_ciphers(void)
{
	static const struct {
		const suite_info_t *s;
		gnutls_cipher_algorithm_t alg;
		size_t key_len, bs;
	} cases[] = {
		{ &cam256_sha, GNUTLS_CIPHER_CAMELLIA_256_CBC, 32, 16 },
		{ &des_sha, GNUTLS_CIPHER_DES_CBC, 8, 8 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		keys_dir_t k = rt_keys(20, cases[i].key_len, cases[i].bs);
		uint8_t c[27], r[128];
		size_t n;
		rcrypt_t *rc = NULL;
		builder_t b = { .ver = VER_TLS10, .bs = cases[i].bs, .mac = GNUTLS_MAC_SHA1,
				.ssl3_mac = GNUTLS_DIG_UNKNOWN, .k = &k, .pad_len = 0 };

		rt_fill(c, sizeof c, (uint8_t)(21 + i));
		b.h = cipher_open(cases[i].alg, &k, cases[i].bs);
		n = build(&b, 0, CT_HANDSHAKE, c, sizeof c, r);
		gnutls_cipher_deinit(b.h);
		CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, cases[i].s, false, &k, &rc), ERR_OK);
		rt_expect_plain(rc, CT_HANDSHAKE, VER_TLS10, r, n, c, sizeof c, CT_HANDSHAKE);
		rcrypt_free(rc);
		/* a key of the wrong size for the descriptor is refused */
		k.key_len = cases[i].key_len - 1;
		CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, cases[i].s, false, &k, &rc), ERR_BAD_LENGTH);
		CU_ASSERT_PTR_NULL(rc);
	}
}

/* Records too short to hold what their protection needs. */
static void test_cbc_lengths(void)
{
	keys_dir_t k = rt_keys(20, 16, 16);
	uint8_t r[64] = { 0 };
	rcrypt_t *rc = NULL;

	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aes128_sha, false, &k, &rc), ERR_OK);
	/* IV (16) + at least MAC + 1 rounded up to blocks (32) */
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, 32), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, 0), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, 47), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, 48), ERR_CRYPTO);
	CU_ASSERT_EQUAL(rcrypt_seq(rc), 4);
	rcrypt_free(rc);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aes128_sha, true, &k, &rc), ERR_OK);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, 16 + 20), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(rt_try_decrypt(rc, CT_APPLICATION_DATA, VER_TLS12, r, 32 + 20), ERR_CRYPTO);
	rcrypt_free(rc);
	/* the key block must give what the suite needs */
	k.key_len = 15;
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aes128_sha, false, &k, &rc), ERR_BAD_LENGTH);
	k = rt_keys(20, 16, 0);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS10, &aes128_sha, false, &k, &rc), ERR_BAD_LENGTH);
	CU_ASSERT_PTR_NULL(rc);
}

/* Ciphers nettle lacks are named, not guessed at. */
static void test_unsupported(void)
{
	keys_dir_t k = rt_keys(20, 16, 16);
	rcrypt_t *rc = NULL;

	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &seed_sha, false, &k, &rc), ERR_UNSUPPORTED);
	CU_ASSERT_PTR_NULL(rc);
	CU_ASSERT_STRING_EQUAL(rcrypt_missing(&seed_sha), "SEED");
	CU_ASSERT_STRING_EQUAL(rcrypt_missing(&aria_gcm), "ARIA");
	CU_ASSERT_PTR_NULL(rcrypt_missing(&aes128_sha));
	CU_ASSERT_PTR_NULL(rcrypt_missing(&chacha_sha256));
	k = rt_keys(0, 16, 4);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &aria_gcm, false, &k, &rc), ERR_UNSUPPORTED);
	/* a TLS 1.3 suite needs rcrypt_new_tls13, and a CBC suite is not one */
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS12, &t13_aes128, false, &k, &rc), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(rcrypt_new(VER_TLS13, &aes128_gcm, false, &k, &rc), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(rcrypt_new_tls13(&aes128_sha, &k, &rc), ERR_UNSUPPORTED);
	/* TLS 1.3 wants a 12-byte IV */
	CU_ASSERT_EQUAL(rcrypt_new_tls13(&t13_aes128, &k, &rc), ERR_BAD_LENGTH);
	CU_ASSERT_PTR_NULL(rc);
}

static const test_case_t cases[] = {
	{ "tls10_cbc_chained_iv", test_tls10_cbc_chained },
	{ "tls12_cbc_explicit_iv_sha256", test_tls12_cbc_explicit_iv },
	{ "cbc_padding", test_cbc_padding },
	{ "encrypt_then_mac", test_encrypt_then_mac },
	{ "ssl3_records", test_ssl3_records },
	{ "rc4_stream", test_rc4_stream },
	{ "null_cipher", test_null_cipher },
	{ "camellia_cbc", test_camellia_cbc },
	{ "more_cbc_ciphers", test_more_cbc_ciphers },
	{ "cbc_lengths", test_cbc_lengths },
	{ "unsupported", test_unsupported },
	{ NULL, NULL }
};

const test_suite_t test_rcrypt_suite = { "rcrypt", cases };

