/* lesson_ph_wire.c - placeholder fillers for what the messages carry
 * beyond the hellos: certificates (read with GnuTLS's X.509 parser),
 * signatures, key exchange values, the failure and its diagnosis, the
 * scenarios, the application data.  Registered in lesson_ph.c's table. */
#include <stdio.h>
#include <string.h>
#include <gnutls/x509.h>
#include "live/scenario.h"
#include "lesson_ph.h"

/* ---- certificates ---- */

/* Subject or issuer DN of certificate i of a Certificate message, with GnuTLS's reader. */
static int ph_cert_dn(lesson_fill_t *f, int sender, size_t i, bool issuer)
{
	const msg_t *m = lf_msg(f, sender, HS_CERTIFICATE);
	gnutls_x509_crt_t crt;
	gnutls_datum_t der, dn = { NULL, 0 };
	int rc;

	if (!m)
		return lf_absent(f);
	if (i >= m->ncerts)
		return sender == SIDE_CLIENT ? LU_NO_CLIENT_CERT : LU_NOT_SENT;
	if (gnutls_x509_crt_init(&crt) < 0)
		return LU_NOT_YET;
	der.data = (unsigned char *)m->raw.ptr + m->certs[i].off;
	der.size = m->certs[i].len;
	rc = gnutls_x509_crt_import(crt, &der, GNUTLS_X509_FMT_DER);
	if (rc >= 0)
		rc = issuer ? gnutls_x509_crt_get_issuer_dn3(crt, &dn, 0) : gnutls_x509_crt_get_dn3(crt, &dn, 0);
	if (rc >= 0)
		lf_printf(f, "%.*s", (int)dn.size, (const char *)dn.data);
	else
		lf_printf(f, "(%zu bytes of DER)", (size_t)der.size);
	gnutls_free(dn.data);
	gnutls_x509_crt_deinit(crt);
	return LU_FILLED;
}

int ph_server_cert_subject(lesson_fill_t *f) { return ph_cert_dn(f, SIDE_SERVER, 0, false); }
int ph_server_cert_issuer(lesson_fill_t *f) { return ph_cert_dn(f, SIDE_SERVER, 0, true); }
int ph_client_cert_subject(lesson_fill_t *f) { return ph_cert_dn(f, SIDE_CLIENT, 0, false); }

static int ph_cert_count(lesson_fill_t *f, int sender)
{
	const msg_t *m = lf_msg(f, sender, HS_CERTIFICATE);

	if (!m)
		return lf_absent(f);
	lf_printf(f, "%zu", m->ncerts);
	return LU_FILLED;
}

int ph_server_cert_count(lesson_fill_t *f) { return ph_cert_count(f, SIDE_SERVER); }
int ph_client_cert_count(lesson_fill_t *f) { return ph_cert_count(f, SIDE_CLIENT); }

int ph_cert_result(lesson_fill_t *f)
{
	if (!f->h->cert_checked)
		return f->h->done ? LU_NOT_CHECKED : LU_NOT_YET;
	lf_puts(f, lesson_strings(f->lang)->cert_result[f->h->cert_status == 0]);
	return LU_FILLED;
}

int ph_cert_verdict(lesson_fill_t *f)
{
	if (!f->h->cert_checked || !f->h->cert_verdict)
		return f->h->done ? LU_NOT_CHECKED : LU_NOT_YET;
	lf_puts(f, f->h->cert_verdict);
	return LU_FILLED;
}

int ph_cert_requested(lesson_fill_t *f)
{
	if (!f->h->done && !lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO_DONE) && !lf_msg(f, SIDE_SERVER, HS_FINISHED))
		return LU_NOT_YET;
	return lf_yesno(f, lf_msg(f, SIDE_SERVER, HS_CERTIFICATE_REQUEST) != NULL);
}

static int ph_sig_algorithm(lesson_fill_t *f, const msg_t *m)
{
	const sigscheme_info_t *s;

	if (!m)
		return lf_absent(f);
	if (!m->sig_scheme)
		return LU_NOT_SENT;
	s = sigscheme_find(m->sig_scheme);
	if (s)
		lf_printf(f, "%s (0x%04x)", s->name, m->sig_scheme);
	else
		lf_printf(f, "0x%04x", m->sig_scheme);
	return LU_FILLED;
}

int ph_client_cert_verify_algorithm(lesson_fill_t *f)
{
	return ph_sig_algorithm(f, lf_msg(f, SIDE_CLIENT, HS_CERTIFICATE_VERIFY));
}

int ph_client_cert_verify_signature(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CERTIFICATE_VERIFY);

	if (!m)
		return lf_absent(f);
	lf_hex_short(f, m->raw.ptr + m->signature.off, m->signature.len);
	return LU_FILLED;
}

int ph_server_signature_algorithm(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_SERVER_KEY_EXCHANGE);

	if (!m)
		m = lf_msg(f, SIDE_SERVER, HS_CERTIFICATE_VERIFY);
	if (!m && f->h->suite && (f->h->suite->kx == KX_RSA || f->h->suite->kx == KX_RSA_EXPORT))
		return LU_NOT_USED;
	return ph_sig_algorithm(f, m);
}

int ph_server_public(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_SERVER_KEY_EXCHANGE);

	if (!m) {
		if (f->h->suite && (f->h->suite->kx == KX_RSA || f->h->suite->tls13))
			return LU_NOT_USED;
		return lf_absent(f);
	}
	lf_hex_short(f, m->raw.ptr + m->exchange.off, m->exchange.len);
	return LU_FILLED;
}

int ph_client_public(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE);

	if (f->h->suite && (f->h->suite->kx == KX_RSA || f->h->suite->tls13))
		return LU_NOT_USED;
	if (!m)
		return lf_absent(f);
	lf_hex_short(f, m->raw.ptr + m->exchange.off, m->exchange.len);
	return LU_FILLED;
}

/* The key exchange message of `side` for a suite whose key exchange is
 * kx in *m, and LU_FILLED; or why there is none to show. */
static int lf_kx_msg(lesson_fill_t *f, int side, int type, int kx, const msg_t **m)
{
	*m = lf_msg(f, side, type);
	if (f->h->suite && (int)f->h->suite->kx != kx)
		return f->h->suite->tls13 ? LU_TLS13 : LU_NOT_USED;
	if (!*m)
		return lf_absent(f);
	return LU_FILLED;
}

/* The ClientKeyExchange carrying an RSA-encrypted premaster. */
static int lf_rsa_cke(lesson_fill_t *f, const msg_t **m)
{
	return lf_kx_msg(f, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE, KX_RSA, m);
}

int ph_encrypted_premaster(lesson_fill_t *f)
{
	const msg_t *m;
	int st = lf_rsa_cke(f, &m);

	if (st == LU_FILLED)
		lf_hex_short(f, m->raw.ptr + m->exchange.off, m->exchange.len);
	return st;
}

int ph_encrypted_premaster_len(lesson_fill_t *f)
{
	const msg_t *m;
	int st = lf_rsa_cke(f, &m);

	if (st == LU_FILLED)
		lf_printf(f, "%u", (unsigned)m->exchange.len);
	return st;
}

/* ---- failures ---- */

int ph_failure_step(lesson_fill_t *f)
{
	if (!f->h->failure.failed)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	lf_printf(f, "%d", f->h->failure.step);
	return LU_FILLED;
}

int ph_failure_step_title(lesson_fill_t *f)
{
	if (!f->h->failure.failed)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	lf_puts(f, lesson_step_title(f->lang, f->h->failure.step));
	return LU_FILLED;
}

int ph_failure_side(lesson_fill_t *f)
{
	if (!f->h->failure.failed)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	lf_puts(f, lesson_strings(f->lang)->side[f->h->failure.sender == SIDE_SERVER]);
	return LU_FILLED;
}

int ph_failure_alert(lesson_fill_t *f)
{
	const alert_info_t *a;

	if (!f->h->failure.failed)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	if (f->h->failure.alert < 0)
		return LU_NO_ALERT;
	a = alert_find((uint8_t)f->h->failure.alert);
	lf_printf(f, "%s (%d)", a ? a->name : "unknown", f->h->failure.alert);
	return LU_FILLED;
}

int ph_failure_reason(lesson_fill_t *f)
{
	if (!f->h->failure.failed || !f->h->failure.reason)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	lf_puts(f, f->lang == LESSON_JA && f->h->failure.reason_ja ? f->h->failure.reason_ja : f->h->failure.reason);
	return LU_FILLED;
}

int ph_failure_cause(lesson_fill_t *f)
{
	if (!f->h->failure.failed || !f->h->failure.ncauses)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	/* the diagnosis words each cause in both languages, or Japanese none */
	lf_puts(f, f->lang == LESSON_JA && f->h->failure.ncauses_ja == f->h->failure.ncauses ?
		f->h->failure.causes_ja[0] : f->h->failure.causes[0]);
	return LU_FILLED;
}

static int ph_side_error(lesson_fill_t *f, const char *e)
{
	if (!e)
		return f->h->done ? LU_NO_ERROR : LU_NOT_YET;
	lf_puts(f, e);
	return LU_FILLED;
}

int ph_client_error(lesson_fill_t *f) { return ph_side_error(f, f->h->client_error); }
int ph_server_error(lesson_fill_t *f) { return ph_side_error(f, f->h->server_error); }

int ph_scenario(lesson_fill_t *f)
{
	if (!f->lesson || !f->lesson->cfg.scenario)
		return LU_NO_SCENARIO;
	lf_puts(f, f->lesson->cfg.scenario);
	return LU_FILLED;
}

int ph_scenario_summary(lesson_fill_t *f)
{
	const scenario_t *sc = f->lesson && f->lesson->cfg.scenario ? scenario_find(f->lesson->cfg.scenario) : NULL;

	if (!sc)
		return LU_NO_SCENARIO;
	lf_puts(f, sc->summary);
	return LU_FILLED;
}

int ph_scenario_list(lesson_fill_t *f)
{
	const lesson_strings_t *w = lesson_strings(f->lang);
	size_t i;

	for (i = 0; i < scenario_count(); i++) {
		const scenario_t *sc = scenario_at(i);
		lf_printf(f, "%s%s: %s%d%s%s%s", i ? "\n" : "", sc->name, w->fails_at[0], sc->step, w->fails_at[1],
			  w->side[sc->sender == SIDE_SERVER], w->fails_at[2]);
	}
	return LU_FILLED;
}

/* ---- application data ---- */

static int ph_app_data(lesson_fill_t *f, int side)
{
	size_t i;

	if (!f->h->app_records[side])
		return lf_absent(f);
	if (!f->h->app_decrypted[side])
		return LU_NOT_DECRYPTED;
	lf_puts(f, "\"");
	for (i = 0; i < f->h->app_preview_len[side]; i++) {
		uint8_t c = f->h->app_preview[side][i];
		/* braces too: a lesson never shows one that looks like a placeholder */
		if (c >= 0x20 && c < 0x7f && c != '{' && c != '}')
			lf_printf(f, "%c", c);
		else
			lf_printf(f, c == '\r' ? "\\r" : c == '\n' ? "\\n" : "\\x%02x", c);
	}
	lf_puts(f, "\"");
	return LU_FILLED;
}

int ph_client_app_data(lesson_fill_t *f) { return ph_app_data(f, SIDE_CLIENT); }
int ph_server_app_data(lesson_fill_t *f) { return ph_app_data(f, SIDE_SERVER); }

/* ---- words of the fillers below, by language ---- */

typedef struct {
	const char *rfc_same;        /* key block: tlstrace derived what the RFC asks */
	const char *rfc_more[3];     /* around: derived, extra, ... IVs the version does not use */
	const char *rfc_other[3];    /* around: derived, RFC: any other difference */
	const char *encrypted;       /* record_types: protected */
	const char *tls13_outer;     /* record_types: TLS 1.3 outer type */
	const char *hs_header[3];    /* around: type, length */
	const char *bits;            /* " bits" */
	const char *sentinel[3];     /* none; TLS 1.2; TLS 1.1 or below */
} wire_words_t;

static const wire_words_t wire_en = {
	.rfc_same = "tlstrace derived exactly that many",
	.rfc_more = { "tlstrace derived ", " bytes, ",
		      " more: it also cut two CBC IVs from the key block, as TLS 1.0 did; TLS 1.1 and 1.2 "
		      "send an explicit IV in every record and never use them" },
	.rfc_other = { "tlstrace derived ", " bytes, where the RFC asks for ", "" },
	.encrypted = "encrypted",
	.tls13_outer = "outside: application_data (23)",
	.hs_header = { "type ", ", length ", " bytes" },
	.bits = " bits",
	.sentinel = { "no: not one of RFC 8446's downgrade sentinels",
		      "yes: 444f574e47524401, \"DOWNGRD\" and 01: the server speaks TLS 1.3 and was offered TLS 1.2 at most",
		      "yes: 444f574e47524400, \"DOWNGRD\" and 00: the server speaks TLS 1.3 and was offered TLS 1.1 or below" },
};

static const wire_words_t wire_ja = {
	.rfc_same = "tlstrace が導出した長さもちょうど同じです",
	.rfc_more = { "tlstrace は ", " バイトを導出しており、",
		      " バイト多くなっています。TLS 1.0 と同じように鍵ブロックから CBC の IV を二つ切り出しているためで、"
		      "TLS 1.1 と 1.2 はレコードごとに明示的な IV を送るので、この IV は使いません" },
	.rfc_other = { "tlstrace は ", " バイトを導出しましたが、RFC の求める長さは ", " バイトです" },
	.encrypted = "暗号化",
	.tls13_outer = "外側は application_data (23)",
	.hs_header = { "タイプ ", "、長さ ", " バイト" },
	.bits = " ビット",
	.sentinel = { "いいえ（RFC 8446 のダウングレード検知用の値ではありません）",
		      "はい: 444f574e47524401（\"DOWNGRD\" と 01）。TLS 1.3 を話すサーバーが TLS 1.2 までしか提示されなかった印",
		      "はい: 444f574e47524400（\"DOWNGRD\" と 00）。TLS 1.3 を話すサーバーが TLS 1.1 以下しか提示されなかった印" },
};

static const wire_words_t *wire_words(const lesson_fill_t *f)
{
	return f->lang == LESSON_JA ? &wire_ja : &wire_en;
}

/* ---- the key block, as RFC 5246 6.3 (TLS 1.0: RFC 2246 6.3) cuts it ---- */

/* Bytes of key block the version and suite need: two MAC keys, two write
 * keys, and two IVs only where they come from it: TLS 1.0 (and SSL 3.0)
 * CBC, and an AEAD's implicit nonce part (RFC 5246 6.3, RFC 5116 3.2.1).
 * TLS 1.1 and 1.2 CBC records carry an explicit IV (RFC 4346 6.2.3.2). */
static size_t lesson_key_block_rfc_len(uint16_t version, const suite_info_t *s)
{
	const cipher_info_t *ci = s ? cipher_info(s->cipher) : NULL;
	size_t mac, key, iv = 0;

	if (!ci || s->tls13 || version >= VER_TLS13)
		return 0;
	mac = s->mac == MAC_AEAD ? 0 : reg_mac_len(s->mac);
	key = ci->exportable ? ci->export_key_material : ci->key_len;
	if (ci->kind == CKIND_AEAD)
		iv = ci->fixed_iv_len;
	else if (ci->kind == CKIND_CBC && version <= VER_TLS10 && !ci->exportable)
		iv = ci->block_len;
	return 2 * (mac + key + iv);
}

/* The suite and version of a classic (TLS 1.0-1.2) run, or why there are none. */
static int lf_classic_suite(const lesson_fill_t *f)
{
	if (!f->h->suite || !f->h->version)
		return LU_NOT_YET;
	if (f->h->suite->tls13 || f->h->version >= VER_TLS13)
		return LU_TLS13;
	if (!cipher_info(f->h->suite->cipher))
		return LU_NOT_COMPUTED;
	return LU_FILLED;
}

int ph_key_block_rfc_len(lesson_fill_t *f)
{
	int st = lf_classic_suite(f);

	if (st == LU_FILLED)
		lf_printf(f, "%zu", lesson_key_block_rfc_len(f->h->version, f->h->suite));
	return st;
}

int ph_key_block_rfc_check(lesson_fill_t *f)
{
	const wire_words_t *w = wire_words(f);
	int st = lf_classic_suite(f);
	size_t rfc, got;

	if (st != LU_FILLED)
		return st;
	if (!f->h->sec.have_keys)
		return f->h->done ? LU_NOT_COMPUTED : LU_NOT_YET;
	rfc = lesson_key_block_rfc_len(f->h->version, f->h->suite);
	got = f->h->sec.keys.block_len;
	if (got == rfc)
		lf_puts(f, w->rfc_same);
	else if (got > rfc && f->h->version >= VER_TLS11 && cipher_info(f->h->suite->cipher)->kind == CKIND_CBC &&
		 got - rfc == 2u * cipher_info(f->h->suite->cipher)->block_len)
		lf_printf(f, "%s%zu%s%zu%s", w->rfc_more[0], got, w->rfc_more[1], got - rfc, w->rfc_more[2]);
	else
		lf_printf(f, "%s%zu%s%zu%s", w->rfc_other[0], got, w->rfc_other[1], rfc, w->rfc_other[2]);
	return LU_FILLED;
}

/* ---- the record layer ---- */

/* Every message in wire order with the content type of the record that
 * carried it, by its RFC name: TLS 1.3 protected records say application_data outside
 * (RFC 8446 5.2) and carry the real type inside. */
int ph_record_types(lesson_fill_t *f)
{
	const lesson_strings_t *s = lesson_strings(f->lang);
	const wire_words_t *w = wire_words(f);
	size_t i;

	if (!f->h->nmsgs)
		return LU_NOT_YET;
	for (i = 0; i < f->h->nmsgs; i++) {
		const msg_t *m = f->h->msgs[i];
		static const char *const names[] = { "change_cipher_spec", "alert", "handshake", "application_data",
						      "heartbeat" };
		const char *ct = m->type >= CT_CHANGE_CIPHER_SPEC && m->type <= CT_HEARTBEAT
				 ? names[m->type - CT_CHANGE_CIPHER_SPEC] : NULL;
		lf_printf(f, "%s%s -> %s  %u %s  %s", i ? "\n" : "", s->side[m->sender != SIDE_CLIENT],
			  s->side[m->sender == SIDE_CLIENT], m->type, ct ? ct : "?", msg_type_name(m));
		if (m->encrypted && f->h->version == VER_TLS13 && m->type != CT_APPLICATION_DATA)
			lf_printf(f, "  (%s, %s)", w->encrypted, w->tls13_outer);
		else if (m->encrypted)
			lf_printf(f, "  (%s)", w->encrypted);
	}
	return LU_FILLED;
}

/* The 4-byte handshake header of the ClientHello: type and 24-bit length (RFC 5246 7.4). */
int ph_client_hello_header(lesson_fill_t *f)
{
	const wire_words_t *w = wire_words(f);
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_HELLO);
	const uint8_t *p;

	if (!m || m->raw.len < 4 || m->hello.sslv2)
		return m ? LU_NOT_COMPUTED : LU_NOT_YET;
	p = m->raw.ptr;
	lf_printf(f, "%02x %02x%02x%02x: %s%u%s%lu%s", p[0], p[1], p[2], p[3], w->hs_header[0], p[0], w->hs_header[1],
		  (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3], w->hs_header[2]);
	return LU_FILLED;
}

/* The body of the client's ChangeCipherSpec: one byte, 01 (RFC 5246 7.1). */
int ph_ccs_body(lesson_fill_t *f)
{
	const msg_t *m = handshake_find(f->h, SIDE_CLIENT, CT_CHANGE_CIPHER_SPEC, -1);

	if (!m)
		return lf_absent(f);
	return lf_bytes(f, m->raw.ptr, m->raw.len, LU_NOT_SENT);
}

/* The record protection of a classic run's suite, or why it has none to show. */
static int lf_record_cipher(const lesson_fill_t *f, const cipher_info_t **ci)
{
	int st = lf_classic_suite(f);

	*ci = st == LU_FILLED ? cipher_info(f->h->suite->cipher) : NULL;
	return st;
}

/* Explicit IV or nonce each record carries: CBC in TLS 1.1+ a block (RFC
 * 4346 6.2.3.2), GCM/CCM 8 bytes (RFC 5288 3), others none. */
static size_t lf_record_iv_len(uint16_t version, const cipher_info_t *ci)
{
	if (ci->kind == CKIND_CBC)
		return version >= VER_TLS11 ? ci->block_len : 0;
	return ci->kind == CKIND_AEAD ? ci->record_iv_len : 0;
}

int ph_record_iv_len(lesson_fill_t *f)
{
	const cipher_info_t *ci;
	int st = lf_record_cipher(f, &ci);

	if (st == LU_FILLED)
		lf_printf(f, "%zu", lf_record_iv_len(f->h->version, ci));
	return st;
}

int ph_record_mac_len(lesson_fill_t *f)
{
	const cipher_info_t *ci;
	int st = lf_record_cipher(f, &ci);

	if (st != LU_FILLED)
		return st;
	if (f->h->suite->mac == MAC_AEAD)
		return LU_AEAD_NO_MAC;
	lf_printf(f, "%u", reg_mac_len(f->h->suite->mac));
	return LU_FILLED;
}

int ph_record_block_len(lesson_fill_t *f)
{
	const cipher_info_t *ci;
	int st = lf_record_cipher(f, &ci);

	if (st != LU_FILLED)
		return st;
	if (ci->kind != CKIND_CBC)
		return LU_NOT_USED;
	lf_printf(f, "%u", ci->block_len);
	return LU_FILLED;
}

int ph_client_finished_len(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_FINISHED);

	if (!m)
		return lf_absent(f);
	lf_printf(f, "%zu", m->raw.len);
	return LU_FILLED;
}

/* RFC 5246 6.2.3.2: padding_length and padding together bring the data
 * and the MAC to a multiple of the block; at least one byte (the length
 * byte), at most 256.  The least the client's Finished needs. */
static size_t lesson_cbc_padding(size_t plain, size_t mac, size_t block)
{
	return block ? block - (plain + mac) % block : 0;
}

int ph_client_finished_padding(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_FINISHED);
	const cipher_info_t *ci;
	int st = lf_record_cipher(f, &ci);

	if (st != LU_FILLED)
		return st;
	if (ci->kind != CKIND_CBC)
		return LU_NOT_USED;
	if (!m)
		return lf_absent(f);
	lf_printf(f, "%zu", lesson_cbc_padding(m->raw.len, reg_mac_len(f->h->suite->mac), ci->block_len));
	return LU_FILLED;
}

int ph_client_finished_record_len(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_CLIENT, HS_FINISHED);
	const cipher_info_t *ci;
	int st = lf_record_cipher(f, &ci);
	size_t mac;

	if (st != LU_FILLED)
		return st;
	if (!m)
		return lf_absent(f);
	mac = f->h->suite->mac == MAC_AEAD ? 0 : reg_mac_len(f->h->suite->mac);
	lf_printf(f, "%zu", lf_record_iv_len(f->h->version, ci) + m->raw.len + mac +
		  (ci->kind == CKIND_CBC ? lesson_cbc_padding(m->raw.len, mac, ci->block_len) : 0) +
		  (ci->kind == CKIND_AEAD ? ci->tag_len : 0));
	return LU_FILLED;
}

static int ph_app_count(lesson_fill_t *f, int side, bool bytes)
{
	if (!f->h->app_records[side])
		return lf_absent(f);
	lf_printf(f, "%llu", (unsigned long long)(bytes ? f->h->app_bytes[side] : f->h->app_records[side]));
	return LU_FILLED;
}

int ph_client_app_records(lesson_fill_t *f) { return ph_app_count(f, SIDE_CLIENT, false); }
int ph_client_app_bytes(lesson_fill_t *f) { return ph_app_count(f, SIDE_CLIENT, true); }

/* ---- finite-field Diffie-Hellman: the ServerKeyExchange's ServerDHParams ---- */

/* dh_p or dh_g (which 0, 1) of a DHE ServerKeyExchange, read from its
 * bytes: struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>; ... }
 * right after the 4-byte header (RFC 5246 7.4.3).  false if cut short. */
static bool lesson_dh_param(const msg_t *m, int which, const uint8_t **p, size_t *n)
{
	size_t off = 4;
	int i;

	for (i = 0; i <= which; i++) {
		size_t len;
		if (m->raw.len < off + 2)
			return false;
		len = (size_t)m->raw.ptr[off] << 8 | m->raw.ptr[off + 1];
		if (m->raw.len < off + 2 + len)
			return false;
		*p = m->raw.ptr + off + 2;
		*n = len;
		off += 2 + len;
	}
	return true;
}

/* The DHE ServerKeyExchange, or why there is none. */
static int lf_dhe_ske(lesson_fill_t *f, const msg_t **m)
{
	return lf_kx_msg(f, SIDE_SERVER, HS_SERVER_KEY_EXCHANGE, KX_DHE, m);
}

static int ph_dh_param(lesson_fill_t *f, int which, bool bits)
{
	const msg_t *m;
	const uint8_t *p;
	size_t n;
	int st = lf_dhe_ske(f, &m);

	if (st != LU_FILLED)
		return st;
	if (!lesson_dh_param(m, which, &p, &n))
		return LU_NOT_COMPUTED;
	if (bits) {
		size_t b = 0;
		while (n && !*p)
			p++, n--;
		if (n) {
			uint8_t top = p[0];
			b = 8 * (n - 1);
			while (top)
				b++, top >>= 1;
		}
		lf_printf(f, "%zu%s", b, wire_words(f)->bits);
	} else {
		lf_hex_short(f, p, n);
	}
	return LU_FILLED;
}

int ph_dh_p(lesson_fill_t *f) { return ph_dh_param(f, 0, false); }
int ph_dh_p_bits(lesson_fill_t *f) { return ph_dh_param(f, 0, true); }
int ph_dh_g(lesson_fill_t *f) { return ph_dh_param(f, 1, false); }

int ph_server_signature(lesson_fill_t *f)
{
	const msg_t *m = lf_msg(f, SIDE_SERVER, HS_SERVER_KEY_EXCHANGE);

	if (!m)
		m = lf_msg(f, SIDE_SERVER, HS_CERTIFICATE_VERIFY);
	if (!m && f->h->suite && (f->h->suite->kx == KX_RSA || f->h->suite->kx == KX_RSA_EXPORT))
		return LU_NOT_USED;
	if (!m)
		return lf_absent(f);
	lf_hex_short(f, m->raw.ptr + m->signature.off, m->signature.len);
	return LU_FILLED;
}

/* ---- TLS 1.3: the traffic keys and IVs (RFC 8446 7.3), as the model holds them ---- */

static int ph_tls13_keys(lesson_fill_t *f, int side, bool hs, bool iv)
{
	const keys_dir_t *k = hs ? &f->h->sec.hs_keys[side] : &f->h->sec.app_keys[side];
	bool have = hs ? f->h->sec.have_hs_keys : f->h->sec.have_app_keys;

	if (f->h->version && f->h->version != VER_TLS13)
		return LU_ONLY_TLS13;
	if (!have)
		return f->h->done ? LU_NOT_COMPUTED : LU_NOT_YET;
	return iv ? lf_bytes(f, k->iv, k->iv_len, LU_NOT_COMPUTED) : lf_bytes(f, k->key, k->key_len, LU_NOT_COMPUTED);
}

int ph_client_hs_key(lesson_fill_t *f) { return ph_tls13_keys(f, SIDE_CLIENT, true, false); }
int ph_client_hs_iv(lesson_fill_t *f) { return ph_tls13_keys(f, SIDE_CLIENT, true, true); }
int ph_server_hs_key(lesson_fill_t *f) { return ph_tls13_keys(f, SIDE_SERVER, true, false); }
int ph_server_hs_iv(lesson_fill_t *f) { return ph_tls13_keys(f, SIDE_SERVER, true, true); }

/* RFC 8446 7.1: HkdfLabel = uint16 length, opaque label<7..255> =
 * "tls13 " + Label, opaque context<0..255>; written here, as bytes, for
 * the suite's key or IV length and an empty context. */
static size_t lesson_hkdf_label(uint16_t length, const char *label, uint8_t *out, size_t cap)
{
	size_t ll = 6 + strlen(label), n = 2 + 1 + ll + 1;

	if (n > cap || ll > 255)
		return 0;
	out[0] = (uint8_t)(length >> 8);
	out[1] = (uint8_t)length;
	out[2] = (uint8_t)ll;
	memcpy(out + 3, "tls13 ", 6);
	memcpy(out + 9, label, ll - 6);
	out[3 + ll] = 0;
	return n;
}

static int ph_hkdf_label(lesson_fill_t *f, bool iv)
{
	const cipher_info_t *ci = f->h->suite ? cipher_info(f->h->suite->cipher) : NULL;
	uint8_t b[32];
	size_t n;

	if (f->h->version && f->h->version != VER_TLS13)
		return LU_ONLY_TLS13;
	if (!ci)
		return LU_NOT_YET;
	n = lesson_hkdf_label(iv ? ci->fixed_iv_len + ci->record_iv_len : ci->key_len, iv ? "iv" : "key", b, sizeof b);
	return lf_bytes(f, b, n, LU_NOT_COMPUTED);
}

int ph_hkdf_label_key(lesson_fill_t *f) { return ph_hkdf_label(f, false); }
int ph_hkdf_label_iv(lesson_fill_t *f) { return ph_hkdf_label(f, true); }

/* ---- versions ---- */

/* RFC 8446 4.1.3: a TLS 1.3 server that negotiates TLS 1.2 or below puts
 * "DOWNGRD" and 01 (TLS 1.2) or 00 (below) in the last 8 bytes of its
 * random, so that a TLS 1.3 client notices a downgrade. */
int ph_downgrade_sentinel(lesson_fill_t *f)
{
	static const uint8_t sentinel[7] = { 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44 };
	const uint8_t *r = f->h->server_random + 24;

	if (!f->h->have_server_random)
		return LU_NOT_YET;
	if (memcmp(r, sentinel, 7) || r[7] > 1)
		lf_puts(f, wire_words(f)->sentinel[0]);
	else
		lf_puts(f, wire_words(f)->sentinel[r[7] ? 1 : 2]);
	return LU_FILLED;
}
