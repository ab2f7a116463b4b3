/* text.c - the plain-text view of one handshake (see text.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "text.h"
#include "base/strfmt.h"
#include "trace/steps.h"

#define TEXT_LIST_MAX 8      /* list items shown before "... and N more" */
#define TEXT_DEPTH_MAX 3     /* field tree depth shown */

typedef struct {
	buf_t *out;
	bool failed;
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

	text_printf(t, "  client %s server  %s  (%s %u, %zu bytes%s)\n",
		    m->sender == SIDE_CLIENT ? "-->" : "<--", msg_type_name(m),
		    strcmp(c->source, "live") == 0 ? "flight" : "frame", m->frame, m->raw.len,
		    m->encrypted ? ", encrypted" : "");
	if (m->type == CT_ALERT && !m->opaque) {
		const alert_info_t *ai = alert_find(m->alert_desc);
		text_printf(t, "      %s alert %s (%u): %s\n", m->alert_level == 2 ? "fatal" : "warning",
			    ai ? ai->name : "unknown", m->alert_desc, ai ? ai->explain : "");
	} else if (m->root) {
		text_fields(t, m->root, 0);
	}
	for (n = 0; n < m->nnotes; n++)
		text_printf(t, "      ! %s\n", m->notes[n]);
}

static void text_finished(text_t *t, const handshake_t *h, int side)
{
	const finished_check_t *f = &h->fin[side];

	if (f->verdict == FIN_ABSENT)
		return;
	text_printf(t, "    %s Finished check:\n", side == SIDE_CLIENT ? "Client" : "Server");
	if (f->transcript_hash_len)
		text_hex(t, "transcript hash", f->transcript_hash, f->transcript_hash_len);
	if (f->expected_len)
		text_hex(t, "expected verify_data", f->expected, f->expected_len);
	if (f->received_len)
		text_hex(t, "received verify_data", f->received, f->received_len);
	text_printf(t, "    %-26s %s%s%s\n", "verdict", fin_verdict_name(f->verdict), f->why ? ": " : "",
		    f->why ? f->why : "");
}

static void text_keys_dir(text_t *t, const char *who, const keys_dir_t *k)
{
	char label[64];

	if (k->mac_len) {
		snprintf(label, sizeof label, "%s MAC key", who);
		text_hex(t, label, k->mac_key, k->mac_len);
	}
	snprintf(label, sizeof label, "%s write key", who);
	text_hex(t, label, k->key, k->key_len);
	if (k->iv_len) {
		snprintf(label, sizeof label, "%s IV", who);
		text_hex(t, label, k->iv, k->iv_len);
	}
}

/* What each step adds below its messages: the secrets it brings. */
static void text_step_secrets(text_t *t, const handshake_t *h, int step)
{
	const secrets_t *s = &h->sec;

	switch (step) {
	case 1:
		if (h->have_client_random)
			text_hex(t, "client random", h->client_random, 32);
		break;
	case 2:
		if (h->have_server_random)
			text_hex(t, "server random", h->server_random, 32);
		if (h->suite)
			text_printf(t, "    %-26s %s (0x%04x)\n", "chosen cipher suite", h->suite->name, h->suite_id);
		if (h->version == VER_TLS13 && s->have_logged) {
			if (s->logged.len[KL_CLIENT_HS])
				text_hex(t, "client hs traffic secret", s->logged.secret[KL_CLIENT_HS], s->logged.len[KL_CLIENT_HS]);
			if (s->logged.len[KL_SERVER_HS])
				text_hex(t, "server hs traffic secret", s->logged.secret[KL_SERVER_HS], s->logged.len[KL_SERVER_HS]);
		}
		break;
	case 6:
		if (h->version == VER_TLS13)
			break;
		if (s->premaster_len)
			text_hex(t, "premaster secret", s->premaster, s->premaster_len);
		else
			text_printf(t, "    %-26s unknown: %s\n", "premaster secret", s->premaster_why ? s->premaster_why : "not known");
		if (s->session_hash_len)
			text_hex(t, "session hash (RFC 7627)", s->session_hash, s->session_hash_len);
		if (s->have_master) {
			text_printf(t, "    master secret = PRF(premaster, \"%s\", %s)\n",
				    h->ems ? "extended master secret" : "master secret",
				    h->ems ? "session_hash" : "client_random + server_random");
			text_hex(t, s->master_from == FROM_DERIVED ? "master secret (derived)" : "master secret (logged)",
				 s->master, 48);
			if (s->have_master_reported && s->master_from == FROM_DERIVED)
				text_printf(t, "    %-26s %s\n", "GnuTLS / key log master",
					    s->master_agrees ? "the same: derivation confirmed" : "DIFFERENT: see the note above");
		}
		if (s->have_keys) {
			text_hex(t, "key block", s->keys.block, s->keys.block_len);
			text_keys_dir(t, "client", &s->keys.client);
			text_keys_dir(t, "server", &s->keys.server);
		}
		break;
	case 7:
		text_finished(t, h, SIDE_CLIENT);
		break;
	case 8:
		text_finished(t, h, SIDE_SERVER);
		break;
	case 9: {
		int side;
		for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
			if (!h->app_records[side])
				continue;
			text_printf(t, "    %s sent %llu record(s), %llu bytes", model_side_name(side),
				    (unsigned long long)h->app_records[side], (unsigned long long)h->app_bytes[side]);
			if (h->app_decrypted[side]) {
				size_t i;
				text_printf(t, ", decrypted: \"");
				for (i = 0; i < h->app_preview_len[side]; i++) {
					uint8_t c = h->app_preview[side][i];
					if (c >= 0x20 && c < 0x7f)
						text_printf(t, "%c", c);
					else
						text_printf(t, c == '\r' ? "\\r" : c == '\n' ? "\\n" : "\\x%02x", c);
				}
				text_printf(t, "\"");
			}
			text_printf(t, "\n");
		}
		break;
	}
	default:
		break;
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
		text_step_secrets(t, h, *cur);
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
	text_t t = { out, false };
	bool shown[STEP_COUNT + 1] = { false };   /* [0]: the current step's secrets are out */
	bool has_msgs[STEP_COUNT + 1] = { false };
	size_t i;
	int s, cur = 0;

	text_printf(&t, "Connection %u, handshake %u (%s)", c->id, h->index, c->source);
	if (c->client_ip[0])
		text_printf(&t, ": %s:%u -> %s:%u", c->client_ip, c->client_port, c->server_ip, c->server_port);
	text_printf(&t, "\n  %s, %s, %s%s%s\n", h->version ? reg_version_name(h->version) : "version not agreed",
		    h->suite ? h->suite->name : "no cipher suite chosen", h->resumed ? "resumed" : "full handshake",
		    h->ems ? ", extended master secret" : "", h->etm ? ", encrypt-then-MAC" : "");
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
		text_step_secrets(&t, h, cur);
	for (s = 1; s <= STEP_COUNT; s++) {
		if (shown[s])
			continue;
		text_step_header(&t, h, s);
		if (s == 9 && (h->app_records[0] || h->app_records[1]))
			text_step_secrets(&t, h, s);
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
	return t.failed ? ERR_NOMEM : ERR_OK;
}
