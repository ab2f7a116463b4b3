/* mkseed_decode.c - writes fuzz_decode's seeds: one file per TLS
 * connection of a capture, in fuzz_decode.h's format, carrying the key
 * log lines of the capture's key log that name the connection's client
 * random (so the fuzzer decrypts from the first run on) and the bytes
 * each side sent, chunk by chunk as the packets carried them.
 *
 *   mkseed_decode CAPTURE KEYLOG OUTDIR
 *
 * Built from the plain library (build/); run by tests/fuzz/run.sh, which
 * keeps its output in build/fuzz/seeds/decode/.  A tool: it prints and
 * exits, unlike the targets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/bytes.h"
#include "capture/capture.h"
#include "fuzz_decode.h"

typedef struct {
	unsigned stream;
	buf_t chunks;            /* owned: the chunks so far */
	char random_hex[65];     /* the ClientHello's client random, "" until seen */
	uint8_t dtls;            /* FUZZ_CHUNK_DTLS for a DTLS connection, else 0 */
} seed_conn_t;

typedef struct {
	const char *base;        /* the capture's file name, without .pcap */
	const char *outdir;
	buf_t keys;              /* owned: the key log file */
	int written, failed;
} seed_ctx_t;

static void *seed_open(void *ctx, const capture_flow_t *flow)
{
	seed_conn_t *sc = calloc(1, sizeof *sc);

	(void)ctx;
	if (sc) {
		sc->stream = flow->stream;
		sc->dtls = flow->udp ? FUZZ_CHUNK_DTLS : 0;
	}
	return sc;
}

static void seed_chunk(seed_conn_t *sc, uint8_t flags, const uint8_t *p, size_t n)
{
	uint8_t h[3] = { (uint8_t)(flags | sc->dtls), (uint8_t)(n >> 8), (uint8_t)n };

	if (buf_append(&sc->chunks, h, 3) != ERR_OK || buf_append(&sc->chunks, p, p ? n : 0) != ERR_OK)
		abort();
}

static void seed_data(void *ctx, void *conn, int sender, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	seed_conn_t *sc = conn;
	size_t i;

	(void)ctx;
	(void)frame;
	(void)time;
	/* rfc8446#section-4.1.2: the record header (5), the handshake header
	 * (4), legacy_version (2), then Random random (32). */
	if (sender == 0 && !sc->random_hex[0] && n >= 43 && p[0] == 0x16 && p[5] == 1 && !sc->dtls)
		for (i = 0; i < 32; i++)
			snprintf(sc->random_hex + 2 * i, 3, "%02x", p[11 + i]);
	/* rfc6347#section-4.1, 4.2.2: DTLS's record header is 13 bytes and
	 * its handshake header 12. */
	if (sender == 0 && !sc->random_hex[0] && n >= 59 && p[0] == 0x16 && p[13] == 1 && sc->dtls)
		for (i = 0; i < 32; i++)
			snprintf(sc->random_hex + 2 * i, 3, "%02x", p[27 + i]);
	for (i = 0; i < n; i += 0xffff)
		seed_chunk(sc, sender ? FUZZ_CHUNK_SERVER : 0, p + i, n - i < 0xffff ? n - i : 0xffff);
}

static void seed_gap(void *ctx, void *conn, int sender, uint64_t missing, uint32_t frame)
{
	(void)ctx;
	(void)frame;
	seed_chunk(conn, (uint8_t)((sender ? FUZZ_CHUNK_SERVER : 0) | FUZZ_CHUNK_GAP), NULL,
		   missing > 0xffff ? 0xffff : (size_t)missing);
}

/* The key log lines naming hex (any case), joined. */
static void seed_keys(const seed_ctx_t *x, const char *hex, buf_t *out)
{
	const char *p = (const char *)x->keys.ptr, *end = p + x->keys.len;

	while (hex[0] && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		const char *sp = memchr(p, ' ', n);

		if (sp && (size_t)(p + n - sp) > 64 && strncasecmp(sp + 1, hex, 64) == 0
		    && buf_append(out, p, n) != ERR_OK)
			abort();
		p += n;
	}
}

static void seed_close(void *ctx, void *conn)
{
	seed_ctx_t *x = ctx;
	seed_conn_t *sc = conn;
	buf_t keys = { 0 };
	char path[4096];
	uint8_t h[2];
	FILE *f;

	seed_keys(x, sc->random_hex, &keys);
	if (keys.len > 0xffff)
		keys.len = 0;
	h[0] = (uint8_t)(keys.len >> 8);
	h[1] = (uint8_t)keys.len;
	snprintf(path, sizeof path, "%s/%s-%u", x->outdir, x->base, sc->stream);
	f = fopen(path, "wb");
	if (f && fwrite(h, 1, 2, f) == 2 && fwrite(keys.ptr, 1, keys.len, f) == keys.len
	    && fwrite(sc->chunks.ptr, 1, sc->chunks.len, f) == sc->chunks.len && fclose(f) == 0) {
		x->written++;
	} else {
		fprintf(stderr, "mkseed_decode: cannot write %s\n", path);
		if (f)
			fclose(f);
		x->failed++;
	}
	buf_free(&keys);
	buf_free(&sc->chunks);
	free(sc);
}

int main(int argc, char **argv)
{
	static const capture_sink_t sink = { seed_open, seed_data, seed_gap, seed_close, NULL, NULL, NULL, NULL };
	seed_ctx_t x = { 0 };
	char why[256], base[256], *dot;
	const char *slash;
	capture_t *cap;

	if (argc != 4) {
		fprintf(stderr, "usage: mkseed_decode CAPTURE KEYLOG OUTDIR\n");
		return 2;
	}
	slash = strrchr(argv[1], '/');
	snprintf(base, sizeof base, "%s", slash ? slash + 1 : argv[1]);
	if ((dot = strrchr(base, '.')))
		*dot = '\0';
	x.base = base;
	x.outdir = argv[3];
	if (buf_read_file(&x.keys, argv[2], 1 << 20) != ERR_OK) {
		fprintf(stderr, "mkseed_decode: cannot read %s\n", argv[2]);
		return 1;
	}
	if (capture_open(argv[1], NULL, &cap, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "mkseed_decode: %s\n", why);
		return 1;
	}
	if (capture_run(cap, &sink, &x) != ERR_OK)
		x.failed++;
	capture_close(cap);
	buf_free(&x.keys);
	return x.failed ? 1 : 0;
}
