/* lesson_ph_secrets.c - the placeholder fillers for secrets: premaster,
 * master and where it came from, the TLS 1.2 PRF worked through with the
 * run's own numbers (A(1), A(2) and the blocks as the secrets engine
 * stored them), the key block and keys, the Finished checks, TLS 1.3's
 * logged secrets.  Every value is a secret row (trace/secret_rows.h), looked
 * up by kind: the same rows the text, JSON and the Secrets tab show.  Nothing
 * is computed here; what a filler decides is only why a value is unknown,
 * in the lesson's words. */
#include <string.h>
#include "trace/secret_rows.h"
#include "lesson_ph.h"

/* The row of kind k of h, NULL when h has none (l: the caller's scratch list). */
static const srow_t *ps_row(const lesson_fill_t *f, srow_list_t *l, int k)
{
	srow_build(f->h, l);
	return srow_get(l, (srow_kind_t)k);
}

/* A row's bytes, or why_empty when the row is missing or has none. */
static int ps_row_bytes(lesson_fill_t *f, int k, int why_empty)
{
	srow_list_t l;
	const srow_t *r = ps_row(f, &l, k);

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
	const srow_t *r = ps_row(f, l, SROW_K_PREMASTER);

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
	const srow_t *r = ps_row(f, l, SROW_K_MASTER);

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
	const srow_t *r = ps_master(f, &l), *agree = srow_get(&l, SROW_K_MASTER_AGREES);
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
 * prf_trace_t); the rows SROW_K_PRF_A1, _B1, ... carry them. */
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
	return srow_get(&l, SROW_K_PRF_A1) ? LU_FILLED : LU_NOT_YET;
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
		return ps_row_bytes(f, SROW_K_SESSION_HASH, LU_NOT_YET);
	if (!f->h->have_client_random || !f->h->have_server_random)
		return LU_NOT_YET;
	lf_hex(f, f->h->client_random, 32);
	lf_hex(f, f->h->server_random, 32);
	return LU_FILLED;
}

/* A stored A(i) or block; a second one the hash did not need (SHA-384
 * makes the 48 bytes in one block) is "not needed". */
static int ps_prf_part(lesson_fill_t *f, srow_kind_t k)
{
	srow_list_t l;
	const srow_t *r;
	int ready = ps_prf_ready(f);

	if (ready != LU_FILLED)
		return ready;
	r = ps_row(f, &l, k);
	if (!r)
		return LU_NOT_NEEDED;
	lf_hex(f, r->val, r->len);
	return LU_FILLED;
}

int ph_prf_a1(lesson_fill_t *f) { return ps_prf_part(f, SROW_K_PRF_A1); }
int ph_prf_a2(lesson_fill_t *f) { return ps_prf_part(f, SROW_K_PRF_A2); }
int ph_prf_block1(lesson_fill_t *f) { return ps_prf_part(f, SROW_K_PRF_B1); }
int ph_prf_block2(lesson_fill_t *f) { return ps_prf_part(f, SROW_K_PRF_B2); }

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
	b1 = srow_get(&l, SROW_K_PRF_B1);
	b2 = srow_get(&l, SROW_K_PRF_B2);
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
	return ps_row_bytes(f, SROW_K_SESSION_HASH, LU_NOT_YET);
}

/* ---- keys ---- */

int ph_key_block(lesson_fill_t *f)
{
	srow_list_t l;

	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	return ps_row(f, &l, SROW_K_KEY_BLOCK) ? ps_row_bytes(f, SROW_K_KEY_BLOCK, LU_NOT_YET)
						       : ps_no_master(f);
}

int ph_key_block_len(lesson_fill_t *f)
{
	srow_list_t l;
	const srow_t *r;

	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	if (!(r = ps_row(f, &l, SROW_K_KEY_BLOCK)))
		return ps_no_master(f);
	lf_printf(f, "%zu", r->len);
	return LU_FILLED;
}

/* The rows of one direction's keys: [TLS 1.3][side][mac, key, iv]. */
static const int ps_key_ids[2][2][3] = {
	{ { SROW_K_CLIENT_MAC, SROW_K_CLIENT_KEY, SROW_K_CLIENT_IV },
	  { SROW_K_SERVER_MAC, SROW_K_SERVER_KEY, SROW_K_SERVER_IV } },
	{ { -1, SROW_K_CLIENT_APP_KEY, SROW_K_CLIENT_APP_IV },
	  { -1, SROW_K_SERVER_APP_KEY, SROW_K_SERVER_APP_IV } },
};

enum { PS_MAC, PS_KEY, PS_IV };

static int ps_key(lesson_fill_t *f, int side, int what)
{
	bool tls13 = f->h->version == VER_TLS13;
	srow_list_t l;

	if (tls13 && what == PS_MAC)
		return LU_AEAD_NO_MAC;
	if (tls13 && !ps_row(f, &l, SROW_K_CLIENT_APP_KEY))
		return LU_NOT_YET;
	if (!tls13 && !ps_row(f, &l, SROW_K_KEY_BLOCK))
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
static const int ps_fin_ids[2][4] = {
	{ SROW_K_FIN_RECEIVED, SROW_K_FIN_EXPECTED,
	  SROW_K_FIN_TH, SROW_K_FIN_VERDICT },
	{ SROW_K_FIN_RECEIVED + 1, SROW_K_FIN_EXPECTED + 1,
	  SROW_K_FIN_TH + 1, SROW_K_FIN_VERDICT + 1 },
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

static const srow_kind_t ps_side_master_ids[2] = { SROW_K_CLIENT_SIDE_MASTER, SROW_K_SERVER_SIDE_MASTER };

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
	c = srow_get(&l, ps_side_master_ids[SIDE_CLIENT]);
	s = srow_get(&l, ps_side_master_ids[SIDE_SERVER]);
	if (!c || !s)
		return LU_NOT_YET;
	lf_puts(f, lesson_strings(f->lang)->masters_agree[c->len == s->len && memcmp(c->val, s->val, c->len) == 0]);
	return LU_FILLED;
}

/* RFC 5246 7.3 (session id) and RFC 5077 3.1 (ticket): a resumed TLS 1.2
 * session keeps the master secret of the one it resumes.  Each side's
 * GnuTLS's own account when both handshakes have it (live), else the
 * master secrets the trace holds (a capture's key log). */
int ph_master_reused(lesson_fill_t *f)
{
	const handshake_t *a = f->h, *b = f->second;
	bool same = true;
	int side;

	if (!b)
		return LU_NOT_YET;
	if (a->version == VER_TLS13 || b->version == VER_TLS13)
		return LU_TLS13_MASTER;
	if (a->have_side_master[SIDE_CLIENT] && a->have_side_master[SIDE_SERVER] &&
	    b->have_side_master[SIDE_CLIENT] && b->have_side_master[SIDE_SERVER]) {
		for (side = 0; side < 2; side++)
			same &= memcmp(a->side_master[side], b->side_master[side], 48) == 0;
	} else if (a->sec.have_master && b->sec.have_master) {
		same = memcmp(a->sec.master, b->sec.master, 48) == 0;
	} else {
		return a->done && b->done ? LU_NOT_COMPUTED : LU_NOT_YET;
	}
	lf_puts(f, lesson_strings(f->lang)->masters_agree[same]);
	return LU_FILLED;
}

static int ps_logged(lesson_fill_t *f, srow_kind_t k)
{
	if (f->h->version && f->h->version != VER_TLS13)
		return LU_ONLY_TLS13;
	return ps_row_bytes(f, k, LU_NOT_YET);
}

int ph_client_hs_secret(lesson_fill_t *f) { return ps_logged(f, SROW_K_CLIENT_HS); }
int ph_server_hs_secret(lesson_fill_t *f) { return ps_logged(f, SROW_K_SERVER_HS); }
int ph_client_app_secret(lesson_fill_t *f) { return ps_logged(f, SROW_K_CLIENT_APP); }
int ph_server_app_secret(lesson_fill_t *f) { return ps_logged(f, SROW_K_SERVER_APP); }
