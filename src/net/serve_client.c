/* serve_client.c - one client of tlstrace serve, on its own thread (see
 * serve.h): the GnuTLS server session on the socket tap, every byte
 * recorded with its direction and time, the server's key log, the check
 * of a client certificate; the handshake must end within the timeout
 * (a deadline, not a per-read wait: a client trickling a byte at a time
 * is cut off too) and at most NET_SERVE_KEEP_MAX bytes are taken.  Then
 * one HTTP request is answered with the page the hooks wrote.  Nothing is
 * decoded here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <gnutls/x509.h>
#include "base/strfmt.h"
#include "base/vec.h"
#include "tls/msg.h"
#include "serve_int.h"

typedef struct {
	net_serve_run_t *run;
	net_serve_t *s;
	net_serve_client_t *cl;
	net_tap_t tap;
	gnutls_session_t ss;
	double deadline;             /* Unix seconds: what is being waited for must come by then */
	bool after_handshake;        /* waiting for the request: a timeout is no cut */
	bool nomem;
} net_serve_x_t;

static double net_serve_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static unsigned net_serve_secs(const net_serve_t *s)
{
	return (s->cfg.timeout_ms + 999) / 1000;
}

/* ---- what crosses the socket ---- */

static void net_serve_on_bytes(void *ctx, int sender, const uint8_t *p, size_t n, double time)
{
	net_serve_x_t *x = ctx;
	net_serve_client_t *cl = x->cl;
	net_chunk_t *c;

	cl->kept += n;
	if (cl->nchunks && cl->chunks[cl->nchunks - 1].sender == sender) {
		if (buf_append(&cl->chunks[cl->nchunks - 1].bytes, p, n) != ERR_OK)
			x->nomem = true;
		return;
	}
	c = vec_grow(cl->chunks, &cl->chunks_cap, cl->nchunks + 1, sizeof *c);
	if (!c) {
		x->nomem = true;
		return;
	}
	cl->chunks = c;
	c = &cl->chunks[cl->nchunks++];
	*c = (net_chunk_t){ sender, { 0 }, time };
	if (buf_append(&c->bytes, p, n) != ERR_OK)
		x->nomem = true;
}

static ssize_t net_serve_pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
	net_serve_x_t *x = ptr;
	net_serve_client_t *cl = x->cl;
	double left = x->deadline - net_serve_now();
	ssize_t r;

	if (cl->kept >= NET_SERVE_KEEP_MAX || x->nomem) {
		cl->cut = NET_SERVE_CUT_BYTES;
		errno = EMSGSIZE;
		return -1;
	}
	if (left <= 0) {
		if (!x->after_handshake)
			cl->cut = NET_SERVE_CUT_TIMEOUT;
		x->tap.state = NET_TAP_TIMEOUT;
		errno = ETIMEDOUT;
		return -1;
	}
	if (len > NET_SERVE_KEEP_MAX - cl->kept)
		len = NET_SERVE_KEEP_MAX - cl->kept;
	x->tap.timeout_ms = (unsigned)(left * 1000) + 1;
	r = net_tap_recv(&x->tap, data, len);
	if (r < 0) {
		if (x->tap.state == NET_TAP_TIMEOUT && !x->after_handshake)
			cl->cut = NET_SERVE_CUT_TIMEOUT;
		errno = x->tap.err;
	}
	return r;
}

static ssize_t net_serve_push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
	net_serve_x_t *x = ptr;
	ssize_t w;

	x->tap.timeout_ms = x->s->cfg.timeout_ms;
	w = net_tap_send(&x->tap, data, len);
	if (w < 0)
		errno = x->tap.err;
	return w;
}

/* The pull function's own wait governs (see tap.c). */
static int net_serve_pull_timeout(gnutls_transport_ptr_t ptr, unsigned ms)
{
	(void)ptr;
	(void)ms;
	return 1;
}

static int net_serve_keylog(gnutls_session_t ss, const char *label, const gnutls_datum_t *secret)
{
	net_serve_x_t *x = gnutls_session_get_ptr(ss);

	if (!net_keylog_add(ss, label, secret, x->cl->keylog, &x->cl->keylog_text))
		x->nomem = true;
	return 0;
}

/* A client's certificate: checked against the server's trust (the demo
 * CA), the verdict recorded; refused only when it is required. */
int net_serve_verify_client(gnutls_session_t ss)
{
	net_serve_x_t *x = gnutls_session_get_ptr(ss);
	net_serve_client_t *cl = x->cl;
	unsigned status = 0;
	gnutls_datum_t out = { NULL, 0 };
	int rc = gnutls_certificate_verify_peers2(ss, &status);

	cl->cert_checked = true;
	cl->cert_status = rc < 0 ? GNUTLS_CERT_INVALID : status;
	if (rc < 0)
		snprintf(cl->cert_verdict, sizeof cl->cert_verdict, "could not be checked: %s", gnutls_strerror(rc));
	else if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0) >= 0)
		snprintf(cl->cert_verdict, sizeof cl->cert_verdict, "%s", (const char *)out.data);
	gnutls_free(out.data);
	return cl->cert_status && x->s->cfg.client_auth == NET_AUTH_REQUIRE ? GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR : 0;
}

/* ---- after the handshake: one HTTP request ---- */

/* "GET /x HTTP/1.1": a token of capitals, a space, and HTTP/1. on the line. */
static bool net_serve_is_http(const char *line, bool *head)
{
	size_t n = 0;

	while (line[n] >= 'A' && line[n] <= 'Z')
		n++;
	*head = n == 4 && strncmp(line, "HEAD", 4) == 0;
	return n > 0 && line[n] == ' ' && strstr(line, " HTTP/1.") != NULL;
}

static bool net_serve_send(net_serve_x_t *x, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n) {
		ssize_t w = gnutls_record_send(x->ss, b, n > 16384 ? 16384 : n);
		if (w == GNUTLS_E_AGAIN || w == GNUTLS_E_INTERRUPTED)
			continue;
		if (w < 0)
			return false;
		b += w;
		n -= (size_t)w;
	}
	return true;
}

static void net_serve_http(net_serve_x_t *x, const buf_t *page)
{
	net_serve_client_t *cl = x->cl;
	char req[NET_SERVE_REQUEST_MAX + 1];
	size_t got = 0, i;
	bool head = false;
	buf_t hdr = { 0 };

	x->after_handshake = true;
	x->deadline = net_serve_now() + x->s->cfg.timeout_ms / 1000.0;
	while (got < NET_SERVE_REQUEST_MAX) {
		ssize_t r = gnutls_record_recv(x->ss, req + got, NET_SERVE_REQUEST_MAX - got);
		if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
		req[got] = '\0';
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	if (got == 0) {
		if (x->tap.state == NET_TAP_TIMEOUT)
			snprintf(cl->why, sizeof cl->why, "the client sent no request within %u s after the handshake",
				 net_serve_secs(x->s));
		return;
	}
	req[got] = '\0';
	for (i = 0; i < got && i + 1 < sizeof cl->request && req[i] != '\r' && req[i] != '\n'; i++)
		cl->request[i] = req[i] >= 32 && req[i] < 127 ? req[i] : '?';
	cl->request[i] = '\0';
	if (net_serve_is_http(cl->request, &head) &&
	    buf_printf(&hdr, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %zu\r\n"
		       "Cache-Control: no-store\r\nConnection: close\r\nServer: tlstrace serve\r\n\r\n", page->len) == ERR_OK &&
	    (head || buf_append(&hdr, page->ptr, page->len) == ERR_OK))
		cl->page_sent = net_serve_send(x, hdr.ptr, hdr.len);
	buf_free(&hdr);
	(void)gnutls_bye(x->ss, GNUTLS_SHUT_WR);
}

/* ---- a handshake that failed ---- */

/* The client's first bytes are not TLS (GnuTLS read a record header and
 * stopped): read what else it said, briefly, so the report can quote it;
 * a browser sent to http:// on this port is told to use https://. */
static bool net_serve_drain_plain(net_serve_x_t *x)
{
	net_serve_client_t *cl = x->cl;
	static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
				     "This is tlstrace serve, a TLS port: use https:// in the address.\n";
	uint8_t b[256], first;
	size_t got = 0;

	if (!cl->nchunks || cl->chunks[0].sender != SIDE_CLIENT || !cl->chunks[0].bytes.len)
		return false;
	first = cl->chunks[0].bytes.ptr[0];
	if ((first >= 20 && first <= 24) || (first & 0x80))
		return false;
	x->tap.timeout_ms = 300;
	while (got < sizeof b) {
		ssize_t n = net_tap_recv(&x->tap, b, sizeof b - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		if (memchr(b, '\n', got))
			break;
	}
	if (cl->chunks[0].bytes.len >= 4 && (memcmp(cl->chunks[0].bytes.ptr, "GET ", 4) == 0 ||
					      memcmp(cl->chunks[0].bytes.ptr, "HEAD", 4) == 0))
		(void)net_tap_send(&x->tap, answer, sizeof answer - 1);
	x->tap.state = NET_TAP_OK;
	return true;
}

/* RFC 8446 6.2 / RFC 5246 7.2.2: a side that ends the handshake on an
 * error says why with a fatal alert; GnuTLS leaves sending it to the
 * application.  Not when the socket itself failed. */
static void net_serve_failed(net_serve_x_t *x, int rc)
{
	if (rc == GNUTLS_E_PULL_ERROR || rc == GNUTLS_E_PUSH_ERROR || rc == GNUTLS_E_PREMATURE_TERMINATION ||
	    x->tap.state != NET_TAP_OK || x->cl->cut != NET_SERVE_CUT_NONE)
		return;
	if (!net_serve_drain_plain(x))   /* no TLS alert for a client that does not speak TLS */
		(void)gnutls_alert_send_appropriate(x->ss, rc);
}

/* ---- the client's thread ---- */

static bool net_serve_session(net_serve_x_t *x)
{
	net_serve_t *s = x->s;
	static const gnutls_certificate_request_t req[] = {
		[NET_AUTH_NONE] = GNUTLS_CERT_IGNORE, [NET_AUTH_REQUEST] = GNUTLS_CERT_REQUEST,
		[NET_AUTH_REQUIRE] = GNUTLS_CERT_REQUIRE,
	};

	/* no tickets, no session cache: every client makes a full handshake to trace */
	if (gnutls_init(&x->ss, GNUTLS_SERVER | GNUTLS_NO_TICKETS) < 0)
		return false;
	if (gnutls_priority_set(x->ss, s->prio) < 0 ||
	    gnutls_credentials_set(x->ss, GNUTLS_CRD_CERTIFICATE, s->cred) < 0)
		return false;
	gnutls_certificate_server_set_request(x->ss, req[s->cfg.client_auth]);
	gnutls_session_set_ptr(x->ss, x);
	gnutls_session_set_keylog_function(x->ss, net_serve_keylog);
	gnutls_handshake_set_timeout(x->ss, GNUTLS_INDEFINITE_TIMEOUT);
	gnutls_transport_set_ptr(x->ss, x);
	gnutls_transport_set_push_function(x->ss, net_serve_push);
	gnutls_transport_set_pull_function(x->ss, net_serve_pull);
	gnutls_transport_set_pull_timeout_function(x->ss, net_serve_pull_timeout);
	return true;
}

/* The cut or the socket's failure, in words. */
static void net_serve_why(net_serve_x_t *x, bool stopping)
{
	net_serve_client_t *cl = x->cl;
	char st[96];

	cl->tap_state = x->tap.state;
	if (stopping && !cl->done && cl->cut == NET_SERVE_CUT_NONE)
		cl->cut = NET_SERVE_CUT_STOPPED;
	switch (cl->cut) {
	case NET_SERVE_CUT_TIMEOUT:
		if (x->tap.received == 0)
			snprintf(cl->why, sizeof cl->why, "the client sent nothing within %u s (--timeout): cut off",
				 net_serve_secs(x->s));
		else
			snprintf(cl->why, sizeof cl->why, "the client did not finish its handshake within %u s "
				 "(--timeout): cut off after it sent %llu bytes", net_serve_secs(x->s),
				 (unsigned long long)x->tap.received);
		break;
	case NET_SERVE_CUT_BYTES:
		snprintf(cl->why, sizeof cl->why, x->nomem ? "out of memory keeping what the client sent: cut off" :
			 "the client sent more than %u bytes: cut off (a handshake needs far less)", NET_SERVE_KEEP_MAX);
		break;
	case NET_SERVE_CUT_STOPPED:
		snprintf(cl->why, sizeof cl->why, "the server was stopped while the client was connected");
		break;
	case NET_SERVE_CUT_NONE:
		if (!cl->why[0] && !cl->done && x->tap.state != NET_TAP_OK)
			snprintf(cl->why, sizeof cl->why, "%s during the handshake",
				 net_tap_state_text(&x->tap, st, sizeof st));
		break;
	}
}

void *net_serve_client_main(void *arg)
{
	net_serve_run_t *run = arg;
	net_serve_t *s = run->s;
	net_serve_x_t x = { .run = run, .s = s, .cl = run->cl };
	net_serve_client_t *cl = run->cl;
	buf_t page = { 0 };
	bool stopping;
	int rc = GNUTLS_E_INTERNAL_ERROR;

	cl->accepted = net_serve_now();
	x.deadline = cl->accepted + s->cfg.timeout_ms / 1000.0;
	net_tap_init(&x.tap, run->fd, SIDE_SERVER, s->cfg.timeout_ms, net_serve_on_bytes, &x);
	if (net_serve_session(&x))
		do
			rc = gnutls_handshake(x.ss);
		while (rc < 0 && !gnutls_error_is_fatal(rc));
	if (rc < 0) {
		cl->gnutls_err = rc;
		snprintf(cl->server_error, sizeof cl->server_error, "%s", gnutls_strerror(rc));
		if (x.ss)
			net_serve_failed(&x, rc);
	} else
		cl->done = true;
	if (s->hooks.handshake)
		s->hooks.handshake(s->hooks.ctx, cl, &page);
	if (cl->done)
		net_serve_http(&x, &page);
	buf_free(&page);
	if (x.ss)
		gnutls_deinit(x.ss);
	pthread_mutex_lock(&s->lock);
	stopping = s->stopping;
	s->active[run->slot] = -1;
	pthread_mutex_unlock(&s->lock);
	close(run->fd);
	net_serve_why(&x, stopping);
	if (s->hooks.end)
		s->hooks.end(s->hooks.ctx, cl);
	else
		net_serve_client_free(cl);
	pthread_mutex_lock(&s->lock);
	s->nactive--;
	pthread_cond_signal(&s->quiet);
	pthread_mutex_unlock(&s->lock);
	free(run);
	return NULL;
}
