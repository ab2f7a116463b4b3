/* test_cursor.c - the bounds-checked reader every parser stands on. */
#include "testing.h"
#include "base/cursor.h"

static void test_reads_big_endian(void)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 };
	cursor_t c = cursor_make(b, sizeof b);
	uint8_t u8; uint16_t u16; uint32_t u24, u32; uint64_t u64;

	CU_ASSERT_EQUAL(cursor_u8(&c, &u8), ERR_OK);
	CU_ASSERT_EQUAL(u8, 1);
	CU_ASSERT_EQUAL(cursor_u16(&c, &u16), ERR_OK);
	CU_ASSERT_EQUAL(u16, 0x0203);
	CU_ASSERT_EQUAL(cursor_u24(&c, &u24), ERR_OK);
	CU_ASSERT_EQUAL(u24, 0x040506);
	CU_ASSERT_EQUAL(cursor_u32(&c, &u32), ERR_OK);
	CU_ASSERT_EQUAL(u32, 0x0708090a);
	CU_ASSERT_EQUAL(cursor_u64(&c, &u64), ERR_OK);
	CU_ASSERT_EQUAL(u64, 0x0b0c0d0e0f101112ull);
	CU_ASSERT_EQUAL(cursor_left(&c), 0);
	CU_ASSERT_EQUAL(cursor_pos(&c), 18);
}

static void test_truncation_never_moves(void)
{
	static const uint8_t b[] = { 0xaa, 0xbb };
	cursor_t c = cursor_make(b, sizeof b);
	uint32_t v = 7;
	slice_t s;

	CU_ASSERT_EQUAL(cursor_u24(&c, &v), ERR_TRUNCATED);
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_EQUAL(cursor_pos(&c), 0);
	CU_ASSERT_EQUAL(cursor_bytes(&c, 3, &s), ERR_TRUNCATED);
	CU_ASSERT_EQUAL(cursor_skip(&c, 3), ERR_TRUNCATED);
	CU_ASSERT_EQUAL(cursor_skip(&c, 2), ERR_OK);
	CU_ASSERT_EQUAL(cursor_skip(&c, 0), ERR_OK);
	CU_ASSERT_EQUAL(cursor_u8(&c, (uint8_t *)&v), ERR_TRUNCATED);
}

static void test_empty_buffer(void)
{
	cursor_t c = cursor_make(NULL, 0);
	cursor_t sub;
	slice_t s;

	CU_ASSERT_EQUAL(cursor_left(&c), 0);
	CU_ASSERT_EQUAL(cursor_open(&c, 1, &sub), ERR_TRUNCATED);
	CU_ASSERT_EQUAL(cursor_rest(&c, &s), ERR_OK);
	CU_ASSERT_EQUAL(s.len, 0);
}

static void test_vectors_open_and_close(void)
{
	/* <2 bytes length = 3> { 01 02 03 } then 0x04 */
	static const uint8_t b[] = { 0x00, 0x03, 1, 2, 3, 4 };
	cursor_t c = cursor_make(b, sizeof b), sub;
	uint8_t x;

	CU_ASSERT_EQUAL(cursor_open(&c, 2, &sub), ERR_OK);
	CU_ASSERT_EQUAL(cursor_left(&sub), 3);
	CU_ASSERT_EQUAL(cursor_pos(&sub), 2);          /* offsets stay absolute */
	CU_ASSERT_EQUAL(cursor_u8(&sub, &x), ERR_OK);
	CU_ASSERT_EQUAL(cursor_close(&sub), ERR_TRAILING);
	CU_ASSERT_EQUAL(cursor_skip(&sub, 2), ERR_OK);
	CU_ASSERT_EQUAL(cursor_close(&sub), ERR_OK);
	CU_ASSERT_EQUAL(cursor_skip(&sub, 1), ERR_TRUNCATED);  /* cannot read past the vector */
	CU_ASSERT_EQUAL(cursor_u8(&c, &x), ERR_OK);
	CU_ASSERT_EQUAL(x, 4);
}

static void test_vector_lies_about_length(void)
{
	static const uint8_t b[] = { 0x00, 0x00, 0x09, 1, 2 };   /* says 9, has 2 */
	cursor_t c = cursor_make(b, sizeof b), sub;

	CU_ASSERT_EQUAL(cursor_open(&c, 3, &sub), ERR_TRUNCATED);
	CU_ASSERT_EQUAL(cursor_pos(&c), 0);
	CU_ASSERT_EQUAL(cursor_open(&c, 4, &sub), ERR_BAD_VALUE);
}

static void test_vector_range(void)
{
	static const uint8_t zero[] = { 0x00 };
	static const uint8_t max[] = { 0x02, 0xaa, 0xbb };
	cursor_t c = cursor_make(zero, sizeof zero), sub;

	/* opaque session_id<0..32>: zero is fine; cipher_suites<2..2^16-2>: zero is not */
	CU_ASSERT_EQUAL(cursor_open_range(&c, 1, 0, 32, &sub), ERR_OK);
	c = cursor_make(zero, sizeof zero);
	CU_ASSERT_EQUAL(cursor_open_range(&c, 1, 2, 254, &sub), ERR_BAD_LENGTH);
	c = cursor_make(max, sizeof max);
	CU_ASSERT_EQUAL(cursor_open_range(&c, 1, 0, 1, &sub), ERR_BAD_LENGTH);
	c = cursor_make(max, sizeof max);
	CU_ASSERT_EQUAL(cursor_open_range(&c, 1, 0, 2, &sub), ERR_OK);
	CU_ASSERT_EQUAL(cursor_left(&sub), 2);
}

const test_suite_t test_cursor_suite = {
	"cursor", (const test_case_t[]){
		{ "reads big-endian integers", test_reads_big_endian },
		{ "truncated reads fail and do not move", test_truncation_never_moves },
		{ "empty buffer", test_empty_buffer },
		{ "vectors open and must close exactly", test_vectors_open_and_close },
		{ "a vector longer than the data", test_vector_lies_about_length },
		{ "vector floor and ceiling", test_vector_range },
		{ NULL, NULL } }
};
