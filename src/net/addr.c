/* addr.c - HOST[:PORT] parsing, name resolution and a bounded TCP
 * connect (see addr.h).  getaddrinfo gives IPv6 and IPv4 addresses; each
 * is tried with a non-blocking connect and poll, so an address that never
 * answers costs timeout_ms, not the kernel's minutes. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "addr.h"

static err_t net_addr_port(const char *s, uint16_t *port, char *why, size_t whylen)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > 65535) {
		err_why(why, whylen, "\"%s\" is not a port number (1-65535)", s);
		return ERR_BAD_VALUE;
	}
	*port = (uint16_t)v;
	return ERR_OK;
}

static bool net_addr_is_literal(const char *h)
{
	struct in6_addr a6;
	struct in_addr a4;

	return inet_pton(AF_INET, h, &a4) == 1 || inet_pton(AF_INET6, h, &a6) == 1;
}

err_t net_addr_parse(const char *text, uint16_t default_port, net_addr_target_t *out, char *why, size_t whylen)
{
	const char *colon, *host = text;
	size_t hlen;

	memset(out, 0, sizeof *out);
	out->port = default_port;
	if (!text || !*text) {
		err_why(why, whylen, "no host given");
		return ERR_BAD_VALUE;
	}
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close) {
			err_why(why, whylen, "\"%s\": an IPv6 address opened with [ must close with ]", text);
			return ERR_BAD_VALUE;
		}
		host = text + 1;
		hlen = (size_t)(close - host);
		if (close[1] == ':')
			TRY(net_addr_port(close + 2, &out->port, why, whylen));
		else if (close[1]) {
			err_why(why, whylen, "\"%s\": after ] comes :PORT or nothing", text);
			return ERR_BAD_VALUE;
		}
	} else {
		colon = strchr(text, ':');
		if (colon && strchr(colon + 1, ':'))     /* more than one colon: a bare IPv6 address */
			hlen = strlen(text);
		else if (colon) {
			hlen = (size_t)(colon - text);
			TRY(net_addr_port(colon + 1, &out->port, why, whylen));
		} else
			hlen = strlen(text);
	}
	if (hlen == 0 || hlen >= sizeof out->host) {
		err_why(why, whylen, "\"%s\": the host name is %s", text, hlen ? "too long" : "empty");
		return ERR_BAD_VALUE;
	}
	memcpy(out->host, host, hlen);
	out->host[hlen] = '\0';
	out->literal = net_addr_is_literal(out->host);
	if (text[0] == '[' && !out->literal) {
		err_why(why, whylen, "\"%s\" is not an IPv6 address", out->host);
		return ERR_BAD_VALUE;
	}
	return ERR_OK;
}

static void net_addr_text(const struct sockaddr *sa, char *ip, size_t iplen, uint16_t *port)
{
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa;
		inet_ntop(AF_INET6, &s6->sin6_addr, ip, (socklen_t)iplen);
		*port = ntohs(s6->sin6_port);
	} else {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa;
		inet_ntop(AF_INET, &s4->sin_addr, ip, (socklen_t)iplen);
		*port = ntohs(s4->sin_port);
	}
}

/* One address: 0 and the socket, or an errno. */
static int net_addr_try(const struct addrinfo *ai, unsigned timeout_ms, int *fd_out)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol), rc, err = 0;
	socklen_t elen = sizeof err;
	struct pollfd p;

	if (fd < 0)
		return errno;
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
	if (rc < 0 && errno != EINPROGRESS) {
		err = errno;
		close(fd);
		return err;
	}
	if (rc < 0) {
		p = (struct pollfd){ .fd = fd, .events = POLLOUT };
		do
			rc = poll(&p, 1, timeout_ms ? (int)timeout_ms : -1);
		while (rc < 0 && errno == EINTR);
		if (rc == 0)
			err = ETIMEDOUT;
		else if (rc < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
			err = errno;
		if (err) {
			close(fd);
			return err;
		}
	}
	*fd_out = fd;
	return 0;
}

static net_addr_fail_t net_addr_fail_of(int err)
{
	switch (err) {
	case ECONNREFUSED: return NET_ADDR_REFUSED;
	case ETIMEDOUT:    return NET_ADDR_TIMEOUT;
	case ENETUNREACH: case EHOSTUNREACH: case EADDRNOTAVAIL: case EAFNOSUPPORT: return NET_ADDR_UNREACHABLE;
	default:           return NET_ADDR_OTHER;
	}
}

err_t net_addr_connect(const net_addr_target_t *t, unsigned timeout_ms, net_addr_conn_t *out, char *why, size_t whylen)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res = NULL, *ai;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char port[8], ip[46] = "";
	int rc, err = 0, fd = -1;
	uint16_t p;

	memset(out, 0, sizeof *out);
	out->fd = -1;
	snprintf(port, sizeof port, "%u", t->port);
	if (t->literal)
		hints.ai_flags = AI_NUMERICHOST;
	rc = getaddrinfo(t->host, port, &hints, &res);
	if (rc != 0) {
		out->fail = rc == EAI_NONAME || rc == EAI_FAIL ? NET_ADDR_NOT_FOUND : NET_ADDR_OTHER;
		err_why(why, whylen, "the name %s was not found (%s)", t->host,
			rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return ERR_IO;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		net_addr_text(ai->ai_addr, ip, sizeof ip, &p);
		err = net_addr_try(ai, timeout_ms, &fd);
		if (err == 0)
			break;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		out->fail = net_addr_fail_of(err);
		if (out->fail == NET_ADDR_REFUSED)
			err_why(why, whylen, "connection refused by %s port %u: nothing listens there", ip, t->port);
		else if (out->fail == NET_ADDR_TIMEOUT)
			err_why(why, whylen, "no answer from %s port %u within %u s (a firewall dropping the "
				"connection, or a host that is down)", ip, t->port, (timeout_ms + 999) / 1000);
		else
			err_why(why, whylen, "cannot connect to %s port %u: %s", ip, t->port, strerror(err));
		return ERR_IO;
	}
	out->fd = fd;
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0)
		net_addr_text((struct sockaddr *)&ss, out->peer_ip, sizeof out->peer_ip, &out->peer_port);
	sl = sizeof ss;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		net_addr_text((struct sockaddr *)&ss, out->local_ip, sizeof out->local_ip, &out->local_port);
	return ERR_OK;
}
