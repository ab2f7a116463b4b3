/* source_connect.c - the connect source (see source_connect.h): runs the
 * client, feeds what crossed the socket to the decoder flight by flight as
 * run.c does for the live pair, adds GnuTLS's account (errors, the verdict
 * on the chain, how the socket ended), and after a failure at step 2 the
 * probes' answer as causes, each probe traced as a connection of its own
 * (connections 1 to 4, after the user's 0).  A failure the wire cannot
 * show (no answer within the timeout) is written into the trace in words. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "net/probe.h"
#include "source_connect.h"
#include "tls/msg.h"
#include "tls/registry.h"
#include "trace/decode.h"

typedef struct {
	source_t base;           /* first */
	source_connect_cfg_t cfg;
	net_connect_t run;       /* owned */
	bool started;
	conn_t *conn;            /* owned, NULL when nothing TLS was exchanged */
	net_probe_t probe[NET_PROBE_MAX];   /* owned: the probes' runs, after a step-2 failure */
	size_t nprobes;
	conn_t *probes[NET_PROBE_MAX];      /* owned: those that exchanged anything, traced */
	const net_connect_t *probe_runs[NET_PROBE_MAX];   /* probes[i]'s run, in probe[] */
	size_t nprobe_conns;
	char label[300];
	/* --pause: the run on its own thread, held between flights; the
	 * connection's decoder fed each whole flight as it is let go */
	bool streaming;          /* source_run: no pause */
	bool threaded;           /* the thread was started (join it) */
	pthread_t thread;
	pthread_mutex_t lock;    /* guards the four below */
	pthread_cond_t cond;
	unsigned long holds;     /* times the run was held between flights */
	bool go, abort, finished;
	err_t run_err;
	char run_why[256];
	decoder_t *dec;          /* owned while the connection grows */
	size_t fed;              /* chunks fed to it */
	bool closed;             /* its trace is final */
} source_connect_t;

static const source_ops_t source_connect_ops;

static source_connect_t *source_connect_of(const source_t *s)
{
	return s && s->ops == &source_connect_ops ? (source_connect_t *)s : NULL;
}

static char *source_connect_dup(const char *s)
{
	return s && s[0] ? strdup(s) : NULL;
}

/* GnuTLS's account, before the decoder finalises (the diagnosis reads it). */
static void source_connect_evidence(const net_connect_t *r, handshake_t *h)
{
	if (r->client_error[0])
		h->client_error = source_connect_dup(r->client_error);
	h->cert_checked = r->cert_checked;
	h->cert_status = r->cert_status;
	h->cert_verdict = source_connect_dup(r->cert_verdict);
	h->client_config = source_connect_dup(r->client_config);
	if (r->have_master) {
		memcpy(h->side_master[SIDE_CLIENT], r->master, 48);
		h->have_side_master[SIDE_CLIENT] = true;
	}
	if (r->tap_state == NET_TAP_CLOSED)
		h->tcp_end[SIDE_SERVER] = TCP_END_FIN;
	else if (r->tap_state == NET_TAP_RESET)
		h->tcp_end[SIDE_SERVER] = TCP_END_RST;
}

/* The server answered in plain text: its first line, as the user would
 * see it in a terminal. */
static void source_connect_plain(source_connect_t *sc, handshake_t *h)
{
	const net_connect_t *r = &sc->run;
	char line[128];
	size_t i, at = 0;

	for (i = 0; i < r->nchunks; i++) {
		const buf_t *b = &r->chunks[i].bytes;
		size_t k;
		if (r->chunks[i].sender != SIDE_SERVER)
			continue;
		for (k = 0; k < b->len && b->ptr[k] != '\r' && b->ptr[k] != '\n' && at + 1 < sizeof line; k++)
			line[at++] = b->ptr[k] >= 32 && b->ptr[k] < 127 ? (char)b->ptr[k] : '?';
		break;
	}
	line[at] = '\0';
	handshake_add_cause(h, "the server answered in plain text: \"%s\": is this a TLS port?", line);
}

static size_t source_connect_server_bytes(const net_connect_t *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nchunks; i++)
		if (r->chunks[i].sender == SIDE_SERVER)
			n += r->chunks[i].bytes.len;
	return n;
}

/* After the decoder: what the wire could not show. */
static void source_connect_after(source_connect_t *sc, handshake_t *h)
{
	const net_connect_t *r = &sc->run;
	char line[400];

	for (size_t i = 0; i < r->nchain; i++)
		conn_note(sc->conn, "step 5, certificate %zu of %zu as the server sent it: %s", i + 1, r->chain_sent,
			  r->chain[i]);
	if (r->cert_checked)
		conn_note(sc->conn, "step 5, GnuTLS's client verdict on the chain: %s", r->cert_verdict);
	if (r->proceeded)
		conn_note(sc->conn, "the client REFUSED the server's certificate (%s) and went on only because of "
			  "--proceed: a real client would have stopped at step 5", r->cert_verdict);
	if (r->tap_state == NET_TAP_TIMEOUT && !h->failure.failed) {
		bool answered = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, -1) != NULL;
		int step = answered ? (h->version == VER_TLS13 ? 5 : 4) : 2;

		if (r->deadline_hit)
			snprintf(line, sizeof line, "the server did not finish its part %s within %u s (%d times --timeout): "
				 "it kept sending a byte now and then, or a message without end, and was cut off",
				 answered ? "of the handshake" : "of the handshake after the ClientHello",
				 NET_CONNECT_DEADLINE_STEPS * ((sc->cfg.net.timeout_ms + 999) / 1000), NET_CONNECT_DEADLINE_STEPS);
		else
			snprintf(line, sizeof line, "the server sent nothing more for %u s (--timeout) %s",
				 (sc->cfg.net.timeout_ms + 999) / 1000,
				 answered ? "in the middle of the handshake" : "after the ClientHello: no ServerHello, no alert");
		if (r->stage == NET_AT_HANDSHAKE) {
			handshake_fail(h, step, SIDE_SERVER, -1, line);
			if (r->deadline_hit)
				handshake_add_cause(h, "the server is stuck, or holds its clients on purpose with a slow drip of bytes (as slowloris does to servers). "
						    "Evidence: it sent %zu bytes in %u s, never a whole message",
						    source_connect_server_bytes(r),
						    NET_CONNECT_DEADLINE_STEPS * ((sc->cfg.net.timeout_ms + 999) / 1000));
			else
				handshake_add_cause(h, "the port is open but the program behind it does not speak TLS first, or "
						    "is stuck. Evidence: the TCP connection was accepted, the client's %s went out, "
						    "and no byte came back within %u s", answered ? "flight" : "ClientHello",
						    (sc->cfg.net.timeout_ms + 999) / 1000);
			handshake_set_step(h, step, STEP_FAILED, line);
			h->outcome = OUTCOME_FAILED;
		}
	}
	if (!h->failure.failed && r->stage == NET_AT_HANDSHAKE && r->client_error[0] && r->tap_state == NET_TAP_OK &&
	    !h->not_tls_len[SIDE_SERVER]) {
		/* GnuTLS's client refused what the server sent, and the wire
		 * shows no alert (nor one from the server): the client noticed */
		int step = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO) ? 3 : 2;
		snprintf(line, sizeof line, "the client gave up on what the server sent: GnuTLS says \"%s\"", r->client_error);
		handshake_fail(h, step, SIDE_CLIENT, -1, line);
		handshake_add_cause(h, "the server sent something its TLS client cannot take: a message out of order, "
				    "too large, or malformed. Evidence: %zu bytes from the server and the client's own error",
				    source_connect_server_bytes(r));
		handshake_set_step(h, step, STEP_FAILED, line);
		h->outcome = OUTCOME_FAILED;
	}
	if (h->not_tls_len[SIDE_SERVER])
		source_connect_plain(sc, h);
	if (r->why[0] && r->tap_state != NET_TAP_TIMEOUT)
		conn_note(sc->conn, "%s", r->why);
	if (r->sent_request[0])
		conn_note(sc->conn, "after the handshake the client sent \"%s\"", r->sent_request);
	if (r->answer_len) {
		char text[200];
		size_t i, at = 0;
		for (i = 0; i < r->answer_len && at + 5 < sizeof text; i++) {
			uint8_t c = r->answer[i];
			at += (size_t)snprintf(text + at, sizeof text - at, c == '\r' ? "\\r" : c == '\n' ? "\\n" :
					       c >= 32 && c < 127 ? "%c" : "\\x%02x", c);
		}
		conn_note(sc->conn, "the server answered (first %zu bytes): %s", r->answer_len, text);
	}
	if (r->dialogue.len) {
		size_t off = 0;
		while (off < r->dialogue.len) {
			const uint8_t *nl = memchr(r->dialogue.ptr + off, '\n', r->dialogue.len - off);
			size_t n = nl ? (size_t)(nl - (r->dialogue.ptr + off)) : r->dialogue.len - off;
			while (n && r->dialogue.ptr[off + n - 1] == '\r')
				n--;
			conn_note(sc->conn, "STARTTLS %s %.*s", net_starttls_proto_name((net_stls_proto_t)sc->cfg.net.starttls),
				  (int)n, (const char *)r->dialogue.ptr + off);
			off += (nl ? (size_t)(nl - (r->dialogue.ptr + off)) + 1 : n);
		}
	}
}

/* A connection of the trace for a recorded run, with its decoder. */
static err_t source_connect_open_conn(const net_connect_t *r, unsigned id, conn_t **out, decoder_t **dec)
{
	evidence_t ev = { .keylog = r->keylog, .live = true };
	conn_t *c;

	*dec = NULL;
	*out = c = conn_new(id, "connect");
	ENSURE(c, ERR_NOMEM);
	TRY(conn_set_endpoints(c, r->where.local_ip, r->where.local_port, r->where.peer_ip, r->where.peer_port));
	*dec = decoder_new(c, &ev, NULL, NULL);
	ENSURE(*dec, ERR_NOMEM);
	return ERR_OK;
}

/* Chunks [*fed, to) of r into the decoder. */
static void source_connect_feed(const net_connect_t *r, decoder_t *dec, size_t *fed, size_t to)
{
	for (; *fed < to; (*fed)++)
		decoder_feed(dec, r->chunks[*fed].sender, r->chunks[*fed].bytes.ptr, r->chunks[*fed].bytes.len,
			     (uint32_t)(*fed + 1), r->chunks[*fed].time);
}

/* The run is over: GnuTLS's account, then the decoder's last word. */
static void source_connect_close_conn(const net_connect_t *r, conn_t *c, decoder_t *dec)
{
	handshake_t *h = conn_current(c);

	if (h)
		source_connect_evidence(r, h);
	decoder_finish(dec);
	decoder_free(dec);
}

/* What crossed one recorded connection, decoded into a connection of the
 * trace with GnuTLS's account. */
static err_t source_connect_replay(const net_connect_t *r, unsigned id, conn_t **out)
{
	decoder_t *dec;
	size_t fed = 0;

	TRY(source_connect_open_conn(r, id, out, &dec));
	source_connect_feed(r, dec, &fed, r->nchunks);
	source_connect_close_conn(r, *out, dec);
	return ERR_OK;
}

/* Step 2 failed: what does the server accept?  The answer goes into the
 * failure's causes, the probes into the notes. */
static void source_connect_probe(source_connect_t *sc, handshake_t *h)
{
	net_probe_t *p = sc->probe;
	unsigned accepted = 0, offered = sc->cfg.net.versions ? sc->cfg.net.versions : NET_V13 | NET_V12;
	char acc[64], off[64];
	size_t i, n = sc->nprobes = net_probe_run(&sc->cfg.net, p, &accepted);
	const suite_info_t *si = NULL;

	for (i = 0; i < n; i++) {
		conn_t *pc = NULL;
		char v[16];

		net_versions_text(p[i].version_bit, v, sizeof v);
		if (p[i].run.nchunks && source_connect_replay(&p[i].run, (unsigned)(sc->nprobe_conns + 1), &pc) == ERR_OK) {
			pc->probe = true;
			sc->probe_runs[sc->nprobe_conns] = &p[i].run;
			conn_note(pc, "probe %zu of %zu, made by tlstrace to find what the server accepts: %s alone, "
				  "every suite and group GnuTLS has: %s", i + 1, n, v, p[i].how);
			sc->probes[sc->nprobe_conns++] = pc;
			conn_note(sc->conn, "probe %zu (connection %u): %s alone, every suite and group GnuTLS has: %s",
				  i + 1, pc->id, v, p[i].how);
		} else {
			conn_free(pc);
			conn_note(sc->conn, "probe %zu: %s alone, every suite and group GnuTLS has: %s", i + 1, v, p[i].how);
		}
		if (!si && p[i].answered && (p[i].version_bit & offered))
			si = suite_find(p[i].suite);
	}
	net_versions_text(accepted, acc, sizeof acc);
	net_versions_text(offered, off, sizeof off);
	if (!accepted)
		handshake_add_cause(h, "the server accepted none of TLS 1.0 to 1.3 even with every suite and group "
				    "offered (%zu probe connections): it may require something else (a client "
				    "certificate, a name) or not be a TLS server", n);
	else if (!(accepted & offered))
		handshake_add_cause(h, "the server accepts %s only; you offered %s. Evidence: %zu probe connections, "
				    "one per version (see the notes)", acc, off, n);
	else
		handshake_add_cause(h, "the server accepts %s, which you offered, but not with the suites or groups "
				    "you offered: with every suite and group it chose %s. Evidence: %zu probe connections "
				    "(see the notes)", acc, si ? si->name : "a suite", n);
	/* What the server was seen to accept outranks what the ClientHello
	 * alone suggests: the probes' cause goes first. */
	if (h->failure.ncauses > 1) {
		char *mine = h->failure.causes[h->failure.ncauses - 1];
		memmove(h->failure.causes + 1, h->failure.causes, (h->failure.ncauses - 1) * sizeof *h->failure.causes);
		h->failure.causes[0] = mine;
	}
}

/* The user's connection is final: what the wire could not show, then the
 * probes after a failure at step 2. */
static void source_connect_finish(source_connect_t *sc)
{
	handshake_t *h = conn_current(sc->conn);

	sc->closed = true;
	if (!h)
		return;
	source_connect_after(sc, h);
	if (!sc->cfg.no_probe && h->failure.failed && h->failure.step == 2 && !h->not_tls_len[SIDE_SERVER] &&
	    sc->run.tap_state != NET_TAP_TIMEOUT)
		source_connect_probe(sc, h);
}

static err_t source_connect_nothing(const net_connect_t *r, char *why, size_t whylen)
{
	err_why(why, whylen, "%s", r->why[0] ? r->why : r->client_error[0] ? r->client_error : "nothing was exchanged");
	return ERR_IO;
}

static err_t source_connect_build(source_connect_t *sc, char *why, size_t whylen)
{
	if (sc->run.nchunks == 0)
		return source_connect_nothing(&sc->run, why, whylen);
	TRY(source_connect_replay(&sc->run, 0, &sc->conn));
	source_connect_finish(sc);
	return ERR_OK;
}

/* ---- --pause ---- */

/* On the run's thread, between two flights: wait for the interface. */
static void source_connect_hold(void *ctx)
{
	source_connect_t *sc = ctx;

	pthread_mutex_lock(&sc->lock);
	sc->holds++;
	pthread_cond_broadcast(&sc->cond);
	while (!sc->go && !sc->abort)
		pthread_cond_wait(&sc->cond, &sc->lock);
	sc->go = false;
	pthread_mutex_unlock(&sc->lock);
}

static void *source_connect_thread(void *arg)
{
	source_connect_t *sc = arg;
	net_connect_cfg_t cfg = sc->cfg.net;
	char why[256] = "";
	err_t e;

	cfg.between_flights = source_connect_hold;
	cfg.flights_ctx = sc;
	e = net_connect_run(&cfg, &sc->run, why, sizeof why);
	pthread_mutex_lock(&sc->lock);
	sc->finished = true;
	sc->run_err = e;
	snprintf(sc->run_why, sizeof sc->run_why, "%s", why);
	pthread_cond_broadcast(&sc->cond);
	pthread_mutex_unlock(&sc->lock);
	return NULL;
}

/* Lets the run go (unless this is the first wait) and waits until it is
 * held again or over; then feeds the whole flights.  ERR_OK, or the
 * run's own error. */
static err_t source_connect_step(source_connect_t *sc, bool let_go, char *why, size_t whylen)
{
	unsigned long before;
	bool finished;

	pthread_mutex_lock(&sc->lock);
	before = sc->holds;
	if (let_go) {
		sc->go = true;
		pthread_cond_broadcast(&sc->cond);
	}
	while (sc->holds == before && !sc->finished)
		pthread_cond_wait(&sc->cond, &sc->lock);
	finished = sc->finished;
	pthread_mutex_unlock(&sc->lock);
	if (finished) {
		pthread_join(sc->thread, NULL);
		sc->threaded = false;
		if (sc->run_err != ERR_OK) {
			err_why(why, whylen, "%s", sc->run_why);
			return sc->run_err;
		}
	}
	if (!sc->conn) {
		if (finished && sc->run.nchunks == 0)
			return source_connect_nothing(&sc->run, why, whylen);
		TRY(source_connect_open_conn(&sc->run, 0, &sc->conn, &sc->dec));
	}
	/* held: every chunk so far is a whole flight; over: all of them */
	source_connect_feed(&sc->run, sc->dec, &sc->fed, sc->run.nchunks);
	if (!finished)
		decoder_refresh(sc->dec);   /* steps and diagnosis of the trace so far */
	else {
		source_connect_close_conn(&sc->run, sc->conn, sc->dec);
		sc->dec = NULL;
		source_connect_finish(sc);
	}
	return ERR_OK;
}

static err_t source_connect_start_held(source_connect_t *sc, char *why, size_t whylen)
{
	snprintf(sc->base.warning, sizeof sc->base.warning,
		 "--pause holds a real connection between flights: the server may give up while you read "
		 "(many wait only seconds)");
	if (pthread_create(&sc->thread, NULL, source_connect_thread, sc) != 0) {
		err_why(why, whylen, "could not start the connection's thread");
		return ERR_NOMEM;
	}
	sc->threaded = true;
	return source_connect_step(sc, false, why, whylen);
}

static err_t source_connect_advance(source_t *s, size_t i, bool *more, char *why, size_t whylen)
{
	source_connect_t *sc = source_connect_of(s);
	err_t e = ERR_OK;

	if (i == 0 && sc->threaded)
		e = source_connect_step(sc, true, why, whylen);
	*more = i == 0 && !sc->closed && e == ERR_OK;
	return e;
}

static err_t source_connect_start(source_t *s, char *why, size_t whylen)
{
	source_connect_t *sc = source_connect_of(s);

	if (sc->started)
		return sc->conn ? ERR_OK : ERR_IO;
	sc->started = true;
	if (sc->cfg.pause && !sc->streaming)
		return source_connect_start_held(sc, why, whylen);
	TRY(net_connect_run(&sc->cfg.net, &sc->run, why, whylen));
	if (sc->run.where.peer_ip[0])
		snprintf(sc->label, sizeof sc->label, "%s (%s port %u)", sc->cfg.net.target, sc->run.where.peer_ip,
			 sc->run.where.peer_port);
	return source_connect_build(sc, why, whylen);
}

static size_t source_connect_count(const source_t *s);
static conn_t *source_connect_conn(const source_t *s, size_t i);

static err_t source_connect_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why,
				size_t whylen)
{
	size_t c, i;

	source_connect_of(s)->streaming = true;
	TRY(source_connect_start(s, why, whylen));
	for (c = 0; c < source_connect_count(s); c++) {
		const conn_t *conn = source_connect_conn(s, c);
		for (i = 0; i < conn->nhs; i++)
			emit(ctx, conn, conn->hs[i]);
	}
	if (idle)
		idle(ctx);
	return ERR_OK;
}

static size_t source_connect_count(const source_t *s)
{
	const source_connect_t *sc = source_connect_of(s);

	return sc->conn ? 1 + sc->nprobe_conns : 0;
}

static conn_t *source_connect_conn(const source_t *s, size_t i)
{
	const source_connect_t *sc = source_connect_of(s);

	return i == 0 ? sc->conn : i <= sc->nprobe_conns ? sc->probes[i - 1] : NULL;
}

static bool source_connect_final(const source_t *s, size_t i)
{
	return i > 0 || source_connect_of(s)->closed;
}

static void source_connect_free(source_t *s)
{
	source_connect_t *sc = source_connect_of(s);

	if (!sc)
		return;
	if (sc->threaded) {
		/* let the run go on to its end (or its timeout), unheld, and
		 * cut it short: the socket is shut once the run has one */
		pthread_mutex_lock(&sc->lock);
		sc->abort = true;
		if (sc->holds && sc->run.where.fd >= 0)
			shutdown(sc->run.where.fd, SHUT_RDWR);
		pthread_cond_broadcast(&sc->cond);
		pthread_mutex_unlock(&sc->lock);
		pthread_join(sc->thread, NULL);
	}
	if (sc->dec)
		decoder_free(sc->dec);
	pthread_mutex_destroy(&sc->lock);
	pthread_cond_destroy(&sc->cond);
	conn_free(sc->conn);
	for (size_t i = 0; i < sc->nprobe_conns; i++)
		conn_free(sc->probes[i]);
	net_probe_free(sc->probe, sc->nprobes);
	net_connect_free(&sc->run);
	free(sc);
}

static const source_ops_t source_connect_ops = {
	.name = "connect",
	.many = false,
	.reported_by = "GnuTLS's client reports",
	.frame_unit = "flight",
	.start = source_connect_start,
	.poll = NULL,
	.run = source_connect_run,
	.count = source_connect_count,
	.conn = source_connect_conn,
	.advance = source_connect_advance,   /* --pause: one flight further; else final at start */
	.final = source_connect_final,
	.rerun = NULL,           /* the server's answer cannot be replayed */
	.free = source_connect_free,
};

err_t source_connect_new(const source_connect_cfg_t *cfg, source_t **out)
{
	source_connect_t *sc = calloc(1, sizeof *sc);

	*out = NULL;
	ENSURE(sc, ERR_NOMEM);
	sc->base.ops = &source_connect_ops;
	sc->cfg = *cfg;
	pthread_mutex_init(&sc->lock, NULL);
	pthread_cond_init(&sc->cond, NULL);
	snprintf(sc->label, sizeof sc->label, "%s", cfg->net.target ? cfg->net.target : "connect");
	sc->base.label = sc->label;
	*out = &sc->base;
	return ERR_OK;
}

const net_connect_t *source_connect_record(const source_t *s)
{
	const source_connect_t *sc = source_connect_of(s);

	return sc && sc->started ? &sc->run : NULL;
}

const net_connect_t *source_connect_record_at(const source_t *s, size_t i)
{
	const source_connect_t *sc = source_connect_of(s);

	if (!sc || !sc->started)
		return NULL;
	return i == 0 ? &sc->run : i <= sc->nprobe_conns ? sc->probe_runs[i - 1] : NULL;
}
