/* cmd_compare.c - the compare command: two handshakes side by side.  Each
 * side is one argument: a live configuration in the live command's own
 * words ("live --tls 1.3", parsed by its rows: the same setters, the same
 * live_cfg_check), a capture connection FILE#N (N as read numbers
 * connections; FILE alone: its first TLS connection), or "read FILE#N
 * --keylog K" with the evidence that side needs.  Each side becomes a
 * source run to its end; trace/compare.c lays the two handshakes side by
 * side; out/cmpview.c or the interface shows them.  Command-line code: it
 * prints (one line per error) and chooses exit codes. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "live/cfg.h"
#include "out/cmpview.h"
#include "source/source_live.h"
#include "trace/compare.h"
#include "ui/ui.h"

#define CMP_WORDS_MAX 32

typedef struct {
	char name;               /* 'A', 'B' */
	const char *arg;         /* borrowed from argv: the side as given */
	char *text;              /* owned: a copy of arg cut into words */
	char *words[CMP_WORDS_MAX];
	int nwords;
	bool live;
	cli_opts_t o;            /* what its words set (live: o.live; a capture: its path and evidence) */
	char path[4096];
	source_t *src;           /* owned */
	keylog_t *kl;            /* owned (a capture side) */
	rsakey_t *rsa;           /* owned (a capture side) */
	const conn_t *conn;      /* borrowed from src */
	const handshake_t *hs;
} cmp_cli_side_t;

/* One line: "tlstrace: compare A (live --foo): ...". */
static int cmp_fail(const cmp_cli_side_t *s, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int cmp_fail(const cmp_cli_side_t *s, int rc, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tlstrace: compare %c (%s): ", s->name, s->arg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return rc;
}

static int cmp_split(cmp_cli_side_t *s)
{
	char *p;

	if (!(s->text = strdup(s->arg)))
		return cmp_fail(s, 1, "out of memory");
	for (p = strtok(s->text, " \t\n"); p; p = strtok(NULL, " \t\n")) {
		if (s->nwords == CMP_WORDS_MAX)
			return cmp_fail(s, CLI_EXIT_USAGE, "more than %d words", CMP_WORDS_MAX);
		s->words[s->nwords++] = p;
	}
	if (!s->nwords)
		return cmp_fail(s, CLI_EXIT_USAGE, "empty: a side is \"live [OPTIONS]\", FILE#N or \"read FILE#N [--keylog K]\"");
	return 0;
}

/* The options after word `from`, through the command's own rows; only
 * those `take` accepts. */
static int cmp_options(cmp_cli_side_t *s, const cli_cmd_t *cmd, int from, bool (*take)(const cli_opt_t *op))
{
	int i;

	for (i = from; i < s->nwords; i++) {
		const cli_opt_t *op;
		char why[320] = "";
		for (op = cmd->opts; op->name && strcmp(op->name, s->words[i]) != 0; op++)
			;
		if (!op->name || !take(op))
			return cmp_fail(s, CLI_EXIT_USAGE, "%s '%s' for a %s side (tlstrace compare --help says which)",
					op->name ? "compare does not take" : "unknown option", s->words[i], cmd->name);
		if (op->arg && i + 1 >= s->nwords)
			return cmp_fail(s, CLI_EXIT_USAGE, "%s needs a value (%s)", op->name, op->arg);
		if (op->set(&s->o, op, op->arg ? s->words[++i] : NULL, why, sizeof why) != ERR_OK)
			return cmp_fail(s, CLI_EXIT_USAGE, "%s", why[0] ? why : "bad value");
	}
	return 0;
}

static bool cmp_take_live(const cli_opt_t *op)
{
	return op->set == cli_set_live;
}

static bool cmp_take_read(const cli_opt_t *op)
{
	return strcmp(op->name, "--keylog") == 0 || strcmp(op->name, "--rsa-key") == 0;
}

/* The words of a side: live settings, or a capture connection. */
static int cmp_parse(cmp_cli_side_t *s)
{
	char why[320] = "";
	int rc = cmp_split(s), file = 0;

	if (rc)
		return rc;
	memset(&s->o, 0, sizeof s->o);
	s->o.connection = -1;
	if (strcmp(s->words[0], "live") == 0) {
		s->live = true;
		if ((rc = cmp_options(s, &cmd_live_row, 1, cmp_take_live)) != 0)
			return rc;
		if (live_cfg_check(&s->o.live, why, sizeof why) != ERR_OK)
			return cmp_fail(s, CLI_EXIT_USAGE, "%s", why[0] ? why : "bad live settings");
		return 0;
	}
	if (strcmp(s->words[0], "read") == 0) {
		if (s->nwords < 2 || s->words[1][0] == '-')
			return cmp_fail(s, CLI_EXIT_USAGE, "read needs a capture: \"read FILE#N [--keylog K] [--rsa-key PEM]\"");
		file = 1;
		if ((rc = cmp_options(s, &cmd_read_row, 2, cmp_take_read)) != 0)
			return rc;
	} else if (s->nwords > 1) {
		return cmp_fail(s, CLI_EXIT_USAGE, "a side is \"live [OPTIONS]\", FILE#N or \"read FILE#N [--keylog K]\"");
	}
	if (!cmp_parse_conn_ref(s->words[file], s->path, sizeof s->path, &s->o.connection, why, sizeof why))
		return cmp_fail(s, CLI_EXIT_USAGE, "%s", why);
	s->o.capture_path = s->path;
	return 0;
}

/* A live side run to its end (with --resume: the resumed connection). */
static int cmp_open_live(cmp_cli_side_t *s)
{
	char why[256] = "";
	err_t e = source_live_new(&s->o.live, false, &s->src);
	size_t i;

	if (e == ERR_OK)
		e = source_start(s->src, why, sizeof why);
	if (e != ERR_OK)
		return cmp_fail(s, 1, "cannot start the live handshake: %s", why[0] ? why : err_str(e));
	for (i = 0; i < source_count(s->src); i++) {
		bool more = true;
		while (more && !source_final(s->src, i))
			if (source_advance(s->src, i, &more, why, sizeof why) != ERR_OK)
				break;   /* the trace so far is final, and says where it stopped */
	}
	if (!source_count(s->src) || !(s->conn = source_conn(s->src, source_count(s->src) - 1))->nhs)
		return cmp_fail(s, 1, "nothing was exchanged%s%s", why[0] ? ": " : "", why);
	s->hs = s->conn->hs[0];
	return 0;
}

/* A capture side: its one connection decoded (N), or its first. */
static int cmp_open_capture(cmp_cli_side_t *s)
{
	char why[256] = "";
	size_t i;
	int rc = cmd_read_open(&s->o, false, &s->kl, &s->rsa, &s->src);

	if (rc)
		return rc;
	if (source_start(s->src, why, sizeof why) != ERR_OK)
		return cmp_fail(s, 1, "%s", why[0] ? why : "cannot be read");
	for (i = 0; i < source_count(s->src) && !s->conn; i++) {
		const conn_t *c = source_conn(s->src, i);
		if (c->nhs && (s->o.connection < 0 || c->id == (unsigned long)s->o.connection))
			s->conn = c;
	}
	if (!s->conn) {
		if (s->o.connection >= 0)
			return cmp_fail(s, 1, "%s has no TLS connection %ld (tlstrace read %s --summary lists them)", s->path,
					s->o.connection, s->path);
		return cmp_fail(s, 1, "%s holds no TLS handshake", s->path);
	}
	if (s->conn->nhs > 1)
		fprintf(stderr, "tlstrace: compare %c: connection %u has %zu handshakes; the first is compared\n", s->name,
			s->conn->id, s->conn->nhs);
	s->hs = s->conn->hs[0];
	return 0;
}

static void cmp_close(cmp_cli_side_t *s)
{
	if (s->live)
		source_free(s->src);
	else
		cmd_read_close(s->src, s->rsa, s->kl);
	free(s->text);
}

static int cmp_show(const cli_opts_t *o, const cmp_t *c, const cmp_cli_side_t sd[2])
{
	cmpview_side_t vs[2] = { { sd[0].arg, sd[0].conn, sd[0].hs }, { sd[1].arg, sd[1].conn, sd[1].hs } };
	buf_t out = { 0 };
	err_t e;

	if (o->view == VIEW_AUTO)
		return ui_compare(c, sd[0].arg, sd[1].arg, &o->ui);
	e = o->view == VIEW_JSON ? cmpview_json(&out, c, vs) : cmpview_text(&out, c, vs, o->compare_width ? o->compare_width : 100);
	if (e != ERR_OK || fwrite(out.ptr, 1, out.len, stdout) != out.len) {
		fprintf(stderr, "tlstrace: writing the comparison failed\n");
		buf_free(&out);
		return 1;
	}
	buf_free(&out);
	return 0;
}

static int cmd_compare(const cli_opts_t *o)
{
	cmp_cli_side_t sd[2];
	cmp_t c;
	int k, rc = 0;
	bool any_live = false;

	memset(sd, 0, sizeof sd);
	sd[0].name = 'A';
	sd[0].arg = o->compare_a;
	sd[1].name = 'B';
	sd[1].arg = o->compare_b;
	for (k = 0; k < 2 && !rc; k++)
		rc = cmp_parse(&sd[k]);
	for (k = 0; k < 2 && !rc; k++) {
		rc = sd[k].live ? cmp_open_live(&sd[k]) : cmp_open_capture(&sd[k]);
		any_live |= sd[k].live;
	}
	if (!rc) {
		if (cmp_build(sd[0].hs, sd[1].hs, &c) != ERR_OK) {
			fprintf(stderr, "tlstrace: out of memory\n");
			rc = 1;
		} else {
			rc = cmp_show(o, &c, sd);
		}
		cmp_free(&c);
	}
	for (k = 0; k < 2; k++)
		cmp_close(&sd[k]);
	if (any_live)
		live_shutdown();
	return rc;
}

/* ---- the row ---- */

static err_t cmd_compare_set_width(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	char *end;
	long w;

	errno = 0;
	w = strtol(value, &end, 10);
	if (errno || *end || end == value || w < 60 || w > 1000) {
		err_why(why, whylen, "%s takes a number of columns from 60 to 1000, not '%s'", opt->name, value);
		return ERR_BAD_VALUE;
	}
	o->compare_width = (unsigned)w;
	return ERR_OK;
}

static const cli_opt_t cmd_compare_opts[] = {
	CLI_OPT_TEXT("two columns, step by step; a line that differs\nstarts with * (the default off a terminal)"),
	{ "--json", NULL, "the comparison as one JSON object (docs/json.md)", cli_set_view, .value = VIEW_JSON,
	  .group = 1 },
	{ "--width", "COLUMNS", "with --text: the width of a line (default 100)", .set = cmd_compare_set_width },
	{ "--no-color", NULL, "the interface without colours (NO_COLOR does it too)",
	  cli_set_flag, .field = offsetof(cli_opts_t, ui.no_color) },
	{ .name = NULL },
};

static int cmd_compare_run(cli_opts_t *o)
{
	return cli_view_or_ui(o, cmd_compare, cmd_compare);
}

const cli_cmd_t cmd_compare_row = {
	.name = "compare",
	.operand = "A B",
	.operand_what = "side",
	.operand_hint = "each \"live [OPTIONS]\", FILE#N or \"read FILE#N [--keylog K]\"",
	.operand_field = offsetof(cli_opts_t, compare_a),
	.operand2_field = offsetof(cli_opts_t, compare_b),
	.summary = "two handshakes side by side, step by step",
	.more = "A side is one argument, quoted: a live run in the live command's words\n"
		"(\"live --tls 1.3\", \"live --scenario untrusted-ca\", \"live --kx rsa\"; with\n"
		"--resume, its resumed connection), a capture's connection FILE#N (N as\n"
		"read numbers them; FILE alone: its first TLS connection), or\n"
		"\"read FILE#N --keylog K --rsa-key PEM\" with what decrypts it.  Compared:\n"
		"each step's status and messages, versions, suites and extensions offered\n"
		"and answered, certificates, where each secret came from, the Finished\n"
		"verdicts and the outcome.  The interface steps through both at once.\n",
	.opts = cmd_compare_opts,
	.run = cmd_compare_run,
};
