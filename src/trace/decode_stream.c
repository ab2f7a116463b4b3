/* decode_stream.c - one connection's two byte streams cut into records
 * for decode.c: framing, SSLv2 hellos, capture gaps and resynchronising,
 * and passing over application data nobody can read without buffering it.
 * Sans-I/O: handed bytes, it never reads a socket or a file. */
#include <stdlib.h>
#include <string.h>
#include "decode_int.h"
#include "secrets.h"
#include "steps.h"
#include "base/cursor.h"

/* After a gap: the first offset where a plausible record header starts
 * (RFC 5246 6.2.1: a known content type, major version 3, a length
 * within the ceiling), or the end if none. */
static size_t decode_find_record(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + RECORD_HEADER_LEN <= n; i++) {
		record_t rec;
		err_t e = record_peek(p + i, n - i, false, &rec);
		if (e == ERR_OK || e == ERR_TRUNCATED)
			if (p[i] >= CT_CHANGE_CIPHER_SPEC && p[i] <= CT_APPLICATION_DATA)
				return i;
	}
	return n;
}

void decoder_gap(decoder_t *d, int sender, uint64_t missing, uint32_t frame)
{
	decode_dir_t *ds = &d->dir[sender & 1];

	conn_note(d->conn, "%llu bytes the %s sent were never captured (before frame %u)%s%s",
		  (unsigned long long)missing, model_side_name(sender), frame,
		  ds->stream.len ? "; the record they cut is lost" : "",
		  ds->hs.len ? "; the handshake message they cut is lost" : "");
	ds->stream.len = 0;
	ds->hs.len = 0;
	ds->hs_skip = 0;
	ds->hs_encrypted = false;
	ds->resync = true;
}

/* An application data record arriving in pieces that no key can open is
 * counted as soon as its header is in, and the rest of its body is dropped
 * as it comes instead of being buffered: a long download costs almost
 * nothing to pass over.  Returns the bytes taken from the buffer. */
static size_t decode_skip_unreadable(decoder_t *d, int sender, const uint8_t *p, size_t n)
{
	decode_dir_t *ds = &d->dir[sender];
	handshake_t *h = conn_current(d->conn);
	cursor_t c = cursor_make(p, n);
	uint8_t type;
	uint16_t version, len;

	if (!h || ds->rc || !ds->protected_ || cursor_u8(&c, &type) != ERR_OK || type != CT_APPLICATION_DATA ||
	    cursor_u16(&c, &version) != ERR_OK || cursor_u16(&c, &len) != ERR_OK || len > RECORD_MAX_CIPHERTEXT)
		return 0;
	if (h->version == VER_TLS13 && decode_tls13_alert_sized(h, len))
		return 0;   /* perhaps an alert: wait for the whole record (decode_record) */
	if (h->version == VER_TLS13) {
		if (decode_tls13_in_handshake(d, h, sender))
			return 0;
		decode_tls13_flights(d, sender);
	}
	decode_count_record(d, h, sender, version);
	h->app_records[sender]++;
	h->app_bytes[sender] += len;
	ds->skip = len - cursor_left(&c);
	return n;
}

/* A record whose header is sound but whose content type TLS does not
 * define (RFC 8446 5.1: "If a TLS implementation receives an unexpected
 * record type, it MUST terminate the connection with an
 * \"unexpected_message\" alert"; RFC 5246 6: "MUST send an
 * unexpected_message alert").  No message is made of it, as tshark
 * makes none: a note says what it was and the stream goes on after it.
 * false: not such a header; true with rec->total 0: not all of it yet. */
static bool decode_unknown_record(decoder_t *d, int sender, const uint8_t *p, size_t n, record_t *rec)
{
	cursor_t c = cursor_make(p, n);
	uint8_t type;
	uint16_t version, len;
	handshake_t *h;

	if (cursor_u8(&c, &type) || cursor_u16(&c, &version) || cursor_u16(&c, &len)
	    || version >> 8 != 3 || (version & 0xff) > 4 || len > RECORD_MAX_CIPHERTEXT)
		return false;
	rec->total = 0;
	if (cursor_left(&c) < len)
		return true;
	rec->total = RECORD_HEADER_LEN + (size_t)len;
	h = decode_handshake(d);
	if (h)
		decode_count_record(d, h, sender, version);
	conn_note(d->conn, "the %s sent a record of content type %u (0x%02x), which TLS does not define, "
		  "%u bytes at frame %u; it is not decoded (a peer must answer it with an unexpected_message alert)",
		  model_side_name(sender), type, type, (unsigned)len, d->frame);
	return true;
}

/* Records are cut straight from the bytes handed in when nothing is held
 * from before (the usual case); only an incomplete record at the end is
 * copied, to wait for the rest. */
void decoder_feed(decoder_t *d, int sender, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	decode_dir_t *ds = &d->dir[sender & 1];
	const uint8_t *base;
	size_t off = 0, len;
	bool direct;

	d->frame = frame;
	d->time = time;
	if (d->dtls) {
		decode_dtls_datagram(d, sender & 1, p, n);
		return;
	}
	if (ds->skip) {
		size_t k = n < ds->skip ? n : ds->skip;
		ds->skip -= k;
		p += k;
		n -= k;
	}
	if (ds->dead || n == 0)
		return;
	direct = ds->stream.len == 0 && !ds->resync;
	if (!direct && buf_append(&ds->stream, p, n) != ERR_OK) {
		conn_note(d->conn, "out of memory: the %s's bytes are no longer decoded", model_side_name(sender));
		ds->dead = true;
		return;
	}
	if (ds->resync) {
		size_t skip = decode_find_record(ds->stream.ptr, ds->stream.len);
		if (skip == ds->stream.len && skip < RECORD_HEADER_LEN)
			return;   /* wait for enough bytes to recognise a header */
		if (skip)
			conn_note(d->conn, "after the gap, %zu bytes of the %s were skipped to the next record",
				  skip, model_side_name(sender));
		buf_consume(&ds->stream, skip);
		if (ds->stream.len)
			ds->resync = false;
	}
	base = direct ? p : ds->stream.ptr;
	len = direct ? n : ds->stream.len;
	while (!ds->dead) {
		record_t rec;
		err_t e = record_peek(base + off, len - off, !ds->started && sender == SIDE_CLIENT, &rec);
		if (e == ERR_TRUNCATED) {
			off += decode_skip_unreadable(d, sender, base + off, len - off);
			break;
		}
		if (e == ERR_BAD_VALUE && ds->started && decode_unknown_record(d, sender, base + off, len - off, &rec)) {
			if (!rec.total)
				break;     /* wait for the rest of it */
			off += rec.total;
			continue;
		}
		if (e != ERR_OK) {
			handshake_t *h = decode_handshake(d);
			if (h && !ds->started && !h->not_tls_len[sender]) {
				/* Not TLS from the first byte: kept for the diagnosis to quote. */
				size_t k = len - off < sizeof h->not_tls[sender] ? len - off : sizeof h->not_tls[sender];
				memcpy(h->not_tls[sender], base + off, k);
				h->not_tls_len[sender] = (uint8_t)k;
			}
			conn_note(d->conn, "the %s's bytes stop looking like TLS records (%s) at frame %u; "
				  "the rest of what it sent is not decoded", model_side_name(sender), err_str(e), frame);
			ds->dead = true;
			break;
		}
		ds->started = true;
		if (rec.sslv2) {
			handshake_t *h = decode_handshake(d);
			msg_t *m = msg_new_in(d->conn->arena, CT_HANDSHAKE, sender, rec.fragment.ptr,
					      rec.fragment.len);
			if (h && m) {
				m->hs_type = HS_CLIENT_HELLO;
				m->hello.sslv2 = true;
				decode_message(d, sender, m);
			} else {
				msg_free(m);
			}
		} else {
			decode_record(d, sender, &rec);
		}
		off += rec.total;
	}
	if (!direct)
		buf_consume(&ds->stream, off);
	else if (off < len && !ds->dead && buf_append(&ds->stream, base + off, len - off) != ERR_OK) {
		conn_note(d->conn, "out of memory: the %s's bytes are no longer decoded", model_side_name(sender));
		ds->dead = true;
	}
}

void decoder_finish(decoder_t *d)
{
	int i;

	/* A connection that sent part of a ClientHello and then nothing, or
	 * a first record the decoder could not frame, has no message, but
	 * it did start TLS (a source opens a decoder only then): it is
	 * reported, as incomplete, with the notes saying what was seen. */
	if (!d->conn->nhs)
		(void)decode_handshake(d);
	if (d->mid_stream && d->conn->nhs)
		d->conn->hs[0]->mid_stream = true;
	if (d->dtls)
		decode_dtls_finish(d);
	for (i = 0; i < 2; i++) {
		if (d->dir[i].stream.len && !d->dir[i].dead)
			conn_note(d->conn, "the %s's last %zu bytes are an incomplete record (the input ends inside it)",
				  model_side_name(i), d->dir[i].stream.len);
		if (d->dir[i].hs.len)
			conn_note(d->conn, "the %s's last %zu handshake bytes are an incomplete message",
				  model_side_name(i), d->dir[i].hs.len);
	}
	decode_report(d, true);
}

size_t decoder_mem(const decoder_t *d)
{
	return d->dir[0].stream.cap + d->dir[0].hs.cap + d->dir[1].stream.cap + d->dir[1].hs.cap
	       + (d->dtls ? decode_dtls_mem(d) : 0);
}

void decoder_refresh(decoder_t *d)
{
	handshake_t *h = conn_current(d->conn);

	if (h && !h->done) {
		secrets_finish(h, false);
		steps_update(h);
	}
}
