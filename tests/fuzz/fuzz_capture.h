/* fuzz_capture.h - what the two capture targets share: a capture file
 * read through analyze_capture, the path `tlstrace read` takes, with
 * every handshake written as text and as JSON with field trees (the
 * writers see whatever the decoder made of the input). */
#ifndef TLSTRACE_FUZZ_CAPTURE_H
#define TLSTRACE_FUZZ_CAPTURE_H

#include "fuzz.h"
#include "capture/analyze.h"
#include "out/json.h"
#include "out/text.h"

static void fuzz_capture_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	buf_t out = { 0 };

	(void)ctx;
	fuzz_any(text_handshake(&out, c, h));
	fuzz_any(json_handshake(&out, c, h, JSON_FIELDS));
	buf_free(&out);
}

/* Reads the capture at path (a file, or a pipe's /proc/self/fd/N). */
static void fuzz_capture_read(const char *path)
{
	analyze_opts_t o = { .path = path, .only_connection = -1, .emit = fuzz_capture_emit };
	analyze_result_t res;
	char why[256];

	fuzz_any(analyze_capture(&o, &res, why, sizeof why));
}

#endif
