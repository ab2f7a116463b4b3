/* pcapin.c - the capture reader's public face (see capture.h): opening a
 * file (or standard input, "-") through libpcap, the packet loop, the
 * statistics.
 *
 * Each packet is decoded in place (layers.h: link layer, tunnels, IP
 * fragments) and handed to the flow table (flows.c).  A classic pcap file
 * on disk is read in place through a memory map (pcapmap.c); everything
 * else, and whatever the map leaves, libpcap reads on a read-ahead thread
 * (prefetch.c), through a large stdio buffer for a plain file and
 * input.c for a pipe or a compressed one; here only when no thread could
 * be started.  Timestamps are read at nanosecond precision (libpcap
 * scales microsecond files up).
 * This file never prints: every complaint goes into *why or the
 * statistics. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "capture_int.h"
#include "input.h"
#include "pcapmap.h"
#include "prefetch.h"

/* The reader's own state beside struct capture (capture_int.h): the
 * layers' fragments in flight and the decompressor.  capture_open
 * allocates a pcapin_t; capture_t is its first member. */
typedef struct {
	struct capture cap;
	layers_t layers;            /* owned: layers_free */
	input_t *in;                /* owned by the FILE libpcap closes; NULL when plain */
} pcapin_t;

static pcapin_t *pcapin_of(capture_t *cap)
{
	return (pcapin_t *)(void *)cap;
}

capture_t *capture_alloc(void)
{
	pcapin_t *pi = calloc(1, sizeof *pi);

	return pi ? &pi->cap : NULL;
}

err_t capture_open(const char *path, const char *bpf, capture_t **out, char *why, size_t whylen)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct stat st;
	capture_t *cap;
	pcapin_t *pi;
	FILE *fp;
	uint16_t first;
	int fd;

	ENSURE(path && out, ERR_BAD_VALUE);
	*out = NULL;
	err_why(why, whylen, "%s", "");
	/* "-": standard input, as tcpdump -r - reads it. */
	fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	if (fd < 0) {
		err_why(why, whylen, "cannot read %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	if (fstat(fd, &st) != 0) {
		err_why(why, whylen, "cannot read %s: %s", path, strerror(errno));
		close(fd);
		return ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		err_why(why, whylen, "cannot read %s: it is a directory", path);
		close(fd);
		return ERR_IO;
	}
	pi = calloc(1, sizeof *pi);
	if (!pi) {
		close(fd);
		return ERR_NOMEM;
	}
	cap = &pi->cap;
	/* A BPF filter is compiled for the file's one link type: with one,
	 * a pcapng file is read as libpcap reads it. */
	fp = input_open(fd, S_ISREG(st.st_mode), !(bpf && *bpf), path, &pi->in, why, whylen);
	if (!fp) {
		free(pi);
		return why && why[0] ? ERR_FORMAT : ERR_NOMEM;
	}
	/* libpcap reads a record header and then a packet at a time through
	 * stdio: with a 1 MiB buffer that is a system call per megabyte, not
	 * per 4 KiB, and with one thread reading, no lock per call.  libpcap
	 * closes the stream in pcap_close, not when it refuses it. */
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	__fsetlocking(fp, FSETLOCKING_BYCALLER);
	cap->pcap = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (!cap->pcap) {
		const char *codec = input_codec(pi->in);
		const char *ierr = input_error(pi->in);

		if (ierr)
			err_why(why, whylen, "%s: %s", path, ierr);
		else if (codec)
			err_why(why, whylen, "%s is %s-compressed but what it holds is not a pcap or pcapng file "
				    "(libpcap: %s)", path, codec, errbuf);
		else
			err_why(why, whylen, "%s is not a pcap or pcapng file (libpcap: %s)", path, errbuf);
		fclose(fp);
		free(pi);
		return ERR_FORMAT;
	}
	cap->dlt = pcap_datalink(cap->pcap);
	if (input_muxed(pi->in, &first)) {
		/* pcapng, interfaces rewritten: each frame names its link type;
		 * the first interface's is the one to judge the file by. */
		cap->dlt = link_supported(first) ? LINK_PCAPNG_MUX : first;
	}
	if (!link_supported(cap->dlt)) {
		const char *name = pcap_datalink_val_to_name(cap->dlt);

		err_why(why, whylen, "%s has link type %s (%d), which tlstrace does not read: it reads Ethernet, "
			    "Linux cooked (SLL, SLL2), BSD loopback, raw IP, PPP and 802.11 (radiotap)", path, name ? name : "unknown", cap->dlt);
		capture_close(cap);
		return ERR_FORMAT;
	}
	if (bpf && *bpf) {
		/* The filter runs on each packet in capture_run (pcap_offline_filter)
		 * rather than through pcap_setfilter, so that frame numbers still
		 * count every packet in the file, as Wireshark's do. */
		if (pcap_compile(cap->pcap, &cap->prog, bpf, 1, PCAP_NETMASK_UNKNOWN) != 0) {
			err_why(why, whylen, "the filter \"%s\" does not compile: %s", bpf, pcap_geterr(cap->pcap));
			capture_close(cap);
			return ERR_BAD_VALUE;
		}
		cap->filtering = true;
	}
	*out = cap;
	return ERR_OK;
}

void capture_packet(capture_t *cap, const uint8_t *data, size_t caplen, uint32_t uncaptured,
			   uint32_t frame, double time)
{
	pkt_t pkt;
	layer_t r = layers_decode(&pcapin_of(cap)->layers, cap->dlt, data, caplen, uncaptured, time, &pkt);

	switch (r) {
	case LAYER_OK:
		if (pkt.udp)
			cap->stats.udp_frames++;
		else
			cap->stats.tcp_frames++;
		flows_packet(cap, &pkt, frame, time);
		break;
	case LAYER_SKIP:
		cap->stats.skipped++;
		break;
	case LAYER_FRAGMENT:
		cap->stats.fragments++;
		break;
	case LAYER_MALFORMED:
	case LAYER_TOO_DEEP:
		cap->stats.malformed++;
		break;
	}
}

/* The packet loop without a read-ahead thread; returns the last frame. */
static uint32_t capture_read_here(capture_t *cap)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	uint32_t frame = (uint32_t)cap->stats.frames;
	int rc;

	while ((rc = pcap_next_ex(cap->pcap, &hdr, &data)) == 1) {
		/* Opened with PCAP_TSTAMP_PRECISION_NANO: tv_usec holds nanoseconds. */
		double time = (double)hdr->ts.tv_sec + (double)hdr->ts.tv_usec / 1e9;

		frame = (uint32_t)++cap->stats.frames;
		if (cap->filtering && !pcap_offline_filter(&cap->prog, hdr, data)) {
			cap->stats.filtered++;
			continue;
		}
		if (hdr->caplen < hdr->len)
			cap->stats.truncated++;
		capture_packet(cap, data, hdr->caplen, hdr->len > hdr->caplen ? hdr->len - hdr->caplen : 0, frame, time);
	}
	if (rc == PCAP_ERROR)
		snprintf(cap->stats.file_error, sizeof cap->stats.file_error, "%s", pcap_geterr(cap->pcap));
	return frame;
}

/* The same loop with libpcap on the prefetch thread. */
static uint32_t capture_read_ahead(capture_t *cap, prefetch_t *pf)
{
	prefetch_pkt_t p;
	prefetch_end_t end;

	uint64_t before = cap->stats.frames;

	while (prefetch_next(pf, &p)) {
		cap->stats.frames = before + p.frame;   /* as far as the decoder has come */
		if (p.caplen < p.len)
			cap->stats.truncated++;
		capture_packet(cap, p.data, p.caplen, p.len > p.caplen ? p.len - p.caplen : 0, p.frame, p.time);
	}
	prefetch_free(pf, &end);
	cap->stats.frames = before + end.frames;
	cap->stats.filtered += end.filtered;
	if (end.nomem)
		cap->nomem = true;
	if (end.rc == PCAP_ERROR)
		snprintf(cap->stats.file_error, sizeof cap->stats.file_error, "%s", end.error);
	return (uint32_t)cap->stats.frames;
}

/* A classic pcap file read in place (pcapmap.h).  false when libpcap
 * must go on from where it stopped (or read the whole file).  *cut: the
 * file was made shorter while it was read. */
static bool capture_read_mapped(capture_t *cap, uint32_t *frame, bool *cut)
{
	FILE *fp = pcap_file(cap->pcap);
	pcapmap_t *pm;
	prefetch_pkt_t p;
	off_t resume;

	if (pcapin_of(cap)->in || !fp)
		return false;
	pm = pcapmap_open(fileno(fp), pcap_snapshot(cap->pcap));
	if (!pm)
		return false;
	while (pcapmap_next(pm, &p)) {
		cap->stats.frames = p.frame;
		if (cap->filtering) {
			struct pcap_pkthdr hdr = { .caplen = p.caplen, .len = p.len };

			if (!pcap_offline_filter(&cap->prog, &hdr, p.data)) {
				cap->stats.filtered++;
				continue;
			}
		}
		if (p.caplen < p.len)
			cap->stats.truncated++;
		capture_packet(cap, p.data, p.caplen, p.len > p.caplen ? p.len - p.caplen : 0, p.frame, p.time);
	}
	resume = pcapmap_resume(pm);
	*cut = pcapmap_cut(pm);
	pcapmap_free(pm);
	*frame = (uint32_t)cap->stats.frames;
	if (*cut) {
		snprintf(cap->stats.file_error, sizeof cap->stats.file_error,
			 "the file was made shorter while it was read, at frame %u (another program truncated "
			 "or rewrote it, or the disk failed); its last packet may hold zeros", *frame);
		return true;
	}
	if (resume < 0)
		return true;
	/* libpcap judges the record the map stopped at, in its own words */
	if (fseeko(fp, resume, SEEK_SET) == 0)
		return false;
	snprintf(cap->stats.file_error, sizeof cap->stats.file_error, "cannot read on after frame %u: %s",
		 *frame, strerror(errno));
	return true;
}

err_t capture_run(capture_t *cap, const capture_sink_t *sink, void *ctx)
{
	prefetch_t *pf;
	uint32_t frame;
	const char *ierr;
	bool cut = false;

	ENSURE(cap && sink && sink->open && sink->data && sink->gap && sink->close, ERR_BAD_VALUE);
	cap->sink = sink;
	cap->ctx = ctx;
	/* Reading through libpcap (system calls, copies, its record headers)
	 * is a quarter of this thread's work on a large file.  A mapped file
	 * costs none of it; otherwise libpcap runs on a thread of its own, so
	 * that it overlaps decoding and a pipe that keeps it waiting does not
	 * stall the decoder.  make bench measured each. */
	if (!capture_read_mapped(cap, &frame, &cut)) {
		pf = prefetch_start(cap->pcap, cap->filtering ? &cap->prog : NULL);
		frame = pf ? capture_read_ahead(cap, pf) : capture_read_here(cap);
	}
	/* libpcap 1.10 reads a pcapng file's interfaces only while they agree
	 * with the first one: "an interface has a type N different from the
	 * type of the first interface" ends the file there (sf-pcapng.c; the
	 * same for the snapshot length).  input.c works round it, but not
	 * under a BPF filter: then say so in words an analyst can act on. */
	if (strstr(cap->stats.file_error, "different from the type of the first interface")) {
		char lib[sizeof cap->stats.file_error];

		memcpy(lib, cap->stats.file_error, sizeof lib);
		snprintf(cap->stats.file_error, sizeof cap->stats.file_error,
			 "truncated: libpcap stops at a pcapng interface unlike the first (%.80s)", lib);
	}
	/* A compressed stream cut short or corrupt: its words come first
	 * (libpcap only saw the decompressed bytes end). */
	ierr = input_error(pcapin_of(cap)->in);
	if (ierr) {
		snprintf(cap->stats.file_error, sizeof cap->stats.file_error, "%s", ierr);
		cut = true;
	}
	/* libpcap: "truncated dump file; tried to read N captured bytes, only
	 * got M" (pcap), "truncated pcapng dump file" (pcapng). */
	cap->stats.file_truncated = strstr(cap->stats.file_error, "truncated") != NULL || cut;
	flows_finish(cap, frame);
	cap->sink = NULL;
	cap->ctx = NULL;
	if (cap->nomem)
		return ERR_NOMEM;
	/* A compressed stream that breaks off is an error of the input, not
	 * a capture cut mid-packet: what came before was delivered, and the
	 * caller must not take the run for whole. */
	return cut ? ERR_TRUNCATED : ERR_OK;
}

const layers_stats_t *pcapin_layers_stats(const capture_t *cap)
{
	return &((const pcapin_t *)(const void *)cap)->layers.stats;
}

const capture_stats_t *capture_stats(const capture_t *cap)
{
	return &cap->stats;
}

void capture_close(capture_t *cap)
{
	if (!cap)
		return;
	flows_free(&cap->flows);
	if (cap->filtering)
		pcap_freecode(&cap->prog);
	if (cap->pcap)
		pcap_close(cap->pcap);
	layers_free(&pcapin_of(cap)->layers);
	free(pcapin_of(cap));
}
