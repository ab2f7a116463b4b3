/* tcp.c - the TCP header of one segment (see layers.h).
 *
 * Reads ports, sequence number, flags and the data offset, and points at
 * the payload inside the frame (no copy).  It keeps no state: ordering the
 * bytes is reasm.c's job, and which connection they belong to flows.c's. */
#include "layers.h"

layer_t tcp_decode(cursor_t *c, uint32_t seglen, pkt_t *pkt)
{
	uint16_t off_flags;
	uint32_t ack, hlen;

	if (cursor_u16(c, &pkt->sport) || cursor_u16(c, &pkt->dport) || cursor_u32(c, &pkt->seq)
	    || cursor_u32(c, &ack) || cursor_u16(c, &off_flags))
		return LAYER_MALFORMED;
	/* RFC 9293 3.1: "Data Offset (DOffset): 4 bits.  The number of 32-bit
	 * words in the TCP header.  This indicates where the data begins."
	 * The fixed header alone is 5 words, so less is a lie; and the header
	 * cannot be longer than the segment the IP header announced. */
	hlen = (uint32_t)(off_flags >> 12) * 4;
	if (hlen < 20 || hlen > seglen)
		return LAYER_MALFORMED;
	/* window, checksum, urgent pointer, then the options: if the capture
	 * cut them short the header is unusable. */
	if (cursor_skip(c, 6) || cursor_skip(c, hlen - 20))
		return LAYER_MALFORMED;
	pkt->flags = (uint8_t)off_flags;
	if (cursor_rest(c, &pkt->payload))
		return LAYER_MALFORMED;
	/* What the IP length promised but the capture (snaplen) did not keep. */
	pkt->lost = seglen - hlen - (uint32_t)pkt->payload.len;
	return LAYER_OK;
}
