/* cli.h - what every command of the command line shares: how a usage error
 * is reported.  Command-line code only (it prints); never the library. */
#ifndef TLSTRACE_CLI_H
#define TLSTRACE_CLI_H

enum { CLI_EXIT_USAGE = 2 };

/* "tlstrace: <message>", then the usage, on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
