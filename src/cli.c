/* cli.c - the machinery of the command table (cli.h): finds the command,
 * applies its options through their handlers, and generates the usage,
 * the help and the usage errors from the rows, so that none of them is
 * written by hand.  Knows no command: the rows live in cmd_*.c, the list
 * in main.c.  Command-line code: it prints. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "base/secfile.h"
#include "cli.h"
#include "live/cfg.h"
#include "out/json.h"

enum { CLI_WIDTH = 79, CLI_HELP_COL = 25 };

static const cli_prog_t *cli_prog;
static char cli_usage_buf[2048];
const char *cli_usage_text = "";

/* ---- setters ---- */

err_t cli_set_flag(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	(void)value, (void)why, (void)whylen;
	*(bool *)(void *)((char *)o + opt->field) = true;
	return ERR_OK;
}

err_t cli_set_string(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	(void)why, (void)whylen;
	*(const char **)(void *)((char *)o + opt->field) = value;
	return ERR_OK;
}

err_t cli_set_live(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	return live_cfg_set(&o->live, opt->key, value, why, whylen);
}

err_t cli_set_view(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	(void)value, (void)why, (void)whylen;
	o->view = (view_t)opt->value;
	return ERR_OK;
}

err_t cli_set_fields(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	(void)opt, (void)value, (void)why, (void)whylen;
	o->json_flags |= JSON_FIELDS;
	return ERR_OK;
}

err_t cli_set_autoplay(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	char *end;

	errno = 0;
	o->ui.autoplay = strtod(value, &end);
	if (errno || *end || end == value || !(o->ui.autoplay > 0 && o->ui.autoplay <= 3600)) {
		snprintf(why, whylen, "%s takes a number of seconds (0.5, 3, ...), not '%s'", opt->name, value);
		return ERR_BAD_VALUE;
	}
	return ERR_OK;
}

/* ---- generated text ---- */

static const cli_cmd_t *cli_default(void)
{
	return cli_prog->cmds[0];
}

/* Words of a usage, wrapped under the first word after "tlstrace". */
typedef struct {
	FILE *f;
	size_t col;
	size_t indent;
} cli_wrap_t;

static void cli_word(cli_wrap_t *w, const char *word, size_t n)
{
	if (w->col > w->indent && w->col + 1 + n > CLI_WIDTH) {
		fprintf(w->f, "\n%*s", (int)w->indent, "");
		w->col = w->indent;
	} else if (w->col > w->indent) {
		fputc(' ', w->f);
		w->col++;
	}
	fwrite(word, 1, n, w->f);
	w->col += n;
}

/* One command's usage line(s): lead is "usage: " or as many spaces. */
static void cli_put_usage(FILE *f, const cli_cmd_t *cmd, const char *lead)
{
	cli_wrap_t w = { f, 0, 0 };
	char word[160];
	const cli_opt_t *op;

	w.col = w.indent = (size_t)fprintf(f, "%stlstrace ", lead);
	snprintf(word, sizeof word, cmd == cli_default() ? "[%s]" : "%s", cmd->name);
	cli_word(&w, word, strlen(word));
	if (cmd->operand)
		cli_word(&w, cmd->operand, strlen(cmd->operand));
	for (op = cmd->opts; op && op->name; op++) {
		int n;
		if (op->group && op != cmd->opts && op[-1].group == op->group)
			continue;   /* written with the first of its group */
		n = snprintf(word, sizeof word, "[%s%s%s", op->name, op->arg ? " " : "", op->arg ? op->arg : "");
		for (const cli_opt_t *g = op + 1; op->group && g->name && g->group == op->group; g++)
			if (n > 0 && (size_t)n < sizeof word)
				n += snprintf(word + n, sizeof word - (size_t)n, "|%s", g->name);
		if (n > 0 && (size_t)n < sizeof word)
			snprintf(word + n, sizeof word - (size_t)n, "]");
		cli_word(&w, word, strlen(word));
	}
	fputc('\n', f);
}

/* text from column col (the cursor is at column at), each '\n' of it
 * starting a line indented to col. */
static void cli_put_indented(FILE *f, const char *text, int col, int at)
{
	const char *nl;

	if (at + 2 > col) {
		fputc('\n', f);
		at = 0;
	}
	for (;;) {
		nl = strchr(text, '\n');
		fprintf(f, "%*s%.*s\n", col - at, "", (int)(nl ? (size_t)(nl - text) : strlen(text)), text);
		if (!nl)
			break;
		text = nl + 1;
		at = 0;
	}
}

/* "  --tls 1.0|1.1|1.2|1.3  the protocol version ..." */
static void cli_put_options(FILE *f, const cli_cmd_t *cmd)
{
	const cli_opt_t *op;

	for (op = cmd->opts; op && op->name; op++) {
		int n = fprintf(f, "  %s%s%s", op->name, op->arg ? " " : "", op->arg ? op->arg : "");
		cli_put_indented(f, op->help, CLI_HELP_COL, n);
	}
}

static void cli_put_more(FILE *f, const cli_cmd_t *cmd)
{
	fprintf(f, "tlstrace %s --help for more\n", cmd->name);
}

static void cli_put_all_usages(FILE *f)
{
	size_t i;

	for (i = 0; i < cli_prog->ncmds; i++)
		cli_put_usage(f, cli_prog->cmds[i], i == 0 ? "usage: " : "       ");
	fprintf(f, "       tlstrace --help | --version | COMMAND --help\n");
}

static int cli_help(void)
{
	size_t i, w = 0;

	cli_put_all_usages(stdout);
	printf("\n%s\nCommands:\n", cli_prog->intro);
	for (i = 0; i < cli_prog->ncmds; i++) {
		const cli_cmd_t *c = cli_prog->cmds[i];
		size_t n = strlen(c->name) + (c->operand ? 1 + strlen(c->operand) : 0);
		w = n > w ? n : w;
	}
	for (i = 0; i < cli_prog->ncmds; i++) {
		const cli_cmd_t *c = cli_prog->cmds[i];
		char line[256];
		int n = printf("  %s%s%s", c->name, c->operand ? " " : "", c->operand ? c->operand : "");
		snprintf(line, sizeof line, "%s%s", c->summary, c == cli_default() ? " (the default)" : "");
		cli_put_indented(stdout, line, (int)w + 4, n);
	}
	for (i = 0; i < cli_prog->ncmds; i++) {
		const cli_cmd_t *c = cli_prog->cmds[i];
		if (!c->opts || !c->opts->name)
			continue;
		printf("\nOptions for %s:\n", c->name);
		cli_put_options(stdout, c);
		if (c->more)
			printf("\n%s", c->more);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

static int cli_cmd_help(const cli_cmd_t *cmd)
{
	cli_put_usage(stdout, cmd, "usage: ");
	printf("\n%s%s\n", cmd->summary, cmd == cli_default() ? " (the default command:\n"
	       "tlstrace alone, or options without a command, run it)" : "");
	if (cmd->opts && cmd->opts->name) {
		printf("\nOptions:\n");
		cli_put_options(stdout, cmd);
	}
	if (cmd->more)
		printf("\n%s", cmd->more);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

int cli_usage_error(const cli_cmd_t *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tlstrace: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	if (cmd) {
		cli_put_usage(stderr, cmd, "usage: ");
		cli_put_more(stderr, cmd);
	} else {
		cli_put_all_usages(stderr);
		fprintf(stderr, "tlstrace --help for more\n");
	}
	return CLI_EXIT_USAGE;
}

/* ---- parsing ---- */

static const cli_cmd_t *cli_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < cli_prog->ncmds; i++)
		if (strcmp(cli_prog->cmds[i]->name, name) == 0)
			return cli_prog->cmds[i];
	return NULL;
}

static const cli_opt_t *cli_find_opt(const cli_cmd_t *cmd, const char *name)
{
	const cli_opt_t *op;

	for (op = cmd->opts; op && op->name; op++)
		if (strcmp(op->name, name) == 0)
			return op;
	return NULL;
}

static bool cli_is_help(const char *a)
{
	return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* An option this command does not have: another command's, or nobody's. */
static int cli_unknown(const cli_cmd_t *cmd, const char *a)
{
	const cli_cmd_t *own[8];
	char owners[160] = "";
	size_t i, len = 0, n = 0;

	for (i = 0; i < cli_prog->ncmds && n < sizeof own / sizeof own[0]; i++)
		if (cli_prog->cmds[i] != cmd && cli_find_opt(cli_prog->cmds[i], a))
			own[n++] = cli_prog->cmds[i];
	for (i = 0; i < n && len < sizeof owners; i++) {
		int k = snprintf(owners + len, sizeof owners - len, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ",
				 own[i]->name);
		len += k > 0 ? (size_t)k : 0;
	}
	if (n)
		return cli_usage_error(cmd, "%s is an option of %s, not of %s", a, owners, cmd->name);
	return cli_usage_error(cmd, "unknown option '%s' for %s", a, cmd->name);
}

/* --help among the options (not as an option's value, nor after --). */
static bool cli_wants_help(const cli_cmd_t *cmd, int argc, char **argv, int i)
{
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const cli_opt_t *op = cli_find_opt(cmd, argv[i]);
		if (cli_is_help(argv[i]))
			return true;
		if (op && op->arg)
			i++;
	}
	return false;
}

static int cli_parse(const cli_cmd_t *cmd, int argc, char **argv, int i, cli_opts_t *o)
{
	const char **operand = cmd->operand ? (const char **)(void *)((char *)o + cmd->operand_field) : NULL;
	bool only_operands = false;
	char why[320];

	for (; i < argc; i++) {
		const char *a = argv[i];
		const cli_opt_t *op;

		if (!only_operands && strcmp(a, "--") == 0) {
			only_operands = true;
			continue;
		}
		if (only_operands || a[0] != '-' || a[1] == '\0') {
			if (!operand)
				return cli_usage_error(cmd, "%s takes no argument, not '%s'", cmd->name, a);
			if (*operand && cmd->operand2_field) {
				const char **second = (const char **)(void *)((char *)o + cmd->operand2_field);
				if (!*second) {
					*second = a;
					continue;
				}
			}
			if (*operand)
				return cli_usage_error(cmd, "%s takes %s %s, not also '%s'", cmd->name,
						       cmd->operand2_field ? "two" : "one", cmd->operand_what, a);
			*operand = a;
			continue;
		}
		if (!(op = cli_find_opt(cmd, a)))
			return cli_unknown(cmd, a);
		if (op->arg && i + 1 >= argc)
			return cli_usage_error(cmd, "%s needs a value (%s)", a, op->arg);
		why[0] = '\0';
		if (op->set(o, op, op->arg ? argv[++i] : NULL, why, sizeof why) != ERR_OK)
			return cli_usage_error(cmd, "%s", why[0] ? why : "bad value");
	}
	if (operand && cmd->operand2_field && *operand && !*(const char **)(void *)((char *)o + cmd->operand2_field))
		return cli_usage_error(cmd, "%s needs two %ss, not one", cmd->name, cmd->operand_what);
	if (operand && !*operand)
		return cli_usage_error(cmd, "%s needs a %s%s%s%s", cmd->name, cmd->operand_what,
				       cmd->operand_hint ? " (" : "", cmd->operand_hint ? cmd->operand_hint : "",
				       cmd->operand_hint ? ")" : "");
	why[0] = '\0';
	if (cmd->check && cmd->check(o, why, sizeof why) != ERR_OK)
		return cli_usage_error(cmd, "%s", why[0] ? why : "bad options");
	return 0;
}

/* The usage of cmd as a string, for cli_usage_text. */
static void cli_keep_usage(const cli_cmd_t *cmd)
{
	FILE *m = fmemopen(cli_usage_buf, sizeof cli_usage_buf, "w");

	if (!m)
		return;
	cli_put_usage(m, cmd, "usage: ");
	cli_put_more(m, cmd);
	if (fclose(m) == 0)
		cli_usage_text = cli_usage_buf;
}

int cli_main(const cli_prog_t *prog, int argc, char **argv)
{
	const cli_cmd_t *cmd;
	cli_opts_t o;
	int i = 1, rc;

	cli_prog = prog;
	if (argc > 1 && (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0)) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			if (!(cmd = cli_find_cmd(argv[2])))
				return cli_usage_error(NULL, "there is no command '%s'", argv[2]);
			return cli_cmd_help(cmd);
		}
		return cli_help();
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0)
		return prog->version();
	if (argc > 1 && argv[1][0] != '-') {
		if (!(cmd = cli_find_cmd(argv[1])))
			return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
		i = 2;
	} else {
		cmd = cli_default();
	}
	if (cli_wants_help(cmd, argc, argv, i))
		return cli_cmd_help(cmd);
	memset(&o, 0, sizeof o);
	o.connection = -1;
	o.lang = lesson_lang_from_env();
	if ((rc = cli_parse(cmd, argc, argv, i, &o)) != 0)
		return rc;
	cli_keep_usage(cmd);
	if (fflush(stdout) != 0)
		return 1;
	rc = cmd->run(&o);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	return rc;
}

/* ---- files that hold secrets (secfile.h) ---- */

int cli_files_open(const cli_opts_t *o, cli_files_t *f)
{
	char why[512] = "";

	f->keylog_fd = -1;
	f->pcap = NULL;
	if (o->keylog_path && secfile_open(o->keylog_path, SECFILE_APPEND, &f->keylog_fd, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the key log: %s\n", why);
		return 1;
	}
	if (o->write_pcap && pcapngw_open(o->write_pcap, o->force ? SECFILE_REPLACE : SECFILE_NEW, &f->pcap, why,
					  sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the capture: %s\n", why);
		if (f->keylog_fd >= 0)
			close(f->keylog_fd);
		f->keylog_fd = -1;
		return 1;
	}
	return 0;
}

int cli_files_keylog(cli_files_t *f, const char *path, const buf_t *text)
{
	int fd = f->keylog_fd;
	size_t off = 0;

	f->keylog_fd = -1;

	while (text && off < text->len) {
		ssize_t n = write(fd, text->ptr + off, text->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", path, strerror(errno));
			close(fd);
			return 1;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0) {
		fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int cli_view_or_ui(cli_opts_t *o, int (*ui)(const cli_opts_t *o), int (*views)(const cli_opts_t *o))
{
	if (o->view == VIEW_AUTO) {
		if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
			return ui(o);
		o->view = VIEW_TEXT;
	}
	return views(o);
}
