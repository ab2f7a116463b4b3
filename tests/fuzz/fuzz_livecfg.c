/* fuzz_livecfg.c - libFuzzer target: the live settings
 * (src/live/cfg.h), as --tls/--kx/--cipher/--scenario and the lessons'
 * run: lines give them.
 *
 * The input is one setting a line, "key=value" or "key" alone (a
 * switch, value NULL); each goes to live_cfg_set, and the whole, whatever
 * was refused on the way, to live_cfg_check, twice (it must give the same
 * answer).  Seeds: tests/fuzz/seeds/livecfg/.  Running it:
 * tests/fuzz/run.sh and README.md "Fuzzing". */
#include <stdbool.h>
#include "fuzz.h"
#include "live/cfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size), *line, *save = NULL;
	char why[256], why2[256];
	live_cfg_t cfg;
	err_t e1, e2;

	if (!text)
		return 0;
	memset(&cfg, 0, sizeof cfg);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (eq)
			*eq = '\0';
		fuzz_any(live_cfg_set(&cfg, line, eq ? eq + 1 : NULL, why, sizeof why));
	}
	why[0] = why2[0] = '\0';
	e1 = live_cfg_check(&cfg, why, sizeof why);
	e2 = live_cfg_check(&cfg, why2, sizeof why2);
	/* cfg.h: "Checking twice gives the same answer." */
	if (e1 != e2 || strcmp(why, why2) != 0)
		__builtin_trap();
	free(text);
	return 0;
}
