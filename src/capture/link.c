/* link.c - the link-layer headers a capture of TCP traffic is likely to
 * have, down to the IP header (see layers.h).
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
	LINK_NULL = 0, LINK_LOOP = 108             /* LINKTYPE_NULL, LINKTYPE_LOOP */
};

enum { ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd };

/* How many VLAN tags may be stacked before we call the frame malformed. */
#define LINK_MAX_TAGS 8

bool link_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case LINK_SLL: case LINK_SLL2:
	case LINK_NULL: case LINK_LOOP:
	case LINK_RAW_12: case LINK_RAW_14: case LINK_RAW_101:
	case LINK_IPV4: case LINK_IPV6:
		return true;
	default:
		return false;
	}
}

static layer_t link_ethertype(uint16_t type, net_t *net)
{
	if (type == ETHERTYPE_IPV4)
		*net = NET_IPV4;
	else if (type == ETHERTYPE_IPV6)
		*net = NET_IPV6;
	else
		return LAYER_SKIP;
	return LAYER_OK;
}

/* IEEE 802.3: destination (6), source (6), then an EtherType.  A 802.1Q
 * tag (TPID 0x8100) or a 802.1ad service tag (0x88a8, and the older
 * pre-standard 0x9100) puts 2 bytes of TCI and another EtherType in
 * between; Q-in-Q stacks them.  A value below 0x0600 is an 802.3 length
 * (LLC follows): not IP for us. */
static layer_t link_ethernet(cursor_t *c, net_t *net)
{
	uint16_t type;
	int tags = 0;

	if (cursor_skip(c, 12) || cursor_u16(c, &type))
		return LAYER_MALFORMED;
	while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
		if (++tags > LINK_MAX_TAGS)
			return LAYER_MALFORMED;
		if (cursor_skip(c, 2) || cursor_u16(c, &type))
			return LAYER_MALFORMED;
	}
	return link_ethertype(type, net);
}

/* Linux cooked v1: packet type (2), ARPHRD type (2), address length (2),
 * address (8, padded), protocol (2, an EtherType for IP). */
static layer_t link_sll(cursor_t *c, net_t *net)
{
	uint16_t proto;

	if (cursor_skip(c, 14) || cursor_u16(c, &proto))
		return LAYER_MALFORMED;
	return link_ethertype(proto, net);
}

/* Linux cooked v2: protocol (2), reserved (2), interface index (4),
 * ARPHRD type (2), packet type (1), address length (1), address (8). */
static layer_t link_sll2(cursor_t *c, net_t *net)
{
	uint16_t proto;

	if (cursor_u16(c, &proto) || cursor_skip(c, 18))
		return LAYER_MALFORMED;
	return link_ethertype(proto, net);
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

/* Raw IP: the version nibble of the first byte says which. */
static layer_t link_raw(const cursor_t *c, net_t *net)
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

layer_t link_decode(int dlt, cursor_t *c, net_t *net)
{
	switch (dlt) {
	case DLT_EN10MB: return link_ethernet(c, net);
	case LINK_SLL: return link_sll(c, net);
	case LINK_SLL2: return link_sll2(c, net);
	case LINK_NULL: case LINK_LOOP: return link_loopback(c, net);
	case LINK_IPV4: *net = NET_IPV4; return cursor_left(c) ? LAYER_OK : LAYER_MALFORMED;
	case LINK_IPV6: *net = NET_IPV6; return cursor_left(c) ? LAYER_OK : LAYER_MALFORMED;
	case LINK_RAW_12: case LINK_RAW_14: case LINK_RAW_101: return link_raw(c, net);
	default: return LAYER_SKIP;
	}
}
