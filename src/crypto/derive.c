/* derive.c - the crypto layer's answers to the secrets engine (see
 * derive.h): each function computes one value of the handshake and hands
 * back its intermediates, so that the trace model stores them once and no
 * view ever recomputes.  The RFC sentence sits above each computation. */
#include <string.h>
#include "tls/registry.h"
#include "derive.h"
#include "finished.h"

/* rfc8446#section-4.4.1: "the value of ClientHello1 is replaced with a
 * special synthetic handshake message of handshake type "message_hash"
 * containing Hash(ClientHello1)":
 *   Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
 *       Hash(message_hash ||        (Handshake type)
 *            00 00 Hash.length  ||  (Handshake message length (bytes))
 *            Hash(ClientHello1) ||  (Hash of ClientHello1)
 *            HelloRetryRequest  || ... || Mn) */
size_t derive_message_hash(hash_alg_t alg, const uint8_t *ch, size_t chlen, uint8_t mh[4 + HASH_MAX_LEN])
{
	size_t hl = hash_len(alg);

	mh[0] = HS_MESSAGE_HASH;
	mh[1] = 0;
	mh[2] = 0;
	mh[3] = (uint8_t)hl;
	hash_digest(alg, ch, chlen, mh + 4);
	return 4 + hl;
}

/* rfc7627#section-3: "session_hash = Hash(handshake_messages)";
 * rfc8446#section-4.4.1: Transcript-Hash(M1, ..., Mn) = Hash(M1 || ... || Mn). */
size_t derive_transcript_hash(hash_alg_t alg, const slice_t *parts, size_t n, uint8_t out[HASH_MAX_LEN])
{
	hash_digestv(alg, parts, n, out);
	return hash_len(alg);
}

/* rfc5246#section-8.1 and rfc7627#section-4 (see prf_master_traced). */
err_t derive_master(uint16_t version, hash_alg_t prf_h, const uint8_t *pms, size_t pmslen,
		    const uint8_t client_random[32], const uint8_t server_random[32],
		    const uint8_t *session_hash, size_t shlen, uint8_t out[48], prf_trace_t *trace)
{
	return prf_master_traced(version, prf_h, pms, pmslen, client_random, server_random,
				 session_hash, shlen, out, trace);
}

/* rfc8446#section-4.4.4: finished_key = HKDF-Expand-Label(BaseKey,
 * "finished", "", Hash.length); verify_data = HMAC(finished_key,
 * Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)). */
static err_t derive_fin13(hash_alg_t h, const uint8_t *base, size_t baselen, const slice_t *transcript,
			  size_t n, derive_fin_t *out)
{
	ENSURE(h != HASH_NONE && h != HASH_MD5_SHA1, ERR_UNSUPPORTED);
	out->label = "finished";
	out->transcript_alg = h;
	out->transcript_hash_len = derive_transcript_hash(h, transcript, n, out->transcript_hash);
	ENSURE(baselen == hash_len(h), ERR_BAD_LENGTH);
	TRY(finished_tls13_key(h, base, out->transcript_hash, out->expected, out->key));
	out->key_len = hash_len(h);
	out->expected_len = hash_len(h);
	return ERR_OK;
}

/* rfc5246#section-7.4.9: verify_data = PRF(master_secret, finished_label,
 * Hash(handshake_messages))[0..11]; rfc2246#section-7.4.9: MD5 + SHA-1
 * before TLS 1.2; rfc6101#section-5.6.9: SSL 3.0's own inner/outer hashes
 * over the messages (the transcript hash kept there is MD5+SHA-1 of them,
 * shown, not fed to the computation). */
err_t derive_finished(uint16_t version, hash_alg_t prf_h, bool from_client, const uint8_t *base,
		      size_t baselen, const slice_t *transcript, size_t n, derive_fin_t *out)
{
	hash_alg_t th_alg;

	memset(out, 0, sizeof *out);
	ENSURE(base && (transcript || n == 0), ERR_BAD_VALUE);
	if (version == VER_TLS13)
		return derive_fin13(prf_h, base, baselen, transcript, n, out);
	ENSURE(baselen == 48, ERR_BAD_LENGTH);
	th_alg = version == VER_SSL30 ? HASH_MD5_SHA1 : finished_transcript_alg(version, prf_h);
	ENSURE(th_alg != HASH_NONE, ERR_UNSUPPORTED);
	/* SSL 3.0 has no label: its Sender constant plays the part. */
	out->label = version == VER_SSL30 ? (from_client ? "CLNT" : "SRVR")
					  : from_client ? "client finished" : "server finished";
	out->transcript_alg = th_alg;
	out->transcript_hash_len = derive_transcript_hash(th_alg, transcript, n, out->transcript_hash);
	memcpy(out->key, base, 48);
	out->key_len = 48;
	if (version == VER_SSL30)
		return finished_tls12(version, prf_h, base, from_client, transcript, n, out->expected,
				      &out->expected_len);
	TRY(finished_tls12_from_hash(version, prf_h, base, from_client, out->transcript_hash,
				     out->transcript_hash_len, out->expected));
	out->expected_len = 12;
	return ERR_OK;
}

void derive_ticket_id(const uint8_t *ticket, size_t len, uint8_t out[32])
{
	hash_digest(HASH_SHA256, ticket, len, out);
}
