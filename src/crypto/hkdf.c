/* hkdf.c - HKDF (RFC 5869) and the TLS 1.3 labels built on it
 * (RFC 8446 7.1).  Pure computation over hash.c: no I/O, no allocation. */
#include <string.h>
#include "hkdf.h"

/* rfc5869#section-2.2: PRK = HMAC-Hash(salt, IKM); "if not provided,
 * [salt] is set to a string of HashLen zeros". */
void hkdf_extract(hash_alg_t h, const uint8_t *salt, size_t saltlen,
		  const uint8_t *ikm, size_t ikmlen, uint8_t *prk)
{
	static const uint8_t zeros[HASH_MAX_LEN];
	slice_t in = slice_make(ikm, ikmlen);

	if (!salt || saltlen == 0) {
		salt = zeros;
		saltlen = hash_len(h);
	}
	hash_hmac_v(h, salt, saltlen, &in, 1, prk);
}

/* rfc5869#section-2.3: T(0) = empty, T(i) = HMAC-Hash(PRK, T(i-1) | info | i),
 * OKM = first L octets of T(1) | T(2) | ...; L <= 255 * HashLen. */
err_t hkdf_expand(hash_alg_t h, const uint8_t *prk, size_t prklen,
		  const uint8_t *info, size_t infolen, uint8_t *out, size_t outlen)
{
	uint8_t t[HASH_MAX_LEN];
	size_t hl = hash_len(h), tlen = 0, take;
	uint8_t counter = 1;

	ENSURE(h != HASH_NONE && h != HASH_MD5_SHA1 && hl > 0, ERR_UNSUPPORTED);
	ENSURE(outlen <= 255 * hl, ERR_BAD_LENGTH);
	ENSURE(out || outlen == 0, ERR_BAD_VALUE);
	while (outlen > 0) {
		slice_t parts[3] = {
			slice_make(t, tlen), slice_make(info, infolen), slice_make(&counter, 1)
		};

		hash_hmac_v(h, prk, prklen, parts, 3, t);
		tlen = hl;
		take = outlen < hl ? outlen : hl;
		memcpy(out, t, take);
		out += take;
		outlen -= take;
		counter++;
	}
	return ERR_OK;
}

/* rfc8446#section-7.1:
 *   struct {
 *       uint16 length = Length;
 *       opaque label<7..255> = "tls13 " + Label;
 *       opaque context<0..255> = Context;
 *   } HkdfLabel;
 *   HKDF-Expand-Label(Secret, Label, Context, Length) =
 *       HKDF-Expand(Secret, HkdfLabel, Length) */
err_t hkdf_expand_label(hash_alg_t h, const uint8_t *secret, size_t slen, const char *label,
			const uint8_t *ctx, size_t ctxlen, uint8_t *out, size_t outlen)
{
	static const char prefix[] = "tls13 ";
	uint8_t info[2 + 1 + 255 + 1 + 255];
	size_t llen = label ? strlen(label) : 0, plen = sizeof prefix - 1, n = 0;

	ENSURE(outlen <= 0xffff, ERR_BAD_LENGTH);
	ENSURE(plen + llen <= 255 && ctxlen <= 255, ERR_BAD_LENGTH);
	ENSURE(ctx || ctxlen == 0, ERR_BAD_VALUE);
	info[n++] = (uint8_t)(outlen >> 8);
	info[n++] = (uint8_t)outlen;
	info[n++] = (uint8_t)(plen + llen);
	memcpy(info + n, prefix, plen);
	n += plen;
	if (llen)
		memcpy(info + n, label, llen);
	n += llen;
	info[n++] = (uint8_t)ctxlen;
	if (ctxlen)
		memcpy(info + n, ctx, ctxlen);
	n += ctxlen;
	return hkdf_expand(h, secret, slen, info, n, out, outlen);
}

/* rfc8446#section-7.1: Derive-Secret(Secret, Label, Messages) =
 *   HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) */
err_t hkdf_derive_secret(hash_alg_t h, const uint8_t *secret, const char *label,
			 const uint8_t *transcript_hash, uint8_t *out)
{
	size_t hl = hash_len(h);

	return hkdf_expand_label(h, secret, hl, label, transcript_hash, hl, out, hl);
}
