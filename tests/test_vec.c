/* test_vec.c - the one growth policy for lists (base/vec): doubling from
 * the first block, overflow refused, nothing changed on failure, and the
 * arena variant copying what the list held. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "base/vec.h"

static void test_grows_and_doubles(void)
{
	int *v = NULL, *g;
	size_t cap = 0, n, i, reallocs = 0, last = 0;
	int bad = 0;

	for (n = 0; n < 1000; n++) {
		if (n == cap) {
			g = vec_grow(v, &cap, n + 1, sizeof *v);
			CU_ASSERT_PTR_NOT_NULL_FATAL(g);
			v = g;
			reallocs++;
			bad += cap < n + 1 || (last && cap != 2 * last);
			last = cap;
		}
		v[n] = (int)n;
	}
	for (i = 0; i < 1000; i++)
		bad += v[i] != (int)i;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(reallocs <= 10);            /* 16 ints, then doubling: 16..1024 */
	CU_ASSERT_EQUAL(cap, 1024);
	CU_ASSERT_EQUAL(vec_cap_of(1000, sizeof *v), cap);   /* implied capacity agrees */
	/* room already there: same block, same capacity */
	CU_ASSERT_PTR_EQUAL(vec_grow(v, &cap, 10, sizeof *v), v);
	CU_ASSERT_EQUAL(cap, 1024);
	free(v);
}

static void test_first_capacity(void)
{
	size_t c;

	CU_ASSERT_TRUE(vec_cap_next(0, 1, 1, &c));
	CU_ASSERT_EQUAL(c, VEC_FIRST_BYTES);
	CU_ASSERT_TRUE(vec_cap_next(0, 1, 1000, &c));   /* elements larger than the first block */
	CU_ASSERT_EQUAL(c, 1);
	CU_ASSERT_TRUE(vec_cap_next(0, 100, 8, &c));    /* a big first need: doubled up to it */
	CU_ASSERT_EQUAL(c, 128);
	CU_ASSERT_TRUE(vec_cap_next(64, 65, 1, &c));
	CU_ASSERT_EQUAL(c, 128);
	CU_ASSERT_EQUAL(vec_cap_of(0, 8), 0);
	CU_ASSERT_EQUAL(vec_cap_of(1, 8), 8);
	CU_ASSERT_EQUAL(vec_cap_of(8, 8), 8);
	CU_ASSERT_EQUAL(vec_cap_of(9, 8), 16);
	CU_ASSERT_FALSE(vec_cap_next(0, 1, 0, &c));     /* zero-sized elements make no list */
}

static void test_overflow_refused(void)
{
	size_t c = 12345;
	size_t cap;
	int *v = malloc(4 * sizeof *v), *g;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	/* count * size overflows */
	CU_ASSERT_FALSE(vec_cap_next(0, SIZE_MAX / 2, 4, &c));
	CU_ASSERT_FALSE(vec_cap_next(0, SIZE_MAX, 2, &c));
	CU_ASSERT_EQUAL(c, 12345);                      /* out untouched */
	/* the count fits but doubling the capacity would not */
	CU_ASSERT_FALSE(vec_cap_next(SIZE_MAX / 8 + 1, SIZE_MAX / 8 + 2, 4, &c));
	CU_ASSERT_FALSE(vec_cap_next(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 2, 1, &c));
	/* exactly the largest doubling that fits is allowed */
	CU_ASSERT_TRUE(vec_cap_next(SIZE_MAX / 4, SIZE_MAX / 4 + 1, 2, &c));
	CU_ASSERT_EQUAL(c, SIZE_MAX / 4 * 2);

	/* failure changes nothing: the old block and capacity stay */
	v[3] = 77;
	cap = 4;
	g = vec_grow(v, &cap, SIZE_MAX / 2, sizeof *v);
	CU_ASSERT_PTR_NULL(g);
	CU_ASSERT_EQUAL(cap, 4);
	CU_ASSERT_EQUAL(v[3], 77);
	g = vec_grow(v, &cap, SIZE_MAX / 3, 2);     /* the doubling, not the count, overflows */
	CU_ASSERT_PTR_NULL(g);
	CU_ASSERT_EQUAL(cap, 4);
	CU_ASSERT_EQUAL(v[3], 77);
	free(v);
}

static void test_arena_grow(void)
{
	arena_t *a = arena_new();
	long *v = NULL, *g;
	size_t cap = 0, n;
	int bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	for (n = 0; n < 300; n++) {
		if (n == cap) {
			g = vec_grow_arena(a, v, n, &cap, n + 1, sizeof *v);
			CU_ASSERT_PTR_NOT_NULL_FATAL(g);
			v = g;
		}
		v[n] = (long)n * 3;
	}
	for (n = 0; n < 300; n++)
		bad += v[n] != (long)n * 3;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(cap, 512);
	/* refused: overflow, and a count larger than the capacity */
	CU_ASSERT_PTR_NULL(vec_grow_arena(a, v, 300, &cap, SIZE_MAX / 4, sizeof *v));
	CU_ASSERT_PTR_NULL(vec_grow_arena(a, v, 600, &cap, 700, sizeof *v));
	CU_ASSERT_EQUAL(cap, 512);
	CU_ASSERT_EQUAL(v[299], 299 * 3);
	arena_free(a);
}

const test_suite_t test_vec_suite = {
	"vec", (const test_case_t[]){
		{ "grows by doubling and keeps the elements", test_grows_and_doubles },
		{ "first capacity and implied capacity", test_first_capacity },
		{ "overflow refused, nothing changed", test_overflow_refused },
		{ "arena lists grow and copy", test_arena_grow },
		{ NULL, NULL } }
};
