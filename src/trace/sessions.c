/* sessions.c - session cache keyed by session id or ticket digest. */
#include <stdlib.h>
#include <string.h>
#include "sessions.h"
#include "crypto/derive.h"

/* A capture of a busy server makes a session per connection: bounded so
 * that memory stays flat however long the capture is. */
#define SESSIONS_MAX (1u << 20)

typedef struct {
	uint8_t key[32];         /* session id (zero padded) or SHA-256 of a ticket */
	uint8_t keylen;
	bool used;
	session_t sess;
} sessions_slot_t;

struct sessions {
	sessions_slot_t *slots;  /* owned, open addressing */
	size_t cap, count;
};

sessions_t *sessions_new(void)
{
	return calloc(1, sizeof(sessions_t));
}

void sessions_free(sessions_t *s)
{
	if (s)
		free(s->slots);
	free(s);
}

/* Ids longer than 32 bytes (tickets) are keyed by their digest. */
static void sessions_key(const uint8_t *key, size_t keylen, uint8_t out[32], uint8_t *outlen)
{
	memset(out, 0, 32);
	if (keylen <= 32) {
		memcpy(out, key, keylen);
		*outlen = (uint8_t)keylen;
	} else {
		derive_ticket_id(key, keylen, out);
		*outlen = 33;   /* a digest never equals an id of the same bytes */
	}
}

static size_t sessions_index(const sessions_t *s, const uint8_t k[32], uint8_t klen)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < 32; i++)
		h = (h ^ k[i]) * 1099511628211ull;
	i = (size_t)(h ^ klen) & (s->cap - 1);
	while (s->slots[i].used && !(s->slots[i].keylen == klen && memcmp(s->slots[i].key, k, 32) == 0))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static err_t sessions_grow(sessions_t *s)
{
	sessions_t bigger = { NULL, s->cap ? s->cap * 2 : 256, 0 };
	size_t i;

	bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
	ENSURE(bigger.slots, ERR_NOMEM);
	for (i = 0; i < s->cap; i++)
		if (s->slots[i].used)
			bigger.slots[sessions_index(&bigger, s->slots[i].key, s->slots[i].keylen)] = s->slots[i];
	free(s->slots);
	s->slots = bigger.slots;
	s->cap = bigger.cap;
	return ERR_OK;
}

err_t sessions_add(sessions_t *s, const uint8_t *key, size_t keylen, const session_t *sess)
{
	uint8_t k[32], klen;
	size_t i;

	ENSURE(keylen > 0, ERR_BAD_LENGTH);
	if (s->count >= SESSIONS_MAX)
		return ERR_OK;   /* full: later sessions are not remembered */
	if (2 * (s->count + 1) > s->cap)
		TRY(sessions_grow(s));
	sessions_key(key, keylen, k, &klen);
	i = sessions_index(s, k, klen);
	if (s->slots[i].used)
		return ERR_OK;
	memcpy(s->slots[i].key, k, 32);
	s->slots[i].keylen = klen;
	s->slots[i].used = true;
	s->slots[i].sess = *sess;
	s->count++;
	return ERR_OK;
}

const session_t *sessions_find(const sessions_t *s, const uint8_t *key, size_t keylen)
{
	uint8_t k[32], klen;
	size_t i;

	if (!s || !s->cap || keylen == 0)
		return NULL;
	sessions_key(key, keylen, k, &klen);
	i = sessions_index(s, k, klen);
	return s->slots[i].used ? &s->slots[i].sess : NULL;
}
