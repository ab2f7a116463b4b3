/* mapguard.h - a memory-mapped file that survives being cut while read.
 *
 * Reading a mapped file raises SIGBUS when another process truncates it
 * (tcpdump reusing a ring-buffer file, a capture replaced while read): a
 * page the reader reaches is no longer backed.  (A disk that fails under
 * a mapped page raises it too, and is handled the same way.)  While a mapping is
 * guarded, a SIGBUS inside it puts a page of zeros where the fault was
 * and sets the mapping's `cut` flag, and the reader goes on and sees the
 * flag at its next step.  A SIGBUS anywhere else goes to whatever handled
 * it before (the default: the process ends, as without the guard).  The
 * handler is installed while at least one mapping is guarded.
 * Private to src/capture. */
#ifndef TLSTRACE_MAPGUARD_H
#define TLSTRACE_MAPGUARD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* Guards [p, p + n); *cut is set on a fault there.  false when no more
 * mappings can be guarded or the handler cannot be installed: then the
 * caller must not read the file through this mapping. */
bool mapguard_add(const void *p, size_t n, atomic_bool *cut);
/* Before the mapping at p is unmapped. */
void mapguard_remove(const void *p);

#endif
