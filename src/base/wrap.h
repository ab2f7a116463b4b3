/* wrap.h - UTF-8 text measured and wrapped by display width, the one way
 * tlstrace breaks lines: the lesson text writer and the interface both
 * walk the same line spans, so Japanese breaks at the same places in
 * `tlstrace lesson NAME --text` and on screen.  Widths come from wcwidth
 * (a CJK character takes two columns); lines break at spaces in Latin
 * text and between characters in CJK text, with one kinsoku table (no
 * line starts with 、。」 or a small kana, none ends with 「); a word
 * longer than the line is cut.  A UTF-8 sequence is never split, in any
 * locale.  It only measures: it never allocates, prints or exits. */
#ifndef TLSTRACE_BASE_WRAP_H
#define TLSTRACE_BASE_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The code point wrap_char gives a byte that starts no valid sequence. */
#define WRAP_BAD 0xfffd

/* One character of a UTF-8 string. */
typedef struct {
	uint32_t cp;      /* code point; WRAP_BAD for a malformed byte */
	unsigned len;     /* bytes it takes: 1-4 (1 for a malformed byte) */
	unsigned width;   /* display columns: 0 (combining), 1 or 2; 1 when not printable */
	bool printable;   /* false for control characters and malformed bytes */
} wrap_char_t;

/* The character at s (n >= 1 bytes available).  Overlong forms,
 * surrogates and truncated sequences are malformed: one byte each. */
wrap_char_t wrap_char(const char *s, size_t n);
/* Display width of n bytes of UTF-8. */
unsigned wrap_width(const char *s, size_t n);

/* One line of a wrapped text. */
typedef struct {
	size_t off;       /* its first byte in the text */
	size_t len;       /* its bytes, spaces at either end left out */
	unsigned width;   /* its display columns, at most the width asked unless one character is wider */
} wrap_line_t;

/* An iterator over the lines of a text.  A '\n' ends a line, and each
 * further '\n' gives an empty one (a final '\n' adds none). */
typedef struct {
	const char *s;    /* the text, not owned */
	size_t n;         /* its length in bytes */
	unsigned width;   /* columns per line (0 counts as 1); may change between lines */
	size_t pos;       /* where the next line starts */
} wrap_t;

wrap_t wrap_start(const char *s, size_t n, unsigned width);
/* The next line into *line; false when the text is done. */
bool wrap_next(wrap_t *w, wrap_line_t *line);

/* What may stand where in a line (the kinsoku table of wrap.c). */
bool wrap_no_line_start(uint32_t cp);   /* 、。」) small kana ー ... */
bool wrap_no_line_end(uint32_t cp);     /* 「（( ... */

/* For main() and the test runner: LC_CTYPE from the environment, or
 * C.UTF-8 when that is not UTF-8 (the interface needs a UTF-8 locale to
 * draw Japanese).  True when LC_CTYPE is UTF-8 afterwards. */
bool wrap_locale_init(void);
/* True when the global LC_CTYPE is UTF-8 (the screen can show any character). */
bool wrap_locale_utf8(void);

#endif
