/* test_net.c - the connect client's sans-I/O parts (src/net): HOST[:PORT]
 * parsing (names, IPv4, IPv6 with and without brackets, bad ports and
 * brackets), the STARTTLS dialogues as a state machine (SMTP with a
 * multi-line EHLO answer, IMAP with untagged lines, bytes split
 * anywhere, refusals, POP3, FTP, XMPP and PostgreSQL), the priority string
 * an offer gives, and the tap on a socket pair (bytes reported with their
 * direction, a silent peer a timeout, a closed one a close). */
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "testing.h"
#include "net/addr.h"
#include "net/connect.h"
#include "net/starttls.h"
#include "net/tap.h"
#include "tls/msg.h"

static void test_addr_parse(void)
{
	net_addr_target_t t;
	char why[128];

	CU_ASSERT_EQUAL(net_addr_parse("example.com", 443, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_STRING_EQUAL(t.host, "example.com");
	CU_ASSERT_EQUAL(t.port, 443);
	CU_ASSERT_FALSE(t.literal);
	CU_ASSERT_EQUAL(net_addr_parse("example.com:8443", 443, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(t.port, 8443);
	CU_ASSERT_EQUAL(net_addr_parse("127.0.0.1:25", 443, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_STRING_EQUAL(t.host, "127.0.0.1");
	CU_ASSERT_EQUAL(t.port, 25);
	CU_ASSERT_TRUE(t.literal);
	CU_ASSERT_EQUAL(net_addr_parse("[::1]:8443", 443, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_STRING_EQUAL(t.host, "::1");
	CU_ASSERT_EQUAL(t.port, 8443);
	CU_ASSERT_TRUE(t.literal);
	CU_ASSERT_EQUAL(net_addr_parse("[2001:db8::1]", 443, &t, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(t.port, 443);
	CU_ASSERT_EQUAL(net_addr_parse("::1", 993, &t, why, sizeof why), ERR_OK);   /* bare: no port */
	CU_ASSERT_STRING_EQUAL(t.host, "::1");
	CU_ASSERT_EQUAL(t.port, 993);
	/* negative: empty, bad ports, brackets */
	CU_ASSERT_EQUAL(net_addr_parse("", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("host:", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("host:0", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("host:65536", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("host:44x", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("[::1", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("[::1]8443", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse("[name]:1", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(net_addr_parse(":443", 443, &t, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "empty"));
}

/* Feeds s to the machine in pieces of `step` bytes; the last answer. */
static net_stls_next_t feed(net_stls_t *st, const char *s, size_t step)
{
	net_stls_next_t nx = NET_STLS_MORE;
	size_t n = strlen(s), at = 0;

	while (at < n && nx == NET_STLS_MORE) {
		size_t k = n - at < step ? n - at : step;
		nx = net_starttls_feed(st, (const uint8_t *)s + at, k);
		at += k;
	}
	return nx;
}

static void test_starttls_smtp(void)
{
	size_t step;

	for (step = 1; step <= 64; step *= 4) {
		net_stls_t st;
		slice_t o;

		net_starttls_init(&st, NET_STLS_SMTP, "mail.test");
		CU_ASSERT_EQUAL(net_starttls_next(&st), NET_STLS_MORE);      /* the greeting first */
		CU_ASSERT_EQUAL(feed(&st, "220-mail.test ESMTP\r\n220 ready\r\n", step), NET_STLS_SEND);
		o = net_starttls_out(&st);
		CU_ASSERT(o.len > 5 && memcmp(o.ptr, "EHLO ", 5) == 0);
		CU_ASSERT_EQUAL(net_starttls_next(&st), NET_STLS_MORE);
		CU_ASSERT_EQUAL(feed(&st, "250-mail.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n", step), NET_STLS_SEND);
		o = net_starttls_out(&st);
		CU_ASSERT(o.len == 10 && memcmp(o.ptr, "STARTTLS\r\n", 10) == 0);
		CU_ASSERT_EQUAL(feed(&st, "220 2.0.0 go ahead\r\n", step), NET_STLS_READY);
	}
}

static void test_starttls_refused(void)
{
	net_stls_t st;

	net_starttls_init(&st, NET_STLS_SMTP, "mail.test");
	(void)net_starttls_next(&st);
	CU_ASSERT_EQUAL(feed(&st, "220 ready\r\n", 100), NET_STLS_SEND);
	CU_ASSERT_EQUAL(feed(&st, "250 ok\r\n", 100), NET_STLS_SEND);
	CU_ASSERT_EQUAL(feed(&st, "454 4.7.0 TLS not available\r\n", 100), NET_STLS_REFUSED);
	CU_ASSERT_PTR_NOT_NULL(strstr(net_starttls_why(&st), "454 4.7.0 TLS not available"));
	CU_ASSERT_PTR_NOT_NULL(strstr(net_starttls_why(&st), "STARTTLS"));
	/* a greeting that is not SMTP's */
	net_starttls_init(&st, NET_STLS_SMTP, "x");
	(void)net_starttls_next(&st);
	CU_ASSERT_EQUAL(feed(&st, "HTTP/1.1 400 Bad Request\r\n", 100), NET_STLS_REFUSED);
}

static void test_starttls_imap(void)
{
	net_stls_t st;

	net_starttls_init(&st, NET_STLS_IMAP, "imap.test");
	CU_ASSERT_EQUAL(net_starttls_next(&st), NET_STLS_MORE);
	CU_ASSERT_EQUAL(feed(&st, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n", 7), NET_STLS_SEND);
	CU_ASSERT_EQUAL(net_starttls_out(&st).len, strlen("a1 STARTTLS\r\n"));
	CU_ASSERT_EQUAL(feed(&st, "* CAPABILITY IMAP4rev1\r\na1 OK Begin TLS\r\n", 3), NET_STLS_READY);
	net_starttls_init(&st, NET_STLS_IMAP, "imap.test");
	(void)net_starttls_next(&st);
	CU_ASSERT_EQUAL(feed(&st, "* OK ready\r\n", 100), NET_STLS_SEND);
	CU_ASSERT_EQUAL(feed(&st, "a1 NO STARTTLS disabled\r\n", 100), NET_STLS_REFUSED);
}

static void test_starttls_others(void)
{
	net_stls_t st;
	slice_t o;

	CU_ASSERT_EQUAL(net_starttls_proto_parse("pop3"), NET_STLS_POP3);
	CU_ASSERT_EQUAL(net_starttls_proto_parse("gopher"), -1);
	CU_ASSERT_EQUAL(net_starttls_default_port(NET_STLS_SMTP), 25);
	net_starttls_init(&st, NET_STLS_POP3, "h");
	(void)net_starttls_next(&st);
	CU_ASSERT_EQUAL(feed(&st, "+OK POP3\r\n", 100), NET_STLS_SEND);
	CU_ASSERT_EQUAL(feed(&st, "+OK begin\r\n", 100), NET_STLS_READY);
	net_starttls_init(&st, NET_STLS_FTP, "h");
	(void)net_starttls_next(&st);
	CU_ASSERT_EQUAL(feed(&st, "220-welcome\r\n220 FTP\r\n", 5), NET_STLS_SEND);
	CU_ASSERT_EQUAL(feed(&st, "234 AUTH TLS OK\r\n", 5), NET_STLS_READY);
	net_starttls_init(&st, NET_STLS_XMPP, "chat.test");
	CU_ASSERT_EQUAL(net_starttls_next(&st), NET_STLS_SEND);
	o = net_starttls_out(&st);
	CU_ASSERT(o.len < sizeof st.out && strstr(st.out, "to='chat.test'") != NULL);
	CU_ASSERT_EQUAL(feed(&st, "<stream:stream><stream:features><starttls/></stream:features>", 9), NET_STLS_SEND);
	CU_ASSERT_EQUAL(feed(&st, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", 100), NET_STLS_READY);
	net_starttls_init(&st, NET_STLS_POSTGRES, "db");
	CU_ASSERT_EQUAL(net_starttls_next(&st), NET_STLS_SEND);
	CU_ASSERT_EQUAL(net_starttls_out(&st).len, 8);
	CU_ASSERT_EQUAL(feed(&st, "S", 1), NET_STLS_READY);
	net_starttls_init(&st, NET_STLS_POSTGRES, "db");
	(void)net_starttls_next(&st);
	CU_ASSERT_EQUAL(feed(&st, "N", 1), NET_STLS_REFUSED);
}

static void test_priority(void)
{
	net_connect_cfg_t c = { .starttls = -1 };
	char p[512], why[128];

	CU_ASSERT_EQUAL(net_connect_priority(&c, p, sizeof p, why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "+VERS-TLS1.3:+VERS-TLS1.2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "+AEAD"));
	c.versions = NET_V12;
	c.ciphers[c.nciphers++] = "AES-128-CBC";
	c.groups = "x25519,secp256r1";
	CU_ASSERT_EQUAL(net_connect_priority(&c, p, sizeof p, why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_NULL(strstr(p, "VERS-TLS1.3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "+AES-128-CBC"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "+GROUP-X25519:+GROUP-SECP256R1"));
	c.ciphers[0] = "NO-SUCH-CIPHER";
	CU_ASSERT_EQUAL(net_connect_priority(&c, p, sizeof p, why, sizeof why), ERR_BAD_VALUE);
	c.ciphers[0] = "AES-128-GCM";
	c.groups = "x25519,,";
	CU_ASSERT_EQUAL(net_connect_priority(&c, p, sizeof p, why, sizeof why), ERR_BAD_VALUE);
	net_versions_text(NET_V13 | NET_V12 | NET_V10, p, sizeof p);
	CU_ASSERT_STRING_EQUAL(p, "TLS 1.3, TLS 1.2 and TLS 1.0");
}

typedef struct { int sender[4]; size_t len[4]; int n; } seen_t;

static void on_bytes(void *ctx, int sender, const uint8_t *p, size_t n, double time)
{
	seen_t *s = ctx;

	(void)p, (void)time;
	if (s->n < 4) {
		s->sender[s->n] = sender;
		s->len[s->n++] = n;
	}
}

static void test_tap(void)
{
	int sv[2];
	net_tap_t t;
	seen_t seen = { .n = 0 };
	char b[16];

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	net_tap_init(&t, sv[0], SIDE_CLIENT, 200, on_bytes, &seen);
	CU_ASSERT_EQUAL(net_tap_send(&t, "hello", 5), 5);
	CU_ASSERT_EQUAL(write(sv[1], "abc", 3), 3);
	CU_ASSERT_EQUAL(net_tap_recv(&t, b, sizeof b), 3);
	CU_ASSERT_EQUAL(seen.n, 2);
	CU_ASSERT_EQUAL(seen.sender[0], SIDE_CLIENT);
	CU_ASSERT_EQUAL(seen.len[0], 5);
	CU_ASSERT_EQUAL(seen.sender[1], SIDE_SERVER);
	CU_ASSERT_EQUAL(seen.len[1], 3);
	/* a silent peer: a timeout, not a hang */
	CU_ASSERT_EQUAL(net_tap_recv(&t, b, sizeof b), -1);
	CU_ASSERT_EQUAL(t.state, NET_TAP_TIMEOUT);
	/* a closed one: 0 */
	t.state = NET_TAP_OK;
	CU_ASSERT_EQUAL(read(sv[1], b, sizeof b), 5);   /* unread bytes would make the close a reset */
	close(sv[1]);
	CU_ASSERT_EQUAL(net_tap_recv(&t, b, sizeof b), 0);
	CU_ASSERT_EQUAL(t.state, NET_TAP_CLOSED);
	CU_ASSERT_EQUAL(t.sent, 5);
	CU_ASSERT_EQUAL(t.received, 3);
	close(sv[0]);
}

const test_suite_t test_net_suite = {
	"net", (const test_case_t[]){
		{ "HOST[:PORT], [V6]:PORT and bad operands", test_addr_parse },
		{ "STARTTLS smtp, bytes split anywhere", test_starttls_smtp },
		{ "STARTTLS refused, in the server's words", test_starttls_refused },
		{ "STARTTLS imap, untagged lines and NO", test_starttls_imap },
		{ "STARTTLS pop3, ftp, xmpp, postgres", test_starttls_others },
		{ "the offer as a priority string", test_priority },
		{ "the tap reports both directions, times out, sees a close", test_tap },
		{ NULL, NULL } }
};
