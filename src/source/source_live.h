/* source_live.h - the live source: the in-process GnuTLS pair (live/run.h)
 * behind the source interface.  One connection; each advance runs one
 * flight, so the interface shows the handshake as it happens; it can be
 * re-run (new randoms, new secrets).  The command that made it can still
 * reach what only a live run has: the NSS key log GnuTLS wrote and, when
 * asked for before the run, every flight as sent (to write a capture). */
#ifndef TLSTRACE_SOURCE_LIVE_H
#define TLSTRACE_SOURCE_LIVE_H

#include <stdbool.h>
#include "base/bytes.h"
#include "live/run.h"
#include "source.h"

/* cfg is copied (its strings are borrowed and must outlive the source).
 * record: keep every flight (source_live_tape).  Nothing runs before
 * source_start or source_run; ERR_NOMEM is the only error. */
err_t source_live_new(const live_cfg_t *cfg, bool record, source_t **out) WUR;
/* GnuTLS's key log of the current run, as NSS key log lines; NULL
 * before the run starts. */
const buf_t *source_live_keylog(const source_t *s);
/* The current run's flights (record only): *n entries, NULL when none. */
const liverun_flight_t *source_live_tape(const source_t *s, unsigned *n);

#endif
