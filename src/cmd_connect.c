/* cmd_connect.c - the connect command: tlstrace's client against a real
 * server.  It makes a connect source (source/source_connect.h) from the
 * options and hands it to the chosen view or to the interface, then
 * writes the key log and the capture; with its row of the command table
 * (cli.h).  Command-line code: it prints and chooses exit codes. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "capture/pcapng_write.h"
#include "out/json.h"
#include "out/summary.h"
#include "out/text.h"
#include "ui/ui.h"

typedef struct {
	view_t view;
	unsigned json_flags;
	buf_t out;
	err_t err;
} connect_emit_t;

static void connect_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	connect_emit_t *m = ctx;

	if (m->err != ERR_OK)
		return;
	switch (m->view) {
	case VIEW_JSON:    m->err = json_handshake(&m->out, c, h, m->json_flags); break;
	case VIEW_SUMMARY: m->err = summary_handshake(&m->out, c, h); break;
	default:           m->err = text_handshake(&m->out, c, h); break;
	}
}

static pcapngw_endpoint_t connect_endpoint(const char *ip, uint16_t port)
{
	struct in_addr a;

	return (pcapngw_endpoint_t){ .ip = inet_pton(AF_INET, ip, &a) == 1 ? ntohl(a.s_addr) : PCAPNGW_LOCALHOST, .port = port };
}

/* What crossed the socket as a capture (IPv4; an IPv6 run is written on
 * 127.0.0.1 with its ports), the client's key log embedded.  Closes w. */
static int connect_write_pcap(pcapngw_t *w, const char *path, const net_connect_t *r)
{
	pcapngw_endpoint_t client = connect_endpoint(r->where.local_ip, r->where.local_port);
	pcapngw_endpoint_t server = connect_endpoint(r->where.peer_ip, r->where.peer_port);
	double t0 = r->nchunks ? r->chunks[0].time : 0;
	char why[256] = "";
	size_t i;
	err_t e;

	if (client.ip == server.ip && client.port == server.port)
		server.port++;
	e = pcapngw_secrets(w, r->keylog_text.ptr, r->keylog_text.len);
	if (e == ERR_OK)
		e = pcapngw_tcp_open(w, client, server, t0);
	for (i = 0; e == ERR_OK && i < r->nchunks; i++)
		e = pcapngw_tcp_data(w, r->chunks[i].sender, r->chunks[i].bytes.ptr, r->chunks[i].bytes.len,
				     r->chunks[i].time);
	if (e == ERR_OK)
		e = pcapngw_tcp_close(w, r->nchunks ? r->chunks[r->nchunks - 1].time : t0);
	if (pcapngw_close(w, why, sizeof why) != ERR_OK && e == ERR_OK)
		e = ERR_IO;
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the capture %s: %s\n", path, why[0] ? why : err_str(e));
		return 1;
	}
	return 0;
}

/* The key log and the capture, opened before the run (cli_files_open),
 * filled when there is a run, closed in any case. */
static int connect_files(const cli_opts_t *o, const source_t *src, cli_files_t *f)
{
	static const buf_t none = { 0 };
	const net_connect_t *r = src ? source_connect_record(src) : NULL;
	char why[256] = "";
	int rc = 0;

	if (f->keylog_fd >= 0 && cli_files_keylog(f, o->keylog_path, r ? &r->keylog_text : &none) != 0)
		rc = 1;
	if (f->pcap && r && r->nchunks) {
		if (connect_write_pcap(f->pcap, o->write_pcap, r) != 0)
			rc = 1;
	} else if (f->pcap && pcapngw_close(f->pcap, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the capture %s: %s\n", o->write_pcap, why);
		rc = 1;
	}
	f->pcap = NULL;
	return rc;
}

/* 0 when the handshake completed, 1 otherwise (a failure is a finding,
 * and scripts need to tell). */
static int connect_status(const source_t *src)
{
	const conn_t *c = source_count(src) ? source_conn(src, 0) : NULL;

	return c && c->nhs && c->hs[c->nhs - 1]->outcome == OUTCOME_COMPLETE ? 0 : 1;
}

/* The files with secrets, then the source; 0, or 1 with the message printed. */
static int connect_open(const cli_opts_t *o, cli_files_t *files, source_t **src)
{
	*src = NULL;
	if (cli_files_open(o, files) != 0)
		return 1;
	if (source_connect_new(&o->connect.cfg, src) != ERR_OK) {
		fprintf(stderr, "tlstrace: out of memory\n");
		(void)connect_files(o, NULL, files);
		return 1;
	}
	return 0;
}

/* A connection that could not be made or run: one line, and the status. */
static int connect_fail(const cli_opts_t *o, err_t e, const char *why)
{
	fprintf(stderr, "tlstrace: connect %s: %s\n", o->connect.cfg.net.target, why[0] ? why : err_str(e));
	return e == ERR_BAD_VALUE ? CLI_EXIT_USAGE : 1;
}

static int connect_views(const cli_opts_t *o)
{
	connect_emit_t em = { o->view, o->json_flags, { 0 }, ERR_OK };
	char why[320] = "";
	source_t *src;
	cli_files_t files;
	err_t e;
	int rc;

	if (connect_open(o, &files, &src) != 0)
		return 1;
	e = source_run(src, connect_emit, NULL, &em, why, sizeof why);
	if (e != ERR_OK)
		rc = connect_fail(o, e, why);
	else
		rc = connect_status(src);
	if (em.err != ERR_OK) {
		fprintf(stderr, "tlstrace: %s\n", err_str(em.err));
		rc = 1;
	}
	if (em.out.len)
		fwrite(em.out.ptr, 1, em.out.len, stdout);
	if (connect_files(o, src, &files) != 0)
		rc = 1;
	buf_free(&em.out);
	source_free(src);
	return rc;
}

/* The interface: the whole connection first, then its recorded steps. */
static int connect_ui(const cli_opts_t *o)
{
	char why[320] = "";
	source_t *src;
	cli_files_t files;
	err_t e;
	int rc;

	if (connect_open(o, &files, &src) != 0)
		return 1;
	fprintf(stderr, "tlstrace: connecting to %s ...\n", o->connect.cfg.net.target);
	e = source_start(src, why, sizeof why);
	if (e != ERR_OK) {
		(void)connect_files(o, NULL, &files);
		source_free(src);
		return connect_fail(o, e, why);
	}
	rc = ui_run(src, &o->ui);
	if (connect_files(o, src, &files) != 0)
		rc = 1;
	source_free(src);
	return rc;
}

/* ---- the row ---- */

static err_t connect_set_tls(cli_opts_t *o, const cli_opt_t *opt, const char *v, char *why, size_t whylen)
{
	static const struct { const char *name; unsigned bit; } t[] = {
		{ "1.0", NET_V10 }, { "1.1", NET_V11 }, { "1.2", NET_V12 }, { "1.3", NET_V13 },
	};
	size_t i;

	(void)opt;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(v, t[i].name) == 0) {
			o->connect.cfg.net.versions |= t[i].bit;
			return ERR_OK;
		}
	err_why(why, whylen, "--tls takes 1.0, 1.1, 1.2 or 1.3, not \"%s\"", v);
	return ERR_BAD_VALUE;
}

static err_t connect_set_cipher(cli_opts_t *o, const cli_opt_t *opt, const char *v, char *why, size_t whylen)
{
	net_connect_cfg_t *n = &o->connect.cfg.net;

	(void)opt;
	if (n->nciphers == NET_LIST_MAX) {
		err_why(why, whylen, "at most %d --cipher", NET_LIST_MAX);
		return ERR_BAD_VALUE;
	}
	n->ciphers[n->nciphers++] = v;
	return ERR_OK;
}

static err_t connect_set_send(cli_opts_t *o, const cli_opt_t *opt, const char *v, char *why, size_t whylen)
{
	(void)opt, (void)why, (void)whylen;
	o->connect.cfg.net.send = v;
	o->connect.cfg.net.send_set = true;
	return ERR_OK;
}

static err_t connect_set_timeout(cli_opts_t *o, const cli_opt_t *opt, const char *v, char *why, size_t whylen)
{
	char *end;
	double s = strtod(v, &end);

	(void)opt;
	if (*end || !(s > 0 && s <= 3600)) {
		err_why(why, whylen, "--timeout takes seconds (0 < s <= 3600), not \"%s\"", v);
		return ERR_BAD_VALUE;
	}
	o->connect.cfg.net.timeout_ms = (unsigned)(s * 1000 + 0.5);
	return ERR_OK;
}

#define CONNECT_FIELD(f) .field = offsetof(cli_opts_t, connect.cfg.net.f)

static const cli_opt_t cmd_connect_opts[] = {
	{ "--sni", "NAME", "the server_name to send and check the certificate\nagainst (default: the host name)",
	  cli_set_string, CONNECT_FIELD(sni) },
	{ "--no-sni", NULL, "send no server_name", cli_set_flag, CONNECT_FIELD(no_sni) },
	{ "--ca", "FILE", "trust the CAs of this PEM file instead of the system's", cli_set_string, CONNECT_FIELD(ca) },
	{ "--cert", "FILE", "a client certificate (PEM) to present when asked", cli_set_string, CONNECT_FIELD(cert) },
	{ "--key", "FILE", "the client certificate's private key (PEM)", cli_set_string, CONNECT_FIELD(key) },
	{ "--tls", "1.0|1.1|1.2|1.3", "offer this version (repeat for more; default 1.3\nand 1.2)", .set = connect_set_tls },
	{ "--cipher", "NAME", "offer this cipher (GnuTLS name: AES-128-GCM,\nCHACHA20-POLY1305, AES-128-CBC; repeat for "
	  "more;\ndefault: the AEAD ones)", .set = connect_set_cipher },
	{ "--groups", "LIST", "offer these groups: X25519,SECP256R1,...", cli_set_string, CONNECT_FIELD(groups) },
	{ "--alpn", "LIST", "offer these application protocols: h2,http/1.1", cli_set_string, CONNECT_FIELD(alpn) },
	{ "--starttls", "PROTO", "smtp, imap, pop3, ftp, xmpp or postgres: the\nplain-text dialogue first",
	  cli_set_string, .field = offsetof(cli_opts_t, connect.starttls) },
	{ "--send", "TEXT", "send TEXT after the handshake (\\r and \\n written out)\n"
	  "and show the answer; default on port 443: HEAD /", .set = connect_set_send },
	{ "--timeout", "SECONDS", "give up a step after SECONDS without progress\n(default 10)", .set = connect_set_timeout },
	{ "--proceed", NULL, "go on past a refused certificate (the trace says so)",
	  cli_set_flag, CONNECT_FIELD(proceed) },
	{ "--no-probe", NULL, "after a failure at step 2, do not probe what the\nserver accepts",
	  cli_set_flag, .field = offsetof(cli_opts_t, connect.cfg.no_probe) },
	{ "--pause", NULL, "in the interface, hold the connection between\nflights as live does (the server may time out)",
	  cli_set_flag, .field = offsetof(cli_opts_t, connect.cfg.pause) },
	{ "--keylog", "FILE", "write the client's secrets in NSS key log format\n(mode 0600)",
	  cli_set_string, .field = offsetof(cli_opts_t, keylog_path) },
	{ "--write-pcap", "FILE", "save what crossed the socket as pcapng, the key log\nembedded",
	  cli_set_string, .field = offsetof(cli_opts_t, write_pcap) },
	{ "--force", NULL, "with --write-pcap: replace FILE if it exists",
	  cli_set_flag, .field = offsetof(cli_opts_t, force) },
	CLI_OPT_TEXT("a readable transcript (the default off a terminal)"),
	CLI_OPTS_VIEWS,
	CLI_OPTS_UI,
	{ .name = NULL },
};

static err_t cmd_connect_check(cli_opts_t *o, char *why, size_t whylen)
{
	net_connect_cfg_t *n = &o->connect.cfg.net;
	net_addr_target_t t;
	char prio[512];

	n->starttls = -1;
	if (o->connect.starttls && (n->starttls = net_starttls_proto_parse(o->connect.starttls)) < 0) {
		err_why(why, whylen, "--starttls takes smtp, imap, pop3, ftp, xmpp or postgres, not \"%s\"",
			o->connect.starttls);
		return ERR_BAD_VALUE;
	}
	if (n->sni && n->no_sni) {
		err_why(why, whylen, "--sni and --no-sni exclude each other");
		return ERR_BAD_VALUE;
	}
	if (!n->cert != !n->key) {
		err_why(why, whylen, "--cert and --key go together");
		return ERR_BAD_VALUE;
	}
	if (!n->timeout_ms)
		n->timeout_ms = 10000;
	TRY(net_addr_parse(n->target, 443, &t, why, whylen));
	return net_connect_priority(n, prio, sizeof prio, why, whylen);
}

static int cmd_connect_run(cli_opts_t *o)
{
	return cli_view_or_ui(o, connect_ui, connect_views);
}

const cli_cmd_t cmd_connect_row = {
	.name = "connect",
	.operand = "HOST[:PORT]",
	.operand_what = "server to connect to",
	.operand_hint = "a name, 192.0.2.1:8443 or [::1]:8443; port 443 by default",
	.operand_field = offsetof(cli_opts_t, connect.cfg.net.target),
	.summary = "connect to a real server and trace the handshake",
	.more = "tlstrace's GnuTLS client on a real TCP socket: every byte is decoded, the\n"
		"client's own key log decrypts TLS 1.3 and checks both Finished, and the\n"
		"server's chain is checked (step 5) as a real client would.  The interface\n"
		"runs the whole connection first (a server will not wait), then steps\n"
		"through it.  Exit status 0 when the handshake completed, 1 otherwise.\n",
	.opts = cmd_connect_opts,
	.check = cmd_connect_check,
	.run = cmd_connect_run,
};
