/* The step-tickers lexer and grammar: token kinds, spans, comments, CR and recovery. */
#include <string.h>

#include "test.h"

#include "linefiles.h"
#include "lttest.h"

#define STK(in, want) EXPECT_LT(LTK_STK, in, want)

static void
test_empty(void **state)
{
	STK("", "");
	STK("\n", "E[\\n]");
	STK("\n\n", "E[\\n] | E[\\n]");
}

static void
test_words(void **state)
{
	STK("0.vmware.pool.ntp.org\n", "W[0.vmware.pool.ntp.org] E[\\n]");
	STK("a b\tc\n", "W[a] B[ ] W[b] B[\\t] W[c] E[\\n]");
	STK("  a  \n", "B[  ] W[a] B[  ] E[\\n]");
}

static void
test_comments(void **state)
{
	/* sed 's/#.*$//': a '#' anywhere starts a comment, even inside a word */
	STK("# servers\n", "C[# servers] E[\\n]");
	STK("a # b\n", "W[a] B[ ] C[# b] E[\\n]");
	STK("host#x y\n", "W[host] C[#x y] E[\\n]");
}

static void
test_cr_stays_in_word(void **state)
{
	/* IFS is space, TAB and newline: the CR is part of the host name */
	STK("a\r\n", "W[a\\r] E[\\n]");
	STK("\r\n", "W[\\r] E[\\n]");
	STK("# c\r\n", "C[# c\\r] E[\\n]");
}

static void
test_no_final_newline(void **state)
{
	STK("a", "W[a] E[]");
	STK("a\n  ", "W[a] E[\\n] | B[  ]");
	STK("a\n# c", "W[a] E[\\n] | C[# c]");
}

static void
test_odd_bytes(void **state)
{
	STK("a\0b c\n", "W[a\\x00b] B[ ] W[c] E[\\n]");
	STK("\xff\xfe\n", "W[\\xff\\xfe] E[\\n]");
	/* VT and FF are no IFS blanks either */
	STK("a\vb\n", "W[a\\x0bb] E[\\n]");
}

static void
test_spans(void **state)
{
	static const char in[] = "one  two\nthree\n";
	struct lt_word w[4];
	struct arena a;
	struct linetree *t;

	arena_init(&a);
	t = lt_parse_buf(&a, LTK_STK, in, sizeof(in) - 1);
	assert_int_equal(t->nlines, 2);
	assert_int_equal(lt_words(t, &t->lines[0], w, 4), 2);
	assert_int_equal(w[1].span.start, 5);
	assert_int_equal(w[1].span.end, 8);
	assert_int_equal(w[1].len, 3);
	assert_memory_equal(w[1].text, "two", 3);
	assert_int_equal(lt_line_span(t, &t->lines[0]).start, 0);
	assert_int_equal(lt_line_span(t, &t->lines[0]).end, 8);
	assert_int_equal(lt_line_text(t, &t->lines[1]).start, 9);
	assert_int_equal(lt_line_text(t, &t->lines[1]).end, 14);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_cr_stays_in_word),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_odd_bytes),
		cmocka_unit_test(test_spans),
	};

	return cmocka_run_group_tests_name("stk_parser", tests, NULL, NULL);
}
