/* pcapmap.c - a classic pcap file read in place (see pcapmap.h).
 *
 * The file format (pcap-savefile(5)): a 24-byte file header, then records
 * of a 16-byte header (seconds, micro- or nanoseconds, captured length,
 * original length, each 32 bits in the writer's byte order) followed by
 * the captured bytes.
 *
 * The whole file is mapped once; what is resident is kept to a window.  A
 * pager thread fills the page tables a few megabytes ahead of the decoder
 * (MADV_POPULATE_READ) and drops what it has passed (MADV_DONTNEED), so
 * that the decoding thread neither faults nor makes a system call.  The
 * pager only saves time: without it, or when it falls behind, the decoder
 * faults the pages in itself and drops them as it goes. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mapguard.h"
#include "pcapmap.h"

enum {
	PM_CHUNK = 2 << 20,          /* the pager's step, and what is dropped at a time */
	PM_AHEAD = 4,                /* chunks populated ahead of the decoder */
	PM_FILE_HEADER = 24,
	PM_RECORD_HEADER = 16
};

#define PM_MAGIC_MICRO 0xa1b2c3d4u
#define PM_MAGIC_NANO  0xa1b23c4du

struct pcapmap {
	uint8_t *map;            /* the file, [0, mapped) */
	size_t mapped;
	off_t size;              /* the file's size when last looked at */
	int fd;                  /* borrowed */
	uint32_t snapshot;
	bool nano;               /* nanosecond time stamps (else microseconds) */
	off_t off;               /* the next record */
	off_t resume;            /* pcapmap_resume's answer */
	uint32_t frame;
	atomic_bool cut;         /* the file was cut under the map (mapguard.h) */
	size_t chunk;            /* the chunk the decoder is in */
	/* the pager */
	bool paging;             /* a pager thread runs */
	pthread_t pager;
	pthread_mutex_t lock;
	pthread_cond_t moved;    /* the decoder entered another chunk, or stop */
	size_t reader_chunk;     /* under lock: the decoder's chunk as the pager knows it */
	bool stop;               /* under lock */
};

static uint32_t pm_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);   /* native order: pcapmap_open checked it */
	return v;
}

/* Drops chunks [from, to) from the resident set (the file stays mapped). */
static void pm_drop(pcapmap_t *pm, size_t from, size_t to)
{
	if (to > from)
		madvise(pm->map + from * PM_CHUNK, (to - from) * PM_CHUNK, MADV_DONTNEED);
}

static void *pm_pager(void *arg)
{
	pcapmap_t *pm = arg;
	size_t nchunks = (pm->mapped + PM_CHUNK - 1) / PM_CHUNK;
	size_t filled = 0, dropped = 0;   /* chunks [0, filled) populated, [0, dropped) dropped */

	for (;;) {
		size_t at;

		pthread_mutex_lock(&pm->lock);
		while (!pm->stop && filled >= pm->reader_chunk + PM_AHEAD && dropped >= pm->reader_chunk)
			pthread_cond_wait(&pm->moved, &pm->lock);
		at = pm->reader_chunk;
		if (pm->stop) {
			pthread_mutex_unlock(&pm->lock);
			return NULL;
		}
		pthread_mutex_unlock(&pm->lock);
		if (dropped < at) {
			pm_drop(pm, dropped, at);
			dropped = at;
		}
		if (filled < at)
			filled = at;    /* the decoder got there first */
		if (filled < nchunks && filled < at + PM_AHEAD) {
			size_t len = filled + 1 == nchunks ? pm->mapped - filled * PM_CHUNK : PM_CHUNK;

			/* Linux 5.14 and later; elsewhere the decoder faults */
			madvise(pm->map + filled * PM_CHUNK, len, MADV_POPULATE_READ);
			filled++;
		} else if (filled >= nchunks && dropped >= at) {
			/* all populated: wait only to drop what the decoder passes */
			pthread_mutex_lock(&pm->lock);
			while (!pm->stop && pm->reader_chunk == at)
				pthread_cond_wait(&pm->moved, &pm->lock);
			pthread_mutex_unlock(&pm->lock);
		}
	}
}

pcapmap_t *pcapmap_open(int fd, int snapshot)
{
	uint8_t head[PM_FILE_HEADER];
	struct stat st;
	pcapmap_t *pm;
	uint32_t magic;
	void *m;

	if (fd < 0 || snapshot <= 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < PM_FILE_HEADER)
		return NULL;
	if ((uint64_t)st.st_size > SIZE_MAX || pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head)
		return NULL;
	magic = pm_u32(head);
	/* version 2.4 in the writer's order: 2.3 and older may swap lengths */
	if ((magic != PM_MAGIC_MICRO && magic != PM_MAGIC_NANO) || memcmp(head + 4, "\x02\x00\x04\x00", 4) != 0)
		return NULL;
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return NULL;
	pm = calloc(1, sizeof *pm);
	if (!pm) {
		munmap(m, (size_t)st.st_size);
		return NULL;
	}
	/* A file cut while it is read must not end the process (mapguard.h) */
	atomic_init(&pm->cut, false);
	if (!mapguard_add(m, (size_t)st.st_size, &pm->cut)) {
		munmap(m, (size_t)st.st_size);
		free(pm);
		return NULL;
	}
	pm->map = m;
	pm->mapped = (size_t)st.st_size;
	pm->size = st.st_size;
	pm->fd = fd;
	pm->snapshot = (uint32_t)snapshot;
	pm->nano = magic == PM_MAGIC_NANO;
	pm->off = PM_FILE_HEADER;
	pm->resume = -1;
	if (pthread_mutex_init(&pm->lock, NULL) == 0) {
		if (pthread_cond_init(&pm->moved, NULL) == 0 && pthread_create(&pm->pager, NULL, pm_pager, pm) == 0)
			pm->paging = true;
		else
			pthread_mutex_destroy(&pm->lock);
	}
	return pm;
}

/* Is [off, off + n) in the file?  A file still being written may have
 * grown since it was last looked at. */
static bool pm_in_file(pcapmap_t *pm, off_t off, size_t n)
{
	struct stat st;

	if (off + (off_t)n <= pm->size)
		return true;
	if (fstat(pm->fd, &st) == 0)
		pm->size = st.st_size;
	return off + (off_t)n <= pm->size;
}

/* The decoder has reached off: tell the pager, or drop behind itself. */
static void pm_reached(pcapmap_t *pm, off_t off)
{
	size_t chunk = (size_t)off / PM_CHUNK;

	if (chunk == pm->chunk)
		return;
	if (pm->paging) {
		pthread_mutex_lock(&pm->lock);
		pm->reader_chunk = chunk;
		pthread_cond_signal(&pm->moved);
		pthread_mutex_unlock(&pm->lock);
	} else {
		pm_drop(pm, pm->chunk, chunk);
	}
	pm->chunk = chunk;
}

bool pcapmap_next(pcapmap_t *pm, prefetch_pkt_t *out)
{
	const uint8_t *h;
	uint32_t caplen;
	int32_t sec, frac;

	if (atomic_load_explicit(&pm->cut, memory_order_relaxed)) {
		pm->resume = -1;     /* nothing more can be trusted, even by libpcap */
		return false;
	}
	if (pm->resume >= 0 || !pm_in_file(pm, pm->off, PM_RECORD_HEADER)) {
		/* ended cleanly, or a header cut short: libpcap says which */
		if (pm->resume < 0 && pm->off != pm->size)
			pm->resume = pm->off;
		return false;
	}
	/* Beyond the snapshot length, cut short, or beyond what was mapped
	 * (a file that grew while read): libpcap's to read. */
	if ((size_t)pm->off + PM_RECORD_HEADER > pm->mapped)
		goto hand_over;
	h = pm->map + pm->off;
	caplen = pm_u32(h + 8);
	if (caplen > pm->snapshot || !pm_in_file(pm, pm->off + PM_RECORD_HEADER, caplen)
	    || (size_t)pm->off + PM_RECORD_HEADER + caplen > pm->mapped)
		goto hand_over;
	pm_reached(pm, pm->off);
	/* As libpcap 1.10 reads them: signed 32-bit fields, microseconds
	 * scaled up to nanoseconds. */
	sec = (int32_t)pm_u32(h);
	frac = (int32_t)pm_u32(h + 4);
	out->len = pm_u32(h + 12);
	out->caplen = caplen;
	out->data = h + PM_RECORD_HEADER;
	out->time = (double)sec + (double)(pm->nano ? (int64_t)frac : (int64_t)frac * 1000) / 1e9;
	out->frame = ++pm->frame;
	pm->off += PM_RECORD_HEADER + (off_t)caplen;
	return true;
hand_over:
	pm->resume = pm->off;
	return false;
}

off_t pcapmap_resume(const pcapmap_t *pm)
{
	return pm->resume;
}

bool pcapmap_cut(pcapmap_t *pm)
{
	return atomic_load(&pm->cut);
}

void pcapmap_free(pcapmap_t *pm)
{
	if (!pm)
		return;
	if (pm->paging) {
		pthread_mutex_lock(&pm->lock);
		pm->stop = true;
		pthread_cond_signal(&pm->moved);
		pthread_mutex_unlock(&pm->lock);
		pthread_join(pm->pager, NULL);
		pthread_cond_destroy(&pm->moved);
		pthread_mutex_destroy(&pm->lock);
	}
	mapguard_remove(pm->map);
	munmap(pm->map, pm->mapped);
	free(pm);
}
