/* live_capture.c - a network interface through the capture path (see
 * live_capture.h).  libpcap delivers packets (pcap_dispatch, immediate
 * mode, non-blocking, after a poll of at most 100 ms so that a stop and
 * the held packets are seen to on time); each is copied
 * into a queue stamped with its arrival on the monotonic clock, and taken
 * out once it has waited `hold` seconds (or at the end), the tick run
 * first, then decoded by pcapin.c's capture_packet exactly as a packet
 * of a file.  The filter runs in the kernel (pcap_setfilter): frame
 * numbers count the packets tlstrace saw, as a tcpdump of the same filter
 * numbers them.  Never prints. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "capture_int.h"
#include "live_capture.h"

enum { LIVE_CAPTURE_SNAPLEN = 262144, LIVE_CAPTURE_TIMEOUT_MS = 100 };

/* A packet waiting to be decoded. */
typedef struct live_pkt live_pkt_t;
struct live_pkt {
	live_pkt_t *next;
	double arrived;          /* monotonic clock */
	double time;             /* the packet's own timestamp */
	uint32_t frame, caplen, len;
	uint8_t data[];
};

struct live_capture {
	capture_t *cap;          /* owned: capture_close (its pcap is the interface) */
	pcap_dumper_t *dump;     /* owned, or NULL: --write-pcap */
	char device[64];
	double hold;
	void (*tick)(void *ctx);
	void *tick_ctx;
	int fd;                  /* pcap_get_selectable_fd, -1 when there is none */
	double tscale;           /* tv_usec units per second: 1e9 (nano) or 1e6 */
	live_pkt_t *head, *tail; /* owned: the packets held back, oldest first */
	volatile sig_atomic_t stop;
};

static double live_capture_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "lo, eth0, any": the interfaces libpcap can open, for a message. */
static void live_capture_list(char *out, size_t len)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all = NULL, *d;
	size_t used = 0;

	out[0] = '\0';
	if (pcap_findalldevs(&all, errbuf) != 0)
		return;
	for (d = all; d && used < len; d = d->next) {
		int n = snprintf(out + used, len - used, "%s%s", used ? ", " : "", d->name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	pcap_freealldevs(all);
}

/* libpcap's choice when none is named: the first of pcap_findalldevs,
 * which puts interfaces that are up, running and not loopback first. */
static bool live_capture_default(char *out, size_t len, char *why, size_t whylen)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all = NULL;

	if (pcap_findalldevs(&all, errbuf) != 0 || !all) {
		err_why(why, whylen, "no interface to capture on (libpcap: %s); name one with -i",
			errbuf[0] ? errbuf : "none found");
		if (all)
			pcap_freealldevs(all);
		return false;
	}
	snprintf(out, len, "%s", all->name);
	pcap_freealldevs(all);
	return true;
}

static live_capture_fail_t live_capture_activate(live_capture_t *lc, pcap_t *p, const live_capture_opts_t *o,
						 char *why, size_t whylen)
{
	char list[512];
	int rc;

	pcap_set_snaplen(p, LIVE_CAPTURE_SNAPLEN);
	pcap_set_timeout(p, LIVE_CAPTURE_TIMEOUT_MS);
	pcap_set_immediate_mode(p, 1);   /* each packet as it comes, not a kernel buffer's worth */
	(void)pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);   /* micro when not offered */
	rc = pcap_activate(p);
	switch (rc) {
	case 0:
	case PCAP_WARNING:
	case PCAP_WARNING_TSTAMP_TYPE_NOTSUP:
		break;
	case PCAP_ERROR_PERM_DENIED:
		err_why(why, whylen, "capturing on %s needs root or the CAP_NET_RAW capability (libpcap: %s)",
			lc->device, pcap_geterr(p));
		return LIVE_CAPTURE_FAIL_PERM;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		live_capture_list(list, sizeof list);
		err_why(why, whylen, "there is no interface named %s; tlstrace sniff -i one of: %s", lc->device,
			list[0] ? list : "(none found)");
		return LIVE_CAPTURE_FAIL_DEVICE;
	default:
		err_why(why, whylen, "cannot capture on %s: %s", lc->device,
			rc == PCAP_ERROR ? pcap_geterr(p) : pcap_statustostr(rc));
		return LIVE_CAPTURE_FAIL_OTHER;
	}
	lc->fd = pcap_get_selectable_fd(p);
	if (lc->fd >= 0 && pcap_setnonblock(p, 1, list) != 0)
		lc->fd = -1;             /* then pcap_dispatch waits, with its own timeout */
	lc->tscale = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO ? 1e9 : 1e6;
	lc->cap->dlt = pcap_datalink(p);
	if (!link_supported(lc->cap->dlt)) {
		const char *name = pcap_datalink_val_to_name(lc->cap->dlt);

		err_why(why, whylen, "%s has link type %s (%d), which tlstrace does not read", lc->device,
			name ? name : "unknown", lc->cap->dlt);
		return LIVE_CAPTURE_FAIL_OTHER;
	}
	if (o->bpf && *o->bpf) {
		struct bpf_program prog;

		if (pcap_compile(p, &prog, o->bpf, 1, PCAP_NETMASK_UNKNOWN) != 0) {
			err_why(why, whylen, "the filter \"%s\" does not compile: %s", o->bpf, pcap_geterr(p));
			return LIVE_CAPTURE_FAIL_FILTER;
		}
		rc = pcap_setfilter(p, &prog);
		pcap_freecode(&prog);
		if (rc != 0) {
			err_why(why, whylen, "the filter \"%s\" cannot be set on %s: %s", o->bpf, lc->device,
				pcap_geterr(p));
			return LIVE_CAPTURE_FAIL_FILTER;
		}
	}
	if (o->write_pcap && !(lc->dump = pcap_dump_open(p, o->write_pcap))) {
		err_why(why, whylen, "cannot write %s: %s", o->write_pcap, pcap_geterr(p));
		return LIVE_CAPTURE_FAIL_OTHER;
	}
	return LIVE_CAPTURE_FAIL_NONE;
}

err_t live_capture_open(const live_capture_opts_t *o, live_capture_t **out, live_capture_fail_t *fail,
			char *why, size_t whylen)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	live_capture_t *lc;

	*out = NULL;
	*fail = LIVE_CAPTURE_FAIL_OTHER;
	err_why(why, whylen, "%s", "");
	lc = calloc(1, sizeof *lc);
	if (lc)
		lc->cap = capture_alloc();   /* with the reader's layer state: capture_packet needs it */
	if (!lc || !lc->cap) {
		free(lc);
		return ERR_NOMEM;
	}
	lc->hold = o->hold > 0 ? o->hold : 0;
	lc->tick = o->tick;
	lc->tick_ctx = o->tick_ctx;
	if (o->device)
		snprintf(lc->device, sizeof lc->device, "%s", o->device);
	else if (!live_capture_default(lc->device, sizeof lc->device, why, whylen)) {
		live_capture_close(lc);
		return ERR_IO;
	}
	lc->cap->pcap = pcap_create(lc->device, errbuf);
	if (!lc->cap->pcap) {
		err_why(why, whylen, "cannot capture on %s: %s", lc->device, errbuf);
		live_capture_close(lc);
		return ERR_IO;
	}
	*fail = live_capture_activate(lc, lc->cap->pcap, o, why, whylen);
	if (*fail != LIVE_CAPTURE_FAIL_NONE) {
		live_capture_close(lc);
		return *fail == LIVE_CAPTURE_FAIL_FILTER ? ERR_BAD_VALUE : ERR_IO;
	}
	*out = lc;
	return ERR_OK;
}

const char *live_capture_device(const live_capture_t *lc)
{
	return lc->device;
}

void live_capture_set_limits(live_capture_t *lc, const capture_limits_t *limits)
{
	capture_set_limits(lc->cap, limits);
}

/* pcap_dispatch's callback: written out (--write-pcap), then queued. */
static void live_capture_on_packet(u_char *user, const struct pcap_pkthdr *hdr, const u_char *data)
{
	live_capture_t *lc = (live_capture_t *)user;
	live_pkt_t *k;

	if (lc->dump)
		pcap_dump((u_char *)lc->dump, hdr, data);
	lc->cap->stats.frames++;
	k = malloc(sizeof *k + hdr->caplen);
	if (!k) {
		lc->cap->nomem = true;
		return;
	}
	k->next = NULL;
	k->arrived = live_capture_now();
	k->time = (double)hdr->ts.tv_sec + (double)hdr->ts.tv_usec / lc->tscale;
	k->frame = (uint32_t)lc->cap->stats.frames;
	k->caplen = hdr->caplen;
	k->len = hdr->len;
	memcpy(k->data, data, hdr->caplen);
	if (lc->tail)
		lc->tail->next = k;
	else
		lc->head = k;
	lc->tail = k;
}

/* Decodes the packets that have waited long enough (all of them at the end). */
static void live_capture_release(live_capture_t *lc, bool all)
{
	double now = live_capture_now();
	bool ticked = false;

	while (lc->head && (all || now - lc->head->arrived >= lc->hold)) {
		live_pkt_t *k = lc->head;

		if (!ticked && lc->tick) {
			lc->tick(lc->tick_ctx);
			ticked = true;
		}
		lc->head = k->next;
		if (!lc->head)
			lc->tail = NULL;
		if (k->caplen < k->len)
			lc->cap->stats.truncated++;
		capture_packet(lc->cap, k->data, k->caplen, k->len > k->caplen ? k->len - k->caplen : 0, k->frame,
			       k->time);
		free(k);
	}
}

err_t live_capture_run(live_capture_t *lc, const capture_sink_t *sink, void *ctx, char *why, size_t whylen)
{
	capture_t *cap = lc->cap;
	err_t e = ERR_OK;

	ENSURE(sink && sink->open && sink->data && sink->gap && sink->close, ERR_BAD_VALUE);
	cap->sink = sink;
	cap->ctx = ctx;
	while (!lc->stop) {
		struct pollfd pfd = { lc->fd, POLLIN, 0 };
		int n;

		/* Wait for packets ourselves, at most LIVE_CAPTURE_TIMEOUT_MS:
		 * held packets are released, and a stop is seen, on time
		 * whatever libpcap's timeout does on this kernel. */
		if (lc->fd >= 0)
			(void)poll(&pfd, 1, lc->head && lc->hold < 0.1 ? 10 : LIVE_CAPTURE_TIMEOUT_MS);
		n = pcap_dispatch(cap->pcap, -1, live_capture_on_packet, (u_char *)lc);
		if (lc->dump)
			pcap_dump_flush(lc->dump);
		if (n == PCAP_ERROR) {
			err_why(why, whylen, "capturing on %s stopped: %s", lc->device, pcap_geterr(cap->pcap));
			snprintf(cap->stats.file_error, sizeof cap->stats.file_error, "%s", pcap_geterr(cap->pcap));
			e = ERR_IO;
			break;
		}
		live_capture_release(lc, false);
		if (sink->tick) {
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			sink->tick(ctx, (double)ts.tv_sec + ts.tv_nsec / 1e9);
		}
	}
	live_capture_release(lc, true);
	flows_finish(cap, (uint32_t)cap->stats.frames);
	cap->sink = NULL;
	cap->ctx = NULL;
	if (e == ERR_OK && cap->nomem)
		e = ERR_NOMEM;
	return e;
}

void live_capture_stop(live_capture_t *lc)
{
	lc->stop = 1;
	pcap_breakloop(lc->cap->pcap);
}

const capture_stats_t *live_capture_stats(const live_capture_t *lc)
{
	return capture_stats(lc->cap);
}

void live_capture_close(live_capture_t *lc)
{
	live_pkt_t *k;

	if (!lc)
		return;
	while ((k = lc->head)) {
		lc->head = k->next;
		free(k);
	}
	if (lc->dump)
		pcap_dump_close(lc->dump);
	capture_close(lc->cap);
	free(lc);
}
