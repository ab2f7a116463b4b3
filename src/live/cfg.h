/* cfg.h - the settings of a live run as words, in one place: the command
 * line (--tls 1.3, --kx ecdhe, --cipher AES-256-GCM, --scenario NAME) and
 * the lessons' run: lines (tls=1.3 kx=ecdhe ...) both hand each setting to
 * live_cfg_set and the whole to live_cfg_check, so every value is named,
 * and every rule ("TLS 1.3 has no RSA key exchange") worded, once.  The
 * engine (plan.c) checks a configuration through live_cfg_check too and
 * keeps only what is its own: GnuTLS keywords and what GnuTLS implements.
 * Never prints: the why sentences are for the caller to show. */
#ifndef TLSTRACE_LIVE_CFG_H
#define TLSTRACE_LIVE_CFG_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "tls/registry.h"
#include "live.h"

/* A version the live mode runs: its name, its GnuTLS keyword and the
 * cipher and MAC of the suite it runs when none is given. */
typedef struct {
	const char *name;        /* "1.2", as --tls and tls= take it */
	uint16_t version;        /* VER_TLS12 */
	const char *gnutls_kw;   /* "+VERS-TLS1.2" */
	cipher_t cipher;         /* the default suite's cipher (TLS 1.0/1.1: no SHA-256 MACs; 1.3: AEAD) */
	mac_t mac;               /* and its MAC */
} live_version_t;

/* A key exchange the live mode runs (with RSA certificates). */
typedef struct {
	const char *name;        /* "ecdhe", as --kx and kx= take it */
	kx_t kx;
	const char *gnutls_kw;   /* TLS 1.0-1.2: the suite's key exchange keyword, "+ECDHE-RSA" */
	const char *gnutls_groups; /* TLS 1.3: the groups offered (RFC 8446 4.2.7); NULL: none (RSA) */
	/* TLS 1.3 with hrr: the client's groups (GnuTLS sends one key share
	 * per kind of group, for the first of each) and the server's, which
	 * leave out the one the client's share is for. */
	const char *hrr_groups[2];  /* indexed by SIDE_CLIENT/SIDE_SERVER */
} live_kx_t;

/* The row of a version or key exchange; NULL when the live mode does not run it. */
const live_version_t *live_cfg_version(uint16_t version);
const live_kx_t *live_cfg_kx(kx_t kx);

/* One setting, by key: "tls" (1.0 1.1 1.2 1.3), "kx" (rsa ecdhe dhe),
 * "cipher" (a cipher such as AES-128-GCM, or a full IANA suite name, kept
 * in cfg->cipher until live_cfg_check), "client-auth", "ems" and "hrr"
 * (switches: value NULL or ""), "resume" (ticket or session-id),
 * "scenario" (a name of the scenario table).
 * ERR_BAD_VALUE, why set, for an unknown key or a value it does not take. */
err_t live_cfg_set(live_cfg_t *cfg, const char *key, const char *value, char *why, size_t whylen) WUR;

/* Checks the settings together, after the last live_cfg_set, and resolves
 * cfg->cipher into cfg->suite (a TLS 1.3 suite sets the version to 1.3, an
 * older one its key exchange).  ERR_BAD_VALUE, why set, for what TLS
 * cannot express (TLS 1.3 with RSA key exchange, a suite of another
 * version or key exchange, a cipher no suite of the version has) or a
 * scenario with other settings; ERR_UNSUPPORTED for what the live mode
 * does not run (SSL 3.0, PSK, a suite without an RSA certificate).
 * Checking twice gives the same answer. */
err_t live_cfg_check(live_cfg_t *cfg, char *why, size_t whylen) WUR;

/* The keys live_cfg_set takes, in order: 0 .. live_cfg_key_count()-1. */
size_t live_cfg_key_count(void);
const char *live_cfg_key_at(size_t i);

#endif
