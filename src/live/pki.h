/* pki.h - the demo PKI of the live mode: a CA, a server certificate for
 * server.example and a client certificate, made in memory with GnuTLS.
 *
 * The demo PKI is generated once per process (three RSA 2048 keys take a
 * moment) and cached; pki_free() releases the cache.  Which certificates
 * exist is a table in pki.c (pki_specs), so a later failure scenario can
 * issue a variant (expired, wrong name, other CA) with pki_issue() from a
 * spec of its own.  Not thread-safe. */
#ifndef TLSTRACE_PKI_H
#define TLSTRACE_PKI_H

#include <stdbool.h>
#include <stddef.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include "../base/bytes.h"
#include "../base/err.h"

/* The DNS name the demo server certificate is issued for (and the SNI). */
#define PKI_SERVER_NAME "server.example"

/* What a certificate should say; times are seconds relative to now. */
typedef struct {
	const char *dn;          /* "CN=..." */
	const char *dns_name;    /* subjectAltName dNSName, or NULL */
	bool is_ca;              /* basicConstraints CA:TRUE */
	unsigned key_usage;      /* GNUTLS_KEY_* bits */
	const char *ext_key_usage; /* GNUTLS_KP_* OID, or NULL */
	long not_before;         /* e.g. -86400: valid since yesterday */
	long not_after;          /* e.g. 365 days */
	unsigned key_bits;       /* RSA modulus size */
} pki_spec_t;

/* A key and its certificate.  Owned by whoever made it (the cache for the
 * demo PKI; the caller of pki_issue otherwise, freed with pki_identity_free). */
typedef struct {
	gnutls_x509_crt_t crt;
	gnutls_x509_privkey_t key;
	gnutls_privkey_t pkey;   /* abstract view of key (for premaster recovery) */
} pki_identity_t;

typedef struct {
	pki_identity_t ca, server, client;
	gnutls_datum_t ca_der;   /* owned by the cache (gnutls_free) */
} pki_t;

/* The demo PKI, generated on first use.  On failure, why says what GnuTLS
 * refused. */
err_t pki_demo(const pki_t **out, char *why, size_t whylen) WUR;
/* Issues a certificate for a fresh key: signed by issuer, or self-signed
 * when issuer is NULL. */
err_t pki_issue(const pki_spec_t *spec, const pki_identity_t *issuer, pki_identity_t *out,
		char *why, size_t whylen) WUR;
void  pki_identity_free(pki_identity_t *id);
/* Releases the cached demo PKI (tests and valgrind runs call it at exit).
 * Pointers handed out by pki_demo become invalid. */
void  pki_free(void);

#endif
