/* err.c - messages for err_t, one table indexed by the enum, and the
 * one formatter of error detail (err_why). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "err.h"

static const char *const err_messages[ERR__COUNT] = {
	[ERR_OK]          = "no error",
	[ERR_TRUNCATED]   = "data ends before the field it announces",
	[ERR_TRAILING]    = "bytes left over after the last field of a vector",
	[ERR_BAD_LENGTH]  = "a length that cannot be right",
	[ERR_BAD_VALUE]   = "a value the protocol does not allow",
	[ERR_UNSUPPORTED] = "not supported by this build",
	[ERR_NOMEM]       = "out of memory",
	[ERR_CRYPTO]      = "a cryptographic check failed",
	[ERR_NO_KEYS]     = "the keys needed are not known",
	[ERR_GNUTLS]      = "GnuTLS reported an error",
	[ERR_IO]          = "input/output error",
	[ERR_FORMAT]      = "not in the expected format",
};

const char *err_str(err_t e)
{
	if ((unsigned)e >= ERR__COUNT || !err_messages[e])
		return "unknown error";
	return err_messages[e];
}

__attribute__((format(printf, 4, 0)))
static void err_vwhy_at(char *why, size_t whylen, size_t at, const char *fmt, va_list ap)
{
	if (!why || at >= whylen)
		return;
	vsnprintf(why + at, whylen - at, fmt, ap);
}

void err_why(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vwhy_at(why, whylen, 0, fmt, ap);
	va_end(ap);
}

void err_why_append(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (!why || !whylen)
		return;
	va_start(ap, fmt);
	err_vwhy_at(why, whylen, strnlen(why, whylen - 1), fmt, ap);
	va_end(ap);
}

void err_vwhy(char *why, size_t whylen, const char *fmt, va_list ap)
{
	err_vwhy_at(why, whylen, 0, fmt, ap);
}
