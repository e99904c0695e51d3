/* The bump allocator: zeroed, aligned, independent blocks; adopted heap blocks freed. */
#include <stdlib.h>
#include <string.h>

#include "test.h"

static void
test_alloc_zeroed_aligned(void **state)
{
	struct arena a;
	unsigned char *p[100];
	size_t i, j;

	arena_init(&a);
	for (i = 0; i < 100; i++) {
		p[i] = arena_alloc(&a, i * 37 + 1);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		for (j = 0; j < i * 37 + 1; j++)
			assert_int_equal(p[i][j], 0);
		memset(p[i], (int)i, i * 37 + 1);
	}
	/* no block overlaps another */
	for (i = 0; i < 100; i++)
		for (j = 0; j < i * 37 + 1; j++)
			assert_int_equal(p[i][j], i);
	arena_free(&a);
	assert_null(a.head);
}

static void
test_large_blocks(void **state)
{
	struct arena a;
	char *small1, *big, *small2;
	size_t n = 1u << 20;

	arena_init(&a);
	small1 = arena_alloc(&a, 16);
	big = arena_alloc(&a, n);
	memset(big, 'x', n);
	small2 = arena_alloc(&a, 16);
	/* a large block goes to its own chunk; the small ones share the first */
	assert_true(small2 == small1 + 16);
	assert_true(big[0] == 'x' && big[n - 1] == 'x');
	assert_true(small2 + 16 <= big || small2 >= big + n);
	/* zero bytes is still a valid, distinct pointer */
	assert_non_null(arena_alloc(&a, 0));
	arena_free(&a);
}

static void
test_strings(void **state)
{
	struct arena a;
	char *s;

	arena_init(&a);
	s = arena_strndup(&a, "server\0junk", 6);
	assert_string_equal(s, "server");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_strdup(&a, ""), "");
	assert_string_equal(arena_printf(&a, "%s:%u:%u", "etc/ntp.conf", 4u, 8u),
	    "etc/ntp.conf:4:8");
	s = arena_printf(&a, "%0200d", 7);
	assert_int_equal(strlen(s), 200);
	assert_int_equal(s[199], '7');
	arena_free(&a);
}

struct owner {
	char *buf;
};

static void
test_adopt(void **state)
{
	struct arena a;
	struct owner *o;
	char *p = malloc(10);
	int i;

	assert_non_null(p);
	arena_init(&a);
	arena_adopt(&a, (void **)&p);
	/* the usual case: the owner lives in the arena itself */
	o = arena_alloc(&a, sizeof(*o));
	o->buf = malloc(8);
	assert_non_null(o->buf);
	arena_adopt(&a, (void **)&o->buf);
	/* a slot follows a realloc done after adoption (a leak checker sees the old one) */
	p = realloc(p, 1000);
	assert_non_null(p);
	o->buf = realloc(o->buf, 100000);
	assert_non_null(o->buf);
	memset(o->buf, 1, 100000);
	for (i = 0; i < 100; i++)
		arena_alloc(&a, 1000);
	assert_int_equal(a.nslots, 2);
	arena_free(&a);
	assert_int_equal(a.nslots, 0);
	assert_null(a.head);
	/* the arena can be used again */
	arena_init(&a);
	assert_non_null(arena_alloc(&a, 8));
	arena_free(&a);
}

/* arena_append keeps every element and, doubling, costs under 4n elements */
static void
test_append(void **state)
{
	struct arena a;
	size_t *v = NULL, n, i, before;

	arena_init(&a);
	before = arena_bytes(&a);
	for (n = 0; n < 100000; n++)
		*(size_t *)arena_append(&a, &v, n, sizeof(*v)) = n * 7;
	for (i = 0; i < n; i++)
		assert_int_equal(v[i], i * 7);
	assert_true(arena_bytes(&a) - before < 4 * n * sizeof(*v) + 64 * 1024);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_alloc_zeroed_aligned),
		cmocka_unit_test(test_large_blocks),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_adopt),
	};

	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
