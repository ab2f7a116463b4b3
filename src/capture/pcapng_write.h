/* pcapng_write.h - saving a live run as a pcapng capture that Wireshark
 * opens and decrypts by itself.
 *
 * The file is written block by block per draft-ietf-opsawg-pcapng (no
 * libpcap: it cannot write pcapng): a Section Header Block, one Ethernet
 * Interface Description Block with microsecond timestamps, Decryption
 * Secrets Blocks carrying the NSS key log, and Enhanced Packet Blocks.
 * The packets are synthesized: one TCP connection at a time (IPv4 or
 * IPv6, as its endpoints are), with a
 * handshake, segments of at most PCAPNGW_SEG_MAX payload bytes, a pure ACK
 * from the receiver after each flight, and a FIN exchange; checksums are
 * correct.
 *
 * Link type: Ethernet with zero MAC addresses rather than LINKTYPE_RAW.
 * Every reader handles DLT_EN10MB (Wireshark, tcpdump, tlstrace's own
 * capture reader), whereas raw IP is stored as 101 on disk but is DLT 12 or
 * 14 depending on the OS, and some tools mishandle it; 14 bytes a packet
 * is a small price.
 *
 * Timestamps: microseconds (if_tsresol 6).  The caller's times are doubles
 * of seconds since the epoch, which hold about 0.2 microsecond of
 * precision today; nanosecond ticks would pretend to more.
 *
 * What it must not do: print, exit, or know anything about TLS beyond
 * copying the key log text it is given. */
#ifndef TLSTRACE_PCAPNG_WRITE_H
#define TLSTRACE_PCAPNG_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "base/secfile.h"

/* Payload bytes per TCP segment: what Linux sends over a 1500-byte MTU
 * (20 IPv4 + 32 TCP with timestamps); the segments written here carry no
 * timestamps option, the familiar size is kept.  The SYNs announce an MSS
 * of 1460, so it is within bounds. */
#define PCAPNGW_SEG_MAX 1448
/* The receive window both sides advertise (no window scaling). */
#define PCAPNGW_WINDOW 65535
/* 127.0.0.1, in host order like every address in this API. */
#define PCAPNGW_LOCALHOST 0x7f000001u

typedef struct {
	uint32_t ip;             /* IPv4 address, host order: 127.0.0.1 is 0x7f000001 */
	uint16_t port;
	bool v6;                 /* an IPv6 endpoint: ip6 is its address, ip is not used */
	uint8_t ip6[16];         /* network order */
} pcapngw_endpoint_t;

/* An endpoint from an address in text, IPv4 ("127.0.0.1") or IPv6
 * ("::1", no brackets); false when ip is neither. */
bool pcapngw_endpoint_parse(const char *ip, uint16_t port, pcapngw_endpoint_t *out);

typedef struct pcapngw pcapngw_t;

/* Creates path (a secrets file: secfile.h; SECFILE_NEW refuses an
 * existing file, SECFILE_REPLACE is --force) and writes the section and
 * interface headers.  ERR_IO / ERR_BAD_VALUE when the file cannot or must
 * not be written, with *why saying so. */
err_t pcapngw_open(const char *path, secfile_mode_t mode, pcapngw_t **out, char *why, size_t whylen) WUR;

/* A Decryption Secrets Block of type TLS key log holding `text` (NSS key
 * log lines, "CLIENT_RANDOM <hex> <hex>\n" ...).  Wireshark applies it to
 * the packets that follow it only: call it before writing the connection
 * (collect the whole run first, the key log is complete only at its end).
 * n == 0 writes nothing.  ERR_BAD_LENGTH past 4 GiB. */
err_t pcapngw_secrets(pcapngw_t *w, const uint8_t *text, size_t n) WUR;

/* Starts a TCP connection: SYN, SYN-ACK, ACK, all at `time` (seconds since
 * the epoch).  ERR_BAD_VALUE when one is already open (close it first),
 * for equal endpoints, a zero port, or an IPv4 and an IPv6 endpoint.  Times must be >= 0; a time earlier
 * than the previous packet's is written as that packet's, so the file
 * never runs backwards. */
err_t pcapngw_tcp_open(pcapngw_t *w, pcapngw_endpoint_t client, pcapngw_endpoint_t server,
		       double time) WUR;

/* One flight of bytes from sender (0 client, 1 server): segments of at
 * most PCAPNGW_SEG_MAX bytes, PSH on the last, then a pure ACK from the
 * receiver (and earlier ones should the flight outgrow the window).
 * n == 0 writes nothing.  ERR_BAD_VALUE without an open connection or for
 * a sender other than 0 or 1. */
err_t pcapngw_tcp_data(pcapngw_t *w, int sender, const uint8_t *p, size_t n, double time) WUR;

/* Ends the connection: client FIN, server FIN, client ACK.  Another
 * connection may then be opened.  ERR_BAD_VALUE when none is open. */
err_t pcapngw_tcp_close(pcapngw_t *w, double time) WUR;

/* Flushes and closes the file and frees w (always, even on error: w is
 * not used again, so nothing can be written after it).  A write the disk
 * refused or memory that ran out makes every later call fail with the
 * same error (ERR_IO or ERR_NOMEM), and close returns it once more, with
 * *why naming the file and the cause (errno is set for ERR_IO).  Writes
 * are buffered: a full disk may show only here.  The file is left as it
 * is on failure.  NULL is ERR_OK. */
err_t pcapngw_close(pcapngw_t *w, char *why, size_t whylen) WUR;

#endif
