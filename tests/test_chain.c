/* test_chain.c - what step 5 shows: one certificate's facts (tls/x509.h
 * x509_facts), the host name check, a chain checked against a CA bundle
 * at a given time (x509_trust: trusted, expired, not yet valid, wrong
 * name, unknown issuer), the bundle's own errors, and, on a live run, the
 * verdict recorded as soon as the client checked (before the run is over),
 * step 9's records kept with their plaintext, and an encrypted Finished
 * kept as its record was on the wire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "testing.h"
#include "source/source_live.h"
#include "tls/x509.h"
#include "trace/chain.h"

#define T_2020 1577836800   /* 2020-01-01T00:00:00Z */
#define T_2025 1735689600
#define T_2030 1893456000

typedef struct {
	uint8_t der[2048];
	size_t len;
	gnutls_x509_crt_t crt;
	gnutls_x509_privkey_t key;
} tcert_t;

/* A certificate: self-signed when issuer is NULL (a CA), else signed by it. */
static void tc_make(tcert_t *c, const char *dn, const char *san, const tcert_t *issuer, bool ca)
{
	static const unsigned char serial[] = { 0x05 };
	gnutls_datum_t der = { NULL, 0 };

	CU_ASSERT_FATAL(gnutls_x509_privkey_init(&c->key) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_privkey_generate(c->key, GNUTLS_PK_ECDSA,
		GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_crt_init(&c->crt) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_version(c->crt, 3) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_serial(c->crt, serial, sizeof serial) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_activation_time(c->crt, T_2020) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_expiration_time(c->crt, T_2030) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_dn(c->crt, dn, NULL) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_key(c->crt, c->key) >= 0);
	if (san)
		CU_ASSERT(gnutls_x509_crt_set_subject_alt_name(c->crt, GNUTLS_SAN_DNSNAME, san, (unsigned)strlen(san),
							       GNUTLS_FSAN_APPEND) >= 0);
	CU_ASSERT(gnutls_x509_crt_set_basic_constraints(c->crt, ca, -1) >= 0);
	if (ca)
		CU_ASSERT(gnutls_x509_crt_set_key_usage(c->crt, GNUTLS_KEY_KEY_CERT_SIGN) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_crt_sign2(c->crt, issuer ? issuer->crt : c->crt, issuer ? issuer->key : c->key,
					      GNUTLS_DIG_SHA256, 0) >= 0);
	CU_ASSERT_FATAL(gnutls_x509_crt_export2(c->crt, GNUTLS_X509_FMT_DER, &der) >= 0);
	CU_ASSERT_FATAL(der.size <= sizeof c->der);
	memcpy(c->der, der.data, der.size);
	c->len = der.size;
	gnutls_free(der.data);
}

static void tc_free(tcert_t *c)
{
	gnutls_x509_crt_deinit(c->crt);
	gnutls_x509_privkey_deinit(c->key);
}

/* c as a PEM file; returns its path (static buffer per call site). */
static void tc_pem(const tcert_t *c, char *path, size_t n)
{
	gnutls_datum_t pem = { NULL, 0 };
	FILE *f;
	int fd;

	snprintf(path, n, "/tmp/tlstrace-test-ca-XXXXXX");
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	CU_ASSERT_FATAL(gnutls_x509_crt_export2(c->crt, GNUTLS_X509_FMT_PEM, &pem) >= 0);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(pem.data, 1, pem.size, f), pem.size);
	fclose(f);
	gnutls_free(pem.data);
}

static void test_facts(void)
{
	tcert_t ca, leaf;
	x509_facts_t f;
	const char *why = "x";
	bool by_cn = true;

	tc_make(&ca, "CN=Test CA,O=tlstrace", NULL, NULL, true);
	tc_make(&leaf, "CN=server.example,O=tlstrace", "server.example", &ca, false);
	CU_ASSERT_EQUAL_FATAL(x509_facts(slice_make(leaf.der, leaf.len), &f, &why), ERR_OK);
	CU_ASSERT_PTR_NULL(why);
	CU_ASSERT_STRING_EQUAL(f.subject, "CN=server.example,O=tlstrace");
	CU_ASSERT_STRING_EQUAL(f.issuer, "CN=Test CA,O=tlstrace");
	CU_ASSERT_STRING_EQUAL(f.sans, "server.example");
	CU_ASSERT_EQUAL(f.not_before, T_2020);
	CU_ASSERT_EQUAL(f.not_after, T_2030);
	CU_ASSERT_STRING_EQUAL(f.key, "EC/ECDSA 256 bits");
	CU_ASSERT_STRING_EQUAL(f.sig_alg, "ECDSA-SHA256");
	CU_ASSERT_FALSE(f.is_ca);
	CU_ASSERT_FALSE(f.self_signed);
	x509_facts_free(&f);
	CU_ASSERT_EQUAL_FATAL(x509_facts(slice_make(ca.der, ca.len), &f, &why), ERR_OK);
	CU_ASSERT_TRUE(f.is_ca);
	CU_ASSERT_TRUE(f.self_signed);
	CU_ASSERT_PTR_NULL(f.sans);
	x509_facts_free(&f);
	/* the host name: the SAN's dNSName; a CA without SAN by its CN */
	CU_ASSERT_TRUE(x509_host_matches(slice_make(leaf.der, leaf.len), "server.example", &by_cn));
	CU_ASSERT_FALSE(by_cn);
	CU_ASSERT_FALSE(x509_host_matches(slice_make(leaf.der, leaf.len), "other.example", &by_cn));
	CU_ASSERT_FALSE(x509_host_matches(slice_make(leaf.der, leaf.len), NULL, &by_cn));
	tc_free(&leaf);
	tc_free(&ca);
}

static void test_facts_bad(void)
{
	static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
	x509_facts_t f;
	const char *why = NULL;
	bool by_cn;

	CU_ASSERT_EQUAL(x509_facts(slice_make(junk, sizeof junk), &f, &why), ERR_GNUTLS);
	CU_ASSERT_PTR_NOT_NULL(why);
	CU_ASSERT_EQUAL(x509_facts(slice_make(junk, 0), &f, &why), ERR_GNUTLS);
	x509_facts_free(&f);
	CU_ASSERT_FALSE(x509_host_matches(slice_make(junk, sizeof junk), "server.example", &by_cn));
}

static void test_trust(void)
{
	tcert_t ca, other, leaf;
	x509_trust_t *t = NULL, *t2 = NULL;
	char path[64], path2[64], text[256];
	slice_t chain[1];
	unsigned st;

	tc_make(&ca, "CN=Test CA,O=tlstrace", NULL, NULL, true);
	tc_make(&other, "CN=Other CA,O=elsewhere", NULL, NULL, true);
	tc_make(&leaf, "CN=server.example,O=tlstrace", "server.example", &ca, false);
	chain[0] = slice_make(leaf.der, leaf.len);
	tc_pem(&ca, path, sizeof path);
	tc_pem(&other, path2, sizeof path2);
	CU_ASSERT_EQUAL_FATAL(x509_trust_load(path, &t, text, sizeof text), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(x509_trust_load(path2, &t2, text, sizeof text), ERR_OK);
	/* inside its dates, the right name, the right CA */
	st = x509_trust_verify(t, chain, 1, "server.example", T_2025, text, sizeof text);
	CU_ASSERT_EQUAL(st, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "trusted"));
	/* no name to check */
	CU_ASSERT_EQUAL(x509_trust_verify(t, chain, 1, NULL, T_2025, text, sizeof text), 0);
	/* the capture's time decides, not the clock's */
	st = x509_trust_verify(t, chain, 1, "server.example", T_2030 + 86400, text, sizeof text);
	CU_ASSERT_TRUE(st & GNUTLS_CERT_EXPIRED);
	CU_ASSERT_TRUE(st & GNUTLS_CERT_INVALID);
	st = x509_trust_verify(t, chain, 1, "server.example", T_2020 - 86400, text, sizeof text);
	CU_ASSERT_TRUE(st & GNUTLS_CERT_NOT_ACTIVATED);
	/* another name */
	st = x509_trust_verify(t, chain, 1, "other.example", T_2025, text, sizeof text);
	CU_ASSERT_TRUE(st & GNUTLS_CERT_UNEXPECTED_OWNER);
	/* another CA */
	st = x509_trust_verify(t2, chain, 1, "server.example", T_2025, text, sizeof text);
	CU_ASSERT_TRUE(st & GNUTLS_CERT_SIGNER_NOT_FOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "NOT trusted"));
	/* nothing readable */
	chain[0] = slice_make(leaf.der, 10);
	CU_ASSERT_EQUAL(x509_trust_verify(t, chain, 1, "server.example", T_2025, text, sizeof text),
			GNUTLS_CERT_INVALID);
	x509_trust_free(t);
	x509_trust_free(t2);
	x509_trust_free(NULL);
	/* a bundle that is not one */
	CU_ASSERT_EQUAL(x509_trust_load("/nonexistent/ca.pem", &t, text, sizeof text), ERR_IO);
	CU_ASSERT_PTR_NULL(t);
	{
		FILE *f = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		fputs("not a certificate\n", f);
		fclose(f);
	}
	CU_ASSERT_EQUAL(x509_trust_load(path, &t, text, sizeof text), ERR_FORMAT);
	CU_ASSERT_PTR_NULL(t);
	unlink(path);
	unlink(path2);
	tc_free(&leaf);
	tc_free(&other);
	tc_free(&ca);
}

/* Live: the verdict is in the model when the client's flight after the
 * server's certificate is (before the run is over); the chain and host
 * name check are laid out; step 9's records and plaintext are kept. */
static void test_live_step5_and_9(void)
{
	live_cfg_t cfg = { 0 };
	source_t *src = NULL;
	const handshake_t *h;
	bool more = true, seen_early = false;
	char why[256] = "";
	chain_t c;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(source_live_new(&cfg, false, &src), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(source_start(src, why, sizeof why), ERR_OK);
	while (more) {
		CU_ASSERT_EQUAL_FATAL(source_advance(src, 0, &more, why, sizeof why), ERR_OK);
		h = conn_current(source_conn(src, 0));
		if (more && h && h->cert_checked)
			seen_early = true;
	}
	CU_ASSERT_TRUE(seen_early);
	h = conn_current(source_conn(src, 0));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_TRUE(h->cert_checked);
	CU_ASSERT_EQUAL(h->cert_status, 0);
	CU_ASSERT_FALSE(h->cert_by_ca);
	chain_build(h, h->nmsgs, &c);
	CU_ASSERT_TRUE(c.have);
	CU_ASSERT_EQUAL(c.n, 1);
	CU_ASSERT_STRING_EQUAL(c.host, "server.example");
	CU_ASSERT_TRUE(c.host_ok);
	CU_ASSERT_FALSE(c.host_by_cn);
	CU_ASSERT_PTR_NULL(c.v[0].unreadable);
	CU_ASSERT_EQUAL(c.v[0].valid, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.v[0].facts.subject, "CN=server.example"));
	chain_free(&c);
	/* up to the ClientHello only: no chain yet */
	chain_build(h, 1, &c);
	CU_ASSERT_FALSE(c.have);
	chain_free(&c);
	/* step 9: the request and the answer, in order, in full */
	CU_ASSERT_PTR_NOT_NULL_FATAL(h->app);
	CU_ASSERT_EQUAL_FATAL(h->app->n, 2);
	CU_ASSERT_EQUAL(h->app->recs[0].side, SIDE_CLIENT);
	CU_ASSERT_EQUAL(h->app->recs[1].side, SIDE_SERVER);
	for (i = 0; i < 2; i++) {
		CU_ASSERT_TRUE(h->app->recs[i].decrypted);
		CU_ASSERT_EQUAL(h->app->recs[i].off, 0);
		CU_ASSERT_EQUAL(h->app->recs[i].msgs_before, h->nmsgs);
		CU_ASSERT_EQUAL(h->app->len[i], h->app_bytes[i]);
	}
	CU_ASSERT_EQUAL(h->app->recs[0].len, h->app->len[SIDE_CLIENT]);
	CU_ASSERT_EQUAL_FATAL(h->app->len[SIDE_CLIENT], 40);
	CU_ASSERT_EQUAL(memcmp(h->app->data[SIDE_CLIENT], "GET / HTTP/1.1\r\nHost: server.example\r\n\r\n", 40), 0);
	/* the client's Finished as on the wire (AES_128_CBC_SHA256, TLS 1.2):
	 * IV 16, then 16 bytes of message, 32 of HMAC, 16 of padding */
	{
		const msg_t *fin = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_FINISHED);
		const msg_t *hello = handshake_find(h, SIDE_CLIENT, CT_HANDSHAKE, HS_CLIENT_HELLO);
		CU_ASSERT_PTR_NOT_NULL_FATAL(fin);
		CU_ASSERT_PTR_NOT_NULL_FATAL(fin->wire);
		CU_ASSERT_EQUAL(fin->wire->len, 80);
		CU_ASSERT_EQUAL(fin->wire->hdr[0], CT_HANDSHAKE);
		CU_ASSERT_EQUAL(fin->wire->hdr[3] * 256 + fin->wire->hdr[4], 80);
		CU_ASSERT_EQUAL(fin->wire->iv, 16);
		CU_ASSERT_EQUAL(fin->wire->tag, 0);
		CU_ASSERT_EQUAL(fin->wire->inner_mac, 32);
		CU_ASSERT_EQUAL(fin->wire->pad, 16);
		CU_ASSERT_FALSE(fin->wire->inner_type);
		CU_ASSERT_PTR_NOT_NULL_FATAL(hello);
		CU_ASSERT_PTR_NULL(hello->wire);   /* in the clear: nothing to show */
	}
	source_free(src);
}

static const test_case_t cases[] = {
	{ "one certificate's facts and the host name", test_facts },
	{ "facts of a certificate GnuTLS cannot read", test_facts_bad },
	{ "a chain against a CA bundle at a given time", test_trust },
	{ "live: the verdict at step 5, the chain, step 9's plaintext", test_live_step5_and_9 },
	{ NULL, NULL }
};

const test_suite_t test_chain_suite = { "step 5 chain and step 9 data", cases };
