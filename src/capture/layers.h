/* layers.h - one captured frame down to its TCP segment: the link layer
 * (link.c), IPv4 and IPv6 (ip.c), the tunnels between them (tunnel.c),
 * IP fragment reassembly (ipfrag.c), TCP (tcp.c).
 *
 * link.c, ip.c and tcp.c are pure functions over a cursor on the frame's
 * captured bytes: no state, no allocation, and nothing past the captured
 * length is ever read.  tunnel.c strings them together, encapsulation after
 * encapsulation, and keeps the only state (layers_t: fragments in flight).
 * Internal to src/capture. */
#ifndef TLSTRACE_CAPTURE_LAYERS_H
#define TLSTRACE_CAPTURE_LAYERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/cursor.h"

typedef enum {
	LAYER_OK,
	LAYER_SKIP,          /* not IP, or not TCP: nothing for us */
	LAYER_FRAGMENT,      /* an IP fragment held for reassembly (or dropped): nothing yet */
	LAYER_MALFORMED,     /* a header cut short, or a length that lies */
	LAYER_TOO_DEEP       /* more encapsulations than LAYERS_MAX_DEPTH: a loop or an attack */
} layer_t;

typedef enum { NET_NONE = 0, NET_IPV4 = 4, NET_IPV6 = 6, NET_ETHER = 1 } net_t;

/* TCP flags, RFC 9293 section 3.1 "Control bits". */
enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10 };

/* One encapsulation a packet came through, outermost first.  The id is
 * the tag, label, session, key, VNI or TEID that names it (see
 * layers_enc_str for how each is written). */
typedef enum {
	ENC_VLAN = 1,        /* IEEE 802.1Q / 802.1ad tag: id = VLAN ID */
	ENC_MPLS,            /* id = label */
	ENC_PPPOE,           /* id = session id */
	ENC_GRE,             /* id = key, when the K bit is set (has_id) */
	ENC_ERSPAN,          /* sub = type 1, 2 or 3; id = session id (types 2, 3) */
	ENC_VXLAN,           /* id = VNI */
	ENC_GENEVE,          /* id = VNI */
	ENC_GTPU,            /* id = TEID */
	ENC_IPIP,            /* IPv4 in IPv4 (protocol 4) */
	ENC_6IN4,            /* IPv6 in IPv4 (protocol 41) */
	ENC_4IN6,            /* IPv4 in IPv6 (next header 4) */
	ENC_6IN6             /* IPv6 in IPv6 (next header 41) */
} enc_kind_t;

typedef struct {
	uint8_t kind;        /* enc_kind_t */
	uint8_t sub;         /* ERSPAN type */
	uint8_t has_id;
	uint32_t id;
} enc_t;

/* Encapsulations recorded per packet (more are decoded, up to
 * LAYERS_MAX_DEPTH, but not listed: enc_more counts them). */
#define LAYERS_MAX_ENC 8
/* Tunnel, tag and label headers walked before a frame is refused as a loop. */
#define LAYERS_MAX_DEPTH 16

/* What happened to IP fragments on the way (pkt_t.frag). */
enum { FRAG_REASSEMBLED = 1, FRAG_OVERLAP = 2 };

typedef struct {
	uint8_t family;            /* 4 or 6 */
	uint8_t flags;             /* TCP_* */
	uint16_t sport, dport;
	uint32_t seq;
	uint8_t src[16], dst[16];  /* the innermost IP header's; IPv4 in the first 4 bytes, the rest zero */
	slice_t payload;           /* borrowed from the frame (or the reassembled datagram): the
	                              captured part of the TCP data */
	uint32_t lost;             /* TCP data the IP length promises beyond the captured bytes */
	uint8_t nenc, enc_more;    /* enc[0..nenc): the encapsulations, outermost first */
	uint8_t frag;              /* FRAG_*: the segment came from a reassembled datagram */
	bool udp;                  /* a UDP datagram that looks like DTLS (seq and flags 0),
	                              not a TCP segment */
	enc_t enc[LAYERS_MAX_ENC];
} pkt_t;

/* Counters of what the layers saw (the merger exposes them in
 * capture_stats_t). */
typedef struct {
	uint64_t fragments;        /* IP fragments seen */
	uint64_t reassembled;      /* datagrams completed from fragments */
	uint64_t frag_overlaps;    /* fragments that overlapped bytes already held (first kept) */
	uint64_t frag_dropped;     /* datagrams given up: timed out, evicted for room, or lying */
	uint64_t too_deep;         /* frames nesting more than LAYERS_MAX_DEPTH encapsulations */
	uint64_t tunneled;         /* TCP segments that came through at least one encapsulation */
} layers_stats_t;

typedef struct ipfrag ipfrag_t;

/* The state of the layers for one capture: fragments in flight.  Zero it
 * to start (no allocation until the first fragment); layers_free. */
typedef struct {
	ipfrag_t *frag;            /* owned: ipfrag_free */
	layers_stats_t stats;
} layers_t;

/* Appends one encapsulation to pkt's list (or counts it past the list's room). */
static inline void pkt_enc(pkt_t *pkt, enc_kind_t kind, uint8_t sub, bool has_id, uint32_t id)
{
	if (pkt->nenc < LAYERS_MAX_ENC)
		pkt->enc[pkt->nenc++] = (enc_t){ (uint8_t)kind, sub, has_id, id };
	else if (pkt->enc_more < 255)
		pkt->enc_more++;
}

/* Not a link type of any file: frames of a pcapng file whose interfaces
 * input.c rewrote, each starting with its own link type (input.h). */
enum { LINK_PCAPNG_MUX = 0x10000 };

/* True for the link types link_decode understands. */
bool link_supported(int dlt);
/* Skips the link-layer header of a frame of type dlt; on LAYER_OK *net
 * says which IP version follows and c is at the IP header.  VLAN tags,
 * MPLS labels and PPPoE sessions crossed are appended to pkt's list.
 * NET_ETHER is never returned: an Ethernet frame is walked here. */
layer_t link_decode(int dlt, cursor_t *c, net_t *net, pkt_t *pkt);
/* IPv4 or IPv6 by the first nibble of what c holds (left unread). */
layer_t link_nibble(const cursor_t *c, net_t *net);

/* An IP header, as ip_decode reads it. */
typedef struct {
	uint8_t proto;             /* the upper-layer protocol (IPv6: after the extension headers) */
	bool fragment;             /* part of a fragmented datagram: offset/more/id say which */
	bool more;
	uint32_t offset;           /* bytes */
	uint32_t id;
	uint32_t len;              /* the payload's length as the header declares it */
} ip_info_t;

/* Reads the IP header (and IPv6 extension headers) into pkt's addresses
 * and *ip; on LAYER_OK c covers exactly the captured part of the payload
 * (for a fragment, of the fragment's data).
 * uncaptured: bytes of the frame that were on the wire but not captured
 * (len - caplen); an IP length beyond those is a lie (LAYER_MALFORMED). */
layer_t ip_decode(net_t net, cursor_t *c, uint32_t uncaptured, pkt_t *pkt, ip_info_t *ip);
/* Walks IPv6 extension headers from `next` on (a reassembled datagram's
 * fragmentable part); on LAYER_OK ip->proto and ip->len are set and c
 * is at the upper-layer header. */
layer_t ip6_walk(cursor_t *c, uint8_t next, uint32_t plen, ip_info_t *ip);

/* Reads the TCP header; on LAYER_OK pkt's ports, seq, flags, payload and
 * lost are set. */
layer_t tcp_decode(cursor_t *c, uint32_t seglen, pkt_t *pkt);

/* ipfrag.c: one fragment (ip_decode said ip->fragment; c covers its
 * data).  When it completes its datagram: LAYER_OK, *c covers the
 * reassembled payload (valid until the next ipfrag_release), ip->proto
 * and ip->len describe it (IPv6: proto is the first fragment's next
 * header) and pkt->frag says how it went.  LAYER_FRAGMENT while it is
 * held, or when it was refused (counted).  time is capture time, for the
 * timeouts. */
layer_t ipfrag_add(layers_t *ls, pkt_t *pkt, ip_info_t *ip, cursor_t *c, double time);
/* Forgets the datagrams completed for the last frame. */
void ipfrag_release(ipfrag_t *f);
void ipfrag_free(ipfrag_t *f);

/* tunnel.c: one frame of link type dlt, through every encapsulation, to
 * its innermost TCP segment.  pkt is filled on LAYER_OK. */
layer_t layers_decode(layers_t *ls, int dlt, const uint8_t *data, size_t caplen, uint32_t uncaptured,
		      double time, pkt_t *pkt);
/* Writes one encapsulation as the JSON's tunnel list shows it: "vlan 100",
 * "mpls 16", "pppoe 0x0011", "gre", "gre key 7", "erspan 2 session 5",
 * "vxlan 42", "geneve 7", "gtp-u teid 0x1234", "ipip", "6in4", "4in6", "6in6". */
void layers_enc_str(const enc_t *e, char *buf, size_t len);
void layers_free(layers_t *ls);

/* pcapin.c: what the layers of a capture's run saw (for capture_stats_t
 * to carry, once it has the fields). */
typedef struct capture capture_t;
const layers_stats_t *pcapin_layers_stats(const capture_t *cap);

#endif
