/* ui_step5.c - what the client checks at step 5, in the Explain document
 * (and so in the Fields tab of the message-less stop): the verdict first,
 * then the host name check (SNI against the leaf's names), then the chain
 * as sent, one certificate after another: subject, issuer, names, dates
 * against the handshake's time, key and signature algorithm, and whether
 * it names the next one as its issuer.  Lays out trace/chain.h; computes
 * nothing. */
#include <stdio.h>
#include <time.h>
#include "trace/chain.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_lang.h"
#include "ui_text.h"

static void ui_step5_date(time_t t, char *buf, size_t n)
{
	struct tm tm;

	if (t == (time_t)-1 || !gmtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M:%SZ", &tm))
		snprintf(buf, n, "%s", UI_T("unreadable"));
}

static void ui_step5_verdict(const handshake_t *h, ui_doc_t *d)
{
	/* GnuTLS words its verdict in English: in Japanese the verdict
	 * comes first, GnuTLS's sentence after it as a quotation */
	char said[512];

	if (h->cert_verdict && ui_lang() == LANG_JA)
		snprintf(said, sizeof said, "%s「%s」", h->cert_status ? UI_T("not trusted: GnuTLS says") :
			 UI_T("trusted: GnuTLS says"), h->cert_verdict);
	else
		snprintf(said, sizeof said, "%s", h->cert_verdict ? h->cert_verdict : "");
	if (h->cert_checked)
		ui_doc_kv(d, UI_T("verdict"), h->cert_status ? UI_C_FAIL : UI_C_OK, UI_T("%s %s (%s, status 0x%x)"),
			  ui_glyph(h->cert_status ? UI_G_FAIL : UI_G_DONE),
			  h->cert_verdict ? said : h->cert_status ? UI_T("not trusted") : UI_T("trusted"),
			  h->cert_by_ca ? UI_T("checked here against --ca, at the capture's time") : UI_T("the client's GnuTLS"),
			  h->cert_status);
	else
		ui_doc_kv(d, UI_T("verdict"), UI_C_DIM, "%s", UI_T("not known: a capture shows what was sent, not what the client "
			  "concluded (read --ca FILE checks the chain against a CA bundle)"));
}

static void ui_step5_cert(const chain_t *c, size_t i, int side, ui_doc_t *d)
{
	const chain_cert_t *cc = &c->v[i];
	const x509_facts_t *f = &cc->facts;
	char from[40], to[40];

	ui_doc_text(d, 0, UI_C_HEAD, UI_T("certificate %zu of %zu%s"), i + 1, c->sent,
		    i == 0 ? (side == SIDE_SERVER ? UI_T(" (the server's own)") : UI_T(" (the client's own)")) : f->self_signed ? UI_T(" (self-signed: a root)") : "");
	if (cc->unreadable) {
		ui_doc_kv(d, UI_T("  unreadable"), UI_C_FAIL, "%s", cc->unreadable);
		return;
	}
	ui_doc_kv(d, UI_T("  subject"), UI_C_NORMAL, "%s", f->subject ? f->subject : UI_T("(empty)"));
	ui_doc_kv(d, UI_T("  issuer"), i + 1 < c->n && !cc->issuer_next ? UI_C_WARN : UI_C_NORMAL, "%s%s",
		  f->issuer ? f->issuer : UI_T("(empty)"),
		  i + 1 < c->n ? (cc->issuer_next ? UI_T("  (the next certificate)") : UI_T("  (NOT the next certificate)")) : "");
	if (f->sans)
		ui_doc_kv(d, UI_T("  names (SAN)"), UI_C_NORMAL, "%s", f->sans);
	ui_step5_date(f->not_before, from, sizeof from);
	ui_step5_date(f->not_after, to, sizeof to);
	ui_doc_kv(d, UI_T("  valid"), cc->valid ? UI_C_FAIL : UI_C_OK, UI_T("%s to %s: %s"), from, to,
		  cc->valid < 0 ? UI_T("NOT YET VALID then") : cc->valid > 0 ? UI_T("EXPIRED then") : UI_T("valid then"));
	ui_doc_kv(d, UI_T("  key"), UI_C_NORMAL, "%s%s", f->key, f->is_ca ? UI_T(", a CA") : "");
	ui_doc_kv(d, UI_T("  signed with"), UI_C_NORMAL, "%s", f->sig_alg);
}

/* Where the chain as sent stops linking, and what that leaves to the
 * checker's trust store: the place a chain breaks. */
static void ui_step5_links(const chain_t *c, bool refused, ui_doc_t *d)
{
	bool root;
	size_t end;

	if (!c->n)
		return;
	end = chain_ends_at(c, &root);
	if (end + 1 < c->n)
		ui_doc_kv(d, UI_T("chain"), UI_C_FAIL, UI_T("%s certificate %zu's issuer is not certificate %zu: the chain as "
			  "sent breaks after certificate %zu (an intermediate missing or out of order)"),
			  ui_glyph(UI_G_FAIL), end + 1, end + 2, end + 1);
	else if (root)
		ui_doc_kv(d, UI_T("chain"), UI_C_NORMAL, UI_T("certificates 1 to %zu link up to a self-signed root, all of "
			  "it sent: the checker must trust that root itself"), c->n);
	else if (c->v[end].unreadable)
		ui_doc_kv(d, UI_T("chain"), UI_C_WARN, UI_T("certificate %zu cannot be read: the chain cannot be followed "
			  "past it"), end + 1);
	else if (end == 0)
		ui_doc_kv(d, UI_T("chain"), refused ? UI_C_FAIL : UI_C_NORMAL,
			  refused ? UI_T("the issuer of certificate 1, %s, was not sent and the checker did not find it "
					 "among the CAs it trusts: the chain breaks there")
				  : UI_T("the issuer of certificate 1, %s, was not sent: the checker must find it among the "
					 "CAs it trusts"),
			  c->v[0].facts.issuer ? c->v[0].facts.issuer : UI_T("(empty)"));
	else
		ui_doc_kv(d, UI_T("chain"), refused ? UI_C_FAIL : UI_C_NORMAL,
			  refused ? UI_T("certificates 1 to %zu link; the issuer of the last, %s, was not sent and the "
					 "checker did not find it among the CAs it trusts: the chain breaks there")
				  : UI_T("certificates 1 to %zu link; the issuer of the last, %s, was not sent: the checker "
					 "must find it among the CAs it trusts"),
			  end + 1, c->v[end].facts.issuer ? c->v[end].facts.issuer : UI_T("(empty)"));
}

/* The server asked for a certificate: what the client sent, and the
 * server's verdict on it. */
static void ui_step5_client(const ui_app_t *a, ui_doc_t *d)
{
	const handshake_t *h = a->hs;
	chain_t c;
	size_t i;

	chain_build_side(h, ui_nav_visible(a), SIDE_CLIENT, &c);
	ui_doc_blank(d);
	ui_doc_head(d, UI_C_HEAD, "%s", UI_T("The server checks the client's certificate"));
	if (h->client_cert_checked)
		ui_doc_kv(d, UI_T("verdict"), h->client_cert_status ? UI_C_FAIL : UI_C_OK, UI_T("%s %s (the server's GnuTLS, "
			  "status 0x%x)"), ui_glyph(h->client_cert_status ? UI_G_FAIL : UI_G_DONE),
			  h->client_cert_verdict ? h->client_cert_verdict : h->client_cert_status ? UI_T("not trusted") : UI_T("trusted"),
			  h->client_cert_status);
	else if (c.have && c.sent == 0)
		ui_doc_kv(d, UI_T("verdict"), UI_C_WARN, "%s", UI_T("nothing to check: the client has no certificate to give; "
			  "the server may go on without one or refuse (RFC 5246 7.4.6, RFC 8446 4.4.2.4)"));
	else if (!ui_nav_final(a))
		ui_doc_kv(d, UI_T("verdict"), UI_C_DIM, "%s", UI_T("not yet: the server checks it when the client's flight "
			  "reaches it (step on, and come back)"));
	else
		ui_doc_kv(d, UI_T("verdict"), UI_C_DIM, "%s", UI_T("not known: only the server knows what it concluded; a "
			  "capture shows it as an alert or as the handshake going on"));
	if (!c.have) {
		ui_doc_text(d, 0, UI_C_DIM, "%s", UI_T("No client Certificate readable on the wire (up to here): not sent yet, "
			    "or encrypted (TLS 1.3 without keys)."));
		return;
	}
	if (c.sent == 0)
		ui_doc_kv(d, UI_T("sent"), UI_C_WARN, "%s", UI_T("an empty Certificate message: no certificate"));
	for (i = 0; i < c.n; i++)
		ui_step5_cert(&c, i, SIDE_CLIENT, d);
	chain_free(&c);
}

void ui_step5_build(const ui_app_t *a, ui_doc_t *d)
{
	chain_t c;
	char when[40];
	size_t i;

	chain_build(a->hs, ui_nav_visible(a), &c);
	ui_doc_blank(d);
	ui_doc_head(d, UI_C_HEAD, "%s", UI_T("The client checks the server's certificate"));
	ui_step5_verdict(a->hs, d);
	if (!c.have) {
		ui_doc_text(d, 0, UI_C_DIM, "%s", UI_T("No server Certificate on the wire (up to here): nothing to check."));
		return;
	}
	if (!c.host)
		ui_doc_kv(d, UI_T("host name"), UI_C_WARN, "%s", UI_T("the ClientHello sent no server_name: no name to check"));
	else if (c.n && !c.v[0].unreadable)
		ui_doc_kv(d, UI_T("host name"), c.host_ok ? UI_C_OK : UI_C_FAIL, UI_T("%s %s %s the certificate's %s"),
			  ui_glyph(c.host_ok ? UI_G_DONE : UI_G_FAIL), c.host, c.host_ok ? UI_T("matches") : UI_T("does NOT match"),
			  c.host_by_cn ? UI_T("subject CN (it has no DNS name in its SAN: the old fallback)") : UI_T("names (SAN)"));
	ui_step5_date((time_t)c.at, when, sizeof when);
	ui_doc_kv(d, UI_T("dates checked at"), UI_C_NORMAL, UI_T("%s (when the Certificate crossed the wire)"), when);
	for (i = 0; i < c.n; i++)
		ui_step5_cert(&c, i, SIDE_SERVER, d);
	if (c.sent > c.n)
		ui_doc_text(d, 0, UI_C_DIM, UI_T("(%zu more not shown)"), c.sent - c.n);
	ui_step5_links(&c, a->hs->cert_checked && a->hs->cert_status, d);
	chain_free(&c);
	if (a->hs->client_auth_requested)
		ui_step5_client(a, d);
}
