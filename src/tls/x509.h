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

/* The facts a report over many certificates needs (tlstrace read --stats). */
typedef struct {
	char subject[256], issuer[256];   /* RFC 4514 text, cut to fit; "" when unreadable */
	time_t not_before, not_after;     /* -1 when unreadable */
	char key_alg[16];                 /* "RSA", "ECDSA", "DSA", "Ed25519", "Ed448", "" */
	unsigned key_bits;                /* 0 when unknown */
	char sig_alg[48];                 /* GnuTLS's name: "RSA-SHA256", "ECDSA-SHA384", ... */
	bool sig_sha1, sig_md5;           /* the signature hashes with SHA-1 / MD5 (weak) */
} x509_facts_t;

/* Reads der's facts into *out: ERR_OK, or ERR_GNUTLS when GnuTLS cannot
 * read the certificate (*out then zeroed). */
err_t x509_facts(slice_t der, x509_facts_t *out) WUR;

#endif
