/* record.c - record framing; never decrypts, never interprets content. */
#include "record.h"
#include "registry.h"
#include "base/cursor.h"

static bool record_type_known(uint8_t t)
{
	return t >= CT_CHANGE_CIPHER_SPEC && t <= CT_HEARTBEAT;
}

/* RFC 5246 E.2: an SSLv2 CLIENT-HELLO starts with a 2-byte length with the
 * high bit set, then msg_type 1 and a version of 3.x (or 2.0). */
static bool record_is_sslv2_hello(const uint8_t *p, size_t n)
{
	return n >= 5 && (p[0] & 0x80) && p[2] == 1 && (p[3] == 3 || (p[3] == 0 && p[4] == 2));
}

err_t record_peek(const uint8_t *p, size_t n, bool allow_sslv2, record_t *rec)
{
	cursor_t c = cursor_make(p, n);
	uint8_t type;
	uint16_t version, len;

	if (allow_sslv2 && record_is_sslv2_hello(p, n)) {
		size_t body = (size_t)(p[0] & 0x7f) << 8 | p[1];
		ENSURE(body >= 3, ERR_BAD_LENGTH);
		ENSURE(n >= 2 + body, ERR_TRUNCATED);
		rec->type = CT_HANDSHAKE;
		rec->version = (uint16_t)(p[3] << 8 | p[4]);
		rec->fragment = slice_make(p + 2, body);
		rec->total = 2 + body;
		rec->sslv2 = true;
		return ERR_OK;
	}
	TRY(cursor_u8(&c, &type));
	ENSURE(record_type_known(type), ERR_BAD_VALUE);
	TRY(cursor_u16(&c, &version));
	/* RFC 8446 5.1: legacy_record_version is 0x0301 or 0x0303 today;
	 * SSL 3.0 to TLS 1.2 all have major version 3. */
	ENSURE(version >> 8 == 3 && (version & 0xff) <= 4, ERR_BAD_VALUE);
	TRY(cursor_u16(&c, &len));
	ENSURE(len <= RECORD_MAX_CIPHERTEXT, ERR_BAD_LENGTH);
	TRY(cursor_bytes(&c, len, &rec->fragment));
	rec->type = type;
	rec->version = version;
	rec->total = RECORD_HEADER_LEN + (size_t)len;
	rec->sslv2 = false;
	rec->dtls = false;
	return ERR_OK;
}

err_t record_peek_dtls(const uint8_t *p, size_t n, record_t *rec)
{
	cursor_t c = cursor_make(p, n);
	uint8_t type;
	uint16_t version, epoch, len, hi;
	uint32_t lo;

	TRY(cursor_u8(&c, &type));
	ENSURE(record_type_known(type), ERR_BAD_VALUE);
	TRY(cursor_u16(&c, &version));
	ENSURE(version >> 8 == 0xfe, ERR_BAD_VALUE);
	TRY(cursor_u16(&c, &epoch));
	TRY(cursor_u16(&c, &hi));
	TRY(cursor_u32(&c, &lo));
	TRY(cursor_u16(&c, &len));
	/* RFC 6347 4.1: "The length MUST NOT exceed 2^14" (plaintext), and
	 * ciphertext 2^14 + 2048 as in TLS. */
	ENSURE(len <= RECORD_MAX_CIPHERTEXT, ERR_BAD_LENGTH);
	TRY(cursor_bytes(&c, len, &rec->fragment));
	rec->type = type;
	rec->version = version;
	rec->epoch = epoch;
	rec->seq = (uint64_t)hi << 32 | lo;
	rec->total = RECORD_DTLS_HEADER_LEN + (size_t)len;
	rec->sslv2 = false;
	rec->dtls = true;
	return ERR_OK;
}

bool record_looks_like_tls(const uint8_t *p, size_t n)
{
	if (record_is_sslv2_hello(p, n))
		return true;
	return n >= 6 && p[0] == CT_HANDSHAKE && p[1] == 3 && p[2] <= 4 && p[5] == HS_CLIENT_HELLO;
}
