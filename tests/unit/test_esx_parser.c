/* The esx.conf lexer and grammar: `/path/key = "value"` lines, escapes, and recovery from
 * lines that are not of that form. */
#include <string.h>

#include "test.h"

#include "linefiles.h"
#include "lttest.h"

#define ESX(in, want) EXPECT_LT(LTK_ESX, in, want)

static void
test_key_value(void **state)
{
	ESX("/firewall/services/ntpClient/enabled = \"true\"\n",
	    "W[/firewall/services/ntpClient/enabled] B[ ] =[=] B[ ] S[\"true\"] E[\\n]");
	ESX("/a/b=\"\"\n", "W[/a/b] =[=] S[\"\"] E[\\n]");
	ESX("/a/b = \"x\"\r\n", "W[/a/b] B[ ] =[=] B[ ] S[\"x\"] B[\\r] E[\\n]");
	ESX("\n", "E[\\n]");
}

static void
test_escapes(void **state)
{
	ESX("/a = \"say \\\"hi\\\"\"\n", "W[/a] B[ ] =[=] B[ ] S[\"say \\\"hi\\\"\"] E[\\n]");
	ESX("/a = \"back\\\\\"\n", "W[/a] B[ ] =[=] B[ ] S[\"back\\\\\"] E[\\n]");
}

static void
test_errors_recover(void **state)
{
	/* unquoted value, key without '/', no '=', nothing after '=' */
	ESX("/a = true\n/b = \"ok\"\n",
	    "!W[/a] B[ ] =[=] B[ ] ^W[true] E[\\n] | W[/b] B[ ] =[=] B[ ] S[\"ok\"] E[\\n]");
	ESX("a = \"x\"\n", "!^W[a] B[ ] =[=] B[ ] S[\"x\"] E[\\n]");
	ESX("/a \"x\"\n", "!W[/a] B[ ] ^S[\"x\"] E[\\n]");
	ESX("/a =\n", "!W[/a] B[ ] =[=] ^E[\\n]");
	/* two values */
	ESX("/a = \"x\" \"y\"\n", "!W[/a] B[ ] =[=] B[ ] S[\"x\"] B[ ] ^S[\"y\"] E[\\n]");
}

static void
test_unterminated_string(void **state)
{
	/* a string runs to the line end at most, and without its quote it is no value */
	ESX("/a = \"open\n/b = \"ok\"\n",
	    "!W[/a] B[ ] =[=] B[ ] ^S[\"open] E[\\n] | W[/b] B[ ] =[=] B[ ] S[\"ok\"] E[\\n]");
	ESX("/a = \"x\\\"\n", "!W[/a] B[ ] =[=] B[ ] ^S[\"x\\\"] E[\\n]");
	ESX("/a = \"x", "!W[/a] B[ ] =[=] B[ ] ^S[\"x] E[]");
}

static void
test_no_comments(void **state)
{
	/* esx.conf has no comment syntax: a '#' line is an error, not trivia */
	ESX("# note\n", "!^W[#] B[ ] W[note] E[\\n]");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_value),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_errors_recover),
		cmocka_unit_test(test_unterminated_string),
		cmocka_unit_test(test_no_comments),
	};

	return cmocka_run_group_tests_name("esx_parser", tests, NULL, NULL);
}
