/* mapfile.c - a capture file as a stdio stream read straight from memory
 * (see mapfile.h): a fopencookie stream over a sliding mmap window. */
#define _GNU_SOURCE   /* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mapfile.h"

enum { MAPFILE_WINDOW = 8 << 20 };   /* a multiple of any page size */

typedef struct {
	int fd;                  /* owned */
	off_t size;              /* of the file when opened */
	off_t pos;               /* next byte to read */
	unsigned char *map;      /* owned mapping of [map_off, map_off + map_len), or NULL */
	off_t map_off;
	size_t map_len;
} mapfile_t;

/* Maps the window holding pos; false when mmap fails.  A file that has
 * shrunk since (a capture rotated over by tcpdump -W) ends where it now
 * ends: touching a mapped page past the end would kill the process with
 * SIGBUS, so the size is looked at again before each window.  (A file cut
 * while a window is being read can still do that; reading a capture that
 * is being overwritten is outside what this promises.) */
static bool mapfile_window(mapfile_t *m)
{
	struct stat st;
	off_t off = m->pos - m->pos % MAPFILE_WINDOW;
	size_t len;
	void *p;

	if (m->map)
		munmap(m->map, m->map_len);
	m->map = NULL;
	if (fstat(m->fd, &st) == 0 && st.st_size < m->size)
		m->size = st.st_size;
	if (m->pos >= m->size)
		return false;
	len = (size_t)(m->size - off < MAPFILE_WINDOW ? m->size - off : MAPFILE_WINDOW);
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, m->fd, off);
	if (p == MAP_FAILED)
		return false;
	madvise(p, len, MADV_SEQUENTIAL);
	m->map = p;
	m->map_off = off;
	m->map_len = len;
	return true;
}

static ssize_t mapfile_read(void *cookie, char *buf, size_t n)
{
	mapfile_t *m = cookie;
	size_t done = 0;

	while (done < n && m->pos < m->size) {
		size_t at, k;

		if (!m->map || m->pos < m->map_off || m->pos >= m->map_off + (off_t)m->map_len) {
			if (!mapfile_window(m)) {
				if (done || m->pos >= m->size)
					break;   /* what was read, or the (new) end */
				errno = EIO;
				return -1;
			}
		}
		at = (size_t)(m->pos - m->map_off);
		k = m->map_len - at < n - done ? m->map_len - at : n - done;
		memcpy(buf + done, m->map + at, k);
		done += k;
		m->pos += (off_t)k;
	}
	return (ssize_t)done;
}

static int mapfile_seek(void *cookie, off64_t *where, int whence)
{
	mapfile_t *m = cookie;
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;

	if (*where < -base) {
		errno = EINVAL;
		return -1;
	}
	m->pos = base + (off_t)*where;
	*where = m->pos;
	return 0;
}

static int mapfile_close(void *cookie)
{
	mapfile_t *m = cookie;

	if (m->map)
		munmap(m->map, m->map_len);
	close(m->fd);
	free(m);
	return 0;
}

FILE *mapfile_open(const char *path)
{
	static const cookie_io_functions_t io = { mapfile_read, NULL, mapfile_seek, mapfile_close };
	struct stat st;
	mapfile_t *m;
	FILE *fp;
	void *test;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof *m);
	if (!m) {
		close(fd);
		return NULL;
	}
	m->fd = fd;
	m->size = st.st_size;
	/* A file that cannot be mapped is read the ordinary way: try a page
	 * now; the windows are mapped as they are read (on the thread that
	 * reads, with the prefetcher). */
	test = mmap(NULL, 1, PROT_READ, MAP_PRIVATE, fd, 0);
	if (test == MAP_FAILED) {
		close(fd);
		free(m);
		return NULL;
	}
	munmap(test, 1);
	fp = fopencookie(m, "rb", io);
	if (!fp) {
		mapfile_close(m);
		return NULL;
	}
	/* Buffered: glibc reads an unbuffered cookie stream a byte at a
	 * time.  64 KiB a call: two copies, no system call. */
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	/* One thread reads it at a time (libpcap's caller): no lock taken
	 * around each of libpcap's two reads per packet. */
	__fsetlocking(fp, FSETLOCKING_BYCALLER);
	return fp;
}
