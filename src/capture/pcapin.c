/* pcapin.c - the capture reader's public face (see capture.h): opening a
 * file through libpcap, the packet loop, the statistics.
 *
 * Each packet is decoded in place (layers.h) and handed to the flow table
 * (flows.c).  A regular file is read here, through a large stdio buffer;
 * a pipe or device on a read-ahead thread (prefetch.c).  Timestamps are
 * read at nanosecond precision (libpcap scales microsecond files up).
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
#include "prefetch.h"

err_t capture_open(const char *path, const char *bpf, capture_t **out, char *why, size_t whylen)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct stat st;
	capture_t *cap;
	FILE *fp;
	int fd;

	ENSURE(path && out, ERR_BAD_VALUE);
	*out = NULL;
	err_why(why, whylen, "%s", "");
	fd = open(path, O_RDONLY);
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
	cap = calloc(1, sizeof *cap);
	fp = cap ? fdopen(fd, "rb") : NULL;
	if (!fp) {
		close(fd);
		free(cap);
		return ERR_NOMEM;
	}
	/* libpcap reads a record header and then a packet at a time through
	 * stdio: with a 1 MiB buffer that is a system call per megabyte, not
	 * per 4 KiB, and with one thread reading, no lock per call.  libpcap
	 * closes the stream in pcap_close, not when it refuses it. */
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	__fsetlocking(fp, FSETLOCKING_BYCALLER);
	cap->pcap = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (!cap->pcap)
		fclose(fp);
	cap->regular = S_ISREG(st.st_mode);
	if (!cap->pcap) {
		err_why(why, whylen, "%s is not a pcap or pcapng file (libpcap: %s)", path, errbuf);
		free(cap);
		return ERR_FORMAT;
	}
	cap->dlt = pcap_datalink(cap->pcap);
	if (!link_supported(cap->dlt)) {
		const char *name = pcap_datalink_val_to_name(cap->dlt);

		err_why(why, whylen, "%s has link type %s (%d), which tlstrace does not read: it reads Ethernet, "
			    "Linux cooked (SLL, SLL2), BSD loopback and raw IP", path, name ? name : "unknown", cap->dlt);
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
	cursor_t c = cursor_make(data, caplen);
	pkt_t pkt;
	net_t net = NET_IPV4;
	uint32_t seglen = 0;
	layer_t r = link_decode(cap->dlt, &c, &net);

	if (r == LAYER_OK)
		r = ip_decode(net, &c, uncaptured, &pkt, &seglen);
	if (r == LAYER_OK)
		r = tcp_decode(&c, seglen, &pkt);
	switch (r) {
	case LAYER_OK:
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

err_t capture_run(capture_t *cap, const capture_sink_t *sink, void *ctx)
{
	prefetch_t *pf;
	uint32_t frame;

	ENSURE(cap && sink && sink->open && sink->data && sink->gap && sink->close, ERR_BAD_VALUE);
	cap->sink = sink;
	cap->ctx = ctx;
	/* A file is read in megabytes from the page cache: reading it here
	 * is cheaper than handing its packets to another thread.  A pipe or a
	 * device, which can keep libpcap waiting, is read ahead on a thread
	 * of its own. */
	pf = cap->regular ? NULL : prefetch_start(cap->pcap, cap->filtering ? &cap->prog : NULL);
	frame = pf ? capture_read_ahead(cap, pf) : capture_read_here(cap);
	/* libpcap: "truncated dump file; tried to read N captured bytes, only
	 * got M" (pcap), "truncated pcapng dump file" (pcapng). */
	cap->stats.file_truncated = strstr(cap->stats.file_error, "truncated") != NULL;
	flows_finish(cap, frame);
	cap->sink = NULL;
	cap->ctx = NULL;
	return cap->nomem ? ERR_NOMEM : ERR_OK;
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
	free(cap);
}
