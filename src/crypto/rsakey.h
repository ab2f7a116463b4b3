/* rsakey.h - recovering an RSA premaster secret with the server's private
 * key (RFC 5246 7.4.7.1), through GnuTLS's privkey API. */
#ifndef TLSTRACE_RSAKEY_H
#define TLSTRACE_RSAKEY_H

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include "base/bytes.h"
#include "base/err.h"

typedef struct rsakey rsakey_t;

/* PEM (PKCS#1 or PKCS#8, unencrypted) from memory or a file. */
err_t rsakey_from_pem(const uint8_t *pem, size_t n, rsakey_t **out) WUR;
err_t rsakey_load(const char *path, rsakey_t **out) WUR;
/* Wraps a key someone else owns (the live demo key); not freed by rsakey_free. */
err_t rsakey_wrap(gnutls_privkey_t key, rsakey_t **out) WUR;
void  rsakey_free(rsakey_t *k);
/* Decrypts the EncryptedPreMasterSecret (without its length prefix).
 * Wrong key or bad padding: ERR_CRYPTO.  A result other than 48 bytes:
 * ERR_BAD_LENGTH. */
err_t rsakey_decrypt_premaster(const rsakey_t *k, slice_t enc, uint8_t pms[48]) WUR;
/* Does this key belong to the certificate (DER)?  true when the public
 * halves match. */
bool  rsakey_matches_cert(const rsakey_t *k, slice_t cert_der);
/* Is this key's modulus the one given (big-endian, as an RSA_EXPORT
 * ServerKeyExchange carries a temporary key, RFC 2246 7.4.3; leading
 * zero bytes ignored)? */
bool  rsakey_matches_modulus(const rsakey_t *k, slice_t modulus);

#endif
