/* source_testutil.c - see source_testutil.h. */
#include "source_testutil.h"

void st_seen_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	st_seen_t *t = ctx;

	if (t->handshakes < 16)
		t->ids[t->handshakes] = c->id;
	t->handshakes++;
	t->complete += h->outcome == OUTCOME_COMPLETE;
	t->source = c->source;
}

void st_seen_idle(void *ctx)
{
	((st_seen_t *)ctx)->idles++;
}
