/* cmpview.h - the comparison of two handshakes (trace/compare.h) as text
 * a teacher can project (each step's rows in two columns, a line that
 * differs marked with '*' in the margin, a list of the differences at the
 * end) and as one JSON object (docs/json.md, "compare").  Formats into a
 * buffer; never prints. */
#ifndef TLSTRACE_CMPVIEW_H
#define TLSTRACE_CMPVIEW_H

#include "base/bytes.h"
#include "trace/compare.h"

/* What a side is: the words it was given as ("live --tls 1.3",
 * "capture.pcap#2") and the handshake it named. */
typedef struct {
	const char *label;       /* borrowed */
	const conn_t *conn;      /* borrowed */
	const handshake_t *hs;   /* borrowed */
} cmpview_side_t;

/* The mark at the start of a line that differs. */
#define CMPVIEW_MARK '*'

/* width: the columns of a line (at least 60; wider columns wrap less). */
err_t cmpview_text(buf_t *out, const cmp_t *c, const cmpview_side_t sides[2], unsigned width) WUR;
err_t cmpview_json(buf_t *out, const cmp_t *c, const cmpview_side_t sides[2]) WUR;

#endif
