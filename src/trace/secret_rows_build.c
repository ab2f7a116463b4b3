/* secret_rows_build.c - srow_build: which secret rows a handshake has and
 * where their values are in the model (see secret_rows.h).  The order of
 * the calls is the order of the rows; the table in secret_rows.c says what
 * each row is.  Reads the model only: every value, PRF block and Finished
 * key was stored by the secrets engine when it derived them. */
#include <string.h>
#include "secret_rows_int.h"

static void srow_choice(const handshake_t *h, srow_list_t *l)
{
	static const char hex[] = "0123456789abcdef";
	char id[10] = " (0x....)";
	srow_t *r;

	if (h->have_client_random)
		srow_bytes(l, SROW_K_CLIENT_RANDOM, h->client_random, 32);
	if (h->have_server_random)
		srow_bytes(l, SROW_K_SERVER_RANDOM, h->server_random, 32);
	if (h->version) {
		r = srow_put(l, SROW_K_VERSION);
		r->text = (h->dtls_version ? handshake_version_name(h) : reg_version_name(h->version)) ? (h->dtls_version ? handshake_version_name(h) : reg_version_name(h->version)) : "?";
	}
	if (h->suite || h->suite_id) {
		r = srow_put(l, SROW_K_SUITE);
		id[4] = hex[h->suite_id >> 12];
		id[5] = hex[(h->suite_id >> 8) & 15];
		id[6] = hex[(h->suite_id >> 4) & 15];
		id[7] = hex[h->suite_id & 15];
		r->text = srow_cat(l, h->suite ? h->suite->name : "unknown", id, (char *)NULL);
	}
	if (h->resumed || h->ems || h->etm) {
		r = srow_put(l, SROW_K_OPTIONS);
		r->text = srow_cat(l, h->resumed ? "resumed session" : "",
				   h->resumed && (h->ems || h->etm) ? ", " : "", h->ems ? "extended master secret" : "",
				   h->ems && h->etm ? ", " : "", h->etm ? "encrypt-then-MAC" : "", (char *)NULL);
		r->text_ja = srow_cat(l, h->resumed ? "セッションの再開" : "",
				      h->resumed && (h->ems || h->etm) ? "、" : "", h->ems ? "拡張マスターシークレット" : "",
				      h->ems && h->etm ? "、" : "", h->etm ? "encrypt-then-MAC" : "", (char *)NULL);
	}
}

/* A direction's AEAD key and IV, made by HKDF from a traffic secret. */
static void srow_keys13(srow_list_t *l, srow_kind_t key, const keys_dir_t *k)
{
	srow_bytes(l, key, k->key, k->key_len)->from = FROM_DERIVED;
	srow_bytes(l, key + 1, k->iv, k->iv_len)->from = FROM_DERIVED;
}

static void srow_logged(const handshake_t *h, srow_list_t *l, srow_kind_t k, keylog_label_t kl)
{
	const secrets_t *s = &h->sec;

	if (s->have_logged && s->logged.len[kl])
		srow_bytes(l, k, s->logged.secret[kl], s->logged.len[kl])->from = s->reported_from;
}

/* RFC 8446 7.1, 7.3: the traffic secrets come from a key log (the wire
 * never shows the (EC)DHE secret they grow from); keys and IVs from them. */
static void srow_tls13(const handshake_t *h, srow_list_t *l)
{
	const secrets_t *s = &h->sec;
	srow_t *r;

	if (h->version == VER_TLS13 && !s->have_logged) {
		r = srow_put(l, SROW_K_TRAFFIC_NONE);
		r->unknown = "not in the key log: the encrypted messages stay opaque";
		r->unknown_ja = "鍵ログにありません。暗号化されたメッセージは読めないままです";
	}
	srow_logged(h, l, SROW_K_CLIENT_HS, KL_CLIENT_HS);
	srow_logged(h, l, SROW_K_SERVER_HS, KL_SERVER_HS);
	if (s->have_hs_keys) {
		srow_keys13(l, SROW_K_CLIENT_HS_KEY, &s->hs_keys[SIDE_CLIENT]);
		srow_keys13(l, SROW_K_SERVER_HS_KEY, &s->hs_keys[SIDE_SERVER]);
	}
	srow_logged(h, l, SROW_K_CLIENT_APP, KL_CLIENT_APP0);
	srow_logged(h, l, SROW_K_SERVER_APP, KL_SERVER_APP0);
	srow_logged(h, l, SROW_K_EXPORTER, KL_EXPORTER);
	if (s->have_app_keys) {
		srow_keys13(l, SROW_K_CLIENT_APP_KEY, &s->app_keys[SIDE_CLIENT]);
		srow_keys13(l, SROW_K_SERVER_APP_KEY, &s->app_keys[SIDE_SERVER]);
	}
}

/* RFC 5246 5: the A(i) and blocks the PRF made the master from (TLS 1.2). */
static void srow_master_prf(const secrets_t *s, srow_list_t *l)
{
	const prf_trace_t *t = s->master_prf;
	size_t i;

	if (s->master_from != FROM_DERIVED || !t)
		return;
	for (i = 0; i < t->nblocks && i < 3; i++) {
		srow_bytes(l, (srow_kind_t)(SROW_K_PRF_A1 + 2 * i), t->a[i], t->hash_len)->from = FROM_DERIVED;
		srow_bytes(l, (srow_kind_t)(SROW_K_PRF_B1 + 2 * i), t->block[i], t->hash_len)->from = FROM_DERIVED;
	}
}

/* The master secret's own check: against the reported one, when the
 * master was not simply taken from that report (docs/json.md master_agrees). */
/* v in decimal, in buf; returns buf. */
static const char *srow_u64(uint64_t v, char buf[21])
{
	char *p = buf + 20;

	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	memmove(buf, p, (size_t)(buf + 21 - p));
	return buf;
}

static srow_check_t srow_master_check(const secrets_t *s)
{
	if (!s->have_master || !s->have_master_reported || s->master_from == FROM_KEYLOG ||
	    s->master_from == FROM_LIVE)
		return SROW_UNCHECKED;
	return s->master_agrees ? SROW_AGREES : SROW_MISMATCH;
}

static void srow_master(const handshake_t *h, srow_list_t *l)
{
	const secrets_t *s = &h->sec;
	srow_t *r;
	int side;

	if (h->version != VER_TLS13) {
		r = srow_bytes(l, SROW_K_PREMASTER, s->premaster, s->premaster_len);
		r->from = s->premaster_from;
		if (!s->premaster_len)
			r->unknown = s->premaster_why;
	}
	if (s->session_hash_len)
		srow_bytes(l, SROW_K_SESSION_HASH, s->session_hash, s->session_hash_len)->from = FROM_DERIVED;
	if (s->have_master) {
		r = srow_put(l, SROW_K_MASTER_FORMULA);
		r->text = h->version == VER_SSL30
			? "MD5(premaster + SHA(\"A\" + premaster + client_random + server_random)) + ... (RFC 6101 6.1)"
			: srow_printf(l, "PRF(premaster, \"%s\", %s)", h->ems ? "extended master secret" : "master secret",
				      h->ems ? "session_hash" : "client_random + server_random");
		srow_master_prf(s, l);
	}
	if (s->have_master || h->version != VER_TLS13) {
		r = srow_bytes(l, SROW_K_MASTER, s->master, s->have_master ? 48 : 0);
		r->from = s->have_master ? s->master_from : FROM_NONE;
		r->qualifier = !s->have_master ? NULL : s->master_from == FROM_DERIVED ? "derived" : "logged";
		r->check = srow_master_check(s);
		r->check_by = srow_reporter(s->reported_from);
		if (!s->have_master) {
			r->unknown = "neither derived here (the premaster is not known) nor given by a key log";
			r->unknown_ja = "ここで導出しておらず（プリマスターシークレットが不明）、鍵ログにもありません";
		}
	}
	if (s->have_master_reported) {
		r = srow_bytes(l, SROW_K_MASTER_REPORTED, s->master_reported, 48);
		r->label = srow_reported_label(s->reported_from);
		r->label_ja = s->reported_from == FROM_LIVE ? "GnuTLS の値" : "鍵ログの値";
		r->from = s->reported_from;
	}
	if (s->have_master_reported && s->master_from == FROM_DERIVED) {
		r = srow_put(l, SROW_K_MASTER_AGREES);
		r->text = s->master_agrees ? "the same: the derivation is confirmed"
					   : "DIFFERENT: the derived master secret is not the one reported";
		r->text_ja = s->master_agrees ? "同じ。導出が正しいことを確認しました"
					      : "異なる。導出したマスターシークレットは報告された値ではありません";
		r->check = s->master_agrees ? SROW_AGREES : SROW_MISMATCH;
		r->check_by = srow_reporter(s->reported_from);
	}
	if (s->rsa_key_mismatch) {
		r = srow_put(l, SROW_K_RSA_KEY);
		if (h->suite && h->suite->kx == KX_RSA_EXPORT &&
		    handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE)) {
			r->text = "the private key given is not the temporary RSA_EXPORT key of the ServerKeyExchange";
			r->text_ja = "与えられた秘密鍵は、ServerKeyExchange の一時的な RSA_EXPORT 鍵ではありません";
		} else {
			r->text = "the private key given is not the certificate's key";
			r->text_ja = "与えられた秘密鍵は、証明書の鍵ではありません";
		}
		r->check = SROW_MISMATCH;
	}
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++)
		if (h->have_side_master[side])
			srow_bytes(l, (srow_kind_t)(SROW_K_CLIENT_SIDE_MASTER + side), h->side_master[side], 48)->from = FROM_LIVE;
}

/* What the key block is cut into, for the formula row. */
static const char *srow_block_parts(const handshake_t *h, const keys_t *k)
{
	if (k->export_len)
		return k->export_ivs ? "MAC keys and the export suite's short write keys; the final write keys and "
				       "the IVs are made from those and the randoms (below)"
				     : "MAC keys and the export suite's short write keys; the final write keys are made "
				       "from those and the randoms (below)";
	if (k->client.iv_len)
		return "MAC keys, write keys and IVs";
	if (h->version >= VER_TLS11 && !k->client.mac_len)
		return "write keys";
	if (h->version >= VER_TLS11)
		return "MAC keys and write keys; no IVs, since from TLS 1.1 on every CBC record "
		       "carries its own (TLS 1.0 cut two more from the key block)";
	return "MAC keys and write keys";
}

static const char *srow_block_parts_ja(const handshake_t *h, const keys_t *k)
{
	if (k->export_len)
		return k->export_ivs ? "MAC 鍵と、輸出用スイートの短い書き込み鍵。最終的な書き込み鍵と IV は、"
				       "それと乱数から作ります（下）"
				     : "MAC 鍵と、輸出用スイートの短い書き込み鍵。最終的な書き込み鍵は、それと乱数から作ります（下）";
	if (k->client.iv_len)
		return "MAC 鍵、書き込み鍵、IV";
	if (h->version >= VER_TLS11 && !k->client.mac_len)
		return "書き込み鍵";
	if (h->version >= VER_TLS11)
		return "MAC 鍵と書き込み鍵。IV は切り出しません。TLS 1.1 以降は CBC のレコードが"
		       "それぞれ自分の IV を運ぶからです（TLS 1.0 では鍵ブロックからさらに 2 つ切り出しました）";
	return "MAC 鍵と書き込み鍵";
}

/* rfc6101#section-6.2.2 and rfc2246#section-6.3: how an export suite's
 * final write keys and IVs come from the key block's short keys and the
 * randoms; TLS 1.1 and 1.2 as old OpenSSL did it, with their PRF and
 * without IVs (each CBC record carries its own). */
static const char *srow_export_formula(const handshake_t *h, const keys_t *k, srow_list_t *l)
{
	const cipher_info_t *ci = h->suite ? cipher_info(h->suite->cipher) : NULL;
	bool ssl3 = h->version == VER_SSL30, cbc = ci && ci->kind == CKIND_CBC;

	return srow_printf(l, "final write keys = %s, cut to the cipher's key size; %s %s",
		ssl3 ? "MD5(client export key + client_random + server_random) and "
		       "MD5(server export key + server_random + client_random)"
		     : "PRF(client export key, \"client write key\", client_random + server_random) and "
		       "PRF(server export key, \"server write key\", client_random + server_random)",
		k->export_ivs ? (ssl3 ? "IVs = MD5(client_random + server_random) and MD5(server_random + client_random)"
				      : "IVs = PRF(\"\", \"IV block\", client_random + server_random), the client's then "
					"the server's")
			      : cbc ? "no IV block: each record carries its IV" : "a stream cipher has no IV",
		ssl3 ? "(RFC 6101 6.2.2)"
		     : h->version >= VER_TLS11 ? "(RFC 2246 6.3, with this version's PRF as old OpenSSL did: TLS 1.1 "
						 "and later forbid export suites)"
					       : "(RFC 2246 6.3)");
}

/* RFC 5246 6.3: key_block = PRF(master, "key expansion", server_random +
 * client_random), cut into MAC keys, write keys and IVs; SSL 3.0 makes it
 * with its MD5/SHA construction (RFC 6101 6.2.2).  An export suite's
 * write keys are shown twice: as the key block gave them, then expanded. */
static void srow_keys(const handshake_t *h, srow_list_t *l)
{
	const keys_t *k = &h->sec.keys;
	const keys_dir_t *dir[2] = { &k->client, &k->server };
	const uint8_t *exp[2] = { k->client_export, k->server_export };
	static const srow_kind_t first[2] = { SROW_K_CLIENT_MAC, SROW_K_SERVER_MAC };
	int side, ssl3 = h->version == VER_SSL30;
	const char *formula = ssl3 ? "MD5(master + SHA(\"A\" + master + server_random + client_random)) + ... (RFC 6101 6.2.2)"
				   : "PRF(master, \"key expansion\", server_random + client_random)";
	srow_t *r;

	if (!h->sec.have_keys)
		return;
	r = srow_put(l, SROW_K_KEY_BLOCK_FORMULA);
	r->text = srow_cat(l, formula, ": ", srow_block_parts(h, k), (char *)NULL);
	r->text_ja = srow_cat(l, formula, ": ", srow_block_parts_ja(h, k), (char *)NULL);
	srow_bytes(l, SROW_K_KEY_BLOCK, k->block, k->block_len)->from = FROM_DERIVED;
	if (k->export_len)
		srow_put(l, SROW_K_EXPORT_FORMULA)->text = srow_export_formula(h, k, l);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		if (dir[side]->mac_len)
			srow_bytes(l, first[side], dir[side]->mac_key, dir[side]->mac_len)->from = FROM_DERIVED;
		if (k->export_len)
			srow_bytes(l, (srow_kind_t)(SROW_K_CLIENT_EXPORT_KEY + side), exp[side], k->export_len)->from =
				FROM_DERIVED;
		if (dir[side]->key_len) {
			r = srow_bytes(l, first[side] + 1, dir[side]->key, dir[side]->key_len);
			r->from = FROM_DERIVED;
			if (k->export_len) {
				r->label = side == SIDE_CLIENT ? "client final write key" : "server final write key";
				r->what = "the export expansion of the export key (see the formula above)";
			}
		}
		if (dir[side]->iv_len) {
			r = srow_bytes(l, first[side] + 2, dir[side]->iv, dir[side]->iv_len);
			r->from = FROM_DERIVED;
			if (k->export_ivs)
				r->what = "made from the randoms alone (see the export formula above)";
		}
	}
}

/* RFC 5246 7.4.9 / RFC 8446 4.4.4: one Finished, as the engine checked it. */
static void srow_finished(const handshake_t *h, srow_list_t *l, int side)
{
	const finished_check_t *f = &h->fin[side];
	bool tls13 = h->version == VER_TLS13;
	srow_t *r;

	if (f->label) {
		r = srow_put(l, (srow_kind_t)(SROW_K_FIN_LABEL + side));
		r->text = srow_cat(l, "\"", f->label, "\"", (char *)NULL);
		r->what = tls13 ? "finished_key = HKDF-Expand-Label(handshake traffic secret, \"finished\", \"\", Hash.length); "
				  "verify_data = HMAC(finished_key, transcript hash) (RFC 8446 4.4.4)"
				: "verify_data = PRF(master_secret, label, Hash(handshake_messages))[0..11] (RFC 5246 7.4.9)";
	}
	if (f->transcript_hash_len)
		srow_bytes(l, (srow_kind_t)(SROW_K_FIN_TH + side), f->transcript_hash, f->transcript_hash_len)->from = FROM_DERIVED;
	if (f->key_len) {
		r = srow_bytes(l, (srow_kind_t)(SROW_K_FIN_KEY + side), f->key, f->key_len);
		r->label = tls13 ? "finished_key" : "key: master secret";
		r->label_ja = tls13 ? "finished_key" : "鍵: マスターシークレット";
		r->from = tls13 ? FROM_DERIVED : h->sec.master_from;
	}
	if (f->expected_len)
		srow_bytes(l, (srow_kind_t)(SROW_K_FIN_EXPECTED + side), f->expected, f->expected_len)->from = FROM_DERIVED;
	if (f->received_len)
		srow_bytes(l, (srow_kind_t)(SROW_K_FIN_RECEIVED + side), f->received, f->received_len);
	r = srow_put(l, (srow_kind_t)(SROW_K_FIN_VERDICT + side));
	r->text = fin_verdict_name(f->verdict);
	r->text_ja = f->verdict == FIN_VERIFIED ? "一致（検証済み）" : f->verdict == FIN_MISMATCH ? "不一致" :
		     f->verdict == FIN_UNVERIFIED ? "未検証" : "届いていません";
	r->note = f->why;
	r->check = f->verdict == FIN_VERIFIED ? SROW_AGREES : f->verdict == FIN_MISMATCH ? SROW_MISMATCH : SROW_UNCHECKED;
	if (f->verdict == FIN_ABSENT)
		r->flags |= SROW_F_ABSENT;
}

/* Step 9: what each side sent, and its first bytes when decrypted. */
static void srow_app(const handshake_t *h, srow_list_t *l, int side)
{
	char preview[4 * sizeof h->app_preview[0] + 1], *p = preview, nrec[21], nbytes[21];
	size_t i;
	srow_t *r;

	if (!h->app_records[side] && !h->app_decrypted[side])
		return;
	r = srow_bytes(l, (srow_kind_t)(SROW_K_APP + side), h->app_preview[side],
		       h->app_decrypted[side] ? h->app_preview_len[side] : 0);
	for (i = 0; h->app_decrypted[side] && i < h->app_preview_len[side]; i++) {
		uint8_t c = h->app_preview[side][i];
		static const char hexd[] = "0123456789abcdef";

		if (c >= 0x20 && c < 0x7f) {
			*p++ = (char)c;
		} else if (c == '\r' || c == '\n') {
			*p++ = '\\';
			*p++ = c == '\r' ? 'r' : 'n';
		} else {
			*p++ = '\\';
			*p++ = 'x';
			*p++ = hexd[c >> 4];
			*p++ = hexd[c & 15];
		}
	}
	*p = '\0';
	r->text = srow_cat(l, srow_u64(h->app_records[side], nrec), " record(s), ",
			   srow_u64(h->app_bytes[side], nbytes), " bytes",
			   h->app_decrypted[side] ? ", decrypted: \"" : "", preview,
			   h->app_decrypted[side] ? "\"" : "", (char *)NULL);
	r->text_ja = srow_cat(l, nrec, " レコード、", nbytes, " バイト",
			      h->app_decrypted[side] ? "、復号した中身「" : "", preview,
			      h->app_decrypted[side] ? "」" : "", (char *)NULL);
}

void srow_build(const handshake_t *h, srow_list_t *l)
{
	int side;

	l->n = 0;
	memset(l->at, 0, sizeof l->at);
	l->used = 0;
	l->truncated = false;
	srow_choice(h, l);
	srow_tls13(h, l);
	srow_master(h, l);
	srow_keys(h, l);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++)
		srow_finished(h, l, side);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++)
		srow_app(h, l, side);
}
