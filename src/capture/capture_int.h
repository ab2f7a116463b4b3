/* capture_int.h - what the capture modules share behind capture.h: the
 * reader's state (pcapin.c), the flow table (flows.c) and TLS detection
 * (detect.c).  Nothing outside src/capture includes it. */
#ifndef TLSTRACE_CAPTURE_INT_H
#define TLSTRACE_CAPTURE_INT_H

#include <pcap/pcap.h>
#include "capture.h"
#include "layers.h"
#include "reasm.h"

/* What detect.c has decided about a flow. */
typedef enum {
	DET_NEW,        /* no payload yet */
	DET_PROBE,      /* first bytes look like the start of a ClientHello: need more */
	DET_PLAIN,      /* plaintext: scanning for a STARTTLS upgrade */
	DET_WAIT,       /* upgrade command sent: waiting for the server's answer */
	DET_HELLO,      /* upgrade accepted: waiting for the client's ClientHello */
	DET_MID,        /* first bytes are a record header but no hello: waiting for a second record */
	DET_TLS,        /* TLS: the sink has the connection */
	DET_IGNORED     /* not TLS (or the sink declined): payload discarded */
} det_t;

typedef struct detect_state detect_state_t;   /* detect.c */

typedef struct flow flow_t;

/* A flow's place in one of the lists of flows_t (flows.c links them). */
typedef struct {
	flow_t *prev, *next;
} flow_link_t;

typedef struct {
	flow_t *head, *tail;        /* zeroed: empty */
} flow_list_t;

struct flow {
	flow_t *hnext;              /* hash chain */
	flow_link_t q;              /* in flows_t.live (stream order) or .dead */
	flow_link_t act;            /* in flows_t.act */
	double last;                /* capture time of its last packet */
	size_t mem;                 /* bytes counted for it in flows_t.mem */
	uint32_t hash;
	uint8_t family;             /* 4 or 6 */
	uint8_t closed;             /* only the 4-tuple is kept, for late packets */
	uint8_t det;                /* det_t */
	int8_t client;              /* direction of the ClientHello sender, -1 before */
	int8_t initiator;           /* direction that sent the SYN, -1 when not seen */
	bool any_data;
	bool mid_stream;            /* TLS picked up after its handshake (detect.c) */
	bool udp;                   /* a UDP flow (DTLS): no reassembly, datagrams straight to detect.c */
	uint16_t port[2];           /* direction 0 = the source of the flow's first packet */
	uint8_t addr[2][16];
	unsigned stream;
	uint32_t first_frame;
	const char *starttls;       /* static string, or NULL */
	uint8_t nenc, enc_more;     /* the encapsulations of its first packet (enc) */
	uint8_t ipfrag;             /* FRAG_* of any of its packets */
	void *conn;                 /* the sink's, from open (the sink frees it in close) */
	detect_state_t *ds;         /* owned by detect.c: held bytes and the plaintext scan */
	reasm_t r[2];               /* owned: one per direction, reasm_free */
	/* nenc of them, outermost first, in the flow's own allocation: most
	 * flows come through none, and a flood of half-open connections
	 * must stay cheap */
	enc_t enc[];
};

typedef struct {
	flow_t **bucket;            /* owned: nbucket chains (a power of two) */
	size_t nbucket, count;      /* count: flows in the table, live and closed */
	flow_list_t live;           /* open flows, in stream order */
	flow_list_t dead;           /* closed flows, oldest first */
	flow_list_t act;            /* open flows by last activity, least recent first */
	size_t ndead;
	unsigned next_stream;
	unsigned next_udp_stream;   /* UDP (DTLS) flows are numbered apart */
	size_t mem;                 /* bytes held by live flows, theirs and the sink's */
	double now;                 /* the latest packet time seen */
	capture_limits_t limits;
} flows_t;

struct capture {
	pcap_t *pcap;               /* owned: pcap_close */
	struct bpf_program prog;    /* owned when filtering: pcap_freecode */
	bool filtering;
	bool nomem;                 /* an allocation failed during the run */
	int dlt;
	capture_stats_t stats;
	const capture_sink_t *sink; /* borrowed for the run */
	void *ctx;
	flows_t flows;
};

/* pcapin.c: a capture with no input yet, for a reader of its own (a live
 * device) that hands its packets to capture_packet; capture_close frees
 * it.  NULL when out of memory. */
capture_t *capture_alloc(void);
/* pcapin.c: one packet, link layer to the flow table (the live reader,
 * live_capture.c, runs the same path). */
void capture_packet(capture_t *cap, const uint8_t *data, size_t caplen, uint32_t uncaptured, uint32_t frame,
		    double time);

/* flows.c */
void flows_packet(capture_t *cap, const pkt_t *pkt, uint32_t frame, double time);
/* End of input: every live flow is flushed and closed, in stream order. */
void flows_finish(capture_t *cap, uint32_t frame);
void flows_free(flows_t *t);

/* detect.c: the in-order bytes and gaps of one direction of a flow. */
void detect_data(capture_t *cap, flow_t *f, int dir, const uint8_t *p, size_t n, uint32_t frame, double time);
void detect_gap(capture_t *cap, flow_t *f, int dir, uint64_t missing, uint32_t frame);
/* Bytes detection holds for f (0 once decided). */
size_t detect_mem(const flow_t *f);
/* The flow ends: the sink's close if it was opened; detection state freed. */
void detect_close(capture_t *cap, flow_t *f);
/* Frees the detection state without telling the sink (capture_close of
 * a run that did not finish). */
void detect_free(flow_t *f);

#endif
