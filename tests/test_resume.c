/* test_resume.c - real resumption and HelloRetryRequest in the live mode
 * (live --resume, live --hrr): two GnuTLS pairs, the second resuming the
 * first's session, traced as connections 0 and 1; and a TLS 1.3 run whose
 * first key share the server does not take.  The oracle is GnuTLS's own
 * account: its key log lines and gnutls_session_get_master_secret, never
 * a value only tlstrace computed. */
#include <stdio.h>
#include <string.h>
#include "testing.h"
#include "live/cfg.h"
#include "live/run.h"
#include "source/source_live.h"

/* Settings through live_cfg_set, as the command line and the lessons give them. */
static void cfg_of(live_cfg_t *cfg, const char *tls, const char *resume, bool hrr)
{
	char why[256] = "";

	memset(cfg, 0, sizeof *cfg);
	CU_ASSERT_EQUAL_FATAL(live_cfg_set(cfg, "tls", tls, why, sizeof why), ERR_OK);
	if (resume)
		CU_ASSERT_EQUAL_FATAL(live_cfg_set(cfg, "resume", resume, why, sizeof why), ERR_OK);
	if (hrr)
		CU_ASSERT_EQUAL_FATAL(live_cfg_set(cfg, "hrr", NULL, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(live_cfg_check(cfg, why, sizeof why), ERR_OK);
}

static liverun_t *run_all(const live_cfg_t *cfg)
{
	liverun_t *r = NULL;
	char why[256] = "";

	CU_ASSERT_EQUAL_FATAL(liverun_new(cfg, &r, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(r), ERR_OK);
	return r;
}

static const handshake_t *only_handshake(const liverun_t *r, size_t i)
{
	const conn_t *c = liverun_conn(r, i);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->id, i);
	CU_ASSERT_EQUAL_FATAL(c->nhs, 1);
	CU_ASSERT_EQUAL(c->nnotes, 0);
	return c->hs[0];
}

static void check_complete(const handshake_t *h)
{
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
	CU_ASSERT_TRUE(h->app_decrypted[SIDE_CLIENT]);
	CU_ASSERT_TRUE(h->app_decrypted[SIDE_SERVER]);
}

static size_t count_msgs(const handshake_t *h, int sender, uint8_t hs_type)
{
	size_t i, n = 0;

	for (i = 0; i < h->nmsgs; i++)
		n += h->msgs[i]->sender == sender && h->msgs[i]->type == CT_HANDSHAKE && h->msgs[i]->hs_type == hs_type;
	return n;
}

/* The NSS key log text GnuTLS's callback produced holds this line. */
static bool keylog_has(const liverun_t *r, keylog_label_t l, const uint8_t random[32], const uint8_t *secret,
		       size_t len)
{
	char line[2 * KEYLOG_SECRET_MAX + 128];
	size_t n = keylog_format_line(l, random, secret, len, line, sizeof line);
	const buf_t *t = &r->keylog_text;
	size_t i;

	for (i = 0; n && i + n <= t->len; i++)
		if (memcmp(t->ptr + i, line, n) == 0)
			return true;
	return false;
}

/* TLS 1.2: connection 1 is an abbreviated handshake with the master secret
 * of connection 0, which is the one GnuTLS holds on both sides of both
 * pairs (the resumed pair logs no CLIENT_RANDOM line: its own
 * gnutls_session_get_master_secret is the witness). */
static void check_tls12_pair(const char *kind)
{
	live_cfg_t cfg;
	liverun_t *r;
	const handshake_t *h0, *h1;
	const live_evidence_t *ev1;

	cfg_of(&cfg, "1.2", kind, false);
	r = run_all(&cfg);
	CU_ASSERT_EQUAL_FATAL(liverun_count(r), 2);
	h0 = only_handshake(r, 0);
	h1 = only_handshake(r, 1);
	check_complete(h0);
	check_complete(h1);
	CU_ASSERT_FALSE(h0->resumed);
	CU_ASSERT_TRUE(h1->resumed);
	CU_ASSERT_EQUAL(h1->sec.resumed_from, 0);
	/* 1, 2, 8, 7: no certificate, no key exchange */
	CU_ASSERT_EQUAL(count_msgs(h1, SIDE_SERVER, HS_CERTIFICATE), 0);
	CU_ASSERT_EQUAL(count_msgs(h1, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE), 0);
	CU_ASSERT_EQUAL(count_msgs(h0, SIDE_CLIENT, HS_CLIENT_KEY_EXCHANGE), 1);
	/* the session was carried as asked */
	if (strcmp(kind, "ticket") == 0) {
		CU_ASSERT_EQUAL(count_msgs(h0, SIDE_SERVER, HS_NEW_SESSION_TICKET), 1);
		CU_ASSERT_TRUE(h1->msgs[0]->hello.ticket.len > 0);
	} else {
		CU_ASSERT_EQUAL(count_msgs(h0, SIDE_SERVER, HS_NEW_SESSION_TICKET), 0);
		CU_ASSERT_EQUAL(h1->msgs[0]->hello.ticket.len, 0);
		CU_ASSERT_EQUAL(h1->session_id_len, h0->session_id_len);
		CU_ASSERT_EQUAL(memcmp(h1->session_id, h0->session_id, h0->session_id_len), 0);
	}
	/* the oracle: GnuTLS's key log of connection 0, and both GnuTLS
	 * sides of connection 1 */
	CU_ASSERT_TRUE_FATAL(h0->sec.have_master && h1->sec.have_master);
	CU_ASSERT_TRUE(keylog_has(r, KL_MASTER, h0->client_random, h0->sec.master, 48));
	CU_ASSERT_EQUAL(memcmp(h1->sec.master, h0->sec.master, 48), 0);
	ev1 = live_evidence(r->again.live);
	CU_ASSERT_TRUE_FATAL(ev1->client.have_master && ev1->server.have_master);
	CU_ASSERT_EQUAL(memcmp(ev1->client.master, h1->sec.master, 48), 0);
	CU_ASSERT_EQUAL(memcmp(ev1->server.master, h1->sec.master, 48), 0);
	CU_ASSERT_EQUAL(memcmp(live_evidence(r->live)->client.master, h0->sec.master, 48), 0);
	/* new randoms, so new keys */
	CU_ASSERT_NOT_EQUAL(memcmp(h0->client_random, h1->client_random, 32), 0);
	liverun_free(r);
}

static void test_tls12_session_id(void)
{
	check_tls12_pair("session-id");
}

static void test_tls12_ticket(void)
{
	check_tls12_pair("ticket");
}

/* The TLS 1.3 secrets the trace used are GnuTLS's key log lines of this
 * connection, by label. */
static void check_tls13_secrets(const liverun_t *r, const handshake_t *h)
{
	static const keylog_label_t labels[] = { KL_CLIENT_HS, KL_SERVER_HS, KL_CLIENT_APP0, KL_SERVER_APP0 };
	size_t i;

	CU_ASSERT_TRUE_FATAL(h->sec.have_logged);
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		CU_ASSERT_TRUE_FATAL(h->sec.logged.len[labels[i]] > 0);
		CU_ASSERT_TRUE(keylog_has(r, labels[i], h->client_random, h->sec.logged.secret[labels[i]],
					  h->sec.logged.len[labels[i]]));
	}
}

static void test_tls13_psk(void)
{
	live_cfg_t cfg;
	liverun_t *r;
	const handshake_t *h0, *h1;
	const msg_t *ch, *sh;

	cfg_of(&cfg, "1.3", "ticket", false);
	r = run_all(&cfg);
	CU_ASSERT_EQUAL_FATAL(liverun_count(r), 2);
	h0 = only_handshake(r, 0);
	h1 = only_handshake(r, 1);
	check_complete(h0);
	check_complete(h1);
	CU_ASSERT_FALSE(h0->resumed);
	CU_ASSERT_TRUE(h1->resumed);
	CU_ASSERT_EQUAL(count_msgs(h0, SIDE_SERVER, HS_NEW_SESSION_TICKET), 1);
	/* PSK with (EC)DHE: the second ClientHello carries pre_shared_key
	 * and key_share; the server takes the PSK and sends no certificate */
	ch = h1->msgs[0];
	sh = handshake_find(h1, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO);
	CU_ASSERT_TRUE(ch->hello.pre_shared_key);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	CU_ASSERT_TRUE(sh->hello.pre_shared_key);
	CU_ASSERT_NOT_EQUAL(sh->hello.key_share_group, 0);
	CU_ASSERT_EQUAL(count_msgs(h1, SIDE_SERVER, HS_CERTIFICATE), 0);
	CU_ASSERT_EQUAL(count_msgs(h1, SIDE_SERVER, HS_CERTIFICATE_VERIFY), 0);
	check_tls13_secrets(r, h0);
	check_tls13_secrets(r, h1);
	liverun_free(r);
}

static void test_hrr(void)
{
	live_cfg_t cfg;
	liverun_t *r;
	const handshake_t *h;
	size_t i, hrr = 0, ch = 0;

	cfg_of(&cfg, "1.3", NULL, true);
	r = run_all(&cfg);
	CU_ASSERT_EQUAL(liverun_count(r), 1);
	h = only_handshake(r, 0);
	check_complete(h);
	CU_ASSERT_TRUE(h->hrr);
	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type != CT_HANDSHAKE)
			continue;
		if (m->hs_type == HS_SERVER_HELLO && m->hello.is_hrr) {
			hrr++;
			CU_ASSERT_EQUAL(ch, 1);   /* between the two ClientHellos */
			CU_ASSERT_EQUAL(h->msg_step[i], 2);
		}
		if (m->hs_type == HS_CLIENT_HELLO) {
			ch++;
			CU_ASSERT_EQUAL(h->msg_step[i], 1);
		}
	}
	CU_ASSERT_EQUAL(hrr, 1);
	CU_ASSERT_EQUAL(ch, 2);
	check_tls13_secrets(r, h);
	liverun_free(r);
}

/* The rules, each in one sentence; and a source of two connections. */
static void test_rules_and_source(void)
{
	live_cfg_t cfg = { 0 };
	liverun_t *r = NULL;
	source_t *s = NULL;
	char why[256] = "";
	uint8_t random[32];
	bool more = true;
	unsigned n = 0;

	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "resume", "psk", why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "ticket or session-id"));
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "tls", "1.3", why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "resume", "session-id", why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "TLS 1.3 has no session-id resumption"));
	memset(&cfg, 0, sizeof cfg);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "hrr", NULL, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "only in TLS 1.3"));

	/* advancing connection 1 first runs connection 0 to its end */
	cfg_of(&cfg, "1.2", "session-id", false);
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &r, why, sizeof why), ERR_OK);
	CU_ASSERT_FALSE(liverun_final(r, 0));
	CU_ASSERT_FALSE(liverun_final(r, 1));
	CU_ASSERT_EQUAL(liverun_conn(r, 1)->nhs, 0);
	CU_ASSERT_PTR_NULL(liverun_conn(r, 2));
	CU_ASSERT_EQUAL_FATAL(liverun_step_conn(r, 1, &more), ERR_OK);
	CU_ASSERT_TRUE(liverun_final(r, 0));
	CU_ASSERT_EQUAL(liverun_conn(r, 0)->nhs, 1);
	while (more && n++ < LIVE_MAX_TURNS)
		CU_ASSERT_EQUAL_FATAL(liverun_step_conn(r, 1, &more), ERR_OK);
	CU_ASSERT_TRUE(liverun_final(r, 1));
	CU_ASSERT_EQUAL_FATAL(liverun_conn(r, 1)->nhs, 1);
	CU_ASSERT_TRUE(liverun_conn(r, 1)->hs[0]->resumed);
	liverun_free(r);

	/* the source: both connections traced at start, for the interface's
	 * list; a re-run runs the whole pair again */
	CU_ASSERT_EQUAL_FATAL(source_live_new(&cfg, false, &s), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_start(s, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_count(s), 2);
	CU_ASSERT_TRUE(source_final(s, 0) && source_final(s, 1));
	CU_ASSERT_STRING_EQUAL(source_warning(s), "");
	CU_ASSERT_EQUAL_FATAL(source_conn(s, 1)->nhs, 1);
	CU_ASSERT_TRUE(source_conn(s, 1)->hs[0]->resumed);
	memcpy(random, source_conn(s, 1)->hs[0]->client_random, 32);
	CU_ASSERT_EQUAL_FATAL(source_rerun(s, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_count(s), 2);
	CU_ASSERT_EQUAL_FATAL(source_conn(s, 1)->nhs, 1);
	CU_ASSERT_TRUE(source_conn(s, 1)->hs[0]->resumed);
	CU_ASSERT_NOT_EQUAL(memcmp(random, source_conn(s, 1)->hs[0]->client_random, 32), 0);
	source_free(s);
}

static const test_case_t resume_cases[] = {
	{ "TLS 1.2 session id resumed, master = GnuTLS's", test_tls12_session_id },
	{ "TLS 1.2 ticket resumed, master = GnuTLS's", test_tls12_ticket },
	{ "TLS 1.3 PSK with (EC)DHE resumed", test_tls13_psk },
	{ "TLS 1.3 HelloRetryRequest", test_hrr },
	{ "rules, and a source of two connections", test_rules_and_source },
	{ NULL, NULL },
};

const test_suite_t test_resume_suite = { "resume", resume_cases };
