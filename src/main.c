/* main.c - the command line: parses options, runs the engine, prints the
 * chosen view, and turns errors into one-line messages and exit codes.
 * The only place that prints or exits. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "capture/analyze.h"
#include "capture/pcapng_write.h"
#include "cmd_lesson.h"
#include "live/run.h"
#include "live/scenario.h"
#include "../ui/ui.h"
#include "out/json.h"
#include "out/text.h"

#ifndef TLSTRACE_VERSION
#define TLSTRACE_VERSION "0.0.0"
#endif

typedef enum { VIEW_AUTO, VIEW_TEXT, VIEW_JSON } view_t;

typedef enum { CMD_LIVE, CMD_READ } command_t;

typedef struct {
	command_t cmd;
	live_cfg_t live;
	view_t view;
	const char *keylog_path;
	const char *cipher;
	bool kx_given, tls_given;
	const char *write_pcap;      /* live: export the run as pcapng */
	const char *capture_path;    /* read */
	const char *rsa_key_path;    /* read */
	const char *filter;          /* read */
	long connection;             /* read: -1 = all */
	unsigned json_flags;         /* JSON_FIELDS with --fields */
	ui_opts_t ui;                /* the interactive interface */
} opts_t;

static const char usage_text[] =
	"usage: tlstrace [live] [--tls 1.0|1.1|1.2|1.3] [--kx rsa|ecdhe|dhe] [--cipher NAME]\n"
	"                [--client-auth] [--ems] [--keylog FILE] [--write-pcap FILE]\n"
	"                [--text|--json]\n"
	"       tlstrace live --scenario NAME [--keylog FILE] [--text|--json]\n"
	"       tlstrace scenarios\n"
	"       tlstrace lessons [--lang en|ja]\n"
	"       tlstrace lesson NAME [--lang en|ja] [--text] [--answers]\n"
	"       tlstrace read CAPTURE [--keylog FILE] [--rsa-key PEM] [--connection N]\n"
	"                [--filter BPF] [--text|--json]\n"
	"       tlstrace --help | --version\n";

static const char help_text[] =
	"tlstrace shows the SSL/TLS handshake step by step: a real GnuTLS client and\n"
	"server run inside this process, and every byte they exchange is decoded,\n"
	"every secret recomputed and every Finished message checked.\n"
	"\n"
	"Commands:\n"
	"  live              run a handshake in-process and trace it (the default)\n"
	"  read CAPTURE      decode every TLS connection of a pcap/pcapng capture\n"
	"  scenarios         list the failure scenarios (real handshakes that break)\n"
	"  lessons           list the lessons (English or Japanese, see --lang)\n"
	"  lesson NAME       run a lesson: its live handshake, with the lesson's text beside\n"
	"                    each step, filled with this run's values\n"
	"\n"
	"Options for live:\n"
	"  --tls VERSION     1.0, 1.1, 1.2 (default) or 1.3\n"
	"  --kx KX           key exchange: rsa (default up to 1.2), ecdhe, dhe\n"
	"  --cipher NAME     a cipher (AES-128-CBC, AES-256-GCM, CHACHA20-POLY1305, ...)\n"
	"                    or a full IANA suite name (TLS_RSA_WITH_AES_128_CBC_SHA)\n"
	"  --client-auth     the server asks for a client certificate; the client sends one\n"
	"  --ems             extended master secret (RFC 7627)\n"
	"  --scenario NAME   run a failure scenario: it sets its own versions, suites and\n"
	"                    certificates, and the trace says where and why it breaks\n"
	"  --keylog FILE     write the session's secrets in NSS key log format (mode 0600)\n"
	"  --write-pcap FILE save the run as a pcapng capture (loopback, TCP port 443)\n"
	"                    with the key log embedded: Wireshark opens and decrypts it\n"
	"  --text            readable transcript (the default)\n"
	"  --json            one JSON line per handshake (see TRACE-FORMAT.md)\n"
	"  --fields          with --json: every message's whole decoded field tree\n"
	"\n"
	"Options for read:\n"
	"  --keylog FILE     NSS key log (CLIENT_RANDOM, TLS 1.3 secrets) to decrypt with\n"
	"  --rsa-key PEM     the server's RSA private key: recovers RSA premasters\n"
	"  --connection N    only connection N (numbered like Wireshark's tcp.stream)\n"
	"  --filter BPF      a libpcap filter applied while reading (\"port 443\")\n"
	"  --text, --json    as for live\n"
	"\n"
	"Options for lesson:\n"
	"  --lang LANG       en or ja (default: from LC_ALL, then LC_MESSAGES, then LANG)\n"
	"  --text            print the lesson instead of opening the interface\n"
	"  --answers         with --text: print the answers to the questions too\n"
	"  --no-color, --autoplay SECONDS   as for live\n"
	"\n"
	"Defaults give the classic handshake: TLS 1.2, RSA key exchange,\n"
	"TLS_RSA_WITH_AES_128_CBC_SHA256, no extended master secret.\n";

#define main_usage_error(...) cli_usage_error(usage_text, __VA_ARGS__)

static const struct { const char *name; uint16_t version; } tls_versions[] = {
	{ "1.0", VER_TLS10 }, { "1.1", VER_TLS11 }, { "1.2", VER_TLS12 }, { "1.3", VER_TLS13 },
};
static const struct { const char *name; kx_t kx; } kx_names[] = {
	{ "rsa", KX_RSA }, { "ecdhe", KX_ECDHE }, { "dhe", KX_DHE },
};

/* "AES-128-GCM" + version + kx -> the IANA suite it means. */
static const suite_info_t *main_suite_for_cipher(const char *cipher, uint16_t version, kx_t kx)
{
	static const char *const macs12[] = { "SHA256", "SHA384", "SHA" };
	static const char *const macs10[] = { "SHA" };
	const char *const *macs = version == VER_TLS12 ? macs12 : macs10;
	size_t nmacs = version == VER_TLS12 ? 3 : 1, i;
	char c[48], name[96];
	const char *kxs = kx == KX_ECDHE ? "ECDHE_RSA" : kx == KX_DHE ? "DHE_RSA" : "RSA";

	if (strlen(cipher) >= sizeof c)
		return NULL;
	for (i = 0; cipher[i]; i++)
		c[i] = cipher[i] == '-' ? '_' : (char)toupper((unsigned char)cipher[i]);
	c[i] = '\0';
	if (strcmp(c, "3DES_CBC") == 0)
		strcpy(c, "3DES_EDE_CBC");
	if (version == VER_TLS13) {
		snprintf(name, sizeof name, "TLS_%s_%s", c, strstr(c, "256_GCM") ? "SHA384" : "SHA256");
		return suite_by_name(name);
	}
	for (i = 0; i < nmacs; i++) {
		const suite_info_t *s;
		snprintf(name, sizeof name, "TLS_%s_WITH_%s_%s", kxs, c, macs[i]);
		if ((s = suite_by_name(name)) != NULL)
			return s;
	}
	return NULL;
}

static int main_resolve_cipher(opts_t *o)
{
	const suite_info_t *s = suite_by_name(o->cipher);
	uint16_t v = o->live.version ? o->live.version : VER_TLS12;

	if (s) {
		if (s->tls13) {
			if (o->tls_given && v != VER_TLS13)
				return main_usage_error("%s is a TLS 1.3 suite; it cannot be used with an older --tls", s->name);
			o->live.version = VER_TLS13;
		} else {
			if (o->tls_given && v == VER_TLS13)
				return main_usage_error("%s is not a TLS 1.3 suite", s->name);
			if (s->tls12_only && o->tls_given && v != VER_TLS12)
				return main_usage_error("%s exists only in TLS 1.2", s->name);
			if (s->kx != KX_RSA && s->kx != KX_ECDHE && s->kx != KX_DHE)
				return main_usage_error("%s: only RSA, DHE and ECDHE suites with RSA certificates run live", s->name);
			if (o->kx_given && s->kx != o->live.kx)
				return main_usage_error("%s does not use the key exchange given with --kx", s->name);
			o->live.kx = s->kx;
		}
	} else {
		s = main_suite_for_cipher(o->cipher, v, o->live.kx == KX_NULL ? (v == VER_TLS13 ? KX_ECDHE : KX_RSA) : o->live.kx);
		if (!s)
			return main_usage_error("no cipher suite with cipher '%s' fits the chosen version and key exchange", o->cipher);
	}
	o->live.suite = s;
	return 0;
}

/* Which options exist, whether they take a value, and for which commands. */
static const struct {
	const char *name;
	bool value;
	bool live, read;
} main_options[] = {
	{ "--tls", true, true, false },       { "--kx", true, true, false },
	{ "--cipher", true, true, false },    { "--client-auth", false, true, false },
	{ "--ems", false, true, false },      { "--keylog", true, true, true },
	{ "--text", false, true, true },      { "--json", false, true, true },
	{ "--rsa-key", true, false, true },   { "--connection", true, false, true },
	{ "--filter", true, false, true },     { "--no-color", false, true, true },
	{ "--autoplay", true, true, true },    { "--fields", false, true, true },    { "--write-pcap", true, true, false },
	{ "--scenario", true, true, false },
};

static int main_option_index(const char *a)
{
	size_t k;

	for (k = 0; k < sizeof main_options / sizeof main_options[0]; k++)
		if (strcmp(a, main_options[k].name) == 0)
			return (int)k;
	return -1;
}

static bool main_takes_value(const char *a)
{
	int k = main_option_index(a);
	return k >= 0 && main_options[k].value;
}

/* Unknown options "fit" here so that they reach the unknown-option error. */
static bool main_option_fits(const char *a, command_t cmd)
{
	int k = main_option_index(a);
	if (k < 0)
		return true;
	return cmd == CMD_READ ? main_options[k].read : main_options[k].live;
}

static int main_parse(int argc, char **argv, opts_t *o)
{
	int i = 1;
	size_t k;

	memset(o, 0, sizeof *o);
	o->connection = -1;
	if (i < argc && strcmp(argv[i], "live") == 0) {
		i++;
	} else if (i < argc && strcmp(argv[i], "read") == 0) {
		o->cmd = CMD_READ;
		if (++i >= argc || argv[i][0] == '-')
			return main_usage_error("%s", "read needs a capture file");
		o->capture_path = argv[i++];
	} else if (i < argc && argv[i][0] != '-') {
		return main_usage_error("unknown command '%s'", argv[i]);
	}
	for (; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (main_takes_value(a)) {
			if (!val)
				return main_usage_error("%s needs a value", a);
			i++;
			if (!main_option_fits(a, o->cmd))
				return main_usage_error("%s is not an option of this command", a);
		} else if (a[0] == '-' && !main_option_fits(a, o->cmd)) {
			return main_usage_error("%s is not an option of this command", a);
		}
		if (strcmp(a, "--fields") == 0) {
			o->json_flags |= JSON_FIELDS;
		} else if (strcmp(a, "--no-color") == 0) {
			o->ui.no_color = true;
		} else if (strcmp(a, "--autoplay") == 0) {
			char *end;
			errno = 0;
			o->ui.autoplay = strtod(val, &end);
			if (errno || *end || end == val || o->ui.autoplay <= 0 || o->ui.autoplay > 3600)
				return main_usage_error("--autoplay takes a number of seconds (0.5, 3, ...), not '%s'", val);
		} else if (strcmp(a, "--write-pcap") == 0) {
			o->write_pcap = val;
		} else if (strcmp(a, "--rsa-key") == 0) {
			o->rsa_key_path = val;
		} else if (strcmp(a, "--filter") == 0) {
			o->filter = val;
		} else if (strcmp(a, "--connection") == 0) {
			char *end;
			errno = 0;
			o->connection = strtol(val, &end, 10);
			if (errno || *end || end == val || o->connection < 0)
				return main_usage_error("--connection takes a connection number (0, 1, ...), not '%s'", val);
		} else if (strcmp(a, "--tls") == 0) {
			for (k = 0; k < sizeof tls_versions / sizeof tls_versions[0]; k++)
				if (strcmp(val, tls_versions[k].name) == 0)
					break;
			if (k == sizeof tls_versions / sizeof tls_versions[0])
				return main_usage_error("--tls takes 1.0, 1.1, 1.2 or 1.3, not '%s'", val);
			o->live.version = tls_versions[k].version;
			o->tls_given = true;
		} else if (strcmp(a, "--kx") == 0) {
			for (k = 0; k < sizeof kx_names / sizeof kx_names[0]; k++)
				if (strcasecmp(val, kx_names[k].name) == 0)
					break;
			if (k == sizeof kx_names / sizeof kx_names[0])
				return main_usage_error("--kx takes rsa, ecdhe or dhe, not '%s'", val);
			o->live.kx = kx_names[k].kx;
			o->kx_given = true;
		} else if (strcmp(a, "--cipher") == 0) {
			o->cipher = val;
		} else if (strcmp(a, "--scenario") == 0) {
			if (!scenario_find(val))
				return main_usage_error("there is no scenario '%s' (tlstrace scenarios lists them)", val);
			o->live.scenario = val;
		} else if (strcmp(a, "--keylog") == 0) {
			o->keylog_path = val;
		} else if (strcmp(a, "--client-auth") == 0) {
			o->live.client_auth = true;
		} else if (strcmp(a, "--ems") == 0) {
			o->live.ems = true;
		} else if (strcmp(a, "--text") == 0) {
			o->view = VIEW_TEXT;
		} else if (strcmp(a, "--json") == 0) {
			o->view = VIEW_JSON;
		} else {
			return main_usage_error("unknown option '%s'", a);
		}
	}
	if (o->live.scenario && (o->tls_given || o->kx_given || o->cipher || o->live.client_auth || o->live.ems))
		return main_usage_error("--scenario %s sets its own version, key exchange, suite and certificates: "
					"it cannot be combined with --tls, --kx, --cipher, --client-auth or --ems",
					o->live.scenario);
	if (o->live.version == VER_TLS13 && o->live.kx == KX_RSA)
		return main_usage_error("%s", "TLS 1.3 has no RSA key exchange: its key exchange is always "
					"(EC)DHE or a pre-shared key (try --kx ecdhe)");
	if (o->cipher)
		return main_resolve_cipher(o);
	return 0;
}

static int main_write_keylog(const char *path, const buf_t *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t off = 0;

	if (fd < 0) {
		fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", path, strerror(errno));
		return 1;
	}
	(void)fchmod(fd, 0600);   /* secrets: only the owner reads them, even if the file existed */
	while (off < text->len) {
		ssize_t n = write(fd, text->ptr + off, text->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", path, strerror(errno));
			close(fd);
			return 1;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0) {
		fprintf(stderr, "tlstrace: cannot write the key log %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* The run as a capture: the key log first (Wireshark applies secrets to
 * the packets after them), then one TCP connection carrying the flights. */
static int main_write_pcap(const char *path, const liverun_t *r)
{
	pcapngw_endpoint_t client = { PCAPNGW_LOCALHOST, 50000 }, server = { PCAPNGW_LOCALHOST, 443 };
	double t0 = r->flights ? r->tape[0].time : 0;
	char why[256] = "";
	pcapngw_t *w = NULL;
	err_t e;
	unsigned i;

	e = pcapngw_open(path, &w, why, sizeof why);
	if (e == ERR_OK)
		e = pcapngw_secrets(w, r->keylog_text.ptr, r->keylog_text.len);
	if (e == ERR_OK)
		e = pcapngw_tcp_open(w, client, server, t0);
	for (i = 0; e == ERR_OK && i < r->flights; i++)
		e = pcapngw_tcp_data(w, r->tape[i].sender, r->tape[i].bytes.ptr, r->tape[i].bytes.len, r->tape[i].time);
	if (e == ERR_OK)
		e = pcapngw_tcp_close(w, r->flights ? r->tape[r->flights - 1].time : t0);
	if (w && pcapngw_close(w, why, sizeof why) != ERR_OK && e == ERR_OK)
		e = ERR_IO;
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: cannot write the capture %s: %s\n", path, why[0] ? why : err_str(e));
		return 1;
	}
	return 0;
}

static int main_live(const opts_t *o)
{
	liverun_t *r;
	char why[256] = "";
	buf_t out = { 0 };
	err_t e;
	size_t i;
	int rc = 0;

	e = liverun_new(&o->live, &r, why, sizeof why);
	if (e != ERR_OK) {
		if (e == ERR_BAD_VALUE || e == ERR_UNSUPPORTED) {
			fprintf(stderr, "tlstrace: %s\n%s", why[0] ? why : err_str(e), usage_text);
			return CLI_EXIT_USAGE;
		}
		fprintf(stderr, "tlstrace: cannot start the live handshake: %s\n", why[0] ? why : err_str(e));
		return 1;
	}
	r->record = o->write_pcap != NULL;
	e = liverun_all(r);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: the live handshake stopped: %s\n", err_str(e));
		rc = 1;
	}
	for (i = 0; i < r->conn->nhs && e == ERR_OK; i++) {
		e = o->view == VIEW_JSON ? json_handshake(&out, r->conn, r->conn->hs[i], o->json_flags)
					 : text_handshake(&out, r->conn, r->conn->hs[i]);
	}
	if (e != ERR_OK && rc == 0) {
		fprintf(stderr, "tlstrace: %s\n", err_str(e));
		rc = 1;
	}
	if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (o->keylog_path && main_write_keylog(o->keylog_path, &r->keylog_text) != 0)
		rc = 1;
	if (o->write_pcap && main_write_pcap(o->write_pcap, r) != 0)
		rc = 1;
	if (r->conn->nhs == 0) {
		fprintf(stderr, "tlstrace: nothing was exchanged\n");
		rc = 1;
	}
	buf_free(&out);
	liverun_free(r);
	live_shutdown();
	return rc;
}

typedef struct {
	view_t view;
	unsigned json_flags;
	buf_t out;
	bool failed;
} main_emit_t;

/* Each handshake is printed as soon as it is final (streaming). */
static void main_emit(void *ctx, const conn_t *c, const handshake_t *h)
{
	main_emit_t *m = ctx;
	err_t e;

	m->out.len = 0;
	e = m->view == VIEW_JSON ? json_handshake(&m->out, c, h, m->json_flags) : text_handshake(&m->out, c, h);
	if (e != ERR_OK) {
		m->failed = true;
		return;
	}
	if (m->view == VIEW_TEXT && buf_append(&m->out, "\n", 1) != ERR_OK)
		m->failed = true;
	if (fwrite(m->out.ptr, 1, m->out.len, stdout) != m->out.len)
		m->failed = true;
	if (h->sec.rsa_key_mismatch)
		fprintf(stderr, "tlstrace: connection %u: the --rsa-key does not belong to the server's certificate\n", c->id);
}

/* The key log and the RSA key of `read`, loaded once; 0 or an exit status. */
static int main_load_evidence(const opts_t *o, keylog_t **kl, rsakey_t **rsa)
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

static int main_read_ui(const opts_t *o)
{
	keylog_t *kl;
	rsakey_t *rsa;
	analyze_opts_t ao = { o->capture_path, o->filter, NULL, NULL, o->connection, NULL, NULL, NULL, false };
	int rc = main_load_evidence(o, &kl, &rsa);

	if (rc)
		return rc;
	ao.keylog = kl;
	ao.rsa = rsa;
	rc = ui_capture(&ao, &o->ui);
	rsakey_free(rsa);
	keylog_free(kl);
	return rc;
}

static int main_read(const opts_t *o)
{
	keylog_t *kl;
	rsakey_t *rsa;
	main_emit_t em = { o->view, o->json_flags, { 0 }, false };
	analyze_opts_t ao = { o->capture_path, o->filter, NULL, NULL, o->connection, main_emit, &em, NULL,
			      o->view == VIEW_JSON && !(o->json_flags & JSON_FIELDS) };
	analyze_result_t res;
	char why[256] = "";
	err_t e;
	int rc = main_load_evidence(o, &kl, &rsa);

	if (rc)
		return rc;
	ao.keylog = kl;
	ao.rsa = rsa;
	e = analyze_capture(&ao, &res, why, sizeof why);
	if (e != ERR_OK) {
		fprintf(stderr, "tlstrace: %s: %s\n", o->capture_path, why[0] ? why : err_str(e));
		rc = 1;
	} else {
		if (res.capture.file_truncated)
			fprintf(stderr, "tlstrace: %s: the file ends in the middle of a packet (%s); "
				"everything before the cut was decoded\n", o->capture_path,
				res.capture.file_error[0] ? res.capture.file_error : "truncated");
		if (res.connections == 0) {
			if (o->connection >= 0)
				fprintf(stderr, "tlstrace: %s: connection %ld is not a TLS connection of this capture\n",
					o->capture_path, o->connection);
			else
				fprintf(stderr, "tlstrace: %s: no TLS connection found (%llu packets, %llu TCP)\n",
					o->capture_path, (unsigned long long)res.capture.frames,
					(unsigned long long)res.capture.tcp_frames);
			rc = 1;
		}
	}
	if (em.failed) {
		fprintf(stderr, "tlstrace: writing the output failed\n");
		rc = 1;
	}
	buf_free(&em.out);
	rsakey_free(rsa);
	keylog_free(kl);
	return rc;
}

/* tlstrace scenarios: one line each, from the scenario table. */
static int main_scenarios(void)
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

int main(int argc, char **argv)
{
	opts_t o;
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
		printf("%s\n%s", usage_text, help_text);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("tlstrace %s (GnuTLS %s)\n", TLSTRACE_VERSION, gnutls_check_version(NULL));
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "scenarios") == 0) {
		if (argc > 2)
			return main_usage_error("scenarios takes no arguments, not '%s'", argv[2]);
		return main_scenarios();
	}
	if (argc > 1 && strcmp(argv[1], "lessons") == 0)
		return cmd_lessons(argc, argv, usage_text);
	if (argc > 1 && strcmp(argv[1], "lesson") == 0)
		return cmd_lesson(argc, argv, usage_text, ui_live);
	rc = main_parse(argc, argv, &o);
	if (rc)
		return rc;
	if (fflush(stdout) != 0)
		return 1;
	if (o.view == VIEW_AUTO) {
		/* A terminal gets the interface; a pipe or file the text view. */
		if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
			return o.cmd == CMD_READ ? main_read_ui(&o) : ui_live(&o.live, &o.ui);
		o.view = VIEW_TEXT;
	}
	rc = o.cmd == CMD_READ ? main_read(&o) : main_live(&o);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	return rc;
}
