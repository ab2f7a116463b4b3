/* ip.c - IPv4 and IPv6 headers down to the upper-layer header (see
 * layers.h): addresses, protocol, fragment fields.
 *
 * A fragment is only recognised here; ipfrag.c puts datagrams together
 * and tunnel.c decides what the protocol leads to (TCP, or a tunnel).
 * Trailing bytes past the IP length (Ethernet padding) are cut off here. */
#include <string.h>
#include "layers.h"

/* How many IPv6 extension headers we walk before giving up. */
#define IP6_MAX_EXT 8

/* Narrows c to the `declared` bytes of the IP payload, or to what was
 * captured of them (tcp_decode counts what is missing).  False when the
 * header declares more than was even on the wire. */
static bool ip_limit(cursor_t *c, uint32_t declared, uint32_t uncaptured)
{
	slice_t s;
	size_t left = cursor_left(c);

	if (declared > left && declared - left > uncaptured)
		return false;
	if (declared < left)
		left = declared;
	if (cursor_bytes(c, left, &s) == ERR_OK)
		*c = cursor_make(s.ptr, s.len);
	return true;
}

static layer_t ip4_decode(cursor_t *c, uint32_t uncaptured, pkt_t *pkt, ip_info_t *ip)
{
	uint8_t vihl, proto;
	uint16_t total, frag, id;
	uint32_t hlen;

	if (cursor_u8(c, &vihl))
		return LAYER_MALFORMED;
	/* RFC 791 3.1: "Internet Header Length is the length of the internet
	 * header in 32 bit words ... the minimum value for a correct header
	 * is 5." */
	hlen = (vihl & 15u) * 4;
	if (vihl >> 4 != 4 || hlen < 20)
		return LAYER_MALFORMED;
	if (cursor_skip(c, 1) || cursor_u16(c, &total) || cursor_u16(c, &id) || cursor_u16(c, &frag)
	    || cursor_skip(c, 1) || cursor_u8(c, &proto) || cursor_skip(c, 2)
	    || cursor_copy(c, pkt->src, 4) || cursor_copy(c, pkt->dst, 4)
	    || cursor_skip(c, hlen - 20))
		return LAYER_MALFORMED;
	memset(pkt->src + 4, 0, 12);
	memset(pkt->dst + 4, 0, 12);
	/* RFC 791 3.1: "Total Length is the length of the datagram, measured
	 * in octets, including internet header and data."  Zero cannot be
	 * right, but it is what Linux records for segments it hands to a NIC
	 * for TCP segmentation offload: then what was captured is the datagram. */
	if (total == 0)
		total = (uint16_t)(cursor_left(c) + hlen > 0xffff ? 0xffff : cursor_left(c) + hlen);
	if (total < hlen)
		return LAYER_MALFORMED;
	pkt->family = 4;
	ip->proto = proto;
	ip->len = total - hlen;
	/* RFC 791 3.1: the MF flag (0x2000) and the 13-bit fragment offset
	 * "measured in units of 8 octets"; anything but "offset 0, last
	 * fragment" is part of a fragmented datagram. */
	ip->fragment = (frag & 0x3fff) != 0;
	ip->more = (frag & 0x2000) != 0;
	ip->offset = (frag & 0x1fffu) * 8;
	ip->id = id;
	if (!ip_limit(c, total - hlen, uncaptured))
		return LAYER_MALFORMED;
	return LAYER_OK;
}

layer_t ip6_walk(cursor_t *c, uint8_t next, uint32_t plen, ip_info_t *ip)
{
	int i;

	for (i = 0; i < IP6_MAX_EXT; i++) {
		size_t before = cursor_left(c);
		uint8_t hdr_len;
		uint16_t offm;
		uint32_t id;

		switch (next) {
		case 0: case 43: case 60:
			/* RFC 8200 4.3/4.4/4.6 (hop-by-hop, routing, destination
			 * options): "Hdr Ext Len: 8-bit unsigned integer.  Length
			 * of the ... header in 8-octet units, not including the
			 * first 8 octets." */
			if (cursor_u8(c, &next) || cursor_u8(c, &hdr_len) || cursor_skip(c, 6 + 8u * hdr_len))
				return LAYER_MALFORMED;
			break;
		case 44:
			/* RFC 8200 4.5: Fragment header, 8 bytes: next header,
			 * reserved, 13-bit offset (8-octet units) + 2 reserved
			 * bits + M flag, identification.  Offset 0 with M clear
			 * is an atomic fragment (RFC 6946), a whole packet: go on. */
			if (cursor_u8(c, &next) || cursor_skip(c, 1) || cursor_u16(c, &offm) || cursor_u32(c, &id))
				return LAYER_MALFORMED;
			if ((offm >> 3) != 0 || (offm & 1)) {
				if (before - cursor_left(c) > plen)
					return LAYER_MALFORMED;
				ip->fragment = true;
				ip->more = offm & 1;
				ip->offset = (uint32_t)(offm >> 3) * 8;
				ip->id = id;
				ip->proto = next;   /* the first fragment's is the one that counts */
				ip->len = plen - (uint32_t)(before - cursor_left(c));
				return LAYER_OK;
			}
			break;
		case 51:
			/* RFC 4302 2.2: "Payload Len: This 8-bit field specifies
			 * the length of AH in 32-bit words (4-byte units), minus "2"." */
			if (cursor_u8(c, &next) || cursor_u8(c, &hdr_len) || cursor_skip(c, 4u * (hdr_len + 2u) - 2))
				return LAYER_MALFORMED;
			break;
		default:    /* TCP, UDP, GRE, IP in IPv6, ESP (50), no next header (59), ICMPv6 ... */
			ip->proto = next;
			ip->len = plen;
			return LAYER_OK;
		}
		if (before - cursor_left(c) > plen)
			return LAYER_MALFORMED;
		plen -= (uint32_t)(before - cursor_left(c));
	}
	return LAYER_MALFORMED;
}

static layer_t ip6_decode(cursor_t *c, uint32_t uncaptured, pkt_t *pkt, ip_info_t *ip)
{
	uint32_t vtf, plen;
	uint16_t len16;
	uint8_t next;

	if (cursor_u32(c, &vtf) || cursor_u16(c, &len16) || cursor_u8(c, &next) || cursor_skip(c, 1)
	    || cursor_copy(c, pkt->src, 16) || cursor_copy(c, pkt->dst, 16))
		return LAYER_MALFORMED;
	if (vtf >> 28 != 6)
		return LAYER_MALFORMED;
	pkt->family = 6;
	/* RFC 8200 3: "Payload Length: Length of the IPv6 payload, i.e., the
	 * rest of the packet following this IPv6 header, in octets.  (Note
	 * that any extension headers ... are considered part of the
	 * payload.)"  Zero means a jumbogram (RFC 2675) or, as for IPv4, a
	 * segmentation-offload capture: take what was captured. */
	plen = len16 ? len16 : (uint32_t)cursor_left(c);
	if (!ip_limit(c, plen, uncaptured))
		return LAYER_MALFORMED;
	return ip6_walk(c, next, plen, ip);
}

layer_t ip_decode(net_t net, cursor_t *c, uint32_t uncaptured, pkt_t *pkt, ip_info_t *ip)
{
	ip->fragment = ip->more = false;
	ip->offset = ip->id = 0;
	return net == NET_IPV4 ? ip4_decode(c, uncaptured, pkt, ip) : ip6_decode(c, uncaptured, pkt, ip);
}
