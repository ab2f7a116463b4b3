/* cmd_lesson.c - `tlstrace lessons` lists the lessons of a language;
 * `tlstrace lesson NAME` runs the lesson's live handshake (or reads a
 * recorded one, --capture) and shows the lesson beside each step: in the interface on a terminal, as text with
 * --text or into a pipe or a file, as a page with --html; with their rows of the command table
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
#include "live/scenario.h"
#include "source/source_capture.h"
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

/* What the lesson shows of handshake h of c (NULL: nothing was traced):
 * the page with --html, the text unless --html alone was asked for. */
static int cmd_lesson_show(const cli_opts_t *o, lesson_t *l, const conn_t *c, const handshake_t *h, int html_fd)
{
	char hint[PATH_MAX * 2 + 128];
	buf_t out = { 0 };
	lesson_text_opts_t to;
	bool ask = !o->answers && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	int rc = 0;

	if (html_fd >= 0) {
		html_opts_t ho = { cli_html_lang(l->lang), l->title, o->capture_path, lesson_ui_text, l };
		if (!h) {
			close(html_fd);
			fprintf(stderr, "tlstrace: no handshake to write to %s\n", o->html_path);
			rc = 1;
		} else if (cli_html_write(html_fd, o->html_path, c, h, &ho) != 0) {
			rc = 1;
		}
		if (!o->lesson_text)
			return rc;
	}
	snprintf(hint, sizeof hint, "tlstrace lesson %s --lang %s --text --answers%s%s%s%s", l->name,
		 lesson_lang_code(l->lang), o->capture_path ? " --capture " : "", o->capture_path ? o->capture_path : "",
		 o->keylog_path ? " --keylog " : "", o->keylog_path ? o->keylog_path : "");
	to = (lesson_text_opts_t){ cmd_width(), o->answers ? LESSON_QA_ANSWERS : ask ? LESSON_QA_NONE : LESSON_QA_HINT,
				   hint, o->capture_path };
	if (lesson_render_text(l, h, &to, &out) != ERR_OK) {
		fprintf(stderr, "tlstrace: out of memory\n");
		rc = 1;
	} else {
		fwrite(out.ptr, 1, out.len, stdout);
		if (ask && l->nqa)
			cmd_ask(l, h, to.width);
	}
	buf_free(&out);
	return rc;
}

/* The lesson's second handshake ({second_NAME}): a resume= run's second
 * connection, run by liverun (--text) or by the interface's source. */
static const handshake_t *cmd_second_of_run(void *ctx)
{
	const liverun_t *r = ctx;
	const conn_t *c = liverun_count(r) > 1 ? liverun_conn(r, 1) : NULL;

	return c && c->nhs ? c->hs[0] : NULL;
}

static const handshake_t *cmd_second_of_source(void *ctx)
{
	const source_t *src = ctx;
	const conn_t *c = source_count(src) > 1 ? source_conn(src, 1) : NULL;

	return c && c->nhs ? c->hs[0] : NULL;
}

/* A capture's: the next connection's (N + 1) first handshake, when it
 * resumed a session (the sample captures' second connection resumes the
 * first).  The capture was read for connection N only (--connection), so
 * that one is read on its own, with the same key log and RSA key. */
static const handshake_t *cmd_second_of_capture(void *ctx)
{
	source_t *src = ctx;
	const conn_t *c = source_count(src) ? source_conn(src, 0) : NULL;

	return c && c->nhs && c->hs[0]->resumed ? c->hs[0] : NULL;
}

static source_t *cmd_capture_next(const cli_opts_t *o, const conn_t *c, keylog_t *kl, rsakey_t *rsa)
{
	analyze_opts_t ao = { .path = o->capture_path, .bpf = o->filter, .only_connection = (long)c->id + 1,
			      .idle_timeout = o->idle_timeout, .max_memory = o->max_memory, .keylog = kl, .rsa = rsa };
	source_t *src = NULL;
	char why[256];

	if (source_capture_new(&ao, &src) != ERR_OK || source_start(src, why, sizeof why) != ERR_OK ||
	    !cmd_second_of_capture(src)) {
		source_free(src);
		return NULL;
	}
	return src;
}

static int cmd_lesson_text(const cli_opts_t *o, lesson_t *l, int html_fd)
{
	liverun_t *r;
	char why[256] = "";
	err_t e;
	int rc = 0;

	e = liverun_new(&l->cfg, &r, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot start the lesson's handshake (%s): %s\n", l->run,
			why[0] ? why : err_str(e));
		if (html_fd >= 0)
			close(html_fd);
		return 1;
	}
	e = liverun_all(r);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: the live handshake stopped: %s\n", err_str(e));
		rc = 1;
	}
	if (l->cfg.resume != LIVE_RESUME_NONE) {
		l->second = cmd_second_of_run;
		l->second_ctx = r;
	}
	if (cmd_lesson_show(o, l, r->conn, r->conn->nhs ? r->conn->hs[0] : NULL, html_fd) != 0)
		rc = 1;
	l->second = NULL;
	liverun_free(r);
	return rc;
}

/* "TLS 1.3" for the version a run asks for (0: the default, TLS 1.2,
 * unless its suite is a TLS 1.3 one). */
static uint16_t cmd_lesson_version(const live_cfg_t *cfg)
{
	if (cfg->version)
		return cfg->version;
	return cfg->suite && cfg->suite->tls13 ? VER_TLS13 : VER_TLS12;
}

/* What the lesson's run: line asks for that the capture's handshake does
 * not have, one warning line each; the lesson goes on and says "not
 * known" where the capture has nothing to show. */
static void cmd_lesson_compare(const lesson_t *l, const handshake_t *h)
{
	const live_cfg_t *cfg = &l->cfg;
	const scenario_t *sc = cfg->scenario ? scenario_find(cfg->scenario) : NULL;
	uint16_t want = cmd_lesson_version(cfg);
	const char *kx = handshake_kx_name(h);

#define CMD_WARN(...) do { fprintf(stderr, "tlstrace: warning: the lesson's run (%s) ", l->run); \
		fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } while (0)
	if (sc) {
		if (!h->failure.failed)
			CMD_WARN("fails at step %d, but the capture's handshake did not fail", sc->step);
		else if (h->failure.step != sc->step)
			CMD_WARN("fails at step %d, but the capture's handshake failed at step %d", sc->step,
				 h->failure.step);
		return;
	}
	if (h->version && h->version != want)
		CMD_WARN("is %s, but the capture's handshake is %s", reg_version_name(want), reg_version_name(h->version));
	if (cfg->kx != KX_NULL && want != VER_TLS13 && kx && strcmp(kx, kx_name(cfg->kx)) != 0)
		CMD_WARN("uses %s key exchange, but the capture's handshake uses %s", kx_name(cfg->kx), kx);
	if (cfg->ems && !h->ems)
		CMD_WARN("uses the extended master secret, but the capture's handshake does not");
	if (cfg->client_auth && !h->client_auth_requested)
		CMD_WARN("asks for a client certificate, but the capture's server does not");
	if (cfg->hrr && !h->hrr)
		CMD_WARN("has a HelloRetryRequest, but the capture's handshake has none");
	if (h->failure.failed)
		CMD_WARN("completes, but the capture's handshake failed at step %d", h->failure.step);
#undef CMD_WARN
}

/* The lesson filled from a recorded handshake (--capture): the same
 * numbers for everyone who reads the same file. */
static int cmd_lesson_capture(cli_opts_t *o, lesson_t *l, int html_fd)
{
	keylog_t *kl = NULL;
	rsakey_t *rsa = NULL;
	source_t *src = NULL;
	const conn_t *c = NULL;
	const handshake_t *h = NULL;
	source_t *next = NULL;
	int rc = cmd_read_open(o, false, &kl, &rsa, &src);

	if (!rc)
		rc = cli_capture_pick(src, o, &c, &h);
	if (rc) {
		if (html_fd >= 0)
			close(html_fd);
	} else {
		cmd_lesson_compare(l, h);
		if (l->cfg.resume != LIVE_RESUME_NONE && (next = cmd_capture_next(o, c, kl, rsa))) {
			l->second = cmd_second_of_capture;
			l->second_ctx = next;
		}
		if (!o->lesson_text && html_fd < 0 && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
			o->ui.lesson = lesson_ui_text;
			o->ui.lesson_ctx = l;
			o->ui.lesson_title = l->title;
			o->ui.lesson_answers = lesson_ui_answers;
			o->ui.lesson_answers_title = lesson_answers_title(l->lang);
			rc = ui_run(src, &o->ui);
		} else {
			rc = cmd_lesson_show(o, l, c, h, html_fd);
		}
	}
	l->second = NULL;
	source_free(next);
	cmd_read_close(src, rsa, kl);
	return rc;
}

/* The lesson's handshake in the interface, as a live source. */
static int cmd_lesson_ui(lesson_t *l, const ui_opts_t *uo)
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
	if (l->cfg.resume != LIVE_RESUME_NONE) {
		l->second = cmd_second_of_source;
		l->second_ctx = src;
	}
	rc = ui_run(src, uo);
	l->second = NULL;
	source_free(src);
	return rc;
}

static int cmd_lesson_run(cli_opts_t *o)
{
	char dir[PATH_MAX], why[PATH_MAX + 300];
	lesson_t *l;
	err_t e;
	int rc, html_fd = -1;

	if (cmd_find_dir(dir, sizeof dir))
		return 1;
	e = lesson_open(dir, o->lang, o->lesson_name, &l, why, sizeof why);
	if (e == ERR_BAD_VALUE)
		return cli_usage_error(&cmd_lesson_row, "%s", why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return 1;
	}
	if (o->html_path && cli_html_open(o->html_path, false, &html_fd) != 0) {
		rc = 1;
	} else if (o->capture_path) {
		rc = cmd_lesson_capture(o, l, html_fd);
	} else if (!o->lesson_text && !o->html_path && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)) {
		o->ui.lesson = lesson_ui_text;
		o->ui.lesson_ctx = l;
		o->ui.lesson_title = l->title;
		o->ui.lesson_answers = lesson_ui_answers;
		o->ui.lesson_answers_title = lesson_answers_title(l->lang);
		rc = cmd_lesson_ui(l, &o->ui);
	} else {
		rc = cmd_lesson_text(o, l, html_fd);
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
	{ "--capture", "FILE", "fill the lesson from a recorded handshake (live\n--write-pcap makes one) instead of a new run: a\n"
	  "class shares one set of numbers; a run: line the\ncapture does not match is a warning",
	  cli_set_string, .field = offsetof(cli_opts_t, capture_path) },
	{ "--keylog", "FILE", "with --capture: the key log to decrypt with (needed\neven for live --write-pcap files: the key log\n"
	  "embedded in them is not read back)", cli_set_string, .field = offsetof(cli_opts_t, keylog_path) },
	{ "--connection", "N", "with --capture: the handshake of connection N (needed\nwhen the capture holds several)",
	  .set = cmd_read_set_connection },
	CLI_OPT_HTML("write the lesson and its handshake as a self-contained\nHTML page in the lesson's language; alone, nothing\n"
		     "else is printed (add --text for both)"),
	CLI_OPTS_UI,
	{ .name = NULL },
};

static err_t cmd_lesson_check(cli_opts_t *o, char *why, size_t whylen)
{
	if (!o->capture_path && (o->keylog_path || o->connection >= 0)) {
		snprintf(why, whylen, "--keylog and --connection go with --capture FILE");
		return ERR_BAD_VALUE;
	}
	return ERR_OK;
}

const cli_cmd_t cmd_lesson_row = {
	.name = "lesson",
	.operand = "NAME",
	.operand_what = "lesson name",
	.operand_hint = "tlstrace lessons lists them",
	.operand_field = offsetof(cli_opts_t, lesson_name),
	.summary = "run a lesson: its live handshake (or a recorded one,\n"
		   "--capture), with the lesson's text beside each step,\n"
		   "filled with that handshake's values",
	.opts = cmd_lesson_opts,
	.check = cmd_lesson_check,
	.run = cmd_lesson_run,
};
