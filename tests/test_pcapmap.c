/* test_pcapmap.c - the in-place classic pcap reader against libpcap, the
 * oracle: files written byte by byte here (odd time stamps, records cut
 * short or longer than the snapshot length, a record larger than the
 * pager's 2 MB step, files that are not for the map) are read by both, and
 * every packet must agree in frame, lengths, time and bytes; where the
 * map stops, libpcap must stand at the same offset.  Then whole captures
 * through capture_run: what libpcap alone delivers, the reader delivers;
 * and a file another program cuts while it is read. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testing.h"
#include "capture_testutil.h"
#include "capture/pcapmap.h"

typedef struct {
	FILE *f;
	char path[64];
} pm_file_t;

static void pm_u32(FILE *f, uint32_t v)
{
	CU_ASSERT_EQUAL(fwrite(&v, sizeof v, 1, f), 1);   /* native order, as the map reads */
}

static void pm_begin(pm_file_t *pf, uint32_t magic, uint16_t major, uint16_t minor, uint32_t snaplen, uint32_t linktype)
{
	ct_tmpname(pf->path, sizeof pf->path, ".pcap");
	pf->f = fopen(pf->path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf->f);
	pm_u32(pf->f, magic);
	pm_u32(pf->f, (uint32_t)major | (uint32_t)minor << 16);
	pm_u32(pf->f, 0);
	pm_u32(pf->f, 0);
	pm_u32(pf->f, snaplen);
	pm_u32(pf->f, linktype);
}

/* A record whose header says caplen and len; body bytes are written (a
 * pattern of the frame number), fewer than caplen to cut the file. */
static void pm_record(pm_file_t *pf, uint32_t sec, uint32_t frac, uint32_t caplen, uint32_t len, size_t body)
{
	size_t i;

	pm_u32(pf->f, sec);
	pm_u32(pf->f, frac);
	pm_u32(pf->f, caplen);
	pm_u32(pf->f, len);
	for (i = 0; i < body; i++)
		fputc((int)((i * 7 + caplen) & 0xff), pf->f);
}

/* Both readers over the file: returns the packets the map delivered and
 * sets *lib_rest to what libpcap read after it (packets), *lib_rc to
 * libpcap's final result. */
static unsigned pm_compare(const char *path, bool want_map, int *lib_rest, int *lib_rc)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, err);
	struct pcap_pkthdr *h;
	const u_char *d;
	prefetch_pkt_t p;
	pcapmap_t *pm;
	unsigned n = 0;
	off_t resume;
	int rc;

	*lib_rest = 0;
	*lib_rc = 0;
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	pm = pcapmap_open(fileno(pcap_file(pc)), pcap_snapshot(pc));
	CU_ASSERT_EQUAL(pm != NULL, want_map);
	while (pm && pcapmap_next(pm, &p)) {
		n++;
		rc = pcap_next_ex(pc, &h, &d);
		CU_ASSERT_EQUAL_FATAL(rc, 1);
		CU_ASSERT_EQUAL(p.frame, n);
		CU_ASSERT_EQUAL(p.caplen, h->caplen);
		CU_ASSERT_EQUAL(p.len, h->len);
		CU_ASSERT_DOUBLE_EQUAL(p.time, (double)h->ts.tv_sec + (double)h->ts.tv_usec / 1e9, 1e-12);
		CU_ASSERT(memcmp(p.data, d, h->caplen) == 0);
	}
	if (pm) {
		resume = pcapmap_resume(pm);
		/* where the map stops, libpcap stands */
		CU_ASSERT_EQUAL(resume < 0 ? (off_t)-1 : ftello(pcap_file(pc)), resume);
		pcapmap_free(pm);
	}
	while ((rc = pcap_next_ex(pc, &h, &d)) == 1)
		++*lib_rest;
	*lib_rc = rc;
	pcap_close(pc);
	return n;
}

/* Closes the file written, reads it with both, and checks: the map
 * delivered `mapped` packets, libpcap `rest` more after it (-1: any) and
 * ended with rc; then removes the file. */
static void pm_expect(pm_file_t *pf, bool want_map, unsigned mapped, int rest, int rc)
{
	int lib_rest, lib_rc;

	fclose(pf->f);
	CU_ASSERT_EQUAL(pm_compare(pf->path, want_map, &lib_rest, &lib_rc), mapped);
	if (rest >= 0)
		CU_ASSERT_EQUAL(lib_rest, rest);
	CU_ASSERT_EQUAL(lib_rc, rc);
	unlink(pf->path);
}

static void test_agrees_with_libpcap(void)
{
	pm_file_t pf;

	/* microseconds: odd stamps (negative seconds, a fraction over a
	 * second), caplen above and below len, empty records */
	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 65535, DLT_EN10MB);
	pm_record(&pf, 1700000000u, 123456, 60, 60, 60);
	pm_record(&pf, 0x80000001u, 999999, 14, 1514, 14);
	pm_record(&pf, 5, 2500000, 0, 0, 0);
	pm_record(&pf, 0xffffffffu, 0xfffffff0u, 100, 20, 100);
	pm_record(&pf, 7, 1, 65535, 65535, 65535);
	pm_expect(&pf, true, 5, 0, PCAP_ERROR_BREAK);

	/* nanoseconds, a snaplen of 0 (libpcap takes its maximum) */
	pm_begin(&pf, 0xa1b23c4du, 2, 4, 0, DLT_EN10MB);
	pm_record(&pf, 1700000000u, 999999999, 1000, 1000, 1000);
	pm_record(&pf, 1700000001u, 1, 2000, 3000, 2000);
	pm_expect(&pf, true, 2, 0, PCAP_ERROR_BREAK);
}

static void test_hands_over(void)
{
	pm_file_t pf;

	/* a record longer than the snapshot length: libpcap cuts it to the
	 * snapshot and goes on, so the map hands over there */
	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 100, DLT_EN10MB);
	pm_record(&pf, 1, 0, 60, 60, 60);
	pm_record(&pf, 2, 0, 150, 150, 150);
	pm_record(&pf, 3, 0, 60, 60, 60);
	pm_expect(&pf, true, 1, 2, PCAP_ERROR_BREAK);

	/* beyond any sane length: libpcap's error */
	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 65535, DLT_EN10MB);
	pm_record(&pf, 1, 0, 60, 60, 60);
	pm_record(&pf, 2, 0, 0x7fffffffu, 60, 60);
	pm_expect(&pf, true, 1, 0, PCAP_ERROR);

	/* cut in a packet's bytes, then in a record header */
	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 65535, DLT_EN10MB);
	pm_record(&pf, 1, 0, 60, 60, 60);
	pm_record(&pf, 2, 0, 60, 60, 30);
	pm_expect(&pf, true, 1, -1, PCAP_ERROR);
	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 65535, DLT_EN10MB);
	pm_record(&pf, 1, 0, 60, 60, 60);
	pm_u32(pf.f, 2);
	pm_expect(&pf, true, 1, -1, PCAP_ERROR);
}

static void test_chunks(void)
{
	pm_file_t pf;
	unsigned i, n = 0;

	/* 5 MB of uneven records cross the pager's 2 MB chunks at every offset mod
	 * 4 KB; one D-Bus record (maximum 128 MB) is larger than a chunk */
	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 0, 231);
	for (i = 1; i <= 400; i++, n++) {
		uint32_t len = i * 7919u % 24000u;

		pm_record(&pf, i, i, len, len, len);
		if (i == 200) {
			pm_record(&pf, i, i, 3u << 20, 3u << 20, 3u << 20);
			n++;
		}
	}
	pm_expect(&pf, true, n, 0, PCAP_ERROR_BREAK);
}

static void test_not_for_the_map(void)
{
	static const uint32_t magic[] = { 0xd4c3b2a1u, 0x4d3cb2a1u };   /* the other byte order */
	pm_file_t pf;
	size_t i;

	for (i = 0; i < sizeof magic / sizeof magic[0]; i++) {
		/* libpcap reads it (swapped, no records); the map declines */
		pm_begin(&pf, magic[i], 0x0200, 0x0400, 0x0000ffffu << 16 | 0, 0x01000000u);
		pm_expect(&pf, false, 0, 0, PCAP_ERROR_BREAK);
	}
	/* version 2.3: lengths may be swapped, libpcap's business */
	pm_begin(&pf, 0xa1b2c3d4u, 2, 3, 65535, DLT_EN10MB);
	pm_record(&pf, 1, 0, 60, 60, 60);
	pm_expect(&pf, false, 0, 1, PCAP_ERROR_BREAK);
}

/* capture_run over a file the map hands over in the middle: the frames
 * after the hand-over are still delivered and counted. */
static void test_through_capture_run(void)
{
	static const uint8_t hello[] = { 0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00 };
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.0.0.1", "10.0.0.2", 40000, 443, { 1000, 5000 }, 0 };
	ct_rec_t r;
	pm_file_t pf;
	FILE *in;
	uint8_t buf[4096];
	size_t n;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, hello, sizeof hello);
	ct_fin(&w, &t);
	ct_close(&w);
	/* the same packets, then a record longer than the file's snapshot
	 * length (65535 from pcap_dump), then the same packets again */
	ct_rec_init(&r, 1);
	CU_ASSERT_EQUAL(ct_run(w.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.frames, w.frames);
	ct_tmpname(pf.path, sizeof pf.path, ".pcap");
	pf.f = fopen(pf.path, "wb");
	in = fopen(w.path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf.f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, pf.f);
	pm_record(&pf, 9, 0, 70000, 70000, 70000);
	CU_ASSERT_EQUAL(fseek(in, 24, SEEK_SET), 0);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, pf.f);
	fclose(in);
	fclose(pf.f);
	ct_rec_free(&r);
	ct_rec_init(&r, 1);
	CU_ASSERT_EQUAL(ct_run(pf.path, NULL, &r), ERR_OK);
	CU_ASSERT_EQUAL(r.stats.frames, 2 * w.frames + 1);
	CU_ASSERT_EQUAL(r.stats.tcp_frames, 2 * w.frames);   /* decoded after the hand-over too */
	CU_ASSERT_EQUAL(r.stats.file_error[0], '\0');
	ct_rec_free(&r);
	unlink(pf.path);
	unlink(w.path);
}

/* A file cut by another program while it is read: no SIGBUS reaches the
 * process (mapguard.h), the map stops and says so. */
static void test_cut_while_read(void)
{
	char err[PCAP_ERRBUF_SIZE];
	prefetch_pkt_t p;
	pm_file_t pf;
	pcapmap_t *pm;
	pcap_t *pc;
	unsigned i, n = 0;

	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 65535, DLT_EN10MB);
	for (i = 0; i < 600; i++)
		pm_record(&pf, i, 0, 20000, 20000, 20000);   /* 12 MB: the pager is ahead */
	fclose(pf.f);
	pc = pcap_open_offline_with_tstamp_precision(pf.path, PCAP_TSTAMP_PRECISION_NANO, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	pm = pcapmap_open(fileno(pcap_file(pc)), pcap_snapshot(pc));
	CU_ASSERT_PTR_NOT_NULL_FATAL(pm);
	while (n < 10 && pcapmap_next(pm, &p))
		n++;
	CU_ASSERT_EQUAL(truncate(pf.path, 1 << 20), 0);
	while (pcapmap_next(pm, &p))
		n++;
	CU_ASSERT_TRUE(pcapmap_cut(pm));
	CU_ASSERT(n < 600);
	CU_ASSERT_EQUAL(pcapmap_resume(pm), -1);   /* libpcap is not asked to go on */
	pcapmap_free(pm);
	pcap_close(pc);
	unlink(pf.path);
}

/* A capture still being written (tcpdump -w in another window): what was
 * there when it was mapped is read in place, what came after by libpcap
 * from where the map stopped. */
static void test_growing_file(void)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	prefetch_pkt_t p;
	pm_file_t pf;
	pcapmap_t *pm;
	pcap_t *pc;
	unsigned n = 0, more = 0;

	pm_begin(&pf, 0xa1b2c3d4u, 2, 4, 65535, DLT_EN10MB);
	pm_record(&pf, 1, 0, 60, 60, 60);
	pm_record(&pf, 2, 0, 70, 70, 70);
	fflush(pf.f);
	pc = pcap_open_offline_with_tstamp_precision(pf.path, PCAP_TSTAMP_PRECISION_NANO, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	pm = pcapmap_open(fileno(pcap_file(pc)), pcap_snapshot(pc));
	CU_ASSERT_PTR_NOT_NULL_FATAL(pm);
	CU_ASSERT_TRUE(pcapmap_next(pm, &p));
	pm_record(&pf, 3, 0, 80, 80, 80);
	pm_record(&pf, 4, 0, 90, 90, 90);
	fclose(pf.f);
	while (pcapmap_next(pm, &p))
		n++;
	CU_ASSERT_EQUAL(n, 1);                       /* the second record, mapped */
	CU_ASSERT_FALSE(pcapmap_cut(pm));
	CU_ASSERT_EQUAL(pcapmap_resume(pm), 24 + 2 * 16 + 60 + 70);
	CU_ASSERT_EQUAL(fseeko(pcap_file(pc), pcapmap_resume(pm), SEEK_SET), 0);
	pcapmap_free(pm);
	while (pcap_next_ex(pc, &h, &d) == 1)
		CU_ASSERT_EQUAL(h->caplen, 80 + 10 * more++);
	CU_ASSERT_EQUAL(more, 2);
	pcap_close(pc);
	unlink(pf.path);
}

/* The same through capture_run: a sink that cuts the file when the first
 * connection opens; the run ends with ERR_TRUNCATED and the reason. */
static const char *cut_path;

static void *cut_open(void *ctx, const capture_flow_t *flow)
{
	(void)flow;
	if (cut_path)
		CU_ASSERT_EQUAL(truncate(cut_path, 4096), 0);
	cut_path = NULL;
	return ctx;
}

static void cut_data(void *ctx, void *conn, int sender, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	(void)ctx, (void)conn, (void)sender, (void)p, (void)n, (void)frame, (void)time;
}

static void cut_gap(void *ctx, void *conn, int sender, uint64_t missing, uint32_t frame)
{
	(void)ctx, (void)conn, (void)sender, (void)missing, (void)frame;
}

static void cut_close(void *ctx, void *conn)
{
	(void)ctx, (void)conn;
}

static void test_cut_through_capture_run(void)
{
	static uint8_t pad[1400];
	const capture_sink_t sink = { .open = cut_open, .data = cut_data, .gap = cut_gap, .close = cut_close };
	ct_writer_t w = { 0 };
	ct_tcp_t t = { 4, "10.0.0.1", "10.0.0.2", 40000, 443, { 1000, 5000 }, 0 };
	capture_t *cap;
	char why[256];
	int i, marker = 1;

	ct_open(&w, DLT_EN10MB, false);
	ct_handshake(&w, &t);
	ct_send(&w, &t, 0, ct_client_hello, sizeof ct_client_hello);
	for (i = 0; i < 4000; i++)   /* about 6 MB after the hello */
		ct_send(&w, &t, i & 1, pad, sizeof pad);
	ct_close(&w);
	CU_ASSERT_EQUAL_FATAL(capture_open(w.path, NULL, &cap, why, sizeof why), ERR_OK);
	cut_path = w.path;
	CU_ASSERT_EQUAL(capture_run(cap, &sink, &marker), ERR_TRUNCATED);
	CU_ASSERT(capture_stats(cap)->file_truncated);
	CU_ASSERT(strstr(capture_stats(cap)->file_error, "made shorter while it was read") != NULL);
	CU_ASSERT(capture_stats(cap)->frames < w.frames);
	capture_close(cap);
	unlink(w.path);
}

const test_suite_t test_pcapmap_suite = {
	"pcapmap", (const test_case_t[]){
		{ "agrees with libpcap on every field of odd records", test_agrees_with_libpcap },
		{ "hands over to libpcap where a record is not well formed", test_hands_over },
		{ "records across the pager's chunks, one larger than a chunk", test_chunks },
		{ "declines what libpcap must read", test_not_for_the_map },
		{ "capture_run goes on with libpcap after the hand-over", test_through_capture_run },
		{ "a file still being written: libpcap reads what came after", test_growing_file },
		{ "a file cut while read: no SIGBUS, the map says so", test_cut_while_read },
		{ "a file cut while read through capture_run", test_cut_through_capture_run },
		{ NULL, NULL } }
};
