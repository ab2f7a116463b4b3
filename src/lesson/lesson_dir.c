/* lesson_dir.c - where the lesson files are and which lessons there are:
 * $TLSTRACE_LESSONS, next to the executable (a build tree), relative to
 * it as installed (bin/../share/tlstrace/lessons), or the install prefix
 * compiled in.  Reads directories and files; prints nothing. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lesson.h"
#include "base/vec.h"

static bool lesson_dir_ok(const char *base)
{
	char p[PATH_MAX];
	struct stat st;

	if (snprintf(p, sizeof p, "%s/en", base) >= (int)sizeof p)
		return false;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

err_t lesson_dir(char *out, size_t cap, char *why, size_t whylen)
{
	char exe[PATH_MAX], cand[4][PATH_MAX];
	const char *env = getenv("TLSTRACE_LESSONS");
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	size_t k = 0, i;

	if (env && env[0])
		snprintf(cand[k++], PATH_MAX, "%s", env);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		snprintf(cand[k++], PATH_MAX, "%.*s/lessons", PATH_MAX - 16, exe);
		snprintf(cand[k++], PATH_MAX, "%.*s/../share/tlstrace/lessons", PATH_MAX - 32, exe);
	}
	snprintf(cand[k++], PATH_MAX, "%s", TLSTRACE_LESSONS_DIR);
	for (i = 0; i < k; i++) {
		if (lesson_dir_ok(cand[i])) {
			if (strlen(cand[i]) >= cap)
				break;
			strcpy(out, cand[i]);
			return ERR_OK;
		}
	}
	err_why(why, whylen, "no lessons found: looked in");
	for (i = 0; i < k; i++)
		err_why_append(why, whylen, "%s %s", i ? "," : "", cand[i]);
	err_why_append(why, whylen, " (set TLSTRACE_LESSONS to the folder holding en/ and ja/)");
	return ERR_IO;
}

static int lesson_cmp(const void *a, const void *b)
{
	const lesson_t *x = *(lesson_t *const *)a, *y = *(lesson_t *const *)b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->name, y->name);
}

static err_t lesson_load_why(const char *path, lesson_lang_t lang, lesson_t **out, char *why, size_t whylen)
{
	lesson_error_t le;
	err_t e = lesson_load(path, lang, out, &le);

	if (e == ERR_IO)
		err_why(why, whylen, "%s: %s", path, strerror(errno));
	else if (e != ERR_OK && le.line)
		err_why(why, whylen, "%s:%d: %s", path, le.line, le.msg);
	else if (e != ERR_OK)
		err_why(why, whylen, "%s: %s", path, le.msg[0] ? le.msg : err_str(e));
	return e;
}

err_t lesson_list(const char *base, lesson_lang_t lang, lesson_t ***out, size_t *n, char *why, size_t whylen)
{
	char dir[PATH_MAX], path[PATH_MAX];
	lesson_t **v = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *d;
	DIR *dp;
	err_t e = ERR_OK;

	*out = NULL;
	*n = 0;
	snprintf(dir, sizeof dir, "%s/%s", base, lesson_lang_code(lang));
	dp = opendir(dir);
	if (!dp) {
		err_why(why, whylen, "%s: %s", dir, strerror(errno));
		return ERR_IO;
	}
	while (e == ERR_OK && (d = readdir(dp)) != NULL) {
		size_t len = strlen(d->d_name);
		lesson_t **nv;
		if (d->d_name[0] == '.' || len < 8 || strcmp(d->d_name + len - 7, ".lesson") != 0)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, d->d_name) >= (int)sizeof path)
			continue;
		nv = vec_grow(v, &cap, cnt + 1, sizeof *v);
		if (!nv) {
			e = ERR_NOMEM;
			break;
		}
		v = nv;
		e = lesson_load_why(path, lang, &v[cnt], why, whylen);
		if (e == ERR_OK)
			cnt++;
	}
	closedir(dp);
	if (e != ERR_OK) {
		lesson_list_free(v, cnt);
		return e;
	}
	if (cnt)
		qsort(v, cnt, sizeof *v, lesson_cmp);
	*out = v;
	*n = cnt;
	return ERR_OK;
}

void lesson_list_free(lesson_t **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lesson_free(v[i]);
	free(v);
}

err_t lesson_open(const char *base, lesson_lang_t lang, const char *name, lesson_t **out, char *why, size_t whylen)
{
	char path[PATH_MAX];
	struct stat st;
	const char *c;

	*out = NULL;
	for (c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			break;
	if (!name[0] || *c || snprintf(path, sizeof path, "%s/%s/%s.lesson", base, lesson_lang_code(lang), name)
	    >= (int)sizeof path || stat(path, &st) != 0) {
		err_why(why, whylen, "there is no lesson '%s' (tlstrace lessons lists them)", name);
		return ERR_BAD_VALUE;
	}
	return lesson_load_why(path, lang, out, why, whylen);
}
