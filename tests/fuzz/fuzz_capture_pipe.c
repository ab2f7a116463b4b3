/* fuzz_capture_pipe.c - libFuzzer target: the capture read path on a
 * pipe (`tcpdump -w - | tlstrace read -`): libpcap reading a stream, on
 * the read-ahead thread of src/capture/prefetch.c, then the same
 * decoding as fuzz_capture_file.
 *
 * The input is a pcap or pcapng file; a thread writes it into a pipe in
 * pieces of at most 4 KiB while analyze_capture reads the other end
 * through /proc/self/fd/N.  Seeds: captures/ *.pcap.  Dictionary:
 * tls.dict.  Running it: tests/fuzz/run.sh and README.md "Fuzzing". */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include "fuzz_capture.h"

typedef struct {
	int fd;                  /* owned: the pipe's write end, closed when all is written */
	const uint8_t *data;
	size_t size;
} fuzz_writer_t;

static void *fuzz_write_all(void *arg)
{
	fuzz_writer_t *w = arg;
	size_t off = 0;

	while (off < w->size) {
		size_t n = w->size - off < 4096 ? w->size - off : 4096;
		ssize_t k = write(w->fd, w->data + off, n);

		if (k <= 0)
			break;   /* the reader gave up (EPIPE): what it read is its input */
		off += (size_t)k;
	}
	close(w->fd);
	return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_writer_t w;
	pthread_t t;
	char path[64];
	int p[2];

	if (pipe(p) != 0)
		return 0;
	w = (fuzz_writer_t){ p[1], data, size };
	if (pthread_create(&t, NULL, fuzz_write_all, &w) != 0) {
		close(p[0]);
		close(p[1]);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
	fuzz_capture_read(path);
	close(p[0]);   /* a writer still blocked gets EPIPE and stops */
	pthread_join(t, NULL);
	return 0;
}
