/* connect.c - the connect client (see connect.h): resolve and connect,
 * the STARTTLS dialogue, the GnuTLS client on the tap, its key log and
 * its verdict on the server's chain, then one request and the first
 * bytes of the answer.  Every failure is recorded with the stage it
 * happened at, in words; nothing is decoded here. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "base/vec.h"
#include "tls/msg.h"
#include "tls/registry.h"
#include "connect.h"
#include "verify.h"

#define NET_DEFAULT_TIMEOUT_MS 10000
#define NET_QUIET_READ_MS 1000   /* with nothing sent: how long to wait for what the server says */

typedef struct {
	const net_connect_cfg_t *cfg;
	net_connect_t *r;
	gnutls_session_t s;
	char verify_name[NET_ADDR_HOST_MAX];
	bool in_tls;                 /* the STARTTLS dialogue is over */
} net_run_t;

static const struct { unsigned bit; const char *prio, *words; } net_versions[] = {
	{ NET_V13, "+VERS-TLS1.3", "TLS 1.3" }, { NET_V12, "+VERS-TLS1.2", "TLS 1.2" },
	{ NET_V11, "+VERS-TLS1.1", "TLS 1.1" }, { NET_V10, "+VERS-TLS1.0", "TLS 1.0" },
};
#define NET_NVERSIONS (sizeof net_versions / sizeof net_versions[0])

void net_versions_text(unsigned versions, char *out, size_t len)
{
	size_t i, at = 0, n = 0, k = 0;

	out[0] = '\0';
	for (i = 0; i < NET_NVERSIONS; i++)
		n += (versions & net_versions[i].bit) != 0;
	for (i = 0; i < NET_NVERSIONS && at < len; i++) {
		if (!(versions & net_versions[i].bit))
			continue;
		k++;
		at += (size_t)snprintf(out + at, len - at, "%s%s", k == 1 ? "" : k == n ? " and " : ", ",
				       net_versions[i].words);
	}
}

static void net_cat(char *out, size_t len, const char *s)
{
	size_t at = strlen(out);

	if (at < len)
		snprintf(out + at, len - at, "%s", s);
}

err_t net_connect_priority(const net_connect_cfg_t *cfg, char *out, size_t len, char *why, size_t whylen)
{
	unsigned v = cfg->versions ? cfg->versions : NET_V13 | NET_V12;
	size_t i;

	if (cfg->priority) {
		snprintf(out, len, "%s", cfg->priority);
		return ERR_OK;
	}
	snprintf(out, len, "NORMAL:-VERS-ALL");
	for (i = 0; i < NET_NVERSIONS; i++)
		if (v & net_versions[i].bit) {
			net_cat(out, len, ":");
			net_cat(out, len, net_versions[i].prio);
		}
	/* The default offer: AEAD suites only, as a modern client. */
	net_cat(out, len, ":-CIPHER-ALL");
	if (!cfg->nciphers)
		net_cat(out, len, ":+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD");
	for (i = 0; i < cfg->nciphers; i++) {
		if (gnutls_cipher_get_id(cfg->ciphers[i]) == GNUTLS_CIPHER_UNKNOWN) {
			err_why(why, whylen, "unknown cipher \"%s\" (GnuTLS names: AES-128-GCM, AES-256-GCM, "
				"CHACHA20-POLY1305, AES-128-CBC, ...)", cfg->ciphers[i]);
			return ERR_BAD_VALUE;
		}
		net_cat(out, len, ":+");
		net_cat(out, len, cfg->ciphers[i]);
	}
	if (cfg->nciphers)
		net_cat(out, len, ":+AEAD:+SHA1:+SHA256:+SHA384");
	if (cfg->groups) {
		const char *p = cfg->groups;
		net_cat(out, len, ":-GROUP-ALL");
		while (*p) {
			char g[32];
			size_t n = strcspn(p, ",");
			if (n == 0 || n >= sizeof g) {
				err_why(why, whylen, "bad group list \"%s\" (X25519,SECP256R1,...)", cfg->groups);
				return ERR_BAD_VALUE;
			}
			for (i = 0; i < n; i++)
				g[i] = (char)toupper((unsigned char)p[i]);
			g[n] = '\0';
			if (gnutls_group_get_id(g) == GNUTLS_GROUP_INVALID) {
				err_why(why, whylen, "unknown group \"%s\" (X25519, SECP256R1, SECP384R1, FFDHE2048 ...)", g);
				return ERR_BAD_VALUE;
			}
			net_cat(out, len, ":+GROUP-");
			net_cat(out, len, g);
			p += n + (p[n] == ',');
		}
	}
	return ERR_OK;
}

/* ---- what crosses the socket ---- */

static void net_on_bytes(void *ctx, int sender, const uint8_t *p, size_t n, double time)
{
	net_run_t *x = ctx;
	net_connect_t *r = x->r;
	net_chunk_t *c;

	if (!x->in_tls) {
		/* The STARTTLS dialogue: kept as text lines, never decoded as TLS. */
		if (buf_append(&r->dialogue, sender == SIDE_CLIENT ? "C: " : "S: ", 3) != ERR_OK ||
		    buf_append(&r->dialogue, p, n) != ERR_OK)
			return;
		if (n && p[n - 1] != '\n' && buf_append(&r->dialogue, "\n", 1) != ERR_OK)
			return;
		return;
	}
	if (r->nchunks && r->chunks[r->nchunks - 1].sender == sender) {
		c = &r->chunks[r->nchunks - 1];
		if (buf_append(&c->bytes, p, n) != ERR_OK)
			snprintf(r->why, sizeof r->why, "out of memory keeping what crossed the socket");
		return;
	}
	if (r->nchunks && x->cfg->between_flights)
		x->cfg->between_flights(x->cfg->flights_ctx);
	c = vec_grow(r->chunks, &r->chunks_cap, r->nchunks + 1, sizeof *c);
	if (!c) {
		snprintf(r->why, sizeof r->why, "out of memory keeping what crossed the socket");
		return;
	}
	r->chunks = c;
	c = &r->chunks[r->nchunks++];
	*c = (net_chunk_t){ sender, { 0 }, time };
	if (buf_append(&c->bytes, p, n) != ERR_OK)
		snprintf(r->why, sizeof r->why, "out of memory keeping what crossed the socket");
}

static int net_keylog(gnutls_session_t s, const char *label, const gnutls_datum_t *secret)
{
	net_run_t *x = gnutls_session_get_ptr(s);
	net_connect_t *r = x->r;
	char line[2 * KEYLOG_SECRET_MAX + 128];
	gnutls_datum_t cr, sr;
	int l = keylog_label_parse(label, strlen(label));
	size_t n;

	gnutls_session_get_random(s, &cr, &sr);
	if (l < 0 || cr.size != 32 || secret->size > KEYLOG_SECRET_MAX)
		return 0;
	if (keylog_add(r->keylog, (keylog_label_t)l, cr.data, secret->data, secret->size) != ERR_OK)
		return 0;
	n = keylog_format_line((keylog_label_t)l, cr.data, secret->data, secret->size, line, sizeof line);
	if (n && buf_append(&r->keylog_text, line, n) != ERR_OK)
		snprintf(r->why, sizeof r->why, "out of memory keeping the key log");
	return 0;
}

/* ---- step 5: the chain, checked as a real client does ---- */

static int net_verify(gnutls_session_t s)
{
	net_run_t *x = gnutls_session_get_ptr(s);
	net_connect_t *r = x->r;
	unsigned status = 0;
	int rc = gnutls_certificate_verify_peers3(s, x->verify_name[0] ? x->verify_name : NULL, &status);
	gnutls_datum_t out;
	unsigned n = 0, i;
	const gnutls_datum_t *chain = gnutls_certificate_get_peers(s, &n);

	r->chain_sent = n;
	for (i = 0; chain && i < n && i < NET_CHAIN_MAX; i++)
		net_verify_describe(&chain[i], r->chain[r->nchain++], sizeof r->chain[0]);
	r->cert_checked = true;
	if (rc < 0) {
		r->cert_status = GNUTLS_CERT_INVALID;
		snprintf(r->cert_verdict, sizeof r->cert_verdict, "could not be checked: %s", gnutls_strerror(rc));
	} else {
		r->cert_status = status;
		if (status == 0)
			snprintf(r->cert_verdict, sizeof r->cert_verdict, "The certificate is trusted (for %s)",
				 x->verify_name[0] ? x->verify_name : "any name");
		else if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0) >= 0) {
			size_t l;
			snprintf(r->cert_verdict, sizeof r->cert_verdict, "%s", (const char *)out.data);
			gnutls_free(out.data);
			for (l = strlen(r->cert_verdict); l > 0 && r->cert_verdict[l - 1] == ' '; l--)
				r->cert_verdict[l - 1] = '\0';
			net_verify_words(s, status, r->cert_verdict, sizeof r->cert_verdict);
		}
	}
	if (!r->cert_status)
		return 0;
	if (x->cfg->proceed || x->cfg->quiet_verify) {
		r->proceeded = x->cfg->proceed;
		return 0;
	}
	return GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR;
}

/* ---- set-up ---- */

static err_t net_setup(net_run_t *x, gnutls_certificate_credentials_t *cred, char *why, size_t whylen)
{
	const net_connect_cfg_t *cfg = x->cfg;
	net_connect_t *r = x->r;
	char prio[512], vers[64];
	const char *sni = cfg->sni ? cfg->sni : r->target.literal ? NULL : r->target.host;
	const char *errpos = NULL;
	int rc;

	TRY(net_connect_priority(cfg, prio, sizeof prio, why, whylen));
	if (gnutls_certificate_allocate_credentials(cred) < 0)
		return ERR_NOMEM;
	rc = cfg->ca ? gnutls_certificate_set_x509_trust_file(*cred, cfg->ca, GNUTLS_X509_FMT_PEM)
		     : gnutls_certificate_set_x509_system_trust(*cred);
	if (rc <= 0 && cfg->ca) {
		err_why(why, whylen, "no CA certificate could be read from %s%s%s", cfg->ca, rc < 0 ? ": " : "",
			rc < 0 ? gnutls_strerror(rc) : "");
		return ERR_BAD_VALUE;
	}
	if (cfg->cert && (rc = gnutls_certificate_set_x509_key_file(*cred, cfg->cert, cfg->key ? cfg->key : cfg->cert,
								      GNUTLS_X509_FMT_PEM)) < 0) {
		err_why(why, whylen, "cannot use the client certificate %s: %s", cfg->cert, gnutls_strerror(rc));
		return ERR_BAD_VALUE;
	}
	gnutls_certificate_set_verify_function(*cred, net_verify);
	if (gnutls_init(&x->s, GNUTLS_CLIENT) < 0)
		return ERR_NOMEM;
	gnutls_session_set_ptr(x->s, x);
	if (gnutls_priority_set_direct(x->s, prio, &errpos) < 0) {
		err_why(why, whylen, "GnuTLS does not take the offer \"%s\" (at \"%s\")", prio, errpos ? errpos : "?");
		return ERR_BAD_VALUE;
	}
	gnutls_credentials_set(x->s, GNUTLS_CRD_CERTIFICATE, *cred);
	gnutls_session_set_keylog_function(x->s, net_keylog);
	gnutls_handshake_set_timeout(x->s, GNUTLS_INDEFINITE_TIMEOUT);
	if (!cfg->no_sni && sni && *sni)
		gnutls_server_name_set(x->s, GNUTLS_NAME_DNS, sni, strlen(sni));
	snprintf(x->verify_name, sizeof x->verify_name, "%s", cfg->sni ? cfg->sni : r->target.host);
	if (cfg->alpn) {
		gnutls_datum_t p[NET_LIST_MAX];
		unsigned n = 0;
		const char *a = cfg->alpn;
		while (*a && n < NET_LIST_MAX) {
			size_t l = strcspn(a, ",");
			p[n++] = (gnutls_datum_t){ (unsigned char *)(uintptr_t)a, (unsigned)l };
			a += l + (a[l] == ',');
		}
		if (gnutls_alpn_set_protocols(x->s, p, n, 0) < 0) {
			err_why(why, whylen, "GnuTLS does not take the ALPN list \"%s\"", cfg->alpn);
			return ERR_BAD_VALUE;
		}
	}
	net_versions_text(cfg->versions ? cfg->versions : NET_V13 | NET_V12, vers, sizeof vers);
	snprintf(r->client_config, sizeof r->client_config, "tlstrace connect offers %s%s%.64s; priority %.200s; "
		 "server_name %.64s; trusts %.100s%s", vers, cfg->groups ? "; groups " : "", cfg->groups ? cfg->groups : "",
		 prio, cfg->no_sni || !sni ? "(none)" : sni, cfg->ca ? cfg->ca : "the system's CA store",
		 cfg->cert ? "; has a client certificate" : "; has no client certificate");
	return ERR_OK;
}

/* ---- the run ---- */

/* The server's first bytes are not TLS (GnuTLS read a record header and
 * stopped): read what else it said, briefly, so the trace can quote it. */
static void net_drain_plain(net_connect_t *r, net_tap_t *t)
{
	uint8_t b[256];
	size_t i, got = 0;

	for (i = 0; i < r->nchunks; i++)
		if (r->chunks[i].sender == SIDE_SERVER)
			break;
	if (i == r->nchunks || !r->chunks[i].bytes.len || (r->chunks[i].bytes.ptr[0] >= 0x14 &&
							    r->chunks[i].bytes.ptr[0] <= 0x18))
		return;
	t->timeout_ms = 500;
	while (got < sizeof b) {
		ssize_t n = net_tap_recv(t, b, sizeof b - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	t->state = NET_TAP_OK;
}


static void net_tap_failed(net_connect_t *r, const net_tap_t *t, const char *when)
{
	char st[96];

	r->tap_state = t->state;
	if (!r->why[0])
		snprintf(r->why, sizeof r->why, "%s %s", net_tap_state_text(t, st, sizeof st), when);
}

/* The STARTTLS dialogue; false (r->why set) when it did not get to TLS. */
static bool net_starttls(net_run_t *x, net_tap_t *t)
{
	net_stls_t st;
	net_stls_next_t nx;
	uint8_t b[512];

	net_starttls_init(&st, (net_stls_proto_t)x->cfg->starttls, x->r->target.host);
	nx = net_starttls_next(&st);
	for (;;) {
		if (nx == NET_STLS_READY)
			return true;
		if (nx == NET_STLS_REFUSED) {
			snprintf(x->r->why, sizeof x->r->why, "%s", net_starttls_why(&st));
			return false;
		}
		if (nx == NET_STLS_SEND) {
			slice_t o = net_starttls_out(&st);
			if (net_tap_send(t, o.ptr, o.len) < 0) {
				net_tap_failed(x->r, t, "during the STARTTLS dialogue");
				return false;
			}
			nx = net_starttls_next(&st);
			continue;
		}
		ssize_t n = net_tap_recv(t, b, sizeof b);
		if (n <= 0) {
			net_tap_failed(x->r, t, "during the STARTTLS dialogue, before the server agreed to start TLS");
			return false;
		}
		nx = net_starttls_feed(&st, b, (size_t)n);
	}
}

/* What to send after the handshake: --send with \r\n and \n written out,
 * else the HEAD request on port 443. */
static size_t net_request(const net_connect_cfg_t *cfg, const net_connect_t *r, char *out, size_t len)
{
	size_t n = 0;
	const char *s;

	if (!cfg->send_set) {
		if (r->target.port != 443 || cfg->starttls >= 0)
			return 0;
		snprintf(out, len, "HEAD / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n",
			 cfg->sni ? cfg->sni : r->target.host);
		return strlen(out);
	}
	for (s = cfg->send; s && *s && n + 1 < len; s++) {
		if (s[0] == '\\' && (s[1] == 'r' || s[1] == 'n')) {
			out[n++] = s[1] == 'r' ? '\r' : '\n';
			s++;
		} else
			out[n++] = *s;
	}
	out[n] = '\0';
	return n;
}

static void net_account(net_run_t *x)
{
	net_connect_t *r = x->r;
	gnutls_protocol_t v = gnutls_protocol_get_version(x->s);
	static const struct { gnutls_protocol_t p; uint16_t w; } map[] = {
		{ GNUTLS_TLS1_0, VER_TLS10 }, { GNUTLS_TLS1_1, VER_TLS11 }, { GNUTLS_TLS1_2, VER_TLS12 },
		{ GNUTLS_TLS1_3, VER_TLS13 },
	};
	gnutls_datum_t ms;
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].p == v)
			r->version = map[i].w;
	if (v != GNUTLS_TLS1_3) {
		gnutls_session_get_master_secret(x->s, &ms);
		if (ms.data && ms.size == sizeof r->master) {
			memcpy(r->master, ms.data, ms.size);
			r->have_master = true;
		}
	}
}

/* After the handshake: the request, then the first bytes of the answer
 * (or, with nothing to send, whatever the server says within a second:
 * a TLS 1.3 server's refusal of the client's certificate comes then). */
static void net_appdata(net_run_t *x, net_tap_t *t)
{
	net_connect_t *r = x->r;
	char req[1024];
	size_t n = net_request(x->cfg, r, req, sizeof req);
	int rc;

	r->stage = NET_AT_APPDATA;
	if (n) {
		snprintf(r->sent_request, sizeof r->sent_request, "%.*s", (int)strcspn(req, "\r\n"), req);
		do
			rc = (int)gnutls_record_send(x->s, req, n);
		while (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED);
		if (rc < 0) {
			r->gnutls_err = rc;
			snprintf(r->client_error, sizeof r->client_error, "%s", gnutls_strerror(rc));
			net_tap_failed(r, t, "while sending the request");
			return;
		}
	} else if (t->timeout_ms == 0 || t->timeout_ms > NET_QUIET_READ_MS)
		t->timeout_ms = NET_QUIET_READ_MS;
	for (;;) {
		ssize_t got = gnutls_record_recv(x->s, r->answer, sizeof r->answer);
		if (got == GNUTLS_E_AGAIN || got == GNUTLS_E_INTERRUPTED || got == GNUTLS_E_REHANDSHAKE)
			continue;
		if (got > 0)
			r->answer_len = (size_t)got;
		else if (got < 0 && !(n == 0 && t->state == NET_TAP_TIMEOUT) && got != GNUTLS_E_PREMATURE_TERMINATION) {
			r->gnutls_err = (int)got;
			snprintf(r->client_error, sizeof r->client_error, "%s", gnutls_strerror((int)got));
			if (got == GNUTLS_E_PULL_ERROR || got == GNUTLS_E_PUSH_ERROR)
				net_tap_failed(r, t, "while waiting for the answer");
		}
		break;
	}
}

err_t net_connect_run(const net_connect_cfg_t *cfg, net_connect_t *r, char *why, size_t whylen)
{
	net_run_t x = { .cfg = cfg, .r = r };
	gnutls_certificate_credentials_t cred = NULL;
	unsigned tmo = cfg->timeout_ms ? cfg->timeout_ms : NET_DEFAULT_TIMEOUT_MS;
	uint16_t port = cfg->starttls >= 0 ? net_starttls_default_port((net_stls_proto_t)cfg->starttls) : 443;
	net_tap_t t;
	err_t e;
	int rc;

	memset(r, 0, sizeof *r);
	r->where.fd = -1;
	r->keylog = keylog_new();
	ENSURE(r->keylog, ERR_NOMEM);
	TRY(net_addr_parse(cfg->target, port, &r->target, why, whylen));
	e = net_setup(&x, &cred, why, whylen);
	if (e != ERR_OK)
		goto out;
	r->stage = NET_AT_CONNECT;
	if (net_addr_connect(&r->target, tmo, &r->where, r->why, sizeof r->why) != ERR_OK) {
		if (r->where.fail == NET_ADDR_NOT_FOUND)
			r->stage = NET_AT_RESOLVE;
		goto out;
	}
	net_tap_init(&t, r->where.fd, SIDE_CLIENT, tmo, net_on_bytes, &x);
	if (cfg->starttls >= 0) {
		r->stage = NET_AT_STARTTLS;
		if (!net_starttls(&x, &t))
			goto out;
	}
	x.in_tls = true;
	r->stage = NET_AT_HANDSHAKE;
	net_tap_attach(&t, x.s);
	do
		rc = gnutls_handshake(x.s);
	while (rc < 0 && !gnutls_error_is_fatal(rc));
	if (rc < 0) {
		r->gnutls_err = rc;
		snprintf(r->client_error, sizeof r->client_error, "%s", gnutls_strerror(rc));
		if (t.state != NET_TAP_OK)
			net_tap_failed(r, &t, r->nchunks > 1 ? "in the middle of the handshake" : "after the ClientHello");
		else
			net_drain_plain(r, &t);
		net_account(&x);
		goto out;
	}
	r->done = true;
	net_account(&x);
	net_appdata(&x, &t);
	if (!r->gnutls_err)
		r->stage = NET_AT_DONE;
out:
	if (x.s)
		gnutls_deinit(x.s);
	if (cred)
		gnutls_certificate_free_credentials(cred);
	if (r->where.fd >= 0) {
		close(r->where.fd);
		r->where.fd = -1;
	}
	return e;
}

void net_connect_free(net_connect_t *r)
{
	size_t i;

	for (i = 0; i < r->nchunks; i++)
		buf_free(&r->chunks[i].bytes);
	free(r->chunks);
	buf_free(&r->dialogue);
	buf_free(&r->keylog_text);
	keylog_free(r->keylog);
	memset(r, 0, sizeof *r);
}
