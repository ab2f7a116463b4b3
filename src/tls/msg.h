/* msg.h - one decoded TLS message: a handshake message, a ChangeCipherSpec
 * or an alert, with the facts later stages need and the field tree the
 * views show.
 *
 * Parsers are sans-I/O: they are handed a message's bytes (raw, owned by
 * msg_t) and the negotiation context, and never read a socket or a file.
 * A malformed message is not fatal: the parser records an annotation
 * (msg_note) and returns an error; whatever was decoded before the fault
 * stays in the tree and in the facts. */
#ifndef TLSTRACE_MSG_H
#define TLSTRACE_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/bytes.h"
#include "base/err.h"
#include "base/field.h"
#include "registry.h"

enum { SIDE_CLIENT = 0, SIDE_SERVER = 1 };

/* What a parser needs to know about the connection so far. */
typedef struct {
	uint16_t version;        /* negotiated version; 0 before ServerHello */
	const suite_info_t *suite; /* chosen suite; NULL before ServerHello */
	int sender;              /* SIDE_CLIENT or SIDE_SERVER */
	bool lean;               /* facts only: no field tree, no X.509 description (fast path
	                            for large captures; msg_build_tree adds the tree later) */
} msg_ctx_t;

typedef struct { uint32_t off, len; } span_t;   /* within msg_t.raw */

#define MSG_SNI_MAX 255

/* Facts parsed out of hellos (ClientHello, ServerHello, HelloRetryRequest). */
typedef struct {
	uint16_t legacy_version;
	uint8_t random[32];
	uint8_t session_id[32];
	uint8_t session_id_len;
	uint16_t *suites;        /* owned: ClientHello offered suites, wire order */
	size_t nsuites;
	uint16_t suite;          /* ServerHello: chosen */
	uint8_t compression;     /* ServerHello: chosen */
	uint16_t *exts;          /* owned: extension types in wire order */
	size_t nexts;
	uint16_t *versions;      /* owned: ClientHello supported_versions */
	size_t nversions;
	uint16_t selected_version; /* ServerHello supported_versions; 0 if absent */
	uint16_t key_share_group;  /* ServerHello/HRR: the group chosen; 0 if absent */
	bool ems;                /* extended_master_secret present (RFC 7627) */
	bool etm;                /* encrypt_then_mac present (RFC 7366) */
	bool session_ticket;     /* session_ticket extension present */
	span_t ticket;           /* ClientHello: the ticket it presents (RFC 5077 3.2), empty if none */
	bool pre_shared_key;     /* pre_shared_key extension present */
	bool is_hrr;             /* ServerHello carrying the HRR magic random (RFC 8446 4.1.3) */
	bool sslv2;              /* an SSLv2-compatible ClientHello (RFC 5246 E.2).  Also an
	                            input: the record layer sets it before msg_parse on a
	                            msg_t of type CT_HANDSHAKE whose raw holds the V2ClientHello
	                            from msg_type on (without the 2-byte record length). */
	/* ClientHello: where the extension_data of the extensions the
	 * fingerprints read sit (src/trace/fingerprint.c), empty if absent:
	 * spans, not lists, so a hello costs nothing more to parse. */
	span_t groups;           /* supported_groups (RFC 8446 4.2.7) */
	span_t point_formats;    /* ec_point_formats (RFC 8422 5.1.2) */
	span_t sig_algs;         /* signature_algorithms (RFC 8446 4.2.3), not _cert */
	span_t alpn;             /* application_layer_protocol_negotiation (RFC 7301 3.1) */
	span_t cookie;           /* DTLS ClientHello and HelloVerifyRequest: the cookie
	                            (RFC 6347 4.2.1), empty if none */
	char *sni;               /* server_name host_name, printable, at most MSG_SNI_MAX
	                            characters; message memory (msg_mem); NULL if none */
} msg_hello_t;

/* A message that came alone in a protected record the decoder could
 * decrypt: that record as on the wire, cut into its parts (RFC 5246
 * 6.2.3, RFC 8446 5.2): header, explicit IV or nonce, ciphertext, then a
 * MAC or tag in the clear; inside the ciphertext, after the content, the
 * MAC (CBC MAC-then-encrypt), the padding, TLS 1.3's inner type. */
typedef struct {
	const uint8_t *bytes;    /* the fragment, after the 5-byte header */
	uint8_t hdr[5];
	uint32_t len;            /* fragment bytes */
	uint16_t iv, tag;        /* explicit IV/nonce before, MAC/tag in the clear after */
	uint16_t inner_mac, pad; /* inside the ciphertext, after the content */
	bool inner_type;         /* TLS 1.3: the content type byte inside */
} msg_wire_t;

typedef struct {
	uint8_t type;            /* CT_* of the record that carried it */
	uint8_t hs_type;         /* HS_* for CT_HANDSHAKE */
	int sender;              /* SIDE_* */
	bool encrypted;          /* arrived in a protected record */
	bool opaque;             /* protected and could not be decrypted: only raw bytes known */
	bool unparsed;           /* raw only for now: the decoder left its parse for the end
	                            (decoder_finalize), nothing having needed its facts */
	bool dtls;               /* DTLS: a handshake message's header is 12 bytes (RFC 6347
	                            4.2.2: msg_type, length, message_seq, fragment_offset,
	                            fragment_length), the ClientHello has a cookie; set by
	                            the record layer before msg_parse */
	bool no_transcript;      /* DTLS: a ClientHello answered by a HelloVerifyRequest,
	                            left out of the Finished hash (RFC 6347 4.2.6) */
	uint16_t epoch;          /* DTLS: epoch and sequence number of the record that */
	uint64_t record_seq;     /*   completed it (RFC 6347 4.1); 0 for TLS */
	uint32_t frame;          /* capture frame, or live flight, that completed it */
	double time;             /* seconds since the epoch */
	arena_t *arena;          /* borrowed: where raw, the lists and the notes live (and m
	                            itself, from msg_new_in); NULL: each on the heap */
	buf_t raw;               /* owned: the message bytes (handshake: with 4-byte header,
	                            DTLS 12-byte, as if sent in one fragment);
	                            in an arena, cap is 0 and raw is never grown */
	field_t *root;           /* owned: decoded tree, NULL until parsed */
	char **notes;            /* owned: annotations, each owned */
	size_t nnotes;

	/* facts, by message type; spans point into raw */
	msg_hello_t hello;
	span_t *certs;           /* owned: Certificate list entries (DER) */
	size_t ncerts;
	span_t exchange;         /* ClientKeyExchange: encrypted premaster / DH / EC public;
	                            ServerKeyExchange: the public value */
	uint16_t ske_group;      /* ServerKeyExchange ECDHE: named curve; 0 otherwise */
	span_t dh_p;             /* ServerKeyExchange (DHE): the prime p (RFC 5246 7.4.3), empty otherwise */
	uint16_t sig_scheme;     /* ServerKeyExchange / CertificateVerify (TLS 1.2+); 0 if none */
	span_t signature;        /* ServerKeyExchange / CertificateVerify: the signature bytes */
	span_t verify_data;      /* Finished */
	uint8_t alert_level, alert_desc;  /* Alert */
	uint32_t ticket_lifetime;         /* NewSessionTicket (TLS 1.2: the lifetime hint) */
	uint32_t ticket_age_add;          /* NewSessionTicket TLS 1.3; 0 otherwise */
	span_t ticket_nonce;              /* NewSessionTicket TLS 1.3 */
	span_t ticket;                    /* NewSessionTicket */
	uint8_t key_update_request;       /* KeyUpdate */
	const msg_wire_t *wire;  /* in the handshake's arena, set by the decoder (not the
	                            parser); NULL: not alone in a record decrypted here */
} msg_t;

/* Allocates an empty message; NULL when out of memory. */
msg_t *msg_new(uint8_t type, int sender);
/* A message holding a copy of n raw bytes, allocated from a (the heap when
 * a is NULL) with everything it will hold; NULL when out of memory. */
msg_t *msg_new_in(arena_t *a, uint8_t type, int sender, const uint8_t *raw, size_t n);
void   msg_free(msg_t *m);
/* Adds a printf-formatted annotation (shown on the message, exported in JSON). */
void   msg_note(msg_t *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds an annotation already made (owned; NULL is ignored). */
void   msg_note_text(msg_t *m, char *text);
/* Adds the strings up to the NULL, joined, as one annotation: for hot
 * paths, no printf and (in an arena) no heap. */
void   msg_note_join(msg_t *m, const char *first, ...) __attribute__((sentinel));

/* Decodes m->raw according to m->type (and m->hs_type, taken from raw[0]
 * for handshake).  Builds m->root and the facts.  ERR_OK, or the first
 * error met (already noted on the message).  ERR_UNSUPPORTED (noted, raw
 * bytes kept in the tree, no node flagged) means well formed as far as
 * seen but not decodable here: an unknown handshake type, or a key
 * exchange message while ctx->suite is NULL.  An opaque message gets a
 * tree with its encrypted bytes and ERR_OK.  ctx may be NULL (nothing
 * known); a second call replaces the tree and facts. */
err_t msg_parse(msg_t *m, const msg_ctx_t *ctx);   /* not WUR: errors are already notes */

/* Builds the field tree of a message parsed lean (a no-op if it has one):
 * the same parse again, keeping the notes it already has. */
err_t msg_build_tree(msg_t *m, const msg_ctx_t *ctx);

/* The CamelCase name for JSON/text: "ClientHello", "HelloRetryRequest"
 * (for a ServerHello with the HRR random), "ChangeCipherSpec", "Alert",
 * "EncryptedHandshake" for an opaque handshake record. */
const char *msg_type_name(const msg_t *m);

/* Convenience: the bytes of a span (bounds already checked by the parser). */
static inline slice_t msg_span(const msg_t *m, span_t s) { return slice_make(m->raw.ptr + s.off, s.len); }

#endif
