/* decode_int.h - what the two halves of the decoder share: decode.c
 * (records -> messages -> the model) and decode_stream.c (byte streams ->
 * records: framing, gaps, passing over what cannot be read).  Private to
 * src/trace. */
#ifndef TLSTRACE_DECODE_INT_H
#define TLSTRACE_DECODE_INT_H

#include "decode.h"
#include "crypto/rcrypt.h"
#include "tls/record.h"

typedef struct {
	buf_t stream;            /* owned: bytes not yet a whole record */
	buf_t hs;                /* owned: handshake bytes not yet a whole message */
	rcrypt_t *rc;            /* owned: read protection of what this side sends; NULL = none/unknown */
	const char *why_opaque;  /* static: why protected records cannot be read */
	size_t skip;             /* body bytes still to come of a record nobody can read */
	size_t hs_skip;          /* body bytes still to come of a refused handshake message */
	/* the flags together: every open connection has two of these */
	bool hs_encrypted;       /* hs holds bytes from protected records */
	bool protected_;         /* this side's records are protected now */
	bool started, dead;
	bool resync;             /* after a capture gap: look for the next record header */
	/* TLS 1.3 without keys: a record of this side was already taken for
	 * an alert by its size.  A side sends one alert and then stops, so
	 * later records of that size are data (a chat of short records). */
	bool alert_guessed;
} decode_dir_t;

typedef struct dtls_dir dtls_dir_t;   /* decode_dtls.c */

struct decoder {
	conn_t *conn;            /* borrowed */
	evidence_t ev;
	decode_done_fn done;
	void *ctx;
	decode_dir_t dir[2];
	size_t reported;         /* handshakes already passed to done() */
	double time;
	uint32_t frame;
	bool tls13_client_spoke;     /* the client sent a protected record */
	bool tls13_server_answered;  /* ... and the server one after it */
	bool mid_stream;             /* picked up after the handshake (decoder_mid_stream) */
	dtls_dir_t *dtls;            /* in the arena, one per side; NULL: TLS.  DTLS framing (decoder_dtls) */
};

handshake_t *decode_handshake(decoder_t *d);
void decode_message(decoder_t *d, int side, msg_t *m);
void decode_record(decoder_t *d, int side, const record_t *rec);
void decode_report(decoder_t *d, bool final);
bool decode_tls13_in_handshake(const decoder_t *d, const handshake_t *h, int side);
void decode_tls13_flights(decoder_t *d, int side);
bool decode_tls13_alert_sized(const handshake_t *h, size_t len);
void decode_tls13_alert_seen(handshake_t *h);
void decode_count_record(decoder_t *d, handshake_t *h, int side, uint16_t version);

/* decode_dtls.c: DTLS's record framing mode. */
void decode_dtls_datagram(decoder_t *d, int sender, const uint8_t *p, size_t n);
void decode_dtls_handshake(decoder_t *d, int side, const record_t *rec, slice_t body, bool encrypted);
bool decode_dtls_protected(decoder_t *d, int side, const record_t *rec, const char **why);
bool decode_dtls_ccs_again(decoder_t *d, int side, const record_t *rec);
void decode_dtls_ccs(decoder_t *d, int side);
void decode_dtls_free(decoder_t *d);
size_t decode_dtls_mem(const decoder_t *d);
void decode_dtls_finish(decoder_t *d);

#endif
