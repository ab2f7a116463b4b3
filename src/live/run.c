/* run.c - the live engine feeding the decoder (see run.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include "run.h"
#include "base/vec.h"

static void liverun_on_secret(void *ctx, const char *label, const uint8_t client_random[32],
			      const uint8_t *secret, size_t len)
{
	liverun_t *r = ctx;
	char line[2 * KEYLOG_SECRET_MAX + 128];
	int l = keylog_label_parse(label, strlen(label));
	size_t n;

	if (l < 0)
		return;
	if (keylog_add(r->keylog, (keylog_label_t)l, client_random, secret, len) != ERR_OK)
		return;
	n = keylog_format_line((keylog_label_t)l, client_random, secret, len, line, sizeof line);
	if (n && buf_append(&r->keylog_text, line, n) != ERR_OK)
		conn_note(r->conn, "out of memory while keeping the key log");
}

/* A decoder for connection c of engine lv, with the run's key log and
 * session cache. */
static err_t liverun_decoder(liverun_t *r, live_t *lv, conn_t *c, rsakey_t **rsa, decoder_t **dec)
{
	evidence_t ev;

	TRY(rsakey_wrap(live_server_key(lv), rsa));
	ev = (evidence_t){ .keylog = r->keylog, .rsa = *rsa, .live = true, .sessions = r->sessions };
	*dec = decoder_new(c, &ev, NULL, NULL);
	ENSURE(*dec, ERR_NOMEM);
	return ERR_OK;
}

err_t liverun_new(const live_cfg_t *cfg, liverun_t **out, char *why, size_t whylen)
{
	liverun_t *r = calloc(1, sizeof *r);
	err_t e;

	*out = NULL;
	ENSURE(r, ERR_NOMEM);
	r->cfg = *cfg;
	r->keylog = keylog_new();
	r->conn = conn_new(0, "live");
	r->sessions = cfg->resume ? sessions_new() : NULL;
	r->again.conn = cfg->resume ? conn_new(1, "live") : NULL;
	if (!r->keylog || !r->conn || (cfg->resume && (!r->sessions || !r->again.conn))) {
		liverun_free(r);
		return ERR_NOMEM;
	}
	e = live_new(cfg, liverun_on_secret, r, &r->live, why, whylen);
	if (e == ERR_OK)
		e = liverun_decoder(r, r->live, r->conn, &r->rsa, &r->dec);
	if (e != ERR_OK) {
		liverun_free(r);
		return e;
	}
	*out = r;
	return ERR_OK;
}

void liverun_free(liverun_t *r)
{
	unsigned i;

	if (!r)
		return;
	for (i = 0; r->tape && i < r->flights; i++)
		buf_free(&r->tape[i].bytes);
	free(r->tape);
	decoder_free(r->again.dec);
	conn_free(r->again.conn);
	rsakey_free(r->again.rsa);
	live_free(r->again.live);
	decoder_free(r->dec);
	conn_free(r->conn);
	rsakey_free(r->rsa);
	live_free(r->live);
	sessions_free(r->sessions);
	keylog_free(r->keylog);
	buf_free(&r->keylog_text);
	free(r);
}

static char *liverun_strdup_nonempty(const char *s)
{
	return s && s[0] ? strdup(s) : NULL;
}

/* The client's verdict on the server's chain, as soon as its verify
 * callback has run (during the turn that read the server's flight), so
 * that step 5 shows it when it is reached, not only once the run is over. */
static void liverun_add_verdict(const live_t *lv, conn_t *conn)
{
	const live_evidence_t *ev = live_evidence(lv);
	handshake_t *h = conn_current(conn);

	if (!h)
		return;
	if (ev->cert_checked && !h->cert_checked) {
		h->cert_checked = true;
		h->cert_status = ev->cert_status;
		h->cert_verdict = liverun_strdup_nonempty(ev->cert_verdict);
	}
	if (ev->client_cert_checked && !h->client_cert_checked) {
		h->client_cert_checked = true;
		h->client_cert_status = ev->client_cert_status;
		h->client_cert_verdict = liverun_strdup_nonempty(ev->client_cert_verdict);
	}
}

/* GnuTLS's own account, added to the trace as evidence. */
static void liverun_add_evidence(const live_t *lv, conn_t *conn, const rsakey_t *rsa)
{
	const live_evidence_t *ev = live_evidence(lv);
	handshake_t *h = conn_current(conn);
	const msg_t *cert;
	int side;

	if (!h)
		return;
	if (ev->client.error)
		h->client_error = liverun_strdup_nonempty(ev->client.error_text);
	if (ev->server.error)
		h->server_error = liverun_strdup_nonempty(ev->server.error_text);
	liverun_add_verdict(lv, conn);
	h->client_config = liverun_strdup_nonempty(ev->client_config);
	h->server_config = liverun_strdup_nonempty(ev->server_config);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		const live_side_t *a = side == SIDE_CLIENT ? &ev->client : &ev->server;
		/* A resumed session logs no CLIENT_RANDOM line: then what
		 * gnutls_session_get_master_secret reports. */
		if (a->have_logged_master || a->have_master) {
			memcpy(h->side_master[side], a->have_logged_master ? a->logged_master : a->master, 48);
			h->have_side_master[side] = true;
		}
	}
	/* The key the server really used against the certificate it sent
	 * (the decoder checks this only for a key the user gives). */
	cert = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE);
	if (cert && cert->ncerts && !rsakey_matches_cert(rsa, msg_span(cert, cert->certs[0]))) {
		h->sec.rsa_key_mismatch = true;
		conn_note(conn, "the server's private key is not the one its certificate names");
	}
	if (h->have_side_master[SIDE_CLIENT] && h->have_side_master[SIDE_SERVER] &&
	    memcmp(h->side_master[SIDE_CLIENT], h->side_master[SIDE_SERVER], 48) != 0) {
		char c[97], s[97];
		bytes_hex_encode(h->side_master[SIDE_CLIENT], 48, c);
		bytes_hex_encode(h->side_master[SIDE_SERVER], 48, s);
		conn_note(conn, "the two sides derived DIFFERENT master secrets: the client's is %s, the "
			  "server's %s (both are in the key log)", c, s);
	}
	/* What GnuTLS negotiated must be what was decoded from the wire. */
	if (ev->client.done && h->version && ev->client.version && ev->client.version != h->version)
		conn_note(conn, "GnuTLS reports version 0x%04x but the wire says 0x%04x",
			  ev->client.version, h->version);
	if (ev->client.done && ev->client.suite && h->suite_id != ev->client.suite)
		conn_note(conn, "GnuTLS reports cipher suite 0x%04x but the wire says 0x%04x",
			  ev->client.suite, h->suite_id);
	if (ev->client.have_master && h->sec.have_master && memcmp(ev->client.master, h->sec.master, 48) != 0)
		conn_note(conn, "MASTER SECRET DISAGREES with the one GnuTLS's client holds");
}

static err_t liverun_keep(liverun_t *r, const live_flight_t *f, double now, unsigned conn)
{
	liverun_flight_t *tape = vec_grow(r->tape, &r->tape_cap, r->flights + 1, sizeof *tape);

	ENSURE(tape, ERR_NOMEM);
	r->tape = tape;
	tape[r->flights] = (liverun_flight_t){ f->sender, { 0 }, now, conn };
	return buf_append(&tape[r->flights].bytes, f->bytes.ptr, f->bytes.len);
}

/* One flight of one connection's engine into its decoder; *more=false
 * (and the trace final) once that connection is over. */
static err_t liverun_flight(liverun_t *r, live_t *lv, conn_t *conn, decoder_t *dec, const rsakey_t *rsa,
			    bool *more)
{
	live_flight_t f;
	struct timeval tv;
	err_t e;

	e = live_step(lv, &f, more);
	if (e != ERR_OK) {
		/* The engine gave up (a stall, the turn cap): what was seen so
		 * far is still a trace, finished and with GnuTLS's account. */
		conn_note(conn, "the live run stopped early: %s", live_error_text(lv));
		*more = false;
		liverun_add_evidence(lv, conn, rsa);
		decoder_finish(dec);
		return e;
	}
	if (f.bytes.len) {
		double now;

		gettimeofday(&tv, NULL);
		now = (double)tv.tv_sec + tv.tv_usec / 1e6;
		if (r->record)
			TRY(liverun_keep(r, &f, now, conn->id));
		r->flights++;
		decoder_feed(dec, f.sender, f.bytes.ptr, f.bytes.len, f.number, now);
	}
	if (*more) {
		liverun_add_verdict(lv, conn);
		decoder_refresh(dec);
		return ERR_OK;
	}
	liverun_add_evidence(lv, conn, rsa);
	decoder_finish(dec);
	return ERR_OK;
}

/* --resume: the second pair, given the session the first one's client holds. */
static err_t liverun_start_again(liverun_t *r)
{
	char why[256] = "";
	err_t e = live_new_resumed(&r->cfg, r->live, liverun_on_secret, r, &r->again.live, why, sizeof why);

	if (e == ERR_OK)
		e = liverun_decoder(r, r->again.live, r->again.conn, &r->again.rsa, &r->again.dec);
	if (e != ERR_OK)
		conn_note(r->again.conn, "the resumed connection could not start: %s", why[0] ? why : err_str(e));
	return e;
}

static err_t liverun_step_first(liverun_t *r, bool *more)
{
	err_t e = liverun_flight(r, r->live, r->conn, r->dec, r->rsa, more);

	if (e == ERR_OK && *more)
		return ERR_OK;
	r->first_done = true;
	if (e != ERR_OK || !r->again.conn) {
		r->again.finished = r->finished = true;
		return e;
	}
	if (!live_evidence(r->live)->client.done) {
		conn_note(r->again.conn, "not run: the first handshake did not complete, so there is no session "
			  "to resume");
		r->again.finished = r->finished = true;
		return ERR_OK;
	}
	e = liverun_start_again(r);
	if (e != ERR_OK) {
		r->again.finished = r->finished = true;
		return e;
	}
	*more = true;
	return ERR_OK;
}

err_t liverun_step(liverun_t *r, bool *more)
{
	err_t e;

	*more = false;
	if (r->finished)
		return ERR_OK;
	if (!r->first_done)
		return liverun_step_first(r, more);
	e = liverun_flight(r, r->again.live, r->again.conn, r->again.dec, r->again.rsa, more);
	if (e != ERR_OK || !*more)
		r->again.finished = r->finished = true;
	return e;
}

err_t liverun_all(liverun_t *r)
{
	bool more = true;

	while (more)
		TRY(liverun_step(r, &more));
	return ERR_OK;
}

size_t liverun_count(const liverun_t *r)
{
	return r->again.conn ? 2 : 1;
}

conn_t *liverun_conn(const liverun_t *r, size_t i)
{
	return i == 0 ? r->conn : i == 1 ? r->again.conn : NULL;
}

bool liverun_final(const liverun_t *r, size_t i)
{
	return i == 1 ? r->again.finished || r->finished : r->first_done || r->finished;
}

err_t liverun_step_conn(liverun_t *r, size_t i, bool *more)
{
	*more = false;
	if (i == 0) {
		if (r->first_done)
			return ERR_OK;
		/* The first connection's last flight starts the second: a
		 * trace of its own that connection 0's view does not wait for. */
		TRY(liverun_step(r, more));
		*more = !r->first_done;
		return ERR_OK;
	}
	while (!r->first_done)
		TRY(liverun_step(r, more));
	if (r->again.finished)
		return ERR_OK;
	TRY(liverun_step(r, more));
	return ERR_OK;
}

const live_t *liverun_live(const liverun_t *r)
{
	return r->again.live ? r->again.live : r->live;
}
