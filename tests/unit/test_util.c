/* utf8_printable: what text and GitHub output show as it is, and what they escape. */
#include <string.h>

#include "test.h"
#include "util.h"

static size_t
pr(const char *s)
{
	return utf8_printable((const unsigned char *)s, strlen(s));
}

static void
test_ascii(void **state)
{
	(void)state;
	assert_int_equal(pr("a"), 1);
	assert_int_equal(pr(" "), 1);
	assert_int_equal(pr("~"), 1);
	assert_int_equal(pr("\x1b[2J"), 0);	/* ESC */
	assert_int_equal(pr("\t"), 0);
	assert_int_equal(pr("\x7f"), 0);	/* DEL */
	assert_int_equal(utf8_printable((const unsigned char *)"", 0), 0);
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_int_equal(pr("\xc3\xa9"), 2);		/* é */
	assert_int_equal(pr("\xc2\xa0"), 2);		/* U+00A0, the first past C1 */
	assert_int_equal(pr("\xe2\x82\xac"), 3);	/* € */
	assert_int_equal(pr("\xf0\x9f\x98\x80"), 4);	/* U+1F600 */
	assert_int_equal(pr("\xf4\x8f\xbf\xbf"), 4);	/* U+10FFFF */
}

static void
test_refused(void **state)
{
	(void)state;
	assert_int_equal(pr("\xc2\x9b"), 0);		/* U+009B, CSI of 8-bit terminals */
	assert_int_equal(pr("\xc2\x85"), 0);		/* U+0085 NEL */
	assert_int_equal(pr("\xc0\xaf"), 0);		/* overlong '/' */
	assert_int_equal(pr("\xe0\x80\xaf"), 0);	/* overlong, 3 bytes */
	assert_int_equal(pr("\xf0\x80\x80\xaf"), 0);	/* overlong, 4 bytes */
	assert_int_equal(pr("\xed\xa0\x80"), 0);	/* surrogate U+D800 */
	assert_int_equal(pr("\xf4\x90\x80\x80"), 0);	/* past U+10FFFF */
	assert_int_equal(pr("\xff"), 0);
	assert_int_equal(pr("\xe9"), 0);		/* Latin-1 é */
	assert_int_equal(pr("\xa9"), 0);		/* a lone continuation byte */
	assert_int_equal(pr("\xc3("), 0);		/* a lead byte without its continuation */
	/* a sequence cut by the end of the buffer */
	assert_int_equal(utf8_printable((const unsigned char *)"\xe2\x82\xac", 2), 0);
}

static void
test_decode(void **state)
{
	unsigned cp = 0;

	(void)state;
	/* every well-formed character, controls included, with its code point */
	assert_int_equal(utf8_decode((const unsigned char *)"\x1b", 1, &cp), 1);
	assert_int_equal(cp, 0x1b);
	assert_int_equal(utf8_decode((const unsigned char *)"\xc2\x85", 2, &cp), 2);
	assert_int_equal(cp, 0x85);		/* NEL: valid, though not printable */
	assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	/* and nothing else */
	assert_int_equal(utf8_decode((const unsigned char *)"\xe9", 1, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"\xe2\x82\xac", 2, &cp), 0);
	assert_int_equal(utf8_decode((const unsigned char *)"", 0, &cp), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
