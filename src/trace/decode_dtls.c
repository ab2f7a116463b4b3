/* decode_dtls.c - the DTLS record framing mode of the decoder (RFC 6347):
 * datagrams cut into DTLS records, handshake fragments put back together
 * into whole messages, retransmitted messages and ChangeCipherSpecs
 * recognised and left out.  What comes out goes through the same
 * decode_record / decode_message as TLS: one decoder, one trace model.
 *
 * A whole message is handed on with the header it would have had sent in
 * one fragment (fragment_offset 0, fragment_length = length), which is
 * what the Finished hash covers (RFC 6347 4.2.6).  Sans-I/O: handed one
 * datagram at a time, it keeps nothing of it but a message in progress. */
#include <stdlib.h>
#include <string.h>
#include "decode_int.h"
#include "base/cursor.h"

/* RFC 6347 4.2.2: the 12-byte handshake header of DTLS. */
#define DTLS_HS_HEADER 12
/* The most handshake bytes put together for one message (as TLS's). */
#define DTLS_MAX_MSG (1024u * 1024u)

/* The message being put together from fragments, one per direction. */
struct dtls_dir {
	bool active;             /* a message is in progress */
	bool started;            /* a message was delivered: next is meaningful */
	uint8_t type;
	uint16_t seq;            /* its message_seq */
	uint16_t next;           /* the next message_seq expected: below it, all delivered */
	uint16_t epoch;          /* the epoch this side's records are read under (CCS count) */
	uint32_t len, have, nfrag;
	uint8_t *msg;            /* owned (heap): header + len bytes */
	uint8_t *got;            /* owned (heap): one bit per body byte received */
	/* What was delivered under each message_seq below DTLS_SEQ_KEPT,
	 * for telling a retransmission (same seq, type, epoch) from a new
	 * handshake that restarted the count. */
	uint8_t done_type[32];
	uint16_t done_epoch[32];
	/* RFC 6347 4.1.2.6: a sliding window of the sequence numbers seen,
	 * for two epochs at a time (the handshake's 0 and the next). */
	struct {
		bool used;
		uint16_t epoch;
		uint64_t top, bits;  /* the highest seen; bit i: top - i seen */
	} win[2];
};
/* Duplicates told in the notes, per side (they are all counted). */
#define DTLS_DUP_NOTES 8
#define DTLS_SEQ_KEPT 32

bool decoder_dtls(decoder_t *d)
{
	if (!(d->dtls = arena_zalloc(d->conn->arena, 2 * sizeof *d->dtls)))
		return false;
	d->conn->dtls = true;
	return true;
}

static void dtls_drop_active(dtls_dir_t *dd)
{
	free(dd->msg);
	free(dd->got);
	dd->msg = dd->got = NULL;
	dd->active = false;
	dd->len = dd->have = dd->nfrag = 0;
}

void decode_dtls_free(decoder_t *d)
{
	int i;

	for (i = 0; i < 2; i++)
		if (d->dtls)
			dtls_drop_active(&d->dtls[i]);
}

size_t decode_dtls_mem(const decoder_t *d)
{
	size_t n = 0;
	int i;

	for (i = 0; i < 2; i++)
		if (d->dtls && d->dtls[i].active)
			n += DTLS_HS_HEADER + d->dtls[i].len + d->dtls[i].len / 8 + 1;
	return n;
}

void decode_dtls_finish(decoder_t *d)
{
	int i;

	for (i = 0; i < 2; i++)
		if (d->dtls && d->dtls[i].active)
			conn_note(d->conn, "the %s's %s (message_seq %u) is incomplete: %u of its %u bytes arrived, "
				  "in %u fragments", model_side_name(i),
				  hs_type_name(d->dtls[i].type) ? hs_type_name(d->dtls[i].type) : "handshake message",
				  d->dtls[i].seq, d->dtls[i].have, d->dtls[i].len, d->dtls[i].nfrag);
}

/* A whole message: into the model, as TLS's are. */
static void dtls_deliver(decoder_t *d, int side, const record_t *rec, const uint8_t *raw, uint32_t len,
			 uint32_t nfrag, bool encrypted)
{
	dtls_dir_t *dd = &d->dtls[side];
	uint16_t seq = (uint16_t)(raw[4] << 8 | raw[5]);
	handshake_t *h = decode_handshake(d);
	msg_t *m;

	dd->started = true;
	dd->next = (uint16_t)(seq + 1);
	if (seq < DTLS_SEQ_KEPT) {
		dd->done_type[seq] = raw[0];
		dd->done_epoch[seq] = rec->epoch;
	}
	if (!h)
		return;
	if (nfrag > 1)
		h->dtls_fragmented[side]++;
	m = msg_new_in(d->conn->arena, CT_HANDSHAKE, side, raw, DTLS_HS_HEADER + (size_t)len);
	if (!m) {
		conn_note(d->conn, "out of memory: a handshake message was dropped");
		return;
	}
	m->dtls = true;
	m->hs_type = raw[0];
	m->encrypted = encrypted;
	if (nfrag > 1)
		msg_note(m, "%s: put together from %u fragments (RFC 6347 4.2.3)", hs_type_name(raw[0])
			 ? hs_type_name(raw[0]) : "handshake message", (unsigned)nfrag);
	decode_message(d, side, m);
}

/* Is message_seq seq, below the next expected, one already delivered
 * (the same type under the same epoch): a retransmission? */
static bool dtls_is_again(const dtls_dir_t *dd, uint16_t seq, uint8_t type, uint16_t epoch)
{
	if (!dd->started || seq >= dd->next)
		return false;
	if (seq >= DTLS_SEQ_KEPT)
		return true;
	return dd->done_type[seq] == type && dd->done_epoch[seq] == epoch;
}

/* One fragment of message seq: added to the message in progress. */
static void dtls_add_fragment(decoder_t *d, int side, const record_t *rec, const uint8_t *hdr, uint32_t len,
			      uint32_t off, slice_t frag, bool encrypted)
{
	dtls_dir_t *dd = &d->dtls[side];
	uint16_t seq = (uint16_t)(hdr[4] << 8 | hdr[5]);
	uint32_t i, fresh = 0;

	if (dd->active && (dd->seq != seq || dd->type != hdr[0] || dd->len != len)) {
		conn_note(d->conn, "the %s's message_seq %u was still incomplete (%u of %u bytes) when message_seq %u "
			  "began at frame %u: it is dropped", model_side_name(side), dd->seq, dd->have, dd->len, seq,
			  d->frame);
		dtls_drop_active(dd);
	}
	if (!dd->active) {
		dd->msg = malloc(DTLS_HS_HEADER + (size_t)len);
		dd->got = calloc(len / 8 + 1, 1);
		if (!dd->msg || !dd->got) {
			dtls_drop_active(dd);
			conn_note(d->conn, "out of memory while putting a handshake message together");
			return;
		}
		/* RFC 6347 4.2.6: hashed as if sent in one fragment. */
		memcpy(dd->msg, hdr, 6);
		memset(dd->msg + 6, 0, 3);
		dd->msg[9] = (uint8_t)(len >> 16);
		dd->msg[10] = (uint8_t)(len >> 8);
		dd->msg[11] = (uint8_t)len;
		dd->active = true;
		dd->seq = seq;
		dd->type = hdr[0];
		dd->len = len;
	}
	dd->nfrag++;
	/* RFC 6347 4.2.3: fragments may overlap; the first copy of a byte is kept. */
	for (i = 0; i < frag.len; i++) {
		uint32_t at = off + i;
		if (dd->got[at / 8] & (1u << (at % 8)))
			continue;
		dd->got[at / 8] |= (uint8_t)(1u << (at % 8));
		dd->msg[DTLS_HS_HEADER + at] = frag.ptr[i];
		fresh++;
	}
	dd->have += fresh;
	if (dd->have == dd->len) {
		uint8_t *msg = dd->msg;
		uint32_t nfrag = dd->nfrag;

		dd->msg = NULL;
		dtls_drop_active(dd);
		dtls_deliver(d, side, rec, msg, len, nfrag, encrypted);
		free(msg);
	}
}

/* RFC 6347 4.2.2: struct { HandshakeType msg_type; uint24 length;
 * uint16 message_seq; uint24 fragment_offset; uint24 fragment_length;
 * opaque body[fragment_length]; } Handshake (as fragments, several to a
 * record perhaps). */
void decode_dtls_handshake(decoder_t *d, int side, const record_t *rec, slice_t body, bool encrypted)
{
	dtls_dir_t *dd = &d->dtls[side];
	cursor_t c = cursor_make(body.ptr, body.len);

	while (cursor_left(&c)) {
		const uint8_t *hdr = body.ptr + cursor_pos(&c);
		uint8_t type;
		uint16_t seq;
		uint32_t len, off, flen;
		slice_t frag;

		if (cursor_u8(&c, &type) || cursor_u24(&c, &len) || cursor_u16(&c, &seq) || cursor_u24(&c, &off)
		    || cursor_u24(&c, &flen)) {
			conn_note(d->conn, "the %s's handshake record at frame %u ends inside a fragment header "
				  "(12 bytes, RFC 6347 4.2.2): the last %zu bytes are not decoded", model_side_name(side),
				  d->frame, body.len - (size_t)(hdr - body.ptr));
			return;
		}
		if (cursor_bytes(&c, flen, &frag)) {
			conn_note(d->conn, "the %s's handshake fragment at frame %u claims %u bytes but its record "
				  "holds %zu: not decoded", model_side_name(side), d->frame, (unsigned)flen,
				  cursor_left(&c));
			return;
		}
		if (off > len || flen > len - off) {
			conn_note(d->conn, "the %s's handshake fragment at frame %u (message_seq %u) covers bytes %u "
				  "to %u of a %u-byte message: not decoded", model_side_name(side), d->frame,
				  (unsigned)seq, (unsigned)off, (unsigned)(off + flen), (unsigned)len);
			continue;
		}
		if (len > DTLS_MAX_MSG) {
			conn_note(d->conn, "the %s's handshake message_seq %u at frame %u claims %u bytes, more than the "
				  "%u KiB held for one message: not decoded", model_side_name(side), (unsigned)seq,
				  d->frame, (unsigned)len, DTLS_MAX_MSG / 1024);
			continue;
		}
		if (dtls_is_again(dd, seq, type, rec->epoch)) {
			/* RFC 6347 4.2.4: a flight is sent again, whole, when
			 * its answer does not come in time. */
			handshake_t *h = decode_handshake(d);
			if (off == 0 && h) {
				h->dtls_retransmitted[side]++;
				conn_note(d->conn, "the %s sent its %s (message_seq %u) again at frame %u: a retransmission "
					  "(RFC 6347 4.2.4), not listed twice", model_side_name(side),
					  hs_type_name(type) ? hs_type_name(type) : "handshake message", (unsigned)seq,
					  d->frame);
			}
			continue;
		}
		if (dd->started && seq < dd->next) {
			conn_note(d->conn, "the %s's message_seq went back to %u at frame %u with a different message: "
				  "a new handshake", model_side_name(side), (unsigned)seq, d->frame);
			dd->started = false;
		}
		if (!dd->active && off == 0 && flen == len) {
			/* the usual case: a whole message in one fragment,
			 * already in the form the hash wants */
			dtls_deliver(d, side, rec, hdr, len, 1, encrypted);
			continue;
		}
		dtls_add_fragment(d, side, rec, hdr, len, off, frag, encrypted);
	}
}

/* RFC 6347 4.2.4: a flight is sent again whole, and the flights that
 * end a handshake (figure 1's 5 and 6) hold a ChangeCipherSpec, which
 * has no message_seq.  Its record tells it apart: a CCS under an epoch
 * older than the one this side already switched to is a copy, and
 * changes nothing.  true: it is one (noted and counted). */
bool decode_dtls_ccs_again(decoder_t *d, int side, const record_t *rec)
{
	dtls_dir_t *dd = &d->dtls[side];
	handshake_t *h;

	if (rec->epoch >= dd->epoch)
		return false;
	h = decode_handshake(d);
	if (h)
		h->dtls_retransmitted[side]++;
	conn_note(d->conn, "the %s sent its ChangeCipherSpec again at frame %u (epoch %u): a retransmission "
		  "(RFC 6347 4.2.4), not listed twice", model_side_name(side), d->frame, rec->epoch);
	return true;
}

void decode_dtls_ccs(decoder_t *d, int side)
{
	d->dtls[side].epoch++;
}

/* Is a DTLS record protected?  RFC 6347 4.1: epoch 0 is the null
 * cipher state; a later epoch is the one the side's ChangeCipherSpec
 * started, read with the direction's state (its sequence number set from
 * the record here) - or, when the record's epoch is not that one, not
 * read at all, *why saying so. */
bool decode_dtls_protected(decoder_t *d, int side, const record_t *rec, const char **why)
{
	dtls_dir_t *dd = &d->dtls[side];
	decode_dir_t *ds = &d->dir[side];

	*why = NULL;
	if (rec->epoch == 0)
		return false;
	if (rec->epoch != dd->epoch) {
		*why = "its epoch is not the one whose keys this side's ChangeCipherSpec started (a lost "
		       "ChangeCipherSpec, or a later renegotiation)";
		return true;
	}
	if (ds->rc)
		rcrypt_set_seq(ds->rc, (uint64_t)rec->epoch << 48 | rec->seq);
	return true;
}

/* RFC 6347 4.1.2.6: "Duplicates are rejected through the use of a
 * sliding receive window" of 64 records: a record whose epoch and
 * sequence number were already seen is the same datagram again (the
 * network duplicated it, or a capture holds it twice), not a peer's
 * retransmission, which always has a new sequence number (4.2.4). */
static bool dtls_duplicate(dtls_dir_t *dd, const record_t *rec)
{
	int w = dd->win[0].used && dd->win[0].epoch == rec->epoch ? 0
	      : dd->win[1].used && dd->win[1].epoch == rec->epoch ? 1
	      : !dd->win[0].used ? 0 : !dd->win[1].used ? 1 : dd->win[0].epoch < dd->win[1].epoch ? 0 : 1;
	uint64_t diff;

	if (!dd->win[w].used || dd->win[w].epoch != rec->epoch) {
		dd->win[w].used = true;
		dd->win[w].epoch = rec->epoch;
		dd->win[w].top = rec->seq;
		dd->win[w].bits = 1;
		return false;
	}
	if (rec->seq > dd->win[w].top) {
		diff = rec->seq - dd->win[w].top;
		dd->win[w].bits = diff >= 64 ? 1 : dd->win[w].bits << diff | 1;
		dd->win[w].top = rec->seq;
		return false;
	}
	diff = dd->win[w].top - rec->seq;
	if (diff >= 64)
		return false;         /* older than the window: cannot tell, decoded */
	if (dd->win[w].bits >> diff & 1)
		return true;
	dd->win[w].bits |= (uint64_t)1 << diff;
	return false;
}

/* One datagram: RFC 6347 4.1.1 "Multiple DTLS records may be placed in a
 * single datagram" and a record never spans two, so what does not parse
 * ends this datagram only. */
void decode_dtls_datagram(decoder_t *d, int sender, const uint8_t *p, size_t n)
{
	size_t off = 0;

	while (off < n) {
		record_t rec;
		err_t e = record_peek_dtls(p + off, n - off, &rec);

		if (e != ERR_OK) {
			handshake_t *h = decode_handshake(d);
			if (h && !d->dir[sender].started && !h->not_tls_len[sender]) {
				size_t k = n - off < sizeof h->not_tls[sender] ? n - off : sizeof h->not_tls[sender];
				memcpy(h->not_tls[sender], p + off, k);
				h->not_tls_len[sender] = (uint8_t)k;
			}
			conn_note(d->conn, "the %s's datagram at frame %u: %zu bytes from offset %zu are not a whole DTLS "
				  "record (%s); the rest of this datagram is not decoded", model_side_name(sender), d->frame,
				  n - off, off, e == ERR_TRUNCATED ? "the datagram ends inside it" : err_str(e));
			return;
		}
		d->dir[sender].started = true;
		if (dtls_duplicate(&d->dtls[sender], &rec)) {
			handshake_t *h = decode_handshake(d);
			if (h && h->dtls_duplicates[sender]++ < DTLS_DUP_NOTES)
				conn_note(d->conn, "the %s's record of epoch %u, sequence number %llu, came again at frame %u: "
					  "the same datagram twice (RFC 6347 4.1.2.6), not decoded again%s",
					  model_side_name(sender), rec.epoch, (unsigned long long)rec.seq, d->frame,
					  h->dtls_duplicates[sender] == DTLS_DUP_NOTES ? " (further duplicates are only counted)" : "");
		} else {
			decode_record(d, sender, &rec);
		}
		off += rec.total;
	}
}
