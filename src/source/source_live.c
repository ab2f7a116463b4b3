/* source_live.c - the live pair as a source (see source_live.h): a thin
 * wrapper of liverun, which already feeds each flight to the decoder and
 * adds GnuTLS's own account at the end.  What this file adds is the
 * interface's shape: one connection (two with --resume: the second
 * resumes the first's session), one flight per advance, a re-run that
 * replaces the whole run only once the new one has started. */
#include <stdio.h>
#include <stdlib.h>
#include "source_live.h"

typedef struct {
	source_t base;           /* first: a source_t * is a source_live_t * */
	live_cfg_t cfg;
	bool record;
	liverun_t *run;          /* owned; NULL before start */
	err_t stop;              /* a run of two connections (--resume) is made whole at start:
	                            how it ended, for source_run to report */
} source_live_t;

static const source_ops_t source_live_ops;

static source_live_t *source_live_of(const source_t *s)
{
	return s && s->ops == &source_live_ops ? (source_live_t *)s : NULL;
}

/* The engine's own words for why it stopped, else the error's. */
static void source_live_why(const source_live_t *sl, err_t e, char *why, size_t whylen)
{
	const char *t = live_error_text(liverun_live(sl->run));

	if (why && whylen)
		snprintf(why, whylen, "%s", t && t[0] ? t : err_str(e));
}

/* A new run of the same settings, in place of the current one.  Two
 * connections (--resume) are run to their end at once, so the interface
 * lists both handshakes as it lists a capture's; a run that stopped early
 * is still a trace, and the source's warning says why. */
static err_t source_live_begin(source_live_t *sl, char *why, size_t whylen)
{
	liverun_t *r = NULL;
	err_t e = liverun_new(&sl->cfg, &r, why, whylen);

	if (e != ERR_OK)
		return e;
	r->record = sl->record;
	liverun_free(sl->run);
	sl->run = r;
	sl->stop = ERR_OK;
	sl->base.warning[0] = '\0';
	if (liverun_count(r) > 1 && (sl->stop = liverun_all(r)) != ERR_OK)
		source_live_why(sl, sl->stop, sl->base.warning, sizeof sl->base.warning);
	return ERR_OK;
}

static err_t source_live_start(source_t *s, char *why, size_t whylen)
{
	source_live_t *sl = source_live_of(s);

	return sl->run ? ERR_OK : source_live_begin(sl, why, whylen);
}

/* Runs what is left, then hands over every handshake: a run that
 * stopped early is still a trace, emitted before the error is returned. */
static err_t source_live_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why,
			     size_t whylen)
{
	source_live_t *sl = source_live_of(s);
	err_t e = source_live_start(s, why, whylen), stop;
	const conn_t *c;
	size_t i, k;

	if (e != ERR_OK)
		return e;
	stop = sl->stop != ERR_OK ? sl->stop : liverun_all(sl->run);
	if (stop != ERR_OK)
		source_live_why(sl, stop, why, whylen);
	for (k = 0; k < liverun_count(sl->run); k++)
		for (c = liverun_conn(sl->run, k), i = 0; i < c->nhs; i++)
			emit(ctx, c, c->hs[i]);
	if (idle)
		idle(ctx);
	return stop;
}

static size_t source_live_count(const source_t *s)
{
	const source_live_t *sl = source_live_of(s);

	return sl->run ? liverun_count(sl->run) : 0;
}

static conn_t *source_live_conn(const source_t *s, size_t i)
{
	return liverun_conn(source_live_of(s)->run, i);
}

static err_t source_live_advance(source_t *s, size_t i, bool *more, char *why, size_t whylen)
{
	source_live_t *sl = source_live_of(s);
	err_t e = liverun_step_conn(sl->run, i, more);

	if (e != ERR_OK)
		source_live_why(sl, e, why, whylen);
	return e;
}

static bool source_live_final(const source_t *s, size_t i)
{
	return liverun_final(source_live_of(s)->run, i);
}

static err_t source_live_rerun(source_t *s, char *why, size_t whylen)
{
	return source_live_begin(source_live_of(s), why, whylen);
}

static void source_live_free(source_t *s)
{
	source_live_t *sl = source_live_of(s);

	liverun_free(sl->run);
	free(sl);
}

static const source_ops_t source_live_ops = {
	.name = "live",
	.many = false,
	.reported_by = "GnuTLS reports",
	.frame_unit = "flight",
	.start = source_live_start,
	.poll = NULL,            /* its connections are there from the start */
	.run = source_live_run,
	.count = source_live_count,
	.conn = source_live_conn,
	.advance = source_live_advance,
	.final = source_live_final,
	.rerun = source_live_rerun,
	.free = source_live_free,
};

err_t source_live_new(const live_cfg_t *cfg, bool record, source_t **out)
{
	source_live_t *sl = calloc(1, sizeof *sl);

	*out = NULL;
	ENSURE(sl, ERR_NOMEM);
	sl->base.ops = &source_live_ops;
	sl->base.label = "live handshake";
	sl->cfg = *cfg;
	sl->record = record;
	*out = &sl->base;
	return ERR_OK;
}

const buf_t *source_live_keylog(const source_t *s)
{
	const source_live_t *sl = source_live_of(s);

	return sl && sl->run ? &sl->run->keylog_text : NULL;
}

const liverun_flight_t *source_live_tape(const source_t *s, unsigned *n)
{
	const source_live_t *sl = source_live_of(s);

	*n = sl && sl->run && sl->run->tape ? sl->run->flights : 0;
	return *n ? sl->run->tape : NULL;
}
