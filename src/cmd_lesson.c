/* cmd_lesson.c - `tlstrace lessons` lists the lessons of a language;
 * `tlstrace lesson NAME` runs the lesson's live handshake and shows the
 * lesson beside each step: in the interface on a terminal, as text with
 * --text or into a pipe or a file.  Command-line code: it prints and
 * turns errors into exit statuses (2 for usage errors). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cmd_lesson.h"
#include "cli.h"
#include "lesson/lesson.h"
#include "live/run.h"
#include "source/source_live.h"



/* --lang VALUE at argv[*i]; 0, or the usage error's status. */
static int cmd_lang(int argc, char **argv, int *i, lesson_lang_t *lang, const char *usage)
{
	if (*i + 1 >= argc)
		return cli_usage_error(usage, "--lang needs a value (en or ja)");
	if (!lesson_lang_parse(argv[++*i], lang))
		return cli_usage_error(usage, "--lang takes en or ja, not '%s'", argv[*i]);
	return 0;
}

static int cmd_find_dir(char *dir, size_t cap)
{
	char why[PATH_MAX * 5];

	if (lesson_dir(dir, cap, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return 1;
	}
	return 0;
}

int cmd_lessons(int argc, char **argv, const char *usage)
{
	lesson_lang_t lang = lesson_lang_from_env();
	char dir[PATH_MAX], why[PATH_MAX + 300];
	lesson_t **v;
	size_t n, i, w = 0;
	int a, rc;

	for (a = 2; a < argc; a++) {
		if (strcmp(argv[a], "--lang") == 0) {
			if ((rc = cmd_lang(argc, argv, &a, &lang, usage)) != 0)
				return rc;
		} else {
			return cli_usage_error(usage, "lessons takes only --lang, not '%s'", argv[a]);
		}
	}
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

typedef struct {
	const char *name;
	lesson_lang_t lang;
	bool text, answers;
	ui_opts_t ui;
} cmd_lesson_opts_t;

static int cmd_lesson_parse(int argc, char **argv, cmd_lesson_opts_t *o, const char *usage)
{
	int a, rc;

	memset(o, 0, sizeof *o);
	o->lang = lesson_lang_from_env();
	for (a = 2; a < argc; a++) {
		const char *s = argv[a];
		if (strcmp(s, "--lang") == 0) {
			if ((rc = cmd_lang(argc, argv, &a, &o->lang, usage)) != 0)
				return rc;
		} else if (strcmp(s, "--text") == 0) {
			o->text = true;
		} else if (strcmp(s, "--answers") == 0) {
			o->answers = true;
		} else if (strcmp(s, "--no-color") == 0) {
			o->ui.no_color = true;
		} else if (strcmp(s, "--autoplay") == 0) {
			char *end;
			if (a + 1 >= argc)
				return cli_usage_error(usage, "--autoplay needs a number of seconds");
			errno = 0;
			o->ui.autoplay = strtod(argv[++a], &end);
			if (errno || *end || end == argv[a] || o->ui.autoplay <= 0 || o->ui.autoplay > 3600)
				return cli_usage_error(usage, "--autoplay takes a number of seconds (0.5, 3, ...), not '%s'",
						       argv[a]);
		} else if (s[0] == '-') {
			return cli_usage_error(usage, "%s is not an option of lesson", s);
		} else if (o->name) {
			return cli_usage_error(usage, "lesson takes one lesson name, not also '%s'", s);
		} else {
			o->name = s;
		}
	}
	if (!o->name)
		return cli_usage_error(usage, "lesson needs a lesson name (tlstrace lessons lists them)");
	return 0;
}

static unsigned cmd_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col > 100 ? 100 : ws.ws_col;
	return 78;
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

static int cmd_lesson_text(const cmd_lesson_opts_t *o, const lesson_t *l)
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
static int cmd_lesson_ui(const lesson_t *l, const ui_opts_t *uo, cmd_lesson_ui_fn ui)
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
	rc = ui(src, uo);
	source_free(src);
	return rc;
}

int cmd_lesson(int argc, char **argv, const char *usage, cmd_lesson_ui_fn ui)
{
	cmd_lesson_opts_t o;
	char dir[PATH_MAX], why[PATH_MAX + 300];
	lesson_t *l;
	err_t e;
	int rc = cmd_lesson_parse(argc, argv, &o, usage);

	if (rc)
		return rc;
	if (cmd_find_dir(dir, sizeof dir))
		return 1;
	e = lesson_open(dir, o.lang, o.name, &l, why, sizeof why);
	if (e == ERR_BAD_VALUE)
		return cli_usage_error(usage, "%s", why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return 1;
	}
	if (!o.text && ui && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
		o.ui.lesson = lesson_ui_text;
		o.ui.lesson_ctx = l;
		o.ui.lesson_title = l->title;
		o.ui.lesson_answers = lesson_ui_answers;
		o.ui.lesson_answers_title = lesson_answers_title(l->lang);
		rc = cmd_lesson_ui(l, &o.ui, ui);
	} else {
		rc = cmd_lesson_text(&o, l);
	}
	lesson_free(l);
	live_shutdown();
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	return rc;
}
