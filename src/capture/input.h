/* input.h - the bytes under libpcap: a file as it is, standard input, or
 * a gzip or zstd stream decompressed on the way (input.c).
 *
 * Compression is told by the first bytes (magic numbers), never by the
 * name: gzip (RFC 1952 2.3.1: 1f 8b), zstd (RFC 8878 3.1.1: 28 b5 2f fd).
 * libpcap reads through a stdio FILE; a compressed stream or a pipe is
 * handed to it as a fopencookie FILE that decompresses as libpcap reads,
 * in bounded memory (one input buffer, the decompressor's window).
 * A pcapng file is rewritten on the way so that libpcap reads interfaces
 * of several link types (input.c, "pcapng with interfaces of several
 * link types").  Nothing is shelled out.  Private to src/capture. */
#ifndef TLSTRACE_CAPTURE_INPUT_H
#define TLSTRACE_CAPTURE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "base/err.h"

typedef struct input input_t;

/* A FILE for libpcap on fd (taken: closed by fclose of the FILE, also on
 * failure).  regular: fd is a regular file (its first bytes are read
 * with pread, and an uncompressed one is handed over as it is, the fast
 * path).  demux: a pcapng file may be rewritten so that interfaces of
 * several link types pass libpcap (see input.c; not with a BPF filter,
 * which is compiled for one link type).  *in: the cookie's state when one was needed (owned by the
 * FILE: freed by its fclose), else NULL.  NULL and *why on failure. */
FILE *input_open(int fd, bool regular, bool demux, const char *name, input_t **in, char *why, size_t whylen);
/* True when the input is a pcapng file handed to libpcap rewritten:
 * every frame then starts with 4 bytes, its link type (big-endian) and 2
 * zero bytes, and libpcap's link type means nothing (LINK_PCAPNG_MUX).
 * *first_linktype: the first interface's.  Known once libpcap opened it. */
bool input_muxed(const input_t *in, uint16_t *first_linktype);
/* "gzip" or "zstd" when the input is decompressed, else NULL. */
const char *input_codec(const input_t *in);
/* Why the stream stopped early (cut short, corrupt, a read error), or
 * NULL when it ended cleanly.  Valid until the FILE is closed. */
const char *input_error(const input_t *in);

#endif
