/* test_finished.c - the Finished verify_data of SSL 3.0, TLS 1.0-1.2 and
 * TLS 1.3, recomputed from a transcript (src/crypto/finished.c).
 *
 * TLS 1.3: RFC 8448 section 3; the transcript hash is computed here from
 * the RFC's own handshake messages (ClientHello, ServerHello, and the
 * server's encrypted flight EncryptedExtensions .. Finished, copied below).
 * SSL 3.0 and TLS 1.0-1.2 have no published Finished vectors; the expected
 * values were computed with Python's hashlib/hmac from the RFC text
 * (P and prf10 as in test_prf.c), with ms = bytes(range(100,148)) and the
 * handshake messages hs = bytes(range(100)):
 *   TLS 1.2: P(H.sha256,ms,b'client finished'+H.sha256(hs).digest(),12)
 *   TLS 1.0: prf10(ms,b'client finished',H.md5(hs).digest()+H.sha1(hs).digest(),12)
 *   SSL 3.0: f=lambda h,n,snd:h(ms+b'\x5c'*n+h(hs+snd+ms+b'\x36'*n).digest()).digest()
 *            f(H.md5,48,b'CLNT')+f(H.sha1,40,b'CLNT')
 */
#include <stdlib.h>
#include <string.h>
#include "testing.h"
#include "crypto/finished.h"
#include "tls/registry.h"

#define HEXEQ(buf, len, hex) do { \
	uint8_t want_[64]; \
	size_t wn_ = test_unhex(hex, want_, sizeof want_); \
	CU_ASSERT_EQUAL((size_t)(len), wn_); \
	CU_ASSERT(wn_ == (size_t)(len) && memcmp((buf), want_, wn_) == 0); \
} while (0)

/* RFC 8448 section 3: "ClientHello (196 octets)", "ServerHello (90
 * octets)", and the server's handshake record "payload (657 octets)":
 * EncryptedExtensions, Certificate, CertificateVerify, Finished. */
static const char rfc8448_client_hello[] =
	"010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef"
	"6283024dece7000006130113031302010000910000000b000900000673657276"
	"6572ff01000100000a00140012001d0017001800190100010101020103010400"
	"230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e"
	"51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603"
	"020308040805080604010501060102010402050206020202002d00020101001c"
	"00024001";
static const char rfc8448_server_hello[] =
	"020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155"
	"772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdb"
	"f7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";
static const char rfc8448_server_flight[] =
	"080000240022000a00140012001d00170018001901000101010201030104001c"
	"00024001000000000b0001b9000001b50001b0308201ac30820115a003020102"
	"020102300d06092a864886f70d01010b0500300e310c300a0603550403130372"
	"7361301e170d3136303733303031323335395a170d3236303733303031323335"
	"395a300e310c300a0603550403130372736130819f300d06092a864886f70d01"
	"0101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c"
	"0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19e"
	"aa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e2"
	"2a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a"
	"8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304"
	"023000300b0603551d0f0404030205a0300d06092a864886f70d01010b050003"
	"81810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594"
	"365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd"
	"335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb"
	"2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b4"
	"2b4de100000f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f82"
	"4cd484145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef78"
	"0c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671"
	"459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda"
	"65cdf5aea20d53dfacd42f74f3140000209b9b141d906337fbd2cbdce71df4de"
	"da4ab42c309572cb7fffee5454b78f0718";

static uint8_t ch[196], sh[90], flight[657];

static void load_rfc8448(void)
{
	CU_ASSERT_EQUAL(test_unhex(rfc8448_client_hello, ch, sizeof ch), sizeof ch);
	CU_ASSERT_EQUAL(test_unhex(rfc8448_server_hello, sh, sizeof sh), sizeof sh);
	CU_ASSERT_EQUAL(test_unhex(rfc8448_server_flight, flight, sizeof flight), sizeof flight);
}

/* rfc8446#section-4.4.4: the server's Finished covers ClientHello ..
 * CertificateVerify; its base key is server_handshake_traffic_secret. */
static void test_tls13_server_finished(void)
{
	uint8_t th[32], base[32], vd[32];
	slice_t parts[3];

	load_rfc8448();
	parts[0] = slice_make(ch, sizeof ch);
	parts[1] = slice_make(sh, sizeof sh);
	parts[2] = slice_make(flight, sizeof flight - 36);   /* all but the Finished itself */
	hash_digestv(HASH_SHA256, parts, 3, th);
	test_unhex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", base, 32);
	CU_ASSERT_EQUAL(finished_tls13(HASH_SHA256, base, th, vd), ERR_OK);
	HEXEQ(vd, 32, "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
	/* ... which is what the server sent: Finished = 14 00 00 20 + verify_data */
	CU_ASSERT(memcmp(flight + sizeof flight - 32, vd, 32) == 0);
}

/* The client's Finished covers ClientHello .. server Finished; base key
 * client_handshake_traffic_secret. */
static void test_tls13_client_finished(void)
{
	uint8_t th[32], base[32], vd[32];
	slice_t parts[3];
	hash_ctx_t c;

	load_rfc8448();
	/* a running hash, fed message by message, as a transcript arrives */
	hash_init(&c, HASH_SHA256);
	hash_update(&c, ch, sizeof ch);
	hash_update(&c, sh, sizeof sh);
	hash_update(&c, flight, sizeof flight);
	hash_final(&c, th);
	HEXEQ(th, 32, "9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13");
	parts[0] = slice_make(ch, sizeof ch);
	parts[1] = slice_make(sh, sizeof sh);
	parts[2] = slice_make(flight, sizeof flight);
	hash_digestv(HASH_SHA256, parts, 3, vd);
	CU_ASSERT(memcmp(vd, th, 32) == 0);
	test_unhex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", base, 32);
	CU_ASSERT_EQUAL(finished_tls13(HASH_SHA256, base, th, vd), ERR_OK);
	HEXEQ(vd, 32, "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
	/* one bit of transcript changes everything: the check can fail */
	th[0] ^= 1;
	CU_ASSERT_EQUAL(finished_tls13(HASH_SHA256, base, th, vd), ERR_OK);
	CU_ASSERT(memcmp(vd, "\xa8\xec\x43\x6d", 4) != 0);
	CU_ASSERT_EQUAL(finished_tls13(HASH_MD5_SHA1, base, th, vd), ERR_UNSUPPORTED);
}

static uint8_t ms[48], hs[100];

/* The same handshake bytes, cut into pieces in different places, must
 * give the same verify_data. */
static void load_legacy(slice_t parts[3])
{
	size_t i;

	for (i = 0; i < sizeof ms; i++)
		ms[i] = (uint8_t)(100 + i);
	for (i = 0; i < sizeof hs; i++)
		hs[i] = (uint8_t)i;
	parts[0] = slice_make(hs, 37);
	parts[1] = slice_make(hs + 37, 0);
	parts[2] = slice_make(hs + 37, sizeof hs - 37);
}

static void test_tls12_finished(void)
{
	uint8_t vd[36];
	size_t n = 0;
	slice_t parts[3], whole;

	load_legacy(parts);
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS12, HASH_SHA256, ms, true, parts, 3, vd, &n), ERR_OK);
	CU_ASSERT_EQUAL(n, 12);
	HEXEQ(vd, n, "586dededf1f66888f1fe7824");
	whole = slice_make(hs, sizeof hs);
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS12, HASH_SHA256, ms, false, &whole, 1, vd, &n), ERR_OK);
	HEXEQ(vd, n, "24ddbbb47414e48cb40b1fdd");
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS12, HASH_SHA384, ms, false, parts, 3, vd, &n), ERR_OK);
	HEXEQ(vd, n, "6b7bc4eee7a97651558ce175");
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS12, HASH_MD5_SHA1, ms, false, parts, 3, vd, &n), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS13, HASH_SHA256, ms, false, parts, 3, vd, &n), ERR_UNSUPPORTED);
}

static void test_tls10_finished(void)
{
	uint8_t vd[36];
	size_t n = 0;
	slice_t parts[3];

	load_legacy(parts);
	/* TLS 1.0 and 1.1: MD5 || SHA-1 of the messages; h is ignored */
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS10, HASH_NONE, ms, true, parts, 3, vd, &n), ERR_OK);
	CU_ASSERT_EQUAL(n, 12);
	HEXEQ(vd, n, "8829a8007f625fc80cc420d9");
	CU_ASSERT_EQUAL(finished_tls12(VER_TLS11, HASH_SHA256, ms, false, parts, 3, vd, &n), ERR_OK);
	HEXEQ(vd, n, "e073e43414e37650598ca516");
}

static void test_ssl3_finished(void)
{
	uint8_t vd[36];
	size_t n = 0;
	slice_t parts[3];

	load_legacy(parts);
	CU_ASSERT_EQUAL(finished_tls12(VER_SSL30, HASH_NONE, ms, true, parts, 3, vd, &n), ERR_OK);
	CU_ASSERT_EQUAL(n, 36);
	HEXEQ(vd, n, "aa6ef31292901a0956df77ee33fc23978a9c10fb669d67014f0bf585ec6043cd4a8ddd1c");
	CU_ASSERT_EQUAL(finished_tls12(VER_SSL30, HASH_NONE, ms, false, parts, 3, vd, &n), ERR_OK);
	HEXEQ(vd, n, "35be11d9293220818a18ed9381fe17ad74671c90aa9cc79b8f3d0fb71502efc54f4f6c8e");
}

static const test_case_t cases[] = {
	{ "tls13_server_finished_rfc8448", test_tls13_server_finished },
	{ "tls13_client_finished_rfc8448", test_tls13_client_finished },
	{ "tls12_finished", test_tls12_finished },
	{ "tls10_tls11_finished", test_tls10_finished },
	{ "ssl3_finished", test_ssl3_finished },
	{ NULL, NULL }
};

const test_suite_t test_finished_suite = { "finished", cases };
