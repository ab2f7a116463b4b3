/* reg_suites.c - the TLS Cipher Suites registry (IANA tls-parameters-4)
 * as one table sorted by id, and its lookups.
 *
 * Every IANA suite is here with its exact IANA name; a few historic code
 * points that real clients sent are here too, marked .unofficial and
 * commented.  Left out, with their reasons in tests/test_registry.c: SSL 3.0
 * FORTEZZA, the pre-RFC 7905 ChaCha20 drafts (0xCC13-0xCC15), and vendor
 * suites whose algorithms tlstrace has no name for (ECJPAKE, SM1, Salsa20,
 * Netscape's FIPS suites).
 *
 * Field defaults (zero): .prf = PRF_SHA256, .tls12_only/.tls13/.unofficial
 * false.  .prf is the hash of the TLS 1.2 PRF and of TLS 1.3's HKDF; TLS 1.0
 * and 1.1 always use MD5+SHA-1 whatever it says.  Key exchange follows the
 * name: DH_anon is KX_DHE + AUTH_ANON, ECDH_anon KX_ECDHE + AUTH_ANON, static
 * DH_DSS/DH_RSA KX_DH, ECDH_ECDSA/ECDH_RSA KX_ECDH, *_EXPORT suites keep
 * their exchange (RSA_EXPORT: KX_RSA_EXPORT).  RSA_PSK authenticates the
 * server with its RSA certificate (AUTH_RSA); ECCPWD with a password, which
 * AUTH_PSK stands for.
 *
 * The table is data only: nothing here decides whether a suite is safe. */
#include <stddef.h>
#include <strings.h>
#include "registry.h"

static const suite_info_t suites[] = {
	/* RFC 5246 A.5 and its ancestors (RFC 2246, RFC 4346).  The EXPORT suites
	 * are SSL 3.0 and TLS 1.0 only (RFC 4346 A.5 forbids them later): 40-bit
	 * keys, RSA_EXPORT with a temporary 512-bit key.
	 * IANA reserves 0x001C-0x001D (SSL 3.0 FORTEZZA); they are not here. */
	{ .id = 0x0000, .name = "TLS_NULL_WITH_NULL_NULL",                       .kx = KX_NULL, .auth = AUTH_NULL, .cipher = CIPHER_NULL, .mac = MAC_NULL },
	{ .id = 0x0001, .name = "TLS_RSA_WITH_NULL_MD5",                         .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_MD5 },
	{ .id = 0x0002, .name = "TLS_RSA_WITH_NULL_SHA",                         .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0x0003, .name = "TLS_RSA_EXPORT_WITH_RC4_40_MD5",                .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_RC4_40, .mac = MAC_MD5 },
	{ .id = 0x0004, .name = "TLS_RSA_WITH_RC4_128_MD5",                      .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_RC4_128, .mac = MAC_MD5 },
	{ .id = 0x0005, .name = "TLS_RSA_WITH_RC4_128_SHA",                      .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0x0006, .name = "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",            .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_RC2_CBC_40, .mac = MAC_MD5 },
	{ .id = 0x0007, .name = "TLS_RSA_WITH_IDEA_CBC_SHA",                     .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_IDEA_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0008, .name = "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",             .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0009, .name = "TLS_RSA_WITH_DES_CBC_SHA",                      .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x000A, .name = "TLS_RSA_WITH_3DES_EDE_CBC_SHA",                 .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x000B, .name = "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA",          .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1 },
	{ .id = 0x000C, .name = "TLS_DH_DSS_WITH_DES_CBC_SHA",                   .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x000D, .name = "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA",              .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x000E, .name = "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA",          .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1 },
	{ .id = 0x000F, .name = "TLS_DH_RSA_WITH_DES_CBC_SHA",                   .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0010, .name = "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA",              .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0011, .name = "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0012, .name = "TLS_DHE_DSS_WITH_DES_CBC_SHA",                  .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0013, .name = "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",             .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0014, .name = "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0015, .name = "TLS_DHE_RSA_WITH_DES_CBC_SHA",                  .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0016, .name = "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",             .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0017, .name = "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5",            .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_RC4_40, .mac = MAC_MD5 },
	{ .id = 0x0018, .name = "TLS_DH_anon_WITH_RC4_128_MD5",                  .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_RC4_128, .mac = MAC_MD5 },
	{ .id = 0x0019, .name = "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_DES40_CBC, .mac = MAC_SHA1 },
	{ .id = 0x001A, .name = "TLS_DH_anon_WITH_DES_CBC_SHA",                  .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x001B, .name = "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",             .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },

	/* Kerberos, RFC 2712 */
	{ .id = 0x001E, .name = "TLS_KRB5_WITH_DES_CBC_SHA",                     .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1 },
	{ .id = 0x001F, .name = "TLS_KRB5_WITH_3DES_EDE_CBC_SHA",                .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0020, .name = "TLS_KRB5_WITH_RC4_128_SHA",                     .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0x0021, .name = "TLS_KRB5_WITH_IDEA_CBC_SHA",                    .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_IDEA_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0022, .name = "TLS_KRB5_WITH_DES_CBC_MD5",                     .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_DES_CBC, .mac = MAC_MD5 },
	{ .id = 0x0023, .name = "TLS_KRB5_WITH_3DES_EDE_CBC_MD5",                .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_MD5 },
	{ .id = 0x0024, .name = "TLS_KRB5_WITH_RC4_128_MD5",                     .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_RC4_128, .mac = MAC_MD5 },
	{ .id = 0x0025, .name = "TLS_KRB5_WITH_IDEA_CBC_MD5",                    .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_IDEA_CBC, .mac = MAC_MD5 },
	{ .id = 0x0026, .name = "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA",           .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_DES_CBC_40, .mac = MAC_SHA1 },
	{ .id = 0x0027, .name = "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA",           .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_RC2_CBC_40, .mac = MAC_SHA1 },
	{ .id = 0x0028, .name = "TLS_KRB5_EXPORT_WITH_RC4_40_SHA",               .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_RC4_40, .mac = MAC_SHA1 },
	{ .id = 0x0029, .name = "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5",           .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_DES_CBC_40, .mac = MAC_MD5 },
	{ .id = 0x002A, .name = "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5",           .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_RC2_CBC_40, .mac = MAC_MD5 },
	{ .id = 0x002B, .name = "TLS_KRB5_EXPORT_WITH_RC4_40_MD5",               .kx = KX_KRB5, .auth = AUTH_KRB5, .cipher = CIPHER_RC4_40, .mac = MAC_MD5 },

	/* PSK with NULL encryption, RFC 4785 */
	{ .id = 0x002C, .name = "TLS_PSK_WITH_NULL_SHA",                         .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0x002D, .name = "TLS_DHE_PSK_WITH_NULL_SHA",                     .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0x002E, .name = "TLS_RSA_PSK_WITH_NULL_SHA",                     .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },

	/* AES, RFC 3268 (now RFC 5246) */
	{ .id = 0x002F, .name = "TLS_RSA_WITH_AES_128_CBC_SHA",                  .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0030, .name = "TLS_DH_DSS_WITH_AES_128_CBC_SHA",               .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0031, .name = "TLS_DH_RSA_WITH_AES_128_CBC_SHA",               .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0032, .name = "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",              .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0033, .name = "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",              .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0034, .name = "TLS_DH_anon_WITH_AES_128_CBC_SHA",              .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0035, .name = "TLS_RSA_WITH_AES_256_CBC_SHA",                  .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0036, .name = "TLS_DH_DSS_WITH_AES_256_CBC_SHA",               .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0037, .name = "TLS_DH_RSA_WITH_AES_256_CBC_SHA",               .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0038, .name = "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",              .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0039, .name = "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",              .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x003A, .name = "TLS_DH_anon_WITH_AES_256_CBC_SHA",              .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },

	/* HMAC-SHA256 suites, RFC 5246: TLS 1.2 only */
	{ .id = 0x003B, .name = "TLS_RSA_WITH_NULL_SHA256",                      .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x003C, .name = "TLS_RSA_WITH_AES_128_CBC_SHA256",               .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x003D, .name = "TLS_RSA_WITH_AES_256_CBC_SHA256",               .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x003E, .name = "TLS_DH_DSS_WITH_AES_128_CBC_SHA256",            .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x003F, .name = "TLS_DH_RSA_WITH_AES_128_CBC_SHA256",            .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x0040, .name = "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",           .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },

	/* Camellia, RFC 5932 */
	{ .id = 0x0041, .name = "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",             .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0042, .name = "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA",          .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0043, .name = "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA",          .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0044, .name = "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0045, .name = "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0046, .name = "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA1 },

	/* NOT IANA: the 1999 "EXPORT1024" suites of draft-ietf-tls-56-bit-ciphersuites,
	 * shipped by OpenSSL 0.9.x and old browsers but never standardized; IANA
	 * only reserves 0x0060-0x0066 to avoid conflicts.  0x0062/0x0063 used DES
	 * with export-style key expansion, which CIPHER_DES_CBC does not describe:
	 * name and parameters for display, not for decryption. */
	{ .id = 0x0060, .name = "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5",            .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_RC4_56, .mac = MAC_MD5, .unofficial = true },
	{ .id = 0x0061, .name = "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5",        .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_RC2_CBC_56, .mac = MAC_MD5, .unofficial = true },
	{ .id = 0x0062, .name = "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA",           .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1, .unofficial = true },
	{ .id = 0x0063, .name = "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA",       .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_DES_CBC, .mac = MAC_SHA1, .unofficial = true },
	{ .id = 0x0064, .name = "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA",            .kx = KX_RSA_EXPORT, .auth = AUTH_RSA, .cipher = CIPHER_RC4_56, .mac = MAC_SHA1, .unofficial = true },
	{ .id = 0x0065, .name = "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA",        .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_RC4_56, .mac = MAC_SHA1, .unofficial = true },
	{ .id = 0x0066, .name = "TLS_DHE_DSS_WITH_RC4_128_SHA",                  .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1, .unofficial = true },

	/* RFC 5246: more HMAC-SHA256 suites */
	{ .id = 0x0067, .name = "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",           .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x0068, .name = "TLS_DH_DSS_WITH_AES_256_CBC_SHA256",            .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x0069, .name = "TLS_DH_RSA_WITH_AES_256_CBC_SHA256",            .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x006A, .name = "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",           .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x006B, .name = "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",           .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x006C, .name = "TLS_DH_anon_WITH_AES_128_CBC_SHA256",           .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x006D, .name = "TLS_DH_anon_WITH_AES_256_CBC_SHA256",           .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA256, .tls12_only = true },

	/* NOT IANA: the CryptoPro GOST 28147-89 suites of draft-chudov-cryptopro-cptls
	 * (OpenSSL 1.0 GOST engine); the registry has nothing at 0x0080-0x0083. */
	{ .id = 0x0080, .name = "TLS_GOSTR341094_WITH_28147_CNT_IMIT",           .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_GOST28147_CNT, .mac = MAC_GOST, .prf = PRF_GOST, .unofficial = true },
	{ .id = 0x0081, .name = "TLS_GOSTR341001_WITH_28147_CNT_IMIT",           .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_GOST28147_CNT, .mac = MAC_GOST, .prf = PRF_GOST, .unofficial = true },
	{ .id = 0x0082, .name = "TLS_GOSTR341094_WITH_NULL_GOSTR3411",           .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_NULL, .mac = MAC_GOST, .prf = PRF_GOST, .unofficial = true },
	{ .id = 0x0083, .name = "TLS_GOSTR341001_WITH_NULL_GOSTR3411",           .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_NULL, .mac = MAC_GOST, .prf = PRF_GOST, .unofficial = true },

	/* Camellia, RFC 5932 */
	{ .id = 0x0084, .name = "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",             .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0085, .name = "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA",          .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0086, .name = "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA",          .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0087, .name = "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0088, .name = "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0089, .name = "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA",         .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA1 },

	/* PSK, RFC 4279 */
	{ .id = 0x008A, .name = "TLS_PSK_WITH_RC4_128_SHA",                      .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0x008B, .name = "TLS_PSK_WITH_3DES_EDE_CBC_SHA",                 .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x008C, .name = "TLS_PSK_WITH_AES_128_CBC_SHA",                  .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x008D, .name = "TLS_PSK_WITH_AES_256_CBC_SHA",                  .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x008E, .name = "TLS_DHE_PSK_WITH_RC4_128_SHA",                  .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0x008F, .name = "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA",             .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0090, .name = "TLS_DHE_PSK_WITH_AES_128_CBC_SHA",              .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0091, .name = "TLS_DHE_PSK_WITH_AES_256_CBC_SHA",              .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0092, .name = "TLS_RSA_PSK_WITH_RC4_128_SHA",                  .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0x0093, .name = "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA",             .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0094, .name = "TLS_RSA_PSK_WITH_AES_128_CBC_SHA",              .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0095, .name = "TLS_RSA_PSK_WITH_AES_256_CBC_SHA",              .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },

	/* SEED, RFC 4162 */
	{ .id = 0x0096, .name = "TLS_RSA_WITH_SEED_CBC_SHA",                     .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_SEED_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0097, .name = "TLS_DH_DSS_WITH_SEED_CBC_SHA",                  .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_SEED_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0098, .name = "TLS_DH_RSA_WITH_SEED_CBC_SHA",                  .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_SEED_CBC, .mac = MAC_SHA1 },
	{ .id = 0x0099, .name = "TLS_DHE_DSS_WITH_SEED_CBC_SHA",                 .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_SEED_CBC, .mac = MAC_SHA1 },
	{ .id = 0x009A, .name = "TLS_DHE_RSA_WITH_SEED_CBC_SHA",                 .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_SEED_CBC, .mac = MAC_SHA1 },
	{ .id = 0x009B, .name = "TLS_DH_anon_WITH_SEED_CBC_SHA",                 .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_SEED_CBC, .mac = MAC_SHA1 },

	/* AES-GCM, RFC 5288 and RFC 5487 */
	{ .id = 0x009C, .name = "TLS_RSA_WITH_AES_128_GCM_SHA256",               .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x009D, .name = "TLS_RSA_WITH_AES_256_GCM_SHA384",               .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x009E, .name = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",           .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x009F, .name = "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",           .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00A0, .name = "TLS_DH_RSA_WITH_AES_128_GCM_SHA256",            .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00A1, .name = "TLS_DH_RSA_WITH_AES_256_GCM_SHA384",            .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00A2, .name = "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256",           .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00A3, .name = "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384",           .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00A4, .name = "TLS_DH_DSS_WITH_AES_128_GCM_SHA256",            .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00A5, .name = "TLS_DH_DSS_WITH_AES_256_GCM_SHA384",            .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00A6, .name = "TLS_DH_anon_WITH_AES_128_GCM_SHA256",           .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00A7, .name = "TLS_DH_anon_WITH_AES_256_GCM_SHA384",           .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00A8, .name = "TLS_PSK_WITH_AES_128_GCM_SHA256",               .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00A9, .name = "TLS_PSK_WITH_AES_256_GCM_SHA384",               .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00AA, .name = "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",           .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00AB, .name = "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",           .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00AC, .name = "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256",           .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0x00AD, .name = "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384",           .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },

	/* PSK with SHA-256/384, RFC 5487 */
	{ .id = 0x00AE, .name = "TLS_PSK_WITH_AES_128_CBC_SHA256",               .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00AF, .name = "TLS_PSK_WITH_AES_256_CBC_SHA384",               .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00B0, .name = "TLS_PSK_WITH_NULL_SHA256",                      .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00B1, .name = "TLS_PSK_WITH_NULL_SHA384",                      .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00B2, .name = "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256",           .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00B3, .name = "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384",           .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00B4, .name = "TLS_DHE_PSK_WITH_NULL_SHA256",                  .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00B5, .name = "TLS_DHE_PSK_WITH_NULL_SHA384",                  .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00B6, .name = "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256",           .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00B7, .name = "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384",           .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0x00B8, .name = "TLS_RSA_PSK_WITH_NULL_SHA256",                  .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00B9, .name = "TLS_RSA_PSK_WITH_NULL_SHA384",                  .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },

	/* Camellia with SHA-256, RFC 5932 */
	{ .id = 0x00BA, .name = "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256",          .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00BB, .name = "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256",       .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00BC, .name = "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256",       .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00BD, .name = "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256",      .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00BE, .name = "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",      .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00BF, .name = "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256",      .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00C0, .name = "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256",          .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00C1, .name = "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256",       .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00C2, .name = "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256",       .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00C3, .name = "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256",      .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00C4, .name = "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256",      .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0x00C5, .name = "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256",      .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA256, .tls12_only = true },

	/* ShangMi for TLS 1.3, RFC 8998 */
	{ .id = 0x00C6, .name = "TLS_SM4_GCM_SM3",                               .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_SM4_GCM, .mac = MAC_AEAD, .prf = PRF_SM3, .tls13 = true },
	{ .id = 0x00C7, .name = "TLS_SM4_CCM_SM3",                               .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_SM4_CCM, .mac = MAC_AEAD, .prf = PRF_SM3, .tls13 = true },

	/* Signalling value, not a suite: RFC 5746 3.3 */
	{ .id = 0x00FF, .name = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",             .kx = KX_NULL, .auth = AUTH_NULL, .cipher = CIPHER_NULL, .mac = MAC_NULL },

	/* TLS 1.3, RFC 8446 B.4; AEGIS, draft-irtf-cfrg-aegis-aead */
	{ .id = 0x1301, .name = "TLS_AES_128_GCM_SHA256",                        .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls13 = true },
	{ .id = 0x1302, .name = "TLS_AES_256_GCM_SHA384",                        .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls13 = true },
	{ .id = 0x1303, .name = "TLS_CHACHA20_POLY1305_SHA256",                  .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls13 = true },
	{ .id = 0x1304, .name = "TLS_AES_128_CCM_SHA256",                        .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls13 = true },
	{ .id = 0x1305, .name = "TLS_AES_128_CCM_8_SHA256",                      .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls13 = true },
	{ .id = 0x1306, .name = "TLS_AEGIS_256_SHA512",                          .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_AEGIS_256, .mac = MAC_AEAD, .prf = PRF_SHA512, .tls13 = true },
	{ .id = 0x1307, .name = "TLS_AEGIS_128L_SHA256",                         .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_AEGIS_128L, .mac = MAC_AEAD, .tls13 = true },

	/* Signalling value, not a suite: RFC 7507 */
	{ .id = 0x5600, .name = "TLS_FALLBACK_SCSV",                             .kx = KX_NULL, .auth = AUTH_NULL, .cipher = CIPHER_NULL, .mac = MAC_NULL },

	/* Elliptic curves, RFC 8422 (was RFC 4492) */
	{ .id = 0xC001, .name = "TLS_ECDH_ECDSA_WITH_NULL_SHA",                  .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0xC002, .name = "TLS_ECDH_ECDSA_WITH_RC4_128_SHA",               .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0xC003, .name = "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA",          .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC004, .name = "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA",           .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC005, .name = "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA",           .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC006, .name = "TLS_ECDHE_ECDSA_WITH_NULL_SHA",                 .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0xC007, .name = "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",              .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0xC008, .name = "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",         .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC009, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",          .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC00A, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",          .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC00B, .name = "TLS_ECDH_RSA_WITH_NULL_SHA",                    .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0xC00C, .name = "TLS_ECDH_RSA_WITH_RC4_128_SHA",                 .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0xC00D, .name = "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA",            .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC00E, .name = "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA",             .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC00F, .name = "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA",             .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC010, .name = "TLS_ECDHE_RSA_WITH_NULL_SHA",                   .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0xC011, .name = "TLS_ECDHE_RSA_WITH_RC4_128_SHA",                .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0xC012, .name = "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",           .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC013, .name = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",            .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC014, .name = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",            .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC015, .name = "TLS_ECDH_anon_WITH_NULL_SHA",                   .kx = KX_ECDHE, .auth = AUTH_ANON, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0xC016, .name = "TLS_ECDH_anon_WITH_RC4_128_SHA",                .kx = KX_ECDHE, .auth = AUTH_ANON, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0xC017, .name = "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA",           .kx = KX_ECDHE, .auth = AUTH_ANON, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC018, .name = "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",            .kx = KX_ECDHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC019, .name = "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",            .kx = KX_ECDHE, .auth = AUTH_ANON, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },

	/* SRP, RFC 5054 */
	{ .id = 0xC01A, .name = "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA",             .kx = KX_SRP, .auth = AUTH_SRP, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC01B, .name = "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA",         .kx = KX_SRP, .auth = AUTH_RSA, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC01C, .name = "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA",         .kx = KX_SRP, .auth = AUTH_DSS, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC01D, .name = "TLS_SRP_SHA_WITH_AES_128_CBC_SHA",              .kx = KX_SRP, .auth = AUTH_SRP, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC01E, .name = "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA",          .kx = KX_SRP, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC01F, .name = "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA",          .kx = KX_SRP, .auth = AUTH_DSS, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC020, .name = "TLS_SRP_SHA_WITH_AES_256_CBC_SHA",              .kx = KX_SRP, .auth = AUTH_SRP, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC021, .name = "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA",          .kx = KX_SRP, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC022, .name = "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA",          .kx = KX_SRP, .auth = AUTH_DSS, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },

	/* Elliptic curves with SHA-256/384 and GCM, RFC 5289 */
	{ .id = 0xC023, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",       .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC024, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",       .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC025, .name = "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256",        .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC026, .name = "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384",        .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC027, .name = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",         .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC028, .name = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",         .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC029, .name = "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256",          .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC02A, .name = "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384",          .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC02B, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",       .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC02C, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",       .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC02D, .name = "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256",        .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC02E, .name = "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384",        .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC02F, .name = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",         .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC030, .name = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",         .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC031, .name = "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256",          .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC032, .name = "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384",          .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },

	/* ECDHE_PSK, RFC 5489 */
	{ .id = 0xC033, .name = "TLS_ECDHE_PSK_WITH_RC4_128_SHA",                .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_RC4_128, .mac = MAC_SHA1 },
	{ .id = 0xC034, .name = "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA",           .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_3DES_EDE_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC035, .name = "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA",            .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC036, .name = "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA",            .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA1 },
	{ .id = 0xC037, .name = "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",         .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC038, .name = "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384",         .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC039, .name = "TLS_ECDHE_PSK_WITH_NULL_SHA",                   .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA1 },
	{ .id = 0xC03A, .name = "TLS_ECDHE_PSK_WITH_NULL_SHA256",                .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC03B, .name = "TLS_ECDHE_PSK_WITH_NULL_SHA384",                .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_NULL, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },

	/* ARIA, RFC 6209 */
	{ .id = 0xC03C, .name = "TLS_RSA_WITH_ARIA_128_CBC_SHA256",              .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC03D, .name = "TLS_RSA_WITH_ARIA_256_CBC_SHA384",              .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC03E, .name = "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256",           .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC03F, .name = "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384",           .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC040, .name = "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256",           .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC041, .name = "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384",           .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC042, .name = "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256",          .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC043, .name = "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384",          .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC044, .name = "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256",          .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC045, .name = "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384",          .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC046, .name = "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256",          .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC047, .name = "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384",          .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC048, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256",      .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC049, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384",      .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC04A, .name = "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256",       .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC04B, .name = "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384",       .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC04C, .name = "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256",        .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC04D, .name = "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384",        .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC04E, .name = "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256",         .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC04F, .name = "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384",         .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC050, .name = "TLS_RSA_WITH_ARIA_128_GCM_SHA256",              .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC051, .name = "TLS_RSA_WITH_ARIA_256_GCM_SHA384",              .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC052, .name = "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256",          .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC053, .name = "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384",          .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC054, .name = "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256",           .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC055, .name = "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384",           .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC056, .name = "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256",          .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC057, .name = "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384",          .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC058, .name = "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256",           .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC059, .name = "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384",           .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC05A, .name = "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256",          .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC05B, .name = "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384",          .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC05C, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256",      .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC05D, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384",      .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC05E, .name = "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256",       .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC05F, .name = "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384",       .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC060, .name = "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256",        .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC061, .name = "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384",        .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC062, .name = "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256",         .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC063, .name = "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384",         .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC064, .name = "TLS_PSK_WITH_ARIA_128_CBC_SHA256",              .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC065, .name = "TLS_PSK_WITH_ARIA_256_CBC_SHA384",              .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC066, .name = "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256",          .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC067, .name = "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384",          .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC068, .name = "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256",          .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC069, .name = "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384",          .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC06A, .name = "TLS_PSK_WITH_ARIA_128_GCM_SHA256",              .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC06B, .name = "TLS_PSK_WITH_ARIA_256_GCM_SHA384",              .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC06C, .name = "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256",          .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC06D, .name = "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384",          .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC06E, .name = "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256",          .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC06F, .name = "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384",          .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_ARIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC070, .name = "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256",        .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC071, .name = "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384",        .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_ARIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },

	/* Camellia, RFC 6367 */
	{ .id = 0xC072, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256",  .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC073, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384",  .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC074, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256",   .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC075, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384",   .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC076, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",    .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC077, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384",    .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC078, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256",     .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC079, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384",     .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC07A, .name = "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256",          .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC07B, .name = "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384",          .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC07C, .name = "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",      .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC07D, .name = "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",      .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC07E, .name = "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256",       .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC07F, .name = "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384",       .kx = KX_DH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC080, .name = "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256",      .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC081, .name = "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384",      .kx = KX_DHE, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC082, .name = "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256",       .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC083, .name = "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384",       .kx = KX_DH, .auth = AUTH_DSS, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC084, .name = "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256",      .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC085, .name = "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384",      .kx = KX_DHE, .auth = AUTH_ANON, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC086, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256",  .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC087, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384",  .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC088, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256",   .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC089, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384",   .kx = KX_ECDH, .auth = AUTH_ECDSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC08A, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",    .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC08B, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",    .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC08C, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256",     .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC08D, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384",     .kx = KX_ECDH, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC08E, .name = "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256",          .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC08F, .name = "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384",          .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC090, .name = "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256",      .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC091, .name = "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384",      .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC092, .name = "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256",      .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC093, .name = "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384",      .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC094, .name = "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256",          .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC095, .name = "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384",          .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC096, .name = "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256",      .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC097, .name = "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384",      .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC098, .name = "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256",      .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC099, .name = "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384",      .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC09A, .name = "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256",    .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_128_CBC, .mac = MAC_SHA256, .tls12_only = true },
	{ .id = 0xC09B, .name = "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384",    .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CAMELLIA_256_CBC, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls12_only = true },

	/* AES-CCM, RFC 6655 and RFC 7251 (the PRF hash is SHA-256) */
	{ .id = 0xC09C, .name = "TLS_RSA_WITH_AES_128_CCM",                      .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC09D, .name = "TLS_RSA_WITH_AES_256_CCM",                      .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC09E, .name = "TLS_DHE_RSA_WITH_AES_128_CCM",                  .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC09F, .name = "TLS_DHE_RSA_WITH_AES_256_CCM",                  .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A0, .name = "TLS_RSA_WITH_AES_128_CCM_8",                    .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A1, .name = "TLS_RSA_WITH_AES_256_CCM_8",                    .kx = KX_RSA, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A2, .name = "TLS_DHE_RSA_WITH_AES_128_CCM_8",                .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A3, .name = "TLS_DHE_RSA_WITH_AES_256_CCM_8",                .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_AES_256_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A4, .name = "TLS_PSK_WITH_AES_128_CCM",                      .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A5, .name = "TLS_PSK_WITH_AES_256_CCM",                      .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A6, .name = "TLS_DHE_PSK_WITH_AES_128_CCM",                  .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A7, .name = "TLS_DHE_PSK_WITH_AES_256_CCM",                  .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A8, .name = "TLS_PSK_WITH_AES_128_CCM_8",                    .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0A9, .name = "TLS_PSK_WITH_AES_256_CCM_8",                    .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0AA, .name = "TLS_PSK_DHE_WITH_AES_128_CCM_8",                .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0AB, .name = "TLS_PSK_DHE_WITH_AES_256_CCM_8",                .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0AC, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",              .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0AD, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",              .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0AE, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",            .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0AF, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8",            .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_AES_256_CCM_8, .mac = MAC_AEAD, .tls12_only = true },

	/* Password-based (ECCPWD), RFC 8492 */
	{ .id = 0xC0B0, .name = "TLS_ECCPWD_WITH_AES_128_GCM_SHA256",            .kx = KX_ECCPWD, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0B1, .name = "TLS_ECCPWD_WITH_AES_256_GCM_SHA384",            .kx = KX_ECCPWD, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xC0B2, .name = "TLS_ECCPWD_WITH_AES_128_CCM_SHA256",            .kx = KX_ECCPWD, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xC0B3, .name = "TLS_ECCPWD_WITH_AES_256_CCM_SHA384",            .kx = KX_ECCPWD, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_CCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },

	/* Integrity only, no encryption, TLS 1.3: RFC 9150 (the "AEAD" is an HMAC) */
	{ .id = 0xC0B4, .name = "TLS_SHA256_SHA256",                             .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_NULL, .mac = MAC_SHA256, .tls13 = true },
	{ .id = 0xC0B5, .name = "TLS_SHA384_SHA384",                             .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_NULL, .mac = MAC_SHA384, .prf = PRF_SHA384, .tls13 = true },

	/* GOST for TLS 1.2, RFC 9189 */
	{ .id = 0xC100, .name = "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC",  .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_KUZNYECHIK_CTR, .mac = MAC_GOST, .prf = PRF_GOST, .tls12_only = true },
	{ .id = 0xC101, .name = "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC",       .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_MAGMA_CTR, .mac = MAC_GOST, .prf = PRF_GOST, .tls12_only = true },
	{ .id = 0xC102, .name = "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT",       .kx = KX_GOST, .auth = AUTH_GOST, .cipher = CIPHER_GOST28147_CNT, .mac = MAC_GOST, .prf = PRF_GOST, .tls12_only = true },

	/* GOST for TLS 1.3, RFC 9367 */
	{ .id = 0xC103, .name = "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L",     .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_KUZNYECHIK_MGM, .mac = MAC_AEAD, .prf = PRF_GOST, .tls13 = true },
	{ .id = 0xC104, .name = "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L",          .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_MAGMA_MGM, .mac = MAC_AEAD, .prf = PRF_GOST, .tls13 = true },
	{ .id = 0xC105, .name = "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S",     .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_KUZNYECHIK_MGM, .mac = MAC_AEAD, .prf = PRF_GOST, .tls13 = true },
	{ .id = 0xC106, .name = "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S",          .kx = KX_TLS13, .auth = AUTH_TLS13, .cipher = CIPHER_MAGMA_MGM, .mac = MAC_AEAD, .prf = PRF_GOST, .tls13 = true },

	/* ChaCha20-Poly1305, RFC 7905 */
	{ .id = 0xCCA8, .name = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",   .kx = KX_ECDHE, .auth = AUTH_RSA, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xCCA9, .name = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", .kx = KX_ECDHE, .auth = AUTH_ECDSA, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xCCAA, .name = "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",     .kx = KX_DHE, .auth = AUTH_RSA, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xCCAB, .name = "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",         .kx = KX_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xCCAC, .name = "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",   .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xCCAD, .name = "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",     .kx = KX_DHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xCCAE, .name = "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256",     .kx = KX_RSA_PSK, .auth = AUTH_RSA, .cipher = CIPHER_CHACHA20_POLY1305, .mac = MAC_AEAD, .tls12_only = true },

	/* ECDHE_PSK with AEAD for TLS 1.2, RFC 8442 */
	{ .id = 0xD001, .name = "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256",         .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_GCM, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xD002, .name = "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384",         .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_256_GCM, .mac = MAC_AEAD, .prf = PRF_SHA384, .tls12_only = true },
	{ .id = 0xD003, .name = "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256",       .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM_8, .mac = MAC_AEAD, .tls12_only = true },
	{ .id = 0xD005, .name = "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256",         .kx = KX_ECDHE_PSK, .auth = AUTH_PSK, .cipher = CIPHER_AES_128_CCM, .mac = MAC_AEAD, .tls12_only = true },
};

#define SUITE_COUNT (sizeof suites / sizeof suites[0])

/* Binary search: the table is sorted by id (the tests check it). */
const suite_info_t *suite_find(uint16_t id)
{
	size_t lo = 0, hi = SUITE_COUNT;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (suites[mid].id == id)
			return &suites[mid];
		if (suites[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Exact IANA name, any letter case; NULL when no suite has it. */
const suite_info_t *suite_by_name(const char *iana_name)
{
	size_t i;

	if (!iana_name)
		return NULL;
	for (i = 0; i < SUITE_COUNT; i++)
		if (strcasecmp(suites[i].name, iana_name) == 0)
			return &suites[i];
	return NULL;
}

/* Number of entries, for iterating with suite_at(). */
size_t suite_count(void)
{
	return SUITE_COUNT;
}

/* The i-th entry in id order; NULL past the end. */
const suite_info_t *suite_at(size_t i)
{
	return i < SUITE_COUNT ? &suites[i] : NULL;
}

/* TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746) and TLS_FALLBACK_SCSV
 * (RFC 7507) travel in the suite list but are signals, never chosen. */
bool suite_is_scsv(uint16_t id)
{
	return id == 0x00FF || id == 0x5600;
}
