/* sessions.h - the sessions a capture has established, so a later
 * abbreviated handshake can be resumed with the master secret of the one
 * that created it (RFC 5246 7.3: a session id; RFC 5077 3: a ticket). */
#ifndef TLSTRACE_SESSIONS_H
#define TLSTRACE_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef struct sessions sessions_t;

typedef struct {
	uint8_t master[48];
	uint16_t version, suite;
	unsigned connection;     /* where the session was made */
	int from;                /* secret_from_t of its master there */
} session_t;

/* A cache of the most recent sessions in about max_bytes (older ones are
 * forgotten, a generation at a time); sessions_new: 32 MB worth. */
sessions_t *sessions_new_bounded(size_t max_bytes);
sessions_t *sessions_new(void);
void sessions_free(sessions_t *s);
size_t sessions_mem(const sessions_t *s);
/* How many sessions were dropped to keep within the bound. */
unsigned long sessions_forgotten(const sessions_t *s);
/* Remembers a session under an id (a session id, or a ticket: any length;
 * tickets are keyed by their SHA-256).  The first entry for a key stays. */
err_t sessions_add(sessions_t *s, const uint8_t *key, size_t keylen, const session_t *sess);   /* a cache: failing only forgets */
const session_t *sessions_find(const sessions_t *s, const uint8_t *key, size_t keylen);

#endif
