/* cli.h - what every command of the command line shares: how a usage error
 * is reported.  Command-line code only (it prints); never the library. */
#ifndef TLSTRACE_CLI_H
#define TLSTRACE_CLI_H

#include <stdbool.h>
#include "live/live.h"
#include "ui/ui.h"

enum { CLI_EXIT_USAGE = 2 };

typedef enum { VIEW_AUTO, VIEW_TEXT, VIEW_JSON, VIEW_SUMMARY } view_t;

typedef enum { CMD_LIVE, CMD_READ } command_t;

typedef struct {
	command_t cmd;
	live_cfg_t live;
	view_t view;
	const char *keylog_path;
	const char *cipher;
	bool kx_given, tls_given;
	const char *write_pcap;      /* live: export the run as pcapng */
	const char *capture_path;    /* read */
	const char *rsa_key_path;    /* read */
	const char *filter;          /* read */
	long connection;             /* read: -1 = all */
	unsigned json_flags;         /* JSON_FIELDS with --fields */
	ui_opts_t ui;                /* the interactive interface */
} cli_opts_t;

/* The usage text main.c prints (commands share it in their errors). */
extern const char cli_usage_text[];

/* The commands; each returns the exit status. */
int cmd_live(const cli_opts_t *o);
int cmd_live_ui(const cli_opts_t *o);
int cmd_scenarios(void);
int cmd_read(const cli_opts_t *o);
int cmd_read_ui(const cli_opts_t *o);

/* "tlstrace: <message>", then the usage, on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
