/* test_keylog.c - the NSS key log table: parsing, lookups, conflicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testing.h"
#include "crypto/keylog.h"

#define CR_A "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0"
#define MS_A "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"

static err_t keylog_line(keylog_t *kl, const char *s, const char **why)
{
	return keylog_add_line(kl, s, strlen(s), why);
}

static void test_parses_and_finds(void)
{
	keylog_t *kl = keylog_new();
	const keylog_entry_t *e;
	uint8_t cr[32];
	const char *why;

	CU_ASSERT_EQUAL(keylog_line(kl, "CLIENT_RANDOM " CR_A " " MS_A "\n", &why), ERR_OK);
	CU_ASSERT_EQUAL(keylog_line(kl, "SERVER_HANDSHAKE_TRAFFIC_SECRET " CR_A " " MS_A "\r\n", &why), ERR_OK);
	test_unhex(CR_A, cr, sizeof cr);
	e = keylog_find(kl, cr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->len[KL_MASTER], 48);
	CU_ASSERT_EQUAL(e->secret[KL_MASTER][47], 0x2f);
	CU_ASSERT_EQUAL(e->len[KL_SERVER_HS], 48);
	CU_ASSERT_EQUAL(e->len[KL_CLIENT_HS], 0);
	cr[0] ^= 1;
	CU_ASSERT_PTR_NULL(keylog_find(kl, cr));
	keylog_free(kl);
}

static void test_bad_lines(void)
{
	keylog_t *kl = keylog_new();
	const char *why;

	CU_ASSERT_EQUAL(keylog_line(kl, "", &why), ERR_OK);
	CU_ASSERT_EQUAL(keylog_line(kl, "# comment", &why), ERR_OK);
	CU_ASSERT_EQUAL(keylog_line(kl, "garbage", &why), ERR_FORMAT);
	CU_ASSERT_PTR_NOT_NULL(why);
	CU_ASSERT_EQUAL(keylog_line(kl, "CLIENT_RANDOM " CR_A, &why), ERR_FORMAT);          /* no secret */
	CU_ASSERT_EQUAL(keylog_line(kl, "CLIENT_RANDOM a1a2 " MS_A, &why), ERR_FORMAT);    /* short random */
	CU_ASSERT_EQUAL(keylog_line(kl, "CLIENT_RANDOM " CR_A " 0011", &why), ERR_FORMAT); /* master not 48 */
	CU_ASSERT_EQUAL(keylog_line(kl, "CLIENT_RANDOM " CR_A " " MS_A " extra", &why), ERR_FORMAT);
	CU_ASSERT_EQUAL(keylog_line(kl, "CLIENT_RANDOM " CR_A " 0g", &why), ERR_FORMAT);   /* not hex */
	/* well formed, unknown or unused labels: ignored, not errors */
	CU_ASSERT_EQUAL(keylog_line(kl, "FUTURE_LABEL " CR_A " 0011", &why), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(keylog_line(kl, "RSA 0011223344556677 " MS_A, &why), ERR_UNSUPPORTED);
	keylog_free(kl);
}

static void test_conflict_keeps_first(void)
{
	keylog_t *kl = keylog_new();
	uint8_t cr[32], a[48] = { 1 }, b[48] = { 2 };
	const keylog_entry_t *e;

	memset(cr, 7, sizeof cr);
	CU_ASSERT_EQUAL(keylog_add(kl, KL_MASTER, cr, a, 48), ERR_OK);
	CU_ASSERT_EQUAL(keylog_add(kl, KL_MASTER, cr, a, 48), ERR_OK);
	e = keylog_find(kl, cr);
	CU_ASSERT_FALSE(e->conflict[KL_MASTER]);
	CU_ASSERT_EQUAL(keylog_add(kl, KL_MASTER, cr, b, 48), ERR_OK);
	e = keylog_find(kl, cr);
	CU_ASSERT_TRUE(e->conflict[KL_MASTER]);
	CU_ASSERT_EQUAL(e->secret[KL_MASTER][0], 1);
	CU_ASSERT_EQUAL(keylog_add(kl, KL_MASTER, cr, a, 0), ERR_BAD_LENGTH);
	CU_ASSERT_EQUAL(keylog_add(kl, KL_MASTER, cr, a, KEYLOG_SECRET_MAX + 1), ERR_BAD_LENGTH);
	keylog_free(kl);
}

/* Many entries: the table grows and every one stays findable. */
static void test_many_entries(void)
{
	keylog_t *kl = keylog_new();
	uint8_t cr[32], ms[48];
	unsigned i, found = 0;

	memset(cr, 0, sizeof cr);
	for (i = 0; i < 20000; i++) {
		memcpy(cr + 24, &i, sizeof i);   /* randoms that differ only in a few bytes */
		memcpy(ms, &i, sizeof i);
		CU_ASSERT_EQUAL_FATAL(keylog_add(kl, KL_MASTER, cr, ms, 48), ERR_OK);
	}
	for (i = 0; i < 20000; i++) {
		const keylog_entry_t *e;
		unsigned got;
		memcpy(cr + 24, &i, sizeof i);
		e = keylog_find(kl, cr);
		if (e) {
			memcpy(&got, e->secret[KL_MASTER], sizeof got);
			found += got == i;
		}
	}
	CU_ASSERT_EQUAL(found, 20000);
	keylog_free(kl);
}

static void test_format_and_load(void)
{
	keylog_t *kl = keylog_new(), *back = keylog_new();
	char path[] = "/tmp/tlstrace-keylog-XXXXXX", line[256];
	uint8_t cr[32], ms[48];
	keylog_stats_t st;
	size_t n;
	FILE *f;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	test_unhex(CR_A, cr, sizeof cr);
	test_unhex(MS_A, ms, sizeof ms);
	n = keylog_format_line(KL_MASTER, cr, ms, 48, line, sizeof line);
	CU_ASSERT_EQUAL(n, strlen("CLIENT_RANDOM " CR_A " " MS_A "\n"));
	CU_ASSERT_STRING_EQUAL(line, "CLIENT_RANDOM " CR_A " " MS_A "\n");
	CU_ASSERT_EQUAL(keylog_format_line(KL_MASTER, cr, ms, 48, line, 20), 0);
	f = fdopen(fd, "w");
	fprintf(f, "# made by a test\n%sbroken line here\n\nCLIENT_RANDOM short\n", line);
	fclose(f);
	CU_ASSERT_EQUAL(keylog_load(back, path, &st), ERR_OK);
	CU_ASSERT_EQUAL(st.lines, 5);
	CU_ASSERT_EQUAL(st.entries, 1);
	CU_ASSERT_EQUAL(st.bad_lines, 2);
	CU_ASSERT_EQUAL(st.first_bad_line, 3);
	CU_ASSERT_PTR_NOT_NULL(keylog_find(back, cr));
	unlink(path);
	CU_ASSERT_EQUAL(keylog_load(back, path, &st), ERR_IO);
	keylog_free(kl);
	keylog_free(back);
}

/* A key log being written: appended lines are taken in, a line without
 * its newline waits for it, a file that does not exist yet is fine, and
 * one truncated and written again is read from the start. */
static void test_follow(void)
{
	keylog_t *kl = keylog_new();
	char path[] = "/tmp/tlstrace-follow-XXXXXX";
	const char *full = "CLIENT_RANDOM " CR_A " " MS_A "\n";
	uint8_t cr[32];
	unsigned long added;
	keylog_stats_t st;
	FILE *f;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	test_unhex(CR_A, cr, sizeof cr);
	CU_ASSERT_EQUAL(keylog_refresh(kl, &st, &added), ERR_UNSUPPORTED);   /* not following */
	CU_ASSERT_EQUAL(keylog_follow(kl, path, &st), ERR_OK);                /* empty */
	CU_ASSERT_EQUAL(st.lines, 0);
	f = fopen(path, "a");
	fputs("# SSL/TLS secrets log file\n", f);
	fwrite(full, 1, 40, f);                       /* half a line */
	fclose(f);
	CU_ASSERT_EQUAL(keylog_refresh(kl, &st, &added), ERR_OK);
	CU_ASSERT_EQUAL(added, 1);
	CU_ASSERT_PTR_NULL(keylog_find(kl, cr));
	f = fopen(path, "a");
	fputs(full + 40, f);                          /* the rest of it */
	fclose(f);
	CU_ASSERT_EQUAL(keylog_refresh(kl, &st, &added), ERR_OK);
	CU_ASSERT_EQUAL(added, 1);
	CU_ASSERT_EQUAL(st.bad_lines, 0);
	CU_ASSERT_PTR_NOT_NULL(keylog_find(kl, cr));
	CU_ASSERT_EQUAL(keylog_refresh(kl, &st, &added), ERR_OK);          /* nothing new */
	CU_ASSERT_EQUAL(added, 0);
	f = fopen(path, "w");                         /* truncated, a new log */
	fputs("SERVER_HANDSHAKE_TRAFFIC_SECRET " CR_A " " MS_A "\n", f);
	fclose(f);
	CU_ASSERT_EQUAL(keylog_refresh(kl, &st, &added), ERR_OK);
	CU_ASSERT_EQUAL(added, 1);
	CU_ASSERT_EQUAL(keylog_find(kl, cr)->len[KL_SERVER_HS], 48);
	unlink(path);
	CU_ASSERT_EQUAL(keylog_refresh(kl, &st, &added), ERR_OK);          /* gone: nothing new */
	CU_ASSERT_EQUAL(keylog_follow(kl, path, &st), ERR_OK);             /* not there yet */
	keylog_free(kl);
}

const test_suite_t test_keylog_suite = {
	"keylog", (const test_case_t[]){
		{ "parses lines and finds by client random", test_parses_and_finds },
		{ "malformed lines are errors, unknown labels are not", test_bad_lines },
		{ "a second different value is a conflict; the first stays", test_conflict_keeps_first },
		{ "20,000 entries all found", test_many_entries },
		{ "format a line, load a file with bad lines", test_format_and_load },
		{ "follow a key log as it is written", test_follow },
		{ NULL, NULL } }
};
