/* input.c - the bytes under libpcap: plain, piped, gzip or zstd (see input.h).
 *
 * The cookie's read function runs on whichever thread libpcap reads on
 * (the prefetch thread, unless none could be started), so
 * decompressing overlaps decoding.  It never blocks while it has bytes to
 * give: a live `tcpdump -w - | tlstrace read -` sees each packet as soon
 * as its bytes arrive.  Errors do not reach libpcap as errors: the stream
 * ends there (libpcap then says "truncated" if it stopped inside a
 * record) and input_error says why, in one sentence. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "input.h"

enum { IN_PLAIN, IN_GZIP, IN_ZSTD };
enum { IN_BUF = 256 * 1024 };

struct input {
	int fd;                  /* owned */
	int codec;
	uint8_t head[4];         /* the magic bytes already read, given first */
	size_t nhead, headpos;
	bool eof;                /* fd has no more */
	bool open;               /* inside a gzip member or zstd frame */
	char error[160];
	uint8_t *buf;            /* owned: compressed bytes read ahead */
	size_t len, pos;
	z_stream z;
	ZSTD_DStream *zs;        /* owned */
	/* pcapng demultiplexing (see mux_block) */
	bool regular;            /* fd is a regular file: reading never waits long */
	bool mux;                /* rewriting blocks */
	bool muxed;              /* the file is pcapng and was handed over rewritten */
	bool be;                 /* the current section is big-endian */
	bool have_first;
	uint16_t first_linktype; /* the first interface's real link type */
	uint8_t *blk;            /* owned: the block being served */
	size_t blklen, blkpos, blkcap;
	uint16_t *iftype;        /* owned: link type per interface of the section */
	size_t nif, capif;
};

static void in_fail(input_t *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void in_fail(input_t *in, const char *fmt, ...)
{
	va_list ap;

	if (in->error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(in->error, sizeof in->error, fmt, ap);
	va_end(ap);
}

/* Raw bytes: the magic first, then fd.  0 at the end or on an error. */
static size_t in_raw(input_t *in, uint8_t *p, size_t n)
{
	ssize_t got;

	if (in->headpos < in->nhead) {
		size_t k = in->nhead - in->headpos < n ? in->nhead - in->headpos : n;

		memcpy(p, in->head + in->headpos, k);
		in->headpos += k;
		return k;
	}
	if (in->eof)
		return 0;
	do
		got = read(in->fd, p, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		in_fail(in, "reading stopped: %s", strerror(errno));
	if (got <= 0)
		in->eof = true;
	return got > 0 ? (size_t)got : 0;
}

/* One decompression step on what is buffered; *progress when it used
 * input or made output.  Returns the bytes made. */
static size_t in_step(input_t *in, uint8_t *out, size_t n, bool *progress)
{
	size_t made = 0, used = 0;

	if (in->codec == IN_GZIP) {
		int rc;

		in->z.next_in = in->buf + in->pos;
		in->z.avail_in = (uInt)(in->len - in->pos);
		in->z.next_out = out;
		in->z.avail_out = (uInt)n;
		rc = inflate(&in->z, Z_NO_FLUSH);
		used = in->len - in->pos - in->z.avail_in;
		made = n - in->z.avail_out;
		if (used)
			in->open = true;
		if (rc == Z_STREAM_END) {
			/* RFC 1952 2.2: "A gzip file consists of a series of
			 * members": another may follow. */
			in->open = false;
			inflateReset(&in->z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			in_fail(in, "the gzip data is corrupt (%s)", in->z.msg ? in->z.msg : "zlib error");
			in->eof = true;
			in->len = in->pos = 0;
			return made;
		}
	} else {
		ZSTD_inBuffer ib = { in->buf, in->len, in->pos };
		ZSTD_outBuffer ob = { out, n, 0 };
		size_t rc = ZSTD_decompressStream(in->zs, &ob, &ib);

		if (ZSTD_isError(rc)) {
			in_fail(in, "the zstd data is corrupt (%s)", ZSTD_getErrorName(rc));
			in->eof = true;
			in->len = in->pos = 0;
			return 0;
		}
		used = ib.pos - in->pos;
		made = ob.pos;
		/* RFC 8878 3.1: a zstd stream is frames one after another;
		 * 0 means a frame just ended. */
		if (used || made)
			in->open = rc != 0;
	}
	in->pos += used;
	*progress = used || made;
	return made;
}

/* The input's bytes, decompressed: up to size, fewer when waiting would
 * be needed; 0 at the end. */
static size_t in_bytes(input_t *in, uint8_t *out, size_t size)
{
	size_t done = 0;

	if (in->codec == IN_PLAIN && in->buf) {
		/* read in large pieces: the demultiplexer asks for a block
		 * header, then a block, a few bytes at a time */
		if (in->pos == in->len) {
			in->pos = 0;
			in->len = in_raw(in, in->buf, IN_BUF);
		}
		done = in->len - in->pos < size ? in->len - in->pos : size;
		memcpy(out, in->buf + in->pos, done);
		in->pos += done;
		return done;
	}
	if (in->codec == IN_PLAIN) {
		while (done < size) {
			size_t k = in_raw(in, out + done, size - done);

			if (!k)
				break;
			done += k;
			if (in->headpos >= in->nhead)
				break;   /* one read of the pipe at a time: never wait with bytes in hand */
		}
		return done;
	}
	while (done < size) {
		bool progress = false;

		if (in->pos < in->len || in->open)
			done += in_step(in, out + done, size - done, &progress);
		if (progress)
			continue;
		if (in->error[0])
			break;
		if (in->eof) {
			if (in->open)
				in_fail(in, "the %s stream is cut short: the file was truncated",
					in->codec == IN_GZIP ? "gzip" : "zstd");
			break;
		}
		if (done)
			break;   /* give what we have before waiting for more */
		/* the decompressor has used all it was given: read more */
		memmove(in->buf, in->buf + in->pos, in->len - in->pos);
		in->len -= in->pos;
		in->pos = 0;
		in->len += in_raw(in, in->buf + in->len, IN_BUF - in->len);
	}
	return done;
}

/* ---- pcapng with interfaces of several link types ----
 *
 * libpcap 1.10 refuses a pcapng interface whose link type (or snapshot
 * length) differs from the first one's (sf-pcapng.c: "an interface has a
 * type N different from the type of the first interface").  When no BPF
 * filter is asked for, the blocks are rewritten on the way (pcapng
 * draft-ietf-opsawg-pcapng 4): every Interface Description Block says
 * LINKTYPE_USER15 with no snapshot limit, and every packet (Enhanced,
 * Simple, obsolete Packet Block) gets 4 bytes in front: its interface's
 * real link type (big-endian) and two zero bytes.  libpcap then reads
 * the whole file; link.c (LINK_PCAPNG_MUX) reads the 4 bytes and decodes
 * the frame by its own link type.  Everything else passes as it is. */
enum { BT_IDB = 1, BT_PB = 2, BT_SPB = 3, BT_EPB = 6, BT_SHB = 0x0A0D0D0A };
enum { MUX_MAX_BLOCK = 16 << 20, MUX_MAX_IFS = 65536, LINKTYPE_USER15 = 162 };

static uint32_t mux_rd32(const uint8_t *p, bool be)
{
	return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint16_t mux_rd16(const uint8_t *p, bool be)
{
	return (uint16_t)(be ? p[0] << 8 | p[1] : p[1] << 8 | p[0]);
}

static void mux_wr32(uint8_t *p, uint32_t v, bool be)
{
	int i;

	for (i = 0; i < 4; i++)
		p[be ? i : 3 - i] = (uint8_t)(v >> (24 - 8 * i));
}

static void mux_wr16(uint8_t *p, uint16_t v, bool be)
{
	p[be ? 0 : 1] = (uint8_t)(v >> 8);
	p[be ? 1 : 0] = (uint8_t)v;
}

/* Exactly n bytes of the stream into the block buffer at its end
 * (growing it); false when the stream ended first (what came is kept). */
static bool mux_fill(input_t *in, size_t n)
{
	if (in->blklen + n + 4 > in->blkcap) {
		size_t cap = in->blklen + n + 4 + 4096;
		uint8_t *b = realloc(in->blk, cap);

		if (!b) {
			in_fail(in, "%s", "out of memory for a pcapng block");
			return false;
		}
		in->blk = b;
		in->blkcap = cap;
	}
	while (n) {
		size_t k = in_bytes(in, in->blk + in->blklen, n);

		if (!k)
			return false;
		in->blklen += k;
		n -= k;
	}
	return true;
}

/* Opens 4 bytes at off in the block (a packet's front) and writes the
 * link type there; total length, and the lengths at len_at (and
 * len_at2 when not 0), grow by 4. */
static void mux_insert(input_t *in, size_t off, uint16_t linktype, size_t len_at, size_t len_at2)
{
	bool be = in->be;
	uint32_t total = (uint32_t)in->blklen + 4;

	memmove(in->blk + off + 4, in->blk + off, in->blklen - off);
	in->blklen += 4;
	in->blk[off] = (uint8_t)(linktype >> 8);
	in->blk[off + 1] = (uint8_t)linktype;
	in->blk[off + 2] = in->blk[off + 3] = 0;
	mux_wr32(in->blk + 4, total, be);
	mux_wr32(in->blk + total - 4, total, be);
	mux_wr32(in->blk + len_at, mux_rd32(in->blk + len_at, be) + 4, be);
	if (len_at2)
		mux_wr32(in->blk + len_at2, mux_rd32(in->blk + len_at2, be) + 4, be);
}

static uint16_t mux_iftype(const input_t *in, uint32_t id)
{
	return id < in->nif ? in->iftype[id] : 0xffff;
}

/* Reads and rewrites the next block into in->blk; false at the end of
 * the stream (a partial block is then served as it came). */
static bool mux_block(input_t *in)
{
	uint32_t type, total;

	in->blklen = in->blkpos = 0;
	if (!mux_fill(in, 8))
		return in->blklen > 0;
	type = mux_rd32(in->blk, false);
	if (!in->muxed) {
		/* the first block: a pcapng file, or not (a pcap file passes as it is) */
		if (type != BT_SHB) {
			in->mux = false;
			return true;
		}
		in->muxed = true;
	}
	if (type == BT_SHB) {
		/* Section Header Block: the byte-order magic 0x1A2B3C4D says
		 * the section's byte order; its interfaces start afresh. */
		if (!mux_fill(in, 4))
			return true;
		in->be = mux_rd32(in->blk + 8, true) == 0x1A2B3C4D;
		in->nif = 0;
	}
	type = mux_rd32(in->blk, in->be);
	total = mux_rd32(in->blk + 4, in->be);
	if (total < in->blklen + 4 || total % 4 || total > MUX_MAX_BLOCK) {
		in->mux = false;      /* not a block we can follow: libpcap will say what is wrong */
		return true;
	}
	if (!mux_fill(in, total - in->blklen))
		return true;
	switch (type) {
	case BT_IDB:
		if (total < 20)
			break;
		if (in->nif == in->capif) {
			size_t cap = in->capif ? in->capif * 2 : 8;
			uint16_t *t = cap <= MUX_MAX_IFS ? realloc(in->iftype, cap * sizeof *t) : NULL;

			if (!t)
				break;
			in->iftype = t;
			in->capif = cap;
		}
		in->iftype[in->nif++] = mux_rd16(in->blk + 8, in->be);
		if (!in->have_first) {
			in->first_linktype = in->iftype[0];
			in->have_first = true;
		}
		mux_wr16(in->blk + 8, LINKTYPE_USER15, in->be);
		mux_wr32(in->blk + 12, 0, in->be);
		break;
	case BT_EPB:   /* interface (4), timestamp (8), captured length, original length, data */
		if (total >= 32)
			mux_insert(in, 28, mux_iftype(in, mux_rd32(in->blk + 8, in->be)), 20, 24);
		break;
	case BT_PB:    /* interface (2), drops (2), then as the EPB */
		if (total >= 32)
			mux_insert(in, 28, mux_iftype(in, mux_rd16(in->blk + 8, in->be)), 20, 24);
		break;
	case BT_SPB:   /* original length, data: interface 0 */
		if (total >= 16)
			mux_insert(in, 12, mux_iftype(in, 0), 8, 0);
		break;
	default:
		break;
	}
	return true;
}

static ssize_t in_read(void *cookie, char *buf, size_t size)
{
	input_t *in = cookie;
	size_t done = 0;

	if (!in->mux && in->blkpos >= in->blklen)
		return (ssize_t)in_bytes(in, (uint8_t *)buf, size);
	while (done < size) {
		size_t k;

		if (in->blkpos >= in->blklen) {
			/* a pipe: give what we have before the next block can
			 * make us wait; a regular file never waits long */
			if ((done && !in->regular) || !in->mux)
				break;
			if (!mux_block(in))
				break;
			continue;
		}
		k = in->blklen - in->blkpos < size - done ? in->blklen - in->blkpos : size - done;
		memcpy(buf + done, in->blk + in->blkpos, k);
		in->blkpos += k;
		done += k;
	}
	return (ssize_t)done;
}

static int in_close(void *cookie)
{
	input_t *in = cookie;

	if (in->codec == IN_GZIP)
		inflateEnd(&in->z);
	ZSTD_freeDStream(in->zs);
	free(in->buf);
	free(in->blk);
	free(in->iftype);
	close(in->fd);
	free(in);
	return 0;
}

/* Reads up to 4 bytes of magic. */
static size_t in_magic(int fd, bool regular, uint8_t *head)
{
	size_t n = 0;

	while (n < 4) {
		ssize_t got = regular ? pread(fd, head + n, 4 - n, (off_t)n) : read(fd, head + n, 4 - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	return n;
}

FILE *input_open(int fd, bool regular, bool demux, const char *name, input_t **out, char *why, size_t whylen)
{
	static const cookie_io_functions_t io = { .read = in_read, .close = in_close };
	uint8_t head[4] = { 0 };
	size_t n = in_magic(fd, regular, head);
	int codec = IN_PLAIN;
	input_t *in;
	FILE *fp;

	*out = NULL;
	if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
		codec = IN_GZIP;
	else if (n == 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd)
		codec = IN_ZSTD;
	else if ((n == 4 && head[0] == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X')
		 || (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h')) {
		err_why(why, whylen, "%s is %s-compressed: tlstrace reads gzip and zstd captures; decompress it first",
			name, head[0] == 'B' ? "bzip2" : "xz");
		close(fd);
		return NULL;
	}
	/* pcapng: Section Header Block type 0x0A0D0D0A, the same in both byte orders */
	if (demux && codec == IN_PLAIN && !(n == 4 && head[0] == 0x0a && head[1] == 0x0d && head[2] == 0x0d && head[3] == 0x0a))
		demux = false;
	if (codec == IN_PLAIN && regular && !demux) {
		fp = fdopen(fd, "rb");
		if (!fp)
			close(fd);
		return fp;
	}
	in = calloc(1, sizeof *in);
	if (!in) {
		close(fd);
		return NULL;
	}
	in->fd = fd;
	in->codec = codec;
	in->mux = demux;
	in->regular = regular;
	if (regular) {
		in->nhead = 0;    /* pread left the offset at 0 */
	} else {
		memcpy(in->head, head, n);
		in->nhead = n;
	}
	if (codec == IN_PLAIN && demux && !(in->buf = malloc(IN_BUF))) {
		in_close(in);
		return NULL;
	}
	if (codec != IN_PLAIN) {
		in->buf = malloc(IN_BUF);
		if (!in->buf || (codec == IN_GZIP && inflateInit2(&in->z, 15 + 16) != Z_OK)
		    || (codec == IN_ZSTD && (!(in->zs = ZSTD_createDStream()) || ZSTD_isError(ZSTD_initDStream(in->zs))))) {
			if (codec == IN_GZIP && in->buf)
				in->codec = IN_PLAIN;   /* inflateInit2 failed: nothing to end */
			in_close(in);
			return NULL;
		}
	}
	fp = fopencookie(in, "rb", io);
	if (!fp) {
		in_close(in);
		return NULL;
	}
	*out = in;
	return fp;
}

const char *input_codec(const input_t *in)
{
	if (!in || in->codec == IN_PLAIN)
		return NULL;
	return in->codec == IN_GZIP ? "gzip" : "zstd";
}

bool input_muxed(const input_t *in, uint16_t *first_linktype)
{
	if (!in || !in->muxed)
		return false;
	*first_linktype = in->have_first ? in->first_linktype : 0xffff;
	return true;
}

const char *input_error(const input_t *in)
{
	return in && in->error[0] ? in->error : NULL;
}
