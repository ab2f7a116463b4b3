/* cli_html.c - --html on the command line: the page's file opened the
 * careful way before anything runs (base/secfile.h: it holds secrets),
 * the page formatted by the HTML view (out/html.h) and written; the one
 * handshake of a capture picked for the page or a lesson (--connection);
 * and `read --html`.  Command-line code: it prints and returns exit
 * statuses; the view never touches a file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "base/secfile.h"
#include "out/json.h"
#include "out/summary.h"
#include "out/text.h"

int cli_html_open(const char *path, bool force, int *fd)
{
	char why[512] = "";

	if (secfile_open(path, force ? SECFILE_REPLACE : SECFILE_NEW, fd, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the page: %s\n", why);
		return 1;
	}
	return 0;
}

int cli_html_write(int fd, const char *path, const conn_t *c, const handshake_t *h, const html_opts_t *ho)
{
	buf_t page = { 0 };
	size_t off = 0;
	int rc = 0;

	if (html_handshake(&page, c, h, ho) != ERR_OK) {
		fprintf(stderr, "tlstrace: out of memory for the page\n");
		rc = 1;
	}
	while (!rc && off < page.len) {
		ssize_t n = write(fd, page.ptr + off, page.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "tlstrace: cannot write the page %s: %s\n", path, strerror(errno));
			rc = 1;
			break;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0 && !rc) {
		fprintf(stderr, "tlstrace: cannot write the page %s: %s\n", path, strerror(errno));
		rc = 1;
	}
	buf_free(&page);
	return rc;
}

html_lang_t cli_html_lang(lesson_lang_t lang)
{
	return lang == LESSON_JA ? HTML_JA : HTML_EN;
}

static int cli_capture_pick_started(const source_t *src, const cli_opts_t *o, const conn_t **c,
				    const handshake_t **h)
{
	size_t i, n = source_count(src), total = 0;
	const conn_t *first = NULL;

	for (i = 0; i < n; i++) {
		const conn_t *k = source_conn(src, i);
		if (k->nhs && !first)
			first = k;
		total += k->nhs;
	}
	if (!first) {
		if (o->connection >= 0)
			fprintf(stderr, "tlstrace: %s has no TLS handshake in connection %ld\n", o->capture_path, o->connection);
		else
			fprintf(stderr, "tlstrace: %s holds no TLS handshake\n", o->capture_path);
		return 1;
	}
	if (o->connection < 0 && total > 1) {
		fprintf(stderr, "tlstrace: %s holds %zu handshakes; choose one with --connection N "
			"(tlstrace read %s --summary lists them)\n", o->capture_path, total, o->capture_path);
		return CLI_EXIT_USAGE;
	}
	if (first->nhs > 1)
		fprintf(stderr, "tlstrace: connection %u has %zu handshakes; the first is used\n", first->id, first->nhs);
	*c = first;
	*h = first->hs[0];
	return 0;
}

int cli_capture_pick(source_t *src, const cli_opts_t *o, const conn_t **c, const handshake_t **h)
{
	char why[256] = "";

	if (source_start(src, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: %s: %s\n", o->capture_path, why[0] ? why : "cannot be read");
		return 1;
	}
	if (source_warning(src)[0])
		fprintf(stderr, "tlstrace: %s: %s\n", o->capture_path, source_warning(src));
	return cli_capture_pick_started(src, o, c, h);
}

/* The page of one handshake of the capture; with a view option, that view
 * of the same handshake on standard output. */
int cmd_read_html(const cli_opts_t *o)
{
	keylog_t *kl = NULL;
	rsakey_t *rsa = NULL;
	source_t *src = NULL;
	const conn_t *c;
	const handshake_t *h;
	html_opts_t ho = { cli_html_lang(o->lang), NULL, o->capture_path, NULL, NULL };
	buf_t out = { 0 };
	err_t e = ERR_OK;
	int fd = -1, rc = cmd_read_open(o, false, &kl, &rsa, &src);

	if (!rc)
		rc = cli_capture_pick(src, o, &c, &h);
	if (!rc)
		rc = cli_html_open(o->html_path, false, &fd);
	if (!rc)
		rc = cli_html_write(fd, o->html_path, c, h, &ho);
	if (!rc && o->view != VIEW_AUTO && o->view != VIEW_NONE) {
		switch (o->view) {
		case VIEW_JSON:    e = json_handshake(&out, c, h, o->json_flags); break;
		case VIEW_SUMMARY: e = summary_handshake(&out, c, h); break;
		default:           e = text_handshake(&out, c, h); break;
		}
		if (e != ERR_OK || fwrite(out.ptr, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
			fprintf(stderr, "tlstrace: writing the output failed\n");
			rc = 1;
		}
	}
	buf_free(&out);
	cmd_read_close(src, rsa, kl);
	return rc;
}
