/* rcrypt_testing.h - what test_rcrypt.c and test_rcrypt_aead.c share:
 * key patterns and decrypt-and-compare helpers (defined in test_rcrypt.c). */
#ifndef TLSTRACE_RCRYPT_TESTING_H
#define TLSTRACE_RCRYPT_TESTING_H

#include "testing.h"
#include "crypto/rcrypt.h"

/* A suite as the registry describes it, written out so that these tests
 * do not depend on the suite table. */
#define SUITE_(var, id_, name_, c, m, p, t13) \
	static const suite_info_t var = { .id = id_, .name = name_, .kx = KX_RSA, .auth = AUTH_RSA, \
		.cipher = c, .mac = m, .prf = p, .tls13 = t13 }

/* p[i] = seed + 7i */
void rt_fill(uint8_t *p, size_t n, uint8_t seed);
/* Keys for one direction, filled with recognisable patterns. */
keys_dir_t rt_keys(size_t mac_len, size_t key_len, size_t iv_len);
void rt_put_u64(uint8_t *p, uint64_t v);
/* Decrypts one fragment and asserts that exactly `content` of `want_type` comes back. */
void rt_expect_plain(rcrypt_t *rc, uint8_t type, uint16_t ver, const uint8_t *rec, size_t n,
		     const uint8_t *content, size_t clen, uint8_t want_type);
/* Decrypts one fragment and returns the result code only. */
err_t rt_try_decrypt(rcrypt_t *rc, uint8_t type, uint16_t ver, const uint8_t *rec, size_t n);

#endif
