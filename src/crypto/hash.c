/* hash.c - MD5, SHA-1, SHA-2 and their HMACs over nettle, plus the
 * MD5||SHA-1 pairing of SSL 3.0 and TLS 1.0/1.1.  Pure computation: no
 * I/O, no allocation, nothing here can fail once the algorithm is known. */
#include <string.h>
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include "hash.h"

static const struct {
	const char *name;
	size_t len;
	const struct nettle_hash *nh;   /* NULL: none, or the MD5+SHA-1 pair */
} hashes[HASH__COUNT] = {
	[HASH_NONE]     = { "none",      0,  NULL },
	[HASH_MD5]      = { "MD5",       16, &nettle_md5 },
	[HASH_SHA1]     = { "SHA-1",     20, &nettle_sha1 },
	[HASH_SHA224]   = { "SHA-224",   28, &nettle_sha224 },
	[HASH_SHA256]   = { "SHA-256",   32, &nettle_sha256 },
	[HASH_SHA384]   = { "SHA-384",   48, &nettle_sha384 },
	[HASH_SHA512]   = { "SHA-512",   64, &nettle_sha512 },
	[HASH_MD5_SHA1] = { "MD5+SHA-1", 36, NULL },
};

size_t hash_len(hash_alg_t h)
{
	return (unsigned)h < HASH__COUNT ? hashes[h].len : 0;
}

const char *hash_name(hash_alg_t h)
{
	return (unsigned)h < HASH__COUNT ? hashes[h].name : "unknown";
}

static const struct nettle_hash *nettle_of(hash_alg_t h)
{
	return (unsigned)h < HASH__COUNT ? hashes[h].nh : NULL;
}

void hash_init(hash_ctx_t *c, hash_alg_t h)
{
	const struct nettle_hash *nh = nettle_of(h);

	memset(c, 0, sizeof *c);
	c->alg = (unsigned)h < HASH__COUNT ? h : HASH_NONE;
	if (nh) {
		nh->init(&c->u);
	} else if (c->alg == HASH_MD5_SHA1) {
		md5_init(&c->u.md5);
		sha1_init(&c->sha1_half);
	}
}

void hash_update(hash_ctx_t *c, const uint8_t *p, size_t n)
{
	const struct nettle_hash *nh = nettle_of(c->alg);

	if (n == 0)
		return;
	if (nh) {
		nh->update(&c->u, n, p);
	} else if (c->alg == HASH_MD5_SHA1) {
		md5_update(&c->u.md5, n, p);
		sha1_update(&c->sha1_half, n, p);
	}
}

void hash_final(hash_ctx_t *c, uint8_t *out)
{
	const struct nettle_hash *nh = nettle_of(c->alg);

	if (nh) {
		nh->digest(&c->u, nh->digest_size, out);
	} else if (c->alg == HASH_MD5_SHA1) {
		md5_digest(&c->u.md5, MD5_DIGEST_SIZE, out);
		sha1_digest(&c->sha1_half, SHA1_DIGEST_SIZE, out + MD5_DIGEST_SIZE);
	}
}

void hash_digestv(hash_alg_t h, const slice_t *parts, size_t n, uint8_t *out)
{
	hash_ctx_t c;
	size_t i;

	hash_init(&c, h);
	for (i = 0; i < n; i++)
		hash_update(&c, parts[i].ptr, parts[i].len);
	hash_final(&c, out);
}

void hash_digest(hash_alg_t h, const uint8_t *p, size_t n, uint8_t *out)
{
	slice_t s = slice_make(p, n);

	hash_digestv(h, &s, 1, out);
}

/* nettle's generic HMAC wants three hash states of the hash's own type. */
typedef union {
	struct md5_ctx md5;
	struct sha1_ctx sha1;
	struct sha256_ctx sha256;
	struct sha512_ctx sha512;
} any_hash_state;

void hash_hmac_v(hash_alg_t h, const uint8_t *key, size_t keylen, const slice_t *parts, size_t n, uint8_t *out)
{
	const struct nettle_hash *nh = nettle_of(h);
	any_hash_state outer, inner, state;
	static const uint8_t no_key[1];
	size_t i;

	if (!nh)
		return;   /* HASH_NONE / HASH_MD5_SHA1: no such HMAC (callers check) */
	hmac_set_key(&outer, &inner, &state, nh, keylen, keylen ? key : no_key);
	for (i = 0; i < n; i++)
		if (parts[i].len)
			hmac_update(&state, nh, parts[i].len, parts[i].ptr);
	hmac_digest(&outer, &inner, &state, nh, nh->digest_size, out);
}
