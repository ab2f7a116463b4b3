/* handoff.h - finished connections handed to a second thread, in order.
 *
 * Reading a large capture splits in two halves of similar cost: decoding
 * (packets -> connections) and writing them out (JSON or text).  The
 * decoding thread pushes each finished connection; one consumer thread
 * takes them in the same order and uses them (formats, writes); then they
 * come back to the pushing thread to be freed, because memory freed by
 * the thread that allocated it costs no lock in the allocator.  The queue
 * is bounded, so memory still grows with the connections open at once,
 * never with the file.  No printing here: the callbacks decide. */
#ifndef TLSTRACE_HANDOFF_H
#define TLSTRACE_HANDOFF_H

#include "trace/model.h"

typedef struct handoff handoff_t;

/* use runs on the consumer thread, once per connection, in push order;
 * release (conn_free, say) later on the pushing thread. */
typedef void (*handoff_fn)(void *ctx, conn_t *c);
/* Runs on the consumer thread each time it has used all it was given so
 * far (write out what use buffered, say); may be NULL. */
typedef void (*handoff_idle_fn)(void *ctx);

/* NULL when the thread cannot be started (the caller then does the work
 * itself).  depth: connections waiting at most before push blocks. */
handoff_t *handoff_start(handoff_fn use, handoff_idle_fn idle, handoff_fn release, void *ctx, size_t depth);
/* Passes c to the consumer; blocks while the queue is full.  Releases the
 * connections the consumer is done with. */
void handoff_push(handoff_t *q, conn_t *c);
/* Waits until every connection pushed has been used and released, then frees q. */
void handoff_finish(handoff_t *q);

#endif
