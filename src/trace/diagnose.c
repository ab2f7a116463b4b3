/* diagnose.c - failure attribution (see diagnose.h): which check failed,
 * hence which step, on which side, and what kind of failure it is.  The
 * words (reason, causes and their evidence) are diagnose_why.c's.
 *
 * Works from the trace alone: the messages on the wire, tlstrace's own
 * Finished checks, and, for a live run, what GnuTLS itself reported.  It
 * never knows which scenario (if any) produced the handshake. */
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include "diagnose_int.h"

/* Alert descriptions (RFC 5246 7.2, RFC 8446 6.2). */
enum {
	AL_FATAL = 2,
	A_CLOSE_NOTIFY = 0, A_BAD_RECORD_MAC = 20, A_DECRYPTION_FAILED = 21, A_HANDSHAKE_FAILURE = 40,
	A_EXPIRED = 45, A_UNKNOWN_CA = 48, A_DECRYPT_ERROR = 51, A_PROTOCOL_VERSION = 70,
	A_INSUFFICIENT_SECURITY = 71, A_USER_CANCELED = 90, A_NO_RENEGOTIATION = 100,
	A_CERTIFICATE_REQUIRED = 116, A_UNRECOGNIZED_NAME = 112, A_NO_APPLICATION_PROTOCOL = 120,
};

static void diagnose_clear(handshake_t *h)
{
	size_t i;

	free(h->failure.reason);
	for (i = 0; i < h->failure.ncauses; i++)
		free(h->failure.causes[i]);
	free(h->failure.causes);
	free(h->failure.reason_ja);
	for (i = 0; i < h->failure.ncauses_ja; i++)
		free(h->failure.causes_ja[i]);
	free(h->failure.causes_ja);
	memset(&h->failure, 0, sizeof h->failure);
	h->failure.alert = -1;
	h->failure.rfc_alert = -1;
}

/* Alerts that report a certificate the receiver would not accept. */
static bool diagnose_is_cert_alert(int a)
{
	switch (a) {
	case 42: case 43: case 44: case 45: case 46: case 48: case 113: case 114: case 116:
		return true;
	default:
		return false;
	}
}

/* Alerts that say protected records or a Finished did not check out. */
static bool diagnose_is_key_alert(int a)
{
	return a == A_BAD_RECORD_MAC || a == A_DECRYPTION_FAILED || a == A_DECRYPT_ERROR;
}

static size_t diagnose_index(const handshake_t *h, const msg_t *m)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i] == m)
			return i;
	return 0;
}

/* The first alert that ends the handshake: fatal, or (RFC 8446 6.2) any
 * error alert in TLS 1.3. */
static const msg_t *diagnose_fatal_alert(const handshake_t *h)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type != CT_ALERT || m->opaque || m->raw.len < 2)
			continue;
		if (m->alert_level != AL_FATAL &&
		    !(h->version == VER_TLS13 && m->alert_desc != A_CLOSE_NOTIFY &&
		      m->alert_desc != A_USER_CANCELED))
			continue;
		if (m->alert_desc == A_NO_RENEGOTIATION)
			continue;
		return m;
	}
	return NULL;
}

/* The client's Certificate carried no certificate (or was not sent). */
static bool diagnose_client_cert_empty(const handshake_t *h)
{
	const msg_t *cc = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE);

	return !cc || (!cc->opaque && cc->ncerts == 0);
}

/* The client sent handshake messages after its ClientHello, before index `at`. */
static bool diagnose_client_answered(const handshake_t *h, size_t at)
{
	size_t i;

	for (i = 0; i < at && i < h->nmsgs; i++)
		if (h->msgs[i]->sender == SIDE_CLIENT && h->msgs[i]->type == CT_HANDSHAKE &&
		    h->msgs[i]->hs_type != HS_CLIENT_HELLO)
			return true;
	return false;
}

/* The step an alert from `side` most likely reports on. */
static int diagnose_alert_step(const handshake_t *h, const msg_t *alert)
{
	int side = alert->sender, peer = !side, a = alert->alert_desc;
	size_t at = diagnose_index(h, alert), i;
	int last_peer_step = 1;

	if (!handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO))
		return 2;   /* nothing was agreed: the hello itself failed */
	if (a == A_PROTOCOL_VERSION || a == A_INSUFFICIENT_SECURITY)
		return 2;   /* the version or the suite the ServerHello chose */
	for (i = 0; i < at; i++)
		if (h->msgs[i]->sender == peer && h->msgs[i]->type == CT_HANDSHAKE)
			last_peer_step = h->msg_step[i];
	if (side == SIDE_CLIENT && !diagnose_client_answered(h, at)) {
		char what[DIAG_LINE];
		if (diagnose_weak_params(h, what, sizeof what))
			return 3;   /* the server's DH group or key is too small for the client */
	}
	if (side == SIDE_CLIENT && diagnose_is_cert_alert(a))
		return 5;   /* the client rejected the server's certificate */
	if (side == SIDE_SERVER && h->client_auth_requested && !diagnose_is_key_alert(a) &&
	    (a == A_CERTIFICATE_REQUIRED || diagnose_client_cert_empty(h) || diagnose_is_cert_alert(a)))
		return 5;   /* the server wanted a (good) client certificate and did not get one */
	if (side == SIDE_SERVER && diagnose_is_key_alert(a)) {
		if (a == A_DECRYPT_ERROR && handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE_VERIFY) &&
		    (h->fin[SIDE_CLIENT].verdict == FIN_VERIFIED || h->fin[SIDE_CLIENT].verdict == FIN_ABSENT))
			return 6;   /* the client's Finished is fine: its CertificateVerify was not */
		return 7;   /* the server could not read or verify the client's Finished */
	}
	if (side == SIDE_CLIENT && diagnose_is_key_alert(a))
		return 8;
	return last_peer_step;
}

/* Which certificate check the client failed: GnuTLS's verdict when live,
 * else the alert and the certificate's own facts. */
static diag_kind_t diagnose_cert_kind(const handshake_t *h, int alert)
{
	diag_cert_t c;
	bool facts = diagnose_cert_facts(h, SIDE_SERVER, &c);
	time_t when;

	if (h->cert_checked && h->cert_status) {
		unsigned st = h->cert_status;
		if (st & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA))
			return DK_CERT_UNTRUSTED;
		if (st & GNUTLS_CERT_EXPIRED)
			return DK_CERT_EXPIRED;
		if (st & GNUTLS_CERT_NOT_ACTIVATED)
			return DK_CERT_NOT_YET_VALID;
		if (st & GNUTLS_CERT_UNEXPECTED_OWNER)
			return DK_CERT_WRONG_NAME;
		return DK_CERT_REJECTED;
	}
	if (alert == A_UNKNOWN_CA)
		return DK_CERT_UNTRUSTED;
	if (alert == A_EXPIRED)
		return DK_CERT_EXPIRED;
	if (!facts)
		return DK_CERT_REJECTED;
	when = c.when > 0 ? (time_t)c.when : time(NULL);
	if (when > c.not_after)
		return DK_CERT_EXPIRED;
	if (when < c.not_before)
		return DK_CERT_NOT_YET_VALID;
	if (c.sni[0] && !c.name_matches)
		return DK_CERT_WRONG_NAME;
	if (c.self_signed)
		return DK_CERT_UNTRUSTED;
	return DK_CERT_REJECTED;
}

/* The client offers TLS 1.3 and nothing older (supported_versions). */
bool diagnose_client_only_tls13(const handshake_t *h)
{
	const msg_t *ch = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
	size_t i, real = 0;

	if (!ch || !ch->hello.nversions)
		return false;
	for (i = 0; i < ch->hello.nversions; i++) {
		uint16_t v = ch->hello.versions[i];
		if ((v & 0x0f0f) == 0x0a0a)
			continue;   /* RFC 8701 GREASE */
		if (v != VER_TLS13)
			return false;
		real++;
	}
	return real > 0;
}

static diag_kind_t diagnose_kind(const diag_t *d)
{
	const handshake_t *h = d->h;

	switch (d->step) {
	case 2:
		/* The alert ranks the causes; a cause the offer contradicts
		 * is not given (a server that answers handshake_failure to a
		 * client offering TLS 1.3 got past the version check). */
		if (d->alert_id == A_PROTOCOL_VERSION)
			return DK_NO_SHARED_VERSION;
		if (d->alert_id == A_NO_APPLICATION_PROTOCOL)
			return DK_ALPN;
		if (d->alert_id == A_UNRECOGNIZED_NAME)
			return DK_SNI;
		if (d->alert_id == A_HANDSHAKE_FAILURE || d->alert_id == A_INSUFFICIENT_SECURITY)
			return handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO) ? DK_NO_SHARED_SUITE
												 : diagnose_rank_refusal(h);
		if (d->alert_id < 0 && diagnose_client_only_tls13(h))
			return DK_NO_SHARED_VERSION;
		return DK_HELLO_REFUSED;
	case 3:
		if (d->sender == SIDE_CLIENT) {
			char what[DIAG_LINE];
			if (diagnose_weak_params(h, what, sizeof what))
				return DK_WEAK_PARAMS;
		}
		return DK_ALERT;
	case 5:
		if (d->sender == SIDE_CLIENT)
			return diagnose_cert_kind(h, d->alert_id);
		return diagnose_client_cert_empty(h) ? DK_CLIENT_CERT_MISSING : DK_CLIENT_CERT_REJECTED;
	case 6:
		return DK_CLIENT_PROOF;
	case 7:
		return DK_CLIENT_FINISHED;
	case 8:
		return DK_SERVER_FINISHED;
	default:
		return DK_ALERT;
	}
}

static void diagnose_commit_kind(diag_t *d, diag_kind_t kind);

/* The first fatal alert `side` sent after message index `from`. */
static const msg_t *diagnose_alert_after(const handshake_t *h, int side, size_t from)
{
	size_t i;

	for (i = from; i < h->nmsgs; i++)
		if (h->msgs[i]->type == CT_ALERT && h->msgs[i]->sender == side && !h->msgs[i]->opaque &&
		    h->msgs[i]->raw.len >= 2 && h->msgs[i]->alert_level == AL_FATAL)
			return h->msgs[i];
	return NULL;
}

static void diagnose_commit(diag_t *d)
{
	diagnose_commit_kind(d, diagnose_kind(d));
}

static void diagnose_commit_kind(diag_t *d, diag_kind_t kind)
{
	d->kind = kind;
	handshake_fail(d->h, d->step, d->sender, d->alert_id, NULL);
	diagnose_rfc_alert(d);
	diagnose_explain(d);
}

void diagnose_handshake(handshake_t *h)
{
	diag_t d = { .h = h, .alert_id = -1 };
	int side;

	diagnose_clear(h);
	/* A Finished that does not verify is the strongest evidence: it fails
	 * the step of its sender, detected by its receiver. */
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		const msg_t *fin;

		if (h->fin[side].verdict != FIN_MISMATCH)
			continue;
		fin = handshake_find(h, side, CT_HANDSHAKE, HS_FINISHED);
		d.step = side == SIDE_CLIENT ? 7 : 8;
		d.sender = !side;
		d.by_decoder = true;
		d.alert = diagnose_alert_after(h, !side, fin ? diagnose_index(h, fin) : 0);
		d.alert_id = d.alert ? d.alert->alert_desc : -1;
		diagnose_commit(&d);
		return;
	}
	/* Nothing came back, or not TLS: the server's failure, whatever
	 * alert the client sent when the connection closed under it. */
	if (diagnose_transport(&d)) {
		diagnose_commit_kind(&d, d.kind);
		return;
	}
	d.alert = diagnose_fatal_alert(h);
	if (d.alert) {
		d.step = diagnose_alert_step(h, d.alert);
		d.sender = d.alert->sender;
		d.alert_id = d.alert->alert_desc;
		diagnose_commit(&d);
		return;
	}
	/* TLS 1.3 without keys: an encrypted alert, known by its size. */
	if (diagnose_tls13_inferred(&d)) {
		diagnose_commit_kind(&d, d.kind);
		return;
	}
	/* No alert on the wire, but GnuTLS's client refused the certificate. */
	if (h->cert_checked && h->cert_status && h->client_error) {
		d.step = 5;
		d.sender = SIDE_CLIENT;
		diagnose_commit(&d);
	}
}
