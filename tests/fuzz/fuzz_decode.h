/* fuzz_decode.h - the input format of fuzz_decode, shared with the seed
 * maker (mkseed_decode.c) that writes it from a capture and its key log:
 *
 *   u16 (big-endian) L, then L bytes of key log text (NSS format: lines
 *   that do not parse are skipped);
 *   then chunks until the input ends, each
 *     u8 flags: bit 0 the sender (0 client, 1 server), bit 1 a gap,
 *       bit 2 (read on the first chunk) the connection is DTLS: each
 *       chunk is then one datagram (decoder_dtls)
 *     u16 (big-endian) n
 *     n bytes the sender sent (none for a gap: n bytes were never captured).
 *
 * A chunk cut by the end of the input is fed as far as it goes. */
#ifndef TLSTRACE_FUZZ_DECODE_H
#define TLSTRACE_FUZZ_DECODE_H

enum {
	FUZZ_CHUNK_SERVER = 1 << 0,
	FUZZ_CHUNK_GAP = 1 << 1,
	FUZZ_CHUNK_DTLS = 1 << 2,
};

#endif
