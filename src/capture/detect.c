/* detect.c - which flows are TLS, and which side is the client (see
 * capture_int.h).
 *
 * By content, on any port: a direction whose first bytes are a handshake
 * record carrying a ClientHello (or an SSLv2-compatible ClientHello) is
 * the client.  A flow that starts in plaintext is scanned for a STARTTLS
 * upgrade (starttls.c); TLS then starts with the next bytes of each
 * direction, provided the client's are a ClientHello.  A flow picked up
 * after its handshake (the capture started later) is TLS when its first
 * bytes are two whole record headers of a known type and one 3.x version
 * (detect_mid_stream); the side with the higher port is then taken for
 * the client.  Anything else is ignored at once: its payload is
 * discarded where it is read.
 *
 * A UDP flow (already taken for DTLS-like by tunnel.c) is DTLS when its
 * first datagram starts with a DTLS handshake record carrying a
 * ClientHello (detect_dtls_hello); its sender is the client.  Anything
 * else is ignored: DTLS picked up mid-stream is not recognised.
 *
 * The common case (a ClientHello in the client's first segment) decides
 * on the spot and allocates nothing.  Only while undecided are bytes
 * copied and held, at most DETECT_HOLD_MAX per direction.  This module
 * does not parse TLS beyond those first six bytes. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include "base/bytes.h"
#include "base/cursor.h"
#include "capture_int.h"
#include "starttls.h"

/* Enough for a whole record of the largest size RFC 5246 6.2.3 allows
 * (2^14 + 2048) and the header of the next one (detect_mid_stream). */
#define DETECT_HOLD_MAX (18u * 1024 + 16)

struct detect_state {
	buf_t held[2];       /* owned: chunks (detect_chunk_t + bytes) awaiting a decision; buf_free */
	starttls_t st;
	/* The first plaintext bytes of each direction: a client that answers
	 * a server's greeting with a ClientHello gets them as the server's
	 * answer (an SMTP banner, say), for the diagnosis to quote. */
	uint8_t first[2][64];
	uint8_t first_len[2];
	uint32_t first_frame[2];
	double first_time[2];
};

/* Held bytes keep the frame and time of the packet that carried them. */
typedef struct {
	uint32_t len, frame;
	double time;
} detect_chunk_t;

typedef enum { HELLO_NO, HELLO_YES, HELLO_MORE } hello_t;

/* Do these first bytes of a direction start a ClientHello?
 * RFC 8446 5.1 (and RFC 5246 6.2.1): TLSPlaintext { ContentType type;
 * ProtocolVersion legacy_record_version; uint16 length; ... } with type
 * handshake(22), a version 3.x ("{3, 0}" for SSL 3.0 up to 3,4), a length
 * that "MUST NOT exceed 2^14" (we allow RFC 5246 6.2.3's 2048 more) and
 * is never zero for a handshake (RFC 8446 5.1), then Handshake.msg_type
 * client_hello(1).  RFC 5246 E.2: the SSLv2-compatible ClientHello has a
 * 2-byte length with the high bit set, msg_type 1, and a 3.x version. */
static hello_t detect_hello(const uint8_t *b, size_t n)
{
	cursor_t c = cursor_make(b, n);
	uint8_t type, major, minor, msg;
	uint16_t len;

	if (cursor_u8(&c, &type))
		return HELLO_MORE;
	if (type == 22) {
		if (cursor_u8(&c, &major) || cursor_u8(&c, &minor) || cursor_u16(&c, &len))
			return n >= 1 && (n < 2 || b[1] == 3) && (n < 3 || b[2] <= 4) ? HELLO_MORE : HELLO_NO;
		if (major != 3 || minor > 4 || len == 0 || len > 16384 + 2048)
			return HELLO_NO;
		if (cursor_u8(&c, &msg))
			return HELLO_MORE;
		return msg == 1 ? HELLO_YES : HELLO_NO;
	}
	if (type & 0x80) {
		if (cursor_skip(&c, 1) || cursor_u8(&c, &msg))
			return HELLO_MORE;
		if (msg != 1)
			return HELLO_NO;
		if (cursor_u8(&c, &major))
			return HELLO_MORE;
		if (major != 3)
			return HELLO_NO;
		if (cursor_u8(&c, &minor))
			return HELLO_MORE;
		return minor <= 4 ? HELLO_YES : HELLO_NO;
	}
	return HELLO_NO;
}

/* Do these first bytes of a direction look like TLS picked up after its
 * handshake?  RFC 5246 6.2.1 / RFC 8446 5.1: struct { ContentType type;
 * ProtocolVersion version; uint16 length; opaque fragment[length]; }:
 * a known type (change_cipher_spec(20) .. heartbeat(24), RFC 6520), a
 * version 3.0 to 3.4, a length neither zero nor over 2^14 + 2048 - and
 * then a second header like it, with the same version, right after the
 * first record.  One header alone is five bytes any protocol could send. */
static hello_t detect_mid_stream(const uint8_t *b, size_t n)
{
	cursor_t c = cursor_make(b, n);
	uint16_t first = 0;
	int i;

	for (i = 0; i < 2; i++) {
		uint8_t type;
		uint16_t version, len;

		if (cursor_u8(&c, &type) == ERR_OK && (type < 20 || type > 24))
			return HELLO_NO;
		if (cursor_left(&c) < 4)
			return HELLO_MORE;
		if (cursor_u16(&c, &version) || cursor_u16(&c, &len))
			return HELLO_MORE;
		if (version >> 8 != 3 || (version & 0xff) > 4 || (i && version != first) || len == 0
		    || len > 16384 + 2048)
			return HELLO_NO;
		first = version;
		if (i == 0 && cursor_skip(&c, len))
			return HELLO_MORE;
	}
	return HELLO_YES;
}

/* RFC 6347 4.1: struct { ContentType type; ProtocolVersion version;
 * uint16 epoch; uint48 sequence_number; uint16 length; ... } DTLSPlaintext;
 * a handshake(22) record of epoch 0, a version 1.0 (0xfeff) or later
 * (0xfefd 1.2, 0xfefc 1.3: the minor number counts down), a length that
 * is not zero, and then (4.2.2) the handshake's msg_type client_hello(1). */
static bool detect_dtls_hello(const uint8_t *b, size_t n)
{
	cursor_t c = cursor_make(b, n);
	uint8_t type, msg;
	uint16_t version, epoch, len;

	return cursor_u8(&c, &type) == ERR_OK && type == 22 && cursor_u16(&c, &version) == ERR_OK
	       && version >> 8 == 0xfe && (version & 0xff) >= 0xfc && cursor_u16(&c, &epoch) == ERR_OK
	       && epoch == 0 && cursor_skip(&c, 6) == ERR_OK && cursor_u16(&c, &len) == ERR_OK && len > 0
	       && cursor_u8(&c, &msg) == ERR_OK && msg == 1;
}

size_t detect_mem(const flow_t *f)
{
	return f->ds ? sizeof *f->ds + f->ds->held[0].cap + f->ds->held[1].cap : 0;
}

void detect_free(flow_t *f)
{
	if (!f->ds)
		return;
	buf_free(&f->ds->held[0]);
	buf_free(&f->ds->held[1]);
	free(f->ds);
	f->ds = NULL;
}

/* Not TLS, or nobody wants it: from now on its payload costs nothing. */
static void detect_ignore(flow_t *f)
{
	f->det = DET_IGNORED;
	detect_free(f);
	reasm_discard(&f->r[0]);
	reasm_discard(&f->r[1]);
}

static bool detect_alloc(capture_t *cap, flow_t *f)
{
	f->ds = calloc(1, sizeof *f->ds);
	if (!f->ds) {
		cap->nomem = true;
		detect_ignore(f);
		return false;
	}
	return true;
}

static void detect_deliver(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	if (!n || f->r[dir].discard)
		return;
	cap->sink->data(cap->ctx, f->conn, dir == f->client ? 0 : 1, p, n, frame, time);
}

/* Keeps bytes while undecided; too many means it is not what we hoped. */
static bool detect_hold(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	buf_t *b = &f->ds->held[dir];
	detect_chunk_t h = { (uint32_t)n, frame, time };

	if (!n)
		return true;
	if (b->len + n > DETECT_HOLD_MAX) {
		detect_ignore(f);
		return false;
	}
	if (buf_append(b, &h, sizeof h) || buf_append(b, p, n)) {
		cap->nomem = true;
		detect_ignore(f);
		return false;
	}
	return true;
}

/* The first (up to) max bytes held for a direction. */
static size_t detect_peek(const buf_t *b, uint8_t *out, size_t max)
{
	size_t at = 0, got = 0;

	while (got < max && at + sizeof(detect_chunk_t) <= b->len) {
		detect_chunk_t h;
		size_t k;

		memcpy(&h, b->ptr + at, sizeof h);
		k = h.len < max - got ? h.len : max - got;
		memcpy(out + got, b->ptr + at + sizeof h, k);
		got += k;
		at += sizeof h + h.len;
	}
	return got;
}

static void detect_flush(capture_t *cap, flow_t *f, int dir, const buf_t *b)
{
	size_t at = 0;

	while (at + sizeof(detect_chunk_t) <= b->len) {
		detect_chunk_t h;

		memcpy(&h, b->ptr + at, sizeof h);
		detect_deliver(cap, f, dir, b->ptr + at + sizeof h, h.len, h.frame, h.time);
		at += sizeof h + h.len;
	}
}

/* An address as text: dotted quad for IPv4 (by hand: glibc's inet_ntop
 * goes through sprintf, once per address of every connection), inet_ntop
 * for IPv6.  out holds at least INET6_ADDRSTRLEN bytes. */
static bool detect_ip_text(int family, const uint8_t *a, char *out, size_t outlen)
{
	char *p = out;
	int i;

	if (family != 4)
		return inet_ntop(AF_INET6, a, out, (socklen_t)outlen) != NULL;
	for (i = 0; i < 4; i++) {
		unsigned v = a[i];
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		*p++ = i < 3 ? '.' : '\0';
	}
	return true;
}

/* A ClientHello from `client`: the sink gets the connection. */
static bool detect_open(capture_t *cap, flow_t *f, int client)
{
	capture_flow_t fl;

	memset(&fl, 0, sizeof fl);
	fl.stream = f->stream;
	if (!detect_ip_text(f->family, f->addr[client], fl.client_ip, sizeof fl.client_ip)
	    || !detect_ip_text(f->family, f->addr[1 - client], fl.server_ip, sizeof fl.server_ip)) {
		detect_ignore(f);
		return false;
	}
	fl.client_port = f->port[client];
	fl.server_port = f->port[1 - client];
	fl.starttls = f->starttls;
	fl.first_frame = f->first_frame;
	for (; fl.ntunnel < f->nenc && fl.ntunnel < sizeof fl.tunnel / sizeof fl.tunnel[0]; fl.ntunnel++)
		layers_enc_str(&f->enc[fl.ntunnel], fl.tunnel[fl.ntunnel], sizeof fl.tunnel[0]);
	fl.tunnel_more = f->enc_more || f->nenc > fl.ntunnel;
	fl.frag_overlap = (f->ipfrag & FRAG_OVERLAP) != 0;
	fl.mid_stream = f->mid_stream;
	fl.udp = f->udp;
	cap->stats.tls_flows++;
	f->client = (int8_t)client;
	f->det = DET_TLS;
	f->conn = cap->sink->open(cap->ctx, &fl);
	if (!f->conn) {
		detect_ignore(f);
		return false;
	}
	return true;
}

/* TLS from `client`: the sink gets the connection and the held bytes of
 * both directions. */
static void detect_take(capture_t *cap, flow_t *f, int client)
{
	buf_t held[2];

	held[0] = f->ds->held[client];
	held[1] = f->ds->held[1 - client];
	memset(f->ds->held, 0, sizeof f->ds->held);
	detect_free(f);
	if (detect_open(cap, f, client)) {
		detect_flush(cap, f, client, &held[0]);
		detect_flush(cap, f, 1 - client, &held[1]);
	}
	buf_free(&held[0]);
	buf_free(&held[1]);
}

/* The client's first held bytes decide: TLS (the held bytes of both
 * directions go to the sink), not TLS, or not yet. */
static void detect_decide(capture_t *cap, flow_t *f)
{
	int client = f->client;
	uint8_t first[6];
	size_t n = detect_peek(&f->ds->held[client], first, sizeof first);
	hello_t h = detect_hello(first, n);

	if (h == HELLO_MORE)
		return;
	if (h == HELLO_NO) {
		detect_ignore(f);
		return;
	}
	detect_take(cap, f, client);
}

/* A ClientHello as the first bytes of a side, after the other side spoke
 * in plain text (a TLS client at an SMTP, FTP or POP3 port): TLS from the
 * client's side, and the other side's first words delivered as its
 * answer, so that the trace shows what came back instead of nothing. */
static bool detect_hello_after_greeting(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n,
					uint32_t frame, double time)
{
	detect_state_t *ds = f->ds;
	uint8_t greeting[sizeof ds->first[0]];
	size_t glen = ds->first_len[1 - dir];
	uint32_t gframe = ds->first_frame[1 - dir];
	double gtime = ds->first_time[1 - dir];

	if (ds->first_len[dir] || !glen || detect_hello(p, n) != HELLO_YES)
		return false;
	memcpy(greeting, ds->first[1 - dir], glen);
	detect_free(f);
	if (!detect_open(cap, f, dir))
		return true;
	detect_deliver(cap, f, 1 - dir, greeting, glen, gframe, gtime);
	detect_deliver(cap, f, dir, p, n, frame, time);
	return true;
}

/* Plaintext bytes through the STARTTLS scanner. */
static void detect_scan(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	if (n && detect_hello_after_greeting(cap, f, dir, p, n, frame, time))
		return;
	if (n && !f->ds->first_len[dir]) {
		size_t k = n < sizeof f->ds->first[dir] ? n : sizeof f->ds->first[dir];
		memcpy(f->ds->first[dir], p, k);
		f->ds->first_len[dir] = (uint8_t)k;
		f->ds->first_frame[dir] = frame;
		f->ds->first_time[dir] = time;
	}
	while (n) {
		size_t used;
		starttls_event_t e = starttls_feed(&f->ds->st, dir, p, n, &used);
		slice_t rest = slice_make(p + used, n - used);

		switch (e) {
		case STARTTLS_MORE:
			return;
		case STARTTLS_NOT:
			detect_ignore(f);
			return;
		case STARTTLS_REFUSED:
			/* What the client sent after its command is dropped
			 * unscanned: RFC 3207 4 has it wait for the answer. */
			f->det = DET_PLAIN;
			f->ds->held[f->client].len = 0;
			break;
		case STARTTLS_COMMAND:
			f->det = DET_WAIT;
			f->client = (int8_t)dir;
			f->starttls = f->ds->st.proto;
			detect_hold(cap, f, dir, rest.ptr, rest.len, frame, time);
			return;
		case STARTTLS_GO:
			f->det = DET_HELLO;
			if (detect_hold(cap, f, dir, rest.ptr, rest.len, frame, time))
				detect_decide(cap, f);
			return;
		}
		p = rest.ptr;
		n = rest.len;
	}
}

/* TLS without a hello: the side that sent the SYN is the client, or
 * else the side with the higher port (servers listen on the low one). */
static int detect_mid_client(const flow_t *f)
{
	return f->initiator >= 0 ? f->initiator : f->port[0] > f->port[1] ? 0 : 1;
}

static void detect_take_mid_stream(capture_t *cap, flow_t *f)
{
	f->mid_stream = true;
	detect_take(cap, f, detect_mid_client(f));
}

/* Bytes of a flow whose first ones may be TLS records (DET_MID): held
 * from both sides until the probed direction (f->client meanwhile) shows
 * a second record header, or something else. */
static void detect_mid_more(capture_t *cap, flow_t *f)
{
	uint8_t first[DETECT_HOLD_MAX];
	size_t n = detect_peek(&f->ds->held[f->client], first, sizeof first);
	hello_t h = detect_mid_stream(first, n);

	if (h == HELLO_NO)
		detect_ignore(f);
	else if (h == HELLO_YES)
		detect_take_mid_stream(cap, f);
}

/* The first payload of the flow, from either direction. */
static void detect_first(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	hello_t h = detect_hello(p, n);

	if (h == HELLO_YES) {
		if (detect_open(cap, f, dir))
			detect_deliver(cap, f, dir, p, n, frame, time);
		return;
	}
	if (h == HELLO_NO) {
		hello_t mid = detect_mid_stream(p, n);
		if (mid == HELLO_YES) {
			/* The sink takes the bytes straight from here. */
			f->mid_stream = true;
			if (detect_open(cap, f, detect_mid_client(f)))
				detect_deliver(cap, f, dir, p, n, frame, time);
			return;
		}
		if (mid == HELLO_MORE) {
			if (!detect_alloc(cap, f))
				return;
			f->det = DET_MID;
			f->client = (int8_t)dir;   /* the direction probed, until decided */
			detect_hold(cap, f, dir, p, n, frame, time);
			return;
		}
		if (!starttls_candidate(p[0])) {
			detect_ignore(f);        /* some other protocol */
			return;
		}
	}
	if (!detect_alloc(cap, f))
		return;
	if (h == HELLO_MORE) {
		f->det = DET_PROBE;
		f->client = (int8_t)dir;
		detect_hold(cap, f, dir, p, n, frame, time);
		return;
	}
	f->det = DET_PLAIN;
	starttls_init(&f->ds->st, p[0], f->initiator);
	detect_scan(cap, f, dir, p, n, frame, time);
}

void detect_data(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	if (!n)
		return;
	switch ((det_t)f->det) {
	case DET_TLS:
		detect_deliver(cap, f, dir, p, n, frame, time);
		return;
	case DET_IGNORED:
		return;
	case DET_NEW:
		if (!f->udp)
			detect_first(cap, f, dir, p, n, frame, time);
		else if (!detect_dtls_hello(p, n))
			detect_ignore(f);
		else if (detect_open(cap, f, dir))
			detect_deliver(cap, f, dir, p, n, frame, time);
		return;
	case DET_PROBE:
	case DET_HELLO:
		if (detect_hold(cap, f, dir, p, n, frame, time) && dir == f->client)
			detect_decide(cap, f);
		return;
	case DET_MID:
		if (detect_hold(cap, f, dir, p, n, frame, time) && dir == f->client)
			detect_mid_more(cap, f);
		return;
	case DET_WAIT:
		if (dir == f->client) {
			detect_hold(cap, f, dir, p, n, frame, time);
			return;
		}
		detect_scan(cap, f, dir, p, n, frame, time);
		return;
	case DET_PLAIN:
		detect_scan(cap, f, dir, p, n, frame, time);
		return;
	}
}

void detect_gap(capture_t *cap, flow_t *f, int dir, uint64_t missing, uint32_t frame)
{
	switch ((det_t)f->det) {
	case DET_TLS:
		if (f->r[dir].discard)
			return;
		cap->sink->gap(cap->ctx, f->conn, dir == f->client ? 0 : 1, missing, frame);
		return;
	case DET_NEW:        /* what follows is this direction's first data we see */
	case DET_IGNORED:
		return;
	case DET_PLAIN:
		starttls_gap(&f->ds->st, dir);
		return;
	case DET_PROBE:      /* a ClientHello with a hole in its first bytes */
	case DET_MID:
	case DET_WAIT:
	case DET_HELLO:
		detect_ignore(f);
		return;
	}
}

void detect_close(capture_t *cap, flow_t *f)
{
	/* A whole record header announcing a handshake, and the flow ended
	 * before the byte that says ClientHello: it started TLS as far as
	 * anyone can tell, so the sink gets it (to report it as incomplete). */
	if ((f->det == DET_PROBE || f->det == DET_HELLO) && f->ds && f->client >= 0) {
		uint8_t first[6];
		size_t n = detect_peek(&f->ds->held[f->client], first, sizeof first);
		if (n == 5 && detect_hello(first, n) == HELLO_MORE && first[0] == 22)
			detect_take(cap, f, f->client);
	}
	if (f->det == DET_TLS && f->conn) {
		cap->sink->close(cap->ctx, f->conn);
		f->conn = NULL;
	}
	detect_free(f);
}
