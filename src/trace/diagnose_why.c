/* diagnose_why.c - the words of a diagnosis: one plain sentence saying
 * what went wrong (for a beginner), and the likely causes, most likely
 * first, each with the evidence from the trace that supports it.
 *
 * One row per kind of failure (diag_kind_t); each row's cause function
 * reads only the trace: the messages (ClientHello offer, certificates,
 * CertificateRequest), tlstrace's own checks (premaster, master,
 * Finished) and, for a live run, GnuTLS's verdicts, errors and each
 * side's configuration.  The certificate causes live in diagnose_cert.c,
 * the Finished ones in diagnose_fin.c.  Every reason and every cause is
 * worded in English (the JSON's) and in Japanese (the interface's): a row
 * has both sentences, a cause function adds each cause in both.
 * Must not decide the step or the side (diagnose.c does). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include "base/strfmt.h"
#include "diagnose_int.h"

#define DIAG_LIST_MAX 6          /* suites named before "and N more" */

/* ---- small text helpers ---- */

void diagnose_cat(char *buf, size_t len, const char *fmt, ...)
{
	size_t at = strlen(buf);
	va_list ap;

	if (at + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
}

void diagnose_cause_ja(const diag_t *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_list_push(&d->h->failure.causes_ja, &d->h->failure.ncauses_ja, str_vformat(fmt, ap));
	va_end(ap);
}

const char *diagnose_alert_name(int id)
{
	const alert_info_t *ai = id >= 0 ? alert_find((uint8_t)id) : NULL;
	return ai ? ai->name : "unknown";
}

static const msg_t *diag_client_hello(const handshake_t *h)
{
	return handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
}

/* "3 suites (A, B, C)" from the ClientHello, GREASE and signalling values
 * left out (in Japanese "3 個のスイート（A、B、C）"). */
static void diag_offered_suites(const handshake_t *h, lang_t l, char *out, size_t len)
{
	const msg_t *ch = diag_client_hello(h);
	size_t i, shown = 0, real = 0;
	char names[DIAG_LINE] = "";

	out[0] = '\0';
	if (!ch)
		return;
	for (i = 0; i < ch->hello.nsuites; i++) {
		uint16_t id = ch->hello.suites[i];
		const suite_info_t *s = suite_find(id);

		if ((id & 0x0f0f) == 0x0a0a || id == 0x00ff || id == 0x5600)
			continue;   /* RFC 8701 GREASE, RFC 5746 and RFC 7507 SCSVs */
		real++;
		if (shown < DIAG_LIST_MAX) {
			if (s)
				diagnose_cat(names, sizeof names, "%s%s", shown ? ", " : "", s->name);
			else
				diagnose_cat(names, sizeof names, "%s0x%04x", shown ? ", " : "", id);
			shown++;
		}
	}
	if (l == LANG_JA) {
		snprintf(out, len, "%zu 個のスイート（%s", real, names);
		if (real > shown)
			diagnose_cat(out, len, " ほか %zu 個", real - shown);
		diagnose_cat(out, len, "）");
		return;
	}
	snprintf(out, len, "%zu suite%s (%s%s", real, real == 1 ? "" : "s", names,
		 real > shown ? "" : ")");
	if (real > shown)
		diagnose_cat(out, len, " and %zu more)", real - shown);
}

/* "TLS 1.3" or "TLS 1.2, TLS 1.3": supported_versions, else legacy_version. */
static void diag_offered_versions(const handshake_t *h, lang_t l, char *out, size_t len)
{
	const msg_t *ch = diag_client_hello(h);
	size_t i;

	out[0] = '\0';
	if (!ch)
		return;
	if (!ch->hello.nversions) {
		const char *n = reg_version_name(ch->hello.legacy_version);
		if (l == LANG_JA)
			snprintf(out, len, "%s 以前（ClientHello のバージョンフィールド）", n ? n : "不明なバージョン");
		else
			snprintf(out, len, "%s and older (ClientHello version field)", n ? n : "an unknown version");
		return;
	}
	for (i = 0; i < ch->hello.nversions; i++) {
		uint16_t v = ch->hello.versions[i];
		const char *n = reg_version_name(v);
		if ((v & 0x0f0f) == 0x0a0a)
			continue;
		if (n)
			diagnose_cat(out, len, "%s%s", out[0] ? ", " : "", n);
		else
			diagnose_cat(out, len, "%s0x%04x", out[0] ? ", " : "", v);
	}
	diagnose_cat(out, len, " (supported_versions)");
}

/* Live: what a side was set up with, as evidence (" (live configuration: ...)"). */
void diagnose_config(const char *config, char *out, size_t len)
{
	if (config)
		diagnose_cat(out, len, " (live configuration: %s)", config);
}

void diagnose_config_ja(const char *config, char *out, size_t len)
{
	if (config)
		diagnose_cat(out, len, "（ライブの設定、原文「%s」）", config);
}

/* Live: both sides' own error messages, together; the detector first. */
void diagnose_gnutls_words(const diag_t *d)
{
	const handshake_t *h = d->h;
	const char *first = d->sender == SIDE_SERVER ? h->server_error : h->client_error;
	const char *second = d->sender == SIDE_SERVER ? h->client_error : h->server_error;
	char line[DIAG_LINE] = "", ja[DIAG_LINE] = "";

	if (!first && !second)
		return;
	snprintf(line, sizeof line, "GnuTLS's own words:");
	snprintf(ja, sizeof ja, "GnuTLS 自身のメッセージ（原文）:");
	if (first) {
		diagnose_cat(line, sizeof line, " the %s: \"%s\"", model_side_name(d->sender), first);
		diagnose_cat(ja, sizeof ja, " %s「%s」", diagnose_side_ja(d->sender), first);
	}
	if (second) {
		diagnose_cat(line, sizeof line, "%s the %s: \"%s\"", first ? ";" : "", model_side_name(!d->sender), second);
		diagnose_cat(ja, sizeof ja, "%s%s「%s」", first ? "、" : " ", diagnose_side_ja(!d->sender), second);
	}
	handshake_add_cause(d->h, "%s", line);
	if (h->failure.ncauses_ja + 1 == h->failure.ncauses)   /* the Japanese list stays whole or empty */
		diagnose_cause_ja(d, "%s", ja);
}

/* ---- step 2: the hello ---- */

static void diag_causes_version(const diag_t *d)
{
	char offer[DIAG_LINE], suites[DIAG_LINE], line[2 * DIAG_LINE];
	const msg_t *ch = diag_client_hello(d->h);

	diag_offered_versions(d->h, LANG_EN, offer, sizeof offer);
	snprintf(line, sizeof line, "the server accepts none of the TLS versions the client offers. Evidence: "
		 "the client offers only %s", offer[0] ? offer : "versions that were not seen");
	diagnose_config(d->h->server_config, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	diag_offered_versions(d->h, LANG_JA, offer, sizeof offer);
	snprintf(line, sizeof line, "サーバーは、クライアントが提示した TLS バージョンのどれも受け入れません。根拠: "
		 "クライアントが提示しているのは %s だけです", offer[0] ? offer : "（見えなかったバージョン）");
	diagnose_config_ja(d->h->server_config, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
	if (d->alert_id != 70 && ch) {
		diag_offered_suites(d->h, LANG_EN, suites, sizeof suites);
		handshake_add_cause(d->h, "why the alert is %s, not protocol_version: a server without TLS 1.3 "
				    "ignores supported_versions and reads the ClientHello as version 0x%04x (its "
				    "legacy_version), then finds no suite it could use with that version. Evidence: "
				    "the client offered %s, all TLS 1.3 only",
				    diagnose_alert_name(d->alert_id), ch->hello.legacy_version, suites);
		diag_offered_suites(d->h, LANG_JA, suites, sizeof suites);
		diagnose_cause_ja(d, "アラートが protocol_version ではなく %s である理由: TLS 1.3 を持たないサーバーは "
				  "supported_versions を無視して ClientHello をバージョン 0x%04x（legacy_version）として読み、"
				  "そのバージョンで使えるスイートを見つけられません。根拠: クライアントが提示したのは %s で、"
				  "どれも TLS 1.3 専用です", diagnose_alert_name(d->alert_id), ch->hello.legacy_version, suites);
	}
	diagnose_gnutls_words(d);
}

static void diag_causes_hello(const diag_t *d)
{
	const alert_info_t *ai = d->alert_id >= 0 ? alert_find((uint8_t)d->alert_id) : NULL;
	char offer[DIAG_LINE], versions[DIAG_LINE];

	diag_offered_suites(d->h, LANG_EN, offer, sizeof offer);
	diag_offered_versions(d->h, LANG_EN, versions, sizeof versions);
	handshake_add_cause(d->h, "the %s refused the ClientHello with %s: %s (the client offered %s, %s)",
			    model_side_name(d->sender), ai ? ai->name : "no alert",
			    ai && ai->explain ? ai->explain : "the alert does not say why.", versions, offer);
	diag_offered_suites(d->h, LANG_JA, offer, sizeof offer);
	diag_offered_versions(d->h, LANG_JA, versions, sizeof versions);
	diagnose_cause_ja(d, "%sは ClientHello を%s%sで拒否しました。%s（クライアントが提示したのは %s と %s）",
			  diagnose_side_ja(d->sender), ai ? " " : "", ai ? ai->name : "アラートなし",
			  ai && ai->explain_ja ? ai->explain_ja : "アラートは理由を示していません。", versions, offer);
	diagnose_gnutls_words(d);
}

/* ---- step 6: the client's proof of its key ---- */

static void diag_causes_client_proof(const diag_t *d)
{
	handshake_add_cause(d->h, "the client's CertificateVerify signature does not verify with the public key "
			    "of the certificate it sent: the client signed with a key that is not its certificate's");
	diagnose_cause_ja(d, "クライアントの CertificateVerify の署名が、送られた証明書の公開鍵で検証できません。"
			  "クライアントは証明書のものではない鍵で署名しています");
	handshake_add_cause(d->h, "a handshake message was altered in transit, so the transcript the client "
			    "signed is not the one the server hashed");
	diagnose_cause_ja(d, "ハンドシェイクのメッセージが途中で書き換えられたため、クライアントが署名したトランスクリプトと"
			  "サーバーがハッシュしたものが異なっています");
	diagnose_gnutls_words(d);
}

/* ---- anything else ---- */

static void diag_causes_alert(const diag_t *d)
{
	const alert_info_t *ai = d->alert_id >= 0 ? alert_find((uint8_t)d->alert_id) : NULL;

	handshake_add_cause(d->h, "the %s sent %s during step %d: %s", model_side_name(d->sender),
			    ai ? ai->name : "a fatal alert", d->step,
			    ai && ai->explain ? ai->explain : "the alert code is not a known one.");
	diagnose_cause_ja(d, "%sはステップ %d で %s を送りました。%s", diagnose_side_ja(d->sender), d->step,
			  ai ? ai->name : "致命的アラート",
			  ai && ai->explain_ja ? ai->explain_ja : "このアラートコードは既知のものではありません。");
	diagnose_gnutls_words(d);
}

/* ---- the table ---- */

static const struct diag_row {
	/* one plain sentence for a beginner, in English and in Japanese;
	 * NULL: worded from the alert */
	const char *reason, *reason_ja;
	void (*causes)(const diag_t *d);
	/* a reason that quotes the wire, in the language asked for */
	void (*word)(const diag_t *d, lang_t l, char *out, size_t len);
} diag_rows[DK__COUNT] = {
	[DK_NO_SHARED_SUITE] = {
		"The server found no cipher suite that it and the client both support, so it could not answer "
		"the ClientHello.",
		"サーバーは、自分とクライアントの両方が使える暗号スイートを見つけられず、ClientHello に答えられませんでした。",
		diagnose_causes_refusal, diagnose_suite_reason },
	[DK_NO_SHARED_GROUP] = {
		"The server refused the ClientHello, most likely because it shares no key exchange group (elliptic "
		"curve or finite-field group) with the client, so they cannot agree on a key.",
		"サーバーは ClientHello を拒否しました。おそらく、クライアントと共通の鍵交換グループ（楕円曲線または"
		"有限体のグループ）がなく、鍵を合意できないためです。",
		diagnose_causes_refusal, NULL },
	[DK_NO_SHARED_SIGALG] = {
		"The server refused the ClientHello, most likely because it cannot sign with any signature algorithm "
		"the client accepts, so it could not prove its identity.",
		"サーバーは ClientHello を拒否しました。おそらく、クライアントが受け入れる署名アルゴリズムのどれでも"
		"署名できず、身元を証明できないためです。",
		diagnose_causes_refusal, NULL },
	[DK_ALPN] = {
		"The server supports none of the application protocols (ALPN) the client offered, so it refused the "
		"ClientHello.",
		"クライアントが提示したアプリケーションプロトコル（ALPN）のどれにもサーバーが対応していないため、"
		"サーバーは ClientHello を拒否しました。",
		diagnose_causes_alpn, NULL },
	[DK_SNI] = {
		"The server does not know the server name the client asked for (server_name), so it refused the "
		"ClientHello.",
		"クライアントが求めたサーバー名（server_name）をサーバーが知らないため、サーバーは ClientHello を"
		"拒否しました。",
		diagnose_causes_sni, NULL },
	[DK_SERVER_SILENT] = {
		"The server closed the connection without an alert: it answered the ClientHello with no "
		"ServerHello and no alert, and ended the TCP connection.",
		"サーバーはアラートを送らずに接続を閉じました。ClientHello に ServerHello もアラートも返さず、"
		"TCP 接続を終えています。",
		diagnose_causes_silent, NULL },
	[DK_NOT_TLS] = { NULL, NULL, diagnose_causes_not_tls, diagnose_not_tls_reason },
	[DK_WEAK_PARAMS] = { NULL, NULL, diagnose_causes_weak, diagnose_weak_reason },
	[DK_INFERRED_CLIENT] = { NULL, NULL, diagnose_causes_inferred, diagnose_inferred_reason },
	[DK_INFERRED_SERVER] = { NULL, NULL, diagnose_causes_inferred, diagnose_inferred_reason },
	[DK_NO_SHARED_VERSION] = {
		"The client and the server have no TLS version in common, so the server could not answer the "
		"ClientHello.",
		"クライアントとサーバーに共通の TLS バージョンがないため、サーバーは ClientHello に答えられませんでした。",
		diag_causes_version, NULL },
	[DK_HELLO_REFUSED] = {
		"The ClientHello was refused before any version or cipher suite was agreed.",
		"バージョンも暗号スイートも合意される前に、ClientHello が拒否されました。",
		diag_causes_hello, NULL },
	[DK_CERT_UNTRUSTED] = {
		"The client does not trust the authority (CA) that signed the server's certificate, so it cannot "
		"be sure it is talking to the real server, and it stopped.",
		"サーバー証明書に署名した認証局（CA）をクライアントが信頼していないため、本物のサーバーと話している"
		"と確信できず、クライアントはハンドシェイクを中止しました。",
		diagnose_causes_untrusted, NULL },
	[DK_CERT_EXPIRED] = {
		"The server's certificate has expired, so the client refused it and stopped.",
		"サーバー証明書の有効期限が切れているため、クライアントはそれを拒否して中止しました。",
		diagnose_causes_validity, NULL },
	[DK_CERT_NOT_YET_VALID] = {
		"The server's certificate is not valid yet, so the client refused it and stopped.",
		"サーバー証明書はまだ有効期間に入っていないため、クライアントはそれを拒否して中止しました。",
		diagnose_causes_validity, NULL },
	[DK_CERT_WRONG_NAME] = {
		"The server's certificate was issued for a different name than the one the client wanted to "
		"reach, so the client refused it and stopped.",
		"サーバー証明書は、クライアントが接続しようとした名前とは別の名前に発行されたものだったため、"
		"クライアントはそれを拒否して中止しました。",
		diagnose_causes_name, NULL },
	[DK_CERT_REJECTED] = {
		"The client refused the server's certificate, so it stopped after the server's first flight.",
		"クライアントはサーバー証明書を拒否し、サーバーの最初のフライト（一方が続けて送るメッセージの"
		"まとまり）の後で中止しました。",
		diagnose_causes_cert, NULL },
	[DK_CLIENT_CERT_MISSING] = {
		"The server requires a certificate from the client, but the client sent none, so the server "
		"stopped.",
		"サーバーはクライアントに証明書を求めていますが、クライアントが送らなかったため、サーバーは中止しました。",
		diagnose_causes_client_cert_missing, NULL },
	[DK_CLIENT_CERT_REJECTED] = {
		"The server refused the certificate the client sent, so it stopped.",
		"サーバーはクライアントが送った証明書を拒否し、中止しました。",
		diagnose_causes_client_cert_rejected, NULL },
	[DK_CLIENT_PROOF] = {
		"The client could not prove that it owns its certificate: its signature (CertificateVerify) did "
		"not verify, so the server stopped.",
		"クライアントは証明書の持ち主であることを証明できませんでした。署名（CertificateVerify）の検証に"
		"失敗したため、サーバーは中止しました。",
		diag_causes_client_proof, NULL },
	[DK_CLIENT_FINISHED] = {
		"The client's Finished message did not check out: the two sides did not end up with the same keys, "
		"or not with the same record of the handshake, so the server stopped.",
		"クライアントの Finished が検証に通りませんでした。両者が同じ鍵を得なかったか、ハンドシェイクの"
		"記録が一致しなかったため、サーバーは中止しました。",
		diagnose_causes_finished, NULL },
	[DK_SERVER_FINISHED] = {
		"The server's Finished message did not check out: the two sides did not end up with the same keys, "
		"or not with the same record of the handshake, so the client stopped.",
		"サーバーの Finished が検証に通りませんでした。両者が同じ鍵を得なかったか、ハンドシェイクの"
		"記録が一致しなかったため、クライアントは中止しました。",
		diagnose_causes_finished, NULL },
	[DK_ALERT] = { NULL, NULL, diag_causes_alert, NULL },
};

const char *diagnose_row_reason(diag_kind_t k, lang_t l)
{
	if ((unsigned)k >= DK__COUNT)
		return NULL;
	return l == LANG_JA ? diag_rows[k].reason_ja : diag_rows[k].reason;
}

bool diagnose_row_worded(diag_kind_t k)
{
	return (unsigned)k < DK__COUNT && diag_rows[k].word;
}

/* The reason in l, into out. */
static void diag_reason(const diag_t *d, lang_t l, char *out, size_t len)
{
	const struct diag_row *row = &diag_rows[d->kind];
	bool ja = l == LANG_JA;

	if (row->word) {
		row->word(d, l, out, len);
	} else if (row->reason) {
		snprintf(out, len, "%s", ja ? row->reason_ja : row->reason);
	} else {
		const alert_info_t *ai = d->alert_id >= 0 ? alert_find((uint8_t)d->alert_id) : NULL;
		if (ja)
			snprintf(out, len, "%sが致命的アラート %s を送ってハンドシェイクを終えました。%s",
				 diagnose_side_ja(d->sender), ai ? ai->name : "（不明）",
				 ai && ai->explain_ja ? ai->explain_ja : "このアラートコードは既知のものではありません。");
		else
			snprintf(out, len, "The %s ended the handshake with a fatal %s alert: %s",
				 model_side_name(d->sender), ai ? ai->name : "unknown",
				 ai && ai->explain ? ai->explain : "the alert code is not a known one.");
	}
	if (d->step == 5 && d->sender == SIDE_CLIENT && !d->inferred && diagnose_cert_hidden(d->h))
		diagnose_cat(out, len, "%s", ja ? "（サーバー証明書は暗号化されていて鍵がないと見えません。通信路から"
					       "分かるのはアラートだけです。）" :
			     " (The server's certificate is encrypted and not visible without "
			     "keys: the alert is all the wire shows.)");
}

const char *diagnose_side_ja(int side)
{
	return side == SIDE_SERVER ? "サーバー" : "クライアント";
}

void diagnose_explain(const diag_t *d)
{
	handshake_t *h = d->h;
	char reason[DIAG_LINE];

	diag_reason(d, LANG_EN, reason, sizeof reason);
	free(h->failure.reason);
	h->failure.reason = strdup(reason);
	diag_reason(d, LANG_JA, reason, sizeof reason);
	free(h->failure.reason_ja);
	h->failure.reason_ja = strdup(reason);
	diag_rows[d->kind].causes(d);
}
