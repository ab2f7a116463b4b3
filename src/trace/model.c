/* model.c - allocating, filling and freeing the trace model. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"
#include "base/strfmt.h"
#include "base/vec.h"

conn_t *conn_new(unsigned id, const char *source)
{
	conn_t *c = calloc(1, sizeof *c);

	if (c) {
		c->id = id;
		c->source = source;
		c->client_ip = c->server_ip = "";
		c->arena = &c->arena_mem;
	}
	return c;
}

err_t conn_set_endpoints(conn_t *c, const char *client_ip, uint16_t client_port, const char *server_ip,
			 uint16_t server_port)
{
	char *cip = arena_dup(c->arena, client_ip, strlen(client_ip) + 1);
	char *sip = cip ? arena_dup(c->arena, server_ip, strlen(server_ip) + 1) : NULL;

	ENSURE(sip, ERR_NOMEM);
	c->client_ip = cip;
	c->server_ip = sip;
	c->client_port = client_port;
	c->server_port = server_port;
	return ERR_OK;
}

/* What a handshake holds on the heap; the handshake itself, its
 * messages, its step reasons and Finished whys are in the connection's
 * arena.  Each pointer is cleared, so a
 * second call (conn_shed, then conn_free) frees nothing twice. */
static void handshake_free(handshake_t *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->nmsgs; i++) {
		msg_free(h->msgs[i]);
		h->msgs[i] = NULL;
	}
	h->nmsgs = 0;
	/* step reasons and the Finished whys live in the arena */
	free(h->failure.reason);
	h->failure.reason = NULL;
	str_list_free(h->failure.causes, h->failure.ncauses);
	h->failure.causes = NULL;
	h->failure.ncauses = 0;
	free(h->failure.reason_ja);
	h->failure.reason_ja = NULL;
	str_list_free(h->failure.causes_ja, h->failure.ncauses_ja);
	h->failure.causes_ja = NULL;
	h->failure.ncauses_ja = 0;
	free(h->client_error);
	free(h->server_error);
	free(h->cert_verdict);
	free(h->client_cert_verdict);
	free(h->client_config);
	free(h->server_config);
	h->client_error = h->server_error = h->cert_verdict = h->client_cert_verdict = NULL;
	h->client_config = h->server_config = NULL;
}

void conn_shed(conn_t *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nhs; i++)
		handshake_free(c->hs[i]);
	str_list_free(c->notes, c->nnotes);
	c->notes = NULL;
	c->nnotes = 0;
}

void conn_free(conn_t *c)
{
	if (!c)
		return;
	conn_shed(c);
	arena_release(c->arena);   /* after the messages: their trees are on the heap */
	free(c);
}

void conn_note(conn_t *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_list_push(&c->notes, &c->nnotes, str_vformat(fmt, ap));
	va_end(ap);
}

handshake_t *conn_new_handshake(conn_t *c)
{
	handshake_t *h, **grown;

	h = arena_zalloc(c->arena, sizeof *h);
	if (!h)
		return NULL;
	h->arena = c->arena;
	grown = vec_push_arena(c->arena, c->hs, c->nhs, sizeof *c->hs);
	if (!grown)
		return NULL;   /* h stays in the arena until the connection goes */
	c->hs = grown;
	h->index = (unsigned)c->nhs;
	h->failure.alert = -1;
	h->failure.rfc_alert = -1;
	h->sec.resumed_from = -1;
	c->hs[c->nhs++] = h;
	return h;
}

const char *handshake_version_name(const handshake_t *h)
{
	return h->version ? reg_version_name(handshake_version_id(h)) : NULL;
}

uint16_t handshake_version_id(const handshake_t *h)
{
	return h->dtls_version ? h->dtls_version : h->draft_version ? h->draft_version : h->version;
}

const char *handshake_kx_name(const handshake_t *h)
{
	size_t i;

	if (!h->suite)
		return NULL;
	if (!h->suite->tls13)
		return kx_name(h->suite->kx);
	/* RFC 8446 4.2.8: the group of the ServerHello's key share; without
	 * one, a resumption on the pre-shared key alone (psk_ke). */
	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		const group_info_t *g;
		if (m->type != CT_HANDSHAKE || m->hs_type != HS_SERVER_HELLO || m->hello.is_hrr)
			continue;
		if (!m->hello.key_share_group)
			return h->resumed ? "PSK" : NULL;
		g = group_find(m->hello.key_share_group);
		return g && g->kind == GROUP_FF ? "DHE" : "ECDHE";
	}
	return NULL;
}

handshake_t *conn_current(const conn_t *c)
{
	return c->nhs ? c->hs[c->nhs - 1] : NULL;
}

err_t handshake_add_msg(handshake_t *h, msg_t *m)
{
	if (h->nmsgs == h->cap) {
		/* msgs and msg_step share one capacity (cap bytes of steps
		 * cannot overflow where cap pointers did not) */
		size_t cap = h->cap;
		msg_t **msgs = vec_grow_arena(h->arena, h->msgs, h->nmsgs, &cap, h->nmsgs + 1, sizeof *msgs);
		uint8_t *steps = msgs ? arena_grow(h->arena, h->msg_step, h->nmsgs, cap) : NULL;

		if (!msgs || !steps) {
			msg_free(m);
			return ERR_NOMEM;
		}
		h->msgs = msgs;
		h->msg_step = steps;
		h->cap = cap;
	}
	h->msg_step[h->nmsgs] = 0;
	h->msgs[h->nmsgs++] = m;
	return ERR_OK;
}

void handshake_set_step(handshake_t *h, int step, step_status_t st, const char *reason)
{
	step_state_t *s;

	if (step < 1 || step > STEP_COUNT)
		return;
	s = &h->steps[step];
	s->status = st;
	s->reason_ja = NULL;   /* the caller that has Japanese words sets them after */
	if (reason && s->reason && strcmp(reason, s->reason) == 0)
		return;   /* steps are recomputed often; the reason rarely changes */
	/* in the arena: no malloc and free per step and handshake (a
	 * recomputed reason leaves the old one there until the connection goes) */
	s->reason = reason ? arena_dup(h->arena, reason, strlen(reason) + 1) : NULL;
}

void handshake_fail(handshake_t *h, int step, int sender, int alert, const char *reason)
{
	if (h->failure.failed)
		return;   /* the first failure is the one that counts */
	h->failure.failed = true;
	h->failure.step = step;
	h->failure.sender = sender;
	h->failure.alert = alert;
	h->failure.reason = reason ? strdup(reason) : NULL;
}

void handshake_add_cause(handshake_t *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_list_push(&h->failure.causes, &h->failure.ncauses, str_vformat(fmt, ap));
	va_end(ap);
}

msg_t *handshake_find(const handshake_t *h, int sender, uint8_t ct, int hs_type)
{
	size_t i = h->nmsgs;

	while (i-- > 0) {
		msg_t *m = h->msgs[i];
		if ((sender < 0 || m->sender == sender) && m->type == ct &&
		    (hs_type < 0 || m->hs_type == hs_type))
			return m;
	}
	return NULL;
}

const char *secret_from_name(secret_from_t f)
{
	static const char *const names[] = {
		[FROM_NONE] = NULL, [FROM_RSA_KEY] = "rsa-key", [FROM_LIVE] = "live",
		[FROM_DERIVED] = "derived", [FROM_KEYLOG] = "keylog",
	};
	return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : NULL;
}

const char *fin_verdict_name(fin_verdict_t v)
{
	static const char *const names[] = {
		[FIN_ABSENT] = "absent", [FIN_VERIFIED] = "verified",
		[FIN_MISMATCH] = "mismatch", [FIN_UNVERIFIED] = "unverified",
	};
	return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "absent";
}

const char *outcome_name(outcome_t o)
{
	static const char *const names[] = {
		[OUTCOME_INCOMPLETE] = "incomplete", [OUTCOME_COMPLETE] = "complete",
		[OUTCOME_FAILED] = "failed",
	};
	return (unsigned)o < sizeof names / sizeof names[0] ? names[o] : "incomplete";
}

const char *step_status_name(step_status_t s)
{
	static const char *const names[] = {
		[STEP_NOT_REACHED] = "not-reached", [STEP_DONE] = "done",
		[STEP_SKIPPED] = "skipped", [STEP_FAILED] = "failed",
	};
	return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "not-reached";
}

const char *model_side_name(int side)
{
	return side == SIDE_SERVER ? "server" : "client";
}
