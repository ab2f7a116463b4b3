/* starttls.h - finding a plaintext upgrade to TLS in the first bytes of a
 * TCP connection: SMTP (STARTTLS, RFC 3207), IMAP (tag STARTTLS, RFC 3501
 * 6.2.1), POP3 (STLS, RFC 2595 4), FTP (AUTH TLS / AUTH SSL, RFC 4217 4),
 * XMPP (<starttls/> then <proceed/>, RFC 6120 5.4) and LDAP (the StartTLS
 * extended operation, RFC 4511 4.14).
 *
 * The scanner is fed each direction's in-order bytes and says when the
 * client's upgrade command ends and when the server's positive reply
 * ends: TLS starts with the next byte of each direction.  It keeps only
 * the first bytes of the current line or message, scans at most
 * STARTTLS_SCAN_MAX bytes per direction, and gives up (STARTTLS_NOT) on
 * the first line that no known protocol would send.  It never allocates
 * and never looks at the TLS that follows.  Internal to src/capture. */
#ifndef TLSTRACE_CAPTURE_STARTTLS_H
#define TLSTRACE_CAPTURE_STARTTLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STARTTLS_SCAN_MAX (64u * 1024)
#define STARTTLS_LINE_MAX 128

typedef enum {
	STARTTLS_MORE,       /* nothing decided: feed more */
	STARTTLS_NOT,        /* not a protocol we know, or scanned too long: not TLS */
	STARTTLS_COMMAND,    /* the client's upgrade command ended (dir is the client) */
	STARTTLS_GO,         /* the server said yes: TLS follows in both directions */
	STARTTLS_REFUSED     /* the server said no: plaintext goes on */
} starttls_event_t;

typedef enum { STARTTLS_TEXT, STARTTLS_XML, STARTTLS_BER } starttls_framing_t;

typedef struct {
	uint8_t line[STARTTLS_LINE_MAX];  /* first bytes of the current line or message */
	uint32_t len;                     /* bytes of it seen (may exceed what line holds) */
	uint32_t need;                    /* BER: the whole message's length, once known */
	uint32_t scanned;
	bool server;                      /* known to be the server */
} starttls_dir_t;

typedef struct {
	starttls_framing_t framing;
	const char *proto;                /* "SMTP" ... once the command is seen, static */
	int client;                       /* direction that sent the command, -1 before */
	bool classified;                  /* the first line looked like a known protocol */
	bool roles;                       /* which side is the server is known */
	bool waiting;                     /* command sent, reply not yet seen */
	bool open_element;                /* XMPP: <starttls> or <proceed> not closed yet */
	uint8_t tag[32];                  /* IMAP: the STARTTLS command's tag */
	size_t taglen;
	starttls_dir_t dir[2];
} starttls_t;

/* Could a connection whose first byte is `first` be one of ours? */
bool starttls_candidate(uint8_t first);
/* first: the connection's first byte; initiator: the direction that sent
 * the SYN, or -1 when the capture did not see it. */
void starttls_init(starttls_t *st, uint8_t first, int initiator);
/* Scans bytes of direction dir; *used says how many were consumed, up to
 * and including the line that caused an event other than MORE. */
starttls_event_t starttls_feed(starttls_t *st, int dir, const uint8_t *p, size_t n, size_t *used);
/* Bytes of dir were lost: forget the partial line. */
void starttls_gap(starttls_t *st, int dir);

#endif
