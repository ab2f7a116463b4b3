/* source_connect.h - tlstrace's client against a real server (net/connect.h)
 * behind the source interface.  A real server will not wait while a class
 * discusses step 3, so start runs the whole connection at once (and, after
 * a failure at step 2, the probes of net/probe.h), then yields one
 * recorded, final trace: the interface steps through it, the text and JSON
 * views emit it.  With `pause` (the interface's --pause) the run goes on
 * a thread of its own that is held between flights, and source_advance
 * lets it go one flight further, as the live pair does; the server may
 * give up meanwhile, which the source's warning says.  Its bytes are decoded exactly as the live pair's are,
 * with the client's own key log as evidence.  It cannot be re-run (the
 * server's answer is the server's). */
#ifndef TLSTRACE_SOURCE_CONNECT_H
#define TLSTRACE_SOURCE_CONNECT_H

#include <stdbool.h>
#include "base/bytes.h"
#include "net/connect.h"
#include "source.h"

typedef struct {
	net_connect_cfg_t net;   /* copied; its strings borrowed */
	bool no_probe;
	bool pause;              /* kept mode: hold the connection between flights */
} source_connect_cfg_t;

/* Nothing runs before source_start or source_run; ERR_NOMEM only. */
err_t source_connect_new(const source_connect_cfg_t *cfg, source_t **out) WUR;
/* The run's record (its chunks, the client's key log text), NULL before start. */
const net_connect_t *source_connect_record(const source_t *s);

#endif
