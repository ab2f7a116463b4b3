/* summary.c - one line per handshake (see summary.h). */
#include <string.h>
#include "summary.h"
#include "base/strfmt.h"
#include "trace/fingerprint.h"

err_t summary_handshake(buf_t *out, const conn_t *c, const handshake_t *h)
{
	const char *kx = handshake_kx_name(h);
	fp_t fp = { 0 };
	bool ok = true;

	ok &= buf_printf(out, "%u.%u", c->id, h->index) == ERR_OK;
	if (c->client_ip[0])
		ok &= buf_printf(out, "  %s:%u -> %s:%u", c->client_ip, c->client_port, c->server_ip,
				 c->server_port) == ERR_OK;
	ok &= buf_printf(out, "  %s  %s", handshake_version_name(h) ? handshake_version_name(h) : "no version agreed",
			 h->suite ? h->suite->name : "no cipher suite chosen") == ERR_OK;
	if (kx)
		ok &= buf_printf(out, "  %s", kx) == ERR_OK;
	ok &= buf_printf(out, "  %s%s", h->resumed ? "resumed" : "full", h->ems ? "+EMS" : "") == ERR_OK;
	if (h->mid_stream)
		ok &= buf_printf(out, "  mid-stream: %s records %llu+%llu, application data %llu+%llu bytes",
				 reg_version_name(h->record_version) ? reg_version_name(h->record_version) : "unknown-version",
				 (unsigned long long)h->records[SIDE_CLIENT], (unsigned long long)h->records[SIDE_SERVER],
				 (unsigned long long)h->app_bytes[SIDE_CLIENT],
				 (unsigned long long)h->app_bytes[SIDE_SERVER]) == ERR_OK;
	if (h->sec.have_master)
		ok &= buf_printf(out, "  master: %s", secret_from_name(h->sec.master_from)) == ERR_OK;
	ok &= buf_printf(out, "  Finished: client %s, server %s  %s", fin_verdict_name(h->fin[SIDE_CLIENT].verdict),
			 fin_verdict_name(h->fin[SIDE_SERVER].verdict), outcome_name(h->outcome)) == ERR_OK;
	if (h->failure.failed) {
		const alert_info_t *a = h->failure.alert >= 0 ? alert_find((uint8_t)h->failure.alert) : NULL;

		ok &= buf_printf(out, " at step %d (%s)", h->failure.step, model_side_name(h->failure.sender)) == ERR_OK;
		if (a)
			ok &= buf_printf(out, ", alert %s", a->name) == ERR_OK;
		/* the reason is plain text, whatever its length: no printf */
		if (h->failure.reason)
			ok &= buf_append(out, ": ", 2) == ERR_OK &&
			      buf_append(out, h->failure.reason, strlen(h->failure.reason)) == ERR_OK;
	}
	if (h->mid_stream && h->outcome == OUTCOME_INCOMPLETE)
		ok &= buf_append(out, ": " HANDSHAKE_MID_STREAM_REASON, strlen(": " HANDSHAKE_MID_STREAM_REASON)) == ERR_OK;
	/* last, after the reason: a JA4 has no spaces, so `awk '{print $NF}'` finds it */
	ok &= fp_handshake(h, &fp) == ERR_OK;
	ok &= buf_printf(out, "  ja4 %s", fp.ja4[0] ? fp.ja4 : "-") == ERR_OK;
	fp_free(&fp);
	ok &= buf_append(out, "\n", 1) == ERR_OK;
	return ok ? ERR_OK : ERR_NOMEM;
}
