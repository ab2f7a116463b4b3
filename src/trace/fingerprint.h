/* fingerprint.h - TLS client and server fingerprints of a handshake, as
 * their specifications define them:
 *  - JA3 (Salesforce): "SSLVersion,Ciphers,Extensions,EllipticCurves,
 *    EllipticCurvePointFormats" of the ClientHello, decimal values joined
 *    by '-', and its MD5;
 *  - JA3S: "SSLVersion,Cipher,SSLExtension" of the ServerHello, and its MD5;
 *  - JA4 (FoxIO, BSD 3-Clause; TLS over TCP): ja4 "t13d1516h2_<12>_<12>"
 *    and the raw ja4_r with the lists in clear.
 * GREASE values (RFC 8701) are left out everywhere.  JA4S, JA4X and the
 * rest of JA4+ are under the FoxIO License 1.1 (not open source) and are
 * deliberately not implemented (README).
 *
 * Builds the strings from the hello facts (msg_hello_t); the hashes are
 * the crypto layer's (crypto/digest.h).  Must not: print, or parse wire
 * bytes other than through a cursor over the spans the parser kept. */
#ifndef TLSTRACE_FINGERPRINT_H
#define TLSTRACE_FINGERPRINT_H

#include <stdbool.h>
#include "base/bytes.h"
#include "base/err.h"
#include "model.h"

#define FP_JA4_LEN 36            /* "t13d1516h2_8daaf6152771_e5627efa2ab1" */

typedef struct {
	const msg_t *client_hello;   /* borrowed: the hello ja3/ja4 describe; NULL: none */
	const msg_t *server_hello;   /* borrowed: the hello ja3s describes; NULL: none */
	char ja3[33], ja3s[33];      /* MD5 hex; "" without the hello */
	char ja4[FP_JA4_LEN + 1];    /* "" without a ClientHello */
	buf_t ja3_full, ja3s_full, ja4_r;   /* owned (fp_free): NUL-terminated text; len 0 without */
} fp_t;

/* JA3 of a ClientHello: *full receives the string (NUL-terminated; what
 * was there is replaced), md5 its hash.  ERR_NOMEM, or ERR_BAD_VALUE for
 * a message that is no TLS ClientHello (an SSLv2-format one has no JA3). */
err_t fp_ja3(const msg_t *ch, buf_t *full, char md5[33]) WUR;
/* JA3S of a ServerHello (or HelloRetryRequest), likewise. */
err_t fp_ja3s(const msg_t *sh, buf_t *full, char md5[33]) WUR;
/* JA4 of a ClientHello (TLS over TCP: "t"); *raw receives ja4_r. */
err_t fp_ja4(const msg_t *ch, char ja4[FP_JA4_LEN + 1], buf_t *raw) WUR;

/* The fingerprints of handshake h: JA3 and JA4 of its first ClientHello
 * (after a HelloRetryRequest, the first: the one the client chose alone),
 * JA3S of its ServerHello (the one that chose the parameters; a
 * HelloRetryRequest only when no ServerHello followed).  *f starts zeroed
 * or from an earlier call (its buffers are reused). */
err_t fp_handshake(const handshake_t *h, fp_t *f) WUR;
void fp_free(fp_t *f);
/* A certificate's fingerprint as reports name it: the SHA-256 of its DER,
 * 64 hex digits (the crypto layer computes it; views only show it). */
void fp_cert_sha256(slice_t der, char out[65]);

/* Frees the calling thread's cache of client fingerprints (another
 * thread's goes when it ends; the main thread calls this before it
 * returns). */
void fp_cache_free(void);

#endif
