/* cli_stream.c - handshakes written one at a time as they end, for the
 * commands that run until stopped (sniff, serve): each is rendered in the
 * chosen view into a buffer, which is written and flushed whenever the
 * source has nothing more waiting, so a line never waits long.
 * Command-line code: it writes to standard output. */
#include <stdio.h>
#include "cli.h"
#include "out/json.h"
#include "out/summary.h"
#include "out/text.h"

void cli_stream_emit(cli_stream_t *m, const conn_t *c, const handshake_t *h)
{
	err_t e;

	switch (m->view) {
	case VIEW_JSON:    e = json_handshake(&m->out, c, h, m->json_flags); break;
	case VIEW_SUMMARY: e = summary_handshake(&m->out, c, h); break;
	default:           e = text_handshake(&m->out, c, h); break;
	}
	if (e == ERR_OK && m->view == VIEW_TEXT)
		e = buf_append(&m->out, "\n", 1);
	if (e != ERR_OK)
		m->failed = true;
}

void cli_stream_flush(void *ctx)
{
	cli_stream_t *m = ctx;

	if (m->out.len && (fwrite(m->out.ptr, 1, m->out.len, stdout) != m->out.len || fflush(stdout) != 0))
		m->failed = true;
	m->out.len = 0;
}
