/* test_jsonw.c - the JSON writer: commas, escaping, numbers. */
#include <string.h>
#include "testing.h"
#include "out/jsonw.h"

static void test_escaping(void)
{
	buf_t b = { 0 };
	jsonw_t w;
	const char tricky[] = "a\"b\\c\x01\x1f\x7f\xe3\x81\x82";   /* quote, backslash, controls, DEL, UTF-8 */

	jsonw_init(&w, &b);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "s");
	jsonw_strn(&w, tricky, sizeof tricky - 1);
	jsonw_key(&w, "plain");
	jsonw_str(&w, "TLS 1.2");
	jsonw_key(&w, "none");
	jsonw_str(&w, NULL);
	jsonw_key(&w, "list");
	jsonw_arr_begin(&w);
	jsonw_uint(&w, 0);
	jsonw_int(&w, -42);
	jsonw_double(&w, 1700000000.0123456, 6);
	jsonw_hex(&w, (const uint8_t *)"\x00\xff", 2);
	jsonw_bool(&w, true);
	jsonw_arr_end(&w);
	jsonw_obj_end(&w);
	CU_ASSERT_FALSE(w.failed);
	CU_ASSERT_EQUAL_FATAL(b.len, strlen("{\"s\":\"a\\\"b\\\\c\\u0001\\u001f\\u007f\xe3\x81\x82\",\"plain\":\"TLS 1.2\","
					    "\"none\":null,\"list\":[0,-42,1700000000.012346,\"00ff\",true]}"));
	CU_ASSERT_EQUAL(memcmp(b.ptr, "{\"s\":\"a\\\"b\\\\c\\u0001\\u001f\\u007f\xe3\x81\x82\",\"plain\":\"TLS 1.2\","
			       "\"none\":null,\"list\":[0,-42,1700000000.012346,\"00ff\",true]}", b.len), 0);
	buf_free(&b);
}

/* Strings long enough for the 8-bytes-at-a-time scan, a special byte at
 * each position. */
static void test_long_strings(void)
{
	static const char specials[] = { '"', '\\', 0x01, 0x1f, 0x7f };
	const char *ja = "\xe3\x83\x8f\xe3\x83\xb3\xe3\x83\x89\xe3\x82\xb7\xe3\x82\xa7\xe3\x82\xa4\xe3\x82\xaf";  /* ハンドシェイク */
	buf_t b = { 0 };
	jsonw_t w;
	char s[40];
	size_t pos, k;
	int bad = 0;

	jsonw_init(&w, &b);
	jsonw_str(&w, ja);   /* UTF-8 passes through as it is */
	CU_ASSERT_EQUAL(b.len, strlen(ja) + 2);
	CU_ASSERT_EQUAL(memcmp(b.ptr + 1, ja, strlen(ja)), 0);
	for (k = 0; k < sizeof specials; k++) {
		for (pos = 0; pos < 20; pos++) {
			memset(s, 'x', 20);
			s[pos] = specials[k];
			b.len = 0;
			jsonw_init(&w, &b);
			jsonw_strn(&w, s, 20);
			/* escaped: longer than the 20 bytes and the quotes */
			bad += b.len <= 22;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	buf_free(&b);
}

const test_suite_t test_jsonw_suite = {
	"jsonw", (const test_case_t[]){
		{ "escaping, commas and numbers", test_escaping },
		{ "long strings: escapes found anywhere, UTF-8 kept", test_long_strings },
		{ NULL, NULL } }
};
