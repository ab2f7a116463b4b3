/* registry.c - the small registries: protocol versions, key exchange,
 * authentication and MAC names, the bulk ciphers' sizes, GREASE, handshake
 * and content types.
 *
 * Pure data and lookups: nothing here parses the wire or allocates.  The
 * cipher-suite table is in reg_suites.c; extensions, alerts, groups and
 * signature schemes are in reg_tables.c. */
#include <stddef.h>
#include "registry.h"

/* draft-ietf-tls-tls13-NN versioned itself 0x7f00 + NN (draft 18 =
 * 0x7f12 .. draft 28 = 0x7f1c); Facebook's deployed variants 0xfb00 + NN
 * (0xfb17 = draft 23, 0xfb1a = draft 26), as Wireshark names them. */
int reg_tls13_draft(uint16_t v)
{
	if ((v >> 8 == 0x7f || v >> 8 == 0xfb) && (v & 0xff) >= 1 && (v & 0xff) <= 28)
		return v & 0xff;
	return 0;
}

#define DRAFTS(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) \
	X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28)

/* Protocol versions (RFC 8446 4.1.2 legacy_version, RFC 6101 for SSL 3.0). */
const char *reg_version_name(uint16_t v)
{
#define DRAFT_NAME(n) [n] = "TLS 1.3 (draft " #n ")",
#define FB_NAME(n) [n] = "TLS 1.3 (Facebook draft " #n ")",
	static const char *const draft[29] = { DRAFTS(DRAFT_NAME) };
	static const char *const fb[29] = { DRAFTS(FB_NAME) };
#undef DRAFT_NAME
#undef FB_NAME

	if (reg_tls13_draft(v))
		return (v >> 8 == 0x7f ? draft : fb)[v & 0xff];
	switch (v) {
	case VER_SSL30: return "SSL 3.0";
	case VER_TLS10: return "TLS 1.0";
	case VER_TLS11: return "TLS 1.1";
	case VER_TLS12: return "TLS 1.2";
	case VER_TLS13: return "TLS 1.3";
	case VER_DTLS10: return "DTLS 1.0";
	case VER_DTLS12: return "DTLS 1.2";
	case VER_DTLS13: return "DTLS 1.3";
	default:        return NULL;
	}
}

static const char *const kx_names[KX__COUNT] = {
	[KX_NULL]       = "NULL",
	[KX_RSA]        = "RSA",
	[KX_RSA_EXPORT] = "RSA_EXPORT",
	[KX_DH]         = "DH",
	[KX_DHE]        = "DHE",
	[KX_ECDH]       = "ECDH",
	[KX_ECDHE]      = "ECDHE",
	[KX_PSK]        = "PSK",
	[KX_DHE_PSK]    = "DHE_PSK",
	[KX_ECDHE_PSK]  = "ECDHE_PSK",
	[KX_RSA_PSK]    = "RSA_PSK",
	[KX_SRP]        = "SRP",
	[KX_KRB5]       = "KRB5",
	[KX_ECCPWD]     = "ECCPWD",
	[KX_GOST]       = "GOST",
	[KX_TLS13]      = "TLS13",
};

/* The key exchange as docs/json.md spells it; out of range: "unknown". */
const char *kx_name(kx_t kx)
{
	if ((unsigned)kx >= KX__COUNT || !kx_names[kx])
		return "unknown";
	return kx_names[kx];
}

static const char *const auth_names[AUTH__COUNT] = {
	[AUTH_NULL]  = "NULL",
	[AUTH_RSA]   = "RSA",
	[AUTH_DSS]   = "DSS",
	[AUTH_ECDSA] = "ECDSA",
	[AUTH_ANON]  = "anon",
	[AUTH_PSK]   = "PSK",
	[AUTH_KRB5]  = "KRB5",
	[AUTH_SRP]   = "SRP",
	[AUTH_GOST]  = "GOST",
	[AUTH_TLS13] = "TLS13",
};

/* How the server proves who it is; out of range: "unknown". */
const char *auth_name(auth_t a)
{
	if ((unsigned)a >= AUTH__COUNT || !auth_names[a])
		return "unknown";
	return auth_names[a];
}

/* Bulk ciphers.  Sizes from RFC 5246 6.3 and C.2 (CBC, stream), RFC 2246
 * 6.3 (export: 5 key bytes expanded), RFC 5288 3 (GCM: 4-byte salt and an
 * explicit 8-byte nonce), RFC 6655 3 (CCM, same layout), RFC 7905 2
 * (ChaCha20: 12-byte IV, no explicit nonce), RFC 8998 (SM4), RFC 9189 4.1
 * (GOST CTR/CNT IVs: half a block), RFC 9367 (GOST MGM: a full block of
 * nonce), draft-irtf-cfrg-aegis-aead (AEGIS nonce 32 or 16 bytes). */
static const cipher_info_t ciphers[CIPHER__COUNT] = {
	[CIPHER_NULL]              = { .name = "NULL",              .kind = CKIND_NULL },
	[CIPHER_RC4_40]            = { .name = "RC4-40",            .kind = CKIND_STREAM, .key_len = 16,
	                               .exportable = true, .export_key_material = 5 },
	[CIPHER_RC4_56]            = { .name = "RC4-56",            .kind = CKIND_STREAM, .key_len = 16,
	                               .exportable = true, .export_key_material = 7 },
	[CIPHER_RC4_128]           = { .name = "RC4-128",           .kind = CKIND_STREAM, .key_len = 16 },
	[CIPHER_RC2_CBC_40]        = { .name = "RC2-CBC-40",        .kind = CKIND_CBC, .key_len = 16, .block_len = 8,
	                               .fixed_iv_len = 8, .exportable = true, .export_key_material = 5 },
	[CIPHER_RC2_CBC_56]        = { .name = "RC2-CBC-56",        .kind = CKIND_CBC, .key_len = 16, .block_len = 8,
	                               .fixed_iv_len = 8, .exportable = true, .export_key_material = 7 },
	[CIPHER_IDEA_CBC]          = { .name = "IDEA-CBC",          .kind = CKIND_CBC, .key_len = 16, .block_len = 8,
	                               .fixed_iv_len = 8 },
	[CIPHER_DES40_CBC]         = { .name = "DES40-CBC",         .kind = CKIND_CBC, .key_len = 8, .block_len = 8,
	                               .fixed_iv_len = 8, .exportable = true, .export_key_material = 5 },
	/* RFC 2712 (Kerberos export suites): the same 40-bit DES as DES40_CBC. */
	[CIPHER_DES_CBC_40]        = { .name = "DES-CBC-40",        .kind = CKIND_CBC, .key_len = 8, .block_len = 8,
	                               .fixed_iv_len = 8, .exportable = true, .export_key_material = 5 },
	[CIPHER_DES_CBC]           = { .name = "DES-CBC",           .kind = CKIND_CBC, .key_len = 8, .block_len = 8,
	                               .fixed_iv_len = 8 },
	[CIPHER_3DES_EDE_CBC]      = { .name = "3DES-EDE-CBC",      .kind = CKIND_CBC, .key_len = 24, .block_len = 8,
	                               .fixed_iv_len = 8 },
	[CIPHER_AES_128_CBC]       = { .name = "AES-128-CBC",       .kind = CKIND_CBC, .key_len = 16, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_AES_256_CBC]       = { .name = "AES-256-CBC",       .kind = CKIND_CBC, .key_len = 32, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_CAMELLIA_128_CBC]  = { .name = "Camellia-128-CBC",  .kind = CKIND_CBC, .key_len = 16, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_CAMELLIA_256_CBC]  = { .name = "Camellia-256-CBC",  .kind = CKIND_CBC, .key_len = 32, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_SEED_CBC]          = { .name = "SEED-CBC",          .kind = CKIND_CBC, .key_len = 16, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_ARIA_128_CBC]      = { .name = "ARIA-128-CBC",      .kind = CKIND_CBC, .key_len = 16, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_ARIA_256_CBC]      = { .name = "ARIA-256-CBC",      .kind = CKIND_CBC, .key_len = 32, .block_len = 16,
	                               .fixed_iv_len = 16 },
	[CIPHER_AES_128_GCM]       = { .name = "AES-128-GCM",       .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_AES_256_GCM]       = { .name = "AES-256-GCM",       .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_CAMELLIA_128_GCM]  = { .name = "Camellia-128-GCM",  .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_CAMELLIA_256_GCM]  = { .name = "Camellia-256-GCM",  .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_ARIA_128_GCM]      = { .name = "ARIA-128-GCM",      .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_ARIA_256_GCM]      = { .name = "ARIA-256-GCM",      .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_AES_128_CCM]       = { .name = "AES-128-CCM",       .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_AES_256_CCM]       = { .name = "AES-256-CCM",       .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_AES_128_CCM_8]     = { .name = "AES-128-CCM-8",     .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 8 },
	[CIPHER_AES_256_CCM_8]     = { .name = "AES-256-CCM-8",     .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 8 },
	[CIPHER_CHACHA20_POLY1305] = { .name = "ChaCha20-Poly1305", .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 12, .tag_len = 16 },
	[CIPHER_SM4_GCM]           = { .name = "SM4-GCM",           .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	[CIPHER_SM4_CCM]           = { .name = "SM4-CCM",           .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 4, .record_iv_len = 8, .tag_len = 16 },
	/* GOST counter modes run as stream ciphers; the IV is half the block. */
	[CIPHER_GOST28147_CNT]     = { .name = "GOST28147-CNT",     .kind = CKIND_STREAM, .key_len = 32,
	                               .fixed_iv_len = 8 },
	[CIPHER_KUZNYECHIK_CTR]    = { .name = "Kuznyechik-CTR",    .kind = CKIND_STREAM, .key_len = 32,
	                               .fixed_iv_len = 8 },
	[CIPHER_MAGMA_CTR]         = { .name = "Magma-CTR",         .kind = CKIND_STREAM, .key_len = 32,
	                               .fixed_iv_len = 4 },
	[CIPHER_KUZNYECHIK_MGM]    = { .name = "Kuznyechik-MGM",    .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 16, .tag_len = 16 },
	[CIPHER_MAGMA_MGM]         = { .name = "Magma-MGM",         .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 8, .tag_len = 8 },
	[CIPHER_AEGIS_256]         = { .name = "AEGIS-256",         .kind = CKIND_AEAD, .key_len = 32,
	                               .fixed_iv_len = 32, .tag_len = 16 },
	[CIPHER_AEGIS_128L]        = { .name = "AEGIS-128L",        .kind = CKIND_AEAD, .key_len = 16,
	                               .fixed_iv_len = 16, .tag_len = 16 },
};

/* Sizes of a bulk cipher; NULL only for a value outside cipher_t. */
const cipher_info_t *cipher_info(cipher_t c)
{
	if ((unsigned)c >= CIPHER__COUNT || !ciphers[c].name)
		return NULL;
	return &ciphers[c];
}

static const struct {
	const char *name;
	unsigned len;
} macs[MAC__COUNT] = {
	[MAC_NULL]   = { "NULL", 0 },
	[MAC_MD5]    = { "HMAC-MD5", 16 },
	[MAC_SHA1]   = { "HMAC-SHA1", 20 },
	[MAC_SHA256] = { "HMAC-SHA256", 32 },
	[MAC_SHA384] = { "HMAC-SHA384", 48 },
	[MAC_AEAD]   = { "AEAD", 0 },
	[MAC_GOST]   = { "GOST", 0 },      /* IMIT 4, Magma OMAC 8, Kuznyechik OMAC 16: per cipher */
	[MAC_SM3]    = { "HMAC-SM3", 32 },
};

/* Record MAC length in bytes (0 when the cipher authenticates, or none). */
unsigned reg_mac_len(mac_t m)
{
	if ((unsigned)m >= MAC__COUNT)
		return 0;
	return macs[m].len;
}

/* "HMAC-SHA1", "AEAD", ...; out of range: "unknown". */
const char *mac_name(mac_t m)
{
	if ((unsigned)m >= MAC__COUNT || !macs[m].name)
		return "unknown";
	return macs[m].name;
}

/* RFC 8701 2: both bytes equal, each of the form 0x?A. */
bool grease_is(uint16_t v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* RFC 8446 4 HandshakeType, plus the TLS 1.2-only ones (RFC 5246 7.4,
 * RFC 6066 5 and 8, RFC 4680) and DTLS's HelloVerifyRequest (RFC 6347). */
static const char *const hs_names[256] = {
	[HS_HELLO_REQUEST]          = "HelloRequest",
	[HS_CLIENT_HELLO]           = "ClientHello",
	[HS_SERVER_HELLO]           = "ServerHello",
	[HS_HELLO_VERIFY_REQUEST]   = "HelloVerifyRequest",
	[HS_NEW_SESSION_TICKET]     = "NewSessionTicket",
	[HS_END_OF_EARLY_DATA]      = "EndOfEarlyData",
	[HS_HELLO_RETRY_REQUEST]    = "HelloRetryRequest",
	[HS_ENCRYPTED_EXTENSIONS]   = "EncryptedExtensions",
	[HS_CERTIFICATE]            = "Certificate",
	[HS_SERVER_KEY_EXCHANGE]    = "ServerKeyExchange",
	[HS_CERTIFICATE_REQUEST]    = "CertificateRequest",
	[HS_SERVER_HELLO_DONE]      = "ServerHelloDone",
	[HS_CERTIFICATE_VERIFY]     = "CertificateVerify",
	[HS_CLIENT_KEY_EXCHANGE]    = "ClientKeyExchange",
	[HS_FINISHED]               = "Finished",
	[HS_CERTIFICATE_URL]        = "CertificateURL",
	[HS_CERTIFICATE_STATUS]     = "CertificateStatus",
	[HS_SUPPLEMENTAL_DATA]      = "SupplementalData",
	[HS_KEY_UPDATE]             = "KeyUpdate",
	[HS_COMPRESSED_CERTIFICATE] = "CompressedCertificate",
	[HS_MESSAGE_HASH]           = "MessageHash",
};

/* CamelCase handshake message name; unknown: NULL. */
const char *hs_type_name(uint8_t type)
{
	return hs_names[type];
}

/* Content type name (RFC 8446 5.1, RFC 6520 for Heartbeat); unknown: NULL. */
const char *content_type_name(uint8_t ct)
{
	switch (ct) {
	case CT_CHANGE_CIPHER_SPEC: return "ChangeCipherSpec";
	case CT_ALERT:              return "Alert";
	case CT_HANDSHAKE:          return "Handshake";
	case CT_APPLICATION_DATA:   return "ApplicationData";
	case CT_HEARTBEAT:          return "Heartbeat";
	default:                    return NULL;
	}
}
