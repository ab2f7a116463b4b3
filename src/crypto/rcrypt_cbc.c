/* rcrypt_cbc.c - the MAC-protected record families of TLS <= 1.2: NULL and
 * stream ciphers (RC4), and CBC block ciphers with MAC-then-encrypt or
 * encrypt-then-MAC (RFC 7366).  Decrypts only. */
#include <string.h>
#include <nettle/cbc.h>
#include "rcrypt_int.h"

/* Checks the MAC at the end of p[0..n): ERR_BAD_LENGTH when there is no
 * room for it, ERR_CRYPTO when it does not verify; *content_len is the
 * length before it. */
static err_t check_trailing_mac(const rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
				const uint8_t *p, size_t n, size_t *content_len)
{
	uint8_t mac[HASH_MAX_LEN];

	ENSURE(n >= rc->mac_len, ERR_BAD_LENGTH);
	*content_len = n - rc->mac_len;
	if (rc->mac_len == 0)
		return ERR_OK;
	rcrypt_mac(rc, seq, type, version, p, *content_len, mac);
	ENSURE(rcrypt_equal(mac, p + *content_len, rc->mac_len), ERR_CRYPTO);
	return ERR_OK;
}

/* rfc5246#section-6.2.3.1: stream-ciphered struct {
 *     opaque content[TLSCompressed.length];
 *     opaque MAC[SecurityParameters.mac_length];
 * } GenericStreamCipher;
 * RC4's key stream runs on across records, so the whole fragment is
 * decrypted before any check, as the sender encrypted it. */
err_t rcrypt_open_stream(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
			 const uint8_t *in, size_t n, buf_t *out)
{
	size_t len;

	if (n) {
		if (rc->ci->kind == CKIND_STREAM)
			arcfour_crypt(&rc->c.rc4, n, out->ptr, in);
		else
			memcpy(out->ptr, in, n);
	}
	TRY(check_trailing_mac(rc, seq, type, version, out->ptr, n, &len));
	out->len = len;
	return ERR_OK;
}

/* rfc5246#section-6.2.3.2: block-ciphered struct {
 *     opaque IV[SecurityParameters.record_iv_length];
 *     opaque content[TLSCompressed.length];
 *     opaque MAC[SecurityParameters.mac_length];
 *     uint8 padding[GenericBlockCipher.padding_length];
 *     uint8 padding_length;
 * } GenericBlockCipher;
 * "Each uint8 in the padding data vector MUST be filled with the padding
 * length value.  The receiver MUST check this padding."
 * rfc2246#section-6.2.3.2 (TLS 1.0): no IV field; "the IV for subsequent
 * records is the last ciphertext block from the previous record".
 * rfc6101#section-5.2.3.2 (SSL 3.0): same chaining; "The length of the
 * padding must be less than the cipher's block length", contents unchecked.
 * rfc7366#section-3 (encrypt-then-MAC): MAC(MAC_write_key, seq_num + type +
 * version + length + IV + ENC(content + padding + padding_length)), where
 * length is that of IV + ciphertext; the MAC is checked before decrypting. */
err_t rcrypt_open_cbc(rcrypt_t *rc, uint64_t seq, uint8_t type, uint16_t version,
		      const uint8_t *in, size_t n, buf_t *out)
{
	size_t bs = rc->iv_len, ivlen = rc->version >= VER_TLS11 ? bs : 0;
	size_t ctlen, plen, pad, i, min_ct, maclen_inside;
	uint8_t iv[16], *p = out->ptr;
	const uint8_t *ct;
	bool mac_ok = true;

	if (rc->etm) {
		uint8_t mac[HASH_MAX_LEN];

		ENSURE(n >= rc->mac_len + ivlen + bs, ERR_BAD_LENGTH);
		ctlen = n - rc->mac_len;
		ENSURE(ctlen % bs == 0, ERR_BAD_LENGTH);
		rcrypt_mac(rc, seq, type, version, in, ctlen, mac);
		mac_ok = rcrypt_equal(mac, in + ctlen, rc->mac_len);
		maclen_inside = 0;
	} else {
		/* content may be empty: the ciphertext holds at least MAC + 1 byte
		 * of padding_length, rounded up to whole blocks. */
		min_ct = (rc->mac_len + 1 + bs - 1) / bs * bs;
		ENSURE(n >= ivlen + min_ct && n % bs == 0, ERR_BAD_LENGTH);
		ctlen = n;
		maclen_inside = rc->mac_len;
	}
	ct = in + ivlen;
	ctlen -= ivlen;
	if (ivlen) {
		memcpy(iv, in, bs);
	} else {
		memcpy(iv, rc->iv, bs);
		memcpy(rc->iv, ct + ctlen - bs, bs);   /* chain to the next record, pass or fail */
	}
	ENSURE(mac_ok, ERR_CRYPTO);
	cbc_decrypt(&rc->c, rc->block, bs, iv, ctlen, p, ct);

	pad = p[ctlen - 1];
	ENSURE(pad + 1 + maclen_inside <= ctlen, ERR_CRYPTO);
	if (rc->version == VER_SSL30) {
		ENSURE(pad < bs, ERR_CRYPTO);
	} else {
		uint8_t bad = 0;

		for (i = ctlen - 1 - pad; i < ctlen - 1; i++)
			bad |= (uint8_t)(p[i] ^ pad);
		ENSURE(bad == 0, ERR_CRYPTO);
	}
	plen = ctlen - 1 - pad;   /* content (+ MAC unless encrypt-then-MAC) */
	if (!rc->etm) {
		size_t len;

		TRY(check_trailing_mac(rc, seq, type, version, p, plen, &len));
		plen = len;
	}
	out->len = plen;
	return ERR_OK;
}
