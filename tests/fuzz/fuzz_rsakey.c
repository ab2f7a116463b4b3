/* fuzz_rsakey.c - libFuzzer target: the RSA private key loader
 * (src/crypto/rsakey.h), the --rsa-key path.
 *
 * The input is a PEM file: rsakey_from_pem, and rsakey_load through a
 * memfd; a key that loads then decrypts a fixed EncryptedPreMasterSecret
 * and is matched against the input taken as a certificate (both must
 * fail cleanly).  Most of the parsing is GnuTLS's (not instrumented): the
 * target guards what tlstrace does around it.  Seeds: captures/
 * server-rsa.key and tests/fuzz/seeds/rsakey/.  Running it:
 * tests/fuzz/run.sh and README.md "Fuzzing". */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "crypto/rsakey.h"

static void fuzz_use(const rsakey_t *k, const uint8_t *data, size_t size)
{
	static const uint8_t enc[256] = { 0x42 };
	uint8_t pms[48];

	fuzz_any(rsakey_decrypt_premaster(k, slice_make(enc, sizeof enc), pms));
	(void)rsakey_matches_cert(k, slice_make(data, size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rsakey_t *k = NULL;
	char path[64];
	int fd;

	if (rsakey_from_pem(data, size, &k) == ERR_OK) {
		fuzz_use(k, data, size);
		rsakey_free(k);
	}
	fd = memfd_create("rsakey", 0);
	if (fd < 0)
		return 0;
	if (size == 0 || write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		k = NULL;
		if (rsakey_load(path, &k) == ERR_OK)
			rsakey_free(k);
	}
	close(fd);
	return 0;
}
