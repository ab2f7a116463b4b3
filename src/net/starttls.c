/* starttls.c - the STARTTLS dialogues (see starttls.h) as data: each
 * protocol is a short list of steps {what the client sends, what answer
 * goes on, what answer is only a continuation}.  Line protocols match the
 * start of each line; XMPP and PostgreSQL match within what arrived. */
#include <stdio.h>
#include <string.h>
#include "starttls.h"

typedef struct {
	const char *send;        /* NULL: send nothing (wait for the greeting); may hold %s (host) */
	size_t send_len;         /* nonzero: binary bytes of that length */
	const char *ok;          /* the answer that ends this step well */
	const char *cont;        /* a line that says more is coming ("250-"), NULL: none */
	const char *what;        /* what this step is, for the refusal */
} net_stls_step_t;

typedef struct {
	const char *name;
	uint16_t port;
	bool lines;              /* line protocol (CRLF); else a match within the bytes */
	net_stls_step_t steps[4];
} net_stls_proto_info_t;

/* RFC 3207 4: "220 Ready to start TLS"; RFC 5321 4.2.1: "250-" continues. */
static const net_stls_proto_info_t net_stls_protos[NET_STLS__COUNT] = {
	[NET_STLS_SMTP] = { "smtp", 25, true, {
		{ NULL, 0, "220 ", "220-", "the greeting" },
		{ "EHLO tlstrace.invalid\r\n", 0, "250 ", "250-", "EHLO" },
		{ "STARTTLS\r\n", 0, "220", NULL, "STARTTLS" } } },
	/* RFC 3501 6.2.1: "a OK Begin TLS negotiation now"; untagged "*" lines continue. */
	[NET_STLS_IMAP] = { "imap", 143, true, {
		{ NULL, 0, "* OK", NULL, "the greeting" },
		{ "a1 STARTTLS\r\n", 0, "a1 OK", "* ", "STARTTLS" } } },
	/* RFC 2595 4: STLS, "+OK Begin TLS negotiation". */
	[NET_STLS_POP3] = { "pop3", 110, true, {
		{ NULL, 0, "+OK", NULL, "the greeting" },
		{ "STLS\r\n", 0, "+OK", NULL, "STLS" } } },
	/* RFC 4217 4: AUTH TLS, "234". */
	[NET_STLS_FTP] = { "ftp", 21, true, {
		{ NULL, 0, "220 ", "220-", "the greeting" },
		{ "AUTH TLS\r\n", 0, "234", NULL, "AUTH TLS" } } },
	/* RFC 6120 5.4.2: the stream's features, <starttls/>, then <proceed/>. */
	[NET_STLS_XMPP] = { "xmpp", 5222, false, {
		{ "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
		  "'http://etherx.jabber.org/streams' to='%s' version='1.0'>", 0, "</stream:features>", NULL,
		  "the stream's features" },
		{ "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", 0, "<proceed", NULL, "<starttls/>" } } },
	/* PostgreSQL protocol 53.2.9: SSLRequest (length 8, code 80877103); 'S' yes, 'N' no. */
	[NET_STLS_POSTGRES] = { "postgres", 5432, false, {
		{ "\x00\x00\x00\x08\x04\xd2\x16\x2f", 8, "S", NULL, "SSLRequest" } } },
};

int net_starttls_proto_parse(const char *name)
{
	int i;

	for (i = 0; i < NET_STLS__COUNT; i++)
		if (name && strcmp(name, net_stls_protos[i].name) == 0)
			return i;
	return -1;
}

const char *net_starttls_proto_name(net_stls_proto_t p)
{
	return p < NET_STLS__COUNT ? net_stls_protos[p].name : "?";
}

uint16_t net_starttls_default_port(net_stls_proto_t p)
{
	return p < NET_STLS__COUNT ? net_stls_protos[p].port : 0;
}

void net_starttls_init(net_stls_t *st, net_stls_proto_t proto, const char *host)
{
	memset(st, 0, sizeof *st);
	st->proto = proto;
	snprintf(st->host, sizeof st->host, "%s", host ? host : "");
}

static const net_stls_step_t *net_stls_cur(const net_stls_t *st)
{
	const net_stls_step_t *s = &net_stls_protos[st->proto].steps[st->step];

	return st->step < 4 && s->ok ? s : NULL;
}

net_stls_next_t net_starttls_next(net_stls_t *st)
{
	const net_stls_step_t *s = net_stls_cur(st);

	if (!s)
		return NET_STLS_READY;
	if (s->send && !st->sent) {
		if (s->send_len) {
			memcpy(st->out, s->send, s->send_len);
			st->out_len = s->send_len;
		} else {
			/* The one placeholder, %s, is the host (XMPP's to=). */
			const char *at = strstr(s->send, "%s");
			int n = at ? snprintf(st->out, sizeof st->out, "%.*s%s%s", (int)(at - s->send), s->send,
					      st->host, at + 2)
				   : snprintf(st->out, sizeof st->out, "%s", s->send);
			st->out_len = n > 0 && (size_t)n < sizeof st->out ? (size_t)n : 0;
		}
		st->sent = true;
		return NET_STLS_SEND;
	}
	return NET_STLS_MORE;
}

slice_t net_starttls_out(const net_stls_t *st)
{
	return slice_make(st->out, st->out_len);
}

static net_stls_next_t net_stls_refuse(net_stls_t *st, const char *answer)
{
	const net_stls_step_t *s = net_stls_cur(st);

	snprintf(st->why, sizeof st->why, "the server refused STARTTLS (%s, at %s): it answered \"%.120s\"",
		 net_stls_protos[st->proto].name, s ? s->what : "?", answer);
	return NET_STLS_REFUSED;
}

/* The step is over: the next one, or TLS. */
static net_stls_next_t net_stls_advance(net_stls_t *st)
{
	st->step++;
	st->sent = false;
	return net_starttls_next(st);
}

/* Line protocols: one complete line at a time. */
static net_stls_next_t net_stls_lines(net_stls_t *st)
{
	char *nl;

	while ((nl = memchr(st->in, '\n', st->in_len)) != NULL) {
		const net_stls_step_t *s = net_stls_cur(st);
		size_t len = (size_t)(nl - st->in) + 1, l = len;
		net_stls_next_t nx;

		while (l && (st->in[l - 1] == '\n' || st->in[l - 1] == '\r'))
			l--;
		snprintf(st->last_line, sizeof st->last_line, "%.*s", (int)l, st->in);
		memmove(st->in, st->in + len, st->in_len - len);
		st->in_len -= len;
		if (!s)
			return NET_STLS_READY;
		if (s->cont && strncmp(st->last_line, s->cont, strlen(s->cont)) == 0)
			continue;
		if (strncmp(st->last_line, s->ok, strlen(s->ok)) != 0)
			return net_stls_refuse(st, st->last_line);
		nx = net_stls_advance(st);
		if (nx != NET_STLS_MORE)
			return nx;
	}
	if (st->in_len == sizeof st->in - 1)
		return net_stls_refuse(st, "(a line longer than 2 kB)");
	return NET_STLS_MORE;
}

/* XMPP, PostgreSQL: the answer within what arrived. */
static net_stls_next_t net_stls_match(net_stls_t *st)
{
	const net_stls_step_t *s = net_stls_cur(st);
	char *at;

	if (!s)
		return NET_STLS_READY;
	st->in[st->in_len] = '\0';
	if ((at = strstr(st->in, s->ok)) != NULL) {
		st->in_len = 0;
		return net_stls_advance(st);
	}
	if (st->proto == NET_STLS_POSTGRES || strstr(st->in, "<failure") || strstr(st->in, "</stream:stream>") ||
	    st->in_len == sizeof st->in - 1) {
		snprintf(st->last_line, sizeof st->last_line, "%.*s", (int)(st->in_len < 120 ? st->in_len : 120),
			 st->in);
		return net_stls_refuse(st, st->last_line);
	}
	return NET_STLS_MORE;
}

net_stls_next_t net_starttls_feed(net_stls_t *st, const uint8_t *p, size_t n)
{
	size_t room = sizeof st->in - 1 - st->in_len;

	if (n > room)
		n = room;
	memcpy(st->in + st->in_len, p, n);
	st->in_len += n;
	return net_stls_protos[st->proto].lines ? net_stls_lines(st) : net_stls_match(st);
}

const char *net_starttls_why(const net_stls_t *st)
{
	return st->why;
}
