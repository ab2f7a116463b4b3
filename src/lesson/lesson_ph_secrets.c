/* lesson_ph_secrets.c - the placeholder fillers for secrets: premaster,
 * master and where it came from, the TLS 1.2 PRF worked through with the
 * run's own numbers (and checked against the master secret), the key
 * block and keys, the Finished checks, TLS 1.3's logged secrets.  They
 * read the trace model; the worked PRF is the only computation, and its
 * result is compared with the master secret the engine derived. */
#include <string.h>
#include "crypto/hash.h"
#include "lesson_ph.h"

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

int ph_premaster(lesson_fill_t *f)
{
	const secrets_t *s = &f->h->sec;

	return s->premaster_len ? lf_bytes(f, s->premaster, s->premaster_len, 0) : ps_no_premaster(f);
}

int ph_premaster_version(lesson_fill_t *f)
{
	const secrets_t *s = &f->h->sec;
	uint16_t v;

	if (!s->premaster_len)
		return ps_no_premaster(f);
	if (!ps_is_rsa(f) || s->premaster_len != 48)
		return LU_NOT_USED;
	v = (uint16_t)(s->premaster[0] << 8 | s->premaster[1]);
	lf_printf(f, "0x%02x%02x", s->premaster[0], s->premaster[1]);
	if (reg_version_name(v))
		lf_printf(f, ", %s", reg_version_name(v));
	return LU_FILLED;
}

int ph_premaster_random(lesson_fill_t *f)
{
	const secrets_t *s = &f->h->sec;

	if (!s->premaster_len)
		return ps_no_premaster(f);
	if (!ps_is_rsa(f) || s->premaster_len != 48)
		return LU_NOT_USED;
	return lf_bytes(f, s->premaster + 2, 46, 0);
}

static int ps_no_master(const lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13_MASTER;
	return lf_msg(f, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE) && ps_is_rsa(f) && !f->h->sec.premaster_len
	       ? LU_RSA_NO_DECRYPT : LU_NOT_YET;
}

int ph_master(lesson_fill_t *f)
{
	const secrets_t *s = &f->h->sec;

	return s->have_master ? lf_bytes(f, s->master, 48, 0) : ps_no_master(f);
}

int ph_master_from(lesson_fill_t *f)
{
	const secrets_t *s = &f->h->sec;

	if (!s->have_master)
		return ps_no_master(f);
	lf_puts(f, lesson_strings(f->lang)->master_from[s->master_from <= FROM_KEYLOG ? s->master_from : 0]);
	return LU_FILLED;
}

int ph_master_check(lesson_fill_t *f)
{
	const secrets_t *s = &f->h->sec;
	const lesson_strings_t *w = lesson_strings(f->lang);

	if (!s->have_master)
		return ps_no_master(f);
	if (s->master_from != FROM_DERIVED)
		lf_puts(f, w->master_check[3]);
	else if (!s->have_master_reported)
		lf_puts(f, w->master_check[2]);
	else
		lf_puts(f, w->master_check[s->master_agrees ? 0 : 1]);
	return LU_FILLED;
}

/* ---- the TLS 1.2 PRF, worked (RFC 5246 5) ----
 * P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 * A(0) = seed, A(i) = HMAC(secret, A(i-1)); PRF(secret, label, seed) = P_hash(secret, label + seed).
 * Master: secret = premaster, label "master secret", seed client_random + server_random
 * (RFC 7627 4: "extended master secret", seed session_hash). */
typedef struct {
	hash_alg_t alg;
	size_t hl;
	uint8_t seed[HASH_MAX_LEN + 64];
	size_t seedlen;
	const char *label;
	uint8_t a[2][HASH_MAX_LEN], block[2][HASH_MAX_LEN];
} ps_prf_t;

static int ps_prf(const lesson_fill_t *f, ps_prf_t *p)
{
	const handshake_t *h = f->h;
	slice_t parts[3];
	int i;

	if (h->version == VER_TLS13)
		return LU_TLS13;
	if (!h->suite || !h->version)
		return LU_NOT_YET;
	if (h->version != VER_TLS12)
		return LU_ONLY_TLS12;
	if (!h->sec.premaster_len)
		return h->suite->kx == KX_RSA ? ps_no_premaster(f) : LU_NO_PREMASTER;
	if (h->ems && !h->sec.session_hash_len)
		return LU_NOT_YET;
	p->alg = keys_prf_hash(h->version, h->suite);
	p->hl = hash_len(p->alg);
	if (h->ems) {
		p->label = "extended master secret";
		memcpy(p->seed, h->sec.session_hash, h->sec.session_hash_len);
		p->seedlen = h->sec.session_hash_len;
	} else {
		p->label = "master secret";
		memcpy(p->seed, h->client_random, 32);
		memcpy(p->seed + 32, h->server_random, 32);
		p->seedlen = 64;
	}
	parts[0] = slice_make(p->label, strlen(p->label));
	parts[1] = slice_make(p->seed, p->seedlen);
	hash_hmac_v(p->alg, h->sec.premaster, h->sec.premaster_len, parts, 2, p->a[0]);       /* A(1) */
	parts[0] = slice_make(p->a[0], p->hl);
	hash_hmac_v(p->alg, h->sec.premaster, h->sec.premaster_len, parts, 1, p->a[1]);       /* A(2) */
	for (i = 0; i < 2; i++) {
		parts[0] = slice_make(p->a[i], p->hl);
		parts[1] = slice_make(p->label, strlen(p->label));
		parts[2] = slice_make(p->seed, p->seedlen);
		hash_hmac_v(p->alg, h->sec.premaster, h->sec.premaster_len, parts, 3, p->block[i]);
	}
	return LU_FILLED;
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
	const handshake_t *h = f->h;

	if (h->version == VER_TLS13)
		return LU_TLS13;
	if (h->ems)
		return h->sec.session_hash_len ? lf_bytes(f, h->sec.session_hash, h->sec.session_hash_len, 0) : LU_NOT_YET;
	if (!h->have_client_random || !h->have_server_random)
		return LU_NOT_YET;
	lf_hex(f, h->client_random, 32);
	lf_hex(f, h->server_random, 32);
	return LU_FILLED;
}

static int ps_prf_part(lesson_fill_t *f, int which)
{
	ps_prf_t p;
	int r = ps_prf(f, &p);

	if (r != LU_FILLED)
		return r;
	if (which == 3 && p.hl >= 48)
		return LU_NOT_NEEDED;
	if (which == 1 && p.hl >= 48)
		return LU_NOT_NEEDED;
	lf_hex(f, which < 2 ? p.a[which] : p.block[which - 2], p.hl);
	return LU_FILLED;
}

int ph_prf_a1(lesson_fill_t *f) { return ps_prf_part(f, 0); }
int ph_prf_a2(lesson_fill_t *f) { return ps_prf_part(f, 1); }
int ph_prf_block1(lesson_fill_t *f) { return ps_prf_part(f, 2); }
int ph_prf_block2(lesson_fill_t *f) { return ps_prf_part(f, 3); }

int ph_prf_check(lesson_fill_t *f)
{
	ps_prf_t p;
	uint8_t out[2 * HASH_MAX_LEN];
	int r = ps_prf(f, &p);

	if (r != LU_FILLED)
		return r;
	if (!f->h->sec.have_master)
		return LU_NOT_YET;
	memcpy(out, p.block[0], p.hl);
	memcpy(out + p.hl, p.block[1], p.hl);
	lf_puts(f, lesson_strings(f->lang)->prf_check[memcmp(out, f->h->sec.master, 48) == 0]);
	return LU_FILLED;
}

int ph_session_hash(lesson_fill_t *f)
{
	const handshake_t *h = f->h;

	if (h->version == VER_TLS13)
		return LU_TLS13;
	if (lf_msg(f, SIDE_SERVER, HS_SERVER_HELLO) && !h->ems)
		return LU_NO_EMS;
	return lf_bytes(f, h->sec.session_hash, h->sec.session_hash_len, LU_NOT_YET);
}

/* ---- keys ---- */

int ph_key_block(lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	return f->h->sec.have_keys ? lf_bytes(f, f->h->sec.keys.block, f->h->sec.keys.block_len, LU_NOT_YET) : ps_no_master(f);
}

int ph_key_block_len(lesson_fill_t *f)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13;
	if (!f->h->sec.have_keys)
		return ps_no_master(f);
	lf_printf(f, "%zu", f->h->sec.keys.block_len);
	return LU_FILLED;
}

enum { PS_MAC, PS_KEY, PS_IV };

static int ps_key(lesson_fill_t *f, int side, int what)
{
	const handshake_t *h = f->h;
	const keys_dir_t *k;

	if (h->version == VER_TLS13) {
		if (what == PS_MAC)
			return LU_AEAD_NO_MAC;
		if (!h->sec.have_app_keys)
			return LU_NOT_YET;
		k = &h->sec.app_keys[side];
	} else {
		if (!h->sec.have_keys)
			return ps_no_master(f);
		k = side == SIDE_CLIENT ? &h->sec.keys.client : &h->sec.keys.server;
	}
	switch (what) {
	case PS_MAC:
		return lf_bytes(f, k->mac_key, k->mac_len, LU_AEAD_NO_MAC);
	case PS_KEY:
		return lf_bytes(f, k->key, k->key_len, LU_NOT_USED);
	default:
		return lf_bytes(f, k->iv, k->iv_len, LU_NOT_USED);
	}
}

int ph_client_mac_key(lesson_fill_t *f) { return ps_key(f, SIDE_CLIENT, PS_MAC); }
int ph_server_mac_key(lesson_fill_t *f) { return ps_key(f, SIDE_SERVER, PS_MAC); }
int ph_client_write_key(lesson_fill_t *f) { return ps_key(f, SIDE_CLIENT, PS_KEY); }
int ph_server_write_key(lesson_fill_t *f) { return ps_key(f, SIDE_SERVER, PS_KEY); }
int ph_client_iv(lesson_fill_t *f) { return ps_key(f, SIDE_CLIENT, PS_IV); }
int ph_server_iv(lesson_fill_t *f) { return ps_key(f, SIDE_SERVER, PS_IV); }

/* ---- Finished ---- */

static int ps_fin(lesson_fill_t *f, int side, int what)
{
	const finished_check_t *c = &f->h->fin[side];

	if (c->verdict == FIN_ABSENT && what != 3)
		return lf_absent(f);
	switch (what) {
	case 0:
		return lf_bytes(f, c->received, c->received_len, LU_NOT_DECRYPTED);
	case 1:
		return lf_bytes(f, c->expected, c->expected_len, LU_NOT_COMPUTED);
	case 2:
		return lf_bytes(f, c->transcript_hash, c->transcript_hash_len, LU_NOT_COMPUTED);
	default:
		if (c->verdict == FIN_ABSENT && !f->h->done)
			return LU_NOT_YET;
		lf_puts(f, lesson_strings(f->lang)->verdict[c->verdict]);
		return LU_FILLED;
	}
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

static int ps_side_master(lesson_fill_t *f, int side)
{
	if (f->h->version == VER_TLS13)
		return LU_TLS13_MASTER;
	if (!f->h->have_side_master[side])
		return LU_NOT_YET;
	return lf_bytes(f, f->h->side_master[side], 48, 0);
}

int ph_client_side_master(lesson_fill_t *f) { return ps_side_master(f, SIDE_CLIENT); }
int ph_server_side_master(lesson_fill_t *f) { return ps_side_master(f, SIDE_SERVER); }

int ph_masters_agree(lesson_fill_t *f)
{
	const handshake_t *h = f->h;

	if (h->version == VER_TLS13)
		return LU_TLS13_MASTER;
	if (!h->have_side_master[SIDE_CLIENT] || !h->have_side_master[SIDE_SERVER])
		return LU_NOT_YET;
	lf_puts(f, lesson_strings(f->lang)->masters_agree[memcmp(h->side_master[0], h->side_master[1], 48) == 0]);
	return LU_FILLED;
}

static int ps_logged(lesson_fill_t *f, keylog_label_t l)
{
	const secrets_t *s = &f->h->sec;

	if (f->h->version && f->h->version != VER_TLS13)
		return LU_ONLY_TLS13;
	if (!s->have_logged || !s->logged.len[l])
		return LU_NOT_YET;
	return lf_bytes(f, s->logged.secret[l], s->logged.len[l], LU_NOT_YET);
}

int ph_client_hs_secret(lesson_fill_t *f) { return ps_logged(f, KL_CLIENT_HS); }
int ph_server_hs_secret(lesson_fill_t *f) { return ps_logged(f, KL_SERVER_HS); }
int ph_client_app_secret(lesson_fill_t *f) { return ps_logged(f, KL_CLIENT_APP0); }
int ph_server_app_secret(lesson_fill_t *f) { return ps_logged(f, KL_SERVER_APP0); }
