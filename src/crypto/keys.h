/* keys.h - the per-direction key material of a connection (RFC 5246 6.3,
 * RFC 8446 7.3) and how it is cut from the key block or a traffic secret. */
#ifndef TLSTRACE_KEYS_H
#define TLSTRACE_KEYS_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "base/err.h"
#include "tls/registry.h"
#include "hash.h"
#include "prf.h"

typedef struct {
	uint8_t mac_key[64];  uint8_t mac_len;
	uint8_t key[32];      uint8_t key_len;
	uint8_t iv[16];       uint8_t iv_len;
} keys_dir_t;

typedef struct {
	keys_dir_t client, server;
	uint8_t block[256];   /* the key block as derived (TLS <= 1.2) */
	size_t block_len;
	/* Export suites only (export_len > 0, RFC 2246 6.3, RFC 6101 6.2.2):
	 * each side's write key as the key block gave it (5 or 7 bytes; 8 for
	 * an EXPORT1024 DES suite), before the expansion made client.key and
	 * server.key from it and the randoms. */
	uint8_t client_export[8], server_export[8];
	uint8_t export_len;
	bool export_ivs;         /* the IVs were made from the randoms (SSL 3.0, TLS 1.0) */
} keys_t;

/* The hash the suite's PRF uses for this version (TLS 1.0/1.1: HASH_MD5_SHA1). */
hash_alg_t keys_prf_hash(uint16_t version, const suite_info_t *s);
/* TLS 1.2 and below: key block from master and randoms, split into
 * client/server MAC keys, write keys, IVs (export suites expanded as in
 * RFC 6101 6.2.2 and RFC 2246 6.3, with the version's PRF also in TLS 1.1
 * and 1.2, where old OpenSSL still negotiated them).  ERR_UNSUPPORTED for
 * a suite whose cipher is unknown. */
err_t keys_from_master(uint16_t version, const suite_info_t *s, const uint8_t master[48],
		       const uint8_t client_random[32], const uint8_t server_random[32],
		       keys_t *out) WUR;
/* keys_from_master, and the PRF's A(i) and blocks for the key block in
 * *trace (NULL: not kept; the trace is a kilobyte, kept only when shown). */
err_t keys_from_master_traced(uint16_t version, const suite_info_t *s, const uint8_t master[48],
			      const uint8_t client_random[32], const uint8_t server_random[32],
			      keys_t *out, prf_trace_t *trace) WUR;
/* TLS 1.3: [sender]_write_key / _iv from a traffic secret (RFC 8446 7.3). */
err_t keys_from_traffic_secret(const suite_info_t *s, const uint8_t *secret, size_t slen,
			       keys_dir_t *out) WUR;
/* TLS 1.3 KeyUpdate: the next application traffic secret (RFC 8446 7.2),
 * slen bytes (the suite's hash length) into out. */
err_t keys_next_traffic_secret(const suite_info_t *s, const uint8_t *secret, size_t slen, uint8_t *out) WUR;

#endif
