/* prefetch.c - libpcap read ahead on a thread of its own (see prefetch.h).
 *
 * A ring of PF_BATCHES buffers.  The read thread fills them in order, each
 * with packets laid out as a pf_rec_t followed by the packet's bytes; the
 * consumer walks the full ones in the same order and gives them back.
 * Batches [take, fill) are full; the reader may fill while fewer than
 * PF_BATCHES are. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "prefetch.h"

enum { PF_BATCHES = 4, PF_BATCH_BYTES = 1 << 20 };

typedef struct {
	double time;
	uint32_t frame, caplen, len, pad;
} pf_rec_t;

typedef struct {
	uint8_t *buf;            /* owned */
	size_t cap, used;
	bool last;               /* the reader stopped after this batch */
} pf_batch_t;

struct prefetch {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;  /* a batch was filled or given back, or stop */
	pcap_t *pcap;            /* borrowed */
	const struct bpf_program *prog;   /* borrowed, may be NULL */
	pf_batch_t batch[PF_BATCHES];
	size_t fill, take;       /* counters; index = counter % PF_BATCHES */
	bool stop;               /* the consumer wants no more */
	prefetch_end_t end;      /* written by the reader, read after join */
	/* consumer side */
	pf_batch_t *cur;
	size_t off;
	bool finished;
};

static size_t pf_round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Puts one packet in b; false when it does not fit (b is not empty) or
 * memory ran out (pf->end.nomem). */
static bool pf_put(prefetch_t *pf, pf_batch_t *b, const struct pcap_pkthdr *hdr, const u_char *data, uint32_t frame)
{
	size_t need = sizeof(pf_rec_t) + pf_round8(hdr->caplen);
	pf_rec_t rec = { (double)hdr->ts.tv_sec + (double)hdr->ts.tv_usec / 1e9, frame, hdr->caplen, hdr->len, 0 };

	/* Opened with PCAP_TSTAMP_PRECISION_NANO: tv_usec holds nanoseconds. */
	if (b->used + need > b->cap) {
		uint8_t *grown;

		if (b->used)
			return false;
		grown = realloc(b->buf, need);   /* one packet larger than a batch */
		if (!grown) {
			pf->end.nomem = true;
			return false;
		}
		b->buf = grown;
		b->cap = need;
	}
	memcpy(b->buf + b->used, &rec, sizeof rec);
	memcpy(b->buf + b->used + sizeof rec, data, hdr->caplen);
	b->used += need;
	return true;
}

static void *pf_main(void *arg)
{
	prefetch_t *pf = arg;
	struct pcap_pkthdr *hdr = NULL;
	const u_char *data = NULL;
	bool pending = false;    /* hdr/data: read, but did not fit the last batch */
	bool over = false;
	uint32_t frame = 0;
	int rc = 1;

	while (!over) {
		pf_batch_t *b;

		pthread_mutex_lock(&pf->lock);
		while (pf->fill - pf->take >= PF_BATCHES && !pf->stop)
			pthread_cond_wait(&pf->changed, &pf->lock);
		if (pf->stop) {
			pthread_mutex_unlock(&pf->lock);
			break;
		}
		b = &pf->batch[pf->fill % PF_BATCHES];
		pthread_mutex_unlock(&pf->lock);

		b->used = 0;
		b->last = false;
		for (;;) {
			if (!pending) {
				rc = pcap_next_ex(pf->pcap, &hdr, &data);
				if (rc != 1) {
					over = true;
					break;
				}
				frame = (uint32_t)++pf->end.frames;
				if (pf->prog && !pcap_offline_filter(pf->prog, hdr, data)) {
					pf->end.filtered++;
					continue;
				}
			}
			pending = !pf_put(pf, b, hdr, data, frame);
			if (pf->end.nomem) {
				over = true;
				break;
			}
			if (pending)
				break;   /* b is full: this packet opens the next one */
		}
		if (over) {
			b->last = true;
			pf->end.rc = pf->end.nomem ? 1 : rc;
			if (rc == PCAP_ERROR)
				strncpy(pf->end.error, pcap_geterr(pf->pcap), sizeof pf->end.error - 1);
		}
		pthread_mutex_lock(&pf->lock);
		pf->fill++;
		pthread_cond_signal(&pf->changed);
		pthread_mutex_unlock(&pf->lock);
	}
	return NULL;
}

prefetch_t *prefetch_start(pcap_t *p, const struct bpf_program *prog)
{
	prefetch_t *pf = calloc(1, sizeof *pf);
	size_t i;

	if (!pf)
		return NULL;
	pf->pcap = p;
	pf->prog = prog;
	for (i = 0; i < PF_BATCHES; i++) {
		pf->batch[i].buf = malloc(PF_BATCH_BYTES);
		pf->batch[i].cap = PF_BATCH_BYTES;
		if (!pf->batch[i].buf)
			goto fail;
	}
	if (pthread_mutex_init(&pf->lock, NULL) != 0)
		goto fail;
	/* Linux's pthread_cond_init cannot fail; pthread_create can. */
	if (pthread_cond_init(&pf->changed, NULL) != 0 || pthread_create(&pf->thread, NULL, pf_main, pf) != 0) {
		pthread_mutex_destroy(&pf->lock);
		goto fail;
	}
	return pf;
fail:
	for (i = 0; i < PF_BATCHES; i++)
		free(pf->batch[i].buf);
	free(pf);
	return NULL;
}

bool prefetch_next(prefetch_t *pf, prefetch_pkt_t *out)
{
	for (;;) {
		if (pf->finished)
			return false;
		if (pf->cur && pf->off < pf->cur->used) {
			pf_rec_t rec;

			memcpy(&rec, pf->cur->buf + pf->off, sizeof rec);
			out->data = pf->cur->buf + pf->off + sizeof rec;
			out->caplen = rec.caplen;
			out->len = rec.len;
			out->frame = rec.frame;
			out->time = rec.time;
			pf->off += sizeof rec + pf_round8(rec.caplen);
			return true;
		}
		pthread_mutex_lock(&pf->lock);
		if (pf->cur) {   /* give the walked batch back */
			pf->finished = pf->cur->last;
			pf->cur = NULL;
			pf->take++;
			pthread_cond_signal(&pf->changed);
			if (pf->finished) {
				pthread_mutex_unlock(&pf->lock);
				return false;
			}
		}
		while (pf->take == pf->fill)
			pthread_cond_wait(&pf->changed, &pf->lock);
		pf->cur = &pf->batch[pf->take % PF_BATCHES];
		pf->off = 0;
		pthread_mutex_unlock(&pf->lock);
	}
}

void prefetch_free(prefetch_t *pf, prefetch_end_t *end)
{
	size_t i;

	if (!pf)
		return;
	pthread_mutex_lock(&pf->lock);
	pf->stop = true;
	pthread_cond_signal(&pf->changed);
	pthread_mutex_unlock(&pf->lock);
	pthread_join(pf->thread, NULL);
	if (end)
		*end = pf->end;
	pthread_cond_destroy(&pf->changed);
	pthread_mutex_destroy(&pf->lock);
	for (i = 0; i < PF_BATCHES; i++)
		free(pf->batch[i].buf);
	free(pf);
}
