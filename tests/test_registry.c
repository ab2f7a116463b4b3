/* test_registry.c - the IANA tables: sorted, unique, self-consistent with
 * the names they carry, and checked against Wireshark's own tables
 * (`tshark -G values`) as an independent oracle. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "tls/registry.h"

/* An assertion whose failure message names the entry that failed. */
__attribute__((format(printf, 3, 4)))
static void expect(bool ok, unsigned line, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	if (ok) {
		CU_assertImplementation(CU_TRUE, line, "", __FILE__, "", CU_FALSE);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	CU_assertImplementation(CU_FALSE, line, msg, __FILE__, "", CU_FALSE);
}
#define EXPECT(ok, ...) expect((ok), __LINE__, __VA_ARGS__)

static bool streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ---- every table is sorted by id, without duplicates ---- */

static void test_tables_sorted_and_unique(void)
{
	size_t i;

	CU_ASSERT(suite_count() > 340);
	for (i = 1; i < suite_count(); i++)
		EXPECT(suite_at(i - 1)->id < suite_at(i)->id, "suites out of order at 0x%04X", suite_at(i)->id);
	CU_ASSERT_PTR_NULL(suite_at(suite_count()));

	CU_ASSERT(ext_count() > 60);
	for (i = 1; i < ext_count(); i++)
		EXPECT(ext_at(i - 1)->id < ext_at(i)->id, "extensions out of order at %u", ext_at(i)->id);
	CU_ASSERT_PTR_NULL(ext_at(ext_count()));

	CU_ASSERT(alert_count() > 30);
	for (i = 1; i < alert_count(); i++)
		EXPECT(alert_at(i - 1)->id < alert_at(i)->id, "alerts out of order at %u", alert_at(i)->id);
	CU_ASSERT_PTR_NULL(alert_at(alert_count()));

	CU_ASSERT(group_count() > 40);
	for (i = 1; i < group_count(); i++)
		EXPECT(group_at(i - 1)->id < group_at(i)->id, "groups out of order at 0x%04X", group_at(i)->id);
	CU_ASSERT_PTR_NULL(group_at(group_count()));

	CU_ASSERT(sigscheme_count() > 40);
	for (i = 1; i < sigscheme_count(); i++)
		EXPECT(sigscheme_at(i - 1)->id < sigscheme_at(i)->id, "signature schemes out of order at 0x%04X",
		       sigscheme_at(i)->id);
	CU_ASSERT_PTR_NULL(sigscheme_at(sigscheme_count()));
}

/* Every entry is found again by its own id: the binary searches agree
 * with the iteration order. */
static void test_find_agrees_with_at(void)
{
	size_t i;

	for (i = 0; i < suite_count(); i++)
		EXPECT(suite_find(suite_at(i)->id) == suite_at(i), "suite_find(0x%04X)", suite_at(i)->id);
	for (i = 0; i < ext_count(); i++)
		EXPECT(ext_find(ext_at(i)->id) == ext_at(i), "ext_find(%u)", ext_at(i)->id);
	for (i = 0; i < alert_count(); i++)
		EXPECT(alert_find(alert_at(i)->id) == alert_at(i), "alert_find(%u)", alert_at(i)->id);
	for (i = 0; i < group_count(); i++)
		EXPECT(group_find(group_at(i)->id) == group_at(i), "group_find(0x%04X)", group_at(i)->id);
	for (i = 0; i < sigscheme_count(); i++)
		EXPECT(sigscheme_find(sigscheme_at(i)->id) == sigscheme_at(i), "sigscheme_find(0x%04X)",
		       sigscheme_at(i)->id);
}

/* ---- cipher suites ---- */

/* Spot checks against the RFCs that define these suites. */
static const suite_info_t known_suites[] = {
	{ .id = 0x002F, .name = "TLS_RSA_WITH_AES_128_CBC_SHA", .kx = KX_RSA, .auth = AUTH_RSA,
	  .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x003C, .name = "TLS_RSA_WITH_AES_128_CBC_SHA256", .kx = KX_RSA, .auth = AUTH_RSA,
	  .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC02F, .name = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", .kx = KX_ECDHE, .auth = AUTH_RSA,
	  .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x1301, .name = "TLS_AES_128_GCM_SHA256", .kx = KX_TLS13, .auth = AUTH_TLS13,
	  .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls13 = true },
	{ .id = 0x1302, .name = "TLS_AES_256_GCM_SHA384", .kx = KX_TLS13, .auth = AUTH_TLS13,
	  .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls13 = true },
	{ .id = 0xCCA8, .name = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", .kx = KX_ECDHE, .auth = AUTH_RSA,
	  .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x009D, .name = "TLS_RSA_WITH_AES_256_GCM_SHA384", .kx = KX_RSA, .auth = AUTH_RSA,
	  .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x000A, .name = "TLS_RSA_WITH_3DES_EDE_CBC_SHA", .kx = KX_RSA, .auth = AUTH_RSA,
	  .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0003, .name = "TLS_RSA_EXPORT_WITH_RC4_40_MD5", .kx = KX_RSA_EXPORT, .auth = AUTH_RSA,
	  .cipher = CIPHER_RC4_40, .mac = MAC_MD5 },
	{ .id = 0x0034, .name = "TLS_DH_anon_WITH_AES_128_CBC_SHA", .kx = KX_DHE, .auth = AUTH_ANON,
	  .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC004, .name = "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", .kx = KX_ECDH, .auth = AUTH_ECDSA,
	  .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0000, .name = "TLS_NULL_WITH_NULL_NULL", .kx = KX_NULL, .auth = AUTH_NULL,
	  .cipher = CIPHER_NULL, .mac = MAC_NULL },
	{ .id = 0xC0AA, .name = "TLS_PSK_DHE_WITH_AES_128_CCM_8", .kx = KX_DHE_PSK, .auth = AUTH_PSK,
	  .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xD005, .name = "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", .kx = KX_ECDHE_PSK, .auth = AUTH_PSK,
	  .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
};

static void test_suite_known_ids(void)
{
	size_t i;

	for (i = 0; i < sizeof known_suites / sizeof known_suites[0]; i++) {
		const suite_info_t *k = &known_suites[i], *s = suite_find(k->id);

		EXPECT(s != NULL, "0x%04X missing", k->id);
		if (!s)
			continue;
		EXPECT(streq(s->name, k->name), "0x%04X: %s, want %s", k->id, s->name, k->name);
		EXPECT(s->kx == k->kx && s->auth == k->auth, "0x%04X: kx %s auth %s", k->id, kx_name(s->kx),
		       auth_name(s->auth));
		EXPECT(s->cipher == k->cipher && s->mac == k->mac && s->prf == k->prf, "0x%04X: cipher/mac/prf", k->id);
		EXPECT(s->tls12_only == k->tls12_only && s->tls13 == k->tls13 && !s->unofficial, "0x%04X: flags", k->id);
	}
	CU_ASSERT_EQUAL(cipher_info(suite_find(0x000A)->cipher)->key_len, 24);
	CU_ASSERT(cipher_info(suite_find(0x0003)->cipher)->exportable);
}

static void test_suite_unknown_ids(void)
{
	CU_ASSERT_PTR_NULL(suite_find(0x0047));   /* IANA: reserved */
	CU_ASSERT_PTR_NULL(suite_find(0x001C));   /* SSL 3.0 FORTEZZA, left out */
	CU_ASSERT_PTR_NULL(suite_find(0x0A0A));   /* GREASE */
	CU_ASSERT_PTR_NULL(suite_find(0x1308));
	CU_ASSERT_PTR_NULL(suite_find(0xD004));   /* the hole in the D0 block */
	CU_ASSERT_PTR_NULL(suite_find(0xFFFF));
	CU_ASSERT_PTR_NULL(suite_find(0x00FE));
	CU_ASSERT_PTR_NULL(suite_by_name("TLS_RSA_WITH_AES_128_CBC_SHA1"));
	CU_ASSERT_PTR_NULL(suite_by_name("TLS_RSA_WITH_AES_128_CBC_SH"));
	CU_ASSERT_PTR_NULL(suite_by_name(""));
	CU_ASSERT_PTR_NULL(suite_by_name(NULL));
}

static void test_suite_by_name_round_trip(void)
{
	size_t i, j;

	for (i = 0; i < suite_count(); i++) {
		const suite_info_t *s = suite_at(i);
		char lower[80];

		EXPECT(suite_by_name(s->name) == s, "suite_by_name(\"%s\")", s->name);
		CU_ASSERT_FATAL(strlen(s->name) < sizeof lower);
		for (j = 0; s->name[j]; j++)
			lower[j] = (char)tolower((unsigned char)s->name[j]);
		lower[j] = '\0';
		EXPECT(suite_by_name(lower) == s, "suite_by_name(\"%s\")", lower);
	}
}

static void test_scsv_and_grease(void)
{
	static const uint16_t grease[] = { 0x0A0A, 0x1A1A, 0x2A2A, 0x3A3A, 0x4A4A, 0x5A5A, 0x6A6A, 0x7A7A,
					   0x8A8A, 0x9A9A, 0xAAAA, 0xBABA, 0xCACA, 0xDADA, 0xEAEA, 0xFAFA };
	size_t i;

	CU_ASSERT(suite_is_scsv(0x00FF));
	CU_ASSERT(suite_is_scsv(0x5600));
	CU_ASSERT_STRING_EQUAL(suite_find(0x00FF)->name, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
	CU_ASSERT_STRING_EQUAL(suite_find(0x5600)->name, "TLS_FALLBACK_SCSV");
	CU_ASSERT(!suite_is_scsv(0x002F));
	CU_ASSERT(!suite_is_scsv(0x0000));
	for (i = 0; i < suite_count(); i++)
		EXPECT(suite_is_scsv(suite_at(i)->id) == ends_with(suite_at(i)->name, "_SCSV"),
		       "suite_is_scsv(0x%04X)", suite_at(i)->id);

	for (i = 0; i < sizeof grease / sizeof grease[0]; i++) {
		EXPECT(grease_is(grease[i]), "grease_is(0x%04X)", grease[i]);
		EXPECT(!suite_find(grease[i]) && !ext_find(grease[i]) && !group_find(grease[i]) &&
		       !sigscheme_find(grease[i]), "GREASE 0x%04X is in a table", grease[i]);
	}
	CU_ASSERT(!grease_is(0x0A1A));
	CU_ASSERT(!grease_is(0x0A0B));
	CU_ASSERT(!grease_is(0x0B0B));
	CU_ASSERT(!grease_is(0x0000));
	CU_ASSERT(!grease_is(0x0303));
}

/* ---- every suite's fields follow from its name ---- */

/* The key exchange part of "TLS_<kx>_WITH_..." without _EXPORT/_EXPORT1024. */
static const struct { const char *part; kx_t kx; auth_t auth; } kx_parts[] = {
	{ "NULL", KX_NULL, AUTH_NULL },           { "RSA", KX_RSA, AUTH_RSA },
	{ "DH_DSS", KX_DH, AUTH_DSS },            { "DH_RSA", KX_DH, AUTH_RSA },
	{ "DHE_DSS", KX_DHE, AUTH_DSS },          { "DHE_RSA", KX_DHE, AUTH_RSA },
	{ "DH_anon", KX_DHE, AUTH_ANON },         { "KRB5", KX_KRB5, AUTH_KRB5 },
	{ "PSK", KX_PSK, AUTH_PSK },              { "DHE_PSK", KX_DHE_PSK, AUTH_PSK },
	{ "PSK_DHE", KX_DHE_PSK, AUTH_PSK },      { "RSA_PSK", KX_RSA_PSK, AUTH_RSA },
	{ "ECDHE_PSK", KX_ECDHE_PSK, AUTH_PSK },  { "ECDH_ECDSA", KX_ECDH, AUTH_ECDSA },
	{ "ECDH_RSA", KX_ECDH, AUTH_RSA },        { "ECDHE_ECDSA", KX_ECDHE, AUTH_ECDSA },
	{ "ECDHE_RSA", KX_ECDHE, AUTH_RSA },      { "ECDH_anon", KX_ECDHE, AUTH_ANON },
	{ "SRP_SHA", KX_SRP, AUTH_SRP },          { "SRP_SHA_RSA", KX_SRP, AUTH_RSA },
	{ "SRP_SHA_DSS", KX_SRP, AUTH_DSS },      { "ECCPWD", KX_ECCPWD, AUTH_PSK },
	{ "GOSTR341094", KX_GOST, AUTH_GOST },    { "GOSTR341001", KX_GOST, AUTH_GOST },
	{ "GOSTR341112_256", KX_GOST, AUTH_GOST },
};

/* The cipher's display name in suite-name spelling: "AES-128-CBC" -> "AES_128_CBC". */
static void cipher_spelling(const cipher_info_t *ci, char *out, size_t cap)
{
	size_t i;

	for (i = 0; ci->name[i] && i + 1 < cap; i++)
		out[i] = ci->name[i] == '-' ? '_' : (char)toupper((unsigned char)ci->name[i]);
	out[i] = '\0';
}

/* The MAC a suite-name suffix promises for a non-AEAD cipher. */
static bool mac_from_suffix(const char *suffix, mac_t *m)
{
	static const struct { const char *s; mac_t m; } t[] = {
		{ "NULL", MAC_NULL }, { "MD5", MAC_MD5 }, { "SHA", MAC_SHA1 }, { "SHA256", MAC_SHA256 },
		{ "SHA384", MAC_SHA384 }, { "OMAC", MAC_GOST }, { "IMIT", MAC_GOST }, { "GOSTR3411", MAC_GOST },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(suffix, t[i].s) == 0) {
			*m = t[i].m;
			return true;
		}
	return false;
}

static void check_suite_from_name(const suite_info_t *s)
{
	const cipher_info_t *ci = cipher_info(s->cipher);
	const char *with = strstr(s->name, "_WITH_");
	const char *rest, *suffix;
	char spelled[40];
	bool aead, export_name = strstr(s->name, "_EXPORT_") != NULL;
	bool mgm = strstr(s->name, "_MGM_") != NULL;   /* RFC 9367: TLS 1.3 with a TLS 1.2 style name */
	prf_hash_t want_prf = PRF_SHA256;
	size_t n;

	EXPECT(ci != NULL, "0x%04X: cipher %d has no cipher_info", s->id, (int)s->cipher);
	if (!ci)
		return;
	aead = ci->kind == CKIND_AEAD;

	if (!with || mgm) {
		/* TLS 1.3 style "TLS_<cipher>_<hash>", or a signalling value. */
		EXPECT(s->tls13 == !suite_is_scsv(s->id), "0x%04X: tls13 flag", s->id);
		if (!s->tls13)
			return;
		EXPECT(s->kx == KX_TLS13 && s->auth == AUTH_TLS13, "0x%04X: TLS 1.3 kx/auth", s->id);
		EXPECT(!s->tls12_only, "0x%04X: TLS 1.3 suite marked tls12_only", s->id);
		rest = mgm ? with + 6 : s->name + 4;
		if (strcmp(s->name, "TLS_SHA256_SHA256") == 0 || strcmp(s->name, "TLS_SHA384_SHA384") == 0) {
			/* RFC 9150: integrity only, the "AEAD" is HMAC */
			EXPECT(s->cipher == CIPHER_NULL, "0x%04X: integrity-only cipher", s->id);
			EXPECT(s->mac == (s->name[7] == '2' ? MAC_SHA256 : MAC_SHA384), "0x%04X: integrity-only MAC", s->id);
			suffix = rest + 7;
		} else {
			cipher_spelling(ci, spelled, sizeof spelled);
			n = strlen(spelled);
			EXPECT(strncmp(rest, spelled, n) == 0 && rest[n] == '_', "0x%04X: %s is not %s", s->id, s->name,
			       ci->name);
			EXPECT(aead && s->mac == MAC_AEAD, "0x%04X: TLS 1.3 suite without AEAD", s->id);
			suffix = strrchr(s->name, '_') + 1;
		}
		if (mgm)
			want_prf = PRF_GOST;    /* Streebog-256; the suffix is the rekeying profile */
		else if (strcmp(suffix, "SHA384") == 0)
			want_prf = PRF_SHA384;
		else if (strcmp(suffix, "SHA512") == 0)
			want_prf = PRF_SHA512;
		else if (strcmp(suffix, "SM3") == 0)
			want_prf = PRF_SM3;
		else
			EXPECT(strcmp(suffix, "SHA256") == 0, "0x%04X: hash suffix %s", s->id, suffix);
		EXPECT(s->prf == want_prf, "0x%04X: prf %d, want %d", s->id, (int)s->prf, (int)want_prf);
		return;
	}

	/* TLS <= 1.2 style "TLS_<kx>[_EXPORT[1024]]_WITH_<cipher>_<mac>". */
	{
		char part[40];
		size_t i, len = (size_t)(with - (s->name + 4));
		bool found = false;
		char *ex;

		CU_ASSERT_FATAL(len < sizeof part);
		memcpy(part, s->name + 4, len);
		part[len] = '\0';
		if ((ex = strstr(part, "_EXPORT")) != NULL)
			*ex = '\0';
		for (i = 0; i < sizeof kx_parts / sizeof kx_parts[0]; i++)
			if (strcmp(part, kx_parts[i].part) == 0) {
				found = true;
				EXPECT(s->kx == (ex && kx_parts[i].kx == KX_RSA ? KX_RSA_EXPORT : kx_parts[i].kx),
				       "0x%04X %s: kx %s", s->id, s->name, kx_name(s->kx));
				EXPECT(s->auth == kx_parts[i].auth, "0x%04X %s: auth %s", s->id, s->name,
				       auth_name(s->auth));
			}
		EXPECT(found, "0x%04X: no key exchange named %s", s->id, part);
		EXPECT(!s->tls13, "0x%04X: TLS 1.2 style name marked tls13", s->id);
	}

	/* "_EXPORT_" suites have an export cipher and others do not; the
	 * EXPORT1024 DES suites are the documented exception (reg_suites.c). */
	if (!strstr(s->name, "_EXPORT1024_"))
		EXPECT(ci->exportable == export_name, "0x%04X: exportable", s->id);

	rest = with + 6;
	if (strcmp(rest, "28147_CNT_IMIT") == 0) {
		EXPECT(s->cipher == CIPHER_GOST28147_CNT, "0x%04X: GOST 28147 cipher", s->id);
		suffix = "IMIT";
	} else {
		cipher_spelling(ci, spelled, sizeof spelled);
		n = strlen(spelled);
		EXPECT(strncmp(rest, spelled, n) == 0 && (rest[n] == '_' || rest[n] == '\0'),
		       "0x%04X: %s is not %s", s->id, s->name, ci->name);
		suffix = rest[n] == '_' ? rest + n + 1 : rest + n;
	}

	if (aead) {
		EXPECT(s->mac == MAC_AEAD, "0x%04X: AEAD suite with a MAC", s->id);
		EXPECT(!*suffix || strcmp(suffix, "SHA256") == 0 || strcmp(suffix, "SHA384") == 0,
		       "0x%04X: AEAD suffix %s", s->id, suffix);
	} else {
		mac_t m = MAC__COUNT;
		EXPECT(mac_from_suffix(suffix, &m) && s->mac == m, "0x%04X: MAC %s for suffix %s", s->id,
		       mac_name(s->mac), suffix);
	}

	if (s->kx == KX_GOST)
		want_prf = PRF_GOST;
	else if (ends_with(s->name, "_SHA384"))
		want_prf = PRF_SHA384;
	EXPECT(s->prf == want_prf, "0x%04X: prf %d, want %d", s->id, (int)s->prf, (int)want_prf);

	/* RFC 5246 A.5 and the later RFCs: AEAD and SHA-256/384 MACs need the
	 * TLS 1.2 PRF and record format; so do the RFC 9189 GOST suites. */
	EXPECT(s->tls12_only == (aead || s->mac == MAC_SHA256 || s->mac == MAC_SHA384 ||
				 strncmp(s->name, "TLS_GOSTR341112_256_", 20) == 0),
	       "0x%04X %s: tls12_only", s->id, s->name);
}

static void test_suite_fields_follow_names(void)
{
	size_t i;

	for (i = 0; i < suite_count(); i++) {
		const suite_info_t *s = suite_at(i);
		if ((s->id >> 8) == 0x13)
			EXPECT(s->tls13, "0x%04X: 0x13xx must be TLS 1.3", s->id);
		check_suite_from_name(s);
	}
}

/* Only the historic EXPORT1024 and CryptoPro GOST code points are
 * unofficial; everything else is IANA's. */
static void test_suite_unofficial_marked(void)
{
	size_t i;

	for (i = 0; i < suite_count(); i++) {
		const suite_info_t *s = suite_at(i);
		bool want = (s->id >= 0x0060 && s->id <= 0x0066) || (s->id >= 0x0080 && s->id <= 0x0083);
		EXPECT(s->unofficial == want, "0x%04X: unofficial flag", s->id);
	}
}

/* ---- bulk ciphers ---- */

static void test_cipher_info_consistent(void)
{
	int c;

	CU_ASSERT_PTR_NULL(cipher_info(CIPHER__COUNT));
	CU_ASSERT_PTR_NULL(cipher_info((cipher_t)-1));
	for (c = 0; c < CIPHER__COUNT; c++) {
		const cipher_info_t *ci = cipher_info((cipher_t)c);

		EXPECT(ci && ci->name && *ci->name, "cipher %d has no info", c);
		if (!ci)
			continue;
		switch (ci->kind) {
		case CKIND_NULL:
			EXPECT(!ci->key_len && !ci->fixed_iv_len && !ci->tag_len, "%s: NULL has sizes", ci->name);
			break;
		case CKIND_CBC:
			EXPECT(ci->block_len == 8 || ci->block_len == 16, "%s: block", ci->name);
			EXPECT(ci->fixed_iv_len == ci->block_len, "%s: CBC IV is one block", ci->name);
			EXPECT(!ci->record_iv_len && !ci->tag_len, "%s: CBC with nonce or tag", ci->name);
			break;
		case CKIND_STREAM:
			EXPECT(!ci->block_len && !ci->record_iv_len && !ci->tag_len, "%s: stream sizes", ci->name);
			break;
		case CKIND_AEAD:
			EXPECT(!ci->block_len, "%s: AEAD with block_len", ci->name);
			EXPECT(ci->tag_len == 16 || ci->tag_len == 8, "%s: tag %u", ci->name, ci->tag_len);
			EXPECT(ci->fixed_iv_len + ci->record_iv_len >= 8, "%s: nonce", ci->name);
			break;
		default:
			EXPECT(false, "%s: kind %d", ci->name, (int)ci->kind);
		}
		if (ci->exportable)
			EXPECT(ci->export_key_material == 5 || ci->export_key_material == 7,
			       "%s: export key material %u", ci->name, ci->export_key_material);
		else
			EXPECT(ci->export_key_material == 0, "%s: key material on a non-export cipher", ci->name);
		EXPECT(ci->export_key_material < ci->key_len || !ci->exportable, "%s: expansion", ci->name);
	}

	/* RFC 5288 3, RFC 6655 3, RFC 7905 2: the 12-byte AEAD nonces. */
	CU_ASSERT_EQUAL(cipher_info(CIPHER_AES_128_GCM)->fixed_iv_len, 4);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_AES_128_GCM)->record_iv_len, 8);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_AES_256_CCM_8)->tag_len, 8);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_CHACHA20_POLY1305)->fixed_iv_len, 12);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_CHACHA20_POLY1305)->record_iv_len, 0);
	/* RFC 2246 6.3: 5 bytes of export key material, expanded. */
	CU_ASSERT_EQUAL(cipher_info(CIPHER_RC4_40)->key_len, 16);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_RC2_CBC_40)->key_len, 16);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_DES40_CBC)->key_len, 8);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_DES40_CBC)->export_key_material, 5);
	CU_ASSERT(!cipher_info(CIPHER_RC4_128)->exportable);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_3DES_EDE_CBC)->key_len, 24);
	CU_ASSERT_EQUAL(cipher_info(CIPHER_AES_256_CBC)->block_len, 16);
}

/* ---- small lookups ---- */

static void test_small_names(void)
{
	CU_ASSERT_STRING_EQUAL(reg_version_name(VER_SSL30), "SSL 3.0");
	CU_ASSERT_STRING_EQUAL(reg_version_name(VER_TLS12), "TLS 1.2");
	CU_ASSERT_STRING_EQUAL(reg_version_name(VER_TLS13), "TLS 1.3");
	CU_ASSERT_PTR_NULL(reg_version_name(0x0A0A));
	CU_ASSERT_PTR_NULL(reg_version_name(0x0305));

	CU_ASSERT_STRING_EQUAL(kx_name(KX_RSA), "RSA");
	CU_ASSERT_STRING_EQUAL(kx_name(KX_ECDHE_PSK), "ECDHE_PSK");
	CU_ASSERT_STRING_EQUAL(kx_name(KX_TLS13), "TLS13");
	CU_ASSERT_STRING_EQUAL(kx_name(KX__COUNT), "unknown");
	CU_ASSERT_STRING_EQUAL(auth_name(AUTH_ANON), "anon");

	CU_ASSERT_EQUAL(reg_mac_len(MAC_MD5), 16);
	CU_ASSERT_EQUAL(reg_mac_len(MAC_SHA1), 20);
	CU_ASSERT_EQUAL(reg_mac_len(MAC_SHA256), 32);
	CU_ASSERT_EQUAL(reg_mac_len(MAC_SHA384), 48);
	CU_ASSERT_EQUAL(reg_mac_len(MAC_AEAD), 0);
	CU_ASSERT_EQUAL(reg_mac_len(MAC_NULL), 0);
	CU_ASSERT_EQUAL(reg_mac_len(MAC__COUNT), 0);
	CU_ASSERT_STRING_EQUAL(mac_name(MAC__COUNT), "unknown");

	CU_ASSERT_STRING_EQUAL(hs_type_name(HS_HELLO_REQUEST), "HelloRequest");
	CU_ASSERT_STRING_EQUAL(hs_type_name(HS_CLIENT_HELLO), "ClientHello");
	CU_ASSERT_STRING_EQUAL(hs_type_name(HS_END_OF_EARLY_DATA), "EndOfEarlyData");
	CU_ASSERT_STRING_EQUAL(hs_type_name(HS_CERTIFICATE_URL), "CertificateURL");
	CU_ASSERT_STRING_EQUAL(hs_type_name(HS_MESSAGE_HASH), "MessageHash");
	CU_ASSERT_PTR_NULL(hs_type_name(7));
	CU_ASSERT_PTR_NULL(hs_type_name(255));

	CU_ASSERT_STRING_EQUAL(content_type_name(CT_CHANGE_CIPHER_SPEC), "ChangeCipherSpec");
	CU_ASSERT_STRING_EQUAL(content_type_name(CT_APPLICATION_DATA), "ApplicationData");
	CU_ASSERT_STRING_EQUAL(content_type_name(CT_HEARTBEAT), "Heartbeat");
	CU_ASSERT_PTR_NULL(content_type_name(25));
	CU_ASSERT_PTR_NULL(content_type_name(0));
}

/* ---- extensions, alerts, groups, signature schemes ---- */

static void test_extensions(void)
{
	size_t i;

	CU_ASSERT_STRING_EQUAL(ext_find(0)->name, "server_name");
	CU_ASSERT_STRING_EQUAL(ext_find(23)->name, "extended_master_secret");
	CU_ASSERT_STRING_EQUAL(ext_find(43)->name, "supported_versions");
	CU_ASSERT_STRING_EQUAL(ext_find(51)->name, "key_share");
	CU_ASSERT_STRING_EQUAL(ext_find(0xFF01)->name, "renegotiation_info");
	CU_ASSERT_STRING_EQUAL(ext_find(0x3374)->name, "next_protocol_negotiation");
	CU_ASSERT_STRING_EQUAL(ext_find(0xFE0D)->name, "encrypted_client_hello");
	CU_ASSERT_PTR_NULL(ext_find(40));
	CU_ASSERT_PTR_NULL(ext_find(0x0A0A));
	CU_ASSERT_PTR_NULL(ext_find(0xFFFF));
	for (i = 0; i < ext_count(); i++)
		EXPECT(*ext_at(i)->name && ext_at(i)->rfc && *ext_at(i)->rfc, "extension %u", ext_at(i)->id);
}

static void test_alerts_explained(void)
{
	size_t i;

	CU_ASSERT_STRING_EQUAL(alert_find(0)->name, "close_notify");
	CU_ASSERT_STRING_EQUAL(alert_find(40)->name, "handshake_failure");
	CU_ASSERT_STRING_EQUAL(alert_find(86)->name, "inappropriate_fallback");
	CU_ASSERT_STRING_EQUAL(alert_find(116)->name, "certificate_required");
	CU_ASSERT_PTR_NULL(alert_find(1));
	CU_ASSERT_PTR_NULL(alert_find(255));
	for (i = 0; i < alert_count(); i++) {
		const alert_info_t *a = alert_at(i);
		size_t n = a->explain ? strlen(a->explain) : 0;

		EXPECT(n > 20 && a->explain[n - 1] == '.', "alert %s: explain must be a sentence ending in '.'",
		       a->name);
		EXPECT(n && isupper((unsigned char)a->explain[0]), "alert %s: explain starts lowercase", a->name);
		EXPECT(n && !strstr(a->explain, ". ") && !strchr(a->explain, '\n'),
		       "alert %s: explain is more than one sentence", a->name);
	}
}

static void test_groups_and_sigschemes(void)
{
	size_t i, j;

	CU_ASSERT_STRING_EQUAL(group_find(0x001D)->name, "x25519");
	CU_ASSERT_STRING_EQUAL(group_find(0x0017)->name, "secp256r1");
	CU_ASSERT_EQUAL(group_find(0x0017)->bits, 256);
	CU_ASSERT_EQUAL(group_find(0x0018)->kind, GROUP_EC);
	CU_ASSERT_EQUAL(group_find(0x0100)->kind, GROUP_FF);
	CU_ASSERT_EQUAL(group_find(0x0104)->bits, 8192);
	CU_ASSERT_EQUAL(group_find(0x11EC)->kind, GROUP_HYBRID);
	CU_ASSERT_STRING_EQUAL(group_find(0x11EC)->name, "X25519MLKEM768");
	CU_ASSERT_STRING_EQUAL(group_find(0x6399)->name, "X25519Kyber768Draft00");
	CU_ASSERT_PTR_NULL(group_find(0));
	CU_ASSERT_PTR_NULL(group_find(0x0105));

	CU_ASSERT_STRING_EQUAL(sigscheme_find(0x0804)->name, "rsa_pss_rsae_sha256");
	CU_ASSERT_STRING_EQUAL(sigscheme_find(0x0403)->name, "ecdsa_secp256r1_sha256");
	CU_ASSERT_STRING_EQUAL(sigscheme_find(0x0201)->name, "rsa_pkcs1_sha1");
	CU_ASSERT_STRING_EQUAL(sigscheme_find(0x0202)->name, "dsa_sha1");
	CU_ASSERT_STRING_EQUAL(sigscheme_find(0x0101)->name, "rsa_pkcs1_md5");
	CU_ASSERT_STRING_EQUAL(sigscheme_find(0x0807)->name, "ed25519");
	CU_ASSERT_PTR_NULL(sigscheme_find(0x0000));
	CU_ASSERT_PTR_NULL(sigscheme_find(0x0104));   /* hash md5 with signature byte 4: no such pair */

	/* names are unique within each table */
	for (i = 0; i < group_count(); i++)
		for (j = i + 1; j < group_count(); j++)
			EXPECT(strcmp(group_at(i)->name, group_at(j)->name) != 0, "group name %s twice",
			       group_at(i)->name);
	for (i = 0; i < sigscheme_count(); i++)
		for (j = i + 1; j < sigscheme_count(); j++)
			EXPECT(strcmp(sigscheme_at(i)->name, sigscheme_at(j)->name) != 0, "scheme name %s twice",
			       sigscheme_at(i)->name);
	for (i = 0; i < ext_count(); i++)
		for (j = i + 1; j < ext_count(); j++)
			EXPECT(strcmp(ext_at(i)->name, ext_at(j)->name) != 0, "extension name %s twice", ext_at(i)->name);
	for (i = 0; i < alert_count(); i++)
		for (j = i + 1; j < alert_count(); j++)
			EXPECT(strcmp(alert_at(i)->name, alert_at(j)->name) != 0, "alert name %s twice", alert_at(i)->name);
}

/* ---- the oracle: Wireshark's value tables ----
 *
 * `tshark -G values` prints "V\t<field>\t<value>\t<string>" for every value
 * string of every field.  tshark is a required test dependency (Makefile
 * TEST_DEBS): without it these tests fail, they do not skip. */

typedef struct {
	const char *field;
	unsigned id;
	char name[96];
} ws_value_t;

static ws_value_t ws_values[2048];
static size_t ws_count;
static int ws_loaded;       /* 0 not yet, 1 loaded, -1 tshark failed */

static const char *const ws_fields[] = {
	"tls.handshake.ciphersuite", "tls.handshake.extension.type", "tls.alert_message.desc",
	"tls.handshake.extensions_supported_group", "tls.handshake.sig_hash_alg",
};

static int ws_load(void)
{
	char line[512];
	FILE *p;

	if (ws_loaded)
		return ws_loaded;
	ws_loaded = -1;
	p = popen("tshark -G values 2>/dev/null", "r");
	if (!p)
		return ws_loaded;
	while (fgets(line, sizeof line, p)) {
		char *f, *v, *name, *save = NULL;
		size_t i;

		if (strncmp(line, "V\ttls.", 6) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		strtok_r(line, "\t", &save);
		f = strtok_r(NULL, "\t", &save);
		v = strtok_r(NULL, "\t", &save);
		name = strtok_r(NULL, "", &save);
		if (!f || !v || !name)
			continue;
		for (i = 0; i < sizeof ws_fields / sizeof ws_fields[0]; i++)
			if (strcmp(f, ws_fields[i]) == 0 && ws_count < sizeof ws_values / sizeof ws_values[0]) {
				ws_value_t *w = &ws_values[ws_count++];
				w->field = ws_fields[i];
				w->id = (unsigned)strtoul(v, NULL, 0);
				snprintf(w->name, sizeof w->name, "%s", name);
			}
	}
	if (pclose(p) == 0 && ws_count > 0)
		ws_loaded = 1;
	return ws_loaded;
}

/* Runs fn on every Wireshark value of a field; fails if there are none. */
static void ws_each(const char *field, void (*fn)(const ws_value_t *))
{
	size_t i, n = 0;

	if (ws_load() != 1) {
		CU_FAIL("tshark -G values failed: tshark is required for these tests (apt-get install tshark)");
		return;
	}
	for (i = 0; i < ws_count; i++)
		if (strcmp(ws_values[i].field, field) == 0) {
			fn(&ws_values[i]);
			n++;
		}
	EXPECT(n > 0, "tshark knows no values for %s", field);
}

/* Suites Wireshark names that the table leaves out, and why. */
static const struct { uint16_t lo, hi; const char *why; } ws_suites_left_out[] = {
	{ 0x001C, 0x001D, "SSL 3.0 FORTEZZA; IANA reserves these ids, no FORTEZZA cipher here" },
	{ 0xC0FF, 0xC0FF, "ECJPAKE draft (not IANA); its key exchange is not modelled" },
	{ 0xCC13, 0xCC15, "pre-RFC 7905 ChaCha20 drafts (not IANA); different nonce, must not look like RFC 7905" },
	{ 0xE001, 0xE05A, "Chinese GM/T 0024 suites with SM1/SM4-CBC (not IANA); ciphers not modelled" },
	{ 0xE410, 0xE41F, "Salsa20 draft suites (not IANA); cipher not modelled" },
	{ 0xFEFE, 0xFEFF, "Netscape SSL 3.0 FIPS suites in private-use space; two ids share each name" },
	{ 0xFFE0, 0xFFE1, "Netscape SSL 3.0 FIPS suites in private-use space; two ids share each name" },
};

static void ws_check_suite(const ws_value_t *w)
{
	const suite_info_t *s;
	size_t i;

	if (grease_is((uint16_t)w->id))
		return;
	for (i = 0; i < sizeof ws_suites_left_out / sizeof ws_suites_left_out[0]; i++)
		if (w->id >= ws_suites_left_out[i].lo && w->id <= ws_suites_left_out[i].hi) {
			EXPECT(!suite_find((uint16_t)w->id), "0x%04X is listed as left out but is in the table", w->id);
			return;
		}
	s = suite_find((uint16_t)w->id);
	EXPECT(s != NULL, "Wireshark knows suite 0x%04X %s, we do not", w->id, w->name);
	if (s)
		EXPECT(strcmp(s->name, w->name) == 0, "suite 0x%04X: we say %s, Wireshark says %s", w->id, s->name,
		       w->name);
}

static void test_oracle_suites(void)
{
	ws_each("tls.handshake.ciphersuite", ws_check_suite);
}

/* Extension ids (names are styled differently, so ids only). */
static void ws_check_ext(const ws_value_t *w)
{
	/* IANA lists 40 and 46 as "Reserved": TLS 1.3 drafts used them for
	 * key_share and ticket_early_data_info. */
	if (w->id >= 0xFF02 || grease_is((uint16_t)w->id) || w->id == 40 || w->id == 46)
		return;
	EXPECT(ext_find((uint16_t)w->id) != NULL, "Wireshark knows extension %u (%s), we do not", w->id, w->name);
}

static void test_oracle_extensions(void)
{
	ws_each("tls.handshake.extension.type", ws_check_ext);
}

/* Wireshark spells "Close Notify"; we spell close_notify (and keep RFC
 * 5246's _RESERVED suffixes).  Compare lowercased with '_' for ' '. */
static void ws_check_alert(const ws_value_t *w)
{
	const alert_info_t *a;
	char ours[96], theirs[96];
	size_t i;

	/* end_of_early_data(1) was an alert in early TLS 1.3 drafts, replaced
	 * by the EndOfEarlyData handshake message; IANA never had it. */
	if (w->id == 1)
		return;
	a = alert_find((uint8_t)w->id);
	EXPECT(w->id < 256 && a != NULL, "Wireshark knows alert %u (%s), we do not", w->id, w->name);
	if (!a)
		return;
	snprintf(ours, sizeof ours, "%s", a->name);
	if (ends_with(ours, "_RESERVED"))
		ours[strlen(ours) - 9] = '\0';
	for (i = 0; w->name[i] && i + 1 < sizeof theirs; i++)
		theirs[i] = w->name[i] == ' ' ? '_' : (char)tolower((unsigned char)w->name[i]);
	theirs[i] = '\0';
	EXPECT(strcmp(ours, theirs) == 0, "alert %u: we say %s, Wireshark says %s", w->id, a->name, w->name);
}

static void test_oracle_alerts(void)
{
	ws_each("tls.alert_message.desc", ws_check_alert);
}

/* Groups and signature schemes: Wireshark 4.0 also lists the Open Quantum
 * Safe project's experimental ids (groups 0x0200-0x2FFF, schemes
 * 0xFE00-0xFEFF); IANA has since given 0x0200-0x0202 to ML-KEM, so only
 * the ranges both agree on are compared, by exact name. */
static void ws_check_group(const ws_value_t *w)
{
	const group_info_t *g;

	if ((w->id >= 0x0200 && w->id < 0xFF00) || grease_is((uint16_t)w->id))
		return;
	g = group_find((uint16_t)w->id);
	EXPECT(g && streq(g->name, w->name), "group 0x%04X: we say %s, Wireshark says %s", w->id,
	       g ? g->name : "nothing", w->name);
}

static void test_oracle_groups(void)
{
	ws_each("tls.handshake.extensions_supported_group", ws_check_group);
}

static void ws_check_sigscheme(const ws_value_t *w)
{
	const sigscheme_info_t *s;

	if (w->id >= 0xFE00 || grease_is((uint16_t)w->id))
		return;
	s = sigscheme_find((uint16_t)w->id);
	EXPECT(s && streq(s->name, w->name), "signature scheme 0x%04X: we say %s, Wireshark says %s", w->id,
	       s ? s->name : "nothing", w->name);
}

static void test_oracle_sigschemes(void)
{
	ws_each("tls.handshake.sig_hash_alg", ws_check_sigscheme);
}

static const test_case_t cases[] = {
	{ "tables sorted, ids unique", test_tables_sorted_and_unique },
	{ "find agrees with at", test_find_agrees_with_at },
	{ "suite: known ids", test_suite_known_ids },
	{ "suite: unknown ids and names", test_suite_unknown_ids },
	{ "suite: by name round trip", test_suite_by_name_round_trip },
	{ "suite: SCSV and GREASE", test_scsv_and_grease },
	{ "suite: fields follow the name", test_suite_fields_follow_names },
	{ "suite: unofficial ones marked", test_suite_unofficial_marked },
	{ "cipher info consistent", test_cipher_info_consistent },
	{ "versions, kx, mac, handshake and content names", test_small_names },
	{ "extensions", test_extensions },
	{ "alerts: one explained sentence each", test_alerts_explained },
	{ "groups and signature schemes", test_groups_and_sigschemes },
	{ "oracle: tshark cipher suites", test_oracle_suites },
	{ "oracle: tshark extensions", test_oracle_extensions },
	{ "oracle: tshark alerts", test_oracle_alerts },
	{ "oracle: tshark groups", test_oracle_groups },
	{ "oracle: tshark signature schemes", test_oracle_sigschemes },
	{ NULL, NULL }
};

const test_suite_t test_registry_suite = { "registry", cases };
