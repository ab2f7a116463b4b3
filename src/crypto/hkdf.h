/* hkdf.h - HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 7.1). */
#ifndef TLSTRACE_HKDF_H
#define TLSTRACE_HKDF_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "hash.h"

void  hkdf_extract(hash_alg_t h, const uint8_t *salt, size_t saltlen,
		   const uint8_t *ikm, size_t ikmlen, uint8_t *prk);
err_t hkdf_expand(hash_alg_t h, const uint8_t *prk, size_t prklen,
		  const uint8_t *info, size_t infolen, uint8_t *out, size_t outlen) WUR;
/* HKDF-Expand-Label(Secret, Label, Context, Length) with "tls13 " prefixed to label. */
err_t hkdf_expand_label(hash_alg_t h, const uint8_t *secret, size_t slen, const char *label,
			const uint8_t *ctx, size_t ctxlen, uint8_t *out, size_t outlen) WUR;
/* Derive-Secret(Secret, Label, Messages) given the transcript hash already computed. */
err_t hkdf_derive_secret(hash_alg_t h, const uint8_t *secret, const char *label,
			 const uint8_t *transcript_hash, uint8_t *out) WUR;

#endif
