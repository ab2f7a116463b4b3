/* cfg.c - live_cfg_set and live_cfg_check (cfg.h): the names of the
 * versions and key exchanges the live mode runs, the keys a setting can
 * have, cipher names to IANA suites, and the rules that hold between
 * settings, each worded once.  The tables below are the only place these
 * names exist; the command line, the lessons and the engine (plan.c) read
 * them.  Must not touch GnuTLS sessions or print. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cfg.h"
#include "plan.h"
#include "scenario.h"

#define LCFG_COUNT(a) (sizeof (a) / sizeof (a)[0])

static const live_version_t lcfg_versions[] = {
	{ "1.0", VER_TLS10, "+VERS-TLS1.0", CIPHER_AES_128_CBC, MAC_SHA1 },
	{ "1.1", VER_TLS11, "+VERS-TLS1.1", CIPHER_AES_128_CBC, MAC_SHA1 },
	{ "1.2", VER_TLS12, "+VERS-TLS1.2", CIPHER_AES_128_CBC, MAC_SHA256 },
	{ "1.3", VER_TLS13, "+VERS-TLS1.3", CIPHER_AES_128_GCM, MAC_AEAD },
};

static const live_kx_t lcfg_kxs[] = {
	{ "rsa", KX_RSA, "+RSA", NULL, { NULL, NULL } },
	{ "ecdhe", KX_ECDHE, "+ECDHE-RSA", "+GROUP-X25519:+GROUP-SECP256R1",
	  { [SIDE_CLIENT] = "+GROUP-SECP256R1:+GROUP-SECP384R1", [SIDE_SERVER] = "+GROUP-SECP384R1" } },
	{ "dhe", KX_DHE, "+DHE-RSA", "+GROUP-FFDHE2048",
	  { [SIDE_CLIENT] = "+GROUP-FFDHE2048:+GROUP-FFDHE3072", [SIDE_SERVER] = "+GROUP-FFDHE3072" } },
};

const live_version_t *live_cfg_version(uint16_t version)
{
	size_t i;

	for (i = 0; i < LCFG_COUNT(lcfg_versions); i++)
		if (lcfg_versions[i].version == version)
			return &lcfg_versions[i];
	return NULL;
}

const live_kx_t *live_cfg_kx(kx_t kx)
{
	size_t i;

	for (i = 0; i < LCFG_COUNT(lcfg_kxs); i++)
		if (lcfg_kxs[i].kx == kx)
			return &lcfg_kxs[i];
	return NULL;
}

/* "1.0, 1.1, 1.2 or 1.3": the names of n rows of a table, for the
 * sentences; each row (stride bytes) starts with its const char *name. */
static const char *lcfg_names(char *out, size_t cap, const void *rows, size_t n, size_t stride)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *name = *(const char *const *)(const void *)((const char *)rows + i * stride);
		int w = snprintf(out + len, cap - len, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", name);
		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
	return out;
}

/* The one wording of "the live mode does not run this version"; what is
 * "'2.0'" as typed, or "SSL 3.0" as the registry names it. */
static err_t lcfg_no_version(err_t e, const char *what, char *why, size_t whylen)
{
	char names[64];

	return plan_refuse(e, why, whylen, "%s is not a TLS version the live mode runs (%s)", what,
			   lcfg_names(names, sizeof names, lcfg_versions, LCFG_COUNT(lcfg_versions),
				      sizeof lcfg_versions[0]));
}

static err_t lcfg_no_kx(err_t e, const char *what, char *why, size_t whylen)
{
	char names[64];

	return plan_refuse(e, why, whylen, "%s is not a key exchange the live mode runs (%s)", what,
			   lcfg_names(names, sizeof names, lcfg_kxs, LCFG_COUNT(lcfg_kxs), sizeof lcfg_kxs[0]));
}

static err_t lcfg_no_scenario(const char *name, char *why, size_t whylen)
{
	return plan_refuse(ERR_BAD_VALUE, why, whylen, "there is no scenario '%s' (tlstrace scenarios lists them)",
			   name);
}

/* ---- one setter per key ---- */

/* The row of a name table (rows whose first field is their name, as
 * lcfg_names reads them) called value, case ignored; NULL when none. */
static const void *lcfg_row(const void *rows, size_t n, size_t stride, const char *value)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const void *row = (const char *)rows + i * stride;
		if (strcasecmp(value, *(const char *const *)row) == 0)
			return row;
	}
	return NULL;
}

static err_t lcfg_set_tls(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	const live_version_t *v = lcfg_row(lcfg_versions, LCFG_COUNT(lcfg_versions), sizeof *v, value);
	char what[48];

	if (v) {
		cfg->version = v->version;
		return ERR_OK;
	}
	snprintf(what, sizeof what, "'%.40s'", value);
	return lcfg_no_version(ERR_BAD_VALUE, what, why, whylen);
}

static err_t lcfg_set_kx(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	const live_kx_t *k = lcfg_row(lcfg_kxs, LCFG_COUNT(lcfg_kxs), sizeof *k, value);
	char what[48];

	if (k) {
		cfg->kx = k->kx;
		return ERR_OK;
	}
	snprintf(what, sizeof what, "'%.40s'", value);
	return lcfg_no_kx(ERR_BAD_VALUE, what, why, whylen);
}

static err_t lcfg_set_cipher(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	if (!value[0] || strlen(value) >= sizeof cfg->cipher)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "'%.40s' is not a cipher name (AES-128-CBC, "
				   "AES-256-GCM, CHACHA20-POLY1305, ... or a full suite name)", value);
	strcpy(cfg->cipher, value);
	return ERR_OK;
}

static err_t lcfg_set_client_auth(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	(void)value, (void)why, (void)whylen;
	cfg->client_auth = true;
	return ERR_OK;
}

static err_t lcfg_set_ems(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	(void)value, (void)why, (void)whylen;
	cfg->ems = true;
	return ERR_OK;
}

static err_t lcfg_set_hrr(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	(void)value, (void)why, (void)whylen;
	cfg->hrr = true;
	return ERR_OK;
}

static const struct { const char *name; live_resume_t kind; } lcfg_resumes[] = {
	{ "ticket", LIVE_RESUME_TICKET },
	{ "session-id", LIVE_RESUME_SESSION_ID },
};

static err_t lcfg_set_resume(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	char names[48];
	size_t i;

	for (i = 0; i < LCFG_COUNT(lcfg_resumes); i++)
		if (strcmp(value, lcfg_resumes[i].name) == 0) {
			cfg->resume = lcfg_resumes[i].kind;
			return ERR_OK;
		}
	return plan_refuse(ERR_BAD_VALUE, why, whylen, "'%.40s' is not a kind of resumption (%s)", value,
			   lcfg_names(names, sizeof names, lcfg_resumes, LCFG_COUNT(lcfg_resumes),
				      sizeof lcfg_resumes[0]));
}

static err_t lcfg_set_scenario(live_cfg_t *cfg, const char *value, char *why, size_t whylen)
{
	const scenario_t *sc = scenario_find(value);

	if (!sc)
		return lcfg_no_scenario(value, why, whylen);
	cfg->scenario = sc->name;
	return ERR_OK;
}

static const struct lcfg_key {
	const char *name;
	bool is_switch;          /* takes no value */
	err_t (*set)(live_cfg_t *cfg, const char *value, char *why, size_t whylen);
} lcfg_keys[] = {
	{ "tls", false, lcfg_set_tls },
	{ "kx", false, lcfg_set_kx },
	{ "cipher", false, lcfg_set_cipher },
	{ "client-auth", true, lcfg_set_client_auth },
	{ "ems", true, lcfg_set_ems },
	{ "resume", false, lcfg_set_resume },
	{ "hrr", true, lcfg_set_hrr },
	{ "scenario", false, lcfg_set_scenario },
};

size_t live_cfg_key_count(void)
{
	return LCFG_COUNT(lcfg_keys);
}

const char *live_cfg_key_at(size_t i)
{
	return i < LCFG_COUNT(lcfg_keys) ? lcfg_keys[i].name : NULL;
}

err_t live_cfg_set(live_cfg_t *cfg, const char *key, const char *value, char *why, size_t whylen)
{
	char names[96];
	size_t i;

	if (why && whylen)
		why[0] = '\0';
	for (i = 0; i < LCFG_COUNT(lcfg_keys); i++) {
		const struct lcfg_key *k = &lcfg_keys[i];
		if (strcmp(key, k->name) != 0)
			continue;
		if (k->is_switch && value && value[0])
			return plan_refuse(ERR_BAD_VALUE, why, whylen, "%s is a switch: it takes no value, not '%.40s'",
					   k->name, value);
		if (!k->is_switch && !value)
			return plan_refuse(ERR_BAD_VALUE, why, whylen, "%s needs a value", k->name);
		return k->set(cfg, value, why, whylen);
	}
	return plan_refuse(ERR_BAD_VALUE, why, whylen, "there is no live setting '%.40s' (%s)", key,
			   lcfg_names(names, sizeof names, lcfg_keys, LCFG_COUNT(lcfg_keys), sizeof lcfg_keys[0]));
}

/* ---- checking the whole ---- */

/* "AES-128-GCM" + version + kx -> the IANA suite it means: TLS 1.3 names
 * the cipher and the hash only; older versions the key exchange, the
 * cipher and the MAC, the strongest MAC first. */
static const suite_info_t *lcfg_suite_for_cipher(const char *cipher, uint16_t version, kx_t kx)
{
	static const char *const macs12[] = { "SHA256", "SHA384", "SHA", NULL };
	static const char *const macs10[] = { "SHA", NULL };
	const char *const *mac;
	char c[sizeof ((live_cfg_t *)0)->cipher + 8], name[160];
	size_t i;

	for (i = 0; cipher[i] && i + 1 < sizeof c; i++)
		c[i] = cipher[i] == '-' ? '_' : (char)toupper((unsigned char)cipher[i]);
	c[i] = '\0';
	if (strcmp(c, "3DES_CBC") == 0)
		strcpy(c, "3DES_EDE_CBC");
	if (version == VER_TLS13) {
		snprintf(name, sizeof name, "TLS_%s_%s", c, strstr(c, "256_GCM") ? "SHA384" : "SHA256");
		return suite_by_name(name);
	}
	for (mac = version == VER_TLS12 ? macs12 : macs10; *mac; mac++) {
		const suite_info_t *s;
		snprintf(name, sizeof name, "TLS_%s_WITH_%s_%s",
			 kx == KX_ECDHE ? "ECDHE_RSA" : kx == KX_DHE ? "DHE_RSA" : "RSA", c, *mac);
		if ((s = suite_by_name(name)) != NULL)
			return s;
	}
	return NULL;
}

static const char *lcfg_vname(uint16_t v)
{
	const char *n = reg_version_name(v);
	return n ? n : "this version";
}

/* A suite against the version it will run with and the key exchange given. */
static err_t lcfg_check_suite(const live_cfg_t *cfg, uint16_t ver, char *why, size_t whylen)
{
	const suite_info_t *s = cfg->suite;

	if (s->tls13 && ver != VER_TLS13)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "%s is a TLS 1.3 suite; it cannot be used with %s",
				   s->name, lcfg_vname(ver));
	if (s->tls13)
		return ERR_OK;
	if (ver == VER_TLS13)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "%s is not a TLS 1.3 suite: TLS 1.3 only uses its "
				   "own suites (TLS_AES_128_GCM_SHA256 and the like)", s->name);
	if (s->tls12_only && ver < VER_TLS12)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "%s needs TLS 1.2 (AEAD ciphers and SHA-256 MACs "
				   "came with it); it cannot be used with %s", s->name, lcfg_vname(ver));
	if (cfg->kx != KX_NULL && s->kx != cfg->kx)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "%s uses %s key exchange, not %s", s->name,
				   kx_name(s->kx), kx_name(cfg->kx));
	if (!live_cfg_kx(s->kx) || s->auth != AUTH_RSA)
		return plan_refuse(ERR_UNSUPPORTED, why, whylen, "%s does not run live: the live mode runs RSA, "
				   "DHE and ECDHE suites with RSA certificates (the demo PKI has no other)", s->name);
	return ERR_OK;
}

err_t live_cfg_check(live_cfg_t *cfg, char *why, size_t whylen)
{
	const suite_info_t *named;
	uint16_t ver;
	kx_t kx;

	if (why && whylen)
		why[0] = '\0';
	if (cfg->scenario) {
		const scenario_t *sc = scenario_find(cfg->scenario);
		if (!sc)
			return lcfg_no_scenario(cfg->scenario, why, whylen);
		if (cfg->version || cfg->kx != KX_NULL || cfg->suite || cfg->cipher[0] || cfg->client_auth || cfg->ems ||
		    cfg->resume || cfg->hrr)
			return plan_refuse(ERR_BAD_VALUE, why, whylen, "the scenario %s sets its own version, key "
					   "exchange, cipher and certificates: it takes no other setting", sc->name);
		return ERR_OK;
	}
	if (cfg->version && !live_cfg_version(cfg->version))
		return lcfg_no_version(ERR_UNSUPPORTED, lcfg_vname(cfg->version), why, whylen);
	if (cfg->kx != KX_NULL && !live_cfg_kx(cfg->kx))
		return lcfg_no_kx(ERR_UNSUPPORTED, kx_name(cfg->kx), why, whylen);
	named = cfg->cipher[0] ? suite_by_name(cfg->cipher) : cfg->suite;
	/* No version given: TLS 1.2, unless the suite asked for is a TLS 1.3 one. */
	ver = cfg->version ? cfg->version : named && named->tls13 ? VER_TLS13 : VER_TLS12;
	/* rfc8446#section-1.2: "Static RSA and Diffie-Hellman cipher suites have
	 * been removed; all public-key based key exchange mechanisms now provide
	 * forward secrecy." */
	if (ver == VER_TLS13 && cfg->kx == KX_RSA)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "TLS 1.3 has no RSA key exchange: every TLS 1.3 "
				   "handshake agrees on keys with (EC)DHE, so choose ecdhe or dhe");
	/* rfc8446#section-2.2: TLS 1.3 resumes with a pre-shared key from a
	 * ticket; the session id is only echoed (legacy_session_id). */
	if (ver == VER_TLS13 && cfg->resume == LIVE_RESUME_SESSION_ID)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "TLS 1.3 has no session-id resumption: it resumes "
				   "with a pre-shared key from a ticket, so resume with a ticket");
	/* rfc8446#section-4.1.4: HelloRetryRequest is TLS 1.3's. */
	if (cfg->hrr && ver != VER_TLS13)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "a HelloRetryRequest exists only in TLS 1.3 (a "
				   "server asking for another key share), so hrr needs version 1.3");
	if (cfg->hrr && cfg->resume)
		return plan_refuse(ERR_BAD_VALUE, why, whylen, "hrr and resume make two different runs: choose "
				   "one of them");
	if (cfg->cipher[0] && !named) {
		kx = cfg->kx != KX_NULL ? cfg->kx : ver == VER_TLS13 ? KX_ECDHE : KX_RSA;
		named = lcfg_suite_for_cipher(cfg->cipher, ver, kx);
		if (!named)
			return plan_refuse(ERR_BAD_VALUE, why, whylen, "no %s cipher suite with %s key exchange uses "
					   "the cipher '%s'", lcfg_vname(ver), ver == VER_TLS13 ? "(EC)DHE" : kx_name(kx),
					   cfg->cipher);
	}
	cfg->suite = named;
	if (!cfg->suite)
		return ERR_OK;
	TRY(lcfg_check_suite(cfg, ver, why, whylen));
	/* A suite named in full decides what was left open. */
	if (cfg->suite->tls13)
		cfg->version = VER_TLS13;
	else if (cfg->kx == KX_NULL)
		cfg->kx = cfg->suite->kx;
	return ERR_OK;
}
