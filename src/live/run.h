/* run.h - a live handshake traced: the GnuTLS pair's flights fed to the
 * same decoder a capture uses, with GnuTLS's own key log and verdicts
 * added as evidence.  The interface steps it one flight at a time; the
 * text and JSON views run it to the end. */
#ifndef TLSTRACE_RUN_H
#define TLSTRACE_RUN_H

#include <stdbool.h>
#include "base/bytes.h"
#include "crypto/keylog.h"
#include "trace/decode.h"
#include "trace/model.h"
#include "trace/sessions.h"
#include "live.h"

typedef struct {
	int sender;              /* SIDE_* */
	buf_t bytes;             /* owned */
	double time;
	unsigned conn;           /* the connection that carried it: 0, or 1 (--resume) */
} liverun_flight_t;

/* --resume: the second connection (conn id 1), a new pair that resumes the
 * session of the first once the first is over. */
typedef struct {
	live_t *live;            /* owned; NULL until it starts */
	rsakey_t *rsa;           /* owned */
	conn_t *conn;            /* owned, made with the run: its trace */
	decoder_t *dec;          /* owned; NULL until it starts */
	bool finished;           /* its trace is final */
} liverun_again_t;

typedef struct {
	live_t *live;            /* owned */
	keylog_t *keylog;        /* owned: what GnuTLS logged, on every connection */
	buf_t keylog_text;       /* owned: the same, as NSS key log lines */
	rsakey_t *rsa;           /* owned wrapper of the demo server key */
	conn_t *conn;            /* owned: the trace (of the first connection) */
	decoder_t *dec;          /* owned */
	unsigned flights;
	bool first_done;         /* the first connection's trace is final */
	bool finished;           /* every connection's trace is final */
	live_cfg_t cfg;          /* the settings (for starting the second connection) */
	sessions_t *sessions;    /* owned: sessions the first connection made, for the second */
	liverun_again_t again;   /* cfg.resume: the second connection */
	/* When `record` is set before the first step: every flight kept, for
	 * exporting the run as a capture. */
	bool record;
	liverun_flight_t *tape; /* owned, `flights` entries when recording */
	size_t tape_cap;        /* room in tape */
} liverun_t;

err_t liverun_new(const live_cfg_t *cfg, liverun_t **out, char *why, size_t whylen) WUR;
void  liverun_free(liverun_t *r);
/* Runs and decodes one flight.  *more=false once the run is over (the
 * trace is then final: steps, verdicts and evidence filled in).  With
 * --resume the second connection starts after the first is over. */
err_t liverun_step(liverun_t *r, bool *more) WUR;
err_t liverun_all(liverun_t *r) WUR;
/* Connections of the run: 1, or 2 with --resume (the second one's trace
 * is empty until the first is over). */
size_t liverun_count(const liverun_t *r);
conn_t *liverun_conn(const liverun_t *r, size_t i);
bool  liverun_final(const liverun_t *r, size_t i);
/* Runs connection i one flight further (for connection 1, the first one
 * is run to its end before); *more=false once its trace is final. */
err_t liverun_step_conn(liverun_t *r, size_t i, bool *more) WUR;
/* The engine of the connection running now (or the last one run). */
const live_t *liverun_live(const liverun_t *r);

#endif
