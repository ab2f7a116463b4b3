/* summary.h - one line per handshake, for going through a large capture:
 * connection.handshake, the endpoints, version, suite, key exchange, full
 * or resumed, where the master secret came from, both Finished verdicts,
 * the outcome (with the failing step, side, alert and reason), and the
 * client's JA4 ("-" without a ClientHello).  Every field is separated by
 * two spaces; the reason is plain English. */
#ifndef TLSTRACE_SUMMARY_H
#define TLSTRACE_SUMMARY_H

#include "base/bytes.h"
#include "trace/model.h"

/* Appends the line, '\n' included. */
err_t summary_handshake(buf_t *out, const conn_t *c, const handshake_t *h) WUR;

#endif
