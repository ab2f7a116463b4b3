/* json.c - one handshake as one JSON line (docs/json.md). */
#include <string.h>
#include "json.h"
#include "jsonw.h"
#include "trace/fingerprint.h"
#include "trace/secret_rows.h"
#include "trace/steps.h"

static void json_field_value(jsonw_t *w, const field_t *f);

static bool json_kids_repeat(const field_t *f)
{
	const field_t *a, *b;

	for (a = f->kids; a; a = a->next)
		for (b = a->next; b; b = b->next)
			if (strcmp(a->name, b->name) == 0)
				return true;
	return false;
}

/* A leaf is its value; a node with children is an object (its own value
 * under "value") or, for lists, an array. */
static void json_field_value(jsonw_t *w, const field_t *f)
{
	const field_t *k;

	if (!f->kids) {
		jsonw_str(w, f->value);
		return;
	}
	if ((f->flags & FIELD_LIST) || json_kids_repeat(f)) {
		jsonw_arr_begin(w);
		for (k = f->kids; k; k = k->next)
			json_field_value(w, k);
		jsonw_arr_end(w);
		return;
	}
	jsonw_obj_begin(w);
	if (f->value) {
		jsonw_key(w, "value");
		jsonw_str(w, f->value);
	}
	for (k = f->kids; k; k = k->next) {
		jsonw_key(w, k->name);
		json_field_value(w, k);
	}
	jsonw_obj_end(w);
}

static void json_notes(jsonw_t *w, char *const *notes, size_t n)
{
	size_t i;

	jsonw_arr_begin(w);
	for (i = 0; i < n; i++)
		jsonw_str(w, notes[i]);
	jsonw_arr_end(w);
}

static void json_u16_list(jsonw_t *w, const char *key, const uint16_t *v, size_t n)
{
	size_t i;

	jsonw_key(w, key);
	jsonw_arr_begin(w);
	for (i = 0; i < n; i++)
		jsonw_uint(w, v[i]);
	jsonw_arr_end(w);
}

/* The facts the parsers keep, as a small object: cheap to write for every
 * message of a large capture (the whole tree is JSON_FIELDS). */
static void json_details(jsonw_t *w, const msg_t *m)
{
	const msg_hello_t *hl = &m->hello;

	jsonw_key(w, "details");
	if (m->type != CT_HANDSHAKE || m->opaque) {
		jsonw_null(w);
		return;
	}
	jsonw_obj_begin(w);
	switch (m->hs_type) {
	case HS_CLIENT_HELLO:
		jsonw_key(w, "legacy_version");
		jsonw_uint(w, hl->legacy_version);
		json_u16_list(w, "cipher_suites", hl->suites, hl->nsuites);
		json_u16_list(w, "extensions", hl->exts, hl->nexts);
		json_u16_list(w, "supported_versions", hl->versions, hl->nversions);
		jsonw_key(w, "server_name");
		jsonw_str(w, hl->sni);
		jsonw_key(w, "sslv2_format");
		jsonw_bool(w, hl->sslv2);
		break;
	case HS_SERVER_HELLO:
		jsonw_key(w, "legacy_version");
		jsonw_uint(w, hl->legacy_version);
		jsonw_key(w, "cipher_suite");
		jsonw_uint(w, hl->suite);
		json_u16_list(w, "extensions", hl->exts, hl->nexts);
		jsonw_key(w, "selected_version");
		jsonw_uint(w, hl->selected_version);
		jsonw_key(w, "key_share_group");
		jsonw_uint(w, hl->key_share_group);
		jsonw_key(w, "hello_retry_request");
		jsonw_bool(w, hl->is_hrr);
		break;
	case HS_CERTIFICATE:
		jsonw_key(w, "certificates");
		jsonw_uint(w, m->ncerts);
		break;
	case HS_SERVER_KEY_EXCHANGE:
	case HS_CERTIFICATE_VERIFY:
		jsonw_key(w, "group");
		jsonw_uint(w, m->ske_group);
		jsonw_key(w, "signature_scheme");
		jsonw_uint(w, m->sig_scheme);
		break;
	case HS_FINISHED:
		jsonw_key(w, "verify_data");
		jsonw_hex(w, m->raw.ptr + m->verify_data.off, m->verify_data.len);
		break;
	case HS_NEW_SESSION_TICKET:
		jsonw_key(w, "lifetime");
		jsonw_uint(w, m->ticket_lifetime);
		jsonw_key(w, "ticket_length");
		jsonw_uint(w, m->ticket.len);
		break;
	case HS_HELLO_VERIFY_REQUEST:
		jsonw_key(w, "server_version");
		jsonw_uint(w, hl->legacy_version);
		break;
	default:
		break;
	}
	if (m->dtls) {
		/* RFC 6347 4.1, 4.2.2: where the message sat in DTLS */
		jsonw_key(w, "message_seq");
		jsonw_uint(w, (unsigned)(m->raw.len >= 6 ? m->raw.ptr[4] << 8 | m->raw.ptr[5] : 0));
		jsonw_key(w, "epoch");
		jsonw_uint(w, m->epoch);
		jsonw_key(w, "record_seq");
		jsonw_uint(w, m->record_seq);
		if (m->hs_type == HS_CLIENT_HELLO || m->hs_type == HS_HELLO_VERIFY_REQUEST) {
			jsonw_key(w, "cookie");
			jsonw_hex(w, m->raw.ptr + hl->cookie.off, hl->cookie.len);
		}
	}
	jsonw_obj_end(w);
}

/* DTLS (docs/json.md dtls): the cookie exchange, retransmissions and
 * fragments; null for TLS over TCP. */
static void json_dtls(jsonw_t *w, const conn_t *c, const handshake_t *h)
{
	int side, i;

	jsonw_key(w, "dtls");
	if (!c->dtls) {
		jsonw_null(w);
		return;
	}
	jsonw_obj_begin(w);
	jsonw_key(w, "hello_verify_request");
	jsonw_bool(w, h->hvr);
	for (i = 0; i < 3; i++) {
		static const char *const key[] = { "retransmitted", "fragmented", "duplicates" };
		jsonw_key(w, key[i]);
		jsonw_obj_begin(w);
		for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
			jsonw_key(w, model_side_name(side));
			jsonw_uint(w, i == 0 ? h->dtls_retransmitted[side] : i == 1 ? h->dtls_fragmented[side]
				   : h->dtls_duplicates[side]);
		}
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
}

static void json_message(jsonw_t *w, const handshake_t *h, size_t i, unsigned flags)
{
	const msg_t *m = h->msgs[i];

	jsonw_obj_begin(w);
	jsonw_key(w, "sender");
	jsonw_str(w, model_side_name(m->sender));
	jsonw_key(w, "type");
	jsonw_str(w, msg_type_name(m));
	jsonw_key(w, "step");
	jsonw_int(w, h->msg_step[i]);
	jsonw_key(w, "frame");
	jsonw_uint(w, m->frame);
	jsonw_key(w, "time");
	jsonw_double(w, m->time, 6);
	jsonw_key(w, "length");
	jsonw_uint(w, m->raw.len);
	jsonw_key(w, "encrypted");
	jsonw_bool(w, m->encrypted);
	if (m->type == CT_ALERT) {
		const alert_info_t *ai = m->opaque ? NULL : alert_find(m->alert_desc);
		jsonw_key(w, "level");
		if (m->opaque)
			jsonw_null(w);
		else
			jsonw_str(w, m->alert_level == 2 ? "fatal" : m->alert_level == 1 ? "warning" : "unknown");
		jsonw_key(w, "description");
		jsonw_str(w, ai ? ai->name : NULL);
		jsonw_key(w, "alert_id");
		if (m->opaque)
			jsonw_null(w);
		else
			jsonw_int(w, m->alert_desc);
	}
	jsonw_key(w, "notes");
	json_notes(w, m->notes, m->nnotes);
	json_details(w, m);
	jsonw_key(w, "fields");
	if (m->root && (flags & JSON_FIELDS))
		json_field_value(w, m->root);
	else
		jsonw_null(w);
	jsonw_obj_end(w);
}

static void json_secret(jsonw_t *w, const char *key, const uint8_t *p, size_t n)
{
	jsonw_key(w, key);
	jsonw_hex(w, n ? p : NULL, n);
}

/* The bytes of the secret row of kind k under `key` (null when there is no such row). */
static void json_row(jsonw_t *w, const srow_list_t *l, const char *key, srow_kind_t k)
{
	const srow_t *r = srow_get(l, k);

	json_secret(w, key, r ? r->val : NULL, r && r->val ? r->len : 0);
}

/* A direction's keys (TLS 1.3 has no MAC key: mac < 0; and no export
 * suites: exp < 0, the key left out). */
static void json_keys_dir(jsonw_t *w, const srow_list_t *l, const char *key, int mac, srow_kind_t wkey,
			  srow_kind_t iv, int exp)
{
	jsonw_key(w, key);
	jsonw_obj_begin(w);
	if (mac >= 0)
		json_row(w, l, "mac_key", (srow_kind_t)mac);
	else
		json_secret(w, "mac_key", NULL, 0);
	json_row(w, l, "write_key", wkey);
	json_row(w, l, "iv", iv);
	if (exp >= 0)
		json_row(w, l, "export_key_material", (srow_kind_t)exp);
	jsonw_obj_end(w);
}

/* docs/json.md "secrets": every value taken from the secret rows. */
static void json_secrets(jsonw_t *w, const srow_list_t *l)
{
	static const struct { const char *key; srow_kind_t k; } tls13[] = {
		{ "client_handshake_traffic_secret", SROW_K_CLIENT_HS },
		{ "server_handshake_traffic_secret", SROW_K_SERVER_HS },
		{ "client_traffic_secret_0", SROW_K_CLIENT_APP },
		{ "server_traffic_secret_0", SROW_K_SERVER_APP },
		{ "exporter_secret", SROW_K_EXPORTER },
	};
	const srow_t *pm = srow_get(l, SROW_K_PREMASTER), *ms = srow_get(l, SROW_K_MASTER);
	size_t i;

	jsonw_key(w, "secrets");
	jsonw_obj_begin(w);
	json_row(w, l, "premaster", SROW_K_PREMASTER);
	jsonw_key(w, "premaster_from");
	jsonw_str(w, pm ? secret_from_name(pm->from) : NULL);
	jsonw_key(w, "premaster_unknown_because");
	jsonw_str(w, pm && !pm->val ? pm->unknown : NULL);
	json_row(w, l, "master", SROW_K_MASTER);
	jsonw_key(w, "master_from");
	jsonw_str(w, ms && ms->val ? secret_from_name(ms->from) : NULL);
	json_row(w, l, "master_reported", SROW_K_MASTER_REPORTED);
	jsonw_key(w, "master_agrees");
	if (ms && ms->check != SROW_UNCHECKED)
		jsonw_bool(w, ms->check == SROW_AGREES);
	else
		jsonw_null(w);
	json_row(w, l, "session_hash", SROW_K_SESSION_HASH);
	for (i = 0; i < sizeof tls13 / sizeof tls13[0]; i++)
		json_row(w, l, tls13[i].key, tls13[i].k);
	jsonw_key(w, "keys");
	if (srow_get(l, SROW_K_KEY_BLOCK)) {
		jsonw_obj_begin(w);
		json_row(w, l, "key_block", SROW_K_KEY_BLOCK);
		json_keys_dir(w, l, "client", SROW_K_CLIENT_MAC, SROW_K_CLIENT_KEY, SROW_K_CLIENT_IV, SROW_K_CLIENT_EXPORT_KEY);
		json_keys_dir(w, l, "server", SROW_K_SERVER_MAC, SROW_K_SERVER_KEY, SROW_K_SERVER_IV, SROW_K_SERVER_EXPORT_KEY);
		jsonw_obj_end(w);
	} else if (srow_get(l, SROW_K_CLIENT_HS_KEY)) {
		jsonw_obj_begin(w);
		json_keys_dir(w, l, "client_handshake", -1, SROW_K_CLIENT_HS_KEY, SROW_K_CLIENT_HS_IV, -1);
		json_keys_dir(w, l, "server_handshake", -1, SROW_K_SERVER_HS_KEY, SROW_K_SERVER_HS_IV, -1);
		if (srow_get(l, SROW_K_CLIENT_APP_KEY)) {
			json_keys_dir(w, l, "client_application", -1, SROW_K_CLIENT_APP_KEY, SROW_K_CLIENT_APP_IV, -1);
			json_keys_dir(w, l, "server_application", -1, SROW_K_SERVER_APP_KEY, SROW_K_SERVER_APP_IV, -1);
		}
		jsonw_obj_end(w);
	} else {
		jsonw_null(w);
	}
	jsonw_obj_end(w);
}

/* docs/json.md "finished" and "finished_detail", from the secret rows. */
static void json_finished(jsonw_t *w, const srow_list_t *l)
{
	const srow_t *r;
	int side;

	jsonw_key(w, "finished");
	jsonw_obj_begin(w);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		r = srow_get(l, (srow_kind_t)(SROW_K_FIN_VERDICT + side));
		jsonw_key(w, model_side_name(side));
		jsonw_str(w, r ? r->text : NULL);
	}
	jsonw_obj_end(w);
	jsonw_key(w, "finished_detail");
	jsonw_obj_begin(w);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		jsonw_key(w, model_side_name(side));
		jsonw_obj_begin(w);
		json_row(w, l, "received", (srow_kind_t)(SROW_K_FIN_RECEIVED + side));
		json_row(w, l, "expected", (srow_kind_t)(SROW_K_FIN_EXPECTED + side));
		json_row(w, l, "transcript_hash", (srow_kind_t)(SROW_K_FIN_TH + side));
		r = srow_get(l, (srow_kind_t)(SROW_K_FIN_VERDICT + side));
		jsonw_key(w, "why");
		jsonw_str(w, r ? r->note : NULL);
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
}

static void json_failure(jsonw_t *w, const handshake_t *h)
{
	const failure_t *f = &h->failure;
	const alert_info_t *ai = f->alert >= 0 ? alert_find((uint8_t)f->alert) : NULL;

	jsonw_key(w, "failure");
	if (!f->failed) {
		jsonw_null(w);
		return;
	}
	jsonw_obj_begin(w);
	jsonw_key(w, "step");
	jsonw_int(w, f->step);
	jsonw_key(w, "sender");
	jsonw_str(w, model_side_name(f->sender));
	jsonw_key(w, "alert");
	jsonw_str(w, ai ? ai->name : NULL);
	jsonw_key(w, "alert_id");
	if (f->alert >= 0)
		jsonw_int(w, f->alert);
	else
		jsonw_null(w);
	jsonw_key(w, "reason");
	jsonw_str(w, f->reason);
	jsonw_key(w, "causes");
	json_notes(w, f->causes, f->ncauses);
	jsonw_key(w, "rfc_alert");
	jsonw_str(w, f->rfc_alert >= 0 && alert_find((uint8_t)f->rfc_alert) ? alert_find((uint8_t)f->rfc_alert)->name : NULL);
	jsonw_key(w, "rfc_says");
	jsonw_str(w, f->rfc_says);
	jsonw_obj_end(w);
}

static void json_endpoint(jsonw_t *w, const char *key, const char *ip, uint16_t port)
{
	jsonw_key(w, key);
	jsonw_obj_begin(w);
	jsonw_key(w, "ip");
	jsonw_str(w, ip[0] ? ip : NULL);
	jsonw_key(w, "port");
	if (port)
		jsonw_uint(w, port);
	else
		jsonw_null(w);
	jsonw_obj_end(w);
}

static void json_app_data(jsonw_t *w, const handshake_t *h, const srow_list_t *l)
{
	int side;

	jsonw_key(w, "application_data");
	jsonw_obj_begin(w);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		jsonw_key(w, model_side_name(side));
		jsonw_obj_begin(w);
		jsonw_key(w, "records");
		jsonw_uint(w, h->app_records[side]);
		jsonw_key(w, "bytes");
		jsonw_uint(w, h->app_bytes[side]);
		json_row(w, l, "first_bytes", (srow_kind_t)(SROW_K_APP + side));
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
}

static void json_fp_str(jsonw_t *w, const char *key, const char *s, size_t n)
{
	jsonw_key(w, key);
	if (n)
		jsonw_strn(w, s, n);
	else
		jsonw_null(w);
}

/* docs/json.md fingerprints: JA3/JA4 of the ClientHello, JA3S of the
 * ServerHello, null where there is no such hello. */
static err_t json_fingerprints(jsonw_t *w, const handshake_t *h)
{
	fp_t f;
	err_t e;

	memset(&f, 0, sizeof f);
	e = fp_handshake(h, &f);
	jsonw_key(w, "fingerprints");
	jsonw_obj_begin(w);
	json_fp_str(w, "ja3", f.ja3, strlen(f.ja3));
	json_fp_str(w, "ja3_full", (const char *)f.ja3_full.ptr, f.ja3[0] ? f.ja3_full.len : 0);
	json_fp_str(w, "ja3s", f.ja3s, strlen(f.ja3s));
	json_fp_str(w, "ja3s_full", (const char *)f.ja3s_full.ptr, f.ja3s[0] ? f.ja3s_full.len : 0);
	json_fp_str(w, "ja4", f.ja4, strlen(f.ja4));
	json_fp_str(w, "ja4_r", (const char *)f.ja4_r.ptr, f.ja4[0] ? f.ja4_r.len : 0);
	jsonw_obj_end(w);
	fp_free(&f);
	return e;
}

/* A connection picked up after its handshake (docs/json.md mid_stream):
 * what the record headers showed. */
static void json_mid_stream(jsonw_t *w, const handshake_t *h)
{
	unsigned alerts[2] = { 0, 0 };
	size_t i;
	int side;

	jsonw_key(w, "mid_stream");
	if (!h->mid_stream) {
		jsonw_null(w);
		return;
	}
	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_ALERT)
			alerts[h->msgs[i]->sender & 1]++;
	jsonw_obj_begin(w);
	jsonw_key(w, "reason");
	jsonw_str(w, HANDSHAKE_MID_STREAM_REASON);
	jsonw_key(w, "record_version");
	jsonw_str(w, h->record_version ? reg_version_name(h->record_version) : NULL);
	jsonw_key(w, "record_version_id");
	if (h->record_version)
		jsonw_uint(w, h->record_version);
	else
		jsonw_null(w);
	for (i = 0; i < 2; i++) {
		jsonw_key(w, i ? "alerts" : "records");
		jsonw_obj_begin(w);
		for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
			jsonw_key(w, model_side_name(side));
			jsonw_uint(w, i ? alerts[side] : h->records[side]);
		}
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
}

/* TLS 1.3 (docs/json.md): the family of the group the ServerHello's
 * key_share chose ("ECDHE", "DHE"), or "PSK" when there is no key share
 * (psk_ke resumption, RFC 8446 4.2.9). */
err_t json_handshake(buf_t *out, const conn_t *c, const handshake_t *h, unsigned flags)
{
	jsonw_t w;
	srow_list_t rows;
	size_t i;
	int s;

	srow_build(h, &rows);
	jsonw_init(&w, out);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "format");
	jsonw_int(&w, 1);
	jsonw_key(&w, "connection");
	jsonw_uint(&w, c->id);
	jsonw_key(&w, "handshake");
	jsonw_uint(&w, h->index);
	jsonw_key(&w, "source");
	jsonw_str(&w, c->source);
	json_endpoint(&w, "client", c->client_ip, c->client_port);
	json_endpoint(&w, "server", c->server_ip, c->server_port);
	jsonw_key(&w, "tunnel");
	jsonw_arr_begin(&w);
	for (i = 0; i < c->ntunnel; i++)
		jsonw_str(&w, c->tunnel[i]);
	jsonw_arr_end(&w);
	jsonw_key(&w, "transport");
	jsonw_str(&w, c->dtls ? "udp" : "tcp");
	json_dtls(&w, c, h);
	jsonw_key(&w, "version");
	jsonw_str(&w, handshake_version_name(h));
	jsonw_key(&w, "version_id");
	if (h->version)
		jsonw_uint(&w, handshake_version_id(h));
	else
		jsonw_null(&w);
	jsonw_key(&w, "cipher_suite");
	if (h->have_server_random || h->suite_id) {
		jsonw_obj_begin(&w);
		jsonw_key(&w, "id");
		jsonw_uint(&w, h->suite_id);
		jsonw_key(&w, "name");
		jsonw_str(&w, h->suite ? h->suite->name : NULL);
		jsonw_obj_end(&w);
	} else {
		jsonw_null(&w);
	}
	jsonw_key(&w, "key_exchange");
	jsonw_str(&w, handshake_kx_name(h));
	jsonw_key(&w, "client_random");
	jsonw_hex(&w, h->have_client_random ? h->client_random : NULL, 32);
	jsonw_key(&w, "server_random");
	jsonw_hex(&w, h->have_server_random ? h->server_random : NULL, 32);
	jsonw_key(&w, "session_id");
	jsonw_hex(&w, h->have_server_random ? h->session_id : NULL, h->session_id_len);
	jsonw_key(&w, "resumed");
	jsonw_bool(&w, h->resumed);
	jsonw_key(&w, "resumed_from_connection");
	if (h->sec.resumed_from >= 0)
		jsonw_int(&w, h->sec.resumed_from);
	else
		jsonw_null(&w);
	jsonw_key(&w, "extended_master_secret");
	jsonw_bool(&w, h->ems);
	jsonw_key(&w, "encrypt_then_mac");
	jsonw_bool(&w, h->etm);
	if (json_fingerprints(&w, h) != ERR_OK)
		w.failed = true;
	json_secrets(&w, &rows);
	json_finished(&w, &rows);
	jsonw_key(&w, "outcome");
	jsonw_str(&w, outcome_name(h->outcome));
	json_failure(&w, h);
	jsonw_key(&w, "messages");
	jsonw_arr_begin(&w);
	for (i = 0; i < h->nmsgs; i++)
		json_message(&w, h, i, flags);
	jsonw_arr_end(&w);
	jsonw_key(&w, "steps");
	jsonw_arr_begin(&w);
	for (s = 1; s <= STEP_COUNT; s++) {
		jsonw_obj_begin(&w);
		jsonw_key(&w, "step");
		jsonw_int(&w, s);
		jsonw_key(&w, "title");
		jsonw_str(&w, step_info(s)->title);
		jsonw_key(&w, "status");
		jsonw_str(&w, step_status_name(h->steps[s].status));
		if (h->steps[s].reason) {
			jsonw_key(&w, "reason");
			jsonw_str(&w, h->steps[s].reason);
		}
		jsonw_obj_end(&w);
	}
	jsonw_arr_end(&w);
	json_app_data(&w, h, &rows);
	json_mid_stream(&w, h);
	jsonw_key(&w, "probe");
	jsonw_bool(&w, c->probe);
	jsonw_key(&w, "live");
	if (strcmp(c->source, "live") == 0) {
		jsonw_obj_begin(&w);
		jsonw_key(&w, "client_error");
		jsonw_str(&w, h->client_error);
		jsonw_key(&w, "server_error");
		jsonw_str(&w, h->server_error);
		jsonw_key(&w, "certificate_checked");
		jsonw_bool(&w, h->cert_checked);
		jsonw_key(&w, "certificate_status");
		jsonw_uint(&w, h->cert_status);
		jsonw_key(&w, "certificate_verdict");
		jsonw_str(&w, h->cert_verdict);
		jsonw_key(&w, "client_certificate_checked");
		jsonw_bool(&w, h->client_cert_checked);
		jsonw_key(&w, "client_certificate_status");
		jsonw_uint(&w, h->client_cert_status);
		jsonw_key(&w, "client_certificate_verdict");
		jsonw_str(&w, h->client_cert_verdict);
		jsonw_key(&w, "client_config");
		jsonw_str(&w, h->client_config);
		jsonw_key(&w, "server_config");
		jsonw_str(&w, h->server_config);
		json_row(&w, &rows, "client_master", SROW_K_CLIENT_SIDE_MASTER);
		json_row(&w, &rows, "server_master", SROW_K_SERVER_SIDE_MASTER);
		jsonw_obj_end(&w);
	} else {
		jsonw_null(&w);
	}
	jsonw_key(&w, "notes");
	json_notes(&w, c->notes, c->nnotes);
	jsonw_obj_end(&w);
	if (buf_append(out, "\n", 1) != ERR_OK || w.failed)
		return ERR_NOMEM;
	return ERR_OK;
}
