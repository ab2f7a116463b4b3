/* pki.c - the demo PKI: keys and X.509 certificates generated in memory by
 * GnuTLS, once per process.  It makes certificates; it never runs TLS. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <gnutls/crypto.h>
#include "pki.h"

#define DAY (24L * 60 * 60)

/* Every identity: what its certificate says and who signs it (an index
 * into this table; -1: self-signed).  The first three are the demo chain;
 * the rest are the variants failure scenarios present. */
static const struct pki_entry {
	pki_spec_t spec;
	int issuer;
} pki_specs[PKI_ID__COUNT] = {
	[PKI_ID_CA] = { {
		.dn = "CN=tlstrace demo CA,O=tlstrace", .is_ca = true,
		.key_usage = GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN,
		.not_before = -DAY, .not_after = 10 * 365 * DAY, .key_bits = 2048,
	}, -1 },
	[PKI_ID_SERVER] = { {
		.dn = "CN=" PKI_SERVER_NAME ",O=tlstrace", .dns_name = PKI_SERVER_NAME,
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT,
		.ext_key_usage = GNUTLS_KP_TLS_WWW_SERVER,
		.not_before = -DAY, .not_after = 365 * DAY, .key_bits = 2048,
	}, PKI_ID_CA },
	[PKI_ID_CLIENT] = { {
		.dn = "CN=tlstrace demo client,O=tlstrace",
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE,
		.ext_key_usage = GNUTLS_KP_TLS_WWW_CLIENT,
		.not_before = -DAY, .not_after = 365 * DAY, .key_bits = 2048,
	}, PKI_ID_CA },
	[PKI_ID_OTHER_CA] = { {
		.dn = "CN=Elsewhere Root CA,O=elsewhere", .is_ca = true,
		.key_usage = GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN,
		.not_before = -DAY, .not_after = 10 * 365 * DAY, .key_bits = 2048,
	}, -1 },
	[PKI_ID_SERVER_OTHER_CA] = { {
		.dn = "CN=" PKI_SERVER_NAME ",O=tlstrace", .dns_name = PKI_SERVER_NAME,
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT,
		.ext_key_usage = GNUTLS_KP_TLS_WWW_SERVER,
		.not_before = -DAY, .not_after = 365 * DAY, .key_bits = 2048,
	}, PKI_ID_OTHER_CA },
	/* RFC 5280 4.1.2.5: valid from 30 days ago until yesterday. */
	[PKI_ID_SERVER_EXPIRED] = { {
		.dn = "CN=" PKI_SERVER_NAME ",O=tlstrace", .dns_name = PKI_SERVER_NAME,
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT,
		.ext_key_usage = GNUTLS_KP_TLS_WWW_SERVER,
		.not_before = -30 * DAY, .not_after = -DAY, .key_bits = 2048,
	}, PKI_ID_CA },
	[PKI_ID_SERVER_OTHER_NAME] = { {
		.dn = "CN=" PKI_OTHER_NAME ",O=tlstrace", .dns_name = PKI_OTHER_NAME,
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT,
		.ext_key_usage = GNUTLS_KP_TLS_WWW_SERVER,
		.not_before = -DAY, .not_after = 365 * DAY, .key_bits = 2048,
	}, PKI_ID_CA },
	[PKI_ID_SPARE_KEY] = { {
		.dn = "CN=tlstrace spare key,O=tlstrace",
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT,
		.not_before = -DAY, .not_after = 365 * DAY, .key_bits = 2048,
	}, -1 },
};

static pki_t pki_cache;
static bool pki_ready;
/* The variants (PKI_ID_OTHER_CA and after), made on request. */
static pki_identity_t pki_extra[PKI_ID__COUNT];

/* Records what failed and returns ERR_GNUTLS. */
static err_t pki_fail(char *why, size_t whylen, const char *what, int rc)
{
	err_why(why, whylen, "demo PKI: %s failed: %s", what, gnutls_strerror(rc));
	return ERR_GNUTLS;
}

#define GT(call, what) do { int gt_rc_ = (call); \
	if (gt_rc_ < 0) return pki_fail(why, whylen, (what), gt_rc_); } while (0)

void pki_identity_free(pki_identity_t *id)
{
	if (id->pkey)
		gnutls_privkey_deinit(id->pkey);
	if (id->crt)
		gnutls_x509_crt_deinit(id->crt);
	if (id->key)
		gnutls_x509_privkey_deinit(id->key);
	memset(id, 0, sizeof *id);
}

/* A fresh positive 8-byte serial (RFC 5280 4.1.2.2: positive, unique per CA). */
static err_t pki_serial(gnutls_x509_crt_t crt, char *why, size_t whylen)
{
	uint8_t serial[8];

	GT(gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial), "random serial");
	serial[0] = (uint8_t)((serial[0] & 0x7f) | 0x01);
	GT(gnutls_x509_crt_set_serial(crt, serial, sizeof serial), "set serial");
	return ERR_OK;
}

static err_t pki_fill(const pki_spec_t *spec, const pki_identity_t *issuer, pki_identity_t *id,
		      char *why, size_t whylen)
{
	const pki_identity_t *signer = issuer ? issuer : id;
	time_t now = time(NULL);
	const char *bad = NULL;
	uint8_t kid[64];
	size_t kid_len = sizeof kid;

	GT(gnutls_x509_privkey_init(&id->key), "key init");
	GT(gnutls_x509_privkey_generate(id->key, GNUTLS_PK_RSA, spec->key_bits, 0), "RSA key generation");
	GT(gnutls_privkey_init(&id->pkey), "privkey init");
	GT(gnutls_privkey_import_x509(id->pkey, id->key, 0), "privkey import");
	GT(gnutls_x509_crt_init(&id->crt), "certificate init");
	GT(gnutls_x509_crt_set_version(id->crt, 3), "set version");
	TRY(pki_serial(id->crt, why, whylen));
	GT(gnutls_x509_crt_set_dn(id->crt, spec->dn, &bad), "set subject");
	GT(gnutls_x509_crt_set_key(id->crt, id->key), "set public key");
	GT(gnutls_x509_crt_set_activation_time(id->crt, now + spec->not_before), "set notBefore");
	GT(gnutls_x509_crt_set_expiration_time(id->crt, now + spec->not_after), "set notAfter");
	GT(gnutls_x509_crt_set_basic_constraints(id->crt, spec->is_ca, -1), "set basicConstraints");
	GT(gnutls_x509_crt_set_key_usage(id->crt, spec->key_usage), "set keyUsage");
	if (spec->ext_key_usage)
		GT(gnutls_x509_crt_set_key_purpose_oid(id->crt, spec->ext_key_usage, 1), "set extKeyUsage");
	if (spec->dns_name)
		GT(gnutls_x509_crt_set_subject_alt_name(id->crt, GNUTLS_SAN_DNSNAME, spec->dns_name,
							(unsigned)strlen(spec->dns_name), GNUTLS_FSAN_SET),
		   "set subjectAltName");
	for (const char *const *n = spec->alt_names; n && *n; n++) {
		uint8_t ip[16];
		bool v4 = inet_pton(AF_INET, *n, ip) == 1, v6 = !v4 && inet_pton(AF_INET6, *n, ip) == 1;
		/* RFC 5280 4.2.1.6: an iPAddress is 4 or 16 octets in network order */
		if (v4 || v6)
			GT(gnutls_x509_crt_set_subject_alt_name(id->crt, GNUTLS_SAN_IPADDRESS, ip, v4 ? 4 : 16,
								spec->dns_name || n != spec->alt_names ?
								GNUTLS_FSAN_APPEND : GNUTLS_FSAN_SET), "add an iPAddress");
		else
			GT(gnutls_x509_crt_set_subject_alt_name(id->crt, GNUTLS_SAN_DNSNAME, *n, (unsigned)strlen(*n),
								spec->dns_name || n != spec->alt_names ?
								GNUTLS_FSAN_APPEND : GNUTLS_FSAN_SET), "add a dNSName");
	}
	GT(gnutls_x509_crt_get_key_id(id->crt, 0, kid, &kid_len), "key id");
	GT(gnutls_x509_crt_set_subject_key_id(id->crt, kid, kid_len), "set subjectKeyIdentifier");
	if (issuer) {
		kid_len = sizeof kid;
		GT(gnutls_x509_crt_get_key_id(issuer->crt, 0, kid, &kid_len), "issuer key id");
		GT(gnutls_x509_crt_set_authority_key_id(id->crt, kid, kid_len), "set authorityKeyIdentifier");
	}
	GT(gnutls_x509_crt_sign2(id->crt, signer->crt, signer->key, GNUTLS_DIG_SHA256, 0), "signing");
	return ERR_OK;
}

err_t pki_issue(const pki_spec_t *spec, const pki_identity_t *issuer, pki_identity_t *out,
		char *why, size_t whylen)
{
	err_t e;

	memset(out, 0, sizeof *out);
	e = pki_fill(spec, issuer, out, why, whylen);
	if (e != ERR_OK)
		pki_identity_free(out);
	return e;
}

void pki_free(void)
{
	int i;

	for (i = PKI_ID__COUNT - 1; i > PKI_ID_CLIENT; i--)
		pki_identity_free(&pki_extra[i]);
	if (!pki_ready)
		return;
	pki_identity_free(&pki_cache.client);
	pki_identity_free(&pki_cache.server);
	pki_identity_free(&pki_cache.ca);
	gnutls_free(pki_cache.ca_der.data);
	memset(&pki_cache, 0, sizeof pki_cache);
	pki_ready = false;
}

static err_t pki_build(char *why, size_t whylen)
{
	TRY(pki_issue(&pki_specs[PKI_ID_CA].spec, NULL, &pki_cache.ca, why, whylen));
	TRY(pki_issue(&pki_specs[PKI_ID_SERVER].spec, &pki_cache.ca, &pki_cache.server, why, whylen));
	TRY(pki_issue(&pki_specs[PKI_ID_CLIENT].spec, &pki_cache.ca, &pki_cache.client, why, whylen));
	GT(gnutls_x509_crt_export2(pki_cache.ca.crt, GNUTLS_X509_FMT_DER, &pki_cache.ca_der), "CA export");
	return ERR_OK;
}

err_t pki_demo(const pki_t **out, char *why, size_t whylen)
{
	err_t e;

	*out = NULL;
	if (!pki_ready) {
		pki_ready = true;           /* lets pki_free clean a half-built cache */
		e = pki_build(why, whylen);
		if (e != ERR_OK) {
			pki_free();
			return e;
		}
	}
	*out = &pki_cache;
	return ERR_OK;
}

err_t pki_get(pki_id_t id, const pki_identity_t **out, char *why, size_t whylen)
{
	const pki_identity_t *issuer = NULL;
	const pki_t *demo;

	*out = NULL;
	ENSURE((unsigned)id < PKI_ID__COUNT, ERR_BAD_VALUE);
	TRY(pki_demo(&demo, why, whylen));
	if (id <= PKI_ID_CLIENT) {
		*out = id == PKI_ID_CA ? &demo->ca : id == PKI_ID_SERVER ? &demo->server : &demo->client;
		return ERR_OK;
	}
	if (!pki_extra[id].crt) {
		if (pki_specs[id].issuer >= 0)
			TRY(pki_get((pki_id_t)pki_specs[id].issuer, &issuer, why, whylen));
		TRY(pki_issue(&pki_specs[id].spec, issuer, &pki_extra[id], why, whylen));
	}
	*out = &pki_extra[id];
	return ERR_OK;
}

void pki_subject(const pki_identity_t *id, char *out, size_t len)
{
	gnutls_datum_t dn = { NULL, 0 };

	if (!len)
		return;
	out[0] = '\0';
	if (id->crt && gnutls_x509_crt_get_dn3(id->crt, &dn, 0) >= 0)
		snprintf(out, len, "%s", (const char *)dn.data);
	gnutls_free(dn.data);
}
