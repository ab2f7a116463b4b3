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

err_t liverun_new(const live_cfg_t *cfg, liverun_t **out, char *why, size_t whylen)
{
	liverun_t *r = calloc(1, sizeof *r);
	evidence_t ev;
	err_t e;

	*out = NULL;
	ENSURE(r, ERR_NOMEM);
	r->keylog = keylog_new();
	r->conn = conn_new(0, "live");
	if (!r->keylog || !r->conn) {
		liverun_free(r);
		return ERR_NOMEM;
	}
	e = live_new(cfg, liverun_on_secret, r, &r->live, why, whylen);
	if (e != ERR_OK) {
		liverun_free(r);
		return e;
	}
	e = rsakey_wrap(live_server_key(r->live), &r->rsa);
	if (e != ERR_OK) {
		liverun_free(r);
		return e;
	}
	ev = (evidence_t){ .keylog = r->keylog, .rsa = r->rsa, .live = true };
	r->dec = decoder_new(r->conn, &ev, NULL, NULL);
	if (!r->dec) {
		liverun_free(r);
		return ERR_NOMEM;
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
	decoder_free(r->dec);
	conn_free(r->conn);
	rsakey_free(r->rsa);
	live_free(r->live);
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
static void liverun_add_verdict(liverun_t *r)
{
	const live_evidence_t *ev = live_evidence(r->live);
	handshake_t *h = conn_current(r->conn);

	if (!h || !ev->cert_checked || h->cert_checked)
		return;
	h->cert_checked = true;
	h->cert_status = ev->cert_status;
	h->cert_verdict = liverun_strdup_nonempty(ev->cert_verdict);
}

/* GnuTLS's own account, added to the trace as evidence. */
static void liverun_add_evidence(liverun_t *r)
{
	const live_evidence_t *ev = live_evidence(r->live);
	handshake_t *h = conn_current(r->conn);
	const msg_t *cert;
	int side;

	if (!h)
		return;
	if (ev->client.error)
		h->client_error = liverun_strdup_nonempty(ev->client.error_text);
	if (ev->server.error)
		h->server_error = liverun_strdup_nonempty(ev->server.error_text);
	liverun_add_verdict(r);
	h->client_config = liverun_strdup_nonempty(ev->client_config);
	h->server_config = liverun_strdup_nonempty(ev->server_config);
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		const live_side_t *a = side == SIDE_CLIENT ? &ev->client : &ev->server;
		if (a->have_logged_master) {
			memcpy(h->side_master[side], a->logged_master, 48);
			h->have_side_master[side] = true;
		}
	}
	/* The key the server really used against the certificate it sent
	 * (the decoder checks this only for a key the user gives). */
	cert = handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_CERTIFICATE);
	if (cert && cert->ncerts && !rsakey_matches_cert(r->rsa, msg_span(cert, cert->certs[0]))) {
		h->sec.rsa_key_mismatch = true;
		conn_note(r->conn, "the server's private key is not the one its certificate names");
	}
	if (h->have_side_master[SIDE_CLIENT] && h->have_side_master[SIDE_SERVER] &&
	    memcmp(h->side_master[SIDE_CLIENT], h->side_master[SIDE_SERVER], 48) != 0) {
		char c[97], s[97];
		bytes_hex_encode(h->side_master[SIDE_CLIENT], 48, c);
		bytes_hex_encode(h->side_master[SIDE_SERVER], 48, s);
		conn_note(r->conn, "the two sides derived DIFFERENT master secrets: the client's is %s, the "
			  "server's %s (both are in the key log)", c, s);
	}
	/* What GnuTLS negotiated must be what was decoded from the wire. */
	if (ev->client.done && h->version && ev->client.version && ev->client.version != h->version)
		conn_note(r->conn, "GnuTLS reports version 0x%04x but the wire says 0x%04x",
			  ev->client.version, h->version);
	if (ev->client.done && ev->client.suite && h->suite_id != ev->client.suite)
		conn_note(r->conn, "GnuTLS reports cipher suite 0x%04x but the wire says 0x%04x",
			  ev->client.suite, h->suite_id);
	if (ev->client.have_master && h->sec.have_master && memcmp(ev->client.master, h->sec.master, 48) != 0)
		conn_note(r->conn, "MASTER SECRET DISAGREES with the one GnuTLS's client holds");
}

static err_t liverun_keep(liverun_t *r, const live_flight_t *f, double now)
{
	liverun_flight_t *tape = vec_grow(r->tape, &r->tape_cap, r->flights + 1, sizeof *tape);

	ENSURE(tape, ERR_NOMEM);
	r->tape = tape;
	tape[r->flights] = (liverun_flight_t){ f->sender, { 0 }, now };
	return buf_append(&tape[r->flights].bytes, f->bytes.ptr, f->bytes.len);
}

err_t liverun_step(liverun_t *r, bool *more)
{
	live_flight_t f;
	struct timeval tv;
	err_t e;

	*more = false;
	if (r->finished)
		return ERR_OK;
	e = live_step(r->live, &f, more);
	if (e != ERR_OK) {
		/* The engine gave up (a stall, the turn cap): what was seen so
		 * far is still a trace, finished and with GnuTLS's account. */
		conn_note(r->conn, "the live run stopped early: %s", live_error_text(r->live));
		r->finished = true;
		*more = false;
		liverun_add_evidence(r);
		decoder_finish(r->dec);
		return e;
	}
	if (f.bytes.len) {
		double now;

		gettimeofday(&tv, NULL);
		now = (double)tv.tv_sec + tv.tv_usec / 1e6;
		if (r->record)
			TRY(liverun_keep(r, &f, now));
		r->flights++;
		decoder_feed(r->dec, f.sender, f.bytes.ptr, f.bytes.len, f.number, now);
	}
	if (*more) {
		liverun_add_verdict(r);
		decoder_refresh(r->dec);
		return ERR_OK;
	}
	r->finished = true;
	liverun_add_evidence(r);
	decoder_finish(r->dec);
	return ERR_OK;
}

err_t liverun_all(liverun_t *r)
{
	bool more = true;

	while (more)
		TRY(liverun_step(r, &more));
	return ERR_OK;
}
