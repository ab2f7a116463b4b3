/* starttls.c - the plaintext upgrade scanner (see starttls.h).
 *
 * Text protocols are cut into lines at LF, XMPP into elements at '>',
 * LDAP into BER messages by their outer length.  Only each line's first
 * STARTTLS_LINE_MAX bytes are kept; a command or reply that matters is
 * always shorter.  Matching is on that copy; the BER is read with the
 * cursor. */
#include <string.h>
#include "base/cursor.h"
#include "starttls.h"

static const char starttls_xmpp_ns[] = "urn:ietf:params:xml:ns:xmpp-tls";
/* RFC 4511 4.14.1: "The requestName is 1.3.6.1.4.1.1466.20037" */
static const char starttls_ldap_oid[] = "1.3.6.1.4.1.1466.20037";

static uint8_t lc(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

/* A view of part of a line. */
typedef struct {
	const uint8_t *s;
	size_t n;
} span_t;

static bool span_is(span_t a, const char *w)
{
	size_t i, n = strlen(w);

	if (a.n != n)
		return false;
	for (i = 0; i < n; i++)
		if (lc(a.s[i]) != lc((uint8_t)w[i]))
			return false;
	return true;
}

static bool span_starts(span_t a, const char *w)
{
	size_t n = strlen(w);

	return a.n >= n && span_is((span_t){ a.s, n }, w);
}

static bool span_has(span_t a, const char *w)
{
	size_t i, n = strlen(w);

	for (i = 0; i + n <= a.n; i++)
		if (memcmp(a.s + i, w, n) == 0)
			return true;
	return false;
}

/* The i-th space-separated word of a (i from 0); empty when there is none.
 * *rest is what follows it. */
static span_t span_word(span_t a, int i, span_t *rest)
{
	size_t at = 0, start;

	for (;;) {
		while (at < a.n && a.s[at] == ' ')
			at++;
		start = at;
		while (at < a.n && a.s[at] != ' ')
			at++;
		if (i-- == 0 || at == a.n)
			break;
	}
	if (i >= 0)
		start = at;
	if (rest)
		*rest = (span_t){ a.s + at, a.n - at };
	return (span_t){ a.s + start, at - start };
}

static void starttls_set_client(starttls_t *st, int client)
{
	if (st->roles)
		return;
	st->roles = true;
	st->dir[client].server = false;
	st->dir[1 - client].server = true;
}

static starttls_event_t starttls_command(starttls_t *st, int dir, const char *proto)
{
	st->proto = proto;
	st->client = dir;
	st->waiting = true;
	st->open_element = false;
	starttls_set_client(st, dir);
	return STARTTLS_COMMAND;
}

static starttls_event_t starttls_reply(starttls_t *st, bool yes)
{
	st->waiting = false;
	st->open_element = false;
	return yes ? STARTTLS_GO : STARTTLS_REFUSED;
}

/* ---- text protocols ------------------------------------------------------- */

static bool text_is_reply(span_t l)
{
	/* SMTP and FTP: a three-digit code then SP or "-" (RFC 5321 4.2,
	 * RFC 959 4.2); IMAP untagged "* "; POP3 "+OK" / "-ERR". */
	if (l.n >= 3 && l.s[0] >= '1' && l.s[0] <= '5' && l.s[1] >= '0' && l.s[1] <= '9'
	    && l.s[2] >= '0' && l.s[2] <= '9' && (l.n == 3 || l.s[3] == ' ' || l.s[3] == '-'))
		return true;
	return span_starts(l, "* ") || span_starts(l, "+OK") || span_starts(l, "-ERR");
}

static bool text_is_command(span_t l)
{
	static const char *const first[] = { "EHLO", "HELO", "LHLO", "STARTTLS", "STLS", "CAPA",
					     "AUTH", "USER", "FEAT", "NOOP", "QUIT" };
	static const char *const imap[] = { "STARTTLS", "CAPABILITY", "LOGIN", "NOOP", "ID",
					    "AUTHENTICATE" };
	span_t w0 = span_word(l, 0, NULL), w1 = span_word(l, 1, NULL);
	size_t i;

	for (i = 0; i < sizeof first / sizeof first[0]; i++)
		if (span_is(w0, first[i]))
			return true;
	for (i = 0; i < sizeof imap / sizeof imap[0]; i++)
		if (span_is(w1, imap[i]))
			return true;
	return false;
}

/* The client's upgrade command, or NULL. */
static const char *text_upgrade(starttls_t *st, span_t l)
{
	span_t rest, w0 = span_word(l, 0, &rest), w1 = span_word(rest, 0, &rest);

	if (span_is(l, "STARTTLS"))           /* RFC 3207 4 */
		return "SMTP";
	if (span_is(l, "STLS"))               /* RFC 2595 4 */
		return "POP3";
	/* RFC 4217 4: "AUTH TLS"; "AUTH SSL" (and TLS-C, TLS-P) from the
	 * drafts before it are still sent. */
	if (span_is(w0, "AUTH") && rest.n == 0
	    && (span_is(w1, "TLS") || span_is(w1, "SSL") || span_is(w1, "TLS-C") || span_is(w1, "TLS-P")))
		return "FTP";
	/* RFC 3501 6.2.1: tag SP "STARTTLS"; a tag is never "*" or "+". */
	if (span_is(w1, "STARTTLS") && rest.n == 0 && w0.n && w0.n <= sizeof st->tag
	    && !span_is(w0, "*") && !span_is(w0, "+")) {
		memcpy(st->tag, w0.s, w0.n);
		st->taglen = w0.n;
		return "IMAP";
	}
	return NULL;
}

static starttls_event_t text_answer(starttls_t *st, span_t l)
{
	bool code = l.n >= 3 && l.s[0] >= '1' && l.s[0] <= '5';
	span_t rest, w0 = span_word(l, 0, &rest);

	if (strcmp(st->proto, "SMTP") == 0 || strcmp(st->proto, "FTP") == 0) {
		if (!code || (l.n > 3 && l.s[3] == '-'))      /* continuation line */
			return STARTTLS_MORE;
		/* RFC 3207 4: "220 Ready to start TLS"; RFC 4217 4.1: 234. */
		if (strcmp(st->proto, "SMTP") == 0)
			return starttls_reply(st, l.s[0] == '2');
		return starttls_reply(st, l.s[0] == '2' && l.s[1] == '3' && l.s[2] == '4');
	}
	if (strcmp(st->proto, "POP3") == 0) {            /* RFC 2595 4: "+OK" */
		if (span_starts(l, "+OK"))
			return starttls_reply(st, true);
		return span_starts(l, "-ERR") ? starttls_reply(st, false) : STARTTLS_MORE;
	}
	/* IMAP: the tagged completion, RFC 3501 7.1: OK, NO or BAD. */
	if (w0.n != st->taglen || memcmp(w0.s, st->tag, st->taglen) != 0)
		return STARTTLS_MORE;
	return starttls_reply(st, span_is(span_word(rest, 0, NULL), "OK"));
}

static starttls_event_t text_line(starttls_t *st, int dir, span_t l)
{
	bool reply;

	while (l.n && (l.s[l.n - 1] == '\n' || l.s[l.n - 1] == '\r' || l.s[l.n - 1] == ' '))
		l.n--;
	reply = text_is_reply(l);
	if (!st->classified) {
		if (!reply && !text_is_command(l))
			return STARTTLS_NOT;
		st->classified = true;
	}
	if (reply && !st->roles && !st->waiting)
		starttls_set_client(st, 1 - dir);
	if (!st->waiting) {
		const char *proto = st->dir[dir].server ? NULL : text_upgrade(st, l);
		return proto ? starttls_command(st, dir, proto) : STARTTLS_MORE;
	}
	return dir == st->client ? STARTTLS_MORE : text_answer(st, l);
}

/* ---- XMPP ----------------------------------------------------------------- */

/* Is l the start tag (or empty element) `name`? */
static bool xml_is(span_t l, const char *name)
{
	size_t n = strlen(name);

	if (l.n < n + 2 || l.s[0] != '<' || memcmp(l.s + 1, name, n) != 0)
		return false;
	return l.s[n + 1] == ' ' || l.s[n + 1] == '/' || l.s[n + 1] == '>';
}

static bool xml_empty(span_t l)
{
	return l.n >= 2 && l.s[l.n - 2] == '/';
}

static starttls_event_t xml_element(starttls_t *st, int dir, span_t l)
{
	while (l.n && (l.s[0] == ' ' || l.s[0] == '\t' || l.s[0] == '\r' || l.s[0] == '\n')) {
		l.s++;
		l.n--;
	}
	if (!st->classified) {
		/* RFC 6120 4.2: a stream opens with <stream:stream>, often
		 * after an XML declaration. */
		if (!span_starts(l, "<?xml") && !span_starts(l, "<stream:stream"))
			return STARTTLS_NOT;
		st->classified = true;
	}
	if (xml_is(l, "stream:features") && !st->roles)   /* only a server offers features */
		starttls_set_client(st, 1 - dir);
	if (!st->waiting) {
		if (st->dir[dir].server)
			return STARTTLS_MORE;
		/* RFC 6120 5.4.2.1: <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/> */
		if (st->open_element && span_starts(l, "</starttls"))
			return starttls_command(st, dir, "XMPP");
		if (!xml_is(l, "starttls") || !span_has(l, starttls_xmpp_ns))
			return STARTTLS_MORE;
		if (xml_empty(l))
			return starttls_command(st, dir, "XMPP");
		st->open_element = true;
		return STARTTLS_MORE;
	}
	if (dir == st->client)
		return STARTTLS_MORE;
	/* RFC 6120 5.4.2.3: <proceed .../>, or 5.4.2.2: <failure .../> */
	if (st->open_element && span_starts(l, "</proceed"))
		return starttls_reply(st, true);
	if (xml_is(l, "failure"))
		return starttls_reply(st, false);
	if (!xml_is(l, "proceed") || !span_has(l, starttls_xmpp_ns))
		return STARTTLS_MORE;
	if (xml_empty(l))
		return starttls_reply(st, true);
	st->open_element = true;
	return STARTTLS_MORE;
}

/* ---- LDAP ----------------------------------------------------------------- */

/* X.690 8.1.3: definite length, short form or long form of 1-4 bytes. */
static bool ber_len(cursor_t *c, uint32_t *len)
{
	uint8_t b, k;

	if (cursor_u8(c, &b))
		return false;
	if (b < 0x80) {
		*len = b;
		return true;
	}
	k = b & 0x7f;
	*len = 0;
	if (k == 0 || k > 4)
		return false;
	while (k--) {
		if (cursor_u8(c, &b))
			return false;
		*len = *len << 8 | b;
	}
	return true;
}

/* The whole message's length from its first bytes: 0 when more are
 * needed, UINT32_MAX when it is not a BER SEQUENCE we can frame. */
static uint32_t ber_total(const uint8_t *p, size_t n)
{
	cursor_t c = cursor_make(p, n);
	uint8_t tag;
	uint32_t len;

	if (cursor_u8(&c, &tag) || tag != 0x30)
		return n ? UINT32_MAX : 0;
	if (!ber_len(&c, &len)) {
		uint8_t b = n >= 2 ? p[1] : 0;
		return n >= 2 && (b == 0x80 || b > 0x84) ? UINT32_MAX : 0;
	}
	return len > STARTTLS_SCAN_MAX ? UINT32_MAX : (uint32_t)cursor_pos(&c) + len;
}

/* RFC 4511 4.2: LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp
 * CHOICE { ... extendedReq [APPLICATION 23], extendedResp [APPLICATION
 * 24] ... } }; 4.12: ExtendedRequest ::= { requestName [0] LDAPOID ... },
 * ExtendedResponse ::= { COMPONENTS OF LDAPResult (resultCode ENUMERATED
 * first, success (0)) ... }. */
static starttls_event_t ber_message(starttls_t *st, int dir, const uint8_t *p, size_t n)
{
	cursor_t c = cursor_make(p, n);
	uint8_t tag, op, rc;
	uint32_t len;
	slice_t name;

	st->classified = true;
	if (cursor_u8(&c, &tag) || !ber_len(&c, &len) || cursor_u8(&c, &tag) || tag != 0x02
	    || !ber_len(&c, &len) || cursor_skip(&c, len) || cursor_u8(&c, &op) || !ber_len(&c, &len))
		return STARTTLS_MORE;
	if (!st->waiting && !st->dir[dir].server && op == 0x77) {
		if (cursor_u8(&c, &tag) || tag != 0x80 || !ber_len(&c, &len) || cursor_bytes(&c, len, &name))
			return STARTTLS_MORE;
		if (name.len == strlen(starttls_ldap_oid) && memcmp(name.ptr, starttls_ldap_oid, name.len) == 0)
			return starttls_command(st, dir, "LDAP");
		return STARTTLS_MORE;
	}
	if (st->waiting && dir != st->client && op == 0x78) {
		if (cursor_u8(&c, &tag) || tag != 0x0a || !ber_len(&c, &len) || len != 1 || cursor_u8(&c, &rc))
			return STARTTLS_MORE;
		return starttls_reply(st, rc == 0);
	}
	return STARTTLS_MORE;
}

static starttls_event_t ber_feed(starttls_t *st, int dir, const uint8_t *p, size_t n, size_t *used)
{
	starttls_dir_t *d = &st->dir[dir];
	size_t i = 0;

	while (i < n) {
		size_t take = n - i;

		if (d->need && take > d->need - d->len)
			take = d->need - d->len;
		if (!d->need && take > 6)       /* enough for any header we can frame */
			take = 6;
		if (d->len < STARTTLS_LINE_MAX)
			memcpy(d->line + d->len, p + i, take < STARTTLS_LINE_MAX - d->len ? take : STARTTLS_LINE_MAX - d->len);
		d->len += (uint32_t)take;
		i += take;
		if (!d->need) {
			d->need = ber_total(d->line, d->len < STARTTLS_LINE_MAX ? d->len : STARTTLS_LINE_MAX);
			if (d->need == UINT32_MAX)
				return STARTTLS_NOT;
		}
		if (d->need && d->len >= d->need) {
			starttls_event_t e = ber_message(st, dir, d->line, d->need < STARTTLS_LINE_MAX ? d->need : STARTTLS_LINE_MAX);
			size_t extra = d->len - d->need;   /* header bytes read past the end of a short message */

			d->len = d->need = 0;
			i -= extra;
			if (e != STARTTLS_MORE) {
				*used = i;
				return e;
			}
		}
	}
	*used = n;
	return STARTTLS_MORE;
}

/* ---- the scanner ---------------------------------------------------------- */

bool starttls_candidate(uint8_t first)
{
	return first == 0x30 || first == '<' || (first > ' ' && first < 0x7f);
}

void starttls_init(starttls_t *st, uint8_t first, int initiator)
{
	memset(st, 0, sizeof *st);
	st->client = -1;
	st->framing = first == 0x30 ? STARTTLS_BER : first == '<' ? STARTTLS_XML : STARTTLS_TEXT;
	if (initiator >= 0)
		starttls_set_client(st, initiator);
}

starttls_event_t starttls_feed(starttls_t *st, int dir, const uint8_t *p, size_t n, size_t *used)
{
	starttls_dir_t *d = &st->dir[dir];
	uint8_t term = st->framing == STARTTLS_XML ? '>' : '\n';
	size_t i = 0;

	*used = 0;
	if (n > STARTTLS_SCAN_MAX - d->scanned)
		n = STARTTLS_SCAN_MAX - d->scanned + 1;   /* enough to cross the bound below */
	if (st->framing == STARTTLS_BER) {
		starttls_event_t e = ber_feed(st, dir, p, n, used);
		d->scanned += (uint32_t)*used;
		return d->scanned > STARTTLS_SCAN_MAX ? STARTTLS_NOT : e;
	}
	while (i < n) {
		const uint8_t *eol = memchr(p + i, term, n - i);
		size_t take = eol ? (size_t)(eol - (p + i)) + 1 : n - i;

		if (d->len < STARTTLS_LINE_MAX)
			memcpy(d->line + d->len, p + i, take < STARTTLS_LINE_MAX - d->len ? take : STARTTLS_LINE_MAX - d->len);
		d->len += (uint32_t)take;
		i += take;
		d->scanned += (uint32_t)take;
		if (d->scanned > STARTTLS_SCAN_MAX)
			return STARTTLS_NOT;
		if (eol) {
			span_t l = { d->line, d->len < STARTTLS_LINE_MAX ? d->len : STARTTLS_LINE_MAX };
			starttls_event_t e = st->framing == STARTTLS_XML ? xml_element(st, dir, l) : text_line(st, dir, l);

			d->len = 0;
			if (e != STARTTLS_MORE) {
				*used = i;
				return e;
			}
		}
	}
	*used = n;
	return STARTTLS_MORE;
}

void starttls_gap(starttls_t *st, int dir)
{
	st->dir[dir].len = 0;
	st->dir[dir].need = 0;
}
