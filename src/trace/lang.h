/* lang.h - the language the interface speaks, English or Japanese: one
 * choice (from --lang, else the locale) that views pass down, and the
 * rule every string table with a Japanese column follows (lang_pick).
 * The library only holds the words in both languages; JSON and the other
 * machine outputs stay English whatever the choice (TRACE-FORMAT.md). */
#ifndef TLSTRACE_LANG_H
#define TLSTRACE_LANG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { LANG_EN, LANG_JA, LANG__COUNT } lang_t;

/* LC_ALL, then LC_MESSAGES, then LANG (the first one set decides): a
 * name starting with "ja" is Japanese, anything else English. */
lang_t lang_from_env(void);
/* "en" or "ja"; false for anything else. */
bool lang_parse(const char *s, lang_t *out);
const char *lang_code(lang_t l);

/* A table's column for l: ja when Japanese is asked for and the row has
 * it, else en. */
static inline const char *lang_pick(lang_t l, const char *en, const char *ja)
{
	return l == LANG_JA && ja ? ja : en;
}

/* Whether the environment's locale for LC_CTYPE (LC_ALL, then LC_CTYPE,
 * then LANG; "C" when none is set) names UTF-8 (any spelling) as its
 * character set; its name goes into name.  "C", "POSIX" and "ja_JP"
 * (EUC-JP on glibc) name none: false. */
bool lang_env_utf8(char *name, size_t namelen);

#endif
