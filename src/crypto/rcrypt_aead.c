/* rcrypt_aead.c - the AEAD record families: AES/Camellia-GCM (RFC 5288,
 * RFC 6367), AES-CCM and CCM-8 (RFC 6655), ChaCha20-Poly1305 (RFC 7905) in
 * TLS 1.2, and every TLS 1.3 record (RFC 8446 5.2).  Decrypts only. */
#include <string.h>
#include <nettle/ccm.h>
#include "rcrypt_int.h"

static bool is_gcm(cipher_t c)
{
	return c == CIPHER_AES_128_GCM || c == CIPHER_AES_256_GCM || c == CIPHER_CAMELLIA_128_GCM
	       || c == CIPHER_CAMELLIA_256_GCM;
}

/* Decrypts and authenticates one AEAD message: ct is clen bytes of
 * ciphertext followed by the tag.  false when the tag does not verify. */
static bool aead_open(rcrypt_t *rc, const uint8_t nonce[12], const uint8_t *aad,
		      size_t aadlen, const uint8_t *ct, size_t clen, uint8_t *dst)
{
	size_t tlen = rc->ci->tag_len;
	cipher_t c = rc->cipher;
	uint8_t tag[16];

	if (c == CIPHER_CHACHA20_POLY1305) {
		chacha_poly1305_set_nonce(&rc->c.chacha, nonce);
		chacha_poly1305_update(&rc->c.chacha, aadlen, aad);
		chacha_poly1305_decrypt(&rc->c.chacha, clen, dst, ct);
		chacha_poly1305_digest(&rc->c.chacha, CHACHA_POLY1305_DIGEST_SIZE, tag);
		return tlen == CHACHA_POLY1305_DIGEST_SIZE && rcrypt_equal(tag, ct + clen, tlen);
	}
	if (is_gcm(c)) {
		struct gcm_ctx g;

		gcm_set_iv(&g, &rc->gcm, GCM_IV_SIZE, nonce);
		gcm_update(&g, &rc->gcm, aadlen, aad);
		gcm_decrypt(&g, &rc->gcm, &rc->c, rc->block, clen, dst, ct);
		gcm_digest(&g, &rc->gcm, &rc->c, rc->block, GCM_DIGEST_SIZE, tag);
		return tlen == GCM_DIGEST_SIZE && rcrypt_equal(tag, ct + clen, tlen);
	}
	/* CCM: nettle checks the tag itself (1: valid); the fuzzing build
	 * accepts any tag, as rcrypt_equal does there. */
#ifdef TLSTRACE_FUZZ
	(void)ccm_decrypt_message(&rc->c, rc->block, 12, nonce, aadlen, aad, tlen, clen, dst, ct);
	return true;
#endif
	return ccm_decrypt_message(&rc->c, rc->block, 12, nonce, aadlen, aad, tlen, clen, dst, ct) == 1;
}

/* rfc5288#section-3 (GCM), rfc6655#section-3 (CCM):
 *   struct { opaque salt[4]; opaque nonce_explicit[8]; } GCMNonce;
 *   the fragment is nonce_explicit + ciphertext + tag.
 * rfc7905#section-2 (ChaCha20-Poly1305): no explicit nonce; "the padded
 *   sequence number is XORed with the client_write_IV (when the client is
 *   sending) or server_write_IV".
 * rfc5246#section-6.2.3.3: additional_data = seq_num + TLSCompressed.type +
 *   TLSCompressed.version + TLSCompressed.length (the plaintext's). */
err_t rcrypt_open_aead12(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
			 const uint8_t *in, size_t n, buf_t *out)
{
	const cipher_info_t *ci = rc->ci;
	size_t explicit = ci->record_iv_len, plen, i;
	uint8_t nonce[12], aad[13];

	ENSURE(n >= explicit + ci->tag_len, ERR_BAD_LENGTH);
	plen = n - explicit - ci->tag_len;
	ENSURE(plen <= 0xffff, ERR_BAD_LENGTH);
	if (explicit) {
		memcpy(nonce, rc->iv, rc->iv_len);           /* 4-byte salt */
		memcpy(nonce + rc->iv_len, in, explicit);    /* 8 bytes from the record */
	} else {
		memcpy(nonce, rc->iv, 12);
		rcrypt_put_u64(aad, seq);
		for (i = 0; i < 8; i++)
			nonce[4 + i] ^= aad[i];
	}
	rcrypt_put_u64(aad, seq);
	aad[8] = type;
	aad[9] = (uint8_t)(version >> 8);
	aad[10] = (uint8_t)version;
	aad[11] = (uint8_t)(plen >> 8);
	aad[12] = (uint8_t)plen;
	ENSURE(aead_open(rc, nonce, aad, sizeof aad, in + explicit, plen, out->ptr), ERR_CRYPTO);
	out->len = plen;
	return ERR_OK;
}

/* rfc8446#section-5.3: "The 64-bit record sequence number is encoded in
 *   network byte order and padded to the left with zeros to iv_length.  The
 *   padded sequence number is XORed with either the static
 *   client_write_iv or server_write_iv".
 * rfc8446#section-5.2: additional_data = TLSCiphertext.opaque_type ||
 *   TLSCiphertext.legacy_record_version || TLSCiphertext.length;
 *   struct { opaque content[length]; ContentType type; uint8 zeros[length_of_padding]; }
 *   TLSInnerPlaintext;
 *   "If a receiving implementation does not find a non-zero octet in the
 *   cleartext, it MUST terminate the connection with an
 *   "unexpected_message" alert." */
err_t rcrypt_open_tls13(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
			const uint8_t *in, size_t n, buf_t *out, uint8_t *inner_type)
{
	const cipher_info_t *ci = rc->ci;
	uint8_t nonce[12], aad[5], s[8];
	size_t clen, i;

	ENSURE(n > ci->tag_len && n <= 0xffff, ERR_BAD_LENGTH);
	clen = n - ci->tag_len;
	memcpy(nonce, rc->iv, 12);
	rcrypt_put_u64(s, seq);
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= s[i];
	aad[0] = type;
	aad[1] = (uint8_t)(version >> 8);
	aad[2] = (uint8_t)version;
	aad[3] = (uint8_t)(n >> 8);
	aad[4] = (uint8_t)n;
	ENSURE(aead_open(rc, nonce, aad, sizeof aad, in, clen, out->ptr), ERR_CRYPTO);
	while (clen > 0 && out->ptr[clen - 1] == 0)
		clen--;
	ENSURE(clen > 0, ERR_BAD_VALUE);
	*inner_type = out->ptr[clen - 1];
	out->len = clen - 1;
	return ERR_OK;
}
