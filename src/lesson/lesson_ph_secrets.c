/* lesson_ph_secrets.c - the placeholder fillers for secrets: premaster,
 * master and where it came from, the TLS 1.2 PRF worked through with the
 * run's own numbers (A(1), A(2) and the blocks as the secrets engine
 * stored them), the key block and keys, the Finished checks, TLS 1.3's
 * logged secrets.  Every value is a secret row (trace/secret_rows.h), looked
 * up by id: the same rows the text, JSON and the Secrets tab show.  Nothing
 * is computed here; what a filler decides is only why a value is unknown,
 * in the lesson's words. */
#include <string.h>
#include "trace/secret_rows.h"
#include "lesson_ph.h"

/* The row id of h, NULL when h has none (l: the caller's scratch list). */
static const srow_t *ps_row(const lesson_fill_t *f, srow_list_t *l, const char *id)
{
	srow_build(f->h, l);
	return srow_find(l, id);
}

/* A row's bytes, or why_empty when the row is missing or has none. */
static int ps_row_bytes(lesson_fill_t *f, const char *id, int why_empty)
{
	srow_list_t l;
	const srow_t *r = ps_row(f, &l, id);

	return r && r->val ? lf_bytes(f, r->val, r->len, why_empty) : why_empty;
}

static bool ps_is_rsa(const lesson_fill_t *f)
{
	return f->h->suite && (f->h->suite->kx == KX_RSA || f->h->suite->kx == KX_RSA_EXPORT);
}

/* Why the premaster is not known. */
static int ps_no_premaster(const lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13 || (f->h->suite && f->h->suite->tls13))
		return LU_TLS13;
	if (!f->h->suite || !lf_msg(f, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE))
		return lf_absent(f);
	return ps_is_rsa(f) ? LU_RSA_NO_DECRYPT : LU_DH_SECRET;
}

/* The premaster row when its bytes are known. */
static const srow_t *ps_premaster(const lesson_fill_t *f, srow_list_t *l)
{
	const srow_t *r = ps_row(f, l, "secrets.premaster");

	return r && r->val ? r : NULL;
}

int ph_premaster(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r = ps_premaster(f, &l);

	return r ? lf_bytes(f, r->val, r->len, 0) : ps_no_premaster(f);
}

int ph_premaster_version(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r = ps_premaster(f, &l);
	uint16_t v;

	if (!r)
		return ps_no_premaster(f);
	if (!ps_is_rsa(f) || r->len != 48)
		return LU_NOT_USED;
	v = (uint16_t)(r->val[0] << 8 | r->val[1]);
	lf_printf(f, "0x%02x%02x", r->val[0], r->val[1]);
	if (reg_version_name(v))
		lf_printf(f, ", %s", reg_version_name(v));
	return LU_FILLED;
}

int ph_premaster_random(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r = ps_premaster(f, &l);

	if (!r)
		return ps_no_premaster(f);
	if (!ps_is_rsa(f) || r->len != 48)
		return LU_NOT_USED;
	return lf_bytes(f, r->val + 2, 46, 0);
}

static int ps_no_master(const lesson_fill_t *f)
{
	srow_list_t l;

	if (f->h->version == VER_TLS13)
		return LU_TLS13_MASTER;
	return lf_msg(f, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE) && ps_is_rsa(f) && !ps_premaster(f, &l)
	       ? LU_RSA_NO_DECRYPT : LU_NOT_YET;
}

/* The master row when the master is known. */
static const srow_t *ps_master(const lesson_fill_t *f, srow_list_t *l)
{
	const srow_t *r = ps_row(f, l, "secrets.master");

	return r && r->val ? r : NULL;
}

int ph_master(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r = ps_master(f, &l);

	return r ? lf_bytes(f, r->val, r->len, 0) : ps_no_master(f);
}

int ph_master_from(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r = ps_master(f, &l);

	if (!r)
		return ps_no_master(f);
	lf_puts(f, lesson_strings(f->lang)->master_from[r->from <= FROM_KEYLOG ? r->from : 0]);
	return LU_FILLED;
}

int ph_master_check(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r = ps_master(f, &l), *agree = srow_find(&l, "secrets.master_agrees");
	const lesson_strings_t *w = lesson_strings(f->lang);

	if (!r)
		return ps_no_master(f);
	if (r->from != FROM_DERIVED)
		lf_puts(f, w->master_check[3]);
	else if (!agree)
		lf_puts(f, w->master_check[2]);
	else
		lf_puts(f, w->master_check[agree->check == SROW_AGREES ? 0 : 1]);
	return LU_FILLED;
}

/* ---- the TLS 1.2 PRF, worked (RFC 5246 5) ----
 * P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 * A(0) = seed, A(i) = HMAC(secret, A(i-1)); PRF(secret, label, seed) = P_hash(secret, label + seed).
 * Master: secret = premaster, label "master secret", seed client_random + server_random
 * (RFC 7627 4: "extended master secret", seed session_hash).  The secrets
 * engine kept A(i) and the blocks when it derived the master (crypto/prf.h
 * prf_trace_t); the rows secrets.master_prf.a1, .block1, ... carry them. */
static int ps_prf_ready(const lesson_fill_t *f)
{
	const handshake_t *h = f->h;
	srow_list_t l;

	if (h->version == VER_TLS13)
		return LU_TLS13;
	if (!h->suite || !h->version)
		return LU_NOT_YET;
	if (h->version != VER_TLS12)
		return LU_ONLY_TLS12;
	if (!ps_premaster(f, &l))
		return h->suite->kx == KX_RSA ? ps_no_premaster(f) : LU_NO_PREMASTER;
	return srow_find(&l, "secrets.master_prf.a1") ? LU_FILLED : LU_NOT_YET;
}

int ph_prf_label(lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	if (!lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO))
		return LU_NOT_YET;
	lf_puts(f, f->h->ems ? "extended master secret" : "master secret");
	return LU_FILLED;
}

int ph_prf_seed(lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	if (f->h->ems)
		return ps_row_bytes(f, "secrets.session_hash", LU_NOT_YET);
	if (!f->h->have_client_random || !f->h->have_server_random)
		return LU_NOT_YET;
	lf_hex(f, f->h->client_random, 32);
	lf_hex(f, f->h->server_random, 32);
	return LU_FILLED;
}

/* A stored A(i) or block; a second one the hash did not need (SHA-384
 * makes the 48 bytes in one block) is "not needed". */
static int ps_prf_part(lesson_fill_t *f, const char *id)
{
	srow_list_t l;
	const srow_t *r;
	int ready = ps_prf_ready(f);

	if (ready != LU_FILLED)
		return ready;
	r = ps_row(f, &l, id);
	if (!r)
		return LU_NOT_NEEDED;
	lf_hex(f, r->val, r->len);
	return LU_FILLED;
}

int ph_prf_a1(lesson_fill_t *f) { return ps_prf_part(f, "secrets.master_prf.a1"); }
int ph_prf_a2(lesson_fill_t *f) { return ps_prf_part(f, "secrets.master_prf.a2"); }
int ph_prf_block1(lesson_fill_t *f) { return ps_prf_part(f, "secrets.master_prf.block1"); }
int ph_prf_block2(lesson_fill_t *f) { return ps_prf_part(f, "secrets.master_prf.block2"); }

/* The worked example's check: block 1 + block 2, cut to 48 bytes, is the
 * master secret shown above (a comparison, not a computation). */
int ph_prf_check(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *b1, *b2, *ms;
	uint8_t out[2 * HASH_MAX_LEN];
	size_t n;
	int ready = ps_prf_ready(f);

	if (ready != LU_FILLED)
		return ready;
	ms = ps_master(f, &l);
	b1 = srow_find(&l, "secrets.master_prf.block1");
	b2 = srow_find(&l, "secrets.master_prf.block2");
	if (!ms || !b1)
		return LU_NOT_YET;
	memcpy(out, b1->val, b1->len);
	n = b1->len;
	if (b2) {
		memcpy(out + n, b2->val, b2->len);
		n += b2->len;
	}
	lf_puts(f, lesson_strings(f->lang)->prf_check[n >= 48 && memcmp(out, ms->val, 48) == 0]);
	return LU_FILLED;
}

int ph_session_hash(lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	if (lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO) && !f->h->ems)
		return LU_NO_EMS;
	return ps_row_bytes(f, "secrets.session_hash", LU_NOT_YET);
}

/* ---- keys ---- */

int ph_key_block(lesson_fill_t *f)
{
	srow_list_t l;

	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	return ps_row(f, &l, "secrets.keys.key_block") ? ps_row_bytes(f, "secrets.keys.key_block", LU_NOT_YET)
						       : ps_no_master(f);
}

int ph_key_block_len(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r;

	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	if (!(r = ps_row(f, &l, "secrets.keys.key_block")))
		return ps_no_master(f);
	lf_printf(f, "%zu", r->len);
	return LU_FILLED;
}

/* The rows of one direction's keys: [TLS 1.3][side][mac, key, iv]. */
static const char *const ps_key_ids[2][2][3] = {
	{ { "secrets.keys.client.mac_key", "secrets.keys.client.write_key", "secrets.keys.client.iv" },
	  { "secrets.keys.server.mac_key", "secrets.keys.server.write_key", "secrets.keys.server.iv" } },
	{ { NULL, "secrets.keys.client_application.write_key", "secrets.keys.client_application.iv" },
	  { NULL, "secrets.keys.server_application.write_key", "secrets.keys.server_application.iv" } },
};

enum { PS_MAC, PS_KEY, PS_IV };

static int ps_key(lesson_fill_t *f, int side, int what)
{
	bool tls13 = f->h->version == VER_TLS13;
	srow_list_t l;

	if (tls13 && what == PS_MAC)
		return LU_AEAD_NO_MAC;
	if (tls13 && !ps_row(f, &l, "secrets.keys.client_application.write_key"))
		return LU_NOT_YET;
	if (!tls13 && !ps_row(f, &l, "secrets.keys.key_block"))
		return ps_no_master(f);
	return ps_row_bytes(f, ps_key_ids[tls13][side][what], what == PS_MAC ? LU_AEAD_NO_MAC : LU_NOT_USED);
}

int ph_client_mac_key(lesson_fill_t *f) { return ps_key(f, SIDE_CLIENT, PS_MAC); }
int ph_server_mac_key(lesson_fill_t *f) { return ps_key(f, SIDE_SERVER, PS_MAC); }
int ph_client_write_key(lesson_fill_t *f) { return ps_key(f, SIDE_CLIENT, PS_KEY); }
int ph_server_write_key(lesson_fill_t *f) { return ps_key(f, SIDE_SERVER, PS_KEY); }
int ph_client_iv(lesson_fill_t *f) { return ps_key(f, SIDE_CLIENT, PS_IV); }
int ph_server_iv(lesson_fill_t *f) { return ps_key(f, SIDE_SERVER, PS_IV); }

/* ---- Finished ---- */

/* The rows of a Finished check: [side][received, expected, transcript hash, verdict]. */
static const char *const ps_fin_ids[2][4] = {
	{ "finished_detail.client.received", "finished_detail.client.expected",
	  "finished_detail.client.transcript_hash", "finished.client" },
	{ "finished_detail.server.received", "finished_detail.server.expected",
	  "finished_detail.server.transcript_hash", "finished.server" },
};

static int ps_fin(lesson_fill_t *f, int side, int what)
{
	static const int empty[3] = { LU_NOT_DECRYPTED, LU_NOT_COMPUTED, LU_NOT_COMPUTED };
	srow_list_t l;
	const srow_t *v = ps_row(f, &l, ps_fin_ids[side][3]);
	bool absent = !v || (v->flags & SROW_F_ABSENT);
	fin_verdict_t k;

	if (absent && what != 3)
		return lf_absent(f);
	if (what < 3)
		return ps_row_bytes(f, ps_fin_ids[side][what], empty[what]);
	if (absent && !f->h->done)
		return LU_NOT_YET;
	for (k = FIN_ABSENT; k <= FIN_UNVERIFIED; k++)
		if (v && v->text == fin_verdict_name(k))
			break;
	lf_puts(f, lesson_strings(f->lang)->verdict[k <= FIN_UNVERIFIED ? k : FIN_ABSENT]);
	return LU_FILLED;
}

int ph_client_verify_data(lesson_fill_t *f) { return ps_fin(f, SIDE_CLIENT, 0); }
int ph_server_verify_data(lesson_fill_t *f) { return ps_fin(f, SIDE_SERVER, 0); }
int ph_expected_client_verify_data(lesson_fill_t *f) { return ps_fin(f, SIDE_CLIENT, 1); }
int ph_expected_server_verify_data(lesson_fill_t *f) { return ps_fin(f, SIDE_SERVER, 1); }
int ph_client_transcript_hash(lesson_fill_t *f) { return ps_fin(f, SIDE_CLIENT, 2); }
int ph_server_transcript_hash(lesson_fill_t *f) { return ps_fin(f, SIDE_SERVER, 2); }
int ph_client_finished_verdict(lesson_fill_t *f) { return ps_fin(f, SIDE_CLIENT, 3); }
int ph_server_finished_verdict(lesson_fill_t *f) { return ps_fin(f, SIDE_SERVER, 3); }

/* ---- each side's own account, TLS 1.3's logged secrets ---- */

static const char *const ps_side_master_ids[2] = { "live.client_master", "live.server_master" };

static int ps_side_master(lesson_fill_t *f, int side)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13_MASTER;
	return ps_row_bytes(f, ps_side_master_ids[side], LU_NOT_YET);
}

int ph_client_side_master(lesson_fill_t *f) { return ps_side_master(f, SIDE_CLIENT); }
int ph_server_side_master(lesson_fill_t *f) { return ps_side_master(f, SIDE_SERVER); }

int ph_masters_agree(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *c, *s;

	if (f->h->version == VER_TLS13)
		return LU_TLS13_MASTER;
	srow_build(f->h, &l);
	c = srow_find(&l, ps_side_master_ids[SIDE_CLIENT]);
	s = srow_find(&l, ps_side_master_ids[SIDE_SERVER]);
	if (!c || !s)
		return LU_NOT_YET;
	lf_puts(f, lesson_strings(f->lang)->masters_agree[c->len == s->len && memcmp(c->val, s->val, c->len) == 0]);
	return LU_FILLED;
}

static int ps_logged(lesson_fill_t *f, const char *id)
{
	if (f->h->version && f->h->version != VER_TLS13)
		return LU_ONLY_TLS13;
	return ps_row_bytes(f, id, LU_NOT_YET);
}

int ph_client_hs_secret(lesson_fill_t *f) { return ps_logged(f, "secrets.client_handshake_traffic_secret"); }
int ph_server_hs_secret(lesson_fill_t *f) { return ps_logged(f, "secrets.server_handshake_traffic_secret"); }
int ph_client_app_secret(lesson_fill_t *f) { return ps_logged(f, "secrets.client_traffic_secret_0"); }
int ph_server_app_secret(lesson_fill_t *f) { return ps_logged(f, "secrets.server_traffic_secret_0"); }
