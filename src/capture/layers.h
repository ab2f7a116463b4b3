/* layers.h - one captured frame down to its TCP segment: the link layer
 * (link.c), IPv4 and IPv6 (ip.c), TCP (tcp.c).
 *
 * Pure functions over a cursor on the frame's captured bytes: no state, no
 * allocation, and nothing past the captured length is ever read.  They do
 * not reassemble anything, not even IP fragments (those are skipped and
 * counted).  Internal to src/capture. */
#ifndef TLSTRACE_CAPTURE_LAYERS_H
#define TLSTRACE_CAPTURE_LAYERS_H

#include <stdbool.h>
#include <stdint.h>
#include "base/cursor.h"

typedef enum {
	LAYER_OK,
	LAYER_SKIP,          /* not IP, or not TCP: nothing for us */
	LAYER_FRAGMENT,      /* an IP fragment: skipped, there is no IP reassembly */
	LAYER_MALFORMED      /* a header cut short, or a length that lies */
} layer_t;

typedef enum { NET_IPV4 = 4, NET_IPV6 = 6 } net_t;

/* TCP flags, RFC 9293 section 3.1 "Control bits". */
enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10 };

typedef struct {
	uint8_t family;            /* 4 or 6 */
	uint8_t flags;             /* TCP_* */
	uint16_t sport, dport;
	uint32_t seq;
	uint8_t src[16], dst[16];  /* IPv4 in the first 4 bytes, the rest zero */
	slice_t payload;           /* borrowed from the frame: the captured part of the TCP data */
	uint32_t lost;             /* TCP data the IP length promises beyond the captured bytes */
} pkt_t;

/* True for the link types link_decode understands. */
bool link_supported(int dlt);
/* Skips the link-layer header of a frame of type dlt; on LAYER_OK *net
 * says which IP version follows and c is at the IP header. */
layer_t link_decode(int dlt, cursor_t *c, net_t *net);

/* Reads the IP header (and IPv6 extension headers) into pkt's addresses;
 * on LAYER_OK c covers exactly the captured part of the TCP segment and
 * *seglen is the segment's length as the IP header declares it.
 * uncaptured: bytes of the frame that were on the wire but not captured
 * (len - caplen); an IP length beyond those is a lie (LAYER_MALFORMED). */
layer_t ip_decode(net_t net, cursor_t *c, uint32_t uncaptured, pkt_t *pkt, uint32_t *seglen);

/* Reads the TCP header; on LAYER_OK pkt's ports, seq, flags, payload and
 * lost are set. */
layer_t tcp_decode(cursor_t *c, uint32_t seglen, pkt_t *pkt);

#endif
