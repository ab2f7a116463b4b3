/* main.c - the CUnit runner: registers every suite in suites.h and runs
 * them all, or only those named on the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <CUnit/Basic.h>
#include "testing.h"
#include "base/wrap.h"

/* A helper working on one module may build a runner over its own list. */
#ifndef SUITES_FILE
#define SUITES_FILE "suites.h"
#endif

#define SUITE(n) extern const test_suite_t test_##n##_suite;
#include SUITES_FILE
#undef SUITE

static const test_suite_t *const all_suites[] = {
#define SUITE(n) &test_##n##_suite,
#include SUITES_FILE
#undef SUITE
};

size_t test_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;

	while (*hex) {
		unsigned v;
		if (*hex == ' ' || *hex == '\n' || *hex == ':') {
			hex++;
			continue;
		}
		if (n >= cap || sscanf(hex, "%2x", &v) != 1 || !hex[1]) {
			fprintf(stderr, "test_unhex: bad test vector near \"%.10s\"\n", hex);
			abort();
		}
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

static int wanted(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;
	unsigned failed;

	wrap_locale_init();   /* LC_CTYPE as the program sets it (UTF-8) */
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (i = 0; i < sizeof all_suites / sizeof all_suites[0]; i++) {
		const test_suite_t *s = all_suites[i];
		const test_case_t *c;
		CU_pSuite cs;

		if (!wanted(s->name, argc, argv))
			continue;
		cs = CU_add_suite(s->name, NULL, NULL);
		if (!cs)
			return 2;
		for (c = s->cases; c->name; c++)
			if (!CU_add_test(cs, c->name, c->fn))
				return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_tests_failed() + CU_get_number_of_failures();
	if (CU_get_number_of_tests_run() == 0)
		failed = 1;
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
