/* test_derive.c - the intermediates the crypto layer hands back
 * (src/crypto/derive.c, prf_traced and the traces of prf.c and keys.c):
 * PRF A(i) and blocks, the Finished's label, transcript hash and key, the
 * HelloRetryRequest message_hash, the KeyUpdate secret.  Each is checked
 * against a value computed here independently with nettle's own HMAC and
 * hashes (the RFC formulas written out again), and the PRF output against
 * the published TLS 1.2 PRF vector already used in test_prf.c
 * (secret 9bbe436b..., label "test label", seed a0ba9f93...). */
#include <string.h>
#include <nettle/hmac.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include "testing.h"
#include "crypto/derive.h"
#include "crypto/keys.h"
#include "tls/registry.h"

/* HMAC-SHA-256 / -384 of up to three pieces, with nettle directly. */
static void t_hmac(size_t hl, const uint8_t *key, size_t klen, const uint8_t *a, size_t alen,
		   const uint8_t *b, size_t blen, const uint8_t *c, size_t clen, uint8_t *out)
{
	if (hl == 32) {
		struct hmac_sha256_ctx x;
		hmac_sha256_set_key(&x, klen, key);
		hmac_sha256_update(&x, alen, a);
		hmac_sha256_update(&x, blen, b);
		hmac_sha256_update(&x, clen, c);
		hmac_sha256_digest(&x, 32, out);
	} else {
		struct hmac_sha384_ctx x;
		hmac_sha384_set_key(&x, klen, key);
		hmac_sha384_update(&x, alen, a);
		hmac_sha384_update(&x, blen, b);
		hmac_sha384_update(&x, clen, c);
		hmac_sha384_digest(&x, 48, out);
	}
}

/* RFC 5246 5, written out: A(1) = HMAC(secret, label + seed), block i =
 * HMAC(secret, A(i) + label + seed), A(i+1) = HMAC(secret, A(i)); the trace
 * must hold exactly these, and out must be the blocks joined. */
static void t_check_trace(const prf_trace_t *t, size_t hl, const uint8_t *secret, size_t slen,
			  const char *label, const uint8_t *seed, size_t seedlen, const uint8_t *out, size_t outlen)
{
	uint8_t a[48], block[48], next[48];
	size_t i, ll = strlen(label);

	CU_ASSERT_EQUAL(t->hash_len, hl);
	CU_ASSERT_EQUAL(t->nblocks, (outlen + hl - 1) / hl);
	CU_ASSERT_STRING_EQUAL(t->label, label);
	CU_ASSERT(t->seed_len == seedlen && memcmp(t->seed, seed, seedlen) == 0);
	t_hmac(hl, secret, slen, (const uint8_t *)label, ll, seed, seedlen, NULL, 0, a);
	for (i = 0; i < t->nblocks && i < PRF_TRACE_MAX; i++) {
		size_t take = outlen - i * hl < hl ? outlen - i * hl : hl;

		t_hmac(hl, secret, slen, a, hl, (const uint8_t *)label, ll, seed, seedlen, block);
		CU_ASSERT(memcmp(t->a[i], a, hl) == 0);
		CU_ASSERT(memcmp(t->block[i], block, hl) == 0);
		CU_ASSERT(memcmp(out + i * hl, block, take) == 0);
		t_hmac(hl, secret, slen, a, hl, NULL, 0, NULL, 0, next);
		memcpy(a, next, hl);
	}
}

static void test_prf_trace_vector(void)
{
	uint8_t secret[16], seed[16], out[100], want[32];
	prf_trace_t t;

	test_unhex("9bbe436ba940f017b17652849a71db35", secret, sizeof secret);
	test_unhex("a0ba9f936cda311827a6f796ffd5198c", seed, sizeof seed);
	test_unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a", want, sizeof want);
	CU_ASSERT_EQUAL(prf_traced(VER_TLS12, HASH_SHA256, secret, 16, "test label", seed, 16, out, sizeof out, &t),
			ERR_OK);
	CU_ASSERT(memcmp(out, want, 32) == 0);
	CU_ASSERT_EQUAL(t.alg, HASH_SHA256);
	CU_ASSERT_EQUAL(t.nblocks, 4);
	t_check_trace(&t, 32, secret, 16, "test label", seed, 16, out, sizeof out);
	/* Before TLS 1.2 there is no single P_hash: label and seed only. */
	CU_ASSERT_EQUAL(prf_traced(VER_TLS10, HASH_MD5_SHA1, secret, 16, "test label", seed, 16, out, 32, &t), ERR_OK);
	CU_ASSERT_EQUAL(t.alg, HASH_NONE);
	CU_ASSERT_EQUAL(t.nblocks, 0);
	CU_ASSERT_STRING_EQUAL(t.label, "test label");
	CU_ASSERT_EQUAL(prf_traced(VER_TLS12, HASH_MD5_SHA1, secret, 16, "x", seed, 16, out, 32, &t), ERR_UNSUPPORTED);
}

static void test_master_trace(void)
{
	uint8_t pms[48], cr[32], sr[32], seed[64], sh[48], ms[48], ms2[48];
	prf_trace_t t;
	size_t i;

	for (i = 0; i < 48; i++)
		pms[i] = (uint8_t)(3 + i), sh[i] = (uint8_t)(200 - i);
	for (i = 0; i < 32; i++)
		cr[i] = (uint8_t)(i * 7), sr[i] = (uint8_t)(255 - i);
	memcpy(seed, cr, 32);
	memcpy(seed + 32, sr, 32);
	/* RFC 5246 8.1, SHA-256: two blocks, 48 bytes. */
	CU_ASSERT_EQUAL(derive_master(VER_TLS12, HASH_SHA256, pms, 48, cr, sr, NULL, 0, ms, &t), ERR_OK);
	t_check_trace(&t, 32, pms, 48, "master secret", seed, 64, ms, 48);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS12, HASH_SHA256, pms, 48, cr, sr, NULL, 0, ms2), ERR_OK);
	CU_ASSERT(memcmp(ms, ms2, 48) == 0);
	/* RFC 7627 4 with SHA-384: one block is the whole master. */
	CU_ASSERT_EQUAL(derive_master(VER_TLS12, HASH_SHA384, pms, 48, cr, sr, sh, 48, ms, &t), ERR_OK);
	CU_ASSERT_EQUAL(t.nblocks, 1);
	t_check_trace(&t, 48, pms, 48, "extended master secret", sh, 48, ms, 48);
	/* TLS 1.0: the same master as without a trace, no blocks kept. */
	CU_ASSERT_EQUAL(derive_master(VER_TLS10, HASH_MD5_SHA1, pms, 48, cr, sr, NULL, 0, ms, &t), ERR_OK);
	CU_ASSERT_EQUAL(prf_master_secret(VER_TLS10, HASH_MD5_SHA1, pms, 48, cr, sr, NULL, 0, ms2), ERR_OK);
	CU_ASSERT(memcmp(ms, ms2, 48) == 0);
	CU_ASSERT_EQUAL(t.nblocks, 0);
	CU_ASSERT_EQUAL(t.seed_len, 64);
}

/* RFC 5246 6.3: the key block's trace, seed server_random + client_random. */
static void test_key_block_trace(void)
{
	const suite_info_t *s = suite_find(0x003c);   /* TLS_RSA_WITH_AES_128_CBC_SHA256 */
	uint8_t ms[48], cr[32], sr[32], seed[64];
	keys_t k;
	prf_trace_t kt;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < 48; i++)
		ms[i] = (uint8_t)(i ^ 0x5a);
	for (i = 0; i < 32; i++)
		cr[i] = (uint8_t)i, sr[i] = (uint8_t)(i + 100);
	memcpy(seed, sr, 32);
	memcpy(seed + 32, cr, 32);
	CU_ASSERT_EQUAL_FATAL(keys_from_master_traced(VER_TLS12, s, ms, cr, sr, &k, &kt), ERR_OK);
	/* RFC 5246 6.3: two MAC keys and two write keys; a TLS 1.2 CBC record
	 * carries its own IV, so fixed_iv_length is 0 and no IV is cut */
	CU_ASSERT_EQUAL(k.block_len, 2 * (32 + 16));
	CU_ASSERT_EQUAL(k.client.iv_len, 0);
	CU_ASSERT_EQUAL(k.server.iv_len, 0);
	t_check_trace(&kt, 32, ms, 48, "key expansion", seed, 64, k.block, k.block_len);
	/* TLS 1.0 cuts the first record's IV from the key block too */
	CU_ASSERT_EQUAL_FATAL(keys_from_master(VER_TLS10, s ? suite_find(0x002f) : NULL, ms, cr, sr, &k), ERR_OK);
	CU_ASSERT_EQUAL(k.block_len, 2 * (20 + 16 + 16));   /* TLS_RSA_WITH_AES_128_CBC_SHA */
	CU_ASSERT_EQUAL(k.client.iv_len, 16);
}

static void t_sha256(const slice_t *parts, size_t n, uint8_t out[32])
{
	struct sha256_ctx c;
	size_t i;

	sha256_init(&c);
	for (i = 0; i < n; i++)
		sha256_update(&c, parts[i].len, parts[i].ptr);
	sha256_digest(&c, 32, out);
}

/* RFC 5246 7.4.9: verify_data = PRF(master, label, Hash(messages))[0..11]. */
static void test_finished12(void)
{
	uint8_t ms[48], m1[40], m2[90], th[32], a[32], block[32];
	slice_t parts[2] = { { m1, sizeof m1 }, { m2, sizeof m2 } };
	derive_fin_t d;
	size_t i;

	for (i = 0; i < sizeof ms; i++)
		ms[i] = (uint8_t)(100 + i);
	for (i = 0; i < sizeof m1; i++)
		m1[i] = (uint8_t)(i * 3);
	for (i = 0; i < sizeof m2; i++)
		m2[i] = (uint8_t)(i + 9);
	t_sha256(parts, 2, th);
	CU_ASSERT_EQUAL_FATAL(derive_finished(VER_TLS12, HASH_SHA256, false, ms, 48, parts, 2, &d), ERR_OK);
	CU_ASSERT_STRING_EQUAL(d.label, "server finished");
	CU_ASSERT(d.transcript_hash_len == 32 && memcmp(d.transcript_hash, th, 32) == 0);
	CU_ASSERT(d.key_len == 48 && memcmp(d.key, ms, 48) == 0);
	t_hmac(32, ms, 48, (const uint8_t *)"server finished", 15, th, 32, NULL, 0, a);
	t_hmac(32, ms, 48, a, 32, (const uint8_t *)"server finished", 15, th, 32, block);
	CU_ASSERT(d.expected_len == 12 && memcmp(d.expected, block, 12) == 0);
	CU_ASSERT_EQUAL(derive_finished(VER_TLS12, HASH_SHA256, true, ms, 48, parts, 2, &d), ERR_OK);
	CU_ASSERT_STRING_EQUAL(d.label, "client finished");
	CU_ASSERT(memcmp(d.expected, block, 12) != 0);
	/* TLS 1.0: the transcript hash is MD5 + SHA-1 (RFC 2246 7.4.9). */
	{
		struct md5_ctx m;
		struct sha1_ctx s;
		uint8_t want[36];

		md5_init(&m);
		sha1_init(&s);
		for (i = 0; i < 2; i++) {
			md5_update(&m, parts[i].len, parts[i].ptr);
			sha1_update(&s, parts[i].len, parts[i].ptr);
		}
		md5_digest(&m, 16, want);
		sha1_digest(&s, 20, want + 16);
		CU_ASSERT_EQUAL(derive_finished(VER_TLS10, HASH_MD5_SHA1, true, ms, 48, parts, 2, &d), ERR_OK);
		CU_ASSERT(d.transcript_hash_len == 36 && memcmp(d.transcript_hash, want, 36) == 0);
	}
	CU_ASSERT_EQUAL(derive_finished(VER_TLS12, HASH_MD5_SHA1, true, ms, 48, parts, 2, &d), ERR_UNSUPPORTED);
	CU_ASSERT_EQUAL(derive_finished(VER_TLS12, HASH_SHA256, true, ms, 32, parts, 2, &d), ERR_BAD_LENGTH);
}

/* RFC 8446 4.4.4 and 7.1: finished_key = HKDF-Expand-Label(base,
 * "finished", "", 32) = HMAC(base, HkdfLabel + 0x01) for one block;
 * verify_data = HMAC(finished_key, transcript hash). */
static void test_finished13(void)
{
	static const uint8_t info[] = { 0x00, 0x20, 14, 't', 'l', 's', '1', '3', ' ',
					'f', 'i', 'n', 'i', 's', 'h', 'e', 'd', 0x00, 0x01 };
	uint8_t base[32], msg[70], th[32], fk[32], vd[32];
	slice_t part = { msg, sizeof msg };
	derive_fin_t d;
	size_t i;

	for (i = 0; i < sizeof base; i++)
		base[i] = (uint8_t)(i * 11);
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(250 - i);
	t_sha256(&part, 1, th);
	t_hmac(32, base, 32, info, sizeof info, NULL, 0, NULL, 0, fk);
	t_hmac(32, fk, 32, th, 32, NULL, 0, NULL, 0, vd);
	CU_ASSERT_EQUAL_FATAL(derive_finished(VER_TLS13, HASH_SHA256, true, base, 32, &part, 1, &d), ERR_OK);
	CU_ASSERT_STRING_EQUAL(d.label, "finished");
	CU_ASSERT(d.transcript_hash_len == 32 && memcmp(d.transcript_hash, th, 32) == 0);
	CU_ASSERT(d.key_len == 32 && memcmp(d.key, fk, 32) == 0);
	CU_ASSERT(d.expected_len == 32 && memcmp(d.expected, vd, 32) == 0);
	/* A base of the wrong length: refused, the transcript hash still kept. */
	CU_ASSERT_EQUAL(derive_finished(VER_TLS13, HASH_SHA256, true, base, 31, &part, 1, &d), ERR_BAD_LENGTH);
	CU_ASSERT(d.transcript_hash_len == 32 && memcmp(d.transcript_hash, th, 32) == 0);
	CU_ASSERT_EQUAL(d.expected_len, 0);
}

/* RFC 8446 4.4.1 message_hash; RFC 8446 7.2 "traffic upd"; the ticket id. */
static void test_message_hash_and_update(void)
{
	static const uint8_t info[] = { 0x00, 0x20, 17, 't', 'l', 's', '1', '3', ' ', 't', 'r', 'a', 'f', 'f', 'i',
					'c', ' ', 'u', 'p', 'd', 0x00, 0x01 };
	const suite_info_t *s = suite_find(0x1301);   /* TLS_AES_128_GCM_SHA256 */
	uint8_t ch[123], mh[4 + HASH_MAX_LEN], want[32], secret[32], next[32], id[32];
	slice_t part = { ch, sizeof ch };
	size_t i;

	for (i = 0; i < sizeof ch; i++)
		ch[i] = (uint8_t)(i * 5 + 1);
	for (i = 0; i < sizeof secret; i++)
		secret[i] = (uint8_t)(i + 40);
	t_sha256(&part, 1, want);
	CU_ASSERT_EQUAL(derive_message_hash(HASH_SHA256, ch, sizeof ch, mh), 36);
	CU_ASSERT(mh[0] == 254 && mh[1] == 0 && mh[2] == 0 && mh[3] == 32);
	CU_ASSERT(memcmp(mh + 4, want, 32) == 0);
	derive_ticket_id(ch, sizeof ch, id);
	CU_ASSERT(memcmp(id, want, 32) == 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	t_hmac(32, secret, 32, info, sizeof info, NULL, 0, NULL, 0, want);
	CU_ASSERT_EQUAL(keys_next_traffic_secret(s, secret, 32, next), ERR_OK);
	CU_ASSERT(memcmp(next, want, 32) == 0);
	CU_ASSERT_EQUAL(keys_next_traffic_secret(s, secret, 48, next), ERR_BAD_LENGTH);
}

static const test_case_t cases[] = {
	{ "PRF trace: the published vector, A(i) and blocks by nettle HMAC", test_prf_trace_vector },
	{ "master secret: PRF trace (classic, EMS SHA-384, TLS 1.0)", test_master_trace },
	{ "key block: PRF trace", test_key_block_trace },
	{ "Finished TLS 1.0-1.2: label, transcript hash, key, expected", test_finished12 },
	{ "Finished TLS 1.3: finished_key and verify_data", test_finished13 },
	{ "message_hash, ticket id, KeyUpdate secret", test_message_hash_and_update },
	{ NULL, NULL }
};

const test_suite_t test_derive_suite = { "crypto intermediates (derive)", cases };
