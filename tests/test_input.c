/* test_input.c - what input.c hands libpcap, through capture_open:
 * gzip, gzip in two members, zstd read as the plain file is; the same
 * cut at many points ends in ERR_TRUNCATED (or ERR_FORMAT when not even
 * the capture's header came through), never in a crash and never as a
 * whole run; bzip2 and xz named and refused; a pcapng with interfaces of
 * two link types read whole. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "testing.h"
#include "capture_testutil.h"

static uint8_t *in_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p;
	long len;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	p = malloc((size_t)len);
	CU_ASSERT_FATAL(p && fread(p, 1, (size_t)len, f) == (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return p;
}

static void in_put(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT(fwrite(p, 1, n, f) == n);
	fclose(f);
}

/* gzip (RFC 1952) of p: deflate with windowBits 15 + 16. */
static size_t in_gzip(const uint8_t *p, size_t n, uint8_t *out, size_t cap)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	CU_ASSERT_FATAL(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	CU_ASSERT_FATAL(deflate(&z, Z_FINISH) == Z_STREAM_END);
	deflateEnd(&z);
	return cap - z.avail_out;
}

/* A capture with one TLS connection; returns its bytes. */
static uint8_t *in_capture(size_t *n)
{
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.9.0.1", "10.9.0.2", 40000, 443, { 1000, 5000 }, 0 };
	uint8_t *p;
	int i;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	ct_send(&w, &t, 1, ct_server_hello, sizeof ct_server_hello);
	for (i = 0; i < 20; i++)
		ct_send(&w, &t, i & 1, ct_server_hello, sizeof ct_server_hello);
	ct_fin(&w, &t);
	ct_close(&w);
	p = in_slurp(w.path, n);
	unlink(w.path);
	return p;
}

static void in_expect_whole(const char *path, const ct_rec_t *want)
{
	ct_rec_t r;

	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.n, want->n);
	CU_ASSERT_EQUAL(r.stats.frames, want->stats.frames);
	if (r.n == 1 && want->n == 1) {
		ct_expect_data(&r, 0, 0, want->conn[0].data[0].ptr, want->conn[0].data[0].len);
		ct_expect_data(&r, 0, 1, want->conn[0].data[1].ptr, want->conn[0].data[1].len);
	}
	CU_ASSERT_FALSE(r.stats.file_truncated);
	ct_rec_free(&r);
}

static void test_input_compressed(void)
{
	char plain[64], gz[64], zs[64];
	size_t n, cz, cs, half;
	uint8_t *p = in_capture(&n), *z = malloc(n * 2 + 1024), *s = malloc(ZSTD_compressBound(n));
	ct_rec_t want;

	ct_tmpname(plain, sizeof plain, ".pcap");
	ct_tmpname(gz, sizeof gz, ".gz");
	ct_tmpname(zs, sizeof zs, ".zst");
	in_put(plain, p, n);
	ct_rec_init(&want, 4);
	CU_ASSERT_EQUAL_FATAL(ct_run(plain, NULL, &want), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(want.n, 1);

	cz = in_gzip(p, n, z, n * 2 + 1024);
	in_put(gz, z, cz);
	in_expect_whole(gz, &want);
	/* two members, the boundary inside a packet (RFC 1952 2.2) */
	half = n / 2 + 3;
	cz = in_gzip(p, half, z, n * 2 + 1024);
	cz += in_gzip(p + half, n - half, z + cz, n * 2 + 1024 - cz);
	in_put(gz, z, cz);
	in_expect_whole(gz, &want);

	cs = ZSTD_compress(s, ZSTD_compressBound(n), p, n, 3);
	CU_ASSERT_FATAL(!ZSTD_isError(cs));
	in_put(zs, s, cs);
	in_expect_whole(zs, &want);

	ct_rec_free(&want);
	unlink(plain);
	unlink(gz);
	unlink(zs);
	free(p);
	free(z);
	free(s);
}

static void test_input_cut(void)
{
	char gz[64], zs[64];
	size_t n, cz, cs, cut;
	uint8_t *p = in_capture(&n), *z = malloc(n * 2 + 1024), *s = malloc(ZSTD_compressBound(n));
	ct_rec_t r;
	err_t e;

	ct_tmpname(gz, sizeof gz, ".gz");
	ct_tmpname(zs, sizeof zs, ".zst");
	cz = in_gzip(p, n, z, n * 2 + 1024);
	cs = ZSTD_compress(s, ZSTD_compressBound(n), p, n, 3);
	CU_ASSERT_FATAL(!ZSTD_isError(cs));
	for (cut = 2; cut < cz; cut += cz / 17 + 1) {
		in_put(gz, z, cut);
		ct_rec_init(&r, 4);
		e = ct_run(gz, NULL, &r);
		CU_ASSERT(e == ERR_TRUNCATED || e == ERR_FORMAT);
		if (e == ERR_TRUNCATED)
			CU_ASSERT(strstr(r.stats.file_error, "gzip stream is cut short") != NULL);
		if (e == ERR_FORMAT)
			CU_ASSERT(strchr(r.why, '\n') == NULL && r.why[0]);
		ct_rec_free(&r);
	}
	for (cut = 4; cut < cs; cut += cs / 17 + 1) {
		in_put(zs, s, cut);
		ct_rec_init(&r, 4);
		e = ct_run(zs, NULL, &r);
		CU_ASSERT(e == ERR_TRUNCATED || e == ERR_FORMAT);
		ct_rec_free(&r);
	}
	/* corrupt in the middle: said, not crashed */
	memset(z + cz / 2, 0x55, 16);
	in_put(gz, z, cz);
	ct_rec_init(&r, 4);
	e = ct_run(gz, NULL, &r);
	CU_ASSERT(e == ERR_TRUNCATED || e == ERR_OK);
	ct_rec_free(&r);
	/* other compressions: named */
	in_put(gz, (const uint8_t *)"BZh91AY&SY", 10);
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(gz, NULL, &r), ERR_FORMAT);
	CU_ASSERT(strstr(r.why, "bzip2") != NULL);
	ct_rec_free(&r);
	unlink(gz);
	unlink(zs);
	free(p);
	free(z);
	free(s);
}

/* pcapng block writer, big-endian (draft-ietf-opsawg-pcapng 4). */
static size_t png_block(uint8_t *out, uint32_t type, const uint8_t *body, size_t n)
{
	size_t total = 12 + ((n + 3) & ~(size_t)3), i;

	for (i = 0; i < 4; i++) {
		out[i] = (uint8_t)(type >> (24 - 8 * i));
		out[4 + i] = out[total - 4 + i] = (uint8_t)(total >> (24 - 8 * i));
	}
	memset(out + 8, 0, total - 12);
	memcpy(out + 8, body, n);
	return total;
}

static void png_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* The capture of in_capture as a big-endian pcapng with two interfaces,
 * Ethernet and raw IP (link types 1 and 101), packets alternating between
 * them, the last few as Simple Packet Blocks (interface 0): libpcap alone
 * refuses the second interface; read whole, it gives what the plain file
 * gives. */
static void test_input_mixed_pcapng(void)
{
	char plain[64], png[64], errbuf[PCAP_ERRBUF_SIZE];
	size_t n, at = 0;
	uint8_t *p = in_capture(&n), *out = malloc(n * 2 + 4096), body[2048];
	static const uint8_t shb[16] = { 0x1a, 0x2b, 0x3c, 0x4d, 0, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t idb[8] = { 0, 1, 0, 0, 0, 0, 0xff, 0xff };
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *pc;
	ct_rec_t want, r;
	unsigned i = 0, total = 0;
	bool second = false;

	ct_tmpname(plain, sizeof plain, ".pcap");
	ct_tmpname(png, sizeof png, ".pcapng");
	in_put(plain, p, n);
	pc = pcap_open_offline(plain, errbuf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	while (pcap_next_ex(pc, &h, &d) == 1)
		total++;
	pcap_close(pc);
	pc = pcap_open_offline(plain, errbuf);
	at += png_block(out + at, 0x0A0D0D0A, shb, sizeof shb);
	at += png_block(out + at, 1, idb, sizeof idb);
	while (pcap_next_ex(pc, &h, &d) == 1) {
		bool raw = (i % 2 == 1) && i + 3 < total;
		size_t off = raw ? 14 : 0, len = h->caplen - off;

		CU_ASSERT_FATAL(len + 20 <= sizeof body);
		if (raw && !second) {
			idb[1] = 101;
			at += png_block(out + at, 1, idb, sizeof idb);
			second = true;
		}
		if (i + 3 >= total) {          /* a Simple Packet Block: interface 0 */
			png_u32(body, (uint32_t)len);
			memcpy(body + 4, d + off, len);
			at += png_block(out + at, 3, body, len + 4);
		} else {
			png_u32(body, raw ? 1 : 0);
			png_u32(body + 4, (uint32_t)h->ts.tv_sec >> 12);   /* any time will do */
			png_u32(body + 8, (uint32_t)(h->ts.tv_sec * 1000000u + (uint32_t)h->ts.tv_usec));
			png_u32(body + 12, (uint32_t)len);
			png_u32(body + 16, (uint32_t)len);
			memcpy(body + 20, d + off, len);
			at += png_block(out + at, 6, body, len + 20);
		}
		i++;
	}
	pcap_close(pc);
	in_put(png, out, at);

	ct_rec_init(&want, 4);
	CU_ASSERT_EQUAL_FATAL(ct_run(plain, NULL, &want), ERR_OK);
	in_expect_whole(png, &want);
	/* with a filter: libpcap's own reading, which stops at interface 2 */
	ct_rec_init(&r, 4);
	CU_ASSERT_EQUAL(ct_run(png, "tcp or not tcp", &r), ERR_OK);
	CU_ASSERT(strstr(r.stats.file_error, "interface unlike the first") != NULL);
	CU_ASSERT(r.stats.frames < want.stats.frames);
	ct_rec_free(&r);
	ct_rec_free(&want);
	unlink(plain);
	unlink(png);
	free(p);
	free(out);
}

static const test_case_t cases[] = {
	{ "pcapng, big-endian, two link types, simple packets: read whole", test_input_mixed_pcapng },
	{ "gzip, two gzip members, zstd: as the plain file", test_input_compressed },
	{ "cut or corrupt streams: an error, never a whole run", test_input_cut },
	{ NULL, NULL }
};

const test_suite_t test_input_suite = { "input", cases };
