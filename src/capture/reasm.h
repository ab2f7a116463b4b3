/* reasm.h - one direction of a TCP connection put back in order.
 *
 * Segments are placed by sequence number (modulo 2^32, RFC 9293 3.4).
 * In-order bytes are handed on at once, straight from the caller's buffer;
 * bytes that arrive ahead of a hole are copied and held (at most
 * REASM_MAX_HELD bytes in REASM_MAX_PIECES pieces per direction) until the
 * hole fills.  Bytes already
 * delivered or held are never delivered twice: the first copy wins, so
 * retransmissions and overlapping segments cost nothing.  A hole that never
 * fills is reported once, with its size, when the held bytes exceed the
 * bound or when the connection ends (reasm_flush).  Internal to src/capture;
 * knows nothing of flows or TLS. */
#ifndef TLSTRACE_CAPTURE_REASM_H
#define TLSTRACE_CAPTURE_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Held bytes per direction, counting each piece's bookkeeping, beyond
 * which the first hole is given up as a gap. */
#define REASM_MAX_HELD ((size_t)1 << 20)
/* Held pieces per direction beyond which the same happens: a piece is
 * placed by walking the sorted list, so this bounds the walk (tiny
 * segments sent out of order would otherwise make it quadratic).  Full
 * segments reach REASM_MAX_HELD first. */
#define REASM_MAX_PIECES 1024

typedef struct reasm_seg reasm_seg_t;

/* Where the ordered bytes go. */
typedef struct {
	void (*data)(void *arg, const uint8_t *p, size_t n, uint32_t frame, double time);
	void (*gap)(void *arg, uint64_t missing, uint32_t frame);
	void *arg;
} reasm_out_t;

typedef struct {
	reasm_seg_t *ooo, *tail;  /* owned: pieces ahead of a hole, sorted, disjoint; reasm_free */
	size_t held;              /* bytes in ooo plus their bookkeeping */
	uint32_t pieces;          /* how many pieces in ooo */
	uint32_t next;            /* sequence number of the next byte to deliver */
	uint32_t isn;             /* the first SYN's sequence number, when syn */
	uint32_t fin_seq;         /* sequence number of the FIN, when fin */
	bool started;             /* next is known (a SYN, or the first data seen) */
	bool syn, fin;
	bool discard;             /* deliver nothing more, hold nothing more */
	bool busy;                /* inside reasm_add/flush: frees wait */
	bool nomem;               /* a piece could not be held (it became a gap) */
} reasm_t;

/* A SYN with sequence number seq: data starts at seq + 1. */
void reasm_syn(reasm_t *r, uint32_t seq);
/* n captured bytes at seq, followed by `lost` bytes the frame did not keep
 * (snaplen): those are reported as a gap at once unless held bytes cover
 * them.  A direction without a SYN starts at the first segment it sees. */
void reasm_add(reasm_t *r, uint32_t seq, const uint8_t *p, size_t n, uint32_t lost,
	       uint32_t frame, double time, const reasm_out_t *out);
/* A FIN at sequence number seq (after the segment's data). */
void reasm_fin(reasm_t *r, uint32_t seq);
/* The connection ends: delivers whatever is held, reporting the holes
 * before it (and before the FIN) as gaps. */
void reasm_flush(reasm_t *r, uint32_t frame, const reasm_out_t *out);
/* From now on nothing is delivered or held; held bytes are freed. */
void reasm_discard(reasm_t *r);
/* The FIN has been seen and everything before it delivered (or discarded). */
bool reasm_done(const reasm_t *r);
void reasm_free(reasm_t *r);

#endif
