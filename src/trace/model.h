/* model.h - the trace model: connections -> handshakes -> messages and
 * steps, with the secrets and the verdicts.  Plain data: the decoder and
 * the secrets engine fill it, views only read it. */
#ifndef TLSTRACE_MODEL_H
#define TLSTRACE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/err.h"
#include "crypto/hash.h"
#include "crypto/prf.h"
#include "crypto/keys.h"
#include "crypto/keylog.h"
#include "tls/msg.h"
#include "tls/registry.h"

#define STEP_COUNT 9

typedef enum { STEP_NOT_REACHED, STEP_DONE, STEP_SKIPPED, STEP_FAILED } step_status_t;
typedef enum { FIN_ABSENT, FIN_VERIFIED, FIN_MISMATCH, FIN_UNVERIFIED } fin_verdict_t;
typedef enum { OUTCOME_INCOMPLETE, OUTCOME_COMPLETE, OUTCOME_FAILED } outcome_t;
typedef enum { TCP_END_NONE, TCP_END_FIN, TCP_END_RST } tcp_end_t;

typedef struct {
	step_status_t status;
	char *reason;            /* in the handshake's arena; why skipped or failed, NULL otherwise */
	const char *reason_ja;   /* not owned (static, or the failure's): reason in Japanese, or NULL */
} step_state_t;

typedef struct {
	fin_verdict_t verdict;
	uint8_t expected[64], received[64];
	size_t expected_len, received_len;
	uint8_t transcript_hash[HASH_MAX_LEN];  /* the hash the PRF/HMAC was fed */
	size_t transcript_hash_len;
	/* How expected was computed (crypto/derive.h derive_fin_t), set with it. */
	const char *label;       /* static: "client finished", "server finished", TLS 1.3 "finished" */
	uint8_t key[HASH_MAX_LEN];   /* the master (TLS <= 1.2) or the finished_key (TLS 1.3) */
	size_t key_len;
	char *why;               /* in the handshake's arena; for unverified or mismatch */
} finished_check_t;

typedef struct {
	bool failed;
	int step;                /* 1..9 */
	int sender;              /* SIDE_* that detected it */
	int alert;               /* alert description id, -1 if none */
	char *reason;            /* owned: one plain sentence */
	char **causes;           /* owned list, most likely first */
	size_t ncauses;
	/* The same in Japanese, for the interface (JSON stays English):
	 * owned; NULL and 0 where the diagnosis has no Japanese words. */
	char *reason_ja;
	char **causes_ja;
	size_t ncauses_ja;
	/* The alert the RFCs prescribe for this kind of failure (-1: they
	 * leave it open), and where they say so; the implementation that
	 * detected it may have sent another (alert). */
	int rfc_alert;
	const char *rfc_says;    /* static, English; NULL when not known */
} failure_t;

/* Where a secret came from (docs/json.md secrets.*_from). */
typedef enum { FROM_NONE, FROM_RSA_KEY, FROM_LIVE, FROM_DERIVED, FROM_KEYLOG } secret_from_t;
const char *secret_from_name(secret_from_t f);   /* "rsa-key", "live", "derived", "keylog"; NONE: NULL */

typedef struct {
	uint8_t premaster[48];
	size_t premaster_len;    /* 0 = not known */
	secret_from_t premaster_from;
	const char *premaster_why;   /* static: why it is unknown */
	uint8_t master[48];
	bool have_master;
	secret_from_t master_from;
	/* Master as a second source reported it (key log / GnuTLS), for the cross-check. */
	uint8_t master_reported[48];
	bool have_master_reported;
	bool master_agrees;      /* derived == reported, when both exist */
	secret_from_t reported_from;  /* who reported master_reported / logged: FROM_LIVE (GnuTLS) or FROM_KEYLOG */
	prf_trace_t *master_prf; /* in the arena: how the PRF derived the master (master_from FROM_DERIVED; NULL out of memory) */
	bool rsa_key_mismatch;   /* the private key given is not the certificate's */
	int resumed_from;        /* connection whose session this resumes (master from there), -1 */
	char cannot_decrypt[64]; /* "cannot decrypt: no implementation of SEED", when so */
	uint8_t session_hash[HASH_MAX_LEN];  /* RFC 7627 */
	size_t session_hash_len;
	keys_t keys;
	bool have_keys;
	/* What the key log (or GnuTLS itself) said for this client random. */
	keylog_entry_t logged;
	bool have_logged;
	/* TLS 1.3: traffic keys as derived, by SIDE_*, for showing. */
	keys_dir_t hs_keys[2], app_keys[2];
	bool have_hs_keys, have_app_keys;
	/* TLS 1.3: each side's current application traffic secret (KeyUpdate advances it). */
	uint8_t app_secret[2][KEYLOG_SECRET_MAX];
	size_t app_secret_len;
} secrets_t;

/* One application data record (step 9), as the views list it. */
#define APP_DATA_KEEP 16384
#define APP_RECS_KEEP 256
typedef struct {
	uint8_t side;            /* SIDE_* */
	bool decrypted;          /* its plaintext is in app_keep_t data[side] from off (as far as kept) */
	uint32_t frame;          /* capture frame, or live flight */
	size_t len;              /* plaintext (or, not decrypted, protected) bytes */
	size_t off;              /* where its plaintext starts in data[side] */
	size_t msgs_before;      /* how many messages came before it on the wire */
	const msg_wire_t *wire;  /* in arena: the record as on the wire (decrypted ones, while
	                            APP_WIRE_KEEP bytes of them are kept); NULL: not kept */
} app_rec_t;
#define APP_WIRE_KEEP 65536

/* Step 9: the application data each side sent, decrypted, in order: the
 * first APP_DATA_KEEP bytes by SIDE_* (views show it in full up to there;
 * handshake_t app_bytes counts all), and where each record starts. */
typedef struct {
	uint8_t *data[2];        /* in arena; NULL: nothing decrypted */
	size_t len[2], cap[2];
	app_rec_t *recs;         /* in arena: the records, both sides, in wire order (at most APP_RECS_KEEP) */
	size_t n, cap_recs;
	size_t wire_bytes;       /* bytes of the records' wire views kept (at most APP_WIRE_KEEP) */
} app_keep_t;

/* Fields the decoder touches on every record come first, so that a
 * packet costs a cache line or two of its handshake, not one per field
 * scattered over three kilobytes. */
typedef struct {
	unsigned index;          /* 0 for the first handshake of a connection */
	uint16_t version;        /* negotiated, 0 if never reached */
	uint16_t suite_id;       /* as on the wire, even when unknown to the registry */
	const suite_info_t *suite;
	arena_t *arena;          /* borrowed: its connection's, where it and these arrays live */
	msg_t **msgs;            /* in arena: wire order (each message owned) */
	uint8_t *msg_step;       /* in arena: step number of each message (parallel to msgs, set by steps.c) */
	size_t nmsgs, cap;
	bool resumed, ems, etm, hrr, client_auth_requested;
	bool done;               /* both Finished seen, or failed, or input ended */
	outcome_t outcome;
	/* step 9 */
	uint64_t app_records[2], app_bytes[2];
	bool app_decrypted[2];
	size_t app_preview_len[2];
	finished_check_t fin[2]; /* by SIDE_*; verdict is its first field */
	uint8_t app_preview[2][64];
	uint8_t client_random[32], server_random[32];
	bool have_client_random, have_server_random;
	uint8_t session_id[32];
	size_t session_id_len;
	secrets_t sec;
	step_state_t steps[STEP_COUNT + 1];   /* [1..9] */
	failure_t failure;
	/* Evidence from the live engine, when present (step 5 verdict, errors). */
	char *client_error, *server_error;   /* owned */
	bool cert_checked;
	bool cert_by_ca;         /* the verdict is read --ca's (a CA bundle at the capture's time),
	                            not a live client's GnuTLS (in cert_checked's padding) */
	unsigned cert_status;
	char *cert_verdict;      /* owned */
	/* Live: the server's GnuTLS on the client's certificate (step 5, when
	 * it asked for one); a capture cannot know it. */
	bool client_cert_checked;
	unsigned client_cert_status; /* gnutls_certificate_status_t bits, 0 = trusted */
	char *client_cert_verdict;   /* owned */
	/* Live only: what each side was set up to accept and present, in
	 * words (the wire cannot show what a server would have accepted), and
	 * each side's master secret as its GnuTLS logged it (they differ when
	 * the sides derived different keys). */
	char *client_config, *server_config;   /* owned, NULL when not live */
	uint8_t side_master[2][48];            /* by SIDE_* */
	bool have_side_master[2];
	/* Evidence for the diagnosis when the wire says little.  TLS 1.3
	 * without keys (decode.c): the application data records each side
	 * had sent when the first short encrypted record, taken for an alert
	 * by its size, arrived.  Bytes a side sent that are not TLS at all
	 * (decode_stream.c): the first of them, by SIDE_*. */
	uint64_t app_before_alert[2];
	bool opaque_alert_seen;  /* app_before_alert is set (the first such record) */
	uint8_t not_tls[2][64];
	uint8_t not_tls_len[2];
	/* How each side's TCP stream ended, by SIDE_* (captures: the FIN or
	 * RST seen on the wire; the live pair has no TCP). */
	tcp_end_t tcp_end[2];
	/* Step 9's records and plaintext, for the views (app_keep_t); NULL:
	 * none kept (lean, or no application data).  One pointer here: a
	 * capture of many short connections pays 8 bytes each for it. */
	app_keep_t *app;         /* in arena */
	/* A TLS 1.3 draft (draft-ietf-tls-tls13-NN): version is VER_TLS13
	 * and this the version on the wire (0x7f12, 0xfb1a, ...); 0 otherwise. */
	uint16_t draft_version;
	/* Picked up after its handshake (the capture started later): no
	 * hello, only records; what their headers said, by SIDE_*. */
	bool mid_stream;
	uint16_t record_version; /* the first record's version field; 0 before one */
	uint64_t records[2];     /* records each side sent (counted only when mid_stream) */
	/* DTLS (RFC 6347): version is the TLS version it is based on (1.0:
	 * TLS 1.1, 1.2: TLS 1.2; 4.1 and 1) and this the wire's, 0xfeff or
	 * 0xfefd; 0 for TLS.  hvr: the server answered a first ClientHello
	 * with a HelloVerifyRequest (4.2.1).  By SIDE_*: handshake messages
	 * that came again (a retransmitted flight, 4.2.4: same message_seq,
	 * not listed twice) and that came in more than one fragment (4.2.3);
	 * records that came twice, the same datagram again (4.1.2.6). */
	uint16_t dtls_version;
	bool hvr;
	uint32_t dtls_retransmitted[2];
	uint32_t dtls_fragmented[2];
	uint32_t dtls_duplicates[2];   /* records seen twice (same epoch and sequence number) */
} handshake_t;

typedef struct {
	unsigned id;             /* connection number, 0-based */
	uint16_t client_port, server_port;
	bool probe;              /* connect: made by tlstrace itself to find what the server accepts */
	bool dtls;               /* DTLS over UDP (docs/json.md transport "udp"); TLS over TCP otherwise */
	const char *source;      /* "live" or "capture" */
	const char *client_ip, *server_ip;   /* address text, "" when there is none (conn_set_endpoints) */
	handshake_t **hs;        /* in arena; each handshake owned */
	size_t nhs;
	char (*tunnel)[32];      /* in arena: the encapsulations it came through, outermost first */
	size_t ntunnel;
	char **notes;            /* owned: connection-level annotations */
	size_t nnotes;
	arena_t *arena;          /* &arena_mem: the memory of its handshakes, their messages and
	                            its decoder (decode.h); all freed by conn_free */
	arena_t arena_mem;
} conn_t;

conn_t *conn_new(unsigned id, const char *source);
/* The two ends, the address texts copied into the connection's arena
 * (a flood of half-open connections pays only for the bytes it uses). */
err_t conn_set_endpoints(conn_t *c, const char *client_ip, uint16_t client_port, const char *server_ip,
			 uint16_t server_port);
void conn_free(conn_t *c);
/* Frees what the connection holds on the heap (messages' trees, reasons,
 * notes) and leaves its arena: for a thread that is done with a
 * connection another thread will free (the heap's chunks go back where
 * they were allocated, the arena's blocks with conn_free).  Only
 * conn_free may follow. */
void conn_shed(conn_t *c);
void conn_note(conn_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Starts the next handshake of the connection (NULL when out of memory). */
handshake_t *conn_new_handshake(conn_t *c);
handshake_t *conn_current(const conn_t *c);

err_t handshake_add_msg(handshake_t *h, msg_t *m) WUR;  /* takes ownership, even on error */
/* reason: why skipped or failed (copied), NULL otherwise. */
void handshake_set_step(handshake_t *h, int step, step_status_t st, const char *reason);
void handshake_fail(handshake_t *h, int step, int sender, int alert, const char *reason);
void handshake_add_cause(handshake_t *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The key exchange as docs/json.md names it ("RSA", "ECDHE", ...; TLS 1.3:
 * the key share's family, or "PSK"); NULL before a suite is chosen. */
const char *handshake_kx_name(const handshake_t *h);
/* Why a mid_stream handshake is incomplete, in every view's words. */
#define HANDSHAKE_MID_STREAM_REASON \
	"the handshake was not captured: the capture started after it, so only its records are shown"

/* The version as the views name it: "TLS 1.2", "TLS 1.3 (draft 18)";
 * NULL when none was agreed or it has no name. */
const char *handshake_version_name(const handshake_t *h);
/* The version as a number: the wire's (a draft's 0x7f12), 0 if none. */
uint16_t handshake_version_id(const handshake_t *h);
/* Last message of a type from a sender (-1 sender: either), NULL if none. */
msg_t *handshake_find(const handshake_t *h, int sender, uint8_t ct, int hs_type);

const char *fin_verdict_name(fin_verdict_t v);    /* "verified", "mismatch", ... */
const char *outcome_name(outcome_t o);            /* "complete", "failed", "incomplete" */
const char *step_status_name(step_status_t s);    /* "done", "skipped", "failed", "not-reached" */
const char *model_side_name(int side);                  /* "client", "server" */

#endif
