/* main.c - the command line: usage and help, the options table, parsing,
 * and dispatch to the commands (cmd_live.c, cmd_read.c, cmd_lesson.c).
 * The command line is the only code that prints or exits. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>
#include "cli.h"
#include "cmd_lesson.h"
#include "live/scenario.h"
#include "ui/ui.h"
#include "out/json.h"

#ifndef TLSTRACE_VERSION
#define TLSTRACE_VERSION "0.0.0"
#endif

const char cli_usage_text[] =
	"usage: tlstrace [live] [--tls 1.0|1.1|1.2|1.3] [--kx rsa|ecdhe|dhe] [--cipher NAME]\n"
	"                [--client-auth] [--ems] [--keylog FILE] [--write-pcap FILE]\n"
	"                [--text|--json|--summary]\n"
	"       tlstrace live --scenario NAME [--keylog FILE] [--text|--json|--summary]\n"
	"       tlstrace scenarios\n"
	"       tlstrace lessons [--lang en|ja]\n"
	"       tlstrace lesson NAME [--lang en|ja] [--text] [--answers]\n"
	"       tlstrace read CAPTURE [--keylog FILE] [--rsa-key PEM] [--connection N]\n"
	"                [--filter BPF] [--text|--json|--summary]\n"
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
	"  --summary         one line per handshake: endpoints, version, suite, key\n"
	"                    exchange, Finished verdicts, outcome and why it failed\n"
	"\n"
	"Options for read:\n"
	"  --keylog FILE     NSS key log (CLIENT_RANDOM, TLS 1.3 secrets) to decrypt with\n"
	"  --rsa-key PEM     the server's RSA private key: recovers RSA premasters\n"
	"  --connection N    only connection N (numbered like Wireshark's tcp.stream)\n"
	"  --filter BPF      a libpcap filter applied while reading (\"port 443\")\n"
	"  --text, --json, --summary   as for live\n"
	"\n"
	"Options for lesson:\n"
	"  --lang LANG       en or ja (default: from LC_ALL, then LC_MESSAGES, then LANG)\n"
	"  --text            print the lesson instead of opening the interface\n"
	"  --answers         with --text: print the answers to the questions too\n"
	"  --no-color, --autoplay SECONDS   as for live\n"
	"\n"
	"Defaults give the classic handshake: TLS 1.2, RSA key exchange,\n"
	"TLS_RSA_WITH_AES_128_CBC_SHA256, no extended master secret.\n";

#define main_usage_error(...) cli_usage_error(cli_usage_text, __VA_ARGS__)

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

static int main_resolve_cipher(cli_opts_t *o)
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
	{ "--scenario", true, true, false },  { "--summary", false, true, true },
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

static int main_parse(int argc, char **argv, cli_opts_t *o)
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
		} else if (strcmp(a, "--summary") == 0) {
			o->view = VIEW_SUMMARY;
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

int main(int argc, char **argv)
{
	cli_opts_t o;
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
		printf("%s\n%s", cli_usage_text, help_text);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("tlstrace %s (GnuTLS %s)\n", TLSTRACE_VERSION, gnutls_check_version(NULL));
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "scenarios") == 0) {
		if (argc > 2)
			return main_usage_error("scenarios takes no arguments, not '%s'", argv[2]);
		return cmd_scenarios();
	}
	if (argc > 1 && strcmp(argv[1], "lessons") == 0)
		return cmd_lessons(argc, argv, cli_usage_text);
	if (argc > 1 && strcmp(argv[1], "lesson") == 0)
		return cmd_lesson(argc, argv, cli_usage_text, ui_run);
	rc = main_parse(argc, argv, &o);
	if (rc)
		return rc;
	if (fflush(stdout) != 0)
		return 1;
	if (o.view == VIEW_AUTO) {
		/* A terminal gets the interface; a pipe or file the text view. */
		if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
			return o.cmd == CMD_READ ? cmd_read_ui(&o) : cmd_live_ui(&o);
		o.view = VIEW_TEXT;
	}
	rc = o.cmd == CMD_READ ? cmd_read(&o) : cmd_live(&o);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	return rc;
}
