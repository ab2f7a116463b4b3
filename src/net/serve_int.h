/* serve_int.h - what serve.c (the listener, the accept thread, the
 * credentials) and serve_client.c (one client's thread) share.  Not for
 * use outside src/net/serve*.c. */
#ifndef TLSTRACE_NET_SERVE_INT_H
#define TLSTRACE_NET_SERVE_INT_H

#include <pthread.h>
#include "live/pki.h"
#include "serve.h"

#define NET_SERVE_LISTEN_MAX (2 * NET_SERVE_BINDS_MAX)

struct net_serve {
	net_serve_cfg_t cfg;         /* copied; strings borrowed */
	net_serve_hooks_t hooks;
	int lfd[NET_SERVE_LISTEN_MAX];   /* listening sockets (owned) */
	size_t nlfd;
	uint16_t port;               /* the one every socket listens on */
	int wake[2];                 /* owned pipe: a byte stops the accept thread */
	pthread_t thread;
	bool started;
	/* Guards what follows: the accept thread and the clients' threads. */
	pthread_mutex_t lock;
	pthread_cond_t quiet;        /* signalled as each client's thread ends */
	int *active;                 /* owned: max_clients slots, each a client's socket or -1 */
	unsigned nactive;            /* clients' threads running */
	unsigned next_id;
	unsigned long refused;
	bool stopping;
	/* TLS, shared by every client's session (GnuTLS allows that) */
	gnutls_certificate_credentials_t cred;   /* owned */
	gnutls_priority_t prio;                   /* owned */
	pki_identity_t ident;        /* owned: the demo certificate and its key, or empty */
	const pki_t *pki;            /* the demo PKI (its CA), borrowed from its cache; NULL with --cert */
	char where[256], config[640], names[640];
};

/* A client's thread (serve_client.c): arg is a net_serve_run_t it frees. */
typedef struct {
	net_serve_t *s;
	net_serve_client_t *cl;      /* handed to hooks.end */
	int fd;                      /* closed by the thread */
	unsigned slot;               /* its place in s->active */
} net_serve_run_t;

void *net_serve_client_main(void *arg);
/* The verify function the credentials call for a client's certificate. */
int net_serve_verify_client(gnutls_session_t ss);

#endif
