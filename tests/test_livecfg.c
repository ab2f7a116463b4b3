/* test_livecfg.c - live_cfg_set and live_cfg_check (src/live/cfg.c), the
 * one place that reads live settings for the command line and the lessons:
 * every key with good and bad values, cipher names to IANA suites for each
 * version and key exchange, the rules between settings (TLS 1.3 has no RSA
 * key exchange, a suite of another version, a scenario with other
 * settings), and that the engine and the lesson parser refuse in the very
 * same words. */
#include <stdio.h>
#include <string.h>
#include <CUnit/CUnit.h>
#include "lesson/lesson.h"
#include "live/cfg.h"
#include "live/scenario.h"
#include "testing.h"

#define RSA13 "TLS 1.3 has no RSA key exchange: every TLS 1.3 handshake agrees on keys with (EC)DHE, " \
	      "so choose ecdhe or dhe"

/* key=value pairs ("tls=1.3 kx=rsa", switches alone) into cfg through
 * live_cfg_set; the first failure's code, why set. */
static err_t set_all(live_cfg_t *cfg, const char *settings, char *why, size_t whylen)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", settings);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *val = strchr(tok, '=');
		err_t e;
		if (val)
			*val++ = '\0';
		if ((e = live_cfg_set(cfg, tok, val, why, whylen)) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

static void test_each_key(void)
{
	static const struct { const char *key, *value; uint16_t version; kx_t kx; } ok[] = {
		{ "tls", "1.0", VER_TLS10, KX_NULL }, { "tls", "1.1", VER_TLS11, KX_NULL },
		{ "tls", "1.2", VER_TLS12, KX_NULL }, { "tls", "1.3", VER_TLS13, KX_NULL },
		{ "kx", "rsa", 0, KX_RSA }, { "kx", "ecdhe", 0, KX_ECDHE }, { "kx", "dhe", 0, KX_DHE },
		{ "kx", "ECDHE", 0, KX_ECDHE },
	};
	live_cfg_t cfg;
	char why[200];
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		memset(&cfg, 0, sizeof cfg);
		CU_ASSERT_EQUAL(live_cfg_set(&cfg, ok[i].key, ok[i].value, why, sizeof why), ERR_OK);
		CU_ASSERT_EQUAL(cfg.version, ok[i].version);
		CU_ASSERT_EQUAL(cfg.kx, ok[i].kx);
		CU_ASSERT_STRING_EQUAL(why, "");
	}
	memset(&cfg, 0, sizeof cfg);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "cipher", "AES-256-GCM", why, sizeof why), ERR_OK);
	CU_ASSERT_STRING_EQUAL(cfg.cipher, "AES-256-GCM");
	CU_ASSERT_PTR_NULL(cfg.suite);   /* resolved by live_cfg_check, once version and kx are known */
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "client-auth", NULL, why, sizeof why), ERR_OK);
	CU_ASSERT_TRUE(cfg.client_auth);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "ems", "", why, sizeof why), ERR_OK);
	CU_ASSERT_TRUE(cfg.ems);
	memset(&cfg, 0, sizeof cfg);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "scenario", "untrusted-ca", why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_EQUAL(cfg.scenario, scenario_find("untrusted-ca")->name);   /* the table's, not argv's */
	/* Every key is listed, and each one is known to live_cfg_set. */
	memset(&cfg, 0, sizeof cfg);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "resume", "session-id", why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(cfg.resume, LIVE_RESUME_SESSION_ID);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "resume", "ticket", why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(cfg.resume, LIVE_RESUME_TICKET);
	CU_ASSERT_EQUAL(live_cfg_set(&cfg, "hrr", NULL, why, sizeof why), ERR_OK);
	CU_ASSERT_TRUE(cfg.hrr);
	CU_ASSERT_EQUAL(live_cfg_key_count(), 8);
	for (i = 0; i < live_cfg_key_count(); i++) {
		memset(&cfg, 0, sizeof cfg);
		why[0] = '\0';
		(void)!live_cfg_set(&cfg, live_cfg_key_at(i), "\x01", why, sizeof why);
		CU_ASSERT_PTR_NULL(strstr(why, "no live setting"));
	}
	CU_ASSERT_PTR_NULL(live_cfg_key_at(live_cfg_key_count()));
}

static void test_bad_values(void)
{
	static const struct { const char *key, *value, *words; } bad[] = {
		{ "tls", "2.0", "'2.0' is not a TLS version the live mode runs (1.0, 1.1, 1.2 or 1.3)" },
		{ "tls", "", "'' is not a TLS version" },
		{ "tls", "1.2 ", "'1.2 ' is not a TLS version" },
		{ "tls", NULL, "tls needs a value" },
		{ "kx", "psk", "'psk' is not a key exchange the live mode runs (rsa, ecdhe or dhe)" },
		{ "kx", "rsa_export", "'rsa_export' is not a key exchange" },
		{ "cipher", "", "'' is not a cipher name" },
		{ "cipher", "AES_128_GCM_AND_A_NAME_FAR_TOO_LONG_FOR_ANY_SUITE_OF_THE_REGISTRY_X",
		  "is not a cipher name" },
		{ "client-auth", "yes", "client-auth is a switch: it takes no value, not 'yes'" },
		{ "ems", "1", "ems is a switch" },
		{ "scenario", "nope", "there is no scenario 'nope' (tlstrace scenarios lists them)" },
		{ "scenario", NULL, "scenario needs a value" },
		{ "resume", "psk", "'psk' is not a kind of resumption (ticket or session-id)" },
		{ "resume", NULL, "resume needs a value" },
		{ "hrr", "x25519", "hrr is a switch" },
		{ "colour", "red", "there is no live setting 'colour' (tls, kx, cipher, client-auth, ems, resume, hrr "
		  "or scenario)" },
		{ "suite", "TLS_AES_128_GCM_SHA256", "no live setting 'suite'" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		live_cfg_t cfg, zero;
		char why[200] = "x";

		memset(&cfg, 0, sizeof cfg);
		memset(&zero, 0, sizeof zero);
		CU_ASSERT_EQUAL(live_cfg_set(&cfg, bad[i].key, bad[i].value, why, sizeof why), ERR_BAD_VALUE);
		if (!strstr(why, bad[i].words))
			fprintf(stderr, "\n  %s=%s: '%s'\n", bad[i].key, bad[i].value ? bad[i].value : "(null)", why);
		CU_ASSERT_PTR_NOT_NULL(strstr(why, bad[i].words));
		CU_ASSERT_EQUAL(memcmp(&cfg, &zero, sizeof cfg), 0);   /* nothing set */
	}
}

/* A cipher name, with the version and key exchange given, is one IANA suite. */
static void test_cipher_names(void)
{
	static const struct { const char *settings, *suite; uint16_t version; kx_t kx; } want[] = {
		{ "cipher=AES-128-CBC", "TLS_RSA_WITH_AES_128_CBC_SHA256", 0, KX_RSA },
		{ "tls=1.2 cipher=AES-256-CBC", "TLS_RSA_WITH_AES_256_CBC_SHA256", VER_TLS12, KX_RSA },
		{ "tls=1.2 kx=rsa cipher=AES-256-GCM", "TLS_RSA_WITH_AES_256_GCM_SHA384", VER_TLS12, KX_RSA },
		{ "tls=1.2 kx=rsa cipher=3DES-CBC", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", VER_TLS12, KX_RSA },
		{ "kx=ecdhe cipher=AES-256-GCM", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0, KX_ECDHE },
		{ "kx=ecdhe cipher=chacha20-poly1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0, KX_ECDHE },
		{ "tls=1.2 kx=dhe cipher=AES-128-GCM", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", VER_TLS12, KX_DHE },
		{ "tls=1.2 kx=dhe cipher=CAMELLIA-128-CBC", "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", VER_TLS12, KX_DHE },
		{ "tls=1.1 cipher=AES-128-CBC", "TLS_RSA_WITH_AES_128_CBC_SHA", VER_TLS11, KX_RSA },
		{ "tls=1.1 kx=ecdhe cipher=aes-256-cbc", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", VER_TLS11, KX_ECDHE },
		{ "tls=1.0 kx=dhe cipher=AES-256-CBC", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", VER_TLS10, KX_DHE },
		{ "tls=1.0 kx=rsa cipher=3DES-CBC", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", VER_TLS10, KX_RSA },
		{ "tls=1.3 cipher=AES-128-GCM", "TLS_AES_128_GCM_SHA256", VER_TLS13, KX_NULL },
		{ "tls=1.3 cipher=AES-256-GCM", "TLS_AES_256_GCM_SHA384", VER_TLS13, KX_NULL },
		{ "tls=1.3 kx=dhe cipher=CHACHA20-POLY1305", "TLS_CHACHA20_POLY1305_SHA256", VER_TLS13, KX_DHE },
		{ "tls=1.3 kx=ecdhe cipher=AES-128-CCM", "TLS_AES_128_CCM_SHA256", VER_TLS13, KX_ECDHE },
		/* A full name decides what was left open. */
		{ "cipher=TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", VER_TLS13, KX_NULL },
		{ "cipher=tls_ecdhe_rsa_with_aes_128_gcm_sha256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0, KX_ECDHE },
		{ "tls=1.0 cipher=TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", VER_TLS10, KX_DHE },
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		live_cfg_t cfg;
		const suite_info_t *first;
		char why[200] = "";

		memset(&cfg, 0, sizeof cfg);
		CU_ASSERT_EQUAL_FATAL(set_all(&cfg, want[i].settings, why, sizeof why), ERR_OK);
		CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_OK);
		if (!cfg.suite || strcmp(cfg.suite->name, want[i].suite) != 0)
			fprintf(stderr, "\n  %s: %s %s\n", want[i].settings, cfg.suite ? cfg.suite->name : "(none)", why);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.suite);
		CU_ASSERT_STRING_EQUAL(cfg.suite->name, want[i].suite);
		CU_ASSERT_EQUAL(cfg.version, want[i].version);
		CU_ASSERT_EQUAL(cfg.kx, want[i].kx);
		/* Checking twice gives the same answer. */
		first = cfg.suite;
		CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_OK);
		CU_ASSERT_PTR_EQUAL(cfg.suite, first);
	}
}

/* Combinations TLS cannot express, or the live mode does not run. */
static void test_rules(void)
{
	static const struct { const char *settings; err_t err; const char *words; } bad[] = {
		{ "tls=1.3 kx=rsa", ERR_BAD_VALUE, RSA13 },
		{ "kx=rsa tls=1.3", ERR_BAD_VALUE, RSA13 },
		{ "kx=rsa cipher=TLS_AES_128_GCM_SHA256", ERR_BAD_VALUE, RSA13 },
		{ "tls=1.3 kx=rsa cipher=AES-128-GCM", ERR_BAD_VALUE, RSA13 },
		{ "tls=1.2 cipher=TLS_AES_128_GCM_SHA256", ERR_BAD_VALUE,
		  "TLS_AES_128_GCM_SHA256 is a TLS 1.3 suite; it cannot be used with TLS 1.2" },
		{ "tls=1.3 cipher=TLS_RSA_WITH_AES_128_CBC_SHA", ERR_BAD_VALUE,
		  "TLS_RSA_WITH_AES_128_CBC_SHA is not a TLS 1.3 suite" },
		{ "tls=1.0 cipher=TLS_RSA_WITH_AES_128_GCM_SHA256", ERR_BAD_VALUE,
		  "TLS_RSA_WITH_AES_128_GCM_SHA256 needs TLS 1.2" },
		{ "tls=1.0 cipher=AES-128-GCM", ERR_BAD_VALUE,
		  "no TLS 1.0 cipher suite with RSA key exchange uses the cipher 'AES-128-GCM'" },
		{ "tls=1.3 cipher=AES-128-CBC", ERR_BAD_VALUE,
		  "no TLS 1.3 cipher suite with (EC)DHE key exchange uses the cipher 'AES-128-CBC'" },
		{ "cipher=NOPE-128", ERR_BAD_VALUE, "uses the cipher 'NOPE-128'" },
		{ "kx=dhe cipher=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", ERR_BAD_VALUE,
		  "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 uses ECDHE key exchange, not DHE" },
		{ "cipher=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", ERR_UNSUPPORTED,
		  "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 does not run live" },
		{ "cipher=TLS_PSK_WITH_AES_128_CBC_SHA", ERR_UNSUPPORTED, "does not run live" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		live_cfg_t cfg;
		char why[200] = "";

		memset(&cfg, 0, sizeof cfg);
		CU_ASSERT_EQUAL_FATAL(set_all(&cfg, bad[i].settings, why, sizeof why), ERR_OK);
		CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), bad[i].err);
		if (!strstr(why, bad[i].words))
			fprintf(stderr, "\n  %s: '%s'\n", bad[i].settings, why);
		CU_ASSERT_PTR_NOT_NULL(strstr(why, bad[i].words));
	}
}

/* Settings no live_cfg_set gives, as a caller may build them. */
static void test_rules_on_built_configs(void)
{
	static const struct { live_cfg_t cfg; err_t err; const char *words; } bad[] = {
		{ { .version = VER_SSL30 }, ERR_UNSUPPORTED,
		  "SSL 3.0 is not a TLS version the live mode runs (1.0, 1.1, 1.2 or 1.3)" },
		{ { .kx = KX_PSK }, ERR_UNSUPPORTED, "PSK is not a key exchange the live mode runs (rsa, ecdhe or dhe)" },
		{ { .version = VER_TLS13, .kx = KX_RSA }, ERR_BAD_VALUE, RSA13 },
		{ { .scenario = "no-such" }, ERR_BAD_VALUE, "there is no scenario 'no-such'" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		live_cfg_t cfg = bad[i].cfg;
		char why[200] = "";

		CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), bad[i].err);
		CU_ASSERT_PTR_NOT_NULL(strstr(why, bad[i].words));
	}
}

/* A scenario sets everything itself: alone it is fine, with anything else refused. */
static void test_scenario_combinations(void)
{
	static const char *const with[] = { "tls=1.2", "kx=ecdhe", "cipher=AES-128-CBC", "client-auth", "ems" };
	live_cfg_t cfg;
	char why[200], settings[64];
	size_t i;

	for (i = 0; i < scenario_count(); i++) {
		memset(&cfg, 0, sizeof cfg);
		CU_ASSERT_EQUAL(live_cfg_set(&cfg, "scenario", scenario_at(i)->name, why, sizeof why), ERR_OK);
		CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_OK);
	}
	for (i = 0; i < sizeof with / sizeof with[0]; i++) {
		int order;
		for (order = 0; order < 2; order++) {
			memset(&cfg, 0, sizeof cfg);
			snprintf(settings, sizeof settings, order ? "%s scenario=expired-cert" : "scenario=expired-cert %s",
				 with[i]);
			CU_ASSERT_EQUAL_FATAL(set_all(&cfg, settings, why, sizeof why), ERR_OK);
			CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_BAD_VALUE);
			CU_ASSERT_STRING_EQUAL(why, "the scenario expired-cert sets its own version, key exchange, "
					       "cipher and certificates: it takes no other setting");
		}
	}
}

/* The engine and the lesson parser refuse with live_cfg_check's words. */
static void test_one_wording(void)
{
	static const char lesson[] = "name: t\ntitle: T\nrun: kx=rsa tls=1.3\n[intro]\na\n";
	live_cfg_t cfg = { .version = VER_TLS13, .kx = KX_RSA };
	live_t *lv = NULL;
	lesson_t *l = NULL;
	lesson_error_t err;
	char why[200] = "", engine[200] = "";

	CU_ASSERT_EQUAL(live_cfg_check(&cfg, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_STRING_EQUAL(why, RSA13);
	CU_ASSERT_EQUAL(live_new(&cfg, NULL, NULL, &lv, engine, sizeof engine), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NULL(lv);
	CU_ASSERT_STRING_EQUAL(engine, RSA13);
	memset(&err, 0, sizeof err);
	CU_ASSERT_EQUAL(lesson_parse(lesson, sizeof lesson - 1, LESSON_EN, &l, &err), ERR_FORMAT);
	CU_ASSERT_PTR_NULL(l);
	CU_ASSERT_EQUAL(err.line, 3);
	CU_ASSERT_STRING_EQUAL(err.msg, "run: " RSA13);
}

/* The rows the engine reads: every version and key exchange live_cfg_set names. */
static void test_tables(void)
{
	static const uint16_t versions[] = { VER_TLS10, VER_TLS11, VER_TLS12, VER_TLS13 };
	static const kx_t kxs[] = { KX_RSA, KX_ECDHE, KX_DHE };
	size_t i;

	for (i = 0; i < sizeof versions / sizeof versions[0]; i++) {
		const live_version_t *v = live_cfg_version(versions[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		CU_ASSERT_EQUAL(v->version, versions[i]);
		CU_ASSERT_PTR_NOT_NULL(v->gnutls_kw);
	}
	for (i = 0; i < sizeof kxs / sizeof kxs[0]; i++) {
		const live_kx_t *k = live_cfg_kx(kxs[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(k);
		CU_ASSERT_EQUAL(k->kx, kxs[i]);
		CU_ASSERT_EQUAL(k->gnutls_groups == NULL, kxs[i] == KX_RSA);   /* TLS 1.3: no RSA */
	}
	CU_ASSERT_PTR_NULL(live_cfg_version(VER_SSL30));
	CU_ASSERT_PTR_NULL(live_cfg_kx(KX_PSK));
	CU_ASSERT_PTR_NULL(live_cfg_kx(KX_NULL));
}

const test_suite_t test_livecfg_suite = {
	"livecfg", (const test_case_t[]){
		{ "each key and its values", test_each_key },
		{ "bad values are refused and set nothing", test_bad_values },
		{ "cipher names to suites, for each version and kx", test_cipher_names },
		{ "combinations TLS cannot express", test_rules },
		{ "configurations built without live_cfg_set", test_rules_on_built_configs },
		{ "a scenario takes no other setting", test_scenario_combinations },
		{ "the engine and the lessons use the same words", test_one_wording },
		{ "the version and key exchange tables", test_tables },
		{ NULL, NULL } }
};
