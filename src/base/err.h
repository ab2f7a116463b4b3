/* err.h - the engine's error codes, their messages, and the TRY/ENSURE macros.
 *
 * Every function that can fail returns err_t (ERR_OK == 0) and is marked
 * WUR so a caller cannot drop a failure by accident.  The library never
 * prints or exits: main.c turns these into one-line messages. */
#ifndef TLSTRACE_ERR_H
#define TLSTRACE_ERR_H

#include <stdarg.h>
#include <stddef.h>

#define WUR __attribute__((warn_unused_result))

typedef enum {
	ERR_OK = 0,
	ERR_TRUNCATED,     /* fewer bytes than a length or a fixed field needs */
	ERR_TRAILING,      /* a vector closed with bytes left over */
	ERR_BAD_LENGTH,    /* a length that is impossible (zero where forbidden, odd, too big) */
	ERR_BAD_VALUE,     /* a field holds a value the RFC forbids */
	ERR_UNSUPPORTED,   /* well formed, but not something this build can handle */
	ERR_NOMEM,
	ERR_CRYPTO,        /* a cipher, MAC or tag check failed */
	ERR_NO_KEYS,       /* a secret needed for this step is not known */
	ERR_GNUTLS,        /* GnuTLS returned an error (see the caller's detail) */
	ERR_IO,            /* reading or writing a file failed (errno is set) */
	ERR_FORMAT,        /* a file is not in the expected format */
	ERR__COUNT
} err_t;

/* A short English sentence for an error code; never NULL. */
const char *err_str(err_t e);

/* The detail of a failure, for the caller's why[whylen] buffer: printf-
 * formatted, cut to fit, always terminated.  A NULL why or a zero whylen
 * is fine (the caller did not ask); err_why_append adds to what is
 * already there.  This is the one way functions return error detail. */
void err_why(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void err_why_append(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* err_why for a function that takes its own arguments (va_start done). */
void err_vwhy(char *why, size_t whylen, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

#define TRY(expr) do { err_t try_e_ = (expr); if (try_e_ != ERR_OK) return try_e_; } while (0)
#define ENSURE(cond, e) do { if (!(cond)) return (e); } while (0)

#endif
