/* test_pcapng_write.c - the pcapng writer, read back by three independent
 * readers: libpcap (packets, checksums recomputed here, payloads), tshark
 * (same packets, no TCP analysis complaints, checksums it verifies, TLS
 * reassembled and, with the embedded key log, decrypted) and a block
 * walker here (layout, padding, the Decryption Secrets Block). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pcap/pcap.h>
#include "testing.h"
#include "base/bytes.h"
#include "base/cursor.h"
#include "capture/pcapng_write.h"
#include "live/live.h"
#include "live/run.h"

#define T0 1700000000.25     /* an exact double: ticks must be exact too */

static const pcapngw_endpoint_t CLIENT = { .ip = PCAPNGW_LOCALHOST, .port = 49152 };
static const pcapngw_endpoint_t SERVER = { .ip = PCAPNGW_LOCALHOST, .port = 443 };

/* ---- files -------------------------------------------------------------- */

static void tmp_path(char *path, size_t n)
{
	int fd;

	snprintf(path, n, "/tmp/tlstrace_pngw_XXXXXX");
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
}

static void slurp(const char *path, buf_t *out)
{
	FILE *f = fopen(path, "rb");
	uint8_t tmp[4096];
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		CU_ASSERT_EQUAL_FATAL(buf_append(out, tmp, n), ERR_OK);
	fclose(f);
}

/* A made-up TLS record: header 16 03 01 <len>, then a handshake header
 * (type `hs`, 24-bit length) and a counting body. */
static void fake_record(buf_t *b, uint8_t hs, size_t total)
{
	size_t i, body = total - 5;
	uint8_t h[9] = { 0x16, 0x03, 0x01, (uint8_t)(body >> 8), (uint8_t)body,
			 hs, (uint8_t)((body - 4) >> 16), (uint8_t)((body - 4) >> 8), (uint8_t)(body - 4) };

	b->len = 0;
	CU_ASSERT_EQUAL_FATAL(buf_append(b, h, sizeof h), ERR_OK);
	for (i = sizeof h; i < total; i++) {
		uint8_t v = (uint8_t)(i * 7 + 3);
		CU_ASSERT_EQUAL_FATAL(buf_append(b, &v, 1), ERR_OK);
	}
}

static const char KEYLOG[] =   /* 183 bytes, 3 mod 4: one byte of padding */
	"CLIENT_RANDOM 0001020304050607080910111213141516171819202122232425262728293031 "
	"000102030405060708091011121314151617181920212223242526272829303132333435363738394041424344454647\n"
	"# xyzw\n";

/* The exchange tests 1-3 read: DSB, handshake, a 3000-byte "ClientHello"
 * (3 segments), a 2000-byte reply (2 segments), close. */
static void write_exchange(const char *path, buf_t *chello, buf_t *reply)
{
	pcapngw_t *w;
	char why[256];

	fake_record(chello, 1, 3000);
	fake_record(reply, 2, 2000);
	CU_ASSERT_EQUAL_FATAL(pcapngw_open(path, SECFILE_REPLACE, &w, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_secrets(w, (const uint8_t *)KEYLOG, sizeof KEYLOG - 1), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, T0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 0, chello->ptr, chello->len, T0 + 0.001), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 1, reply->ptr, reply->len, T0 + 0.002), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0 + 0.003), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_close(w, why, sizeof why), ERR_OK);
}

/* SYN, SYN-ACK, ACK; 3 client segments, ACK; 2 server segments, ACK;
 * FIN, FIN, ACK. */
#define EXCHANGE_PACKETS 13

/* ---- reading packets back with libpcap ------------------------------------ */

typedef struct {
	size_t n;
	size_t len[400];         /* TCP payload length of each packet */
	uint8_t flags[400];
	int from[400];           /* 0 client, 1 server */
	double time[400];
	buf_t stream[2];         /* payloads in order, per direction */
	unsigned bad_ip_sum, bad_tcp_sum, bad_seq, bad_ack, bad_ip, syn, fin;
	int linktype;
} readback_t;

/* One's complement sum over 16-bit words read through a cursor. */
static uint32_t sum_words(slice_t s, uint32_t sum)
{
	cursor_t c = cursor_make(s.ptr, s.len);
	uint16_t v;
	uint8_t last;

	while (cursor_left(&c) >= 2 && cursor_u16(&c, &v) == ERR_OK)
		sum += v;
	if (cursor_u8(&c, &last) == ERR_OK)
		sum += (uint32_t)last << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

static void read_packet(readback_t *r, const uint8_t *p, size_t n, uint32_t nxt[2], bool seen_syn[2])
{
	cursor_t c = cursor_make(p, n), ip, tcp;
	/* initialised: gcc cannot see that a failed _FATAL assert never returns */
	slice_t iph = { 0 }, seg = { 0 }, payload = { 0 };
	uint16_t ethertype = 0, tot = 0, frag = 0, sport = 0, dport = 0, win = 0;
	uint8_t vihl = 0, ttl = 0, proto = 0, off = 0, flags = 0;
	uint32_t src = 0, dst = 0, seq = 0, ackn = 0, pseudo;
	int from;
	size_t hl, i = r->n;

	CU_ASSERT_FATAL(i < sizeof r->len / sizeof r->len[0]);
	CU_ASSERT_EQUAL_FATAL(cursor_skip(&c, 12), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u16(&c, &ethertype), ERR_OK);
	CU_ASSERT_EQUAL(ethertype, 0x0800);
	ip = c;
	CU_ASSERT_EQUAL_FATAL(cursor_u8(&ip, &vihl), ERR_OK);
	CU_ASSERT_EQUAL(vihl, 0x45);
	CU_ASSERT_EQUAL_FATAL(cursor_skip(&ip, 1), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u16(&ip, &tot), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(tot, cursor_left(&c));        /* total length counts exactly the rest */
	CU_ASSERT_EQUAL_FATAL(cursor_skip(&ip, 2), ERR_OK);       /* identification */
	CU_ASSERT_EQUAL_FATAL(cursor_u16(&ip, &frag), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u8(&ip, &ttl), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u8(&ip, &proto), ERR_OK);
	if (ttl != 64 || proto != 6 || frag != 0x4000)          /* DF, not a fragment */
		r->bad_ip++;
	CU_ASSERT_EQUAL_FATAL(cursor_skip(&ip, 2), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u32(&ip, &src), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u32(&ip, &dst), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_bytes(&c, 20, &iph), ERR_OK);
	if (sum_words(iph, 0) != 0xffff)
		r->bad_ip_sum++;

	/* TCP: the checksum over pseudo-header + segment must come to 0xffff. */
	CU_ASSERT_EQUAL_FATAL(cursor_rest(&c, &seg), ERR_OK);
	pseudo = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + 6 + (uint32_t)seg.len;
	if (sum_words(seg, pseudo) != 0xffff)
		r->bad_tcp_sum++;
	tcp = cursor_make(seg.ptr, seg.len);
	CU_ASSERT_EQUAL_FATAL(cursor_u16(&tcp, &sport), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u16(&tcp, &dport), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u32(&tcp, &seq), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u32(&tcp, &ackn), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u8(&tcp, &off), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u8(&tcp, &flags), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_u16(&tcp, &win), ERR_OK);
	CU_ASSERT_EQUAL(win, PCAPNGW_WINDOW);
	hl = (size_t)(off >> 4) * 4;
	CU_ASSERT_FATAL(hl >= 20 && hl <= seg.len);
	tcp = cursor_make(seg.ptr, seg.len);
	CU_ASSERT_EQUAL_FATAL(cursor_skip(&tcp, hl), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(cursor_rest(&tcp, &payload), ERR_OK);

	if (sport == CLIENT.port && dport == SERVER.port && src == CLIENT.ip)
		from = 0;
	else if (sport == SERVER.port && dport == CLIENT.port && src == SERVER.ip)
		from = 1;
	else {
		CU_FAIL("a packet of neither direction");
		return;
	}
	/* Sequence numbers follow on exactly; every ACK acknowledges all the
	 * peer sent so far, never more (no "ACKed unseen segment"). */
	if (flags & 0x02) {
		seen_syn[from] = true;
		nxt[from] = seq;
		r->syn++;
	} else if (!seen_syn[from] || seq != nxt[from])
		r->bad_seq++;
	if ((flags & 0x10) && (!seen_syn[!from] || ackn != nxt[!from]))
		r->bad_ack++;
	nxt[from] = seq + (uint32_t)payload.len + ((flags & 0x03) ? 1 : 0);
	if (flags & 0x01)
		r->fin++;
	CU_ASSERT_EQUAL(buf_append(&r->stream[from], payload.ptr, payload.len), ERR_OK);
	r->len[i] = payload.len;
	r->flags[i] = flags;
	r->from[i] = from;
	r->n++;
}

static void readback(const char *path, readback_t *r)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline(path, errbuf);
	struct pcap_pkthdr *h;
	const u_char *data;
	uint32_t nxt[2] = { 0, 0 };
	bool seen_syn[2] = { false, false };
	int rc;

	memset(r, 0, sizeof *r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	r->linktype = pcap_datalink(pc);
	while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
		CU_ASSERT_EQUAL(h->caplen, h->len);
		if (r->n < sizeof r->time / sizeof r->time[0])
			r->time[r->n] = (double)h->ts.tv_sec + h->ts.tv_usec / 1e6;
		read_packet(r, data, h->caplen, nxt, seen_syn);
	}
	CU_ASSERT_EQUAL(rc, PCAP_ERROR_BREAK);   /* clean end of file, nothing cut short */
	pcap_close(pc);
}

static void readback_free(readback_t *r)
{
	buf_free(&r->stream[0]);
	buf_free(&r->stream[1]);
}

/* (1) libpcap reads the file: packets, sizes, payloads, checksums, flags. */
static void test_libpcap_reads_back(void)
{
	char path[64];
	buf_t ch = { 0 }, rep = { 0 };
	readback_t *r = calloc(1, sizeof *r);
	size_t i;
	static const size_t want_len[EXCHANGE_PACKETS] = { 0, 0, 0, 1448, 1448, 104, 0, 1448, 552, 0, 0, 0, 0 };
	static const int want_from[EXCHANGE_PACKETS] = { 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0 };

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	tmp_path(path, sizeof path);
	write_exchange(path, &ch, &rep);
	readback(path, r);
	CU_ASSERT_EQUAL(r->linktype, DLT_EN10MB);
	CU_ASSERT_EQUAL_FATAL(r->n, EXCHANGE_PACKETS);
	for (i = 0; i < EXCHANGE_PACKETS; i++) {
		CU_ASSERT_EQUAL(r->len[i], want_len[i]);
		CU_ASSERT_EQUAL(r->from[i], want_from[i]);
		CU_ASSERT(r->len[i] <= PCAPNGW_SEG_MAX);
	}
	CU_ASSERT_EQUAL(r->flags[0], 0x02);                 /* SYN */
	CU_ASSERT_EQUAL(r->flags[1], 0x12);                 /* SYN, ACK */
	CU_ASSERT_EQUAL(r->flags[2], 0x10);
	CU_ASSERT_EQUAL(r->flags[4], 0x10);                 /* middle segment: no PSH */
	CU_ASSERT_EQUAL(r->flags[5], 0x18);                 /* last of the flight: PSH */
	CU_ASSERT_EQUAL(r->flags[8], 0x18);
	CU_ASSERT_EQUAL(r->flags[9], 0x10);                 /* the client's pure ACK */
	CU_ASSERT_EQUAL(r->flags[10], 0x11);                /* FIN, ACK */
	CU_ASSERT_EQUAL(r->flags[11], 0x11);
	CU_ASSERT_EQUAL(r->flags[12], 0x10);
	CU_ASSERT_EQUAL(r->syn, 2);
	CU_ASSERT_EQUAL(r->fin, 2);
	CU_ASSERT_EQUAL(r->bad_ip_sum, 0);
	CU_ASSERT_EQUAL(r->bad_tcp_sum, 0);
	CU_ASSERT_EQUAL(r->bad_ip, 0);
	CU_ASSERT_EQUAL(r->bad_seq, 0);
	CU_ASSERT_EQUAL(r->bad_ack, 0);
	CU_ASSERT_TRUE(slice_eq(buf_slice(&r->stream[0]), buf_slice(&ch)));
	CU_ASSERT_TRUE(slice_eq(buf_slice(&r->stream[1]), buf_slice(&rep)));
	/* Microsecond ticks: the caller's times come back to the microsecond. */
	CU_ASSERT_DOUBLE_EQUAL(r->time[0], T0, 1e-7);
	CU_ASSERT_DOUBLE_EQUAL(r->time[3], T0 + 0.001, 2e-6);
	CU_ASSERT_DOUBLE_EQUAL(r->time[12], T0 + 0.003, 2e-6);
	readback_free(r);
	free(r);
	buf_free(&ch);
	buf_free(&rep);
	unlink(path);
}

/* ---- tshark --------------------------------------------------------------- */

/* Runs tshark with `args` on path; each output line into lines (NUL-separated
 * in one buffer, count returned).  A missing tshark fails the test: it is a
 * test dependency (make deps-test), not an optional one. */
static size_t tshark(const char *path, const char *args, buf_t *lines)
{
	char cmd[1024];
	char line[4096];
	FILE *p;
	size_t n = 0;
	int rc;

	if (system("command -v tshark >/dev/null 2>&1") != 0) {
		CU_FAIL_FATAL("tshark is not installed (a test dependency: apt-get install tshark)");
	}
	snprintf(cmd, sizeof cmd, "tshark -n -r '%s' %s 2>/dev/null", path, args);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\n")] = '\0';
		CU_ASSERT_EQUAL(buf_append(lines, line, strlen(line) + 1), ERR_OK);
		n++;
	}
	rc = pclose(p);
	CU_ASSERT_EQUAL(rc, 0);
	return n;
}

/* The i-th NUL-terminated line of lines. */
static const char *line_at(const buf_t *lines, size_t i)
{
	size_t off = 0;

	while (i-- > 0)
		off += strlen((const char *)lines->ptr + off) + 1;
	return (const char *)lines->ptr + off;
}

#define CHECKSUM_ARGS "-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE "

/* Splits a tab-separated line in place; returns the field count. */
static size_t split_tabs(char *l, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *t = strchr(l, '\t');
		f[n++] = l;
		if (!t)
			break;
		*t = '\0';
		l = t + 1;
	}
	return n;
}

#define CHECKSUM_ARGS "-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE "

/* (2) tshark sees the same packets with the same payload sizes, finds
 * both checksums good, runs its TCP analysis (the ACKs acknowledge the
 * frames they should) without raising any flag (retransmission, lost
 * segment, ACKed unseen, window full, dup ACK...), and reassembles the
 * 3000-byte record across its three segments. */
static void test_tshark_agrees(void)
{
	char path[64];
	buf_t ch = { 0 }, rep = { 0 }, out = { 0 };
	readback_t *r = calloc(1, sizeof *r);
	size_t i, n;
	unsigned reassembled = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	tmp_path(path, sizeof path);
	write_exchange(path, &ch, &rep);
	readback(path, r);
	n = tshark(path, CHECKSUM_ARGS "-T fields -e frame.number -e tcp.len -e ip.checksum.status "
		   "-e tcp.checksum.status -e tcp.analysis.acks_frame -e tls.record.length", &out);
	CU_ASSERT_EQUAL_FATAL(n, r->n);
	for (i = 0; i < n; i++) {
		char copy[512], *f[8];
		size_t nf;

		snprintf(copy, sizeof copy, "%s", line_at(&out, i));
		nf = split_tabs(copy, f, 8);
		CU_ASSERT_EQUAL_FATAL(nf, 6);
		CU_ASSERT_EQUAL(strtoul(f[0], NULL, 10), i + 1);
		CU_ASSERT_EQUAL(strtoul(f[1], NULL, 10), r->len[i]);
		CU_ASSERT_STRING_EQUAL(f[2], "1");          /* 1 = Good */
		CU_ASSERT_STRING_EQUAL(f[3], "1");
		if (strcmp(f[5], "2995") == 0 && i == 5)     /* the record, whole, in its last segment */
			reassembled++;
		if (strcmp(f[5], "1995") == 0 && i == 8)
			reassembled++;
	}
	CU_ASSERT_EQUAL(reassembled, 2);
	/* frame 7 (server's ACK) acknowledges frame 6, the client's last segment */
	CU_ASSERT_STRING_EQUAL(line_at(&out, 6), "7\t0\t1\t1\t6\t");
	buf_free(&out);
	n = tshark(path, "-Y tcp.analysis.flags -T fields -e frame.number -e _ws.expert.message", &out);
	CU_ASSERT_EQUAL(n, 0);
	if (n)
		CU_FAIL(line_at(&out, 0));
	readback_free(r);
	free(r);
	buf_free(&out);
	buf_free(&ch);
	buf_free(&rep);
	unlink(path);
}

/* ---- the blocks, walked here ------------------------------------------- */

static uint32_t rd_le32(cursor_t *c)
{
	uint32_t v = 0;
	CU_ASSERT_EQUAL(cursor_u32(c, &v), ERR_OK);
	return __builtin_bswap32(v);
}

static uint16_t rd_le16(cursor_t *c)
{
	uint16_t v = 0;
	CU_ASSERT_EQUAL(cursor_u16(c, &v), ERR_OK);
	return __builtin_bswap16(v);
}

typedef struct {
	uint32_t type;
	slice_t body;            /* borrowed from the file buffer */
} block_t;

/* Splits a pcapng file (little-endian) into blocks, checking the general
 * block structure of section 3.1 on each. */
static size_t walk_blocks(const buf_t *file, block_t *out, size_t max)
{
	cursor_t c = cursor_make(file->ptr, file->len);
	size_t n = 0;

	while (cursor_left(&c) > 0 && n < max) {
		uint32_t type = rd_le32(&c), total = rd_le32(&c), trail;

		CU_ASSERT_EQUAL_FATAL(total % 4, 0);
		CU_ASSERT_FATAL(total >= 12 && total - 8 <= cursor_left(&c));
		out[n].type = type;
		CU_ASSERT_EQUAL_FATAL(cursor_bytes(&c, total - 12, &out[n].body), ERR_OK);
		trail = rd_le32(&c);
		CU_ASSERT_EQUAL(trail, total);
		n++;
	}
	CU_ASSERT_EQUAL(cursor_left(&c), 0);
	return n;
}

/* Reads options until opt_endofopt; returns the value of option `code`
 * (len 0 and ptr NULL when absent).  Each value is padded to 32 bits. */
static slice_t find_option(cursor_t c, uint16_t code)
{
	slice_t found = { NULL, 0 };
	bool ended = false;

	while (cursor_left(&c) >= 4) {
		uint16_t oc = rd_le16(&c), ol = rd_le16(&c);
		slice_t v;

		if (oc == 0) {
			CU_ASSERT_EQUAL(ol, 0);
			ended = true;
			break;
		}
		CU_ASSERT_EQUAL_FATAL(cursor_bytes(&c, ol, &v), ERR_OK);
		CU_ASSERT_EQUAL_FATAL(cursor_skip(&c, (4 - ol % 4) % 4), ERR_OK);
		if (oc == code)
			found = v;
	}
	CU_ASSERT_TRUE(ended);
	CU_ASSERT_EQUAL(cursor_left(&c), 0);
	return found;
}

/* (3) The headers and the Decryption Secrets Block, field by field, and
 * capinfos (Wireshark's reader) counting the secrets. */
static void test_blocks_and_secrets(void)
{
	static const uint8_t magic_le[4] = { 0x4d, 0x3c, 0x2b, 0x1a };
	char path[64];
	buf_t ch = { 0 }, rep = { 0 }, file = { 0 };
	block_t b[64];
	size_t n, i, first_epb = 0, epbs = 0, dsb = 0, ndsb = 0;
	cursor_t c;
	slice_t v = { 0 }, data = { 0 };   /* see read_packet */
	uint16_t major, minor;
	uint64_t seclen;

	tmp_path(path, sizeof path);
	write_exchange(path, &ch, &rep);
	slurp(path, &file);
	n = walk_blocks(&file, b, 64);
	CU_ASSERT_EQUAL_FATAL(n, 3 + EXCHANGE_PACKETS);

	/* Section 4.1: SHB first, magic as stored, 1.0, length -1, userappl. */
	CU_ASSERT_EQUAL(b[0].type, 0x0A0D0D0A);
	c = cursor_make(b[0].body.ptr, b[0].body.len);
	CU_ASSERT_EQUAL_FATAL(cursor_bytes(&c, 4, &v), ERR_OK);
	CU_ASSERT_TRUE(slice_eq(v, slice_make(magic_le, 4)));
	major = rd_le16(&c);
	minor = rd_le16(&c);
	CU_ASSERT_EQUAL(major, 1);
	CU_ASSERT_EQUAL(minor, 0);
	CU_ASSERT_EQUAL(cursor_u64(&c, &seclen), ERR_OK);
	CU_ASSERT_EQUAL(seclen, UINT64_MAX);
	v = find_option(c, 4);
	CU_ASSERT_TRUE(slice_eq(v, slice_make("tlstrace", 8)));

	/* Section 4.2: IDB, Ethernet, if_tsresol 6. */
	CU_ASSERT_EQUAL(b[1].type, 1);
	c = cursor_make(b[1].body.ptr, b[1].body.len);
	CU_ASSERT_EQUAL(rd_le16(&c), 1);
	CU_ASSERT_EQUAL(rd_le16(&c), 0);
	CU_ASSERT_EQUAL(rd_le32(&c), 65535);
	v = find_option(c, 9);
	CU_ASSERT_EQUAL_FATAL(v.len, 1);
	CU_ASSERT_EQUAL(v.ptr[0], 6);

	for (i = 0; i < n; i++) {
		if (b[i].type == 0x0A) {
			ndsb++;
			dsb = i;
		}
		if (b[i].type == 6 && epbs++ == 0)
			first_epb = i;
	}
	CU_ASSERT_EQUAL(epbs, EXCHANGE_PACKETS);
	CU_ASSERT_EQUAL_FATAL(ndsb, 1);
	CU_ASSERT(dsb < first_epb);             /* before the packets it decrypts */

	/* Section 4.7: Secrets Type TLSK, Secrets Length, data, zero padding,
	 * no options. */
	c = cursor_make(b[dsb].body.ptr, b[dsb].body.len);
	CU_ASSERT_EQUAL(rd_le32(&c), 0x544c534b);
	CU_ASSERT_EQUAL(rd_le32(&c), sizeof KEYLOG - 1);
	CU_ASSERT_EQUAL_FATAL(cursor_bytes(&c, sizeof KEYLOG - 1, &data), ERR_OK);
	CU_ASSERT_TRUE(slice_eq(data, slice_make(KEYLOG, sizeof KEYLOG - 1)));
	CU_ASSERT_EQUAL(sizeof KEYLOG - 1, 183);
	CU_ASSERT_EQUAL_FATAL(cursor_left(&c), 1);  /* the padding, and no options */
	CU_ASSERT_EQUAL_FATAL(cursor_rest(&c, &v), ERR_OK);
	CU_ASSERT_EQUAL(v.ptr[0], 0);

	/* Wireshark's own reader finds one secrets block. */
	CU_ASSERT_EQUAL(system("command -v capinfos >/dev/null 2>&1"), 0);
	{
		char cmd[256], line[256];
		FILE *p;
		bool one = false;

		snprintf(cmd, sizeof cmd, "capinfos -D '%s' 2>/dev/null", path);
		p = popen(cmd, "r");
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		while (fgets(line, sizeof line, p))
			if (strstr(line, "decryption secrets") && strstr(line, ": 1\n"))
				one = true;
		CU_ASSERT_EQUAL(pclose(p), 0);
		CU_ASSERT_TRUE(one);
	}
	buf_free(&file);
	buf_free(&ch);
	buf_free(&rep);
	unlink(path);
}

/* A flight bigger than the window: the receiver acknowledges before the
 * window fills, so tshark still raises no flag, and every byte arrives. */
static void test_big_flight(void)
{
	char path[64], why[256];
	buf_t big = { 0 }, out = { 0 };
	readback_t *r = calloc(1, sizeof *r);
	pcapngw_t *w;
	size_t i, segs = 0, acks = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	tmp_path(path, sizeof path);
	fake_record(&big, 11, 200000);
	CU_ASSERT_EQUAL_FATAL(pcapngw_open(path, SECFILE_REPLACE, &w, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, T0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 1, big.ptr, big.len, T0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(pcapngw_close(w, why, sizeof why), ERR_OK);
	readback(path, r);
	for (i = 3; i + 3 < r->n; i++) {
		if (r->from[i] == 1) {
			segs++;
			CU_ASSERT(r->len[i] > 0 && r->len[i] <= PCAPNGW_SEG_MAX);
		} else {
			acks++;
			CU_ASSERT_EQUAL(r->len[i], 0);
		}
	}
	CU_ASSERT_EQUAL(segs, (200000 + PCAPNGW_SEG_MAX - 1) / PCAPNGW_SEG_MAX);
	CU_ASSERT_EQUAL(acks, 4);               /* 3 inside the flight, 1 after */
	CU_ASSERT_EQUAL(r->bad_seq + r->bad_ack + r->bad_tcp_sum + r->bad_ip_sum, 0);
	CU_ASSERT_TRUE(slice_eq(buf_slice(&r->stream[1]), buf_slice(&big)));
	CU_ASSERT_EQUAL(r->stream[0].len, 0);
	CU_ASSERT_EQUAL(tshark(path, "-Y tcp.analysis.flags -T fields -e frame.number", &out), 0);
	readback_free(r);
	free(r);
	buf_free(&out);
	buf_free(&big);
	unlink(path);
}

/* (4) Misuse and failures come back as errors, with a reason. */
static void test_errors(void)
{
	char path[64], why[256];
	pcapngw_t *w = (pcapngw_t *)(void *)why;   /* not NULL: open must clear it */
	static const uint8_t one[1] = { 0x17 };

	/* A directory that does not exist: ERR_IO, nothing returned, why says it. */
	why[0] = '\0';
	CU_ASSERT_EQUAL(pcapngw_open("/nonexistent-tlstrace-dir/x.pcapng", SECFILE_REPLACE, &w, why, sizeof why), ERR_IO);
	CU_ASSERT_PTR_NULL(w);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "/nonexistent-tlstrace-dir/x.pcapng"));
	CU_ASSERT_PTR_NOT_NULL(strstr(why, strerror(ENOENT)));
	/* A directory itself: refused, and said so. */
	CU_ASSERT_EQUAL(pcapngw_open("/tmp", SECFILE_REPLACE, &w, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NULL(w);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "folder"));
	/* A disk that refuses every byte: stdio buffers, so the failure shows
	 * at the latest when the file is closed, and it is not lost. */
	if (access("/dev/full", W_OK) == 0) {
		size_t k;
		err_t e = ERR_OK;
		uint8_t blob[4096] = { 0 };

		CU_ASSERT_EQUAL_FATAL(pcapngw_open("/dev/full", SECFILE_REPLACE, &w, why, sizeof why), ERR_OK);
		CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, T0), ERR_OK);
		for (k = 0; k < 8 && e == ERR_OK; k++)
			e = pcapngw_tcp_data(w, 0, blob, sizeof blob, T0);
		CU_ASSERT_EQUAL(e, ERR_IO);           /* 32 KiB exceeds stdio's buffer */
		CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0), ERR_IO);   /* sticky */
		why[0] = '\0';
		CU_ASSERT_EQUAL(pcapngw_close(w, why, sizeof why), ERR_IO);
		CU_ASSERT_PTR_NOT_NULL(strstr(why, strerror(ENOSPC)));
	}
	CU_ASSERT_EQUAL(pcapngw_close(NULL, why, sizeof why), ERR_OK);

	/* State and argument errors leave the file good. */
	tmp_path(path, sizeof path);
	CU_ASSERT_EQUAL_FATAL(pcapngw_open(path, SECFILE_REPLACE, &w, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 0, one, 1, T0), ERR_BAD_VALUE);      /* no connection */
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, CLIENT, T0), ERR_BAD_VALUE); /* same endpoint */
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, (pcapngw_endpoint_t){ .ip = PCAPNGW_LOCALHOST, .port = 0 }, T0), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, -1.0), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, NAN), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(pcapngw_secrets(w, NULL, 0), ERR_OK);                    /* no-op */
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, T0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, T0), ERR_BAD_VALUE); /* already open */
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 2, one, 1, T0), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, -1, one, 1, T0), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 0, NULL, 0, T0), ERR_OK);           /* no-op */
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 1, one, 0, T0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 0, one, 1, NAN), ERR_BAD_VALUE);
	/* a time before the last packet's is written as that packet's */
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 0, one, 1, T0 - 5.0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0 + 1.0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0 + 1.0), ERR_BAD_VALUE);          /* closed already */
	/* a second connection in the same file */
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, (pcapngw_endpoint_t){ .ip = PCAPNGW_LOCALHOST, .port = 49153 }, SERVER, T0 + 2.0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0 + 2.0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_close(w, why, sizeof why), ERR_OK);
	/* Nothing is readable after close: the handle is gone (the API frees
	 * it), which ASan would report on any use. */

	{
		char errbuf[PCAP_ERRBUF_SIZE];
		pcap_t *pc = pcap_open_offline(path, errbuf);
		struct pcap_pkthdr *h;
		const u_char *d;
		size_t k = 0;
		double prev = 0, t;

		CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
		while (pcap_next_ex(pc, &h, &d) == 1) {
			t = (double)h->ts.tv_sec + h->ts.tv_usec / 1e6;
			CU_ASSERT(t >= prev);
			prev = t;
			k++;
		}
		pcap_close(pc);
		/* 3 + (1 byte, ACK) + 3, then 3 + 3: the zero-length data wrote nothing */
		CU_ASSERT_EQUAL(k, 3 + 2 + 3 + 3 + 3);
	}
	unlink(path);
}

/* ---- end to end: a live GnuTLS run, saved, decrypted by tshark ------------ */

/* Runs the live pair with cfg and saves it to path, with its key log in a
 * DSB when with_keys. */
static void save_live_run(const live_cfg_t *cfg, const char *path, bool with_keys)
{
	liverun_t *run;
	live_flight_t f;
	bool more = true;
	char why[256];
	buf_t flights[24] = { { 0 } };
	int sender[24];
	size_t n = 0, i;
	pcapngw_t *w;

	CU_ASSERT_EQUAL_FATAL(liverun_new(cfg, &run, why, sizeof why), ERR_OK);
	while (more) {
		CU_ASSERT_EQUAL_FATAL(live_step(run->live, &f, &more), ERR_OK);
		if (f.bytes.len) {
			CU_ASSERT_FATAL(n < 24);
			CU_ASSERT_EQUAL(buf_set(&flights[n], f.bytes.ptr, f.bytes.len), ERR_OK);
			sender[n++] = f.sender;
		}
	}
	CU_ASSERT(run->keylog_text.len > 0);
	/* The key log is complete only now: the DSB goes first all the same. */
	CU_ASSERT_EQUAL_FATAL(pcapngw_open(path, SECFILE_REPLACE, &w, why, sizeof why), ERR_OK);
	if (with_keys)
		CU_ASSERT_EQUAL(pcapngw_secrets(w, run->keylog_text.ptr, run->keylog_text.len), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, CLIENT, SERVER, T0), ERR_OK);
	for (i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(pcapngw_tcp_data(w, sender[i], flights[i].ptr, flights[i].len, T0 + 0.001 * (double)(i + 1)), ERR_OK);
		buf_free(&flights[i]);
	}
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0 + 0.1), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_close(w, why, sizeof why), ERR_OK);
	liverun_free(run);
}

/* Frames in which tshark sees a Finished (type 20): it can only when it
 * decrypted them, and the HTTP request inside the application data. */
static void check_decrypts(const live_cfg_t *cfg)
{
	char path[64];
	buf_t out = { 0 };
	size_t i, n;

	tmp_path(path, sizeof path);
	save_live_run(cfg, path, true);
	n = tshark(path, "-Y tls.handshake.type==20 -T fields -e tls.handshake.type", &out);
	CU_ASSERT_EQUAL(n, 2);                  /* client's and server's */
	for (i = 0; i < n; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(line_at(&out, i), "20"));
	buf_free(&out);
	n = tshark(path, "-Y http.request -T fields -e http.request.method", &out);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		CU_ASSERT_STRING_EQUAL(line_at(&out, 0), "GET");
	buf_free(&out);
	n = tshark(path, "-Y http.response -T fields -e http.response.code", &out);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		CU_ASSERT_STRING_EQUAL(line_at(&out, 0), "200");
	buf_free(&out);
	CU_ASSERT_EQUAL(tshark(path, "-Y tcp.analysis.flags", &out), 0);
	buf_free(&out);

	/* The control: the same run without the DSB shows no Finished. */
	save_live_run(cfg, path, false);
	CU_ASSERT_EQUAL(tshark(path, "-Y tls.handshake.type==20 -T fields -e frame.number", &out), 0);
	CU_ASSERT_EQUAL(tshark(path, "-Y tls -T fields -e frame.number", &out) > 0, true);
	buf_free(&out);
	unlink(path);
}

static void test_live_tls12_decrypts(void)
{
	check_decrypts(&(live_cfg_t){ 0 });
}

static void test_live_tls13_decrypts(void)
{
	check_decrypts(&(live_cfg_t){ .version = VER_TLS13 });
}

/* Last: frees the demo PKI, so LeakSanitizer sees a clean exit. */
static void test_shutdown(void)
{
	live_shutdown();
	CU_PASS("demo PKI freed");
}

/* An IPv6 connection (connect or serve on [::1]): tshark reads IPv6
 * headers with the addresses given, good TCP checksums over the IPv6
 * pseudo-header, every payload byte, no TCP analysis flag; and both
 * endpoints must be of one family. */
static void test_ipv6(void)
{
	pcapngw_endpoint_t c6, s6, c4;
	char path[64], why[256], copy[256], *f[8];
	buf_t ch = { 0 }, rep = { 0 }, out = { 0 };
	size_t i, n, bytes[2] = { 0, 0 };
	pcapngw_t *w;

	CU_ASSERT_FATAL(pcapngw_endpoint_parse("::1", 49160, &c6) && c6.v6);
	CU_ASSERT_FATAL(pcapngw_endpoint_parse("2001:db8::443", 8443, &s6) && s6.v6);
	CU_ASSERT_FATAL(pcapngw_endpoint_parse("127.0.0.1", 49161, &c4) && !c4.v6 && c4.ip == PCAPNGW_LOCALHOST);
	CU_ASSERT_FALSE(pcapngw_endpoint_parse("[::1]", 1, &c4));
	CU_ASSERT_FALSE(pcapngw_endpoint_parse("localhost", 1, &c4));
	tmp_path(path, sizeof path);
	fake_record(&ch, 1, 3000);
	fake_record(&rep, 2, 200);
	CU_ASSERT_EQUAL_FATAL(pcapngw_open(path, SECFILE_REPLACE, &w, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, c4, s6, T0), ERR_BAD_VALUE);     /* families differ */
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, c6, c6, T0), ERR_BAD_VALUE);     /* equal endpoints */
	CU_ASSERT_EQUAL(pcapngw_tcp_open(w, c6, s6, T0), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 0, ch.ptr, ch.len, T0 + 0.001), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_data(w, 1, rep.ptr, rep.len, T0 + 0.002), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_tcp_close(w, T0 + 0.003), ERR_OK);
	CU_ASSERT_EQUAL(pcapngw_close(w, why, sizeof why), ERR_OK);
	n = tshark(path, "-o tcp.check_checksum:TRUE -T fields -e ipv6.src -e ipv6.dst -e tcp.srcport "
		   "-e tcp.len -e tcp.checksum.status", &out);
	CU_ASSERT_EQUAL(n, EXCHANGE_PACKETS - 1);   /* the server's 200 bytes are one segment */
	for (i = 0; i < n; i++) {
		snprintf(copy, sizeof copy, "%s", line_at(&out, i));
		CU_ASSERT_EQUAL_FATAL(split_tabs(copy, f, 8), 5);
		CU_ASSERT(strcmp(f[0], "::1") == 0 || strcmp(f[0], "2001:db8::443") == 0);
		CU_ASSERT(strcmp(f[1], "::1") == 0 || strcmp(f[1], "2001:db8::443") == 0);
		CU_ASSERT_STRING_EQUAL(f[4], "1");                            /* 1 = Good */
		bytes[strcmp(f[2], "49160") == 0 ? 0 : 1] += strtoul(f[3], NULL, 10);
	}
	CU_ASSERT_EQUAL(bytes[0], ch.len);
	CU_ASSERT_EQUAL(bytes[1], rep.len);
	buf_free(&out);
	CU_ASSERT_EQUAL(tshark(path, "-Y tcp.analysis.flags -T fields -e frame.number", &out), 0);
	buf_free(&out);
	buf_free(&ch);
	buf_free(&rep);
	unlink(path);
}

static const test_case_t pcapng_write_cases[] = {
	{ "libpcap reads back packets, payloads, checksums", test_libpcap_reads_back },
	{ "tshark agrees, no TCP analysis flags", test_tshark_agrees },
	{ "blocks and the decryption secrets block", test_blocks_and_secrets },
	{ "a flight bigger than the window", test_big_flight },
	{ "IPv6 connections, checked by tshark", test_ipv6 },
	{ "errors: paths, full disk, misuse, no-ops", test_errors },
	{ "live TLS 1.2 run: tshark decrypts with the DSB", test_live_tls12_decrypts },
	{ "live TLS 1.3 run: tshark decrypts with the DSB", test_live_tls13_decrypts },
	{ "live engine shutdown", test_shutdown },
	{ NULL, NULL },
};

const test_suite_t test_pcapng_write_suite = { "pcapng_write", pcapng_write_cases };
