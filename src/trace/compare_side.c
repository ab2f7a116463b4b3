/* compare_side.c - what one handshake holds for each field of the
 * comparison, in words (compare_int.h): the step's status and messages,
 * the hellos' offers and answers, the certificates, where each secret came
 * from (the secret rows' provenance, never recomputed), the Finished
 * verdicts, the outcome.  compare.c aligns two sides' items into lines. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "compare_int.h"
#include "base/vec.h"
#include "chain.h"
#include "steps.h"

void cmp_item(cmp_side_t *s, const char *fmt, ...)
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

/* Where the step's messages come in the wire order: the step whose
 * message precedes its first one (TLS 1.3's server Finished, step 8,
 * comes before the client's step 7). */
static void cmp_b_order(cmp_side_t *s, int step)
{
	const handshake_t *h = s->h;
	size_t i;

	for (i = 0; h->msg_step && i < h->nmsgs && h->msg_step[i] != step; i++)
		;
	if (step == STEP_COUNT && h->msg_step && h->app && h->app->n && h->app->recs[0].msgs_before &&
	    h->app->recs[0].msgs_before <= i && h->app->recs[0].msgs_before <= h->nmsgs)
		i = h->app->recs[0].msgs_before;   /* application data before any message of step 9 */
	else if (step == STEP_COUNT && i == h->nmsgs && (h->app_records[SIDE_CLIENT] || h->app_records[SIDE_SERVER]))
		i = h->nmsgs;   /* not kept where it was: after the last message */
	else if (!h->msg_step || i == h->nmsgs)
		i = SIZE_MAX;
	if (i == SIZE_MAX || !h->msg_step)
		cmp_item(s, "no messages");
	else if (i == 0)
		cmp_item(s, "first");
	else if (h->msg_step[i - 1] < step)
		cmp_item(s, "after step %d", h->msg_step[i - 1]);
	else
		cmp_item(s, "after step %d: out of the classic order", h->msg_step[i - 1]);
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

void cmp_side(cmp_side_t *s, cmp_field_t f, int step)
{
	switch (f) {
	case CMP_F_STATUS:           cmp_b_status(s, step); break;
	case CMP_F_MESSAGES:         cmp_b_messages(s, step); break;
	case CMP_F_ORDER:            cmp_b_order(s, step); break;
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
