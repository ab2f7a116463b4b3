/* test_secret_rows.c - the secret rows of real live handshakes
 * (src/trace/secret_rows*.c): the list's own invariants (every row has a
 * step, ids are unique, srow_find and srow_get agree, nothing truncated,
 * the rows of a step come in handshake order), and what the rows say about
 * where each value came from and how it was checked: an RSA handshake
 * derives its master and GnuTLS confirms it, the PRF blocks make the
 * master, each Finished names its label and key; ECDHE has no premaster
 * and says why; a server with the wrong key shows the mismatch. */
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "live/run.h"
#include "trace/secret_rows.h"

static srow_list_t *r_run(const live_cfg_t *cfg, liverun_t **run)
{
	srow_list_t *l = malloc(sizeof *l);
	char why[256] = "";

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL_FATAL(liverun_new(cfg, run, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(*run), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(conn_current((*run)->conn));
	srow_build(conn_current((*run)->conn), l);
	return l;
}

/* What holds for every list: steps 1..9, unique ids, both lookups, and a
 * group's rows never go back to an earlier step. */
static void r_invariants(const srow_list_t *l)
{
	size_t i, j;

	CU_ASSERT_FALSE(l->truncated);
	CU_ASSERT(l->n > 5);
	for (i = 0; i < l->n; i++) {
		const srow_t *r = &l->v[i];

		CU_ASSERT(r->step >= 1 && r->step <= 9);
		CU_ASSERT_PTR_NOT_NULL(r->id);
		CU_ASSERT_PTR_NOT_NULL(r->label);
		CU_ASSERT_PTR_NOT_NULL(r->what);
		CU_ASSERT(r->val || r->text || !r->len);
		CU_ASSERT_PTR_EQUAL(srow_find(l, r->id), r);
		CU_ASSERT(strlen(srow_group_title(r->group)) > 0);
		for (j = i + 1; j < l->n; j++) {
			CU_ASSERT(strcmp(r->id, l->v[j].id) != 0);
			if (l->v[j].group == r->group)
				CU_ASSERT(l->v[j].step >= r->step);
		}
	}
	for (i = 0; i < SROW_K__COUNT; i++) {
		const srow_t *r = srow_get(l, (srow_kind_t)i);

		if (r)
			CU_ASSERT_PTR_EQUAL(srow_find(l, r->id), r);
	}
	CU_ASSERT_PTR_NULL(srow_get(l, SROW_K__COUNT));
	CU_ASSERT_PTR_NULL(srow_find(l, "no.such.row"));
}

static void test_rows_rsa(void)
{
	live_cfg_t cfg = { .version = VER_TLS12, .suite = suite_find(0x009C) };   /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
	liverun_t *run;
	srow_list_t *l = r_run(&cfg, &run);
	const srow_t *pm = srow_get(l, SROW_K_PREMASTER), *ms = srow_get(l, SROW_K_MASTER);
	const srow_t *b1 = srow_get(l, SROW_K_PRF_B1), *b2 = srow_get(l, SROW_K_PRF_B2);
	uint8_t joined[64];
	int side;

	r_invariants(l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pm);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ms);
	CU_ASSERT_EQUAL(pm->len, 48);
	CU_ASSERT_EQUAL(pm->from, FROM_RSA_KEY);
	CU_ASSERT_EQUAL(pm->step, 6);
	CU_ASSERT_EQUAL(ms->from, FROM_DERIVED);
	CU_ASSERT_STRING_EQUAL(ms->qualifier, "derived");
	CU_ASSERT_EQUAL(ms->check, SROW_AGREES);
	CU_ASSERT_PTR_NOT_NULL(srow_get(l, SROW_K_MASTER_AGREES));
	CU_ASSERT_PTR_NOT_NULL(srow_get(l, SROW_K_MASTER_FORMULA));
	/* RFC 5246 5 with SHA-256: block 1 + block 2 cut to 48 bytes is the master. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(b1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b2);
	CU_ASSERT_PTR_NOT_NULL(srow_get(l, SROW_K_PRF_A1));
	CU_ASSERT_PTR_NULL(srow_get(l, SROW_K_PRF_A3));
	memcpy(joined, b1->val, 32);
	memcpy(joined + 32, b2->val, 32);
	CU_ASSERT_EQUAL(memcmp(joined, ms->val, 48), 0);
	CU_ASSERT_EQUAL(srow_get(l, SROW_K_CLIENT_MAC), NULL);   /* AEAD: no MAC key */
	CU_ASSERT_PTR_NOT_NULL(srow_get(l, SROW_K_CLIENT_KEY));
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		const srow_t *lab = srow_get(l, (srow_kind_t)(SROW_K_FIN_LABEL + side));
		const srow_t *key = srow_get(l, (srow_kind_t)(SROW_K_FIN_KEY + side));
		const srow_t *v = srow_get(l, (srow_kind_t)(SROW_K_FIN_VERDICT + side));

		CU_ASSERT_PTR_NOT_NULL_FATAL(lab);
		CU_ASSERT_PTR_NOT_NULL_FATAL(key);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		CU_ASSERT_STRING_EQUAL(lab->text, side == SIDE_CLIENT ? "\"client finished\"" : "\"server finished\"");
		CU_ASSERT(key->len == 48 && memcmp(key->val, ms->val, 48) == 0);
		CU_ASSERT_EQUAL(v->check, SROW_AGREES);
		CU_ASSERT_STRING_EQUAL(v->text, "verified");
		CU_ASSERT_EQUAL(v->step, side == SIDE_CLIENT ? 7 : 8);
	}
	free(l);
	liverun_free(run);
}

static void test_rows_ecdhe(void)
{
	live_cfg_t cfg = { .version = VER_TLS12, .kx = KX_ECDHE };
	liverun_t *run;
	srow_list_t *l = r_run(&cfg, &run);
	const srow_t *pm = srow_get(l, SROW_K_PREMASTER), *ms = srow_get(l, SROW_K_MASTER);
	const srow_t *rep = srow_get(l, SROW_K_MASTER_REPORTED);

	r_invariants(l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pm);
	CU_ASSERT_PTR_NULL(pm->val);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pm->unknown);
	CU_ASSERT_PTR_NOT_NULL(strstr(pm->unknown, "Diffie-Hellman"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ms);
	CU_ASSERT_EQUAL(ms->from, FROM_LIVE);
	CU_ASSERT_STRING_EQUAL(ms->qualifier, "logged");
	CU_ASSERT_EQUAL(ms->check, SROW_UNCHECKED);   /* taken from GnuTLS: nothing to compare */
	CU_ASSERT_PTR_NULL(srow_get(l, SROW_K_PRF_A1));
	CU_ASSERT_PTR_NULL(srow_get(l, SROW_K_MASTER_AGREES));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rep);
	CU_ASSERT_STRING_EQUAL(rep->label, "GnuTLS reports");
	free(l);
	liverun_free(run);
}

static void test_rows_tls13(void)
{
	live_cfg_t cfg = { .version = VER_TLS13 };
	liverun_t *run;
	srow_list_t *l = r_run(&cfg, &run);
	const srow_t *fk = srow_get(l, SROW_K_FIN_KEY), *hs = srow_get(l, SROW_K_CLIENT_HS);

	r_invariants(l);
	CU_ASSERT_PTR_NULL(srow_get(l, SROW_K_PREMASTER));
	CU_ASSERT_PTR_NULL(srow_get(l, SROW_K_MASTER));
	CU_ASSERT_PTR_NOT_NULL_FATAL(hs);
	CU_ASSERT_EQUAL(hs->from, FROM_LIVE);
	CU_ASSERT_EQUAL(hs->step, 2);
	CU_ASSERT_PTR_NOT_NULL(srow_get(l, SROW_K_CLIENT_HS_KEY));
	CU_ASSERT_PTR_NOT_NULL(srow_get(l, SROW_K_SERVER_APP_IV));
	CU_ASSERT_PTR_NOT_NULL_FATAL(fk);
	CU_ASSERT_STRING_EQUAL(fk->label, "finished_key");
	CU_ASSERT_EQUAL(fk->len, hs->len);
	CU_ASSERT(memcmp(fk->val, hs->val, hs->len) != 0);   /* derived from it, not it */
	CU_ASSERT_STRING_EQUAL(srow_get(l, SROW_K_FIN_LABEL)->text, "\"finished\"");
	free(l);
	liverun_free(run);
}

/* The server holds a key that is not its certificate's: the premaster
 * cannot be opened, the two sides' masters differ, and the rows say so. */
static void test_rows_wrong_key(void)
{
	live_cfg_t cfg = { .scenario = "wrong-server-key" };
	liverun_t *run;
	srow_list_t *l = r_run(&cfg, &run);
	const srow_t *pm = srow_get(l, SROW_K_PREMASTER), *rsa = srow_get(l, SROW_K_RSA_KEY);
	const srow_t *c = srow_get(l, SROW_K_CLIENT_SIDE_MASTER), *s = srow_get(l, SROW_K_SERVER_SIDE_MASTER);

	r_invariants(l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pm);
	CU_ASSERT_PTR_NULL(pm->val);
	CU_ASSERT_PTR_NOT_NULL(pm->unknown);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rsa);
	CU_ASSERT_EQUAL(rsa->check, SROW_MISMATCH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_NOT_EQUAL(memcmp(c->val, s->val, 48), 0);
	free(l);
	liverun_free(run);
}

static const test_case_t cases[] = {
	{ "TLS 1.2 RSA: derived, confirmed, PRF blocks, Finished label and key", test_rows_rsa },
	{ "TLS 1.2 ECDHE: premaster unknown and why, master from GnuTLS", test_rows_ecdhe },
	{ "TLS 1.3: traffic secrets, HKDF keys, finished_key", test_rows_tls13 },
	{ "wrong server key: the mismatch is a row", test_rows_wrong_key },
	{ NULL, NULL }
};

const test_suite_t test_secret_rows_suite = { "secret rows", cases };
