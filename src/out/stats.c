/* stats.c - one report over a whole capture (see stats.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "stats.h"
#include "base/vec.h"
#include "jsonw.h"
#include "base/strfmt.h"
#include "tls/x509.h"
#include "trace/fingerprint.h"

#define STATS_SLOTS (2 * STATS_KEYS_MAX)   /* open addressing, at most half full */
#define STATS_30_DAYS (30 * 24 * 3600)

/* ---- a counting table: string -> count, bounded ---- */

typedef struct {
	char *key;               /* owned */
	uint32_t hash;
	uint64_t count;
} stats_entry_t;

typedef struct {
	stats_entry_t *e;        /* owned, n used */
	size_t n, cap;
	uint32_t *slots;         /* owned, STATS_SLOTS: index + 1 into e, 0 empty; NULL until used */
	uint64_t untracked;      /* values met when the table was full */
} stats_tab_t;

static uint32_t stats_hash(const char *s)
{
	uint32_t h = 2166136261u;   /* FNV-1a */

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

/* Finds or adds key; NULL when full (counted untracked) or out of memory. */
static stats_entry_t *stats_tab_get(stats_tab_t *t, const char *key, bool *nomem)
{
	uint32_t h = stats_hash(key), i;

	if (!t->slots && !(t->slots = calloc(STATS_SLOTS, sizeof *t->slots))) {
		*nomem = true;
		return NULL;
	}
	for (i = h % STATS_SLOTS; t->slots[i]; i = (i + 1) % STATS_SLOTS) {
		stats_entry_t *e = &t->e[t->slots[i] - 1];
		if (e->hash == h && strcmp(e->key, key) == 0)
			return e;
	}
	if (t->n == STATS_KEYS_MAX) {
		t->untracked++;
		return NULL;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		stats_entry_t *g = realloc(t->e, cap * sizeof *g);
		if (!g) {
			*nomem = true;
			return NULL;
		}
		t->e = g;
		t->cap = cap;
	}
	t->e[t->n] = (stats_entry_t){ strdup(key), h, 0 };
	if (!t->e[t->n].key) {
		*nomem = true;
		return NULL;
	}
	t->slots[i] = (uint32_t)++t->n;
	return &t->e[t->n - 1];
}

static void stats_count(stats_tab_t *t, const char *key, bool *nomem)
{
	stats_entry_t *e = stats_tab_get(t, key, nomem);

	if (e)
		e->count++;
}

static void stats_tab_free(stats_tab_t *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->e[i].key);
	free(t->e);
	free(t->slots);
}

/* Most frequent first, then by key: a stable order for the report. */
static int stats_cmp_entry(const void *a, const void *b)
{
	const stats_entry_t *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* ---- what is weak: a table indexed by an enum ---- */

typedef enum {
	W_SSL3, W_TLS10, W_TLS11, W_RC4, W_3DES, W_EXPORT, W_NULL, W_RSA_KX, W_SHA1_MD5_SIG,
	W_RSA_UNDER_2048, W_DH_UNDER_2048, W_NO_RFC5746, W_DTLS10, W__COUNT
} stats_weak_t;

static const struct {
	const char *id;          /* the JSON key */
	const char *what;        /* the text report's words */
} stats_weak_info[W__COUNT] = {
	[W_SSL3]           = { "ssl3", "SSL 3.0 negotiated" },
	[W_TLS10]          = { "tls10", "TLS 1.0 negotiated" },
	[W_TLS11]          = { "tls11", "TLS 1.1 negotiated" },
	[W_RC4]            = { "rc4", "RC4 suite chosen" },
	[W_3DES]           = { "3des", "3DES suite chosen" },
	[W_EXPORT]         = { "export", "export suite chosen" },
	[W_NULL]           = { "null_cipher", "NULL cipher (no encryption) chosen" },
	[W_RSA_KX]         = { "rsa_key_exchange", "RSA key exchange (no forward secrecy)" },
	[W_SHA1_MD5_SIG]   = { "sha1_md5_signature", "SHA-1 or MD5 signature (certificate or handshake)" },
	[W_RSA_UNDER_2048] = { "rsa_key_under_2048", "server RSA key under 2048 bits" },
	[W_DH_UNDER_2048]  = { "dh_under_2048", "finite-field DH group under 2048 bits" },
	[W_NO_RFC5746]     = { "no_secure_renegotiation", "no secure renegotiation (RFC 5746: no renegotiation_info or SCSV)" },
	[W_DTLS10]         = { "dtls10", "DTLS 1.0 negotiated (based on TLS 1.1)" },
};

typedef struct {
	uint64_t count;
	unsigned ids[STATS_IDS_MAX];   /* the first connections concerned */
	size_t nids;
	bool more;               /* more connections than ids holds */
} stats_ids_t;

static void stats_ids_add(stats_ids_t *w, unsigned id)
{
	w->count++;
	if (w->nids && w->ids[w->nids - 1] == id)
		return;          /* a renegotiation of the same connection */
	if (w->nids < STATS_IDS_MAX)
		w->ids[w->nids++] = id;
	else
		w->more = true;
}

/* ---- certificates ---- */

typedef struct {
	char sha256[65];
	x509_facts_t f;
	bool readable;
	double first_seen;       /* capture time of the first Certificate carrying it */
	bool expired, expiring;  /* at that time: past not_after, or within 30 days of it */
	stats_ids_t seen;        /* handshakes that presented it */
} stats_cert_t;

struct stats {
	uint64_t handshakes;
	stats_tab_t versions, suites, kx, outcomes;
	stats_tab_t fail_step, fail_side, fail_alert, fail_reason;
	stats_tab_t sni, ja4;
	stats_ids_t weak[W__COUNT];
	stats_cert_t *certs;     /* owned, ncerts used */
	size_t ncerts, certs_cap;
	uint32_t *cert_slots;    /* owned, STATS_SLOTS, like stats_tab_t's */
	uint64_t certs_untracked;
	fp_t fp;                 /* reused for each handshake */
};

stats_t *stats_new(void)
{
	return calloc(1, sizeof(stats_t));
}

void stats_free(stats_t *s)
{
	if (!s)
		return;
	stats_tab_free(&s->versions);
	stats_tab_free(&s->suites);
	stats_tab_free(&s->kx);
	stats_tab_free(&s->outcomes);
	stats_tab_free(&s->fail_step);
	stats_tab_free(&s->fail_side);
	stats_tab_free(&s->fail_alert);
	stats_tab_free(&s->fail_reason);
	stats_tab_free(&s->sni);
	stats_tab_free(&s->ja4);
	for (size_t i = 0; i < s->ncerts; i++)
		x509_facts_free(&s->certs[i].f);
	free(s->certs);
	free(s->cert_slots);
	fp_free(&s->fp);
	free(s);
}

/* Finds or adds the certificate der; NULL when the list is full or out of memory. */
static stats_cert_t *stats_cert(stats_t *s, slice_t der, double when, bool *nomem)
{
	const char *unreadable;
	char sha[65];
	uint32_t i;
	stats_cert_t *c;

	fp_cert_sha256(der, sha);
	if (!s->cert_slots && !(s->cert_slots = calloc(STATS_SLOTS, sizeof *s->cert_slots))) {
		*nomem = true;
		return NULL;
	}
	for (i = stats_hash(sha) % STATS_SLOTS; s->cert_slots[i]; i = (i + 1) % STATS_SLOTS)
		if (strcmp(s->certs[s->cert_slots[i] - 1].sha256, sha) == 0)
			return &s->certs[s->cert_slots[i] - 1];
	if (s->ncerts == STATS_CERTS_MAX) {
		s->certs_untracked++;
		return NULL;
	}
	c = vec_grow(s->certs, &s->certs_cap, s->ncerts + 1, sizeof *c);
	if (!c) {
		*nomem = true;
		return NULL;
	}
	s->certs = c;
	c = &s->certs[s->ncerts];
	memset(c, 0, sizeof *c);
	memcpy(c->sha256, sha, sizeof sha);
	c->readable = x509_facts(der, &c->f, &unreadable) == ERR_OK;
	c->first_seen = when;
	if (c->readable && c->f.not_after != (time_t)-1) {
		c->expired = (double)c->f.not_after < when;
		c->expiring = !c->expired && (double)c->f.not_after < when + STATS_30_DAYS;
	}
	s->cert_slots[i] = (uint32_t)++s->ncerts;
	return c;
}

/* RFC 5246 7.4.1.4.1: HashAlgorithm md5(1), sha1(2) in the high byte of a
 * TLS 1.2 signature scheme (rsa_pkcs1_sha1 0x0201, ecdsa_sha1 0x0203, ...). */
static bool stats_weak_scheme(uint16_t scheme)
{
	return (scheme >> 8 == 1 || scheme >> 8 == 2) && (scheme & 0xff) >= 1 && (scheme & 0xff) <= 3;
}

/* The bits of a big-endian unsigned integer (a DH prime). */
static unsigned stats_bits(slice_t p)
{
	size_t i = 0;
	unsigned b;

	while (i < p.len && p.ptr[i] == 0)
		i++;
	if (i == p.len)
		return 0;
	for (b = 8; b && !(p.ptr[i] & (1u << (b - 1))); b--)
		;
	return (unsigned)(p.len - i - 1) * 8 + b;
}

static bool stats_has(const uint16_t *v, size_t n, uint16_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* The messages of h: the weak signatures, the certificates, the DH prime,
 * RFC 5746; *ch and *sh receive the first ClientHello and the ServerHello. */
static void stats_messages(stats_t *s, const conn_t *c, const handshake_t *h, bool weak[W__COUNT], bool *nomem)
{
	const msg_t *ch = NULL, *sh = NULL;
	size_t i, k;

	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type != CT_HANDSHAKE || m->opaque || m->unparsed)
			continue;
		switch (m->hs_type) {
		case HS_CLIENT_HELLO:
			if (!ch)
				ch = m;
			break;
		case HS_SERVER_HELLO:
			if (!m->hello.is_hrr)
				sh = m;
			break;
		case HS_SERVER_KEY_EXCHANGE:
			weak[W_SHA1_MD5_SIG] |= stats_weak_scheme(m->sig_scheme);
			if (m->dh_p.len && stats_bits(msg_span(m, m->dh_p)) < 2048)
				weak[W_DH_UNDER_2048] = true;
			break;
		case HS_CERTIFICATE_VERIFY:
			weak[W_SHA1_MD5_SIG] |= stats_weak_scheme(m->sig_scheme);
			break;
		case HS_CERTIFICATE:
			if (m->sender != SIDE_SERVER)
				break;
			for (k = 0; k < m->ncerts; k++) {
				stats_cert_t *sc = stats_cert(s, msg_span(m, m->certs[k]), m->time, nomem);
				if (!sc)
					continue;
				stats_ids_add(&sc->seen, c->id);
				if (k == 0 && sc->readable) {   /* the server's own certificate */
					weak[W_SHA1_MD5_SIG] |= sc->f.sig_sha1 || sc->f.sig_md5;
					weak[W_RSA_UNDER_2048] |= strcmp(sc->f.key_alg, "RSA") == 0 && sc->f.key_bits &&
								  sc->f.key_bits < 2048;
				}
			}
			break;
		default:
			break;
		}
	}
	/* RFC 5746 3.4/3.6: the client signals with renegotiation_info or the
	 * SCSV, the server answers with renegotiation_info; TLS 1.3 has no
	 * renegotiation. */
	if (ch && h->version != VER_TLS13 && !(sh && sh->hello.selected_version == VER_TLS13)) {
		bool client = stats_has(ch->hello.exts, ch->hello.nexts, 0xff01) ||
			      stats_has(ch->hello.suites, ch->hello.nsuites, 0x00ff);
		bool server = !sh || stats_has(sh->hello.exts, sh->hello.nexts, 0xff01);
		weak[W_NO_RFC5746] = !client || !server;
	}
	if (ch && ch->hello.sni)
		stats_count(&s->sni, ch->hello.sni, nomem);
}

err_t stats_add(stats_t *s, const conn_t *c, const handshake_t *h)
{
	bool nomem = false, weak[W__COUNT] = { false };
	const char *kx = handshake_kx_name(h);
	char num[16];
	int w;

	s->handshakes++;
	stats_count(&s->versions, h->version ? (h->dtls_version ? handshake_version_name(h) : reg_version_name(h->version)) : "none", &nomem);
	if (h->suite)
		stats_count(&s->suites, h->suite->name, &nomem);
	else if (h->suite_id) {
		snprintf(num, sizeof num, "0x%04x", h->suite_id);
		stats_count(&s->suites, num, &nomem);
	} else {
		stats_count(&s->suites, "none", &nomem);
	}
	stats_count(&s->kx, kx ? kx : "none", &nomem);
	stats_count(&s->outcomes, outcome_name(h->outcome), &nomem);
	if (h->failure.failed) {
		const alert_info_t *a = h->failure.alert >= 0 ? alert_find((uint8_t)h->failure.alert) : NULL;
		snprintf(num, sizeof num, "%d", h->failure.step);
		stats_count(&s->fail_step, num, &nomem);
		stats_count(&s->fail_side, model_side_name(h->failure.sender), &nomem);
		stats_count(&s->fail_alert, a ? a->name : h->failure.alert >= 0 ? "unknown" : "none", &nomem);
		stats_count(&s->fail_reason, h->failure.reason ? h->failure.reason : "", &nomem);
	}
	weak[W_SSL3] = h->version == VER_SSL30;
	weak[W_TLS10] = h->version == VER_TLS10;
	weak[W_TLS11] = h->version == VER_TLS11 && !h->dtls_version;
	weak[W_DTLS10] = h->dtls_version == VER_DTLS10;   /* RFC 8996 deprecates it with TLS 1.1 */
	if (h->suite && h->suite_id) {
		const cipher_info_t *ci = cipher_info(h->suite->cipher);
		weak[W_RC4] = h->suite->cipher == CIPHER_RC4_40 || h->suite->cipher == CIPHER_RC4_56 ||
			      h->suite->cipher == CIPHER_RC4_128;
		weak[W_3DES] = h->suite->cipher == CIPHER_3DES_EDE_CBC;
		weak[W_EXPORT] = (ci && ci->exportable) || h->suite->kx == KX_RSA_EXPORT;
		weak[W_NULL] = h->suite->cipher == CIPHER_NULL;
		weak[W_RSA_KX] = h->suite->kx == KX_RSA || h->suite->kx == KX_RSA_EXPORT;
	}
	stats_messages(s, c, h, weak, &nomem);
	if (fp_handshake(h, &s->fp) != ERR_OK)
		nomem = true;
	else if (s->fp.ja4[0])
		stats_count(&s->ja4, s->fp.ja4, &nomem);
	for (w = 0; w < W__COUNT; w++)
		if (weak[w])
			stats_ids_add(&s->weak[w], c->id);
	return nomem ? ERR_NOMEM : ERR_OK;
}

/* ---- the report ---- */

/* The entries of t sorted for showing (a copy: the table keeps its order). */
static stats_entry_t *stats_sorted(const stats_tab_t *t)
{
	stats_entry_t *v = malloc((t->n ? t->n : 1) * sizeof *v);

	if (v && t->n) {
		memcpy(v, t->e, t->n * sizeof *v);
		qsort(v, t->n, sizeof *v, stats_cmp_entry);
	}
	return v;
}

static void stats_time(time_t t, char out[32])
{
	struct tm tm;

	if (t == (time_t)-1 || !gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "unknown");
}

typedef struct {
	const char *json, *title;
	size_t off;              /* offsetof(stats_t, the table) */
	size_t limit;            /* 0: all; else the top so many */
} stats_tab_info_t;

#define STATS_TAB(j, t, f, l) { j, t, offsetof(stats_t, f), l }
static const stats_tab_info_t stats_tabs[] = {
	STATS_TAB("versions", "Handshakes by version", versions, 0),
	STATS_TAB("cipher_suites", "By cipher suite", suites, 0),
	STATS_TAB("key_exchanges", "By key exchange", kx, 0),
	STATS_TAB("outcomes", "By outcome", outcomes, 0),
	STATS_TAB("failure_steps", "Failures by step", fail_step, 0),
	STATS_TAB("failure_sides", "Failures by side (who gave up)", fail_side, 0),
	STATS_TAB("failure_alerts", "Failures by alert", fail_alert, 0),
	STATS_TAB("failure_reasons", "Failures by reason", fail_reason, 0),
	STATS_TAB("server_names", "Most frequent server names (SNI)", sni, STATS_TOP),
	STATS_TAB("ja4", "Most frequent JA4", ja4, STATS_TOP),
};

static const stats_tab_t *stats_tab_at(const stats_t *s, size_t i)
{
	return (const stats_tab_t *)((const char *)s + stats_tabs[i].off);
}

err_t stats_json(const stats_t *s, buf_t *out)
{
	jsonw_t w;
	size_t i, k, n;
	int x;

	jsonw_init(&w, out);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "format");
	jsonw_int(&w, 1);
	jsonw_key(&w, "handshakes");
	jsonw_uint(&w, s->handshakes);
	for (i = 0; i < sizeof stats_tabs / sizeof stats_tabs[0]; i++) {
		const stats_tab_t *t = stats_tab_at(s, i);
		stats_entry_t *v = stats_sorted(t);
		if (!v)
			return ERR_NOMEM;
		n = stats_tabs[i].limit && t->n > stats_tabs[i].limit ? stats_tabs[i].limit : t->n;
		jsonw_key(&w, stats_tabs[i].json);
		jsonw_obj_begin(&w);
		jsonw_key(&w, "distinct");
		jsonw_uint(&w, t->n);
		jsonw_key(&w, "untracked");
		jsonw_uint(&w, t->untracked);
		jsonw_key(&w, "counts");
		jsonw_arr_begin(&w);
		for (k = 0; k < n; k++) {
			jsonw_obj_begin(&w);
			jsonw_key(&w, "value");
			jsonw_str(&w, v[k].key);
			jsonw_key(&w, "count");
			jsonw_uint(&w, v[k].count);
			jsonw_obj_end(&w);
		}
		jsonw_arr_end(&w);
		jsonw_obj_end(&w);
		free(v);
	}
	jsonw_key(&w, "certificates");
	jsonw_obj_begin(&w);
	jsonw_key(&w, "untracked");
	jsonw_uint(&w, s->certs_untracked);
	jsonw_key(&w, "list");
	jsonw_arr_begin(&w);
	for (k = 0; k < s->ncerts; k++) {
		const stats_cert_t *c = &s->certs[k];
		char t[32];
		jsonw_obj_begin(&w);
		jsonw_key(&w, "sha256");
		jsonw_str(&w, c->sha256);
		jsonw_key(&w, "subject");
		jsonw_str(&w, c->readable ? c->f.subject : NULL);
		jsonw_key(&w, "issuer");
		jsonw_str(&w, c->readable ? c->f.issuer : NULL);
		stats_time(c->f.not_before, t);
		jsonw_key(&w, "not_before");
		jsonw_str(&w, c->readable ? t : NULL);
		stats_time(c->f.not_after, t);
		jsonw_key(&w, "not_after");
		jsonw_str(&w, c->readable ? t : NULL);
		jsonw_key(&w, "key_type");
		jsonw_str(&w, c->readable && c->f.key_alg[0] ? c->f.key_alg : NULL);
		jsonw_key(&w, "key_bits");
		if (c->readable && c->f.key_bits)
			jsonw_uint(&w, c->f.key_bits);
		else
			jsonw_null(&w);
		jsonw_key(&w, "signature_algorithm");
		jsonw_str(&w, c->readable ? c->f.sig_alg : NULL);
		jsonw_key(&w, "expired");
		jsonw_bool(&w, c->expired);
		jsonw_key(&w, "expires_within_30_days");
		jsonw_bool(&w, c->expiring);
		jsonw_key(&w, "handshakes");
		jsonw_uint(&w, c->seen.count);
		jsonw_key(&w, "connections");
		jsonw_arr_begin(&w);
		for (i = 0; i < c->seen.nids; i++)
			jsonw_uint(&w, c->seen.ids[i]);
		jsonw_arr_end(&w);
		jsonw_obj_end(&w);
	}
	jsonw_arr_end(&w);
	jsonw_obj_end(&w);
	jsonw_key(&w, "weak");
	jsonw_obj_begin(&w);
	for (x = 0; x < W__COUNT; x++) {
		jsonw_key(&w, stats_weak_info[x].id);
		jsonw_obj_begin(&w);
		jsonw_key(&w, "count");
		jsonw_uint(&w, s->weak[x].count);
		jsonw_key(&w, "connections");
		jsonw_arr_begin(&w);
		for (i = 0; i < s->weak[x].nids; i++)
			jsonw_uint(&w, s->weak[x].ids[i]);
		jsonw_arr_end(&w);
		jsonw_obj_end(&w);
	}
	jsonw_obj_end(&w);
	jsonw_obj_end(&w);
	if (buf_append(out, "\n", 1) != ERR_OK || w.failed)
		return ERR_NOMEM;
	return ERR_OK;
}

static bool stats_ids_text(buf_t *out, const stats_ids_t *ids)
{
	bool ok = true;
	size_t i;

	for (i = 0; i < ids->nids; i++)
		ok &= buf_printf(out, "%s%u", i ? ", " : "", ids->ids[i]) == ERR_OK;
	if (ids->more)
		ok &= buf_printf(out, ", ...") == ERR_OK;
	return ok;
}

err_t stats_text(const stats_t *s, buf_t *out)
{
	bool ok = true;
	size_t i, k, n;
	int x;

	ok &= buf_printf(out, "%llu handshakes\n", (unsigned long long)s->handshakes) == ERR_OK;
	for (i = 0; i < sizeof stats_tabs / sizeof stats_tabs[0]; i++) {
		const stats_tab_t *t = stats_tab_at(s, i);
		stats_entry_t *v = stats_sorted(t);
		if (!v)
			return ERR_NOMEM;
		n = stats_tabs[i].limit && t->n > stats_tabs[i].limit ? stats_tabs[i].limit : t->n;
		ok &= buf_printf(out, "\n%s", stats_tabs[i].title) == ERR_OK;
		if (n < t->n)
			ok &= buf_printf(out, " (top %zu of %zu)", n, t->n) == ERR_OK;
		ok &= buf_append(out, "\n", 1) == ERR_OK;
		if (!t->n)
			ok &= buf_printf(out, "  (none)\n") == ERR_OK;
		for (k = 0; k < n; k++)
			ok &= buf_printf(out, "  %8llu  %s\n", (unsigned long long)v[k].count, v[k].key) == ERR_OK;
		if (t->untracked)
			ok &= buf_printf(out, "  %8llu  (not tracked: more than %d distinct values)\n",
					 (unsigned long long)t->untracked, STATS_KEYS_MAX) == ERR_OK;
		free(v);
	}
	ok &= buf_printf(out, "\nServer certificates (%zu distinct)\n", s->ncerts) == ERR_OK;
	for (k = 0; k < s->ncerts; k++) {
		const stats_cert_t *c = &s->certs[k];
		char t[32];
		stats_time(c->f.not_after, t);
		if (!c->readable) {
			ok &= buf_printf(out, "  sha256 %.16s...  (GnuTLS cannot read it)\n", c->sha256) == ERR_OK;
			continue;
		}
		ok &= buf_printf(out, "  %s\n      issuer %s\n      expires %s%s, %s %u bits, signed %s, sha256 %.16s..., %llu handshake(s): ",
				 c->f.subject ? c->f.subject : "(no subject)", c->f.issuer ? c->f.issuer : "(no issuer)", t,
				 c->expired ? " (EXPIRED at the capture's time)" :
				 c->expiring ? " (expires within 30 days of the capture)" : "",
				 c->f.key_alg[0] ? c->f.key_alg : "unknown key", c->f.key_bits, c->f.sig_alg, c->sha256,
				 (unsigned long long)c->seen.count) == ERR_OK;
		ok &= stats_ids_text(out, &c->seen);
		ok &= buf_append(out, "\n", 1) == ERR_OK;
	}
	if (s->certs_untracked)
		ok &= buf_printf(out, "  and %llu more not listed (more than %d distinct)\n",
				 (unsigned long long)s->certs_untracked, STATS_CERTS_MAX) == ERR_OK;
	ok &= buf_printf(out, "\nWeak\n") == ERR_OK;
	for (x = 0; x < W__COUNT; x++) {
		if (!s->weak[x].count)
			continue;
		ok &= buf_printf(out, "  %8llu  %s: connections ", (unsigned long long)s->weak[x].count,
				 stats_weak_info[x].what) == ERR_OK;
		ok &= stats_ids_text(out, &s->weak[x]);
		ok &= buf_append(out, "\n", 1) == ERR_OK;
	}
	return ok ? ERR_OK : ERR_NOMEM;
}
