/* live_end.c - one side of the live connection during its turn: the
 * transport queues, the GnuTLS calls (handshake, then the one request or
 * response of step 9), failures and their alerts, and the evidence GnuTLS
 * gives (key log, certificate verdicts, negotiated version and suite).
 * Turn-taking and set-up are live.c's; nothing here decodes TLS. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "live_end.h"

#define LIVE_RETRIES 64    /* calls per turn while GnuTLS makes progress without finishing */

/* What each side does once both handshakes are over (step 9). */
static const live_phase_t live_script[2][3] = {
	[SIDE_CLIENT] = { PH_SEND, PH_RECV, PH_DONE },
	[SIDE_SERVER] = { PH_RECV, PH_SEND, PH_DONE },
};

static const char *const live_app_message[2] = {
	[SIDE_CLIENT] = "GET / HTTP/1.1\r\nHost: " PKI_SERVER_NAME "\r\n\r\n",
	[SIDE_SERVER] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n\r\n"
			"hello from tlstrace\r\n",
};

/* GnuTLS protocol numbers to wire versions. */
static const struct { gnutls_protocol_t proto; uint16_t wire; } live_versions[] = {
	{ GNUTLS_SSL3, VER_SSL30 }, { GNUTLS_TLS1_0, VER_TLS10 }, { GNUTLS_TLS1_1, VER_TLS11 },
	{ GNUTLS_TLS1_2, VER_TLS12 }, { GNUTLS_TLS1_3, VER_TLS13 },
};

/* ---- transport: two queues, never blocking ---- */

ssize_t live_end_push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
	live_end_t *e = ptr;

	if (buf_append(&e->out, data, len) != ERR_OK) {
		e->lv->cb_err = ERR_NOMEM;
		gnutls_transport_set_errno(e->s, ENOMEM);
		return -1;
	}
	return (ssize_t)len;
}

ssize_t live_end_pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
	live_end_t *e = ptr;
	size_t n = len < e->in.len ? len : e->in.len;

	if (n == 0) {
		gnutls_transport_set_errno(e->s, EAGAIN);
		return -1;
	}
	memcpy(data, e->in.ptr, n);
	buf_consume(&e->in, n);
	return (ssize_t)n;
}

/* Never waits: data is there now or it is not. */
int live_end_pull_timeout(gnutls_transport_ptr_t ptr, unsigned ms)
{
	const live_end_t *e = ptr;

	(void)ms;
	return e->in.len > 0;
}

/* ---- the server's session cache (session-id resumption) ---- */

/* rfc5246#section-7.4.1.2: "the server will look in its session cache for
 * a match"; GnuTLS keeps none itself and asks these three. */
int live_end_db_store(void *ptr, gnutls_datum_t key, gnutls_datum_t data)
{
	live_t *lv = ptr;
	gnutls_datum_t copy;

	if (lv->ncache >= LIVE_CACHE_MAX || key.size > sizeof lv->cache[0].key)
		return -1;
	copy.data = gnutls_malloc(data.size);
	if (!copy.data)
		return -1;
	memcpy(copy.data, data.data, data.size);
	copy.size = data.size;
	memcpy(lv->cache[lv->ncache].key, key.data, key.size);
	lv->cache[lv->ncache].keylen = key.size;
	lv->cache[lv->ncache].data = copy;
	lv->ncache++;
	return 0;
}

/* A copy GnuTLS frees (gnutls_free); { NULL, 0 } when the id is unknown. */
gnutls_datum_t live_end_db_fetch(void *ptr, gnutls_datum_t key)
{
	const live_t *lv = ptr;
	gnutls_datum_t out = { NULL, 0 };
	size_t i;

	for (i = 0; i < lv->ncache; i++) {
		if (lv->cache[i].keylen != key.size || memcmp(lv->cache[i].key, key.data, key.size) != 0)
			continue;
		out.data = gnutls_malloc(lv->cache[i].data.size);
		if (out.data) {
			memcpy(out.data, lv->cache[i].data.data, lv->cache[i].data.size);
			out.size = lv->cache[i].data.size;
		}
		break;
	}
	return out;
}

int live_end_db_remove(void *ptr, gnutls_datum_t key)
{
	live_t *lv = ptr;
	size_t i;

	for (i = 0; i < lv->ncache; i++) {
		if (lv->cache[i].keylen != key.size || memcmp(lv->cache[i].key, key.data, key.size) != 0)
			continue;
		gnutls_memset(lv->cache[i].data.data, 0, lv->cache[i].data.size);
		gnutls_free(lv->cache[i].data.data);
		lv->cache[i] = lv->cache[--lv->ncache];
		return 0;
	}
	return -1;
}

/* ---- evidence ---- */

int live_end_keylog(gnutls_session_t s, const char *label, const gnutls_datum_t *secret)
{
	const live_end_t *e = gnutls_session_get_ptr(s);
	live_t *lv = e->lv;
	gnutls_datum_t cr, sr;
	size_t i;

	gnutls_session_get_random(s, &cr, &sr);
	if (strcmp(label, "CLIENT_RANDOM") == 0 && secret->size == sizeof e->acct->logged_master) {
		memcpy(e->acct->logged_master, secret->data, secret->size);
		e->acct->have_logged_master = true;
	}
	if (!lv->on_secret || cr.size != 32 || secret->size > sizeof lv->seen[0].secret)
		return 0;
	/* Both sides log the same secrets: pass each label+random+value on
	 * once.  A side that derived a different value (a wrong key, an
	 * altered hello) is passed on too: the key log then holds both, and
	 * flags the conflict. */
	for (i = 0; i < lv->nseen; i++)
		if (strcmp(lv->seen[i].label, label) == 0 && memcmp(lv->seen[i].random, cr.data, 32) == 0 &&
		    lv->seen[i].len == secret->size && memcmp(lv->seen[i].secret, secret->data, secret->size) == 0)
			return 0;
	if (lv->nseen < LIVE_SEEN_MAX && strlen(label) < sizeof lv->seen[0].label) {
		strcpy(lv->seen[lv->nseen].label, label);
		memcpy(lv->seen[lv->nseen].random, cr.data, 32);
		memcpy(lv->seen[lv->nseen].secret, secret->data, secret->size);
		lv->seen[lv->nseen].len = secret->size;
		lv->nseen++;
	}
	lv->on_secret(lv->ctx, label, cr.data, secret->data, secret->size);
	return 0;
}

static void live_verdict(int rc, unsigned status, unsigned *st, char *text, size_t len)
{
	gnutls_datum_t out;

	if (rc < 0) {
		*st = GNUTLS_CERT_INVALID;
		snprintf(text, len, "could not be checked: %s", gnutls_strerror(rc));
		return;
	}
	*st = status;
	if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0) < 0) {
		snprintf(text, len, "status 0x%x", status);
		return;
	}
	snprintf(text, len, "%s", (const char *)out.data);
	gnutls_free(out.data);
	/* GnuTLS ends each sentence with a space. */
	for (size_t n = strlen(text); n > 0 && text[n - 1] == ' '; n--)
		text[n - 1] = '\0';
}

/* Step 5: the client checks the server's chain against the demo CA and the
 * name it meant to reach (RFC 6125); an untrusted chain ends the handshake. */
int live_end_verify_server(gnutls_session_t s)
{
	const live_end_t *e = gnutls_session_get_ptr(s);
	live_evidence_t *ev = &e->lv->ev;
	unsigned status = 0;
	int rc = gnutls_certificate_verify_peers3(s, e->lv->plan.verify_name, &status);

	ev->cert_checked = true;
	live_verdict(rc, status, &ev->cert_status, ev->cert_verdict, sizeof ev->cert_verdict);
	return rc < 0 || status ? GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR : 0;
}

/* The server checks the client's chain against the demo CA (no name). */
int live_end_verify_client(gnutls_session_t s)
{
	const live_end_t *e = gnutls_session_get_ptr(s);
	live_evidence_t *ev = &e->lv->ev;
	unsigned status = 0;
	int rc = gnutls_certificate_verify_peers2(s, &status);

	ev->client_cert_checked = true;
	live_verdict(rc, status, &ev->client_cert_status, ev->client_cert_verdict,
		     sizeof ev->client_cert_verdict);
	return rc < 0 || status ? GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR : 0;
}

/* The negotiated suite's IANA id, from GnuTLS's own suite table. */
static uint16_t live_suite_id(gnutls_session_t s, gnutls_protocol_t ver)
{
	gnutls_kx_algorithm_t kx = gnutls_kx_get(s), k;
	gnutls_cipher_algorithm_t cipher = gnutls_cipher_get(s), c;
	gnutls_mac_algorithm_t mac = gnutls_mac_get(s), m;
	gnutls_protocol_t minv;
	unsigned char id[2];
	size_t i;

	for (i = 0; gnutls_cipher_suite_info(i, id, &k, &c, &m, &minv); i++) {
		if (c != cipher || m != mac)
			continue;
		/* TLS 1.3 suites name no key exchange (RFC 8446 B.4). */
		if (ver == GNUTLS_TLS1_3 ? minv == GNUTLS_TLS1_3 : (k == kx && minv != GNUTLS_TLS1_3))
			return (uint16_t)(id[0] << 8 | id[1]);
	}
	return 0;
}

uint16_t live_end_wire_version(gnutls_protocol_t proto)
{
	size_t i;

	for (i = 0; i < sizeof live_versions / sizeof live_versions[0]; i++)
		if (live_versions[i].proto == proto)
			return live_versions[i].wire;
	return 0;
}

static void live_account(live_end_t *e)
{
	gnutls_protocol_t ver = gnutls_protocol_get_version(e->s);
	live_side_t *a = e->acct;
	gnutls_datum_t ms;

	a->done = true;
	a->version = live_end_wire_version(ver);
	a->suite = live_suite_id(e->s, ver);
	if (ver != GNUTLS_TLS1_3) {
		gnutls_session_get_master_secret(e->s, &ms);
		if (ms.data && ms.size == sizeof a->master) {
			memcpy(a->master, ms.data, sizeof a->master);
			a->have_master = true;
		}
	}
	if (e->role == SIDE_CLIENT)
		e->lv->ev.client_sent_cert = gnutls_certificate_get_ours(e->s) != NULL;
}

/* ---- one side's turn ---- */

static void live_end_fail(live_end_t *e, int err)
{
	size_t before = e->out.len;

	e->failed = true;
	e->acct->error = err;
	snprintf(e->acct->error_text, sizeof e->acct->error_text, "%s", gnutls_strerror(err));
	/* Sends nothing when the error is itself a received fatal alert. */
	if (gnutls_alert_send_appropriate(e->s, err) >= 0 && e->out.len > before)
		e->acct->alert_sent = gnutls_error_to_alert(err, NULL);
}

static void live_end_advance(live_end_t *e)
{
	e->phase = live_script[e->role][e->script_pos++];
}

/* GNUTLS_E_AGAIN means "wait for the peer" only when the call read
 * nothing: after a post-handshake message (NewSessionTicket) GnuTLS also
 * returns it, with more records still queued.  One more call after the
 * queue empties costs nothing and covers anything GnuTLS kept buffered. */
static bool live_waits(const live_end_t *e, ssize_t rc, size_t in_before)
{
	return rc == GNUTLS_E_AGAIN && e->in.len == in_before;
}

/* rfc8446#section-4.6.1: the server sends NewSessionTicket once it has the
 * client's Finished (GnuTLS would send it early, in the server's first
 * flight, when it needs no client certificate). */
static void live_end_ticket(live_end_t *e)
{
	int rc;

	if (e->role != SIDE_SERVER || gnutls_protocol_get_version(e->s) != GNUTLS_TLS1_3)
		return;
	rc = gnutls_session_ticket_send(e->s, 1, 0);
	if (rc < 0)
		live_end_fail(e, rc);
}

static void live_end_handshake(live_end_t *e)
{
	size_t before;
	int i, rc;

	for (i = 0; i < LIVE_RETRIES; i++) {
		before = e->in.len;
		rc = gnutls_handshake(e->s);
		if (rc == GNUTLS_E_SUCCESS) {
			live_account(e);
			live_end_advance(e);
			live_end_ticket(e);
			return;
		}
		if (live_waits(e, rc, before))
			return;
		if (gnutls_error_is_fatal(rc)) {
			live_end_fail(e, rc);
			return;
		}
		/* a warning alert or an interruption: call again */
	}
}

static void live_end_send(live_end_t *e)
{
	const char *msg = live_app_message[e->role];
	ssize_t rc = gnutls_record_send(e->s, msg, strlen(msg));

	/* The outbox takes everything, so a short or EAGAIN send is a failure too. */
	if (rc < 0)
		live_end_fail(e, (int)rc);
	else
		live_end_advance(e);
}

/* True when the peer's message has been read. */
static bool live_end_recv(live_end_t *e)
{
	char data[2048];
	size_t before;
	ssize_t rc;
	int i;

	for (i = 0; i < LIVE_RETRIES; i++) {
		before = e->in.len;
		rc = gnutls_record_recv(e->s, data, sizeof data);
		if (rc > 0) {
			live_end_advance(e);
			return true;
		}
		if (rc == 0) {               /* close_notify before the message */
			live_end_fail(e, GNUTLS_E_PREMATURE_TERMINATION);
			return false;
		}
		if (live_waits(e, rc, before))
			return false;
		if (gnutls_error_is_fatal((int)rc)) {
			live_end_fail(e, (int)rc);
			return false;
		}
	}
	return false;
}

void live_end_run(live_end_t *e)
{
	const live_end_t *peer = &e->lv->end[!e->role];

	if (e->last_word && e->phase == PH_SEND) {
		/* The peer failed: read its alert instead of waiting to write. */
		(void)live_end_recv(e);
		return;
	}
	if (e->phase == PH_HANDSHAKE)
		live_end_handshake(e);
	while (!e->failed && e->phase != PH_HANDSHAKE && e->phase != PH_DONE) {
		if (e->phase == PH_SEND) {
			/* Application data waits for both handshakes, in a flight of its own. */
			if (!peer->acct->done || e->out.len)
				return;
			live_end_send(e);
		} else if (!live_end_recv(e)) {
			return;
		}
	}
}
