/* fuzz_capture_file.c - libFuzzer target: the capture read path on a
 * regular file (libpcap through a large stdio buffer, link layer, IP,
 * TCP reassembly, TLS detection, the decoder, the text and JSON writers).
 *
 * The input is a pcap or pcapng file, written to a memfd (a regular file
 * in memory) and read as `tlstrace read` reads one.  No keys: the
 * decryption paths are fuzz_decode's.  Seeds: captures/ *.pcap.
 * Dictionary: tls.dict.  Running it: tests/fuzz/run.sh and README.md
 * "Fuzzing". */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz_capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = memfd_create("capture", 0);

	if (fd < 0)
		return 0;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		fuzz_capture_read(path);
	}
	close(fd);
	return 0;
}
