/* fuzz_lesson.c - libFuzzer target: the lesson file parser
 * (src/lesson/lesson.h, format in lessons/README.md).
 *
 * The first byte picks the language (even: English, odd: Japanese); the
 * rest is a lesson file's text.  A lesson that parses is rendered whole
 * with nothing run yet (every placeholder filled or explained), each step
 * and every question with its answer, so the filler and the wrapper see
 * what the parser let through.  Seeds: lessons/en and lessons/ja.
 * Running it: tests/fuzz/run.sh and README.md "Fuzzing". */
#include "fuzz.h"
#include "lesson/lesson.h"

static void fuzz_render(lesson_t *l)
{
	lesson_text_opts_t o = { .width = 72, .qa = LESSON_QA_ANSWERS, .answers_hint = NULL };
	buf_t out = { 0 };
	size_t i;
	int s;

	fuzz_any(lesson_render_text(l, NULL, &o, &out));
	buf_free(&out);
	for (s = 1; s <= STEP_COUNT; s++)
		(void)lesson_ui_text(l, NULL, s);
	(void)lesson_ui_answers(l, NULL);
	for (i = 0; i < l->nqa; i++) {
		buf_t q = { 0 };
		fuzz_any(lesson_render_question(l, NULL, i, true, 20, &q));
		buf_free(&q);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lesson_error_t err;
	lesson_t *l = NULL;

	if (size == 0)
		return 0;
	if (lesson_parse((const char *)data + 1, size - 1, (data[0] & 1) ? LESSON_JA : LESSON_EN, &l, &err) == ERR_OK
	    && l) {
		fuzz_render(l);
		lesson_free(l);
	}
	return 0;
}
