/* compare.c - two handshakes laid side by side (compare.h).  Each field
 * has a builder that says, in words, what one handshake holds for it (a
 * list of items: one for a single value, several for suites, extensions,
 * messages, certificates); the two sides' items are then aligned into
 * lines (lists by their longest common subsequence, so the same suite
 * sits on one line and one only A offers stands alone) and each line is
 * marked when the sides differ.  Only reads the model (and the secret
 * rows and the chain built from it); never computes a secret. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compare.h"
#include "base/vec.h"
#include "chain.h"
#include "secret_rows.h"
#include "steps.h"

static const cmp_field_info_t cmp_fields[CMP_F__COUNT] = {
	[CMP_F_STATUS]           = { "status", "status", true, 0 },
	[CMP_F_MESSAGES]         = { "messages", "messages", true, 0 },
	[CMP_F_VERSIONS_OFFERED] = { "versions_offered", "versions offered", false, 1 },
	[CMP_F_SUITES_OFFERED]   = { "suites_offered", "suites offered", false, 1 },
	[CMP_F_EXTS_OFFERED]     = { "extensions_offered", "extensions offered", false, 1 },
	[CMP_F_SNI]              = { "server_name", "server name (SNI)", false, 1 },
	[CMP_F_VERSION]          = { "version", "version chosen", false, 2 },
	[CMP_F_SUITE]            = { "cipher_suite", "suite chosen", false, 2 },
	[CMP_F_KX]               = { "key_exchange", "key exchange", false, 2 },
	[CMP_F_EXTS_ANSWERED]    = { "extensions_answered", "extensions answered", false, 2 },
	[CMP_F_RESUMED]          = { "resumed", "resumed session", false, 2 },
	[CMP_F_EMS]              = { "extended_master_secret", "extended master secret", false, 2 },
	[CMP_F_HS_SECRETS]       = { "handshake_traffic_secrets", "handshake traffic secrets", false, 2 },
	[CMP_F_CERTS]            = { "certificates", "certificates", false, 3 },
	[CMP_F_CERT_VERDICT]     = { "certificate_verdict", "client's verdict", false, 5 },
	[CMP_F_PREMASTER]        = { "premaster", "premaster secret", false, 6 },
	[CMP_F_MASTER]           = { "master", "master secret", false, 6 },
	[CMP_F_FIN_CLIENT]       = { "finished_client", "client Finished", false, 7 },
	[CMP_F_FIN_SERVER]       = { "finished_server", "server Finished", false, 8 },
	[CMP_F_APP_SECRETS]      = { "application_traffic_secrets", "application traffic secrets", false, 8 },
	[CMP_F_APP_DATA]         = { "application_data", "application data", false, 9 },
	[CMP_F_OUTCOME]          = { "outcome", "outcome", false, CMP_OUTCOME_STEP },
	[CMP_F_FAILURE]          = { "failure", "failure", false, CMP_OUTCOME_STEP },
};

const cmp_field_info_t *cmp_field_info(cmp_field_t f)
{
	return (unsigned)f < CMP_F__COUNT ? &cmp_fields[f] : NULL;
}

const char *cmp_step_title(int step)
{
	const step_info_t *si = step_info(step);

	return si ? si->title : step == CMP_OUTCOME_STEP ? "Outcome" : "";
}

/* ---- one side's items ---- */

/* Lists longer than this are paired by position, not aligned. */
#define CMP_ALIGN_MAX 600

typedef struct {
	cmp_t *c;
	const handshake_t *h;
	const srow_list_t *rows;
	const char **v;          /* in the arena */
	size_t n;
	bool na;                 /* the field does not apply to this handshake (its version has none) */
	bool nomem;
} cmp_side_t;

static void cmp_item(cmp_side_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cmp_item(cmp_side_t *s, const char *fmt, ...)
{
	va_list ap;
	char *t, **grown;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(t = arena_alloc(&s->c->arena, (size_t)n + 1)) ||
	    !(grown = vec_push_arena(&s->c->arena, (void *)s->v, s->n, sizeof *s->v))) {
		s->nomem = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(t, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->v = (const char **)grown;
	s->v[s->n++] = t;
}

static const msg_t *cmp_hello(const handshake_t *h, int sender, int hs_type)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type == CT_HANDSHAKE && !m->opaque && m->sender == sender && m->hs_type == hs_type &&
		    !m->hello.is_hrr)
			return m;
	}
	return NULL;
}

static bool cmp_tls13(const handshake_t *h)
{
	return h->version == VER_TLS13;
}

static void cmp_b_status(cmp_side_t *s, int step)
{
	const step_state_t *st = &s->h->steps[step];

	if (st->reason)
		cmp_item(s, "%s: %s", step_status_name(st->status), st->reason);
	else
		cmp_item(s, "%s", step_status_name(st->status));
}

static void cmp_b_messages(cmp_side_t *s, int step)
{
	const handshake_t *h = s->h;
	size_t i;

	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		const alert_info_t *al;
		if (!h->msg_step || h->msg_step[i] != step)
			continue;
		if (m->type == CT_ALERT && !m->opaque && (al = alert_find(m->alert_desc)))
			cmp_item(s, "%s: Alert %s %s", model_side_name(m->sender), m->alert_level == 1 ? "warning" : "fatal",
				 al->name);
		else
			cmp_item(s, "%s: %s%s", model_side_name(m->sender), msg_type_name(m),
				 m->opaque && m->type != CT_HANDSHAKE ? " (encrypted)" : "");
	}
	if (step == 9 && h->app_records[SIDE_CLIENT] + h->app_records[SIDE_SERVER])
		cmp_item(s, "application data records");
}

static void cmp_b_versions_offered(cmp_side_t *s)
{
	const msg_t *ch = cmp_hello(s->h, SIDE_CLIENT, HS_CLIENT_HELLO);
	char list[256] = "";
	size_t i, len = 0;

	if (!ch) {
		cmp_item(s, "no ClientHello seen");
		return;
	}
	for (i = 0; i < ch->hello.nversions && len < sizeof list; i++) {
		const char *name = reg_version_name(ch->hello.versions[i]);
		int k;
		if (grease_is(ch->hello.versions[i]))
			continue;
		k = name ? snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", name)
			 : snprintf(list + len, sizeof list - len, "%s0x%04x", len ? ", " : "", ch->hello.versions[i]);
		len += k > 0 ? (size_t)k : 0;
	}
	if (len)
		cmp_item(s, "%s (supported_versions)", list);
	else
		cmp_item(s, "up to %s (legacy_version)", reg_version_name(ch->hello.legacy_version) ?
			 reg_version_name(ch->hello.legacy_version) : "an unknown version");
}

static void cmp_b_suites_offered(cmp_side_t *s)
{
	const msg_t *ch = cmp_hello(s->h, SIDE_CLIENT, HS_CLIENT_HELLO);
	size_t i;

	if (!ch) {
		cmp_item(s, "no ClientHello seen");
		return;
	}
	for (i = 0; i < ch->hello.nsuites; i++) {
		const suite_info_t *si = suite_find(ch->hello.suites[i]);
		if (grease_is(ch->hello.suites[i]))
			cmp_item(s, "GREASE");
		else if (si)
			cmp_item(s, "%s", si->name);
		else
			cmp_item(s, "unknown suite 0x%04x", ch->hello.suites[i]);
	}
	if (!s->n)
		cmp_item(s, "none");
}

static void cmp_exts(cmp_side_t *s, const msg_t *m, const char *where)
{
	size_t i;

	for (i = 0; i < m->hello.nexts; i++) {
		const ext_info_t *e = ext_find(m->hello.exts[i]);
		if (grease_is(m->hello.exts[i]))
			cmp_item(s, "GREASE%s", where);
		else if (e)
			cmp_item(s, "%s%s", e->name, where);
		else
			cmp_item(s, "extension %u%s", m->hello.exts[i], where);
	}
}

static void cmp_b_exts_offered(cmp_side_t *s)
{
	const msg_t *ch = cmp_hello(s->h, SIDE_CLIENT, HS_CLIENT_HELLO);

	if (!ch)
		cmp_item(s, "no ClientHello seen");
	else
		cmp_exts(s, ch, "");
	if (!s->n)
		cmp_item(s, "none");
}

/* The ServerHello's, then a HelloRetryRequest's and EncryptedExtensions',
 * each said where it came from. */
static void cmp_b_exts_answered(cmp_side_t *s)
{
	const handshake_t *h = s->h;
	size_t i;

	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->sender != SIDE_SERVER || m->type != CT_HANDSHAKE)
			continue;
		if (m->hs_type == HS_SERVER_HELLO)
			cmp_exts(s, m, m->hello.is_hrr ? " (HelloRetryRequest)" : "");
		else if (m->hs_type == HS_ENCRYPTED_EXTENSIONS && !m->opaque)
			cmp_exts(s, m, " (EncryptedExtensions)");
	}
	if (cmp_tls13(h) && !handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_ENCRYPTED_EXTENSIONS))
		cmp_item(s, "EncryptedExtensions not readable (no keys)");
	if (!s->n && !cmp_hello(h, SIDE_SERVER, HS_SERVER_HELLO))
		cmp_item(s, "no ServerHello seen");
}

static void cmp_b_sni(cmp_side_t *s)
{
	const msg_t *ch = cmp_hello(s->h, SIDE_CLIENT, HS_CLIENT_HELLO);

	cmp_item(s, "%s", !ch ? "no ClientHello seen" : ch->hello.sni ? ch->hello.sni : "none sent");
}

static void cmp_b_version(cmp_side_t *s)
{
	const char *v = handshake_version_name(s->h);

	cmp_item(s, "%s", v ? v : "none agreed");
}

static void cmp_b_suite(cmp_side_t *s)
{
	if (s->h->suite)
		cmp_item(s, "%s (0x%04x)", s->h->suite->name, s->h->suite_id);
	else if (s->h->suite_id)
		cmp_item(s, "unknown suite 0x%04x", s->h->suite_id);
	else
		cmp_item(s, "none chosen");
}

/* The key exchange and its group: the ServerHello's key share (TLS 1.3)
 * or the ServerKeyExchange's named curve. */
static void cmp_b_kx(cmp_side_t *s)
{
	const handshake_t *h = s->h;
	const char *kx = handshake_kx_name(h);
	const msg_t *sh = cmp_hello(h, SIDE_SERVER, HS_SERVER_HELLO);
	const msg_t *ske = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE);
	uint16_t group = sh && sh->hello.key_share_group ? sh->hello.key_share_group : ske ? ske->ske_group : 0;
	const group_info_t *g = group ? group_find(group) : NULL;

	if (!kx)
		cmp_item(s, "none (no suite chosen)");
	else if (g)
		cmp_item(s, "%s, %s", kx, g->name);
	else if (group)
		cmp_item(s, "%s, group 0x%04x", kx, group);
	else
		cmp_item(s, "%s", kx);
}

static void cmp_b_resumed(cmp_side_t *s)
{
	cmp_item(s, "%s", s->h->resumed ? "yes: no certificate, no key exchange" : "no: a full handshake");
}

static void cmp_b_ems(cmp_side_t *s)
{
	s->na = cmp_tls13(s->h);
	cmp_item(s, "%s", s->na ? "not in TLS 1.3 (its key schedule always hashes the handshake)"
		 : s->h->ems ? "yes (RFC 7627)" : "no");
}

/* How a secret was had, in words: computed here, logged, reported, or
 * unknown and why. */
static void cmp_prov(cmp_side_t *s, const char *who, const srow_t *r)
{
	static const char *const how[] = {
		[FROM_NONE] = "read from the wire",
		[FROM_RSA_KEY] = "decrypted here with the server's RSA key",
		[FROM_LIVE] = "reported by GnuTLS (the live run)",
		[FROM_DERIVED] = "computed here",
		[FROM_KEYLOG] = "from the key log",
	};
	const char *from = (unsigned)r->from < sizeof how / sizeof how[0] && how[r->from] ? how[r->from] : "known";
	const char *check = r->check == SROW_AGREES ? "; agrees with " : r->check == SROW_MISMATCH ? "; DIFFERS from " : "";

	if (!r->val || !r->len)
		cmp_item(s, "%sunknown: %s", who, r->unknown ? r->unknown : "no key log or key gave it");
	else
		cmp_item(s, "%s%s%s%s", who, from, check, r->check != SROW_UNCHECKED && r->check_by ? r->check_by : "");
}

/* A pair of TLS 1.3 traffic secrets (client's, server's). */
static void cmp_b_traffic(cmp_side_t *s, srow_kind_t client, srow_kind_t server)
{
	const srow_t *none = srow_get(s->rows, SROW_K_TRAFFIC_NONE);
	const srow_t *r;

	if (!cmp_tls13(s->h)) {
		s->na = true;
		cmp_item(s, "none: %s", s->h->version ? "not part of this version" : "no version agreed");
		return;
	}
	if (none) {
		cmp_prov(s, "", none);
		return;
	}
	r = srow_get(s->rows, client);
	if (r)
		cmp_prov(s, "client: ", r);
	else
		cmp_item(s, "client: unknown: not in the key log");
	r = srow_get(s->rows, server);
	if (r)
		cmp_prov(s, "server: ", r);
	else
		cmp_item(s, "server: unknown: not in the key log");
}

static void cmp_b_classic_secret(cmp_side_t *s, srow_kind_t k)
{
	const srow_t *r = srow_get(s->rows, k);

	if (cmp_tls13(s->h)) {
		s->na = true;
		cmp_item(s, "none in TLS 1.3 (its secrets grow from the (EC)DHE secret by HKDF)");
	} else if (k == SROW_K_PREMASTER && s->h->resumed) {
		cmp_item(s, "none: a resumed session reuses the master secret");
	} else if (r && k == SROW_K_MASTER && s->h->resumed && s->h->sec.resumed_from >= 0 && r->val && r->len) {
		cmp_item(s, "the session of connection %d, its master %s", s->h->sec.resumed_from,
			 s->h->sec.master_from == FROM_KEYLOG ? "from the key log" : "computed there");
	} else if ((!r || !r->val || !r->len) && s->h->steps[6].status == STEP_NOT_REACHED) {
		cmp_item(s, "none: the handshake did not get that far");
	} else if (r) {
		cmp_prov(s, "", r);
	} else {
		cmp_item(s, "unknown: %s", s->h->version ? "the handshake did not get that far" : "no version agreed");
	}
}

static void cmp_b_certs(cmp_side_t *s)
{
	const handshake_t *h = s->h;
	chain_t ch;
	size_t i;

	chain_build(h, h->nmsgs, &ch);
	for (i = 0; i < ch.n; i++) {
		const chain_cert_t *cc = &ch.v[i];
		if (cc->unreadable) {
			cmp_item(s, "[%zu] unreadable: %s", i, cc->unreadable);
			continue;
		}
		cmp_item(s, "[%zu] subject: %s", i, cc->facts.subject ? cc->facts.subject : "?");
		cmp_item(s, "[%zu] issuer: %s", i, cc->facts.issuer ? cc->facts.issuer : "?");
		cmp_item(s, "[%zu] key: %s", i, cc->facts.key[0] ? cc->facts.key : "unknown");
	}
	if (ch.have && ch.sent > ch.n)
		cmp_item(s, "and %zu more not shown", ch.sent - ch.n);
	if (ch.have && !ch.sent)
		cmp_item(s, "an empty certificate list");
	chain_free(&ch);
	if (ch.have)
		return;
	if (h->resumed)
		cmp_item(s, "none sent: a resumed session");
	else if (cmp_tls13(h) && !h->sec.have_logged)
		cmp_item(s, "not seen: encrypted, and no key log");
	else
		cmp_item(s, "none sent");
}

static void cmp_b_verdict(cmp_side_t *s)
{
	const handshake_t *h = s->h;

	if (h->resumed)
		cmp_item(s, "none: a resumed session checks no certificate");
	else if (!h->cert_checked && h->client_config)
		cmp_item(s, "not checked: the client got no certificate to check");
	else if (!h->cert_checked)
		cmp_item(s, "not checked here (a capture: read --ca FILE checks it)");
	else
		cmp_item(s, "%s%s", h->cert_verdict ? h->cert_verdict : h->cert_status ? "not trusted" : "trusted",
			 h->cert_by_ca ? " (against --ca)" : "");
}

static void cmp_b_fin(cmp_side_t *s, int side)
{
	const finished_check_t *f = &s->h->fin[side];

	if (f->why)
		cmp_item(s, "%s: %s", fin_verdict_name(f->verdict), f->why);
	else
		cmp_item(s, "%s", fin_verdict_name(f->verdict));
}

static void cmp_b_app(cmp_side_t *s)
{
	const handshake_t *h = s->h;
	int side;

	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++)
		cmp_item(s, "%s: %llu record%s, %s", model_side_name(side), (unsigned long long)h->app_records[side],
			 h->app_records[side] == 1 ? "" : "s",
			 !h->app_records[side] ? "none" : h->app_decrypted[side] ? "decrypted" : "not decrypted");
}

static void cmp_b_failure(cmp_side_t *s)
{
	const failure_t *f = &s->h->failure;
	const alert_info_t *al = f->alert >= 0 ? alert_find((uint8_t)f->alert) : NULL;

	if (!f->failed) {
		cmp_item(s, "none");
		return;
	}
	cmp_item(s, "step %d, %s side", f->step, model_side_name(f->sender));
	if (al)
		cmp_item(s, "alert %s (%d)", al->name, f->alert);
	else
		cmp_item(s, "no alert");
	if (f->reason)
		cmp_item(s, "%s", f->reason);
}

static void cmp_side(cmp_side_t *s, cmp_field_t f, int step)
{
	switch (f) {
	case CMP_F_STATUS:           cmp_b_status(s, step); break;
	case CMP_F_MESSAGES:         cmp_b_messages(s, step); break;
	case CMP_F_VERSIONS_OFFERED: cmp_b_versions_offered(s); break;
	case CMP_F_SUITES_OFFERED:   cmp_b_suites_offered(s); break;
	case CMP_F_EXTS_OFFERED:     cmp_b_exts_offered(s); break;
	case CMP_F_SNI:              cmp_b_sni(s); break;
	case CMP_F_VERSION:          cmp_b_version(s); break;
	case CMP_F_SUITE:            cmp_b_suite(s); break;
	case CMP_F_KX:               cmp_b_kx(s); break;
	case CMP_F_EXTS_ANSWERED:    cmp_b_exts_answered(s); break;
	case CMP_F_RESUMED:          cmp_b_resumed(s); break;
	case CMP_F_EMS:              cmp_b_ems(s); break;
	case CMP_F_HS_SECRETS:       cmp_b_traffic(s, SROW_K_CLIENT_HS, SROW_K_SERVER_HS); break;
	case CMP_F_CERTS:            cmp_b_certs(s); break;
	case CMP_F_CERT_VERDICT:     cmp_b_verdict(s); break;
	case CMP_F_PREMASTER:        cmp_b_classic_secret(s, SROW_K_PREMASTER); break;
	case CMP_F_MASTER:           cmp_b_classic_secret(s, SROW_K_MASTER); break;
	case CMP_F_FIN_CLIENT:       cmp_b_fin(s, SIDE_CLIENT); break;
	case CMP_F_FIN_SERVER:       cmp_b_fin(s, SIDE_SERVER); break;
	case CMP_F_APP_SECRETS:      cmp_b_traffic(s, SROW_K_CLIENT_APP, SROW_K_SERVER_APP); break;
	case CMP_F_APP_DATA:         cmp_b_app(s); break;
	case CMP_F_OUTCOME:          cmp_item(s, "%s", outcome_name(s->h->outcome)); break;
	case CMP_F_FAILURE:          cmp_b_failure(s); break;
	default:                     break;
	}
}

/* Lists whose items are compared as sets in order (aligned); the others
 * are paired line by line. */
static bool cmp_aligned(cmp_field_t f)
{
	return f == CMP_F_MESSAGES || f == CMP_F_SUITES_OFFERED || f == CMP_F_EXTS_OFFERED || f == CMP_F_EXTS_ANSWERED;
}

/* ---- lines ---- */

static bool cmp_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static err_t cmp_line(cmp_t *c, cmp_row_t *r, const char *a, const char *b)
{
	cmp_line_t *grown = vec_push_arena(&c->arena, r->lines, r->nlines, sizeof *grown);

	if (!grown)
		return ERR_NOMEM;
	r->lines = grown;
	r->lines[r->nlines].a = a;
	r->lines[r->nlines].b = b;
	r->lines[r->nlines].differs = !cmp_eq(a, b);
	r->differs |= r->lines[r->nlines].differs;
	r->nlines++;
	return ERR_OK;
}

/* Longest common subsequence: what both have, in order, on shared lines. */
static err_t cmp_align(cmp_t *c, cmp_row_t *r, const cmp_side_t *a, const cmp_side_t *b)
{
	size_t n = a->n, m = b->n, i, j, w = m + 1;
	unsigned *L = calloc((n + 1) * (m + 1), sizeof *L);
	err_t e = ERR_OK;

	if (!L)
		return ERR_NOMEM;
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			L[i * w + j] = cmp_eq(a->v[i], b->v[j]) ? L[(i + 1) * w + j + 1] + 1
				     : L[(i + 1) * w + j] >= L[i * w + j + 1] ? L[(i + 1) * w + j] : L[i * w + j + 1];
	for (i = j = 0; e == ERR_OK && (i < n || j < m);) {
		if (i < n && j < m && cmp_eq(a->v[i], b->v[j]))
			e = cmp_line(c, r, a->v[i++], b->v[j++]);
		else if (i < n && (j >= m || L[(i + 1) * w + j] >= L[i * w + j + 1]))
			e = cmp_line(c, r, a->v[i++], NULL);
		else
			e = cmp_line(c, r, NULL, b->v[j++]);
	}
	free(L);
	return e;
}

static err_t cmp_pair(cmp_t *c, cmp_row_t *r, const cmp_side_t *a, const cmp_side_t *b)
{
	size_t i;

	for (i = 0; i < a->n || i < b->n; i++)
		TRY(cmp_line(c, r, i < a->n ? a->v[i] : NULL, i < b->n ? b->v[i] : NULL));
	return ERR_OK;
}

static err_t cmp_row(cmp_t *c, const srow_list_t *rows[2], const handshake_t *const hs[2], cmp_field_t f, int step)
{
	cmp_side_t sd[2];
	cmp_row_t *r;
	bool empty;
	int k;

	for (k = 0; k < 2; k++) {
		memset(&sd[k], 0, sizeof sd[k]);
		sd[k].c = c;
		sd[k].h = hs[k];
		sd[k].rows = rows[k];
		cmp_side(&sd[k], f, step);
		if (sd[k].nomem)
			return ERR_NOMEM;
	}
	if (sd[0].na && sd[1].na)
		return ERR_OK;   /* neither version has it */
	if (!(r = vec_push_arena(&c->arena, c->rows, c->nrows, sizeof *r)))
		return ERR_NOMEM;
	c->rows = r;
	r = &c->rows[c->nrows++];
	memset(r, 0, sizeof *r);
	r->step = step;
	r->field = f;
	empty = !sd[0].n || !sd[1].n;
	for (k = 0; k < 2; k++)
		if (!sd[k].n)   /* "none" stands level with the other side's first item */
			cmp_item(&sd[k], "none");
	if (sd[0].nomem || sd[1].nomem)
		return ERR_NOMEM;
	if (cmp_aligned(f) && !empty && sd[0].n <= CMP_ALIGN_MAX && sd[1].n <= CMP_ALIGN_MAX)
		TRY(cmp_align(c, r, &sd[0], &sd[1]));
	else
		TRY(cmp_pair(c, r, &sd[0], &sd[1]));
	c->ndiff += r->differs;
	return ERR_OK;
}

err_t cmp_build(const handshake_t *a, const handshake_t *b, cmp_t *c)
{
	const handshake_t *const hs[2] = { a, b };
	srow_list_t *l = malloc(2 * sizeof *l);
	const srow_list_t *rows[2];
	err_t e = ERR_OK;
	int step;
	unsigned f;

	memset(c, 0, sizeof *c);
	if (!l)
		return ERR_NOMEM;
	srow_build(a, &l[0]);
	srow_build(b, &l[1]);
	rows[0] = &l[0];
	rows[1] = &l[1];
	for (step = 1; e == ERR_OK && step <= CMP_OUTCOME_STEP; step++)
		for (f = 0; e == ERR_OK && f < CMP_F__COUNT; f++) {
			const cmp_field_info_t *fi = &cmp_fields[f];
			if (fi->per_step ? step <= STEP_COUNT : fi->step == step)
				e = cmp_row(c, rows, hs, (cmp_field_t)f, step);
		}
	free(l);
	return e;
}

void cmp_free(cmp_t *c)
{
	arena_release(&c->arena);
	memset(c, 0, sizeof *c);
}

size_t cmp_step_diffs(const cmp_t *c, int step)
{
	size_t i, n = 0;

	for (i = 0; i < c->nrows; i++)
		n += c->rows[i].step == step && c->rows[i].differs;
	return n;
}

const cmp_row_t *cmp_find(const cmp_t *c, cmp_field_t f)
{
	size_t i;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].field == f)
			return &c->rows[i];
	return NULL;
}

bool cmp_parse_conn_ref(const char *ref, char *path, size_t pathlen, long *n, char *why, size_t whylen)
{
	const char *hash = strrchr(ref, '#');
	size_t plen = hash ? (size_t)(hash - ref) : strlen(ref);
	char *end;

	*n = -1;
	if (plen == 0 || plen >= pathlen) {
		err_why(why, whylen, "'%s' names no capture file", ref);
		return false;
	}
	memcpy(path, ref, plen);
	path[plen] = '\0';
	if (!hash)
		return true;
	if (hash[1] < '0' || hash[1] > '9' || (*n = strtol(hash + 1, &end, 10), *end) || *n < 0 || *n > 0x7fffffff) {
		err_why(why, whylen, "'%s': after # comes a connection number (0, 1, ... as read numbers them), "
			"not '%s'", ref, hash + 1);
		*n = -1;
		return false;
	}
	return true;
}
