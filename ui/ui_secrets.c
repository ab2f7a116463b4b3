/* ui_secrets.c - the Secrets tab: what the secrets engine found, in the
 * order the handshake produces it, up to the current stop: the randoms,
 * the premaster (or why it is unknown), the master secret with where it
 * came from and whether the key log / GnuTLS agrees, the key block and
 * keys (TLS 1.3: the traffic secrets and keys), and both Finished checks,
 * expected against received.  Every value is read from the model. */
#include <stdio.h>
#include "trace/steps.h"
#include "ui_nav.h"
#include "ui_panes.h"
#include "ui_text.h"

static void ui_secrets_later(ui_doc_t *d, const char *what, int step)
{
	ui_doc_kv(d, what, UI_C_DIM, "shown from step %d (%s) on", step, step_info(step)->title);
}

static void ui_secrets_dir(ui_doc_t *d, const char *who, const keys_dir_t *k)
{
	char label[64];

	if (k->mac_len) {
		snprintf(label, sizeof label, "%s MAC key", who);
		ui_doc_hex(d, label, UI_C_SECRET, k->mac_key, k->mac_len);
	}
	snprintf(label, sizeof label, "%s write key", who);
	ui_doc_hex(d, label, UI_C_SECRET, k->key, k->key_len);
	if (k->iv_len) {
		snprintf(label, sizeof label, "%s IV", who);
		ui_doc_hex(d, label, UI_C_SECRET, k->iv, k->iv_len);
	}
}

static const char *ui_secrets_from(secret_from_t f, bool master)
{
	switch (f) {
	case FROM_RSA_KEY: return "decrypted from the ClientKeyExchange with the server's RSA private key";
	case FROM_DERIVED: return master ? "derived here with the version's PRF" : "derived here";
	case FROM_KEYLOG:  return "taken from the key log (it cannot be recomputed from the wire)";
	case FROM_LIVE:    return "taken from GnuTLS's own key log (it cannot be recomputed from the wire)";
	default:           return "unknown";
	}
}

static void ui_secrets_master(const ui_app_t *a, ui_doc_t *d)
{
	const handshake_t *h = a->hs;
	const secrets_t *s = &h->sec;

	ui_doc_head(d, UI_C_HEAD, "Premaster and master secret");
	if (!ui_nav_seen(a, 6)) {
		ui_secrets_later(d, "premaster secret", 6);
		return;
	}
	if (s->premaster_len) {
		ui_doc_hex(d, "premaster secret", UI_C_SECRET, s->premaster, s->premaster_len);
		ui_doc_kv(d, "  from", UI_C_NORMAL, "%s", ui_secrets_from(s->premaster_from, false));
	} else {
		ui_doc_kv(d, "premaster secret", UI_C_WARN, "unknown: %s",
			  s->premaster_why ? s->premaster_why : "not known");
	}
	if (s->session_hash_len)
		ui_doc_hex(d, "session hash", UI_C_SECRET, s->session_hash, s->session_hash_len);
	if (!s->have_master) {
		ui_doc_kv(d, "master secret", UI_C_WARN, "unknown");
		return;
	}
	ui_doc_hex(d, "master secret", UI_C_SECRET, s->master, 48);
	ui_doc_kv(d, "  from", UI_C_NORMAL, "%s", ui_secrets_from(s->master_from, true));
	if (s->master_from == FROM_DERIVED)
		ui_doc_kv(d, "  formula", UI_C_NORMAL, "PRF(premaster, \"%s\", %s)",
			  h->ems ? "extended master secret" : "master secret",
			  h->ems ? "session_hash" : "client_random + server_random");
	if (s->have_master_reported) {
		ui_doc_hex(d, source_reported_by(a->src), UI_C_SECRET, s->master_reported, 48);
		if (s->master_from == FROM_DERIVED)
			ui_doc_kv(d, "  agreement", s->master_agrees ? UI_C_OK : UI_C_FAIL, "%s %s",
				  ui_glyph(s->master_agrees ? UI_G_DONE : UI_G_FAIL),
				  s->master_agrees ? "the same: the derivation is confirmed"
						   : "DIFFERENT: the derived master secret is not the one reported");
	}
	if (s->rsa_key_mismatch)
		ui_doc_kv(d, "  RSA key", UI_C_FAIL, "the private key given is not the certificate's key");
	if (s->have_keys) {
		ui_doc_head(d, UI_C_HEAD, "Key block and keys");
		ui_doc_hex(d, "key block", UI_C_SECRET, s->keys.block, s->keys.block_len);
		ui_secrets_dir(d, "client", &s->keys.client);
		ui_secrets_dir(d, "server", &s->keys.server);
	}
}

static void ui_secrets_tls13(const ui_app_t *a, ui_doc_t *d)
{
	const secrets_t *s = &a->hs->sec;
	static const struct { const char *label; keylog_label_t l; int step; } ts[] = {
		{ "client hs traffic", KL_CLIENT_HS, 2 }, { "server hs traffic", KL_SERVER_HS, 2 },
		{ "client app traffic", KL_CLIENT_APP0, 8 }, { "server app traffic", KL_SERVER_APP0, 8 },
		{ "exporter secret", KL_EXPORTER, 8 },
	};
	size_t i;

	ui_doc_head(d, UI_C_HEAD, "TLS 1.3 key schedule (traffic secrets from the key log, keys by HKDF)");
	if (!ui_nav_seen(a, 2)) {
		ui_secrets_later(d, "traffic secrets", 2);
		return;
	}
	if (!s->have_logged)
		ui_doc_kv(d, "traffic secrets", UI_C_WARN, "not in the key log: the encrypted messages stay opaque");
	for (i = 0; i < sizeof ts / sizeof ts[0] && s->have_logged; i++)
		if (s->logged.len[ts[i].l] && ui_nav_seen(a, ts[i].step))
			ui_doc_hex(d, ts[i].label, UI_C_SECRET, s->logged.secret[ts[i].l], s->logged.len[ts[i].l]);
	if (s->have_hs_keys) {
		ui_secrets_dir(d, "client hs", &s->hs_keys[SIDE_CLIENT]);
		ui_secrets_dir(d, "server hs", &s->hs_keys[SIDE_SERVER]);
	}
	if (s->have_app_keys && ui_nav_seen(a, 8)) {
		ui_secrets_dir(d, "client app", &s->app_keys[SIDE_CLIENT]);
		ui_secrets_dir(d, "server app", &s->app_keys[SIDE_SERVER]);
	}
}

static void ui_secrets_finished(const ui_app_t *a, ui_doc_t *d, int side)
{
	const finished_check_t *f = &a->hs->fin[side];
	int step = side == SIDE_CLIENT ? 7 : 8;
	ui_role_t r = f->verdict == FIN_VERIFIED ? UI_C_OK : f->verdict == FIN_MISMATCH ? UI_C_FAIL : UI_C_WARN;

	ui_doc_head(d, UI_C_HEAD, "%s Finished", side == SIDE_CLIENT ? "Client" : "Server");
	if (!ui_nav_seen(a, step)) {
		ui_secrets_later(d, "verify_data", step);
		return;
	}
	if (f->transcript_hash_len)
		ui_doc_hex(d, "transcript hash", UI_C_SECRET, f->transcript_hash, f->transcript_hash_len);
	if (f->expected_len)
		ui_doc_hex(d, "expected", UI_C_SECRET, f->expected, f->expected_len);
	if (f->received_len)
		ui_doc_hex(d, "received", UI_C_NORMAL, f->received, f->received_len);
	ui_doc_kv(d, "verdict", r, "%s %s%s%s", ui_glyph(f->verdict == FIN_VERIFIED ? UI_G_DONE :
						    f->verdict == FIN_MISMATCH ? UI_G_FAIL : UI_G_PENDING),
		  f->verdict == FIN_VERIFIED ? "verified: expected = received" :
		  f->verdict == FIN_MISMATCH ? "MISMATCH: expected != received" : fin_verdict_name(f->verdict),
		  f->why ? ": " : "", f->why ? f->why : "");
}

static void ui_secrets_app(const ui_app_t *a, ui_doc_t *d)
{
	const handshake_t *h = a->hs;
	int side;

	if (!ui_nav_seen(a, 9) || (!h->app_records[0] && !h->app_records[1]))
		return;
	ui_doc_head(d, UI_C_HEAD, "Application data");
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		char text[300], *p = text;
		size_t i;

		if (!h->app_records[side])
			continue;
		p += snprintf(p, 80, "%llu record(s), %llu bytes", (unsigned long long)h->app_records[side],
			      (unsigned long long)h->app_bytes[side]);
		if (h->app_decrypted[side]) {
			p += snprintf(p, 20, ", decrypted: \"");
			for (i = 0; i < h->app_preview_len[side] && p < text + sizeof text - 8; i++) {
				uint8_t c = h->app_preview[side][i];
				if (c >= 0x20 && c < 0x7f)
					*p++ = (char)c;
				else
					p += snprintf(p, 5, c == '\r' ? "\\r" : c == '\n' ? "\\n" : "\\x%02x", c);
			}
			*p++ = '"';
			*p = '\0';
		}
		ui_doc_kv(d, side == SIDE_CLIENT ? "client sent" : "server sent", UI_C_NORMAL, "%s", text);
	}
}

void ui_secrets_build(const ui_app_t *a, ui_doc_t *d)
{
	const handshake_t *h = a->hs;

	if (!h) {
		ui_doc_text(d, 0, UI_C_DIM, "Nothing yet.");
		return;
	}
	ui_doc_head(d, UI_C_HEAD, "Randoms and the choice");
	if (h->have_client_random && ui_nav_seen(a, 1))
		ui_doc_hex(d, "client random", UI_C_CLIENT, h->client_random, 32);
	if (!ui_nav_seen(a, 2)) {
		ui_secrets_later(d, "server random", 2);
	} else {
		if (h->have_server_random)
			ui_doc_hex(d, "server random", UI_C_SERVER, h->server_random, 32);
		if (h->version)
			ui_doc_kv(d, "version", UI_C_NORMAL, "%s", reg_version_name(h->version) ? reg_version_name(h->version) : "?");
		if (h->suite_id || h->suite)
			ui_doc_kv(d, "cipher suite", UI_C_OK, "%s (0x%04x)", h->suite ? h->suite->name : "unknown",
				  h->suite_id);
		if (h->ems || h->etm || h->resumed)
			ui_doc_kv(d, "options", UI_C_NORMAL, "%s%s%s", h->resumed ? "resumed session " : "",
				  h->ems ? "extended master secret " : "", h->etm ? "encrypt-then-MAC" : "");
	}
	if (h->version == VER_TLS13)
		ui_secrets_tls13(a, d);
	else
		ui_secrets_master(a, d);
	ui_secrets_finished(a, d, SIDE_CLIENT);
	ui_secrets_finished(a, d, SIDE_SERVER);
	ui_secrets_app(a, d);
}
