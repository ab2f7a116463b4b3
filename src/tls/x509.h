/* x509.h - one DER certificate described as a field subtree (subject,
 * issuer, serial, validity, alternative names, public key, signature
 * algorithm, CA flag), read with GnuTLS's x509 API.
 *
 * It describes; it does not verify (chains and trust belong to the step
 * that checks the server certificate).  A certificate GnuTLS cannot read
 * is reported to the caller, who notes it on the message: it is never an
 * error for the message that carried it. */
#ifndef TLSTRACE_X509_H
#define TLSTRACE_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "base/bytes.h"
#include "base/err.h"
#include "base/field.h"

/* Adds the certificate's fields under parent.  off is where der starts in
 * the message's raw bytes: node spans are off + the position of each part
 * within the DER (the whole certificate when the DER layout is unusual).
 * ERR_OK, or ERR_GNUTLS with *why (static text, may be NULL) saying why
 * GnuTLS could not read it; nothing is added then. */
err_t x509_describe(field_t *parent, size_t off, slice_t der, const char **why) WUR;

/* RFC 4514 text of a DER-encoded DistinguishedName (as in
 * certificate_authorities).  Allocated, caller frees; NULL when GnuTLS
 * cannot read it. */
char *x509_dn_text(slice_t der);
/* Whether der is shaped as a DistinguishedName (RFC 5280 4.1.2.4: a
 * SEQUENCE of SETs of SEQUENCE { OID, value }, definite DER lengths that
 * add up exactly), without decoding the names: the check a lean parse
 * makes where x509_dn_text would be the whole work. */
bool x509_dn_well_formed(slice_t der);

/* What step 5 needs of one certificate, in words (x509_facts.c): who it
 * names and who signed it, its names, its dates, its key.  Strings are
 * printable text (control bytes replaced), each malloc'd: x509_facts_free. */
typedef struct {
	char *subject, *issuer;  /* RFC 4514 */
	char *sans;              /* the subjectAltName entries, ", "-joined; NULL: none */
	time_t not_before, not_after;   /* (time_t)-1 when unreadable */
	char key[48];            /* "RSA 2048 bits", "EC/ECDSA 256 bits" */
	char key_alg[16];        /* "RSA", "ECDSA", "DSA", "Ed25519", "Ed448", "" (for reports) */
	unsigned key_bits;       /* 0 when unknown */
	char sig_alg[48];        /* "RSA-SHA256" */
	bool sig_sha1, sig_md5;  /* the signature hashes with SHA-1 / MD5 (weak) */
	bool is_ca;
	bool self_signed;        /* subject == issuer */
} x509_facts_t;

/* ERR_OK, or ERR_GNUTLS (*why static) when GnuTLS cannot read der. */
err_t x509_facts(slice_t der, x509_facts_t *out, const char **why) WUR;
void x509_facts_free(x509_facts_t *f);
/* RFC 6125 through GnuTLS: host matches a dNSName of the SAN, or, when
 * the certificate has no dNSName, its subject's CN (the old fallback);
 * *by_cn says which. */
bool x509_host_matches(slice_t der, const char *host, bool *by_cn);

/* A CA bundle to check captured chains against (read --ca FILE), at the
 * time each was captured (x509_trust.c). */
typedef struct x509_trust x509_trust_t;
/* ERR_IO / ERR_FORMAT with why when the file holds no usable certificate. */
err_t x509_trust_load(const char *path, x509_trust_t **out, char *why, size_t whylen) WUR;
void x509_trust_free(x509_trust_t *t);
/* Checks the chain (DER, the server's first, as sent) against the bundle:
 * signatures up to a trusted CA, and the host name when host is not NULL,
 * and each certificate's dates at time `at` (not the clock's).  Returns
 * gnutls_certificate_status_t bits, 0: trusted; text gets GnuTLS's words. */
unsigned x509_trust_verify(const x509_trust_t *t, const slice_t *ders, size_t n, const char *host, time_t at,
			   char *text, size_t textlen);
#endif
