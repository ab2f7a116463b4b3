/* input.c - the bytes under libpcap: plain, piped, gzip or zstd (see input.h).
 *
 * The cookie's read function runs on whichever thread libpcap reads on
 * (the prefetch thread for anything but a plain regular file), so
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

static ssize_t in_read(void *cookie, char *buf, size_t size)
{
	input_t *in = cookie;
	uint8_t *out = (uint8_t *)buf;
	size_t done = 0;

	if (in->codec == IN_PLAIN) {
		while (done < size) {
			size_t k = in_raw(in, out + done, size - done);

			if (!k)
				break;
			done += k;
			if (in->headpos >= in->nhead)
				break;   /* one read of the pipe at a time: never wait with bytes in hand */
		}
		return (ssize_t)done;
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
	return (ssize_t)done;
}

static int in_close(void *cookie)
{
	input_t *in = cookie;

	if (in->codec == IN_GZIP)
		inflateEnd(&in->z);
	ZSTD_freeDStream(in->zs);
	free(in->buf);
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

FILE *input_open(int fd, bool regular, const char *name, input_t **out, char *why, size_t whylen)
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
	if (codec == IN_PLAIN && regular) {
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
	if (regular) {
		in->nhead = 0;    /* pread left the offset at 0 */
	} else {
		memcpy(in->head, head, n);
		in->nhead = n;
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

const char *input_error(const input_t *in)
{
	return in && in->error[0] ? in->error : NULL;
}
