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

static void ui_step5_cert(const chain_t *c, size_t i, ui_doc_t *d)
{
	const chain_cert_t *cc = &c->v[i];
	const x509_facts_t *f = &cc->facts;
	char from[40], to[40];

	ui_doc_text(d, 0, UI_C_HEAD, UI_T("certificate %zu of %zu%s"), i + 1, c->sent,
		    i == 0 ? UI_T(" (the server's own)") : f->self_signed ? UI_T(" (self-signed: a root)") : "");
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
		ui_step5_cert(&c, i, d);
	if (c.sent > c.n)
		ui_doc_text(d, 0, UI_C_DIM, UI_T("(%zu more not shown)"), c.sent - c.n);
	chain_free(&c);
}
