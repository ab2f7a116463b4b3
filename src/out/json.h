/* json.h - the JSON Lines view (docs/json.md, format 1): one
 * line per handshake, keys added, never renamed. */
#ifndef TLSTRACE_JSON_H
#define TLSTRACE_JSON_H

#include "base/bytes.h"
#include "trace/model.h"

enum {
	JSON_FIELDS = 1 << 0,    /* each message's whole decoded field tree under "fields" */
};

/* Appends one line (ending in '\n') describing handshake h of c.
 * Without JSON_FIELDS each message carries a compact "details" object
 * (offered suites, extensions, chosen values) and "fields" is null. */
err_t json_handshake(buf_t *out, const conn_t *c, const handshake_t *h, unsigned flags) WUR;

#endif
