/* rsakey.c - an RSA private key, and recovering the premaster secret of an
 * RSA key exchange with it (RFC 5246 7.4.7.1).  All RSA goes through
 * GnuTLS's abstract privkey API; this file only reads the key file and
 * maps GnuTLS results to err_t.  Never prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rsakey.h"

struct rsakey {
	gnutls_privkey_t key;   /* owned unless `borrowed` */
	bool borrowed;          /* rsakey_wrap: the caller frees the key */
};

/* A key file is a few kilobytes; anything past this is not a PEM key. */
#define RSAKEY_MAX_FILE (1u << 20)

err_t rsakey_from_pem(const uint8_t *pem, size_t n, rsakey_t **out)
{
	gnutls_datum_t d;
	rsakey_t *k;
	int rc;

	*out = NULL;
	ENSURE(pem && n > 0 && n <= RSAKEY_MAX_FILE, ERR_FORMAT);
	k = calloc(1, sizeof *k);
	ENSURE(k, ERR_NOMEM);
	if (gnutls_privkey_init(&k->key) < 0) {
		free(k);
		return ERR_NOMEM;
	}
	d.data = (unsigned char *)(uintptr_t)pem;   /* GnuTLS only reads it */
	d.size = (unsigned)n;
	rc = gnutls_privkey_import_x509_raw(k->key, &d, GNUTLS_X509_FMT_PEM, NULL, 0);
	if (rc < 0) {
		rsakey_free(k);
		return ERR_FORMAT;
	}
	/* rfc5246#section-7.4.7.1 is RSA (PKCS #1 v1.5) encryption: an EC or DSA
	 * key cannot have encrypted a premaster secret. */
	if (gnutls_privkey_get_pk_algorithm(k->key, NULL) != GNUTLS_PK_RSA) {
		rsakey_free(k);
		return ERR_UNSUPPORTED;
	}
	*out = k;
	return ERR_OK;
}

err_t rsakey_load(const char *path, rsakey_t **out)
{
	buf_t pem = { 0 };
	err_t e;

	*out = NULL;
	e = buf_read_file(&pem, path, RSAKEY_MAX_FILE);
	if (e == ERR_OK)
		e = rsakey_from_pem(pem.ptr, pem.len, out);
	else if (e == ERR_BAD_LENGTH)
		e = ERR_FORMAT;
	if (pem.ptr)
		memset(pem.ptr, 0, pem.cap);   /* it held a private key */
	buf_free(&pem);
	return e;
}

err_t rsakey_wrap(gnutls_privkey_t key, rsakey_t **out)
{
	rsakey_t *k;

	*out = NULL;
	ENSURE(key, ERR_BAD_VALUE);
	ENSURE(gnutls_privkey_get_pk_algorithm(key, NULL) == GNUTLS_PK_RSA, ERR_UNSUPPORTED);
	k = calloc(1, sizeof *k);
	ENSURE(k, ERR_NOMEM);
	k->key = key;
	k->borrowed = true;
	*out = k;
	return ERR_OK;
}

void rsakey_free(rsakey_t *k)
{
	if (!k)
		return;
	if (!k->borrowed && k->key)
		gnutls_privkey_deinit(k->key);
	free(k);
}

/* rfc5246#section-7.4.7.1: struct { public-key-encrypted PreMasterSecret
 * pre_master_secret; } EncryptedPreMasterSecret; PreMasterSecret is
 * client_version (2 bytes) + random (46 bytes).  A tool that reads a
 * capture has no padding oracle to protect, so a failure is reported as
 * such instead of being replaced by random bytes (rfc5246's
 * countermeasure is for servers). */
err_t rsakey_decrypt_premaster(const rsakey_t *k, slice_t enc, uint8_t pms[48])
{
	gnutls_datum_t ct, pt = { NULL, 0 };
	err_t e = ERR_OK;

	ENSURE(k && k->key && pms, ERR_BAD_VALUE);
	ENSURE(enc.ptr && enc.len > 0 && enc.len <= 0xffff, ERR_BAD_LENGTH);
	ct.data = (unsigned char *)(uintptr_t)enc.ptr;
	ct.size = (unsigned)enc.len;
	if (gnutls_privkey_decrypt_data(k->key, 0, &ct, &pt) < 0)
		return ERR_CRYPTO;
	if (pt.size != 48)
		e = ERR_BAD_LENGTH;
	else
		memcpy(pms, pt.data, 48);
	if (pt.data) {
		memset(pt.data, 0, pt.size);
		gnutls_free(pt.data);
	}
	return e;
}

/* Modulus and public exponent of a public key, without leading zeros;
 * the datums are GnuTLS-allocated. */
static bool rsa_public(gnutls_pubkey_t pub, gnutls_datum_t *m, gnutls_datum_t *e)
{
	if (gnutls_pubkey_get_pk_algorithm(pub, NULL) != GNUTLS_PK_RSA)
		return false;
	return gnutls_pubkey_export_rsa_raw2(pub, m, e, GNUTLS_EXPORT_FLAG_NO_LZ) == 0;
}

static bool datum_eq(const gnutls_datum_t *a, const gnutls_datum_t *b)
{
	return a->size == b->size && (a->size == 0 || memcmp(a->data, b->data, a->size) == 0);
}

bool rsakey_matches_cert(const rsakey_t *k, slice_t cert_der)
{
	gnutls_pubkey_t mine = NULL, theirs = NULL;
	gnutls_datum_t d, m1 = { NULL, 0 }, e1 = { NULL, 0 }, m2 = { NULL, 0 }, e2 = { NULL, 0 };
	bool ok = false;

	if (!k || !k->key || !cert_der.ptr || cert_der.len == 0 || cert_der.len > 0xffffff)
		return false;
	d.data = (unsigned char *)(uintptr_t)cert_der.ptr;
	d.size = (unsigned)cert_der.len;
	if (gnutls_pubkey_init(&mine) < 0 || gnutls_pubkey_init(&theirs) < 0)
		goto done;
	if (gnutls_pubkey_import_privkey(mine, k->key, 0, 0) < 0)
		goto done;
	if (gnutls_pubkey_import_x509_raw(theirs, &d, GNUTLS_X509_FMT_DER, 0) < 0)
		goto done;
	if (!rsa_public(mine, &m1, &e1) || !rsa_public(theirs, &m2, &e2))
		goto done;
	ok = datum_eq(&m1, &m2) && datum_eq(&e1, &e2);
done:
	gnutls_free(m1.data);
	gnutls_free(e1.data);
	gnutls_free(m2.data);
	gnutls_free(e2.data);
	if (mine)
		gnutls_pubkey_deinit(mine);
	if (theirs)
		gnutls_pubkey_deinit(theirs);
	return ok;
}

bool rsakey_matches_modulus(const rsakey_t *k, slice_t modulus)
{
	gnutls_pubkey_t mine = NULL;
	gnutls_datum_t m = { NULL, 0 }, e = { NULL, 0 };
	const uint8_t *p = modulus.ptr;
	size_t n = modulus.len;
	bool ok = false;

	if (!k || !k->key || !p)
		return false;
	while (n > 0 && *p == 0) {
		p++;
		n--;
	}
	if (n == 0 || gnutls_pubkey_init(&mine) < 0)
		return false;
	if (gnutls_pubkey_import_privkey(mine, k->key, 0, 0) == 0 && rsa_public(mine, &m, &e))
		ok = m.size == n && memcmp(m.data, p, n) == 0;
	gnutls_free(m.data);
	gnutls_free(e.data);
	gnutls_pubkey_deinit(mine);
	return ok;
}
