/* fuzz_keylog.c - libFuzzer target: the NSS key log parser
 * (src/crypto/keylog.h).
 *
 * The input is a key log file's text: it goes through keylog_load (the
 * path a --keylog file takes, through a memfd), then line by line through
 * keylog_add_line into a second table, where the client random of every
 * line it took is looked up again and its secrets formatted back.
 * Seeds: captures/ *.keys.  Dictionary: tls.dict (the labels).  Running
 * it: tests/fuzz/run.sh and README.md "Fuzzing". */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "crypto/keylog.h"

static void fuzz_load(const uint8_t *data, size_t size)
{
	char path[64];
	keylog_stats_t st;
	keylog_t *kl;
	int fd = memfd_create("keylog", 0);

	if (fd < 0)
		return;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		kl = keylog_new();
		if (kl) {
			memset(&st, 0, sizeof st);
			fuzz_any(keylog_load(kl, path, &st));
			keylog_free(kl);
		}
	}
	close(fd);
}

static void fuzz_lookup(const keylog_t *kl, const char *line, size_t n)
{
	const char *sp = memchr(line, ' ', n);
	const keylog_entry_t *e;
	uint8_t cr[32];
	char out[300];
	int l;

	if (!sp || (size_t)(line + n - sp) < 1 + 64 || !fuzz_unhex(sp + 1, 32, cr))
		return;
	e = keylog_find(kl, cr);
	for (l = 0; e && l < KL__COUNT; l++)
		if (e->len[l])
			(void)keylog_format_line((keylog_label_t)l, cr, e->secret[l], e->len[l], out, sizeof out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	keylog_t *kl = keylog_new();
	const char *p = (const char *)data, *end = p + size;

	fuzz_load(data, size);
	if (!kl)
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *why = NULL;

		if (keylog_add_line(kl, p, n, &why) == ERR_OK)
			fuzz_lookup(kl, p, n);
		p += n + 1;
	}
	keylog_free(kl);
	return 0;
}
