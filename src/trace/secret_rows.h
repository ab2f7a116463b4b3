/* secret_rows.h - the one ordered list of secrets a handshake has, as the
 * views show them.  Built from the trace model (never computed: the
 * secrets engine stored every value and intermediate there), in the order
 * the handshake produces them: randoms and the choice, the premaster or why
 * it is unknown, the RFC 7627 session hash, the master with its PRF formula,
 * A(i) and blocks, the reported master and the agreement, the key block and
 * keys (TLS 1.3: the logged traffic secrets and the keys HKDF made from
 * them), each Finished's computation, the application data.  The text
 * transcript, the Secrets tab, the JSON writer and the lesson placeholders
 * all walk this list or look rows up (srow_get by kind, srow_find by id);
 * none lays out secrets itself, none computes. */
#ifndef TLSTRACE_SECRET_ROWS_H
#define TLSTRACE_SECRET_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* Which block of the Secrets tab a row belongs to; srow_group_title names it. */
typedef enum {
	SROW_G_CHOICE, SROW_G_MASTER, SROW_G_KEYS, SROW_G_TLS13,
	SROW_G_FIN_CLIENT, SROW_G_FIN_SERVER, SROW_G_APP, SROW__GROUPS
} srow_group_t;

/* Every row a handshake can have, in the order they are shown: the index
 * of the row table in secret_rows.c, and the quick way to a row
 * (srow_get).  Per-side kinds are CLIENT, then SERVER (+ SIDE_*). */
typedef enum {
	SROW_K_CLIENT_RANDOM, SROW_K_SERVER_RANDOM, SROW_K_VERSION, SROW_K_SUITE, SROW_K_OPTIONS,
	SROW_K_TRAFFIC_NONE, SROW_K_CLIENT_HS, SROW_K_SERVER_HS, SROW_K_CLIENT_HS_KEY, SROW_K_CLIENT_HS_IV,
	SROW_K_SERVER_HS_KEY, SROW_K_SERVER_HS_IV, SROW_K_CLIENT_APP, SROW_K_SERVER_APP, SROW_K_EXPORTER,
	SROW_K_CLIENT_APP_KEY, SROW_K_CLIENT_APP_IV, SROW_K_SERVER_APP_KEY, SROW_K_SERVER_APP_IV,
	SROW_K_PREMASTER, SROW_K_SESSION_HASH, SROW_K_MASTER_FORMULA, SROW_K_PRF_A1, SROW_K_PRF_B1, SROW_K_PRF_A2, SROW_K_PRF_B2,
	SROW_K_PRF_A3, SROW_K_PRF_B3, SROW_K_MASTER, SROW_K_MASTER_REPORTED, SROW_K_MASTER_AGREES, SROW_K_RSA_KEY,
	SROW_K_CLIENT_SIDE_MASTER, SROW_K_SERVER_SIDE_MASTER,
	SROW_K_KEY_BLOCK_FORMULA, SROW_K_KEY_BLOCK, SROW_K_CLIENT_MAC, SROW_K_CLIENT_KEY, SROW_K_CLIENT_IV,
	SROW_K_SERVER_MAC, SROW_K_SERVER_KEY, SROW_K_SERVER_IV,
	SROW_K_CLIENT_EXPORT_KEY, SROW_K_SERVER_EXPORT_KEY, SROW_K_EXPORT_FORMULA,
	SROW_K_FIN_LABEL, SROW_K_FIN_TH = SROW_K_FIN_LABEL + 2, SROW_K_FIN_KEY = SROW_K_FIN_TH + 2,
	SROW_K_FIN_EXPECTED = SROW_K_FIN_KEY + 2, SROW_K_FIN_RECEIVED = SROW_K_FIN_EXPECTED + 2,
	SROW_K_FIN_VERDICT = SROW_K_FIN_RECEIVED + 2, SROW_K_APP = SROW_K_FIN_VERDICT + 2,
	SROW_K__COUNT = SROW_K_APP + 2
} srow_kind_t;

/* How a value was checked against a second source. */
typedef enum {
	SROW_UNCHECKED,          /* nothing to compare with (or not comparable) */
	SROW_AGREES,             /* the same as the key log / GnuTLS / the received value */
	SROW_MISMATCH            /* different: shown as an error */
} srow_check_t;

enum {
	SROW_F_LINE = 1,         /* "label text" read as one sentence (a formula, a count) */
	SROW_F_ABSENT = 2,       /* says only that the thing did not happen (a Finished not sent) */
	SROW_F_INTERMEDIATE = 4  /* a step of a computation (PRF A(i), blocks, a Finished's key) */
};

typedef struct {
	const char *id;          /* static; the JSON key path where one exists ("secrets.premaster") */
	const char *label;       /* static: the row's name in every view ("premaster secret") */
	const char *what;        /* static: a short sentence, what it is / how it is made (RFC) */
	const char *qualifier;   /* static or NULL: how it was had, in one word ("derived", "logged") */
	srow_group_t group;
	int step;                /* 1..9: the step that brings it */
	int side;                /* SIDE_* for per-direction rows, -1 otherwise */
	unsigned flags;          /* SROW_F_* */
	const uint8_t *val;      /* borrowed from the handshake; NULL: no bytes (see text, unknown) */
	size_t len;
	const char *text;        /* in the list's pool, or static: a value in words; NULL if none */
	const char *unknown;     /* static or from the model: why val is not known; NULL if known
	                            (or, for the premaster, no reason recorded) */
	const char *note;        /* borrowed: a detail after the value (a Finished's why), or NULL */
	secret_from_t from;      /* how it was obtained (FROM_NONE: read from the wire / not a secret) */
	srow_check_t check;
	const char *check_by;    /* static: who it was checked against ("the key log", "GnuTLS") */
} srow_t;

#define SROW_MAX 72
#define SROW_POOL 2048

typedef struct {
	srow_t v[SROW_MAX];
	size_t n;
	unsigned char at[SROW_K__COUNT];   /* 1 + index in v of each kind's row, 0: none */
	char pool[SROW_POOL];    /* the rows' text */
	size_t used;
	bool truncated;          /* a row or its text did not fit (never with SROW_MAX) */
} srow_list_t;

/* Fills l with h's rows, in order.  Everything borrowed stays valid while h
 * is not changed. */
void srow_build(const handshake_t *h, srow_list_t *l);
/* The row with this id, NULL when the handshake has none (a linear search). */
const srow_t *srow_find(const srow_list_t *l, const char *id);
/* The row of this kind, NULL when the handshake has none (constant time). */
const srow_t *srow_get(const srow_list_t *l, srow_kind_t k);
/* The rows a step shows, in the list's order: the next after *i (start
 * with *i = SIZE_MAX), skipping a Finished check whose verdict row says
 * that Finished never came.  *heading is set when the row opens a
 * Finished check (a view puts the group's title above it).  NULL when
 * the step has no more. */
const srow_t *srow_next_in_step(const srow_list_t *l, int step, size_t *i, bool *heading);
/* The group's heading ("Premaster and master secret"). */
const char *srow_group_title(srow_group_t g);
/* Who reports a master or traffic secret for checking: "GnuTLS" (live) or
 * "the key log"; and the label of the reported value ("GnuTLS reports",
 * "key log says"). */
const char *srow_reporter(secret_from_t reported_from);
const char *srow_reported_label(secret_from_t reported_from);

#endif
