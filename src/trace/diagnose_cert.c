/* diagnose_cert.c - the facts of a certificate on the wire, for the
 * diagnosis of a rejected one: who it names, who issued it, when it is
 * valid, and whether it fits the name the client asked for (RFC 6125,
 * through GnuTLS).  It reads the DER the trace holds; it never verifies a
 * chain (the peer did that, and the trace shows its verdict). */
#include <stdio.h>
#include <string.h>
#include <gnutls/x509.h>
#include "diagnose_int.h"

void diagnose_time_text(time_t t, char *out, size_t len)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, len, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(out, len, "(time %lld)", (long long)t);
}

static void diagnose_cert_dn(gnutls_x509_crt_t crt, bool issuer, char *out, size_t len)
{
	gnutls_datum_t dn = { NULL, 0 };
	int rc = issuer ? gnutls_x509_crt_get_issuer_dn3(crt, &dn, 0) : gnutls_x509_crt_get_dn3(crt, &dn, 0);

	snprintf(out, len, "%s", rc >= 0 && dn.data ? (const char *)dn.data : "");
	gnutls_free(dn.data);
}

/* RFC 5280 4.2.1.6: the dNSName entries of subjectAltName. */
static void diagnose_cert_names(gnutls_x509_crt_t crt, char *out, size_t len)
{
	size_t at = 0;
	unsigned i;

	out[0] = '\0';
	for (i = 0; at < len; i++) {
		char name[256];
		size_t n = sizeof name - 1;
		int rc = gnutls_x509_crt_get_subject_alt_name(crt, i, name, &n, NULL);

		if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (rc != GNUTLS_SAN_DNSNAME)
			continue;
		name[n < sizeof name ? n : sizeof name - 1] = '\0';
		at += (size_t)snprintf(out + at, len - at, "%s%s", at ? ", " : "", name);
	}
}

bool diagnose_cert_facts(const handshake_t *h, int side, diag_cert_t *out)
{
	const msg_t *m = handshake_find(h, side, CT_HANDSHAKE, HS_CERTIFICATE);
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	gnutls_x509_crt_t crt;
	gnutls_datum_t der;
	slice_t leaf;

	memset(out, 0, sizeof *out);
	if (ch && side == SIDE_SERVER)
		snprintf(out->sni, sizeof out->sni, "%s", ch->hello.sni);
	if (!m || m->opaque || m->ncerts == 0)
		return false;
	out->chain_len = m->ncerts;
	out->when = m->time;
	leaf = msg_span(m, m->certs[0]);
	der.data = (unsigned char *)(uintptr_t)leaf.ptr;
	der.size = (unsigned)leaf.len;
	if (gnutls_x509_crt_init(&crt) < 0)
		return false;
	if (gnutls_x509_crt_import(crt, &der, GNUTLS_X509_FMT_DER) < 0) {
		gnutls_x509_crt_deinit(crt);
		return false;
	}
	diagnose_cert_dn(crt, false, out->subject, sizeof out->subject);
	diagnose_cert_dn(crt, true, out->issuer, sizeof out->issuer);
	diagnose_cert_names(crt, out->names, sizeof out->names);
	out->self_signed = out->subject[0] && strcmp(out->subject, out->issuer) == 0;
	out->not_before = gnutls_x509_crt_get_activation_time(crt);
	out->not_after = gnutls_x509_crt_get_expiration_time(crt);
	/* RFC 6125 6.4: dNSName first, the CN only when there is none. */
	out->name_matches = out->sni[0] && gnutls_x509_crt_check_hostname2(crt, out->sni, 0) != 0;
	gnutls_x509_crt_deinit(crt);
	out->have = true;
	return true;
}
