/* testing.h - how a test file exports its CUnit suite.
 * Each tests/test_<module>.c defines `const test_suite_t test_<module>_suite`
 * and is listed once in tests/suites.h; tests/main.c registers them all. */
#ifndef TLSTRACE_TESTING_H
#define TLSTRACE_TESTING_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char *name;
	CU_TestFunc fn;
} test_case_t;

typedef struct {
	const char *name;
	const test_case_t *cases;   /* ends with {NULL, NULL} */
} test_suite_t;

/* Hex string to bytes for test vectors; returns the byte count (aborts the
 * test run on a malformed vector, which is a bug in the test itself). */
size_t test_unhex(const char *hex, uint8_t *out, size_t cap);

#endif
