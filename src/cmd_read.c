/* cmd_read.c - the read command: loads the key log and the RSA key,
 * makes the capture a source, and prints each handshake as soon as it is
 * final (streaming) or hands the source to the interface; and its row of
 * the command table (cli.h).  Command-line code: it prints and chooses
 * exit codes. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "source/source_capture.h"
#include "out/json.h"
#include "out/stats.h"
#include "out/summary.h"
#include "out/text.h"
#include "trace/fingerprint.h"
#include "ui/ui.h"

typedef struct {
	view_t view;
	unsigned json_flags;
	buf_t out;
	bool failed;
	const cli_opts_t *o;     /* the filters (--sni, --outcome, --version, --ja4) */
	stats_t *stats;          /* --stats: handshakes are counted, not printed; else NULL */
	fp_t fp;                 /* --ja4: the fingerprints of the handshake being filtered */
} read_emit_t;

/* The filters on the handshakes reported, after decoding: every one given
 * must hold. */
static bool read_keep(read_emit_t *m, const handshake_t *h)
{
	const cli_opts_t *o = m->o;

	if (o->only_outcome && h->outcome != (outcome_t)(o->only_outcome - 1))
		return false;
	if (o->only_version && h->version != o->only_version)
		return false;
	if (o->only_sni) {
		const msg_t *ch = NULL;
		size_t i;
		for (i = 0; i < h->nmsgs && !ch; i++)
			if (h->msgs[i]->hs_type == HS_CLIENT_HELLO && h->msgs[i]->type == CT_HANDSHAKE &&
			    h->msgs[i]->sender == SIDE_CLIENT && !h->msgs[i]->opaque)
				ch = h->msgs[i];
		if (!ch || !ch->hello.sni || fnmatch(o->only_sni, ch->hello.sni, 0) != 0)
			return false;
	}
	if (o->only_ja4) {
		if (fp_handshake(h, &m->fp) != ERR_OK)
			m->failed = true;
		if (strcmp(m->fp.ja4, o->only_ja4) != 0)
			return false;
	}
	return true;
}

/* Writes what read_emit held back. */
static void read_flush(void *ctx)
{
	read_emit_t *m = ctx;

	if (m->out.len && (fwrite(m->out.ptr, 1, m->out.len, stdout) != m->out.len || fflush(stdout) != 0))
		m->failed = true;
	m->out.len = 0;
}

/* Each handshake is printed as soon as it is final (streaming): held back
 * only while more are being formatted, and written at each pause
 * (read_flush), so a large capture costs a few hundred writes, not one per
 * connection. */
static void read_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	enum { READ_FLUSH_AT = 1 << 18 };
	read_emit_t *m = ctx;
	err_t e;

	if (!read_keep(m, h))
		return;
	if (m->stats) {
		if (stats_add(m->stats, c, h) != ERR_OK)
			m->failed = true;
		return;
	}
	switch (m->view) {
	case VIEW_JSON:    e = json_handshake(&m->out, c, h, m->json_flags); break;
	case VIEW_SUMMARY: e = summary_handshake(&m->out, c, h); break;
	default:           e = text_handshake(&m->out, c, h); break;
	}
	if (e != ERR_OK) {
		m->failed = true;
		return;
	}
	if (m->view == VIEW_TEXT && buf_append(&m->out, "\n", 1) != ERR_OK)
		m->failed = true;
	if (m->out.len >= READ_FLUSH_AT)
		read_flush(m);
	if (h->sec.rsa_key_mismatch)
		fprintf(stderr, "tlstrace: connection %u: the --rsa-key does not belong to the server's certificate\n", c->id);
}

/* The key log and the RSA key of `read`, loaded once; 0 or an exit status. */
static int read_load_evidence(const cli_opts_t *o, keylog_t **kl, rsakey_t **rsa)
{
	err_t e;

	*kl = NULL;
	*rsa = NULL;
	if (o->keylog_path) {
		keylog_stats_t st;
		*kl = keylog_new();
		if (!*kl)
			return 1;
		e = keylog_load(*kl, o->keylog_path, &st);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: cannot read the key log %s: %s\n", o->keylog_path,
				e == ERR_IO ? strerror(errno) : err_str(e));
			keylog_free(*kl);
			*kl = NULL;
			return 1;
		}
		if (st.bad_lines)
			fprintf(stderr, "tlstrace: %s: %lu of %lu lines are not key log lines (first at line %lu: %s); "
				"they are ignored\n", o->keylog_path, st.bad_lines, st.lines, st.first_bad_line,
				st.first_bad_why);
		if (st.entries == 0)
			fprintf(stderr, "tlstrace: %s holds no usable secrets\n", o->keylog_path);
	}
	if (o->rsa_key_path) {
		e = rsakey_load(o->rsa_key_path, rsa);
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: cannot use %s as an RSA private key: %s\n", o->rsa_key_path,
				e == ERR_IO ? strerror(errno) : "not an unencrypted PEM RSA private key");
			keylog_free(*kl);
			*kl = NULL;
			return 1;
		}
	}
	return 0;
}

static x509_trust_t *read_trust;   /* --ca, loaded by cmd_read_open, freed by cmd_read_close */

/* What read, its interface, its --html and lesson --capture share: the
 * key log, the RSA key and the CA bundle loaded, then the capture as a
 * source.  0, or the exit status with the message printed; in both cases
 * cmd_read_close(*src, *rsa, *kl) frees what was made. */
int cmd_read_open(const cli_opts_t *o, bool lean, keylog_t **kl, rsakey_t **rsa, source_t **src)
{
	analyze_opts_t ao = { .path = o->capture_path, .bpf = o->filter, .only_connection = o->connection,
			      .idle_timeout = o->idle_timeout, .max_memory = o->max_memory, .lean = lean };
	int rc = read_load_evidence(o, kl, rsa);
	char why[200] = "";

	*src = NULL;
	if (rc)
		return rc;
	if (o->ca_path && x509_trust_load(o->ca_path, &read_trust, why, sizeof why) != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot use %s as a CA bundle: %s\n", o->ca_path, why);
		return 1;
	}
	ao.trust = read_trust;
	ao.keylog = *kl;
	ao.rsa = *rsa;
	if (source_capture_new(&ao, src) != ERR_OK) {
		fprintf(stderr, "tlstrace: out of memory\n");
		return 1;
	}
	return 0;
}

void cmd_read_close(source_t *src, rsakey_t *rsa, keylog_t *kl)
{
	source_free(src);
	rsakey_free(rsa);
	keylog_free(kl);
	x509_trust_free(read_trust);
	read_trust = NULL;
}

int cmd_read_ui(const cli_opts_t *o)
{
	keylog_t *kl = NULL;
	rsakey_t *rsa = NULL;
	source_t *src;
	char why[256] = "";
	err_t e;
	int rc = cmd_read_open(o, false, &kl, &rsa, &src);

	if (!rc) {
		rc = 1;
		e = source_start(src, why, sizeof why);
		if (e != ERR_OK)
			fprintf(stderr, "tlstrace: %s: %s\n", o->capture_path, why[0] ? why : err_str(e));
		else
			rc = ui_run(src, &o->ui);
	}
	cmd_read_close(src, rsa, kl);
	return rc;
}

int cmd_read(const cli_opts_t *o)
{
	keylog_t *kl = NULL;
	rsakey_t *rsa = NULL;
	read_emit_t em = { o->view, o->json_flags, { 0 }, false, o, NULL, { 0 } };
	source_t *src;
	char why[256] = "";
	err_t e;
	/* lean: parse facts only, no field trees, for what prints no tree */
	int rc = cmd_read_open(o, (o->view == VIEW_JSON && !(o->json_flags & JSON_FIELDS)) || o->view == VIEW_SUMMARY ||
			       o->stats, &kl, &rsa, &src);

	if (!rc && o->stats && !(em.stats = stats_new())) {
		fprintf(stderr, "tlstrace: out of memory\n");
		rc = 1;
	}
	if (!rc) {
		/* streaming: decoded here, written on the source's second thread */
		e = source_run(src, read_emit, read_flush, &em, why, sizeof why);
		if (em.stats && (o->view == VIEW_JSON ? stats_json(em.stats, &em.out)
						      : stats_text(em.stats, &em.out)) != ERR_OK)
			em.failed = true;
		read_flush(&em);
		if (source_warning(src)[0])
			fprintf(stderr, "tlstrace: %s: %s\n", o->capture_path, source_warning(src));
		if (e != ERR_OK) {
			fprintf(stderr, "tlstrace: %s: %s\n", o->capture_path, why[0] ? why : err_str(e));
			rc = 1;
		}
	}
	if (em.failed) {
		fprintf(stderr, "tlstrace: writing the output failed\n");
		rc = 1;
	}
	stats_free(em.stats);
	fp_free(&em.fp);
	buf_free(&em.out);
	cmd_read_close(src, rsa, kl);
	return rc;
}

/* ---- the row ---- */

err_t cmd_read_set_connection(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	char *end;

	errno = 0;
	o->connection = strtol(value, &end, 10);
	if (errno || *end || end == value || o->connection < 0) {
		snprintf(why, whylen, "%s takes a connection number (0, 1, ...), not '%s'", opt->name, value);
		return ERR_BAD_VALUE;
	}
	return ERR_OK;
}

static err_t cmd_read_set_idle(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	if (analyze_parse_idle(value, &o->idle_timeout))
		return ERR_OK;
	err_why(why, whylen, "%s takes a number of seconds (300, 0.5; 0 for never), not '%s'", opt->name, value);
	return ERR_BAD_VALUE;
}

static err_t cmd_read_set_memory(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	if (analyze_parse_memory(value, &o->max_memory))
		return ERR_OK;
	err_why(why, whylen, "%s takes a size of at least 1M (256M, 2G; 0 for no limit), not '%s'", opt->name, value);
	return ERR_BAD_VALUE;
}

static err_t cmd_read_set_outcome(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	static const outcome_t all[] = { OUTCOME_COMPLETE, OUTCOME_FAILED, OUTCOME_INCOMPLETE };
	size_t i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(value, outcome_name(all[i])) == 0) {
			o->only_outcome = (int)all[i] + 1;
			return ERR_OK;
		}
	err_why(why, whylen, "%s takes complete, failed or incomplete, not '%s'", opt->name, value);
	return ERR_BAD_VALUE;
}

static err_t cmd_read_set_version(cli_opts_t *o, const cli_opt_t *opt, const char *value, char *why, size_t whylen)
{
	static const struct { const char *name; unsigned v; } versions[] = {
		{ "ssl3", VER_SSL30 }, { "1.0", VER_TLS10 }, { "1.1", VER_TLS11 }, { "1.2", VER_TLS12 }, { "1.3", VER_TLS13 },
	};
	size_t i;

	for (i = 0; i < sizeof versions / sizeof versions[0]; i++)
		if (strcmp(value, versions[i].name) == 0) {
			o->only_version = versions[i].v;
			return ERR_OK;
		}
	err_why(why, whylen, "%s takes ssl3, 1.0, 1.1, 1.2 or 1.3, not '%s'", opt->name, value);
	return ERR_BAD_VALUE;
}

static const cli_opt_t cmd_read_opts[] = {
	{ "--keylog", "FILE", "NSS key log to decrypt with (CLIENT_RANDOM and the\nTLS 1.3 secrets)",
	  cli_set_string, .field = offsetof(cli_opts_t, keylog_path) },
	{ "--rsa-key", "PEM", "the server's RSA private key: recovers RSA premasters",
	  cli_set_string, .field = offsetof(cli_opts_t, rsa_key_path) },
	{ "--ca", "FILE", "CA bundle (PEM): step 5 checks each server chain\nagainst it, at the time it was captured",
	  cli_set_string, .field = offsetof(cli_opts_t, ca_path) },
	{ "--connection", "N", "only connection N (numbered as Wireshark's tcp.stream)",
	  .set = cmd_read_set_connection },
	{ "--filter", "BPF", "a libpcap filter applied while reading (\"port 443\")",
	  cli_set_string, .field = offsetof(cli_opts_t, filter) },
	{ "--idle-timeout", "SECONDS", "finish a connection silent for SECONDS of capture\n"
	  "time as incomplete (default 300; 0: never)", .set = cmd_read_set_idle },
	{ "--max-memory", "SIZE", "memory for open connections (default 192M; 0: no\n"
	  "limit); past it the least recently active are\nfinished as incomplete", .set = cmd_read_set_memory },
	{ "--sni", "GLOB", "only handshakes whose ClientHello names a server\nmatching GLOB (\"*.example.com\")",
	  cli_set_string, .field = offsetof(cli_opts_t, only_sni) },
	{ "--outcome", "OUTCOME", "only handshakes that ended so: complete, failed or\nincomplete", .set = cmd_read_set_outcome },
	{ "--version", "V", "only handshakes that agreed on version V: ssl3, 1.0,\n1.1, 1.2 or 1.3", .set = cmd_read_set_version },
	{ "--ja4", "VALUE", "only handshakes whose client has this JA4 fingerprint",
	  cli_set_string, .field = offsetof(cli_opts_t, only_ja4) },
	{ "--stats", NULL, "one report over the whole capture instead of a line\nper handshake: versions, suites, failures, server\n"
	  "names, JA4s, certificates, what is weak (with --json:\none JSON object)", cli_set_flag, .field = offsetof(cli_opts_t, stats) },
	CLI_OPT_TEXT("a readable transcript (the default off a terminal)"),
	CLI_OPTS_VIEWS,
	CLI_OPT_HTML("write one handshake as a self-contained HTML page\n(needs --connection when the capture has several);\nwith a view option, that view of it is printed too"),
	CLI_OPTS_UI,
	{ .name = NULL },
};

/* A terminal gets the interface; a pipe or a file the text view. */
static int cmd_read_run(cli_opts_t *o)
{
	if (o->html_path)
		return cmd_read_html(o);
	if (o->stats && o->view == VIEW_SUMMARY)
		return cli_usage_error(&cmd_read_row, "--stats is a report of its own: with --text (the default) or --json, not --summary");
	/* the report and the filters are for the streamed views: the
	 * interface shows every handshake */
	if ((o->stats || o->only_sni || o->only_outcome || o->only_version || o->only_ja4) && o->view == VIEW_AUTO)
		o->view = VIEW_TEXT;
	return cli_view_or_ui(o, cmd_read_ui, cmd_read);
}

const cli_cmd_t cmd_read_row = {
	.name = "read",
	.operand = "CAPTURE",
	.operand_what = "capture file",
	.operand_field = offsetof(cli_opts_t, capture_path),
	.summary = "decode every TLS connection of a pcap/pcapng capture",
	.opts = cmd_read_opts,
	.run = cmd_read_run,
};
