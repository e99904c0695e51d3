/* The hosts lexer and grammar: isspace() blanks, '#' comments anywhere, IPv6 fields. */
#include <string.h>

#include "test.h"

#include "linefiles.h"
#include "lttest.h"

#define HST(in, want) EXPECT_LT(LTK_HST, in, want)

static void
test_entries(void **state)
{
	HST("127.0.0.1\tlocalhost.localdomain localhost\n",
	    "W[127.0.0.1] B[\\t] W[localhost.localdomain] B[ ] W[localhost] E[\\n]");
	HST("::1 ip6-localhost ip6-loopback\n",
	    "W[::1] B[ ] W[ip6-localhost] B[ ] W[ip6-loopback] E[\\n]");
	HST("fe80::1%eth0 x\n", "W[fe80::1%eth0] B[ ] W[x] E[\\n]");
}

static void
test_blanks_are_isspace(void **state)
{
	/* glibc splits on isspace(): CR, VT and FF separate fields like space and TAB */
	HST("10.0.0.1 a\r\n", "W[10.0.0.1] B[ ] W[a] B[\\r] E[\\n]");
	HST("10.0.0.1\va\fb\n", "W[10.0.0.1] B[\\x0b] W[a] B[\\x0c] W[b] E[\\n]");
	HST("   10.0.0.1 a\n", "B[   ] W[10.0.0.1] B[ ] W[a] E[\\n]");
}

static void
test_comments(void **state)
{
	HST("# hosts\n10.0.0.1 a # b\n",
	    "C[# hosts] E[\\n] | W[10.0.0.1] B[ ] W[a] B[ ] C[# b] E[\\n]");
	/* the line is cut at the first '#', even inside a field */
	HST("10.0.0.1 a#b c\n", "W[10.0.0.1] B[ ] W[a] C[#b c] E[\\n]");
	/* ';' is no comment: it is a field */
	HST("; x\n", "W[;] B[ ] W[x] E[\\n]");
}

static void
test_lines_and_recovery(void **state)
{
	/* every line parses: a lone field is a line too (the model judges it) */
	HST("10.0.0.1\nname\n\n", "W[10.0.0.1] E[\\n] | W[name] E[\\n] | E[\\n]");
	HST("10.0.0.1 a", "W[10.0.0.1] B[ ] W[a] E[]");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_blanks_are_isspace),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_lines_and_recovery),
	};

	return cmocka_run_group_tests_name("hst_parser", tests, NULL, NULL);
}
