/* serve.c - the serve listener (see serve.h): the credentials (the user's
 * certificate, or a demo certificate issued for this machine's names),
 * the listening sockets, and the accept thread, which refuses what is
 * beyond max_clients, starts a thread per client and, once stopped, cuts
 * off the clients still connected and waits for them. */
#define _GNU_SOURCE   /* accept4, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "serve_int.h"

#define NET_SERVE_NAMES_MAX 32
#define NET_SERVE_STACK (1u << 20)

/* ---- the demo certificate's names ---- */

typedef struct {
	char v[NET_SERVE_NAMES_MAX][NET_ADDR_HOST_MAX];
	const char *list[NET_SERVE_NAMES_MAX + 1];
	size_t n;
} net_serve_names_t;

static void net_serve_name_add(net_serve_names_t *nm, const char *name)
{
	size_t i;

	if (!name[0] || nm->n == NET_SERVE_NAMES_MAX || strcmp(name, PKI_SERVER_NAME) == 0)
		return;
	for (i = 0; i < nm->n; i++)
		if (strcmp(nm->v[i], name) == 0)
			return;
	snprintf(nm->v[nm->n], sizeof nm->v[0], "%s", name);
	nm->list[nm->n] = nm->v[nm->n];
	nm->list[++nm->n] = NULL;
}

static void net_serve_name_sa(net_serve_names_t *nm, const struct sockaddr *sa, socklen_t len)
{
	char host[NI_MAXHOST];

	if (sa->sa_family == AF_INET6 && IN6_IS_ADDR_LINKLOCAL(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr))
		return;   /* an iPAddress cannot carry a scope: useless in a certificate */
	if (getnameinfo(sa, len, host, sizeof host, NULL, 0, NI_NUMERICHOST) == 0)
		net_serve_name_add(nm, host);
}

/* localhost, the host name, and the addresses bound (every interface's
 * when bound to all). */
static void net_serve_names_find(const net_serve_t *s, net_serve_names_t *nm)
{
	char host[256];
	size_t i;

	nm->n = 0;
	nm->list[0] = NULL;
	net_serve_name_add(nm, "localhost");
	if (gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		net_serve_name_add(nm, host);
	}
	if (s->cfg.nbinds == 0) {
		struct ifaddrs *ifa, *p;
		if (getifaddrs(&ifa) == 0) {
			for (p = ifa; p; p = p->ifa_next)
				if (p->ifa_addr && (p->ifa_addr->sa_family == AF_INET || p->ifa_addr->sa_family == AF_INET6))
					net_serve_name_sa(nm, p->ifa_addr, p->ifa_addr->sa_family == AF_INET ?
							  sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
			freeifaddrs(ifa);
		}
		return;
	}
	for (i = 0; i < s->nlfd; i++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		if (getsockname(s->lfd[i], (struct sockaddr *)&ss, &len) == 0)
			net_serve_name_sa(nm, (struct sockaddr *)&ss, len);
	}
}

/* ---- credentials ---- */

#define NGT(call, what) do { int ngt_rc_ = (call); if (ngt_rc_ < 0) { \
	err_why(why, whylen, "%s: %s", (what), gnutls_strerror(ngt_rc_)); return ERR_BAD_VALUE; } } while (0)

static err_t net_serve_demo_cert(net_serve_t *s, char *why, size_t whylen)
{
	net_serve_names_t nm;
	pki_spec_t spec = {
		.dn = "CN=" PKI_SERVER_NAME ",O=tlstrace serve", .dns_name = PKI_SERVER_NAME,
		.key_usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT,
		.ext_key_usage = GNUTLS_KP_TLS_WWW_SERVER,
		.not_before = -24L * 3600, .not_after = 30L * 24 * 3600, .key_bits = 2048,
	};
	size_t i, at;

	TRY(pki_demo(&s->pki, why, whylen));
	net_serve_names_find(s, &nm);
	spec.alt_names = nm.list;
	TRY(pki_issue(&spec, &s->pki->ca, &s->ident, why, whylen));
	at = (size_t)snprintf(s->names, sizeof s->names, "%s", PKI_SERVER_NAME);
	for (i = 0; i < nm.n && at < sizeof s->names; i++)
		at += (size_t)snprintf(s->names + at, sizeof s->names - at, ", %s", nm.list[i]);
	NGT(gnutls_certificate_set_x509_key(s->cred, &s->ident.crt, 1, s->ident.key), "the demo certificate");
	/* client certificates (--client-auth) are checked against the demo CA */
	NGT(gnutls_certificate_set_x509_trust(s->cred, (gnutls_x509_crt_t *)&s->pki->ca.crt, 1), "the demo CA");
	return ERR_OK;
}

static err_t net_serve_creds(net_serve_t *s, char *why, size_t whylen)
{
	const net_serve_cfg_t *c = &s->cfg;
	net_connect_cfg_t offer = { .versions = c->versions, .nciphers = c->nciphers };
	char prio[512], vers[64], subject[200] = "";
	const char *errpos = NULL;
	gnutls_x509_crt_t crt = NULL;
	gnutls_datum_t dn = { NULL, 0 };
	int rc;

	memcpy(offer.ciphers, c->ciphers, sizeof offer.ciphers);
	TRY(net_connect_priority(&offer, prio, sizeof prio, why, whylen));
	if ((rc = gnutls_priority_init(&s->prio, prio, &errpos)) < 0) {
		err_why(why, whylen, "GnuTLS does not take \"%s\" (at \"%s\"): %s", prio, errpos ? errpos : "?",
			gnutls_strerror(rc));
		return ERR_BAD_VALUE;
	}
	if (gnutls_certificate_allocate_credentials(&s->cred) < 0)
		return ERR_NOMEM;
	if (c->cert) {
		rc = gnutls_certificate_set_x509_key_file(s->cred, c->cert, c->key, GNUTLS_X509_FMT_PEM);
		if (rc < 0) {
			err_why(why, whylen, "cannot use the certificate %s with the key %s: %s", c->cert, c->key,
				gnutls_strerror(rc));
			return ERR_BAD_VALUE;
		}
		(void)gnutls_certificate_set_x509_system_trust(s->cred);
	} else
		TRY(net_serve_demo_cert(s, why, whylen));
	(void)gnutls_certificate_set_known_dh_params(s->cred, GNUTLS_SEC_PARAM_MEDIUM);
	gnutls_certificate_set_verify_function(s->cred, net_serve_verify_client);
	if (gnutls_certificate_get_crt_raw(s->cred, 0, 0, &dn) >= 0 && gnutls_x509_crt_init(&crt) >= 0) {
		gnutls_datum_t name = { NULL, 0 };
		if (gnutls_x509_crt_import(crt, &dn, GNUTLS_X509_FMT_DER) >= 0 && gnutls_x509_crt_get_dn3(crt, &name, 0) >= 0)
			snprintf(subject, sizeof subject, "%s", (const char *)name.data);
		gnutls_free(name.data);
		gnutls_x509_crt_deinit(crt);
	}
	net_versions_text(c->versions ? c->versions : NET_V13 | NET_V12, vers, sizeof vers);
	snprintf(s->config, sizeof s->config, "tlstrace serve accepts %s; priority %.200s; it presents \"%.150s\"%s; "
		 "client certificates: %s", vers, prio, subject, c->cert ? "" : " issued by the demo CA",
		 c->client_auth == NET_AUTH_REQUIRE ? "required" : c->client_auth == NET_AUTH_REQUEST ? "requested" :
		 "not asked for");
	return ERR_OK;
}

/* ---- listening ---- */

static err_t net_serve_bind(net_serve_t *s, const char *addr, bool wildcard, char *why, size_t whylen)
{
	struct addrinfo hints = { .ai_flags = AI_PASSIVE | AI_NUMERICSERV, .ai_socktype = SOCK_STREAM }, *res, *p;
	char port[8];
	int rc, bound = 0, last = 0;

	snprintf(port, sizeof port, "%u", s->port);
	rc = getaddrinfo(addr, port, &hints, &res);
	if (rc != 0) {
		err_why(why, whylen, "cannot listen on %s: %s", addr, gai_strerror(rc));
		return ERR_BAD_VALUE;
	}
	for (p = res; p && s->nlfd < NET_SERVE_LISTEN_MAX; p = p->ai_next) {
		int one = 1, fd = socket(p->ai_family, p->ai_socktype | SOCK_CLOEXEC, p->ai_protocol);
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;

		if (fd < 0) {
			last = errno;
			continue;
		}
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (p->ai_family == AF_INET6)
			(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
		/* --port 0: every address on the port the first one got */
		if (p->ai_family == AF_INET6)
			((struct sockaddr_in6 *)(void *)p->ai_addr)->sin6_port = htons(s->port);
		else if (p->ai_family == AF_INET)
			((struct sockaddr_in *)(void *)p->ai_addr)->sin_port = htons(s->port);
		if (bind(fd, p->ai_addr, p->ai_addrlen) != 0 || listen(fd, 128) != 0) {
			last = errno;
			close(fd);
			continue;
		}
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		if (s->port == 0 && getsockname(fd, (struct sockaddr *)&ss, &len) == 0)
			s->port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
					: ((struct sockaddr_in6 *)&ss)->sin6_port);
		s->lfd[s->nlfd++] = fd;
		bound++;
	}
	freeaddrinfo(res);
	if (bound || (wildcard && s->nlfd))
		return ERR_OK;
	err_why(why, whylen, "cannot listen on %s port %u: %s%s", addr, s->port, strerror(last),
		last == EADDRINUSE ? " (another program uses that port: choose another with --port)" :
		last == EACCES ? " (ports below 1024 need root: choose another with --port)" : "");
	return ERR_IO;
}

static err_t net_serve_listen(net_serve_t *s, char *why, size_t whylen)
{
	size_t i, at = 0;

	if (s->cfg.nbinds == 0) {
		TRY(net_serve_bind(s, "0.0.0.0", true, why, whylen));
		/* no IPv6 on this machine is no reason to stop */
		(void)net_serve_bind(s, "::", true, why, whylen);
		if (why && whylen)
			why[0] = '\0';
		snprintf(s->where, sizeof s->where, "every address (IPv4 and IPv6) port %u", s->port);
		return ERR_OK;
	}
	for (i = 0; i < s->cfg.nbinds; i++)
		TRY(net_serve_bind(s, s->cfg.binds[i], false, why, whylen));
	for (i = 0; i < s->cfg.nbinds && at < sizeof s->where; i++)
		at += (size_t)snprintf(s->where + at, sizeof s->where - at, "%s%s", i == 0 ? "" :
				       i + 1 == s->cfg.nbinds ? " and " : ", ", s->cfg.binds[i]);
	if (at < sizeof s->where)
		snprintf(s->where + at, sizeof s->where - at, " port %u", s->port);
	return ERR_OK;
}

err_t net_serve_open(const net_serve_cfg_t *cfg, const net_serve_hooks_t *hooks, net_serve_t **out, char *why,
		     size_t whylen)
{
	net_serve_t *s = calloc(1, sizeof *s);
	err_t e;
	size_t i;

	*out = NULL;
	ENSURE(s, ERR_NOMEM);
	s->cfg = *cfg;
	s->hooks = *hooks;
	s->port = cfg->port;
	s->wake[0] = s->wake[1] = -1;
	if (!s->cfg.max_clients)
		s->cfg.max_clients = NET_SERVE_MAX_CLIENTS;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->quiet, NULL);
	s->active = malloc(s->cfg.max_clients * sizeof *s->active);
	if (!s->active || pipe2(s->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		net_serve_free(s);
		return ERR_NOMEM;
	}
	for (i = 0; i < s->cfg.max_clients; i++)
		s->active[i] = -1;
	e = net_serve_listen(s, why, whylen);
	if (e == ERR_OK)
		e = net_serve_creds(s, why, whylen);
	if (e != ERR_OK) {
		net_serve_free(s);
		return e;
	}
	*out = s;
	return ERR_OK;
}

/* ---- the accept thread ---- */

static void net_serve_addr(const struct sockaddr_storage *ss, socklen_t len, char *ip, size_t iplen, uint16_t *port)
{
	char p[8] = "0";

	if (getnameinfo((const struct sockaddr *)ss, len, ip, (socklen_t)iplen, p, sizeof p,
			NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		snprintf(ip, iplen, "?");
	*port = (uint16_t)atoi(p);
}

/* A client's thread for fd, or false (fd closed by the caller). */
static bool net_serve_spawn(net_serve_t *s, int fd, const struct sockaddr_storage *peer, socklen_t plen)
{
	net_serve_run_t *x = calloc(1, sizeof *x);
	net_serve_client_t *cl = calloc(1, sizeof *cl);
	struct sockaddr_storage me;
	socklen_t mlen = sizeof me;
	pthread_attr_t at;
	pthread_t t;
	unsigned slot;
	bool ok = false;

	if (!x || !cl || !(cl->keylog = keylog_new()))
		goto out;
	net_serve_addr(peer, plen, cl->peer_ip, sizeof cl->peer_ip, &cl->peer_port);
	if (getsockname(fd, (struct sockaddr *)&me, &mlen) == 0)
		net_serve_addr(&me, mlen, cl->local_ip, sizeof cl->local_ip, &cl->local_port);
	pthread_mutex_lock(&s->lock);
	for (slot = 0; slot < s->cfg.max_clients && s->active[slot] >= 0; slot++)
		;
	if (slot < s->cfg.max_clients) {
		s->active[slot] = fd;
		s->nactive++;
		cl->id = s->next_id++;
		*x = (net_serve_run_t){ s, cl, fd, slot };
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		pthread_attr_setstacksize(&at, NET_SERVE_STACK);
		ok = pthread_create(&t, &at, net_serve_client_main, x) == 0;
		pthread_attr_destroy(&at);
		if (!ok) {
			s->active[slot] = -1;
			s->nactive--;
			s->next_id--;
		}
	}
	pthread_mutex_unlock(&s->lock);
out:
	if (!ok) {
		net_serve_client_free(cl);
		free(x);
	}
	return ok;
}

static void net_serve_accept(net_serve_t *s, int lfd)
{
	for (;;) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof peer;
		int fd = accept4(lfd, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC), full;

		if (fd < 0)
			return;   /* EAGAIN: taken them all; anything else: the next poll tries again */
		pthread_mutex_lock(&s->lock);
		full = s->nactive >= s->cfg.max_clients;
		pthread_mutex_unlock(&s->lock);
		if (full || !net_serve_spawn(s, fd, &peer, plen)) {
			/* refused at once: the listen queue never fills, the server never waits */
			struct linger lg = { 1, 0 };
			(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
			close(fd);
			pthread_mutex_lock(&s->lock);
			s->refused++;
			pthread_mutex_unlock(&s->lock);
		}
	}
}

static void *net_serve_main(void *arg)
{
	net_serve_t *s = arg;
	struct pollfd p[NET_SERVE_LISTEN_MAX + 1];
	size_t i;
	unsigned k;

	for (i = 0; i < s->nlfd; i++)
		p[i] = (struct pollfd){ .fd = s->lfd[i], .events = POLLIN };
	p[s->nlfd] = (struct pollfd){ .fd = s->wake[0], .events = POLLIN };
	for (;;) {
		int rc = poll(p, s->nlfd + 1, -1);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0)
			continue;
		if (p[s->nlfd].revents)
			break;
		for (i = 0; i < s->nlfd; i++)
			if (p[i].revents & POLLIN)
				net_serve_accept(s, s->lfd[i]);
	}
	pthread_mutex_lock(&s->lock);
	s->stopping = true;
	for (k = 0; k < s->cfg.max_clients; k++)
		if (s->active[k] >= 0)
			(void)shutdown(s->active[k], SHUT_RDWR);
	while (s->nactive)
		pthread_cond_wait(&s->quiet, &s->lock);
	pthread_mutex_unlock(&s->lock);
	for (i = 0; i < s->nlfd; i++)
		close(s->lfd[i]);
	s->nlfd = 0;
	if (s->hooks.over)
		s->hooks.over(s->hooks.ctx);
	return NULL;
}

err_t net_serve_start(net_serve_t *s, char *why, size_t whylen)
{
	if (s->started)
		return ERR_OK;
	if (pthread_create(&s->thread, NULL, net_serve_main, s) != 0) {
		err_why(why, whylen, "cannot start the server's thread");
		return ERR_NOMEM;
	}
	s->started = true;
	return ERR_OK;
}

void net_serve_stop(net_serve_t *s)
{
	ssize_t n;

	if (s && s->wake[1] >= 0)
		n = write(s->wake[1], "x", 1);   /* full pipe: a byte is there already */
	(void)n;
}

void net_serve_free(net_serve_t *s)
{
	size_t i;

	if (!s)
		return;
	if (s->started) {
		net_serve_stop(s);
		pthread_join(s->thread, NULL);
	}
	for (i = 0; i < s->nlfd; i++)
		close(s->lfd[i]);
	for (i = 0; i < 2; i++)
		if (s->wake[i] >= 0)
			close(s->wake[i]);
	if (s->prio)
		gnutls_priority_deinit(s->prio);
	if (s->cred)
		gnutls_certificate_free_credentials(s->cred);
	pki_identity_free(&s->ident);
	pthread_cond_destroy(&s->quiet);
	pthread_mutex_destroy(&s->lock);
	free(s->active);
	free(s);
}

/* ---- what it says about itself ---- */

const char *net_serve_where(const net_serve_t *s) { return s->where; }
uint16_t net_serve_port(const net_serve_t *s) { return s->port; }
const char *net_serve_config(const net_serve_t *s) { return s->config; }
const char *net_serve_names(const net_serve_t *s) { return s->names; }
gnutls_privkey_t net_serve_privkey(const net_serve_t *s) { return s->ident.pkey; }

unsigned long net_serve_refused(const net_serve_t *s)
{
	unsigned long n;

	pthread_mutex_lock((pthread_mutex_t *)&s->lock);
	n = s->refused;
	pthread_mutex_unlock((pthread_mutex_t *)&s->lock);
	return n;
}

err_t net_serve_ca_pem(const net_serve_t *s, buf_t *out)
{
	gnutls_datum_t pem = { NULL, 0 };
	err_t e;

	if (!s->pki)
		return ERR_UNSUPPORTED;
	if (gnutls_x509_crt_export2(s->pki->ca.crt, GNUTLS_X509_FMT_PEM, &pem) < 0)
		return ERR_GNUTLS;
	e = buf_append(out, pem.data, pem.size);
	gnutls_free(pem.data);
	return e;
}

void net_serve_client_free(net_serve_client_t *cl)
{
	size_t i;

	if (!cl)
		return;
	for (i = 0; i < cl->nchunks; i++)
		buf_free(&cl->chunks[i].bytes);
	free(cl->chunks);
	buf_free(&cl->keylog_text);
	keylog_free(cl->keylog);
	free(cl);
}
