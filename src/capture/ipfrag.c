/* ipfrag.c - IPv4 and IPv6 fragments put back together (see layers.h).
 *
 * Bounded: at most IPFRAG_SLOTS datagrams in flight, each at most
 * IPFRAG_MAX_LEN bytes (so at most 4 MiB in all); a datagram not complete
 * IPFRAG_TIMEOUT seconds of capture time after its first fragment is
 * dropped, and when every slot is taken the oldest datagram makes room.
 * A slot's buffer is kept for the next datagram: after the first few
 * fragments nothing is allocated.
 *
 * Overlaps: the first bytes to arrive win (as Linux and the BSDs have done
 * since RFC 5722 made overlapping IPv6 fragments an attack to refuse:
 * "the entire datagram ... MUST be silently discarded" there; for the
 * analyst, keeping the first copy and saying so shows more).  Every
 * overlap is counted and marks the datagram FRAG_OVERLAP.
 *
 * Reassembly key, RFC 791 3.2: "source, destination, protocol, and
 * identifier"; RFC 8200 4.5: "Source Address, Destination Address, and
 * Fragment Identification". */
#include <stdlib.h>
#include <string.h>
#include "layers.h"

enum {
	IPFRAG_SLOTS = 64,
	IPFRAG_MAX_LEN = 65536,                  /* 13-bit offset * 8 + a 16-bit length fit in this */
	IPFRAG_BLOCKS = IPFRAG_MAX_LEN / 8
};
/* Linux's net.ipv4.ipfrag_time default; RFC 791 suggests 15 s at least. */
#define IPFRAG_TIMEOUT 30.0

typedef struct {
	bool used, done, have_last, overlap;
	uint8_t family, proto, proto_known;
	uint8_t src[16], dst[16];
	uint32_t id;
	uint32_t total;                          /* known once the last fragment came */
	uint32_t nblocks;                        /* 8-byte blocks held */
	double first;                            /* capture time of the first fragment */
	uint8_t *buf;                            /* owned: IPFRAG_MAX_LEN bytes, kept across datagrams */
	uint8_t map[IPFRAG_BLOCKS / 8];          /* blocks held */
} ipfrag_slot_t;

struct ipfrag {
	ipfrag_slot_t slot[IPFRAG_SLOTS];
	unsigned ndone;                          /* slots completed for the current frame */
};

static bool frag_has(const ipfrag_slot_t *s, uint32_t b)
{
	return s->map[b >> 3] & (1u << (b & 7));
}

static void frag_drop(layers_t *ls, ipfrag_slot_t *s)
{
	s->used = false;
	ls->stats.frag_dropped++;
}

static ipfrag_slot_t *frag_slot(layers_t *ls, const pkt_t *pkt, const ip_info_t *ip, double time)
{
	ipfrag_t *f = ls->frag;
	ipfrag_slot_t *free_slot = NULL, *oldest = NULL, *s;
	int i;

	for (i = 0; i < IPFRAG_SLOTS; i++) {
		s = &f->slot[i];
		if (s->used && !s->done && time - s->first > IPFRAG_TIMEOUT)
			frag_drop(ls, s);
		if (!s->used) {
			if (!free_slot)
				free_slot = s;
			continue;
		}
		if (s->done)
			continue;
		if (s->family == pkt->family && s->id == ip->id && memcmp(s->src, pkt->src, 16) == 0
		    && memcmp(s->dst, pkt->dst, 16) == 0 && (pkt->family == 6 || s->proto == ip->proto))
			return s;
		if (!oldest || s->first < oldest->first)
			oldest = s;
	}
	s = free_slot;
	if (!s) {
		if (!oldest)
			return NULL;     /* every slot completed in this very frame */
		frag_drop(ls, oldest);
		s = oldest;
	}
	if (!s->buf && !(s->buf = malloc(IPFRAG_MAX_LEN)))
		return NULL;
	s->used = true;
	s->done = s->have_last = s->overlap = false;
	s->family = pkt->family;
	s->proto = pkt->family == 4 ? ip->proto : 0;
	s->proto_known = pkt->family == 4;
	memcpy(s->src, pkt->src, 16);
	memcpy(s->dst, pkt->dst, 16);
	s->id = ip->id;
	s->total = s->nblocks = 0;
	s->first = time;
	memset(s->map, 0, sizeof s->map);
	return s;
}

/* Copies the blocks of [off, off+len) not held yet; the first copy of a
 * block stays (first-come). */
static void frag_copy(layers_t *ls, ipfrag_slot_t *s, uint32_t off, const uint8_t *p, uint32_t len)
{
	uint32_t b, end = off + len, last = (end + 7) / 8;
	bool overlap = false;

	for (b = off / 8; b < last; b++) {
		uint32_t from = b * 8, to = from + 8 > end ? end : from + 8;

		if (frag_has(s, b)) {
			overlap = true;
			continue;
		}
		memcpy(s->buf + from, p + (from - off), to - from);
		s->map[b >> 3] |= (uint8_t)(1u << (b & 7));
		s->nblocks++;
	}
	if (overlap) {
		s->overlap = true;
		ls->stats.frag_overlaps++;
	}
}

static bool frag_complete(const ipfrag_slot_t *s)
{
	uint32_t need = (s->total + 7) / 8, b;

	if (!s->have_last || !s->proto_known || s->nblocks < need)
		return false;
	for (b = 0; b < need; b++)
		if (!frag_has(s, b))
			return false;
	return true;
}

layer_t ipfrag_add(layers_t *ls, pkt_t *pkt, ip_info_t *ip, cursor_t *c, double time)
{
	ipfrag_slot_t *s;
	uint32_t len = ip->len;
	slice_t data;

	/* Only a fragment captured whole can be held: what the snaplen cut
	 * off would leave a hole no later fragment fills. */
	if (cursor_left(c) != len || ip->offset + len > IPFRAG_MAX_LEN) {
		ls->stats.frag_dropped++;
		return LAYER_FRAGMENT;
	}
	/* RFC 8200 4.5: "If the length of a fragment, as derived from the
	 * fragment packet's Payload Length field, is not a multiple of 8
	 * octets and the M flag of that fragment is 1, then that fragment
	 * must be discarded"; RFC 791 says the same of every fragment but
	 * the last. */
	if (ip->more && (len % 8 != 0 || len == 0)) {
		ls->stats.frag_dropped++;
		return LAYER_FRAGMENT;
	}
	if (!ls->frag && !(ls->frag = calloc(1, sizeof *ls->frag)))
		return LAYER_FRAGMENT;
	s = frag_slot(ls, pkt, ip, time);
	if (!s)
		return LAYER_FRAGMENT;
	if (cursor_rest(c, &data))
		return LAYER_MALFORMED;
	if (!ip->more) {
		if (s->have_last && s->total != ip->offset + len) {
			s->overlap = true;      /* a second, different end: the first stands */
			ls->stats.frag_overlaps++;
		} else {
			s->total = ip->offset + len;
			s->have_last = true;
		}
	}
	if (s->have_last && ip->offset + len > s->total) {
		/* bytes past the end the last fragment set: the first word stands */
		s->overlap = true;
		ls->stats.frag_overlaps++;
		len = ip->offset < s->total ? s->total - ip->offset : 0;
	}
	if (ip->offset == 0 && !s->proto_known) {
		s->proto = ip->proto;       /* IPv6: the first fragment's next header */
		s->proto_known = true;
	}
	if (len)
		frag_copy(ls, s, ip->offset, data.ptr, len);
	if (!frag_complete(s))
		return LAYER_FRAGMENT;
	s->done = true;
	ls->frag->ndone++;
	ls->stats.reassembled++;
	*c = cursor_make(s->buf, s->total);
	ip->proto = s->proto;
	ip->len = s->total;
	ip->fragment = ip->more = false;
	ip->offset = 0;
	pkt->frag |= FRAG_REASSEMBLED | (s->overlap ? FRAG_OVERLAP : 0);
	return LAYER_OK;
}

void ipfrag_release(ipfrag_t *f)
{
	int i;

	if (!f->ndone)
		return;
	for (i = 0; i < IPFRAG_SLOTS; i++)
		if (f->slot[i].done)
			f->slot[i].used = f->slot[i].done = false;
	f->ndone = 0;
}

void ipfrag_free(ipfrag_t *f)
{
	int i;

	if (!f)
		return;
	for (i = 0; i < IPFRAG_SLOTS; i++)
		free(f->slot[i].buf);
	free(f);
}
