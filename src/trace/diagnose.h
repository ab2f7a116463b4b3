/* diagnose.h - which step failed, on which side, and why.
 *
 * A failure belongs to the step whose check failed, not to where its alert
 * appears on the wire (DESIGN.md): a rejected certificate fails step 5, a
 * Finished that does not verify fails step 7 or 8, a server that cannot
 * answer the hello fails step 2. */
#ifndef TLSTRACE_DIAGNOSE_H
#define TLSTRACE_DIAGNOSE_H

#include "model.h"

/* Fills h->failure (or clears it) from the messages, the Finished checks
 * and any live evidence.  Message steps must be assigned already. */
void diagnose_handshake(handshake_t *h);
/* TLS 1.3 read without keys: both encrypted flights, then application
 * data both ways, so the handshake completed (its Finished not visible,
 * the outcome inferred).  False once anything failed. */
bool diagnose_tls13_complete_inferred(const handshake_t *h);

#endif
