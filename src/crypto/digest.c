/* digest.c - hex digests of text for the fingerprints (see digest.h). */
#include "digest.h"
#include "hash.h"
#include "base/bytes.h"

void digest_md5_hex(const void *p, size_t n, char out[33])
{
	uint8_t d[16];

	hash_digest(HASH_MD5, p, n, d);
	bytes_hex_encode(d, sizeof d, out);
}

void digest_sha256_hex12(const void *p, size_t n, char out[13])
{
	uint8_t d[32];

	hash_digest(HASH_SHA256, p, n, d);
	bytes_hex_encode(d, 6, out);
}

void digest_sha256_hex(const void *p, size_t n, char out[65])
{
	uint8_t d[32];

	hash_digest(HASH_SHA256, p, n, d);
	bytes_hex_encode(d, sizeof d, out);
}
