/* registry.h - the IANA TLS registries as tables: cipher suites, extensions,
 * alerts, named groups, signature schemes, handshake and content types,
 * protocol versions.
 *
 * Each table is one array of designated initializers; the views, the
 * lessons and the tests all iterate the same table.  Lookups of unknown
 * values return NULL (or a "unknown" string for the *_name helpers): an
 * unknown code point on the wire is shown, never an error. */
#ifndef TLSTRACE_REGISTRY_H
#define TLSTRACE_REGISTRY_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Protocol versions as on the wire. */
enum { VER_SSL30 = 0x0300, VER_TLS10 = 0x0301, VER_TLS11 = 0x0302, VER_TLS12 = 0x0303, VER_TLS13 = 0x0304 };
/* RFC 6347 4.1: DTLS versions are the 1's complement of the TLS-like
 * number ({254, 255} is 1.0, {254, 253} 1.2; 1.1 was never used);
 * RFC 9147 5.3: 1.3 is {254, 252}. */
enum { VER_DTLS10 = 0xfeff, VER_DTLS12 = 0xfefd, VER_DTLS13 = 0xfefc };
/* "SSL 3.0", "TLS 1.0" .. "TLS 1.3", "TLS 1.3 (draft 18)"; GREASE and others: NULL. */
const char *reg_version_name(uint16_t v);
/* The draft number of a TLS 1.3 draft version (0x7f12: 18), 0 if none. */
int reg_tls13_draft(uint16_t v);

typedef enum {
	KX_NULL, KX_RSA, KX_RSA_EXPORT, KX_DH, KX_DHE, KX_ECDH, KX_ECDHE, KX_PSK, KX_DHE_PSK,
	KX_ECDHE_PSK, KX_RSA_PSK, KX_SRP, KX_KRB5, KX_ECCPWD, KX_GOST, KX_TLS13, KX__COUNT
} kx_t;
/* "RSA", "DHE", "ECDHE", "PSK", ... as docs/json.md names them; KX_TLS13: "TLS13". */
const char *kx_name(kx_t kx);

typedef enum {
	AUTH_NULL, AUTH_RSA, AUTH_DSS, AUTH_ECDSA, AUTH_ANON, AUTH_PSK, AUTH_KRB5, AUTH_SRP, AUTH_GOST,
	AUTH_TLS13, AUTH__COUNT
} auth_t;
/* "RSA", "DSS", "ECDSA", "anon", "PSK", ...; AUTH_TLS13: "TLS13" (the certificate decides). */
const char *auth_name(auth_t a);

typedef enum {
	CIPHER_NULL, CIPHER_RC4_40, CIPHER_RC4_128, CIPHER_RC2_CBC_40, CIPHER_RC2_CBC_56, CIPHER_IDEA_CBC,
	CIPHER_DES40_CBC, CIPHER_DES_CBC, CIPHER_DES_CBC_40, CIPHER_3DES_EDE_CBC,
	CIPHER_AES_128_CBC, CIPHER_AES_256_CBC, CIPHER_CAMELLIA_128_CBC, CIPHER_CAMELLIA_256_CBC,
	CIPHER_SEED_CBC, CIPHER_ARIA_128_CBC, CIPHER_ARIA_256_CBC,
	CIPHER_AES_128_GCM, CIPHER_AES_256_GCM, CIPHER_CAMELLIA_128_GCM, CIPHER_CAMELLIA_256_GCM,
	CIPHER_ARIA_128_GCM, CIPHER_ARIA_256_GCM,
	CIPHER_AES_128_CCM, CIPHER_AES_256_CCM, CIPHER_AES_128_CCM_8, CIPHER_AES_256_CCM_8,
	CIPHER_CHACHA20_POLY1305, CIPHER_SM4_GCM, CIPHER_SM4_CCM,
	CIPHER_GOST28147_CNT, CIPHER_KUZNYECHIK_CTR, CIPHER_MAGMA_CTR, CIPHER_KUZNYECHIK_MGM, CIPHER_MAGMA_MGM,
	/* added with the tables: RC4 with 56-bit key material (the historic
	 * EXPORT1024 suites) and the AEGIS AEADs of 0x1306/0x1307 */
	CIPHER_RC4_56, CIPHER_AEGIS_256, CIPHER_AEGIS_128L,
	CIPHER__COUNT
} cipher_t;

typedef enum { CKIND_NULL, CKIND_STREAM, CKIND_CBC, CKIND_AEAD, CKIND_OTHER } cipher_kind_t;

typedef struct {
	const char *name;        /* "AES-128-CBC", "ChaCha20-Poly1305", ... */
	cipher_kind_t kind;
	uint8_t key_len;         /* bytes of write key (export: the effective key after expansion) */
	uint8_t block_len;       /* CBC: block size; others 0 */
	uint8_t fixed_iv_len;    /* CBC: block size (the key-block IV); GCM/CCM: 4 (salt); ChaCha20: 12 */
	uint8_t record_iv_len;   /* explicit nonce per record: GCM/CCM 8; others 0 */
	uint8_t tag_len;         /* AEAD tag: 16, or 8 for CCM_8 */
	bool exportable;
	uint8_t export_key_material; /* export: key bytes cut from the key block (5 or 7) before
	                              * expansion to key_len (RFC 2246 6.3); others 0 */
} cipher_info_t;
/* For every AEAD, fixed_iv_len + record_iv_len is the TLS 1.3 nonce length. */
const cipher_info_t *cipher_info(cipher_t c);

typedef enum { MAC_NULL, MAC_MD5, MAC_SHA1, MAC_SHA256, MAC_SHA384, MAC_AEAD, MAC_GOST, MAC_SM3, MAC__COUNT } mac_t;
/* HMAC output length in bytes (MD5 16, SHA1 20, SHA256 32, SHA384 48, SM3 32); AEAD and
 * NULL: 0; GOST: 0 too, as it depends on the cipher (IMIT 4, Magma OMAC 8, Kuznyechik OMAC 16). */
unsigned reg_mac_len(mac_t m);
const char *mac_name(mac_t m);

/* The hash a suite's TLS 1.2 PRF (and TLS 1.3 HKDF) uses. */
typedef enum { PRF_SHA256, PRF_SHA384, PRF_SM3, PRF_GOST, PRF_SHA512 } prf_hash_t;

typedef struct {
	uint16_t id;             /* IANA value */
	const char *name;        /* IANA name, e.g. "TLS_RSA_WITH_AES_128_CBC_SHA" */
	kx_t kx;
	auth_t auth;
	cipher_t cipher;
	mac_t mac;
	prf_hash_t prf;
	bool tls12_only;         /* AEAD / SHA-256+ MAC suites: TLS 1.2 only */
	bool tls13;              /* TLS 1.3 suites: 0x13xx, and the SM (RFC 8998), integrity-only
	                          * (RFC 9150) and GOST MGM (RFC 9367) ones */
	bool unofficial;         /* not in the IANA registry: a historic or vendor code point */
} suite_info_t;

const suite_info_t *suite_find(uint16_t id);
const suite_info_t *suite_by_name(const char *iana_name);  /* exact, case-insensitive */
size_t suite_count(void);
const suite_info_t *suite_at(size_t i);
/* Signalling values that are not real suites: TLS_EMPTY_RENEGOTIATION_INFO_SCSV, TLS_FALLBACK_SCSV. */
bool suite_is_scsv(uint16_t id);
/* GREASE (RFC 8701): 0x0a0a, 0x1a1a, ... for suites, extensions, groups, versions. */
bool grease_is(uint16_t v);

typedef struct {
	uint16_t id;
	const char *name;        /* IANA name, e.g. "server_name", "extended_master_secret" */
	const char *rfc;         /* "RFC 6066" */
} ext_info_t;
const ext_info_t *ext_find(uint16_t id);
size_t ext_count(void);
const ext_info_t *ext_at(size_t i);

typedef struct {
	uint8_t id;
	const char *name;        /* RFC name, e.g. "handshake_failure" */
	const char *explain;     /* one plain English sentence for a beginner */
	const char *explain_ja;  /* the same in Japanese */
} alert_info_t;
const alert_info_t *alert_find(uint8_t id);
size_t alert_count(void);
const alert_info_t *alert_at(size_t i);

typedef enum { GROUP_EC, GROUP_FF, GROUP_HYBRID, GROUP_OTHER } group_kind_t;
typedef struct {
	uint16_t id;
	const char *name;        /* "x25519", "secp256r1", "ffdhe2048", ... */
	group_kind_t kind;
	uint16_t bits;           /* nominal size */
} group_info_t;
const group_info_t *group_find(uint16_t id);
size_t group_count(void);
const group_info_t *group_at(size_t i);

typedef struct {
	uint16_t id;
	const char *name;        /* "rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256", ... */
} sigscheme_info_t;
/* TLS 1.3 schemes and the TLS 1.2 (hash, signature) pairs as the same 16-bit code. */
const sigscheme_info_t *sigscheme_find(uint16_t id);
size_t sigscheme_count(void);
const sigscheme_info_t *sigscheme_at(size_t i);

/* Handshake message types (RFC 8446 4, RFC 5246 7.4). */
enum {
	HS_HELLO_REQUEST = 0, HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_HELLO_VERIFY_REQUEST = 3,
	HS_NEW_SESSION_TICKET = 4, HS_END_OF_EARLY_DATA = 5, HS_HELLO_RETRY_REQUEST = 6,
	HS_ENCRYPTED_EXTENSIONS = 8, HS_CERTIFICATE = 11, HS_SERVER_KEY_EXCHANGE = 12,
	HS_CERTIFICATE_REQUEST = 13, HS_SERVER_HELLO_DONE = 14, HS_CERTIFICATE_VERIFY = 15,
	HS_CLIENT_KEY_EXCHANGE = 16, HS_FINISHED = 20, HS_CERTIFICATE_URL = 21,
	HS_CERTIFICATE_STATUS = 22, HS_SUPPLEMENTAL_DATA = 23, HS_KEY_UPDATE = 24,
	HS_COMPRESSED_CERTIFICATE = 25, HS_MESSAGE_HASH = 254
};
/* CamelCase names as docs/json.md lists them ("ClientHello"); unknown: NULL. */
const char *hs_type_name(uint8_t type);

/* Record content types (RFC 8446 5.1). */
enum { CT_CHANGE_CIPHER_SPEC = 20, CT_ALERT = 21, CT_HANDSHAKE = 22, CT_APPLICATION_DATA = 23, CT_HEARTBEAT = 24 };
const char *content_type_name(uint8_t ct);   /* "ChangeCipherSpec", "Alert", ...; unknown: NULL */

#endif
