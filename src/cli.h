/* cli.h - the command line as a table, after tmux's cmd_table: each
 * command is a row (cli_cmd_t) with its name, its operand, a one-line
 * summary, its options (cli_opt_t: name, argument, help line, handler) and
 * its run function; the usage, `tlstrace --help`, `tlstrace COMMAND
 * --help` and every usage error are generated from the rows.  A new
 * command is a new row (in its cmd_*.c) listed in main.c's table.
 * Command-line code only (it prints); never the library. */
#ifndef TLSTRACE_CLI_H
#define TLSTRACE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include "base/err.h"
#include "capture/pcapng_write.h"
#include "crypto/rsakey.h"
#include "lesson/lesson.h"
#include "live/live.h"
#include "out/html.h"
#include "source/source.h"
#include "source/source_connect.h"
#include "ui/ui.h"

enum { CLI_EXIT_USAGE = 2 };

/* VIEW_NONE: nothing on standard output (--html alone writes only its page). */
typedef enum { VIEW_AUTO, VIEW_TEXT, VIEW_JSON, VIEW_SUMMARY, VIEW_NONE } view_t;

/* Everything the options of every command set; each command reads its own. */
typedef struct {
	live_cfg_t live;             /* live: --tls, --kx, --cipher, ... through live_cfg_set */
	view_t view;                 /* live, read: --text, --json, --summary */
	const char *keylog_path;     /* live: written; read: read */
	bool force;                  /* --force: --write-pcap replaces an existing file */
	const char *write_pcap;      /* live: export the run as pcapng */
	const char *capture_path;    /* read: its operand; lesson: --capture */
	const char *html_path;       /* live, read, lesson: --html, the page of one handshake */
	const char *rsa_key_path;    /* read */
	const char *ca_path;         /* read: --ca, a CA bundle to check the chains against */
	const char *filter;          /* read, sniff */
	long connection;             /* read, lesson --capture: -1 = all */
	double idle_timeout;         /* read: analyze_opts_t's; 0 = the default */
	size_t max_memory;           /* read: analyze_opts_t's; 0 = the default */
	unsigned json_flags;         /* JSON_FIELDS with --fields */
	bool stats;                  /* read: --stats, one report instead of a line per handshake */
	const char *only_sni;        /* read: --sni GLOB (fnmatch) */
	int only_outcome;            /* read: --outcome: outcome_t + 1; 0 = any */
	unsigned only_version;       /* read: --version: the version's number; 0 = any */
	const char *only_ja4;        /* read: --ja4 VALUE */
	ui_opts_t ui;                /* the interactive interface */
	const char *lesson_name;     /* lesson: its operand */
	lesson_lang_t lang;          /* lesson, lessons: --lang, else from the environment */
	bool lesson_text;            /* lesson: --text */
	bool answers;                /* lesson: --answers */
	const char *iface;           /* sniff: -i */
	unsigned long count;         /* sniff: --count, 0 = until stopped */
	const char *compare_a, *compare_b;   /* compare: its two operands, each one side */
	unsigned compare_width;      /* compare --width: columns of the text view; 0 = 100 */
	struct {
		source_connect_cfg_t cfg;   /* connect: its operand and options */
		const char *starttls;       /* connect: --starttls, resolved by the row's check */
	} connect;
} cli_opts_t;

typedef struct cli_opt cli_opt_t;

/* Applies one option to o (value: its argument, NULL for a switch);
 * ERR_BAD_VALUE with why for a value it does not take. */
typedef err_t (*cli_set_fn)(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen);

struct cli_opt {
	const char *name;            /* "--keylog"; NULL ends a command's list */
	const char *arg;             /* its argument in the usage ("FILE"); NULL: a switch */
	const char *help;            /* what it does; '\n' starts a continuation line */
	cli_set_fn set;              /* the handler: one of the setters below, or its own */
	size_t field;                /* cli_set_flag / cli_set_string: offsetof(cli_opts_t, ...) */
	const char *key;             /* cli_set_live: the live_cfg_set key */
	int value;                   /* cli_set_view: the view_t it chooses */
	int group;                   /* nonzero: options of one group exclude each other and are
	                                shown together in the usage, [--text|--json|--summary] */
};

/* The field setters: a bool set to true, a string kept (borrowed from
 * argv), a live setting handed to live_cfg_set(&o->live, opt->key, ...),
 * the view opt->value. */
err_t cli_set_flag(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;
err_t cli_set_string(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;
err_t cli_set_live(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;
err_t cli_set_view(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;

/* Rows of options more than one command has (their help is the same). */
#define CLI_OPT_TEXT(help_) { "--text", NULL, help_, cli_set_view, .value = VIEW_TEXT, .group = 1 }
#define CLI_OPTS_VIEWS \
	{ "--json", NULL, "one JSON line per handshake; every key is described\nin docs/json.md (installed in share/doc/tlstrace)", cli_set_view, \
	  .value = VIEW_JSON, .group = 1 }, \
	{ "--summary", NULL, "one line per handshake: endpoints, version, suite, key\n" \
	  "exchange, Finished verdicts, outcome and why it failed", cli_set_view, .value = VIEW_SUMMARY, \
	  .group = 1 }, \
	{ "--fields", NULL, "with --json: every message's whole decoded field tree", .set = cli_set_fields }
#define CLI_OPT_HTML(help_) { "--html", "FILE", help_, cli_set_string, .field = offsetof(cli_opts_t, html_path) }
#define CLI_OPTS_UI \
	{ "--no-color", NULL, "the interface without colours (NO_COLOR does it too)", \
	  cli_set_flag, .field = offsetof(cli_opts_t, ui.no_color) }, \
	{ "--autoplay", "SECONDS", "the interface steps on by itself every SECONDS",\
	  .set = cli_set_autoplay }
err_t cli_set_fields(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;
err_t cli_set_autoplay(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;

typedef struct {
	const char *name;            /* "read" */
	const char *operand;         /* the one operand it requires, as the usage shows it
	                                ("CAPTURE"); NULL: it takes none */
	const char *operand_what;    /* the operand in words: "capture file" */
	const char *operand_hint;    /* where to find one ("tlstrace lessons lists them"), or NULL */
	size_t operand_field;        /* offsetof(cli_opts_t, the const char * it goes to) */
	size_t operand2_field;       /* nonzero: a second operand it requires (compare A B), its
	                                offsetof; operand then names both ("A B") */
	const char *summary;         /* one line, for the command list and its --help */
	const char *more;            /* a paragraph after its options in --help, or NULL */
	const cli_opt_t *opts;       /* its options, ended by a row with a NULL name */
	/* After the last option: the options together (0, or ERR_BAD_VALUE with why). */
	err_t (*check)(cli_opts_t *o, char *why, size_t whylen);
	int (*run)(cli_opts_t *o);   /* returns the exit status */
} cli_cmd_t;

/* The program: its commands, the first of which runs when none is named
 * (`tlstrace` alone, `tlstrace --tls 1.3`). */
typedef struct {
	const char *intro;           /* the paragraph after the usage in --help */
	const cli_cmd_t *const *cmds;
	size_t ncmds;
	int (*version)(void);        /* --version */
} cli_prog_t;

/* Parses argv against the table, runs the command, returns the exit status. */
int cli_main(const cli_prog_t *prog, int argc, char **argv);

/* "tlstrace: <message>", then the usage of cmd (NULL: of every command)
 * and where to read more, on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_cmd_t *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The usage of the command being run, for usage errors its run function
 * finds (cli_main sets it before calling run). */
extern const char *cli_usage_text;

/* The rows, one per command, each in its cmd_*.c. */
extern const cli_cmd_t cmd_live_row, cmd_read_row, cmd_scenarios_row, cmd_lessons_row, cmd_lesson_row,
	cmd_connect_row, cmd_sniff_row, cmd_compare_row;

/* cmd_read.c's, shared with `lesson --capture` and the HTML page: the
 * key log, the RSA key and the --ca bundle loaded, then o->capture_path
 * as a source (lean: facts only), 0 or the exit status with the message
 * printed; cmd_read_close frees all of it, whatever open returned; and
 * --connection's setter. */
int cmd_read_open(const cli_opts_t *o, bool lean, keylog_t **kl, rsakey_t **rsa, source_t **src);
void cmd_read_close(source_t *src, rsakey_t *rsa, keylog_t *kl);
err_t cmd_read_set_connection(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen) WUR;

/* cli_html.c: --html.  cli_html_open opens the page's file before the
 * handshake runs (secfile: new, or replaced with force), cli_html_write
 * writes h's page and closes it; cli_capture_pick starts a capture
 * source (its warning said) and finds its one handshake (refusing a capture of several
 * without --connection); cmd_read_html is `read --html`.  Each returns 0
 * or the exit status with the message printed. */
int cli_html_open(const char *path, bool force, int *fd);
int cli_html_write(int fd, const char *path, const conn_t *c, const handshake_t *h, const html_opts_t *ho);
int cli_capture_pick(source_t *src, const cli_opts_t *o, const conn_t **c, const handshake_t **h);
html_lang_t cli_html_lang(lesson_lang_t lang);
int cmd_read_html(const cli_opts_t *o);

/* The commands' bodies; each returns the exit status. */
int cmd_live(const cli_opts_t *o);
int cmd_live_ui(const cli_opts_t *o);
int cmd_scenarios(void);
int cmd_read(const cli_opts_t *o);
int cmd_read_ui(const cli_opts_t *o);
/* A terminal gets the interface (ui) unless a view was asked for; a pipe
 * or a file the text view, through views. */
int cli_view_or_ui(cli_opts_t *o, int (*ui)(const cli_opts_t *o), int (*views)(const cli_opts_t *o));

/* The files a run writes secrets to, opened before it runs (a refusal -
 * an existing capture without --force, a symbolic link - costs no
 * handshake), filled after.  Key logs are appended to, as SSLKEYLOGFILE
 * is; captures are new unless --force. */
typedef struct {
	int keylog_fd;           /* -1: none */
	pcapngw_t *pcap;         /* NULL: none */
} cli_files_t;
/* Opens --keylog (appended to) and --write-pcap (new, or replaced with
 * --force) before anything runs; 0, or 1 with the message printed. */
int cli_files_open(const cli_opts_t *o, cli_files_t *f);
/* Writes the key log text to the file cli_files_open opened, and closes
 * it; 0, or 1 with the message printed. */
int cli_files_keylog(cli_files_t *f, const char *path, const buf_t *text);

#endif
