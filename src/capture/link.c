/* link.c - the link-layer headers a capture of TCP traffic is likely to
 * have, down to the IP header (see layers.h): Ethernet with VLAN tags,
 * MPLS labels and PPPoE, Linux cooked, BSD loopback, raw IP, PPP, and
 * 802.11 data frames (bare or under radiotap).
 *
 * Formats as tcpdump.org's "Link-layer header types" page describes them.
 * Anything else is refused when the file is opened (link_supported), so a
 * frame never reaches here with a link type we cannot read.  This file
 * only finds where IP starts; it does not look at IP. */
#include <pcap/pcap.h>
#include "layers.h"

/* LINKTYPE_RAW is 101 in files; libpcap hands it to us as DLT_RAW, which
 * is 12 on most systems and 14 on OpenBSD; a file written there can carry
 * either number. */
enum {
	LINK_RAW_12 = 12, LINK_RAW_14 = 14, LINK_RAW_101 = 101,
	LINK_IPV4 = 228, LINK_IPV6 = 229,          /* LINKTYPE_IPV4, LINKTYPE_IPV6 */
	LINK_SLL = 113, LINK_SLL2 = 276,           /* LINKTYPE_LINUX_SLL, _SLL2 */
	LINK_NULL = 0, LINK_LOOP = 108,            /* LINKTYPE_NULL, LINKTYPE_LOOP */
	LINK_PPP = 9, LINK_PPP_HDLC = 50,          /* LINKTYPE_PPP, LINKTYPE_PPP_HDLC */
	LINK_80211 = 105, LINK_RADIOTAP = 127      /* LINKTYPE_IEEE802_11, _RADIOTAP */
};

enum {
	ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd,
	ETHERTYPE_VLAN = 0x8100, ETHERTYPE_QINQ = 0x88a8, ETHERTYPE_QINQ_OLD = 0x9100,
	ETHERTYPE_MPLS = 0x8847, ETHERTYPE_MPLS_MC = 0x8848,
	ETHERTYPE_PPPOE = 0x8864
};

/* How many tags and labels may be stacked before we call the frame malformed. */
#define LINK_MAX_TAGS 8

bool link_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case LINK_SLL: case LINK_SLL2:
	case LINK_NULL: case LINK_LOOP:
	case LINK_RAW_12: case LINK_RAW_14: case LINK_RAW_101:
	case LINK_IPV4: case LINK_IPV6:
	case LINK_PPP: case LINK_PPP_HDLC:
	case LINK_80211: case LINK_RADIOTAP:
	case LINK_PCAPNG_MUX:
		return true;
	default:
		return false;
	}
}

/* The IP version from the first nibble, for headers that do not say
 * what follows (MPLS, GTP-U, raw IP). */
layer_t link_nibble(const cursor_t *c, net_t *net)
{
	cursor_t peek = *c;
	uint8_t v;

	if (cursor_u8(&peek, &v))
		return LAYER_MALFORMED;
	if (v >> 4 == 4)
		*net = NET_IPV4;
	else if (v >> 4 == 6)
		*net = NET_IPV6;
	else
		return LAYER_SKIP;
	return LAYER_OK;
}

static layer_t link_ethernet(cursor_t *c, net_t *net, pkt_t *pkt);

/* RFC 3032 2.1: a label stack entry is label (20 bits), traffic class
 * (3), bottom of stack (1), TTL (8).  Below the bottom label, RFC 3032
 * leaves the payload's type to the label's meaning: we look at the first
 * nibble (4, 6), and a zero nibble is the RFC 4385 pseudowire control
 * word, with an Ethernet frame after it (RFC 4448). */
static layer_t link_mpls(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint32_t entry;
	int n = 0;
	layer_t r;

	do {
		if (++n > LINK_MAX_TAGS || cursor_u32(c, &entry))
			return LAYER_MALFORMED;
		pkt_enc(pkt, ENC_MPLS, 0, true, entry >> 12);
	} while (!(entry & 0x100));
	r = link_nibble(c, net);
	if (r == LAYER_SKIP) {
		cursor_t peek = *c;
		uint8_t first;

		if (cursor_u8(&peek, &first) == ERR_OK && first >> 4 == 0) {
			if (cursor_skip(c, 4))
				return LAYER_MALFORMED;
			return link_ethernet(c, net, pkt);
		}
	}
	return r;
}

/* The PPP Protocol field (RFC 1661 2): IPv4 0x0021 (RFC 1332), IPv6
 * 0x0057 (RFC 5072).  RFC 1661 6.5, Protocol-Field-Compression: "the
 * least significant bit of the least significant octet is 1", so a first
 * octet with that bit set is a one-octet field. */
static layer_t link_ppp_proto(cursor_t *c, net_t *net)
{
	uint8_t hi, lo;
	uint16_t proto;

	if (cursor_u8(c, &hi))
		return LAYER_MALFORMED;
	if (hi & 1)
		proto = hi;
	else if (cursor_u8(c, &lo))
		return LAYER_MALFORMED;
	else
		proto = (uint16_t)(hi << 8 | lo);
	if (proto == 0x0021)
		*net = NET_IPV4;
	else if (proto == 0x0057)
		*net = NET_IPV6;
	else
		return LAYER_SKIP;
	return LAYER_OK;
}

/* RFC 2516 4: PPPoE session stage: VER (4 bits) = 1, TYPE (4) = 1, CODE
 * = 0, SESSION_ID (16), LENGTH (16), then the PPP Protocol field. */
static layer_t link_pppoe(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint8_t vt, code;
	uint16_t session, len;

	if (cursor_u8(c, &vt) || cursor_u8(c, &code) || cursor_u16(c, &session) || cursor_u16(c, &len))
		return LAYER_MALFORMED;
	if (vt != 0x11 || code != 0)
		return LAYER_SKIP;
	pkt_enc(pkt, ENC_PPPOE, 0, true, session);
	return link_ppp_proto(c, net);
}

/* What an EtherType announces: IP, or one more header to walk. */
static layer_t link_ethertype(uint16_t type, cursor_t *c, net_t *net, pkt_t *pkt)
{
	int tags = 0;

	/* IEEE 802.1Q: a tag (TPID 0x8100), or a 802.1ad service tag (0x88a8,
	 * and the older pre-standard 0x9100), puts 2 bytes of TCI (priority
	 * 3 bits, DEI 1, VLAN ID 12) and another EtherType in between; Q-in-Q
	 * stacks them. */
	while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
		uint16_t tci;

		if (++tags > LINK_MAX_TAGS || cursor_u16(c, &tci) || cursor_u16(c, &type))
			return LAYER_MALFORMED;
		pkt_enc(pkt, ENC_VLAN, 0, true, tci & 0x0fff);
	}
	switch (type) {
	case ETHERTYPE_IPV4: *net = NET_IPV4; return LAYER_OK;
	case ETHERTYPE_IPV6: *net = NET_IPV6; return LAYER_OK;
	case ETHERTYPE_MPLS: case ETHERTYPE_MPLS_MC: return link_mpls(c, net, pkt);
	case ETHERTYPE_PPPOE: return link_pppoe(c, net, pkt);
	default: return LAYER_SKIP;   /* ARP, LLDP, and an 802.3 length (below 0x0600) */
	}
}

/* IEEE 802.3: destination (6), source (6), then an EtherType. */
static layer_t link_ethernet(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint16_t type;

	if (cursor_skip(c, 12) || cursor_u16(c, &type))
		return LAYER_MALFORMED;
	return link_ethertype(type, c, net, pkt);
}

/* IEEE 802.11-2020 9.2.4.1 Frame Control: protocol version (2 bits),
 * type (2; 2 = data), subtype (4; bit 3 = QoS), then To DS, From DS, ...,
 * Protected Frame (0x40 of the second byte), +HTC/Order (0x80).  A data
 * frame's header is 24 bytes, 30 with the fourth address (To DS and From
 * DS both set), +2 for QoS Control, +4 for HT Control (QoS frames with
 * +HTC).  Then IEEE 802.2 LLC with SNAP (RFC 1042): AA AA 03, OUI 00 00 00
 * (or 00 00 f8, 802.1H), and the EtherType.  Protected frames are
 * encrypted (WEP/WPA): nothing to read. */
static layer_t link_80211(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint8_t fc0, fc1, llc[6];
	uint16_t type;
	size_t hlen = 24;

	if (cursor_u8(c, &fc0) || cursor_u8(c, &fc1))
		return LAYER_MALFORMED;
	if ((fc0 & 0x03) != 0 || ((fc0 >> 2) & 3) != 2)
		return LAYER_SKIP;               /* not version 0, or not a data frame */
	if (fc0 & 0x40)
		return LAYER_SKIP;               /* a null function (subtype bit 2): no body */
	if (fc1 & 0x40)
		return LAYER_SKIP;               /* protected */
	if ((fc1 & 0x03) == 0x03)
		hlen += 6;
	if (fc0 & 0x80) {
		hlen += 2;
		if (fc1 & 0x80)
			hlen += 4;
	}
	if (cursor_skip(c, hlen - 2) || cursor_copy(c, llc, 6) || cursor_u16(c, &type))
		return LAYER_MALFORMED;
	if (llc[0] != 0xaa || llc[1] != 0xaa || llc[2] != 0x03 || llc[3] != 0 || llc[4] != 0
	    || (llc[5] != 0 && llc[5] != 0xf8))
		return LAYER_SKIP;
	return link_ethertype(type, c, net, pkt);
}

/* Radiotap (radiotap.org, "Radiotap header"): version (1) = 0, pad (1),
 * it_len (2, little-endian: the whole radiotap header), it_present ...;
 * an 802.11 frame follows.  A frame check sequence at the end (flag FCS)
 * is cut off by the IP length later. */
static layer_t link_radiotap(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint8_t ver, pad, lo, hi;
	size_t len;

	if (cursor_u8(c, &ver) || cursor_u8(c, &pad) || cursor_u8(c, &lo) || cursor_u8(c, &hi))
		return LAYER_MALFORMED;
	(void)pad;
	len = (size_t)lo | (size_t)hi << 8;
	if (ver != 0 || len < 8 || cursor_skip(c, len - 4))
		return LAYER_MALFORMED;
	return link_80211(c, net, pkt);
}

/* RFC 1662 3.1: PPP in HDLC-like framing: address 0xff, control 0x03
 * (omitted when compressed, RFC 1661 6.6), then the protocol. */
static layer_t link_ppp(cursor_t *c, net_t *net)
{
	cursor_t peek = *c;
	uint16_t proto;

	if (cursor_u16(&peek, &proto) == ERR_OK && proto == 0xff03)
		*c = peek;
	return link_ppp_proto(c, net);
}

/* Linux cooked v1: packet type (2), ARPHRD type (2), address length (2),
 * address (8, padded), protocol (2, an EtherType for IP). */
static layer_t link_sll(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint16_t proto;

	if (cursor_skip(c, 14) || cursor_u16(c, &proto))
		return LAYER_MALFORMED;
	return link_ethertype(proto, c, net, pkt);
}

/* Linux cooked v2: protocol (2), reserved (2), interface index (4),
 * ARPHRD type (2), packet type (1), address length (1), address (8). */
static layer_t link_sll2(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint16_t proto;

	if (cursor_u16(c, &proto) || cursor_skip(c, 18))
		return LAYER_MALFORMED;
	return link_ethertype(proto, c, net, pkt);
}

/* BSD loopback: a 4-byte address family, in the writer's byte order for
 * LINKTYPE_NULL and in network order for LINKTYPE_LOOP, though writers
 * have got LOOP wrong too, so both orders are accepted for both.  AF_INET
 * is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD, BSD/OS), 28 (FreeBSD,
 * DragonFly) or 30 (Darwin). */
static layer_t link_loopback(cursor_t *c, net_t *net)
{
	uint32_t af;

	if (cursor_u32(c, &af))
		return LAYER_MALFORMED;
	if (af > 0xffff)   /* little-endian on the wire: the value sits in the top byte */
		af = (af >> 24) | ((af >> 8) & 0xff00) | ((af << 8) & 0xff0000) | (af << 24);
	if (af == 2)
		*net = NET_IPV4;
	else if (af == 24 || af == 28 || af == 30)
		*net = NET_IPV6;
	else
		return LAYER_SKIP;
	return LAYER_OK;
}

/* A frame of a rewritten pcapng file (input.c): its interface's link
 * type (2 bytes, big-endian), 2 zero bytes, then the frame. */
static layer_t link_mux(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint16_t type, zero;

	if (cursor_u16(c, &type) || cursor_u16(c, &zero))
		return LAYER_MALFORMED;
	if (!link_supported(type))
		return LAYER_SKIP;
	return link_decode(type, c, net, pkt);
}

layer_t link_decode(int dlt, cursor_t *c, net_t *net, pkt_t *pkt)
{
	switch (dlt) {
	case LINK_PCAPNG_MUX: return link_mux(c, net, pkt);
	case DLT_EN10MB: return link_ethernet(c, net, pkt);
	case LINK_SLL: return link_sll(c, net, pkt);
	case LINK_SLL2: return link_sll2(c, net, pkt);
	case LINK_NULL: case LINK_LOOP: return link_loopback(c, net);
	case LINK_IPV4: *net = NET_IPV4; return cursor_left(c) ? LAYER_OK : LAYER_MALFORMED;
	case LINK_IPV6: *net = NET_IPV6; return cursor_left(c) ? LAYER_OK : LAYER_MALFORMED;
	case LINK_RAW_12: case LINK_RAW_14: case LINK_RAW_101: return link_nibble(c, net);
	case LINK_PPP: case LINK_PPP_HDLC: return link_ppp(c, net);
	case LINK_80211: return link_80211(c, net, pkt);
	case LINK_RADIOTAP: return link_radiotap(c, net, pkt);
	default: return LAYER_SKIP;
	}
}
