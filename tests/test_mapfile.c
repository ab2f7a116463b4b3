/* test_mapfile.c - the mapped capture stream: the same bytes as the file
 * across window boundaries, a file that shrinks while read, and what it
 * refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testing.h"
#include "../src/capture/mapfile.h"

enum { MF_SIZE = 20 * 1024 * 1024 + 12345 };   /* three windows, the last one short */

static unsigned char mf_byte(size_t i)
{
	return (unsigned char)(i * 2654435761u >> 13);
}

static char *mf_make(size_t size)
{
	char *path = strdup("/tmp/tlstrace-mapfile-XXXXXX");
	unsigned char block[4096];
	size_t i, k;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (i = 0; i < size; i += k) {
		k = size - i < sizeof block ? size - i : sizeof block;
		for (size_t j = 0; j < k; j++)
			block[j] = mf_byte(i + j);
		CU_ASSERT_EQUAL_FATAL(fwrite(block, 1, k, f), k);
	}
	fclose(f);
	return path;
}

static void test_same_bytes(void)
{
	char *path = mf_make(MF_SIZE);
	FILE *f = mapfile_open(path);
	unsigned char buf[3000];
	size_t total = 0, n, i, bad = 0, step = 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	/* reads of changing sizes, as libpcap's headers and packets */
	while ((n = fread(buf, 1, step, f)) > 0) {
		for (i = 0; i < n; i++)
			bad += buf[i] != mf_byte(total + i);
		total += n;
		step = step % (sizeof buf - 16) + 16;
	}
	CU_ASSERT_EQUAL(total, (size_t)MF_SIZE);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_TRUE(feof(f));
	CU_ASSERT_EQUAL(fclose(f), 0);
	unlink(path);
	free(path);
}

static void test_shrinks_while_read(void)
{
	char *path = mf_make(MF_SIZE);
	FILE *f = mapfile_open(path);
	static unsigned char buf[1 << 20];
	size_t total = 0, n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fread(buf, 1, sizeof buf, f), sizeof buf);
	total = sizeof buf;
	CU_ASSERT_EQUAL_FATAL(truncate(path, 9 * 1024 * 1024), 0);   /* into the second window */
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		total += n;
	/* the first window was mapped before the cut: it may be read to its
	 * end; nothing past the new end is, and no SIGBUS on the way */
	CU_ASSERT(total <= 9 * 1024 * 1024 && total >= (size_t)1 << 20);
	fclose(f);
	unlink(path);
	free(path);
}

static void test_refuses(void)
{
	char *path = mf_make(0);

	CU_ASSERT_PTR_NULL(mapfile_open(path));             /* empty: the ordinary way says why */
	CU_ASSERT_PTR_NULL(mapfile_open("/nonexistent/x.pcap"));
	CU_ASSERT_PTR_NULL(mapfile_open("/tmp"));           /* a directory */
	CU_ASSERT_PTR_NULL(mapfile_open("/dev/null"));      /* not a regular file */
	unlink(path);
	free(path);
}

const test_suite_t test_mapfile_suite = {
	"mapfile", (const test_case_t[]){
		{ "the same bytes as the file, across windows", test_same_bytes },
		{ "a file cut while it is read ends there", test_shrinks_while_read },
		{ "empty files, directories, devices: not mapped", test_refuses },
		{ NULL, NULL } }
};
