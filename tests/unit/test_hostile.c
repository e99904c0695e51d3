/* Hostile ntp.conf input: the regression cases fuzzing found, and the limits that keep
 * time and memory in proportion to the input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "ntpconf_check.h"

/* findings of buf[0..len) for version v, as "LINE:COL CODE, ..." */
static char *
check_buf(const char *buf, size_t len, enum ntp_version v, uint32_t *nstmts)
{
	struct arena a;
	struct diags d;
	struct ntpconf *c;
	char *out;

	arena_init(&a);
	diags_init(&d, &a);
	c = parse_buf(&a, buf, len, NTPV_IS_CLASSIC(v));
	assert_tree_lossless(c);
	ntpconf_check(c, v, &d);
	if (nstmts != NULL)
		*nstmts = c->nstmts;
	out = findings_dump(&d);
	arena_free(&a);
	return out;
}

/* fuzzing: a word holding a NUL byte after a keyword's letters ("mask\0zz") made the
 * keyword lookup read past the keyword; it must be an unknown word, not "mask" */
static void
test_nul_inside_keyword(void **state)
{
	static const char in[] = "restrict mask\0zz\n";
	char *f = check_buf(in, sizeof(in) - 1, NTPV_428, NULL);

	/* taken for the flag, it would be NTP001 "needs an address before the flags";
	 * make sanitize also catches the read past the keyword */
	assert_string_equal(f, "");
	free(f);
	f = check_buf(in, sizeof(in) - 1, NTPV_SEC, NULL);
	assert_string_equal(f, "");
	free(f);
	(void)state;
}

/* 20000 nested '(' once exhausted the bison stack and ended the process with
 * "parser failed"; ranges never nest, so the line is one syntax error */
static void
test_deep_parens(void **state)
{
	size_t n = 20000, len = 7 + n + 1;
	char *in = malloc(len);
	uint32_t nstmts;
	char *f;

	memcpy(in, "server ", 7);
	memset(in + 7, '(', n);
	in[len - 1] = '\n';
	f = check_buf(in, len, NTPV_428, &nstmts);
	assert_string_equal(f, "1:1 NTP001");
	assert_int_equal(nstmts, 1);
	free(f);
	free(in);
	(void)state;
}

/* a statement over NTP_MAX_WORDS words is refused in one finding, not checked word by
 * word; one at the limit is checked as usual */
static void
test_word_cap(void **state)
{
	size_t words = NTP_MAX_WORDS + 1, len = 0, i;
	char *in = malloc(32 + 4 * words);
	char *f;

	len += (size_t)sprintf(in, "restrict default");
	for (i = 2; i < words - 1; i++)
		len += (size_t)sprintf(in + len, " kod");
	in[len++] = '\n';
	f = check_buf(in, len, NTPV_428, NULL);
	assert_string_equal(f, "");	/* 1024 words: checked, all fine */
	free(f);
	len--;
	len += (size_t)sprintf(in + len, " kod\n");
	f = check_buf(in, len, NTPV_428, NULL);
	assert_string_equal(f, "1:1 NTP001");
	free(f);
	free(in);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nul_inside_keyword),
		cmocka_unit_test(test_deep_parens),
		cmocka_unit_test(test_word_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
