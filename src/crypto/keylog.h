/* keylog.h - secrets keyed by client random, in the NSS key log format
 * (CLIENT_RANDOM and the TLS 1.3 labels).
 *
 * Loaded once into a hash table: a lookup is O(1), never a rescan.  The
 * live engine adds GnuTLS's own lines here, a capture's --keylog file is
 * parsed into the same table, so the decoder sees one source of secrets.
 * A followed file (keylog_follow) is one a browser or curl is still
 * writing: keylog_refresh reads the lines appended since, keeping a
 * partial last line for the next time. */
#ifndef TLSTRACE_KEYLOG_H
#define TLSTRACE_KEYLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef enum {
	KL_MASTER,           /* CLIENT_RANDOM: the 48-byte master secret (TLS <= 1.2) */
	KL_CLIENT_EARLY,     /* CLIENT_EARLY_TRAFFIC_SECRET */
	KL_CLIENT_HS,        /* CLIENT_HANDSHAKE_TRAFFIC_SECRET */
	KL_SERVER_HS,        /* SERVER_HANDSHAKE_TRAFFIC_SECRET */
	KL_CLIENT_APP0,      /* CLIENT_TRAFFIC_SECRET_0 */
	KL_SERVER_APP0,      /* SERVER_TRAFFIC_SECRET_0 */
	KL_EXPORTER,         /* EXPORTER_SECRET */
	KL__COUNT
} keylog_label_t;

#define KEYLOG_SECRET_MAX 64

typedef struct {
	uint8_t client_random[32];
	uint8_t secret[KL__COUNT][KEYLOG_SECRET_MAX];
	uint8_t len[KL__COUNT];      /* 0 = not known */
	bool conflict[KL__COUNT];    /* a second, different value was offered */
} keylog_entry_t;

typedef struct keylog keylog_t;

typedef struct {
	unsigned long lines, entries, bad_lines, unknown_labels, conflicts;
	unsigned long first_bad_line;    /* 1-based, 0 if none */
	char first_bad_why[96];
} keylog_stats_t;

keylog_t *keylog_new(void);
void keylog_free(keylog_t *kl);
/* The label's NSS name ("CLIENT_RANDOM", ...), and back (-1 if unknown). */
const char *keylog_label_name(keylog_label_t l);
int keylog_label_parse(const char *s, size_t n);

err_t keylog_add(keylog_t *kl, keylog_label_t l, const uint8_t client_random[32],
		 const uint8_t *secret, size_t len) WUR;
/* One line of the NSS format.  Blank lines and '#' comments are fine;
 * anything else malformed is ERR_FORMAT with *why set. */
err_t keylog_add_line(keylog_t *kl, const char *line, size_t n, const char **why) WUR;
/* Reads a whole file; bad lines are counted in *st, not fatal.
 * ERR_IO if the file cannot be read. */
err_t keylog_load(keylog_t *kl, const char *path, keylog_stats_t *st) WUR;
/* Follow mode: loads what path holds now (a file that does not exist yet
 * is fine: it is looked for again at each refresh) and remembers where
 * it stopped.  ERR_IO if it exists and cannot be read. */
err_t keylog_follow(keylog_t *kl, const char *path, keylog_stats_t *st) WUR;
/* Follow mode: reads the complete lines appended since the last call (a
 * line still being written waits for its newline; a file that shrank is
 * read again from the start).  *added: the lines taken in.  ERR_OK when
 * nothing is new; ERR_UNSUPPORTED when keylog_follow was not called. */
err_t keylog_refresh(keylog_t *kl, keylog_stats_t *st, unsigned long *added) WUR;
const keylog_entry_t *keylog_find(const keylog_t *kl, const uint8_t client_random[32]);
/* "LABEL <64 hex> <hex>\n" into out; returns the length written (0 if cap too small). */
size_t keylog_format_line(keylog_label_t l, const uint8_t client_random[32], const uint8_t *secret,
			  size_t len, char *out, size_t cap);

#endif
