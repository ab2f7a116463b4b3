/* test_diagnose.c - failure attribution on models built two ways: by
 * replaying the flights of real GnuTLS runs into a fresh decoder (as a
 * capture would be read: wire bytes, key log and server key, no live
 * evidence), with an alert injected at various points; and by hand,
 * message by message.  Each case checks the step, the side, the alert,
 * the kind of reason and the evidence the causes carry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "live/run.h"
#include "live/scenario.h"
#include "trace/decode.h"
#include "trace/steps.h"

#define TAPE_MAX 16

/* The flights of one real run, with the key log and key a capture reader
 * would be given. */
typedef struct {
	buf_t bytes[TAPE_MAX];
	int sender[TAPE_MAX];
	size_t n;
	liverun_t *keep;         /* owns the key log and the key */
} tape_t;

static void tape_record(const live_cfg_t *cfg, tape_t *t)
{
	live_flight_t f;
	bool more = true;
	char why[256] = "";
	err_t e;

	memset(t, 0, sizeof *t);
	e = liverun_new(cfg, &t->keep, why, sizeof why);
	if (e != ERR_OK)
		fprintf(stderr, "\n  %s: %s\n", err_str(e), why);
	CU_ASSERT_EQUAL_FATAL(e, ERR_OK);
	while (more) {
		CU_ASSERT_EQUAL_FATAL(live_step(t->keep->live, &f, &more), ERR_OK);
		if (f.bytes.len && t->n < TAPE_MAX) {
			CU_ASSERT_EQUAL(buf_set(&t->bytes[t->n], f.bytes.ptr, f.bytes.len), ERR_OK);
			t->sender[t->n++] = f.sender;
		}
	}
}

static void tape_free(tape_t *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		buf_free(&t->bytes[i]);
	liverun_free(t->keep);
}

/* The first `flights` flights, then (if level) a plaintext alert record
 * from `side`, decoded like a capture.  The caller frees the conn. */
static conn_t *replay(const tape_t *t, size_t flights, int side, uint8_t level, uint8_t desc)
{
	conn_t *c = conn_new(0, "capture");
	evidence_t ev = { .keylog = t->keep->keylog, .rsa = t->keep->rsa, .live = false };
	decoder_t *d = decoder_new(c, &ev, NULL, NULL);
	const uint8_t alert[7] = { CT_ALERT, 3, 3, 0, 2, level, desc };
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	for (i = 0; i < flights && i < t->n; i++)
		decoder_feed(d, t->sender[i], t->bytes[i].ptr, t->bytes[i].len, (uint32_t)i + 1, 0);
	if (level)
		decoder_feed(d, side, alert, sizeof alert, (uint32_t)i + 1, 0);
	decoder_finish(d);
	decoder_free(d);
	CU_ASSERT_EQUAL_FATAL(c->nhs, 1);
	return c;
}

static bool cause_has(const handshake_t *h, const char *word)
{
	size_t i;

	for (i = 0; i < h->failure.ncauses; i++)
		if (strstr(h->failure.causes[i], word))
			return true;
	return false;
}

/* Step, side, alert and a word of the reason; the steps before done, after not. */
static void expect_failure(const handshake_t *h, int step, int sender, int alert, const char *reason_word)
{
	int s;

	CU_ASSERT_EQUAL(h->outcome, OUTCOME_FAILED);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, step);
	CU_ASSERT_EQUAL(h->failure.sender, sender);
	CU_ASSERT_EQUAL(h->failure.alert, alert);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->failure.reason);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, reason_word));
	CU_ASSERT_TRUE(h->failure.ncauses >= 1);
	/* the interface's Japanese: a reason of its own, and the causes all
	 * in Japanese or none (the interface then shows the English ones) */
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->failure.reason_ja);
	CU_ASSERT_STRING_NOT_EQUAL(h->failure.reason_ja, h->failure.reason);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason_ja, "。"));
	CU_ASSERT_PTR_EQUAL(step_reason(h, step, LANG_JA), h->failure.reason_ja);
	CU_ASSERT_TRUE(h->failure.ncauses_ja == 0 || h->failure.ncauses_ja == h->failure.ncauses);
	if (h->failure.step != step || h->failure.sender != sender || !strstr(h->failure.reason, reason_word))
		fprintf(stderr, "\n  got step %d %s alert %d: %s\n", h->failure.step, model_side_name(h->failure.sender),
			h->failure.alert, h->failure.reason);
	CU_ASSERT_EQUAL(h->steps[step].status, STEP_FAILED);
	if (h->version != VER_TLS13) {
		for (s = 1; s < step; s++)
			CU_ASSERT_EQUAL(h->steps[s].status, STEP_DONE);
		for (s = step + 1; s <= STEP_COUNT; s++)
			CU_ASSERT_TRUE(h->steps[s].status == STEP_NOT_REACHED || h->steps[s].status == STEP_SKIPPED);
	}
}

/* ---- step 2: an alert instead of a ServerHello ---- */

static void test_hello_refused(void)
{
	tape_t t;
	conn_t *c;

	tape_record(&(live_cfg_t){ 0 }, &t);
	c = replay(&t, 1, SIDE_SERVER, 2, 40);      /* handshake_failure */
	expect_failure(c->hs[0], 2, SIDE_SERVER, 40, "cipher suite");
	CU_ASSERT_TRUE(cause_has(c->hs[0], "TLS_RSA_WITH_AES_128_CBC_SHA256"));
	CU_ASSERT_PTR_NULL(c->hs[0]->server_config);   /* a capture has no live evidence */
	conn_free(c);
	c = replay(&t, 1, SIDE_SERVER, 2, 70);      /* protocol_version */
	expect_failure(c->hs[0], 2, SIDE_SERVER, 70, "version");
	CU_ASSERT_TRUE(cause_has(c->hs[0], "TLS 1.2"));
	conn_free(c);
	c = replay(&t, 1, SIDE_SERVER, 2, 80);      /* internal_error */
	expect_failure(c->hs[0], 2, SIDE_SERVER, 80, "refused");
	conn_free(c);
	c = replay(&t, 1, SIDE_SERVER, 1, 40);      /* a warning does not end TLS 1.2 */
	CU_ASSERT_FALSE(c->hs[0]->failure.failed);
	CU_ASSERT_EQUAL(c->hs[0]->outcome, OUTCOME_INCOMPLETE);
	conn_free(c);
	tape_free(&t);
}

/* ---- step 5 (client): the server's certificate refused ---- */

static void test_client_refuses_certificate(void)
{
	tape_t t;
	conn_t *c;

	tape_record(&(live_cfg_t){ 0 }, &t);
	c = replay(&t, 2, SIDE_CLIENT, 2, 48);      /* unknown_ca */
	expect_failure(c->hs[0], 5, SIDE_CLIENT, 48, "trust");
	CU_ASSERT_TRUE(cause_has(c->hs[0], "tlstrace demo CA"));   /* the issuer, from the certificate */
	CU_ASSERT_TRUE(cause_has(c->hs[0], "sent only its own certificate"));
	conn_free(c);
	/* certificate_expired on a certificate valid at the time: the clock first */
	c = replay(&t, 2, SIDE_CLIENT, 2, 45);
	expect_failure(c->hs[0], 5, SIDE_CLIENT, 45, "expired");
	CU_ASSERT_PTR_NOT_NULL(strstr(c->hs[0]->failure.causes[0], "clock"));
	conn_free(c);
	/* bad_certificate on a certificate that fits the name and the time:
	 * the issuer is the likeliest cause */
	c = replay(&t, 2, SIDE_CLIENT, 2, 42);
	expect_failure(c->hs[0], 5, SIDE_CLIENT, 42, "refused");
	CU_ASSERT_PTR_NOT_NULL(strstr(c->hs[0]->failure.causes[0], "tlstrace demo CA"));
	conn_free(c);
	/* protocol_version after the ServerHello: the version it chose (step 2) */
	c = replay(&t, 2, SIDE_CLIENT, 2, 70);
	expect_failure(c->hs[0], 2, SIDE_CLIENT, 70, "version");
	conn_free(c);
	tape_free(&t);
}

/* ---- steps 5-7 (server): what the client's flight did wrong ---- */

static void test_server_refuses_client_flight(void)
{
	tape_t t, ca, missing;
	conn_t *c;

	tape_record(&(live_cfg_t){ 0 }, &t);
	c = replay(&t, 3, SIDE_SERVER, 2, 20);      /* bad_record_mac: the client's Finished */
	expect_failure(c->hs[0], 7, SIDE_SERVER, 20, "Finished");
	/* the client's Finished checks out on the wire: the evidence says so */
	CU_ASSERT_EQUAL(c->hs[0]->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_TRUE(cause_has(c->hs[0], "verify_data"));
	conn_free(c);
	c = replay(&t, 3, SIDE_SERVER, 2, 51);      /* decrypt_error, no CertificateVerify */
	expect_failure(c->hs[0], 7, SIDE_SERVER, 51, "Finished");
	conn_free(c);
	tape_free(&t);

	tape_record(&(live_cfg_t){ .client_auth = true }, &ca);
	c = replay(&ca, 3, SIDE_SERVER, 2, 51);     /* decrypt_error with a CertificateVerify */
	expect_failure(c->hs[0], 6, SIDE_SERVER, 51, "CertificateVerify");
	conn_free(c);
	c = replay(&ca, 3, SIDE_SERVER, 2, 42);     /* bad_certificate: the client's certificate */
	expect_failure(c->hs[0], 5, SIDE_SERVER, 42, "refused the certificate the client sent");
	conn_free(c);
	tape_free(&ca);

	/* The client had no certificate: whatever the server's alert (GnuTLS
	 * says decode_error, OpenSSL handshake_failure or, in TLS 1.3,
	 * certificate_required), step 5 failed, though the alert follows the
	 * client's whole flight. */
	tape_record(&(live_cfg_t){ .scenario = "client-cert-missing" }, &missing);
	CU_ASSERT_EQUAL_FATAL(missing.n, 4);
	{
		static const uint8_t alerts[] = { 40, 116 };
		size_t i;
		for (i = 0; i < sizeof alerts; i++) {
			c = replay(&missing, 3, SIDE_SERVER, 2, alerts[i]);
			expect_failure(c->hs[0], 5, SIDE_SERVER, alerts[i], "requires a certificate");
			CU_ASSERT_TRUE(cause_has(c->hs[0], "empty Certificate"));
			conn_free(c);
		}
	}
	tape_free(&missing);
}

/* ---- step 8: the client refuses the server's Finished (a real run) ---- */

static void test_client_refuses_server_finished(void)
{
	live_cfg_t cfg = { 0 };
	liverun_t *r;
	char why[128];
	tape_t t;
	size_t len;
	const handshake_t *h;

	/* The server's second flight (NewSessionTicket, ChangeCipherSpec,
	 * Finished) has the same length every run: alter its last byte, in
	 * the protected Finished record. */
	tape_record(&cfg, &t);
	CU_ASSERT_FATAL(t.n >= 4);
	len = t.bytes[3].len;
	tape_free(&t);
	CU_ASSERT_EQUAL_FATAL(liverun_new(&cfg, &r, why, sizeof why), ERR_OK);
	live_set_tamper(r->live, 4, len - 1, 0x01);
	CU_ASSERT_EQUAL_FATAL(liverun_all(r), ERR_OK);
	h = r->conn->hs[0];
	expect_failure(h, 8, SIDE_CLIENT, 20, "server's Finished");
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_VERIFIED);
	CU_ASSERT_NOT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_VERIFIED);
	CU_ASSERT_TRUE(cause_has(h, "GnuTLS's own words"));
	liverun_free(r);
}

/* ---- tlstrace's own Finished check ---- */

static void test_decoder_finds_mismatch(void)
{
	tape_t t;
	conn_t *c;
	const handshake_t *h;
	uint8_t *p;
	size_t sid;

	tape_record(&(live_cfg_t){ 0 }, &t);
	/* a byte of the ClientHello's suite list, changed only in the copy
	 * the decoder sees: both Finished then fail tlstrace's check */
	p = t.bytes[0].ptr;
	sid = p[5 + 4 + 2 + 32];
	p[5 + 4 + 2 + 32 + 1 + sid + 3] ^= 0x01;
	c = replay(&t, t.n, 0, 0, 0);
	h = c->hs[0];
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_MISMATCH);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 7);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_SERVER);
	CU_ASSERT_EQUAL(h->failure.alert, -1);      /* the real server saw nothing wrong */
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.causes[0], "altered in transit"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.causes[0], "should carry verify_data"));
	conn_free(c);
	/* unaltered, the same flights give no failure at all */
	p[5 + 4 + 2 + 32 + 1 + sid + 3] ^= 0x01;
	c = replay(&t, t.n, 0, 0, 0);
	CU_ASSERT_FALSE(c->hs[0]->failure.failed);
	CU_ASSERT_EQUAL(c->hs[0]->failure.ncauses, 0);
	CU_ASSERT_EQUAL(c->hs[0]->outcome, OUTCOME_COMPLETE);
	conn_free(c);
	tape_free(&t);
}

/* ---- the same failure read from the wire alone ---- */

/* Each scenario's flights, read back like a capture (key log and server
 * key, no GnuTLS verdicts or errors), fail at the same step, on the same
 * side, with the same alert, and the wire gives the same kind of reason. */
static void test_replayed_scenarios(void)
{
	static const struct { const char *name, *reason_word, *cause_word; } want[] = {
		{ "no-common-cipher", "cipher suite", "TLS_RSA_WITH_AES_128_CBC_SHA256" },
		{ "version-mismatch", "version", "TLS 1.3" },
		{ "untrusted-ca", "refused", "Elsewhere Root CA" },   /* bad_certificate alone: the facts rank */
		{ "expired-cert", "expired", "not_after" },
		{ "wrong-hostname", "name", "other.example" },
		{ "client-cert-missing", "requires a certificate", "empty Certificate" },
		{ "wrong-server-key", "Finished", "private key does not belong" },
		{ "tampered-hello", "Finished", "two different master secrets" },
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const scenario_t *sc = scenario_find(want[i].name);
		tape_t t;
		conn_t *c;
		const handshake_t *h;

		CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
		tape_record(&(live_cfg_t){ .scenario = sc->name }, &t);
		c = replay(&t, t.n, 0, 0, 0);
		h = c->hs[0];
		expect_failure(h, sc->step, sc->sender, sc->alert, want[i].reason_word);
		CU_ASSERT_TRUE(cause_has(h, want[i].cause_word));
		if (!cause_has(h, want[i].cause_word))
			fprintf(stderr, "\n  %s: no cause mentions \"%s\"; first: %s\n", sc->name, want[i].cause_word,
				h->failure.ncauses ? h->failure.causes[0] : "(none)");
		CU_ASSERT_PTR_NULL(h->client_error);
		CU_ASSERT_FALSE(cause_has(h, "GnuTLS's own words"));
		conn_free(c);
		tape_free(&t);
	}
}

/* ---- by hand ---- */

static msg_t *hand_msg(handshake_t *h, int side, uint8_t ct, uint8_t hs_type)
{
	msg_t *m = msg_new(ct, side);

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	m->hs_type = hs_type;
	CU_ASSERT_EQUAL_FATAL(handshake_add_msg(h, m), ERR_OK);
	return m;
}

static void hand_alert(handshake_t *h, int side, uint8_t level, uint8_t desc)
{
	msg_t *m = hand_msg(h, side, CT_ALERT, 0);
	const uint8_t b[2] = { level, desc };

	CU_ASSERT_EQUAL_FATAL(buf_set(&m->raw, b, 2), ERR_OK);
	(void)msg_parse(m, &(msg_ctx_t){ .version = h->version, .suite = NULL, .sender = side });
	CU_ASSERT_EQUAL(m->alert_desc, desc);
}

/* Nothing but an alert: no ClientHello to quote, still step 2, no crash. */
static void test_hand_alert_only(void)
{
	conn_t *c = conn_new(0, "capture");
	handshake_t *h = conn_new_handshake(c);

	hand_alert(h, SIDE_SERVER, 2, 40);
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 2);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_SERVER);
	CU_ASSERT_TRUE(h->failure.ncauses >= 1);
	CU_ASSERT_EQUAL(h->steps[1].status, STEP_NOT_REACHED);   /* no ClientHello was seen */
	/* diagnosing again replaces, never appends */
	{
		size_t n = h->failure.ncauses;
		steps_update(h);
		CU_ASSERT_EQUAL(h->failure.ncauses, n);
	}
	conn_free(c);
}

/* TLS 1.3: the server's Finished (step 8) comes before the client's check
 * of the certificate (step 5); a rejected certificate leaves step 8 done,
 * 6 skipped and 7 not reached; a warning-level error alert still ends it
 * (RFC 8446 6.2). */
static void test_hand_tls13_order(void)
{
	conn_t *c = conn_new(0, "capture");
	handshake_t *h = conn_new_handshake(c);

	h->version = VER_TLS13;
	hand_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_ENCRYPTED_EXTENSIONS);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE_VERIFY);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_FINISHED);
	h->fin[SIDE_SERVER].verdict = FIN_VERIFIED;
	hand_alert(h, SIDE_CLIENT, 1, 48);          /* unknown_ca, sent as a warning */
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 5);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_CLIENT);
	CU_ASSERT_EQUAL(h->failure.alert, 48);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "trust"));
	CU_ASSERT_EQUAL(h->steps[1].status, STEP_DONE);
	CU_ASSERT_EQUAL(h->steps[2].status, STEP_DONE);
	CU_ASSERT_EQUAL(h->steps[3].status, STEP_DONE);
	CU_ASSERT_EQUAL(h->steps[4].status, STEP_SKIPPED);
	CU_ASSERT_EQUAL(h->steps[8].status, STEP_DONE);
	CU_ASSERT_EQUAL(h->steps[5].status, STEP_FAILED);
	CU_ASSERT_EQUAL(h->steps[6].status, STEP_SKIPPED);
	CU_ASSERT_EQUAL(h->steps[7].status, STEP_NOT_REACHED);
	CU_ASSERT_EQUAL(h->steps[9].status, STEP_NOT_REACHED);
	conn_free(c);
}

/* Live evidence without an alert on the wire: GnuTLS's client refused the
 * certificate (its verdict bits say why). */
static void test_hand_verdict_without_alert(void)
{
	conn_t *c = conn_new(0, "live");
	handshake_t *h = conn_new_handshake(c);

	hand_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO_DONE);
	h->cert_checked = true;
	h->cert_status = GNUTLS_CERT_INVALID | GNUTLS_CERT_UNEXPECTED_OWNER;
	h->cert_verdict = strdup("The name in the certificate does not match the expected.");
	h->client_error = strdup("Error in the certificate verification.");
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 5);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_CLIENT);
	CU_ASSERT_EQUAL(h->failure.alert, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "name"));
	CU_ASSERT_TRUE(cause_has(h, "Error in the certificate verification."));
	conn_free(c);
}

/* An encrypted record of n bytes nobody could read. */
static void hand_opaque(handshake_t *h, int side, uint8_t ct, size_t n)
{
	msg_t *m = hand_msg(h, side, ct, ct == CT_HANDSHAKE ? 255 : 0);
	uint8_t zero[2048] = { 0 };

	CU_ASSERT_EQUAL_FATAL(buf_set(&m->raw, zero, n), ERR_OK);
	m->encrypted = m->opaque = true;
}

/* TLS 1.3 read without keys, up to the server's encrypted flight. */
static handshake_t *hand_tls13_opaque(conn_t *c)
{
	handshake_t *h = conn_new_handshake(c);

	h->version = VER_TLS13;
	hand_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	hand_msg(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO);
	hand_opaque(h, SIDE_SERVER, CT_HANDSHAKE, 23);     /* EncryptedExtensions */
	hand_opaque(h, SIDE_SERVER, CT_HANDSHAKE, 1000);   /* Certificate */
	hand_opaque(h, SIDE_SERVER, CT_HANDSHAKE, 281);    /* CertificateVerify */
	hand_opaque(h, SIDE_SERVER, CT_HANDSHAKE, 53);     /* Finished */
	return h;
}

/* TLS 1.3 without keys: a 19-byte record (2 bytes of alert, its type and a
 * 16-byte tag) right after the client's flight is the server refusing it;
 * the flight's size tells a certificate (step 5) from a Finished alone
 * (step 7), and the reason says it is inferred. */
static void test_hand_tls13_inferred_alert(void)
{
	conn_t *c = conn_new(0, "capture");
	handshake_t *h = hand_tls13_opaque(c);

	hand_opaque(h, SIDE_CLIENT, CT_HANDSHAKE, 25);     /* an empty Certificate: 8 bytes */
	hand_opaque(h, SIDE_CLIENT, CT_HANDSHAKE, 53);     /* Finished (SHA-256) */
	hand_opaque(h, SIDE_SERVER, CT_ALERT, 19);
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 5);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_SERVER);
	CU_ASSERT_EQUAL(h->failure.alert, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "inferred"));
	CU_ASSERT_TRUE(cause_has(h, "empty Certificate"));
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_FAILED);
	CU_ASSERT_EQUAL(h->steps[8].status, STEP_DONE);
	CU_ASSERT_PTR_NOT_NULL(h->steps[8].reason && strstr(h->steps[8].reason, "inferred"));
	CU_ASSERT_EQUAL(h->msg_step[h->nmsgs - 1], 5);   /* the alert belongs to the failed step */
	/* both flights were answered: their Finished were sent, not seen */
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_UNVERIFIED);
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_UNVERIFIED);
	conn_free(c);

	c = conn_new(0, "capture");
	h = hand_tls13_opaque(c);
	hand_opaque(h, SIDE_CLIENT, CT_HANDSHAKE, 53);     /* Finished alone */
	hand_opaque(h, SIDE_SERVER, CT_ALERT, 19);
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 7);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_SERVER);
	conn_free(c);

	c = conn_new(0, "capture");
	h = hand_tls13_opaque(c);
	hand_opaque(h, SIDE_CLIENT, CT_ALERT, 19);         /* the client refuses the server's flight */
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 5);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_CLIENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "not visible without keys"));
	conn_free(c);
}

/* TLS 1.3 without keys: both flights and data both ways is a completed
 * handshake, Finished unverified, steps inferred; the close_notify
 * exchange at the end (two short records after the data) fails nothing. */
static void test_hand_tls13_complete_inferred(void)
{
	conn_t *c = conn_new(0, "capture");
	handshake_t *h = hand_tls13_opaque(c);

	hand_opaque(h, SIDE_CLIENT, CT_HANDSHAKE, 53);
	h->app_records[SIDE_CLIENT] = 1;
	h->app_records[SIDE_SERVER] = 3;
	h->app_before_alert[SIDE_CLIENT] = 1;
	h->app_before_alert[SIDE_SERVER] = 3;
	hand_opaque(h, SIDE_CLIENT, CT_ALERT, 19);
	hand_opaque(h, SIDE_SERVER, CT_ALERT, 19);
	steps_update(h);
	CU_ASSERT_FALSE(h->failure.failed);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	CU_ASSERT_EQUAL(h->fin[SIDE_CLIENT].verdict, FIN_UNVERIFIED);
	CU_ASSERT_EQUAL(h->fin[SIDE_SERVER].verdict, FIN_UNVERIFIED);
	CU_ASSERT_EQUAL(h->steps[5].status, STEP_DONE);
	CU_ASSERT_PTR_NOT_NULL(h->steps[5].reason && strstr(h->steps[5].reason, "inferred"));
	CU_ASSERT_PTR_NOT_NULL(h->steps[8].reason && strstr(h->steps[8].reason, "inferred"));
	steps_update(h);                                   /* again: the same */
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_COMPLETE);
	conn_free(c);
}

/* Nothing came back after the ClientHello: the server's failure at step
 * 2, the client's alert (its reaction) not the cause; and an answer that
 * is not TLS is quoted with its protocol named. */
static void test_hand_transport(void)
{
	conn_t *c = conn_new(0, "capture");
	handshake_t *h = conn_new_handshake(c);
	static const char http[] = "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n";

	hand_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	steps_update(h);                                   /* the capture just ends: nothing to blame */
	CU_ASSERT_FALSE(h->failure.failed);
	CU_ASSERT_EQUAL(h->outcome, OUTCOME_INCOMPLETE);
	conn_free(c);

	c = conn_new(0, "capture");
	h = conn_new_handshake(c);
	hand_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	hand_alert(h, SIDE_CLIENT, 2, 50);                 /* decode_error, as OpenSSL on EOF */
	h->tcp_end[SIDE_SERVER] = TCP_END_RST;             /* the server's RST is on the wire */
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_TRUE(cause_has(h, "TCP RST"));
	CU_ASSERT_EQUAL(h->failure.step, 2);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_SERVER);
	CU_ASSERT_EQUAL(h->failure.alert, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "without an alert"));
	CU_ASSERT_TRUE(cause_has(h, "consequence"));
	conn_free(c);

	c = conn_new(0, "capture");
	h = conn_new_handshake(c);
	hand_msg(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	memcpy(h->not_tls[SIDE_SERVER], http, sizeof http - 1);
	h->not_tls_len[SIDE_SERVER] = sizeof http - 1;
	steps_update(h);
	CU_ASSERT_TRUE_FATAL(h->failure.failed);
	CU_ASSERT_EQUAL(h->failure.step, 2);
	CU_ASSERT_EQUAL(h->failure.sender, SIDE_SERVER);
	CU_ASSERT_PTR_NOT_NULL(strstr(h->failure.reason, "\"HTTP/1.1 400 Bad Request\" (HTTP)"));
	conn_free(c);
}

static void test_shutdown(void)
{
	live_shutdown();
	CU_PASS("demo PKI freed");
}

const test_suite_t test_diagnose_suite = {
	"diagnose", (const test_case_t[]){
		{ "an alert instead of a ServerHello: step 2", test_hello_refused },
		{ "the client refuses the certificate: step 5", test_client_refuses_certificate },
		{ "the server refuses the client's flight: steps 5-7", test_server_refuses_client_flight },
		{ "the client refuses the server's Finished: step 8", test_client_refuses_server_finished },
		{ "tlstrace's own Finished check", test_decoder_finds_mismatch },
		{ "scenarios read from the wire alone", test_replayed_scenarios },
		{ "by hand: an alert alone", test_hand_alert_only },
		{ "by hand: TLS 1.3 step order", test_hand_tls13_order },
		{ "by hand: a verdict without an alert", test_hand_verdict_without_alert },
		{ "by hand: TLS 1.3 without keys, an alert known by its size", test_hand_tls13_inferred_alert },
		{ "by hand: TLS 1.3 without keys, completed", test_hand_tls13_complete_inferred },
		{ "by hand: nothing, or not TLS, after the ClientHello", test_hand_transport },
		{ "shutdown", test_shutdown },
		{ NULL, NULL } }
};
