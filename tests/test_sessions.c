/* test_sessions.c - the session cache a capture's resumed handshakes use. */
#include <string.h>
#include "testing.h"
#include "trace/sessions.h"

static void test_ids_and_tickets(void)
{
	sessions_t *s = sessions_new();
	uint8_t id[32], ticket[200], other[200];
	session_t a = { { 1 }, 0x0303, 0x009c, 3, 0 }, b = { { 2 }, 0x0303, 0x009c, 4, 0 };
	const session_t *got;

	memset(id, 0xab, sizeof id);
	memset(ticket, 0xcd, sizeof ticket);
	memcpy(other, ticket, sizeof other);
	other[199] ^= 1;
	CU_ASSERT_EQUAL(sessions_add(s, id, sizeof id, &a), ERR_OK);
	CU_ASSERT_EQUAL(sessions_add(s, ticket, sizeof ticket, &b), ERR_OK);
	got = sessions_find(s, id, sizeof id);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_EQUAL(got->master[0], 1);
	CU_ASSERT_EQUAL(got->connection, 3);
	got = sessions_find(s, ticket, sizeof ticket);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_EQUAL(got->connection, 4);
	CU_ASSERT_PTR_NULL(sessions_find(s, other, sizeof other));    /* one bit off */
	CU_ASSERT_PTR_NULL(sessions_find(s, id, 31));                  /* a prefix is another id */
	/* the first entry for a key stays */
	CU_ASSERT_EQUAL(sessions_add(s, id, sizeof id, &b), ERR_OK);
	CU_ASSERT_EQUAL(sessions_find(s, id, sizeof id)->connection, 3);
	CU_ASSERT_EQUAL(sessions_add(s, id, 0, &b), ERR_BAD_LENGTH);
	CU_ASSERT_PTR_NULL(sessions_find(NULL, id, sizeof id));
	sessions_free(s);
}

static void test_many(void)
{
	sessions_t *s = sessions_new();
	session_t x = { { 0 }, 0x0303, 0x002f, 0, 0 };
	uint8_t id[32] = { 0 };
	unsigned i, found = 0;

	for (i = 0; i < 50000; i++) {
		memcpy(id, &i, sizeof i);
		x.connection = i;
		CU_ASSERT_EQUAL_FATAL(sessions_add(s, id, sizeof id, &x), ERR_OK);
	}
	for (i = 0; i < 50000; i++) {
		const session_t *got;
		memcpy(id, &i, sizeof i);
		got = sessions_find(s, id, sizeof id);
		found += got && got->connection == i;
	}
	CU_ASSERT_EQUAL(found, 50000);
	sessions_free(s);
}

/* A bounded cache keeps the most recent sessions in its memory, forgets
 * the oldest a generation at a time, and says how many it forgot. */
static void test_bounded(void)
{
	sessions_t *s = sessions_new_bounded(64 << 10);
	session_t x = { { 0 }, 0x0303, 0x002f, 0, 0 };
	uint8_t id[32] = { 0 };
	unsigned i, n = 20000, recent = 0, oldest = 0;
	size_t peak = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < n; i++) {
		memcpy(id, &i, sizeof i);
		x.connection = i;
		CU_ASSERT_EQUAL_FATAL(sessions_add(s, id, sizeof id, &x), ERR_OK);
		if (sessions_mem(s) > peak)
			peak = sessions_mem(s);
	}
	CU_ASSERT(peak <= 64 << 10);
	for (i = n - 128; i < n; i++) {   /* the latest are always there */
		memcpy(id, &i, sizeof i);
		recent += sessions_find(s, id, sizeof id) != NULL;
	}
	for (i = 0; i < 128; i++) {       /* the first are long gone */
		memcpy(id, &i, sizeof i);
		oldest += sessions_find(s, id, sizeof id) != NULL;
	}
	CU_ASSERT_EQUAL(recent, 128);
	CU_ASSERT_EQUAL(oldest, 0);
	CU_ASSERT(sessions_forgotten(s) > 0 && sessions_forgotten(s) < n);
	sessions_free(s);
}

const test_suite_t test_sessions_suite = {
	"sessions", (const test_case_t[]){
		{ "session ids and tickets, exact keys only", test_ids_and_tickets },
		{ "a bounded cache keeps the most recent sessions", test_bounded },
		{ "50,000 sessions all found", test_many },
		{ NULL, NULL } }
};
