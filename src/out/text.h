/* text.h - the readable transcript: for each step its number and title,
 * who sends what to whom, the fields that matter, the secrets with how
 * they were obtained, and one sentence on what the step achieves. */
#ifndef TLSTRACE_TEXT_H
#define TLSTRACE_TEXT_H

#include "base/bytes.h"
#include "trace/model.h"

err_t text_handshake(buf_t *out, const conn_t *c, const handshake_t *h) WUR;

#endif
