/* cmd_sniff.c - the sniff command: opens an interface as a source
 * (source_sniff.h), follows the key log, and prints each handshake as
 * its connection ends (streaming, flushed at once) until Ctrl-C or
 * --count, or hands the source to the interface, whose list fills live;
 * and its row of the command table (cli.h).  The signal handler only
 * stops the capture (a flag and pcap_breakloop).  Command-line code: it
 * prints and chooses exit codes. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "source/source_sniff.h"
#include "out/json.h"
#include "ui/ui.h"

typedef cli_stream_t sniff_emit_t;

/* The source the signal handler stops (set while a capture runs). */
static source_t *volatile sniff_running;

static void sniff_on_signal(int sig)
{
	(void)sig;
	if (sniff_running)
		source_sniff_stop(sniff_running);
}

/* Each handshake as its connection ends (cli_stream_flush writes them
 * each time the writer thread has nothing more waiting). */
static void sniff_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	cli_stream_emit(ctx, c, h);
	if (h->sec.rsa_key_mismatch)
		fprintf(stderr, "tlstrace: connection %u: the --rsa-key does not belong to the server's certificate\n", c->id);
}

/* The key log followed and the RSA key; 0 or an exit status. */
static int sniff_load_evidence(const cli_opts_t *o, keylog_t **kl, rsakey_t **rsa)
{
	keylog_stats_t st;
	err_t e;

	*kl = NULL;
	*rsa = NULL;
	if (o->keylog_path) {
		if (!(*kl = keylog_new()))
			return 1;
		e = keylog_follow(*kl, o->keylog_path, &st);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: cannot read the key log %s: %s\n", o->keylog_path,
				e == ERR_IO ? strerror(errno) : err_str(e));
			return 1;
		}
		if (access(o->keylog_path, F_OK) != 0)
			fprintf(stderr, "tlstrace: %s does not exist yet: it is read as soon as it is written\n",
				o->keylog_path);
	}
	if (o->rsa_key_path) {
		e = rsakey_load(o->rsa_key_path, rsa);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: cannot use %s as an RSA private key: %s\n", o->rsa_key_path,
				e == ERR_IO ? strerror(errno) : "not an unencrypted PEM RSA private key");
			return 1;
		}
	}
	return 0;
}

/* Why the interface did not open, in one line, with what to do. */
static void sniff_open_failed(live_capture_fail_t fail, const char *why)
{
	char self[PATH_MAX];
	ssize_t n;

	if (fail != LIVE_CAPTURE_FAIL_PERM) {
		fprintf(stderr, "tlstrace: %s\n", why);
		return;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		snprintf(self, sizeof self, "%s", "$(command -v tlstrace)");
	else
		self[n] = '\0';
	fprintf(stderr, "tlstrace: %s; run it as root, or let it capture with: sudo setcap cap_net_raw,cap_net_admin=eip %s\n",
		why, self);
}

/* Evidence and interface together; 0, or the exit status with the
 * message printed (the caller frees what was made). */
static int sniff_open(const cli_opts_t *o, bool lean, keylog_t **kl, rsakey_t **rsa, source_t **src)
{
	source_sniff_opts_t so = { .device = o->iface, .bpf = o->filter, .write_pcap = o->write_pcap,
				   .lean = lean, .count = o->count };
	live_capture_fail_t fail;
	char why[512] = "";
	int rc = sniff_load_evidence(o, kl, rsa);

	*src = NULL;
	if (rc)
		return rc;
	so.keylog = *kl;
	so.rsa = *rsa;
	if (source_sniff_new(&so, src, &fail, why, sizeof why) != ERR_OK) {
		sniff_open_failed(fail, why[0] ? why : "out of memory");
		return 1;
	}
	return 0;
}

static int sniff_ui(const cli_opts_t *o)
{
	keylog_t *kl = NULL;
	rsakey_t *rsa = NULL;
	source_t *src = NULL;
	char why[256] = "";
	err_t e;
	int rc = sniff_open(o, false, &kl, &rsa, &src);

	if (!rc) {
		e = source_start(src, why, sizeof why);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: %s: %s\n", source_label(src), why[0] ? why : err_str(e));
			rc = 1;
		} else {
			rc = ui_run(src, &o->ui);
		}
	}
	source_free(src);
	rsakey_free(rsa);
	keylog_free(kl);
	return rc;
}

static int sniff_stream(const cli_opts_t *o)
{
	keylog_t *kl = NULL;
	rsakey_t *rsa = NULL;
	source_t *src = NULL;
	sniff_emit_t em = { o->view, o->json_flags, { 0 }, false };
	struct sigaction sa, old_int, old_term;
	char why[256] = "";
	err_t e;
	int rc = sniff_open(o, (o->view == VIEW_JSON && !(o->json_flags & JSON_FIELDS)) || o->view == VIEW_SUMMARY,
			    &kl, &rsa, &src);

	if (!rc) {
		const analyze_result_t *res;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = sniff_on_signal;
		sigemptyset(&sa.sa_mask);
		sniff_running = src;
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "tlstrace: %s%s%s: Ctrl-C ends it\n", source_label(src),
				o->filter ? ", filter " : "", o->filter ? o->filter : "");
		e = source_run(src, sniff_emit, cli_stream_flush, &em, why, sizeof why);
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sniff_running = NULL;
		cli_stream_flush(&em);
		res = source_sniff_result(src);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: %s: %s\n", source_label(src), why[0] ? why : err_str(e));
			rc = 1;
		} else if (res && res->handshakes == 0) {
			fprintf(stderr, "tlstrace: %s: no TLS handshake seen (%llu packets captured)\n",
				source_label(src), (unsigned long long)res->capture.frames);
		}
		if (source_warning(src)[0])
			fprintf(stderr, "tlstrace: %s: %s\n", source_label(src), source_warning(src));
	}
	if (em.failed) {
		fprintf(stderr, "tlstrace: writing the output failed\n");
		rc = 1;
	}
	source_free(src);
	buf_free(&em.out);
	rsakey_free(rsa);
	keylog_free(kl);
	return rc;
}

/* ---- the row ---- */

static err_t cmd_sniff_set_count(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	char *end;

	errno = 0;
	o->count = strtoul(value, &end, 10);
	if (errno || *end || end == value || value[0] == '-' || o->count == 0) {
		err_why(why, whylen, "%s takes a number of handshakes (1, 2, ...), not '%s'", opt->name, value);
		return ERR_BAD_VALUE;
	}
	return ERR_OK;
}

static const cli_opt_t cmd_sniff_opts[] = {
	{ "-i", "IFACE", "the interface to capture on (lo, eth0, any); default:\nlibpcap's first",
	  cli_set_string, .field = offsetof(cli_opts_t, iface) },
	{ "--filter", "BPF", "a libpcap filter run in the kernel (\"tcp port 443\")",
	  cli_set_string, .field = offsetof(cli_opts_t, filter) },
	{ "--keylog", "FILE", "NSS key log to decrypt with, followed as it is written\n"
	  "(a browser's or curl's SSLKEYLOGFILE); packets wait\n0.5 s so its lines can arrive",
	  cli_set_string, .field = offsetof(cli_opts_t, keylog_path) },
	{ "--rsa-key", "PEM", "the server's RSA private key: recovers RSA premasters",
	  cli_set_string, .field = offsetof(cli_opts_t, rsa_key_path) },
	{ "--count", "N", "exit (status 0) after N handshakes", .set = cmd_sniff_set_count },
	{ "--write-pcap", "FILE", "also save every packet captured (pcap), for `read`",
	  cli_set_string, .field = offsetof(cli_opts_t, write_pcap) },
	CLI_OPT_TEXT("a readable transcript (the default off a terminal)"),
	CLI_OPTS_VIEWS,
	CLI_OPTS_UI,
	{ .name = NULL },
};

/* A terminal gets the interface; a pipe or a file the text view. */
static int cmd_sniff_run(cli_opts_t *o)
{
	return cli_view_or_ui(o, sniff_ui, sniff_stream);
}

const cli_cmd_t cmd_sniff_row = {
	.name = "sniff",
	.summary = "trace the TLS handshakes crossing a network interface",
	.more = "Each connection is written when it ends; Ctrl-C stops, reporting the\n"
		"connections still open as incomplete.  Capturing needs root or the\n"
		"CAP_NET_RAW capability.  Example:\n"
		"  tlstrace sniff -i lo --filter 'tcp port 8443' --json\n",
	.opts = cmd_sniff_opts,
	.run = cmd_sniff_run,
};
