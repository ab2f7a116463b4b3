/* source_testutil.h - what the source tests share: an emit/idle pair that
 * counts what a streaming source hands over. */
#ifndef TLSTRACE_SOURCE_TESTUTIL_H
#define TLSTRACE_SOURCE_TESTUTIL_H

#include <stddef.h>
#include "trace/model.h"

typedef struct {
	size_t handshakes, idles, complete;
	unsigned ids[16];        /* the first 16 handshakes' connection ids */
	const char *source;      /* the last connection's conn->source */
} st_seen_t;

/* source_emit_fn and source_idle_fn over an st_seen_t. */
void st_seen_emit(void *ctx, const conn_t *c, const handshake_t *h);
void st_seen_idle(void *ctx);

#endif
