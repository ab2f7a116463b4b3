/* stats.h - one report over a whole capture (tlstrace read --stats):
 * handshakes by version, cipher suite, key exchange and outcome; failures
 * by step, side, alert and reason; the most frequent server names and
 * JA4s; every server certificate seen (deduplicated by its SHA-256), with
 * those expired or expiring within 30 days of the capture's time marked;
 * and what is weak, with counts and the first connections concerned.
 *
 * Streaming: each handshake is added as it is reported and then
 * forgotten; the memory kept is counters and tables of bounded size
 * (STATS_* below), whatever the capture's size.  A value met when its
 * table is full is counted under "untracked" (reported), never dropped
 * silently.  Written as text tables or as one JSON object (docs/json.md,
 * section --stats).  Must not: print, or keep a handshake. */
#ifndef TLSTRACE_STATS_H
#define TLSTRACE_STATS_H

#include "base/bytes.h"
#include "base/err.h"
#include "trace/model.h"

enum {
	STATS_KEYS_MAX = 4096,   /* distinct values each counting table tracks */
	STATS_CERTS_MAX = 4096,  /* distinct certificates listed */
	STATS_IDS_MAX = 5,       /* connections named per weakness or certificate */
	STATS_TOP = 10,          /* server names and JA4s shown */
};

typedef struct stats stats_t;

stats_t *stats_new(void);    /* NULL when out of memory */
void stats_free(stats_t *s);
/* Counts handshake h of connection c. */
err_t stats_add(stats_t *s, const conn_t *c, const handshake_t *h) WUR;
/* Appends the report: text tables, or one JSON object and '\n'. */
err_t stats_text(const stats_t *s, buf_t *out) WUR;
err_t stats_json(const stats_t *s, buf_t *out) WUR;

#endif
