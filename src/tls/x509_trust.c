/* x509_trust.c - a CA bundle, and a captured chain checked against it at
 * the time it was captured (see x509.h).  GnuTLS builds the path and
 * checks the signatures and the host name, with its own time checks off;
 * the dates are checked here against the capture's time, so a capture
 * made last year is judged as it was then.
 *
 * Must not: print, or read anything but the bundle it is given. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "x509.h"

struct x509_trust {
	gnutls_x509_trust_list_t list;
};

err_t x509_trust_load(const char *path, x509_trust_t **out, char *why, size_t whylen)
{
	x509_trust_t *t = calloc(1, sizeof *t);
	int ret;

	*out = NULL;
	if (!t)
		return ERR_NOMEM;
	if (gnutls_x509_trust_list_init(&t->list, 0) < 0) {
		free(t);
		return ERR_NOMEM;
	}
	ret = gnutls_x509_trust_list_add_trust_file(t->list, path, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
	if (ret <= 0) {
		snprintf(why, whylen, "%s", ret < 0 ? gnutls_strerror(ret) : "no PEM certificate in it");
		x509_trust_free(t);
		return ret == GNUTLS_E_FILE_ERROR ? ERR_IO : ERR_FORMAT;
	}
	*out = t;
	return ERR_OK;
}

void x509_trust_free(x509_trust_t *t)
{
	if (!t)
		return;
	gnutls_x509_trust_list_deinit(t->list, 1);
	free(t);
}

static void x509_trust_words(unsigned status, char *text, size_t n)
{
	gnutls_datum_t out;
	size_t len;

	if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0) < 0) {
		snprintf(text, n, "status 0x%x", status);
		return;
	}
	snprintf(text, n, "%s", (const char *)out.data);
	gnutls_free(out.data);
	for (len = strlen(text); len > 0 && text[len - 1] == ' '; len--)
		text[len - 1] = '\0';   /* GnuTLS ends each sentence with a space */
}

unsigned x509_trust_verify(const x509_trust_t *t, const slice_t *ders, size_t n, const char *host, time_t at,
			   char *text, size_t textlen)
{
	gnutls_x509_crt_t crts[16];
	gnutls_typed_vdata_st vdata = { GNUTLS_DT_DNS_HOSTNAME, NULL, 0 };
	unsigned status = 0, i, k = 0;
	int ret;

	for (i = 0; i < n && k < 16; i++) {
		gnutls_datum_t d = { (unsigned char *)ders[i].ptr, (unsigned)ders[i].len };   /* only read */
		if (ders[i].len > UINT_MAX || gnutls_x509_crt_init(&crts[k]) < 0)
			break;
		if (gnutls_x509_crt_import(crts[k], &d, GNUTLS_X509_FMT_DER) < 0) {
			gnutls_x509_crt_deinit(crts[k]);
			break;
		}
		k++;
	}
	if (k == 0) {
		snprintf(text, textlen, "the server's certificate could not be read");
		return GNUTLS_CERT_INVALID;
	}
	if (host) {
		vdata.data = (unsigned char *)host;
		vdata.size = 0;   /* NUL-terminated */
	}
	/* RFC 5280 6.1.3 (a)(2): the certificate validity period includes the time;
	 * the capture's time, checked below, not the clock's */
	ret = gnutls_x509_trust_list_verify_crt2(t->list, crts, k, host ? &vdata : NULL, host ? 1 : 0,
						 GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
						 GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS, &status, NULL);
	if (ret < 0) {
		snprintf(text, textlen, "could not be checked: %s", gnutls_strerror(ret));
		status = GNUTLS_CERT_INVALID;
	} else {
		for (i = 0; i < k; i++) {
			if (at < gnutls_x509_crt_get_activation_time(crts[i]))
				status |= GNUTLS_CERT_NOT_ACTIVATED | GNUTLS_CERT_INVALID;
			if (at > gnutls_x509_crt_get_expiration_time(crts[i]))
				status |= GNUTLS_CERT_EXPIRED | GNUTLS_CERT_INVALID;
		}
		x509_trust_words(status, text, textlen);
	}
	for (i = 0; i < k; i++)
		gnutls_x509_crt_deinit(crts[i]);
	return status;
}
