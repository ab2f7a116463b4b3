/* diagnose_infer.c - the diagnosis where the wire says little: a server
 * that answered a ClientHello with nothing, or with something that is not
 * TLS; and TLS 1.3 read without keys, where only the sizes and the order
 * of the encrypted records are visible.
 *
 * What is inferred says so: a reason worded here names its evidence (the
 * bytes that came back, a record's size and position) and never claims
 * what was not seen.  Must not decide which failure wins (diagnose.c). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "diagnose_int.h"

/* ---- step 2: nothing came back, or not TLS ---- */

static bool diag_sent_anything(const handshake_t *h, int side)
{
	size_t i;

	if (h->app_records[side] || h->not_tls_len[side])
		return true;
	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->sender == side)
			return true;
	return false;
}

/* The client went on past its ClientHello (more handshake, a protected
 * record): the server did answer, and the capture missed it (one
 * direction filtered out, say). */
static bool diag_client_went_on(const handshake_t *h)
{
	size_t i;

	if (h->app_records[SIDE_CLIENT])
		return true;
	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->sender == SIDE_CLIENT && (h->msgs[i]->encrypted ||
		    (h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->hs_type != HS_CLIENT_HELLO)))
			return true;
	return false;
}

/* The first fatal alert the client sent (a consequence of the silence). */
static const msg_t *diag_client_alert(const handshake_t *h)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_ALERT && h->msgs[i]->sender == SIDE_CLIENT && !h->msgs[i]->opaque &&
		    h->msgs[i]->raw.len >= 2)
			return h->msgs[i];
	return NULL;
}

bool diagnose_transport(diag_t *d)
{
	const handshake_t *h = d->h;

	if (!handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO))
		return false;
	if (h->not_tls_len[SIDE_SERVER])
		d->kind = DK_NOT_TLS;
	else if (!diag_sent_anything(h, SIDE_SERVER) && !diag_client_went_on(h) && h->tcp_end[SIDE_SERVER])
		d->kind = DK_SERVER_SILENT;   /* its FIN or RST is on the wire: not just the capture's end */
	else
		return false;
	d->step = 2;
	d->sender = SIDE_SERVER;
	d->alert = NULL;
	d->alert_id = -1;
	return true;
}

void diagnose_causes_silent(const diag_t *d)
{
	const msg_t *a = diag_client_alert(d->h);

	handshake_add_cause(d->h, "the server could not or would not handle this ClientHello and hung up: a server "
			    "that routes by server_name and has no route for this one, a filter or firewall in front "
			    "of it, or an error on the server (its log will say which). Evidence: after the client's "
			    "ClientHello the server sent not one byte (no ServerHello, no alert) and then %s",
			    d->h->tcp_end[SIDE_SERVER] == TCP_END_RST ? "reset the connection (a TCP RST)"
								      : "closed it (a TCP FIN)");
	diagnose_cause_ja(d, "サーバーはこの ClientHello を処理できないか処理せず、接続を切りました。server_name で振り分ける"
			  "サーバーにこの名前の行き先がない、前段のフィルターやファイアウォール、またはサーバー側のエラー"
			  "（どれかはサーバーのログで分かります）。根拠: クライアントの ClientHello の後、サーバーは 1 バイト"
			  "も送らず（ServerHello もアラートもなし）、%s", d->h->tcp_end[SIDE_SERVER] == TCP_END_RST ?
			  "接続をリセットしました（TCP RST）" : "接続を閉じました（TCP FIN）");
	if (a) {
		handshake_add_cause(d->h, "the client's %s alert is the consequence, not the cause: it sent it when the "
				    "connection closed under it (OpenSSL: \"unexpected eof while reading\")",
				    diagnose_alert_name(a->alert_desc));
		diagnose_cause_ja(d, "クライアントの %s アラートは原因ではなく結果です。接続が閉じられたときに送ったもの"
				  "です（OpenSSL の表現では \"unexpected eof while reading\"）", diagnose_alert_name(a->alert_desc));
	}
}

/* The first line of what came back, printable, quoted. */
static void diag_first_line(const uint8_t *p, size_t n, char *out, size_t len)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n && p[i] != '\r' && p[i] != '\n'; i++)
		diagnose_cat(out, len, isprint(p[i]) ? "%c" : "\\x%02x", p[i]);
}

static bool diag_starts(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	return n >= k && memcmp(p, s, k) == 0;
}

static bool diag_contains(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return true;
	return false;
}

/* The protocol what came back belongs to, where it is recognisable. */
static const char *diag_protocol(const uint8_t *p, size_t n)
{
	if (diag_starts(p, n, "HTTP/"))
		return diag_contains(p, n, "<html") ? "HTTP (an HTML error page)" : "HTTP";
	if (diag_starts(p, n, "<html") || diag_starts(p, n, "<!DOCTYPE") || diag_starts(p, n, "<HTML"))
		return "an HTML page";
	if (diag_starts(p, n, "SSH-"))
		return "SSH";
	if (diag_starts(p, n, "220") || diag_starts(p, n, "421") || diag_starts(p, n, "500"))
		return diag_contains(p, n, "SMTP") || diag_contains(p, n, "mail") ? "SMTP" :
		       diag_contains(p, n, "FTP") ? "FTP" : "SMTP or FTP";
	if (diag_starts(p, n, "+OK") || diag_starts(p, n, "-ERR"))
		return "POP3";
	if (diag_starts(p, n, "* OK") || diag_starts(p, n, "* BYE"))
		return "IMAP";
	return NULL;
}

void diagnose_not_tls_reason(const diag_t *d, lang_t l, char *out, size_t len)
{
	const handshake_t *h = d->h;
	char line[160];
	const char *proto = diag_protocol(h->not_tls[SIDE_SERVER], h->not_tls_len[SIDE_SERVER]);

	diag_first_line(h->not_tls[SIDE_SERVER], h->not_tls_len[SIDE_SERVER], line, sizeof line);
	if (l == LANG_JA)
		snprintf(out, len, "サーバーはここでは TLS を話していません。送ってきたのは「%s」%s%s%sで、TLS の"
			 "レコードではありません。このポートは TLS を話さないか、先に STARTTLS を求めています。", line,
			 proto ? "（" : "", proto ? proto : "", proto ? "）" : "");
	else
		snprintf(out, len, "The server does not speak TLS here: what it sent is \"%s\"%s%s%s, not a TLS record. "
			 "This port does not speak TLS, or expects STARTTLS first.", line, proto ? " (" : "",
			 proto ? proto : "", proto ? ")" : "");
}

void diagnose_causes_not_tls(const diag_t *d)
{
	const handshake_t *h = d->h;
	const char *proto = diag_protocol(h->not_tls[SIDE_SERVER], h->not_tls_len[SIDE_SERVER]);
	char hex[3 * 16 + 1] = "";
	size_t i;

	for (i = 0; i < h->not_tls_len[SIDE_SERVER] && i < 16; i++)
		diagnose_cat(hex, sizeof hex, "%02x", h->not_tls[SIDE_SERVER][i]);
	handshake_add_cause(d->h, "the client reached a %s server instead of a TLS one: a wrong port, or a plain-text "
			    "port where the service expects STARTTLS first (SMTP 25/587, IMAP 143, FTP 21). Evidence: "
			    "the server's first bytes are %s, not a TLS record header (16 03 0x for a handshake, "
			    "15 03 0x for an alert)", proto ? proto : "non-TLS", hex);
	diagnose_cause_ja(d, "クライアントが TLS ではなく %s のサーバーにつながりました。ポートの誤りか、先に STARTTLS を"
			  "求める平文のポート（SMTP 25/587、IMAP 143、FTP 21）です。根拠: サーバーの最初のバイトは %s で、"
			  "TLS レコードのヘッダー（ハンドシェイクなら 16 03 0x、アラートなら 15 03 0x）ではありません",
			  proto ? proto : "TLS 以外", hex);
	handshake_add_cause(d->h, "a proxy or load balancer in front of the server answered in plain text (it "
			    "terminates TLS elsewhere or is misconfigured)");
	diagnose_cause_ja(d, "サーバーの前段のプロキシやロードバランサーが平文で答えました（TLS を別の場所で終端して"
			  "いるか、設定の誤りです）");
}

/* ---- TLS 1.3 without keys ---- */

/* The handshake traffic keys were not known: the encrypted flights are opaque. */
static bool diag_opaque_flight(const handshake_t *h, int side, size_t before, size_t *records, size_t *plain)
{
	const cipher_info_t *ci = h->suite ? cipher_info(h->suite->cipher) : NULL;
	size_t over = 1 + (ci && ci->tag_len ? ci->tag_len : 16), i;

	*records = *plain = 0;
	for (i = 0; i < before && i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->sender == side && m->type == CT_HANDSHAKE && m->opaque) {
			(*records)++;
			*plain += m->raw.len > over ? m->raw.len - over : 0;
		}
	}
	return *records > 0;
}

static size_t diag_index(const handshake_t *h, const msg_t *m)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i] == m)
			return i;
	return h->nmsgs;
}

bool diagnose_tls13_inferred(diag_t *d)
{
	const handshake_t *h = d->h;
	const msg_t *a = NULL;
	size_t i, at, crec, cplain, srec, splain, fin_len;

	if (h->version != VER_TLS13)
		return false;
	for (i = 0; i < h->nmsgs && !a; i++)
		if (h->msgs[i]->type == CT_ALERT && h->msgs[i]->opaque)
			a = h->msgs[i];
	if (!a || (h->app_before_alert[SIDE_CLIENT] && h->app_before_alert[SIDE_SERVER]))
		return false;   /* none, or a close_notify after the data */
	at = diag_index(h, a);
	for (i = at + 1; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_ALERT && h->msgs[i]->opaque && h->msgs[i]->sender != a->sender)
			return false;   /* answered in kind: a close_notify exchange */
	diag_opaque_flight(h, SIDE_CLIENT, at, &crec, &cplain);
	diag_opaque_flight(h, SIDE_SERVER, at, &srec, &splain);
	d->alert = a;
	d->alert_id = -1;
	d->sender = a->sender;
	d->inferred = true;
	fin_len = 4 + (h->suite && h->suite->prf == PRF_SHA384 ? 48 : 32);
	if (a->sender == SIDE_CLIENT) {
		d->kind = DK_INFERRED_CLIENT;
		d->step = crec ? 8 : 5;
	} else {
		d->kind = DK_INFERRED_SERVER;
		d->step = !crec ? 3 : cplain == fin_len ? 7 : 5;
	}
	return true;
}

void diagnose_inferred_reason(const diag_t *d, lang_t l, char *out, size_t len)
{
	const char *who = model_side_name(d->sender);
	unsigned size = d->alert ? (unsigned)d->alert->raw.len : 0;

	if (l == LANG_JA) {
		snprintf(out, len, "%sは、%sの暗号化されたフライトの直後に短い暗号化レコードを送ってハンドシェイクを"
			 "終えました。大きさから見て、ほぼ確実にアラートです（%u バイトはアラート 2 バイト、コンテンツ"
			 "タイプ 1 バイトと AEAD タグの大きさ）。", diagnose_side_ja(d->sender), diagnose_side_ja(!d->sender), size);
		if (d->kind == DK_INFERRED_CLIENT && d->step == 5)
			diagnose_cat(out, len, "おそらくサーバー証明書（またはその CertificateVerify か Finished）を拒否"
				     "しています。これらは鍵がないと見えません。");
		else if (d->kind == DK_INFERRED_CLIENT)
			diagnose_cat(out, len, "サーバーが Finished の後に送った何かを拒否しています（鍵がないと見えません）。");
		else if (d->step == 5)
			diagnose_cat(out, len, "クライアントのフライトには Finished 以外のものも含まれていたので、サーバーは"
				     "おそらくクライアント証明書（なし、または受け入れられないもの）を拒否しています。"
				     "鍵がないと見えません。");
		else if (d->step == 7)
			diagnose_cat(out, len, "クライアントのフライトは Finished だけだったので、サーバーはおそらくそれを"
				     "誤りと判断しています。鍵がないと見えません。");
		else
			diagnose_cat(out, len, "クライアントが答える前にサーバーが中止しています（鍵がないと見えません）。");
		return;
	}
	snprintf(out, len, "The %s ended the handshake right after the %s's encrypted flight with a short "
		 "encrypted record, very likely an alert (inferred from its size, %u bytes: 2 of alert, 1 of content "
		 "type and the AEAD tag): ", who, model_side_name(!d->sender), size);
	if (d->kind == DK_INFERRED_CLIENT && d->step == 5)
		diagnose_cat(out, len, "it most likely refused the server's certificate (or its CertificateVerify or "
			     "Finished), which are not visible without keys.");
	else if (d->kind == DK_INFERRED_CLIENT)
		diagnose_cat(out, len, "it refused something the server sent after its Finished (not visible without keys).");
	else if (d->step == 5)
		diagnose_cat(out, len, "the client's flight carried more than its Finished, so the server most likely "
			     "refused the client's certificate (none, or one it does not accept); not visible without keys.");
	else if (d->step == 7)
		diagnose_cat(out, len, "the client's flight was its Finished alone, so the server most likely found it "
			     "wrong; not visible without keys.");
	else
		diagnose_cat(out, len, "the server stopped before the client answered (not visible without keys).");
}

void diagnose_causes_inferred(const diag_t *d)
{
	const handshake_t *h = d->h;
	size_t at = diag_index(h, d->alert), crec, cplain;
	const cipher_info_t *ci = h->suite ? cipher_info(h->suite->cipher) : NULL;
	size_t over = 1 + (ci && ci->tag_len ? ci->tag_len : 16);
	const msg_t *first = NULL;
	size_t i;

	diag_opaque_flight(h, SIDE_CLIENT, at, &crec, &cplain);
	for (i = 0; i < at; i++)
		if (h->msgs[i]->sender == SIDE_CLIENT && h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->opaque) {
			first = h->msgs[i];
			break;
		}
	if (d->kind == DK_INFERRED_CLIENT) {
		handshake_add_cause(d->h, "the client refused the server's certificate: an issuer it does not trust, an "
				    "expired certificate, another host name, a key too small. Evidence: the record came "
				    "after the server's whole encrypted flight and before any Finished of the client's "
				    "(the certificate itself is encrypted; a key log would show it and the alert)");
		diagnose_cause_ja(d, "クライアントがサーバー証明書を拒否しました。信頼していない発行者、期限切れ、別のホスト名、"
				  "小さすぎる鍵のいずれかです。根拠: そのレコードはサーバーの暗号化されたフライトがすべて届いた後、"
				  "クライアントの Finished より前に来ています（証明書自体は暗号化されています。鍵ログがあれば証明書"
				  "もアラートも見えます）");
		handshake_add_cause(d->h, "the server's CertificateVerify or Finished did not verify for the client");
		diagnose_cause_ja(d, "サーバーの CertificateVerify か Finished が、クライアント側で検証に通りませんでした");
	} else if (d->step == 5) {
		if (first && first->raw.len == 8 + over) {
			handshake_add_cause(d->h, "the server requires a client certificate and the client sent none. "
					    "Evidence: the client's first encrypted record holds 8 bytes, the size of an "
					    "empty Certificate message (RFC 8446 4.4.2)");
			diagnose_cause_ja(d, "サーバーはクライアント証明書を必須としていますが、クライアントは送りませんでした。"
					  "根拠: クライアントの最初の暗号化レコードの中身は 8 バイトで、空の Certificate "
					  "メッセージの大きさです（RFC 8446 4.4.2）");
		}
		handshake_add_cause(d->h, "the server does not accept the certificate the client sent (its issuer, its "
				    "validity, its use). Evidence: the client's flight held %zu record%s, %zu bytes "
				    "of handshake, more than a Finished alone", crec, crec == 1 ? "" : "s", cplain);
		diagnose_cause_ja(d, "サーバーは、クライアントが送った証明書（発行者、有効期間、用途）を受け入れません。根拠: "
				  "クライアントのフライトは %zu レコード、ハンドシェイク %zu バイトで、Finished だけより大きい",
				  crec, cplain);
	} else {
		handshake_add_cause(d->h, "the server found the client's Finished wrong, or could not decrypt it: the "
				    "two sides derived different keys");
		diagnose_cause_ja(d, "サーバーはクライアントの Finished を誤りと判断したか、復号できませんでした。両者が異なる"
				  "鍵を導いています");
	}
	handshake_add_cause(d->h, "a short record is sometimes application data of two bytes, not an alert: a key "
			    "log (SSLKEYLOGFILE) for this connection would show the alert itself");
	diagnose_cause_ja(d, "短いレコードがアラートではなく 2 バイトのアプリケーションデータのこともあります。この接続の"
			  "鍵ログ（SSLKEYLOGFILE）があればアラートそのものが見えます");
}

static bool diag_has_opaque(const handshake_t *h, int side)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->sender == side && h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->opaque)
			return true;
	return false;
}

bool diagnose_tls13_complete_inferred(const handshake_t *h)
{
	return h->version == VER_TLS13 && !h->failure.failed && h->fin[SIDE_CLIENT].verdict == FIN_ABSENT &&
	       h->fin[SIDE_SERVER].verdict == FIN_ABSENT && diag_has_opaque(h, SIDE_SERVER) &&
	       diag_has_opaque(h, SIDE_CLIENT) && h->app_records[SIDE_CLIENT] && h->app_records[SIDE_SERVER];
}

bool diagnose_cert_hidden(const handshake_t *h)
{
	const msg_t *c = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE);

	return h->version == VER_TLS13 && (!c || c->opaque) && diag_has_opaque(h, SIDE_SERVER);
}
