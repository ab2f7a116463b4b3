/* source_capture.h - a capture file (capture/analyze.h) behind the source
 * interface.  Kept mode reads the whole file and keeps every connection,
 * ordered by connection number, for the interface's list; each trace is
 * final at once (nothing to advance) and a file cannot be re-run.
 * Streaming mode (source_run) is analyze_capture exactly as the read
 * command always used it: decoding on this thread, formatting and writing
 * on a second one, each connection freed as soon as it is written. */
#ifndef TLSTRACE_SOURCE_CAPTURE_H
#define TLSTRACE_SOURCE_CAPTURE_H

#include "capture/analyze.h"
#include "source.h"

/* The capture to read: ao's path, bpf, keylog, rsa, only_connection and
 * lean are used (all borrowed: they must outlive the source); emit, idle,
 * ctx, keep and background are the source's own business.  Nothing is
 * read before source_start or source_run; ERR_NOMEM is the only error. */
err_t source_capture_new(const analyze_opts_t *ao, source_t **out) WUR;
/* What the reader counted (frames, connections, handshakes) in the last
 * start or run; NULL for a source that is not a capture. */
const analyze_result_t *source_capture_result(const source_t *s);
/* Keeps no more than max connections, as if memory ran out after them
 * (tests: a connection that cannot be kept is an error, never dropped
 * silently).  0: no limit. */
void source_capture_set_keep_max(source_t *s, size_t max);

#endif
