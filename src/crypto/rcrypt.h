/* rcrypt.h - one direction's record protection state, for decrypting what
 * was captured or exchanged (RFC 5246 6.2.3, RFC 7366, RFC 8446 5.2).
 *
 * Handles: NULL, RC4 stream, CBC with HMAC (SSL 3.0 MAC, TLS 1.0 chained
 * IV, TLS 1.1+ explicit IV, MAC-then-encrypt and encrypt-then-MAC) over
 * every block cipher nettle has (AES, Camellia, 3DES, DES, RC2 ...),
 * AES-GCM, AES-CCM and CCM-8, ChaCha20-Poly1305, and TLS 1.3 AEAD records.
 * A cipher nettle lacks (SEED, IDEA, ARIA) gives ERR_UNSUPPORTED at init
 * with rcrypt_missing() naming it. */
#ifndef TLSTRACE_RCRYPT_H
#define TLSTRACE_RCRYPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/bytes.h"
#include "base/err.h"
#include "tls/registry.h"
#include "keys.h"

typedef struct rcrypt rcrypt_t;

/* TLS <= 1.2 (and SSL 3.0). etm: encrypt_then_mac was negotiated. */
err_t rcrypt_new(uint16_t version, const suite_info_t *s, bool etm, const keys_dir_t *k,
		 rcrypt_t **out) WUR;
/* TLS 1.3: keys from keys_from_traffic_secret. */
err_t rcrypt_new_tls13(const suite_info_t *s, const keys_dir_t *k, rcrypt_t **out) WUR;
void  rcrypt_free(rcrypt_t *rc);
/* Name of the cipher that has no implementation here, e.g. "SEED"; NULL otherwise. */
const char *rcrypt_missing(const suite_info_t *s);

/* Decrypts one record's fragment.  `type` and `version` are from the record
 * header.  On success *out holds the plaintext content and *inner_type the
 * real content type (TLS 1.3 inner type; otherwise `type`).  MAC or tag
 * failure: ERR_CRYPTO.  The sequence number advances on every call, pass or
 * fail, as the peer's would. */
err_t rcrypt_decrypt(rcrypt_t *rc, uint8_t type, uint16_t version, const uint8_t *in, size_t n,
		     buf_t *out, uint8_t *inner_type) WUR;
uint64_t rcrypt_seq(const rcrypt_t *rc);
/* DTLS: the next record's sequence number as its header says, epoch in
 * the top 16 bits and the 48-bit sequence_number below (RFC 6347 4.1.2.1:
 * the MAC is computed over that 64-bit value instead of TLS's implicit
 * counter; for AEAD it is the additional data's seq_num, RFC 6347 4.1.2.1
 * and RFC 5288 3).  Records can be lost or reordered: each one says its own. */
void rcrypt_set_seq(rcrypt_t *rc, uint64_t seq);

#endif
