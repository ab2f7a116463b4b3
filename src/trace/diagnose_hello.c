/* diagnose_hello.c - what the ClientHello offered, read for the diagnosis
 * of a refused hello (step 2) and of server parameters the client refused
 * (step 3).
 *
 * When a server answers a ClientHello with handshake_failure, the wire
 * does not say which part of the offer it could not meet: the cipher
 * suites, the key exchange groups, or the signature algorithms.  The
 * offer itself is the evidence: a part the client narrowed to one or two
 * values is the likeliest culprit, and a part that cannot matter (groups
 * when no suite needs one) is not offered as a cause.  Reads the message
 * bytes through the cursor; never decides the step (diagnose.c does). */
#include <stdio.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include "base/cursor.h"
#include "diagnose_int.h"

/* The extensions read here (IANA TLS ExtensionType values). */
enum { DIAG_EXT_GROUPS = 10, DIAG_EXT_SIGALGS = 13, DIAG_EXT_ALPN = 16, DIAG_EXT_KEY_SHARE = 51 };

static const msg_t *diag_last_client_hello(const handshake_t *h)
{
	return handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
}

/* RFC 8446 4.2: a vector of 16-bit values (supported_groups,
 * signature_algorithms), GREASE left out. */
static void diag_u16_list(slice_t data, uint16_t *out, size_t max, size_t *n)
{
	cursor_t c = cursor_make(data.ptr, data.len);
	uint16_t len, v;

	*n = 0;
	if (cursor_u16(&c, &len) != ERR_OK)
		return;
	while (cursor_u16(&c, &v) == ERR_OK && *n < max)
		if (!grease_is(v))
			out[(*n)++] = v;
}

/* RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>, each <1..2^8-1>. */
static void diag_alpn(slice_t data, char *out, size_t len)
{
	cursor_t c = cursor_make(data.ptr, data.len);
	uint16_t total;
	uint8_t n;
	slice_t name;
	size_t i;

	out[0] = '\0';
	if (cursor_u16(&c, &total) != ERR_OK)
		return;
	while (cursor_u8(&c, &n) == ERR_OK && cursor_bytes(&c, n, &name) == ERR_OK) {
		diagnose_cat(out, len, "%s", out[0] ? ", " : "");
		for (i = 0; i < name.len; i++)
			diagnose_cat(out, len, "%c", name.ptr[i] >= 0x20 && name.ptr[i] < 0x7f ? name.ptr[i] : '?');
	}
}

/* RFC 8446 4.2.8: KeyShareEntry client_shares<0..2^16-1>. */
static void diag_key_shares(slice_t data, diag_offer_t *o)
{
	cursor_t c = cursor_make(data.ptr, data.len);
	uint16_t total, group, klen;

	if (cursor_u16(&c, &total) != ERR_OK)
		return;
	while (cursor_u16(&c, &group) == ERR_OK && cursor_u16(&c, &klen) == ERR_OK &&
	       cursor_skip(&c, klen) == ERR_OK && o->nkey_shares < sizeof o->key_shares / sizeof o->key_shares[0])
		if (!grease_is(group))
			o->key_shares[o->nkey_shares++] = group;
}

/* RFC 8446 4.1.2: legacy_version, random, legacy_session_id<0..32>,
 * cipher_suites<2..2^16-2>, legacy_compression_methods<1..2^8-1>,
 * extensions<8..2^16-1>. */
static void diag_extensions(const msg_t *ch, diag_offer_t *o)
{
	cursor_t c = cursor_make(ch->raw.ptr, ch->raw.len);
	uint8_t n8;
	uint16_t n16, type, len;
	slice_t data;

	if (cursor_skip(&c, 4 + 2 + 32) != ERR_OK || cursor_u8(&c, &n8) != ERR_OK || cursor_skip(&c, n8) != ERR_OK ||
	    cursor_u16(&c, &n16) != ERR_OK || cursor_skip(&c, n16) != ERR_OK || cursor_u8(&c, &n8) != ERR_OK ||
	    cursor_skip(&c, n8) != ERR_OK || cursor_u16(&c, &n16) != ERR_OK)
		return;
	while (cursor_u16(&c, &type) == ERR_OK && cursor_u16(&c, &len) == ERR_OK &&
	       cursor_bytes(&c, len, &data) == ERR_OK) {
		switch (type) {
		case DIAG_EXT_GROUPS:
			o->has_groups = true;
			diag_u16_list(data, o->groups, DIAG_OFFER_MAX, &o->ngroups);
			break;
		case DIAG_EXT_SIGALGS:
			o->has_sigalgs = true;
			diag_u16_list(data, o->sigalgs, DIAG_OFFER_MAX, &o->nsigalgs);
			break;
		case DIAG_EXT_ALPN:
			diag_alpn(data, o->alpn, sizeof o->alpn);
			break;
		case DIAG_EXT_KEY_SHARE:
			diag_key_shares(data, o);
			break;
		default:
			break;
		}
	}
}

void diagnose_offer(const handshake_t *h, diag_offer_t *o)
{
	const msg_t *ch = diag_last_client_hello(h);
	bool seen[CIPHER__COUNT] = { false };
	size_t i;

	memset(o, 0, sizeof *o);
	if (!ch || ch->opaque || ch->hello.sslv2)
		return;
	o->have = true;
	o->all12_ecdhe = true;
	for (i = 0; i < ch->hello.nsuites; i++) {
		const suite_info_t *s = suite_find(ch->hello.suites[i]);
		if (!s || grease_is(s->id) || suite_is_scsv(s->id))
			continue;
		if (s->tls13) {
			o->nsuites13++;
			continue;
		}
		o->nsuites12++;
		if (s->kx != KX_ECDHE && s->kx != KX_ECDHE_PSK)
			o->all12_ecdhe = false;
		if (!seen[s->cipher]) {
			seen[s->cipher] = true;
			o->nciphers12++;
		}
	}
	if (!o->nsuites12)
		o->all12_ecdhe = false;
	if (ch->hello.nversions) {
		for (i = 0; i < ch->hello.nversions; i++) {
			uint16_t v = ch->hello.versions[i];
			o->offers13 |= v == VER_TLS13;
			o->offers12 |= v == VER_TLS12;
			o->offers_old |= v >= VER_SSL30 && v < VER_TLS12;
		}
	} else {
		o->offers12 = ch->hello.legacy_version >= VER_TLS12;
		o->offers_old = true;
	}
	diag_extensions(ch, o);
}

/* ---- step 2: which part of the offer the server could not meet ---- */

/* RFC 8446 4.2.3: the RSA schemes, TLS 1.3 (rsa_pss_*) and TLS 1.2 (hash, rsa(1)). */
static bool diag_is_rsa_scheme(uint16_t s)
{
	return (s & 0xff) == 0x01 || (s >= 0x0804 && s <= 0x0806) || (s >= 0x0809 && s <= 0x080b);
}

static bool diag_any_rsa(const diag_offer_t *o)
{
	size_t i;

	for (i = 0; i < o->nsigalgs; i++)
		if (diag_is_rsa_scheme(o->sigalgs[i]))
			return true;
	return false;
}

/* How narrow each part of the offer is: the higher, the likelier that
 * the server could not meet it; -1: it cannot be the cause. */
typedef struct { int suite, group, sigalg; } diag_scores_t;

static diag_scores_t diag_score(const diag_offer_t *o)
{
	diag_scores_t s = { 0, 0, 0 };
	bool groups_matter = o->offers13 || o->all12_ecdhe;

	if (o->offers13 && !o->offers12)
		s.suite = o->nsuites13 == 1 ? 2 : o->nsuites13 == 2 ? 1 : 0;
	else if (!o->offers13)
		s.suite = o->nsuites12 <= 2 || o->nciphers12 == 1 ? 2 : o->nsuites12 <= 4 ? 1 : 0;
	else
		s.suite = o->nsuites13 <= 1 && o->nsuites12 <= 2 ? 2 : 0;
	if (!groups_matter)
		s.group = o->offers13 || o->nsuites12 == 0 ? 0 : -1;
	else if (o->has_groups)
		s.group = o->ngroups == 1 ? 3 : o->ngroups == 2 ? 2 : 0;
	if (o->has_sigalgs)
		s.sigalg = !diag_any_rsa(o) ? 3 : o->nsigalgs <= 2 ? 2 : 0;
	return s;
}

/* Live: the server's GnuTLS names the part of the offer it could not
 * meet; its word outranks what the offer suggests.  -1: no such word. */
static int diag_server_words(const handshake_t *h)
{
	static const struct { int code; diag_kind_t kind; } words[] = {
		{ GNUTLS_E_NO_CIPHER_SUITES, DK_NO_SHARED_SUITE },
		{ GNUTLS_E_NO_COMMON_KEY_SHARE, DK_NO_SHARED_GROUP },
		{ GNUTLS_E_ECC_NO_SUPPORTED_CURVES, DK_NO_SHARED_GROUP },
		{ GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM, DK_NO_SHARED_SIGALG },
		{ GNUTLS_E_UNSUPPORTED_VERSION_PACKET, DK_NO_SHARED_VERSION },
	};
	size_t i;

	for (i = 0; h->server_error && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(h->server_error, gnutls_strerror(words[i].code)) == 0)
			return (int)words[i].kind;
	return -1;
}

diag_kind_t diagnose_rank_refusal(const handshake_t *h)
{
	diag_offer_t o;
	diag_scores_t s;
	int said = diag_server_words(h);

	if (said >= 0)
		return (diag_kind_t)said;
	diagnose_offer(h, &o);
	if (!o.have)
		return DK_NO_SHARED_SUITE;
	s = diag_score(&o);
	/* A client offering TLS 1.3 alone (or old versions alone) to a
	 * server without them: a server that ignores supported_versions
	 * answers handshake_failure, not protocol_version.  Likely only when
	 * no part of the offer is narrow. */
	if ((o.offers13 && !o.offers12 && !o.offers_old) || (!o.offers13 && !o.offers12)) {
		if (s.suite < 1 && s.group < 1 && s.sigalg < 1)
			return DK_NO_SHARED_VERSION;
	}
	if (s.group > s.suite && s.group >= s.sigalg)
		return DK_NO_SHARED_GROUP;
	if (s.sigalg > s.suite && s.sigalg > s.group)
		return DK_NO_SHARED_SIGALG;
	return DK_NO_SHARED_SUITE;
}

static void diag_groups_text(const uint16_t *g, size_t n, char *out, size_t len)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const group_info_t *gi = group_find(g[i]);
		if (gi)
			diagnose_cat(out, len, "%s%s", i ? ", " : "", gi->name);
		else
			diagnose_cat(out, len, "%s0x%04x", i ? ", " : "", g[i]);
	}
}

static void diag_sigalgs_text(const diag_offer_t *o, char *out, size_t len)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < o->nsigalgs; i++) {
		const sigscheme_info_t *si = sigscheme_find(o->sigalgs[i]);
		if (si)
			diagnose_cat(out, len, "%s%s", i ? ", " : "", si->name);
		else
			diagnose_cat(out, len, "%s0x%04x", i ? ", " : "", o->sigalgs[i]);
	}
}

static void diag_cause_group(const diag_t *d, const diag_offer_t *o)
{
	char groups[DIAG_LINE], shares[DIAG_LINE];

	diag_groups_text(o->groups, o->ngroups, groups, sizeof groups);
	diag_groups_text(o->key_shares, o->nkey_shares, shares, sizeof shares);
	handshake_add_cause(d->h, "the server shares no key exchange group with the client, so they cannot agree on "
			    "a key. Evidence: the client's supported_groups is %s (%zu group%s)%s%s; %s",
			    groups[0] ? groups : "empty", o->ngroups, o->ngroups == 1 ? "" : "s",
			    o->offers13 ? ", key_share " : "", o->offers13 ? (shares[0] ? shares : "none") : "",
			    o->offers13 ? "TLS 1.3 always needs one (a server that supports another of the client's "
					  "groups would have asked for it with a HelloRetryRequest)"
					: "every cipher suite the client offers is ECDHE and needs one");
	diagnose_cause_ja(d, "サーバーにはクライアントと共通の鍵交換グループがなく、鍵を合意できません。根拠: クライアントの "
			  "supported_groups は %s（%zu 個）%s%s。%s", groups[0] ? groups : "空", o->ngroups,
			  o->offers13 ? "、key_share は " : "", o->offers13 ? (shares[0] ? shares : "なし") : "",
			  o->offers13 ? "TLS 1.3 では必ずグループが一つ要ります（クライアントの別のグループに対応する"
					"サーバーなら、HelloRetryRequest でそれを求めたはずです）"
				      : "クライアントが提示した暗号スイートはすべて ECDHE で、グループが要ります");
}

static void diag_cause_sigalg(const diag_t *d, const diag_offer_t *o)
{
	char algs[DIAG_LINE];

	diag_sigalgs_text(o, algs, sizeof algs);
	handshake_add_cause(d->h, "the server cannot sign with any signature algorithm the client accepts, so it cannot "
			    "prove its identity. Evidence: the client's signature_algorithms are %s%s", algs,
			    diag_any_rsa(o) ? "" : ": no RSA scheme, so a server with an RSA certificate (the most "
						   "common kind) cannot sign the handshake for it");
	diagnose_cause_ja(d, "サーバーは、クライアントが受け入れる署名アルゴリズムのどれでも署名できず、身元を証明できま"
			  "せん。根拠: クライアントの signature_algorithms は %s%s", algs, diag_any_rsa(o) ? "" :
			  "で、RSA の方式がないため、RSA 証明書（最も一般的な種類）を持つサーバーはハンドシェイクに署名"
			  "できません");
}

static void diag_cause_suite(const diag_t *d, const diag_offer_t *o)
{
	const msg_t *ch = diag_last_client_hello(d->h);
	char line[2 * DIAG_LINE];
	size_t i, shown = 0;

	snprintf(line, sizeof line, "the server accepts none of the cipher suites the client offers. Evidence: the "
		 "client offered %zu suite%s (", o->nsuites12 + o->nsuites13, o->nsuites12 + o->nsuites13 == 1 ? "" : "s");
	for (i = 0; ch && i < ch->hello.nsuites && shown < 6; i++) {
		const suite_info_t *s = suite_find(ch->hello.suites[i]);
		if (!s || grease_is(s->id) || suite_is_scsv(s->id))
			continue;
		diagnose_cat(line, sizeof line, "%s%s", shown++ ? ", " : "", s->name);
	}
	diagnose_cat(line, sizeof line, "%s)", o->nsuites12 + o->nsuites13 > shown ? ", ..." : "");
	if (!o->offers13 && o->nciphers12 == 1)
		diagnose_cat(line, sizeof line, ", all with one cipher");
	diagnose_config(d->h->server_config, line, sizeof line);
	handshake_add_cause(d->h, "%s", line);
	snprintf(line, sizeof line, "サーバーは、クライアントが提示した暗号スイートをどれも受け入れません。根拠: "
		 "クライアントが提示したのは %zu 個のスイート（", o->nsuites12 + o->nsuites13);
	for (i = 0, shown = 0; ch && i < ch->hello.nsuites && shown < 6; i++) {
		const suite_info_t *s = suite_find(ch->hello.suites[i]);
		if (!s || grease_is(s->id) || suite_is_scsv(s->id))
			continue;
		diagnose_cat(line, sizeof line, "%s%s", shown++ ? "、" : "", s->name);
	}
	diagnose_cat(line, sizeof line, "%s）", o->nsuites12 + o->nsuites13 > shown ? "、…" : "");
	if (!o->offers13 && o->nciphers12 == 1)
		diagnose_cat(line, sizeof line, "で、暗号はすべて同じ一つです");
	diagnose_config_ja(d->h->server_config, line, sizeof line);
	diagnose_cause_ja(d, "%s", line);
}

void diagnose_causes_refusal(const diag_t *d)
{
	diag_offer_t o;
	diag_scores_t s;
	int order[3], i, j;
	bool only13, only_old;

	diagnose_offer(d->h, &o);
	s = diag_score(&o);
	/* the kind (the reason) first, then the others by score */
	order[0] = d->kind == DK_NO_SHARED_GROUP ? 1 : d->kind == DK_NO_SHARED_SIGALG ? 2 : 0;
	for (i = 1, j = 0; j < 3; j++)
		if (j != order[0])
			order[i++] = j;
	if ((order[1] == 0 ? s.suite : order[1] == 1 ? s.group : s.sigalg) <
	    (order[2] == 0 ? s.suite : order[2] == 1 ? s.group : s.sigalg)) {
		int t = order[1];
		order[1] = order[2];
		order[2] = t;
	}
	for (i = 0; i < 3; i++) {
		if (!o.have && order[i] != 0)
			continue;
		if (order[i] == 0) {
			diag_cause_suite(d, &o);
			if (i == 0) {
				handshake_add_cause(d->h, "the server's certificate does not fit any suite the client "
						    "offered (for example an ECDSA certificate while the client offers only "
						    "RSA suites), or the server has no certificate at all, so it could use "
						    "none of them");
				diagnose_cause_ja(d, "サーバーの証明書が、クライアントの提示したどのスイートにも合わない（たとえば"
						  "クライアントが RSA のスイートしか提示していないのに ECDSA 証明書）か、サーバーに"
						  "証明書がまったくないため、どれも使えませんでした");
			}
		}
		/* a part of the offer that looks ordinary is named only in the
		 * last cause, not offered as one of its own */
		else if (order[i] == 1 && o.has_groups && (s.group > 0 || d->kind == DK_NO_SHARED_GROUP))
			diag_cause_group(d, &o);
		else if (order[i] == 2 && o.has_sigalgs && (s.sigalg > 0 || d->kind == DK_NO_SHARED_SIGALG))
			diag_cause_sigalg(d, &o);
	}
	only13 = o.offers13 && !o.offers12 && !o.offers_old;
	only_old = o.have && !o.offers13 && !o.offers12;
	if (only13 || only_old)
		handshake_add_cause(d->h, "less likely, since a server that knows the versions would have answered "
				    "protocol_version rather than %s: a server without %s that %s. Evidence: the client "
				    "offers only %s", diagnose_alert_name(d->alert_id), only13 ? "TLS 1.3" : "these old versions",
				    only13 ? "ignores supported_versions and finds no suite it could use at TLS 1.2" :
					     "refuses them outright", only13 ? "TLS 1.3" : "TLS 1.1 or older");
	if (only13 || only_old)
		diagnose_cause_ja(d, "可能性は低い（バージョンを知っているサーバーなら %s ではなく protocol_version で答えた"
				  "はずです）が、%sを持たないサーバーが%s。根拠: クライアントが提示しているのは %s だけです",
				  diagnose_alert_name(d->alert_id), only13 ? " TLS 1.3 " : "これらの古いバージョン",
				  only13 ? " supported_versions を無視し、TLS 1.2 で使えるスイートを見つけられなかった" :
					   "それらをはねつけた", only13 ? "TLS 1.3" : "TLS 1.1 以前");
	handshake_add_cause(d->h, "the wire cannot tell these apart, and the key exchange groups (%zu offered) and "
			    "signature algorithms (%zu) can also be what the server lacks, though the client did not "
			    "narrow them: the server's own log names the missing piece (OpenSSL says \"no shared "
			    "cipher\" also when a suite lacks a group or a signature algorithm, \"no suitable key "
			    "share\", \"no suitable signature algorithm\"; GnuTLS \"no supported cipher suites\")",
			    o.ngroups, o.nsigalgs);
	diagnose_cause_ja(d, "通信路からはこれらを区別できません。クライアントが絞り込んでいなくても、鍵交換グループ（提示 "
			  "%zu 個）や署名アルゴリズム（%zu 個）がサーバーに欠けている可能性もあります。足りないものは"
			  "サーバー自身のログに出ます（OpenSSL はスイートにグループや署名アルゴリズムが欠けるときも "
			  "\"no shared cipher\" と言い、ほかに \"no suitable key share\"、\"no suitable signature "
			  "algorithm\"、GnuTLS は \"no supported cipher suites\"）", o.ngroups, o.nsigalgs);
	diagnose_gnutls_words(d);
}

void diagnose_suite_reason(const diag_t *d, lang_t l, char *out, size_t len)
{
	diag_offer_t o;
	const char *only = NULL;

	diagnose_offer(d->h, &o);
	/* The wire cannot tell a server without TLS 1.3 that ignores
	 * supported_versions from one that has no suite in common. */
	if (o.have && !o.offers12 && (o.offers13 || o.offers_old))
		only = o.offers13 ? "TLS 1.3" : l == LANG_JA ? "TLS 1.1 以前" : "TLS 1.1 or older";
	if (l == LANG_JA) {
		snprintf(out, len, "サーバーは、自分とクライアントの両方が使える暗号スイートを見つけられず、"
			 "ClientHello に答えられませんでした。");
		if (only)
			diagnose_cat(out, len, "クライアントが提示しているのは %s だけです。サーバーがそれを話さないなら、"
				     "むしろ共通の TLS バージョンがないのです。", only);
		return;
	}
	snprintf(out, len, "The server found no cipher suite that it and the client both support, so it could not "
		 "answer the ClientHello.");
	if (only)
		diagnose_cat(out, len, " The client offers %s only: if the server does not speak %s, it is rather "
			     "that they have no TLS version in common.", only, o.offers13 ? "it" : "them");
}

void diagnose_causes_alpn(const diag_t *d)
{
	diag_offer_t o;

	diagnose_offer(d->h, &o);
	handshake_add_cause(d->h, "the server supports none of the application protocols the client offered, and "
			    "insists on one (RFC 7301 3.2). Evidence: the client's ALPN list is %s; the server "
			    "answered no_application_protocol", o.alpn[0] ? o.alpn : "not visible");
	diagnose_cause_ja(d, "サーバーは、クライアントが提示したアプリケーションプロトコルのどれにも対応しておらず、"
			  "いずれかを必須としています（RFC 7301 3.2）。根拠: クライアントの ALPN の一覧は %s、サーバーの"
			  "答えは no_application_protocol でした", o.alpn[0] ? o.alpn : "（見えません）");
	diagnose_gnutls_words(d);
}

void diagnose_causes_sni(const diag_t *d)
{
	const msg_t *ch = diag_last_client_hello(d->h);

	handshake_add_cause(d->h, "the server has no site (no certificate) for the name the client asked for, and "
			    "refuses rather than answer with another (RFC 6066 3). Evidence: the client's server_name "
			    "is \"%s\"; the server answered a fatal unrecognized_name",
			    ch && ch->hello.sni ? ch->hello.sni : "(none)");
	diagnose_cause_ja(d, "サーバーには、クライアントが求めた名前のサイト（証明書）がなく、別の証明書で答えるより拒否"
			  "することを選んでいます（RFC 6066 3）。根拠: クライアントの server_name は「%s」、サーバーは"
			  "致命的な unrecognized_name で答えました", ch && ch->hello.sni ? ch->hello.sni : "（なし）");
	handshake_add_cause(d->h, "the client used an alias or an address the server is not configured for; try "
			    "the name on the server's certificate");
	diagnose_cause_ja(d, "クライアントが、サーバーに設定されていない別名やアドレスを使いました。サーバー証明書に"
			  "ある名前を試してください");
	diagnose_gnutls_words(d);
}

/* ---- step 3: server parameters the client refuses ---- */

/* RFC 5246 7.4.3: ServerDHParams { opaque dh_p<1..2^16-1>; ... }: the
 * prime's size in bits (leading zero bytes left out), 0 if not DHE. */
static unsigned diag_dh_bits(const handshake_t *h)
{
	const msg_t *ske = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE);
	cursor_t c;
	uint16_t len;
	slice_t p;
	size_t i = 0;
	unsigned bits;

	if (!ske || ske->opaque || !h->suite || (h->suite->kx != KX_DHE && h->suite->kx != KX_DHE_PSK))
		return 0;
	c = cursor_make(ske->raw.ptr, ske->raw.len);
	if (cursor_skip(&c, 4) != ERR_OK || cursor_u16(&c, &len) != ERR_OK || cursor_bytes(&c, len, &p) != ERR_OK)
		return 0;
	while (i < p.len && p.ptr[i] == 0)
		i++;
	if (i == p.len)
		return 0;
	bits = (unsigned)(p.len - i) * 8;
	for (uint8_t top = p.ptr[i]; !(top & 0x80); top <<= 1)
		bits--;
	return bits;
}

/* Below these, current clients refuse (OpenSSL security level 2,
 * NIST SP 800-57: 112-bit security). */
#define DIAG_MIN_FF_BITS 2048
#define DIAG_MIN_EC_BITS 224

bool diagnose_weak_params(const handshake_t *h, char *what, size_t len)
{
	unsigned dh = diag_dh_bits(h);
	diag_cert_t c;

	what[0] = '\0';
	if (dh && dh < DIAG_MIN_FF_BITS) {
		snprintf(what, len, "a %u-bit finite-field DH group (ServerKeyExchange dh_p)", dh);
		return true;
	}
	if (diagnose_cert_facts(h, SIDE_SERVER, &c) && c.key_bits &&
	    (((!strcmp(c.key_alg, "RSA") || !strcmp(c.key_alg, "DSA")) && c.key_bits < DIAG_MIN_FF_BITS) ||
	     (!strcmp(c.key_alg, "ECDSA") && c.key_bits < DIAG_MIN_EC_BITS))) {
		snprintf(what, len, "a %u-bit %s key (the server's certificate \"%s\")", c.key_bits, c.key_alg, c.subject);
		return true;
	}
	return false;
}

/* diagnose_weak_params's words in Japanese. */
static void diag_weak_what_ja(const handshake_t *h, char *what, size_t len)
{
	diag_cert_t c;
	unsigned dh = diag_dh_bits(h);

	if (dh && dh < DIAG_MIN_FF_BITS)
		snprintf(what, len, "%u ビットの有限体 DH グループ（ServerKeyExchange の dh_p）", dh);
	else if (diagnose_cert_facts(h, SIDE_SERVER, &c) && c.key_bits)
		snprintf(what, len, "%u ビットの %s 鍵（サーバー証明書「%s」）", c.key_bits, c.key_alg, c.subject);
	else
		snprintf(what, len, "弱いパラメータ");
}

void diagnose_weak_reason(const diag_t *d, lang_t l, char *out, size_t len)
{
	char what[DIAG_LINE];

	if (l == LANG_JA) {
		diag_weak_what_ja(d->h, what, sizeof what);
		snprintf(out, len, "クライアントはサーバーのパラメータを拒否しました。サーバーが使っているのは%sで、"
			 "クライアントが受け入れる大きさより小さいため、クライアントは中止しました。", what);
		return;
	}
	diagnose_weak_params(d->h, what, sizeof what);
	snprintf(out, len, "The client refused the server's parameters: the server uses %s, smaller than the client "
		 "accepts, so the client stopped.", what);
}

void diagnose_causes_weak(const diag_t *d)
{
	char what[DIAG_LINE];

	diagnose_weak_params(d->h, what, sizeof what);
	handshake_add_cause(d->h, "the client requires stronger parameters than the server offers: the server uses "
			    "%s, below the %u bits current clients require (OpenSSL's security level 2 and most "
			    "browsers; OpenSSL says \"dh key too small\" or \"EE certificate key too weak\"). "
			    "Evidence: the client stopped with %s right after the server's %s", what, DIAG_MIN_FF_BITS,
			    d->alert_id >= 0 ? diagnose_alert_name(d->alert_id) : "no alert",
			    d->h->version == VER_TLS13 ? "flight" : "ServerKeyExchange");
	diag_weak_what_ja(d->h, what, sizeof what);
	diagnose_cause_ja(d, "クライアントは、サーバーの提示より強いパラメータを求めています（サーバーが使っているのは%s"
			  "で、現在のクライアントは %u "
			  "ビット以上を求めます。OpenSSL のセキュリティレベル 2 と多くのブラウザ。OpenSSL の表現では "
			  "\"dh key too small\" や \"EE certificate key too weak\"）。根拠: クライアントはサーバーの%sの直後に"
			  "%sで中止しました", what, DIAG_MIN_FF_BITS, d->h->version == VER_TLS13 ? "フライト" : " ServerKeyExchange ",
			  d->alert_id >= 0 ? diagnose_alert_name(d->alert_id) : "アラートなし");
	handshake_add_cause(d->h, "something else in the server's certificate or signature did not satisfy the "
			    "client (the %s alert does not say which)", diagnose_alert_name(d->alert_id));
	diagnose_cause_ja(d, "サーバーの証明書か署名の別の点がクライアントの条件を満たしませんでした（%s アラートからは"
			  "どれかは分かりません）", diagnose_alert_name(d->alert_id));
	diagnose_gnutls_words(d);
}
