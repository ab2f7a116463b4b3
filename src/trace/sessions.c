/* sessions.c - session cache keyed by session id or ticket digest.
 *
 * A capture of a busy server makes a session per connection, so the cache
 * is bounded: two generations of an open-addressed table, new sessions
 * going into the younger; when it holds its share, the older is dropped
 * and the younger becomes the older.  A lookup tries both, so the most
 * recent sessions (at least `limit`, at most twice that) are always found,
 * and memory stays flat however long the capture is. */
#include <stdlib.h>
#include <string.h>
#include "sessions.h"
#include "crypto/derive.h"

enum { SESSIONS_DEFAULT_BYTES = 32u << 20 };

typedef struct {
	uint8_t key[32];         /* session id (zero padded) or SHA-256 of a ticket */
	uint8_t keylen;
	bool used;
	session_t sess;
} sessions_slot_t;

typedef struct {
	sessions_slot_t *slots;  /* owned, open addressing, at most half full */
	size_t cap, count;
} sessions_gen_t;

struct sessions {
	sessions_gen_t gen[2];   /* [0] the younger, taking new sessions */
	size_t limit;            /* sessions a generation holds before it ages */
	unsigned long forgotten; /* sessions dropped with an older generation */
};

sessions_t *sessions_new_bounded(size_t max_bytes)
{
	sessions_t *s = calloc(1, sizeof(sessions_t));

	if (!s)
		return NULL;
	/* A generation of `limit` sessions, a power of two, fills an array
	 * of 2 * limit slots exactly (tables stay at most half full): two
	 * generations take 4 * limit slots. */
	s->limit = 128;
	while (s->limit * 2 * 4 * sizeof(sessions_slot_t) <= max_bytes)
		s->limit *= 2;
	return s;
}

sessions_t *sessions_new(void)
{
	return sessions_new_bounded(SESSIONS_DEFAULT_BYTES);
}

void sessions_free(sessions_t *s)
{
	if (s) {
		free(s->gen[0].slots);
		free(s->gen[1].slots);
	}
	free(s);
}

size_t sessions_mem(const sessions_t *s)
{
	return s ? sizeof *s + (s->gen[0].cap + s->gen[1].cap) * sizeof(sessions_slot_t) : 0;
}

unsigned long sessions_forgotten(const sessions_t *s)
{
	return s ? s->forgotten : 0;
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

static size_t sessions_index(const sessions_gen_t *s, const uint8_t k[32], uint8_t klen)
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

static err_t sessions_grow(sessions_gen_t *s)
{
	sessions_gen_t bigger = { NULL, s->cap ? s->cap * 2 : 256, 0 };
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

/* The session under a made key, in either generation. */
static const session_t *sessions_lookup(const sessions_t *s, const uint8_t k[32], uint8_t klen)
{
	int g;

	for (g = 0; g < 2; g++) {
		const sessions_gen_t *t = &s->gen[g];
		size_t i;

		if (!t->cap)
			continue;
		i = sessions_index(t, k, klen);
		if (t->slots[i].used)
			return &t->slots[i].sess;
	}
	return NULL;
}

err_t sessions_add(sessions_t *s, const uint8_t *key, size_t keylen, const session_t *sess)
{
	uint8_t k[32], klen;
	size_t i;

	sessions_gen_t *g = &s->gen[0];

	ENSURE(keylen > 0, ERR_BAD_LENGTH);
	sessions_key(key, keylen, k, &klen);
	if (sessions_lookup(s, k, klen))
		return ERR_OK;   /* the first entry for a key stays */
	if (g->count >= s->limit) {
		/* the younger generation is full: the older goes */
		s->forgotten += s->gen[1].count;
		free(s->gen[1].slots);
		s->gen[1] = s->gen[0];
		memset(g, 0, sizeof *g);
	}
	if (2 * (g->count + 1) > g->cap)
		TRY(sessions_grow(g));
	i = sessions_index(g, k, klen);
	memcpy(g->slots[i].key, k, 32);
	g->slots[i].keylen = klen;
	g->slots[i].used = true;
	g->slots[i].sess = *sess;
	g->count++;
	return ERR_OK;
}

const session_t *sessions_find(const sessions_t *s, const uint8_t *key, size_t keylen)
{
	uint8_t k[32], klen;

	if (!s || keylen == 0)
		return NULL;
	sessions_key(key, keylen, k, &klen);
	return sessions_lookup(s, k, klen);
}
