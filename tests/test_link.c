/* test_link.c - the layer decoders (link.c, ip.c, tunnel.c, ipfrag.c) on
 * frames built byte by byte: each encapsulation decoded and listed, every
 * truncation of each refused without reading past the end, a nesting
 * deeper than LAYERS_MAX_DEPTH stopped (not looped), fragments put back
 * together out of order, overlaps kept first-come and noted, the bounds
 * on fragments in flight and their timeout. */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "capture/layers.h"

enum { FRAME_MAX = 4096 };

typedef struct {
	uint8_t b[FRAME_MAX];
	size_t n;
} frame_t;

/* Puts hdr (len bytes) in front of what the frame holds. */
static void push(frame_t *f, const void *hdr, size_t len)
{
	CU_ASSERT_FATAL(f->n + len <= FRAME_MAX);
	memmove(f->b + len, f->b, f->n);
	memcpy(f->b, hdr, len);
	f->n += len;
}

static void be16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void be32(uint8_t *p, uint32_t v) { be16(p, v >> 16); be16(p + 2, v & 0xffff); }

static const char tl_data[] = "\x16\x03\x01 a TLS record, or so it says";

/* A TCP segment 1234 -> 443 carrying tl_data. */
static void tl_tcp(frame_t *f)
{
	uint8_t h[20] = { 0 };

	f->n = 0;
	push(f, tl_data, sizeof tl_data - 1);
	be16(h, 1234);
	be16(h + 2, 443);
	be32(h + 4, 1000);
	be16(h + 12, 5u << 12 | 0x18);
	push(f, h, sizeof h);
}

static void tl_ip4(frame_t *f, uint8_t proto, uint16_t id, uint16_t frag, unsigned total)
{
	uint8_t h[20] = { 0x45, 0 };

	be16(h + 2, total ? total : (unsigned)(f->n + 20));
	be16(h + 4, id);
	be16(h + 6, frag);
	h[8] = 64;
	h[9] = proto;
	be32(h + 12, 0x0a000001);
	be32(h + 16, 0x0a000002);
	push(f, h, sizeof h);
}

static void tl_ip6(frame_t *f, uint8_t next)
{
	uint8_t h[40] = { 0x60, 0 };

	be16(h + 4, (unsigned)f->n);
	h[6] = next;
	h[7] = 64;
	h[23] = 1;
	h[39] = 2;
	push(f, h, sizeof h);
}

static void tl_eth(frame_t *f, uint16_t type)
{
	uint8_t h[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1 };

	be16(h + 12, type);
	push(f, h, sizeof h);
}

static void tl_udp(frame_t *f, uint16_t dport)
{
	uint8_t h[8] = { 0 };

	be16(h, 49152);
	be16(h + 2, dport);
	be16(h + 4, (unsigned)f->n + 8);
	push(f, h, sizeof h);
}

static layer_t tl_decode(layers_t *ls, int dlt, const frame_t *f, size_t n, pkt_t *pkt)
{
	/* a copy of exactly n bytes: ASan sees any read past them */
	uint8_t *copy = malloc(n ? n : 1);
	layer_t r;

	memcpy(copy, f->b, n);
	r = layers_decode(ls, dlt, copy, n, 0, 1.0, pkt);
	free(copy);
	return r;
}

/* The whole frame decodes to the TCP segment; every prefix of it does not. */
static void tl_check(int dlt, const frame_t *f, const char *const *want, size_t nwant)
{
	layers_t ls = { 0 };
	pkt_t pkt;
	size_t i, cut;
	char s[48];

	CU_ASSERT_EQUAL_FATAL(tl_decode(&ls, dlt, f, f->n, &pkt), LAYER_OK);
	CU_ASSERT_EQUAL(pkt.sport, 1234);
	CU_ASSERT_EQUAL(pkt.dport, 443);
	CU_ASSERT_EQUAL(pkt.payload.len, sizeof tl_data - 1);
	CU_ASSERT_EQUAL(pkt.nenc, nwant);
	for (i = 0; i < nwant && i < pkt.nenc; i++) {
		layers_enc_str(&pkt.enc[i], s, sizeof s);
		CU_ASSERT_STRING_EQUAL(s, want[i]);
	}
	for (cut = 0; cut < f->n - (sizeof tl_data - 1); cut++)
		CU_ASSERT_NOT_EQUAL(tl_decode(&ls, dlt, f, cut, &pkt), LAYER_OK);
	layers_free(&ls);
}

static void test_link_layers(void)
{
	frame_t f;
	static const char *const vlan[] = { "vlan 200", "vlan 100" };
	static const char *const mpls[] = { "mpls 100", "mpls 16" };
	static const char *const pppoe[] = { "pppoe 0x0011" };
	uint8_t tag[4], lab[4], ppp[8] = { 0x11, 0, 0, 0x11, 0, 0, 0, 0x21 };
	uint8_t sll2[20] = { 0x08, 0x00, 0, 0, 0, 0, 0, 1, 0x03, 0x04, 0, 6 };
	uint8_t wifi[24] = { 0x88, 0x01 }, qos[2] = { 0 }, snap[8] = { 0xaa, 0xaa, 3, 0, 0, 0, 0x08, 0x00 };
	uint8_t rtap[8] = { 0, 0, 8, 0, 0, 0, 0, 0 };

	/* QinQ: a service tag, then a customer tag */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0x4000, 0);
	be16(tag, 100);
	be16(tag + 2, 0x0800);
	push(&f, tag, 4);
	be16(tag, 0x2000 | 200);     /* priority bits are not the VLAN ID */
	be16(tag + 2, 0x8100);
	push(&f, tag, 4);
	tl_eth(&f, 0x88a8);
	tl_check(DLT_EN10MB, &f, vlan, 2);

	/* two MPLS labels, the bottom one marked */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	be32(lab, 16u << 12 | 0x100 | 64);
	push(&f, lab, 4);
	be32(lab, 100u << 12 | 64);
	push(&f, lab, 4);
	tl_eth(&f, 0x8847);
	tl_check(DLT_EN10MB, &f, mpls, 2);

	/* PPPoE session, PPP protocol 0x0021 */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	be16(ppp + 4, (unsigned)f.n + 2);
	push(&f, ppp, 8);
	tl_eth(&f, 0x8864);
	tl_check(DLT_EN10MB, &f, pppoe, 1);

	/* Linux cooked v2 */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	push(&f, sll2, 20);
	tl_check(276, &f, NULL, 0);

	/* 802.11 QoS data, To DS, LLC/SNAP; and under radiotap */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	push(&f, snap, 8);
	push(&f, qos, 2);
	push(&f, wifi, 24);
	tl_check(DLT_IEEE802_11, &f, NULL, 0);
	push(&f, rtap, 8);
	tl_check(DLT_IEEE802_11_RADIO, &f, NULL, 0);
}

static void test_link_tunnels(void)
{
	frame_t f;
	static const char *const vx[] = { "vlan 100", "vxlan 42", "gre key 7" };
	static const char *const ge[] = { "geneve 7", "6in4" };
	static const char *const gt[] = { "gtp-u teid 0x1234" };
	static const char *const er[] = { "erspan 3 session 6" };
	uint8_t gre[8] = { 0x20, 0, 0x08, 0x00, 0, 0, 0, 7 };
	uint8_t vxlan[8] = { 0x08, 0, 0, 0, 0, 0, 42, 0 };
	uint8_t tag[4] = { 0, 100, 0x08, 0x00 };
	uint8_t gen[8] = { 0, 0, 0x65, 0x58, 0, 0, 7, 0 };
	uint8_t gtp[8] = { 0x30, 255, 0, 0, 0, 0, 0x12, 0x34 };
	uint8_t gre3[4] = { 0x10, 0, 0x22, 0xeb }, seq[4] = { 0 }, er3[12] = { 0x20, 0, 0, 6 };

	/* VLAN, VXLAN, GRE with a key: three nested */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	push(&f, gre, 8);
	tl_ip4(&f, 47, 2, 0, 0);
	tl_eth(&f, 0x0800);
	push(&f, vxlan, 8);
	tl_udp(&f, 4789);
	tl_ip4(&f, 17, 3, 0, 0);
	push(&f, tag, 4);
	tl_eth(&f, 0x8100);
	tl_check(DLT_EN10MB, &f, vx, 3);

	/* Geneve carrying Ethernet, IPv4 carrying IPv6 */
	tl_tcp(&f);
	tl_ip6(&f, 6);
	tl_ip4(&f, 41, 1, 0, 0);
	tl_eth(&f, 0x0800);
	push(&f, gen, 8);
	tl_udp(&f, 6081);
	tl_ip4(&f, 17, 2, 0, 0);
	tl_eth(&f, 0x0800);
	tl_check(DLT_EN10MB, &f, ge, 2);

	/* GTP-U, G-PDU */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	be16(gtp + 2, (unsigned)f.n);
	push(&f, gtp, 8);
	tl_udp(&f, 2152);
	tl_ip4(&f, 17, 2, 0, 0);
	tl_check(101, &f, gt, 1);

	/* ERSPAN type III in GRE with a sequence number */
	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	tl_eth(&f, 0x0800);
	push(&f, er3, 12);
	push(&f, seq, 4);
	push(&f, gre3, 4);
	tl_ip4(&f, 47, 2, 0, 0);
	tl_check(101, &f, er, 1);
}

/* IP in IP in IP ... : up to the limit it decodes, past it it stops. */
static void test_link_too_deep(void)
{
	layers_t ls = { 0 };
	frame_t f;
	pkt_t pkt;
	int i;

	tl_tcp(&f);
	tl_ip4(&f, 6, 1, 0, 0);
	for (i = 0; i < 6; i++)
		tl_ip4(&f, 4, 1, 0, 0);
	CU_ASSERT_EQUAL(tl_decode(&ls, 101, &f, f.n, &pkt), LAYER_OK);
	CU_ASSERT_EQUAL(pkt.nenc, 6);
	for (i = 0; i < 20; i++)
		tl_ip4(&f, 4, 1, 0, 0);
	CU_ASSERT_EQUAL(tl_decode(&ls, 101, &f, f.n, &pkt), LAYER_TOO_DEEP);
	CU_ASSERT_EQUAL(ls.stats.too_deep, 1);
	CU_ASSERT_EQUAL(pkt.nenc, LAYERS_MAX_ENC);
	layers_free(&ls);
}

/* The TCP segment of tl_tcp in three IPv4 fragments of 16, 16 and the
 * rest, sent last first; then with an overlapping copy of the first that
 * says something else: the first to arrive wins, and it is noted. */
static void frag4(frame_t *out, size_t off, size_t len, bool more, const uint8_t *seg, uint16_t id)
{
	out->n = 0;
	push(out, seg + off, len);
	tl_ip4(out, 6, id, (uint16_t)((more ? 0x2000 : 0) | off / 8), 0);
	tl_eth(out, 0x0800);
}

static void test_link_fragments(void)
{
	layers_t ls = { 0 };
	frame_t seg, f;
	uint8_t liar[64];
	pkt_t pkt;

	tl_tcp(&seg);
	/* in order 3, 2, 1 */
	frag4(&f, 32, seg.n - 32, false, seg.b, 7);
	CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	frag4(&f, 16, 16, true, seg.b, 7);
	CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	frag4(&f, 0, 16, true, seg.b, 7);
	CU_ASSERT_EQUAL_FATAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_OK);
	CU_ASSERT_EQUAL(pkt.frag, FRAG_REASSEMBLED);
	CU_ASSERT_EQUAL(pkt.dport, 443);
	CU_ASSERT_EQUAL(pkt.payload.len, sizeof tl_data - 1);
	CU_ASSERT(memcmp(pkt.payload.ptr, tl_data, sizeof tl_data - 1) == 0);
	CU_ASSERT_EQUAL(ls.stats.reassembled, 1);

	/* first fragment, then a lying copy of bytes 8..39, then the rest */
	memcpy(liar, seg.b, seg.n);
	memset(liar + 8, 'X', 32);
	frag4(&f, 0, 16, true, seg.b, 8);
	CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	frag4(&f, 8, 32, true, liar, 8);
	CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	frag4(&f, 16, 16, true, seg.b, 8);
	CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	frag4(&f, 32, seg.n - 32, false, seg.b, 8);
	CU_ASSERT_EQUAL_FATAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_OK);
	CU_ASSERT_EQUAL(pkt.frag, FRAG_REASSEMBLED | FRAG_OVERLAP);
	CU_ASSERT(ls.stats.frag_overlaps >= 1);
	/* bytes 8..15 came first from the honest fragment; 16..39 from the
	 * liar, which came before the honest second and third */
	CU_ASSERT(memcmp(pkt.payload.ptr - 20 + 8, seg.b + 8, 8) == 0);
	CU_ASSERT(memcmp(pkt.payload.ptr - 20 + 16, liar + 16, 24) == 0);
	layers_free(&ls);
}

static void test_link_fragment_bounds(void)
{
	layers_t ls = { 0 };
	frame_t seg, f;
	pkt_t pkt;
	uint16_t id;

	tl_tcp(&seg);
	/* more first fragments than slots: the oldest give way */
	for (id = 1; id <= 100; id++) {
		frag4(&f, 0, 16, true, seg.b, id);
		CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	}
	CU_ASSERT(ls.stats.frag_dropped >= 36);
	/* a datagram whose last fragment comes after the timeout is not completed */
	frag4(&f, 0, 16, true, seg.b, 500);
	CU_ASSERT_EQUAL(layers_decode(&ls, DLT_EN10MB, f.b, f.n, 0, 1000.0, &pkt), LAYER_FRAGMENT);
	frag4(&f, 16, seg.n - 16, false, seg.b, 500);
	CU_ASSERT_EQUAL(layers_decode(&ls, DLT_EN10MB, f.b, f.n, 0, 1031.0, &pkt), LAYER_FRAGMENT);
	/* a middle fragment not a multiple of 8 bytes is refused (RFC 8200 4.5) */
	frag4(&f, 0, 13, true, seg.b, 600);
	CU_ASSERT_EQUAL(tl_decode(&ls, DLT_EN10MB, &f, f.n, &pkt), LAYER_FRAGMENT);
	layers_free(&ls);
}

static void test_link_enc_str(void)
{
	static const struct { enc_t e; const char *s; } t[] = {
		{ { ENC_VLAN, 0, 1, 100 }, "vlan 100" },
		{ { ENC_VXLAN, 0, 1, 42 }, "vxlan 42" },
		{ { ENC_GRE, 0, 0, 0 }, "gre" },
		{ { ENC_ERSPAN, 1, 0, 0 }, "erspan 1" },
		{ { ENC_ERSPAN, 2, 1, 5 }, "erspan 2 session 5" },
		{ { ENC_6IN4, 0, 0, 0 }, "6in4" },
		{ { ENC_IPIP, 0, 0, 0 }, "ipip" },
		{ { 200, 0, 0, 0 }, "?" },
	};
	char s[48];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		layers_enc_str(&t[i].e, s, sizeof s);
		CU_ASSERT_STRING_EQUAL(s, t[i].s);
	}
}

static const test_case_t cases[] = {
	{ "link layers: decoded, listed, every truncation refused", test_link_layers },
	{ "tunnels: VXLAN+GRE nested, Geneve, GTP-U, ERSPAN III", test_link_tunnels },
	{ "nesting deeper than the limit is stopped", test_link_too_deep },
	{ "fragments: out of order, overlap first-come and noted", test_link_fragments },
	{ "fragments: slots, timeout, lengths", test_link_fragment_bounds },
	{ "encapsulation names", test_link_enc_str },
	{ NULL, NULL }
};

const test_suite_t test_link_suite = { "link", cases };
