/* diagnose.c - failure attribution (see diagnose.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diagnose.h"

enum { ALERT_LEVEL_FATAL = 2, ALERT_CLOSE_NOTIFY = 0, ALERT_USER_CANCELED = 90, ALERT_NO_RENEGOTIATION = 100 };

static void diagnose_clear(handshake_t *h)
{
	size_t i;

	free(h->failure.reason);
	for (i = 0; i < h->failure.ncauses; i++)
		free(h->failure.causes[i]);
	free(h->failure.causes);
	memset(&h->failure, 0, sizeof h->failure);
	h->failure.alert = -1;
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

static size_t diagnose_index(const handshake_t *h, const msg_t *m)
{
	size_t i;

	for (i = 0; i < h->nmsgs; i++)
		if (h->msgs[i] == m)
			return i;
	return 0;
}

/* The step an alert from `side` most likely reports on. */
static int diagnose_alert_step(const handshake_t *h, const msg_t *alert)
{
	int side = alert->sender, peer = !side, a = alert->alert_desc;
	size_t at = diagnose_index(h, alert), i;
	const msg_t *client_cert = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE);
	int last_peer_step = 1;

	if (!handshake_find(h, SIDE_SERVER, CT_HANDSHAKE, HS_SERVER_HELLO))
		return 2;   /* nothing was agreed: the hello itself failed */
	for (i = 0; i < at; i++)
		if (h->msgs[i]->sender == peer && h->msgs[i]->type == CT_HANDSHAKE)
			last_peer_step = h->msg_step[i];
	if (side == SIDE_CLIENT && diagnose_is_cert_alert(a))
		return 5;   /* the client rejected the server's certificate */
	if (side == SIDE_SERVER && h->client_auth_requested &&
	    (a == 116 || ((a == 40 || diagnose_is_cert_alert(a)) &&
			  (!client_cert || client_cert->ncerts == 0))))
		return 5;   /* the server wanted a client certificate it did not get */
	if (side == SIDE_SERVER && (a == 20 || a == 51)) {
		if (a == 51 && handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CERTIFICATE_VERIFY) &&
		    h->fin[SIDE_CLIENT].verdict == FIN_ABSENT)
			return 6;
		return 7;   /* the server could not read or verify the client's Finished */
	}
	if (side == SIDE_CLIENT && (a == 20 || a == 51))
		return 8;
	return last_peer_step;
}

static void diagnose_alert(handshake_t *h, const msg_t *m)
{
	const alert_info_t *ai = alert_find(m->alert_desc);
	char reason[512];
	int step = diagnose_alert_step(h, m);

	snprintf(reason, sizeof reason, "The %s ended the handshake with a fatal %s alert: %s",
		 side_name(m->sender), ai ? ai->name : "unknown",
		 ai && ai->explain ? ai->explain : "the alert code is not a known one.");
	handshake_fail(h, step, m->sender, m->alert_desc, reason);
}

void diagnose_handshake(handshake_t *h)
{
	size_t i;
	int side;

	diagnose_clear(h);
	/* A Finished that does not verify is the strongest evidence. */
	for (side = SIDE_CLIENT; side <= SIDE_SERVER; side++) {
		if (h->fin[side].verdict == FIN_MISMATCH) {
			handshake_fail(h, side == SIDE_CLIENT ? 7 : 8, !side, -1, h->fin[side].why);
			handshake_add_cause(h, "the two sides derived different master secrets (a wrong key, "
					    "or a premaster that was not decrypted correctly)");
			handshake_add_cause(h, "a handshake message was altered in transit, so the transcripts differ");
			return;
		}
	}
	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type != CT_ALERT || m->opaque || m->raw.len < 2)
			continue;
		if (m->alert_level != ALERT_LEVEL_FATAL &&
		    !(h->version == VER_TLS13 && m->alert_desc != ALERT_CLOSE_NOTIFY &&
		      m->alert_desc != ALERT_USER_CANCELED))
			continue;   /* RFC 8446 6.2: in 1.3 every error alert is fatal */
		if (m->alert_desc == ALERT_NO_RENEGOTIATION)
			continue;
		diagnose_alert(h, m);
		break;
	}
	if (h->failure.failed) {
		if (h->client_error)
			handshake_add_cause(h, "the client reported: %s", h->client_error);
		if (h->server_error)
			handshake_add_cause(h, "the server reported: %s", h->server_error);
	}
}
