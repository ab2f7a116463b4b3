/* secret_rows_int.h - inside the secret rows module: the kinds of row
 * (the index of srow_defs[] in secret_rows.c) and the helpers the builder
 * (secret_rows_build.c) appends rows with.  Not for views. */
#ifndef TLSTRACE_SECRET_ROWS_INT_H
#define TLSTRACE_SECRET_ROWS_INT_H

#include "secret_rows.h"

/* Every row a handshake can have, in the order they are shown. */
typedef enum {
	SR_CLIENT_RANDOM, SR_SERVER_RANDOM, SR_VERSION, SR_SUITE, SR_OPTIONS,
	SR_TRAFFIC_NONE, SR_CLIENT_HS, SR_SERVER_HS, SR_CLIENT_HS_KEY, SR_CLIENT_HS_IV,
	SR_SERVER_HS_KEY, SR_SERVER_HS_IV, SR_CLIENT_APP, SR_SERVER_APP, SR_EXPORTER,
	SR_CLIENT_APP_KEY, SR_CLIENT_APP_IV, SR_SERVER_APP_KEY, SR_SERVER_APP_IV,
	SR_PREMASTER, SR_SESSION_HASH, SR_MASTER_FORMULA, SR_PRF_A1, SR_PRF_B1, SR_PRF_A2, SR_PRF_B2,
	SR_PRF_A3, SR_PRF_B3, SR_MASTER, SR_MASTER_REPORTED, SR_MASTER_AGREES, SR_RSA_KEY,
	SR_CLIENT_SIDE_MASTER, SR_SERVER_SIDE_MASTER,
	SR_KEY_BLOCK_FORMULA, SR_KEY_BLOCK, SR_CLIENT_MAC, SR_CLIENT_KEY, SR_CLIENT_IV,
	SR_SERVER_MAC, SR_SERVER_KEY, SR_SERVER_IV,
	SR_FIN_LABEL, SR_FIN_TH = SR_FIN_LABEL + 2, SR_FIN_KEY = SR_FIN_TH + 2,
	SR_FIN_EXPECTED = SR_FIN_KEY + 2, SR_FIN_RECEIVED = SR_FIN_EXPECTED + 2,
	SR_FIN_VERDICT = SR_FIN_RECEIVED + 2, SR_APP = SR_FIN_VERDICT + 2,
	SR__COUNT = SR_APP + 2
} srow_kind_t;

/* Appends the row of kind k with the table's id, label, sentence, group,
 * step, side and flags (a scratch row, and l->truncated, when full). */
srow_t *srow_put(srow_list_t *l, srow_kind_t k);
/* The same with bytes (n == 0: no value). */
srow_t *srow_bytes(srow_list_t *l, srow_kind_t k, const uint8_t *p, size_t n);
/* Text kept in the list's pool. */
const char *srow_printf(srow_list_t *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
