/* x509_facts.c - one certificate's facts for the step where the client
 * checks the server's chain (see x509.h): subject, issuer, names, dates,
 * key and signature algorithm, and the host name check, read with GnuTLS.
 *
 * Must not: decide trust (the verdict is GnuTLS's, in the live run, or
 * the trace layer's check against a CA bundle). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "x509.h"

static bool x509_import(slice_t der, gnutls_x509_crt_t *crt, const char **why)
{
	gnutls_datum_t d;
	int ret;

	if (der.len > UINT_MAX) {
		*why = "too large";
		return false;
	}
	ret = gnutls_x509_crt_init(crt);
	if (ret < 0) {
		*why = gnutls_strerror(ret);
		return false;
	}
	d.data = (unsigned char *)der.ptr;   /* GnuTLS only reads it */
	d.size = (unsigned)der.len;
	ret = gnutls_x509_crt_import(*crt, &d, GNUTLS_X509_FMT_DER);
	if (ret < 0) {
		*why = gnutls_strerror(ret);
		gnutls_x509_crt_deinit(*crt);
		return false;
	}
	return true;
}

static char *x509_printable(const unsigned char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++)
		out[i] = (s[i] < 0x20 || s[i] == 0x7f) ? '?' : (char)s[i];
	out[n] = '\0';
	return out;
}

typedef int (*x509_dn_fn)(gnutls_x509_crt_t, gnutls_datum_t *, unsigned);

static char *x509_dn(gnutls_x509_crt_t crt, x509_dn_fn get)
{
	gnutls_datum_t dn = { NULL, 0 };
	char *s = NULL;

	if (get(crt, &dn, 0) >= 0 && dn.data)
		s = x509_printable(dn.data, dn.size);
	gnutls_free(dn.data);
	return s;
}

/* RFC 5280 4.2.1.6: the dNSName, rfc822Name and URI entries, in order. */
static char *x509_sans(gnutls_x509_crt_t crt)
{
	char *all = NULL;
	size_t used = 0;
	unsigned seq;

	for (seq = 0; seq < 64; seq++) {
		char buf[256];
		size_t size = sizeof buf - 1;
		int ret = gnutls_x509_crt_get_subject_alt_name(crt, seq, buf, &size, NULL);
		char *item, *grown;

		if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (ret < 0 || (ret != GNUTLS_SAN_DNSNAME && ret != GNUTLS_SAN_RFC822NAME && ret != GNUTLS_SAN_URI))
			continue;
		item = x509_printable((unsigned char *)buf, size);
		if (!item)
			break;
		grown = realloc(all, used + strlen(item) + 3);
		if (!grown) {
			free(item);
			break;
		}
		all = grown;
		used += (size_t)sprintf(all + used, "%s%s", used ? ", " : "", item);
		free(item);
	}
	return all;
}

err_t x509_facts(slice_t der, x509_facts_t *out, const char **why)
{
	gnutls_x509_crt_t crt;
	unsigned bits = 0, critical = 0;
	const char *name;
	int alg;

	memset(out, 0, sizeof *out);
	*why = NULL;
	if (!x509_import(der, &crt, why))
		return ERR_GNUTLS;
	out->subject = x509_dn(crt, gnutls_x509_crt_get_dn3);
	out->issuer = x509_dn(crt, gnutls_x509_crt_get_issuer_dn3);
	out->sans = x509_sans(crt);
	out->not_before = gnutls_x509_crt_get_activation_time(crt);
	out->not_after = gnutls_x509_crt_get_expiration_time(crt);
	alg = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
	name = alg >= 0 ? gnutls_pk_get_name((gnutls_pk_algorithm_t)alg) : NULL;
	snprintf(out->key, sizeof out->key, "%s %u bits", name ? name : "unknown", bits);
	snprintf(out->key_alg, sizeof out->key_alg, "%s",
		 alg == GNUTLS_PK_RSA || alg == GNUTLS_PK_RSA_PSS ? "RSA" : alg == GNUTLS_PK_EC ? "ECDSA" :
		 alg == GNUTLS_PK_DSA ? "DSA" : alg == GNUTLS_PK_EDDSA_ED25519 ? "Ed25519" :
		 alg == GNUTLS_PK_EDDSA_ED448 ? "Ed448" : "");
	out->key_bits = alg >= 0 ? bits : 0;
	alg = gnutls_x509_crt_get_signature_algorithm(crt);
	name = alg >= 0 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)alg) : NULL;
	snprintf(out->sig_alg, sizeof out->sig_alg, "%s", name ? name : "unknown");
	if (alg >= 0) {
		gnutls_digest_algorithm_t h = gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)alg);
		out->sig_sha1 = h == GNUTLS_DIG_SHA1;
		out->sig_md5 = h == GNUTLS_DIG_MD5;
	}
	out->is_ca = gnutls_x509_crt_get_ca_status(crt, &critical) > 0;
	out->self_signed = out->subject && out->issuer && strcmp(out->subject, out->issuer) == 0;
	gnutls_x509_crt_deinit(crt);
	return ERR_OK;
}

void x509_facts_free(x509_facts_t *f)
{
	free(f->subject);
	free(f->issuer);
	free(f->sans);
	memset(f, 0, sizeof *f);
}

bool x509_host_matches(slice_t der, const char *host, bool *by_cn)
{
	gnutls_x509_crt_t crt;
	const char *why;
	bool ok, has_dns = false;
	unsigned seq;

	*by_cn = false;
	if (!host || !x509_import(der, &crt, &why))
		return false;
	for (seq = 0; seq < 64; seq++) {
		char buf[256];
		size_t size = sizeof buf;
		int ret = gnutls_x509_crt_get_subject_alt_name(crt, seq, buf, &size, NULL);
		if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (ret == GNUTLS_SAN_DNSNAME)
			has_dns = true;
	}
	ok = gnutls_x509_crt_check_hostname2(crt, host, 0) != 0;
	*by_cn = ok && !has_dns;
	gnutls_x509_crt_deinit(crt);
	return ok;
}
