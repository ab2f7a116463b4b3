/* derive.h - what the secrets engine asks of the crypto layer, one call per
 * computation, each returning its result together with the intermediates a
 * view shows: the transcript hashes (RFC 5246 7.4.9, RFC 7627 3, RFC 8446
 * 4.4.1), the master secret with its PRF trace, the Finished computation
 * (label, transcript hash, key, expected verify_data).  The trace layer
 * decides which messages and secrets go in; only this layer hashes them.
 * Pure computation over prf.c, hkdf.c, finished.c and hash.c: no I/O, no
 * allocation, no knowledge of the trace model. */
#ifndef TLSTRACE_DERIVE_H
#define TLSTRACE_DERIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/bytes.h"
#include "base/err.h"
#include "hash.h"
#include "prf.h"

/* RFC 8446 4.4.1: after a HelloRetryRequest the first ClientHello is
 * replaced in the transcript by message_hash: 0xfe, 00 00 Hash.length,
 * Hash(ClientHello1).  Writes the 4 + Hash.length bytes into mh, returns
 * their count. */
size_t derive_message_hash(hash_alg_t alg, const uint8_t *ch, size_t chlen, uint8_t mh[4 + HASH_MAX_LEN]);

/* The digest of a transcript (the concatenation of parts) with alg; returns
 * hash_len(alg).  RFC 7627 3 session_hash and the TLS 1.3 Transcript-Hash. */
size_t derive_transcript_hash(hash_alg_t alg, const slice_t *parts, size_t n, uint8_t out[HASH_MAX_LEN]);

/* The master secret (RFC 5246 8.1, RFC 7627 4) and how the PRF made it. */
err_t derive_master(uint16_t version, hash_alg_t prf_h, const uint8_t *pms, size_t pmslen,
		    const uint8_t client_random[32], const uint8_t server_random[32],
		    const uint8_t *session_hash, size_t shlen, uint8_t out[48], prf_trace_t *trace) WUR;

/* One Finished recomputed, with what went in. */
typedef struct {
	const char *label;       /* static: "client finished" / "server finished" (TLS <= 1.2),
	                            "finished" (TLS 1.3, the finished_key's HKDF label) */
	hash_alg_t transcript_alg;
	uint8_t transcript_hash[HASH_MAX_LEN];   /* SSL 3.0: MD5+SHA-1 of the messages, for showing */
	size_t transcript_hash_len;
	uint8_t key[HASH_MAX_LEN];   /* the PRF secret (the master, TLS <= 1.2) or finished_key (1.3) */
	size_t key_len;
	uint8_t expected[64];
	size_t expected_len;
} derive_fin_t;

/* TLS <= 1.2 (RFC 5246 7.4.9, RFC 6101 5.6.9): base is the master (48
 * bytes); TLS 1.3 (RFC 8446 4.4.4): base is the sender's handshake traffic
 * secret (Hash.length bytes).  transcript: the messages before this
 * Finished, in order.  ERR_UNSUPPORTED for a version or hash it cannot do. */
err_t derive_finished(uint16_t version, hash_alg_t prf_h, bool from_client, const uint8_t *base,
		      size_t baselen, const slice_t *transcript, size_t n, derive_fin_t *out) WUR;

/* A fixed-size lookup id for a long session ticket (SHA-256 of it). */
void derive_ticket_id(const uint8_t *ticket, size_t len, uint8_t out[32]);

#endif
