/* test_secfile.c - files that hold secrets (issue 14): created 0600,
 * appended to or refused as asked, never written through a symbolic link,
 * an existing file's permissions for others taken away. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testing.h"
#include "base/secfile.h"

static char sf_dir[64];

static void sf_path(char *out, size_t n, const char *name)
{
	if (!sf_dir[0]) {
		snprintf(sf_dir, sizeof sf_dir, "/tmp/tlstrace_secfile_XXXXXX");
		CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(sf_dir));
	}
	snprintf(out, n, "%s/%s", sf_dir, name);
}

static void sf_write(int fd, const char *s)
{
	CU_ASSERT_EQUAL((size_t)write(fd, s, strlen(s)), strlen(s));
	CU_ASSERT_EQUAL(close(fd), 0);
}

static off_t sf_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

static void test_secfile_modes(void)
{
	char p[128], why[256];
	struct stat st;
	int fd;

	sf_path(p, sizeof p, "keys");
	CU_ASSERT_EQUAL_FATAL(secfile_open(p, SECFILE_NEW, &fd, why, sizeof why), ERR_OK);
	sf_write(fd, "one\n");
	CU_ASSERT_EQUAL_FATAL(stat(p, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	/* NEW refuses what exists, and leaves it alone */
	CU_ASSERT_EQUAL(secfile_open(p, SECFILE_NEW, &fd, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "--force"));
	CU_ASSERT_EQUAL(sf_size(p), 4);
	/* APPEND adds; an existing file readable by others is made private */
	CU_ASSERT_EQUAL(chmod(p, 0644), 0);
	CU_ASSERT_EQUAL_FATAL(secfile_open(p, SECFILE_APPEND, &fd, why, sizeof why), ERR_OK);
	sf_write(fd, "two\n");
	CU_ASSERT_EQUAL(sf_size(p), 8);
	CU_ASSERT_EQUAL_FATAL(stat(p, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	/* REPLACE truncates */
	CU_ASSERT_EQUAL_FATAL(secfile_open(p, SECFILE_REPLACE, &fd, why, sizeof why), ERR_OK);
	sf_write(fd, "3\n");
	CU_ASSERT_EQUAL(sf_size(p), 2);
	unlink(p);
}

static void test_secfile_refusals(void)
{
	char p[128], target[128], why[256];
	int fd;

	sf_path(target, sizeof target, "target");
	sf_path(p, sizeof p, "link");
	CU_ASSERT_EQUAL_FATAL(symlink(target, p), 0);
	/* a dangling link: following it would create target */
	CU_ASSERT_NOT_EQUAL(secfile_open(p, SECFILE_APPEND, &fd, why, sizeof why), ERR_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "symbolic link"));
	CU_ASSERT_EQUAL(sf_size(target), -1);
	CU_ASSERT_NOT_EQUAL(secfile_open(p, SECFILE_REPLACE, &fd, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(sf_size(target), -1);
	/* a link to an existing file: not truncated through it */
	fd = open(target, O_WRONLY | O_CREAT, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	sf_write(fd, "keep");
	CU_ASSERT_NOT_EQUAL(secfile_open(p, SECFILE_REPLACE, &fd, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(sf_size(target), 4);
	unlink(p);
	unlink(target);
	/* a folder */
	CU_ASSERT_EQUAL(secfile_open(sf_dir, SECFILE_APPEND, &fd, why, sizeof why), ERR_BAD_VALUE);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "folder"));
	/* a device is written as it is (a pipe to Wireshark, /dev/null) */
	CU_ASSERT_EQUAL_FATAL(secfile_open("/dev/null", SECFILE_NEW, &fd, why, sizeof why), ERR_OK);
	CU_ASSERT_EQUAL(close(fd), 0);
	CU_ASSERT_EQUAL(rmdir(sf_dir), 0);
}

const test_suite_t test_secfile_suite = {
	"secfile", (const test_case_t[]){
		{ "created 0600, appended, refused, replaced", test_secfile_modes },
		{ "no symbolic link followed, no folder, devices as they are", test_secfile_refusals },
		{ NULL, NULL } }
};
