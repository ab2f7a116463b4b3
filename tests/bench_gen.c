/* bench_gen.c - makes the benchmark's large capture: the real handshakes
 * of the sample captures replicated as N interleaved TCP connections with
 * new addresses and ports, in 1448-byte segments, written with libpcap.
 *
 * usage: bench_gen OUT.pcap CONNECTIONS APPDATA_BYTES SAMPLE.pcap...
 * OUT "-" writes the capture to standard output (the summary line then
 * goes to standard error), so a capture larger than the disk's free space
 * can be piped straight into a reader.
 * Each connection copies one sample connection's two byte streams (flight
 * by flight, as the capture reader delivered them); the server's last
 * record is repeated until APPDATA_BYTES of application data follow, the
 * way a download would look to a reader without keys. */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capture/capture.h"

#define GEN_SEG 1448
#define GEN_OPEN_AT_ONCE 256      /* connections interleaved at any moment */
#define GEN_MAX_TEMPLATES 256
#define GEN_MAX_CHUNKS 64

typedef struct {
	int sender;
	uint8_t *p;
	size_t n;
} gen_chunk_t;

typedef struct {
	gen_chunk_t chunk[GEN_MAX_CHUNKS];
	size_t nchunks;
	const uint8_t *app_record;   /* the server's last application data record, header included */
	size_t app_record_len;
} gen_template_t;

static gen_template_t gen_templates[GEN_MAX_TEMPLATES];
static size_t gen_ntemplates;

static void *gen_open(void *ctx, const capture_flow_t *flow)
{
	(void)ctx;
	(void)flow;
	if (gen_ntemplates >= GEN_MAX_TEMPLATES)
		return NULL;
	return &gen_templates[gen_ntemplates++];
}

static void gen_data(void *ctx, void *conn, int sender, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	gen_template_t *t = conn;
	gen_chunk_t *c;

	(void)ctx, (void)frame, (void)time;
	if (t->nchunks && t->chunk[t->nchunks - 1].sender == sender) {
		c = &t->chunk[t->nchunks - 1];
	} else {
		if (t->nchunks == GEN_MAX_CHUNKS)
			return;
		c = &t->chunk[t->nchunks++];
		c->sender = sender;
	}
	c->p = realloc(c->p, c->n + n);
	if (!c->p) {
		perror("bench_gen");
		exit(1);
	}
	memcpy(c->p + c->n, p, n);
	c->n += n;
}

static void gen_gap(void *ctx, void *conn, int sender, uint64_t missing, uint32_t frame)
{
	(void)ctx, (void)conn, (void)sender, (void)missing, (void)frame;
}

static void gen_close(void *ctx, void *conn)
{
	(void)ctx, (void)conn;
}

typedef struct {
	const gen_template_t *t;
	uint32_t cip, sip;
	uint16_t cport, sport;
	uint32_t seq[2];
	size_t chunk, off;          /* next bytes to send */
	size_t app_left;
	int phase;                  /* 0 handshake packets, 1 data, 2 app data, 3 fin, 4 done */
} gen_conn_t;

static pcap_dumper_t *gen_out;
static double gen_clock = 1700000000.0;
static unsigned long long gen_bytes;

static void gen_packet(const gen_conn_t *c, int sender, uint8_t flags, const uint8_t *payload, size_t n)
{
	uint8_t pkt[14 + 20 + 20 + GEN_SEG];
	struct pcap_pkthdr h;
	uint32_t src = sender ? c->sip : c->cip, dst = sender ? c->cip : c->sip;
	uint16_t sp = sender ? c->sport : c->cport, dp = sender ? c->cport : c->sport;
	uint32_t seq = c->seq[sender], ack = c->seq[!sender];
	uint8_t *ip = pkt + 14, *tcp = ip + 20;
	uint16_t tot = (uint16_t)(40 + n);

	memset(pkt, 0, 54);
	pkt[12] = 0x08;                         /* IPv4 */
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tot >> 8), ip[3] = (uint8_t)tot;
	ip[8] = 64, ip[9] = 6;
	memcpy(ip + 12, &(uint32_t){ htonl(src) }, 4);
	memcpy(ip + 16, &(uint32_t){ htonl(dst) }, 4);
	tcp[0] = (uint8_t)(sp >> 8), tcp[1] = (uint8_t)sp;
	tcp[2] = (uint8_t)(dp >> 8), tcp[3] = (uint8_t)dp;
	memcpy(tcp + 4, &(uint32_t){ htonl(seq) }, 4);
	memcpy(tcp + 8, &(uint32_t){ htonl(flags & 0x02 && !sender ? 0 : ack) }, 4);
	tcp[12] = 0x50;
	tcp[13] = flags;
	tcp[14] = 0xff, tcp[15] = 0xff;
	if (n)
		memcpy(tcp + 20, payload, n);
	gen_clock += 0.000013;
	h.ts.tv_sec = (time_t)gen_clock;
	h.ts.tv_usec = (suseconds_t)((gen_clock - (double)h.ts.tv_sec) * 1e6);
	h.caplen = h.len = (bpf_u_int32)(54 + n);
	pcap_dump((u_char *)gen_out, &h, pkt);
	gen_bytes += 54 + n + 16;
}

/* One step of a connection: a few packets, then back to the scheduler. */
static void gen_step(gen_conn_t *c)
{
	const gen_template_t *t = c->t;

	switch (c->phase) {
	case 0:
		gen_packet(c, 0, 0x02, NULL, 0);
		c->seq[0]++;
		gen_packet(c, 1, 0x12, NULL, 0);
		c->seq[1]++;
		gen_packet(c, 0, 0x10, NULL, 0);
		c->phase = 1;
		return;
	case 1: {
		const gen_chunk_t *k = &t->chunk[c->chunk];
		size_t n = k->n - c->off < GEN_SEG ? k->n - c->off : GEN_SEG;
		gen_packet(c, k->sender, n == k->n - c->off ? 0x18 : 0x10, k->p + c->off, n);
		c->seq[k->sender] += (uint32_t)n;
		c->off += n;
		if (c->off == k->n) {
			gen_packet(c, !k->sender, 0x10, NULL, 0);
			c->off = 0;
			if (++c->chunk == t->nchunks)
				c->phase = c->app_left ? 2 : 3;
		}
		return;
	}
	case 2: {
		/* the server's application data record, again and again */
		size_t n;
		uint8_t seg[GEN_SEG];
		for (n = 0; n < GEN_SEG && n < c->app_left; n++)
			seg[n] = t->app_record[(c->off + n) % t->app_record_len];
		c->off += n;
		c->app_left -= n;
		gen_packet(c, 1, 0x18, seg, n);
		c->seq[1] += (uint32_t)n;
		if (!c->app_left) {
			gen_packet(c, 0, 0x10, NULL, 0);
			c->phase = 3;
		}
		return;
	}
	case 3:
		gen_packet(c, 0, 0x11, NULL, 0);
		c->seq[0]++;
		gen_packet(c, 1, 0x11, NULL, 0);
		c->seq[1]++;
		gen_packet(c, 0, 0x10, NULL, 0);
		c->phase = 4;
		return;
	default:
		return;
	}
}

/* The server's last application data record (content type 23), if any. */
static void gen_find_app_record(gen_template_t *t)
{
	size_t i, off;

	for (i = 0; i < t->nchunks; i++) {
		const gen_chunk_t *k = &t->chunk[i];
		if (k->sender != 1)
			continue;
		for (off = 0; off + 5 <= k->n;) {
			size_t len = (size_t)k->p[off + 3] << 8 | k->p[off + 4];
			if (off + 5 + len > k->n)
				break;
			if (k->p[off] == 23) {
				t->app_record = k->p + off;
				t->app_record_len = 5 + len;
			}
			off += 5 + len;
		}
	}
}

int main(int argc, char **argv)
{
	capture_sink_t sink = { gen_open, gen_data, gen_gap, gen_close, NULL, NULL, NULL, NULL };
	gen_conn_t open[GEN_OPEN_AT_ONCE];
	unsigned long total, started = 0, finished = 0;
	size_t app, i, usable[GEN_MAX_TEMPLATES], nusable = 0;
	pcap_t *dead;
	int a;

	if (argc < 5) {
		fprintf(stderr, "usage: bench_gen OUT.pcap CONNECTIONS APPDATA_BYTES SAMPLE.pcap...\n");
		return 2;
	}
	total = strtoul(argv[2], NULL, 10);
	app = strtoul(argv[3], NULL, 10);
	for (a = 4; a < argc; a++) {
		capture_t *cap;
		char why[256];
		if (capture_open(argv[a], NULL, &cap, why, sizeof why) != ERR_OK) {
			fprintf(stderr, "bench_gen: %s: %s\n", argv[a], why);
			return 1;
		}
		if (capture_run(cap, &sink, NULL) != ERR_OK)
			fprintf(stderr, "bench_gen: %s: read error\n", argv[a]);
		capture_close(cap);
	}
	for (i = 0; i < gen_ntemplates; i++) {
		gen_find_app_record(&gen_templates[i]);
		if (gen_templates[i].nchunks >= 4 && gen_templates[i].app_record)   /* a whole handshake, then data */
			usable[nusable++] = i;
	}
	if (!nusable) {
		fprintf(stderr, "bench_gen: no complete connection in the samples\n");
		return 1;
	}
	dead = pcap_open_dead(DLT_EN10MB, 65535);
	gen_out = pcap_dump_open(dead, argv[1]);
	if (!gen_out) {
		fprintf(stderr, "bench_gen: %s\n", pcap_geterr(dead));
		return 1;
	}
	memset(open, 0, sizeof open);
	for (i = 0; i < GEN_OPEN_AT_ONCE; i++)
		open[i].phase = 4;
	while (finished < total) {
		for (i = 0; i < GEN_OPEN_AT_ONCE; i++) {
			gen_conn_t *c = &open[i];
			if (c->phase == 4) {
				if (started == total)
					continue;
				if (c->t)
					finished++;
				memset(c, 0, sizeof *c);
				c->t = &gen_templates[usable[started % nusable]];
				c->cip = 0x7f010000u + (uint32_t)(started / 50000) * 256 + (uint32_t)(started % 200);
				c->sip = 0x7f000001u + (uint32_t)(started % 7);
				c->cport = (uint16_t)(10000 + started % 50000);
				c->sport = (uint16_t)(started % 3 ? 443 : 8443);
				c->seq[0] = (uint32_t)started * 2654435761u;
				c->seq[1] = (uint32_t)started * 40503u + 17;
				/* whole records only */
				c->app_left = (app + c->t->app_record_len - 1) / c->t->app_record_len * c->t->app_record_len;
				started++;
			}
			gen_step(c);
		}
		for (i = 0; i < GEN_OPEN_AT_ONCE && started == total; i++)
			if (open[i].phase == 4 && open[i].t) {
				finished++;
				open[i].t = NULL;
			}
	}
	pcap_dump_close(gen_out);
	pcap_close(dead);
	fprintf(strcmp(argv[1], "-") == 0 ? stderr : stdout, "%lu connections, %llu bytes, from %zu sample connections\n",
		total, gen_bytes, nusable);
	return 0;
}
