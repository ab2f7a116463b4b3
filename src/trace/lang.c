/* lang.c - the interface's language from the environment, and what the
 * environment's locale says of its character set (see lang.h).  Reads the
 * environment only; never sets the locale, never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lang.h"

static const char *lang_env_first(const char *const *vars, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *v = getenv(vars[i]);
		if (v && v[0])
			return v;
	}
	return NULL;
}

lang_t lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = lang_env_first(vars, sizeof vars / sizeof vars[0]);

	return v && strncmp(v, "ja", 2) == 0 ? LANG_JA : LANG_EN;
}

bool lang_parse(const char *s, lang_t *out)
{
	if (strcmp(s, "en") == 0)
		*out = LANG_EN;
	else if (strcmp(s, "ja") == 0)
		*out = LANG_JA;
	else
		return false;
	return true;
}

const char *lang_code(lang_t l)
{
	return l == LANG_JA ? "ja" : "en";
}

bool lang_env_utf8(char *name, size_t namelen)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v = lang_env_first(vars, sizeof vars / sizeof vars[0]);
	const char *dot, *at;
	size_t n;
	char cs[64];

	if (!v)
		v = "C";
	snprintf(name, namelen, "%s", v);
	dot = strchr(v, '.');
	if (!dot)
		return false;   /* "C", "POSIX", "ja_JP" (EUC-JP on glibc) */
	at = strchr(dot, '@');
	n = at ? (size_t)(at - dot - 1) : strlen(dot + 1);
	if (n >= sizeof cs)
		return false;
	memcpy(cs, dot + 1, n);
	cs[n] = '\0';
	return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0;
}
