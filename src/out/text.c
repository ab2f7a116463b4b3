/* text.c - the plain-text view of one handshake (see text.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "base/strfmt.h"
#include "trace/fingerprint.h"
#include "trace/secret_rows.h"
#include "trace/steps.h"

#define TEXT_LIST_MAX 8      /* list items shown before "... and N more" */
#define TEXT_DEPTH_MAX 3     /* field tree depth shown */

typedef struct {
	buf_t *out;
	bool failed;
	const srow_list_t *rows;   /* the handshake's secrets, built once */
	const fp_t *fp;            /* its fingerprints, computed once */
} text_t;

__attribute__((format(printf, 2, 3)))
static void text_printf(text_t *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (buf_vprintf(t->out, fmt, ap) != ERR_OK)
		t->failed = true;
	va_end(ap);
}

static void text_hex(text_t *t, const char *label, const uint8_t *p, size_t n)
{
	char hex[2 * 128 + 1];
	size_t i;

	if (n > 128)
		n = 128;
	bytes_hex_encode(p, n, hex);
	text_printf(t, "    %-26s ", label);
	for (i = 0; i < 2 * n; i += 64)
		text_printf(t, "%s%.64s\n", i ? "                               " : "", hex + i);
}

/* Lengths and type codes are framing: the byte map shows them, the
 * transcript leaves them out. */
static bool text_field_matters(const field_t *f)
{
	return !(f->flags & FIELD_FRAMING);
}

static void text_fields(text_t *t, const field_t *f, int depth)
{
	const field_t *k;
	size_t shown = 0, total = 0;

	for (k = f->kids; k; k = k->next)
		total++;
	for (k = f->kids; k; k = k->next) {
		if (!text_field_matters(k))
			continue;
		if (shown == TEXT_LIST_MAX && total > TEXT_LIST_MAX + 1 && (f->flags & FIELD_LIST)) {
			text_printf(t, "%*s... and %zu more\n", 6 + 2 * depth, "", total - shown);
			break;
		}
		shown++;
		if (k->value && strlen(k->value) > 96)
			text_printf(t, "%*s%s: %.93s...\n", 6 + 2 * depth, "", k->name, k->value);
		else
			text_printf(t, "%*s%s%s%s%s\n", 6 + 2 * depth, "", k->name, k->value ? ": " : "",
				    k->value ? k->value : "", (k->flags & FIELD_CHOSEN) ? "   <- chosen" : "");
		if (k->kids && depth + 1 < TEXT_DEPTH_MAX)
			text_fields(t, k, depth + 1);
	}
}

static void text_message(text_t *t, const conn_t *c, const handshake_t *h, size_t i)
{
	const msg_t *m = h->msgs[i];
	size_t n;

	text_printf(t, "  client %s server  %s  (%s %u, %zu bytes%s",
		    m->sender == SIDE_CLIENT ? "-->" : "<--", msg_type_name(m),
		    strcmp(c->source, "live") == 0 ? "flight" : "frame", m->frame, m->raw.len,
		    m->encrypted ? ", encrypted" : "");
	if (c->dtls)   /* RFC 6347 4.1: the record's epoch and sequence number */
		text_printf(t, ", epoch %u record %llu", m->epoch, (unsigned long long)m->record_seq);
	text_printf(t, ")\n");
	if (m->type == CT_ALERT && !m->opaque) {
		const alert_info_t *ai = alert_find(m->alert_desc);
		text_printf(t, "      %s alert %s (%u): %s\n", m->alert_level == 2 ? "fatal" : "warning",
			    ai ? ai->name : "unknown", m->alert_desc, ai ? ai->explain : "");
	} else if (m->root) {
		text_fields(t, m->root, 0);
	}
	if (m == t->fp->client_hello && t->fp->ja4[0])
		text_printf(t, "      fingerprints: JA4 %s  JA3 %s\n", t->fp->ja4, t->fp->ja3[0] ? t->fp->ja3 : "-");
	if (m == t->fp->server_hello && t->fp->ja3s[0])
		text_printf(t, "      fingerprint: JA3S %s\n", t->fp->ja3s);
	for (n = 0; n < m->nnotes; n++)
		text_printf(t, "      ! %s\n", m->notes[n]);
}

/* One secret row: "label  hex", "label  value", "label  unknown: why", or
 * a sentence (a formula, a count) for SROW_F_LINE rows. */
static void text_row(text_t *t, const srow_t *r)
{
	char label[64];

	if (r->flags & SROW_F_LINE) {
		text_printf(t, "    %s %s\n", r->label, r->text ? r->text : "");
		return;
	}
	if (r->qualifier)
		snprintf(label, sizeof label, "%s (%s)", r->label, r->qualifier);
	else
		snprintf(label, sizeof label, "%s", r->label);
	if (r->val)
		text_hex(t, label, r->val, r->len);
	else if (r->text)
		text_printf(t, "    %-26s %s%s%s\n", label, r->text, r->note ? ": " : "", r->note ? r->note : "");
	else
		text_printf(t, "    %-26s unknown: %s\n", label, r->unknown ? r->unknown : "not known");
}

/* What each step adds below its messages: the secret rows of that step,
 * in the rows' order; a Finished check under its own heading, left out
 * when that Finished never came. */
static void text_step_secrets(text_t *t, int step)
{
	const srow_t *r;
	size_t i = SIZE_MAX;
	bool heading;

	while ((r = srow_next_in_step(t->rows, step, &i, &heading)) != NULL) {
		if (heading)
			text_printf(t, "    %s check:\n", srow_group_title(r->group));
		text_row(t, r);
	}
}

static void text_step_header(text_t *t, const handshake_t *h, int step)
{
	const step_info_t *si = step_info(step);

	text_printf(t, "\nStep %d  %s  [%s]\n", step, si->title, step_status_name(h->steps[step].status));
	text_printf(t, "  %s\n", si->achieves);
	if (h->steps[step].reason)
		text_printf(t, "  (%s)\n", h->steps[step].reason);
}

/* Moves the transcript to step s: the secrets of the step being left, then
 * s's header (or a "continued" line when s was already opened). */
static void text_enter_step(text_t *t, const handshake_t *h, int s, int *cur, bool *shown)
{
	if (*cur && !shown[0])
		text_step_secrets(t, *cur);
	shown[0] = false;
	if (shown[s]) {
		text_printf(t, "\nStep %d (continued)\n", s);
	} else {
		text_step_header(t, h, s);
		shown[s] = true;
	}
	*cur = s;
}

err_t text_handshake(buf_t *out, const conn_t *c, const handshake_t *h)
{
	srow_list_t *rows = malloc(sizeof *rows);
	fp_t fp = { 0 };
	text_t t = { out, false, rows, &fp };
	bool shown[STEP_COUNT + 1] = { false };   /* [0]: the current step's secrets are out */
	bool has_msgs[STEP_COUNT + 1] = { false };
	size_t i;
	int s, cur = 0;

	if (!rows)
		return ERR_NOMEM;
	srow_build(h, rows);
	if (fp_handshake(h, &fp) != ERR_OK)
		t.failed = true;
	text_printf(&t, "Connection %u, handshake %u (%s)", c->id, h->index, c->source);
	if (c->client_ip[0])
		text_printf(&t, ": %s:%u -> %s:%u", c->client_ip, c->client_port, c->server_ip, c->server_port);
	text_printf(&t, "\n  %s, %s, %s%s%s\n", handshake_version_name(h) ? handshake_version_name(h) : "version not agreed",
		    h->suite ? h->suite->name : "no cipher suite chosen",
		    h->mid_stream ? "handshake not captured" : h->resumed ? "resumed" : "full handshake",
		    h->ems ? ", extended master secret" : "", h->etm ? ", encrypt-then-MAC" : "");
	if (h->mid_stream)
		text_printf(&t, "  picked up mid-stream: %s records, %llu from the client and %llu from the server\n",
			    reg_version_name(h->record_version) ? reg_version_name(h->record_version) : "unknown-version",
			    (unsigned long long)h->records[SIDE_CLIENT], (unsigned long long)h->records[SIDE_SERVER]);
	if (c->dtls)
		text_printf(&t, "  over UDP: %s, %u messages retransmitted (client %u, server %u), %u in fragments\n",
			    h->hvr ? "HelloVerifyRequest cookie exchange" : "no cookie exchange",
			    h->dtls_retransmitted[0] + h->dtls_retransmitted[1], h->dtls_retransmitted[0],
			    h->dtls_retransmitted[1], h->dtls_fragmented[0] + h->dtls_fragmented[1]);
	for (i = 0; i < h->nmsgs; i++)
		has_msgs[h->msg_step[i]] = true;
	for (i = 0; i < h->nmsgs; i++) {
		int step = h->msg_step[i], sender = h->msgs[i]->sender;

		if (step == cur)
			goto message;
		/* A step with no message of its own (skipped, or the client's
		 * silent certificate check) is told just before the next message
		 * of the side that does it: in TLS 1.3 the client's steps 5-6
		 * come after the server's Finished. */
		for (s = 1; s < step; s++) {
			int actor = step_info(s)->actor;
			if (!shown[s] && !has_msgs[s] && (actor < 0 || actor == sender)) {
				text_enter_step(&t, h, s, &cur, shown);
				if (s != 9)
					shown[0] = true;   /* nothing of its own to add */
			}
		}
		text_enter_step(&t, h, step, &cur, shown);
message:
		text_message(&t, c, h, i);
	}
	if (cur && !shown[0])
		text_step_secrets(&t, cur);
	for (s = 1; s <= STEP_COUNT; s++) {
		if (shown[s])
			continue;
		text_step_header(&t, h, s);
		if (s == 9)
			text_step_secrets(&t, s);
	}
	text_printf(&t, "\nOutcome: %s", outcome_name(h->outcome));
	text_printf(&t, "; client Finished %s, server Finished %s\n", fin_verdict_name(h->fin[SIDE_CLIENT].verdict),
		    fin_verdict_name(h->fin[SIDE_SERVER].verdict));
	if (h->failure.failed) {
		text_printf(&t, "Failed at step %d (%s), detected by the %s: %s\n", h->failure.step,
			    step_info(h->failure.step)->title, model_side_name(h->failure.sender),
			    h->failure.reason ? h->failure.reason : "");
		for (i = 0; i < h->failure.ncauses; i++)
			text_printf(&t, "  possible cause: %s\n", h->failure.causes[i]);
	}
	for (i = 0; i < c->nnotes; i++)
		text_printf(&t, "! %s\n", c->notes[i]);
	free(rows);
	fp_free(&fp);
	return t.failed ? ERR_NOMEM : ERR_OK;
}
