/* analyze.c - capture reader -> one decoder per TLS connection (see analyze.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analyze.h"
#include "handoff.h"
#include "base/vec.h"
#include "trace/decode.h"

/* In its connection's arena: gone with the connection. */
typedef struct {
	conn_t *conn;            /* owned */
	decoder_t *dec;          /* owned (its memory is the connection's) */
	size_t nodes;            /* field-tree nodes its decoding made (modulo 2^N: frees count down) */
	double ended;            /* report_early: when its open handshake ended (0: it has not) */
} analyze_conn_t;

typedef struct {
	const analyze_opts_t *o;
	analyze_result_t *res;
	evidence_t ev;
	handoff_t *writer;       /* owned: the emit thread, when o->background */
	/* report_early: connections whose handshake ended, waiting out
	 * ANALYZE_EARLY_GRACE for what follows at once (a TLS 1.3 server's
	 * tickets, a closing alert) before the line is written */
	analyze_conn_t **ended;  /* owned list; the connections borrowed */
	size_t nended, cap_ended;
} analyze_t;

enum { ANALYZE_EARLY_GRACE_MS = 1000 };

static void analyze_on_done(void *ctx, conn_t *c, handshake_t *h)
{
	analyze_t *a = ctx;

	a->res->handshakes++;
	if (h->sec.rsa_key_mismatch)
		a->res->rsa_key_mismatches++;
	if (a->o->emit && !a->writer) {
		a->o->emit(a->o->ctx, c, h);
		if (a->o->idle)
			a->o->idle(a->o->ctx);
	}
}

/* The emit thread: every handshake of a finished connection, in order. */
static void analyze_emit_conn(void *ctx, conn_t *c)
{
	const analyze_opts_t *o = ctx;
	size_t i;

	for (i = 0; i < c->nhs; i++) {
		decoder_finalize(c->hs[i], o->lean);
		o->emit(o->ctx, c, c->hs[i]);
	}
	/* What finalizing and the writers allocated (step reasons, the
	 * diagnosis, trees) is freed here, by the thread that allocated it;
	 * the reading thread then only releases the arena. */
	conn_shed(c);
}

static void analyze_idle(void *ctx)
{
	const analyze_opts_t *o = ctx;

	if (o->idle)
		o->idle(o->ctx);
}

static void analyze_release_conn(void *ctx, conn_t *c)
{
	(void)ctx;
	conn_free(c);
}

static void *analyze_open(void *ctx, const capture_flow_t *flow)
{
	analyze_t *a = ctx;
	analyze_conn_t *ac;
	conn_t *c;

	if (a->o->only_connection >= 0 && (long)flow->stream != a->o->only_connection)
		return NULL;
	c = conn_new(flow->stream, a->o->source_name ? a->o->source_name : "capture");
	/* ac and the decoder live in the connection's arena, next to it */
	ac = c ? arena_zalloc(c->arena, sizeof *ac) : NULL;
	if (!ac || !(ac->dec = decoder_new(c, &a->ev, analyze_on_done, a))) {
		conn_free(c);
		return NULL;
	}
	ac->conn = c;
	if (conn_set_endpoints(c, flow->client_ip, flow->client_port, flow->server_ip, flow->server_port) != ERR_OK) {
		conn_free(c);
		return NULL;
	}
	if (flow->mid_stream)
		decoder_mid_stream(ac->dec);
	if (flow->udp && !decoder_dtls(ac->dec)) {
		conn_free(c);
		return NULL;
	}
	if (flow->starttls)
		conn_note(ac->conn, "TLS started after a plaintext %s STARTTLS exchange", flow->starttls);
	if (flow->ntunnel && (ac->conn->tunnel = arena_alloc(c->arena, flow->ntunnel * sizeof *ac->conn->tunnel))) {
		memcpy(ac->conn->tunnel, flow->tunnel, flow->ntunnel * sizeof *ac->conn->tunnel);
		ac->conn->ntunnel = flow->ntunnel;
	}
	if (flow->tunnel_more)
		conn_note(ac->conn, "more encapsulations than the %u listed in tunnel", flow->ntunnel);
	if (flow->frag_overlap)
		conn_note(ac->conn, "IP fragments of this connection overlapped; the first copy of each byte was kept");
	a->res->connections++;
	return ac;
}

/* Drops ac from the ended list (it is reported, or it closes). */
static void analyze_unlist(analyze_t *a, const analyze_conn_t *ac)
{
	size_t i;

	for (i = 0; i < a->nended; i++)
		if (a->ended[i] == ac) {
			a->ended[i] = a->ended[--a->nended];
			return;
		}
}

/* report_early: the handshakes that ended a grace period ago are
 * reported now, their connections going on unreported. */
static void analyze_tick(void *ctx, double now)
{
	analyze_t *a = ctx;
	size_t i = 0;

	while (i < a->nended) {
		analyze_conn_t *ac = a->ended[i];

		if (now - ac->ended < ANALYZE_EARLY_GRACE_MS / 1000.0) {
			i++;
			continue;
		}
		a->ended[i] = a->ended[--a->nended];
		decoder_report_ended(ac->dec);
	}
}

static void analyze_data(void *ctx, void *conn, int sender, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	analyze_t *a = ctx;
	analyze_conn_t *ac = conn;
	size_t before = field_nodes_made();

	decoder_feed(ac->dec, sender, p, n, frame, time);
	if (a->o->report_early && !a->writer && !a->o->keep) {
		if (!ac->ended && decoder_handshake_ended(ac->dec)) {
			analyze_conn_t **v = vec_grow(a->ended, &a->cap_ended, a->nended + 1, sizeof *v);

			if (v) {   /* else it is reported when it closes, as without report_early */
				a->ended = v;
				ac->ended = time > 0 ? time : 1;
				a->ended[a->nended++] = ac;
			}
		}
		analyze_tick(a, time);
	}
	ac->nodes += field_nodes_made() - before;
}

static void analyze_gap(void *ctx, void *conn, int sender, uint64_t missing, uint32_t frame)
{
	analyze_conn_t *ac = conn;

	(void)ctx;
	decoder_gap(ac->dec, sender, missing, frame);
}

static size_t analyze_mem(void *ctx, void *conn)
{
	analyze_conn_t *ac = conn;

	(void)ctx;
	/* the trees (--text, --fields) are on the heap, outside the arena */
	return sizeof *ac->conn + ac->conn->arena->size + decoder_mem(ac->dec) + ac->nodes * FIELD_NODE_COST;
}

static void analyze_note(void *ctx, void *conn, const char *text)
{
	analyze_conn_t *ac = conn;

	(void)ctx;
	conn_note(ac->conn, "%s", text);
}

static void analyze_end(void *ctx, void *conn, int sender, bool reset)
{
	analyze_conn_t *ac = conn;
	handshake_t *h = conn_current(ac->conn);

	(void)ctx;
	if (h && h->tcp_end[sender] == TCP_END_NONE)
		h->tcp_end[sender] = reset ? TCP_END_RST : TCP_END_FIN;
}

static void analyze_close(void *ctx, void *conn)
{
	analyze_t *a = ctx;
	analyze_conn_t *ac = conn;

	if (ac->ended)
		analyze_unlist(a, ac);
	decoder_finish(ac->dec);
	decoder_free(ac->dec);
	if (a->writer)
		handoff_push(a->writer, ac->conn);
	else if (a->o->keep)
		a->o->keep(a->o->ctx, ac->conn);
	else
		conn_free(ac->conn);
	/* ac went with its connection's arena (or goes with it later) */
}

bool analyze_parse_idle(const char *s, double *idle_timeout)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0 && v <= 1e9))   /* also refuses NaN */
		return false;
	*idle_timeout = v == 0 ? -1 : v;
	return true;
}

bool analyze_parse_memory(const char *s, size_t *max_memory)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return false;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	default: break;
	}
	if (*end || v > (SIZE_MAX >> shift))
		return false;
	v <<= shift;
	if (v == 0) {
		*max_memory = SIZE_MAX;
		return true;
	}
	if (v < ((unsigned long long)1 << 20))
		return false;
	*max_memory = (size_t)v;
	return true;
}

err_t analyze_capture(const analyze_opts_t *o, analyze_result_t *res, char *why, size_t whylen)
{
	static const capture_sink_t sink = { analyze_open, analyze_data, analyze_gap, analyze_close,
					     analyze_mem, analyze_note, analyze_end, analyze_tick };
	capture_limits_t lim = {
		.idle_timeout = o->idle_timeout == 0 ? ANALYZE_IDLE_DEFAULT : o->idle_timeout < 0 ? 0 : o->idle_timeout,
		.max_memory = o->max_memory == 0 ? ANALYZE_MEMORY_DEFAULT : o->max_memory == SIZE_MAX ? 0 : o->max_memory,
	};
	analyze_t a = { .o = o, .res = res,
			.ev = { .keylog = o->keylog, .rsa = o->rsa, .trust = o->trust, .live = false, .lean = o->lean } };
	capture_t *cap = NULL;
	err_t e;

	memset(res, 0, sizeof *res);
	/* The sessions later handshakes may resume from take a sixth of the
	 * budget (the most recent ones kept), the connections the rest. */
	if (lim.max_memory) {
		a.ev.sessions = sessions_new_bounded(lim.max_memory / 6);
		lim.max_memory -= lim.max_memory / 6;
	} else {
		a.ev.sessions = sessions_new();
	}
	ENSURE(a.ev.sessions, ERR_NOMEM);
	e = o->live ? ERR_OK : capture_open(o->path, o->bpf, &cap, why, whylen);
	if (e == ERR_OK) {
		if (o->background && o->emit && !o->keep)
			/* live: a batch of one, each connection written as it ends */
			a.writer = handoff_start(analyze_emit_conn, analyze_idle, analyze_release_conn, (void *)o,
						 o->live ? 3 : 256);
		/* steps and diagnosis too are worked out on the writer's thread */
		a.ev.defer_final = a.writer != NULL;
		if (o->live) {
			live_capture_set_limits(o->live, &lim);
			e = live_capture_run(o->live, &sink, &a, why, whylen);
		} else {
			capture_set_limits(cap, &lim);
			e = capture_run(cap, &sink, &a);
		}
		handoff_finish(a.writer);
		res->capture = o->live ? *live_capture_stats(o->live) : *capture_stats(cap);
		if (e == ERR_TRUNCATED)   /* a compressed stream broke off: its own words */
			err_why(why, whylen, "%s; everything before the cut was decoded",
				res->capture.file_error[0] ? res->capture.file_error : "the input is cut short");
		if (!o->live)
			capture_close(cap);
	}
	sessions_free(a.ev.sessions);
	free(a.ended);
	return e;
}
