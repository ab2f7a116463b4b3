/* summary.c - one line per handshake (see summary.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "summary.h"
#include "../base/strfmt.h"

typedef struct {
	buf_t *out;
	bool failed;
} summary_t;

__attribute__((format(printf, 2, 3)))
static void summary_printf(summary_t *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(s->out, fmt, ap) != ERR_OK)
		s->failed = true;
	va_end(ap);
}

static void summary_put(summary_t *s, const char *text)
{
	if (buf_append(s->out, text, strlen(text)) != ERR_OK)
		s->failed = true;
}

/* A Finished verdict for a side: "verified", or what stands in its way. */
static const char *summary_fin(const handshake_t *h, int side)
{
	return fin_verdict_name(h->fin[side].verdict);
}

err_t summary_handshake(buf_t *out, const conn_t *c, const handshake_t *h)
{
	summary_t s = { out, false };
	const char *kx = handshake_kx_name(h);

	summary_printf(&s, "%u.%u", c->id, h->index);
	if (c->client_ip[0])
		summary_printf(&s, "  %s:%u -> %s:%u", c->client_ip, c->client_port, c->server_ip, c->server_port);
	summary_printf(&s, "  %s  %s", h->version ? version_name(h->version) : "no version agreed",
		       h->suite ? h->suite->name : "no cipher suite chosen");
	if (kx)
		summary_printf(&s, "  %s", kx);
	summary_printf(&s, "  %s%s", h->resumed ? "resumed" : "full", h->ems ? "+EMS" : "");
	if (h->sec.have_master)
		summary_printf(&s, "  master: %s", secret_from_name(h->sec.master_from));
	summary_printf(&s, "  Finished: client %s, server %s", summary_fin(h, SIDE_CLIENT), summary_fin(h, SIDE_SERVER));
	summary_printf(&s, "  %s", outcome_name(h->outcome));
	if (h->failure.failed) {
		const alert_info_t *a = h->failure.alert >= 0 ? alert_find((uint8_t)h->failure.alert) : NULL;

		summary_printf(&s, " at step %d (%s)", h->failure.step, side_name(h->failure.sender));
		if (a)
			summary_printf(&s, ", alert %s", a->name);
		if (h->failure.reason) {
			summary_put(&s, ": ");
			summary_put(&s, h->failure.reason);
		}
	}
	summary_put(&s, "\n");
	return s.failed ? ERR_NOMEM : ERR_OK;
}
