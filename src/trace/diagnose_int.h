/* diagnose_int.h - private to the diagnosis: diagnose.c decides which
 * step failed, on which side and of what kind; diagnose_why.c words the
 * reason and ranks the causes with their evidence; diagnose_cert.c reads
 * the facts of a certificate on the wire. */
#ifndef TLSTRACE_DIAGNOSE_INT_H
#define TLSTRACE_DIAGNOSE_INT_H

#include <stdbool.h>
#include <time.h>
#include "diagnose.h"
#include "lang.h"

/* What kind of failure it is: selects the reason and the causes (one row
 * each in diagnose_why.c). */
typedef enum {
	DK_NO_SHARED_SUITE,      /* step 2: no cipher suite both accept */
	DK_NO_SHARED_VERSION,    /* step 2: no version both accept */
	DK_HELLO_REFUSED,        /* step 2: the hello refused for another reason */
	DK_CERT_UNTRUSTED,       /* step 5: the client does not trust the issuer */
	DK_CERT_EXPIRED,         /* step 5: the server certificate has expired */
	DK_CERT_NOT_YET_VALID,   /* step 5: ... is not valid yet */
	DK_CERT_WRONG_NAME,      /* step 5: ... names another host */
	DK_CERT_REJECTED,        /* step 5: refused, reason not known */
	DK_CLIENT_CERT_MISSING,  /* step 5: the server required one, none came */
	DK_CLIENT_CERT_REJECTED, /* step 5: the server refused the client's certificate */
	DK_CLIENT_PROOF,         /* step 6: the client's CertificateVerify did not verify */
	DK_CLIENT_FINISHED,      /* step 7: the client's Finished did not verify */
	DK_SERVER_FINISHED,      /* step 8: the server's Finished did not verify */
	DK_ALERT,                /* any other fatal alert */
	DK_NO_SHARED_GROUP,      /* step 2: no key exchange group both accept (ranked) */
	DK_NO_SHARED_SIGALG,     /* step 2: no signature algorithm the server can use (ranked) */
	DK_ALPN,                 /* step 2: no application protocol (ALPN) in common */
	DK_SNI,                  /* step 2: the server does not know the name asked for */
	DK_SERVER_SILENT,        /* step 2: nothing came back after the ClientHello */
	DK_NOT_TLS,              /* step 2: what came back is not TLS */
	DK_WEAK_PARAMS,          /* step 3: the client refused the server's key or DH group size */
	DK_INFERRED_CLIENT,      /* TLS 1.3, no keys: the client stopped after the server's flight */
	DK_INFERRED_SERVER,      /* TLS 1.3, no keys: the server stopped after the client's flight */
	DK__COUNT
} diag_kind_t;

typedef struct {
	handshake_t *h;
	const msg_t *alert;      /* the fatal alert that ended the handshake, NULL if none */
	int alert_id;            /* its description, -1 if none */
	int step, sender;
	bool by_decoder;         /* tlstrace's own Finished check found it */
	bool inferred;           /* from record sizes and positions only (TLS 1.3 without keys) */
	diag_kind_t kind;
} diag_t;

/* The fixed reason of a kind's row in l; NULL when the row words it from
 * the wire (its word function takes the language) or from the alert
 * table (whose explain_ja column says it in Japanese).  For the tests. */
const char *diagnose_row_reason(diag_kind_t k, lang_t l);
/* The row words its reason itself, in either language. */
bool diagnose_row_worded(diag_kind_t k);

/* Words h->failure.reason and adds the ranked causes for d->kind. */
void diagnose_explain(const diag_t *d);

/* Helpers for the cause functions (diagnose_why.c). */
#define DIAG_LINE 1024
void diagnose_cat(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *diagnose_alert_name(int id);
/* "クライアント" or "サーバー" (model_side_name's words in Japanese). */
const char *diagnose_side_ja(int side);
/* A cause in Japanese, beside the English one handshake_add_cause gave
 * (h->failure.causes_ja, in the same order). */
void diagnose_cause_ja(const diag_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Live: " (live configuration: ...)" appended to out. */
void diagnose_config(const char *config, char *out, size_t len);
/* The same in Japanese: "（ライブの設定、原文「...」）". */
void diagnose_config_ja(const char *config, char *out, size_t len);
/* Live: both sides' own error messages in one cause, the detector first. */
void diagnose_gnutls_words(const diag_t *d);

/* The alert the RFCs prescribe for d->kind into h->failure (diagnose_rfc.c). */
void diagnose_rfc_alert(const diag_t *d);
/* The client offered TLS 1.3 alone (its supported_versions). */
bool diagnose_client_only_tls13(const handshake_t *h);

/* A Finished that did not verify (diagnose_fin.c). */
void diagnose_causes_finished(const diag_t *d);

/* The causes of a refused certificate, by kind (diagnose_cert.c). */
void diagnose_causes_untrusted(const diag_t *d);
void diagnose_causes_validity(const diag_t *d);
void diagnose_causes_name(const diag_t *d);
void diagnose_causes_cert(const diag_t *d);
void diagnose_causes_client_cert_missing(const diag_t *d);
void diagnose_causes_client_cert_rejected(const diag_t *d);

/* ---- the ClientHello's offer (diagnose_hello.c) ---- */
#define DIAG_OFFER_MAX 64
typedef struct {
	bool have;
	uint16_t groups[DIAG_OFFER_MAX], sigalgs[DIAG_OFFER_MAX], key_shares[8];
	size_t ngroups, nsigalgs, nkey_shares;
	bool has_groups, has_sigalgs;
	size_t nsuites13, nsuites12;     /* real suites (no GREASE, no SCSV) */
	size_t nciphers12;               /* distinct bulk ciphers of the TLS 1.2 suites */
	bool all12_ecdhe;                /* every TLS 1.2 suite needs an ECDHE group */
	bool offers13, offers12, offers_old;  /* TLS 1.3, TLS 1.2, TLS 1.1 or older */
	char alpn[256];                  /* "h2, http/1.1"; "" when no ALPN */
} diag_offer_t;

/* Reads the offer of the last ClientHello (after a HelloRetryRequest, the second). */
void diagnose_offer(const handshake_t *h, diag_offer_t *o);
/* Which of suite, group and signature algorithm the step-2 refusal most
 * likely is, from how narrow the client's offer is in each. */
diag_kind_t diagnose_rank_refusal(const handshake_t *h);
/* The ranked causes of a refused ClientHello (suite, group, signature
 * algorithm, version), each with its evidence; contradicted ones left out. */
void diagnose_causes_refusal(const diag_t *d);
void diagnose_causes_alpn(const diag_t *d);
void diagnose_suite_reason(const diag_t *d, lang_t l, char *out, size_t len);
void diagnose_causes_sni(const diag_t *d);
/* The server's parameters the client may have refused (step 3): the bits
 * of its DH group or of its certificate's key when below what current
 * clients require; false when none is. */
bool diagnose_weak_params(const handshake_t *h, char *what, size_t len);
void diagnose_causes_weak(const diag_t *d);
void diagnose_weak_reason(const diag_t *d, lang_t l, char *out, size_t len);

/* ---- the wire says little (diagnose_infer.c) ---- */
/* Step 2 when the server answered nothing, or not TLS: fills d, true if so. */
bool diagnose_transport(diag_t *d);
void diagnose_causes_silent(const diag_t *d);
void diagnose_causes_not_tls(const diag_t *d);
void diagnose_not_tls_reason(const diag_t *d, lang_t l, char *out, size_t len);
void diagnose_inferred_reason(const diag_t *d, lang_t l, char *out, size_t len);
/* TLS 1.3 without keys: a short encrypted record that ends the handshake
 * (an alert, by its size and position); fills d, true if so. */
bool diagnose_tls13_inferred(diag_t *d);
void diagnose_causes_inferred(const diag_t *d);
/* A server Certificate the trace could not read because it is encrypted. */
bool diagnose_cert_hidden(const handshake_t *h);

/* The facts of the first certificate a side sent (its leaf). */
typedef struct {
	bool have;               /* a certificate was on the wire and GnuTLS could read it */
	size_t chain_len;        /* certificates in the message */
	char subject[256], issuer[256];
	char names[256];         /* subjectAltName dNSNames, comma-separated ("" if none) */
	bool self_signed;        /* subject == issuer */
	time_t not_before, not_after;
	double when;             /* when it was checked: the message's time (0: not known) */
	char sni[256];           /* the name the client asked for (server_name), "" if none */
	bool name_matches;       /* RFC 6125 check of sni against the certificate; false if no sni */
	unsigned key_bits;       /* size of its public key */
	char key_alg[16];        /* "RSA", "EC", ... */
} diag_cert_t;

/* Reads the leaf certificate `side` sent (SIDE_SERVER: with the client's
 * SNI); false when there is none or it cannot be read. */
bool diagnose_cert_facts(const handshake_t *h, int side, diag_cert_t *out);
/* "2024-05-01 12:00:00 UTC" */
void diagnose_time_text(time_t t, char *out, size_t len);

#endif
