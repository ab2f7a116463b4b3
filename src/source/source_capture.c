/* source_capture.c - a capture file as a source (see source_capture.h).
 * Kept mode collects analyze_capture's finished connections in a list
 * that grows by doubling; a connection that cannot be added is counted,
 * freed, and turns the start into an error that names how many were
 * lost.  Streaming mode passes emit and idle straight through with the
 * background writer on, adding nothing per connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "source_capture.h"
#include "base/vec.h"

typedef struct {
	source_t base;           /* first: a source_t * is a source_capture_t * */
	analyze_opts_t ao;       /* the caller's, borrowed strings and evidence */
	analyze_result_t res;
	conn_t **conns;          /* owned, each freed with conn_free */
	size_t nconns, capconns;
	unsigned long lost;      /* connections that could not be kept (no memory) */
	size_t keep_max;         /* tests: no more kept than this (0: no limit) */
} source_capture_t;

static const source_ops_t source_capture_ops;

static source_capture_t *source_capture_of(const source_t *s)
{
	return s && s->ops == &source_capture_ops ? (source_capture_t *)s : NULL;
}

/* analyze_capture's keep: every finished connection is ours. */
static void source_capture_keep(void *ctx, conn_t *c)
{
	source_capture_t *sc = ctx;
	conn_t **v;

	if (sc->keep_max && sc->nconns >= sc->keep_max) {
		sc->lost++;
		conn_free(c);
		return;
	}
	v = vec_grow(sc->conns, &sc->capconns, sc->nconns + 1, sizeof *v);
	if (!v) {
		sc->lost++;
		conn_free(c);
		return;
	}
	sc->conns = v;
	sc->conns[sc->nconns++] = c;
}

static int source_capture_order(const void *x, const void *y)
{
	const conn_t *a = *(conn_t *const *)x, *b = *(conn_t *const *)y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* What the whole file leaves to say: a cut in the middle of a packet, or
 * libpcap stopping early (its words, or ours for what it cannot read). */
static void source_capture_warn(source_capture_t *sc)
{
	const capture_stats_t *st = &sc->res.capture;

	if (st->file_truncated && strstr(st->file_error, "dump file"))
		snprintf(sc->base.warning, sizeof sc->base.warning,
			 "the file ends in the middle of a packet (%s); everything before the cut was decoded",
			 st->file_error);
	else if (st->file_truncated)
		snprintf(sc->base.warning, sizeof sc->base.warning, "%s; everything before it was decoded",
			 st->file_error[0] ? st->file_error : "the file ends early");
}

/* Nothing to show: the connection asked for is not there, or no TLS at all. */
static err_t source_capture_none(const source_capture_t *sc, char *why, size_t whylen)
{
	if (sc->ao.only_connection >= 0)
		snprintf(why, whylen, "connection %ld is not a TLS connection of this capture", sc->ao.only_connection);
	else if (sc->res.capture.udp_frames)
		snprintf(why, whylen, "no TLS or DTLS connection found (%llu packets, %llu TCP, %llu UDP that "
			 "looked like DTLS records, none starting with a ClientHello)",
			 (unsigned long long)sc->res.capture.frames, (unsigned long long)sc->res.capture.tcp_frames,
			 (unsigned long long)sc->res.capture.udp_frames);
	else
		snprintf(why, whylen, "no TLS connection found (%llu packets, %llu TCP)",
			 (unsigned long long)sc->res.capture.frames, (unsigned long long)sc->res.capture.tcp_frames);
	return ERR_FORMAT;
}

/* The capture through analyze_capture with the caller's emit/idle or
 * keep (keep set: kept mode, on this thread; otherwise streaming with
 * the background writer), then what the whole file leaves to say. */
static err_t source_capture_analyze(source_capture_t *sc, source_emit_fn emit, source_idle_fn idle, void *ctx,
				    void (*keep)(void *ctx, conn_t *c), char *why, size_t whylen)
{
	analyze_opts_t o = sc->ao;
	err_t e;

	o.emit = emit;
	o.idle = idle;
	o.ctx = ctx;
	o.keep = keep;
	o.background = keep == NULL;
	e = analyze_capture(&o, &sc->res, why, whylen);
	if (e == ERR_OK)
		source_capture_warn(sc);
	return e;
}

static err_t source_capture_start(source_t *s, char *why, size_t whylen)
{
	source_capture_t *sc = source_capture_of(s);
	size_t i, nhs = 0;
	err_t e;

	if (sc->nconns)
		return ERR_OK;      /* started already: the file is read once */
	e = source_capture_analyze(sc, NULL, NULL, sc, source_capture_keep, why, whylen);
	if (e != ERR_OK)
		return e;
	if (sc->lost) {
		snprintf(why, whylen, "out of memory: %lu of %lu connections could not be kept", sc->lost,
			 sc->res.connections);
		return ERR_NOMEM;
	}
	if (sc->nconns > 1)
		qsort(sc->conns, sc->nconns, sizeof *sc->conns, source_capture_order);
	for (i = 0; i < sc->nconns; i++)
		nhs += sc->conns[i]->nhs;
	return nhs ? ERR_OK : source_capture_none(sc, why, whylen);
}

/* Streaming: the read command's path, unchanged; after a start, the kept
 * connections are emitted instead (in connection order). */
static err_t source_capture_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why,
				size_t whylen)
{
	source_capture_t *sc = source_capture_of(s);
	size_t i, k;
	err_t e;

	if (sc->nconns) {
		for (i = 0; i < sc->nconns; i++)
			for (k = 0; k < sc->conns[i]->nhs; k++)
				emit(ctx, sc->conns[i], sc->conns[i]->hs[k]);
		if (idle)
			idle(ctx);
		return ERR_OK;
	}
	/* decoded here, emitted on the background writer thread */
	e = source_capture_analyze(sc, emit, idle, ctx, NULL, why, whylen);
	if (e != ERR_OK)
		return e;
	return sc->res.connections ? ERR_OK : source_capture_none(sc, why, whylen);
}

static size_t source_capture_count(const source_t *s)
{
	return source_capture_of(s)->nconns;
}

static conn_t *source_capture_conn(const source_t *s, size_t i)
{
	return source_capture_of(s)->conns[i];
}

static bool source_capture_final(const source_t *s, size_t i)
{
	(void)s;
	(void)i;
	return true;
}

static void source_capture_free(source_t *s)
{
	source_capture_t *sc = source_capture_of(s);
	size_t i;

	for (i = 0; i < sc->nconns; i++)
		conn_free(sc->conns[i]);
	free(sc->conns);
	free(sc);
}

static const source_ops_t source_capture_ops = {
	.name = "capture",
	.many = true,
	.reported_by = "key log says",
	.frame_unit = "frame",
	.start = source_capture_start,
	.poll = NULL,            /* the whole file is read by start */
	.run = source_capture_run,
	.count = source_capture_count,
	.conn = source_capture_conn,
	.advance = NULL,
	.final = source_capture_final,
	.rerun = NULL,
	.free = source_capture_free,
};

err_t source_capture_new(const analyze_opts_t *ao, source_t **out)
{
	source_capture_t *sc = calloc(1, sizeof *sc);

	*out = NULL;
	ENSURE(sc, ERR_NOMEM);
	sc->base.ops = &source_capture_ops;
	sc->base.label = ao->path;
	sc->ao = *ao;
	*out = &sc->base;
	return ERR_OK;
}

const analyze_result_t *source_capture_result(const source_t *s)
{
	const source_capture_t *sc = source_capture_of(s);

	return sc ? &sc->res : NULL;
}

void source_capture_set_keep_max(source_t *s, size_t max)
{
	source_capture_t *sc = source_capture_of(s);

	if (sc)
		sc->keep_max = max;
}
