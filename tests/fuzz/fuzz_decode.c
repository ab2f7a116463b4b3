/* fuzz_decode.c - libFuzzer target: the stream decoder
 * (src/trace/decode.h) fed chunk by chunk, with keys.
 *
 * The input (fuzz_decode.h) carries its own key log lines, the seeds
 * those that match their ClientHello's client random, so that the
 * decoder derives keys and decrypts; built with TLSTRACE_FUZZ, every MAC
 * and AEAD tag verifies (src/crypto/rcrypt.c), so mutated ciphertext
 * reaches the parsers of decrypted messages (with a stream cipher or
 * GCM, flipping a ciphertext bit flips the same plaintext bit).  Every
 * handshake is written as text and as JSON with field trees.  Seeds:
 * build/fuzz/seeds/decode/, one per connection of captures/ *.pcap,
 * made by mkseed_decode.  Running it: tests/fuzz/run.sh and README.md
 * "Fuzzing". */
#include "fuzz.h"
#include "fuzz_decode.h"
#include "out/json.h"
#include "out/text.h"
#include "trace/decode.h"

static void fuzz_done(void *ctx, conn_t *c, handshake_t *h)
{
	buf_t out = { 0 };

	(void)ctx;
	fuzz_any(text_handshake(&out, c, h));
	fuzz_any(json_handshake(&out, c, h, JSON_FIELDS));
	buf_free(&out);
}

/* The key log section; returns the bytes it took. */
static size_t fuzz_keys(keylog_t *kl, const uint8_t *data, size_t size)
{
	size_t len, off = 2;

	if (size < 2)
		return size;
	len = (size_t)data[0] << 8 | data[1];
	if (len > size - 2)
		len = size - 2;
	while (off < 2 + len) {
		const uint8_t *nl = memchr(data + off, '\n', 2 + len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) : 2 + len - off;
		const char *why = NULL;

		fuzz_any(keylog_add_line(kl, (const char *)data + off, n, &why));
		off += n + 1;
	}
	return 2 + len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	keylog_t *kl = keylog_new();
	sessions_t *ss = sessions_new();
	conn_t *c = conn_new(0, "fuzz");
	decoder_t *d = NULL;
	evidence_t ev = { .keylog = kl, .sessions = ss };
	size_t off;
	uint32_t frame = 1;

	if (!kl || !ss || !c || !(d = decoder_new(c, &ev, fuzz_done, NULL)))
		goto out;
	off = fuzz_keys(kl, data, size);
	while (off + 3 <= size) {
		uint8_t flags = data[off];
		size_t n = (size_t)data[off + 1] << 8 | data[off + 2];
		int sender = flags & FUZZ_CHUNK_SERVER ? SIDE_SERVER : SIDE_CLIENT;

		off += 3;
		if (frame == 1 && (flags & FUZZ_CHUNK_DTLS) && !decoder_dtls(d))
			break;
		if (flags & FUZZ_CHUNK_GAP) {
			decoder_gap(d, sender, n, frame);
		} else {
			if (n > size - off)
				n = size - off;
			decoder_feed(d, sender, data + off, n, frame, frame * 0.001);
			off += n;
		}
		frame++;
	}
	decoder_finish(d);
out:
	if (d)
		decoder_free(d);
	conn_free(c);
	sessions_free(ss);
	keylog_free(kl);
	return 0;
}
