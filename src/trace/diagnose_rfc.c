/* diagnose_rfc.c - the alert the RFCs prescribe for a kind of failure, so
 * that a view can put it beside the alert the detecting side's
 * implementation actually sent (an implementation may choose another, or
 * none: the trace shows what the wire carried, this says what the text
 * asks for).  One row per kind; -1 where the RFCs leave the choice open. */
#include "diagnose_int.h"

/* Alert descriptions (RFC 5246 7.2, RFC 8446 6.2). */
enum {
	R_HANDSHAKE_FAILURE = 40, R_BAD_CERTIFICATE = 42, R_CERTIFICATE_EXPIRED = 45, R_UNKNOWN_CA = 48,
	R_DECRYPT_ERROR = 51, R_PROTOCOL_VERSION = 70, R_INSUFFICIENT_SECURITY = 71, R_UNRECOGNIZED_NAME = 112,
	R_CERTIFICATE_REQUIRED = 116, R_NO_APPLICATION_PROTOCOL = 120,
};

typedef struct {
	int tls12, tls13;        /* the alert for TLS 1.2 and earlier / TLS 1.3; -1 none prescribed */
	const char *ref12, *ref13;   /* where the RFC says so, and how strongly */
} diag_rfc_t;

static const diag_rfc_t diag_rfc[DK__COUNT] = {
	[DK_NO_SHARED_SUITE] = { R_HANDSHAKE_FAILURE, R_HANDSHAKE_FAILURE,
		"RFC 5246 7.4.1.3: a server that finds no acceptable suite responds with handshake_failure",
		"RFC 8446 4.1.1: MUST abort with handshake_failure or insufficient_security" },
	[DK_NO_SHARED_VERSION] = { R_PROTOCOL_VERSION, R_PROTOCOL_VERSION,
		"RFC 5246 E.1: a server that supports only newer versions MUST send protocol_version",
		"RFC 8446 4.2.1: MUST abort with protocol_version" },
	[DK_NO_SHARED_GROUP] = { R_HANDSHAKE_FAILURE, R_HANDSHAKE_FAILURE,
		"RFC 8422 5.4 and RFC 5246 7.4.1.3: no acceptable parameters, handshake_failure",
		"RFC 8446 4.1.1: MUST abort with handshake_failure or insufficient_security" },
	[DK_NO_SHARED_SIGALG] = { R_HANDSHAKE_FAILURE, R_HANDSHAKE_FAILURE,
		"RFC 5246 7.4.1.3: no acceptable parameters, handshake_failure",
		"RFC 8446 4.1.1: MUST abort with handshake_failure or insufficient_security" },
	[DK_ALPN] = { R_NO_APPLICATION_PROTOCOL, R_NO_APPLICATION_PROTOCOL,
		"RFC 7301 3.2: the server MUST respond with no_application_protocol",
		"RFC 7301 3.2: the server MUST respond with no_application_protocol" },
	[DK_SNI] = { R_UNRECOGNIZED_NAME, R_UNRECOGNIZED_NAME,
		"RFC 6066 3: the server SHOULD either go on or abort with unrecognized_name",
		"RFC 6066 3: the server SHOULD either go on or abort with unrecognized_name" },
	[DK_CERT_UNTRUSTED] = { R_UNKNOWN_CA, R_UNKNOWN_CA,
		"RFC 5246 7.2.2: unknown_ca, the CA certificate could not be located or matched",
		"RFC 8446 6.2: unknown_ca, the CA certificate could not be located or matched" },
	[DK_CERT_EXPIRED] = { R_CERTIFICATE_EXPIRED, R_CERTIFICATE_EXPIRED,
		"RFC 5246 7.2.2: certificate_expired, expired or not currently valid",
		"RFC 8446 6.2: certificate_expired, expired or not currently valid" },
	[DK_CERT_NOT_YET_VALID] = { R_CERTIFICATE_EXPIRED, R_CERTIFICATE_EXPIRED,
		"RFC 5246 7.2.2: certificate_expired, expired or not currently valid",
		"RFC 8446 6.2: certificate_expired, expired or not currently valid" },
	[DK_CERT_WRONG_NAME] = { -1, -1,
		"the RFCs name no alert for a host name that does not match (bad_certificate and "
		"certificate_unknown are both used)",
		"RFC 8446 names no alert for a host name that does not match (bad_certificate and "
		"certificate_unknown are both used)" },
	[DK_CLIENT_CERT_MISSING] = { R_HANDSHAKE_FAILURE, R_CERTIFICATE_REQUIRED,
		"RFC 5246 7.4.6: the server MAY go on without one or respond with handshake_failure",
		"RFC 8446 4.4.2.4: the server MAY go on without one or abort with certificate_required" },
	[DK_CLIENT_PROOF] = { R_DECRYPT_ERROR, R_DECRYPT_ERROR,
		"RFC 5246 7.2.2: decrypt_error, a signature that does not verify",
		"RFC 8446 4.4.3: MUST abort with decrypt_error" },
	/* Which alert depends on what the receiver saw, which the trace
	 * cannot always tell: a Finished record that does not decrypt (the
	 * two sides' keys differ) or one whose verify_data differs. */
	[DK_CLIENT_FINISHED] = { -1, -1,
		"RFC 5246 7.2.2: bad_record_mac if the Finished record does not decrypt (the two sides' keys "
		"differ), decrypt_error if it does but its verify_data differs",
		"RFC 8446: bad_record_mac (5.2) if the Finished record does not decrypt (the two sides' keys "
		"differ), decrypt_error (4.4.4, MUST) if it does but its verify_data differs" },
	[DK_SERVER_FINISHED] = { -1, -1,
		"RFC 5246 7.2.2: bad_record_mac if the Finished record does not decrypt (the two sides' keys "
		"differ), decrypt_error if it does but its verify_data differs",
		"RFC 8446: bad_record_mac (5.2) if the Finished record does not decrypt (the two sides' keys "
		"differ), decrypt_error (4.4.4, MUST) if it does but its verify_data differs" },
	[DK_WEAK_PARAMS] = { R_INSUFFICIENT_SECURITY, R_INSUFFICIENT_SECURITY,
		"RFC 5246 7.2.2: insufficient_security, parameters less secure than required",
		"RFC 8446 6.2: insufficient_security, parameters less secure than required" },
};

void diagnose_rfc_alert(const diag_t *d)
{
	const diag_rfc_t *r;
	bool tls13;

	d->h->failure.rfc_alert = -1;
	d->h->failure.rfc_says = NULL;
	if ((unsigned)d->kind >= DK__COUNT)
		return;
	r = &diag_rfc[d->kind];
	tls13 = d->h->version == VER_TLS13 || diagnose_client_only_tls13(d->h);
	d->h->failure.rfc_alert = tls13 ? r->tls13 : r->tls12;
	d->h->failure.rfc_says = tls13 ? r->ref13 : r->ref12;
	if (!d->h->failure.rfc_says)   /* a kind whose row is empty: nothing prescribed */
		d->h->failure.rfc_alert = -1;
}
