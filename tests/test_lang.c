/* test_lang.c - the interface in Japanese: every row of every table with
 * a Japanese column has both languages (the interface's catalogue, the
 * key table, the step table, the alert table, the secret rows, the
 * diagnosis rows), each Japanese text is Japanese (it holds kana or
 * kanji), and a catalogue row's Japanese keeps its English printf
 * conversions (so the English literal the compiler checked also checks
 * the Japanese one).  The choice of the language from the environment
 * and the UTF-8 test of a locale's name are checked here too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "tls/registry.h"
#include "trace/diagnose_int.h"
#include "trace/lang.h"
#include "trace/secret_rows.h"
#include "trace/steps.h"
#include "ui/ui_lang.h"
#include "ui/ui_panes.h"

/* Holds a character of the Japanese blocks (U+3000-U+9FFF, U+FF00-U+FFEF):
 * in UTF-8 a lead byte E3-E9, or EF BC-BF. */
static bool is_japanese(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p && *p; p++)
		if ((p[0] >= 0xE3 && p[0] <= 0xE9) || (p[0] == 0xEF && p[1] >= 0xBC && p[1] <= 0xBF))
			return true;
	return false;
}

static bool both(const char *en, const char *ja, const char *where)
{
	bool ok = en && en[0] && ja && ja[0] && is_japanese(ja);

	if (!ok)
		fprintf(stderr, "\n  %s: \"%s\" has no Japanese (\"%s\")\n", where, en ? en : "(null)", ja ? ja : "(null)");
	return ok;
}

/* The printf conversions of fmt, by argument position, as "1:zu 2:s ..."
 * (numbered ones, %2$s, are put in their place; %% is no conversion). */
static void conversions(const char *fmt, char *out, size_t len)
{
	char conv[32][8];
	int n = 0, i, next = 1;

	memset(conv, 0, sizeof conv);
	for (const char *p = fmt; *p; p++) {
		int pos = 0, k = 0;
		if (*p != '%')
			continue;
		if (*++p == '%')
			continue;
		if (*p >= '1' && *p <= '9' && strchr(p, '$') && strchr(p, '$') < p + 3) {
			pos = atoi(p);
			p = strchr(p, '$') + 1;
		}
		while (*p && strchr("-+ #0", *p))
			p++;
		while (*p && (strchr("0123456789.*", *p)))
			p++;
		if (!pos)
			pos = next++;
		if (pos < 1 || pos >= 32)
			continue;
		while (*p && strchr("hlLzjt", *p) && k < 6)
			conv[pos][k++] = *p++;
		conv[pos][k] = *p;
		if (pos > n)
			n = pos;
		if (!*p)
			break;
	}
	out[0] = '\0';
	for (i = 1; i <= n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%d:%s ", i, conv[i]);
}

static void test_conversions_parser(void)
{
	char a[128], b[128];

	conversions("%s: %zu TLS connection%s, %zu handshake%s", a, sizeof a);
	CU_ASSERT_STRING_EQUAL(a, "1:s 2:zu 3:s 4:zu 5:s ");
	conversions("%s: TLS 接続 %zu 件%.0s、ハンドシェイク %zu 件%.0s", b, sizeof b);
	CU_ASSERT_STRING_EQUAL(a, b);
	conversions("%1$s %2$s は証明書の%4$sと%3$s", b, sizeof b);
	CU_ASSERT_STRING_EQUAL(b, "1:s 2:s 3:s 4:s ");
	conversions("100%% of %d", b, sizeof b);
	CU_ASSERT_STRING_EQUAL(b, "1:d ");
	conversions("%d and %s", b, sizeof b);
	CU_ASSERT_STRING_NOT_EQUAL(b, "1:s 2:d ");   /* the order counts */
}

/* The interface's catalogue: both languages, the same conversions. */
static void test_ui_catalogue(void)
{
	size_t i, n = 0;

	for (i = 0; ui_lang_row(i, LANG_EN); i++, n++) {
		const char *en = ui_lang_row(i, LANG_EN), *ja = ui_lang_row(i, LANG_JA);
		char ce[160], cj[160];

		CU_ASSERT_TRUE(both(en, ja, "ui catalogue"));
		conversions(en, ce, sizeof ce);
		conversions(ja, cj, sizeof cj);
		CU_ASSERT_STRING_EQUAL(ce, cj);
		if (strcmp(ce, cj) != 0)
			fprintf(stderr, "\n  \"%s\" (%s) against \"%s\" (%s)\n", en, ce, ja, cj);
	}
	CU_ASSERT_TRUE(n > 150);
	/* the lookup: Japanese when chosen, English otherwise and for a text without a row */
	ui_lang_set(LANG_JA);
	CU_ASSERT_STRING_EQUAL(ui_tr("Steps"), "ステップ");
	CU_ASSERT_STRING_EQUAL(ui_side(SIDE_SERVER), "サーバー");
	CU_ASSERT_STRING_EQUAL(ui_tr("no such row here"), "no such row here");
	ui_lang_set(LANG_EN);
	CU_ASSERT_STRING_EQUAL(ui_tr("Steps"), "Steps");
	CU_ASSERT_STRING_EQUAL(ui_side(SIDE_CLIENT), "client");
}

/* The key table: a Japanese hint where there is a hint, a Japanese help
 * on every row; and every tab name has a row in the catalogue. */
static void test_ui_keys(void)
{
	const char *hint, *help, *hint_ja, *help_ja;
	size_t i;
	int t;

	for (i = 0; ui_keys_words(i, LANG_EN, &hint, &help); i++) {
		CU_ASSERT_TRUE_FATAL(ui_keys_words(i, LANG_JA, &hint_ja, &help_ja));
		CU_ASSERT_TRUE(both(help, help_ja, "key help"));
		CU_ASSERT_EQUAL(hint == NULL, hint_ja == NULL);
		if (hint)
			CU_ASSERT_TRUE(both(hint, hint_ja, "key hint"));
	}
	CU_ASSERT_TRUE(i > 20);
	ui_lang_set(LANG_JA);
	for (t = 0; t < UI_TAB__COUNT; t++)
		CU_ASSERT_TRUE(is_japanese(ui_tab_name((ui_tab_t)t)));
	ui_lang_set(LANG_EN);
	CU_ASSERT_STRING_EQUAL(ui_tab_name(UI_TAB_FIELDS), "Fields");
}

static void test_steps_alerts_rows(void)
{
	size_t i;
	int s, k;

	for (s = 1; s <= STEP_COUNT; s++) {
		CU_ASSERT_TRUE(both(step_title(s, LANG_EN), step_title(s, LANG_JA), "step title"));
		CU_ASSERT_TRUE(both(step_role(s, LANG_EN), step_role(s, LANG_JA), "step role"));
		CU_ASSERT_TRUE(both(step_achieves(s, LANG_EN), step_achieves(s, LANG_JA), "step sentence"));
		CU_ASSERT_STRING_EQUAL(step_title(s, LANG_EN), step_info(s)->title);
	}
	for (s = STEP_NOT_REACHED; s <= STEP_FAILED; s++)
		CU_ASSERT_TRUE(both(step_status_text((step_status_t)s, LANG_EN), step_status_text((step_status_t)s, LANG_JA),
				    "step status"));
	for (i = 0; i < alert_count(); i++)
		CU_ASSERT_TRUE(both(alert_at(i)->explain, alert_at(i)->explain_ja, alert_at(i)->name));
	for (k = 0; k < SROW_K__COUNT; k++)
		if (srow_def_label((srow_kind_t)k, LANG_EN))
			CU_ASSERT_TRUE(both(srow_def_label((srow_kind_t)k, LANG_EN), srow_def_label((srow_kind_t)k, LANG_JA),
					    "secret row"));
	for (k = 0; k < SROW__GROUPS; k++)
		CU_ASSERT_TRUE(both(srow_group_title_in((srow_group_t)k, LANG_EN),
				    srow_group_title_in((srow_group_t)k, LANG_JA), "secret group"));
}

/* Every kind of failure has its reason in Japanese: a fixed sentence in
 * both languages, or words made from the wire in either language, or
 * (DK_ALERT) the alert table's Japanese, checked above.  The words made
 * from the wire are checked on real failures in test_diagnose.c. */
static void test_diagnosis_rows(void)
{
	int k;

	for (k = 0; k < DK__COUNT; k++) {
		const char *en = diagnose_row_reason((diag_kind_t)k, LANG_EN);
		if (en) {
			CU_ASSERT_TRUE(both(en, diagnose_row_reason((diag_kind_t)k, LANG_JA), "diagnosis"));
		} else {
			CU_ASSERT_TRUE(diagnose_row_worded((diag_kind_t)k) || k == DK_ALERT);
		}
	}
	CU_ASSERT_PTR_NULL(diagnose_row_reason(DK__COUNT, LANG_JA));
}

static void test_env(void)
{
	char *saved[4];
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG", "LC_CTYPE" };
	char name[64];
	lang_t l;
	int i;

	for (i = 0; i < 4; i++) {
		const char *v = getenv(vars[i]);
		saved[i] = v ? strdup(v) : NULL;
		unsetenv(vars[i]);
	}
	CU_ASSERT_EQUAL(lang_from_env(), LANG_EN);
	setenv("LANG", "ja_JP.UTF-8", 1);
	CU_ASSERT_EQUAL(lang_from_env(), LANG_JA);
	CU_ASSERT_TRUE(lang_env_utf8(name, sizeof name));
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);   /* LC_MESSAGES before LANG */
	CU_ASSERT_EQUAL(lang_from_env(), LANG_EN);
	setenv("LC_ALL", "ja_JP.eucJP", 1);        /* LC_ALL before both */
	CU_ASSERT_EQUAL(lang_from_env(), LANG_JA);
	CU_ASSERT_FALSE(lang_env_utf8(name, sizeof name));
	CU_ASSERT_STRING_EQUAL(name, "ja_JP.eucJP");
	setenv("LC_ALL", "ja_JP", 1);              /* EUC-JP on glibc */
	CU_ASSERT_FALSE(lang_env_utf8(name, sizeof name));
	setenv("LC_ALL", "C.utf8", 1);
	CU_ASSERT_TRUE(lang_env_utf8(name, sizeof name));
	setenv("LC_ALL", "de_DE.UTF-8@euro", 1);
	CU_ASSERT_TRUE(lang_env_utf8(name, sizeof name));
	setenv("LC_ALL", "C", 1);
	CU_ASSERT_FALSE(lang_env_utf8(name, sizeof name));
	CU_ASSERT_TRUE(lang_parse("ja", &l) && l == LANG_JA);
	CU_ASSERT_TRUE(lang_parse("en", &l) && l == LANG_EN);
	CU_ASSERT_FALSE(lang_parse("jp", &l));
	CU_ASSERT_STRING_EQUAL(lang_code(LANG_JA), "ja");
	for (i = 0; i < 4; i++) {
		if (saved[i])
			setenv(vars[i], saved[i], 1);
		else
			unsetenv(vars[i]);
		free(saved[i]);
	}
}

static const test_case_t cases[] = {
	{ "printf conversions compared", test_conversions_parser },
	{ "the interface's catalogue: both languages, same formats", test_ui_catalogue },
	{ "the key table in both languages", test_ui_keys },
	{ "steps, alerts and secret rows in both languages", test_steps_alerts_rows },
	{ "every kind of failure has a Japanese reason", test_diagnosis_rows },
	{ "the language and the locale's character set from the environment", test_env },
	{ NULL, NULL },
};

const test_suite_t test_lang_suite = { "lang", cases };
