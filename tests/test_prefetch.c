/* test_prefetch.c - libpcap read ahead on its own thread: every packet, in
 * order, with its frame number, length and bytes, across batch
 * boundaries; a filter applied there; stopping before the end. */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testing.h"
#include "capture_testutil.h"
#include "capture/prefetch.h"

enum { PF_FRAMES = 500 };   /* about 15 MB: fifteen batches */

static size_t pf_size(unsigned i)
{
	return (size_t)(i * 7919u % 60000u) + 14;   /* 14 bytes to 60 KB: batches fill unevenly */
}

static uint8_t pf_byte(unsigned i, size_t k)
{
	return (uint8_t)(i * 31u + k);
}

static void pf_write(ct_writer_t *w)
{
	static uint8_t frame[60100];
	unsigned i;
	size_t k;

	ct_open(w, DLT_EN10MB, true);
	for (i = 1; i <= PF_FRAMES; i++) {
		for (k = 0; k < pf_size(i); k++)
			frame[k] = pf_byte(i, k);
		ct_raw(w, frame, pf_size(i), pf_size(i) + (i % 5 == 0 ? 10 : 0));   /* some cut short */
	}
	ct_close(w);
}

static void test_every_packet(void)
{
	char err[PCAP_ERRBUF_SIZE];
	ct_writer_t w = { 0 };
	prefetch_pkt_t p;
	prefetch_end_t end;
	prefetch_t *pf;
	pcap_t *pc;
	unsigned n = 0, bad = 0;
	size_t k;

	pf_write(&w);
	pc = pcap_open_offline_with_tstamp_precision(w.path, PCAP_TSTAMP_PRECISION_NANO, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	pf = prefetch_start(pc, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf);
	while (prefetch_next(pf, &p)) {
		n++;
		if (p.frame != n || p.caplen != pf_size(n) || p.len != p.caplen + (n % 5 == 0 ? 10 : 0)) {
			bad++;
			continue;
		}
		for (k = 0; k < p.caplen; k++)
			if (p.data[k] != pf_byte(n, k)) {
				bad++;
				break;
			}
	}
	CU_ASSERT_FALSE(prefetch_next(pf, &p));   /* and stays at the end */
	prefetch_free(pf, &end);
	CU_ASSERT_EQUAL(n, PF_FRAMES);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(end.frames, PF_FRAMES);
	CU_ASSERT_EQUAL(end.filtered, 0);
	CU_ASSERT_EQUAL(end.rc, PCAP_ERROR_BREAK);   /* -2: the end of the file */
	CU_ASSERT_FALSE(end.nomem);
	pcap_close(pc);
	unlink(w.path);
}

static void test_filter_and_early_stop(void)
{
	char err[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	ct_writer_t w = { 0 };
	prefetch_pkt_t p;
	prefetch_end_t end;
	prefetch_t *pf;
	pcap_t *pc;
	unsigned n = 0, bad = 0, want = 0, i;

	pf_write(&w);
	for (i = 1; i <= PF_FRAMES; i++)
		want += pf_size(i) + (i % 5 == 0 ? 10 : 0) > 30000;
	pc = pcap_open_offline_with_tstamp_precision(w.path, PCAP_TSTAMP_PRECISION_NANO, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	CU_ASSERT_EQUAL_FATAL(pcap_compile(pc, &prog, "len > 30000", 1, PCAP_NETMASK_UNKNOWN), 0);
	pf = prefetch_start(pc, &prog);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf);
	while (prefetch_next(pf, &p)) {
		n++;
		bad += p.len <= 30000 || p.caplen != pf_size(p.frame);   /* frames still count every packet */
	}
	prefetch_free(pf, &end);
	CU_ASSERT_EQUAL(n, want);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(end.frames, PF_FRAMES);
	CU_ASSERT_EQUAL(end.filtered, PF_FRAMES - want);
	pcap_close(pc);

	/* Stopped after a few packets: the thread ends, nothing leaks. */
	pc = pcap_open_offline_with_tstamp_precision(w.path, PCAP_TSTAMP_PRECISION_NANO, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	pf = prefetch_start(pc, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf);
	for (i = 0; i < 10; i++)
		CU_ASSERT_TRUE(prefetch_next(pf, &p));
	prefetch_free(pf, NULL);
	pcap_freecode(&prog);
	pcap_close(pc);
	unlink(w.path);
}

const test_suite_t test_prefetch_suite = {
	"prefetch", (const test_case_t[]){
		{ "every packet, in order, across batches", test_every_packet },
		{ "a filter on the read-ahead thread; stopping early", test_filter_and_early_stop },
		{ NULL, NULL } }
};
