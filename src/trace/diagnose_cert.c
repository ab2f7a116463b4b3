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

/* Live: the client's GnuTLS verdict on the chain, as evidence (in
 * Japanese, GnuTLS's English sentence quoted). */
static void diag_cert_verdict(const diag_t *d, char *line, size_t len)
{
	if (d->h->cert_checked && d->h->cert_status)
		diagnose_cat(line, len, "; GnuTLS's verdict (status 0x%x): %s", d->h->cert_status, d->h->cert_verdict ?
			 d->h->cert_verdict : "");
}

static void diag_cert_verdict_ja(const diag_t *d, char *line, size_t len)
{
	if (d->h->cert_checked && d->h->cert_status)
		diagnose_cat(line, len, "。GnuTLS の判定（ステータス 0x%x）の原文「%s」", d->h->cert_status,
			     d->h->cert_verdict ? d->h->cert_verdict : "");
}

/* The certificate as the evidence names it: "\"CN=...\" (names: a, b)". */
static void diag_cert_label(const diag_cert_t *c, lang_t l, char *out, size_t len)
{
	snprintf(out, len, l == LANG_JA ? "「%s」" : "\"%s\"", c->subject);
	if (c->names[0])
		diagnose_cat(out, len, l == LANG_JA ? "（名前: %s）" : " (names: %s)", c->names);
}

/* The certificate could not be read: one cause from the kind alone. */
static void diag_cert_unreadable(const diag_t *d, const char *what, const char *what_ja)
{
	char line[2 * DIAG_LINE];

	snprintf(line, sizeof line, "%s (the certificate itself could not be read here)", what);
	diag_cert_verdict(d, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	snprintf(line, sizeof line, "%s（証明書そのものはここでは読めませんでした）", what_ja);
	diag_cert_verdict_ja(d, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
	diagnose_gnutls_words(d);
}

void diagnose_causes_untrusted(const diag_t *d)
{
	diag_cert_t c;
	char label[DIAG_LINE], line[3 * DIAG_LINE];

	if (!diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		diag_cert_unreadable(d, "the server's certificate was issued by an authority the client does not trust",
				     "サーバー証明書は、クライアントが信頼していない認証局が発行したものです");
		return;
	}
	diag_cert_label(&c, LANG_EN, label, sizeof label);
	if (c.self_signed)
		snprintf(line, sizeof line, "the certificate is self-signed: it vouches for itself, and the client "
			 "trusts no such certificate. Evidence: %s is its own issuer", label);
	else
		snprintf(line, sizeof line, "the certificate was issued by a CA the client does not trust. Evidence: "
			 "%s was issued by \"%s\"", label, c.issuer);
	diagnose_config(d->h->client_config, line, sizeof line);
	diag_cert_verdict(d, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	diag_cert_label(&c, LANG_JA, label, sizeof label);
	if (c.self_signed)
		snprintf(line, sizeof line, "証明書は自己署名です。自分で自分を保証する証明書で、クライアントはそのような"
			 "証明書を信頼しません。根拠: %s は自分自身の発行者です", label);
	else
		snprintf(line, sizeof line, "証明書は、クライアントが信頼していない CA が発行したものです。根拠: %s の"
			 "発行者は「%s」です", label, c.issuer);
	diagnose_config_ja(d->h->client_config, line, sizeof line);
	diag_cert_verdict_ja(d, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
	if (!c.self_signed && c.chain_len == 1) {
		handshake_add_cause(d->h, "the server left out an intermediate certificate: if \"%s\" is an "
				    "intermediate CA, the server must send it too so the client can link the chain to a "
				    "root it trusts. Evidence: the server sent only its own certificate", c.issuer);
		diagnose_cause_ja(d, "サーバーが中間証明書を送っていません。「%s」が中間 CA なら、クライアントが信頼する"
				  "ルートまでチェーンをたどれるよう、サーバーはそれも送らなければなりません。根拠: サーバーは"
				  "自分の証明書しか送っていません", c.issuer);
	} else if (!c.self_signed) {
		handshake_add_cause(d->h, "the client's list of trusted CAs lacks the root of this chain. Evidence: "
				    "the server sent %zu certificates and the client still found no CA it trusts",
				    c.chain_len);
		diagnose_cause_ja(d, "クライアントの信頼する CA の一覧に、このチェーンのルートがありません。根拠: サーバーは"
				  "証明書を %zu 枚送りましたが、クライアントは信頼できる CA を見つけられませんでした", c.chain_len);
	}
	diagnose_gnutls_words(d);
}

void diagnose_causes_validity(const diag_t *d)
{
	diag_cert_t c;
	char label[DIAG_LINE], label_ja[DIAG_LINE], bound[64], now[64], line[3 * DIAG_LINE];
	bool expired = d->kind == DK_CERT_EXPIRED;
	time_t when;
	double days;

	if (!diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		diag_cert_unreadable(d, expired ? "the server's certificate is past its end of validity"
					: "the server's certificate is not valid yet",
				     expired ? "サーバー証明書は有効期間の終わりを過ぎています" : "サーバー証明書はまだ有効ではありません");
		return;
	}
	when = c.when > 0 ? (time_t)c.when : time(NULL);
	diag_cert_label(&c, LANG_EN, label, sizeof label);
	diag_cert_label(&c, LANG_JA, label_ja, sizeof label_ja);
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
		snprintf(line, sizeof line, "クライアントの時計が%sいます。ハンドシェイクの時点（%s）で証明書は有効なのに、"
			 "クライアントは%sと判断しています。根拠: %s の有効期間の%sは %s です", expired ? "進んで" : "遅れて",
			 now, expired ? "期限切れ" : "まだ有効でない", label_ja, expired ? "終わり" : "始まり", bound);
		diag_cert_verdict_ja(d, line, sizeof line);
		diagnose_cause_ja(d, "%s", line);
		handshake_add_cause(d->h, "another certificate of the chain (an intermediate CA) is %s",
				    expired ? "expired" : "not valid yet");
		diagnose_cause_ja(d, "チェーン中の別の証明書（中間 CA）が%s", expired ? "期限切れです" : "まだ有効ではありません");
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
	if (expired)
		snprintf(line, sizeof line, "サーバーが期限切れの証明書を使い続けています。根拠: %s の有効期限は %s"
			 "（not_after）で、ハンドシェイクはその %.1f 日後の %s に行われました", label_ja, bound, days, now);
	else
		snprintf(line, sizeof line, "サーバーはまだ有効でない証明書を使っています。根拠: %s が有効になるのは %s"
			 "（not_before）からで、ハンドシェイクはその %.1f 日前の %s に行われました", label_ja, bound, -days, now);
	diag_cert_verdict_ja(d, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
	handshake_add_cause(d->h, "the client's clock is %s: the certificate would be valid at the right time "
			    "(the time above is %s)", expired ? "ahead" : "behind",
			    d->h->server_config ? "this machine's clock" : "the capture's timestamp");
	diagnose_cause_ja(d, "クライアントの時計が%sいます。正しい時刻なら証明書は有効なはずです（上の時刻は%s）",
			  expired ? "進んで" : "遅れて", d->h->server_config ? "このマシンの時計" : "キャプチャのタイムスタンプ");
	diagnose_gnutls_words(d);
}

void diagnose_causes_name(const diag_t *d)
{
	diag_cert_t c;
	char line[3 * DIAG_LINE];

	if (!diagnose_cert_facts(d->h, SIDE_SERVER, &c)) {
		diag_cert_unreadable(d, "the server's certificate names another host than the one the client wanted",
				     "サーバー証明書は、クライアントが求めたのとは別のホストの名前になっています");
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
	snprintf(line, sizeof line, "証明書は、クライアントが求めるのとは別の名前に対するものです。根拠: クライアントが"
		 "求めたのは%s%s%s、証明書の名前は %s%s（サブジェクト「%s」）です", c.sni[0] ? "「" : "",
		 c.sni[0] ? c.sni : "送られていない名前（server_name なし）", c.sni[0] ? "」（server_name）" : "",
		 c.names[0] ? c.names : "DNS 名なし", c.names[0] ? "（subjectAltName）" : "", c.subject);
	diagnose_config_ja(d->h->client_config, line, sizeof line);
	diag_cert_verdict_ja(d, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
	handshake_add_cause(d->h, "the server holds certificates for several sites and sent the wrong one (it "
			    "ignores or does not know the name the client asked for), or the client used another "
			    "name (an alias, an IP address) than the one the certificate was issued for");
	diagnose_cause_ja(d, "サーバーは複数のサイトの証明書を持っていて、間違ったものを送った（クライアントが求めた名前を"
			  "無視しているか、知らない）か、クライアントが証明書の発行先とは別の名前（別名や IP アドレス）を"
			  "使いました");
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
		snprintf(line, sizeof line, "クライアントが証明書を発行した CA を信頼していないか、サーバーが中間証明書を"
			 "送っていません。根拠: 「%s」の発行者は「%s」で、サーバーが送った証明書は %zu 枚です", c.subject,
			 c.issuer, c.chain_len);
		diag_cert_verdict_ja(d, line, sizeof line);
		diagnose_cause_ja(d, "%s", line);
		if (c.sni[0] && !c.name_matches) {
			handshake_add_cause(d->h, "the certificate is for another name. Evidence: it is for %s, "
					    "the client asked for \"%s\"", c.names[0] ? c.names : "no DNS name", c.sni);
			diagnose_cause_ja(d, "証明書は別の名前に対するものです。根拠: 証明書の名前は %s、クライアントが"
					  "求めたのは「%s」です", c.names[0] ? c.names : "DNS 名なし", c.sni);
		}
		if (when > c.not_after) {
			diagnose_time_text(c.not_after, bound, sizeof bound);
			handshake_add_cause(d->h, "the certificate has expired. Evidence: it was valid until %s", bound);
			diagnose_cause_ja(d, "証明書の有効期限が切れています。根拠: 有効期限は %s でした", bound);
		}
	}
	handshake_add_cause(d->h, "the certificate is damaged, revoked, or uses an algorithm or key size the "
			    "client does not accept (the %s alert does not say which)", diagnose_alert_name(d->alert_id));
	diagnose_cause_ja(d, "証明書が壊れているか、失効しているか、クライアントが受け入れないアルゴリズムや鍵長を"
			  "使っています（%s アラートからはどれかは分かりません）", diagnose_alert_name(d->alert_id));
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
	snprintf(line, sizeof line, "クライアントには送れる証明書がありません。根拠: サーバーは証明書を求めました"
		 "（CertificateRequest、ステップ 3）が、クライアントは%s", cc ? "空の Certificate メッセージ（証明書 0 枚）で"
		 "答えました" : "Certificate メッセージを送りませんでした");
	diagnose_config_ja(d->h->client_config, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
	if (cas[0]) {
		handshake_add_cause(d->h, "the client has a certificate, but none issued by a CA the server accepts, "
				    "so it sent none. Evidence: the server accepts certificates from %s", cas);
		diagnose_cause_ja(d, "クライアントは証明書を持っていますが、サーバーが受け入れる CA の発行したものがないため、"
				  "送りませんでした。根拠: サーバーが受け入れるのは %s が発行した証明書です", cas);
	} else {
		handshake_add_cause(d->h, "the client has a certificate, but not one the server's request fits "
				    "(its type or signature algorithm), so it sent none");
		diagnose_cause_ja(d, "クライアントは証明書を持っていますが、サーバーの求め（種類や署名アルゴリズム）に合う"
				  "ものがないため、送りませんでした");
	}
	if (d->h->server_config) {
		handshake_add_cause(d->h, "the server requires a client certificate (live configuration: %s)",
				    d->h->server_config);
		diagnose_cause_ja(d, "サーバーはクライアント証明書を必須としています（ライブの設定、原文「%s」）",
				  d->h->server_config);
	}
	diagnose_gnutls_words(d);
}

void diagnose_causes_client_cert_rejected(const diag_t *d)
{
	diag_cert_t c;
	char cas[DIAG_LINE];

	diag_requested_cas(d->h, cas, sizeof cas);
	if (diagnose_cert_facts(d->h, SIDE_CLIENT, &c)) {
		handshake_add_cause(d->h, "the server does not accept the client's certificate \"%s\" issued by "
				    "\"%s\": an issuer it does not trust, an expired certificate, or one not meant for "
				    "client authentication. Evidence: the client's Finished came after it; the server's "
				    "%s alert answered the client's flight%s%s", c.subject, c.issuer,
				    diagnose_alert_name(d->alert_id), cas[0] ? "; its CertificateRequest names the CAs " : "",
				    cas[0] ? cas : "");
		diagnose_cause_ja(d, "サーバーは、クライアントの証明書「%s」（発行者「%s」）を受け入れません。信頼していない"
				  "発行者、期限切れ、またはクライアント認証用でない証明書です。根拠: 証明書の後にクライアントの"
				  "Finished が続き、サーバーの %s アラートはクライアントのフライトへの答えでした%s%s", c.subject,
				  c.issuer, diagnose_alert_name(d->alert_id), cas[0] ? "。CertificateRequest が挙げる CA は " : "",
				  cas[0] ? cas : "");
	} else {
		handshake_add_cause(d->h, "the server does not accept the client's certificate");
		diagnose_cause_ja(d, "サーバーはクライアントの証明書を受け入れません");
	}
	if (cas[0] && diagnose_cert_facts(d->h, SIDE_CLIENT, &c) && !strstr(cas, c.issuer)) {
		handshake_add_cause(d->h, "the client sent a certificate from a CA the server did not ask for. "
				    "Evidence: issued by \"%s\", the server accepts %s", c.issuer, cas);
		diagnose_cause_ja(d, "クライアントは、サーバーが求めていない CA の証明書を送りました。根拠: 発行者は「%s」、"
				  "サーバーが受け入れるのは %s です", c.issuer, cas);
	}
	diagnose_gnutls_words(d);
}
