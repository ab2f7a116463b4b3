/* digest.h - hex digests of text for the fingerprints (JA3's MD5, JA4's
 * truncated SHA-256): the trace layer builds the strings, only this layer
 * hashes them (tests/crypto_boundary.sh).  Pure computation: no I/O, no
 * allocation. */
#ifndef TLSTRACE_DIGEST_H
#define TLSTRACE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* The MD5 of n bytes as 32 lowercase hex digits and a NUL (JA3, JA3S). */
void digest_md5_hex(const void *p, size_t n, char out[33]);
/* The first 12 lowercase hex digits of the SHA-256 of n bytes, and a NUL
 * (JA4's "truncated to 12 characters"). */
void digest_sha256_hex12(const void *p, size_t n, char out[13]);
/* The whole SHA-256 of n bytes as 64 lowercase hex digits and a NUL (a
 * certificate's fingerprint). */
void digest_sha256_hex(const void *p, size_t n, char out[65]);

#endif
