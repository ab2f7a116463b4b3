/* capture_testutil.c - capture files built by hand for the reader's tests
 * (see capture_testutil.h).  Headers are written byte by byte as the RFCs
 * and tcpdump.org's link-type pages lay them out; libpcap writes the file. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "capture_testutil.h"

const uint8_t ct_client_hello[10] = { 0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00 };
const uint8_t ct_server_hello[10] = { 0x16, 0x03, 0x03, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00 };

/* ---- a byte builder ------------------------------------------------------ */

typedef struct {
	uint8_t b[70000];
	size_t n;
} ct_buf_t;

static void put(ct_buf_t *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (b->n + n > sizeof b->b) {
		fprintf(stderr, "capture_testutil: frame too big\n");
		abort();
	}
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void put8(ct_buf_t *b, unsigned v)
{
	uint8_t x = (uint8_t)v;
	put(b, &x, 1);
}

static void put16(ct_buf_t *b, unsigned v)
{
	put8(b, v >> 8);
	put8(b, v);
}

static void put32(ct_buf_t *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b, v & 0xffff);
}

static void set16(ct_buf_t *b, size_t at, unsigned v)
{
	b->b[at] = (uint8_t)(v >> 8);
	b->b[at + 1] = (uint8_t)v;
}

static void put_addr(ct_buf_t *b, int ipv, const char *text)
{
	uint8_t a[16];

	if (inet_pton(ipv == 4 ? AF_INET : AF_INET6, text, a) != 1) {
		fprintf(stderr, "capture_testutil: bad address %s\n", text);
		abort();
	}
	put(b, a, ipv == 4 ? 4 : 16);
}

/* ---- frames ---------------------------------------------------------------- */

static void build_tcp(ct_buf_t *b, const ct_seg_t *s)
{
	int i, doff = 5 + s->tcp_opt_words;

	put16(b, s->sport);
	put16(b, s->dport);
	put32(b, s->seq);
	put32(b, s->flags & CT_ACK ? 1 : 0);
	put16(b, (unsigned)((s->tcp_doff ? s->tcp_doff : doff) << 12) | s->flags);
	put16(b, 0xffff);
	put32(b, 0);                               /* checksum, urgent pointer */
	for (i = 0; i < s->tcp_opt_words * 4; i++)
		put8(b, 1);                        /* NOP */
	put(b, s->data, s->len);
}

static void build_ip(ct_buf_t *b, const ct_seg_t *s)
{
	ct_buf_t *tcp = calloc(1, sizeof *tcp);
	size_t len_at;

	build_tcp(tcp, s);
	if (s->ipv == 4) {
		put8(b, 0x45);
		put8(b, 0);
		len_at = b->n;
		put16(b, 0);
		put16(b, 0x1234);
		put16(b, s->frag ? s->frag : 0x4000);
		put8(b, 64);
		put8(b, 6);
		put16(b, 0);
		put_addr(b, 4, s->src);
		put_addr(b, 4, s->dst);
		set16(b, len_at, s->ip_zero_len ? 0 : (unsigned)((int)(20 + tcp->n) + s->ip_extra));
		put(b, tcp->b, tcp->n);
		free(tcp);
		return;
	}
	put32(b, 0x60000000);
	len_at = b->n;
	put16(b, 0);
	put8(b, s->v6ext == 1 ? 0 : s->v6ext == 2 || s->v6ext == 3 ? 44 : s->v6ext == 4 ? 43 : 6);
	put8(b, 64);
	put_addr(b, 6, s->src);
	put_addr(b, 6, s->dst);
	switch (s->v6ext) {
	case 1:        /* hop-by-hop then destination options, each 8 bytes with PadN */
		put8(b, 60); put8(b, 0); put8(b, 1); put8(b, 4); put32(b, 0);
		put8(b, 6); put8(b, 0); put8(b, 1); put8(b, 4); put32(b, 0);
		break;
	case 2:        /* fragment header, offset 0, M clear: atomic */
		put8(b, 6); put8(b, 0); put16(b, 0); put32(b, 7);
		break;
	case 3:        /* fragment header, offset 8 (in 8-byte units) */
		put8(b, 6); put8(b, 0); put16(b, 8 << 3); put32(b, 7);
		break;
	case 4:        /* routing (16 bytes) then AH (12 bytes: length field 1) */
		put8(b, 51); put8(b, 1); put8(b, 0); put8(b, 0); put32(b, 0); put32(b, 0); put32(b, 0);
		put8(b, 6); put8(b, 1); put16(b, 0); put32(b, 0x100); put32(b, 1);
		break;
	}
	set16(b, len_at, (unsigned)((int)(b->n - len_at - 2 - 1 - 1 - 32 + tcp->n) + s->ip_extra));
	put(b, tcp->b, tcp->n);
	free(tcp);
}

static void build_link(ct_writer_t *w, ct_buf_t *b, int ipv)
{
	static const uint8_t mac[12] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 };
	unsigned etype = ipv == 4 ? 0x0800 : 0x86dd;
	uint32_t af = ipv == 4 ? 2 : (w->af6 ? w->af6 : 24);
	int i;

	switch (w->dlt) {
	case DLT_EN10MB:
		put(b, mac, sizeof mac);
		for (i = 0; i < w->vlans; i++) {
			put16(b, i == 0 && w->vlans > 1 ? 0x88a8 : 0x8100);
			put16(b, 100 + i);
		}
		put16(b, etype);
		break;
	case DLT_LINUX_SLL:
		put16(b, 0); put16(b, 1); put16(b, 6); put(b, mac, 6); put16(b, 0); put16(b, etype);
		break;
	case DLT_LINUX_SLL2:
		put16(b, etype); put16(b, 0); put32(b, 3); put16(b, 1); put8(b, 0); put8(b, 6);
		put(b, mac, 6); put16(b, 0);
		break;
	case DLT_NULL:
	case DLT_LOOP:
		if (w->loop_le) {
			put8(b, af); put8(b, 0); put8(b, 0); put8(b, 0);
		} else {
			put32(b, af);
		}
		break;
	default:      /* raw IP */
		break;
	}
}

void ct_tmpname(char *out, size_t n, const char *suffix)
{
	static unsigned counter;

	snprintf(out, n, "/tmp/tlstrace_cap_%ld_%u%s", (long)getpid(), counter++, suffix);
}

void ct_open(ct_writer_t *w, int dlt, bool nano)
{
	int vlans = w->vlans, le = w->loop_le;
	uint32_t af6 = w->af6;

	memset(w, 0, sizeof *w);
	w->vlans = vlans;
	w->loop_le = le;
	w->af6 = af6;
	w->dlt = dlt;
	w->nano = nano;
	w->sec = 1000;
	w->step = nano ? 1000000 : 1000;
	ct_tmpname(w->path, sizeof w->path, ".pcap");
	w->dead = pcap_open_dead_with_tstamp_precision(dlt, 262144,
		nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w->dead);
	w->dump = pcap_dump_open(w->dead, w->path);
	if (!w->dump)
		fprintf(stderr, "pcap_dump_open: %s\n", pcap_geterr(w->dead));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w->dump);
}

void ct_raw(ct_writer_t *w, const uint8_t *b, size_t caplen, size_t len)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof h);
	h.ts.tv_sec = w->sec;
	h.ts.tv_usec = w->frac;
	h.caplen = (bpf_u_int32)caplen;
	h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)w->dump, &h, b);
	w->frames++;
	w->frac += w->step;
	if (w->frac >= (w->nano ? 1000000000L : 1000000L)) {
		w->frac -= w->nano ? 1000000000L : 1000000L;
		w->sec++;
	}
}

void ct_seg(ct_writer_t *w, const ct_seg_t *s)
{
	ct_buf_t *b = calloc(1, sizeof *b);

	build_link(w, b, s->ipv);
	build_ip(b, s);
	ct_raw(w, b->b, b->n - s->cut, b->n);
	free(b);
}

void ct_close(ct_writer_t *w)
{
	pcap_dump_close(w->dump);
	pcap_close(w->dead);
	w->dump = NULL;
	w->dead = NULL;
}

void ct_patch_linktype(const char *path, uint32_t linktype)
{
	FILE *f = fopen(path, "r+b");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	/* The pcap file header: magic, version (2+2), thiszone, sigfigs,
	 * snaplen, then the link type at offset 20, in the writer's order. */
	fseek(f, 20, SEEK_SET);
	fwrite(&linktype, 4, 1, f);
	fclose(f);
}

/* ---- TCP conversations ---------------------------------------------------- */

static ct_seg_t ct_make(const ct_tcp_t *t, int from, uint32_t seq, uint8_t flags)
{
	ct_seg_t s;

	memset(&s, 0, sizeof s);
	s.ipv = t->ipv;
	s.src = from ? t->sip : t->cip;
	s.dst = from ? t->cip : t->sip;
	s.sport = from ? t->sport : t->cport;
	s.dport = from ? t->cport : t->sport;
	s.seq = seq;
	s.flags = flags;
	s.v6ext = t->v6ext;
	return s;
}

void ct_handshake(ct_writer_t *w, ct_tcp_t *t)
{
	ct_seg_t s = ct_make(t, 0, t->seq[0]++, CT_SYN);

	ct_seg(w, &s);
	s = ct_make(t, 1, t->seq[1]++, CT_SYN | CT_ACK);
	ct_seg(w, &s);
	s = ct_make(t, 0, t->seq[0], CT_ACK);
	ct_seg(w, &s);
}

void ct_send_at(ct_writer_t *w, ct_tcp_t *t, int from, uint32_t off, const void *p, size_t n)
{
	ct_seg_t s = ct_make(t, from, t->seq[from] + off, CT_ACK | CT_PSH);

	s.data = p;
	s.len = n;
	ct_seg(w, &s);
}

void ct_send(ct_writer_t *w, ct_tcp_t *t, int from, const void *p, size_t n)
{
	ct_send_at(w, t, from, 0, p, n);
	t->seq[from] += (uint32_t)n;
}

void ct_fin(ct_writer_t *w, ct_tcp_t *t)
{
	ct_seg_t s = ct_make(t, 0, t->seq[0]++, CT_FIN | CT_ACK);

	ct_seg(w, &s);
	s = ct_make(t, 1, t->seq[1]++, CT_FIN | CT_ACK);
	ct_seg(w, &s);
	s = ct_make(t, 0, t->seq[0], CT_ACK);
	ct_seg(w, &s);
}

/* ---- the recording sink ----------------------------------------------------- */

static void *rec_open(void *ctx, const capture_flow_t *flow)
{
	ct_rec_t *r = ctx;
	ct_conn_t *c;

	if (r->n >= r->maxconn)
		return NULL;
	c = &r->conn[r->n++];
	c->flow = *flow;
	return c;
}

static void rec_data(void *ctx, void *conn, int sender, const uint8_t *p, size_t n, uint32_t frame, double time)
{
	ct_rec_t *r = ctx;
	ct_conn_t *c = conn;

	CU_ASSERT(sender == 0 || sender == 1);
	CU_ASSERT(n > 0);
	if (c->closed)
		c->after_close++;
	if (c->ncalls[sender] < 16) {
		c->frames[sender][c->ncalls[sender]] = frame;
		c->times[sender][c->ncalls[sender]] = time;
	}
	c->ncalls[sender]++;
	r->bytes += n;
	if (r->keep_data && buf_append(&c->data[sender], p, n) != ERR_OK)
		abort();
}

static void rec_gap(void *ctx, void *conn, int sender, uint64_t missing, uint32_t frame)
{
	ct_conn_t *c = conn;

	if (c->closed)
		c->after_close++;
	c->gap[sender] += missing;
	if (c->ngaps[sender]++ == 0) {
		c->gap_frame[sender] = frame;
		c->gap_read[sender] = capture_stats(((ct_rec_t *)ctx)->cap)->frames;
	}
}

static void rec_close(void *ctx, void *conn)
{
	ct_conn_t *c = conn;

	(void)ctx;
	if (c->closed)
		c->after_close++;
	c->closed = true;
}

void ct_rec_init(ct_rec_t *r, int maxconn)
{
	memset(r, 0, sizeof *r);
	r->conn = calloc((size_t)maxconn, sizeof *r->conn);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->conn);
	r->maxconn = maxconn;
	r->keep_data = true;
}

void ct_rec_free(ct_rec_t *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		buf_free(&r->conn[i].data[0]);
		buf_free(&r->conn[i].data[1]);
	}
	free(r->conn);
	r->conn = NULL;
}

err_t ct_run(const char *path, const char *bpf, ct_rec_t *r)
{
	static const capture_sink_t sink = { rec_open, rec_data, rec_gap, rec_close, NULL, NULL, NULL, NULL };
	err_t e = capture_open(path, bpf, &r->cap, r->why, sizeof r->why);
	int i;

	if (e != ERR_OK)
		return e;
	e = capture_run(r->cap, &sink, r);
	r->stats = *capture_stats(r->cap);
	capture_close(r->cap);
	r->cap = NULL;
	for (i = 0; i < r->n; i++) {
		CU_ASSERT(r->conn[i].closed);
		CU_ASSERT_EQUAL(r->conn[i].after_close, 0);
	}
	CU_ASSERT_EQUAL(r->stats.flows_open, 0);
	return e;
}

void ct_expect_data(const ct_rec_t *r, int i, int sender, const void *p, size_t n)
{
	const buf_t *b;

	CU_ASSERT_FATAL(i < r->n);
	b = &r->conn[i].data[sender];
	CU_ASSERT_EQUAL(b->len, n);
	if (b->len == n)
		CU_ASSERT(n == 0 || memcmp(b->ptr, p, n) == 0);
}
