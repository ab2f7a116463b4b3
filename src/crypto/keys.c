/* keys.c - cutting the key block (TLS <= 1.2) or a traffic secret (TLS 1.3)
 * into each direction's MAC key, write key and IV.  Knows the suite's
 * sizes through the registry; knows nothing of records or ciphers. */
#include <string.h>
#include "hkdf.h"
#include "keys.h"
#include "prf.h"

hash_alg_t keys_prf_hash(uint16_t version, const suite_info_t *s)
{
	switch (version) {
	case VER_SSL30:
	case VER_TLS10:
	case VER_TLS11:
		return HASH_MD5_SHA1;
	case VER_TLS12:
	case VER_TLS13:
		if (!s)
			return HASH_NONE;
		switch (s->prf) {
		case PRF_SHA256: return HASH_SHA256;
		case PRF_SHA384: return HASH_SHA384;
		case PRF_SHA512: return HASH_SHA512;
		default:         return HASH_NONE;   /* SM3, GOST: no implementation here */
		}
	default:
		return HASH_NONE;
	}
}

/* The HMAC sizes this module can cut; GOST and SM3 MACs are unknown here. */
static bool mac_size(mac_t m, cipher_kind_t kind, size_t *len)
{
	if (kind == CKIND_AEAD) {
		*len = 0;
		return true;
	}
	switch (m) {
	case MAC_NULL: case MAC_MD5: case MAC_SHA1: case MAC_SHA256: case MAC_SHA384:
		*len = reg_mac_len(m);
		return true;
	default:
		return false;
	}
}

/* rfc2246#section-6.3: "Exportable encryption algorithms (for which
 * CipherSpec.is_exportable is true) require additional processing" - the
 * 40-bit ciphers, and the 56-bit EXPORT1024 suites of
 * draft-ietf-tls-56-bit-ciphersuites which reuse the same derivation. */
static bool suite_is_export(const suite_info_t *s, const cipher_info_t *ci)
{
	return ci->exportable || (s->name && strstr(s->name, "_EXPORT"));
}

/* The bytes of write key the key block holds for an export suite (the
 * "Key Material" column of RFC 2246 appendix C, carried by the registry).
 * An EXPORT1024 suite over plain DES (draft-ietf-tls-56-bit-ciphersuites)
 * keeps all 8 bytes and still goes through the export expansion. */
static size_t export_material(const cipher_info_t *ci)
{
	if (ci->exportable && ci->export_key_material)
		return ci->export_key_material;
	return ci->key_len < 8 ? ci->key_len : 8;
}

/* rfc6101#section-6.2.2 (export, SSL 3.0):
 *   final_client_write_key = MD5(client_write_key + ClientHello.random + ServerHello.random);
 *   final_server_write_key = MD5(server_write_key + ServerHello.random + ClientHello.random);
 *   client_write_IV = MD5(ClientHello.random + ServerHello.random);
 *   server_write_IV = MD5(ServerHello.random + ClientHello.random);
 * rfc2246#section-6.3 (export, TLS 1.0):
 *   final_client_write_key = PRF(client_write_key, "client write key", cr + sr);
 *   final_server_write_key = PRF(server_write_key, "server write key", cr + sr);
 *   iv_block = PRF("", "IV block", cr + sr): client_write_IV then server_write_IV.
 * TLS 1.1 and 1.2 forbid export suites (rfc4346#section-1.1), yet OpenSSL
 * before 1.0.2 negotiated them there; it, and Wireshark, expand the keys
 * the same way with the version's PRF (TLS 1.2: P_SHA256).  Each record
 * carries its own IV from TLS 1.1 on, so no IV block is made there. */
static err_t export_expand(uint16_t version, hash_alg_t h, const cipher_info_t *ci, const uint8_t cr[32],
			   const uint8_t sr[32], keys_t *k)
{
	uint8_t crsr[64], srcr[64], md5[16], ivb[32];
	size_t klen = ci->key_len, ivlen = version <= VER_TLS10 ? ci->fixed_iv_len : 0;

	ENSURE(klen <= sizeof k->client.key && ivlen <= sizeof k->client.iv, ERR_UNSUPPORTED);
	ENSURE(k->client.key_len <= sizeof k->client_export, ERR_UNSUPPORTED);
	memcpy(k->client_export, k->client.key, k->client.key_len);
	memcpy(k->server_export, k->server.key, k->server.key_len);
	k->export_len = k->client.key_len;
	memcpy(crsr, cr, 32);
	memcpy(crsr + 32, sr, 32);
	memcpy(srcr, sr, 32);
	memcpy(srcr + 32, cr, 32);
	if (version == VER_SSL30) {
		slice_t c[2] = { slice_make(k->client_export, k->export_len), slice_make(crsr, 64) };
		slice_t s[2] = { slice_make(k->server_export, k->export_len), slice_make(srcr, 64) };

		ENSURE(klen <= 16 && ivlen <= 16, ERR_UNSUPPORTED);
		hash_digestv(HASH_MD5, c, 2, md5);
		memcpy(k->client.key, md5, klen);
		hash_digestv(HASH_MD5, s, 2, md5);
		memcpy(k->server.key, md5, klen);
		hash_digest(HASH_MD5, crsr, 64, md5);
		memcpy(k->client.iv, md5, ivlen);
		hash_digest(HASH_MD5, srcr, 64, md5);
		memcpy(k->server.iv, md5, ivlen);
	} else {
		TRY(prf_for_version(version, h, k->client_export, k->export_len, "client write key", crsr, 64,
				    k->client.key, klen));
		TRY(prf_for_version(version, h, k->server_export, k->export_len, "server write key", crsr, 64,
				    k->server.key, klen));
		if (ivlen) {
			TRY(prf_for_version(version, h, crsr, 0, "IV block", crsr, 64, ivb, 2 * ivlen));
			memcpy(k->client.iv, ivb, ivlen);
			memcpy(k->server.iv, ivb + ivlen, ivlen);
		}
	}
	k->client.key_len = k->server.key_len = (uint8_t)klen;
	k->client.iv_len = k->server.iv_len = (uint8_t)ivlen;
	k->export_ivs = ivlen > 0;
	return ERR_OK;
}

/* Copies n bytes of the key block into dst and moves on. */
static void take(const uint8_t **p, uint8_t *dst, uint8_t *dstlen, size_t n)
{
	memcpy(dst, *p, n);
	*dstlen = (uint8_t)n;
	*p += n;
}

/* rfc5246#section-6.3: the key block is partitioned as
 *   client_write_MAC_key[SecurityParameters.mac_key_length]
 *   server_write_MAC_key[SecurityParameters.mac_key_length]
 *   client_write_key[SecurityParameters.enc_key_length]
 *   server_write_key[SecurityParameters.enc_key_length]
 *   client_write_IV[SecurityParameters.fixed_iv_length]
 *   server_write_IV[SecurityParameters.fixed_iv_length]
 * fixed_iv_length is 0 for CBC from TLS 1.1 on: each record carries its own
 * IV (rfc4346#section-6.2.3.2), so the key block of
 * TLS_RSA_WITH_AES_128_CBC_SHA256 is 2 * (32 + 16) = 96 bytes.  Only TLS 1.0
 * (and SSL 3.0) cut a CBC IV from it, for the first record; AEAD suites
 * cut their implicit nonce salt (rfc5288#section-3). */
err_t keys_from_master_traced(uint16_t version, const suite_info_t *s, const uint8_t master[48],
		       const uint8_t client_random[32], const uint8_t server_random[32],
		       keys_t *out, prf_trace_t *trace)
{
	const cipher_info_t *ci;
	const uint8_t *p;
	size_t maclen, klen, ivlen, total;
	bool exp;
	hash_alg_t h;

	memset(out, 0, sizeof *out);
	ENSURE(s && !s->tls13, ERR_UNSUPPORTED);
	ENSURE(version >= VER_SSL30 && version <= VER_TLS12, ERR_UNSUPPORTED);
	ci = cipher_info(s->cipher);
	ENSURE(ci, ERR_UNSUPPORTED);
	ENSURE(mac_size(s->mac, ci->kind, &maclen), ERR_UNSUPPORTED);
	h = keys_prf_hash(version, s);
	ENSURE(h != HASH_NONE, ERR_UNSUPPORTED);
	exp = suite_is_export(s, ci);
	klen = exp ? export_material(ci) : ci->key_len;
	/* export IVs come from the randoms alone; CBC from TLS 1.1 on has none */
	ivlen = exp || (ci->kind == CKIND_CBC && version >= VER_TLS11) ? 0 : ci->fixed_iv_len;
	ENSURE(maclen <= sizeof out->client.mac_key && klen <= sizeof out->client.key
	       && ivlen <= sizeof out->client.iv, ERR_UNSUPPORTED);
	total = 2 * (maclen + klen + ivlen);
	ENSURE(total <= sizeof out->block, ERR_UNSUPPORTED);
	TRY(prf_key_block_traced(version, h, master, client_random, server_random, out->block, total,
				 trace));
	out->block_len = total;

	p = out->block;
	take(&p, out->client.mac_key, &out->client.mac_len, maclen);
	take(&p, out->server.mac_key, &out->server.mac_len, maclen);
	take(&p, out->client.key, &out->client.key_len, klen);
	take(&p, out->server.key, &out->server.key_len, klen);
	take(&p, out->client.iv, &out->client.iv_len, ivlen);
	take(&p, out->server.iv, &out->server.iv_len, ivlen);
	if (exp)
		TRY(export_expand(version, h, ci, client_random, server_random, out));
	return ERR_OK;
}

err_t keys_from_master(uint16_t version, const suite_info_t *s, const uint8_t master[48],
		       const uint8_t client_random[32], const uint8_t server_random[32],
		       keys_t *out)
{
	return keys_from_master_traced(version, s, master, client_random, server_random, out, NULL);
}

/* rfc8446#section-7.3:
 *   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *   [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 * rfc8446#section-5.3: iv_length = max(8 bytes, N_MIN) = 12 for every
 * TLS 1.3 AEAD. */
err_t keys_from_traffic_secret(const suite_info_t *s, const uint8_t *secret, size_t slen,
			       keys_dir_t *out)
{
	const cipher_info_t *ci;
	hash_alg_t h;

	memset(out, 0, sizeof *out);
	ENSURE(s, ERR_UNSUPPORTED);
	ci = cipher_info(s->cipher);
	ENSURE(ci && ci->kind == CKIND_AEAD, ERR_UNSUPPORTED);
	ENSURE(ci->key_len <= sizeof out->key, ERR_UNSUPPORTED);
	h = keys_prf_hash(VER_TLS13, s);
	ENSURE(h != HASH_NONE, ERR_UNSUPPORTED);
	ENSURE(secret && slen > 0, ERR_NO_KEYS);
	TRY(hkdf_expand_label(h, secret, slen, "key", NULL, 0, out->key, ci->key_len));
	TRY(hkdf_expand_label(h, secret, slen, "iv", NULL, 0, out->iv, 12));
	out->key_len = ci->key_len;
	out->iv_len = 12;
	return ERR_OK;
}

/* rfc8446#section-7.2:
 *   application_traffic_secret_N+1 =
 *       HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length) */
err_t keys_next_traffic_secret(const suite_info_t *s, const uint8_t *secret, size_t slen, uint8_t *out)
{
	hash_alg_t h;

	ENSURE(s && secret && slen > 0, ERR_NO_KEYS);
	h = keys_prf_hash(VER_TLS13, s);
	ENSURE(h != HASH_NONE && hash_len(h) == slen, ERR_BAD_LENGTH);
	return hkdf_expand_label(h, secret, slen, "traffic upd", NULL, 0, out, slen);
}
