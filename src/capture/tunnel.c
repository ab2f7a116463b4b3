/* tunnel.c - one frame, through every encapsulation, to its innermost TCP
 * segment (see layers.h).
 *
 * The loop: link layer (link.c), IP (ip.c), then by the IP protocol:
 * TCP (or a UDP datagram that looks like DTLS) ends the walk; IP in IP, GRE (and ERSPAN) and the UDP tunnels
 * (VXLAN, Geneve, GTP-U, by their IANA ports) lead to another IP header or
 * Ethernet frame, and round again.  A fragment goes to ipfrag.c and, once
 * its datagram is whole, the walk goes on inside it.  LAYERS_MAX_DEPTH
 * stops a frame that nests without end (a crafted loop) as LAYER_TOO_DEEP.
 * The connection is named by the innermost addresses and ports; the
 * encapsulations crossed are listed in pkt->enc.  Nothing is allocated
 * here: plain Ethernet/IP/TCP costs one pass round the loop. */
#include <pcap/pcap.h>
#include <stdio.h>
#include "layers.h"

enum {
	PROTO_IPIP = 4, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_IPV6 = 41, PROTO_GRE = 47
};
/* IANA port numbers of the UDP tunnels. */
enum { PORT_VXLAN = 4789, PORT_GENEVE = 6081, PORT_GTPU = 2152 };
/* EtherTypes a tunnel header names what follows with. */
enum { ET_IPV4 = 0x0800, ET_IPV6 = 0x86dd, ET_TEB = 0x6558, ET_ERSPAN_2 = 0x88be, ET_ERSPAN_3 = 0x22eb };

/* What one tunnel header leads to: *net set, and LAYER_OK. */
static layer_t tun_ethertype(uint16_t type, net_t *net)
{
	switch (type) {
	case ET_IPV4: *net = NET_IPV4; return LAYER_OK;
	case ET_IPV6: *net = NET_IPV6; return LAYER_OK;
	case ET_TEB: *net = NET_ETHER; return LAYER_OK;
	default: return LAYER_SKIP;
	}
}

/* ERSPAN (draft-foschiano-erspan-03): type II, 8 bytes: Ver (4) = 1,
 * VLAN (12), COS (3), En (2), T (1), Session ID (10), Reserved (12),
 * Index (20).  Type III, 12 bytes: Ver = 2, VLAN, COS, BSO (2), T,
 * Session ID, Timestamp (32), SGT (16), P (1), FT (5), Hw ID (6), D (1),
 * Gra (2), O (1); O set adds an 8-byte platform-specific subheader; FT 0
 * is an Ethernet frame.  Type I has no header at all. */
static layer_t tun_erspan(cursor_t *c, int type, net_t *net, pkt_t *pkt)
{
	uint16_t ver_vlan, session, sgt, bits;
	uint32_t word;

	if (type == 1) {
		pkt_enc(pkt, ENC_ERSPAN, 1, false, 0);
		*net = NET_ETHER;
		return LAYER_OK;
	}
	if (cursor_u16(c, &ver_vlan) || cursor_u16(c, &session) || cursor_u32(c, &word))
		return LAYER_MALFORMED;
	if (ver_vlan >> 12 != (type == 2 ? 1 : 2))
		return LAYER_MALFORMED;
	pkt_enc(pkt, ENC_ERSPAN, (uint8_t)type, true, session & 0x3ff);
	if (type == 3) {
		if (cursor_u16(c, &sgt) || cursor_u16(c, &bits))
			return LAYER_MALFORMED;
		if ((bits >> 10) & 0x1f)
			return LAYER_SKIP;            /* FT: not an Ethernet frame */
		if ((bits & 1) && cursor_skip(c, 8))
			return LAYER_MALFORMED;
	}
	*net = NET_ETHER;
	return LAYER_OK;
}

/* RFC 2784 2 and RFC 2890 2: C (0x8000), K (0x2000), S (0x1000), version
 * (3 bits) = 0, Protocol Type (an EtherType); then the checksum and
 * reserved1 (4 bytes) if C, the key (4) if K, the sequence number (4) if
 * S.  RFC 1701's routing bit (0x4000) and version 1 (PPTP, RFC 2637)
 * are not read. */
static layer_t tun_gre(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint16_t flags, proto;
	uint32_t key = 0;

	if (cursor_u16(c, &flags) || cursor_u16(c, &proto))
		return LAYER_MALFORMED;
	if ((flags & 7) != 0 || (flags & 0x4000))
		return LAYER_SKIP;
	if (((flags & 0x8000) && cursor_skip(c, 4)) || ((flags & 0x2000) && cursor_u32(c, &key))
	    || ((flags & 0x1000) && cursor_skip(c, 4)))
		return LAYER_MALFORMED;
	/* ERSPAN type I is GRE protocol 0x88be without a sequence number,
	 * type II the same with one (draft-foschiano-erspan-03 4.1, 4.2). */
	if (proto == ET_ERSPAN_2)
		return tun_erspan(c, (flags & 0x1000) ? 2 : 1, net, pkt);
	if (proto == ET_ERSPAN_3)
		return tun_erspan(c, 3, net, pkt);
	pkt_enc(pkt, ENC_GRE, 0, (flags & 0x2000) != 0, key);
	return tun_ethertype(proto, net);
}

/* RFC 7348 5: VXLAN header, 8 bytes: flags (the I flag 0x08 "MUST be set
 * to 1 for a valid VXLAN Network ID"), 24 reserved bits, the VNI (24),
 * 8 reserved bits; an Ethernet frame follows. */
static layer_t tun_vxlan(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint32_t w0, w1;

	if (cursor_u32(c, &w0) || cursor_u32(c, &w1))
		return LAYER_MALFORMED;
	if (!(w0 & 0x08000000))
		return LAYER_SKIP;
	pkt_enc(pkt, ENC_VXLAN, 0, true, w1 >> 8);
	*net = NET_ETHER;
	return LAYER_OK;
}

/* RFC 8926 3.4: Geneve header: Ver (2) = 0, Opt Len (6, in 4-byte
 * words), O, C, reserved (6), Protocol Type (an EtherType, 0x6558 for
 * Ethernet), VNI (24), reserved (8), then the options. */
static layer_t tun_geneve(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint8_t vo, oc;
	uint16_t proto;
	uint32_t vni;

	if (cursor_u8(c, &vo) || cursor_u8(c, &oc) || cursor_u16(c, &proto) || cursor_u32(c, &vni))
		return LAYER_MALFORMED;
	if (vo >> 6 != 0)
		return LAYER_SKIP;
	if (cursor_skip(c, 4u * (vo & 0x3f)))
		return LAYER_MALFORMED;
	pkt_enc(pkt, ENC_GENEVE, 0, true, vni >> 8);
	return tun_ethertype(proto, net);
}

/* 3GPP TS 29.281 5.1: GTPv1-U header: flags (Version (3) = 1, PT = 1,
 * spare, E, S, PN), Message Type (255 = G-PDU, a user packet), Length
 * (after the first 8 octets), TEID; if any of E, S, PN: sequence number
 * (2), N-PDU number (1), next extension header type (1); each extension
 * header (5.2): length in 4-octet units, content, next type.  The user
 * packet is IPv4 or IPv6, told by its first nibble. */
static layer_t tun_gtpu(cursor_t *c, net_t *net, pkt_t *pkt)
{
	uint8_t flags, type, next = 0;
	uint16_t len;
	uint32_t teid;
	int n = 0;

	if (cursor_u8(c, &flags) || cursor_u8(c, &type) || cursor_u16(c, &len) || cursor_u32(c, &teid))
		return LAYER_MALFORMED;
	if (flags >> 5 != 1 || !(flags & 0x10) || type != 255)
		return LAYER_SKIP;
	if ((flags & 7) && (cursor_skip(c, 3) || cursor_u8(c, &next)))
		return LAYER_MALFORMED;
	while (next) {
		uint8_t units;

		if (++n > 8 || cursor_u8(c, &units) || units == 0 || cursor_skip(c, 4u * units - 2) || cursor_u8(c, &next))
			return LAYER_MALFORMED;
	}
	pkt_enc(pkt, ENC_GTPU, 0, true, teid);
	return link_nibble(c, net);
}

/* Could this datagram be DTLS?  RFC 6347 4.1: a record starts with its
 * content type (change_cipher_spec(20) .. heartbeat(24)) and a version
 * whose major byte is 0xfe (1.0 is {254, 255}, 1.2 {254, 253}).  Other
 * UDP goes no further: it costs nothing and opens no flow. */
static bool tun_dtls_like(const cursor_t *c)
{
	cursor_t p = *c;
	uint8_t type, major;

	return cursor_u8(&p, &type) == ERR_OK && cursor_u8(&p, &major) == ERR_OK && type >= 20 && type <= 24
	       && major == 0xfe;
}

/* RFC 768: source port, destination port, length (header included),
 * checksum.  Tunnels are told by the destination port IANA gave them;
 * anything else that looks like DTLS ends the walk (*done). */
static layer_t tun_udp(cursor_t *c, net_t *net, pkt_t *pkt, bool *done)
{
	uint16_t sport, dport, len, sum;
	slice_t body;

	if (cursor_u16(c, &sport) || cursor_u16(c, &dport) || cursor_u16(c, &len) || cursor_u16(c, &sum))
		return LAYER_MALFORMED;
	if (len < 8)
		return LAYER_MALFORMED;
	if ((size_t)len - 8 < cursor_left(c) && cursor_bytes(c, (size_t)len - 8, &body) == ERR_OK)
		*c = cursor_make(body.ptr, body.len);
	switch (dport) {
	case PORT_VXLAN: return tun_vxlan(c, net, pkt);
	case PORT_GENEVE: return tun_geneve(c, net, pkt);
	case PORT_GTPU: return tun_gtpu(c, net, pkt);
	default: break;
	}
	if (!tun_dtls_like(c))
		return LAYER_SKIP;
	*done = true;
	pkt->udp = true;
	pkt->sport = sport;
	pkt->dport = dport;
	pkt->seq = 0;
	pkt->flags = 0;
	/* what the UDP length promises beyond what the capture kept */
	pkt->lost = (uint32_t)((size_t)len - 8 > cursor_left(c) ? (size_t)len - 8 - cursor_left(c) : 0);
	return cursor_rest(c, &pkt->payload) == ERR_OK ? LAYER_OK : LAYER_MALFORMED;
}

/* What the IP protocol leads to: *done when pkt holds the TCP segment,
 * otherwise *net for the next round. */
static layer_t tun_upper(cursor_t *c, const ip_info_t *ip, net_t *net, pkt_t *pkt, bool *done)
{
	bool v4 = pkt->family == 4;

	switch (ip->proto) {
	case PROTO_TCP:
		*done = true;
		return tcp_decode(c, ip->len, pkt);
	case PROTO_IPIP:   /* RFC 2003; in IPv6, RFC 2473 */
		pkt_enc(pkt, v4 ? ENC_IPIP : ENC_4IN6, 0, false, 0);
		*net = NET_IPV4;
		return LAYER_OK;
	case PROTO_IPV6:   /* RFC 4213 3.5 (6in4); RFC 2473 */
		pkt_enc(pkt, v4 ? ENC_6IN4 : ENC_6IN6, 0, false, 0);
		*net = NET_IPV6;
		return LAYER_OK;
	case PROTO_GRE:
		return tun_gre(c, net, pkt);
	case PROTO_UDP:
		return tun_udp(c, net, pkt, done);
	default:
		return LAYER_SKIP;
	}
}

layer_t layers_decode(layers_t *ls, int dlt, const uint8_t *data, size_t caplen, uint32_t uncaptured,
		      double time, pkt_t *pkt)
{
	cursor_t c = cursor_make(data, caplen);
	net_t net = NET_NONE;
	ip_info_t ip;
	bool done = false;
	int depth = 0;
	layer_t r;

	pkt->nenc = pkt->enc_more = pkt->frag = 0;
	pkt->udp = false;
	if (ls->frag)
		ipfrag_release(ls->frag);
	r = link_decode(dlt, &c, &net, pkt);
	while (r == LAYER_OK && !done) {
		if (++depth > LAYERS_MAX_DEPTH || pkt->nenc + pkt->enc_more > LAYERS_MAX_DEPTH) {
			ls->stats.too_deep++;
			return LAYER_TOO_DEEP;
		}
		if (net == NET_ETHER) {
			r = link_decode(DLT_EN10MB, &c, &net, pkt);
			continue;
		}
		r = ip_decode(net, &c, uncaptured, pkt, &ip);
		if (r == LAYER_OK && ip.fragment) {
			ls->stats.fragments++;
			r = ipfrag_add(ls, pkt, &ip, &c, time);
			uncaptured = 0;
			/* IPv6: the reassembled part starts at the fragment
			 * header's next header, which may be more extension
			 * headers (RFC 8200 4.5). */
			if (r == LAYER_OK && pkt->family == 6)
				r = ip6_walk(&c, ip.proto, ip.len, &ip);
			if (r == LAYER_OK && ip.fragment)
				r = LAYER_MALFORMED;     /* a fragment header inside a reassembled datagram */
		}
		if (r == LAYER_OK)
			r = tun_upper(&c, &ip, &net, pkt, &done);
	}
	if (r == LAYER_OK && pkt->nenc)
		ls->stats.tunneled++;
	return r;
}

void layers_enc_str(const enc_t *e, char *buf, size_t len)
{
	static const char *const name[] = {
		[ENC_VLAN] = "vlan", [ENC_MPLS] = "mpls", [ENC_PPPOE] = "pppoe", [ENC_GRE] = "gre",
		[ENC_ERSPAN] = "erspan", [ENC_VXLAN] = "vxlan", [ENC_GENEVE] = "geneve", [ENC_GTPU] = "gtp-u",
		[ENC_IPIP] = "ipip", [ENC_6IN4] = "6in4", [ENC_4IN6] = "4in6", [ENC_6IN6] = "6in6"
	};
	const char *n = e->kind < sizeof name / sizeof name[0] && name[e->kind] ? name[e->kind] : "?";

	switch (e->kind) {
	case ENC_PPPOE: snprintf(buf, len, "%s 0x%04x", n, (unsigned)e->id); break;
	case ENC_GTPU: snprintf(buf, len, "%s teid 0x%x", n, (unsigned)e->id); break;
	case ENC_GRE:
		if (e->has_id)
			snprintf(buf, len, "%s key %u", n, (unsigned)e->id);
		else
			snprintf(buf, len, "%s", n);
		break;
	case ENC_ERSPAN:
		if (e->has_id)
			snprintf(buf, len, "%s %u session %u", n, e->sub, (unsigned)e->id);
		else
			snprintf(buf, len, "%s %u", n, e->sub);
		break;
	default:
		if (e->has_id)
			snprintf(buf, len, "%s %u", n, (unsigned)e->id);
		else
			snprintf(buf, len, "%s", n);
	}
}

void layers_free(layers_t *ls)
{
	ipfrag_free(ls->frag);
	ls->frag = NULL;
}
