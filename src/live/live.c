/* live.c - a GnuTLS client and server in one process, joined by two
 * in-memory queues and driven one flight at a time.
 *
 * Each side ("end", live_end.c) pushes into its own outbox during its
 * turn; at the end of the turn the outbox is the flight: it is appended to
 * the peer's inbox and handed to the caller.  Pulling from an empty inbox
 * says EAGAIN, so gnutls_handshake returns GNUTLS_E_AGAIN exactly when a
 * side waits for its peer.  This file sets the two sessions up from a plan
 * (plan.c) and the demo PKI (pki.c), and takes turns; it never decodes
 * TLS: the caller does, from the flights. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "live_end.h"

/* ---- set-up ---- */

#define LGT(call, what) do { int lgt_rc_ = (call); if (lgt_rc_ < 0) \
	return plan_refuse(ERR_GNUTLS, why, whylen, "%s: %s", (what), gnutls_strerror(lgt_rc_)); } while (0)

static err_t live_setup_creds(live_end_t *e, char *why, size_t whylen)
{
	live_t *lv = e->lv;
	const pki_t *pki = lv->pki;
	gnutls_x509_crt_t ca = pki->ca.crt, mine;

	LGT(gnutls_certificate_allocate_credentials(&e->cred), "GnuTLS credentials");
	LGT(gnutls_certificate_set_x509_trust(e->cred, &ca, 1), "trusting the demo CA");
	if (e->role == SIDE_SERVER) {
		mine = lv->server_crt->crt;
		/* The wrong-server-key scenario: GnuTLS would refuse a key that
		 * is not the certificate's (GNUTLS_E_CERTIFICATE_KEY_MISMATCH)
		 * unless told to skip that check. */
		if (lv->server_key != lv->server_crt)
			gnutls_certificate_set_flags(e->cred, GNUTLS_CERTIFICATE_SKIP_KEY_CERT_MATCH);
		LGT(gnutls_certificate_set_x509_key(e->cred, &mine, 1, lv->server_key->key), "server certificate");
		/* Fallback for DHE when the client names no RFC 7919 group. */
		LGT(gnutls_certificate_set_known_dh_params(e->cred, GNUTLS_SEC_PARAM_MEDIUM), "DH parameters");
	} else if (lv->plan.client_has_cert) {
		mine = pki->client.crt;
		LGT(gnutls_certificate_set_x509_key(e->cred, &mine, 1, pki->client.key), "client certificate");
	}
	return ERR_OK;
}

/* A sentence into a fixed buffer; a long one is cut, which is fine for evidence. */
__attribute__((format(printf, 3, 4)))
static void live_text(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, len, fmt, ap);
	va_end(ap);
}

/* "TLS 1.2" or "TLS 1.2 and TLS 1.3": the versions a priority string enables. */
static size_t live_describe_versions(gnutls_priority_t prio, char *out, size_t len)
{
	const unsigned *list = NULL;
	int n = gnutls_priority_protocol_list(prio, &list), i;
	size_t at = 0;

	out[0] = '\0';
	for (i = 0; i < n && at < len; i++) {
		const char *name = reg_version_name(live_end_wire_version((gnutls_protocol_t)list[i]));
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "",
				       name ? name : gnutls_protocol_get_name((gnutls_protocol_t)list[i]));
	}
	return at < len ? at : len - 1;
}

/* The IANA names of the suites a priority string enables, for versions
 * `tls13` (TLS 1.3 suites) or not. */
static void live_describe_suites(gnutls_priority_t prio, bool tls13, char *out, size_t len)
{
	size_t at = 0;
	unsigned idx, sidx;
	int rc;

	out[0] = '\0';
	for (idx = 0; at < len; idx++) {
		unsigned char id[2];
		gnutls_kx_algorithm_t kx;
		gnutls_cipher_algorithm_t c;
		gnutls_mac_algorithm_t m;
		gnutls_protocol_t minv;
		const suite_info_t *si;

		rc = gnutls_priority_get_cipher_suite_index(prio, idx, &sidx);
		if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (rc < 0 || !gnutls_cipher_suite_info(sidx, id, &kx, &c, &m, &minv))
			continue;
		if ((minv == GNUTLS_TLS1_3) != tls13)
			continue;
		si = suite_find((uint16_t)(id[0] << 8 | id[1]));
		if (si)
			at += (size_t)snprintf(out + at, len - at, "%s%s", at ? ", " : "", si->name);
		else
			at += (size_t)snprintf(out + at, len - at, "%s0x%02X%02X", at ? ", " : "", id[0], id[1]);
	}
}

/* "; groups: secp256r1, secp384r1": the key exchange groups a TLS 1.3
 * priority enables, in its order (the client sends a key share for the
 * first of each kind: which ones decide whether a HelloRetryRequest comes). */
static void live_describe_groups(gnutls_priority_t prio, char *out, size_t len)
{
	const unsigned *list = NULL;
	int n = gnutls_priority_group_list(prio, &list), i;
	size_t at = 0, k;

	out[0] = '\0';
	for (i = 0; i < n && at < len; i++) {
		const char *name = gnutls_group_get_name((gnutls_group_t)list[i]);
		size_t from = at;

		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? ", " : "; groups: ", name ? name : "?");
		/* GnuTLS says SECP256R1; the wire's registry (RFC 8446 4.2.7) secp256r1 */
		for (k = from; k < at && k < len; k++)
			out[k] = (char)tolower((unsigned char)out[k]);
	}
}

/* What each side was set up with, in words, as evidence for the diagnosis
 * (what the wire cannot show: what the server would have accepted, whom
 * the client trusts and which name it expects). */
static void live_describe(live_t *lv)
{
	const plan_t *p = &lv->plan;
	char vers[64], suites[256], groups[96], subject[160], issuer[160], ca[160];
	gnutls_priority_t prio;
	gnutls_datum_t dn = { NULL, 0 };
	int side;

	pki_subject(&lv->pki->ca, ca, sizeof ca);
	pki_subject(lv->server_crt, subject, sizeof subject);
	issuer[0] = '\0';
	if (gnutls_x509_crt_get_issuer_dn3(lv->server_crt->crt, &dn, 0) >= 0)
		snprintf(issuer, sizeof issuer, "%s", (const char *)dn.data);
	gnutls_free(dn.data);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		char *out = side == SIDE_CLIENT ? lv->ev.client_config : lv->ev.server_config;
		size_t len = side == SIDE_CLIENT ? sizeof lv->ev.client_config : sizeof lv->ev.server_config;
		bool tls13;

		vers[0] = suites[0] = groups[0] = '\0';
		if (gnutls_priority_init(&prio, p->prio[side], NULL) >= 0) {
			live_describe_versions(prio, vers, sizeof vers);
			tls13 = strstr(vers, "1.3") && !strstr(vers, "1.2");
			live_describe_suites(prio, tls13, suites, sizeof suites);
			if (tls13)
				live_describe_groups(prio, groups, sizeof groups);
			gnutls_priority_deinit(prio);
		}
		if (side == SIDE_CLIENT)
			live_text(out, len, "the client offers %s with %s%s; it trusts the CA \"%s\", expects the "
				 "name %s, and %s", vers, suites, groups, ca, p->verify_name,
				 p->client_has_cert ? "has a certificate to send" : "has no certificate");
		else
			live_text(out, len, "the server accepts %s with %s%s; it presents \"%s\" issued by \"%s\"%s%s",
				 vers, suites, groups, subject, issuer,
				 lv->server_key != lv->server_crt ? " with a private key that is NOT that certificate's" : "",
				 p->client_cert_request == GNUTLS_CERT_REQUIRE ? ", and requires a client certificate" : "");
	}
}

static err_t live_setup_end(live_t *lv, int role, char *why, size_t whylen)
{
	live_end_t *e = &lv->end[role];
	const plan_t *p = &lv->plan;
	const char *errpos = NULL;
	int rc;

	e->lv = lv;
	e->role = role;
	e->acct = role == SIDE_CLIENT ? &lv->ev.client : &lv->ev.server;
	e->acct->alert_sent = -1;
	TRY(live_setup_creds(e, why, whylen));
	LGT(gnutls_init(&e->s, role == SIDE_CLIENT ? GNUTLS_CLIENT | GNUTLS_NONBLOCK
			: GNUTLS_SERVER | GNUTLS_NONBLOCK | GNUTLS_NO_AUTO_SEND_TICKET), "GnuTLS session");
	rc = gnutls_priority_set_direct(e->s, p->prio[role], &errpos);
	if (rc == GNUTLS_E_NO_PRIORITIES_WERE_SET)
		return plan_refuse(ERR_UNSUPPORTED, why, whylen, "GnuTLS enables nothing from \"%s\": a "
				"system-wide GnuTLS policy (/etc/gnutls/config or $GNUTLS_SYSTEM_PRIORITY_FILE) "
				"probably disables %s.", p->prio[role], reg_version_name(p->version));
	if (rc < 0)
		return plan_refuse(ERR_GNUTLS, why, whylen, "GnuTLS refused the priority string \"%s\" at "
				"\"%s\": %s", p->prio[role], errpos ? errpos : "", gnutls_strerror(rc));
	LGT(gnutls_credentials_set(e->s, GNUTLS_CRD_CERTIFICATE, e->cred), "GnuTLS credentials");
	gnutls_session_set_ptr(e->s, e);
	gnutls_transport_set_ptr(e->s, e);
	gnutls_transport_set_push_function(e->s, live_end_push);
	gnutls_transport_set_pull_function(e->s, live_end_pull);
	gnutls_transport_set_pull_timeout_function(e->s, live_end_pull_timeout);
	gnutls_session_set_keylog_function(e->s, live_end_keylog);
	if (role == SIDE_CLIENT) {
		LGT(gnutls_server_name_set(e->s, GNUTLS_NAME_DNS, p->sni, strlen(p->sni)), "server name");
		gnutls_session_set_verify_function(e->s, live_end_verify_server);
		if (lv->resume_data.data)
			LGT(gnutls_session_set_data(e->s, lv->resume_data.data, lv->resume_data.size),
			    "the session to resume");
	} else {
		/* With a ticket key the server sends NewSessionTicket (RFC 5077 in
		 * step 8 up to TLS 1.2; in 1.3 see live_end_ticket), as most
		 * servers do; a resuming pair's server has the first one's key.
		 * Session-id resumption: no tickets, a session cache instead. */
		if (p->resume == LIVE_RESUME_SESSION_ID) {
			gnutls_db_set_ptr(e->s, lv);
			gnutls_db_set_store_function(e->s, live_end_db_store);
			gnutls_db_set_retrieve_function(e->s, live_end_db_fetch);
			gnutls_db_set_remove_function(e->s, live_end_db_remove);
		} else {
			if (!lv->ticket_key.data)
				LGT(gnutls_session_ticket_key_generate(&lv->ticket_key), "session ticket key");
			LGT(gnutls_session_ticket_enable_server(e->s, &lv->ticket_key), "session tickets");
		}
		gnutls_certificate_server_set_request(e->s, p->client_cert_request);
		if (p->client_cert_request != GNUTLS_CERT_IGNORE)
			gnutls_session_set_verify_function(e->s, live_end_verify_client);
	}
	return ERR_OK;
}

/* A copy GnuTLS can free. */
static err_t live_dup(gnutls_datum_t *to, const gnutls_datum_t *from)
{
	to->data = gnutls_malloc(from->size ? from->size : 1);
	ENSURE(to->data, ERR_NOMEM);
	memcpy(to->data, from->data, from->size);
	to->size = from->size;
	return ERR_OK;
}

/* What a resuming pair takes over from the first: the server's ticket key
 * and session cache, and the session the client holds. */
static err_t live_inherit(live_t *lv, const live_t *prev, char *why, size_t whylen)
{
	int rc;
	size_t i;

	if (prev->ticket_key.data)
		TRY(live_dup(&lv->ticket_key, &prev->ticket_key));
	for (i = 0; i < prev->ncache; i++) {
		TRY(live_dup(&lv->cache[i].data, &prev->cache[i].data));
		memcpy(lv->cache[i].key, prev->cache[i].key, prev->cache[i].keylen);
		lv->cache[i].keylen = prev->cache[i].keylen;
		lv->ncache = i + 1;
	}
	if (!prev->ev.client.done || !prev->end[SIDE_CLIENT].s)
		return plan_refuse(ERR_GNUTLS, why, whylen, "the first handshake did not complete, so there is "
				   "no session to resume");
	rc = gnutls_session_get_data2(prev->end[SIDE_CLIENT].s, &lv->resume_data);
	if (rc < 0)
		return plan_refuse(ERR_GNUTLS, why, whylen, "GnuTLS's client holds no session to resume: %s",
				   gnutls_strerror(rc));
	return ERR_OK;
}

static err_t live_make(const live_cfg_t *cfg, const live_t *prev, live_secret_fn on_secret, void *ctx,
		       live_t **out, char *why, size_t whylen)
{
	live_t *lv;
	err_t e;

	*out = NULL;
	if (why && whylen)
		why[0] = '\0';
	lv = calloc(1, sizeof *lv);
	ENSURE(lv, ERR_NOMEM);
	lv->on_secret = on_secret;
	lv->ctx = ctx;
	lv->turn = SIDE_CLIENT;
	lv->turn_cap = LIVE_MAX_TURNS;
	e = plan_build(cfg, &lv->plan, why, whylen);
	if (e == ERR_OK && prev)
		e = live_inherit(lv, prev, why, whylen);
	if (e == ERR_OK)
		e = pki_demo(&lv->pki, why, whylen);
	if (e == ERR_OK)
		e = pki_get(lv->plan.server_cert, &lv->server_crt, why, whylen);
	if (e == ERR_OK)
		e = pki_get(lv->plan.server_key, &lv->server_key, why, whylen);
	if (e == ERR_OK)
		e = live_setup_end(lv, SIDE_CLIENT, why, whylen);
	if (e == ERR_OK)
		e = live_setup_end(lv, SIDE_SERVER, why, whylen);
	if (e != ERR_OK) {
		live_free(lv);
		return e;
	}
	live_describe(lv);
	*out = lv;
	return ERR_OK;
}

err_t live_new(const live_cfg_t *cfg, live_secret_fn on_secret, void *ctx, live_t **out,
	       char *why, size_t whylen)
{
	return live_make(cfg, NULL, on_secret, ctx, out, why, whylen);
}

err_t live_new_resumed(const live_cfg_t *cfg, const live_t *prev, live_secret_fn on_secret, void *ctx,
		       live_t **out, char *why, size_t whylen)
{
	return live_make(cfg, prev, on_secret, ctx, out, why, whylen);
}

void live_free(live_t *lv)
{
	int i;

	if (!lv)
		return;
	for (i = 0; i < 2; i++) {
		if (lv->end[i].s)
			gnutls_deinit(lv->end[i].s);
		if (lv->end[i].cred)
			gnutls_certificate_free_credentials(lv->end[i].cred);
		buf_free(&lv->end[i].in);
		buf_free(&lv->end[i].out);
	}
	if (lv->ticket_key.data) {
		gnutls_memset(lv->ticket_key.data, 0, lv->ticket_key.size);
		gnutls_free(lv->ticket_key.data);
	}
	/* sessions hold their master secret: wiped like the ticket key */
	for (i = 0; i < (int)lv->ncache; i++) {
		gnutls_memset(lv->cache[i].data.data, 0, lv->cache[i].data.size);
		gnutls_free(lv->cache[i].data.data);
	}
	if (lv->resume_data.data) {
		gnutls_memset(lv->resume_data.data, 0, lv->resume_data.size);
		gnutls_free(lv->resume_data.data);
	}
	free(lv);
}

/* ---- driving ---- */

static bool live_idle(const live_t *lv, int role)
{
	const live_end_t *e = &lv->end[role];

	return e->failed || e->phase == PH_DONE || e->last_word;
}

__attribute__((format(printf, 2, 3)))
static err_t live_stop(live_t *lv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(lv->error_text, sizeof lv->error_text, fmt, ap);
	va_end(ap);
	lv->stop = ERR_GNUTLS;
	return lv->stop;
}

err_t live_step(live_t *lv, live_flight_t *out, bool *more)
{
	unsigned quiet = 0;
	live_end_t *e;

	memset(out, 0, sizeof *out);
	*more = false;
	lv->end[SIDE_CLIENT].out.len = lv->end[SIDE_SERVER].out.len = 0;
	if (lv->stop != ERR_OK)
		return lv->stop;
	for (;;) {
		if (lv->over || (live_idle(lv, SIDE_CLIENT) && live_idle(lv, SIDE_SERVER))) {
			lv->over = true;
			return ERR_OK;
		}
		if (quiet >= 2)
			return live_stop(lv, "both sides are waiting for the other one");
		if (lv->turns >= lv->turn_cap)
			return live_stop(lv, "the run did not end within %u turns", lv->turn_cap);
		lv->turns++;
		e = &lv->end[lv->turn];
		lv->turn = !lv->turn;
		if (!live_idle(lv, e->role)) {
			e->last_word = lv->end[!e->role].failed;
			live_end_run(e);
			if (lv->cb_err != ERR_OK) {
				snprintf(lv->error_text, sizeof lv->error_text, "%s", err_str(lv->cb_err));
				return lv->stop = lv->cb_err;
			}
		}
		if (e->out.len == 0) {
			quiet++;
			continue;
		}
		out->number = ++lv->flights;
		if (out->number == lv->plan.tamper_flight && lv->plan.tamper_offset < e->out.len)
			e->out.ptr[lv->plan.tamper_offset] ^= lv->plan.tamper_xor;
		TRY(buf_append(&lv->end[!e->role].in, e->out.ptr, e->out.len));
		out->sender = e->role;
		out->bytes = buf_slice(&e->out);
		*more = true;
		return ERR_OK;
	}
}

const live_evidence_t *live_evidence(const live_t *lv)
{
	return &lv->ev;
}

const char *live_error_text(const live_t *lv)
{
	return lv->error_text;
}

void live_set_turn_cap(live_t *lv, unsigned cap)
{
	lv->turn_cap = cap;
}

void live_set_tamper(live_t *lv, unsigned flight, size_t offset, uint8_t xor_mask)
{
	lv->plan.tamper_flight = flight;
	lv->plan.tamper_offset = offset;
	lv->plan.tamper_xor = xor_mask;
}

gnutls_privkey_t live_server_key(const live_t *lv)
{
	return lv->server_key->pkey;
}

slice_t live_ca_der(void)
{
	const pki_t *pki;

	if (pki_demo(&pki, NULL, 0) != ERR_OK)
		return slice_make(NULL, 0);
	return slice_make(pki->ca_der.data, pki->ca_der.size);
}

void live_shutdown(void)
{
	pki_free();
}
