/* fuzz.h - what the libFuzzer targets of tests/fuzz share: the entry
 * points libFuzzer (or replay.c) calls, and a NUL-terminated copy of the
 * input for the parsers that take C strings.
 *
 * A target never prints and never exits: a finding is a sanitizer report
 * or a timeout, nothing else. */
#ifndef TLSTRACE_FUZZ_H
#define TLSTRACE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A target calls the library for what it does with the input, not for
 * its verdict: a refusal is as good an outcome as a success.  (gcc's
 * warn_unused_result is not silenced by a (void) cast.) */
static inline void fuzz_any(err_t e)
{
	(void)e;
}

/* data as a string (owned: the caller frees it); NULL when out of memory. */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* 2n hex digits at p (n bytes out); 0 when one is not a hex digit. */
static inline int fuzz_unhex(const char *p, size_t n, uint8_t *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < 2 * n; i++) {
		char c = p[i] >= 'A' && p[i] <= 'F' ? (char)(p[i] - 'A' + 'a') : p[i];
		const char *d = c ? strchr(digits, c) : NULL;

		if (!d)
			return 0;
		if (i % 2 == 0)
			out[i / 2] = (uint8_t)((d - digits) << 4);
		else
			out[i / 2] |= (uint8_t)(d - digits);
	}
	return 1;
}

#endif
