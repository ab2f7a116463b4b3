/* mapfile.h - a capture file as a stdio stream read from a mapping.
 *
 * libpcap reads offline captures through a FILE, a record header and then
 * a packet at a time.  An ordinary FILE makes a system call, and the
 * kernel a copy, for every 4 KiB.  This stream maps the file a window at a
 * time and fills stdio's buffer from the mapping: no system calls while
 * reading.  Only a window (MAPFILE_WINDOW) is mapped at once, so memory
 * stays small whatever the file's size.  Private to src/capture. */
#ifndef TLSTRACE_MAPFILE_H
#define TLSTRACE_MAPFILE_H

#include <stdbool.h>
#include <stdio.h>

/* A read-only stream over the regular file at path; NULL (errno set) when
 * it cannot be opened, or is not a regular file that can be mapped (the
 * caller then opens it the ordinary way).  fclose unmaps and closes. */
FILE *mapfile_open(const char *path);

#endif
