/* finished.h - the Finished verify_data each side should send, computed
 * from the transcript (RFC 5246 7.4.9, RFC 6101 5.6.9, RFC 8446 4.4.4). */
#ifndef TLSTRACE_FINISHED_H
#define TLSTRACE_FINISHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/bytes.h"
#include "base/err.h"
#include "hash.h"

/* TLS 1.0-1.2: PRF(master, "client finished"/"server finished",
 * Hash(handshake_messages))[0..11].  h is the PRF hash for TLS 1.2
 * (ignored before).  transcript: the handshake messages concatenated, each
 * with its 4-byte header.  SSL 3.0: MD5 and SHA-1 inner/outer hashes with
 * the sender constant, 36 bytes.  *outlen is set to 12 or 36. */
err_t finished_tls12(uint16_t version, hash_alg_t h, const uint8_t master[48], bool from_client,
		     const slice_t *transcript, size_t nparts, uint8_t *out, size_t *outlen) WUR;
/* The hash of the transcript a TLS 1.0-1.2 Finished is computed over:
 * MD5+SHA-1 before TLS 1.2, h in TLS 1.2; HASH_NONE for other versions. */
hash_alg_t finished_transcript_alg(uint16_t version, hash_alg_t h);
/* The same as finished_tls12 for TLS 1.0-1.2, from the transcript's hash
 * (finished_transcript_alg) already computed: 12 bytes. */
err_t finished_tls12_from_hash(uint16_t version, hash_alg_t h, const uint8_t master[48], bool from_client,
			       const uint8_t *th, size_t thlen, uint8_t out[12]) WUR;
/* TLS 1.3: HMAC(finished_key, transcript_hash), finished_key =
 * HKDF-Expand-Label(base_key, "finished", "", Hash.length). */
err_t finished_tls13(hash_alg_t h, const uint8_t *base_key, const uint8_t *transcript_hash,
		     uint8_t *out) WUR;
/* The same, also giving the finished_key it made (Hash.length bytes into fk). */
err_t finished_tls13_key(hash_alg_t h, const uint8_t *base_key, const uint8_t *transcript_hash,
			 uint8_t *out, uint8_t *fk) WUR;

#endif
