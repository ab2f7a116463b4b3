/* secfile.h - opening a file that will hold secrets (a key log, a capture
 * with the key log embedded) the careful way: created with mode 0600, never
 * through a symbolic link planted at the path, and never truncated by
 * surprise.  A key log is appended to (NSS key logs are meant to grow, as
 * SSLKEYLOGFILE does); a capture is refused when it exists unless the user
 * said --force.  An existing file keeps its owner, but loses any group or
 * other permission bits: it is about to hold secrets.  Devices and FIFOs
 * (a pipe to Wireshark) are opened as they are.  This module never prints;
 * it explains refusals through `why`. */
#ifndef TLSTRACE_SECFILE_H
#define TLSTRACE_SECFILE_H

#include <stddef.h>
#include "base/err.h"

typedef enum {
	SECFILE_NEW,       /* refuse an existing regular file */
	SECFILE_APPEND,    /* add to an existing regular file */
	SECFILE_REPLACE,   /* truncate an existing regular file (--force) */
} secfile_mode_t;

/* A file descriptor open for writing, or ERR_IO / ERR_BAD_VALUE with a
 * sentence in why (the path, and what to do about it). */
err_t secfile_open(const char *path, secfile_mode_t mode, int *fd, char *why, size_t whylen) WUR;

#endif
