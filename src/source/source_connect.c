/* source_connect.c - the connect source (see source_connect.h): runs the
 * client, feeds what crossed the socket to the decoder flight by flight as
 * run.c does for the live pair, adds GnuTLS's account (errors, the verdict
 * on the chain, how the socket ended), and after a failure at step 2 the
 * probes' answer as causes.  A failure the wire cannot show (no answer
 * within the timeout) is written into the trace in words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/probe.h"
#include "source_connect.h"
#include "tls/msg.h"
#include "tls/registry.h"
#include "trace/decode.h"

typedef struct {
	source_t base;           /* first */
	source_connect_cfg_t cfg;
	net_connect_t run;       /* owned */
	bool started;
	conn_t *conn;            /* owned, NULL when nothing TLS was exchanged */
	char label[300];
} source_connect_t;

static const source_ops_t source_connect_ops;

static source_connect_t *source_connect_of(const source_t *s)
{
	return s && s->ops == &source_connect_ops ? (source_connect_t *)s : NULL;
}

static char *source_connect_dup(const char *s)
{
	return s && s[0] ? strdup(s) : NULL;
}

/* GnuTLS's account, before the decoder finalises (the diagnosis reads it). */
static void source_connect_evidence(source_connect_t *sc, handshake_t *h)
{
	const net_connect_t *r = &sc->run;

	if (r->client_error[0])
		h->client_error = source_connect_dup(r->client_error);
	h->cert_checked = r->cert_checked;
	h->cert_status = r->cert_status;
	h->cert_verdict = source_connect_dup(r->cert_verdict);
	h->client_config = source_connect_dup(r->client_config);
	if (r->have_master) {
		memcpy(h->side_master[SIDE_CLIENT], r->master, 48);
		h->have_side_master[SIDE_CLIENT] = true;
	}
	if (r->tap_state == NET_TAP_CLOSED)
		h->tcp_end[SIDE_SERVER] = TCP_END_FIN;
	else if (r->tap_state == NET_TAP_RESET)
		h->tcp_end[SIDE_SERVER] = TCP_END_RST;
}

/* The server answered in plain text: its first line, as the user would
 * see it in a terminal. */
static void source_connect_plain(source_connect_t *sc, handshake_t *h)
{
	const net_connect_t *r = &sc->run;
	char line[128];
	size_t i, at = 0;

	for (i = 0; i < r->nchunks; i++) {
		const buf_t *b = &r->chunks[i].bytes;
		size_t k;
		if (r->chunks[i].sender != SIDE_SERVER)
			continue;
		for (k = 0; k < b->len && b->ptr[k] != '\r' && b->ptr[k] != '\n' && at + 1 < sizeof line; k++)
			line[at++] = b->ptr[k] >= 32 && b->ptr[k] < 127 ? (char)b->ptr[k] : '?';
		break;
	}
	line[at] = '\0';
	handshake_add_cause(h, "the server answered in plain text: \"%s\": is this a TLS port?", line);
}

static size_t source_connect_server_bytes(const net_connect_t *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nchunks; i++)
		if (r->chunks[i].sender == SIDE_SERVER)
			n += r->chunks[i].bytes.len;
	return n;
}

/* After the decoder: what the wire could not show. */
static void source_connect_after(source_connect_t *sc, handshake_t *h)
{
	const net_connect_t *r = &sc->run;
	char line[400];

	for (size_t i = 0; i < r->nchain; i++)
		conn_note(sc->conn, "step 5, certificate %zu of %zu as the server sent it: %s", i + 1, r->chain_sent,
			  r->chain[i]);
	if (r->cert_checked)
		conn_note(sc->conn, "step 5, GnuTLS's client verdict on the chain: %s", r->cert_verdict);
	if (r->proceeded)
		conn_note(sc->conn, "the client REFUSED the server's certificate (%s) and went on only because of "
			  "--proceed: a real client would have stopped at step 5", r->cert_verdict);
	if (r->tap_state == NET_TAP_TIMEOUT && !h->failure.failed) {
		bool answered = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, -1) != NULL;
		int step = answered ? (h->version == VER_TLS13 ? 5 : 4) : 2;

		if (r->deadline_hit)
			snprintf(line, sizeof line, "the server did not finish its part %s within %u s (%d times --timeout): "
				 "it kept sending a byte now and then, or a message without end, and was cut off",
				 answered ? "of the handshake" : "of the handshake after the ClientHello",
				 NET_CONNECT_DEADLINE_STEPS * ((sc->cfg.net.timeout_ms + 999) / 1000), NET_CONNECT_DEADLINE_STEPS);
		else
			snprintf(line, sizeof line, "the server sent nothing more for %u s (--timeout) %s",
				 (sc->cfg.net.timeout_ms + 999) / 1000,
				 answered ? "in the middle of the handshake" : "after the ClientHello: no ServerHello, no alert");
		if (r->stage == NET_AT_HANDSHAKE) {
			handshake_fail(h, step, SIDE_SERVER, -1, line);
			if (r->deadline_hit)
				handshake_add_cause(h, "the server is stuck, or holds its clients on purpose with a slow drip of bytes (as slowloris does to servers). "
						    "Evidence: it sent %zu bytes in %u s, never a whole message",
						    source_connect_server_bytes(r),
						    NET_CONNECT_DEADLINE_STEPS * ((sc->cfg.net.timeout_ms + 999) / 1000));
			else
				handshake_add_cause(h, "the port is open but the program behind it does not speak TLS first, or "
						    "is stuck. Evidence: the TCP connection was accepted, the client's %s went out, "
						    "and no byte came back within %u s", answered ? "flight" : "ClientHello",
						    (sc->cfg.net.timeout_ms + 999) / 1000);
			handshake_set_step(h, step, STEP_FAILED, line);
			h->outcome = OUTCOME_FAILED;
		}
	}
	if (!h->failure.failed && r->stage == NET_AT_HANDSHAKE && r->client_error[0] && r->tap_state == NET_TAP_OK &&
	    !h->not_tls_len[SIDE_SERVER]) {
		/* GnuTLS's client refused what the server sent, and the wire
		 * shows no alert (nor one from the server): the client noticed */
		int step = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO) ? 3 : 2;
		snprintf(line, sizeof line, "the client gave up on what the server sent: GnuTLS says \"%s\"", r->client_error);
		handshake_fail(h, step, SIDE_CLIENT, -1, line);
		handshake_add_cause(h, "the server sent something its TLS client cannot take: a message out of order, "
				    "too large, or malformed. Evidence: %zu bytes from the server and the client's own error",
				    source_connect_server_bytes(r));
		handshake_set_step(h, step, STEP_FAILED, line);
		h->outcome = OUTCOME_FAILED;
	}
	if (h->not_tls_len[SIDE_SERVER])
		source_connect_plain(sc, h);
	if (r->why[0] && r->tap_state != NET_TAP_TIMEOUT)
		conn_note(sc->conn, "%s", r->why);
	if (r->sent_request[0])
		conn_note(sc->conn, "after the handshake the client sent \"%s\"", r->sent_request);
	if (r->answer_len) {
		char text[200];
		size_t i, at = 0;
		for (i = 0; i < r->answer_len && at + 5 < sizeof text; i++) {
			uint8_t c = r->answer[i];
			at += (size_t)snprintf(text + at, sizeof text - at, c == '\r' ? "\\r" : c == '\n' ? "\\n" :
					       c >= 32 && c < 127 ? "%c" : "\\x%02x", c);
		}
		conn_note(sc->conn, "the server answered (first %zu bytes): %s", r->answer_len, text);
	}
	if (r->dialogue.len) {
		size_t off = 0;
		while (off < r->dialogue.len) {
			const uint8_t *nl = memchr(r->dialogue.ptr + off, '\n', r->dialogue.len - off);
			size_t n = nl ? (size_t)(nl - (r->dialogue.ptr + off)) : r->dialogue.len - off;
			while (n && r->dialogue.ptr[off + n - 1] == '\r')
				n--;
			conn_note(sc->conn, "STARTTLS %s %.*s", net_starttls_proto_name((net_stls_proto_t)sc->cfg.net.starttls),
				  (int)n, (const char *)r->dialogue.ptr + off);
			off += (nl ? (size_t)(nl - (r->dialogue.ptr + off)) + 1 : n);
		}
	}
}

/* Step 2 failed: what does the server accept?  The answer goes into the
 * failure's causes, the probes into the notes. */
static void source_connect_probe(source_connect_t *sc, handshake_t *h)
{
	net_probe_t p[NET_PROBE_MAX];
	unsigned accepted = 0, offered = sc->cfg.net.versions ? sc->cfg.net.versions : NET_V13 | NET_V12;
	char acc[64], off[64];
	size_t i, n = net_probe_run(&sc->cfg.net, p, &accepted);
	const suite_info_t *si = NULL;

	for (i = 0; i < n; i++) {
		char v[16];
		net_versions_text(p[i].version_bit, v, sizeof v);
		conn_note(sc->conn, "probe %zu: %s alone, every suite and group GnuTLS has: %s", i + 1, v, p[i].how);
		if (!si && p[i].answered && (p[i].version_bit & offered))
			si = suite_find(p[i].suite);
	}
	net_versions_text(accepted, acc, sizeof acc);
	net_versions_text(offered, off, sizeof off);
	if (!accepted)
		handshake_add_cause(h, "the server accepted none of TLS 1.0 to 1.3 even with every suite and group "
				    "offered (%zu probe connections): it may require something else (a client "
				    "certificate, a name) or not be a TLS server", n);
	else if (!(accepted & offered))
		handshake_add_cause(h, "the server accepts %s only; you offered %s. Evidence: %zu probe connections, "
				    "one per version (see the notes)", acc, off, n);
	else
		handshake_add_cause(h, "the server accepts %s, which you offered, but not with the suites or groups "
				    "you offered: with every suite and group it chose %s. Evidence: %zu probe connections "
				    "(see the notes)", acc, si ? si->name : "a suite", n);
	/* What the server was seen to accept outranks what the ClientHello
	 * alone suggests: the probes' cause goes first. */
	if (h->failure.ncauses > 1) {
		char *mine = h->failure.causes[h->failure.ncauses - 1];
		memmove(h->failure.causes + 1, h->failure.causes, (h->failure.ncauses - 1) * sizeof *h->failure.causes);
		h->failure.causes[0] = mine;
	}
}

static err_t source_connect_build(source_connect_t *sc, char *why, size_t whylen)
{
	const net_connect_t *r = &sc->run;
	evidence_t ev = { .keylog = r->keylog, .live = true };
	decoder_t *dec;
	handshake_t *h;
	size_t i;

	if (r->nchunks == 0) {
		err_why(why, whylen, "%s", r->why[0] ? r->why : r->client_error[0] ? r->client_error
				    : "nothing was exchanged");
		return ERR_IO;
	}
	sc->conn = conn_new(0, "connect");
	ENSURE(sc->conn, ERR_NOMEM);
	snprintf(sc->conn->client_ip, sizeof sc->conn->client_ip, "%s", r->where.local_ip);
	snprintf(sc->conn->server_ip, sizeof sc->conn->server_ip, "%s", r->where.peer_ip);
	sc->conn->client_port = r->where.local_port;
	sc->conn->server_port = r->where.peer_port;
	dec = decoder_new(sc->conn, &ev, NULL, NULL);
	ENSURE(dec, ERR_NOMEM);
	for (i = 0; i < r->nchunks; i++)
		decoder_feed(dec, r->chunks[i].sender, r->chunks[i].bytes.ptr, r->chunks[i].bytes.len,
			     (uint32_t)(i + 1), r->chunks[i].time);
	h = conn_current(sc->conn);
	if (h)
		source_connect_evidence(sc, h);
	decoder_finish(dec);
	decoder_free(dec);
	if (!h)
		return ERR_OK;
	source_connect_after(sc, h);
	if (!sc->cfg.no_probe && h->failure.failed && h->failure.step == 2 && !h->not_tls_len[SIDE_SERVER] &&
	    r->tap_state != NET_TAP_TIMEOUT)
		source_connect_probe(sc, h);
	return ERR_OK;
}

static err_t source_connect_start(source_t *s, char *why, size_t whylen)
{
	source_connect_t *sc = source_connect_of(s);

	if (sc->started)
		return sc->conn ? ERR_OK : ERR_IO;
	sc->started = true;
	TRY(net_connect_run(&sc->cfg.net, &sc->run, why, whylen));
	if (sc->run.where.peer_ip[0])
		snprintf(sc->label, sizeof sc->label, "%s (%s port %u)", sc->cfg.net.target, sc->run.where.peer_ip,
			 sc->run.where.peer_port);
	return source_connect_build(sc, why, whylen);
}

static err_t source_connect_run(source_t *s, source_emit_fn emit, source_idle_fn idle, void *ctx, char *why,
				size_t whylen)
{
	source_connect_t *sc = source_connect_of(s);
	size_t i;

	TRY(source_connect_start(s, why, whylen));
	for (i = 0; i < sc->conn->nhs; i++)
		emit(ctx, sc->conn, sc->conn->hs[i]);
	if (idle)
		idle(ctx);
	return ERR_OK;
}

static size_t source_connect_count(const source_t *s)
{
	return source_connect_of(s)->conn ? 1 : 0;
}

static conn_t *source_connect_conn(const source_t *s, size_t i)
{
	(void)i;
	return source_connect_of(s)->conn;
}

static bool source_connect_final(const source_t *s, size_t i)
{
	(void)s;
	(void)i;
	return true;
}

static void source_connect_free(source_t *s)
{
	source_connect_t *sc = source_connect_of(s);

	if (!sc)
		return;
	conn_free(sc->conn);
	net_connect_free(&sc->run);
	free(sc);
}

static const source_ops_t source_connect_ops = {
	.name = "connect",
	.many = false,
	.reported_by = "GnuTLS's client reports",
	.frame_unit = "flight",
	.start = source_connect_start,
	.poll = NULL,
	.run = source_connect_run,
	.count = source_connect_count,
	.conn = source_connect_conn,
	.advance = NULL,         /* recorded: final once start returns */
	.final = source_connect_final,
	.rerun = NULL,           /* the server's answer cannot be replayed */
	.free = source_connect_free,
};

err_t source_connect_new(const source_connect_cfg_t *cfg, source_t **out)
{
	source_connect_t *sc = calloc(1, sizeof *sc);

	*out = NULL;
	ENSURE(sc, ERR_NOMEM);
	sc->base.ops = &source_connect_ops;
	sc->cfg = *cfg;
	snprintf(sc->label, sizeof sc->label, "%s", cfg->net.target ? cfg->net.target : "connect");
	sc->base.label = sc->label;
	*out = &sc->base;
	return ERR_OK;
}

const net_connect_t *source_connect_record(const source_t *s)
{
	const source_connect_t *sc = source_connect_of(s);

	return sc && sc->started ? &sc->run : NULL;
}
