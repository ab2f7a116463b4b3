/* main.c - the program: its commands in the order --help shows them (each
 * a row of the command table, cli.h, defined in its cmd_*.c), the
 * paragraph that introduces them, and --version.  cli.c parses, helps
 * and reports usage errors from the rows; the first row runs when no
 * command is named. */
#include <stdio.h>
#include <gnutls/gnutls.h>
#include "base/wrap.h"
#include "base/arena.h"
#include "trace/fingerprint.h"
#include "cli.h"

#ifndef TLSTRACE_VERSION
#define TLSTRACE_VERSION "0.0.0"
#endif

static const cli_cmd_t *const main_cmds[] = {
	&cmd_live_row, &cmd_connect_row, &cmd_read_row, &cmd_sniff_row, &cmd_scenarios_row, &cmd_lessons_row,
	&cmd_lesson_row, &cmd_compare_row, &cmd_serve_row,
};

static int main_version(void)
{
	printf("tlstrace %s (GnuTLS %s)\n", TLSTRACE_VERSION, gnutls_check_version(NULL));
	return fflush(stdout) == 0 ? 0 : 1;
}

static const cli_prog_t main_prog = {
	.intro = "tlstrace shows the SSL/TLS handshake step by step: a real GnuTLS client and\n"
		 "server run inside this process, and every byte they exchange is decoded,\n"
		 "every secret recomputed and every Finished message checked.\n",
	.cmds = main_cmds,
	.ncmds = sizeof main_cmds / sizeof main_cmds[0],
	.version = main_version,
};

int main(int argc, char **argv)
{
	int rc;

	wrap_locale_init();   /* LC_CTYPE from the environment, or C.UTF-8: Japanese needs UTF-8 */
	rc = cli_main(&main_prog, argc, argv);
	arena_pool_drain();   /* this thread's caches: arena blocks, fingerprints */
	fp_cache_free();
	return rc;
}
