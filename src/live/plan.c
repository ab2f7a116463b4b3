/* plan.c - live_cfg_t to GnuTLS priority strings, from small tables.
 *
 * Every keyword GnuTLS sees comes from one of the tables below or from
 * the version and key exchange rows of cfg.c; a configuration is checked
 * by live_cfg_check (cfg.c words the rules), and what is left here is the
 * engine's own: a suite
 * from the registry is translated field by field (kx, cipher, MAC) and the
 * result is checked against GnuTLS's own suite list, so a suite GnuTLS does
 * not implement is refused here with a sentence, not at handshake time.
 * Must not create sessions or credentials (live.c does). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cfg.h"
#include "plan.h"
#include "pki.h"
#include "scenario.h"

static const char *const plan_cipher_kw[CIPHER__COUNT] = {
	[CIPHER_3DES_EDE_CBC] = "+3DES-CBC",
	[CIPHER_AES_128_CBC] = "+AES-128-CBC", [CIPHER_AES_256_CBC] = "+AES-256-CBC",
	[CIPHER_CAMELLIA_128_CBC] = "+CAMELLIA-128-CBC", [CIPHER_CAMELLIA_256_CBC] = "+CAMELLIA-256-CBC",
	[CIPHER_AES_128_GCM] = "+AES-128-GCM", [CIPHER_AES_256_GCM] = "+AES-256-GCM",
	[CIPHER_CAMELLIA_128_GCM] = "+CAMELLIA-128-GCM", [CIPHER_CAMELLIA_256_GCM] = "+CAMELLIA-256-GCM",
	[CIPHER_AES_128_CCM] = "+AES-128-CCM", [CIPHER_AES_256_CCM] = "+AES-256-CCM",
	[CIPHER_AES_128_CCM_8] = "+AES-128-CCM-8", [CIPHER_AES_256_CCM_8] = "+AES-256-CCM-8",
	[CIPHER_CHACHA20_POLY1305] = "+CHACHA20-POLY1305",
};

static const char *const plan_mac_kw[MAC__COUNT] = {
	[MAC_SHA1] = "+SHA1", [MAC_SHA256] = "+SHA256", [MAC_SHA384] = "+SHA384", [MAC_AEAD] = "+AEAD",
};

err_t plan_refuse(err_t e, char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vwhy(why, whylen, fmt, ap);
	va_end(ap);
	return e;
}

/* GnuTLS must list the suite, with the same algorithms our keywords name
 * (keywords without their leading '+' are GnuTLS algorithm names). */
static err_t plan_check_gnutls(const suite_info_t *s, const char *kx_kw, const char *c_kw,
			       const char *m_kw, char *why, size_t whylen)
{
	unsigned char id[2];
	gnutls_kx_algorithm_t kx;
	gnutls_cipher_algorithm_t c;
	gnutls_mac_algorithm_t m;
	gnutls_protocol_t minv;
	size_t i;

	for (i = 0; gnutls_cipher_suite_info(i, id, &kx, &c, &m, &minv); i++) {
		if (((unsigned)id[0] << 8 | id[1]) != s->id)
			continue;
		if (c != gnutls_cipher_get_id(c_kw + 1) || m != gnutls_mac_get_id(m_kw + 1) ||
		    (kx_kw && kx != gnutls_kx_get_id(kx_kw + 1)))
			return plan_refuse(ERR_UNSUPPORTED, why, whylen,
					   "%s cannot be expressed as a GnuTLS priority string "
					   "(its algorithms do not match GnuTLS's description).", s->name);
		return ERR_OK;
	}
	return plan_refuse(ERR_UNSUPPORTED, why, whylen, "GnuTLS %s does not implement %s, so the live "
			   "mode cannot run it (a capture can still show it).", gnutls_check_version(NULL), s->name);
}

/* The suite (or the version's default) as cipher and MAC keywords; the
 * suite already fits the version and key exchange (live_cfg_check). */
static err_t plan_suite(const live_cfg_t *cfg, const live_version_t *v, const live_kx_t *k,
			const char **c_kw, const char **m_kw, char *why, size_t whylen)
{
	const suite_info_t *s = cfg->suite;

	if (!s) {
		*c_kw = plan_cipher_kw[v->cipher];
		*m_kw = plan_mac_kw[v->mac];
		return ERR_OK;
	}
	*c_kw = plan_cipher_kw[s->cipher];
	*m_kw = plan_mac_kw[s->mac];
	if (!*c_kw || !*m_kw)
		return plan_refuse(ERR_UNSUPPORTED, why, whylen, "%s uses a %s that the live mode cannot "
				   "ask GnuTLS for.", s->name, *c_kw ? "MAC" : "cipher");
	return plan_check_gnutls(s, s->tls13 ? NULL : k->gnutls_kw, *c_kw, *m_kw, why, whylen);
}

static kx_t plan_default_kx(const live_cfg_t *cfg, uint16_t ver)
{
	if (ver == VER_TLS13 || (cfg->suite && cfg->suite->tls13))
		return KX_ECDHE;
	return cfg->suite ? cfg->suite->kx : KX_RSA;
}

/* One side's priority string: only version v, key exchange kx, and the
 * cipher and MAC keywords c_kw/m_kw; for TLS 1.3 with hrr, the side's
 * own groups. */
static err_t plan_prio(char *out, size_t cap, const live_version_t *v, const live_kx_t *k, const char *c_kw,
		       const char *m_kw, const live_cfg_t *cfg, int side, char *why, size_t whylen)
{
	const char *kx_part = v->version != VER_TLS13 ? k->gnutls_kw
			      : cfg->hrr ? k->hrr_groups[side] : k->gnutls_groups;
	int n;

	/* rfc7627: without %NO_SESSION_HASH GnuTLS offers extended_master_secret;
	 * rfc7366: %NO_ETM keeps CBC suites MAC-then-encrypt, as the classic
	 * handshake shows them; session-id resumption: no session tickets
	 * (RFC 5077), or the client would resume with one. */
	n = snprintf(out, cap, "NORMAL:-VERS-ALL:%s:%s:%s:-CIPHER-ALL:%s:-MAC-ALL:%s:%%NO_ETM%s%s", v->gnutls_kw,
		     v->version == VER_TLS13 ? "-GROUP-ALL" : "-KX-ALL", kx_part, c_kw, m_kw,
		     cfg->ems ? "" : ":%NO_SESSION_HASH",
		     cfg->resume == LIVE_RESUME_SESSION_ID ? ":%NO_TICKETS" : "");
	if (n < 0 || (size_t)n >= cap)
		return plan_refuse(ERR_UNSUPPORTED, why, whylen, "the GnuTLS priority string is too long.");
	return ERR_OK;
}

/* Checks one side's configuration (live_cfg_check: the rules, worded
 * once), resolves its version and key exchange, and writes its priority
 * string. */
static err_t plan_side(const live_cfg_t *given, int side, bool wide, char *prio, size_t cap, uint16_t *ver_out,
		       kx_t *kx_out, char *why, size_t whylen)
{
	live_cfg_t cfg = *given;
	const live_version_t *v;
	const live_kx_t *k;
	const char *c_kw = NULL, *m_kw = NULL;
	char c_wide[160], m_wide[80];
	uint16_t ver;
	kx_t kx;

	TRY(live_cfg_check(&cfg, why, whylen));
	/* No version given: TLS 1.2, unless the suite asked for is a TLS 1.3 one. */
	ver = cfg.version ? cfg.version : (cfg.suite && cfg.suite->tls13 ? VER_TLS13 : VER_TLS12);
	kx = cfg.kx != KX_NULL ? cfg.kx : plan_default_kx(&cfg, ver);
	v = live_cfg_version(ver);
	k = live_cfg_kx(kx);
	ENSURE(v && k && (ver != VER_TLS13 || k->gnutls_groups), ERR_UNSUPPORTED);   /* live_cfg_check said why */
	TRY(plan_suite(&cfg, v, k, &c_kw, &m_kw, why, whylen));
	/* rfc5246#section-7.4.1.2: the client lists the suites it supports,
	 * in its order of preference, and the server picks one.  A client that
	 * offers the one suite asked for shows no choice at all; this one
	 * offers it first, then the common ciphers of its version and key
	 * exchange, while the server still accepts only the suite asked for. */
	if (wide) {
		snprintf(c_wide, sizeof c_wide, "%s:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:+AES-128-CBC:+AES-256-CBC",
			 c_kw);
		snprintf(m_wide, sizeof m_wide, "%s:+AEAD:+SHA256:+SHA384:+SHA1", m_kw);
		c_kw = c_wide;
		m_kw = m_wide;
	}
	TRY(plan_prio(prio, cap, v, k, c_kw, m_kw, &cfg, side, why, whylen));
	*ver_out = ver;
	*kx_out = kx;
	return ERR_OK;
}

/* A failure scenario: each side configured on its own, the rest from the
 * scenario's row. */
static err_t plan_scenario(const live_cfg_t *cfg, plan_t *p, char *why, size_t whylen)
{
	const scenario_t *sc = scenario_find(cfg->scenario);
	live_cfg_t checked = *cfg;
	uint16_t ver[2];
	kx_t kx[2];
	int side;

	TRY(live_cfg_check(&checked, why, whylen));
	ENSURE(sc, ERR_BAD_VALUE);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		live_cfg_t one = { .version = sc->side[side].version, .kx = sc->side[side].kx };

		if (sc->side[side].suite && !(one.suite = suite_find(sc->side[side].suite)))
			return plan_refuse(ERR_UNSUPPORTED, why, whylen, "the scenario %s names suite 0x%04x, "
					   "which the registry does not know.", sc->name, sc->side[side].suite);
		TRY(plan_side(&one, side, false, p->prio[side], sizeof p->prio[side], &ver[side], &kx[side], why,
			      whylen));
	}
	p->version = ver[SIDE_CLIENT];
	p->kx = kx[SIDE_CLIENT];
	p->client_cert_request = sc->client_auth ? GNUTLS_CERT_REQUIRE : GNUTLS_CERT_IGNORE;
	p->client_has_cert = sc->client_has_cert;
	p->server_cert = sc->server_cert;
	p->server_key = sc->server_key;
	p->tamper_flight = sc->tamper_flight;
	p->tamper_offset = sc->tamper_offset;
	p->tamper_xor = sc->tamper_xor;
	return ERR_OK;
}

err_t plan_build(const live_cfg_t *cfg, plan_t *p, char *why, size_t whylen)
{
	memset(p, 0, sizeof *p);
	if (why && whylen)
		why[0] = '\0';
	p->sni = PKI_SERVER_NAME;
	p->verify_name = PKI_SERVER_NAME;
	p->server_cert = PKI_ID_SERVER;
	p->server_key = PKI_ID_SERVER;
	if (cfg->scenario)
		return plan_scenario(cfg, p, why, whylen);
	TRY(plan_side(cfg, SIDE_CLIENT, true, p->prio[SIDE_CLIENT], sizeof p->prio[SIDE_CLIENT], &p->version,
		      &p->kx, why, whylen));
	TRY(plan_side(cfg, SIDE_SERVER, false, p->prio[SIDE_SERVER], sizeof p->prio[SIDE_SERVER], &p->version,
		      &p->kx, why, whylen));
	p->resume = cfg->resume;
	p->client_cert_request = cfg->client_auth ? GNUTLS_CERT_REQUIRE : GNUTLS_CERT_IGNORE;
	p->client_has_cert = cfg->client_auth;
	return ERR_OK;
}
