/* decode.h - one connection's decoder: bytes per direction in, the trace
 * model out.  Both sources (the live engine and the capture reader) feed
 * it the same way, so nothing downstream knows where bytes came from.
 *
 * Sans-I/O and never fatal: a malformed record or message becomes an
 * annotation and decoding goes on with what follows. */
#ifndef TLSTRACE_DECODE_H
#define TLSTRACE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crypto/keylog.h"
#include "crypto/rsakey.h"
#include "model.h"
#include "tls/x509.h"
#include "sessions.h"

/* What is known beyond the wire. */
typedef struct {
	const keylog_t *keylog;  /* borrowed, may be NULL */
	const rsakey_t *rsa;     /* borrowed, may be NULL: server's private key */
	sessions_t *sessions;    /* borrowed, may be NULL: sessions made earlier in the same
	                            capture, for resumed handshakes; the decoder adds to it */
	const x509_trust_t *trust;   /* borrowed, may be NULL: read --ca, the server's
	                                chain is checked against it at step 5 */
	/* the flags last, together: the decoder sits in its connection's
	 * first arena block, and a capture of many connections pays for
	 * every byte it grows */
	bool live;               /* key log lines come from GnuTLS itself (master_from "live") */
	bool lean;               /* parse facts only (no field trees) unless the handshake
	                            fails: the fast path for summarising large captures */
	bool defer_final;        /* leave decoder_finalize to the caller, who runs it on
	                            another thread once the connection is finished */
} evidence_t;

/* Called once per handshake when it can change no more (a renegotiation
 * began after it, or the input ended); finalized unless defer_final. */
typedef void (*decode_done_fn)(void *ctx, conn_t *c, handshake_t *h);

typedef struct decoder decoder_t;

/* The decoder fills c (borrowed; the caller frees it after decoder_free:
 * the decoder lives in c's arena). */
decoder_t *decoder_new(conn_t *c, const evidence_t *ev, decode_done_fn done, void *ctx);
void decoder_free(decoder_t *d);
/* Bytes `sender` sent, in order.  frame/time: the packet (or live flight)
 * that carried them. */
void decoder_feed(decoder_t *d, int sender, const uint8_t *p, size_t n, uint32_t frame, double time);
/* The connection was picked up after its handshake (the capture began
 * later): both sides' records are taken as protected with keys nobody
 * can know, the handshake is marked mid_stream and its records counted. */
void decoder_mid_stream(decoder_t *d);
/* The connection is DTLS (RFC 6347) over UDP: each decoder_feed is then
 * one whole datagram, cut into DTLS records; handshake fragments are put
 * together and retransmissions recognised.  Before the first feed; false
 * when out of memory. */
bool decoder_dtls(decoder_t *d);
/* `missing` bytes of what `sender` sent were never captured.  What was
 * cut is noted and decoding picks up at the next record header. */
void decoder_gap(decoder_t *d, int sender, uint64_t missing, uint32_t frame);
/* Bytes the decoder holds on the heap (its buffers), beyond the
 * connection's arena: for a memory budget. */
size_t decoder_mem(const decoder_t *d);
/* The input ended: the open handshake is finalised and reported. */
void decoder_finish(decoder_t *d);
/* The open handshake has both its Finished, and is not reported yet. */
bool decoder_handshake_ended(const decoder_t *d);
/* Reports the open handshake now if both its Finished are in (a live
 * capture writes its line when the handshake ends, not the connection);
 * what comes after still goes into it, unreported.  Otherwise nothing. */
void decoder_report_ended(decoder_t *d);
/* Recomputes steps and diagnosis of the open handshake so far (for a view
 * that shows a handshake while it runs). */
void decoder_refresh(decoder_t *d);
/* What a handshake that can change no more still needs: the messages whose
 * parse was left for now (msg_t.unparsed, with defer_final), the values
 * only shown (secrets_finish), steps and diagnosis, and with lean the
 * field trees of a failed one.  Needs nothing but h: with defer_final the
 * caller runs it, on whatever thread, after the decoder is gone. */
void decoder_finalize(handshake_t *h, bool lean);

#endif
