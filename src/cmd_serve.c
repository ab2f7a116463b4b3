/* cmd_serve.c - the serve command: tlstrace's server on a real port, its
 * clients traced.  It makes a serve source (source/source_serve.h) from
 * the options, writes the demo CA for --export-ca, prints each handshake
 * as its client is over (streaming, flushed at once) until Ctrl-C or
 * --count, or hands the source to the interface, whose list fills as
 * clients come; each client's key log lines and packets go to --keylog
 * and --write-pcap as it is taken in.  The signal handler only stops the
 * server (a byte on a pipe).  And its row of the command table (cli.h).
 * Command-line code: it prints and chooses exit codes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "out/json.h"
#include "ui/ui.h"

typedef struct {
	cli_stream_t st;         /* first: the emit and idle functions' ctx; view VIEW_NONE in
	                            the interface: nothing on the terminal */
	const cli_opts_t *o;
	cli_files_t files;
} serve_run_t;

/* The source the signal handler stops (set while serving). */
static source_t *volatile serve_running;

static void serve_on_signal(int sig)
{
	(void)sig;
	if (serve_running)
		source_serve_stop(serve_running);
}

/* Each client as it is taken in: its secrets and packets to the files,
 * and, off the interface, a line for a client that never started TLS. */
static void serve_on_client(void *ctx, const net_serve_client_t *cl, const conn_t *c)
{
	serve_run_t *m = ctx;
	size_t off = 0;

	while (m->files.keylog_fd >= 0 && off < cl->keylog_text.len) {
		ssize_t n = write(m->files.keylog_fd, cl->keylog_text.ptr + off, cl->keylog_text.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", m->o->keylog_path, strerror(errno));
			m->st.failed = true;
			break;
		}
		off += (size_t)n;
	}
	if (m->files.pcap && cl->nchunks &&
	    cli_pcap_flow(m->files.pcap, cl->peer_ip, cl->peer_port, cl->local_ip, cl->local_port, cl->chunks,
			  cl->nchunks, &cl->keylog_text) != ERR_OK)
		m->st.failed = true;
	/* a connection closed without a byte (a browser's spare, a port
	 * probe) is not news; one cut off or speaking something else is */
	if (!c && m->st.view != VIEW_NONE && (cl->nchunks || cl->cut != NET_SERVE_CUT_NONE)) {
		char first[48];
		size_t i, k = 0;
		for (i = 0; i < cl->nchunks && cl->chunks[i].sender != SIDE_CLIENT; i++)
			;
		for (size_t j = 0; i < cl->nchunks && j < cl->chunks[i].bytes.len && k + 5 < sizeof first; j++) {
			uint8_t b = cl->chunks[i].bytes.ptr[j];
			if (b == '\r' || b == '\n')
				break;   /* its first line says enough */
			k += (size_t)snprintf(first + k, sizeof first - k, b >= 32 && b < 127 ? "%c" : "\\x%02x", b);
		}
		first[k] = '\0';
		if (k)
			fprintf(stderr, "tlstrace: %s port %u is not speaking TLS: it sent \"%s\"%s\n", cl->peer_ip,
				cl->peer_port, first, strncmp(first, "GET ", 4) == 0 || strncmp(first, "HEAD ", 5) == 0 ?
				" (plain HTTP: the address needs https://)" : "");
		else
			fprintf(stderr, "tlstrace: %s port %u: %s\n", cl->peer_ip, cl->peer_port,
				cl->why[0] ? cl->why : "sent nothing");
	}
}

static void serve_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	cli_stream_emit(ctx, c, h);
}

/* --export-ca: the demo CA, a new file (or replaced with --force). */
static int serve_export_ca(const cli_opts_t *o, const source_t *src)
{
	buf_t pem = { 0 };
	char why[512] = "";
	int fd, rc = 0;
	size_t off = 0;

	if (net_serve_ca_pem(source_serve_server(src), &pem) != ERR_OK) {
		fprintf(stderr, "tlstrace: --export-ca: with --cert there is no demo CA to export\n");
		return 1;
	}
	if (secfile_open(o->serve.export_ca, o->force ? SECFILE_REPLACE : SECFILE_NEW, &fd, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the CA: %s\n", why);
		buf_free(&pem);
		return 1;
	}
	while (off < pem.len) {
		ssize_t n = write(fd, pem.ptr + off, pem.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = 1;
			break;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0 || rc) {
		fprintf(stderr, "tlstrace: cannot write the CA %s: %s\n", o->serve.export_ca, strerror(errno));
		rc = 1;
	}
	buf_free(&pem);
	return rc;
}

/* Files, source, CA; 0, or 1 with the message printed (the caller frees
 * what was made with serve_close). */
static int serve_open(serve_run_t *m, source_t **src)
{
	const cli_opts_t *o = m->o;
	source_serve_cfg_t cfg = o->serve.cfg;
	char why[512] = "";
	const net_serve_t *srv;
	err_t e;

	*src = NULL;
	if (cli_files_open(o, &m->files) != 0)
		return 1;
	cfg.lean = (o->view == VIEW_JSON && !(o->json_flags & JSON_FIELDS)) || o->view == VIEW_SUMMARY;
	e = source_serve_new(&cfg, serve_on_client, m, src, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: serve: %s\n", why[0] ? why : err_str(e));
		return 1;
	}
	if (o->serve.export_ca && serve_export_ca(o, *src) != 0)
		return 1;
	srv = source_serve_server(*src);
	fprintf(stderr, "tlstrace: serving TLS on %s", net_serve_where(srv));
	if (net_serve_names(srv)[0])
		fprintf(stderr, "; the demo certificate names %s%s%s", net_serve_names(srv),
			o->serve.export_ca ? "; clients trust it with the CA in " : "",
			o->serve.export_ca ? o->serve.export_ca : "");
	fprintf(stderr, "; Ctrl-C ends it\n");
	return 0;
}

static int serve_close(serve_run_t *m, source_t *src, int rc)
{
	char why[256] = "";
	const net_serve_t *srv = src ? source_serve_server(src) : NULL;
	unsigned long refused = srv ? net_serve_refused(srv) : 0;

	if (srv && m->st.view != VIEW_NONE && refused)
		fprintf(stderr, "tlstrace: serve: %lu connection%s refused: %u clients were connected already "
			"(--max-clients)\n", refused, refused == 1 ? "" : "s", m->o->serve.cfg.net.max_clients ?
			m->o->serve.cfg.net.max_clients : NET_SERVE_MAX_CLIENTS);
	source_free(src);     /* stops the server: every client is taken in or freed */
	if (m->files.keylog_fd >= 0 && close(m->files.keylog_fd) != 0) {
		fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", m->o->keylog_path, strerror(errno));
		rc = 1;
	}
	if (m->files.pcap && pcapngw_close(m->files.pcap, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the capture %s: %s\n", m->o->write_pcap, why);
		rc = 1;
	}
	if (m->st.failed) {
		fprintf(stderr, "tlstrace: writing the output failed\n");
		rc = 1;
	}
	buf_free(&m->st.out);
	live_shutdown();
	return rc;
}

static int serve_views(const cli_opts_t *o)
{
	serve_run_t m = { .st = { o->view, o->json_flags, { 0 }, false }, .o = o, .files = { -1, NULL } };
	struct sigaction sa, old_int, old_term;
	source_t *src = NULL;
	char why[256] = "";
	int rc = serve_open(&m, &src);
	err_t e;

	if (rc)
		return serve_close(&m, src, rc);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = serve_on_signal;
	sigemptyset(&sa.sa_mask);
	serve_running = src;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	e = source_run(src, serve_emit, cli_stream_flush, &m.st, why, sizeof why);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	serve_running = NULL;
	cli_stream_flush(&m.st);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: %s: %s\n", source_label(src), why[0] ? why : err_str(e));
		rc = 1;
	}
	return serve_close(&m, src, rc);
}

static int serve_ui(const cli_opts_t *o)
{
	serve_run_t m = { .st = { .view = VIEW_NONE }, .o = o, .files = { -1, NULL } };
	source_t *src = NULL;
	char why[256] = "";
	int rc = serve_open(&m, &src);
	err_t e;

	if (!rc) {
		e = source_start(src, why, sizeof why);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: %s: %s\n", source_label(src), why[0] ? why : err_str(e));
			rc = 1;
		} else
			rc = ui_run(src, &o->ui);
	}
	return serve_close(&m, src, rc);
}

/* ---- the row ---- */

static err_t serve_number(const char *name, const char *v, unsigned long lo, unsigned long hi, unsigned long *out,
			  char *why, size_t whylen)
{
	char *end;

	errno = 0;
	*out = strtoul(v, &end, 10);
	if (errno || *end || end == v || v[0] == '-' || *out < lo || *out > hi) {
		err_why(why, whylen, "%s takes a number from %lu to %lu, not \"%s\"", name, lo, hi, v);
		return ERR_BAD_VALUE;
	}
	return ERR_OK;
}

static err_t serve_set(cli_opts_t *o, const cli_opt_t *opt, const char *v, char *why, size_t whylen)
{
	net_serve_cfg_t *n = &o->serve.cfg.net;
	unsigned long x;

	if (strcmp(opt->name, "--port") == 0) {
		TRY(serve_number(opt->name, v, 0, 65535, &x, why, whylen));
		n->port = (uint16_t)x;
		o->serve.port_set = true;
	} else if (strcmp(opt->name, "--count") == 0) {
		TRY(serve_number(opt->name, v, 1, 1000000000, &o->serve.cfg.count, why, whylen));
	} else if (strcmp(opt->name, "--max-clients") == 0) {
		TRY(serve_number(opt->name, v, 1, 4096, &x, why, whylen));
		n->max_clients = (unsigned)x;
	} else if (strcmp(opt->name, "--bind") == 0) {
		if (n->nbinds == NET_SERVE_BINDS_MAX) {
			err_why(why, whylen, "at most %d --bind", NET_SERVE_BINDS_MAX);
			return ERR_BAD_VALUE;
		}
		n->binds[n->nbinds++] = v;
	} else if (strcmp(opt->name, "--cipher") == 0) {
		if (n->nciphers == NET_LIST_MAX) {
			err_why(why, whylen, "at most %d --cipher", NET_LIST_MAX);
			return ERR_BAD_VALUE;
		}
		n->ciphers[n->nciphers++] = v;
	} else if (strcmp(opt->name, "--client-auth") == 0) {
		if (strcmp(v, "request") != 0 && strcmp(v, "require") != 0) {
			err_why(why, whylen, "--client-auth takes request or require, not \"%s\"", v);
			return ERR_BAD_VALUE;
		}
		n->client_auth = v[2] == 'q' && v[3] == 'u' && v[4] == 'i' ? NET_AUTH_REQUIRE : NET_AUTH_REQUEST;
	} else if (strcmp(opt->name, "--timeout") == 0) {
		char *end;
		double s = strtod(v, &end);
		if (*end || end == v || !(s > 0 && s <= 3600)) {
			err_why(why, whylen, "--timeout takes seconds (0 < s <= 3600), not \"%s\"", v);
			return ERR_BAD_VALUE;
		}
		n->timeout_ms = (unsigned)(s * 1000 + 0.5);
	} else {
		unsigned bit = net_version_bit(v);
		if (!bit) {
			err_why(why, whylen, "--tls takes 1.0, 1.1, 1.2 or 1.3, not \"%s\"", v);
			return ERR_BAD_VALUE;
		}
		n->versions |= bit;
	}
	return ERR_OK;
}

#define SERVE_FIELD(f) .field = offsetof(cli_opts_t, serve.cfg.net.f)

static const cli_opt_t cmd_serve_opts[] = {
	{ "--port", "N", "listen on port N (default 8443; 0: any free port)", .set = serve_set },
	{ "--bind", "ADDR", "listen on this address only (repeat for more; default:\nevery address, IPv4 and IPv6)",
	  .set = serve_set },
	{ "--cert", "FILE", "present this certificate (PEM) instead of a demo one\nfor server.example, localhost, "
	  "the host name and the\naddresses", cli_set_string, SERVE_FIELD(cert) },
	{ "--key", "FILE", "the certificate's private key (PEM)", cli_set_string, SERVE_FIELD(key) },
	{ "--client-auth", "request|require", "ask clients for a certificate (checked against the\ndemo CA)",
	  .set = serve_set },
	{ "--tls", "1.0|1.1|1.2|1.3", "accept this version (repeat for more; default 1.3\nand 1.2)", .set = serve_set },
	{ "--cipher", "NAME", "accept this cipher (GnuTLS name: AES-128-GCM,\nCHACHA20-POLY1305, AES-128-CBC; repeat for "
	  "more;\ndefault: the AEAD ones)", .set = serve_set },
	{ "--count", "N", "exit (status 0) after N handshakes", .set = serve_set },
	{ "--export-ca", "FILE", "write the demo CA (PEM) for clients to trust", cli_set_string,
	  .field = offsetof(cli_opts_t, serve.export_ca) },
	{ "--timeout", "SECONDS", "cut off a client whose handshake (or request) takes\nlonger (default 10)",
	  .set = serve_set },
	{ "--max-clients", "N", "serve at most N clients at once; more are refused and\ncounted (default 32)",
	  .set = serve_set },
	{ "--keylog", "FILE", "append the server's secrets in NSS key log format\n(mode 0600)",
	  cli_set_string, .field = offsetof(cli_opts_t, keylog_path) },
	{ "--write-pcap", "FILE", "save what crossed each socket as pcapng, the key log\nembedded",
	  cli_set_string, .field = offsetof(cli_opts_t, write_pcap) },
	{ "--force", NULL, "with --write-pcap or --export-ca: replace an existing\nFILE",
	  cli_set_flag, .field = offsetof(cli_opts_t, force) },
	CLI_OPT_TEXT("a readable transcript (the default off a terminal)"),
	CLI_OPTS_VIEWS,
	CLI_OPTS_UI,
	{ .name = NULL },
};

static err_t cmd_serve_check(cli_opts_t *o, char *why, size_t whylen)
{
	net_serve_cfg_t *n = &o->serve.cfg.net;
	net_connect_cfg_t offer = { .versions = n->versions, .nciphers = n->nciphers };
	char prio[512];

	if (!n->cert != !n->key) {
		err_why(why, whylen, "--cert and --key go together");
		return ERR_BAD_VALUE;
	}
	if (n->cert && o->serve.export_ca) {
		err_why(why, whylen, "--export-ca writes the demo CA, which --cert replaces");
		return ERR_BAD_VALUE;
	}
	if (!n->timeout_ms)
		n->timeout_ms = 10000;
	if (!o->serve.port_set)
		n->port = NET_SERVE_PORT;
	memcpy(offer.ciphers, n->ciphers, sizeof offer.ciphers);
	return net_connect_priority(&offer, prio, sizeof prio, why, whylen);
}

static int cmd_serve_run(cli_opts_t *o)
{
	return cli_view_or_ui(o, serve_ui, serve_views);
}

const cli_cmd_t cmd_serve_row = {
	.name = "serve",
	.summary = "serve TLS on a real port and trace each client",
	.more = "tlstrace's GnuTLS server: each client (a browser, curl, a phone) is traced\n"
		"with the server's own key log, and an HTTP request gets a page about the\n"
		"client's own handshake.  Clients are served at once, each within\n"
		"--timeout.  Ctrl-C stops, reporting the clients still connected.  Example:\n"
		"  tlstrace serve --port 8443 --export-ca ca.pem --json\n"
		"  curl --cacert ca.pem https://localhost:8443/\n",
	.opts = cmd_serve_opts,
	.check = cmd_serve_check,
	.run = cmd_serve_run,
};
