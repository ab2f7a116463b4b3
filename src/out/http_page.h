/* http_page.h - the page tlstrace serve answers an HTTP request with: a
 * client's own handshake in a few plain lines (what it offered: versions,
 * suites, groups, extensions, server name, ALPN, its JA3 and JA4; what the
 * server chose; the Finished verdicts), so a class pointing browsers at
 * the teacher's machine sees each browser's ClientHello.  Plain text
 * (text/plain): the client's own strings (its server name) cannot become
 * markup.  Reads the trace model only; never prints. */
#ifndef TLSTRACE_HTTP_PAGE_H
#define TLSTRACE_HTTP_PAGE_H

#include "base/bytes.h"
#include "base/err.h"
#include "trace/model.h"

/* Appends the page about handshake h of connection c to out. */
err_t http_page_write(buf_t *out, const conn_t *c, const handshake_t *h) WUR;

#endif
