/* cli.c - usage errors, one format for every command (see cli.h). */
#include <stdarg.h>
#include <stdio.h>
#include "cli.h"

int cli_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tlstrace: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return CLI_EXIT_USAGE;
}
