/* record.h - the TLS record layer framing (RFC 5246 6.2.1, RFC 8446 5.1):
 * cutting a direction's byte stream into records.  Sans-I/O: it is handed
 * the bytes seen so far and says how many make the next record. */
#ifndef TLSTRACE_RECORD_H
#define TLSTRACE_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "base/bytes.h"
#include "base/err.h"

#define RECORD_HEADER_LEN 5
/* RFC 5246 6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048. */
#define RECORD_MAX_CIPHERTEXT (16384 + 2048)

typedef struct {
	uint8_t type;        /* ContentType */
	uint16_t version;    /* legacy_record_version */
	slice_t fragment;    /* borrowed from the caller's buffer */
	size_t total;        /* header + fragment */
	bool sslv2;          /* an SSLv2-framed ClientHello (RFC 5246 E.2) */
	bool dtls;           /* a DTLS record (record_peek_dtls): epoch and seq are set */
	uint16_t epoch;      /* DTLS: the cipher state it was sent under (RFC 6347 4.1) */
	uint64_t seq;        /* DTLS: its 48-bit sequence number within the epoch */
} record_t;

/* Looks at the front of p[0..n).  ERR_OK: *rec is a whole record.
 * ERR_TRUNCATED: not enough bytes yet (wait for more).  ERR_BAD_VALUE: the
 * header cannot be TLS (content type or version unknown);
 * ERR_BAD_LENGTH: the length is over the RFC's ceiling.  allow_sslv2:
 * accept an SSLv2 CLIENT-HELLO header (only as a stream's first record). */
err_t record_peek(const uint8_t *p, size_t n, bool allow_sslv2, record_t *rec) WUR;

#define RECORD_DTLS_HEADER_LEN 13

/* RFC 6347 4.1: struct { ContentType type; ProtocolVersion version;
 * uint16 epoch; uint48 sequence_number; uint16 length; opaque
 * fragment[length]; } DTLSPlaintext.  As record_peek, on the front of one
 * datagram's remaining bytes (ERR_TRUNCATED: the datagram ends inside
 * the record, which in DTLS is final); the version must be a DTLS one
 * (major byte 0xfe). */
err_t record_peek_dtls(const uint8_t *p, size_t n, record_t *rec) WUR;

/* Does this look like the start of a TLS stream (a handshake record with a
 * plausible version, or an SSLv2 ClientHello)?  For spotting TLS on any port. */
bool record_looks_like_tls(const uint8_t *p, size_t n);

#endif
