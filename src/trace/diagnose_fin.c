/* diagnose_fin.c - the causes of a Finished that did not verify (steps 7
 * and 8), in English and in Japanese: tlstrace's own recomputation of the
 * Finished as evidence, each side's master secret as GnuTLS logged it
 * (live), a server key that is not its certificate's, a hello changed in
 * transit (the master derived from the wire's randoms is one side's, not
 * the other's).  Reads the trace only; diagnose.c decides the step. */
#include <stdio.h>
#include <string.h>
#include "diagnose_int.h"

/* The first n bytes as hex, then "..." when there are more. */
static void diag_hex(const uint8_t *p, size_t n, size_t show, char *out, size_t len)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n && i < show; i++)
		diagnose_cat(out, len, "%02x", p[i]);
	if (n > show)
		diagnose_cat(out, len, "...");
}

/* tlstrace's own recomputation of `side`'s Finished, as evidence. */
static void diag_finished_evidence(const handshake_t *h, int side, char *out, size_t len)
{
	const finished_check_t *f = &h->fin[side];
	char e[160], r[160];

	diag_hex(f->expected, f->expected_len, 64, e, sizeof e);
	diag_hex(f->received, f->received_len, 64, r, sizeof r);
	switch (f->verdict) {
	case FIN_VERIFIED:
		diagnose_cat(out, len, "the %s's Finished, recomputed here from the transcript on the wire and the %s's "
			 "master secret, is exactly what it sent (verify_data %s): the %s is consistent with the "
			 "wire, the %s is not", model_side_name(side), model_side_name(side), e, model_side_name(side), model_side_name(!side));
		break;
	case FIN_MISMATCH:
		diagnose_cat(out, len, "the %s's Finished, recomputed here from the transcript on the wire, should carry "
			 "verify_data %s but carries %s", model_side_name(side), e, r);
		break;
	case FIN_UNVERIFIED:
		diagnose_cat(out, len, "the %s's Finished could not be recomputed here (%s)", model_side_name(side),
			 f->why ? f->why : "the keys are not known");
		break;
	case FIN_ABSENT:
		diagnose_cat(out, len, "the %s's Finished never came", model_side_name(side));
		break;
	}
}

static void diag_finished_evidence_ja(const handshake_t *h, int side, char *out, size_t len)
{
	const finished_check_t *f = &h->fin[side];
	const char *who = diagnose_side_ja(side), *other = diagnose_side_ja(!side);
	char e[160], r[160];

	diag_hex(f->expected, f->expected_len, 64, e, sizeof e);
	diag_hex(f->received, f->received_len, 64, r, sizeof r);
	switch (f->verdict) {
	case FIN_VERIFIED:
		diagnose_cat(out, len, "%sの Finished は、通信路上のトランスクリプトと%sのマスターシークレットからここで"
			     "再計算した値と完全に一致します（verify_data %s）。%sは通信路と整合しており、%sはそうでは"
			     "ありません", who, who, e, who, other);
		break;
	case FIN_MISMATCH:
		diagnose_cat(out, len, "%sの Finished は、通信路上のトランスクリプトから再計算すると verify_data %s の"
			     "はずですが、実際には %s でした", who, e, r);
		break;
	case FIN_UNVERIFIED:
		if (f->why)
			diagnose_cat(out, len, "%sの Finished はここでは再計算できませんでした（原文「%s」）", who, f->why);
		else
			diagnose_cat(out, len, "%sの Finished はここでは再計算できませんでした（鍵が分かりません）", who);
		break;
	case FIN_ABSENT:
		diagnose_cat(out, len, "%sの Finished は届きませんでした", who);
		break;
	}
}

static bool diag_masters_differ(const handshake_t *h)
{
	return h->have_side_master[SIDE_CLIENT] && h->have_side_master[SIDE_SERVER] &&
	       memcmp(h->side_master[SIDE_CLIENT], h->side_master[SIDE_SERVER], 48) != 0;
}

/* "the client's master secret is 1a2b..., the server's 3c4d..." */
static void diag_masters_text(const handshake_t *h, char *out, size_t len)
{
	char c[64], s[64];

	diag_hex(h->side_master[SIDE_CLIENT], 48, 12, c, sizeof c);
	diag_hex(h->side_master[SIDE_SERVER], 48, 12, s, sizeof s);
	diagnose_cat(out, len, "the client's master secret is %s, the server's %s (as each GnuTLS logged it)", c, s);
}

static void diag_masters_text_ja(const handshake_t *h, char *out, size_t len)
{
	char c[64], s[64];

	diag_hex(h->side_master[SIDE_CLIENT], 48, 12, c, sizeof c);
	diag_hex(h->side_master[SIDE_SERVER], 48, 12, s, sizeof s);
	diagnose_cat(out, len, "クライアントのマスターシークレットは %s、サーバーのものは %s です（それぞれの GnuTLS が"
		     "記録した値）", c, s);
}

/* The side (if any) whose own master is not the one derived here from the
 * premaster and the randoms on the wire, while the other's is: it used
 * other hello values. */
static int diag_master_off_wire(const handshake_t *h)
{
	int side;

	if (h->sec.master_from != FROM_DERIVED || !diag_masters_differ(h))
		return -1;
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++)
		if (memcmp(h->side_master[side], h->sec.master, 48) != 0 &&
		    memcmp(h->side_master[!side], h->sec.master, 48) == 0)
			return side;
	return -1;
}

void diagnose_causes_finished(const diag_t *d)
{
	const handshake_t *h = d->h;
	int fin_side = d->step == 7 ? SIDE_CLIENT : SIDE_SERVER;
	int off_wire = diag_master_off_wire(h);
	bool rsa = h->suite && (h->suite->kx == KX_RSA || h->suite->kx == KX_RSA_EXPORT);
	char fin[DIAG_LINE] = "", masters[DIAG_LINE] = "", line[3 * DIAG_LINE];
	char fin_ja[DIAG_LINE] = "", masters_ja[DIAG_LINE] = "";

	diag_finished_evidence(h, fin_side, fin, sizeof fin);
	diag_finished_evidence_ja(h, fin_side, fin_ja, sizeof fin_ja);
	if (diag_masters_differ(h)) {
		diag_masters_text(h, masters, sizeof masters);
		diag_masters_text_ja(h, masters_ja, sizeof masters_ja);
	}
	if (h->sec.rsa_key_mismatch) {
		snprintf(line, sizeof line, "the server's private key does not belong to its certificate: the client "
			 "encrypted the premaster with the certificate's public key, which that key cannot decrypt; "
			 "GnuTLS then goes on with a random premaster (RFC 5246 7.4.7.1: so as not to reveal the "
			 "failure) and derives other keys than the client. Evidence: the key's public half is not "
			 "the certificate's, and tlstrace cannot decrypt the premaster with it either");
		if (masters[0])
			diagnose_cat(line, sizeof line, "; %s", masters);
		diagnose_cat(line, sizeof line, "; %s", fin);
		handshake_add_cause(d->h, "%s", line);
		snprintf(line, sizeof line, "サーバーの秘密鍵が証明書と対になっていません。クライアントは証明書の公開鍵で"
			 "プリマスターシークレットを暗号化しましたが、その秘密鍵では復号できません。GnuTLS は失敗を明かさ"
			 "ないようにランダムなプリマスターシークレットで続け（RFC 5246 7.4.7.1）、クライアントとは別の鍵を"
			 "導きます。根拠: その鍵の公開部分は証明書のものではなく、tlstrace もその鍵ではプリマスター"
			 "シークレットを復号できません");
		if (masters_ja[0])
			diagnose_cat(line, sizeof line, "。%s", masters_ja);
		diagnose_cat(line, sizeof line, "。%s", fin_ja);
		diagnose_cause_ja(d, "%s", line);
		handshake_add_cause(d->h, "a handshake message was altered in transit (less likely: the key that does "
				    "not match the certificate explains the failure by itself)");
		diagnose_cause_ja(d, "ハンドシェイクのメッセージが途中で書き換えられた（可能性は低い: 証明書と合わない鍵"
				  "だけで失敗を説明できます）");
	} else if (off_wire >= 0) {
		snprintf(line, sizeof line, "a hello was altered in transit: the %s computed its keys from other "
			 "randoms than the ones the %s received. Evidence: %s; both hold the same premaster (the "
			 "server's own key, which matches its certificate, decrypts it), and the master secret "
			 "derived from it with the randoms on the wire is the %s's; %s", model_side_name(off_wire),
			 model_side_name(!off_wire), masters, model_side_name(!off_wire), fin);
		handshake_add_cause(d->h, "%s", line);
		diagnose_cause_ja(d, "ハローが途中で書き換えられました。%sは、%sが受け取ったのとは別の乱数から鍵を計算して"
				  "います。根拠: %s。両者は同じプリマスターシークレットを持ち（証明書と対になるサーバー自身の"
				  "鍵で復号できます）、それと通信路上の乱数から導いたマスターシークレットは%sのものです。%s",
				  diagnose_side_ja(off_wire), diagnose_side_ja(!off_wire), masters_ja,
				  diagnose_side_ja(!off_wire), fin_ja);
	} else if (h->fin[fin_side].verdict == FIN_MISMATCH) {
		snprintf(line, sizeof line, "a handshake message was altered in transit, so the two sides did not hash "
			 "the same messages. Evidence: %s", fin);
		handshake_add_cause(d->h, "%s", line);
		diagnose_cause_ja(d, "ハンドシェイクのメッセージが途中で書き換えられたため、両者は同じメッセージをハッシュして"
				  "いません。根拠: %s", fin_ja);
		handshake_add_cause(d->h, "the two sides derived different master secrets%s", rsa ?
				    " (a server private key that does not match its certificate)" : "");
		diagnose_cause_ja(d, "両者が異なるマスターシークレットを導きました%s", rsa ?
				  "（証明書と対になっていないサーバーの秘密鍵）" : "");
	} else {
		snprintf(line, sizeof line, "the two sides derived different keys%s. Evidence: %s%s%s", rsa ?
			 " (with RSA key exchange, a server private key that does not match its certificate decrypts "
			 "a different, random premaster without any error)" : "", masters[0] ? masters : "",
			 masters[0] ? "; " : "", fin);
		if (h->sec.logged.conflict[KL_MASTER])
			diagnose_cat(line, sizeof line, "; the key log holds two different master secrets for this "
				 "connection");
		handshake_add_cause(d->h, "%s", line);
		snprintf(line, sizeof line, "両者が異なる鍵を導きました%s。根拠: %s%s%s", rsa ?
			 "（RSA 鍵交換では、証明書と合わないサーバーの秘密鍵は、エラーを出さずに別のランダムな"
			 "プリマスターシークレットを復号してしまいます）" : "", masters_ja[0] ? masters_ja : "",
			 masters_ja[0] ? "。" : "", fin_ja);
		if (h->sec.logged.conflict[KL_MASTER])
			diagnose_cat(line, sizeof line, "。鍵ログには、この接続のマスターシークレットが異なる 2 つの値で"
				     "記録されています");
		diagnose_cause_ja(d, "%s", line);
		handshake_add_cause(d->h, "a handshake message was altered in transit, so the %s's transcript or "
				    "randoms differ from the %s's", model_side_name(d->sender), model_side_name(fin_side));
		diagnose_cause_ja(d, "ハンドシェイクのメッセージが途中で書き換えられたため、%sのトランスクリプトまたは乱数が"
				  "%sのものと異なっています", diagnose_side_ja(d->sender), diagnose_side_ja(fin_side));
	}
	diagnose_gnutls_words(d);
}
