/* verify.h - the connect client's step 5 in words: GnuTLS's verdict on
 * the server's chain in plain words (UNTRUSTED CA, a MISSING
 * INTERMEDIATE, EXPIRED, NOT VALID YET, NAME MISMATCH), and each
 * certificate as the server sent it (subject, issuer, names, validity
 * against now, key, signature algorithm).  It describes; the verifying is
 * gnutls_certificate_verify_peers3's, in connect.c.  It never prints. */
#ifndef TLSTRACE_NET_VERIFY_H
#define TLSTRACE_NET_VERIFY_H

#include <stddef.h>
#include <gnutls/gnutls.h>

/* Appends "; in plain words: ..." for each bit of status to out. */
void net_verify_words(gnutls_session_t s, unsigned status, char *out, size_t len);
/* One DER certificate in a line. */
void net_verify_describe(const gnutls_datum_t *der, char *out, size_t len);

#endif
