/* replay.c - the main() of a fuzz target built without libFuzzer: feeds
 * each file named on the command line (a directory: each file in it) to
 * LLVMFuzzerTestOneInput once, as libFuzzer would replay a crash.  Built
 * with the ASan+UBSan flags of test-asan by `make fuzz-replay`, so the
 * regression inputs run where clang is absent; a finding stops the
 * process with the sanitizer's report. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t n = 0, cap = 0, k;

	if (!f) {
		perror(path);
		return 1;
	}
	do {
		if (n == cap) {
			uint8_t *p = realloc(data, cap = cap ? 2 * cap : 65536);
			if (!p) {
				fclose(f);
				free(data);
				return 1;
			}
			data = p;
		}
		k = fread(data + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	fclose(f);
	/* an exact copy of the input, as libFuzzer hands it: ASan sees reads past its end */
	{
		uint8_t *exact = malloc(n ? n : 1);
		if (!exact) {
			free(data);
			return 1;
		}
		for (k = 0; k < n; k++)
			exact[k] = data[k];
		free(data);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0, done = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;

		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			bad |= replay_file(argv[i]);
			done++;
			continue;
		}
		if (!(d = opendir(argv[i]))) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		while ((e = readdir(d))) {
			char path[4096];

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
			bad |= replay_file(path);
			done++;
		}
		closedir(d);
	}
	fprintf(stderr, "%s: %d inputs replayed\n", argv[0], done);
	return bad;
}
