/* prf.h - the pseudo-random functions of SSL 3.0 and TLS 1.0-1.2, and what
 * they derive: master secret (classic and RFC 7627 extended), key block.
 * Pure computation: no I/O, no allocation. */
#ifndef TLSTRACE_PRF_H
#define TLSTRACE_PRF_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "hash.h"

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

/* key_block = PRF(master, "key expansion", server_random + client_random) (RFC 5246 6.3). */
err_t prf_key_block(uint16_t version, hash_alg_t h, const uint8_t master[48],
		    const uint8_t client_random[32], const uint8_t server_random[32],
		    uint8_t *out, size_t outlen) WUR;

#endif
