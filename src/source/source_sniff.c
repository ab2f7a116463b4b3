/* source_sniff.c - a network interface as a source (see source_sniff.h).
 * The interface is opened by source_sniff_new; run and start both hand
 * it to analyze_capture, run on the caller's thread (each handshake
 * written as soon as it ends), start on a capture thread whose finished
 * connections wait in a locked list until poll takes them in.  The key
 * log is read and refreshed only on the capture thread, where the
 * decoder reads it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "source_sniff.h"
#include "base/vec.h"

typedef struct {
	source_t base;           /* first: a source_t * is a source_sniff_t * */
	source_sniff_opts_t o;   /* the caller's, strings and evidence borrowed */
	live_capture_t *lc;      /* owned: the open interface */
	keylog_stats_t kst;      /* the followed key log, as read so far */
	analyze_result_t res;
	char label[96];          /* "sniff on lo" */
	/* streaming */
	source_emit_fn emit;
	source_idle_fn idle;
	void *ctx;
	unsigned long emitted;   /* handshakes emitted (the writer thread's) */
	/* kept mode */
	pthread_t thread;
	bool started;            /* thread runs (join it) */
	pthread_mutex_t lock;    /* guards pending, npending, done, err, why */
	conn_t **pending;        /* owned: finished, not yet polled */
	size_t npending, cappending;
	unsigned long lost;      /* could not be kept (no memory) */
	bool done, told;         /* the capture thread ended; its error reported */
	err_t err;
	char why[256];
	conn_t **conns;          /* owned: what poll took in, each freed with conn_free */
	size_t nconns, capconns;
} source_sniff_t;

static const source_ops_t source_sniff_ops;

static source_sniff_t *source_sniff_of(const source_t *s)
{
	return s && s->ops == &source_sniff_ops ? (source_sniff_t *)s : NULL;
}

/* The live capture's tick: the key log's new lines, before packets are decoded. */
static void source_sniff_tick(void *ctx)
{
	source_sniff_t *ss = ctx;
	unsigned long added;

	if (ss->o.keylog && keylog_refresh(ss->o.keylog, &ss->kst, &added) != ERR_OK)
		snprintf(ss->base.warning, sizeof ss->base.warning, "the key log could not be read again");
}

static analyze_opts_t source_sniff_analyze(source_sniff_t *ss)
{
	analyze_opts_t ao = { .live = ss->lc, .source_name = "sniff", .keylog = ss->o.keylog, .rsa = ss->o.rsa,
			      .only_connection = -1, .lean = ss->o.lean };
	return ao;
}

static void source_sniff_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	source_sniff_t *ss = ctx;

	if (ss->o.count && ss->emitted >= ss->o.count)
		return;   /* enough: what the stop closes is not wanted */
	ss->emitted++;
	ss->emit(ss->ctx, c, h);
	if (ss->o.count && ss->emitted >= ss->o.count)
		live_capture_stop(ss->lc);
}

static void source_sniff_idle(void *ctx)
{
	source_sniff_t *ss = ctx;

	if (ss->idle)
		ss->idle(ss->ctx);
}

static err_t source_sniff_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why,
			      size_t whylen)
{
	source_sniff_t *ss = source_sniff_of(s);
	analyze_opts_t ao = source_sniff_analyze(ss);

	ENSURE(!ss->started, ERR_BAD_VALUE);
	ss->emit = emit;
	ss->idle = idle;
	ss->ctx = ctx;
	ao.emit = source_sniff_emit;
	ao.idle = source_sniff_idle;
	ao.ctx = ss;
	/* One thread: each handshake's line is written as soon as both
	 * Finished are in (issue: "when its handshake ends"), which a
	 * writer thread handed whole connections could not do. */
	ao.report_early = true;
	return analyze_capture(&ao, &ss->res, why, whylen);
}

/* analyze_capture's keep, on the capture thread. */
static void source_sniff_keep(void *ctx, conn_t *c)
{
	source_sniff_t *ss = ctx;
	conn_t **v;

	pthread_mutex_lock(&ss->lock);
	v = vec_grow(ss->pending, &ss->cappending, ss->npending + 1, sizeof *v);
	if (v) {
		ss->pending = v;
		ss->pending[ss->npending++] = c;
	} else {
		ss->lost++;
		conn_free(c);
	}
	pthread_mutex_unlock(&ss->lock);
}

static void *source_sniff_main(void *arg)
{
	source_sniff_t *ss = arg;
	analyze_opts_t ao = source_sniff_analyze(ss);
	char why[256] = "";
	err_t e;

	ao.keep = source_sniff_keep;
	ao.ctx = ss;
	e = analyze_capture(&ao, &ss->res, why, sizeof why);
	pthread_mutex_lock(&ss->lock);
	ss->done = true;
	ss->err = e;
	snprintf(ss->why, sizeof ss->why, "%s", why);
	pthread_mutex_unlock(&ss->lock);
	return NULL;
}

static err_t source_sniff_start(source_t *s, char *why, size_t whylen)
{
	source_sniff_t *ss = source_sniff_of(s);

	if (ss->started)
		return ERR_OK;
	if (pthread_create(&ss->thread, NULL, source_sniff_main, ss) != 0) {
		err_why(why, whylen, "cannot start the capture thread");
		return ERR_NOMEM;
	}
	ss->started = true;
	return ERR_OK;
}

static err_t source_sniff_poll(source_t *s, size_t *added, char *why, size_t whylen)
{
	source_sniff_t *ss = source_sniff_of(s);
	err_t e = ERR_OK;
	conn_t **v;

	*added = 0;
	pthread_mutex_lock(&ss->lock);
	if (ss->npending) {
		/* no room to take them in now: they wait for the next poll */
		v = vec_grow(ss->conns, &ss->capconns, ss->nconns + ss->npending, sizeof *v);
		if (v) {
			ss->conns = v;
			memcpy(ss->conns + ss->nconns, ss->pending, ss->npending * sizeof *v);
			ss->nconns += ss->npending;
			*added = ss->npending;
			ss->npending = 0;
		}
	}
	if (ss->lost) {
		err_why(why, whylen, "out of memory: %lu connections could not be kept", ss->lost);
		e = ERR_NOMEM;
	} else if (ss->done && ss->err != ERR_OK && !ss->told) {
		err_why(why, whylen, "%s", ss->why[0] ? ss->why : err_str(ss->err));
		ss->told = true;
		e = ss->err;
	}
	pthread_mutex_unlock(&ss->lock);
	return e;
}

static size_t source_sniff_count(const source_t *s)
{
	return source_sniff_of(s)->nconns;
}

static conn_t *source_sniff_conn(const source_t *s, size_t i)
{
	return source_sniff_of(s)->conns[i];
}

static bool source_sniff_final(const source_t *s, size_t i)
{
	(void)s;
	(void)i;
	return true;   /* only finished connections are taken in */
}

static void source_sniff_free(source_t *s)
{
	source_sniff_t *ss = source_sniff_of(s);
	size_t i;

	if (!ss)
		return;
	if (ss->started) {
		live_capture_stop(ss->lc);
		pthread_join(ss->thread, NULL);
	}
	for (i = 0; i < ss->npending; i++)
		conn_free(ss->pending[i]);
	for (i = 0; i < ss->nconns; i++)
		conn_free(ss->conns[i]);
	free(ss->pending);
	free(ss->conns);
	pthread_mutex_destroy(&ss->lock);
	live_capture_close(ss->lc);
	free(ss);
}

static const source_ops_t source_sniff_ops = {
	.name = "sniff",
	.many = true,
	.reported_by = "key log says",
	.frame_unit = "frame",
	.start = source_sniff_start,
	.poll = source_sniff_poll,
	.run = source_sniff_run,
	.count = source_sniff_count,
	.conn = source_sniff_conn,
	.advance = NULL,
	.final = source_sniff_final,
	.rerun = NULL,
	.free = source_sniff_free,
};

err_t source_sniff_new(const source_sniff_opts_t *o, source_t **out, live_capture_fail_t *fail, char *why,
		       size_t whylen)
{
	live_capture_opts_t lo = { .device = o->device, .bpf = o->bpf, .write_pcap = o->write_pcap,
				   .hold = o->keylog ? SOURCE_SNIFF_HOLD : 0, .tick = source_sniff_tick };
	source_sniff_t *ss = calloc(1, sizeof *ss);
	err_t e;

	*out = NULL;
	*fail = LIVE_CAPTURE_FAIL_OTHER;
	ENSURE(ss, ERR_NOMEM);
	if (pthread_mutex_init(&ss->lock, NULL) != 0) {
		free(ss);
		return ERR_NOMEM;
	}
	ss->base.ops = &source_sniff_ops;
	ss->o = *o;
	lo.tick_ctx = ss;
	e = live_capture_open(&lo, &ss->lc, fail, why, whylen);
	if (e != ERR_OK) {
		source_sniff_free(&ss->base);
		return e;
	}
	snprintf(ss->label, sizeof ss->label, "sniff on %s", live_capture_device(ss->lc));
	ss->base.label = ss->label;
	*out = &ss->base;
	return ERR_OK;
}

void source_sniff_stop(source_t *s)
{
	source_sniff_t *ss = source_sniff_of(s);

	if (ss && ss->lc)
		live_capture_stop(ss->lc);
}

const analyze_result_t *source_sniff_result(const source_t *s)
{
	const source_sniff_t *ss = source_sniff_of(s);

	return ss ? &ss->res : NULL;
}
