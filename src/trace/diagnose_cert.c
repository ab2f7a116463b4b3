/* diagnose_cert.c - the diagnosis of a refused certificate (step 5):
 * the facts of a certificate on the wire (who it names, who issued it,
 * when it is valid, whether it fits the name the client asked for, RFC
 * 6125 through GnuTLS) and the causes they support.  It reads the DER the
 * trace holds; it never verifies a chain (the peer did that, and the trace
 * shows its verdict). */
#include <stdio.h>
#include <stdlib.h>
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
	if (ch && side == SIDE_SERVER && ch->hello.sni)
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
	{
		unsigned bits = 0;
		int pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
		const char *pn = pk == GNUTLS_PK_RSA || pk == GNUTLS_PK_RSA_PSS ? "RSA" :
				 pk == GNUTLS_PK_EC ? "ECDSA" : pk == GNUTLS_PK_DSA ? "DSA" :
				 pk == GNUTLS_PK_EDDSA_ED25519 ? "Ed25519" : pk == GNUTLS_PK_EDDSA_ED448 ? "Ed448" : "";
		out->key_bits = pk >= 0 ? bits : 0;
		snprintf(out->key_alg, sizeof out->key_alg, "%s", pn);
	}
	/* RFC 6125 6.4: dNSName first, the CN only when there is none. */
	out->name_matches = out->sni[0] && gnutls_x509_crt_check_hostname2(crt, out->sni, 0) != 0;
	gnutls_x509_crt_deinit(crt);
	out->have = true;
	return true;
}

/* ---- step 5: certificates ---- */

/* Live: the client's GnuTLS verdict on the chain, as evidence. */
static void diag_cert_verdict(const diag_t *d, char *line, size_t len)
{
	if (d->h->cert_checked && d->h->cert_status)
		diagnose_cat(line, len, "; GnuTLS's verdict (status 0x%x): %s", d->h->cert_status, d->h->cert_verdict ?
			 d->h->cert_verdict : "");
}

/* The certificate as the evidence names it: "\"CN=...\" (names: a, b)". */
static void diag_cert_label(const diag_cert_t *c, char *out, size_t len)
{
	snprintf(out, len, "\"%s\"", c->subject);
	if (c->names[0])
		diagnose_cat(out, len, " (names: %s)", c->names);
}

/* The certificate could not be read: one cause from the kind alone. */
static void diag_cert_unreadable(const diag_t *d, const char *what)
{
	char line[2 * DIAG_LINE];

	snprintf(line, sizeof line, "%s (the certificate itself could not be read here)", what);
	diag_cert_verdict(d, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	diagnose_gnutls_words(d);
}

void diagnose_causes_untrusted(const diag_t *d)
{
	diag_cert_t c;
	char label[DIAG_LINE], line[3 * DIAG_LINE];

	if (!diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		diag_cert_unreadable(d, "the server's certificate was issued by an authority the client does not trust");
		return;
	}
	diag_cert_label(&c, label, sizeof label);
	if (c.self_signed)
		snprintf(line, sizeof line, "the certificate is self-signed: it vouches for itself, and the client "
			 "trusts no such certificate. Evidence: %s is its own issuer", label);
	else
		snprintf(line, sizeof line, "the certificate was issued by a CA the client does not trust. Evidence: "
			 "%s was issued by \"%s\"", label, c.issuer);
	diagnose_config(d->h->client_config, line, sizeof line);
	diag_cert_verdict(d, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	if (!c.self_signed && c.chain_len == 1)
		handshake_add_cause(d->h, "the server left out an intermediate certificate: if \"%s\" is an "
				    "intermediate CA, the server must send it too so the client can link the chain to a "
				    "root it trusts. Evidence: the server sent only its own certificate", c.issuer);
	else if (!c.self_signed)
		handshake_add_cause(d->h, "the client's list of trusted CAs lacks the root of this chain. Evidence: "
				    "the server sent %zu certificates and the client still found no CA it trusts",
				    c.chain_len);
	diagnose_gnutls_words(d);
}

void diagnose_causes_validity(const diag_t *d)
{
	diag_cert_t c;
	char label[DIAG_LINE], bound[64], now[64], line[3 * DIAG_LINE];
	bool expired = d->kind == DK_CERT_EXPIRED;
	time_t when;
	double days;

	if (!diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		diag_cert_unreadable(d, expired ? "the server's certificate is past its end of validity"
					: "the server's certificate is not valid yet");
		return;
	}
	when = c.when > 0 ? (time_t)c.when : time(NULL);
	diag_cert_label(&c, label, sizeof label);
	diagnose_time_text(expired ? c.not_after : c.not_before, bound, sizeof bound);
	diagnose_time_text(when, now, sizeof now);
	days = difftime(when, expired ? c.not_after : c.not_before) / 86400.0;
	if (expired ? when <= c.not_after : when >= c.not_before) {
		/* The certificate is valid at the time of the handshake: the
		 * client's own clock is the likeliest culprit. */
		snprintf(line, sizeof line, "the client's clock is %s: the certificate is valid at the time of the "
			 "handshake (%s), yet the client says it is %s. Evidence: %s is valid from the %s of %s",
			 expired ? "ahead" : "behind", now, expired ? "expired" : "not valid yet", label,
			 expired ? "end" : "start", bound);
		diag_cert_verdict(d, line, sizeof line);
		handshake_add_cause(d->h, "%s", line);
		handshake_add_cause(d->h, "another certificate of the chain (an intermediate CA) is %s",
				    expired ? "expired" : "not valid yet");
		diagnose_gnutls_words(d);
		return;
	}
	if (expired)
		snprintf(line, sizeof line, "the server still uses an expired certificate. Evidence: %s was valid "
			 "until %s (not_after); the handshake took place at %s, %.1f days later", label, bound, now,
			 days);
	else
		snprintf(line, sizeof line, "the server uses a certificate that is not valid yet. Evidence: %s "
			 "becomes valid only at %s (not_before); the handshake took place at %s, %.1f days earlier",
			 label, bound, now, -days);
	diag_cert_verdict(d, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	handshake_add_cause(d->h, "the client's clock is %s: the certificate would be valid at the right time "
			    "(the time above is %s)", expired ? "ahead" : "behind",
			    d->h->server_config ? "this machine's clock" : "the capture's timestamp");
	diagnose_gnutls_words(d);
}

void diagnose_causes_name(const diag_t *d)
{
	diag_cert_t c;
	char line[3 * DIAG_LINE];

	if (!diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		diag_cert_unreadable(d, "the server's certificate names another host than the one the client wanted");
		return;
	}
	snprintf(line, sizeof line, "the certificate is for another name than the one the client wants. "
		 "Evidence: the client asked for %s%s%s, the certificate is for %s%s (subject \"%s\")",
		 c.sni[0] ? "\"" : "", c.sni[0] ? c.sni : "a name it did not send (no server_name)",
		 c.sni[0] ? "\" (server_name)" : "", c.names[0] ? c.names : "no DNS name",
		 c.names[0] ? " (subjectAltName)" : "", c.subject);
	diagnose_config(d->h->client_config, line, sizeof line);
	diag_cert_verdict(d, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	handshake_add_cause(d->h, "the server holds certificates for several sites and sent the wrong one (it "
			    "ignores or does not know the name the client asked for), or the client used another "
			    "name (an alias, an IP address) than the one the certificate was issued for");
	diagnose_gnutls_words(d);
}

/* The client refused the certificate without saying which check failed:
 * every cause the certificate's facts support, the likeliest first. */
void diagnose_causes_cert(const diag_t *d)
{
	diag_cert_t c;
	char bound[64], line[3 * DIAG_LINE];
	time_t when;

	if (diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		when = c.when > 0 ? (time_t)c.when : time(NULL);
		snprintf(line, sizeof line, "the client does not trust the CA that issued the certificate, or the "
			 "server left out an intermediate certificate. Evidence: \"%s\" was issued by \"%s\"; "
			 "the server sent %zu certificate%s", c.subject, c.issuer, c.chain_len,
			 c.chain_len == 1 ? "" : "s");
		diag_cert_verdict(d, line, sizeof line);
		handshake_add_cause(d->h, "%s", line);
		if (c.sni[0] && !c.name_matches)
			handshake_add_cause(d->h, "the certificate is for another name. Evidence: it is for %s, "
					    "the client asked for \"%s\"", c.names[0] ? c.names : "no DNS name", c.sni);
		if (when > c.not_after) {
			diagnose_time_text(c.not_after, bound, sizeof bound);
			handshake_add_cause(d->h, "the certificate has expired. Evidence: it was valid until %s", bound);
		}
	}
	handshake_add_cause(d->h, "the certificate is damaged, revoked, or uses an algorithm or key size the "
			    "client does not accept (the %s alert does not say which)", diagnose_alert_name(d->alert_id));
	diagnose_gnutls_words(d);
}

/* "\"CN=a\", \"CN=b\"": the CAs a CertificateRequest names (RFC 5246
 * 7.4.4 certificate_authorities), "" if none. */
static void diag_requested_cas(const handshake_t *h, char *out, size_t len)
{
	const msg_t *cr = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE_REQUEST);
	const field_t *cas = cr && cr->root ? field_find(cr->root, "certificate_authorities") : NULL;
	const field_t *f;

	out[0] = '\0';
	for (f = cas ? cas->kids : NULL; f; f = f->next)
		if (f->value)
			diagnose_cat(out, len, "%s\"%s\"", out[0] ? ", " : "", f->value);
}

void diagnose_causes_client_cert_missing(const diag_t *d)
{
	const msg_t *cc = handshake_find(d->h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE);
	char cas[DIAG_LINE], line[2 * DIAG_LINE];

	diag_requested_cas(d->h, cas, sizeof cas);
	snprintf(line, sizeof line, "the client has no certificate to send. Evidence: the server asked for one "
		 "(CertificateRequest, step 3) and the client %s",
		 cc ? "answered with an empty Certificate message (0 certificates)" : "sent no Certificate message");
	diagnose_config(d->h->client_config, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	if (cas[0])
		handshake_add_cause(d->h, "the client has a certificate, but none issued by a CA the server accepts, "
				    "so it sent none. Evidence: the server accepts certificates from %s", cas);
	else
		handshake_add_cause(d->h, "the client has a certificate, but not one the server's request fits "
				    "(its type or signature algorithm), so it sent none");
	if (d->h->server_config)
		handshake_add_cause(d->h, "the server requires a client certificate (live configuration: %s)",
				    d->h->server_config);
	diagnose_gnutls_words(d);
}

void diagnose_causes_client_cert_rejected(const diag_t *d)
{
	diag_cert_t c;
	char cas[DIAG_LINE];

	diag_requested_cas(d->h, cas, sizeof cas);
	if (diagnose_cert_facts(d->h, SIDE_CLIENT, &c))
		handshake_add_cause(d->h, "the server does not accept the client's certificate \"%s\" issued by "
				    "\"%s\": an issuer it does not trust, an expired certificate, or one not meant for "
				    "client authentication. Evidence: the client's Finished came after it; the server's "
				    "%s alert answered the client's flight%s%s", c.subject, c.issuer,
				    diagnose_alert_name(d->alert_id), cas[0] ? "; its CertificateRequest names the CAs " : "",
				    cas[0] ? cas : "");
	else
		handshake_add_cause(d->h, "the server does not accept the client's certificate");
	if (cas[0] && diagnose_cert_facts(d->h, SIDE_CLIENT, &c) && !strstr(cas, c.issuer))
		handshake_add_cause(d->h, "the client sent a certificate from a CA the server did not ask for. "
				    "Evidence: issued by \"%s\", the server accepts %s", c.issuer, cas);
	diagnose_gnutls_words(d);
}
