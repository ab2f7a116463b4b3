/* reasm.c - TCP reassembly of one direction (see reasm.h).
 *
 * The common case costs no allocation: a segment that starts at `next` is
 * handed on from the caller's buffer.  Only bytes ahead of a hole are
 * copied, into pieces kept sorted and disjoint; a piece is the part of a
 * segment nothing held covers yet, so the first copy of a byte wins. */
#include <stdlib.h>
#include <string.h>
#include "reasm.h"

struct reasm_seg {
	reasm_seg_t *next;
	uint32_t seq, len;
	uint32_t frame;          /* the packet that carried these bytes */
	double time;
	uint8_t data[];
};

/* RFC 9293 3.4: "the space of sequence numbers is finite ... 0 to
 * 2**32 - 1 ... all arithmetic dealing with sequence numbers must be
 * performed modulo 2**32."  a - b as a signed distance: a is after b when
 * it is positive; anything more than 2^31 ahead reads as behind. */
static int32_t seq_diff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

static void reasm_free_held(reasm_t *r)
{
	while (r->ooo) {
		reasm_seg_t *s = r->ooo;
		r->ooo = s->next;
		free(s);
	}
	r->tail = NULL;
	r->held = 0;
	r->pieces = 0;
}

static void reasm_emit(reasm_t *r, const uint8_t *p, size_t n, uint32_t frame, double time, const reasm_out_t *out)
{
	r->next += (uint32_t)n;
	if (n && !r->discard)
		out->data(out->arg, p, n, frame, time);
}

/* Delivers the held pieces that now start at or before `next`. */
static void reasm_drain(reasm_t *r, const reasm_out_t *out)
{
	while (r->ooo && !r->discard && seq_diff(r->ooo->seq, r->next) <= 0) {
		reasm_seg_t *s = r->ooo;
		uint32_t skip = r->next - s->seq;

		r->ooo = s->next;
		if (!r->ooo)
			r->tail = NULL;
		r->held -= sizeof *s + s->len;
		r->pieces--;
		if (skip < s->len)
			reasm_emit(r, s->data + skip, s->len - skip, s->frame, s->time, out);
		free(s);
	}
}

/* Moves `next` up to `upto`: held pieces on the way are delivered, the
 * holes between them reported as gaps. */
static void reasm_fill_to(reasm_t *r, uint32_t upto, uint32_t frame, const reasm_out_t *out)
{
	reasm_drain(r, out);
	while (!r->discard && seq_diff(upto, r->next) > 0) {
		uint32_t end = upto, at = frame;

		if (r->ooo && seq_diff(r->ooo->seq, upto) <= 0) {
			end = r->ooo->seq;
			at = r->ooo->frame;
		}
		out->gap(out->arg, (uint32_t)(end - r->next), at);
		r->next = end;
		reasm_drain(r, out);
	}
}

/* Keeps a copy of the parts of [seq, seq+n) that no held piece covers. */
static void reasm_hold(reasm_t *r, uint32_t seq, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	reasm_seg_t **link = &r->ooo;
	uint32_t cur = seq, end = seq + (uint32_t)n;

	/* Segments mostly arrive in order behind a hole: append directly. */
	if (r->tail && seq_diff(seq, r->tail->seq + r->tail->len) >= 0)
		link = &r->tail->next;
	while (seq_diff(end, cur) > 0) {
		reasm_seg_t *s = *link, *piece;
		uint32_t piece_end, len;

		if (s && seq_diff(s->seq + s->len, cur) <= 0) {          /* s is before cur */
			link = &s->next;
			continue;
		}
		if (s && seq_diff(s->seq, cur) <= 0) {                   /* s covers cur */
			cur = s->seq + s->len;
			link = &s->next;
			continue;
		}
		piece_end = s && seq_diff(s->seq, end) < 0 ? s->seq : end;
		len = piece_end - cur;
		piece = malloc(sizeof *piece + len);
		if (!piece) {
			r->nomem = true;     /* the bytes stay a hole: reported as a gap later */
			return;
		}
		piece->seq = cur;
		piece->len = len;
		piece->frame = frame;
		piece->time = time;
		memcpy(piece->data, p + (cur - seq), len);
		piece->next = s;
		*link = piece;
		if (!s)
			r->tail = piece;
		r->held += sizeof *piece + len;
		r->pieces++;
		link = &piece->next;
		cur = piece_end;
	}
}

void reasm_syn(reasm_t *r, uint32_t seq)
{
	if (!r->syn) {
		r->syn = true;
		r->isn = seq;
	}
	/* RFC 9293 3.4: the SYN occupies the ISN; data starts at ISN + 1. */
	if (!r->started) {
		r->next = seq + 1;
		r->started = true;
	}
}

void reasm_add(reasm_t *r, uint32_t seq, const uint8_t *p, size_t n, uint32_t lost,
	       uint32_t frame, double time, const reasm_out_t *out)
{
	uint32_t end;

	if (r->discard || (n == 0 && lost == 0))
		return;
	if (!r->started) {         /* picked up mid-stream: this segment sets the start */
		r->next = seq;
		r->started = true;
	}
	r->busy = true;
	if (seq_diff(seq, r->next) < 0) {
		/* Starts before `next`: a retransmission, maybe with new bytes
		 * at its end; only those are kept. */
		uint32_t behind = r->next - seq;

		if ((uint64_t)behind >= (uint64_t)n + lost)
			goto out;
		if (behind >= n) {
			lost -= behind - (uint32_t)n;
			n = 0;
		} else {
			p += behind;
			n -= behind;
		}
		seq = r->next;
	}
	end = seq + (uint32_t)n + lost;
	if (seq != r->next) {
		reasm_hold(r, seq, p, n, frame, time);
		while ((r->held > REASM_MAX_HELD || r->pieces > REASM_MAX_PIECES) && r->ooo && !r->discard)
			reasm_fill_to(r, r->ooo->seq, frame, out);
		goto out;
	}
	/* In order: deliver from the packet, except where a held piece got
	 * there first. */
	while (n && !r->discard) {
		uint32_t k = n;
		int32_t adv;

		if (r->ooo && seq_diff(r->ooo->seq, seq + (uint32_t)n) < 0)
			k = r->ooo->seq - seq;
		reasm_emit(r, p, k, frame, time, out);
		reasm_drain(r, out);
		adv = seq_diff(r->next, seq);
		if ((size_t)adv >= n)
			break;
		p += adv;
		n -= (size_t)adv;
		seq = r->next;
	}
	if (lost)
		reasm_fill_to(r, end, frame, out);
	else
		reasm_drain(r, out);
out:
	r->busy = false;
	if (r->discard)
		reasm_free_held(r);
}

void reasm_fin(reasm_t *r, uint32_t seq)
{
	if (!r->started) {
		r->next = seq;
		r->started = true;
	}
	if (!r->fin) {
		r->fin = true;
		r->fin_seq = seq;
	}
}

void reasm_flush(reasm_t *r, uint32_t frame, const reasm_out_t *out)
{
	if (r->discard || !r->started)
		return;
	r->busy = true;
	while (r->ooo && !r->discard)
		reasm_fill_to(r, r->ooo->seq, frame, out);
	/* RFC 9293 3.10.7.4: a FIN is processed only when everything before
	 * it has arrived; what never did is reported. */
	if (r->fin && !r->discard)
		reasm_fill_to(r, r->fin_seq, frame, out);
	r->busy = false;
	if (r->discard)
		reasm_free_held(r);
}

void reasm_discard(reasm_t *r)
{
	r->discard = true;
	if (!r->busy)
		reasm_free_held(r);
}

bool reasm_done(const reasm_t *r)
{
	return r->fin && (r->discard || (!r->ooo && seq_diff(r->next, r->fin_seq) >= 0));
}

void reasm_free(reasm_t *r)
{
	reasm_free_held(r);
}
