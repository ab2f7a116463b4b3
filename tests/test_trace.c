/* test_trace.c - the live engine through the decoder: every configuration
 * of the live-engine issue ends complete, with both Finished verified,
 * the master derived from the premaster equal to GnuTLS's, and the nine
 * steps as DESIGN.md says; and a transcript altered in transit is caught. */
#include <string.h>
#include "testing.h"
#include "crypto/prf.h"
#include "live/run.h"
#include "trace/steps.h"

typedef struct {
	const char *name;
	live_cfg_t cfg;
	uint16_t version;
	uint16_t suite;
	kx_t kx;
} trace_case_t;

static const trace_case_t trace_cases[] = {
	{ "default", { 0 }, VER_TLS12, 0x003c, KX_RSA },
	{ "tls1.0", { .version = VER_TLS10 }, VER_TLS10, 0x002f, KX_RSA },
	{ "tls1.1", { .version = VER_TLS11 }, VER_TLS11, 0x002f, KX_RSA },
	{ "tls1.3", { .version = VER_TLS13 }, VER_TLS13, 0x1301, KX_TLS13 },
	{ "ecdhe", { .kx = KX_ECDHE }, VER_TLS12, 0xc027, KX_ECDHE },
	{ "dhe", { .kx = KX_DHE }, VER_TLS12, 0x0067, KX_DHE },
	{ "client-auth", { .client_auth = true }, VER_TLS12, 0x003c, KX_RSA },
	{ "ems", { .ems = true }, VER_TLS12, 0x003c, KX_RSA },
	{ "tls1.3 client-auth", { .version = VER_TLS13, .client_auth = true }, VER_TLS13, 0x1301, KX_TLS13 },
};

static const handshake_t *trace_run(const trace_case_t *tc, liverun_t **out)
{
	char why[256] = "";
	err_t e = liverun_new(&tc->cfg, out, why, sizeof why);

	CU_ASSERT_EQUAL_FATAL(e, ERR_OK);
	CU_ASSERT_EQUAL_FATAL(liverun_all(*out), ERR_OK);
	CU_ASSERT_EQUAL_FATAL((*out)->conn->nhs, 1);
	return (*out)->conn->hs[0];
}

static int trace_count(const handshake_t *h, int sender, uint8_t ct, int hs_type)
{
	size_t i;
	int n = 0;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i]->sender == sender && h->msgs[i]->type == ct &&
		    (hs_type < 0 || h->msgs[i]->hs_type == hs_type))
			n++;
	return n;
}

static void trace_check_case(const trace_case_t *tc)
{
	liverun_t *r;
	const handshake_t *h = trace_run(tc, &r);
	int s;

	CU_ASSERT_EQUAL(h->version, tc->version);
	CU_ASSERT_EQUAL(h->suite_id, tc->suite);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->suite);
	CU_ASSERT_EQUAL(h->suite->kx, tc->kx);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_FALSE(h->failure.failed);
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(h->ems, tc->cfg.ems);
	CU_ASSERT_EQUAL(r->conn->nnotes, 0);
	for (s = 1; s <= STEP_COUNT; s++) {
		step_status_t want = STEP_DONE;
		if (tc->version == VER_TLS13 && (s == 4 || (s == 6 && !tc->cfg.client_auth)))
			want = STEP_SKIPPED;
		CU_ASSERT_EQUAL(h->steps[s].status, want);
	}
	if (tc->version != VER_TLS13) {
		/* the master is known and GnuTLS logged the same one */
		CU_ASSERT_TRUE(h->sec.have_master);
		CU_ASSERT_TRUE(h->sec.have_master_reported);
		CU_ASSERT_EQUAL(memcmp(h->sec.master, h->sec.master_reported, 48), 0);
		if (tc->kx == KX_RSA) {
			uint8_t again[48];
			hash_alg_t alg = keys_prf_hash(h->version, h->suite);
			CU_ASSERT_EQUAL(h->sec.premaster_len, 48);
			CU_ASSERT_EQUAL(h->sec.premaster_from, FROM_RSA_KEY);
			CU_ASSERT_EQUAL(h->sec.master_from, FROM_DERIVED);
			CU_ASSERT_TRUE(h->sec.master_agrees);
			/* the premaster starts with the version the client offered */
			CU_ASSERT_EQUAL(h->sec.premaster[0] << 8 | h->sec.premaster[1], tc->version);
			CU_ASSERT_EQUAL(prf_master_secret(h->version, alg, h->sec.premaster, 48, h->client_random,
							  h->server_random, h->ems ? h->sec.session_hash : NULL,
							  h->sec.session_hash_len, again), ERR_OK);
			CU_ASSERT_EQUAL(memcmp(again, h->sec.master, 48), 0);
		} else {
			CU_ASSERT_EQUAL(h->sec.premaster_len, 0);
			CU_ASSERT_PTR_NOT_NULL(h->sec.premaster_why);
			CU_ASSERT_EQUAL(h->sec.master_from, FROM_LIVE);
		}
		CU_ASSERT_TRUE(h->sec.have_keys);
		CU_ASSERT_EQUAL(trace_count(h, SIDE_CLIENT, CT_CHANGE_CIPHER_SPEC, -1), 1);
		CU_ASSERT_EQUAL(trace_count(h, SIDE_SERVER, CT_CHANGE_CIPHER_SPEC, -1), 1);
		CU_ASSERT_EQUAL(trace_count(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO_DONE), 1);
	} else {
		CU_ASSERT_TRUE(h->sec.have_logged);
		CU_ASSERT_TRUE(h->sec.logged.len[KL_CLIENT_HS] == 32);
		CU_ASSERT_TRUE(h->sec.have_hs_keys);
		CU_ASSERT_TRUE(h->sec.have_app_keys);
		CU_ASSERT_EQUAL(trace_count(h, SIDE_SERVER, CT_HANDSHAKE, HS_ENCRYPTED_EXTENSIONS), 1);
	}
	CU_ASSERT_EQUAL(trace_count(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE_VERIFY), tc->cfg.client_auth ? 1 : 0);
	CU_ASSERT_EQUAL(trace_count(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE), tc->cfg.client_auth ? 1 : 0);
	CU_ASSERT_EQUAL(trace_count(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE_REQUEST), tc->cfg.client_auth ? 1 : 0);
	/* nothing stayed encrypted: every message was decrypted and parsed */
	{
		size_t i;
		for (i = 0; i < h->nmsgs; i++) {
			CU_ASSERT_FALSE(h->msgs[i]->opaque);
			CU_ASSERT_EQUAL(h->msgs[i]->nnotes, 0);
		}
	}
	/* step 9: both application messages were decrypted */
	CU_ASSERT_TRUE(h->app_decrypted[SIDE_CLIENT]);
	CU_ASSERT_TRUE(h->app_decrypted[SIDE_SERVER]);
	CU_ASSERT_EQUAL(memcmp(h->app_preview[SIDE_CLIENT], "GET / ", 6), 0);
	CU_ASSERT_TRUE(h->cert_checked);
	CU_ASSERT_EQUAL(h->cert_status, 0);
	liverun_free(r);
}

#define TRACE_CASE(fn, i) static void fn(void) { trace_check_case(&trace_cases[i]); }
TRACE_CASE(test_default, 0)
TRACE_CASE(test_tls10, 1)
TRACE_CASE(test_tls11, 2)
TRACE_CASE(test_tls13, 3)
TRACE_CASE(test_ecdhe, 4)
TRACE_CASE(test_dhe, 5)
TRACE_CASE(test_client_auth, 6)
TRACE_CASE(test_ems, 7)
TRACE_CASE(test_tls13_client_auth, 8)

/* Two runs: new randoms, new secrets. */
static void test_runs_differ(void)
{
	liverun_t *a, *b;
	const handshake_t *ha = trace_run(&trace_cases[0], &a), *hb = trace_run(&trace_cases[0], &b);

	CU_ASSERT_NOT_EQUAL(memcmp(ha->client_random, hb->client_random, 32), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(ha->sec.master, hb->sec.master, 48), 0);
	liverun_free(a);
	liverun_free(b);
}

/* Records a live run's flights so a test can replay them, altered, into a
 * fresh decoder with the same evidence. */
typedef struct {
	buf_t bytes[16];
	int sender[16];
	size_t n;
} trace_tape_t;

static void trace_record(const live_cfg_t *cfg, trace_tape_t *tape, keylog_t **kl_out, rsakey_t **rsa_out,
			 liverun_t **keep)
{
	live_flight_t f;
	bool more = true;
	char why[128];

	memset(tape, 0, sizeof *tape);
	CU_ASSERT_EQUAL_FATAL(liverun_new(cfg, keep, why, sizeof why), ERR_OK);
	while (more) {
		CU_ASSERT_EQUAL_FATAL(live_step((*keep)->live, &f, &more), ERR_OK);
		if (f.bytes.len && tape->n < 16) {
			CU_ASSERT_EQUAL(buf_set(&tape->bytes[tape->n], f.bytes.ptr, f.bytes.len), ERR_OK);
			tape->sender[tape->n++] = f.sender;
		}
	}
	*kl_out = (*keep)->keylog;
	*rsa_out = (*keep)->rsa;
}

static conn_t *trace_replay(trace_tape_t *tape, const keylog_t *kl, const rsakey_t *rsa)
{
	conn_t *c = conn_new(0, "capture");
	evidence_t ev = { .keylog = kl, .rsa = rsa, .live = false };
	decoder_t *d = decoder_new(c, &ev, NULL, NULL);
	size_t i;

	for (i = 0; i < tape->n; i++)
		decoder_feed(d, tape->sender[i], tape->bytes[i].ptr, tape->bytes[i].len, (uint32_t)i + 1, 0);
	decoder_finish(d);
	decoder_free(d);
	return c;
}

static void trace_tape_free(trace_tape_t *tape)
{
	size_t i;
	for (i = 0; i < tape->n; i++)
		buf_free(&tape->bytes[i]);
}

/* The same bytes replayed give the same verdicts (the decoder is
 * deterministic and needs nothing but bytes and evidence). */
static void test_replay_matches(void)
{
	trace_tape_t tape;
	keylog_t *kl;
	rsakey_t *rsa;
	liverun_t *keep;
	conn_t *c;

	trace_record(&(live_cfg_t){ 0 }, &tape, &kl, &rsa, &keep);
	c = trace_replay(&tape, kl, rsa);
	CU_ASSERT_EQUAL_FATAL(c->nhs, 1);
	CU_ASSERT_EQUAL(c->hs[0]->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(c->hs[0]->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
	CU_ASSERT_EQUAL(c->hs[0]->sec.master_from, FROM_DERIVED);
	conn_free(c);
	trace_tape_free(&tape);
	liverun_free(keep);
}

/* A byte of the ClientHello's suite list changed between what the peers
 * saw and what the decoder sees: the keys still derive (randoms and
 * premaster are untouched) but the transcripts differ, so both Finished
 * must fail to verify, and step 7 is where it fails. */
static void test_altered_transcript_caught(void)
{
	trace_tape_t tape;
	keylog_t *kl;
	rsakey_t *rsa;
	liverun_t *keep;
	conn_t *c;
	const handshake_t *h;

	trace_record(&(live_cfg_t){ 0 }, &tape, &kl, &rsa, &keep);
	/* record header 5 + handshake header 4 + version 2 + random 32 +
	 * session id length byte and id, then the suites vector: flip the
	 * last byte of the first suite. */
	{
		uint8_t *p = tape.bytes[0].ptr;
		size_t sid = p[5 + 4 + 2 + 32];
		p[5 + 4 + 2 + 32 + 1 + sid + 3] ^= 0x01;
	}
	c = trace_replay(&tape, kl, rsa);
	h = c->hs[0];
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_MISMATCH);
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_MISMATCH);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_FAILED);
	CU_ASSERT_EQUAL(h->failure.step, 7);
	CU_ASSERT_EQUAL(h->steps[7].status, STEP_FAILED);
	CU_ASSERT_NOT_EQUAL(memcmp(h->fin[SIDE_CLIENT].expected, h->fin[SIDE_CLIENT].received, 12), 0);
	conn_free(c);
	trace_tape_free(&tape);
	liverun_free(keep);
}

/* Without the server key nor a key log, nothing after ChangeCipherSpec can
 * be read: the Finished are there but unverified, and the trace says why. */
static void test_no_keys_unverified(void)
{
	trace_tape_t tape;
	keylog_t *kl;
	rsakey_t *rsa;
	liverun_t *keep;
	conn_t *c;
	const handshake_t *h;

	trace_record(&(live_cfg_t){ 0 }, &tape, &kl, &rsa, &keep);
	c = trace_replay(&tape, NULL, NULL);
	h = c->hs[0];
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_UNVERIFIED);
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_UNVERIFIED);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_FALSE(h->sec.have_master);
	CU_ASSERT_PTR_NOT_NULL(h->sec.premaster_why);
	CU_ASSERT_FALSE(h->app_decrypted[SIDE_CLIENT]);
	conn_free(c);
	trace_tape_free(&tape);
	liverun_free(keep);
}

/* Every prefix of a real exchange, and every single corrupted byte of the
 * server's first flight, decode without crashing (ASan watches) and
 * never produce a verified Finished out of damaged data. */
static void test_damaged_input_survives(void)
{
	trace_tape_t tape;
	keylog_t *kl;
	rsakey_t *rsa;
	liverun_t *keep;
	size_t cut, i;

	trace_record(&(live_cfg_t){ 0 }, &tape, &kl, &rsa, &keep);
	for (cut = 0; cut < tape.bytes[1].len; cut += 7) {
		size_t keep_len = tape.bytes[1].len;
		conn_t *c;
		tape.bytes[1].len = cut;
		c = trace_replay(&tape, kl, rsa);
		tape.bytes[1].len = keep_len;
		CU_ASSERT_NOT_EQUAL(c->hs[0]->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
		conn_free(c);
	}
	for (i = 0; i < tape.bytes[1].len; i += 13) {
		conn_t *c;
		tape.bytes[1].ptr[i] ^= 0xff;
		c = trace_replay(&tape, kl, rsa);
		tape.bytes[1].ptr[i] ^= 0xff;
		CU_ASSERT_TRUE(c->nhs >= 1);
		if (c->nhs >= 1)
			CU_ASSERT_NOT_EQUAL(c->hs[0]->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
		conn_free(c);
	}
	trace_tape_free(&tape);
	liverun_free(keep);
}

const test_suite_t test_trace_suite = {
	"trace", (const test_case_t[]){
		{ "live default: TLS 1.2 RSA AES-128-CBC-SHA256", test_default },
		{ "live TLS 1.0", test_tls10 },
		{ "live TLS 1.1", test_tls11 },
		{ "live TLS 1.3", test_tls13 },
		{ "live ECDHE", test_ecdhe },
		{ "live DHE", test_dhe },
		{ "live client authentication", test_client_auth },
		{ "live extended master secret", test_ems },
		{ "live TLS 1.3 client authentication", test_tls13_client_auth },
		{ "two runs give new randoms and secrets", test_runs_differ },
		{ "a replayed run decodes the same", test_replay_matches },
		{ "an altered transcript fails both Finished", test_altered_transcript_caught },
		{ "without keys the Finished are unverified", test_no_keys_unverified },
		{ "damaged input never crashes nor verifies", test_damaged_input_survives },
		{ NULL, NULL } }
};
