/* test_live.c - the live engine: a real GnuTLS client and server run to the
 * end for each configuration, checked against GnuTLS's own account (key
 * log, negotiated suite, verdicts) and against the bytes on the wire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "live/live.h"
#include "tls/msg.h"

#define MAX_FLIGHTS 16
#define MAX_SECRETS 16

typedef struct {
	char label[48];
	uint8_t random[32];
	uint8_t secret[64];
	size_t len;
	unsigned times;
} got_secret_t;

typedef struct {
	err_t err;
	char why[200];
	got_secret_t secrets[MAX_SECRETS];
	size_t nsecrets;
	int sender[MAX_FLIGHTS];
	uint8_t first_byte[MAX_FLIGHTS];
	size_t nflights;
	bool numbers_ok;
	uint8_t hello[4096];     /* flight 1: the ClientHello */
	size_t hello_len;
	uint8_t shello[4096];    /* flight 2: starts with the ServerHello */
	size_t shello_len;
	live_evidence_t ev;
} run_t;

static void on_secret(void *ctx, const char *label, const uint8_t client_random[32],
		      const uint8_t *secret, size_t len)
{
	run_t *r = ctx;
	size_t i;

	for (i = 0; i < r->nsecrets; i++)
		if (strcmp(r->secrets[i].label, label) == 0 && memcmp(r->secrets[i].random, client_random, 32) == 0) {
			r->secrets[i].times++;
			return;
		}
	if (r->nsecrets == MAX_SECRETS || strlen(label) >= sizeof r->secrets[0].label || len > 64)
		return;
	got_secret_t *g = &r->secrets[r->nsecrets++];
	strcpy(g->label, label);
	memcpy(g->random, client_random, 32);
	memcpy(g->secret, secret, len);
	g->len = len;
	g->times = 1;
}

static const got_secret_t *find_secret(const run_t *r, const char *label)
{
	size_t i;

	for (i = 0; i < r->nsecrets; i++)
		if (strcmp(r->secrets[i].label, label) == 0)
			return &r->secrets[i];
	return NULL;
}

/* Runs cfg to the end (tamper: flight number, 0 for none). */
static void run_live(const live_cfg_t *cfg, unsigned tamper, size_t offset, run_t *r)
{
	live_t *lv = NULL;
	live_flight_t f;
	bool more = true;

	memset(r, 0, sizeof *r);
	r->numbers_ok = true;
	r->err = live_new(cfg, on_secret, r, &lv, r->why, sizeof r->why);
	if (r->err != ERR_OK)
		return;
	if (tamper)
		live_set_tamper(lv, tamper, offset, 0x01);
	while (more) {
		r->err = live_step(lv, &f, &more);
		if (r->err != ERR_OK) {
			snprintf(r->why, sizeof r->why, "%s", live_error_text(lv));
			break;
		}
		if (!more) {
			CU_ASSERT_EQUAL(f.bytes.len, 0);
			break;
		}
		CU_ASSERT_TRUE(f.bytes.len > 0);
		if (r->nflights == MAX_FLIGHTS)
			break;
		if (f.number != r->nflights + 1)
			r->numbers_ok = false;
		r->sender[r->nflights] = f.sender;
		r->first_byte[r->nflights] = f.bytes.len ? f.bytes.ptr[0] : 0;
		if (r->nflights == 0 && f.bytes.len <= sizeof r->hello) {
			memcpy(r->hello, f.bytes.ptr, f.bytes.len);
			r->hello_len = f.bytes.len;
		}
		if (r->nflights == 1) {
			r->shello_len = f.bytes.len < sizeof r->shello ? f.bytes.len : sizeof r->shello;
			memcpy(r->shello, f.bytes.ptr, r->shello_len);
		}
		r->nflights++;
	}
	r->ev = *live_evidence(lv);
	live_free(lv);
}

/* Where extension `type` starts (its data) in a ClientHello or ServerHello
 * that is the first message of the first record of a flight; 0 if absent.
 * Layout: RFC 8446 4.1.2 / 4.1.3, RFC 5246 7.4.1.2 / 7.4.1.3. */
static size_t hello_ext(const uint8_t *b, size_t n, bool server, uint16_t type)
{
	size_t p = 5 + 4 + 2 + 32, end, len;

	if (n < p + 1)
		return 0;
	p += 1 + b[p];                                   /* session id */
	if (server) {
		p += 2 + 1;                              /* cipher suite, compression */
	} else {
		if (n < p + 2)
			return 0;
		p += 2 + ((size_t)b[p] << 8 | b[p + 1]); /* cipher suites */
		if (n < p + 1)
			return 0;
		p += 1 + b[p];                           /* compression methods */
	}
	if (n < p + 2)
		return 0;
	end = p + 2 + ((size_t)b[p] << 8 | b[p + 1]);
	p += 2;
	if (end > n)
		return 0;
	while (p + 4 <= end) {
		len = (size_t)b[p + 2] << 8 | b[p + 3];
		if (((uint16_t)(b[p] << 8 | b[p + 1])) == type)
			return p + 4;
		p += 4 + len;
	}
	return 0;
}

static bool hello_has_ext(const uint8_t *b, size_t n, uint16_t type)
{
	return hello_ext(b, n, false, type) != 0;
}

typedef struct {
	live_cfg_t cfg;
	uint16_t version;
	uint16_t suite;
	uint16_t group;          /* TLS 1.3: the ServerHello's key_share group */
} live_case_t;

static void check_success(const live_case_t *c)
{
	static const char *const tls13_labels[] = {
		"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
		"CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
	};
	run_t *r = calloc(1, sizeof *r);
	const got_secret_t *g;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	run_live(&c->cfg, 0, 0, r);
	CU_ASSERT_EQUAL(r->err, ERR_OK);
	if (r->err != ERR_OK) {
		fprintf(stderr, "\n  live run failed: %s %s\n", err_str(r->err), r->why);
		free(r);
		return;
	}
	CU_ASSERT_TRUE(r->ev.client.done);
	CU_ASSERT_TRUE(r->ev.server.done);
	CU_ASSERT_EQUAL(r->ev.client.error, 0);
	CU_ASSERT_EQUAL(r->ev.server.error, 0);
	CU_ASSERT_EQUAL(r->ev.client.alert_sent, -1);
	CU_ASSERT_EQUAL(r->ev.server.alert_sent, -1);

	/* Flights alternate, client first, numbered 1, 2, ...; the last two are
	 * the request and the response (application data, step 9). */
	CU_ASSERT_TRUE(r->numbers_ok);
	CU_ASSERT_TRUE(r->nflights >= 4);
	for (i = 0; i < r->nflights; i++)
		CU_ASSERT_EQUAL(r->sender[i], (int)(i % 2));
	CU_ASSERT_EQUAL(r->nflights % 2, 0);
	if (r->nflights >= 2) {
		CU_ASSERT_EQUAL(r->first_byte[r->nflights - 2], CT_APPLICATION_DATA);
		CU_ASSERT_EQUAL(r->first_byte[r->nflights - 1], CT_APPLICATION_DATA);
	}

	/* Flight 1 is a ClientHello record. */
	CU_ASSERT_FATAL(r->hello_len > 43);
	CU_ASSERT_EQUAL(r->hello[0], CT_HANDSHAKE);
	CU_ASSERT_EQUAL(r->hello[1], 0x03);
	CU_ASSERT_EQUAL(r->hello[5], HS_CLIENT_HELLO);

	CU_ASSERT_EQUAL(r->ev.client.version, c->version);
	CU_ASSERT_EQUAL(r->ev.server.version, c->version);
	CU_ASSERT_EQUAL(r->ev.client.suite, c->suite);
	CU_ASSERT_EQUAL(r->ev.server.suite, c->suite);

	/* The key log, once per line, for the ClientHello's random. */
	for (i = 0; i < r->nsecrets; i++) {
		CU_ASSERT_EQUAL(r->secrets[i].times, 1);
		CU_ASSERT_EQUAL(memcmp(r->secrets[i].random, r->hello + 11, 32), 0);
	}
	if (c->version == VER_TLS13) {
		for (i = 0; i < sizeof tls13_labels / sizeof tls13_labels[0]; i++) {
			g = find_secret(r, tls13_labels[i]);
			CU_ASSERT_PTR_NOT_NULL(g);
			if (g)
				CU_ASSERT_EQUAL(g->len, 32);     /* SHA-256 suites */
		}
		CU_ASSERT_PTR_NULL(find_secret(r, "CLIENT_RANDOM"));
		CU_ASSERT_FALSE(r->ev.client.have_master);
	} else {
		g = find_secret(r, "CLIENT_RANDOM");
		CU_ASSERT_PTR_NOT_NULL_FATAL(g);
		CU_ASSERT_EQUAL(g->len, 48);
		CU_ASSERT_TRUE(r->ev.client.have_master);
		CU_ASSERT_TRUE(r->ev.server.have_master);
		CU_ASSERT_EQUAL(memcmp(g->secret, r->ev.client.master, 48), 0);
		CU_ASSERT_EQUAL(memcmp(g->secret, r->ev.server.master, 48), 0);
	}

	/* extended_master_secret (0x0017) offered only when asked for. */
	CU_ASSERT_EQUAL(hello_has_ext(r->hello, r->hello_len, 0x0017), c->cfg.ems);
	CU_ASSERT_TRUE(hello_has_ext(r->hello, r->hello_len, 0x0000));   /* SNI */
	/* CBC suites stay MAC-then-encrypt: no encrypt_then_mac (RFC 7366). */
	CU_ASSERT_FALSE(hello_has_ext(r->hello, r->hello_len, 0x0016));
	if (c->version == VER_TLS13) {
		size_t ks = hello_ext(r->shello, r->shello_len, true, 0x0033);   /* key_share */

		CU_ASSERT_FATAL(ks != 0 && ks + 2 <= r->shello_len);
		CU_ASSERT_EQUAL((r->shello[ks] << 8 | r->shello[ks + 1]), c->group);
	}

	CU_ASSERT_TRUE(r->ev.cert_checked);
	CU_ASSERT_EQUAL(r->ev.cert_status, 0);
	CU_ASSERT_TRUE(r->ev.cert_verdict[0] != '\0');
	CU_ASSERT_EQUAL(r->ev.client_sent_cert, c->cfg.client_auth);
	CU_ASSERT_EQUAL(r->ev.client_cert_checked, c->cfg.client_auth);
	if (c->cfg.client_auth)
		CU_ASSERT_EQUAL(r->ev.client_cert_status, 0);
	free(r);
}

#define CASE(fn, ...) static void fn(void) { static const live_case_t c = { __VA_ARGS__ }; check_success(&c); }

CASE(test_default,        .cfg = { 0 },                          .version = VER_TLS12, .suite = 0x003C)
CASE(test_tls10,          .cfg = { .version = VER_TLS10 },       .version = VER_TLS10, .suite = 0x002F)
CASE(test_tls11,          .cfg = { .version = VER_TLS11 },       .version = VER_TLS11, .suite = 0x002F)
CASE(test_tls13,          .cfg = { .version = VER_TLS13 },       .version = VER_TLS13, .suite = 0x1301,
     .group = 0x001d)     /* x25519 */
CASE(test_ecdhe,          .cfg = { .kx = KX_ECDHE },             .version = VER_TLS12, .suite = 0xC027)
CASE(test_dhe,            .cfg = { .kx = KX_DHE },               .version = VER_TLS12, .suite = 0x0067)
CASE(test_tls10_ecdhe,    .cfg = { .version = VER_TLS10, .kx = KX_ECDHE }, .version = VER_TLS10, .suite = 0xC013)
CASE(test_tls13_dhe,      .cfg = { .version = VER_TLS13, .kx = KX_DHE },   .version = VER_TLS13, .suite = 0x1301,
     .group = 0x0100)     /* ffdhe2048 */
CASE(test_client_auth_12, .cfg = { .client_auth = true },        .version = VER_TLS12, .suite = 0x003C)
CASE(test_client_auth_13, .cfg = { .version = VER_TLS13, .client_auth = true }, .version = VER_TLS13, .suite = 0x1301,
     .group = 0x001d)
CASE(test_ems,            .cfg = { .ems = true },                .version = VER_TLS12, .suite = 0x003C)

/* A suite from the registry is what gets negotiated. */
static void test_chosen_suites(void)
{
	static const struct { uint16_t version, suite; } want[] = {
		{ VER_TLS12, 0xC030 },   /* TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 */
		{ VER_TLS12, 0x0035 },   /* TLS_RSA_WITH_AES_256_CBC_SHA */
		{ VER_TLS10, 0x000A },   /* TLS_RSA_WITH_3DES_EDE_CBC_SHA */
		{ VER_TLS12, 0x0041 },   /* TLS_RSA_WITH_CAMELLIA_128_CBC_SHA */
		{ VER_TLS12, 0xCCA8 },   /* TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 */
		{ VER_TLS12, 0x009F },   /* TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 */
		{ VER_TLS13, 0x1303 },   /* TLS_CHACHA20_POLY1305_SHA256 */
		{ 0,         0x1302 },   /* TLS_AES_256_GCM_SHA384: no version given, so TLS 1.3 */
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		live_cfg_t cfg = { .version = want[i].version, .suite = suite_find(want[i].suite) };
		run_t *r = calloc(1, sizeof *r);

		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.suite);
		run_live(&cfg, 0, 0, r);
		CU_ASSERT_EQUAL(r->err, ERR_OK);
		if (r->err != ERR_OK)
			fprintf(stderr, "\n  suite 0x%04X: %s\n", want[i].suite, r->why);
		CU_ASSERT_TRUE(r->ev.client.done && r->ev.server.done);
		CU_ASSERT_EQUAL(r->ev.client.suite, want[i].suite);
		CU_ASSERT_EQUAL(r->ev.server.suite, want[i].suite);
		free(r);
	}
}

/* Combinations TLS cannot express are refused before anything runs. */
static void test_invalid_configs(void)
{
	static const struct { live_cfg_t cfg; uint16_t suite; err_t err; const char *word; } bad[] = {
		{ { .version = VER_TLS13, .kx = KX_RSA }, 0, ERR_BAD_VALUE, "RSA" },
		{ { .version = VER_TLS12 }, 0x1301, ERR_BAD_VALUE, "TLS 1.3" },
		{ { .version = VER_TLS13 }, 0x003C, ERR_BAD_VALUE, "TLS 1.3" },
		{ { .version = VER_TLS10 }, 0x003C, ERR_BAD_VALUE, "TLS 1.2" },
		{ { .kx = KX_DHE }, 0xC027, ERR_BAD_VALUE, "ECDHE" },
		{ { .version = VER_TLS12 }, 0xC02B, ERR_UNSUPPORTED, "RSA" },  /* ECDSA suite */
		{ { .version = VER_SSL30 }, 0, ERR_UNSUPPORTED, "SSL 3.0" },
		{ { .kx = KX_PSK }, 0, ERR_UNSUPPORTED, "PSK" },
		{ { .scenario = "no-such-scenario" }, 0, ERR_BAD_VALUE, "scenario" },
		{ { .scenario = "untrusted-ca", .ems = true }, 0, ERR_BAD_VALUE, "scenario" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		live_cfg_t cfg = bad[i].cfg;
		static char sentinel;
		live_t *lv = (live_t *)(void *)&sentinel;   /* must be reset to NULL */
		char why[200] = "x";

		if (bad[i].suite) {
			cfg.suite = suite_find(bad[i].suite);
			CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.suite);
		}
		err_t got = live_new(&cfg, NULL, NULL, &lv, why, sizeof why);
		CU_ASSERT_EQUAL(got, bad[i].err);
		if (got != bad[i].err || !strstr(why, bad[i].word))
			fprintf(stderr, "\n  case %zu: %s: %s\n", i, err_str(got), why);
		CU_ASSERT_PTR_NULL(lv);
		CU_ASSERT_PTR_NOT_NULL(strstr(why, bad[i].word));
	}
}

/* The turn cap stops a run, and keeps it stopped. */
static void test_turn_cap(void)
{
	live_cfg_t cfg = { 0 };
	live_t *lv = NULL;
	live_flight_t f;
	bool more;
	char why[200];

	CU_ASSERT_EQUAL_FATAL(live_new(&cfg, NULL, NULL, &lv, why, sizeof why), ERR_OK);
	live_set_turn_cap(lv, 2);
	CU_ASSERT_EQUAL(live_step(lv, &f, &more), ERR_OK);
	CU_ASSERT_TRUE(more);
	CU_ASSERT_EQUAL(f.sender, SIDE_CLIENT);
	CU_ASSERT_EQUAL(live_step(lv, &f, &more), ERR_OK);
	CU_ASSERT_EQUAL(f.sender, SIDE_SERVER);
	CU_ASSERT_STRING_EQUAL(live_error_text(lv), "");
	CU_ASSERT_EQUAL(live_step(lv, &f, &more), ERR_GNUTLS);
	CU_ASSERT_FALSE(more);
	CU_ASSERT_EQUAL(f.bytes.len, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(live_error_text(lv), "2 turns"));
	CU_ASSERT_EQUAL(live_step(lv, &f, &more), ERR_GNUTLS);
	live_free(lv);
}

/* Fresh randoms each run (RFC 5246 7.4.1.2). */
static void test_randoms_differ(void)
{
	live_cfg_t cfg = { 0 };
	run_t *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	run_live(&cfg, 0, 0, a);
	run_live(&cfg, 0, 0, b);
	CU_ASSERT_EQUAL(a->err, ERR_OK);
	CU_ASSERT_EQUAL(b->err, ERR_OK);
	CU_ASSERT_NOT_EQUAL(memcmp(a->hello + 11, b->hello + 11, 32), 0);
	free(a);
	free(b);
}

/* A bit flipped in the server random (flight 2, record 5 + handshake 4 +
 * version 2 bytes in): the sides derive different keys, the server cannot
 * read the client's Finished, says so with an alert, and the client reads
 * that alert.  Then the run ends. */
static void test_failure_sends_alert(void)
{
	live_cfg_t cfg = { 0 };
	run_t *r = calloc(1, sizeof *r);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	run_live(&cfg, 2, 5 + 4 + 2 + 31, r);
	CU_ASSERT_EQUAL(r->err, ERR_OK);
	CU_ASSERT_FALSE(r->ev.client.done);
	CU_ASSERT_FALSE(r->ev.server.done);
	CU_ASSERT_NOT_EQUAL(r->ev.server.error, 0);
	CU_ASSERT_TRUE(r->ev.server.error_text[0] != '\0');
	CU_ASSERT_TRUE(r->ev.server.alert_sent > 0);
	CU_ASSERT_EQUAL(r->ev.client.error, GNUTLS_E_FATAL_ALERT_RECEIVED);
	CU_ASSERT_EQUAL(r->ev.client.alert_sent, -1);
	CU_ASSERT_EQUAL(r->nflights, 4);
	CU_ASSERT_EQUAL(r->sender[3], SIDE_SERVER);
	CU_ASSERT_EQUAL(r->first_byte[3], CT_ALERT);
	free(r);
}

/* TLS 1.3, a bit flipped in the client's encrypted Finished (flight 3: a
 * 6-byte ChangeCipherSpec, then the record): the client thinks it is done,
 * the server cannot decrypt it and says so, the client reads that alert. */
static void test_peer_reads_alert(void)
{
	live_cfg_t cfg = { .version = VER_TLS13 };
	run_t *r = calloc(1, sizeof *r);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	run_live(&cfg, 3, 6 + 5 + 3, r);
	CU_ASSERT_EQUAL(r->err, ERR_OK);
	CU_ASSERT_TRUE(r->ev.client.done);
	CU_ASSERT_FALSE(r->ev.server.done);
	CU_ASSERT_NOT_EQUAL(r->ev.server.error, 0);
	CU_ASSERT_TRUE(r->ev.server.alert_sent > 0);
	CU_ASSERT_EQUAL(r->ev.client.error, GNUTLS_E_FATAL_ALERT_RECEIVED);
	CU_ASSERT_EQUAL(r->nflights, 4);
	CU_ASSERT_EQUAL(r->sender[3], SIDE_SERVER);
	free(r);
}

static void test_ca_and_key(void)
{
	live_cfg_t cfg = { 0 };
	live_t *lv = NULL;
	slice_t ca = live_ca_der();
	char why[200];

	CU_ASSERT_TRUE(ca.len > 100);
	CU_ASSERT_EQUAL(ca.ptr[0], 0x30);          /* DER SEQUENCE */
	CU_ASSERT_EQUAL_FATAL(live_new(&cfg, NULL, NULL, &lv, why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL(live_server_key(lv));
	CU_ASSERT_EQUAL(gnutls_privkey_get_pk_algorithm(live_server_key(lv), NULL), GNUTLS_PK_RSA);
	live_free(lv);
}

/* Last: frees the demo PKI, so LeakSanitizer sees a clean exit. */
static void test_shutdown(void)
{
	live_shutdown();
	live_shutdown();
	CU_PASS("demo PKI freed");
}

static const test_case_t live_cases[] = {
	{ "default: TLS 1.2 RSA", test_default },
	{ "TLS 1.0", test_tls10 },
	{ "TLS 1.1", test_tls11 },
	{ "TLS 1.3", test_tls13 },
	{ "kx ECDHE", test_ecdhe },
	{ "kx DHE", test_dhe },
	{ "TLS 1.0 ECDHE", test_tls10_ecdhe },
	{ "TLS 1.3 DHE (ffdhe)", test_tls13_dhe },
	{ "client auth TLS 1.2", test_client_auth_12 },
	{ "client auth TLS 1.3", test_client_auth_13 },
	{ "extended master secret", test_ems },
	{ "chosen suites", test_chosen_suites },
	{ "invalid configurations", test_invalid_configs },
	{ "turn cap", test_turn_cap },
	{ "randoms differ", test_randoms_differ },
	{ "failure sends an alert", test_failure_sends_alert },
	{ "peer reads the alert", test_peer_reads_alert },
	{ "CA and server key", test_ca_and_key },
	{ "shutdown", test_shutdown },
	{ NULL, NULL },
};

const test_suite_t test_live_suite = { "live", live_cases };
