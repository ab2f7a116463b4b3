/* probe.c - the probes (see probe.h): each version alone, wide lists. */
#include <stdio.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include "tls/msg.h"
#include "tls/registry.h"
#include "probe.h"

static const struct { unsigned bit; const char *vers; } net_probe_versions[NET_PROBE_MAX] = {
	{ NET_V13, "+VERS-TLS1.3" }, { NET_V12, "+VERS-TLS1.2" }, { NET_V11, "+VERS-TLS1.1" },
	{ NET_V10, "+VERS-TLS1.0" },
};

static const uint16_t net_probe_wire[NET_PROBE_MAX] = { VER_TLS13, VER_TLS12, VER_TLS11, VER_TLS10 };

/* RFC 8446 4.1.3 / RFC 5246 7.4.1.3: record header (5), handshake header
 * (4), legacy_version (2), random (32), session id (1 + n), cipher_suite. */
uint16_t net_probe_server_suite(const net_connect_t *r)
{
	size_t i;

	for (i = 0; i < r->nchunks; i++) {
		const uint8_t *p = r->chunks[i].bytes.ptr;
		size_t n = r->chunks[i].bytes.len, sid;

		if (r->chunks[i].sender != SIDE_SERVER)
			continue;
		if (n < 44 || p[0] != CT_HANDSHAKE || p[5] != HS_SERVER_HELLO)
			return 0;
		sid = p[43];
		if (n < 44 + sid + 2)
			return 0;
		return (uint16_t)(p[44 + sid] << 8 | p[45 + sid]);
	}
	return 0;
}

size_t net_probe_run(const net_connect_cfg_t *cfg, net_probe_t out[NET_PROBE_MAX], unsigned *accepted)
{
	size_t i;

	*accepted = 0;
	for (i = 0; i < NET_PROBE_MAX; i++) {
		net_connect_cfg_t pc = *cfg;
		net_connect_t *r = &out[i].run;
		char prio[256], why[256] = "";
		const suite_info_t *si;

		snprintf(prio, sizeof prio, "NORMAL:-VERS-ALL:%s:+CIPHER-ALL:+MAC-ALL:+KX-ALL:+GROUP-ALL:+SIGN-ALL:%%COMPAT",
			 net_probe_versions[i].vers);
		pc.priority = prio;
		pc.quiet_verify = true;
		pc.between_flights = NULL;   /* a probe is never held (--pause) */
		pc.proceed = false;
		pc.send = "";
		pc.send_set = true;
		pc.cert = pc.key = NULL;
		out[i] = (net_probe_t){ .version_bit = net_probe_versions[i].bit };
		if (net_connect_run(&pc, r, why, sizeof why) != ERR_OK) {
			snprintf(out[i].how, sizeof out[i].how, "not run: %.140s", why);
			continue;
		}
		out[i].suite = net_probe_server_suite(r);
		/* A ServerHello of another version is a refusal of this one. */
		out[i].answered = out[i].suite != 0 && r->gnutls_err != GNUTLS_E_UNSUPPORTED_VERSION_PACKET &&
				  (!r->done || r->version == net_probe_wire[i]);
		si = suite_find(out[i].suite);
		if (out[i].answered) {
			*accepted |= out[i].version_bit;
			snprintf(out[i].how, sizeof out[i].how, "answered with a ServerHello choosing %s",
				 si ? si->name : "an unknown suite");
		} else
			snprintf(out[i].how, sizeof out[i].how, "refused: %.140s",
				 r->client_error[0] ? r->client_error : r->why[0] ? r->why : "no ServerHello");
	}
	return NET_PROBE_MAX;
}

void net_probe_free(net_probe_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		net_connect_free(&p[i].run);
}
