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

/* The ClientKeyExchange carrying an RSA-encrypted premaster in *m, and
 * LU_FILLED; or why there is none to show. */
static int lf_rsa_cke(lesson_fill_t *f, const msg_t **m)
{
	*m = lf_msg(f, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE);
	if (f->h->suite && f->h->suite->kx != KX_RSA)
		return f->h->suite->tls13 ? LU_TLS13 : LU_NOT_USED;
	if (!*m)
		return lf_absent(f);
	return LU_FILLED;
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
	lf_puts(f, f->h->failure.reason);
	return LU_FILLED;
}

int ph_failure_cause(lesson_fill_t *f)
{
	if (!f->h->failure.failed || !f->h->failure.ncauses)
		return f->h->done ? LU_NO_FAILURE : LU_NOT_YET;
	lf_puts(f, f->h->failure.causes[0]);
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
