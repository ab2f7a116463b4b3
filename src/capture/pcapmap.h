/* pcapmap.h - a classic pcap file read in place, through a memory map,
 * for the one case that dominates large captures: a plain file on disk in
 * this machine's byte order, version 2.4.
 *
 * libpcap copies every packet twice on the way in (the kernel into its
 * stdio buffer, then into its packet buffer), and a read-ahead thread
 * copied it once more.  Mapped, the decoder reads the page cache itself.
 * Only well-formed records are walked here: at the first record that is
 * not (a header or packet cut short, a length beyond the snapshot length)
 * pcapmap_next stops and says where, and libpcap reads the rest of the
 * file from that offset, so that its checks and its words stay the only
 * ones.  Only a few megabytes of the file are resident at a time, so the
 * memory used stays small whatever the file's size.
 * Private to src/capture. */
#ifndef TLSTRACE_PCAPMAP_H
#define TLSTRACE_PCAPMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "prefetch.h"

typedef struct pcapmap pcapmap_t;

/* A reader of fd (borrowed) when the file is a classic pcap file this
 * reader can walk (native byte order, version 2.4, micro- or nanosecond
 * magic); NULL otherwise, or when memory ran out: libpcap reads it.
 * snapshot: libpcap's pcap_snapshot() for the file. */
pcapmap_t *pcapmap_open(int fd, int snapshot);
/* The next packet; data is valid until the next call.  false at the end
 * of the file or at a record libpcap must judge (pcapmap_resume). */
bool pcapmap_next(pcapmap_t *pm, prefetch_pkt_t *out);
/* After pcapmap_next returned false: the file offset of the first record
 * not read, or -1 when the file ended cleanly after a whole record. */
off_t pcapmap_resume(const pcapmap_t *pm);
/* After pcapmap_next returned false: the file was made shorter while it
 * was read (mapguard.h).  The last packet may hold zeros where its bytes
 * were cut; what came before was read as it was. */
bool pcapmap_cut(pcapmap_t *pm);
void pcapmap_free(pcapmap_t *pm);

#endif
