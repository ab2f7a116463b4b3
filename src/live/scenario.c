/* scenario.c - the table of failure scenarios (see scenario.h).
 *
 * Each row changes the classic handshake (TLS 1.2, RSA key exchange,
 * TLS_RSA_WITH_AES_128_CBC_SHA256, the demo PKI) in exactly one way, so
 * the failure has exactly one cause.  Adding a scenario is adding a row;
 * the command line, the listing, the interface and the tests iterate
 * this table. */
#include <string.h>
#include "scenario.h"
#include "tls/msg.h"

/* Both sides as in the classic handshake. */
#define CLASSIC { { VER_TLS12, KX_RSA, 0 }, { VER_TLS12, KX_RSA, 0 } }

/* The alerts GnuTLS 3.7 sends in these scenarios (RFC 5246 7.2).  For
 * every certificate the client refuses it sends bad_certificate, whatever
 * the reason (the reason is in its verdict, not in the alert). */
enum { A_BAD_RECORD_MAC = 20, A_HANDSHAKE_FAILURE = 40, A_BAD_CERTIFICATE = 42, A_DECODE_ERROR = 50 };

/* The server's first flight starts with its ServerHello: a 5-byte record
 * header, the 4-byte handshake header, the 2-byte version, then the
 * 32-byte server random (RFC 5246 7.4.1.3). */
#define SERVER_RANDOM_AT (5 + 4 + 2)

static const scenario_t scenario_table[] = {
	{
		.name = "no-common-cipher",
		.summary = "client and server share no cipher suite",
		/* RFC 5246 7.4.1.3: the server picks one of the client's
		 * suites; here it accepts only one the client does not offer. */
		.side = { { VER_TLS12, KX_RSA, 0x003C },      /* TLS_RSA_WITH_AES_128_CBC_SHA256 */
			  { VER_TLS12, KX_RSA, 0x009D } },    /* TLS_RSA_WITH_AES_256_GCM_SHA384 */
		.server_cert = PKI_ID_SERVER, .server_key = PKI_ID_SERVER,
		.step = 2, .sender = SIDE_SERVER, .alert = A_HANDSHAKE_FAILURE,
	},
	{
		.name = "version-mismatch",
		.summary = "client offers only TLS 1.3, server accepts only TLS 1.2",
		/* A GnuTLS server without TLS 1.3 ignores supported_versions
		 * and reads the ClientHello as TLS 1.2 (its legacy_version),
		 * then finds none of its suites among the client's TLS 1.3
		 * ones: handshake_failure, not protocol_version. */
		.side = { { VER_TLS13, KX_ECDHE, 0 }, { VER_TLS12, KX_RSA, 0 } },
		.server_cert = PKI_ID_SERVER, .server_key = PKI_ID_SERVER,
		.step = 2, .sender = SIDE_SERVER, .alert = A_HANDSHAKE_FAILURE,
	},
	{
		.name = "untrusted-ca",
		.summary = "server certificate signed by a CA the client does not trust",
		.side = CLASSIC,
		.server_cert = PKI_ID_SERVER_OTHER_CA, .server_key = PKI_ID_SERVER_OTHER_CA,
		.step = 5, .sender = SIDE_CLIENT, .alert = A_BAD_CERTIFICATE,
	},
	{
		.name = "expired-cert",
		.summary = "server certificate expired",
		.side = CLASSIC,
		.server_cert = PKI_ID_SERVER_EXPIRED, .server_key = PKI_ID_SERVER_EXPIRED,
		.step = 5, .sender = SIDE_CLIENT, .alert = A_BAD_CERTIFICATE,
	},
	{
		.name = "wrong-hostname",
		.summary = "server certificate issued for another name (" PKI_OTHER_NAME ", not " PKI_SERVER_NAME ")",
		.side = CLASSIC,
		.server_cert = PKI_ID_SERVER_OTHER_NAME, .server_key = PKI_ID_SERVER_OTHER_NAME,
		.step = 5, .sender = SIDE_CLIENT, .alert = A_BAD_CERTIFICATE,
	},
	{
		.name = "client-cert-missing",
		.summary = "server requires a client certificate, client has none",
		.side = CLASSIC,
		/* RFC 5246 7.4.6: the client answers the CertificateRequest
		 * with an empty Certificate; GnuTLS's server then fails with
		 * GNUTLS_E_NO_CERTIFICATE_FOUND, which it reports as decode_error. */
		.client_auth = true, .client_has_cert = false,
		.server_cert = PKI_ID_SERVER, .server_key = PKI_ID_SERVER,
		.step = 5, .sender = SIDE_SERVER, .alert = A_DECODE_ERROR,
	},
	{
		.name = "wrong-server-key",
		.summary = "server's private key does not match its certificate: it cannot recover the premaster",
		.side = CLASSIC,
		/* RFC 5246 7.4.7.1: a premaster that does not decrypt is
		 * replaced by random bytes, so the failure shows only at the
		 * client's Finished. */
		.server_cert = PKI_ID_SERVER, .server_key = PKI_ID_SPARE_KEY,
		.step = 7, .sender = SIDE_SERVER, .alert = A_BAD_RECORD_MAC,
	},
	{
		.name = "tampered-hello",
		.summary = "a byte of the ServerHello (its random) changed in transit",
		.side = CLASSIC,
		.server_cert = PKI_ID_SERVER, .server_key = PKI_ID_SERVER,
		/* With RSA key exchange nothing signs the randoms: the client
		 * accepts the altered one and derives its keys from it; the
		 * server, from the original, cannot read the client's Finished. */
		.tamper_flight = 2, .tamper_offset = SERVER_RANDOM_AT + 16, .tamper_xor = 0x01,
		.tamper_what = "byte 17 of the server random",
		.step = 7, .sender = SIDE_SERVER, .alert = A_BAD_RECORD_MAC,
	},
};

size_t scenario_count(void)
{
	return sizeof scenario_table / sizeof scenario_table[0];
}

const scenario_t *scenario_at(size_t i)
{
	return i < scenario_count() ? &scenario_table[i] : NULL;
}

const scenario_t *scenario_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < scenario_count(); i++)
		if (strcmp(scenario_table[i].name, name) == 0)
			return &scenario_table[i];
	return NULL;
}
