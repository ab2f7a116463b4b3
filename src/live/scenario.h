/* scenario.h - the failure scenarios of the live mode: real GnuTLS
 * handshakes, each configured to break in one precise way (no shared
 * suite, an untrusted certificate, a server key that is not its
 * certificate's, a byte altered in transit, ...).
 *
 * A scenario is a row of a table: a name, one line saying what is wrong,
 * the knobs the plan applies (each side's version and suite, which
 * certificate and key the server presents, whether a client certificate
 * is required or present, a byte to alter in transit) and where the
 * failure is expected (step, side, alert), which the tests and the
 * listing use.  The expectation is never used to diagnose: diagnosis
 * works from the trace alone (src/trace/diagnose.c). */
#ifndef TLSTRACE_SCENARIO_H
#define TLSTRACE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "tls/registry.h"
#include "pki.h"

/* One side's protocol configuration. */
typedef struct {
	uint16_t version;        /* the only version it accepts: VER_TLS10 .. VER_TLS13 */
	kx_t kx;                 /* KX_RSA, KX_ECDHE, KX_DHE (TLS 1.3: the group family) */
	uint16_t suite;          /* IANA id of the only suite it accepts; 0: the default of version + kx */
} scenario_side_t;

typedef struct {
	const char *name;        /* as given to --scenario */
	const char *summary;     /* one line: what is wrong */
	scenario_side_t side[2]; /* indexed by SIDE_CLIENT / SIDE_SERVER */
	bool client_auth;        /* the server requires a client certificate */
	bool client_has_cert;    /* the client is given the demo client certificate */
	pki_id_t server_cert;    /* the certificate the server presents */
	pki_id_t server_key;     /* the private key the server loads with it */
	unsigned tamper_flight;  /* 0: none; else this flight has one byte altered in transit */
	size_t tamper_offset;    /* which byte of the flight */
	uint8_t tamper_xor;      /* the bits flipped */
	const char *tamper_what; /* what that byte is, for the listing */
	/* Where it is expected to fail (tests, listing). */
	int step;                /* 1..9 */
	int sender;              /* SIDE_* that detects it */
	int alert;               /* alert description GnuTLS sends; -1: none */
} scenario_t;

size_t scenario_count(void);
/* The i-th scenario (0 .. scenario_count()-1), NULL past the end. */
const scenario_t *scenario_at(size_t i);
/* By name; NULL if there is none. */
const scenario_t *scenario_find(const char *name);

#endif
