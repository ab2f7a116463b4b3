/* pcapmap.c - a classic pcap file read in place (see pcapmap.h).
 *
 * The file format (pcap-savefile(5)): a 24-byte file header, then records
 * of a 16-byte header (seconds, micro- or nanoseconds, captured length,
 * original length, each 32 bits in the writer's byte order) followed by
 * the captured bytes.  The window slides forward only: a record that does
 * not fit in the mapped part of the file maps a new window starting at
 * the page that holds it. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pcapmap.h"

enum {
	PCAPMAP_WINDOW = 2 << 20,    /* bytes of the file mapped at a time */
	PM_FILE_HEADER = 24,
	PM_RECORD_HEADER = 16
};

#define PM_MAGIC_MICRO 0xa1b2c3d4u
#define PM_MAGIC_NANO  0xa1b23c4du

struct pcapmap {
	int fd;                  /* borrowed */
	uint32_t snapshot;
	bool nano;               /* nanosecond time stamps (else microseconds) */
	off_t size;              /* the file's size when last looked at */
	off_t off;               /* the next record */
	off_t resume;            /* pcapmap_resume's answer */
	uint8_t *map;            /* the window, or NULL */
	off_t map_off;           /* the file offset of map[0] (page aligned) */
	size_t map_len;
	size_t page;
	uint32_t frame;
};

static uint32_t pm_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);   /* native order: pcapmap_open checked it */
	return v;
}

pcapmap_t *pcapmap_open(int fd, int snapshot)
{
	uint8_t head[PM_FILE_HEADER];
	struct stat st;
	pcapmap_t *pm;
	uint32_t magic;
	long page = sysconf(_SC_PAGESIZE);

	if (fd < 0 || snapshot <= 0 || page <= 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	if (pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head)
		return NULL;
	magic = pm_u32(head);
	/* version 2.4 in the writer's order: 2.3 and older may swap lengths */
	if ((magic != PM_MAGIC_MICRO && magic != PM_MAGIC_NANO) || memcmp(head + 4, "\x02\x00\x04\x00", 4) != 0)
		return NULL;
	pm = calloc(1, sizeof *pm);
	if (!pm)
		return NULL;
	pm->fd = fd;
	pm->snapshot = (uint32_t)snapshot;
	pm->nano = magic == PM_MAGIC_NANO;
	pm->size = st.st_size;
	pm->off = PM_FILE_HEADER;
	pm->resume = -1;
	pm->page = (size_t)page;
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

/* Maps [off, off + n) (in the file), sliding the window; NULL when the
 * kernel refuses. */
static const uint8_t *pm_at(pcapmap_t *pm, off_t off, size_t n)
{
	off_t base;
	size_t len;
	void *m;

	if (pm->map && off >= pm->map_off && off + (off_t)n <= pm->map_off + (off_t)pm->map_len)
		return pm->map + (off - pm->map_off);
	if (pm->map)
		munmap(pm->map, pm->map_len);
	pm->map = NULL;
	base = off & ~(off_t)(pm->page - 1);
	len = PCAPMAP_WINDOW;
	if ((size_t)(off - base) + n > len)
		len = (size_t)(off - base) + n;     /* a record larger than a window */
	if (base + (off_t)len > pm->size)
		len = (size_t)(pm->size - base);
	/* MAP_POPULATE: the window's pages in one system call, not a fault
	 * per few pages as the decoder reaches them. */
	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, pm->fd, base);
	if (m == MAP_FAILED)
		return NULL;
	pm->map = m;
	pm->map_off = base;
	pm->map_len = len;
	return pm->map + (off - base);
}

bool pcapmap_next(pcapmap_t *pm, prefetch_pkt_t *out)
{
	const uint8_t *h;
	uint32_t caplen;
	int32_t sec, frac;

	if (pm->resume >= 0 || !pm_in_file(pm, pm->off, PM_RECORD_HEADER)) {
		/* ended cleanly, or a header cut short: libpcap says which */
		if (pm->resume < 0 && pm->off != pm->size)
			pm->resume = pm->off;
		return false;
	}
	h = pm_at(pm, pm->off, PM_RECORD_HEADER);
	if (!h)
		goto hand_over;
	caplen = pm_u32(h + 8);
	if (caplen > pm->snapshot || !pm_in_file(pm, pm->off + PM_RECORD_HEADER, caplen))
		goto hand_over;
	/* As libpcap 1.10 reads them: signed 32-bit fields, microseconds
	 * scaled up to nanoseconds. */
	sec = (int32_t)pm_u32(h);
	frac = (int32_t)pm_u32(h + 4);
	out->len = pm_u32(h + 12);
	out->caplen = caplen;
	h = pm_at(pm, pm->off, PM_RECORD_HEADER + (size_t)caplen);
	if (!h)
		goto hand_over;
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

void pcapmap_free(pcapmap_t *pm)
{
	if (!pm)
		return;
	if (pm->map)
		munmap(pm->map, pm->map_len);
	free(pm);
}
