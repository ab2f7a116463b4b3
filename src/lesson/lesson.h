/* lesson.h - lessons: small text files (lessons/README.md documents the
 * format) with an intro, a section per step, a summary and questions,
 * whose {placeholders} are filled with the values of a traced handshake.
 *
 * The module parses, fills and renders; it never prints, never exits and
 * never runs a handshake: the caller runs the lesson's live configuration
 * (liverun) and hands over the trace.  The interface asks for one step's
 * text at a time (lesson_ui_text has the signature of ui_lesson_fn). */
#ifndef TLSTRACE_LESSON_H
#define TLSTRACE_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include "base/bytes.h"
#include "base/err.h"
#include "live/live.h"
#include "trace/model.h"

typedef enum { LESSON_EN, LESSON_JA, LESSON_NLANGS } lesson_lang_t;

typedef struct {
	char *question, *answer; /* owned: raw text, placeholders unfilled */
	int line;                /* of the [question] header */
} lesson_qa_t;

/* Section texts are stored one paragraph per line: "" a blank line, a
 * line starting with spaces is kept verbatim, "- ..." a bullet, anything
 * else flowing text (the file's lines joined).  Placeholders unfilled. */
typedef struct {
	char *name;              /* owned: "classic-rsa" (the file is <name>.lesson) */
	char *title;             /* owned: one line, in the lesson's language */
	char *run;               /* owned: the run line as written ("tls=1.2 kx=rsa") */
	int order;               /* position in `tlstrace lessons` */
	lesson_lang_t lang;
	live_cfg_t cfg;          /* the run; cfg.scenario points into the scenario table */
	char *intro, *summary;   /* owned, NULL if absent */
	char *failure;           /* owned: shown beside the step where the run failed; NULL if absent */
	char *step[STEP_COUNT + 1]; /* owned, [1..9]; NULL where the lesson says nothing */
	lesson_qa_t *qa;         /* owned, nqa entries */
	size_t nqa;
	buf_t scratch;           /* owned: what lesson_step_text / lesson_ui_text returned last */
	/* The run's second handshake, for the {second_NAME} placeholders (a
	 * run with resume= makes two connections, the second resuming the
	 * first's session).  Set by the caller, asked each time a lesson is
	 * filled (an interface's run can be run again); NULL fn: this run has
	 * no second handshake; NULL answer: not there yet. */
	const handshake_t *(*second)(void *ctx);
	void *second_ctx;        /* borrowed */
} lesson_t;

typedef struct {
	int line;                /* 1-based line of the file; 0 when not about one line */
	char msg[240];
} lesson_error_t;

/* ---- parsing ---- */
/* Parses a whole file's text.  ERR_FORMAT with err set (line and message)
 * for anything the format does not allow: an unknown section or header,
 * a step outside 1..9, an unknown or unterminated placeholder, an
 * unterminated section header, an empty section, a question without its
 * answer, a bad run line. */
err_t lesson_parse(const char *text, size_t len, lesson_lang_t lang, lesson_t **out, lesson_error_t *err) WUR;
/* Reads and parses a file; its name must be <name>.lesson.  ERR_IO
 * (errno set) when it cannot be read. */
err_t lesson_load(const char *path, lesson_lang_t lang, lesson_t **out, lesson_error_t *err) WUR;
void lesson_free(lesson_t *l);

/* ---- where lessons live ---- */
#ifndef TLSTRACE_LESSONS_DIR
#define TLSTRACE_LESSONS_DIR "/usr/local/share/tlstrace/lessons"
#endif
/* The first of $TLSTRACE_LESSONS, <dir of the executable>/lessons,
 * <dir of the executable>/../share/tlstrace/lessons and
 * TLSTRACE_LESSONS_DIR that holds en/ and ja/.  ERR_IO with why set if
 * none does. */
err_t lesson_dir(char *out, size_t cap, char *why, size_t whylen) WUR;
/* Every <name>.lesson of base/<lang>/, sorted by order then name.
 * ERR_FORMAT with why ("path:line: message") at the first broken file. */
err_t lesson_list(const char *base, lesson_lang_t lang, lesson_t ***out, size_t *n, char *why, size_t whylen) WUR;
void lesson_list_free(lesson_t **v, size_t n);
/* One lesson by name: ERR_BAD_VALUE when there is none, ERR_FORMAT /
 * ERR_IO with why when its file is broken or unreadable. */
err_t lesson_open(const char *base, lesson_lang_t lang, const char *name, lesson_t **out, char *why,
		  size_t whylen) WUR;

/* ---- languages ---- */
/* LC_ALL, then LC_MESSAGES, then LANG (the first one set and not empty):
 * "ja..." gives Japanese, anything else English. */
lesson_lang_t lesson_lang_from_env(void);
bool lesson_lang_parse(const char *s, lesson_lang_t *out);  /* "en", "ja" */
const char *lesson_lang_code(lesson_lang_t lang);

/* ---- placeholders: one table ---- */
typedef struct lesson_fill lesson_fill_t;   /* lesson_int.h */
/* A filler appends the value to the fill context's output, or returns
 * why it is not known (a lesson_unknown_t of lesson_int.h, 0 = filled). */
typedef int (*lesson_fill_fn)(lesson_fill_t *f);

typedef struct {
	const char *name;        /* as written in braces: "client_random" */
	const char *description; /* one line, English: what it is and where it comes from */
	lesson_fill_fn fill;
	bool from_lesson;        /* filled from the lesson or the tables (the scenarios), not
	                            from the trace: known before anything has run */
	bool pair;               /* compares the handshake with the run's second one (lesson_t
	                            second): no {second_NAME} of its own */
} lesson_placeholder_t;

size_t lesson_placeholder_count(void);
const lesson_placeholder_t *lesson_placeholder_at(size_t i);
/* {second_NAME} is NAME's value in the run's second handshake (lesson_t
 * second); any placeholder of the trace takes the prefix. */
#define LESSON_SECOND_PREFIX "second_"
/* By name (n bytes, not NUL-terminated); NULL if there is none.  A name
 * with LESSON_SECOND_PREFIX gives the entry of the name after it. */
const lesson_placeholder_t *lesson_placeholder_find(const char *name, size_t n);

/* ---- filling ---- */
/* raw with every placeholder replaced by its value for h (NULL: nothing
 * run yet), or by a phrase in the lesson's language saying why it is not
 * known; appended to out, NUL-terminated (out->len excludes the NUL). */
err_t lesson_fill(const lesson_t *l, const handshake_t *h, const char *raw, buf_t *out) WUR;
/* The filled text of one step: its section, then the [failure] section
 * when h failed at this step.  NULL when the lesson says nothing there.
 * Valid until the next call on l. */
const char *lesson_step_text(lesson_t *l, const handshake_t *h, int step);
/* For the interface (ui_lesson_fn, ctx = the lesson_t): the step's text,
 * with the intro before step 1's and the summary and the questions
 * (without answers) after step 9's. */
const char *lesson_ui_text(void *lesson, const handshake_t *h, int step);
/* For the interface (ui_lesson_answers_fn): every answer, numbered like
 * the questions.  Valid until the next call on the lesson. */
const char *lesson_ui_answers(void *lesson, const handshake_t *h);
/* "Answers" / "答え": the heading above them. */
const char *lesson_answers_title(lesson_lang_t lang);

/* The steps in the order the trace met them (TLS 1.3: 1 2 3 4 8 5 6 7 9;
 * resumed: 1 2 8 7 9, then the skipped ones); all nine, each once.  h may
 * be NULL (1 to 9). */
void lesson_step_order(const handshake_t *h, int order[STEP_COUNT]);

/* ---- text ---- */
typedef enum {
	LESSON_QA_HINT,          /* questions, then a line saying how to see the answers */
	LESSON_QA_ANSWERS,       /* questions with their answers */
	LESSON_QA_NONE           /* no questions (the caller asks them one by one) */
} lesson_qa_mode_t;

typedef struct {
	unsigned width;          /* columns to wrap at (display width: CJK counts 2) */
	lesson_qa_mode_t qa;
	const char *answers_hint;/* LESSON_QA_HINT: the command that shows them; NULL for none */
	const char *capture;     /* the file of a recorded handshake (--capture); NULL: a live run */
} lesson_text_opts_t;

/* The whole lesson, filled: a header, the intro, each step (in the order
 * the trace met them) with its title, status and messages and the
 * lesson's text beside it, the summary, the questions. */
err_t lesson_render_text(const lesson_t *l, const handshake_t *h, const lesson_text_opts_t *o, buf_t *out) WUR;
/* Question i (0-based), numbered, and its answer when with_answer. */
err_t lesson_render_question(const lesson_t *l, const handshake_t *h, size_t i, bool with_answer,
			     unsigned width, buf_t *out) WUR;
/* Only the answer of question i. */
err_t lesson_render_answer(const lesson_t *l, const handshake_t *h, size_t i, unsigned width, buf_t *out) WUR;
/* Asking the questions one by one on a terminal: the prompt under each
 * ("[Enter: show the answer, q: stop] "), in the language. */
const char *lesson_prompt(lesson_lang_t lang);
/* The heading above the questions ("Check your understanding"). */
const char *lesson_questions_title(lesson_lang_t lang);

#endif
