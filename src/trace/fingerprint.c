/* fingerprint.c - JA3, JA3S and JA4 (see fingerprint.h).
 *
 * Specifications followed: Salesforce's JA3 README ("SSLVersion,Cipher,
 * SSLExtension,EllipticCurve,EllipticCurvePointFormat", "the decimal values
 * of the bytes", fields joined by ',' and values by '-', GREASE ignored);
 * FoxIO's technical_details/JA4.md (JA4_a, JA4_b, JA4_c and JA4_r). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fingerprint.h"
#include "base/cursor.h"
#include "base/strfmt.h"
#include "crypto/digest.h"

enum { FP_EXT_SERVER_NAME = 0x0000, FP_EXT_ALPN = 0x0010 };

/* A list of 16-bit values out of a kept extension: `lenbytes` of length,
 * then `elem`-byte values (1: ec_point_formats, 2: the others).  The parser
 * has checked the layout; a short one ends the list quietly. */
typedef struct {
	cursor_t c;
	unsigned elem;
} fp_list_t;

static fp_list_t fp_list(const msg_t *m, span_t s, unsigned lenbytes, unsigned elem)
{
	fp_list_t l = { cursor_make(NULL, 0), elem };
	cursor_t all;

	if (!s.len)
		return l;
	all = cursor_make(msg_span(m, s).ptr, s.len);
	if (cursor_open(&all, lenbytes, &l.c) != ERR_OK)
		l.c = cursor_make(NULL, 0);
	return l;
}

static bool fp_next(fp_list_t *l, uint16_t *v)
{
	uint8_t b;

	if (l->elem == 1) {
		if (cursor_u8(&l->c, &b) != ERR_OK)
			return false;
		*v = b;
		return true;
	}
	return cursor_u16(&l->c, v) == ERR_OK;
}

/* The strings are written through a char pointer into room reserved once
 * (fp_room): a handshake has a hundred values, and a call, a capacity check
 * or a printf for each cost more than the hashing. */

/* Makes room for n more characters and a NUL; the write position, or NULL. */
static char *fp_room(buf_t *b, size_t n)
{
	if (n > SIZE_MAX - 1 || buf_reserve(b, n + 1) != ERR_OK)
		return NULL;
	return (char *)b->ptr + b->len;
}

/* Writes sep (if not NUL) and v in decimal (at most 6 characters), or as 4
 * lowercase hex digits; the new end. */
static char *fp_put(char *p, char sep, uint16_t v, bool hex)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[5], *t = tmp + sizeof tmp;
	int i;

	if (sep)
		*p++ = sep;
	if (hex) {
		for (i = 3; i >= 0; i--, v >>= 4)
			p[i] = digits[v & 15];
		return p + 4;
	}
	do {
		*--t = digits[v % 10];
		v /= 10;
	} while (v);
	memcpy(p, t, (size_t)(tmp + sizeof tmp - t));
	return p + (tmp + sizeof tmp - t);
}

/* The non-GREASE values of v, in decimal, joined by '-'. */
static char *fp_dec_list(char *p, const uint16_t *v, size_t n)
{
	bool first = true;
	size_t i;

	for (i = 0; i < n; i++) {
		if (grease_is(v[i]))
			continue;
		p = fp_put(p, first ? 0 : '-', v[i], false);
		first = false;
	}
	return p;
}

static char *fp_dec_span(char *p, fp_list_t l)
{
	bool first = true;
	uint16_t v;

	while (fp_next(&l, &v)) {
		if (l.elem == 2 && grease_is(v))
			continue;
		p = fp_put(p, first ? 0 : '-', v, false);
		first = false;
	}
	return p;
}

/* Ends the text written up to p (NUL after it, not counted) and hashes it. */
static err_t fp_finish(buf_t *full, char *p, char md5[33])
{
	*p = '\0';
	full->len = (size_t)(p - (char *)full->ptr);
	digest_md5_hex(full->ptr, full->len, md5);
	return ERR_OK;
}

err_t fp_ja3(const msg_t *ch, buf_t *full, char md5[33])
{
	const msg_hello_t *hl = &ch->hello;
	char *p;

	md5[0] = '\0';
	full->len = 0;
	ENSURE(ch->type == CT_HANDSHAKE && ch->hs_type == HS_CLIENT_HELLO && !ch->opaque && !hl->sslv2,
	       ERR_BAD_VALUE);
	/* six characters a value at most ("65535-"); a point format is a byte */
	p = fp_room(full, 6 * (1 + hl->nsuites + hl->nexts + hl->groups.len / 2 + hl->point_formats.len) + 4);
	ENSURE(p, ERR_NOMEM);
	p = fp_put(p, 0, hl->legacy_version, false);
	*p++ = ',';
	p = fp_dec_list(p, hl->suites, hl->nsuites);
	*p++ = ',';
	p = fp_dec_list(p, hl->exts, hl->nexts);
	*p++ = ',';
	/* RFC 8446 4.2.7: NamedGroup named_group_list<2..2^16-1>; */
	p = fp_dec_span(p, fp_list(ch, hl->groups, 2, 2));
	*p++ = ',';
	/* RFC 8422 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>; */
	p = fp_dec_span(p, fp_list(ch, hl->point_formats, 1, 1));
	return fp_finish(full, p, md5);
}

err_t fp_ja3s(const msg_t *sh, buf_t *full, char md5[33])
{
	const msg_hello_t *hl = &sh->hello;
	char *p;

	md5[0] = '\0';
	full->len = 0;
	ENSURE(sh->type == CT_HANDSHAKE && sh->hs_type == HS_SERVER_HELLO && !sh->opaque, ERR_BAD_VALUE);
	p = fp_room(full, 6 * (2 + hl->nexts));
	ENSURE(p, ERR_NOMEM);
	p = fp_put(p, 0, hl->legacy_version, false);
	p = fp_put(p, ',', hl->suite, false);
	*p++ = ',';
	p = fp_dec_list(p, hl->exts, hl->nexts);
	return fp_finish(full, p, md5);
}

/* ---- JA4 ---- */

/* JA4.md "TLS and DTLS Version": the highest non-GREASE supported_versions
 * value, else the hello's version; unknown: "00". */
static const char *fp_ja4_version(const msg_hello_t *hl)
{
	static const struct { uint16_t v; const char *s; } names[] = {
		{ 0x0304, "13" }, { 0x0303, "12" }, { 0x0302, "11" }, { 0x0301, "10" },
		{ 0x0300, "s3" }, { 0x0002, "s2" }, { 0xfeff, "d1" }, { 0xfefd, "d2" }, { 0xfefc, "d3" },
	};
	uint16_t best = 0;
	bool have = false;
	size_t i;

	for (i = 0; i < hl->nversions; i++)
		if (!grease_is(hl->versions[i]) && (!have || hl->versions[i] > best)) {
			best = hl->versions[i];
			have = true;
		}
	if (!have)
		best = hl->legacy_version;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].v == best)
			return names[i].s;
	return "00";
}

static bool fp_alnum(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* JA4.md "ALPN Extension Value": the first and last characters of the
 * first protocol name; "00" without one; when its first or last byte is
 * not ASCII alphanumeric, the first and last characters of its hex. */
static void fp_ja4_alpn(const msg_t *ch, char out[3])
{
	static const char hex[] = "0123456789abcdef";
	cursor_t list = cursor_make(NULL, 0), all;
	slice_t name;
	uint8_t n, a, z;

	out[0] = out[1] = '0';
	out[2] = '\0';
	if (!ch->hello.alpn.len)
		return;
	/* RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>; opaque ProtocolName<1..2^8-1>; */
	all = cursor_make(msg_span(ch, ch->hello.alpn).ptr, ch->hello.alpn.len);
	if (cursor_open(&all, 2, &list) != ERR_OK || cursor_u8(&list, &n) != ERR_OK || n == 0 ||
	    cursor_bytes(&list, n, &name) != ERR_OK)
		return;
	a = name.ptr[0];
	z = name.ptr[name.len - 1];
	if (fp_alnum(a) && fp_alnum(z)) {
		out[0] = (char)a;
		out[1] = (char)z;
	} else {
		out[0] = hex[a >> 4];
		out[1] = hex[z & 15];
	}
}

static int fp_cmp_u16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

enum { FP_STACK = 256 };     /* list lengths sorted without an allocation */

/* The non-GREASE values of v, without SNI and ALPN when `skip` (the
 * extensions list), sorted, into *out: stack (FP_STACK values) when they
 * fit, else allocated (the caller frees *out if it is not stack). */
static size_t fp_sorted(const uint16_t *v, size_t n, bool skip, uint16_t *stack, uint16_t **out)
{
	size_t i, k = 0;

	*out = n <= FP_STACK ? stack : malloc(n * sizeof **out);
	if (!*out)
		return 0;
	for (i = 0; i < n; i++)
		if (!grease_is(v[i]) && !(skip && (v[i] == FP_EXT_SERVER_NAME || v[i] == FP_EXT_ALPN)))
			(*out)[k++] = v[i];
	/* A hello's lists are short: insertion sort, no allocation; a hostile
	 * one of thousands goes to qsort (no square). */
	if (k > 64) {
		qsort(*out, k, sizeof **out, fp_cmp_u16);
		return k;
	}
	for (i = 1; i < k; i++) {
		uint16_t x = (*out)[i];
		size_t j = i;

		for (; j > 0 && (*out)[j - 1] > x; j--)
			(*out)[j] = (*out)[j - 1];
		(*out)[j] = x;
	}
	return k;
}

static void fp_unsorted(uint16_t *a, const uint16_t *a_stack, uint16_t *b, const uint16_t *b_stack)
{
	if (a != a_stack)
		free(a);
	if (b != b_stack)
		free(b);
}

static char *fp_hex_list(char *p, const uint16_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p = fp_put(p, i ? ',' : 0, v[i], true);
	return p;
}

/* Two decimal digits (n <= 99). */
static char *fp_two(char *p, size_t n)
{
	p[0] = (char)('0' + n / 10);
	p[1] = (char)('0' + n % 10);
	return p + 2;
}

static size_t fp_count(const uint16_t *v, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += !grease_is(v[i]);
	return k > 99 ? 99 : k;
}

err_t fp_ja4(const msg_t *ch, char ja4[FP_JA4_LEN + 1], buf_t *raw)
{
	const msg_hello_t *hl = &ch->hello;
	uint16_t suites_stack[FP_STACK], exts_stack[FP_STACK];
	uint16_t *suites = NULL, *exts = NULL, v;
	size_t nsuites, nexts, i, b_at, c_at;
	char alpn[3], hb[13], hc[13], *p, *start;
	fp_list_t sigs;
	bool first = true;

	ja4[0] = '\0';
	raw->len = 0;
	ENSURE(ch->type == CT_HANDSHAKE && ch->hs_type == HS_CLIENT_HELLO && !ch->opaque, ERR_BAD_VALUE);
	nsuites = fp_sorted(hl->suites, hl->nsuites, false, suites_stack, &suites);
	nexts = fp_sorted(hl->exts, hl->nexts, true, exts_stack, &exts);
	if (!suites || !exts) {
		fp_unsorted(suites, suites_stack, exts, exts_stack);
		return ERR_NOMEM;
	}
	fp_ja4_alpn(ch, alpn);
	/* five characters a value ("002f,"), a signature algorithm a 2-byte pair */
	p = start = fp_room(raw, 16 + 5 * (nsuites + nexts + hl->sig_algs.len / 2));
	if (!p) {
		fp_unsorted(suites, suites_stack, exts, exts_stack);
		return ERR_NOMEM;
	}
	/* JA4_a: the protocol (JA4.md: "t" TLS over TCP, "d" DTLS, "q"
	 * QUIC), version, d|i, ciphers, extensions (GREASE not counted; SNI
	 * and ALPN are), ALPN */
	for (i = 0; i < hl->nexts && hl->exts[i] != FP_EXT_SERVER_NAME; i++)
		;
	*p++ = ch->dtls ? 'd' : 't';
	memcpy(p, fp_ja4_version(hl), 2);
	p += 2;
	*p++ = i < hl->nexts ? 'd' : 'i';
	p = fp_two(p, fp_count(hl->suites, hl->nsuites));
	p = fp_two(p, fp_count(hl->exts, hl->nexts));
	memcpy(p, alpn, 2);
	p += 2;
	*p++ = '_';
	/* JA4_b: the sorted cipher list */
	b_at = (size_t)(p - start);
	p = fp_hex_list(p, suites, nsuites);
	*p++ = '_';
	/* JA4_c: the sorted extensions without SNI and ALPN, then '_' and the
	 * signature algorithms in their order, if there are any */
	c_at = (size_t)(p - start);
	p = fp_hex_list(p, exts, nexts);
	sigs = fp_list(ch, hl->sig_algs, 2, 2);
	while (fp_next(&sigs, &v)) {
		if (grease_is(v))
			continue;
		p = fp_put(p, first ? '_' : ',', v, true);
		first = false;
	}
	*p = '\0';
	raw->len = (size_t)(p - start);
	/* "If there are no ciphers in the sorted cipher list, then the value of
	 * JA4_b is set to 000000000000"; likewise JA4_c without extensions. */
	if (nsuites)
		digest_sha256_hex12(raw->ptr + b_at, c_at - 1 - b_at, hb);
	else
		memcpy(hb, "000000000000", 13);
	if (nexts)
		digest_sha256_hex12(raw->ptr + c_at, raw->len - c_at, hc);
	else
		memcpy(hc, "000000000000", 13);
	memcpy(ja4, raw->ptr, b_at);
	memcpy(ja4 + b_at, hb, 12);
	ja4[b_at + 12] = '_';
	memcpy(ja4 + b_at + 13, hc, 13);
	fp_unsorted(suites, suites_stack, exts, exts_stack);
	return ERR_OK;
}

/* ---- the handshake's ---- */

/* Clients repeat themselves: a capture holds thousands of handshakes from
 * a few client builds, each ClientHello giving the same JA3 and JA4.  A
 * small per-thread cache keyed by every byte the two read (the lists, the
 * extension bodies they use, the version fields, DTLS or not) gives the
 * strings again without building and hashing them; the key is compared
 * whole, never by a hash of it, so a crafted hello cannot borrow another
 * client's fingerprint. */
enum { FP_CACHE_SLOTS = 64, FP_CACHE_KEY = 768, FP_CACHE_TEXT = 1024 };

typedef struct {
	size_t key_len;          /* 0: empty slot */
	uint8_t key[FP_CACHE_KEY];
	char ja3[33], ja4[FP_JA4_LEN + 1];
	size_t ja3_len, ja4_len;
	char ja3_full[FP_CACHE_TEXT], ja4_r[FP_CACHE_TEXT];
} fp_cache_slot_t;

static _Thread_local fp_cache_slot_t *fp_cache;   /* FP_CACHE_SLOTS of them, or NULL */
static pthread_key_t fp_cache_key;                /* frees a thread's cache when it ends */
static pthread_once_t fp_cache_once = PTHREAD_ONCE_INIT;

static void fp_cache_init(void)
{
	(void)pthread_key_create(&fp_cache_key, free);
}

static bool fp_key_put(uint8_t *key, size_t *n, const void *p, size_t len)
{
	if (len > FP_CACHE_KEY - *n - 2)
		return false;
	key[(*n)++] = (uint8_t)(len >> 8);
	key[(*n)++] = (uint8_t)len;
	if (len)
		memcpy(key + *n, p, len);
	*n += len;
	return true;
}

/* The cache key of a ClientHello: false when it is too long to cache. */
static bool fp_key(const msg_t *ch, uint8_t *key, size_t *n)
{
	const msg_hello_t *hl = &ch->hello;
	uint8_t head[4] = { (uint8_t)(ch->dtls ? 1 : 0), (uint8_t)(hl->sslv2 ? 1 : 0),
			    (uint8_t)(hl->legacy_version >> 8), (uint8_t)hl->legacy_version };

	*n = 0;
	return fp_key_put(key, n, head, sizeof head) &&
	       fp_key_put(key, n, hl->suites, hl->nsuites * sizeof *hl->suites) &&
	       fp_key_put(key, n, hl->exts, hl->nexts * sizeof *hl->exts) &&
	       fp_key_put(key, n, hl->versions, hl->nversions * sizeof *hl->versions) &&
	       fp_key_put(key, n, msg_span(ch, hl->groups).ptr, hl->groups.len) &&
	       fp_key_put(key, n, msg_span(ch, hl->point_formats).ptr, hl->point_formats.len) &&
	       fp_key_put(key, n, msg_span(ch, hl->sig_algs).ptr, hl->sig_algs.len) &&
	       fp_key_put(key, n, msg_span(ch, hl->alpn).ptr, hl->alpn.len);
}

static uint32_t fp_key_slot(const uint8_t *key, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ key[i]) * 16777619u;
	return h % FP_CACHE_SLOTS;
}

/* JA3 and JA4 of ch into f, from the cache or made (and then kept). */
static err_t fp_client(const msg_t *ch, fp_t *f)
{
	uint8_t key[FP_CACHE_KEY];
	fp_cache_slot_t *c = NULL;
	size_t n;
	err_t e;

	if (!fp_cache && pthread_once(&fp_cache_once, fp_cache_init) == 0) {
		fp_cache = calloc(FP_CACHE_SLOTS, sizeof *fp_cache);
		if (fp_cache)
			(void)pthread_setspecific(fp_cache_key, fp_cache);
	}
	if (fp_cache && fp_key(ch, key, &n)) {
		c = &fp_cache[fp_key_slot(key, n)];
		if (c->key_len == n && memcmp(c->key, key, n) == 0) {
			memcpy(f->ja3, c->ja3, sizeof f->ja3);
			memcpy(f->ja4, c->ja4, sizeof f->ja4);
			f->ja3_full.len = f->ja4_r.len = 0;
			if ((c->ja3_len && buf_append(&f->ja3_full, c->ja3_full, c->ja3_len + 1) != ERR_OK) ||
			    (c->ja4_len && buf_append(&f->ja4_r, c->ja4_r, c->ja4_len + 1) != ERR_OK))
				return ERR_NOMEM;
			f->ja3_full.len = c->ja3_len;   /* the NUL stays after the text */
			f->ja4_r.len = c->ja4_len;
			return ERR_OK;
		}
	}
	e = fp_ja4(ch, f->ja4, &f->ja4_r);
	if (e == ERR_NOMEM)
		return e;
	e = fp_ja3(ch, &f->ja3_full, f->ja3);
	if (e == ERR_NOMEM)
		return e;
	if (c && f->ja3_full.len < FP_CACHE_TEXT && f->ja4_r.len < FP_CACHE_TEXT) {
		c->key_len = n;
		memcpy(c->key, key, n);
		memcpy(c->ja3, f->ja3, sizeof c->ja3);
		memcpy(c->ja4, f->ja4, sizeof c->ja4);
		c->ja3_len = f->ja3_full.len;
		c->ja4_len = f->ja4_r.len;
		if (c->ja3_len)
			memcpy(c->ja3_full, f->ja3_full.ptr, c->ja3_len + 1);
		if (c->ja4_len)
			memcpy(c->ja4_r, f->ja4_r.ptr, c->ja4_len + 1);
	}
	return ERR_OK;
}

void fp_cache_free(void)
{
	free(fp_cache);
	fp_cache = NULL;
	if (pthread_once(&fp_cache_once, fp_cache_init) == 0)
		(void)pthread_setspecific(fp_cache_key, NULL);
}

err_t fp_handshake(const handshake_t *h, fp_t *f)
{
	const msg_t *ch = NULL, *sh = NULL;
	size_t i;

	for (i = 0; i < h->nmsgs; i++) {
		const msg_t *m = h->msgs[i];
		if (m->type != CT_HANDSHAKE || m->opaque || m->unparsed)
			continue;
		if (m->sender == SIDE_CLIENT && m->hs_type == HS_CLIENT_HELLO && !ch)
			ch = m;
		else if (m->sender == SIDE_SERVER && m->hs_type == HS_SERVER_HELLO && (!sh || sh->hello.is_hrr))
			sh = m;
	}
	f->client_hello = NULL;
	f->server_hello = NULL;
	f->ja3[0] = f->ja3s[0] = f->ja4[0] = '\0';
	f->ja3_full.len = f->ja3s_full.len = f->ja4_r.len = 0;
	if (ch) {
		err_t e = fp_client(ch, f);
		if (e == ERR_NOMEM)
			return e;
		f->client_hello = ch;
	}
	if (sh) {
		err_t e = fp_ja3s(sh, &f->ja3s_full, f->ja3s);
		if (e == ERR_NOMEM)
			return e;
		f->server_hello = sh;
	}
	return ERR_OK;
}

void fp_free(fp_t *f)
{
	buf_free(&f->ja3_full);
	buf_free(&f->ja3s_full);
	buf_free(&f->ja4_r);
}

void fp_cert_sha256(slice_t der, char out[65])
{
	digest_sha256_hex(der.ptr, der.len, out);
}
