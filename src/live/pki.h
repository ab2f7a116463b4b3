/* pki.h - the demo PKI of the live mode: a CA, a server certificate for
 * server.example and a client certificate, made in memory with GnuTLS.
 *
 * The demo PKI is generated once per process (three RSA 2048 keys take a
 * moment) and cached; pki_free() releases the cache.  Which certificates
 * exist is a table in pki.c (pki_specs): the demo chain, and the variants
 * the failure scenarios present (another CA, expired, another name, a
 * spare key), each issued on first request with pki_issue() and cached
 * too.  Not thread-safe. */
#ifndef TLSTRACE_PKI_H
#define TLSTRACE_PKI_H

#include <stdbool.h>
#include <stddef.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include "base/bytes.h"
#include "base/err.h"

/* The DNS name the demo server certificate is issued for (and the SNI). */
#define PKI_SERVER_NAME "server.example"
/* The name on the certificate of the wrong-hostname scenario. */
#define PKI_OTHER_NAME "other.example"

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
	/* More subjectAltNames after dns_name: each an IPv4 or IPv6 address
	 * (an iPAddress entry) or else a DNS name; NULL-terminated, or NULL. */
	const char *const *alt_names;
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

/* Every identity the live mode can present: the demo chain, and the
 * variants the failure scenarios need (made on first request, cached
 * like the demo PKI). */
typedef enum {
	PKI_ID_CA,               /* the demo CA, which both sides trust */
	PKI_ID_SERVER,           /* server.example, issued by the demo CA */
	PKI_ID_CLIENT,           /* the demo client certificate */
	PKI_ID_OTHER_CA,         /* a CA nobody in the live mode trusts */
	PKI_ID_SERVER_OTHER_CA,  /* server.example, issued by that other CA */
	PKI_ID_SERVER_EXPIRED,   /* server.example, expired yesterday */
	PKI_ID_SERVER_OTHER_NAME,/* a certificate for another name, by the demo CA */
	PKI_ID_SPARE_KEY,        /* a key (and self-signed certificate) belonging to no server */
	PKI_ID__COUNT
} pki_id_t;

/* The demo PKI, generated on first use.  On failure, why says what GnuTLS
 * refused. */
err_t pki_demo(const pki_t **out, char *why, size_t whylen) WUR;
/* One identity (the demo PKI's own three, or a variant), generated on
 * first use; borrowed until pki_free. */
err_t pki_get(pki_id_t id, const pki_identity_t **out, char *why, size_t whylen) WUR;
/* Its subject DN as text ("CN=...,O=..."), "" if unreadable. */
void  pki_subject(const pki_identity_t *id, char *out, size_t len);
/* Issues a certificate for a fresh key: signed by issuer, or self-signed
 * when issuer is NULL. */
err_t pki_issue(const pki_spec_t *spec, const pki_identity_t *issuer, pki_identity_t *out,
		char *why, size_t whylen) WUR;
void  pki_identity_free(pki_identity_t *id);
/* Releases the cached demo PKI (tests and valgrind runs call it at exit).
 * Pointers handed out by pki_demo become invalid. */
void  pki_free(void);

#endif
