/* tap.c - the socket tap (see tap.h): poll-bounded reads and writes on a
 * non-blocking socket, each byte reported to the callback as it crosses.
 * GnuTLS sees the usual transport semantics (EAGAIN is never returned:
 * the tap waits up to its timeout, then fails with ETIMEDOUT). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include "tap.h"

static double net_tap_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

void net_tap_init(net_tap_t *t, int fd, int self, unsigned timeout_ms, net_tap_bytes_fn on_bytes, void *ctx)
{
	int fl = fcntl(fd, F_GETFL);

	memset(t, 0, sizeof *t);
	t->fd = fd;
	t->self = self;
	t->timeout_ms = timeout_ms;
	t->on_bytes = on_bytes;
	t->ctx = ctx;
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* The deadline passed: state set, true. */
static bool net_tap_late(net_tap_t *t)
{
	if (!t->deadline || net_tap_now() < t->deadline)
		return false;
	t->state = NET_TAP_TIMEOUT;
	t->err = ETIMEDOUT;
	t->deadline_hit = true;
	return true;
}

/* Waits for `events`: 1 ready, 0 timed out (state set), -1 error. */
static int net_tap_wait(net_tap_t *t, short events)
{
	struct pollfd p = { .fd = t->fd, .events = events };
	int rc, ms = t->timeout_ms ? (int)t->timeout_ms : -1;

	if (net_tap_late(t))
		return 0;
	if (t->deadline) {
		double left = (t->deadline - net_tap_now()) * 1000 + 1;
		if (ms < 0 || left < ms)
			ms = (int)left;
	}
	do
		rc = poll(&p, 1, ms);
	while (rc < 0 && errno == EINTR);
	if (rc == 0 && net_tap_late(t))
		return 0;
	if (rc == 0) {
		t->state = NET_TAP_TIMEOUT;
		t->err = ETIMEDOUT;
		return 0;
	}
	if (rc < 0) {
		t->state = NET_TAP_ERROR;
		t->err = errno;
		return -1;
	}
	return 1;
}

static void net_tap_failed(net_tap_t *t, int err)
{
	t->err = err;
	t->state = err == ECONNRESET || err == EPIPE ? NET_TAP_RESET : NET_TAP_ERROR;
}

ssize_t net_tap_send(net_tap_t *t, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t off = 0;

	while (off < n) {
		ssize_t w = send(t->fd, b + off, n - off, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
			if (net_tap_wait(t, POLLOUT) <= 0)
				return -1;
			continue;
		}
		if (w < 0) {
			net_tap_failed(t, errno);
			return -1;
		}
		if (t->on_bytes)
			t->on_bytes(t->ctx, t->self, b + off, (size_t)w, net_tap_now());
		t->sent += (uint64_t)w;
		off += (size_t)w;
	}
	return (ssize_t)n;
}

ssize_t net_tap_recv(net_tap_t *t, void *p, size_t n)
{
	if (net_tap_late(t))
		return -1;
	for (;;) {
		ssize_t r = recv(t->fd, p, n, 0);
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
			if (net_tap_wait(t, POLLIN) <= 0)
				return -1;
			continue;
		}
		if (r < 0) {
			net_tap_failed(t, errno);
			return -1;
		}
		if (r == 0) {
			t->state = NET_TAP_CLOSED;
			return 0;
		}
		if (t->on_bytes)
			t->on_bytes(t->ctx, 1 - t->self, p, (size_t)r, net_tap_now());
		t->received += (uint64_t)r;
		return r;
	}
}

static ssize_t net_tap_push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
	net_tap_t *t = ptr;
	ssize_t w = net_tap_send(t, data, len);

	if (w < 0)
		errno = t->err;
	return w;
}

static ssize_t net_tap_pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
	net_tap_t *t = ptr;
	ssize_t r = net_tap_recv(t, data, len);

	if (r < 0)
		errno = t->err;
	return r;
}

/* GnuTLS asks whether data is there within ms; the tap's own timeout
 * governs the wait in net_tap_recv, so answer "yes, go read". */
static int net_tap_pull_timeout(gnutls_transport_ptr_t ptr, unsigned ms)
{
	(void)ptr;
	(void)ms;
	return 1;
}

void net_tap_attach(net_tap_t *t, gnutls_session_t s)
{
	gnutls_transport_set_ptr(s, t);
	gnutls_transport_set_push_function(s, net_tap_push);
	gnutls_transport_set_pull_function(s, net_tap_pull);
	gnutls_transport_set_pull_timeout_function(s, net_tap_pull_timeout);
}

const char *net_tap_state_text(const net_tap_t *t, char *out, size_t len)
{
	switch (t->state) {
	case NET_TAP_OK:      snprintf(out, len, "%s", ""); break;
	case NET_TAP_TIMEOUT:
		if (t->deadline_hit)
			snprintf(out, len, "the exchange went on past its deadline (a byte now and then)");
		else
			snprintf(out, len, "no answer within %u s", (t->timeout_ms + 999) / 1000);
		break;
	case NET_TAP_CLOSED:  snprintf(out, len, "the peer closed the connection"); break;
	case NET_TAP_RESET:   snprintf(out, len, "the peer reset the connection"); break;
	case NET_TAP_ERROR:   snprintf(out, len, "%s", strerror(t->err)); break;
	}
	return out;
}
