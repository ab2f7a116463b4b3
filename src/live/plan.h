/* plan.h - turns a live_cfg_t into the concrete knobs of one live run:
 * GnuTLS priority strings for each side, who presents which certificate,
 * which name the client checks.
 *
 * Everything the engine sets on the two GnuTLS sessions comes from a
 * plan_t, so a failure scenario (scenario.c) is only a different plan:
 * another priority on one side, another certificate or key, a byte
 * altered in transit.  The plan never touches GnuTLS sessions; live.c
 * applies it. */
#ifndef TLSTRACE_PLAN_H
#define TLSTRACE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gnutls/gnutls.h>
#include "base/err.h"
#include "tls/msg.h"
#include "tls/registry.h"
#include "live.h"
#include "pki.h"

#define PLAN_PRIO_MAX 320

typedef struct {
	uint16_t version;             /* resolved wire version (VER_TLS10 .. VER_TLS13) */
	kx_t kx;                      /* resolved: KX_RSA, KX_ECDHE or KX_DHE */
	char prio[2][PLAN_PRIO_MAX];  /* GnuTLS priority string, indexed by SIDE_CLIENT/SIDE_SERVER */
	gnutls_certificate_request_t client_cert_request; /* what the server asks for */
	bool client_has_cert;         /* the client is given the demo client certificate */
	const char *sni;              /* server_name the client sends */
	const char *verify_name;      /* name the client checks the server certificate against */
	pki_id_t server_cert;         /* the certificate the server presents */
	pki_id_t server_key;          /* the key it loads with it (another one: a failure scenario) */
	live_resume_t resume;         /* how a second connection resumes (LIVE_RESUME_NONE: no second one) */
	/* In transit, flight tamper_flight (0: none) has byte tamper_offset xored with tamper_xor. */
	unsigned tamper_flight;
	size_t tamper_offset;
	uint8_t tamper_xor;
} plan_t;

/* Fills p from cfg, or from the scenario cfg names (scenario.c), after
 * live_cfg_check (cfg.h) on cfg and on each scenario side: what it
 * refuses, refused with its words; ERR_UNSUPPORTED too for a suite GnuTLS
 * does not implement; why then holds one sentence for the user. */
err_t plan_build(const live_cfg_t *cfg, plan_t *p, char *why, size_t whylen) WUR;

/* Writes a printf-formatted reason into why (when given) and returns e:
 * the live engine's one way to refuse a configuration or report a failure. */
err_t plan_refuse(err_t e, char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
