/* source.c - the source interface's calls (see source.h): each one goes
 * to the source's ops table, with the answers a source without that
 * operation gives (a capture has nothing to advance and cannot re-run).
 * Nothing here knows which source it is talking to. */
#include <stdio.h>
#include "source.h"

static void source_why(char *why, size_t whylen, const char *text)
{
	if (why && whylen)
		snprintf(why, whylen, "%s", text);
}

err_t source_start(source_t *s, char *why, size_t whylen)
{
	s->warning[0] = '\0';
	return s->ops->start(s, why, whylen);
}

err_t source_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why, size_t whylen)
{
	s->warning[0] = '\0';
	return s->ops->run(s, emit, idle, ctx, why, whylen);
}

err_t source_poll(source_t *s, size_t *added, char *why, size_t whylen)
{
	*added = 0;
	return s->ops->poll ? s->ops->poll(s, added, why, whylen) : ERR_OK;
}

bool source_grows(const source_t *s)
{
	return s->ops->poll != NULL;
}

size_t source_count(const source_t *s)
{
	return s->ops->count(s);
}

conn_t *source_conn(const source_t *s, size_t i)
{
	return i < s->ops->count(s) ? s->ops->conn(s, i) : NULL;
}

err_t source_advance(source_t *s, size_t i, bool *more, char *why, size_t whylen)
{
	*more = false;
	if (i >= s->ops->count(s)) {
		source_why(why, whylen, "no such connection");
		return ERR_BAD_VALUE;
	}
	if (!s->ops->advance || s->ops->final(s, i))
		return ERR_OK;
	return s->ops->advance(s, i, more, why, whylen);
}

bool source_final(const source_t *s, size_t i)
{
	return i >= s->ops->count(s) || s->ops->final(s, i);
}

bool source_can_rerun(const source_t *s)
{
	return s->ops->rerun != NULL;
}

err_t source_rerun(source_t *s, char *why, size_t whylen)
{
	if (!s->ops->rerun) {
		source_why(why, whylen, "this source cannot be run again");
		return ERR_UNSUPPORTED;
	}
	s->warning[0] = '\0';
	return s->ops->rerun(s, why, whylen);
}

const char *source_name(const source_t *s)
{
	return s->ops->name;
}

const char *source_label(const source_t *s)
{
	return s->label ? s->label : s->ops->name;
}

const char *source_reported_by(const source_t *s)
{
	return s->ops->reported_by;
}

const char *source_frame_unit(const source_t *s)
{
	return s->ops->frame_unit;
}

bool source_many(const source_t *s)
{
	return s->ops->many;
}

const char *source_warning(const source_t *s)
{
	return s->warning;
}

void source_free(source_t *s)
{
	if (s)
		s->ops->free(s);
}
