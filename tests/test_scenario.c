/* test_scenario.c - every failure scenario run for real (a GnuTLS client
 * and server through liverun) and checked from the outside: it fails at
 * the step and on the side its table row says, with the alert GnuTLS
 * sends, a reason and ranked causes, the steps before done and the steps
 * after not reached; and each scenario's own evidence is really there
 * (the offer on the wire, GnuTLS's verdict bits, the two masters, the
 * altered byte). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include "testing.h"
#include "crypto/prf.h"
#include "live/run.h"
#include "live/scenario.h"
#include "trace/steps.h"

/* The table: every one of these must exist, as specified. */
static const struct { const char *name; int step, sender; } required[] = {
	{ "no-common-cipher", 2, SIDE_SERVER },    { "version-mismatch", 2, SIDE_SERVER },
	{ "untrusted-ca", 5, SIDE_CLIENT },        { "expired-cert", 5, SIDE_CLIENT },
	{ "wrong-hostname", 5, SIDE_CLIENT },      { "client-cert-missing", 5, SIDE_SERVER },
	{ "wrong-server-key", 7, SIDE_SERVER },    { "tampered-hello", 7, SIDE_SERVER },
};

static void test_table(void)
{
	size_t i, j;

	CU_ASSERT_TRUE(scenario_count() >= sizeof required / sizeof required[0]);
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		const scenario_t *sc = scenario_find(required[i].name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
		CU_ASSERT_EQUAL(sc->step, required[i].step);
		CU_ASSERT_EQUAL(sc->sender, required[i].sender);
	}
	for (i = 0; i < scenario_count(); i++) {
		const scenario_t *sc = scenario_at(i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
		CU_ASSERT_TRUE(sc->summary && sc->summary[0] && !strchr(sc->summary, '\n'));
		CU_ASSERT_TRUE(sc->step >= 1 && sc->step <= STEP_COUNT);
		CU_ASSERT_PTR_EQUAL(scenario_find(sc->name), sc);
		for (j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(scenario_at(j)->name, sc->name);
	}
	CU_ASSERT_PTR_NULL(scenario_at(scenario_count()));
	CU_ASSERT_PTR_NULL(scenario_find("no-such-scenario"));
	CU_ASSERT_PTR_NULL(scenario_find(NULL));
}

/* An unknown name, or a scenario with other settings, is refused before
 * anything runs. */
static void test_refused(void)
{
	static const live_cfg_t bad[] = {
		{ .scenario = "no-such-scenario" },
		{ .scenario = "untrusted-ca", .version = VER_TLS13 },
		{ .scenario = "untrusted-ca", .client_auth = true },
		{ .scenario = "tampered-hello", .kx = KX_ECDHE },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		liverun_t *r = NULL;
		char why[256] = "";

		CU_ASSERT_EQUAL(liverun_new(&bad[i], &r, why, sizeof why), ERR_BAD_VALUE);
		CU_ASSERT_PTR_NULL(r);
		CU_ASSERT_PTR_NOT_NULL(strstr(why, "scenario"));
	}
}

static bool cause_has(const handshake_t *h, const char *word)
{
	size_t i;

	for (i = 0; i < h->failure.ncauses; i++)
		if (strstr(h->failure.causes[i], word))
			return true;
	return false;
}

static bool note_has(const conn_t *c, const char *word)
{
	size_t i;

	for (i = 0; i < c->nnotes; i++)
		if (strstr(c->notes[i], word))
			return true;
	return false;
}

static const msg_t *find_alert(const handshake_t *h, int sender, int *index)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_ALERT && h->msgs[i]->sender == sender) {
			*index = (int)i;
			return h->msgs[i];
		}
	return NULL;
}

/* What every scenario must show. */
static void check_common(const scenario_t *sc, const liverun_t *r, const handshake_t *h)
{
	const live_evidence_t *ev = live_evidence(r->live);
	const live_side_t *det = sc->sender == SIDE_SERVER ? &ev->server : &ev->client;
	const live_side_t *peer = sc->sender == SIDE_SERVER ? &ev->client : &ev->server;
	const msg_t *alert;
	size_t i;
	int s, at = -1;

	CU_ASSERT_EQUAL(h->outcome, OUTCOME_FAILED);
	CU_ASSERT_TRUE(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, sc->step);
	CU_ASSERT_EQUAL(h->failure.sender, sc->sender);
	if (h->failure.step != sc->step || h->failure.sender != sc->sender)
		fprintf(stderr, "\n  %s: failed at step %d (%s), expected %d (%s): %s\n", sc->name, h->failure.step,
			model_side_name(h->failure.sender), sc->step, model_side_name(sc->sender),
			h->failure.reason ? h->failure.reason : "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->failure.reason);
	CU_ASSERT_TRUE(strlen(h->failure.reason) > 20);
	CU_ASSERT_TRUE(h->failure.ncauses >= 1);
	for (i = 0; i < h->failure.ncauses; i++)
		CU_ASSERT_TRUE(h->failure.causes[i] && strlen(h->failure.causes[i]) > 10);

	/* The alert: GnuTLS sent it, it is on the wire, and the failure names it. */
	CU_ASSERT_TRUE(sc->alert >= 0);
	CU_ASSERT_EQUAL(det->alert_sent, sc->alert);
	CU_ASSERT_EQUAL(h->failure.alert, sc->alert);
	alert = find_alert(h, sc->sender, &at);
	CU_ASSERT_PTR_NOT_NULL_FATAL(alert);
	CU_ASSERT_EQUAL(alert->alert_desc, sc->alert);
	CU_ASSERT_EQUAL(alert->alert_level, 2);
	CU_ASSERT_EQUAL(h->msg_step[at], sc->step);   /* the alert belongs to the failed step */

	/* GnuTLS's own account: the detector failed with its error, the peer
	 * with the alert it received; both in the trace and in the causes. */
	CU_ASSERT_FALSE(det->done);
	CU_ASSERT_NOT_EQUAL(det->error, 0);
	CU_ASSERT_NOT_EQUAL(det->error, GNUTLS_E_FATAL_ALERT_RECEIVED);
	CU_ASSERT_EQUAL(peer->error, GNUTLS_E_FATAL_ALERT_RECEIVED);
	CU_ASSERT_PTR_NOT_NULL(h->client_error);
	CU_ASSERT_PTR_NOT_NULL(h->server_error);
	CU_ASSERT_TRUE(cause_has(h, det->error_text));
	CU_ASSERT_TRUE(cause_has(h, peer->error_text));
	CU_ASSERT_PTR_NOT_NULL(h->server_config);
	CU_ASSERT_PTR_NOT_NULL(h->client_config);

	/* Steps: done before, failed at, nothing after. */
	for (s = 1; s <= STEP_COUNT; s++) {
		step_status_t st = h->steps[s].status;
		if (s < sc->step)
			CU_ASSERT_EQUAL(st, STEP_DONE);
		if (s == sc->step) {
			CU_ASSERT_EQUAL(st, STEP_FAILED);
			CU_ASSERT_PTR_NOT_NULL(h->steps[s].reason);
		}
		if (s > sc->step)
			CU_ASSERT_TRUE(st == STEP_NOT_REACHED || st == STEP_SKIPPED);
		if ((s < sc->step && st != STEP_DONE) || (s > sc->step && st != STEP_NOT_REACHED && st != STEP_SKIPPED))
			fprintf(stderr, "\n  %s: step %d is %s\n", sc->name, s, step_status_name(st));
	}
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_ABSENT);
	CU_ASSERT_EQUAL(h->app_records[SIDE_CLIENT] + h->app_records[SIDE_SERVER], 0);
}

static const handshake_t *run_scenario(const char *name, liverun_t **out, const scenario_t **sc)
{
	live_cfg_t cfg = { .scenario = name };
	char why[256] = "";
	err_t e;

	*sc = scenario_find(name);
	CU_ASSERT_PTR_NOT_NULL_FATAL(*sc);
	e = liverun_new(&cfg, out, why, sizeof why);
	if (e != ERR_OK)
		fprintf(stderr, "\n  %s: %s: %s\n", name, err_str(e), why);
	CU_ASSERT_EQUAL_FATAL(e, ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(*out), ERR_OK);
	CU_ASSERT_EQUAL_FATAL((*out)->conn->nhs, 1);
	check_common(*sc, *out, (*out)->conn->hs[0]);
	return (*out)->conn->hs[0];
}

static void test_no_common_cipher(void)
{
	const scenario_t *sc;
	liverun_t *r;
	const handshake_t *h = run_scenario("no-common-cipher", &r, &sc);
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	size_t i;
	bool offers_server_suite = false;

	CU_ASSERT_PTR_NULL(handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
	for (i = 0; i < ch->hello.nsuites; i++)
		offers_server_suite |= ch->hello.suites[i] == sc->side[SIDE_SERVER].suite;
	CU_ASSERT_FALSE(offers_server_suite);
	/* the evidence: the client's offer next to what the server accepts */
	CU_ASSERT_TRUE(cause_has(h, "TLS_RSA_WITH_AES_128_CBC_SHA256"));
	CU_ASSERT_TRUE(cause_has(h, "TLS_RSA_WITH_AES_256_GCM_SHA384"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "cipher suite"));
	liverun_free(r);
}

static void test_version_mismatch(void)
{
	const scenario_t *sc;
	liverun_t *r;
	const handshake_t *h = run_scenario("version-mismatch", &r, &sc);
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);

	CU_ASSERT_PTR_NULL(handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
	CU_ASSERT_EQUAL_FATAL(ch->hello.nversions, 1);
	CU_ASSERT_EQUAL(ch->hello.versions[0], VER_TLS13);
	CU_ASSERT_EQUAL(h->version, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "version"));
	CU_ASSERT_TRUE(cause_has(h, "TLS 1.3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h->server_config, "TLS 1.2"));
	CU_ASSERT_PTR_NULL(strstr(h->server_config, "TLS 1.3"));
	liverun_free(r);
}

/* The client's verdict carries the bit of the check that failed, and the
 * causes the certificate facts that show it. */
static void check_cert(const char *name, unsigned status_bit, const char *reason_word, const char *w1,
		       const char *w2)
{
	const scenario_t *sc;
	liverun_t *r;
	const handshake_t *h = run_scenario(name, &r, &sc);

	CU_ASSERT_TRUE(h->cert_checked);
	CU_ASSERT_TRUE(h->cert_status & status_bit);
	CU_ASSERT_PTR_NOT_NULL(h->cert_verdict);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, reason_word));
	CU_ASSERT_TRUE(cause_has(h, w1));
	CU_ASSERT_TRUE(cause_has(h, w2));
	/* the client refused after the server's first flight: it sent nothing more */
	CU_ASSERT_PTR_NULL(handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_KEY_EXCHANGE));
	CU_ASSERT_PTR_NOT_NULL(handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO_DONE));
	liverun_free(r);
}

static void test_untrusted_ca(void)
{
	check_cert("untrusted-ca", GNUTLS_CERT_SIGNER_NOT_FOUND, "trust", "Elsewhere Root CA", "tlstrace demo CA");
}

static void test_expired_cert(void)
{
	check_cert("expired-cert", GNUTLS_CERT_EXPIRED, "expired", "not_after", "days later");
}

static void test_wrong_hostname(void)
{
	check_cert("wrong-hostname", GNUTLS_CERT_UNEXPECTED_OWNER, "name", PKI_OTHER_NAME, "\"" PKI_SERVER_NAME "\"");
}

static void test_client_cert_missing(void)
{
	const scenario_t *sc;
	liverun_t *r;
	const handshake_t *h = run_scenario("client-cert-missing", &r, &sc);
	const msg_t *cc = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE);

	CU_ASSERT_TRUE(h->client_auth_requested);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cc);
	CU_ASSERT_EQUAL(cc->ncerts, 0);
	/* the alert follows the client's whole flight, yet step 5 failed */
	CU_ASSERT_PTR_NOT_NULL(handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_FINISHED));
	CU_ASSERT_TRUE(cause_has(h, "empty Certificate"));
	liverun_free(r);
}

static void test_wrong_server_key(void)
{
	const scenario_t *sc;
	liverun_t *r;
	const handshake_t *h = run_scenario("wrong-server-key", &r, &sc);
	const keylog_entry_t *kl = keylog_find(r->keylog, h->client_random);

	/* the server's key is not its certificate's, and cannot open the premaster */
	CU_ASSERT_TRUE(h->sec.rsa_key_mismatch);
	CU_ASSERT_EQUAL(h->sec.premaster_len, 0);
	/* the two sides logged different masters; the key log keeps the
	 * client's and flags the server's */
	CU_ASSERT_TRUE(h->have_side_master[SIDE_CLIENT] && h->have_side_master[SIDE_SERVER]);
	CU_ASSERT_NOT_EQUAL(memcmp(h->side_master[SIDE_CLIENT], h->side_master[SIDE_SERVER], 48), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(kl);
	CU_ASSERT_TRUE(kl->conflict[KL_MASTER]);
	CU_ASSERT_EQUAL(memcmp(kl->secret[KL_MASTER], h->side_master[SIDE_CLIENT], 48), 0);
	/* the client's Finished is right for the client's keys: the server's are wrong */
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_TRUE(cause_has(h, "private key does not belong to its certificate"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.causes[0], "private key"));
	CU_ASSERT_TRUE(note_has(r->conn, "DIFFERENT master secrets"));
	CU_ASSERT_TRUE(note_has(r->conn, "not the one its certificate names"));
	liverun_free(r);
}

static void test_tampered_hello(void)
{
	const scenario_t *sc;
	liverun_t *r;
	const handshake_t *h = run_scenario("tampered-hello", &r, &sc);
	uint8_t original[32], master[48];
	hash_alg_t alg;

	/* The byte altered is in the server random: undo it, and the server's
	 * own master comes out of the same premaster; with the random as the
	 * client received it, the client's. */
	CU_ASSERT_FATAL(sc->tamper_flight == 2 && sc->tamper_offset >= 11 && sc->tamper_offset < 43);
	CU_ASSERT_EQUAL_FATAL(h->sec.premaster_len, 48);
	CU_ASSERT_TRUE_FATAL(h->have_side_master[SIDE_CLIENT] && h->have_side_master[SIDE_SERVER]);
	alg = keys_prf_hash(h->version, h->suite);
	memcpy(original, h->server_random, 32);
	original[sc->tamper_offset - 11] ^= sc->tamper_xor;
	CU_ASSERT_EQUAL(prf_master_secret(h->version, alg, h->sec.premaster, 48, h->client_random, original,
					  NULL, 0, master), ERR_OK);
	CU_ASSERT_EQUAL(memcmp(master, h->side_master[SIDE_SERVER], 48), 0);
	CU_ASSERT_EQUAL(memcmp(h->sec.master, h->side_master[SIDE_CLIENT], 48), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(h->side_master[SIDE_CLIENT], h->side_master[SIDE_SERVER], 48), 0);
	CU_ASSERT_FALSE(h->sec.rsa_key_mismatch);
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.causes[0], "altered in transit"));
	CU_ASSERT_TRUE(note_has(r->conn, "DIFFERENT master secrets"));
	CU_ASSERT_FALSE(note_has(r->conn, "not the one its certificate names"));
	liverun_free(r);
}

/* Every row of the table, including any added later, fails as it says. */
static void test_every_row(void)
{
	size_t i;

	for (i = 0; i < scenario_count(); i++) {
		const scenario_t *sc;
		liverun_t *r;
		(void)run_scenario(scenario_at(i)->name, &r, &sc);
		liverun_free(r);
	}
}

/* Last: frees the demo PKI and its variants, so LeakSanitizer sees a clean exit. */
static void test_shutdown(void)
{
	live_shutdown();
	CU_PASS("demo PKI freed");
}

const test_suite_t test_scenario_suite = {
	"scenario", (const test_case_t[]){
		{ "the table has every required scenario", test_table },
		{ "unknown or combined scenarios are refused", test_refused },
		{ "no-common-cipher: step 2, server", test_no_common_cipher },
		{ "version-mismatch: step 2, server", test_version_mismatch },
		{ "untrusted-ca: step 5, client", test_untrusted_ca },
		{ "expired-cert: step 5, client", test_expired_cert },
		{ "wrong-hostname: step 5, client", test_wrong_hostname },
		{ "client-cert-missing: step 5, server", test_client_cert_missing },
		{ "wrong-server-key: step 7, server", test_wrong_server_key },
		{ "tampered-hello: step 7, server", test_tampered_hello },
		{ "every row fails as its table says", test_every_row },
		{ "shutdown", test_shutdown },
		{ NULL, NULL } }
};
