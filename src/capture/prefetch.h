/* prefetch.h - libpcap read ahead on a thread of its own.
 *
 * Reading a large file through libpcap (system calls, copies, the record
 * headers) costs as much as a fifth of decoding it.  The prefetcher runs
 * pcap_next_ex and the BPF filter on a second thread and hands the packets
 * over in batches of about a megabyte; the decoding thread only walks
 * them.  At most a few batches are in flight, so memory stays small
 * whatever the file's size.  Private to src/capture. */
#ifndef TLSTRACE_PREFETCH_H
#define TLSTRACE_PREFETCH_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct prefetch prefetch_t;

typedef struct {
	const uint8_t *data;     /* borrowed: valid until the next prefetch_next */
	uint32_t caplen, len;    /* as in struct pcap_pkthdr */
	uint32_t frame;          /* 1-based, counting filtered packets too */
	double time;
} prefetch_pkt_t;

/* What the read thread saw, final once prefetch_next returned false. */
typedef struct {
	uint64_t frames, filtered;
	int rc;                  /* pcap_next_ex's last result: -2 end of file, -1 error */
	char error[160];         /* pcap_geterr when rc == -1 (capture_stats_t.file_error's size) */
	bool nomem;
} prefetch_end_t;

/* Starts reading p (borrowed; no one else may use it until prefetch_free).
 * prog: a compiled filter (borrowed), or NULL.  NULL when no thread could
 * be started: the caller reads by itself. */
prefetch_t *prefetch_start(pcap_t *p, const struct bpf_program *prog);
/* The next packet that passed the filter; false at the end of the input. */
bool prefetch_next(prefetch_t *pf, prefetch_pkt_t *out);
/* Stops the thread (even before the end) and frees everything; *end (may
 * be NULL) gets what it saw. */
void prefetch_free(prefetch_t *pf, prefetch_end_t *end);

#endif
