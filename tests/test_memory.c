/* test_memory.c - the arena allocator and the handoff queue between the
 * decoding and the writing thread: what a large capture's speed rests on. */
#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "testing.h"
#include "base/arena.h"
#include "base/vec.h"
#include "capture/handoff.h"
#include "tls/msg.h"

static void test_arena_blocks(void)
{
	arena_t *a = arena_new();
	unsigned char *p[400];
	unsigned char *big;
	int i, bad = 0, misaligned = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	for (i = 0; i < 400; i++) {   /* 400 x 100 bytes: several blocks */
		p[i] = arena_alloc(a, 100);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p[i]);
		misaligned += (uintptr_t)p[i] % alignof(max_align_t) != 0;
		memset(p[i], i & 0xff, 100);
	}
	big = arena_zalloc(a, 100000);   /* a block of its own */
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	for (i = 0; i < 100000; i++)
		bad += big[i] != 0;
	memset(big, 0xee, 100000);
	for (i = 0; i < 400; i++)     /* nothing overlapped */
		bad += p[i][0] != (i & 0xff) || p[i][99] != (i & 0xff);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(misaligned, 0);
	CU_ASSERT_PTR_NOT_NULL(arena_alloc(a, 1));   /* the current block goes on filling */
	CU_ASSERT_PTR_NULL(arena_alloc(a, SIZE_MAX));
	CU_ASSERT_PTR_NULL(arena_alloc(NULL, 8));
	arena_free(a);
	arena_free(NULL);
}

static void test_arena_grow_dup(void)
{
	arena_t *a = arena_new();
	uint16_t *list = NULL;
	size_t n;
	int bad = 0;
	char *s;

	for (n = 0; n < 1000; n++) {
		list = arena_grow(a, list, n * sizeof *list, (n + 1) * sizeof *list);
		CU_ASSERT_PTR_NOT_NULL_FATAL(list);
		list[n] = (uint16_t)n;
	}
	for (n = 0; n < 1000; n++)
		bad += list[n] != n;
	CU_ASSERT_EQUAL(bad, 0);
	s = arena_dup(a, "abc", 4);
	CU_ASSERT_STRING_EQUAL(s, "abc");
	arena_free(a);
}

/* Growing lists cost linear memory: the last allocation grows in place,
 * vec_push_arena doubles, and a million pushes of 8-byte elements take a few
 * times their 8 MB, not the square of it (issue 14). */
static void test_arena_linear_lists(void)
{
	arena_t *a = arena_new();
	uint64_t *list = NULL, *p;
	char *s;
	size_t n, moves = 0;
	int bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	s = arena_alloc(a, 10);                      /* the last allocation: grows in place */
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	memcpy(s, "0123456789", 10);
	CU_ASSERT_PTR_EQUAL(arena_grow(a, s, 10, 100), s);
	CU_ASSERT_EQUAL(memcmp(s, "0123456789", 10), 0);
	CU_ASSERT_PTR_NOT_NULL(arena_alloc(a, 1));  /* no longer the last: a copy */
	p = arena_grow(a, s, 100, 200);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_EQUAL((void *)p, (void *)s);
	CU_ASSERT_EQUAL(memcmp(p, "0123456789", 10), 0);
	for (n = 0; n < 1000000; n++) {
		p = vec_push_arena(a, list, n, sizeof *list);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		moves += p != list;
		list = p;
		list[n] = n;
		if (n % 1000 == 0)                  /* other allocations in between */
			CU_ASSERT_PTR_NOT_NULL(arena_alloc(a, 24));
	}
	for (n = 0; n < 1000000; n++)
		bad += list[n] != n;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(moves <= 20);                     /* about log2(1e6) */
	CU_ASSERT(a->size < 4 * 8000000);           /* one-at-a-time copies would be ~4 TB */
	CU_ASSERT_PTR_NULL(vec_push_arena(a, list, (size_t)1 << 40, SIZE_MAX / 2));
	arena_free(a);
}

/* A connection that never says much costs little: the first block is
 * small, and nothing is allocated before the first request. */
static void test_arena_first_block_small(void)
{
	arena_t *a = arena_new();

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->size, 0);
	CU_ASSERT_PTR_NOT_NULL(arena_alloc(a, 100));
	CU_ASSERT(a->size > 100 && a->size <= 1024);
	arena_release(a);
	CU_ASSERT_EQUAL(a->size, 0);
	arena_free(a);
}

/* A message in an arena behaves as one on the heap: the same facts, notes
 * and bytes, and msg_free leaves the rest to the arena. */
static void test_msg_in_arena(void)
{
	static const uint8_t alert[2] = { 2, 40 };
	arena_t *a = arena_new();
	msg_t *m = msg_new_in(a, CT_ALERT, SIDE_SERVER, alert, sizeof alert);
	msg_t *h = msg_new_in(NULL, CT_ALERT, SIDE_SERVER, alert, sizeof alert);

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_PTR_EQUAL(m->arena, a);
	CU_ASSERT_PTR_NULL(h->arena);
	CU_ASSERT_EQUAL(msg_parse(m, NULL), ERR_OK);
	CU_ASSERT_EQUAL(msg_parse(h, NULL), ERR_OK);
	CU_ASSERT_EQUAL(m->alert_desc, 40);
	CU_ASSERT_EQUAL(h->alert_desc, 40);
	msg_note(m, "note %d", 1);
	msg_note(m, "note %d", 2);
	CU_ASSERT_EQUAL_FATAL(m->nnotes, 2);
	CU_ASSERT_STRING_EQUAL(m->notes[1], "note 2");
	CU_ASSERT_EQUAL(memcmp(m->raw.ptr, alert, 2), 0);
	CU_ASSERT_EQUAL(msg_build_tree(m, NULL), ERR_OK);   /* the tree is on the heap */
	CU_ASSERT_PTR_NOT_NULL(m->root);
	msg_free(m);
	msg_free(h);
	arena_free(a);
}

/* The handoff: a consumer slower than the producer, a queue of 4. */
enum { HO_CONNS = 2000 };

typedef struct {
	pthread_t producer;
	unsigned used_next;      /* consumer: the id it expects next */
	unsigned out_of_order;
	unsigned used, released, released_elsewhere;
} ho_t;

static void ho_use(void *ctx, conn_t *c)
{
	ho_t *t = ctx;

	if (c->id != t->used_next)
		t->out_of_order++;
	t->used_next = c->id + 1;
	t->used++;
	if (c->id % 64 == 0)
		nanosleep(&(struct timespec){ 0, 200000 }, NULL);   /* a slow write now and then */
}

static void ho_release(void *ctx, conn_t *c)
{
	ho_t *t = ctx;

	if (!pthread_equal(pthread_self(), t->producer))
		t->released_elsewhere++;
	t->released++;
	conn_free(c);
}

static void test_handoff_order(void)
{
	ho_t t = { pthread_self(), 0, 0, 0, 0, 0 };
	handoff_t *q = handoff_start(ho_use, NULL, ho_release, &t, 4);
	unsigned i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	for (i = 0; i < HO_CONNS; i++) {
		conn_t *c = conn_new(i, "capture");
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		handoff_push(q, c);
	}
	handoff_finish(q);
	CU_ASSERT_EQUAL(t.used, HO_CONNS);
	CU_ASSERT_EQUAL(t.released, HO_CONNS);
	CU_ASSERT_EQUAL(t.out_of_order, 0);
	CU_ASSERT_EQUAL(t.released_elsewhere, 0);   /* freed where they were made */
	handoff_finish(NULL);
}

const test_suite_t test_memory_suite = {
	"memory", (const test_case_t[]){
		{ "arena: blocks, big blocks, alignment", test_arena_blocks },
		{ "arena: grow and dup", test_arena_grow_dup },
		{ "arena: lists grow in linear memory", test_arena_linear_lists },
		{ "arena: the first block is small", test_arena_first_block_small },
		{ "a message in an arena", test_msg_in_arena },
		{ "handoff: order, release on the pushing thread, bounded", test_handoff_order },
		{ NULL, NULL } }
};
