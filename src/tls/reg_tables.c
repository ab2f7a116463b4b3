/* reg_tables.c - the IANA registries a handshake names by number besides
 * the suites: ExtensionType, AlertDescription, NamedGroup, SignatureScheme.
 *
 * Each table is sorted by id (the tests check it) and searched with
 * bsearch().  Data only: nothing here parses an extension's body or judges
 * a group's strength. */
#include <stddef.h>
#include <stdlib.h>
#include "registry.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* TLS ExtensionType Values (IANA tls-extensiontype-values-1).  The names
 * are IANA's, except 23 which keeps the RFC 7627 name everyone knows
 * (rfc8446bis renames it extended_main_secret).  40 and 46 are "Reserved"
 * (TLS 1.3 drafts used them for key_share and ticket_early_data_info) and
 * are left out.  Entries whose reference says "not IANA" are code points
 * that deployed clients send without a registration. */
static const ext_info_t exts[] = {
	{ .id = 0,      .name = "server_name",                            .rfc = "RFC 6066" },
	{ .id = 1,      .name = "max_fragment_length",                    .rfc = "RFC 6066" },
	{ .id = 2,      .name = "client_certificate_url",                 .rfc = "RFC 6066" },
	{ .id = 3,      .name = "trusted_ca_keys",                        .rfc = "RFC 6066" },
	{ .id = 4,      .name = "truncated_hmac",                         .rfc = "RFC 6066" },
	{ .id = 5,      .name = "status_request",                         .rfc = "RFC 6066" },
	{ .id = 6,      .name = "user_mapping",                           .rfc = "RFC 4681" },
	{ .id = 7,      .name = "client_authz",                           .rfc = "RFC 5878" },
	{ .id = 8,      .name = "server_authz",                           .rfc = "RFC 5878" },
	{ .id = 9,      .name = "cert_type",                              .rfc = "RFC 6091" },
	{ .id = 10,     .name = "supported_groups",                       .rfc = "RFC 8422, RFC 7919" },
	{ .id = 11,     .name = "ec_point_formats",                       .rfc = "RFC 8422" },
	{ .id = 12,     .name = "srp",                                    .rfc = "RFC 5054" },
	{ .id = 13,     .name = "signature_algorithms",                   .rfc = "RFC 8446" },
	{ .id = 14,     .name = "use_srtp",                               .rfc = "RFC 5764" },
	{ .id = 15,     .name = "heartbeat",                              .rfc = "RFC 6520" },
	{ .id = 16,     .name = "application_layer_protocol_negotiation", .rfc = "RFC 7301" },
	{ .id = 17,     .name = "status_request_v2",                      .rfc = "RFC 6961" },
	{ .id = 18,     .name = "signed_certificate_timestamp",           .rfc = "RFC 6962" },
	{ .id = 19,     .name = "client_certificate_type",                .rfc = "RFC 7250" },
	{ .id = 20,     .name = "server_certificate_type",                .rfc = "RFC 7250" },
	{ .id = 21,     .name = "padding",                                .rfc = "RFC 7685" },
	{ .id = 22,     .name = "encrypt_then_mac",                       .rfc = "RFC 7366" },
	{ .id = 23,     .name = "extended_master_secret",                 .rfc = "RFC 7627" },
	{ .id = 24,     .name = "token_binding",                          .rfc = "RFC 8472" },
	{ .id = 25,     .name = "cached_info",                            .rfc = "RFC 7924" },
	{ .id = 26,     .name = "tls_lts",                                .rfc = "draft-gutmann-tls-lts" },
	{ .id = 27,     .name = "compress_certificate",                   .rfc = "RFC 8879" },
	{ .id = 28,     .name = "record_size_limit",                      .rfc = "RFC 8449" },
	{ .id = 29,     .name = "pwd_protect",                            .rfc = "RFC 8492" },
	{ .id = 30,     .name = "pwd_clear",                              .rfc = "RFC 8492" },
	{ .id = 31,     .name = "password_salt",                          .rfc = "RFC 8492" },
	{ .id = 32,     .name = "ticket_pinning",                         .rfc = "RFC 8672" },
	{ .id = 33,     .name = "tls_cert_with_extern_psk",               .rfc = "RFC 8773" },
	{ .id = 34,     .name = "delegated_credential",                   .rfc = "RFC 9345" },
	{ .id = 35,     .name = "session_ticket",                         .rfc = "RFC 5077, RFC 8447" },
	{ .id = 36,     .name = "TLMSP",                                  .rfc = "ETSI TS 103 523-2" },
	{ .id = 37,     .name = "TLMSP_proxying",                         .rfc = "ETSI TS 103 523-2" },
	{ .id = 38,     .name = "TLMSP_delegate",                         .rfc = "ETSI TS 103 523-2" },
	{ .id = 39,     .name = "supported_ekt_ciphers",                  .rfc = "RFC 8870" },
	{ .id = 41,     .name = "pre_shared_key",                         .rfc = "RFC 8446" },
	{ .id = 42,     .name = "early_data",                             .rfc = "RFC 8446" },
	{ .id = 43,     .name = "supported_versions",                     .rfc = "RFC 8446" },
	{ .id = 44,     .name = "cookie",                                 .rfc = "RFC 8446" },
	{ .id = 45,     .name = "psk_key_exchange_modes",                 .rfc = "RFC 8446" },
	{ .id = 47,     .name = "certificate_authorities",                .rfc = "RFC 8446" },
	{ .id = 48,     .name = "oid_filters",                            .rfc = "RFC 8446" },
	{ .id = 49,     .name = "post_handshake_auth",                    .rfc = "RFC 8446" },
	{ .id = 50,     .name = "signature_algorithms_cert",              .rfc = "RFC 8446" },
	{ .id = 51,     .name = "key_share",                              .rfc = "RFC 8446" },
	{ .id = 52,     .name = "transparency_info",                      .rfc = "RFC 9162" },
	{ .id = 53,     .name = "connection_id_deprecated",               .rfc = "RFC 9146" },
	{ .id = 54,     .name = "connection_id",                          .rfc = "RFC 9146" },
	{ .id = 55,     .name = "external_id_hash",                       .rfc = "RFC 8844" },
	{ .id = 56,     .name = "external_session_id",                    .rfc = "RFC 8844" },
	{ .id = 57,     .name = "quic_transport_parameters",              .rfc = "RFC 9001" },
	{ .id = 58,     .name = "ticket_request",                         .rfc = "RFC 9149" },
	{ .id = 59,     .name = "dnssec_chain",                           .rfc = "RFC 9102" },
	{ .id = 60,     .name = "sequence_number_encryption_algorithms",  .rfc = "draft-pismenny-tls-dtls-plaintext-sequence-number" },
	{ .id = 61,     .name = "rrc",                                    .rfc = "draft-ietf-tls-dtls-rrc" },
	{ .id = 62,     .name = "tls_flags",                              .rfc = "draft-ietf-tls-tlsflags" },
	{ .id = 0x3374, .name = "next_protocol_negotiation",              .rfc = "draft-agl-tls-nextprotoneg (not IANA)" },
	{ .id = 0x4469, .name = "application_settings_old",               .rfc = "draft-vvv-tls-alps (not IANA)" },
	{ .id = 0x44CD, .name = "application_settings",                   .rfc = "draft-vvv-tls-alps (not IANA)" },
	{ .id = 0x754F, .name = "channel_id_old",                         .rfc = "draft-balfanz-tls-channelid (not IANA)" },
	{ .id = 0x7550, .name = "channel_id",                             .rfc = "draft-balfanz-tls-channelid (not IANA)" },
	{ .id = 0xFD00, .name = "ech_outer_extensions",                   .rfc = "draft-ietf-tls-esni" },
	{ .id = 0xFE0D, .name = "encrypted_client_hello",                 .rfc = "draft-ietf-tls-esni" },
	{ .id = 0xFF01, .name = "renegotiation_info",                     .rfc = "RFC 5746" },
	{ .id = 0xFFCE, .name = "encrypted_server_name",                  .rfc = "draft-ietf-tls-esni-01..05 (not IANA)" },
};

/* AlertDescription: RFC 5246 7.2 names, the newer ones from RFC 8446 6,
 * RFC 6066 9, RFC 7507, RFC 9146 and ECH.  Where RFC 8446 only reserves a
 * value still meaningful to TLS 1.2 (no_renegotiation, certificate_unobtainable,
 * bad_certificate_hash_value) the TLS 1.2 name is kept. */
static const alert_info_t alerts[] = {
	{ .id = 0, .name = "close_notify",
	  .explain = "The sender has finished sending data and is closing the connection cleanly.",
	  .explain_ja = "送信側はデータを送り終え、接続を正常に閉じようとしています。" },
	{ .id = 10, .name = "unexpected_message",
	  .explain = "The sender received a message that is not allowed at that point of the handshake or connection.",
	  .explain_ja = "送信側は、ハンドシェイクや接続のその時点では許されないメッセージを受け取りました。" },
	{ .id = 20, .name = "bad_record_mac",
	  .explain = "A record failed its integrity check, so either it was changed in transit or the two sides derived different keys.",
	  .explain_ja = "レコードの完全性チェック（MAC）に失敗しました。途中で書き換えられたか、両者が異なる鍵を導いたかのどちらかです。" },
	{ .id = 21, .name = "decryption_failed_RESERVED",
	  .explain = "An old TLS 1.0 alert for a record that would not decrypt, replaced by bad_record_mac so that an attacker cannot tell why a record failed.",
	  .explain_ja = "TLS 1.0 の古いアラートで、レコードを復号できなかったことを表します。攻撃者に失敗の理由を知られないよう、bad_record_mac に置き換えられました。" },
	{ .id = 22, .name = "record_overflow",
	  .explain = "A record arrived that is longer than the protocol allows.",
	  .explain_ja = "プロトコルが許す長さを超えるレコードが届きました。" },
	{ .id = 30, .name = "decompression_failure",
	  .explain = "The sender could not decompress a record, which only happens when TLS compression is in use.",
	  .explain_ja = "送信側はレコードを展開できませんでした。TLS の圧縮を使っているときにだけ起こります。" },
	{ .id = 40, .name = "handshake_failure",
	  .explain = "The sender could not agree on a set of security parameters with its peer, for example no cipher suite both sides accept.",
	  .explain_ja = "送信側は相手とセキュリティパラメータ（たとえば両者が受け入れる暗号スイート）で合意できませんでした。" },
	{ .id = 41, .name = "no_certificate_RESERVED",
	  .explain = "An SSL 3.0 alert a client sent when it had no certificate to offer, where TLS clients send an empty Certificate message instead.",
	  .explain_ja = "SSL 3.0 の古いアラートで、クライアントが出せる証明書を持たないときに送りました。TLS のクライアントは代わりに空の Certificate を送ります。" },
	{ .id = 42, .name = "bad_certificate",
	  .explain = "A certificate was damaged or carried a signature that did not verify.",
	  .explain_ja = "証明書が壊れているか、その署名を検証できませんでした。" },
	{ .id = 43, .name = "unsupported_certificate",
	  .explain = "A certificate was of a type the sender does not support.",
	  .explain_ja = "証明書が、送信側の対応していない種類でした。" },
	{ .id = 44, .name = "certificate_revoked",
	  .explain = "A certificate has been revoked by the authority that issued it.",
	  .explain_ja = "証明書は、発行した認証局によって失効させられています。" },
	{ .id = 45, .name = "certificate_expired",
	  .explain = "A certificate has expired or is not yet valid.",
	  .explain_ja = "証明書の有効期限が切れているか、まだ有効期間に入っていません。" },
	{ .id = 46, .name = "certificate_unknown",
	  .explain = "A certificate was unacceptable to the sender for some reason not covered by a more specific alert.",
	  .explain_ja = "より具体的なアラートに当てはまらない何らかの理由で、送信側は証明書を受け入れませんでした。" },
	{ .id = 47, .name = "illegal_parameter",
	  .explain = "A handshake field held a value that is out of range or contradicts other fields.",
	  .explain_ja = "ハンドシェイクのフィールドに、範囲外の値か、他のフィールドと矛盾する値が入っていました。" },
	{ .id = 48, .name = "unknown_ca",
	  .explain = "The certificate chain does not lead to a certificate authority the sender trusts.",
	  .explain_ja = "証明書チェーンが、送信側の信頼する認証局（CA）にたどり着きません。" },
	{ .id = 49, .name = "access_denied",
	  .explain = "The certificate was valid, but the sender's access policy refused to go on with the handshake.",
	  .explain_ja = "証明書は有効でしたが、送信側のアクセス方針によりハンドシェイクを続けることを拒否しました。" },
	{ .id = 50, .name = "decode_error",
	  .explain = "A message could not be parsed because a field was out of range or a length was wrong.",
	  .explain_ja = "フィールドが範囲外だったか長さが誤っていたため、メッセージを解析できませんでした。" },
	{ .id = 51, .name = "decrypt_error",
	  .explain = "A cryptographic check in the handshake failed, such as a signature or a Finished message that did not verify.",
	  .explain_ja = "ハンドシェイク中の暗号学的な検査（署名や Finished の検証など）に失敗しました。" },
	{ .id = 52, .name = "too_many_cids_requested",
	  .explain = "The peer asked for more DTLS connection IDs than the sender is willing to provide.",
	  .explain_ja = "相手が、送信側が用意するつもりより多くの DTLS 接続 ID を求めました。" },
	{ .id = 60, .name = "export_restriction_RESERVED",
	  .explain = "An old TLS 1.0 alert saying the negotiation broke the rules for export-grade cryptography.",
	  .explain_ja = "TLS 1.0 の古いアラートで、輸出向け暗号の規則に反する交渉だったことを表します。" },
	{ .id = 70, .name = "protocol_version",
	  .explain = "The sender recognizes the protocol version its peer wants but does not support it.",
	  .explain_ja = "送信側は相手の求めるプロトコルバージョンを知っていますが、それには対応していません。" },
	{ .id = 71, .name = "insufficient_security",
	  .explain = "The peer offered only parameters weaker than the sender requires, such as no sufficiently strong cipher suite.",
	  .explain_ja = "相手が提示したのは送信側の要求より弱いパラメータ（十分に強い暗号スイートがないなど）だけでした。" },
	{ .id = 80, .name = "internal_error",
	  .explain = "Something went wrong inside the sender that has nothing to do with its peer, such as running out of memory.",
	  .explain_ja = "相手とは関係のない、送信側の内部の問題（メモリ不足など）が起きました。" },
	{ .id = 86, .name = "inappropriate_fallback",
	  .explain = "The client retried with an older protocol version although the server supports a newer one, which looks like a downgrade attack.",
	  .explain_ja = "サーバーがより新しいバージョンに対応しているのに、クライアントが古いバージョンで再試行しました。ダウングレード攻撃の疑いがあります。" },
	{ .id = 90, .name = "user_canceled",
	  .explain = "The user or the application chose to abandon the handshake for a reason that is not a protocol failure.",
	  .explain_ja = "プロトコルの失敗ではない理由で、利用者またはアプリケーションがハンドシェイクを取りやめました。" },
	{ .id = 100, .name = "no_renegotiation",
	  .explain = "The sender refuses to renegotiate the security parameters of this connection.",
	  .explain_ja = "送信側は、この接続のセキュリティパラメータの再ネゴシエーションを拒否します。" },
	{ .id = 109, .name = "missing_extension",
	  .explain = "A TLS 1.3 message lacked an extension that the protocol requires at that point.",
	  .explain_ja = "TLS 1.3 のメッセージに、その時点でプロトコルが必須とする拡張がありませんでした。" },
	{ .id = 110, .name = "unsupported_extension",
	  .explain = "A message carried an extension that the sender had not offered or does not allow in that message.",
	  .explain_ja = "送信側が提示していない拡張、またはそのメッセージでは許されない拡張がメッセージに含まれていました。" },
	{ .id = 111, .name = "certificate_unobtainable",
	  .explain = "The server could not fetch a certificate from the URL the client gave it.",
	  .explain_ja = "サーバーは、クライアントが示した URL から証明書を取得できませんでした。" },
	{ .id = 112, .name = "unrecognized_name",
	  .explain = "The server has no site for the host name the client asked for in the server_name extension.",
	  .explain_ja = "クライアントが server_name 拡張で求めたホスト名のサイトが、サーバーにはありません。" },
	{ .id = 113, .name = "bad_certificate_status_response",
	  .explain = "The certificate status (OCSP) response the server sent was invalid or unacceptable.",
	  .explain_ja = "サーバーが送った証明書の状態（OCSP）応答が不正か、受け入れられないものでした。" },
	{ .id = 114, .name = "bad_certificate_hash_value",
	  .explain = "A certificate fetched from a URL did not match the hash value the client gave for it.",
	  .explain_ja = "URL から取得した証明書が、クライアントの示したハッシュ値と一致しませんでした。" },
	{ .id = 115, .name = "unknown_psk_identity",
	  .explain = "The server does not recognize the pre-shared key identity the client offered.",
	  .explain_ja = "クライアントが提示した事前共有鍵（PSK）の識別子を、サーバーは知りません。" },
	{ .id = 116, .name = "certificate_required",
	  .explain = "The server requires a client certificate, but the client did not send one.",
	  .explain_ja = "サーバーはクライアント証明書を必須としていますが、クライアントは送りませんでした。" },
	{ .id = 120, .name = "no_application_protocol",
	  .explain = "The server supports none of the application protocols the client offered through ALPN.",
	  .explain_ja = "クライアントが ALPN で提示したアプリケーションプロトコルのどれにも、サーバーは対応していません。" },
	{ .id = 121, .name = "ech_required",
	  .explain = "The client gave up because the server did not accept its Encrypted Client Hello, and it will retry with the configuration the server supplied.",
	  .explain_ja = "サーバーが Encrypted Client Hello を受け入れなかったため、クライアントは中断しました。サーバーから渡された設定で再試行します。" },
};

/* TLS Supported Groups (IANA tls-parameters-8).  bits is the nominal
 * strength parameter: the curve or prime size, and for ML-KEM and the
 * hybrids the ML-KEM parameter set (512, 768, 1024).  GREASE is not here. */
static const group_info_t groups[] = {
	{ .id = 1,      .name = "sect163k1",                .kind = GROUP_EC, .bits = 163 },
	{ .id = 2,      .name = "sect163r1",                .kind = GROUP_EC, .bits = 163 },
	{ .id = 3,      .name = "sect163r2",                .kind = GROUP_EC, .bits = 163 },
	{ .id = 4,      .name = "sect193r1",                .kind = GROUP_EC, .bits = 193 },
	{ .id = 5,      .name = "sect193r2",                .kind = GROUP_EC, .bits = 193 },
	{ .id = 6,      .name = "sect233k1",                .kind = GROUP_EC, .bits = 233 },
	{ .id = 7,      .name = "sect233r1",                .kind = GROUP_EC, .bits = 233 },
	{ .id = 8,      .name = "sect239k1",                .kind = GROUP_EC, .bits = 239 },
	{ .id = 9,      .name = "sect283k1",                .kind = GROUP_EC, .bits = 283 },
	{ .id = 10,     .name = "sect283r1",                .kind = GROUP_EC, .bits = 283 },
	{ .id = 11,     .name = "sect409k1",                .kind = GROUP_EC, .bits = 409 },
	{ .id = 12,     .name = "sect409r1",                .kind = GROUP_EC, .bits = 409 },
	{ .id = 13,     .name = "sect571k1",                .kind = GROUP_EC, .bits = 571 },
	{ .id = 14,     .name = "sect571r1",                .kind = GROUP_EC, .bits = 571 },
	{ .id = 15,     .name = "secp160k1",                .kind = GROUP_EC, .bits = 160 },
	{ .id = 16,     .name = "secp160r1",                .kind = GROUP_EC, .bits = 160 },
	{ .id = 17,     .name = "secp160r2",                .kind = GROUP_EC, .bits = 160 },
	{ .id = 18,     .name = "secp192k1",                .kind = GROUP_EC, .bits = 192 },
	{ .id = 19,     .name = "secp192r1",                .kind = GROUP_EC, .bits = 192 },
	{ .id = 20,     .name = "secp224k1",                .kind = GROUP_EC, .bits = 224 },
	{ .id = 21,     .name = "secp224r1",                .kind = GROUP_EC, .bits = 224 },
	{ .id = 22,     .name = "secp256k1",                .kind = GROUP_EC, .bits = 256 },
	{ .id = 23,     .name = "secp256r1",                .kind = GROUP_EC, .bits = 256 },
	{ .id = 24,     .name = "secp384r1",                .kind = GROUP_EC, .bits = 384 },
	{ .id = 25,     .name = "secp521r1",                .kind = GROUP_EC, .bits = 521 },
	{ .id = 26,     .name = "brainpoolP256r1",          .kind = GROUP_EC, .bits = 256 },   /* RFC 7027 */
	{ .id = 27,     .name = "brainpoolP384r1",          .kind = GROUP_EC, .bits = 384 },
	{ .id = 28,     .name = "brainpoolP512r1",          .kind = GROUP_EC, .bits = 512 },
	{ .id = 29,     .name = "x25519",                   .kind = GROUP_EC, .bits = 255 },   /* RFC 8422 */
	{ .id = 30,     .name = "x448",                     .kind = GROUP_EC, .bits = 448 },
	{ .id = 31,     .name = "brainpoolP256r1tls13",     .kind = GROUP_EC, .bits = 256 },   /* RFC 8734 */
	{ .id = 32,     .name = "brainpoolP384r1tls13",     .kind = GROUP_EC, .bits = 384 },
	{ .id = 33,     .name = "brainpoolP512r1tls13",     .kind = GROUP_EC, .bits = 512 },
	{ .id = 34,     .name = "GC256A",                   .kind = GROUP_EC, .bits = 256 },   /* RFC 9189 */
	{ .id = 35,     .name = "GC256B",                   .kind = GROUP_EC, .bits = 256 },
	{ .id = 36,     .name = "GC256C",                   .kind = GROUP_EC, .bits = 256 },
	{ .id = 37,     .name = "GC256D",                   .kind = GROUP_EC, .bits = 256 },
	{ .id = 38,     .name = "GC512A",                   .kind = GROUP_EC, .bits = 512 },
	{ .id = 39,     .name = "GC512B",                   .kind = GROUP_EC, .bits = 512 },
	{ .id = 40,     .name = "GC512C",                   .kind = GROUP_EC, .bits = 512 },
	{ .id = 41,     .name = "curveSM2",                 .kind = GROUP_EC, .bits = 256 },   /* RFC 8998 */
	{ .id = 0x0100, .name = "ffdhe2048",                .kind = GROUP_FF, .bits = 2048 },  /* RFC 7919 */
	{ .id = 0x0101, .name = "ffdhe3072",                .kind = GROUP_FF, .bits = 3072 },
	{ .id = 0x0102, .name = "ffdhe4096",                .kind = GROUP_FF, .bits = 4096 },
	{ .id = 0x0103, .name = "ffdhe6144",                .kind = GROUP_FF, .bits = 6144 },
	{ .id = 0x0104, .name = "ffdhe8192",                .kind = GROUP_FF, .bits = 8192 },
	{ .id = 0x0200, .name = "MLKEM512",                 .kind = GROUP_OTHER, .bits = 512 },   /* draft-ietf-tls-mlkem */
	{ .id = 0x0201, .name = "MLKEM768",                 .kind = GROUP_OTHER, .bits = 768 },
	{ .id = 0x0202, .name = "MLKEM1024",                .kind = GROUP_OTHER, .bits = 1024 },
	{ .id = 0x11EB, .name = "SecP256r1MLKEM768",        .kind = GROUP_HYBRID, .bits = 768 },  /* draft-ietf-tls-ecdhe-mlkem */
	{ .id = 0x11EC, .name = "X25519MLKEM768",           .kind = GROUP_HYBRID, .bits = 768 },
	{ .id = 0x11ED, .name = "SecP384r1MLKEM1024",       .kind = GROUP_HYBRID, .bits = 1024 },
	{ .id = 0x6399, .name = "X25519Kyber768Draft00",    .kind = GROUP_HYBRID, .bits = 768 },  /* draft-tls-westerbaan-xyber768d00 */
	{ .id = 0x639A, .name = "SecP256r1Kyber768Draft00", .kind = GROUP_HYBRID, .bits = 768 },
	{ .id = 0xFF01, .name = "arbitrary_explicit_prime_curves", .kind = GROUP_EC },         /* RFC 8422, deprecated */
	{ .id = 0xFF02, .name = "arbitrary_explicit_char2_curves", .kind = GROUP_EC },
};

/* SignatureScheme (IANA tls-signaturescheme), RFC 8446 4.2.3, and in the
 * same 16-bit space the TLS 1.2 SignatureAndHashAlgorithm pairs of RFC 5246
 * 7.4.1.4.1 (hash byte, then signature byte: 1 md5, 2 sha1, 3 sha224,
 * 4 sha256, 5 sha384, 6 sha512; 1 rsa, 2 dsa, 3 ecdsa).  Pairs that TLS 1.3
 * kept carry the TLS 1.3 name; the others are named <sig>_<hash> the way
 * Wireshark and OpenSSL spell them. */
static const sigscheme_info_t sigschemes[] = {
	{ .id = 0x0101, .name = "rsa_pkcs1_md5" },                /* TLS 1.2 pair */
	{ .id = 0x0102, .name = "dsa_md5" },                      /* TLS 1.2 pair */
	{ .id = 0x0103, .name = "ecdsa_md5" },                    /* TLS 1.2 pair */
	{ .id = 0x0201, .name = "rsa_pkcs1_sha1" },
	{ .id = 0x0202, .name = "dsa_sha1" },                     /* TLS 1.2 pair */
	{ .id = 0x0203, .name = "ecdsa_sha1" },
	{ .id = 0x0301, .name = "rsa_pkcs1_sha224" },             /* TLS 1.2 pair */
	{ .id = 0x0302, .name = "dsa_sha224" },                   /* TLS 1.2 pair */
	{ .id = 0x0303, .name = "ecdsa_sha224" },                 /* TLS 1.2 pair */
	{ .id = 0x0401, .name = "rsa_pkcs1_sha256" },
	{ .id = 0x0402, .name = "dsa_sha256" },                   /* TLS 1.2 pair */
	{ .id = 0x0403, .name = "ecdsa_secp256r1_sha256" },       /* TLS 1.2: ECDSA+SHA-256 on any curve */
	{ .id = 0x0420, .name = "rsa_pkcs1_sha256_legacy" },      /* draft-ietf-tls-tls13-pkcs1 */
	{ .id = 0x0501, .name = "rsa_pkcs1_sha384" },
	{ .id = 0x0502, .name = "dsa_sha384" },                   /* TLS 1.2 pair */
	{ .id = 0x0503, .name = "ecdsa_secp384r1_sha384" },
	{ .id = 0x0520, .name = "rsa_pkcs1_sha384_legacy" },
	{ .id = 0x0601, .name = "rsa_pkcs1_sha512" },
	{ .id = 0x0602, .name = "dsa_sha512" },                   /* TLS 1.2 pair */
	{ .id = 0x0603, .name = "ecdsa_secp521r1_sha512" },
	{ .id = 0x0620, .name = "rsa_pkcs1_sha512_legacy" },
	{ .id = 0x0704, .name = "eccsi_sha256" },                 /* draft-wang-tls-raw-public-key-with-ibc */
	{ .id = 0x0705, .name = "iso_ibs1" },
	{ .id = 0x0706, .name = "iso_ibs2" },
	{ .id = 0x0707, .name = "iso_chinese_ibs" },
	{ .id = 0x0708, .name = "sm2sig_sm3" },                   /* RFC 8998 */
	{ .id = 0x0709, .name = "gostr34102012_256a" },           /* RFC 9367 */
	{ .id = 0x070A, .name = "gostr34102012_256b" },
	{ .id = 0x070B, .name = "gostr34102012_256c" },
	{ .id = 0x070C, .name = "gostr34102012_256d" },
	{ .id = 0x070D, .name = "gostr34102012_512a" },
	{ .id = 0x070E, .name = "gostr34102012_512b" },
	{ .id = 0x070F, .name = "gostr34102012_512c" },
	{ .id = 0x0804, .name = "rsa_pss_rsae_sha256" },
	{ .id = 0x0805, .name = "rsa_pss_rsae_sha384" },
	{ .id = 0x0806, .name = "rsa_pss_rsae_sha512" },
	{ .id = 0x0807, .name = "ed25519" },
	{ .id = 0x0808, .name = "ed448" },
	{ .id = 0x0809, .name = "rsa_pss_pss_sha256" },
	{ .id = 0x080A, .name = "rsa_pss_pss_sha384" },
	{ .id = 0x080B, .name = "rsa_pss_pss_sha512" },
	{ .id = 0x081A, .name = "ecdsa_brainpoolP256r1tls13_sha256" }, /* RFC 8734 */
	{ .id = 0x081B, .name = "ecdsa_brainpoolP384r1tls13_sha384" },
	{ .id = 0x081C, .name = "ecdsa_brainpoolP512r1tls13_sha512" },
	{ .id = 0x0840, .name = "gostr34102012_256" },            /* TLS 1.2 pair (intrinsic, 64), RFC 9189 */
	{ .id = 0x0841, .name = "gostr34102012_512" },            /* TLS 1.2 pair (intrinsic, 65), RFC 9189 */
	{ .id = 0x0904, .name = "mldsa44" },                      /* draft-ietf-tls-mldsa */
	{ .id = 0x0905, .name = "mldsa65" },
	{ .id = 0x0906, .name = "mldsa87" },
};

/* What each table sorted by id offers (see registry.h): NAME_find by id
 * (bsearch; NULL if unknown), NAME_count, and NAME_at (the i-th in id
 * order, NULL past the end).  One definition for the four tables. */
#define REG_LOOKUPS(NAME, type_t, table, id_t) \
	static int NAME##_cmp(const void *key, const void *elem) \
	{ \
		id_t k = *(const id_t *)key, e = ((const type_t *)elem)->id; \
		return (k > e) - (k < e); \
	} \
	const type_t *NAME##_find(id_t id) \
	{ \
		return bsearch(&id, table, COUNT(table), sizeof table[0], NAME##_cmp); \
	} \
	size_t NAME##_count(void) \
	{ \
		return COUNT(table); \
	} \
	const type_t *NAME##_at(size_t i) \
	{ \
		return i < COUNT(table) ? &table[i] : NULL; \
	}

REG_LOOKUPS(ext, ext_info_t, exts, uint16_t)
REG_LOOKUPS(alert, alert_info_t, alerts, uint8_t)
REG_LOOKUPS(group, group_info_t, groups, uint16_t)
REG_LOOKUPS(sigscheme, sigscheme_info_t, sigschemes, uint16_t)
