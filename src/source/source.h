/* source.h - where handshakes come from, behind one small interface.
 *
 * A source yields connections (the trace model's conn_t) and, for a
 * connection whose trace is not final yet, advances it by one flight; it
 * says whether it can be re-run, and re-runs.  The live pair (source_live.h)
 * and a capture file (source_capture.h) implement it today; a real server,
 * real clients and a live interface will plug in the same way.  Views (the
 * interface, the text and JSON writers) reach the engine only through this
 * header and the trace model; commands create the concrete source.
 *
 * Two ways to use a source, one per source object:
 *  - kept: source_start, then source_count/source_conn/source_advance, as
 *    the interface does.  The source owns every connection it yields;
 *    the list may grow between calls (count again, never cache a pointer
 *    to the list itself).  A connection pointer stays valid until
 *    source_rerun or source_free.
 *  - streaming: source_run hands each handshake to emit as soon as it is
 *    final and keeps nothing it does not have to (a capture is decoded on
 *    one thread and written on another, as fast as before this header).
 * Every call that can fail fills `why` with a sentence for the user.  The
 * source never prints. */
#ifndef TLSTRACE_SOURCE_H
#define TLSTRACE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"
#include "trace/model.h"

typedef struct source source_t;

/* Streaming: a handshake of c, final; c and h are valid only during the call. */
typedef void (*source_emit_fn)(void *ctx, const conn_t *c, const handshake_t *h);
/* Streaming: nothing more is waiting for the moment (write what emit held back). */
typedef void (*source_idle_fn)(void *ctx);

typedef struct {
	const char *name;        /* "live", "capture": the conn->source of its connections */
	/* It may yield several connections: the interface opens on their list
	 * (a source of one connection opens straight on its steps). */
	bool many;
	/* Who reports the master secret the derived one is checked against:
	 * "GnuTLS reports", "key log says". */
	const char *reported_by;
	/* What a message's frame number counts: "flight", "frame". */
	const char *frame_unit;
	err_t (*start)(source_t *s, char *why, size_t whylen);
	/* Takes in the connections that have appeared since (a server's new
	 * clients, an interface's new flows) without waiting: *added of them.
	 * An error is reported once (the interface shows it at each poll).
	 * NULL when every connection is there once start returns. */
	err_t (*poll)(source_t *s, size_t *added, char *why, size_t whylen);
	err_t (*run)(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why, size_t whylen);
	size_t (*count)(const source_t *s);
	conn_t *(*conn)(const source_t *s, size_t i);
	/* One more flight of connection i; NULL when every trace is final at start. */
	err_t (*advance)(source_t *s, size_t i, bool *more, char *why, size_t whylen);
	bool (*final)(const source_t *s, size_t i);
	/* NULL when the source cannot be re-run (a capture file). */
	err_t (*rerun)(source_t *s, char *why, size_t whylen);
	void (*free)(source_t *s);
} source_ops_t;

/* The part every source shares; each implementation embeds it first. */
struct source {
	const source_ops_t *ops;
	const char *label;       /* borrowed: what a view calls it (the capture's path, "live handshake") */
	/* Something the user must be told about the input as a whole (a file
	 * cut in the middle of a packet), "" for nothing; set by start and run. */
	char warning[256];
};

/* Kept mode: gets the source going (reads a whole capture, starts the
 * live pair).  An error when nothing can be shown, or when a connection
 * could not be kept (out of memory: never dropped silently). */
err_t source_start(source_t *s, char *why, size_t whylen) WUR;
/* Streaming mode: every handshake to emit (then idle, when given), in the
 * order they become final.  ERR_OK once the input is over and at least
 * one TLS connection was seen; otherwise the error and why.  A source
 * whose engine stops early still emits what it traced, then fails. */
err_t source_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why, size_t whylen) WUR;

/* Kept mode, for a source whose connections appear over time: takes in
 * what has arrived, without waiting (*added: how many connections are
 * new).  ERR_OK with *added=0 for a source that does not grow. */
err_t source_poll(source_t *s, size_t *added, char *why, size_t whylen) WUR;
/* Its connections may appear after start (it has something to poll). */
bool source_grows(const source_t *s);

/* Connections yielded so far (kept mode); the number may grow. */
size_t source_count(const source_t *s);
/* Connection i < source_count; owned by the source. */
conn_t *source_conn(const source_t *s, size_t i);
/* Runs connection i one flight further.  *more=false once its trace is
 * final.  On an error (the engine stopped, with why) the trace so far
 * is final too. */
err_t source_advance(source_t *s, size_t i, bool *more, char *why, size_t whylen) WUR;
/* No message will be added to connection i. */
bool source_final(const source_t *s, size_t i);

bool source_can_rerun(const source_t *s);
/* A new run from the start (new randoms): every connection pointer taken
 * before is gone.  ERR_UNSUPPORTED when the source cannot be re-run. */
err_t source_rerun(source_t *s, char *why, size_t whylen) WUR;

const char *source_name(const source_t *s);
const char *source_label(const source_t *s);
const char *source_reported_by(const source_t *s);
const char *source_frame_unit(const source_t *s);
bool source_many(const source_t *s);
/* "" when there is nothing to say. */
const char *source_warning(const source_t *s);
void source_free(source_t *s);

#endif
