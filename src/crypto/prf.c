/* prf.c - the PRFs of SSL 3.0 and TLS 1.0-1.2 and the two secrets they
 * derive in every handshake: the master secret and the key block.
 * Pure computation over hash.c: no I/O, no allocation. */
#include <stdbool.h>
#include <string.h>
#include "tls/registry.h"
#include "prf.h"

/* rfc5246#section-5: P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) +
 * HMAC_hash(secret, A(2) + seed) + ..., A(0) = seed, A(i) = HMAC_hash(secret,
 * A(i-1)).  Here seed = label + seed.  With xor, the output is XORed into
 * out (the second half of the TLS 1.0 PRF) instead of written. */
static void p_hash(hash_alg_t h, const uint8_t *secret, size_t slen, const char *label,
		   const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen, bool xor,
		   prf_trace_t *trace)
{
	uint8_t a[HASH_MAX_LEN], block[HASH_MAX_LEN];
	size_t hl = hash_len(h), i, take;
	slice_t ls = slice_make(label, label ? strlen(label) : 0);
	slice_t ss = slice_make(seed, seedlen);
	slice_t parts[3];

	parts[0] = ls;
	parts[1] = ss;
	hash_hmac_v(h, secret, slen, parts, 2, a);                 /* A(1) */
	while (outlen > 0) {
		parts[0] = slice_make(a, hl);
		parts[1] = ls;
		parts[2] = ss;
		hash_hmac_v(h, secret, slen, parts, 3, block);
		if (trace && trace->nblocks < PRF_TRACE_MAX) {
			memcpy(trace->a[trace->nblocks], a, hl);
			memcpy(trace->block[trace->nblocks], block, hl);
			trace->nblocks++;
		}
		take = outlen < hl ? outlen : hl;
		for (i = 0; i < take; i++)
			out[i] = xor ? (uint8_t)(out[i] ^ block[i]) : block[i];
		out += take;
		outlen -= take;
		parts[0] = slice_make(a, hl);
		hash_hmac_v(h, secret, slen, parts, 1, a);         /* A(i+1) */
	}
}

/* rfc2246#section-5: "L_S = length in bytes of secret; L_S1 = L_S2 =
 * ceil(L_S / 2); ... if the original secret is an odd number of bytes
 * long, the last byte of S1 will be the same as the first byte of S2."
 * PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed). */
err_t prf_tls10(const uint8_t *secret, size_t slen, const char *label,
		const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen)
{
	size_t half = (slen + 1) / 2;

	ENSURE(secret || slen == 0, ERR_BAD_VALUE);
	ENSURE(out || outlen == 0, ERR_BAD_VALUE);
	p_hash(HASH_MD5, secret, half, label, seed, seedlen, out, outlen, false, NULL);
	p_hash(HASH_SHA1, secret ? secret + (slen - half) : NULL, half, label, seed, seedlen,
	       out, outlen, true, NULL);
	return ERR_OK;
}

/* rfc5246#section-5: PRF(secret, label, seed) = P_<hash>(secret, label + seed),
 * SHA-256 unless the suite names another (SHA-384 for the *_SHA384 suites). */
err_t prf_tls12(hash_alg_t h, const uint8_t *secret, size_t slen, const char *label,
		const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen)
{
	ENSURE(h != HASH_NONE && h != HASH_MD5_SHA1 && hash_len(h) > 0, ERR_UNSUPPORTED);
	ENSURE(secret || slen == 0, ERR_BAD_VALUE);
	ENSURE(out || outlen == 0, ERR_BAD_VALUE);
	p_hash(h, secret, slen, label, seed, seedlen, out, outlen, false, NULL);
	return ERR_OK;
}

/* The same PRF, recording its intermediates in *trace (see prf.h).  Only
 * TLS 1.2 has one P_hash whose A(i) and blocks make the output; before it
 * the output is P_MD5 XOR P_SHA-1 and the trace keeps the label and seed
 * alone (alg HASH_NONE, no blocks). */
err_t prf_traced(uint16_t version, hash_alg_t h, const uint8_t *secret, size_t slen,
			const char *label, const uint8_t *seed, size_t seedlen,
			uint8_t *out, size_t outlen, prf_trace_t *trace)
{
	if (!trace)
		return prf_for_version(version, h, secret, slen, label, seed, seedlen, out, outlen);
	memset(trace, 0, sizeof *trace);
	trace->label = version == VER_SSL30 ? NULL : label;
	trace->seed_len = seedlen < sizeof trace->seed ? seedlen : sizeof trace->seed;
	memcpy(trace->seed, seed, trace->seed_len);
	if (version != VER_TLS12)
		return prf_for_version(version, h, secret, slen, label, seed, seedlen, out, outlen);
	ENSURE(h != HASH_NONE && h != HASH_MD5_SHA1 && hash_len(h) > 0, ERR_UNSUPPORTED);
	ENSURE(secret || slen == 0, ERR_BAD_VALUE);
	ENSURE(out || outlen == 0, ERR_BAD_VALUE);
	trace->alg = h;
	trace->hash_len = hash_len(h);
	p_hash(h, secret, slen, label, seed, seedlen, out, outlen, false, trace);
	return ERR_OK;
}

/* rfc6101#section-6.2.2 (master) and 6.2.2 key_block:
 *   MD5(secret + SHA('A' + secret + seed)) +
 *   MD5(secret + SHA('BB' + secret + seed)) +
 *   MD5(secret + SHA('CCC' + secret + seed)) + ...
 * The letters run out at 'Z': at most 26 blocks of 16 bytes. */
err_t prf_ssl3(const uint8_t *secret, size_t slen, const uint8_t *seed, size_t seedlen,
	       uint8_t *out, size_t outlen)
{
	uint8_t letters[26], sha[20], md5[16];
	size_t i, take;

	ENSURE(outlen <= 26 * 16, ERR_BAD_LENGTH);
	ENSURE(secret || slen == 0, ERR_BAD_VALUE);
	ENSURE(out || outlen == 0, ERR_BAD_VALUE);
	for (i = 0; outlen > 0; i++) {
		slice_t inner[3], outer[2];

		memset(letters, 'A' + (int)i, i + 1);
		inner[0] = slice_make(letters, i + 1);
		inner[1] = slice_make(secret, slen);
		inner[2] = slice_make(seed, seedlen);
		hash_digestv(HASH_SHA1, inner, 3, sha);
		outer[0] = slice_make(secret, slen);
		outer[1] = slice_make(sha, sizeof sha);
		hash_digestv(HASH_MD5, outer, 2, md5);
		take = outlen < sizeof md5 ? outlen : sizeof md5;
		memcpy(out, md5, take);
		out += take;
		outlen -= take;
	}
	return ERR_OK;
}

err_t prf_for_version(uint16_t version, hash_alg_t h, const uint8_t *secret, size_t slen,
		      const char *label, const uint8_t *seed, size_t seedlen,
		      uint8_t *out, size_t outlen)
{
	switch (version) {
	case VER_SSL30:
		return prf_ssl3(secret, slen, seed, seedlen, out, outlen);
	case VER_TLS10:
	case VER_TLS11:
		return prf_tls10(secret, slen, label, seed, seedlen, out, outlen);
	case VER_TLS12:
		return prf_tls12(h, secret, slen, label, seed, seedlen, out, outlen);
	default:
		return ERR_UNSUPPORTED;   /* TLS 1.3 has HKDF instead; others are unknown */
	}
}

/* rfc5246#section-8.1: master_secret = PRF(pre_master_secret, "master secret",
 *   ClientHello.random + ServerHello.random)[0..47];
 * rfc7627#section-4: master_secret = PRF(pre_master_secret, "extended master
 *   secret", session_hash)[0..47], session_hash = Hash(handshake_messages)
 *   with "the hash function used by the PRF": MD5||SHA-1 (36 bytes) before
 *   TLS 1.2.  RFC 7627 does not apply to SSL 3.0. */
err_t prf_master_secret(uint16_t version, hash_alg_t h, const uint8_t *pms, size_t pmslen,
			const uint8_t client_random[32], const uint8_t server_random[32],
			const uint8_t *session_hash, size_t shlen, uint8_t out[48])
{
	return prf_master_traced(version, h, pms, pmslen, client_random, server_random, session_hash, shlen,
				 out, NULL);
}

err_t prf_master_traced(uint16_t version, hash_alg_t h, const uint8_t *pms, size_t pmslen,
			const uint8_t client_random[32], const uint8_t server_random[32],
			const uint8_t *session_hash, size_t shlen, uint8_t out[48], prf_trace_t *trace)
{
	uint8_t seed[64];

	if (session_hash) {
		size_t want;

		ENSURE(version >= VER_TLS10 && version <= VER_TLS12, ERR_UNSUPPORTED);
		want = version == VER_TLS12 ? hash_len(h) : hash_len(HASH_MD5_SHA1);
		ENSURE(version != VER_TLS12 || (h != HASH_MD5_SHA1 && want > 0), ERR_UNSUPPORTED);
		ENSURE(shlen == want, ERR_BAD_LENGTH);
		return prf_traced(version, h, pms, pmslen, "extended master secret",
				  session_hash, shlen, out, 48, trace);
	}
	memcpy(seed, client_random, 32);
	memcpy(seed + 32, server_random, 32);
	return prf_traced(version, h, pms, pmslen, "master secret", seed, sizeof seed, out, 48, trace);
}

/* rfc5246#section-6.3 (and rfc6101#section-6.2.2, same seed order):
 * key_block = PRF(master_secret, "key expansion", server_random + client_random). */
err_t prf_key_block(uint16_t version, hash_alg_t h, const uint8_t master[48],
		    const uint8_t client_random[32], const uint8_t server_random[32],
		    uint8_t *out, size_t outlen)
{
	return prf_key_block_traced(version, h, master, client_random, server_random, out, outlen, NULL);
}

err_t prf_key_block_traced(uint16_t version, hash_alg_t h, const uint8_t master[48],
			   const uint8_t client_random[32], const uint8_t server_random[32],
			   uint8_t *out, size_t outlen, prf_trace_t *trace)
{
	uint8_t seed[64];

	memcpy(seed, server_random, 32);
	memcpy(seed + 32, client_random, 32);
	return prf_traced(version, h, master, 48, "key expansion", seed, sizeof seed, out, outlen, trace);
}
