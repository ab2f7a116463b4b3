/* http_page.c - the page about a client's own handshake (see
 * http_page.h).  Lists are read from the ClientHello's facts; the
 * supported_groups and ALPN extension data through a cursor over the
 * spans the parser kept (RFC 8446 4.2.7, RFC 7301 3.1). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base/cursor.h"
#include "base/strfmt.h"
#include "http_page.h"
#include "trace/fingerprint.h"

#define HTTP_PAGE_WIDTH 76

/* Words joined by ", ", wrapped under an indent. */
typedef struct {
	buf_t *out;
	size_t col;
	unsigned n;
	bool ok;
} http_page_list_t;

static void http_page_item(http_page_list_t *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void http_page_item(http_page_list_t *l, const char *fmt, ...)
{
	char word[128];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(word, sizeof word, fmt, ap);
	va_end(ap);
	n = strlen(word);
	if (l->n && l->col + n + 2 > HTTP_PAGE_WIDTH) {
		l->ok &= buf_append(l->out, ",\n    ", 6) == ERR_OK;
		l->col = 4;
	} else if (l->n) {
		l->ok &= buf_append(l->out, ", ", 2) == ERR_OK;
		l->col += 2;
	} else {
		l->ok &= buf_append(l->out, "    ", 4) == ERR_OK;
		l->col = 4;
	}
	l->ok &= buf_append(l->out, word, n) == ERR_OK;
	l->col += n;
	l->n++;
}

static bool http_page_end(http_page_list_t *l)
{
	if (!l->n)
		l->ok &= buf_append(l->out, "    (none)", 10) == ERR_OK;
	l->ok &= buf_append(l->out, "\n", 1) == ERR_OK;
	return l->ok;
}

static bool http_page_suites(buf_t *out, const msg_hello_t *hi)
{
	http_page_list_t l = { out, 0, 0, true };
	size_t i;

	l.ok = buf_printf(out, "  cipher suites (%zu, in your client's order of preference):\n", hi->nsuites) == ERR_OK;
	for (i = 0; i < hi->nsuites; i++) {
		const suite_info_t *si = suite_find(hi->suites[i]);
		if (grease_is(hi->suites[i]))
			http_page_item(&l, "GREASE 0x%04X", hi->suites[i]);
		else if (si)
			http_page_item(&l, "%s", si->name);
		else
			http_page_item(&l, "0x%04X", hi->suites[i]);
	}
	return http_page_end(&l);
}

static bool http_page_exts(buf_t *out, const msg_hello_t *hi)
{
	http_page_list_t l = { out, 0, 0, true };
	size_t i;

	l.ok = buf_printf(out, "  extensions (%zu, in the order sent):\n", hi->nexts) == ERR_OK;
	for (i = 0; i < hi->nexts; i++) {
		const ext_info_t *e = ext_find(hi->exts[i]);
		if (grease_is(hi->exts[i]))
			http_page_item(&l, "GREASE");
		else
			http_page_item(&l, "%s (%u)", e ? e->name : "unknown", hi->exts[i]);
	}
	return http_page_end(&l);
}

static bool http_page_versions(buf_t *out, const msg_hello_t *hi)
{
	http_page_list_t l = { out, 0, 0, true };
	size_t i;

	if (!hi->nversions) {
		const char *v = reg_version_name(hi->legacy_version);
		return buf_printf(out, "  versions: up to %s (the hello's version field; no supported_versions)\n",
				  v ? v : "an unknown version") == ERR_OK;
	}
	l.ok = buf_printf(out, "  versions (supported_versions):\n") == ERR_OK;
	for (i = 0; i < hi->nversions; i++) {
		const char *v = reg_version_name(hi->versions[i]);
		if (grease_is(hi->versions[i]))
			http_page_item(&l, "GREASE");
		else
			http_page_item(&l, "%s", v ? v : "unknown");
	}
	return http_page_end(&l);
}

/* supported_groups: NamedGroup named_group_list<2..2^16-1> (RFC 8446 4.2.7). */
static bool http_page_groups(buf_t *out, const msg_t *ch)
{
	http_page_list_t l = { out, 0, 0, true };
	slice_t s = msg_span(ch, ch->hello.groups);
	cursor_t c = cursor_make(s.ptr, s.len), v;
	uint16_t g;

	l.ok = buf_printf(out, "  groups (supported_groups, for the key exchange):\n") == ERR_OK;
	if (s.len && cursor_open(&c, 2, &v) == ERR_OK)
		while (cursor_u16(&v, &g) == ERR_OK) {
			const group_info_t *gi = group_find(g);
			if (grease_is(g))
				http_page_item(&l, "GREASE");
			else
				http_page_item(&l, "%s", gi ? gi->name : "unknown");
		}
	return http_page_end(&l);
}

/* ALPN: ProtocolName protocol_name_list<2..2^16-1>, each opaque<1..2^8-1> (RFC 7301 3.1). */
static bool http_page_alpn(buf_t *out, const msg_t *ch)
{
	http_page_list_t l = { out, 0, 0, true };
	slice_t s = msg_span(ch, ch->hello.alpn), name;
	cursor_t c = cursor_make(s.ptr, s.len), v, one;

	if (!s.len)
		return true;
	l.ok = buf_printf(out, "  application protocols (ALPN):\n") == ERR_OK;
	if (cursor_open(&c, 2, &v) == ERR_OK)
		while (cursor_open(&v, 1, &one) == ERR_OK && cursor_rest(&one, &name) == ERR_OK) {
			char p[64];
			size_t i;
			for (i = 0; i < name.len && i + 1 < sizeof p; i++)
				p[i] = name.ptr[i] >= 32 && name.ptr[i] < 127 ? (char)name.ptr[i] : '?';
			p[i] = '\0';
			http_page_item(&l, "%s", p);
		}
	return http_page_end(&l);
}

static bool http_page_chosen(buf_t *out, const handshake_t *h)
{
	const msg_t *sh = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO);
	const msg_t *ske = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_KEY_EXCHANGE);
	uint16_t g = sh && sh->hello.key_share_group ? sh->hello.key_share_group : ske ? ske->ske_group : 0;
	const group_info_t *gi = g ? group_find(g) : NULL;
	const char *v = handshake_version_name(h), *kx = handshake_kx_name(h);
	bool ok = buf_printf(out, "\nWhat the server chose (ServerHello, step 2)\n") == ERR_OK;

	ok &= buf_printf(out, "  version:      %s\n", v ? v : "none") == ERR_OK;
	ok &= buf_printf(out, "  cipher suite: %s\n", h->suite ? h->suite->name : "none") == ERR_OK;
	ok &= buf_printf(out, "  key exchange: %s%s%s%s\n", kx ? kx : "unknown", gi ? " with " : "", gi ? gi->name : "",
			 h->ems ? ", extended master secret (RFC 7627)" : "") == ERR_OK;
	return ok;
}

err_t http_page_write(buf_t *out, const conn_t *c, const handshake_t *h)
{
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	fp_t fp = { 0 };
	bool ok = buf_printf(out, "tlstrace serve: your TLS handshake\n"
			     "==================================\n\n"
			     "You connected from %s port %u to %s port %u (connection %u).\n",
			     c->client_ip, c->client_port, c->server_ip, c->server_port, c->id) == ERR_OK;

	if (!ch)
		return ok && buf_printf(out, "\nNo ClientHello was decoded.\n") == ERR_OK ? ERR_OK : ERR_NOMEM;
	ok &= buf_printf(out, "\nWhat your client offered (ClientHello, step 1)\n") == ERR_OK;
	ok &= buf_printf(out, "  server name (SNI): %s\n", ch->hello.sni ? ch->hello.sni : "(none sent)") == ERR_OK;
	ok &= http_page_versions(out, &ch->hello);
	ok &= http_page_suites(out, &ch->hello);
	ok &= http_page_groups(out, ch);
	ok &= http_page_alpn(out, ch);
	ok &= http_page_exts(out, &ch->hello);
	if (fp_handshake(h, &fp) == ERR_OK)
		ok &= buf_printf(out, "  fingerprints: JA3 %s, JA4 %s\n", fp.ja3[0] ? fp.ja3 : "-", fp.ja4[0] ? fp.ja4 : "-") == ERR_OK;
	fp_free(&fp);
	ok &= http_page_chosen(out, h);
	ok &= buf_printf(out, "\nFinished (steps 7 and 8): each side's proof that both saw the same handshake\n"
			 "  your client's Finished: %s\n  the server's Finished:  %s\n",
			 fin_verdict_name(h->fin[SIDE_CLIENT].verdict), fin_verdict_name(h->fin[SIDE_SERVER].verdict)) == ERR_OK;
	ok &= buf_printf(out, "\nEvery value above was decoded from the bytes your client and this server\n"
			 "exchanged; the Finished messages were recomputed from the server's own secrets.\n") == ERR_OK;
	return ok ? ERR_OK : ERR_NOMEM;
}
