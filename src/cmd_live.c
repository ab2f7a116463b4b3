/* cmd_live.c - the live command: makes a live source (the in-process
 * handshake) and hands it to the chosen view or to the interface, writes
 * the key log and the capture; and the scenarios list; with their rows of
 * the command table (cli.h).  Command-line code: it prints and chooses
 * exit codes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "base/secfile.h"
#include "capture/pcapng_write.h"
#include "live/cfg.h"
#include "live/scenario.h"
#include "out/json.h"
#include "out/summary.h"
#include "out/text.h"
#include "source/source_live.h"
#include "ui/ui.h"

/* The run as a capture: the key log first (Wireshark applies secrets to
 * the packets after them), then one TCP connection per connection of the
 * run (--resume: a second one, from the next client port), each carrying
 * its flights.  Closes w. */
static int live_write_pcap(pcapngw_t *w, const char *path, const source_t *src)
{
	pcapngw_endpoint_t client = { .ip = PCAPNGW_LOCALHOST, .port = 50000 }, server = { .ip = PCAPNGW_LOCALHOST, .port = 443 };
	const buf_t *keylog = source_live_keylog(src);
	unsigned i, n;
	const liverun_flight_t *tape = source_live_tape(src, &n);
	double t0 = n ? tape[0].time : 0;
	char why[256] = "";
	err_t e;

	e = pcapngw_secrets(w, keylog ? keylog->ptr : NULL, keylog ? keylog->len : 0);
	if (e == ERR_OK)
		e = pcapngw_tcp_open(w, client, server, t0);
	for (i = 0; e == ERR_OK && i < n; i++) {
		if (i > 0 && tape[i].conn != tape[i - 1].conn) {
			e = pcapngw_tcp_close(w, tape[i - 1].time);
			client.port = (uint16_t)(50000 + tape[i].conn);
			if (e == ERR_OK)
				e = pcapngw_tcp_open(w, client, server, tape[i].time);
			if (e != ERR_OK)
				break;
		}
		e = pcapngw_tcp_data(w, tape[i].sender, tape[i].bytes.ptr, tape[i].bytes.len, tape[i].time);
	}
	if (e == ERR_OK)
		e = pcapngw_tcp_close(w, n ? tape[n - 1].time : t0);
	if (pcapngw_close(w, why, sizeof why) != ERR_OK && e == ERR_OK)
		e = ERR_IO;
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the capture %s: %s\n", path, why[0] ? why : err_str(e));
		return 1;
	}
	return 0;
}

typedef struct {
	view_t view;
	unsigned json_flags;
	buf_t out;
	err_t err;               /* the first formatting error */
} live_emit_t;

/* Every handshake of the run, formatted into one buffer written at the end. */
static void live_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	live_emit_t *m = ctx;

	if (m->err != ERR_OK || m->view == VIEW_NONE)
		return;
	switch (m->view) {
	case VIEW_JSON:    m->err = json_handshake(&m->out, c, h, m->json_flags); break;
	case VIEW_SUMMARY: m->err = summary_handshake(&m->out, c, h); break;
	default:           m->err = text_handshake(&m->out, c, h); break;
	}
}

/* A live source for these settings, started; NULL (and the message
 * printed, *rc set) when it cannot start. */
static source_t *live_source(const cli_opts_t *o, bool usage_text, int *rc)
{
	source_t *src = NULL;
	char why[256] = "";
	err_t e = source_live_new(&o->live, o->write_pcap != NULL, &src);

	if (e == ERR_OK)
		e = source_start(src, why, sizeof why);
	if (e == ERR_OK)
		return src;
	source_free(src);
	*rc = e == ERR_BAD_VALUE || e == ERR_UNSUPPORTED ? CLI_EXIT_USAGE : 1;
	if (*rc == CLI_EXIT_USAGE && usage_text)
		fprintf(stderr, "tlstrace: %s\n%s", why[0] ? why : err_str(e), cli_usage_text);
	else
		fprintf(stderr, "tlstrace: cannot start the live handshake: %s\n", why[0] ? why : err_str(e));
	return NULL;
}

int cmd_live(const cli_opts_t *o)
{
	live_emit_t em = { o->view, o->json_flags, { 0 }, ERR_OK };
	cli_files_t files;
	char why[256] = "";
	source_t *src;
	err_t e;
	int html_fd = -1, rc = cli_files_open(o, &files);

	if (rc)
		return rc;
	if (o->html_path && cli_html_open(o->html_path, o->force, &html_fd) != 0)
		rc = 1;
	src = rc ? NULL : live_source(o, true, &rc);
	if (!src) {
		if (html_fd >= 0)
			close(html_fd);
		if (files.keylog_fd >= 0)
			close(files.keylog_fd);
		if (files.pcap && pcapngw_close(files.pcap, why, sizeof why) != ERR_OK)
			fprintf(stderr, "tlstrace: %s\n", why);
		return rc;
	}
	e = source_run(src, live_emit, NULL, &em, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: the live handshake stopped: %s\n", err_str(e));
		rc = 1;
	}
	if (em.err != ERR_OK && rc == 0) {
		fprintf(stderr, "tlstrace: %s\n", err_str(em.err));
		rc = 1;
	}
	if (e == ERR_OK && em.out.len)   /* a run that stopped early prints no trace */
		fwrite(em.out.ptr, 1, em.out.len, stdout);
	if (files.keylog_fd >= 0 && cli_files_keylog(&files, o->keylog_path, source_live_keylog(src)) != 0)
		rc = 1;
	if (files.pcap && live_write_pcap(files.pcap, o->write_pcap, src) != 0)
		rc = 1;
	if (source_conn(src, 0)->nhs == 0) {
		fprintf(stderr, "tlstrace: nothing was exchanged\n");
		rc = 1;
		if (html_fd >= 0)
			close(html_fd);
	} else if (html_fd >= 0) {
		html_opts_t ho = { cli_html_lang(o->lang), NULL, NULL, NULL, NULL };
		if (cli_html_write(html_fd, o->html_path, source_conn(src, 0), source_conn(src, 0)->hs[0], &ho) != 0)
			rc = 1;
	}
	buf_free(&em.out);
	source_free(src);
	live_shutdown();
	return rc;
}

/* The live handshake in the interface, one flight at a time; --keylog
 * and --write-pcap get the run shown last (r runs it again) when the
 * interface closes, as far as it went. */
int cmd_live_ui(const cli_opts_t *o)
{
	cli_files_t files;
	char why[256] = "";
	int rc = cli_files_open(o, &files);
	source_t *src = rc ? NULL : live_source(o, false, &rc);

	if (src) {
		rc = ui_run(src, &o->ui);
		if (files.keylog_fd >= 0 && cli_files_keylog(&files, o->keylog_path, source_live_keylog(src)) != 0)
			rc = 1;
		if (files.pcap && live_write_pcap(files.pcap, o->write_pcap, src) != 0)
			rc = 1;
		files.pcap = NULL;
		source_free(src);
	}
	if (files.keylog_fd >= 0)
		close(files.keylog_fd);
	if (files.pcap && pcapngw_close(files.pcap, why, sizeof why) != ERR_OK)
		fprintf(stderr, "tlstrace: %s\n", why);
	live_shutdown();
	return rc;
}

/* tlstrace scenarios: one line each, from the scenario table. */
int cmd_scenarios(void)
{
	size_t i, w = 0;

	for (i = 0; i < scenario_count(); i++)
		if (strlen(scenario_at(i)->name) > w)
			w = strlen(scenario_at(i)->name);
	for (i = 0; i < scenario_count(); i++) {
		const scenario_t *sc = scenario_at(i);
		printf("%-*s  %s (fails at step %d, detected by the %s)\n", (int)w, sc->name, sc->summary, sc->step,
		       sc->sender == SIDE_SERVER ? "server" : "client");
	}
	return 0;
}

/* ---- the rows ---- */

static const cli_opt_t cmd_live_opts[] = {
	{ "--tls", "1.0|1.1|1.2|1.3", "the protocol version (default 1.2)", cli_set_live, .key = "tls" },
	{ "--kx", "rsa|ecdhe|dhe", "rsa (the default up to TLS 1.2), ecdhe or dhe",
	  cli_set_live, .key = "kx" },
	{ "--cipher", "NAME", "a cipher (AES-256-GCM, CHACHA20-POLY1305, ...) or a\n"
	  "full IANA suite name (TLS_RSA_WITH_AES_128_CBC_SHA)", cli_set_live, .key = "cipher" },
	{ "--client-auth", NULL, "the server asks for a client certificate; the\nclient sends one",
	  cli_set_live, .key = "client-auth" },
	{ "--ems", NULL, "extended master secret (RFC 7627)", cli_set_live, .key = "ems" },
	{ "--resume", "ticket|session-id", "run a full handshake, then a second connection that\n"
	  "resumes its session (TLS 1.3: ticket only, a PSK\nwith (EC)DHE); both are traced", cli_set_live,
	  .key = "resume" },
	{ "--hrr", NULL, "TLS 1.3: the client's first key share is for a group\nthe server does not take: "
	  "a real HelloRetryRequest", cli_set_live, .key = "hrr" },
	{ "--scenario", "NAME", "run a failure scenario (tlstrace scenarios lists\n"
	  "them): it sets its own versions, suites and\ncertificates; the trace says where and why it breaks",
	  cli_set_live, .key = "scenario" },
	{ "--keylog", "FILE", "append the session's secrets to FILE in NSS key log\nformat (created with mode 0600)",
	  cli_set_string, .field = offsetof(cli_opts_t, keylog_path) },
	{ "--write-pcap", "FILE", "save the run as pcapng (loopback, TCP port 443), the\n"
	  "key log embedded: Wireshark opens and decrypts it",
	  cli_set_string, .field = offsetof(cli_opts_t, write_pcap) },
	{ "--force", NULL, "with --write-pcap or --html: replace FILE if it exists",
	  cli_set_flag, .field = offsetof(cli_opts_t, force) },
	CLI_OPT_TEXT("a readable transcript (the default off a terminal)"),
	CLI_OPTS_VIEWS,
	CLI_OPT_HTML("write the handshake (with --resume: the first) as a\nself-contained HTML page; alone, nothing else is\nprinted (add --text or --json for both)"),
	CLI_OPTS_UI,
	{ .name = NULL },
};

static err_t cmd_live_check(cli_opts_t *o, char *why, size_t whylen)
{
	return live_cfg_check(&o->live, why, whylen);
}

/* A terminal gets the interface; a pipe or a file the text view. */
static int cmd_live_run(cli_opts_t *o)
{
	if (o->view == VIEW_AUTO && o->html_path)
		o->view = VIEW_NONE;
	return cli_view_or_ui(o, cmd_live_ui, cmd_live);
}

const cli_cmd_t cmd_live_row = {
	.name = "live",
	.summary = "run a handshake in-process and trace it",
	.more = "Defaults give the classic handshake: TLS 1.2, RSA key exchange,\n"
		"TLS_RSA_WITH_AES_128_CBC_SHA256, no extended master secret.\n",
	.opts = cmd_live_opts,
	.check = cmd_live_check,
	.run = cmd_live_run,
};

static int cmd_scenarios_run(cli_opts_t *o)
{
	(void)o;
	return cmd_scenarios();
}

const cli_cmd_t cmd_scenarios_row = {
	.name = "scenarios",
	.summary = "list the failure scenarios (real handshakes that break)",
	.run = cmd_scenarios_run,
};
