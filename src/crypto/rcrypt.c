/* rcrypt.c - one direction's record protection: choosing and keying the
 * nettle cipher for a suite, the record MAC, and the per-record dispatch
 * (the families themselves are in rcrypt_cbc.c and rcrypt_aead.c).
 * Decrypts only; never prints, never owns the keys it is given. */
#include <stdlib.h>
#include <string.h>
#include <nettle/nettle-meta.h>
#include "rcrypt_int.h"

const char *rcrypt_missing(const suite_info_t *s)
{
	if (!s)
		return NULL;
	switch (s->cipher) {
	case CIPHER_IDEA_CBC:         return "IDEA";
	case CIPHER_SEED_CBC:         return "SEED";
	case CIPHER_ARIA_128_CBC: case CIPHER_ARIA_256_CBC:
	case CIPHER_ARIA_128_GCM: case CIPHER_ARIA_256_GCM:
		return "ARIA";
	case CIPHER_SM4_GCM: case CIPHER_SM4_CCM:
		return "SM4";
	case CIPHER_GOST28147_CNT:    return "GOST 28147-89";
	case CIPHER_KUZNYECHIK_CTR: case CIPHER_KUZNYECHIK_MGM:
		return "Kuznyechik";
	case CIPHER_MAGMA_CTR: case CIPHER_MAGMA_MGM:
		return "Magma";
	case CIPHER_AEGIS_256: case CIPHER_AEGIS_128L:
		return "AEGIS";
	default:
		break;
	}
	if (!cipher_info(s->cipher))
		return "unknown cipher";
	/* rfc9150: TLS 1.3 with an HMAC tag and no encryption. */
	if (s->tls13 && cipher_info(s->cipher)->kind != CKIND_AEAD)
		return "integrity-only TLS 1.3 (RFC 9150)";
	switch (s->mac) {
	case MAC_GOST: return "GOST 28147-89 IMIT";
	case MAC_SM3:  return "SM3";
	default:       return NULL;
	}
}

/* Descriptors in nettle's own form for the ciphers nettle 3 ships none
 * for (DES and 3DES left nettle-meta in 3.0; RC4 is a stream), each
 * function behind nettle's exact types so that no call goes through a
 * cast function pointer.  Every TLS key of these is of one fixed size
 * (the registry's key_len: export keys arrive expanded, RFC 2246 6.3).
 * This module only decrypts: DES and 3DES have no encrypt function. */
static void rc_des_key(void *ctx, const uint8_t *key)
{
	(void)des_set_key(ctx, key);    /* 0 only flags a weak key; still usable */
}

static void rc_des3_key(void *ctx, const uint8_t *key)
{
	(void)des3_set_key(ctx, key);
}

static void rc_des_dec(const void *ctx, size_t n, uint8_t *dst, const uint8_t *src)
{
	des_decrypt(ctx, n, dst, src);
}

static void rc_des3_dec(const void *ctx, size_t n, uint8_t *dst, const uint8_t *src)
{
	des3_decrypt(ctx, n, dst, src);
}

static void rc_rc4_key(void *ctx, const uint8_t *key)
{
	arcfour128_set_key(ctx, key);
}

static void rc_rc4_crypt(const void *ctx, size_t n, uint8_t *dst, const uint8_t *src)
{
	arcfour_crypt((struct arcfour_ctx *)ctx, n, dst, src);   /* a stream advances its state */
}

static const struct nettle_cipher rcrypt_des = {
	"des", sizeof(struct des_ctx), DES_BLOCK_SIZE, DES_KEY_SIZE,
	rc_des_key, rc_des_key, NULL, rc_des_dec
};
static const struct nettle_cipher rcrypt_des3 = {
	"des3", sizeof(struct des3_ctx), DES3_BLOCK_SIZE, DES3_KEY_SIZE,
	rc_des3_key, rc_des3_key, NULL, rc_des3_dec
};
static const struct nettle_cipher rcrypt_arcfour128 = {
	"arcfour128", sizeof(struct arcfour_ctx), 0, ARCFOUR128_KEY_SIZE,
	rc_rc4_key, rc_rc4_key, rc_rc4_crypt, rc_rc4_crypt
};

/* How each cipher is keyed: the nettle descriptor and the direction.  CBC
 * decrypts; the counter-mode AEADs (GCM, CCM) only ever encrypt the
 * counter, and GCM also needs its hash key H = E(K, 0^128).  ChaCha20-
 * Poly1305 is keyed whole, through nettle's AEAD descriptor.  A cipher
 * without a row is not implemented here (rcrypt_missing says which). */
static const struct rcrypt_setup {
	const struct nettle_cipher *nc;
	bool encrypt;
	bool gcm;
	const struct nettle_aead *aead;
} rcrypt_setups[CIPHER__COUNT] = {
	[CIPHER_RC4_40]            = { .nc = &rcrypt_arcfour128 },
	[CIPHER_RC4_56]            = { .nc = &rcrypt_arcfour128 },
	[CIPHER_RC4_128]           = { .nc = &rcrypt_arcfour128 },
	/* The export RC2 key is the 16-byte expanded key (rfc2246#section-6.3),
	 * used with 128 effective bits as OpenSSL does. */
	[CIPHER_RC2_CBC_40]        = { .nc = &nettle_arctwo128 },
	[CIPHER_RC2_CBC_56]        = { .nc = &nettle_arctwo128 },
	[CIPHER_DES40_CBC]         = { .nc = &rcrypt_des },
	[CIPHER_DES_CBC]           = { .nc = &rcrypt_des },
	[CIPHER_DES_CBC_40]        = { .nc = &rcrypt_des },
	[CIPHER_3DES_EDE_CBC]      = { .nc = &rcrypt_des3 },
	[CIPHER_AES_128_CBC]       = { .nc = &nettle_aes128 },
	[CIPHER_AES_256_CBC]       = { .nc = &nettle_aes256 },
	[CIPHER_CAMELLIA_128_CBC]  = { .nc = &nettle_camellia128 },
	[CIPHER_CAMELLIA_256_CBC]  = { .nc = &nettle_camellia256 },
	[CIPHER_AES_128_GCM]       = { .nc = &nettle_aes128, .encrypt = true, .gcm = true },
	[CIPHER_AES_256_GCM]       = { .nc = &nettle_aes256, .encrypt = true, .gcm = true },
	[CIPHER_CAMELLIA_128_GCM]  = { .nc = &nettle_camellia128, .encrypt = true, .gcm = true },
	[CIPHER_CAMELLIA_256_GCM]  = { .nc = &nettle_camellia256, .encrypt = true, .gcm = true },
	[CIPHER_AES_128_CCM]       = { .nc = &nettle_aes128, .encrypt = true },
	[CIPHER_AES_256_CCM]       = { .nc = &nettle_aes256, .encrypt = true },
	[CIPHER_AES_128_CCM_8]     = { .nc = &nettle_aes128, .encrypt = true },
	[CIPHER_AES_256_CCM_8]     = { .nc = &nettle_aes256, .encrypt = true },
	[CIPHER_CHACHA20_POLY1305] = { .aead = &nettle_chacha_poly1305 },
};

/* Keys the nettle cipher of c (see rcrypt_setups) in rc. */
static err_t cipher_setup(rcrypt_t *rc, cipher_t c, const uint8_t *key, size_t klen)
{
	const struct rcrypt_setup *t = (unsigned)c < CIPHER__COUNT ? &rcrypt_setups[c] : NULL;

	if (c == CIPHER_NULL)
		return ERR_OK;
	ENSURE(t && (t->nc || t->aead), ERR_UNSUPPORTED);
	if (t->aead) {
		ENSURE(klen == t->aead->key_size, ERR_BAD_LENGTH);
		ENSURE(t->aead->context_size <= sizeof rc->c, ERR_UNSUPPORTED);
		t->aead->set_decrypt_key(&rc->c, key);
		return ERR_OK;
	}
	ENSURE(klen == t->nc->key_size, ERR_BAD_LENGTH);
	ENSURE(t->nc->context_size <= sizeof rc->c, ERR_UNSUPPORTED);
	if (t->encrypt) {
		t->nc->set_encrypt_key(&rc->c, key);
		rc->block = t->nc->encrypt;
	} else {
		t->nc->set_decrypt_key(&rc->c, key);
		rc->block = t->nc->decrypt;
	}
	if (t->gcm)
		gcm_set_key(&rc->gcm, &rc->c, rc->block);
	return ERR_OK;
}

/* The hash behind a suite's record MAC; false for MACs without an
 * implementation here. */
static bool mac_hash(mac_t m, hash_alg_t *h)
{
	switch (m) {
	case MAC_NULL:   *h = HASH_NONE;   return true;
	case MAC_MD5:    *h = HASH_MD5;    return true;
	case MAC_SHA1:   *h = HASH_SHA1;   return true;
	case MAC_SHA256: *h = HASH_SHA256; return true;
	case MAC_SHA384: *h = HASH_SHA384; return true;
	default:         return false;
	}
}

static err_t make(uint16_t version, bool tls13, const suite_info_t *s, bool etm,
		  const keys_dir_t *k, rcrypt_t **out)
{
	const cipher_info_t *ci;
	rcrypt_t *rc;
	err_t e;

	*out = NULL;
	ENSURE(s && k, ERR_BAD_VALUE);
	ENSURE(!rcrypt_missing(s), ERR_UNSUPPORTED);
	ci = cipher_info(s->cipher);
	ENSURE(ci, ERR_UNSUPPORTED);
	rc = calloc(1, sizeof *rc);
	ENSURE(rc, ERR_NOMEM);
	rc->version = version;
	rc->tls13 = tls13;
	rc->cipher = s->cipher;
	rc->ci = ci;
	rc->etm = etm && ci->kind == CKIND_CBC;   /* rfc7366#section-3: CBC suites only */

	e = ERR_UNSUPPORTED;
	if (ci->kind != CKIND_AEAD && !mac_hash(s->mac, &rc->mac))
		goto fail;
	/* rfc6101#section-5.2.3.1: SSL 3.0 knows only the MD5 and SHA MACs, and
	 * has no encrypt_then_mac. */
	if (version == VER_SSL30 && (rc->mac == HASH_SHA256 || rc->mac == HASH_SHA384 || rc->etm))
		goto fail;
	rc->mac_len = hash_len(rc->mac);
	e = ERR_BAD_LENGTH;
	if (k->mac_len != rc->mac_len || k->key_len != ci->key_len)
		goto fail;
	memcpy(rc->mac_key, k->mac_key, rc->mac_len);
	if (ci->kind == CKIND_AEAD) {
		/* TLS 1.3 and ChaCha20 use a 12-byte IV; GCM/CCM in TLS 1.2 a 4-byte salt. */
		rc->iv_len = tls13 ? 12 : ci->fixed_iv_len;
		if (k->iv_len != rc->iv_len || rc->iv_len > sizeof rc->iv)
			goto fail;
		if (!tls13 && rc->iv_len + ci->record_iv_len != 12)
			goto fail;   /* every TLS 1.2 AEAD nonce is 12 bytes (RFC 5288, 6655, 7905) */
	} else if (ci->kind == CKIND_CBC) {
		rc->iv_len = ci->block_len;
		if (rc->iv_len == 0 || rc->iv_len > sizeof rc->iv)
			goto fail;
		/* Before TLS 1.1 the first IV is the key block's; from 1.1 on it is in
		 * each record and the key block's is not needed. */
		if (version < VER_TLS11 && k->iv_len != rc->iv_len)
			goto fail;
	}
	if (rc->iv_len && k->iv_len >= rc->iv_len)
		memcpy(rc->iv, k->iv, rc->iv_len);
	e = cipher_setup(rc, s->cipher, k->key, k->key_len);
	if (e != ERR_OK)
		goto fail;
	*out = rc;
	return ERR_OK;
fail:
	rcrypt_free(rc);
	return e;
}

err_t rcrypt_new(uint16_t version, const suite_info_t *s, bool etm, const keys_dir_t *k,
		 rcrypt_t **out)
{
	*out = NULL;
	ENSURE(version >= VER_SSL30 && version <= VER_TLS12, ERR_UNSUPPORTED);
	ENSURE(s && !s->tls13, ERR_UNSUPPORTED);
	return make(version, false, s, etm, k, out);
}

err_t rcrypt_new_tls13(const suite_info_t *s, const keys_dir_t *k, rcrypt_t **out)
{
	const cipher_info_t *ci = s ? cipher_info(s->cipher) : NULL;

	*out = NULL;
	ENSURE(ci && ci->kind == CKIND_AEAD, ERR_UNSUPPORTED);
	return make(VER_TLS13, true, s, false, k, out);
}

void rcrypt_free(rcrypt_t *rc)
{
	if (!rc)
		return;
	memset(rc, 0, sizeof *rc);   /* key material */
	free(rc);
}

uint64_t rcrypt_seq(const rcrypt_t *rc)
{
	return rc->seq;
}

void rcrypt_set_seq(rcrypt_t *rc, uint64_t seq)
{
	rc->seq = seq;
}

void rcrypt_put_u64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

bool rcrypt_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t d = 0;
	size_t i;

#ifdef TLSTRACE_FUZZ
	/* Fuzzing build only (tests/fuzz, `make fuzz`; never the program or
	 * the tests): every MAC and tag verifies, so mutated ciphertext
	 * reaches the parsers of decrypted messages. */
	return true;
#endif
	for (i = 0; i < n; i++)
		d |= (uint8_t)(a[i] ^ b[i]);
	return d == 0;
}

/* rfc5246#section-6.2.3.1:
 *   MAC(MAC_write_key, seq_num + TLSCompressed.type + TLSCompressed.version +
 *       TLSCompressed.length + TLSCompressed.fragment);
 * rfc6101#section-5.2.3.1 (SSL 3.0, no version, its own padding):
 *   hash(MAC_write_secret + pad_2 +
 *        hash(MAC_write_secret + pad_1 + seq_num + type + length + content));
 *   pad_1 = 0x36 and pad_2 = 0x5c "repeated 48 times for MD5 or 40 times for SHA". */
void rcrypt_mac(const rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
		const uint8_t *p, size_t len, uint8_t *mac)
{
	uint8_t hdr[13];

	rcrypt_put_u64(hdr, seq);
	hdr[8] = type;
	if (rc->version == VER_SSL30) {
		uint8_t pad1[48], pad2[48], inner[HASH_MAX_LEN];
		size_t padlen = rc->mac == HASH_MD5 ? 48 : 40;

		memset(pad1, 0x36, sizeof pad1);
		memset(pad2, 0x5c, sizeof pad2);
		hdr[9] = (uint8_t)(len >> 8);
		hdr[10] = (uint8_t)len;
		{
			slice_t in[4] = {
				slice_make(rc->mac_key, rc->mac_len), slice_make(pad1, padlen),
				slice_make(hdr, 11), slice_make(p, len)
			};
			hash_digestv(rc->mac, in, 4, inner);
		}
		{
			slice_t out[3] = {
				slice_make(rc->mac_key, rc->mac_len), slice_make(pad2, padlen),
				slice_make(inner, rc->mac_len)
			};
			hash_digestv(rc->mac, out, 3, mac);
		}
		return;
	}
	hdr[9] = (uint8_t)(version >> 8);
	hdr[10] = (uint8_t)version;
	hdr[11] = (uint8_t)(len >> 8);
	hdr[12] = (uint8_t)len;
	{
		slice_t in[2] = { slice_make(hdr, 13), slice_make(p, len) };
		hash_hmac_v(rc->mac, rc->mac_key, rc->mac_len, in, 2, mac);
	}
}

err_t rcrypt_decrypt(rcrypt_t *rc, uint8_t type, uint16_t version, const uint8_t *in, size_t n,
		     buf_t *out, uint8_t *inner_type)
{
	uint64_t seq;
	err_t e;

	ENSURE(rc && out && inner_type && (in || n == 0), ERR_BAD_VALUE);
	seq = rc->seq++;   /* advances pass or fail, as the sender's did */
	out->len = 0;
	TRY(buf_reserve(out, n ? n : 1));
	*inner_type = type;
	if (rc->tls13)
		return rcrypt_open_tls13(rc, seq, type, version, in, n, out, inner_type);
	switch (rc->ci->kind) {
	case CKIND_CBC:
		e = rcrypt_open_cbc(rc, seq, type, version, in, n, out);
		break;
	case CKIND_AEAD:
		e = rcrypt_open_aead12(rc, seq, type, version, in, n, out);
		break;
	case CKIND_NULL:
	case CKIND_STREAM:
		e = rcrypt_open_stream(rc, seq, type, version, in, n, out);
		break;
	default:
		e = ERR_UNSUPPORTED;
		break;
	}
	if (e != ERR_OK)
		out->len = 0;
	return e;
}
