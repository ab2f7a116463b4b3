/* flows.c - the TCP flow table (see capture_int.h).
 *
 * A chained hash on the 4-tuple, symmetric so that both directions find
 * the same flow in O(1).  Flows are numbered in order of their first
 * packet, as Wireshark's tcp.stream counts them.  A flow is closed once a
 * FIN has been seen from both sides and everything before the FINs
 * delivered, or at the first RST, or at the end of input; its buffers are
 * freed then, and only a small record of its 4-tuple stays (up to
 * FLOWS_DEAD_MAX of them) so that late packets (the last ACK, a
 * retransmitted FIN) do not count as a new connection.  A SYN on such a
 * 4-tuple does start a new one.  This module moves packets to the right
 * direction's reassembly; it does not look at payload. */
#include <stdlib.h>
#include <string.h>
#include "capture_int.h"

#define FLOWS_INITIAL_BUCKETS 1024
#define FLOWS_DEAD_MAX 8192

/* Where one direction's ordered bytes go: to TLS detection. */
typedef struct {
	capture_t *cap;
	flow_t *f;
	int dir;
} flows_dir_t;

static void flows_on_data(void *arg, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	flows_dir_t *d = arg;

	detect_data(d->cap, d->f, d->dir, p, n, frame, time);
}

static void flows_on_gap(void *arg, uint64_t missing, uint32_t frame)
{
	flows_dir_t *d = arg;

	d->cap->stats.gaps += missing;
	detect_gap(d->cap, d->f, d->dir, missing, frame);
}

/* A 64-bit finaliser (splitmix64's): every input bit reaches every output bit. */
static uint64_t flows_mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

/* One endpoint: its address words and port, each multiplied by its own
 * odd constant so that no two fields cancel, then mixed.  Once per
 * packet and endpoint: cheap matters. */
static uint64_t flows_endpoint_hash(const uint8_t addr[16], uint16_t port)
{
	uint64_t a, b;

	memcpy(&a, addr, 8);
	memcpy(&b, addr + 8, 8);
	return flows_mix(a * 0x9e3779b97f4a7c15ull ^ b * 0xc2b2ae3d27d4eb4full ^ port * 0x165667b19e3779f9ull);
}

/* The same for both directions: the two endpoints' hashes combined by a
 * commutative operation. */
static uint32_t flows_hash(const pkt_t *p)
{
	return (uint32_t)flows_mix(flows_endpoint_hash(p->src, p->sport) + flows_endpoint_hash(p->dst, p->dport) +
				   p->family);
}

static bool flows_endpoint_is(const flow_t *f, int i, const uint8_t addr[16], uint16_t port)
{
	return f->port[i] == port && memcmp(f->addr[i], addr, 16) == 0;
}

static flow_t *flows_lookup(const flows_t *t, const pkt_t *p, uint32_t h, int *dir)
{
	flow_t *f;

	for (f = t->bucket[h & (t->nbucket - 1)]; f; f = f->hnext) {
		if (f->hash != h || f->family != p->family)
			continue;
		if (flows_endpoint_is(f, 0, p->src, p->sport) && flows_endpoint_is(f, 1, p->dst, p->dport)) {
			*dir = 0;
			return f;
		}
		if (flows_endpoint_is(f, 1, p->src, p->sport) && flows_endpoint_is(f, 0, p->dst, p->dport)) {
			*dir = 1;
			return f;
		}
	}
	return NULL;
}

static bool flows_grow(flows_t *t)
{
	size_t n = t->nbucket ? t->nbucket * 2 : FLOWS_INITIAL_BUCKETS, i;
	flow_t **b = calloc(n, sizeof *b);

	if (!b)
		return false;
	for (i = 0; i < t->nbucket; i++) {
		while (t->bucket[i]) {
			flow_t *f = t->bucket[i];
			t->bucket[i] = f->hnext;
			f->hnext = b[f->hash & (n - 1)];
			b[f->hash & (n - 1)] = f;
		}
	}
	free(t->bucket);
	t->bucket = b;
	t->nbucket = n;
	return true;
}

static void flows_unhash(flows_t *t, flow_t *f)
{
	flow_t **link = &t->bucket[f->hash & (t->nbucket - 1)];

	while (*link && *link != f)
		link = &(*link)->hnext;
	if (*link)
		*link = f->hnext;
	t->count--;
}

static flow_t *flows_create(capture_t *cap, const pkt_t *p, uint32_t h, uint32_t frame)
{
	flows_t *t = &cap->flows;
	flow_t *f;

	if ((t->count >= t->nbucket && !flows_grow(t)) || !(f = calloc(1, sizeof *f))) {
		cap->nomem = true;
		return NULL;
	}
	f->hash = h;
	f->family = p->family;
	f->client = f->initiator = -1;
	memcpy(f->addr[0], p->src, 16);
	memcpy(f->addr[1], p->dst, 16);
	f->port[0] = p->sport;
	f->port[1] = p->dport;
	f->stream = t->next_stream++;
	f->first_frame = frame;
	f->hnext = t->bucket[h & (t->nbucket - 1)];
	t->bucket[h & (t->nbucket - 1)] = f;
	t->count++;
	f->prev = t->live_tail;
	if (t->live_tail)
		t->live_tail->next = f;
	else
		t->live_head = f;
	t->live_tail = f;
	cap->stats.flows++;
	if (++cap->stats.flows_open > cap->stats.peak_flows_open)
		cap->stats.peak_flows_open = cap->stats.flows_open;
	return f;
}

/* Forgets a closed flow for good. */
static void flows_drop_dead(flows_t *t, flow_t *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else
		t->dead_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	else
		t->dead_tail = f->prev;
	t->ndead--;
	flows_unhash(t, f);
	free(f);
}

/* Delivers what can be, reports the holes, tells the sink, frees the
 * buffers; the flow stays in the table as a closed 4-tuple. */
static void flows_close(capture_t *cap, flow_t *f, uint32_t frame)
{
	flows_t *t = &cap->flows;
	int dir;

	for (dir = 0; dir < 2; dir++) {
		flows_dir_t d = { cap, f, dir };
		reasm_out_t out = { flows_on_data, flows_on_gap, &d };
		reasm_flush(&f->r[dir], frame, &out);
	}
	detect_close(cap, f);
	for (dir = 0; dir < 2; dir++) {
		if (f->r[dir].nomem)
			cap->nomem = true;
		reasm_free(&f->r[dir]);
	}
	f->closed = 1;
	cap->stats.flows_open--;
	if (f->prev)
		f->prev->next = f->next;
	else
		t->live_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	else
		t->live_tail = f->prev;
	f->prev = t->dead_tail;
	f->next = NULL;
	if (t->dead_tail)
		t->dead_tail->next = f;
	else
		t->dead_head = f;
	t->dead_tail = f;
	if (++t->ndead > FLOWS_DEAD_MAX)
		flows_drop_dead(t, t->dead_head);
}

/* RFC 9293 3.5: a SYN on a 4-tuple starts a connection; one we already
 * have is a retransmission only if it carries the same initial sequence
 * number (or the flow has not carried anything yet). */
static bool flows_is_new_connection(const flow_t *f, int dir, uint32_t seq)
{
	if (f->r[dir].syn)
		return f->r[dir].isn != seq;
	return f->any_data || f->r[0].fin || f->r[1].fin;
}

void flows_packet(capture_t *cap, const pkt_t *p, uint32_t frame, double time)
{
	uint32_t h = flows_hash(p), seq = p->seq;
	bool syn_only = (p->flags & (TCP_SYN | TCP_ACK)) == TCP_SYN;
	int dir = 0;
	flow_t *f = cap->flows.nbucket ? flows_lookup(&cap->flows, p, h, &dir) : NULL;
	reasm_t *r;

	if (f && f->closed) {
		if (!syn_only)
			return;                    /* a late packet of a closed connection */
		flows_drop_dead(&cap->flows, f);
		f = NULL;
	} else if (f && syn_only && flows_is_new_connection(f, dir, seq)) {
		flows_close(cap, f, frame);        /* the port was reused: the old one is over */
		flows_drop_dead(&cap->flows, f);
		f = NULL;
	}
	if (!f) {
		f = flows_create(cap, p, h, frame);
		dir = 0;
		if (!f)
			return;
	}
	if (p->flags & TCP_RST) {
		/* RFC 9293 3.10.7.4: a reset aborts the connection; what was
		 * in order has been delivered, the rest is reported. */
		flows_close(cap, f, frame);
		return;
	}
	if (p->flags & TCP_SYN && f->initiator < 0)
		f->initiator = (int8_t)(p->flags & TCP_ACK ? 1 - dir : dir);
	r = &f->r[dir];
	if (p->flags & TCP_SYN) {
		reasm_syn(r, seq);
		seq++;
	}
	if (p->payload.len || p->lost) {
		flows_dir_t d = { cap, f, dir };
		reasm_out_t out = { flows_on_data, flows_on_gap, &d };

		f->any_data = true;
		reasm_add(r, seq, p->payload.ptr, p->payload.len, p->lost, frame, time, &out);
	}
	/* RFC 9293 3.4: the FIN occupies the sequence number after the data. */
	if (p->flags & TCP_FIN)
		reasm_fin(r, seq + (uint32_t)p->payload.len + p->lost);
	if (reasm_done(&f->r[0]) && reasm_done(&f->r[1]))
		flows_close(cap, f, frame);
}

void flows_finish(capture_t *cap, uint32_t frame)
{
	while (cap->flows.live_head)
		flows_close(cap, cap->flows.live_head, frame);
}

void flows_free(flows_t *t)
{
	size_t i;

	for (i = 0; i < t->nbucket; i++) {
		while (t->bucket[i]) {
			flow_t *f = t->bucket[i];
			t->bucket[i] = f->hnext;
			detect_free(f);
			reasm_free(&f->r[0]);
			reasm_free(&f->r[1]);
			free(f);
		}
	}
	free(t->bucket);
	memset(t, 0, sizeof *t);
}
