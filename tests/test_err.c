/* test_err.c - err_why, the one way error detail is returned: formatted,
 * cut to fit and terminated, nothing written when no buffer was given,
 * appending after what is there. */
#include <string.h>
#include "testing.h"
#include "base/err.h"

static void test_why_formats_and_fits(void)
{
	char why[16];

	err_why(why, sizeof why, "cannot read %s: %d", "x.pcap", 42);
	CU_ASSERT_STRING_EQUAL(why, "cannot read x.p");    /* cut to 15 and terminated */
	err_why(why, sizeof why, "%s", "short");
	CU_ASSERT_STRING_EQUAL(why, "short");
	memset(why, 'z', sizeof why);
	err_why(why, 1, "%s", "anything");                 /* room for the terminator only */
	CU_ASSERT_EQUAL(why[0], '\0');
	CU_ASSERT_EQUAL(why[1], 'z');
	err_why(why, 0, "%s", "nothing");                  /* no room: untouched */
	CU_ASSERT_EQUAL(why[0], '\0');
	CU_ASSERT_EQUAL(why[1], 'z');
	err_why(NULL, 100, "%s", "nowhere");               /* the caller did not ask */
}

static void test_why_append(void)
{
	char why[24];
	int i;

	err_why(why, sizeof why, "looked in");
	err_why_append(why, sizeof why, " %s", "a");
	err_why_append(why, sizeof why, ", %s", "b");
	CU_ASSERT_STRING_EQUAL(why, "looked in a, b");
	for (i = 0; i < 10; i++)                           /* full: stays full and terminated */
		err_why_append(why, sizeof why, ", %d", i);
	CU_ASSERT_EQUAL(strlen(why), sizeof why - 1);
	CU_ASSERT_EQUAL(memcmp(why, "looked in a, b, 0, 1, 2", sizeof why - 1), 0);
	err_why_append(NULL, 10, "x");
	err_why_append(why, 0, "x");
	CU_ASSERT_EQUAL(strlen(why), sizeof why - 1);
}

const test_suite_t test_err_suite = {
	"err", (const test_case_t[]){
		{ "err_why formats, cuts and terminates", test_why_formats_and_fits },
		{ "err_why_append adds after the text", test_why_append },
		{ NULL, NULL } }
};
