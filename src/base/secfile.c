/* secfile.c - files that hold secrets, opened without surprises (see
 * secfile.h).  O_NOFOLLOW refuses a symbolic link as the last component
 * (open(2): ELOOP), O_EXCL makes creation atomic, so a link or file
 * planted between our look and our open is refused, never followed or
 * truncated. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/secfile.h"

err_t secfile_open(const char *path, secfile_mode_t mode, int *fd, char *why, size_t whylen)
{
	int flags = O_WRONLY | O_CLOEXEC | O_NOFOLLOW;
	struct stat st;
	bool exists = lstat(path, &st) == 0;

	*fd = -1;
	if (exists && S_ISLNK(st.st_mode)) {
		err_why(why, whylen, "%s is a symbolic link: tlstrace does not write secrets through one "
			"(name the file it points to)", path);
		return ERR_BAD_VALUE;
	}
	if (exists && S_ISDIR(st.st_mode)) {
		err_why(why, whylen, "%s is a folder, not a file", path);
		return ERR_BAD_VALUE;
	}
	if (exists && S_ISREG(st.st_mode)) {
		if (mode == SECFILE_NEW) {
			err_why(why, whylen, "%s already exists: tlstrace does not overwrite it (remove it, "
				"choose another name, or add --force to replace it)", path);
			return ERR_BAD_VALUE;
		}
		flags |= mode == SECFILE_APPEND ? O_APPEND : O_TRUNC;
	} else if (!exists) {
		flags |= O_CREAT | O_EXCL;
	}
	*fd = open(path, flags, 0600);
	if (*fd < 0) {
		int e = errno;
		if (e == EEXIST)
			err_why(why, whylen, "%s appeared while it was being created: refusing to write into it", path);
		else if (e == ELOOP)
			err_why(why, whylen, "%s is a symbolic link: tlstrace does not write secrets through one", path);
		else
			err_why(why, whylen, "cannot write %s: %s", path, strerror(e));
		return ERR_IO;
	}
	/* secrets: only the owner may read them, even in a file that existed */
	if (fstat(*fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077))
		(void)fchmod(*fd, st.st_mode & 0700);
	return ERR_OK;
}
