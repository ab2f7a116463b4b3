/* verify.c - step 5 in words (see verify.h): GnuTLS's status bits said
 * plainly, with the chain as sent to tell a missing intermediate from an
 * unknown root, and each certificate described as an engineer reads it. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <gnutls/x509.h>
#include "verify.h"

static void net_cat(char *out, size_t len, const char *s)
{
	size_t at = strlen(out);

	if (at < len)
		snprintf(out + at, len - at, "%s", s);
}

/* GnuTLS's status bits in plain words, the likeliest meaning first. */
void net_verify_words(gnutls_session_t s, unsigned st, char *out, size_t len)
{
	unsigned n = 0;
	const gnutls_datum_t *chain = gnutls_certificate_get_peers(s, &n);
	bool last_self = false;

	if (chain && n) {
		gnutls_x509_crt_t c;
		if (gnutls_x509_crt_init(&c) >= 0) {
			if (gnutls_x509_crt_import(c, &chain[n - 1], GNUTLS_X509_FMT_DER) >= 0) {
				gnutls_datum_t sub = { 0 }, iss = { 0 };
				if (gnutls_x509_crt_get_dn3(c, &sub, 0) >= 0 && gnutls_x509_crt_get_issuer_dn3(c, &iss, 0) >= 0)
					last_self = sub.size == iss.size && memcmp(sub.data, iss.data, sub.size) == 0;
				gnutls_free(sub.data);
				gnutls_free(iss.data);
			}
			gnutls_x509_crt_deinit(c);
		}
	}
	if (st & GNUTLS_CERT_EXPIRED)
		net_cat(out, len, "; in plain words: a certificate of the chain has EXPIRED");
	if (st & GNUTLS_CERT_NOT_ACTIVATED)
		net_cat(out, len, "; in plain words: a certificate of the chain is NOT VALID YET");
	if (st & GNUTLS_CERT_UNEXPECTED_OWNER)
		net_cat(out, len, "; in plain words: NAME MISMATCH: the certificate is not for the name the client asked for");
	if (st & GNUTLS_CERT_SIGNER_NOT_FOUND) {
		if (last_self || n == 0)
			net_cat(out, len, "; in plain words: UNTRUSTED CA: the chain ends at a CA this client does not trust");
		else
			net_cat(out, len, "; in plain words: the chain breaks: a MISSING INTERMEDIATE (the server did not "
				"send the certificate of its issuer) or an untrusted CA");
	}
	if (st & GNUTLS_CERT_REVOKED)
		net_cat(out, len, "; in plain words: a certificate of the chain is REVOKED");
	if (st & GNUTLS_CERT_INSECURE_ALGORITHM)
		net_cat(out, len, "; in plain words: signed with an INSECURE algorithm");
}

/* One certificate as sent, in words. */
void net_verify_describe(const gnutls_datum_t *der, char *out, size_t len)
{
	gnutls_x509_crt_t c;
	gnutls_datum_t sub = { 0 }, iss = { 0 };
	char names[160] = "", from[32] = "", to[32] = "", state[64];
	time_t nb, na, now = time(NULL);
	unsigned bits = 0, i;
	int pk, sig;
	struct tm tm;

	if (gnutls_x509_crt_init(&c) < 0 || gnutls_x509_crt_import(c, der, GNUTLS_X509_FMT_DER) < 0) {
		snprintf(out, len, "(GnuTLS cannot read it)");
		gnutls_x509_crt_deinit(c);
		return;
	}
	(void)gnutls_x509_crt_get_dn3(c, &sub, 0);
	(void)gnutls_x509_crt_get_issuer_dn3(c, &iss, 0);
	for (i = 0; i < 8; i++) {
		char n[128];
		size_t nl = sizeof n - 1;
		int t = gnutls_x509_crt_get_subject_alt_name(c, i, n, &nl, NULL);
		if (t < 0)
			break;
		if (t == GNUTLS_SAN_DNSNAME) {
			n[nl < sizeof n ? nl : sizeof n - 1] = '\0';
			net_cat(names, sizeof names, names[0] ? ", " : "");
			net_cat(names, sizeof names, n);
		} else if (t == GNUTLS_SAN_IPADDRESS)
			net_cat(names, sizeof names, names[0] ? ", (an IP address)" : "(an IP address)");
	}
	nb = gnutls_x509_crt_get_activation_time(c);
	na = gnutls_x509_crt_get_expiration_time(c);
	if (gmtime_r(&nb, &tm))
		strftime(from, sizeof from, "%Y-%m-%d", &tm);
	if (gmtime_r(&na, &tm))
		strftime(to, sizeof to, "%Y-%m-%d", &tm);
	if (now > na)
		snprintf(state, sizeof state, "EXPIRED %.0f days ago", difftime(now, na) / 86400);
	else if (now < nb)
		snprintf(state, sizeof state, "NOT VALID YET (for %.0f more days)", difftime(nb, now) / 86400);
	else
		snprintf(state, sizeof state, "valid now, %.0f days left", difftime(na, now) / 86400);
	pk = gnutls_x509_crt_get_pk_algorithm(c, &bits);
	sig = gnutls_x509_crt_get_signature_algorithm(c);
	snprintf(out, len, "subject \"%.100s\", issuer \"%.100s\"%s%.100s; valid %s to %s (%s); key %s %u bits; "
		 "signed with %s", sub.data ? (const char *)sub.data : "", iss.data ? (const char *)iss.data : "",
		 names[0] ? "; names " : "", names, from, to, state, pk >= 0 ? gnutls_pk_get_name((gnutls_pk_algorithm_t)pk) : "?",
		 bits, sig >= 0 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)sig) : "?");
	gnutls_free(sub.data);
	gnutls_free(iss.data);
	gnutls_x509_crt_deinit(c);
}
