/* flows.c - the TCP (and DTLS-over-UDP) flow table (see capture_int.h).
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
 * direction's reassembly; it does not look at payload.
 *
 * Bounds (capture_set_limits): live flows are also kept in order of last
 * activity, so that per packet it costs a relink and a comparison to find
 * flows idle longer than the idle timeout (capture time) and, when the
 * state held (each flow's own, its held bytes and what the sink says it
 * holds) passes the memory budget, the least recently active ones (or a
 * flow that alone holds a quarter of the budget).  Those are closed early,
 * the sink told why first. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capture_int.h"

#define FLOWS_INITIAL_BUCKETS 1024
#define FLOWS_DEAD_MAX 8192
/* One flow may hold at most this fraction of the memory budget: one
 * endless connection must not push every other one out. */
#define FLOWS_ONE_SHARE 4

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
				   p->family + ((uint64_t)p->udp << 8));
}

static bool flows_endpoint_is(const flow_t *f, int i, const uint8_t addr[16], uint16_t port)
{
	return f->port[i] == port && memcmp(f->addr[i], addr, 16) == 0;
}

static flow_t *flows_lookup(const flows_t *t, const pkt_t *p, uint32_t h, int *dir)
{
	flow_t *f;

	for (f = t->bucket[h & (t->nbucket - 1)]; f; f = f->hnext) {
		if (f->hash != h || f->family != p->family || f->udp != p->udp)
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

/* The lists of flows_t: each flow is in one by its `q` link (live or
 * dead) and, while open, in the activity list by its `act` link.  off:
 * offsetof the link in flow_t. */
static flow_link_t *flow_link(flow_t *f, size_t off)
{
	return (flow_link_t *)(void *)((char *)f + off);
}

static void flow_list_unlink(flow_list_t *l, flow_t *f, size_t off)
{
	flow_link_t *k = flow_link(f, off);

	if (k->prev)
		flow_link(k->prev, off)->next = k->next;
	else
		l->head = k->next;
	if (k->next)
		flow_link(k->next, off)->prev = k->prev;
	else
		l->tail = k->prev;
	k->prev = k->next = NULL;
}

static void flow_list_append(flow_list_t *l, flow_t *f, size_t off)
{
	flow_link_t *k = flow_link(f, off);

	k->prev = l->tail;
	k->next = NULL;
	if (l->tail)
		flow_link(l->tail, off)->next = f;
	else
		l->head = f;
	l->tail = f;
}

#define FLOW_Q   offsetof(flow_t, q)
#define FLOW_ACT offsetof(flow_t, act)

/* A packet of f: it becomes the most recently active. */
static void flows_touch(flows_t *t, flow_t *f, const pkt_t *p)
{
	f->last = t->now;
	f->ipfrag |= p->frag;
	if (f != t->act.tail) {
		flow_list_unlink(&t->act, f, FLOW_ACT);
		flow_list_append(&t->act, f, FLOW_ACT);
	}
}

/* What f holds now, counted in t->mem: the flow (with malloc's
 * bookkeeping), the bytes held for reassembly and detection, and what
 * the sink holds for its connection. */
static void flows_account(capture_t *cap, flow_t *f)
{
	flows_t *t = &cap->flows;
	size_t m = sizeof *f + f->nenc * sizeof *f->enc + 16 + f->r[0].held + f->r[1].held + detect_mem(f);

	if (f->det == DET_TLS && f->conn && cap->sink->mem)
		m += cap->sink->mem(cap->ctx, f->conn);
	t->mem = t->mem - f->mem + m;
	f->mem = m;
	if (t->mem > cap->stats.peak_memory)
		cap->stats.peak_memory = t->mem;
}

static flow_t *flows_create(capture_t *cap, const pkt_t *p, uint32_t h, uint32_t frame)
{
	flows_t *t = &cap->flows;
	flow_t *f;

	if ((t->count >= t->nbucket && !flows_grow(t)) || !(f = calloc(1, sizeof *f + p->nenc * sizeof *p->enc))) {
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
	f->udp = p->udp;
	f->stream = p->udp ? t->next_udp_stream++ : t->next_stream++;
	f->first_frame = frame;
	f->nenc = p->nenc;
	f->enc_more = p->enc_more;
	memcpy(f->enc, p->enc, p->nenc * sizeof *p->enc);
	f->hnext = t->bucket[h & (t->nbucket - 1)];
	t->bucket[h & (t->nbucket - 1)] = f;
	t->count++;
	flow_list_append(&t->live, f, FLOW_Q);
	f->last = t->now;
	flow_list_append(&t->act, f, FLOW_ACT);
	flows_account(cap, f);
	cap->stats.flows++;
	if (++cap->stats.flows_open > cap->stats.peak_flows_open)
		cap->stats.peak_flows_open = cap->stats.flows_open;
	return f;
}

/* Forgets a closed flow for good. */
static void flows_drop_dead(flows_t *t, flow_t *f)
{
	flow_list_unlink(&t->dead, f, FLOW_Q);
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
	flow_list_unlink(&t->act, f, FLOW_ACT);
	t->mem -= f->mem;
	f->mem = 0;
	flow_list_unlink(&t->live, f, FLOW_Q);
	flow_list_append(&t->dead, f, FLOW_Q);
	if (++t->ndead > FLOWS_DEAD_MAX)
		flows_drop_dead(t, t->dead.head);
}

/* The sink hears that one side of a TLS flow ended it: evidence for the
 * diagnosis (a server that hangs up after the ClientHello). */
static void flows_end(capture_t *cap, flow_t *f, int dir, bool reset)
{
	if (f->det == DET_TLS && f->conn && f->client >= 0 && cap->sink->end)
		cap->sink->end(cap->ctx, f->conn, dir == f->client ? 0 : 1, reset);
}

/* A flow closed before its end: the sink learns why, then it closes. */
static void flows_close_early(capture_t *cap, flow_t *f, uint32_t frame, const char *why)
{
	if (f->det == DET_TLS && f->conn && cap->sink->note)
		cap->sink->note(cap->ctx, f->conn, why);
	flows_close(cap, f, frame);
}

/* Flows silent for longer than the idle timeout, least recent first. */
static void flows_expire(capture_t *cap, uint32_t frame)
{
	flows_t *t = &cap->flows;
	char why[160];

	while (t->act.head && t->now - t->act.head->last > t->limits.idle_timeout) {
		snprintf(why, sizeof why, "no packet for more than %g s of capture time (the idle timeout): "
			 "finished as incomplete", t->limits.idle_timeout);
		cap->stats.idle_closed++;
		flows_close_early(cap, t->act.head, frame, why);
	}
}

/* Over the memory budget: the least recently active flows go first,
 * down to 7/8 of the budget so that the next packets do not each close
 * one more. */
static void flows_shed(capture_t *cap, uint32_t frame)
{
	flows_t *t = &cap->flows;
	size_t table = t->nbucket * sizeof *t->bucket, low = t->limits.max_memory / 8 * 7;
	char why[200];

	snprintf(why, sizeof why, "closed early as incomplete: the open connections held more than the "
		 "memory budget of %zu KiB, and this one had been the least recently active",
		 t->limits.max_memory / 1024);
	while (t->act.head && t->mem + table > low) {
		cap->stats.budget_closed++;
		flows_close_early(cap, t->act.head, frame, why);
	}
}

void capture_set_limits(capture_t *cap, const capture_limits_t *limits)
{
	cap->flows.limits = *limits;
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

/* A new flow for a packet no flow has: it is the first packet's sender
 * that is the client (direction 0).  NULL when out of memory. */
static flow_t *flows_open(capture_t *cap, const pkt_t *p, uint32_t h, uint32_t frame, int *dir)
{
	*dir = 0;
	return flows_create(cap, p, h, frame);
}

/* A datagram of a UDP flow (DTLS): no connection to open or close, no
 * order to restore (RFC 6347 4.1.2.6: DTLS itself copes with loss and
 * reordering), so it goes to detection whole, as it came; a datagram the
 * capture cut short is followed by a gap.  The flow ends when it has been
 * idle for the idle timeout, or at the end of input; a datagram on a
 * 5-tuple closed that way starts a new flow. */
static void flows_datagram(capture_t *cap, const pkt_t *p, uint32_t h, uint32_t frame, double time)
{
	int dir = 0;
	flow_t *f = cap->flows.nbucket ? flows_lookup(&cap->flows, p, h, &dir) : NULL;

	if (f && f->closed) {
		flows_drop_dead(&cap->flows, f);
		f = NULL;
	}
	if (!f && !(f = flows_open(cap, p, h, frame, &dir)))
		return;
	flows_touch(&cap->flows, f, p);
	f->any_data = true;
	detect_data(cap, f, dir, p->payload.ptr, p->payload.len, frame, time);
	if (p->lost) {
		cap->stats.gaps += p->lost;
		detect_gap(cap, f, dir, p->lost, frame);
	}
	flows_account(cap, f);
	if (cap->flows.limits.max_memory
	    && cap->flows.mem + cap->flows.nbucket * sizeof *cap->flows.bucket > cap->flows.limits.max_memory)
		flows_shed(cap, frame);
}

void flows_packet(capture_t *cap, const pkt_t *p, uint32_t frame, double time)
{
	uint32_t h = flows_hash(p), seq = p->seq;
	bool syn_only = (p->flags & (TCP_SYN | TCP_ACK)) == TCP_SYN;
	int dir = 0;
	flow_t *f;
	reasm_t *r;

	if (time > cap->flows.now)
		cap->flows.now = time;
	if (cap->flows.limits.idle_timeout > 0 && cap->flows.act.head
	    && cap->flows.now - cap->flows.act.head->last > cap->flows.limits.idle_timeout)
		flows_expire(cap, frame);
	if (p->udp) {
		flows_datagram(cap, p, h, frame, time);
		return;
	}
	f = cap->flows.nbucket ? flows_lookup(&cap->flows, p, h, &dir) : NULL;
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
	if (!f && !(f = flows_open(cap, p, h, frame, &dir)))
		return;
	if (p->flags & TCP_RST) {
		/* RFC 9293 3.10.7.4: a reset aborts the connection; what was
		 * in order has been delivered, the rest is reported. */
		flows_end(cap, f, dir, true);
		flows_close(cap, f, frame);
		return;
	}
	flows_touch(&cap->flows, f, p);
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
	if (p->flags & TCP_FIN) {
		reasm_fin(r, seq + (uint32_t)p->payload.len + p->lost);
		flows_end(cap, f, dir, false);
	}
	if (reasm_done(&f->r[0]) && reasm_done(&f->r[1])) {
		flows_close(cap, f, frame);
		return;
	}
	if (p->payload.len || p->lost) {   /* only data changes what a flow holds */
		size_t max = cap->flows.limits.max_memory;

		flows_account(cap, f);
		if (max && f->mem > max / FLOWS_ONE_SHARE) {
			char why[200];
			snprintf(why, sizeof why, "closed early as incomplete: this connection alone held more than "
				 "1/%d of the memory budget of %zu KiB", FLOWS_ONE_SHARE, max / 1024);
			cap->stats.budget_closed++;
			flows_close_early(cap, f, frame, why);
		} else if (max && cap->flows.mem + cap->flows.nbucket * sizeof *cap->flows.bucket > max) {
			flows_shed(cap, frame);
		}
	}
}

void flows_finish(capture_t *cap, uint32_t frame)
{
	while (cap->flows.live.head)
		flows_close(cap, cap->flows.live.head, frame);
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
