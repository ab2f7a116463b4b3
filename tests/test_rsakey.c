/* test_rsakey.c - loading an RSA private key and recovering an RSA
 * premaster secret with it (src/crypto/rsakey.c).
 *
 * Keys and certificates are made here with GnuTLS's x509 API; the
 * premaster is encrypted with GnuTLS's public-key API, as a client would
 * (rfc5246#section-7.4.7.1: RSAES-PKCS1-v1_5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include "testing.h"
#include "crypto/rsakey.h"

/* Two RSA keys and a self-signed certificate for each, made once (RSA
 * key generation is the slow part). */
static gnutls_x509_privkey_t key_a, key_b;
static gnutls_datum_t pem_a, pem_b, pkcs8_a, cert_a, cert_b;
static int state;   /* 0: not made yet, 1: made, -1: making failed */

static int make_cert(gnutls_x509_privkey_t key, const char *cn, gnutls_datum_t *der)
{
	gnutls_x509_crt_t crt;
	static const unsigned char serial[1] = { 1 };
	time_t now = time(NULL);
	int rc;

	if (gnutls_x509_crt_init(&crt) < 0)
		return -1;
	rc = gnutls_x509_crt_set_version(crt, 3);
	if (rc >= 0)
		rc = gnutls_x509_crt_set_serial(crt, serial, sizeof serial);
	if (rc >= 0)
		rc = gnutls_x509_crt_set_activation_time(crt, now - 60);
	if (rc >= 0)
		rc = gnutls_x509_crt_set_expiration_time(crt, now + 3600);
	if (rc >= 0)
		rc = gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn, (unsigned)strlen(cn));
	if (rc >= 0)
		rc = gnutls_x509_crt_set_issuer_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn,
							   (unsigned)strlen(cn));
	if (rc >= 0)
		rc = gnutls_x509_crt_set_key(crt, key);
	if (rc >= 0)
		rc = gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0);
	if (rc >= 0)
		rc = gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, der);
	gnutls_x509_crt_deinit(crt);
	return rc < 0 ? -1 : 0;
}

static int make_key(gnutls_x509_privkey_t *key, gnutls_datum_t *pem)
{
	if (gnutls_x509_privkey_init(key) < 0)
		return -1;
	if (gnutls_x509_privkey_generate(*key, GNUTLS_PK_RSA, 2048, 0) < 0)
		return -1;
	return gnutls_x509_privkey_export2(*key, GNUTLS_X509_FMT_PEM, pem) < 0 ? -1 : 0;
}

static int setup(void)
{
	if (state != 0)
		return state > 0 ? 0 : -1;
	state = 1;
	if (make_key(&key_a, &pem_a) < 0 || make_key(&key_b, &pem_b) < 0
	    || gnutls_x509_privkey_export2_pkcs8(key_a, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &pkcs8_a) < 0
	    || make_cert(key_a, "a.test", &cert_a) < 0 || make_cert(key_b, "b.test", &cert_b) < 0)
		state = -1;
	return state > 0 ? 0 : -1;
}

/* RSAES-PKCS1-v1_5 encryption of n bytes to key's public half. */
static int encrypt_to(gnutls_x509_privkey_t key, const uint8_t *p, size_t n, gnutls_datum_t *out)
{
	gnutls_privkey_t priv = NULL;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t plain = { (unsigned char *)p, (unsigned)n };
	int rc = -1;

	if (gnutls_privkey_init(&priv) < 0 || gnutls_pubkey_init(&pub) < 0)
		goto done;
	if (gnutls_privkey_import_x509(priv, key, 0) < 0 || gnutls_pubkey_import_privkey(pub, priv, 0, 0) < 0)
		goto done;
	rc = gnutls_pubkey_encrypt_data(pub, 0, &plain, out) < 0 ? -1 : 0;
done:
	if (pub)
		gnutls_pubkey_deinit(pub);
	if (priv)
		gnutls_privkey_deinit(priv);
	return rc;
}

/* A premaster as a TLS 1.2 client makes it: version 03 03 + 46 bytes. */
static void make_pms(uint8_t pms[48])
{
	size_t i;

	pms[0] = 0x03;
	pms[1] = 0x03;
	for (i = 2; i < 48; i++)
		pms[i] = (uint8_t)(i * 37 + 11);
}

static void test_decrypt_premaster(void)
{
	uint8_t pms[48], got[48];
	gnutls_datum_t enc = { NULL, 0 };
	rsakey_t *k = NULL;

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	make_pms(pms);
	CU_ASSERT_EQUAL_FATAL(encrypt_to(key_a, pms, 48, &enc), 0);
	CU_ASSERT_EQUAL(enc.size, 256);   /* a 2048-bit modulus */
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pem_a.data, pem_a.size, &k), ERR_OK);
	memset(got, 0, sizeof got);
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, enc.size), got), ERR_OK);
	CU_ASSERT(memcmp(got, pms, 48) == 0);
	/* a flipped ciphertext bit: the padding no longer checks */
	enc.data[100] ^= 0x01;
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, enc.size), got), ERR_CRYPTO);
	/* truncated and empty */
	CU_ASSERT_NOT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, 128), got), ERR_OK);
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, 0), got), ERR_BAD_LENGTH);
	rsakey_free(k);
	gnutls_free(enc.data);
}

static void test_wrong_key(void)
{
	uint8_t pms[48], got[48];
	gnutls_datum_t enc = { NULL, 0 };
	rsakey_t *k = NULL;

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	make_pms(pms);
	CU_ASSERT_EQUAL_FATAL(encrypt_to(key_a, pms, 48, &enc), 0);
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pem_b.data, pem_b.size, &k), ERR_OK);
	memset(got, 0, sizeof got);
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, enc.size), got), ERR_CRYPTO);
	CU_ASSERT(memcmp(got, pms, 48) != 0);
	rsakey_free(k);
	gnutls_free(enc.data);
}

/* rfc5246#section-7.4.7.1: the premaster is exactly 48 bytes. */
static void test_wrong_length(void)
{
	uint8_t pms[48], got[48];
	gnutls_datum_t enc = { NULL, 0 };
	rsakey_t *k = NULL;

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	make_pms(pms);
	CU_ASSERT_EQUAL_FATAL(encrypt_to(key_a, pms, 47, &enc), 0);
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pkcs8_a.data, pkcs8_a.size, &k), ERR_OK);   /* PKCS #8 too */
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, enc.size), got), ERR_BAD_LENGTH);
	rsakey_free(k);
	gnutls_free(enc.data);
}

static void test_bad_pem(void)
{
	static const char garbage[] = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n";
	static const char text[] = "hello";
	rsakey_t *k = NULL;
	gnutls_x509_privkey_t ec;
	gnutls_datum_t ec_pem = { NULL, 0 };

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	CU_ASSERT_EQUAL(rsakey_from_pem((const uint8_t *)garbage, strlen(garbage), &k), ERR_FORMAT);
	CU_ASSERT_PTR_NULL(k);
	CU_ASSERT_EQUAL(rsakey_from_pem((const uint8_t *)text, strlen(text), &k), ERR_FORMAT);
	CU_ASSERT_EQUAL(rsakey_from_pem((const uint8_t *)text, 0, &k), ERR_FORMAT);
	CU_ASSERT_EQUAL(rsakey_from_pem(pem_a.data, pem_a.size / 2, &k), ERR_FORMAT);   /* truncated */
	/* an EC key is a key, but cannot have encrypted a premaster */
	CU_ASSERT_EQUAL_FATAL(gnutls_x509_privkey_init(&ec), 0);
	CU_ASSERT_EQUAL_FATAL(gnutls_x509_privkey_generate(ec, GNUTLS_PK_ECDSA,
				GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0);
	CU_ASSERT_EQUAL_FATAL(gnutls_x509_privkey_export2(ec, GNUTLS_X509_FMT_PEM, &ec_pem), 0);
	CU_ASSERT_EQUAL(rsakey_from_pem(ec_pem.data, ec_pem.size, &k), ERR_UNSUPPORTED);
	CU_ASSERT_PTR_NULL(k);
	gnutls_free(ec_pem.data);
	gnutls_x509_privkey_deinit(ec);
}

static void test_load_file(void)
{
	char path[] = "/tmp/tlstrace-rsakey-XXXXXX";
	uint8_t pms[48], got[48];
	gnutls_datum_t enc = { NULL, 0 };
	rsakey_t *k = NULL;
	int fd;

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(write(fd, pem_b.data, pem_b.size), (ssize_t)pem_b.size);
	close(fd);
	CU_ASSERT_EQUAL(rsakey_load(path, &k), ERR_OK);
	unlink(path);
	make_pms(pms);
	CU_ASSERT_EQUAL_FATAL(encrypt_to(key_b, pms, 48, &enc), 0);
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, enc.size), got), ERR_OK);
	CU_ASSERT(memcmp(got, pms, 48) == 0);
	rsakey_free(k);
	gnutls_free(enc.data);
	CU_ASSERT_EQUAL(rsakey_load(path, &k), ERR_IO);   /* gone now */
	CU_ASSERT_PTR_NULL(k);
}

static void test_matches_cert(void)
{
	rsakey_t *a = NULL, *b = NULL;
	uint8_t junk[64];

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pem_a.data, pem_a.size, &a), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pem_b.data, pem_b.size, &b), ERR_OK);
	CU_ASSERT_TRUE(rsakey_matches_cert(a, slice_make(cert_a.data, cert_a.size)));
	CU_ASSERT_TRUE(rsakey_matches_cert(b, slice_make(cert_b.data, cert_b.size)));
	CU_ASSERT_FALSE(rsakey_matches_cert(a, slice_make(cert_b.data, cert_b.size)));
	CU_ASSERT_FALSE(rsakey_matches_cert(b, slice_make(cert_a.data, cert_a.size)));
	memset(junk, 0x30, sizeof junk);
	CU_ASSERT_FALSE(rsakey_matches_cert(a, slice_make(junk, sizeof junk)));
	CU_ASSERT_FALSE(rsakey_matches_cert(a, slice_make(cert_a.data, 0)));
	rsakey_free(a);
	rsakey_free(b);
}

/* RFC 2246 7.4.3: RSA_EXPORT's temporary key is a bare modulus; it
 * matches the key whose modulus GnuTLS exports, leading zeros or not. */
static void test_matches_modulus(void)
{
	gnutls_datum_t m = { NULL, 0 }, e = { NULL, 0 };
	uint8_t buf[600];
	rsakey_t *a = NULL, *b = NULL;

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pem_a.data, pem_a.size, &a), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(rsakey_from_pem(pem_b.data, pem_b.size, &b), ERR_OK);
	CU_ASSERT_EQUAL_FATAL(gnutls_x509_privkey_export_rsa_raw(key_a, &m, &e, NULL, NULL, NULL, NULL), 0);
	CU_ASSERT_FATAL(m.size > 0 && m.size + 2 <= sizeof buf);
	buf[0] = buf[1] = 0;
	memcpy(buf + 2, m.data, m.size);
	CU_ASSERT_TRUE(rsakey_matches_modulus(a, slice_make(buf + 2, m.size)));
	CU_ASSERT_TRUE(rsakey_matches_modulus(a, slice_make(buf, m.size + 2)));
	CU_ASSERT_FALSE(rsakey_matches_modulus(b, slice_make(buf + 2, m.size)));
	CU_ASSERT_FALSE(rsakey_matches_modulus(a, slice_make(buf + 2, m.size - 1)));
	buf[2 + m.size / 2] ^= 1;
	CU_ASSERT_FALSE(rsakey_matches_modulus(a, slice_make(buf + 2, m.size)));
	CU_ASSERT_FALSE(rsakey_matches_modulus(a, slice_make(buf, 2)));
	CU_ASSERT_FALSE(rsakey_matches_modulus(a, slice_make(buf, 0)));
	gnutls_free(m.data);
	gnutls_free(e.data);
	rsakey_free(a);
	rsakey_free(b);
}

/* The live demo hands over a key it keeps owning. */
static void test_wrap(void)
{
	gnutls_privkey_t priv = NULL;
	uint8_t pms[48], got[48];
	gnutls_datum_t enc = { NULL, 0 };
	rsakey_t *k = NULL;

	CU_ASSERT_EQUAL_FATAL(setup(), 0);
	CU_ASSERT_EQUAL_FATAL(gnutls_privkey_init(&priv), 0);
	CU_ASSERT_EQUAL_FATAL(gnutls_privkey_import_x509(priv, key_a, 0), 0);
	CU_ASSERT_EQUAL_FATAL(rsakey_wrap(priv, &k), ERR_OK);
	make_pms(pms);
	CU_ASSERT_EQUAL_FATAL(encrypt_to(key_a, pms, 48, &enc), 0);
	CU_ASSERT_EQUAL(rsakey_decrypt_premaster(k, slice_make(enc.data, enc.size), got), ERR_OK);
	CU_ASSERT(memcmp(got, pms, 48) == 0);
	CU_ASSERT_TRUE(rsakey_matches_cert(k, slice_make(cert_a.data, cert_a.size)));
	rsakey_free(k);
	/* still usable by its owner after rsakey_free */
	CU_ASSERT_EQUAL(gnutls_privkey_get_pk_algorithm(priv, NULL), GNUTLS_PK_RSA);
	gnutls_privkey_deinit(priv);
	gnutls_free(enc.data);
}

/* Last: frees what setup() made, so that ASan sees no leak. */
static void test_cleanup(void)
{
	if (state == 1) {
		gnutls_x509_privkey_deinit(key_a);
		gnutls_x509_privkey_deinit(key_b);
		gnutls_free(pem_a.data);
		gnutls_free(pem_b.data);
		gnutls_free(pkcs8_a.data);
		gnutls_free(cert_a.data);
		gnutls_free(cert_b.data);
	}
	state = 0;
	CU_PASS("freed");
}

static const test_case_t cases[] = {
	{ "decrypt_premaster", test_decrypt_premaster },
	{ "wrong_key_is_crypto_error", test_wrong_key },
	{ "premaster_of_wrong_length", test_wrong_length },
	{ "bad_pem", test_bad_pem },
	{ "load_file", test_load_file },
	{ "matches_cert", test_matches_cert },
	{ "matches_modulus", test_matches_modulus },
	{ "wrap_borrowed_key", test_wrap },
	{ "cleanup", test_cleanup },
	{ NULL, NULL }
};

const test_suite_t test_rsakey_suite = { "rsakey", cases };
