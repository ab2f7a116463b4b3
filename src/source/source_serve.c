/* source_serve.c - the serve source (see source_serve.h).  The server's
 * hooks run on each client's thread: when the handshake returns, what
 * crossed so far is fed to a decoder of the client's own (the key log is
 * complete by then) and the page is written from its trace; when the
 * client is over, the rest (the request and the page, decrypted) is fed,
 * GnuTLS's account added, and the connection queued.  The queue is
 * emptied by source_run (streaming) or source_poll (the interface), on
 * the caller's thread. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/vec.h"
#include "crypto/rsakey.h"
#include "out/http_page.h"
#include "source_serve.h"
#include "trace/decode.h"

/* A client being decoded (net_serve_client_t.user). */
typedef struct {
	conn_t *conn;            /* handed to the queue */
	decoder_t *dec;          /* owned until the client is over */
	size_t fed;              /* chunks fed so far */
} source_serve_dec_t;

typedef struct {
	net_serve_client_t *cl;  /* owned */
	conn_t *conn;            /* owned, NULL: not TLS */
} source_serve_item_t;

typedef struct {
	source_t base;           /* first */
	source_serve_cfg_t cfg;
	net_serve_t *srv;        /* owned */
	rsakey_t *rsa;           /* owned, NULL: no RSA key to recover a premaster with */
	source_serve_client_fn on_client;
	void *ctx;
	char label[300];
	/* streaming */
	unsigned long emitted;
	/* shared with the clients' threads */
	pthread_mutex_t lock;
	pthread_cond_t ready;
	source_serve_item_t *pending;   /* owned */
	size_t npending, cappending;
	unsigned long lost, not_tls;
	bool over;               /* the server's thread has ended */
	/* kept mode */
	bool started;
	conn_t **conns;          /* owned */
	size_t nconns, capconns;
} source_serve_t;

static const source_ops_t source_serve_ops;

static source_serve_t *source_serve_of(const source_t *s)
{
	return s && s->ops == &source_serve_ops ? (source_serve_t *)s : NULL;
}

static char *source_serve_dup(const char *s)
{
	return s && s[0] ? strdup(s) : NULL;
}

/* The client started TLS: its first byte is a record header's content
 * type (20..24) or an SSL 2.0 hello's length with the high bit. */
static bool source_serve_is_tls(const net_serve_client_t *cl)
{
	size_t i;

	for (i = 0; i < cl->nchunks; i++)
		if (cl->chunks[i].sender == SIDE_CLIENT && cl->chunks[i].bytes.len) {
			uint8_t b = cl->chunks[i].bytes.ptr[0];
			return (b >= 20 && b <= 24) || (b & 0x80);
		}
	return false;
}

/* Feeds what crossed since last time; the decoder is made on first use. */
static source_serve_dec_t *source_serve_feed(source_serve_t *ss, net_serve_client_t *cl)
{
	source_serve_dec_t *st = cl->user;
	evidence_t ev = { .keylog = cl->keylog, .rsa = ss->rsa, .live = true, .lean = ss->cfg.lean };

	if (!st) {
		if (!source_serve_is_tls(cl) || !(st = calloc(1, sizeof *st)))
			return NULL;
		cl->user = st;
		st->conn = conn_new(cl->id, "serve");
		if (!st->conn)
			return st;
		if (conn_set_endpoints(st->conn, cl->peer_ip, cl->peer_port, cl->local_ip, cl->local_port) == ERR_OK)
			st->dec = decoder_new(st->conn, &ev, NULL, NULL);
	}
	for (; st->dec && st->fed < cl->nchunks; st->fed++)
		decoder_feed(st->dec, cl->chunks[st->fed].sender, cl->chunks[st->fed].bytes.ptr,
			     cl->chunks[st->fed].bytes.len, (uint32_t)(st->fed + 1), cl->chunks[st->fed].time);
	return st;
}

static void source_serve_on_handshake(void *ctx, net_serve_client_t *cl, buf_t *page)
{
	source_serve_t *ss = ctx;
	source_serve_dec_t *st = source_serve_feed(ss, cl);
	handshake_t *h;

	if (!st || !st->dec || !cl->done)
		return;
	decoder_refresh(st->dec);
	h = conn_current(st->conn);
	if (h && http_page_write(page, st->conn, h) != ERR_OK)
		page->len = 0;
}

/* GnuTLS's account, before the decoder finalises (the diagnosis reads it). */
static void source_serve_evidence(source_serve_t *ss, const net_serve_client_t *cl, handshake_t *h)
{
	if (cl->server_error[0] && !h->server_error)
		h->server_error = source_serve_dup(cl->server_error);
	if (!h->server_config)
		h->server_config = source_serve_dup(net_serve_config(ss->srv));
	if (cl->tap_state == NET_TAP_CLOSED && !cl->done)
		h->tcp_end[SIDE_CLIENT] = TCP_END_FIN;
	else if (cl->tap_state == NET_TAP_RESET)
		h->tcp_end[SIDE_CLIENT] = TCP_END_RST;
}

/* After the decoder: what the wire cannot show. */
static void source_serve_notes(const net_serve_client_t *cl, conn_t *c)
{
	if (cl->cert_checked)
		conn_note(c, "step 5, the server's verdict on the client's certificate: %s", cl->cert_verdict);
	if (cl->server_error[0])
		conn_note(c, "GnuTLS's server ended the handshake: %s", cl->server_error);
	if (cl->why[0])
		conn_note(c, "%s", cl->why);
	if (cl->request[0])
		conn_note(c, "after the handshake the client sent \"%s\"%s", cl->request,
			  cl->page_sent ? "; the server answered with the page about its handshake" : "");
}

static void source_serve_on_end(void *ctx, net_serve_client_t *cl)
{
	source_serve_t *ss = ctx;
	source_serve_dec_t *st = source_serve_feed(ss, cl);
	source_serve_item_t *v;
	conn_t *c = NULL;
	handshake_t *h;

	if (st && st->dec) {
		h = conn_current(st->conn);
		if (h)
			source_serve_evidence(ss, cl, h);
		decoder_finish(st->dec);
		decoder_free(st->dec);
		h = conn_current(st->conn);
		if (h && !h->server_config)
			source_serve_evidence(ss, cl, h);
		source_serve_notes(cl, st->conn);
		c = st->conn;
	} else if (st)
		conn_free(st->conn);
	free(st);
	cl->user = NULL;
	pthread_mutex_lock(&ss->lock);
	v = vec_grow(ss->pending, &ss->cappending, ss->npending + 1, sizeof *v);
	if (v) {
		ss->pending = v;
		ss->pending[ss->npending++] = (source_serve_item_t){ cl, c };
		pthread_cond_signal(&ss->ready);
	} else {
		ss->lost++;
	}
	pthread_mutex_unlock(&ss->lock);
	if (!v) {
		conn_free(c);
		net_serve_client_free(cl);
	}
}

static void source_serve_on_over(void *ctx)
{
	source_serve_t *ss = ctx;

	pthread_mutex_lock(&ss->lock);
	ss->over = true;
	pthread_cond_signal(&ss->ready);
	pthread_mutex_unlock(&ss->lock);
}

/* Takes the queue (the caller frees it); *over: nothing more will come. */
static source_serve_item_t *source_serve_take(source_serve_t *ss, bool wait, size_t *n, bool *over)
{
	source_serve_item_t *items;

	pthread_mutex_lock(&ss->lock);
	while (wait && !ss->npending && !ss->over)
		pthread_cond_wait(&ss->ready, &ss->lock);
	items = ss->pending;
	*n = ss->npending;
	*over = ss->over;
	ss->pending = NULL;
	ss->npending = ss->cappending = 0;
	pthread_mutex_unlock(&ss->lock);
	return items;
}

/* The command is told; true when the connection is TLS. */
static bool source_serve_tell(source_serve_t *ss, const source_serve_item_t *it)
{
	bool tls = it->conn && it->conn->nhs;

	if (!tls) {
		pthread_mutex_lock(&ss->lock);
		ss->not_tls++;
		pthread_mutex_unlock(&ss->lock);
	}
	if (ss->on_client)
		ss->on_client(ss->ctx, it->cl, tls ? it->conn : NULL);
	net_serve_client_free(it->cl);
	return tls;
}

static err_t source_serve_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why,
			      size_t whylen)
{
	source_serve_t *ss = source_serve_of(s);
	bool over = false;

	ENSURE(!ss->started, ERR_BAD_VALUE);
	TRY(net_serve_start(ss->srv, why, whylen));
	ss->started = true;
	while (!over) {
		size_t n, i, k;
		source_serve_item_t *items = source_serve_take(ss, true, &n, &over);

		for (i = 0; i < n; i++) {
			if (source_serve_tell(ss, &items[i]))
				for (k = 0; k < items[i].conn->nhs && !(ss->cfg.count && ss->emitted >= ss->cfg.count); k++) {
					emit(ctx, items[i].conn, items[i].conn->hs[k]);
					if (++ss->emitted == ss->cfg.count)
						net_serve_stop(ss->srv);
				}
			conn_free(items[i].conn);
		}
		free(items);
		if (idle)
			idle(ctx);
	}
	if (ss->lost) {
		err_why(why, whylen, "out of memory: %lu connections could not be kept", ss->lost);
		return ERR_NOMEM;
	}
	return ERR_OK;
}

static err_t source_serve_start(source_t *s, char *why, size_t whylen)
{
	source_serve_t *ss = source_serve_of(s);

	if (ss->started)
		return ERR_OK;
	TRY(net_serve_start(ss->srv, why, whylen));
	ss->started = true;
	return ERR_OK;
}

static err_t source_serve_poll(source_t *s, size_t *added, char *why, size_t whylen)
{
	source_serve_t *ss = source_serve_of(s);
	size_t n, i;
	bool over;
	source_serve_item_t *items = source_serve_take(ss, false, &n, &over);
	err_t e = ERR_OK;

	*added = 0;
	for (i = 0; i < n; i++) {
		const net_serve_client_t *cl = items[i].cl;
		conn_t **v;
		if ((!items[i].conn || !items[i].conn->nhs) && (cl->nchunks || cl->cut != NET_SERVE_CUT_NONE)) {
			/* told once, in the interface's note line (a connection closed
			 * without a byte, as browsers open them in advance, is not news) */
			err_why(why, whylen, "%s port %u: %s", cl->peer_ip, cl->peer_port, cl->why[0] ? cl->why :
				cl->nchunks ? "sent something that is not TLS" : "sent nothing");
			e = ERR_IO;
		}
		if (!source_serve_tell(ss, &items[i])) {
			conn_free(items[i].conn);
			continue;
		}
		v = vec_grow(ss->conns, &ss->capconns, ss->nconns + 1, sizeof *v);
		if (!v) {
			conn_free(items[i].conn);
			ss->lost++;
			continue;
		}
		ss->conns = v;
		ss->conns[ss->nconns++] = items[i].conn;
		(*added)++;
	}
	free(items);
	if (ss->lost) {
		err_why(why, whylen, "out of memory: %lu connections could not be kept", ss->lost);
		e = ERR_NOMEM;
	}
	return e;
}

static size_t source_serve_count(const source_t *s)
{
	return source_serve_of(s)->nconns;
}

static conn_t *source_serve_conn(const source_t *s, size_t i)
{
	return source_serve_of(s)->conns[i];
}

static bool source_serve_final(const source_t *s, size_t i)
{
	(void)s;
	(void)i;
	return true;   /* only clients that are over are taken in */
}

static void source_serve_free(source_t *s)
{
	source_serve_t *ss = source_serve_of(s);
	size_t i;

	if (!ss)
		return;
	net_serve_free(ss->srv);   /* every client's end hook has run once it returns */
	for (i = 0; i < ss->npending; i++) {
		conn_free(ss->pending[i].conn);
		net_serve_client_free(ss->pending[i].cl);
	}
	for (i = 0; i < ss->nconns; i++)
		conn_free(ss->conns[i]);
	free(ss->pending);
	free(ss->conns);
	rsakey_free(ss->rsa);
	pthread_cond_destroy(&ss->ready);
	pthread_mutex_destroy(&ss->lock);
	free(ss);
}

static const source_ops_t source_serve_ops = {
	.name = "serve",
	.many = true,
	.reported_by = "GnuTLS's server reports",
	.frame_unit = "flight",
	.start = source_serve_start,
	.poll = source_serve_poll,
	.run = source_serve_run,
	.count = source_serve_count,
	.conn = source_serve_conn,
	.advance = NULL,         /* recorded: final once taken in */
	.final = source_serve_final,
	.rerun = NULL,           /* the clients cannot be replayed */
	.free = source_serve_free,
};

err_t source_serve_new(const source_serve_cfg_t *cfg, source_serve_client_fn on_client, void *ctx, source_t **out,
		       char *why, size_t whylen)
{
	source_serve_t *ss = calloc(1, sizeof *ss);
	net_serve_hooks_t hooks = { .handshake = source_serve_on_handshake, .end = source_serve_on_end,
				    .over = source_serve_on_over };
	gnutls_privkey_t key;
	err_t e;

	*out = NULL;
	ENSURE(ss, ERR_NOMEM);
	ss->base.ops = &source_serve_ops;
	ss->cfg = *cfg;
	ss->on_client = on_client;
	ss->ctx = ctx;
	pthread_mutex_init(&ss->lock, NULL);
	pthread_cond_init(&ss->ready, NULL);
	hooks.ctx = ss;
	e = net_serve_open(&ss->cfg.net, &hooks, &ss->srv, why, whylen);
	if (e != ERR_OK) {
		source_serve_free(&ss->base);
		return e;
	}
	/* RSA key exchange: the premaster is recovered with the server's key
	 * (the demo key, or --key when it is RSA) and the master derived */
	key = net_serve_privkey(ss->srv);
	if (key ? rsakey_wrap(key, &ss->rsa) != ERR_OK : cfg->net.key && rsakey_load(cfg->net.key, &ss->rsa) != ERR_OK)
		ss->rsa = NULL;
	snprintf(ss->label, sizeof ss->label, "serve on %s", net_serve_where(ss->srv));
	ss->base.label = ss->label;
	*out = &ss->base;
	return ERR_OK;
}

void source_serve_stop(source_t *s)
{
	source_serve_t *ss = source_serve_of(s);

	if (ss)
		net_serve_stop(ss->srv);
}

const net_serve_t *source_serve_server(const source_t *s)
{
	source_serve_t *ss = source_serve_of(s);

	return ss ? ss->srv : NULL;
}

unsigned long source_serve_not_tls(const source_t *s)
{
	source_serve_t *ss = source_serve_of(s);
	unsigned long n = 0;

	if (ss) {
		pthread_mutex_lock(&ss->lock);
		n = ss->not_tls;
		pthread_mutex_unlock(&ss->lock);
	}
	return n;
}
