/* test_dtls.c - DTLS's record framing (record_peek_dtls) and the
 * decoder's DTLS mode on datagrams built here byte by byte: fragments out
 * of order and overlapping put together, a duplicate record and a
 * retransmitted message left out (RFC 6347 4.1, 4.2.2-4.2.4, 4.1.2.6). */
#include <string.h>
#include "testing.h"
#include "tls/record.h"
#include "trace/decode.h"

/* RFC 6347 4.1: type, version, epoch, sequence_number (48 bits), length. */
static void test_dtls_record_peek(void)
{
	uint8_t r[13 + 3] = { 22, 0xfe, 0xfd, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0, 3, 'a', 'b', 'c' };
	uint8_t big[13 + 18433];
	record_t rec;
	size_t n;

	CU_ASSERT_EQUAL(record_peek_dtls(r, sizeof r, &rec), ERR_OK);
	CU_ASSERT_EQUAL(rec.type, 22);
	CU_ASSERT_EQUAL(rec.version, 0xfefd);
	CU_ASSERT_EQUAL(rec.epoch, 1);
	CU_ASSERT_EQUAL(rec.seq, 0xfffffffffffeull);
	CU_ASSERT_EQUAL(rec.fragment.len, 3);
	CU_ASSERT_EQUAL(rec.total, sizeof r);
	CU_ASSERT(rec.dtls);
	for (n = 0; n < sizeof r; n++)               /* every prefix: wait, never a record */
		CU_ASSERT_EQUAL(record_peek_dtls(r, n, &rec), ERR_TRUNCATED);
	r[0] = 19;                                    /* not a content type */
	CU_ASSERT_EQUAL(record_peek_dtls(r, sizeof r, &rec), ERR_BAD_VALUE);
	r[0] = 23;
	r[1] = 3;                                     /* a TLS version is not DTLS */
	CU_ASSERT_EQUAL(record_peek_dtls(r, sizeof r, &rec), ERR_BAD_VALUE);
	r[1] = 0xfe;
	r[12] = 0;                                    /* an empty record is well formed */
	CU_ASSERT_EQUAL(record_peek_dtls(r, 13, &rec), ERR_OK);
	CU_ASSERT_EQUAL(rec.total, 13);
	memset(big, 0, sizeof big);
	memcpy(big, r, 11);
	big[11] = 18432 >> 8;                         /* 2^14 + 2048: the most allowed */
	big[12] = 18432 & 0xff;
	CU_ASSERT_EQUAL(record_peek_dtls(big, 13 + 18432, &rec), ERR_OK);
	big[12] = (18433 & 0xff);                     /* one more */
	CU_ASSERT_EQUAL(record_peek_dtls(big, sizeof big, &rec), ERR_BAD_LENGTH);
}

/* A ClientHello body (RFC 6347 4.2.1): version, random, session_id,
 * cookie, one suite, null compression; no extensions. */
static const uint8_t dtls_ch_body[] = {
	0xfe, 0xfd,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
	0, 0, 0, 2, 0x00, 0x2f, 1, 0
};

/* One datagram: a handshake record of epoch 0 and sequence number seq,
 * holding the fragment [off, off + len) of the ClientHello. */
static size_t dtls_datagram(uint8_t *out, uint8_t seq, uint32_t off, uint32_t len)
{
	uint32_t total = sizeof dtls_ch_body;
	uint8_t *p = out;

	*p++ = 22; *p++ = 0xfe; *p++ = 0xfd; *p++ = 0; *p++ = 0;
	memset(p, 0, 5); p += 5; *p++ = seq;
	*p++ = (uint8_t)((12 + len) >> 8); *p++ = (uint8_t)(12 + len);
	*p++ = 1;                                                   /* client_hello */
	*p++ = 0; *p++ = 0; *p++ = (uint8_t)total;                  /* length */
	*p++ = 0; *p++ = 0;                                         /* message_seq 0 */
	*p++ = 0; *p++ = (uint8_t)(off >> 8); *p++ = (uint8_t)off;  /* fragment_offset */
	*p++ = 0; *p++ = (uint8_t)(len >> 8); *p++ = (uint8_t)len;  /* fragment_length */
	memcpy(p, dtls_ch_body + off, len);
	return (size_t)(p - out) + len;
}

static void test_dtls_fragments(void)
{
	conn_t *c = conn_new(0, "test");
	decoder_t *d;
	uint8_t dg[128];
	const msg_t *m;
	handshake_t *h;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	d = decoder_new(c, NULL, NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_FATAL(decoder_dtls(d));
	/* the end first, then the start, then a middle that overlaps both */
	decoder_feed(d, 0, dg, dtls_datagram(dg, 0, 30, 12), 1, 0);
	decoder_feed(d, 0, dg, dtls_datagram(dg, 1, 0, 20), 2, 0);
	decoder_feed(d, 0, dg, dtls_datagram(dg, 1, 0, 20), 3, 0);   /* the same record again */
	decoder_feed(d, 0, dg, dtls_datagram(dg, 2, 15, 20), 4, 0);
	/* the whole message again in one fragment: a retransmission */
	decoder_feed(d, 0, dg, dtls_datagram(dg, 3, 0, sizeof dtls_ch_body), 5, 0);
	decoder_finish(d);
	CU_ASSERT_EQUAL_FATAL(c->nhs, 1);
	h = c->hs[0];
	CU_ASSERT_EQUAL_FATAL(h->nmsgs, 1);
	m = h->msgs[0];
	CU_ASSERT_EQUAL(m->hs_type, 1);
	CU_ASSERT_EQUAL(m->frame, 4);                 /* completed by the middle piece */
	CU_ASSERT_EQUAL(m->raw.len, 12 + sizeof dtls_ch_body);
	/* RFC 6347 4.2.6: as if sent in one fragment */
	CU_ASSERT_EQUAL(m->raw.ptr[8], 0);            /* fragment_offset 0 */
	CU_ASSERT_EQUAL(m->raw.ptr[11], sizeof dtls_ch_body);   /* fragment_length = length */
	CU_ASSERT_EQUAL(memcmp(m->raw.ptr + 12, dtls_ch_body, sizeof dtls_ch_body), 0);
	CU_ASSERT_EQUAL(h->client_random[31], 32);
	CU_ASSERT_EQUAL(h->dtls_fragmented[0], 1);
	CU_ASSERT_EQUAL(h->dtls_duplicates[0], 1);
	CU_ASSERT_EQUAL(h->dtls_retransmitted[0], 1);
	CU_ASSERT_EQUAL(m->record_seq, 2);
	CU_ASSERT(c->dtls);
	decoder_free(d);
	conn_free(c);
}

/* Datagrams that lie: a fragment beyond its message, a record longer than
 * the datagram, a header cut short.  Each noted, none a message. */
static void test_dtls_lies(void)
{
	conn_t *c = conn_new(0, "test");
	decoder_t *d;
	uint8_t dg[128];
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	d = decoder_new(c, NULL, NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_FATAL(decoder_dtls(d));
	n = dtls_datagram(dg, 0, 30, 12);
	dg[13 + 8] = 40;                              /* offset 40 + 12 > 42 */
	decoder_feed(d, 0, dg, n, 1, 0);
	n = dtls_datagram(dg, 1, 0, 20);
	decoder_feed(d, 0, dg, n - 1, 2, 0);          /* the datagram ends inside the record */
	n = dtls_datagram(dg, 2, 0, 20);
	dg[12] = 5;                                   /* a record of 5 bytes: a fragment header cut */
	decoder_feed(d, 0, dg, 13 + 5, 3, 0);
	decoder_finish(d);
	CU_ASSERT_EQUAL_FATAL(c->nhs, 1);
	CU_ASSERT_EQUAL(c->hs[0]->nmsgs, 0);
	CU_ASSERT(c->nnotes >= 3);
	decoder_free(d);
	conn_free(c);
}

static const test_case_t dtls_cases[] = {
	{ "DTLS record header: fields, prefixes, bad type and version, lengths", test_dtls_record_peek },
	{ "fragments out of order and overlapping, a duplicate, a retransmission", test_dtls_fragments },
	{ "lying fragments and records are noted, no message made", test_dtls_lies },
	{ NULL, NULL },
};

const test_suite_t test_dtls_suite = { "dtls", dtls_cases };
