/* pcapng_write.c - pcapng blocks and a synthesized TCP/IP connection
 * around the bytes of a live run (see pcapng_write.h).
 *
 * Every byte goes through the small writer below (wr_*): pcapng fields in
 * little-endian (the byte-order magic says so: draft-ietf-opsawg-pcapng,
 * "Endianness"), network headers in big-endian; nothing else touches
 * buffer offsets.  It does not print, exit or parse anything. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/bytes.h"
#include "pcapng_write.h"
#include "base/secfile.h"

/* ---- the writer: a growable buffer with a sticky error ---------------- */

typedef struct {
	buf_t b;                 /* owned: free with buf_free */
	err_t err;               /* first failure; later puts do nothing */
} wr_t;

static void wr_bytes(wr_t *w, const void *p, size_t n)
{
	if (w->err == ERR_OK)
		w->err = buf_append(&w->b, p, n);
}

static void wr_u8(wr_t *w, uint8_t v) { wr_bytes(w, &v, 1); }

static void wr_be16(wr_t *w, uint16_t v)
{
	const uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	wr_bytes(w, b, sizeof b);
}

static void wr_be32(wr_t *w, uint32_t v)
{
	const uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
	wr_bytes(w, b, sizeof b);
}

static void wr_le16(wr_t *w, uint16_t v)
{
	const uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	wr_bytes(w, b, sizeof b);
}

static void wr_le32(wr_t *w, uint32_t v)
{
	const uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	wr_bytes(w, b, sizeof b);
}

static void wr_le64(wr_t *w, uint64_t v)
{
	wr_le32(w, (uint32_t)v);
	wr_le32(w, (uint32_t)(v >> 32));
}

static void wr_zeros(wr_t *w, size_t n)
{
	static const uint8_t z[16];
	while (n > 0) {
		size_t k = n < sizeof z ? n : sizeof z;
		wr_bytes(w, z, k);
		n -= k;
	}
}

/* pcapng pads every variable field to 32 bits (section 3.1). */
static void wr_pad4(wr_t *w)
{
	wr_zeros(w, (4 - w->b.len % 4) % 4);
}

/* Overwrites bytes written earlier (lengths and checksums known late). */
static void wr_patch_be16(wr_t *w, size_t at, uint16_t v)
{
	if (w->err == ERR_OK && at + 2 <= w->b.len) {
		w->b.ptr[at] = (uint8_t)(v >> 8);
		w->b.ptr[at + 1] = (uint8_t)v;
	}
}

static void wr_patch_le32(wr_t *w, size_t at, uint32_t v)
{
	if (w->err == ERR_OK && at + 4 <= w->b.len) {
		w->b.ptr[at] = (uint8_t)v;
		w->b.ptr[at + 1] = (uint8_t)(v >> 8);
		w->b.ptr[at + 2] = (uint8_t)(v >> 16);
		w->b.ptr[at + 3] = (uint8_t)(v >> 24);
	}
}

/* RFC 1071 one's complement sum of the bytes [from, from+n), added to sum
 * (big-endian 16-bit words, an odd last byte padded with zero). */
static uint32_t wr_sum(const wr_t *w, size_t from, size_t n, uint32_t sum)
{
	size_t i;

	if (w->err != ERR_OK || from > w->b.len || n > w->b.len - from)
		return sum;
	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)w->b.ptr[from + i] << 8 | w->b.ptr[from + i + 1];
	if (n % 2)
		sum += (uint32_t)w->b.ptr[from + n - 1] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* ---- pcapng blocks ---------------------------------------------------- */

enum {
	BT_SHB = 0x0A0D0D0A,     /* section 4.1 */
	BT_IDB = 0x00000001,     /* section 4.2 */
	BT_EPB = 0x00000006,     /* section 4.3 */
	BT_DSB = 0x0000000A,     /* section 4.7 */
	SECRETS_TLS_KEYLOG = 0x544c534b, /* "TLSK" = NSS key log, section 4.7 */
	OPT_ENDOFOPT = 0,
	OPT_SHB_USERAPPL = 4,
	OPT_IF_NAME = 2,
	OPT_IF_DESCRIPTION = 3,
	OPT_IF_TSRESOL = 9,
	LINKTYPE_ETHERNET = 1,
	SNAPLEN = 65535,
	TICKS_PER_SECOND = 1000000,   /* if_tsresol 6: 10^-6 s */
};

/* The largest block body we accept, with room for its 12 bytes of frame. */
#define BLOCK_BODY_MAX (UINT32_MAX - 64u)

struct pcapngw {
	FILE *f;                 /* owned: fclose in pcapngw_close */
	char *path;              /* owned: for messages */
	wr_t blk;                /* the block being built, then written */
	wr_t pkt;                /* the packet being built */
	err_t err;               /* first failure, sticky */
	int err_no;              /* errno of an ERR_IO */
	uint64_t last_ticks;     /* timestamp of the last packet */
	uint16_t ip_id;
	bool tcp_open;
	struct {
		pcapngw_endpoint_t at;
		uint32_t nxt;        /* the next sequence number this side sends */
		size_t unacked;      /* bytes it sent that the peer has not acknowledged */
	} side[2];               /* 0 client, 1 server */
};

/* Section 3.1: Block Type, Block Total Length, body, Block Total Length. */
static void block_begin(pcapngw_t *w, uint32_t type)
{
	w->blk.b.len = 0;
	w->blk.err = ERR_OK;
	wr_le32(&w->blk, type);
	wr_le32(&w->blk, 0);          /* patched by block_end */
}

static err_t block_end(pcapngw_t *w)
{
	size_t total;

	wr_pad4(&w->blk);
	total = w->blk.b.len + 4;
	wr_le32(&w->blk, (uint32_t)total);
	wr_patch_le32(&w->blk, 4, (uint32_t)total);
	if (w->blk.err != ERR_OK)
		return w->err = w->blk.err;
	errno = 0;
	if (fwrite(w->blk.b.ptr, 1, w->blk.b.len, w->f) != w->blk.b.len) {
		w->err_no = errno ? errno : EIO;
		return w->err = ERR_IO;
	}
	return ERR_OK;
}

/* Section 3.5: code, length, value padded to 32 bits. */
static void block_option(pcapngw_t *w, uint16_t code, const void *value, size_t n)
{
	wr_le16(&w->blk, code);
	wr_le16(&w->blk, (uint16_t)n);
	wr_bytes(&w->blk, value, n);
	wr_pad4(&w->blk);
}

static err_t write_headers(pcapngw_t *w)
{
	static const char app[] = "tlstrace";
	static const char ifname[] = "tlstrace";
	static const char ifdesc[] = "TCP/IP synthesized around a live GnuTLS run";
	const uint8_t tsresol = 6;

	/* Section 4.1: byte-order magic, major 1, minor 0, section length
	 * -1 "not specified", then shb_userappl. */
	block_begin(w, BT_SHB);
	wr_le32(&w->blk, 0x1A2B3C4D);
	wr_le16(&w->blk, 1);
	wr_le16(&w->blk, 0);
	wr_le64(&w->blk, UINT64_MAX);
	block_option(w, OPT_SHB_USERAPPL, app, sizeof app - 1);
	block_option(w, OPT_ENDOFOPT, NULL, 0);
	TRY(block_end(w));

	/* Section 4.2: LinkType, Reserved, SnapLen; if_tsresol 6 says
	 * microseconds (the default, written out for readers that guess). */
	block_begin(w, BT_IDB);
	wr_le16(&w->blk, LINKTYPE_ETHERNET);
	wr_le16(&w->blk, 0);
	wr_le32(&w->blk, SNAPLEN);
	block_option(w, OPT_IF_NAME, ifname, sizeof ifname - 1);
	block_option(w, OPT_IF_DESCRIPTION, ifdesc, sizeof ifdesc - 1);
	block_option(w, OPT_IF_TSRESOL, &tsresol, 1);
	block_option(w, OPT_ENDOFOPT, NULL, 0);
	return block_end(w);
}

err_t pcapngw_open(const char *path, secfile_mode_t mode, pcapngw_t **out, char *why, size_t whylen)
{
	pcapngw_t *w;
	err_t e;
	int fd;

	*out = NULL;
	w = calloc(1, sizeof *w);
	ENSURE(w, ERR_NOMEM);
	w->path = strdup(path);
	if (!w->path) {
		free(w);
		return ERR_NOMEM;
	}
	/* the capture embeds the key log: a secrets file (0600, no link followed) */
	e = secfile_open(path, mode, &fd, why, whylen);
	if (e == ERR_OK && !(w->f = fdopen(fd, "wb"))) {
		err_why(why, whylen, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		e = ERR_IO;
	}
	if (e != ERR_OK) {
		free(w->path);
		free(w);
		return e;
	}
	e = write_headers(w);
	if (e != ERR_OK) {
		/* the error is sticky in w: closing reports it, with *why */
		err_t e2 = pcapngw_close(w, why, whylen);
		return e2 != ERR_OK ? e2 : e;
	}
	*out = w;
	return ERR_OK;
}

err_t pcapngw_secrets(pcapngw_t *w, const uint8_t *text, size_t n)
{
	TRY(w->err);
	if (n == 0)
		return ERR_OK;
	ENSURE(n <= BLOCK_BODY_MAX, ERR_BAD_LENGTH);
	/* Section 4.7: Secrets Type, Secrets Length, Secrets Data padded. */
	block_begin(w, BT_DSB);
	wr_le32(&w->blk, SECRETS_TLS_KEYLOG);
	wr_le32(&w->blk, (uint32_t)n);
	wr_bytes(&w->blk, text, n);
	return block_end(w);
}

/* ---- time ------------------------------------------------------------- */

static err_t ticks_of(pcapngw_t *w, double t, uint64_t *out)
{
	uint64_t ticks;

	/* Also refuses NaN: every comparison with it is false. */
	ENSURE(t >= 0.0 && t < 1e13, ERR_BAD_VALUE);
	ticks = (uint64_t)(t * TICKS_PER_SECOND + 0.5);
	if (ticks < w->last_ticks)
		ticks = w->last_ticks;
	*out = ticks;
	return ERR_OK;
}

/* ---- packets ---------------------------------------------------------- */

enum {
	TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10,
	ETH_HLEN = 14, IP_HLEN = 20, IP6_HLEN = 40, TCP_HLEN = 20, TCP_MSS_OPT_LEN = 4,
	MSS = 1460,
};

/* Section 4.3: Interface ID, Timestamp (upper, lower), Captured Packet
 * Length, Original Packet Length, Packet Data padded; no options. */
static err_t write_epb(pcapngw_t *w, uint64_t ticks)
{
	if (w->pkt.err != ERR_OK)
		return w->err = w->pkt.err;
	block_begin(w, BT_EPB);
	wr_le32(&w->blk, 0);
	wr_le32(&w->blk, (uint32_t)(ticks >> 32));
	wr_le32(&w->blk, (uint32_t)ticks);
	wr_le32(&w->blk, (uint32_t)w->pkt.b.len);
	wr_le32(&w->blk, (uint32_t)w->pkt.b.len);
	wr_bytes(&w->blk, w->pkt.b.ptr, w->pkt.b.len);
	TRY(block_end(w));
	w->last_ticks = ticks;
	return ERR_OK;
}

/* The sum of an IPv6 address as 16-bit words, for a pseudo-header. */
static uint32_t sum_ip6(const uint8_t a[16])
{
	uint32_t sum = 0;
	int i;

	for (i = 0; i < 16; i += 2)
		sum += (uint32_t)(a[i] << 8 | a[i + 1]);
	return sum;
}

/* One TCP segment from side `from`: Ethernet, IPv4 (RFC 791) or IPv6
 * (RFC 8200), TCP (RFC 9293) with its checksums, then its sequence space
 * advances. */
static err_t segment(pcapngw_t *w, int from, uint8_t flags, const uint8_t *p, size_t n, uint64_t ticks)
{
	const pcapngw_endpoint_t src = w->side[from].at, dst = w->side[!from].at;
	const size_t tcp_hlen = TCP_HLEN + (flags & TCP_SYN ? TCP_MSS_OPT_LEN : 0);
	const size_t tcp_len = tcp_hlen + n;
	const size_t ip_at = ETH_HLEN, tcp_at = ETH_HLEN + (src.v6 ? IP6_HLEN : IP_HLEN);
	uint32_t sum;

	w->pkt.b.len = 0;
	w->pkt.err = ERR_OK;
	/* Ethernet II: zero MACs, EtherType IPv4 or IPv6. */
	wr_zeros(&w->pkt, 12);
	wr_be16(&w->pkt, src.v6 ? 0x86dd : 0x0800);

	if (src.v6) {
		/* RFC 8200 section 3: version 6, traffic class and flow label
		 * 0; Payload Length counts what follows the header; next
		 * header 6 (TCP); hop limit 64. */
		wr_be32(&w->pkt, 0x60000000u);
		wr_be16(&w->pkt, (uint16_t)tcp_len);
		wr_u8(&w->pkt, 6);
		wr_u8(&w->pkt, 64);
		wr_bytes(&w->pkt, src.ip6, 16);
		wr_bytes(&w->pkt, dst.ip6, 16);
	} else {
		/* RFC 791 section 3.1: version 4, IHL 5; Total Length counts
		 * the header and data; DF; TTL 64; protocol 6 (TCP). */
		wr_u8(&w->pkt, 0x45);
		wr_u8(&w->pkt, 0);
		wr_be16(&w->pkt, (uint16_t)(IP_HLEN + tcp_len));
		wr_be16(&w->pkt, w->ip_id++);
		wr_be16(&w->pkt, 0x4000);
		wr_u8(&w->pkt, 64);
		wr_u8(&w->pkt, 6);
		wr_be16(&w->pkt, 0);          /* checksum, patched below */
		wr_be32(&w->pkt, src.ip);
		wr_be32(&w->pkt, dst.ip);
	}

	/* RFC 9293 section 3.1: ports, sequence, acknowledgment, data offset
	 * in 32-bit words, flags, window, checksum, urgent pointer. */
	wr_be16(&w->pkt, src.port);
	wr_be16(&w->pkt, dst.port);
	wr_be32(&w->pkt, w->side[from].nxt);
	wr_be32(&w->pkt, flags & TCP_ACK ? w->side[!from].nxt : 0);
	wr_u8(&w->pkt, (uint8_t)((tcp_hlen / 4) << 4));
	wr_u8(&w->pkt, flags);
	wr_be16(&w->pkt, PCAPNGW_WINDOW);
	wr_be16(&w->pkt, 0);          /* checksum, patched below */
	wr_be16(&w->pkt, 0);
	if (flags & TCP_SYN) {
		/* RFC 9293 section 3.7.1: MSS option, kind 2, length 4. */
		wr_u8(&w->pkt, 2);
		wr_u8(&w->pkt, 4);
		wr_be16(&w->pkt, MSS);
	}
	wr_bytes(&w->pkt, p, n);

	if (src.v6) {
		/* RFC 8200 section 8.1: the pseudo-header is both addresses,
		 * the upper-layer length (32 bits), zeros and next header. */
		sum = sum_ip6(src.ip6) + sum_ip6(dst.ip6) + (uint32_t)(tcp_len >> 16) + (uint32_t)(tcp_len & 0xffff) + 6;
	} else {
		/* RFC 791: the header checksum covers the header alone. */
		wr_patch_be16(&w->pkt, ip_at + 10, csum_fold(wr_sum(&w->pkt, ip_at, IP_HLEN, 0)));
		/* RFC 9293 section 3.1: the TCP checksum covers a pseudo-header
		 * of both addresses, zero, protocol and TCP length. */
		sum = (src.ip >> 16) + (src.ip & 0xffff) + (dst.ip >> 16) + (dst.ip & 0xffff) + 6 + (uint32_t)tcp_len;
	}
	wr_patch_be16(&w->pkt, tcp_at + 16, csum_fold(wr_sum(&w->pkt, tcp_at, tcp_len, sum)));

	TRY(write_epb(w, ticks));
	/* SYN and FIN each take one sequence number (RFC 9293 section 3.4). */
	w->side[from].nxt += (uint32_t)n + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0);
	w->side[from].unacked += n;
	return ERR_OK;
}

/* A pure ACK from side `from` of everything the peer sent. */
static err_t ack(pcapngw_t *w, int from, uint64_t ticks)
{
	TRY(segment(w, from, TCP_ACK, NULL, 0, ticks));
	w->side[!from].unacked = 0;
	return ERR_OK;
}

/* Initial sequence numbers: fixed so that files are reproducible; tools
 * show them relative anyway. */
#define ISN_CLIENT 0x1c2b3a49u
#define ISN_SERVER 0x8e7d6c5bu

bool pcapngw_endpoint_parse(const char *ip, uint16_t port, pcapngw_endpoint_t *out)
{
	struct in_addr a4;

	memset(out, 0, sizeof *out);
	out->port = port;
	if (inet_pton(AF_INET, ip, &a4) == 1) {
		out->ip = ntohl(a4.s_addr);
		return true;
	}
	out->v6 = inet_pton(AF_INET6, ip, out->ip6) == 1;
	return out->v6;
}

err_t pcapngw_tcp_open(pcapngw_t *w, pcapngw_endpoint_t client, pcapngw_endpoint_t server, double time)
{
	uint64_t ticks;

	TRY(w->err);
	ENSURE(!w->tcp_open, ERR_BAD_VALUE);
	ENSURE(client.port != 0 && server.port != 0, ERR_BAD_VALUE);
	ENSURE(client.v6 == server.v6, ERR_BAD_VALUE);
	ENSURE(client.port != server.port ||
	       (client.v6 ? memcmp(client.ip6, server.ip6, 16) != 0 : client.ip != server.ip), ERR_BAD_VALUE);
	TRY(ticks_of(w, time, &ticks));
	w->side[0].at = client;
	w->side[0].nxt = ISN_CLIENT;
	w->side[1].at = server;
	w->side[1].nxt = ISN_SERVER;
	w->side[0].unacked = w->side[1].unacked = 0;
	w->tcp_open = true;
	/* RFC 9293 section 3.5, the three-way handshake. */
	TRY(segment(w, 0, TCP_SYN, NULL, 0, ticks));
	TRY(segment(w, 1, TCP_SYN | TCP_ACK, NULL, 0, ticks));
	return ack(w, 0, ticks);
}

err_t pcapngw_tcp_data(pcapngw_t *w, int sender, const uint8_t *p, size_t n, double time)
{
	uint64_t ticks;

	TRY(w->err);
	ENSURE(w->tcp_open && (sender == 0 || sender == 1), ERR_BAD_VALUE);
	if (n == 0)
		return ERR_OK;
	TRY(ticks_of(w, time, &ticks));
	while (n > 0) {
		size_t k = n < PCAPNGW_SEG_MAX ? n : PCAPNGW_SEG_MAX;
		/* Never fill the peer's window: it acknowledges first (a full
		 * window is what Wireshark flags as "window full"). */
		if (w->side[sender].unacked + k >= PCAPNGW_WINDOW)
			TRY(ack(w, !sender, ticks));
		TRY(segment(w, sender, (uint8_t)(TCP_ACK | (k == n ? TCP_PSH : 0)), p, k, ticks));
		p += k;
		n -= k;
	}
	return ack(w, !sender, ticks);
}

err_t pcapngw_tcp_close(pcapngw_t *w, double time)
{
	uint64_t ticks;

	TRY(w->err);
	ENSURE(w->tcp_open, ERR_BAD_VALUE);
	TRY(ticks_of(w, time, &ticks));
	/* RFC 9293 section 3.6: the client closes, the server closes too
	 * acknowledging the client's FIN, the client acknowledges. */
	TRY(segment(w, 0, TCP_FIN | TCP_ACK, NULL, 0, ticks));
	TRY(segment(w, 1, TCP_FIN | TCP_ACK, NULL, 0, ticks));
	TRY(ack(w, 0, ticks));
	w->tcp_open = false;
	return ERR_OK;
}

err_t pcapngw_close(pcapngw_t *w, char *why, size_t whylen)
{
	err_t e;

	if (!w)
		return ERR_OK;
	e = w->err;
	errno = 0;
	if (e == ERR_OK && (fflush(w->f) != 0 || ferror(w->f))) {
		e = ERR_IO;
		w->err_no = errno ? errno : EIO;
	}
	if (fclose(w->f) != 0 && e == ERR_OK) {
		e = ERR_IO;
		w->err_no = errno ? errno : EIO;
	}
	if (e == ERR_IO)
		err_why(why, whylen, "cannot write %s: %s", w->path, strerror(w->err_no));
	else if (e != ERR_OK)
		err_why(why, whylen, "cannot write %s: %s", w->path, err_str(e));
	buf_free(&w->blk.b);
	buf_free(&w->pkt.b);
	free(w->path);
	if (e == ERR_IO)
		errno = w->err_no;
	free(w);
	return e;
}
