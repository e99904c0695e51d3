/* Sources: line and column of an offset, with LF, CR LF, and no final newline. */
#include <string.h>

#include "test.h"

static struct source *
src(struct arena *a, const char *s)
{
	return source_new(a, "etc/ntp.conf", s, strlen(s));
}

static void
expect_linecol(struct source *s, uint32_t off, uint32_t line, uint32_t col)
{
	uint32_t l, c;

	source_linecol(s, off, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

static void
expect_line_of(struct source *s, uint32_t off, uint32_t start, uint32_t end)
{
	struct span sp = source_line_of(s, off);

	assert_int_equal(sp.start, start);
	assert_int_equal(sp.end, end);
}

static void
test_copy(void **state)
{
	struct arena a;
	char buf[] = "server a\0b";
	struct source *s;

	arena_init(&a);
	s = source_new(&a, "x", buf, sizeof(buf) - 1);
	buf[0] = 'S';
	/* its own copy, NUL bytes kept, NUL-terminated */
	assert_int_equal(s->len, 10);
	assert_memory_equal(s->buf, "server a\0b", 10);
	assert_int_equal(s->buf[10], '\0');
	assert_string_equal(s->path, "x");
	arena_free(&a);
}

static void
test_lf(void **state)
{
	struct arena a;
	struct source *s;

	arena_init(&a);
	s = src(&a, "ab\n\ncd\n");
	expect_linecol(s, 0, 1, 1);
	expect_linecol(s, 1, 1, 2);
	expect_linecol(s, 2, 1, 3);	/* the newline belongs to its line */
	expect_linecol(s, 3, 2, 1);
	expect_linecol(s, 4, 3, 1);
	expect_linecol(s, 6, 3, 3);
	expect_linecol(s, 7, 4, 1);	/* the end of the file: after the last newline */
	expect_linecol(s, 100, 4, 1);	/* clamped to the end */
	expect_line_of(s, 5, 4, 6);
	expect_line_of(s, 3, 3, 3);
	assert_int_equal(source_line_start(s, 1), 0);
	assert_int_equal(source_line_start(s, 2), 3);
	assert_int_equal(source_line_start(s, 3), 4);
	assert_int_equal(source_line_start(s, 4), 7);
	assert_int_equal(source_line_start(s, 9), 7);
	arena_free(&a);
}

static void
test_crlf(void **state)
{
	struct arena a;
	struct source *s;

	arena_init(&a);
	s = src(&a, "ab\r\ncd\r\n");
	expect_linecol(s, 2, 1, 3);	/* the CR is a byte of line 1 */
	expect_linecol(s, 3, 1, 4);
	expect_linecol(s, 4, 2, 1);
	/* the line's text excludes the CR LF */
	expect_line_of(s, 0, 0, 2);
	expect_line_of(s, 3, 0, 2);
	expect_line_of(s, 5, 4, 6);
	/* a lone CR is not a line end */
	s = src(&a, "a\rb\n");
	expect_linecol(s, 2, 1, 3);
	expect_line_of(s, 0, 0, 3);
	arena_free(&a);
}

static void
test_no_final_newline(void **state)
{
	struct arena a;
	struct source *s;

	arena_init(&a);
	s = src(&a, "a\nbcd");
	expect_linecol(s, 4, 2, 3);
	expect_linecol(s, 5, 2, 4);
	expect_line_of(s, 3, 2, 5);
	expect_line_of(s, 5, 2, 5);
	s = src(&a, "a\nbc\r");
	expect_line_of(s, 3, 2, 4);
	s = src(&a, "");
	expect_linecol(s, 0, 1, 1);
	expect_line_of(s, 0, 0, 0);
	assert_int_equal(source_line_start(s, 1), 0);
	assert_int_equal(source_line_start(s, 2), 0);
	arena_free(&a);
}

static void
test_many_lines(void **state)
{
	struct arena a;
	struct source *s;
	char buf[3000];
	uint32_t i;

	/* 1000 lines of "xy\n": the binary search finds each */
	for (i = 0; i < 1000; i++)
		memcpy(buf + 3 * i, "xy\n", 3);
	arena_init(&a);
	s = source_new(&a, "big", buf, sizeof(buf));
	for (i = 0; i < 3000; i++)
		expect_linecol(s, i, i / 3 + 1, i % 3 + 1);
	assert_int_equal(source_line_start(s, 500), 3 * 499);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_lf),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_many_lines),
	};

	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
