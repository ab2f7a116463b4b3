/* finished.c - recomputing the verify_data of a Finished message from the
 * master secret (or TLS 1.3 base key) and the handshake transcript, so it
 * can be compared with what was received.  Pure computation. */
#include <string.h>
#include "tls/registry.h"
#include "finished.h"
#include "hkdf.h"
#include "prf.h"

static void digest_parts(hash_ctx_t *c, const slice_t *parts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		hash_update(c, parts[i].ptr, parts[i].len);
}

/* rfc6101#section-5.6.9:
 *   md5_hash = MD5(master_secret + pad2 + MD5(handshake_messages + Sender + master_secret + pad1));
 *   sha_hash = SHA(master_secret + pad2 + SHA(handshake_messages + Sender + master_secret + pad1));
 *   enum { client(0x434C4E54), server(0x53525652) } Sender;
 *   pad1/pad2: 0x36/0x5c, 48 bytes for MD5 and 40 for SHA. */
static void finished_ssl3(const uint8_t master[48], bool from_client, const slice_t *transcript,
			  size_t nparts, uint8_t out[36])
{
	static const uint8_t client[4] = { 0x43, 0x4c, 0x4e, 0x54 }, server[4] = { 0x53, 0x52, 0x56, 0x52 };
	static const struct { hash_alg_t h; size_t pad, off; } half[2] = {
		{ HASH_MD5, 48, 0 }, { HASH_SHA1, 40, 16 }
	};
	uint8_t pad1[48], pad2[48], inner[20];
	size_t i;

	memset(pad1, 0x36, sizeof pad1);
	memset(pad2, 0x5c, sizeof pad2);
	for (i = 0; i < 2; i++) {
		hash_ctx_t c;

		hash_init(&c, half[i].h);
		digest_parts(&c, transcript, nparts);
		hash_update(&c, from_client ? client : server, 4);
		hash_update(&c, master, 48);
		hash_update(&c, pad1, half[i].pad);
		hash_final(&c, inner);
		hash_init(&c, half[i].h);
		hash_update(&c, master, 48);
		hash_update(&c, pad2, half[i].pad);
		hash_update(&c, inner, hash_len(half[i].h));
		hash_final(&c, out + half[i].off);
	}
}

/* rfc5246#section-7.4.9: verify_data = PRF(master_secret, finished_label,
 *   Hash(handshake_messages))[0..verify_data_length-1], 12 bytes;
 *   finished_label "client finished" or "server finished".
 * rfc2246#section-7.4.9 (TLS 1.0, and 1.1): the hash is MD5(handshake_messages)
 *   + SHA-1(handshake_messages). */
err_t finished_tls12(uint16_t version, hash_alg_t h, const uint8_t master[48], bool from_client,
		     const slice_t *transcript, size_t nparts, uint8_t *out, size_t *outlen)
{
	uint8_t th[HASH_MAX_LEN];
	hash_ctx_t c;
	hash_alg_t th_alg;

	ENSURE(master && out && outlen && (transcript || nparts == 0), ERR_BAD_VALUE);
	if (version == VER_SSL30) {
		finished_ssl3(master, from_client, transcript, nparts, out);
		*outlen = 36;
		return ERR_OK;
	}
	th_alg = finished_transcript_alg(version, h);
	ENSURE(th_alg != HASH_NONE, ERR_UNSUPPORTED);
	hash_init(&c, th_alg);
	digest_parts(&c, transcript, nparts);
	hash_final(&c, th);
	TRY(finished_tls12_from_hash(version, h, master, from_client, th, hash_len(th_alg), out));
	*outlen = 12;
	return ERR_OK;
}

hash_alg_t finished_transcript_alg(uint16_t version, hash_alg_t h)
{
	if (version == VER_TLS12)
		return h == HASH_MD5_SHA1 ? HASH_NONE : h;
	if (version == VER_TLS10 || version == VER_TLS11)
		return HASH_MD5_SHA1;   /* RFC 2246 7.4.9: MD5(handshake_messages) + SHA-1(handshake_messages) */
	return HASH_NONE;
}

err_t finished_tls12_from_hash(uint16_t version, hash_alg_t h, const uint8_t master[48], bool from_client,
			       const uint8_t *th, size_t thlen, uint8_t out[12])
{
	hash_alg_t th_alg = finished_transcript_alg(version, h);

	ENSURE(master && th && out, ERR_BAD_VALUE);
	ENSURE(th_alg != HASH_NONE, ERR_UNSUPPORTED);
	ENSURE(thlen == hash_len(th_alg), ERR_BAD_LENGTH);
	return prf_for_version(version, h, master, 48, from_client ? "client finished" : "server finished",
			       th, thlen, out, 12);
}

/* rfc8446#section-4.4.4:
 *   finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 *   verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context,
 *                      Certificate*, CertificateVerify*))
 * BaseKey is the sender's handshake traffic secret (post-handshake: the
 * application traffic secret); out gets Hash.length bytes. */
err_t finished_tls13(hash_alg_t h, const uint8_t *base_key, const uint8_t *transcript_hash,
		     uint8_t *out)
{
	uint8_t fk[HASH_MAX_LEN];
	err_t e = finished_tls13_key(h, base_key, transcript_hash, out, fk);

	memset(fk, 0, sizeof fk);
	return e;
}

err_t finished_tls13_key(hash_alg_t h, const uint8_t *base_key, const uint8_t *transcript_hash,
			 uint8_t *out, uint8_t *fk)
{
	size_t hl = hash_len(h);
	slice_t th;

	ENSURE(base_key && transcript_hash && out, ERR_BAD_VALUE);
	ENSURE(h != HASH_NONE && h != HASH_MD5_SHA1 && hl > 0, ERR_UNSUPPORTED);
	TRY(hkdf_expand_label(h, base_key, hl, "finished", NULL, 0, fk, hl));
	th = slice_make(transcript_hash, hl);
	hash_hmac_v(h, fk, hl, &th, 1, out);
	return ERR_OK;
}
