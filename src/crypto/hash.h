/* hash.h - the hashes and HMACs TLS needs, over nettle.
 * HASH_MD5_SHA1 is the TLS 1.0/1.1 (and SSL 3.0) pairing: MD5 || SHA-1, 36 bytes. */
#ifndef TLSTRACE_HASH_H
#define TLSTRACE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include "base/bytes.h"

typedef enum { HASH_NONE, HASH_MD5, HASH_SHA1, HASH_SHA224, HASH_SHA256, HASH_SHA384, HASH_SHA512, HASH_MD5_SHA1, HASH__COUNT } hash_alg_t;

#define HASH_MAX_LEN 64

size_t hash_len(hash_alg_t h);
const char *hash_name(hash_alg_t h);        /* "SHA-256", "MD5+SHA-1", ... */
/* Digest of the concatenation of n pieces. */
void hash_digestv(hash_alg_t h, const slice_t *parts, size_t n, uint8_t *out);
void hash_digest(hash_alg_t h, const uint8_t *p, size_t n, uint8_t *out);
/* HMAC over the concatenation of n pieces (HASH_MD5_SHA1 not allowed). */
void hash_hmac_v(hash_alg_t h, const uint8_t *key, size_t keylen, const slice_t *parts, size_t n, uint8_t *out);

/* A running hash, for input that arrives piece by piece (a transcript).
 * Plain data: copy the struct to take an intermediate digest and go on. */
typedef struct {
	hash_alg_t alg;
	union {
		struct md5_ctx md5;
		struct sha1_ctx sha1;
		struct sha256_ctx sha256;   /* also SHA-224 */
		struct sha512_ctx sha512;   /* also SHA-384 */
	} u;
	struct sha1_ctx sha1_half;      /* HASH_MD5_SHA1: the SHA-1 half (u.md5 is the other) */
} hash_ctx_t;

void hash_init(hash_ctx_t *c, hash_alg_t h);
void hash_update(hash_ctx_t *c, const uint8_t *p, size_t n);
/* Writes hash_len(c->alg) bytes and leaves c reset to the empty input. */
void hash_final(hash_ctx_t *c, uint8_t *out);

#endif
