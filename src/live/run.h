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
#include "live.h"

typedef struct {
	int sender;              /* SIDE_* */
	buf_t bytes;             /* owned */
	double time;
} liverun_flight_t;

typedef struct {
	live_t *live;            /* owned */
	keylog_t *keylog;        /* owned: what GnuTLS logged */
	buf_t keylog_text;       /* owned: the same, as NSS key log lines */
	rsakey_t *rsa;           /* owned wrapper of the demo server key */
	conn_t *conn;            /* owned: the trace */
	decoder_t *dec;          /* owned */
	unsigned flights;
	bool finished;
	/* When `record` is set before the first step: every flight kept, for
	 * exporting the run as a capture. */
	bool record;
	liverun_flight_t *tape; /* owned, `flights` entries when recording */
	size_t tape_cap;        /* room in tape */
} liverun_t;

err_t liverun_new(const live_cfg_t *cfg, liverun_t **out, char *why, size_t whylen) WUR;
void  liverun_free(liverun_t *r);
/* Runs and decodes one flight.  *more=false once the run is over (the
 * trace is then final: steps, verdicts and evidence filled in). */
err_t liverun_step(liverun_t *r, bool *more) WUR;
err_t liverun_all(liverun_t *r) WUR;

#endif
