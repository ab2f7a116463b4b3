/* json.h - the JSON Lines view (../shared/TRACE-FORMAT.md, format 1): one
 * line per handshake, keys added, never renamed. */
#ifndef TLSTRACE_JSON_H
#define TLSTRACE_JSON_H

#include "../base/bytes.h"
#include "../trace/model.h"

/* Appends one line (ending in '\n') describing handshake h of c. */
err_t json_handshake(buf_t *out, const conn_t *c, const handshake_t *h) WUR;

#endif
