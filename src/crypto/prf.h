/* prf.h - the pseudo-random functions of SSL 3.0 and TLS 1.0-1.2, and what
 * they derive: master secret (classic and RFC 7627 extended), key block.
 * Pure computation: no I/O, no allocation. */
#ifndef TLSTRACE_PRF_H
#define TLSTRACE_PRF_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "hash.h"

/* What one PRF call computed on the way (RFC 5246 5): the label and seed
 * it was given and, for TLS 1.2's P_hash, A(1)..A(n) and the output blocks
 * HMAC(secret, A(i) + label + seed), whose concatenation (cut to length) is
 * the output.  Before TLS 1.2 (P_MD5 XOR P_SHA-1, or SSL 3.0) alg is
 * HASH_NONE and nblocks 0.  Plain data. */
#define PRF_TRACE_MAX 8      /* 256 key block bytes / SHA-256's 32 */
typedef struct {
	hash_alg_t alg;          /* P_hash's hash, HASH_NONE when not one P_hash */
	const char *label;       /* static; NULL for SSL 3.0 (no label) */
	uint8_t seed[HASH_MAX_LEN + 64];
	size_t seed_len;
	size_t hash_len, nblocks;
	uint8_t a[PRF_TRACE_MAX][HASH_MAX_LEN];       /* a[i] = A(i+1) */
	uint8_t block[PRF_TRACE_MAX][HASH_MAX_LEN];   /* block[i] = HMAC(secret, A(i+1) + label + seed) */
} prf_trace_t;

/* RFC 2246 5: PRF(secret, label, seed) = P_MD5(S1, label+seed) XOR P_SHA-1(S2, label+seed). */
err_t prf_tls10(const uint8_t *secret, size_t slen, const char *label,
		const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen) WUR;
/* RFC 5246 5: P_hash(secret, label + seed) with the suite's hash (SHA-256 or SHA-384). */
err_t prf_tls12(hash_alg_t h, const uint8_t *secret, size_t slen, const char *label,
		const uint8_t *seed, size_t seedlen, uint8_t *out, size_t outlen) WUR;
/* SSL 3.0 (RFC 6101 6.2.2): MD5(secret + SHA1("A"/"BB"/... + secret + seed)) blocks. */
err_t prf_ssl3(const uint8_t *secret, size_t slen, const uint8_t *seed, size_t seedlen,
	       uint8_t *out, size_t outlen) WUR;

/* Dispatch by version: SSL 3.0 -> prf_ssl3 (label ignored), TLS 1.0/1.1 ->
 * prf_tls10, TLS 1.2 -> prf_tls12 with h. */
err_t prf_for_version(uint16_t version, hash_alg_t h, const uint8_t *secret, size_t slen,
		      const char *label, const uint8_t *seed, size_t seedlen,
		      uint8_t *out, size_t outlen) WUR;

/* master_secret = PRF(pms, "master secret", client_random + server_random)[0..47]
 * or, when session_hash != NULL (RFC 7627 4),
 * PRF(pms, "extended master secret", session_hash)[0..47]. */
err_t prf_master_secret(uint16_t version, hash_alg_t h, const uint8_t *pms, size_t pmslen,
			const uint8_t client_random[32], const uint8_t server_random[32],
			const uint8_t *session_hash, size_t shlen, uint8_t out[48]) WUR;

/* prf_for_version, its intermediates in *trace (NULL: not kept). */
err_t prf_traced(uint16_t version, hash_alg_t h, const uint8_t *secret, size_t slen,
		 const char *label, const uint8_t *seed, size_t seedlen,
		 uint8_t *out, size_t outlen, prf_trace_t *trace) WUR;

/* prf_master_secret, its intermediates in *trace (NULL: not kept). */
err_t prf_master_traced(uint16_t version, hash_alg_t h, const uint8_t *pms, size_t pmslen,
			const uint8_t client_random[32], const uint8_t server_random[32],
			const uint8_t *session_hash, size_t shlen, uint8_t out[48], prf_trace_t *trace) WUR;

/* key_block = PRF(master, "key expansion", server_random + client_random) (RFC 5246 6.3). */
err_t prf_key_block(uint16_t version, hash_alg_t h, const uint8_t master[48],
		    const uint8_t client_random[32], const uint8_t server_random[32],
		    uint8_t *out, size_t outlen) WUR;
err_t prf_key_block_traced(uint16_t version, hash_alg_t h, const uint8_t master[48],
			   const uint8_t client_random[32], const uint8_t server_random[32],
			   uint8_t *out, size_t outlen, prf_trace_t *trace) WUR;

#endif
