/* cmd_lesson.c - `tlstrace lessons` lists the lessons of a language;
 * `tlstrace lesson NAME` runs the lesson's live handshake and shows the
 * lesson beside each step: in the interface on a terminal, as text with
 * --text or into a pipe or a file; with their rows of the command table
 * (cli.h).  Command-line code: it prints and turns errors into exit
 * statuses (2 for usage errors); the lesson module (src/lesson/) never
 * prints. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli.h"
#include "lesson/lesson.h"
#include "live/run.h"
#include "source/source_live.h"
#include "ui/ui.h"

static int cmd_find_dir(char *dir, size_t cap)
{
	char why[PATH_MAX * 5];

	if (lesson_dir(dir, cap, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return 1;
	}
	return 0;
}

static int cmd_lessons_run(cli_opts_t *o)
{
	lesson_lang_t lang = o->lang;
	char dir[PATH_MAX], why[PATH_MAX + 300];
	lesson_t **v;
	size_t n, i, w = 0;

	if (cmd_find_dir(dir, sizeof dir))
		return 1;
	if (lesson_list(dir, lang, &v, &n, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (strlen(v[i]->name) > w)
			w = strlen(v[i]->name);
	for (i = 0; i < n; i++)
		printf("%-*s  %s\n", (int)w, v[i]->name, v[i]->title);
	lesson_list_free(v, n);
	if (n == 0) {
		fprintf(stderr, "tlstrace: %s/%s holds no lessons\n", dir, lesson_lang_code(lang));
		return 1;
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

/* Columns for the text: COLUMNS when it is set (POSIX: it overrides the
 * screen's width, even into a pipe; the tests use it to match the
 * interface's pane), else the terminal's width, else 78.  Never fewer
 * than 40 nor more than 100, for reading. */
static unsigned cmd_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	unsigned long cols = 0;
	char *end;

	if (env && *env) {
		errno = 0;
		cols = strtoul(env, &end, 10);
		if (errno || *end)
			cols = 0;
	}
	if (!cols && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		cols = ws.ws_col;
	if (cols < 40)
		return 78;
	return cols > 100 ? 100 : (unsigned)cols;
}

/* The questions one at a time: Enter shows the answer, q stops. */
static void cmd_ask(const lesson_t *l, const handshake_t *h, unsigned width)
{
	buf_t b = { 0 };
	char line[64];
	size_t i;

	printf("\n%s\n", lesson_questions_title(l->lang));
	for (i = 0; i < l->nqa; i++) {
		b.len = 0;
		if (lesson_render_question(l, h, i, false, width, &b) != ERR_OK)
			break;
		fwrite(b.ptr, 1, b.len, stdout);
		printf("     %s", lesson_prompt(l->lang));
		fflush(stdout);
		if (!fgets(line, sizeof line, stdin) || line[0] == 'q' || line[0] == 'Q') {
			printf("\n");
			break;
		}
		b.len = 0;
		if (lesson_render_answer(l, h, i, width, &b) != ERR_OK)
			break;
		fwrite(b.ptr, 1, b.len, stdout);
		printf("\n");
	}
	buf_free(&b);
}

static int cmd_lesson_text(const cli_opts_t *o, const lesson_t *l)
{
	liverun_t *r;
	char why[256] = "", hint[128];
	buf_t out = { 0 };
	const handshake_t *h;
	lesson_text_opts_t to;
	bool ask = !o->answers && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	err_t e;
	int rc = 0;

	e = liverun_new(&l->cfg, &r, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot start the lesson's handshake (%s): %s\n", l->run,
			why[0] ? why : err_str(e));
		return 1;
	}
	e = liverun_all(r);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: the live handshake stopped: %s\n", err_str(e));
		rc = 1;
	}
	h = r->conn->nhs ? r->conn->hs[0] : NULL;
	snprintf(hint, sizeof hint, "tlstrace lesson %s --lang %s --text --answers", l->name, lesson_lang_code(l->lang));
	to = (lesson_text_opts_t){ cmd_width(), o->answers ? LESSON_QA_ANSWERS : ask ? LESSON_QA_NONE : LESSON_QA_HINT,
				   hint };
	if (lesson_render_text(l, h, &to, &out) != ERR_OK) {
		fprintf(stderr, "tlstrace: out of memory\n");
		rc = 1;
	} else {
		fwrite(out.ptr, 1, out.len, stdout);
		if (ask && l->nqa)
			cmd_ask(l, h, to.width);
	}
	buf_free(&out);
	liverun_free(r);
	return rc;
}

/* The lesson's handshake in the interface, as a live source. */
static int cmd_lesson_ui(const lesson_t *l, const ui_opts_t *uo)
{
	source_t *src = NULL;
	char why[256] = "";
	err_t e = source_live_new(&l->cfg, false, &src);
	int rc;

	if (e == ERR_OK)
		e = source_start(src, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot start the live handshake: %s\n", why[0] ? why : err_str(e));
		source_free(src);
		return e == ERR_BAD_VALUE || e == ERR_UNSUPPORTED ? 2 : 1;
	}
	rc = ui_run(src, uo);
	source_free(src);
	return rc;
}

static int cmd_lesson_run(cli_opts_t *o)
{
	char dir[PATH_MAX], why[PATH_MAX + 300];
	lesson_t *l;
	err_t e;
	int rc;

	if (cmd_find_dir(dir, sizeof dir))
		return 1;
	e = lesson_open(dir, o->lang, o->lesson_name, &l, why, sizeof why);
	if (e == ERR_BAD_VALUE)
		return cli_usage_error(&cmd_lesson_row, "%s", why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return 1;
	}
	if (!o->lesson_text && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
		o->ui.lesson = lesson_ui_text;
		o->ui.lesson_ctx = l;
		o->ui.lesson_title = l->title;
		o->ui.lesson_answers = lesson_ui_answers;
		o->ui.lesson_answers_title = lesson_answers_title(l->lang);
		rc = cmd_lesson_ui(l, &o->ui);
	} else {
		rc = cmd_lesson_text(o, l);
	}
	lesson_free(l);
	live_shutdown();
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	return rc;
}

/* ---- the rows ---- */

static err_t cmd_set_lang(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	if (lesson_lang_parse(value, &o->lang))
		return ERR_OK;
	snprintf(why, whylen, "%s takes en or ja, not '%s'", opt->name, value);
	return ERR_BAD_VALUE;
}

#define CMD_OPT_LANG { "--lang", "en|ja", "the language (default: from LC_ALL, then LC_MESSAGES,\n" \
		       "then LANG)", .set = cmd_set_lang }

static const cli_opt_t cmd_lessons_opts[] = {
	CMD_OPT_LANG,
	{ .name = NULL },
};

const cli_cmd_t cmd_lessons_row = {
	.name = "lessons",
	.summary = "list the lessons (English or Japanese, see --lang)",
	.opts = cmd_lessons_opts,
	.run = cmd_lessons_run,
};

static const cli_opt_t cmd_lesson_opts[] = {
	CMD_OPT_LANG,
	{ "--text", NULL, "print the lesson instead of opening the interface",
	  cli_set_flag, .field = offsetof(cli_opts_t, lesson_text) },
	{ "--answers", NULL, "with --text: print the answers to the questions too",
	  cli_set_flag, .field = offsetof(cli_opts_t, answers) },
	CLI_OPTS_UI,
	{ .name = NULL },
};

const cli_cmd_t cmd_lesson_row = {
	.name = "lesson",
	.operand = "NAME",
	.operand_what = "lesson name",
	.operand_hint = "tlstrace lessons lists them",
	.operand_field = offsetof(cli_opts_t, lesson_name),
	.summary = "run a lesson: its live handshake, with the lesson's\n"
		   "text beside each step, filled with this run's values",
	.opts = cmd_lesson_opts,
	.run = cmd_lesson_run,
};
