/* rcrypt_int.h - what rcrypt.c, rcrypt_cbc.c and rcrypt_aead.c share: the
 * state behind rcrypt_t.  Private to src/crypto/rcrypt*.c; nothing else
 * includes it. */
#ifndef TLSTRACE_RCRYPT_INT_H
#define TLSTRACE_RCRYPT_INT_H

#include <nettle/aes.h>
#include <nettle/arcfour.h>
#include <nettle/arctwo.h>
#include <nettle/camellia.h>
#include <nettle/chacha-poly1305.h>
#include <nettle/des.h>
#include <nettle/gcm.h>
#include <nettle/nettle-types.h>
#include "rcrypt.h"

struct rcrypt {
	uint16_t version;              /* as negotiated; VER_TLS13 for rcrypt_new_tls13 */
	bool tls13;
	bool etm;                      /* RFC 7366, CBC only */
	cipher_t cipher;
	const cipher_info_t *ci;       /* borrowed: the registry's static table */
	hash_alg_t mac;                /* HMAC (or SSL 3.0 MAC) hash; HASH_NONE: no MAC */
	size_t mac_len;
	uint8_t mac_key[64];
	uint8_t iv[16];                /* CBC before TLS 1.1: the next record's IV (chained);
	                                  AEAD: the fixed salt or the whole nonce IV */
	size_t iv_len;
	uint64_t seq;                  /* the next record's sequence number */
	nettle_cipher_func *block;     /* CBC: block decryption; GCM, CCM: block encryption */
	union {
		struct aes128_ctx aes128;
		struct aes256_ctx aes256;
		struct camellia128_ctx cam128;
		struct camellia256_ctx cam256;
		struct des_ctx des;
		struct des3_ctx des3;
		struct arctwo_ctx rc2;
		struct arcfour_ctx rc4;
		struct chacha_poly1305_ctx chacha;
	} c;
	struct gcm_key gcm;            /* GCM: the hash key H from the block cipher */
};

/* The record MAC (rfc5246#section-6.2.3.1, rfc6101#section-5.2.3.1) of
 * `len` bytes of content, or for encrypt-then-MAC of IV + ciphertext. */
void rcrypt_mac(const rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
		const uint8_t *p, size_t len, uint8_t *mac);
/* Compares n bytes without an early exit. */
bool rcrypt_equal(const uint8_t *a, const uint8_t *b, size_t n);
void rcrypt_put_u64(uint8_t *p, uint64_t v);

/* One record of each family; `out` already has room for n bytes and its
 * length is set on success. */
err_t rcrypt_open_cbc(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
		      const uint8_t *in, size_t n, buf_t *out) WUR;
err_t rcrypt_open_stream(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
			 const uint8_t *in, size_t n, buf_t *out) WUR;
err_t rcrypt_open_aead12(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
			 const uint8_t *in, size_t n, buf_t *out) WUR;
err_t rcrypt_open_tls13(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
			const uint8_t *in, size_t n, buf_t *out, uint8_t *inner_type) WUR;

#endif
