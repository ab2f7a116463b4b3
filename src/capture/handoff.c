/* handoff.c - a bounded ring of finished connections, the one thread that
 * uses them, and the list of used ones waiting to be released by the
 * pushing thread (see handoff.h). */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include "handoff.h"

struct handoff {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	conn_t **ring;           /* owned array of cap; its connections are in transit */
	size_t cap, head, count; /* head: next to use */
	size_t batch;            /* the consumer is woken when this many wait (or at the end) */
	conn_t **taken;          /* owned array of cap: the consumer's batch, outside the lock */
	conn_t **used;           /* owned array of cap: used, waiting for release */
	size_t nused;
	size_t busy;             /* taken by the consumer, not yet in used */
	bool closing;            /* no more pushes; drain and stop */
	bool consumer_waits, producer_waits;
	handoff_fn use, release;
	handoff_idle_fn idle;
	void *ctx;
};

/* The consumer sleeps until a batch has gathered and then takes everything
 * queued at once: one wake-up and one lock per batch, not per connection.
 * `used` never overflows: push waits while the ring, the consumer's batch
 * and the used list together hold cap connections. */
static void *handoff_main(void *arg)
{
	handoff_t *q = arg;
	size_t n, i;

	for (;;) {
		pthread_mutex_lock(&q->lock);
		while (q->count < q->batch && !q->closing) {
			q->consumer_waits = true;
			pthread_cond_wait(&q->not_empty, &q->lock);
		}
		q->consumer_waits = false;
		if (q->count == 0) {   /* closing, and nothing left */
			pthread_mutex_unlock(&q->lock);
			break;
		}
		n = q->count;
		for (i = 0; i < n; i++)
			q->taken[i] = q->ring[(q->head + i) % q->cap];
		q->head = (q->head + n) % q->cap;
		q->count -= n;
		q->busy = n;
		pthread_mutex_unlock(&q->lock);
		for (i = 0; i < n; i++)
			q->use(q->ctx, q->taken[i]);
		if (q->idle)
			q->idle(q->ctx);
		pthread_mutex_lock(&q->lock);
		for (i = 0; i < n; i++)
			q->used[q->nused++] = q->taken[i];
		q->busy = 0;
		if (q->producer_waits)
			pthread_cond_signal(&q->not_full);
		pthread_mutex_unlock(&q->lock);
	}
	return NULL;
}

handoff_t *handoff_start(handoff_fn use, handoff_idle_fn idle, handoff_fn release, void *ctx, size_t depth)
{
	handoff_t *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->cap = depth ? depth : 1;
	q->batch = q->cap / 4 ? q->cap / 4 : 1;
	q->ring = calloc(q->cap, sizeof *q->ring);
	q->taken = calloc(q->cap, sizeof *q->taken);
	q->used = calloc(q->cap, sizeof *q->used);
	q->use = use;
	q->idle = idle;
	q->release = release;
	q->ctx = ctx;
	if (!q->ring || !q->taken || !q->used || pthread_mutex_init(&q->lock, NULL) != 0)
		goto fail;
	/* Linux's pthread_cond_init cannot fail; pthread_create can. */
	if (pthread_cond_init(&q->not_empty, NULL) != 0 || pthread_cond_init(&q->not_full, NULL) != 0 ||
	    pthread_create(&q->thread, NULL, handoff_main, q) != 0) {
		pthread_mutex_destroy(&q->lock);
		goto fail;
	}
	return q;
fail:
	free(q->ring);
	free(q->taken);
	free(q->used);
	free(q);
	return NULL;
}

void handoff_push(handoff_t *q, conn_t *c)
{
	conn_t *spare[64];
	size_t n = 0, i;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (q->nused && n < 64)
			spare[n++] = q->used[--q->nused];
		/* Full counts the consumer's batch and what waits for release
		 * too, so `used` never overflows. */
		if (q->count + q->busy + q->nused < q->cap)
			break;
		if (q->nused) {   /* more to release than spare holds: release, then look again */
			pthread_mutex_unlock(&q->lock);
			for (i = 0; i < n; i++)
				q->release(q->ctx, spare[i]);
			n = 0;
			pthread_mutex_lock(&q->lock);
			continue;
		}
		q->producer_waits = true;
		pthread_cond_wait(&q->not_full, &q->lock);
		q->producer_waits = false;
	}
	q->ring[(q->head + q->count) % q->cap] = c;
	q->count++;
	if (q->consumer_waits && q->count >= q->batch)
		pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
	for (i = 0; i < n; i++)   /* outside the lock: the consumer goes on meanwhile */
		q->release(q->ctx, spare[i]);
}

void handoff_finish(handoff_t *q)
{
	conn_t **spare;

	if (!q)
		return;
	pthread_mutex_lock(&q->lock);
	q->closing = true;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
	pthread_join(q->thread, NULL);
	spare = q->used;   /* the thread is gone: no lock needed */
	while (q->nused)
		q->release(q->ctx, spare[--q->nused]);
	pthread_cond_destroy(&q->not_empty);
	pthread_cond_destroy(&q->not_full);
	pthread_mutex_destroy(&q->lock);
	free(q->ring);
	free(q->taken);
	free(q->used);
	free(q);
}
