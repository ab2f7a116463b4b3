/* compare.h - two handshakes side by side, step by step: what each did at
 * each of the nine classic steps (its status and messages, so that TLS
 * 1.3's and a resumption's mapping onto the steps shows), and the facts a
 * class compares: versions and suites offered and chosen, extensions
 * offered and answered, the certificates (subject, issuer, key), where
 * each secret came from (computed here, from a key log, reported by
 * GnuTLS, or unknown and why), the Finished verdicts and the outcome
 * (failing step, side and reason).  Every value is a line of text per
 * side; lists (suites, extensions, messages) are aligned so that what both
 * have sits on one line and what only one has stands alone; a line that
 * differs is marked.  Built from the trace model only, never computed; the
 * text, JSON and interface views walk the rows.  It never prints. */
#ifndef TLSTRACE_COMPARE_H
#define TLSTRACE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include "base/arena.h"
#include "base/err.h"
#include "model.h"

/* The step after the nine that holds the outcome. */
#define CMP_OUTCOME_STEP (STEP_COUNT + 1)

/* Every kind of row, in the order a step shows them (the field table in
 * compare.c gives each its key, label and step). */
typedef enum {
	CMP_F_STATUS, CMP_F_MESSAGES, CMP_F_ORDER,
	CMP_F_VERSIONS_OFFERED, CMP_F_SUITES_OFFERED, CMP_F_EXTS_OFFERED, CMP_F_SNI,
	CMP_F_VERSION, CMP_F_SUITE, CMP_F_KX, CMP_F_EXTS_ANSWERED, CMP_F_RESUMED, CMP_F_EMS,
	CMP_F_HS_SECRETS,
	CMP_F_CERTS, CMP_F_CERT_VERDICT,
	CMP_F_PREMASTER, CMP_F_MASTER,
	CMP_F_FIN_CLIENT, CMP_F_FIN_SERVER, CMP_F_APP_SECRETS,
	CMP_F_APP_DATA,
	CMP_F_OUTCOME, CMP_F_FAILURE,
	CMP_F__COUNT
} cmp_field_t;

typedef struct {
	const char *key;         /* JSON key: "suites_offered" */
	const char *label;       /* every view's name for it: "suites offered" */
	bool per_step;           /* STATUS, MESSAGES, ORDER: a row in every step */
	int step;                /* the step it belongs to (CMP_OUTCOME_STEP: the outcome); 0 per_step */
} cmp_field_info_t;

const cmp_field_info_t *cmp_field_info(cmp_field_t f);

/* One line of a row: side A's text and side B's, NULL where that side
 * has nothing on this line (an item only the other side has). */
typedef struct {
	const char *a, *b;       /* in the comparison's arena */
	bool differs;
} cmp_line_t;

typedef struct {
	int step;                /* 1..9, CMP_OUTCOME_STEP */
	cmp_field_t field;
	cmp_line_t *lines;       /* in the arena */
	size_t nlines;
	bool differs;            /* a line differs */
} cmp_row_t;

typedef struct {
	arena_t arena;           /* everything below lives here; cmp_free releases it */
	cmp_row_t *rows;         /* step by step, each step's rows in field order */
	size_t nrows;
	size_t ndiff;            /* rows that differ */
} cmp_t;

/* Lays a and b side by side into c (zeroed by the call).  ERR_NOMEM
 * is the only error; cmp_free is needed in every case. */
err_t cmp_build(const handshake_t *a, const handshake_t *b, cmp_t *c) WUR;
void cmp_free(cmp_t *c);

/* Rows that differ in a step (1..CMP_OUTCOME_STEP). */
size_t cmp_step_diffs(const cmp_t *c, int step);
/* The step's title: step_info's, "Outcome" for CMP_OUTCOME_STEP. */
const char *cmp_step_title(int step);
/* The first row of a field, NULL when there is none (a per-step field:
 * the first step's). */
const cmp_row_t *cmp_find(const cmp_t *c, cmp_field_t f);

/* A side's connection given as "FILE#N": the file and the number (-1 when
 * only FILE is given).  false with why for "FILE#", "FILE#x", "FILE#-1". */
bool cmp_parse_conn_ref(const char *ref, char *path, size_t pathlen, long *n, char *why, size_t whylen);

#endif
