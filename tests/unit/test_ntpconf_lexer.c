/* The two ntp.conf lexers: token kinds and spans, and that every byte lands in one token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "ntpconf_lexer.h"

static void
expect_lex(const char *in, size_t len, int classic, const char *want)
{
	char *got = lex_dump(in, len, classic);

	assert_string_equal(got, want);
	free(got);
}

#define CLASSIC(in, want) expect_lex((in), sizeof(in) - 1, 1, (want))
#define MODERN(in, want) expect_lex((in), sizeof(in) - 1, 0, (want))

static void
test_empty_input(void **state)
{
	CLASSIC("", "");
	MODERN("", "");
}

static void
test_simple_line(void **state)
{
	CLASSIC("server 10.0.0.1 iburst\n",
	    "W[server] B[ ] W[10.0.0.1] B[ ] W[iburst] E[\\n]");
	MODERN("server 10.0.0.1 iburst\n",
	    "W[server] B[ ] W[10.0.0.1] B[ ] W[iburst] E[\\n]");
	CLASSIC("  \t server\t a \n\n", "B[  \\t ] W[server] B[\\t ] W[a] B[ ] E[\\n] E[\\n]");
}

static void
test_no_final_newline(void **state)
{
	/* a last line without a newline still ends in a (zero-width) line end */
	CLASSIC("driftfile /x", "W[driftfile] B[ ] W[/x] E[]");
	MODERN("driftfile /x", "W[driftfile] B[ ] W[/x] E[]");
	/* but a last line of trivia has nothing to end */
	CLASSIC("a\n  # c", "W[a] E[\\n] B[  ] C[# c]");
	MODERN("a\n  ", "W[a] E[\\n] B[  ]");
}

static void
test_classic_blanks(void **state)
{
	/* gettokens(): only space and TAB are blanks; CR, VT and FF are word bytes */
	CLASSIC("restrict default nomodify\r\n",
	    "W[restrict] B[ ] W[default] B[ ] W[nomodify\\r] E[\\n]");
	CLASSIC("a\vb\fc d\n", "W[a\\x0bb\\x0cc] B[ ] W[d] E[\\n]");
	CLASSIC("\r\n", "W[\\r] E[\\n]");
}

static void
test_modern_blanks(void **state)
{
	/* the 4.2.6+ scanner uses isspace(): CR, VT and FF separate words */
	MODERN("restrict default nomodify\r\n",
	    "W[restrict] B[ ] W[default] B[ ] W[nomodify] B[\\r] E[\\n]");
	MODERN("a\vb\fc \r\t d\n", "W[a] B[\\x0b] W[b] B[\\x0c] W[c] B[ \\r\\t ] W[d] E[\\n]");
}

static void
test_classic_comments_and_quotes(void **state)
{
	/* '#' ends the line anywhere, even inside quotes; the quotes stay in the word */
	CLASSIC("setvar x \"a # b\"\n", "W[setvar] B[ ] W[x] B[ ] W[\"a ] C[# b\"] E[\\n]");
	/* a quoted blank does not split a word */
	CLASSIC("a \"b c\"d e\n", "W[a] B[ ] W[\"b c\"d] B[ ] W[e] E[\\n]");
	CLASSIC("x#y\n", "W[x] C[#y] E[\\n]");
	CLASSIC("# only\n", "C[# only] E[\\n]");
	/* an unclosed quote runs to the end of the line, not further */
	CLASSIC("a \"b c\nd\n", "W[a] B[ ] W[\"b c] E[\\n] W[d] E[\\n]");
	/* classic knows no special characters */
	CLASSIC("a;b=(c)\n", "W[a;b=(c)] E[\\n]");
}

static void
test_modern_strings_and_specials(void **state)
{
	MODERN("setvar x \"a # b\"\n", "W[setvar] B[ ] W[x] B[ ] S[\"a # b\"] E[\\n]");
	MODERN("a \"b c\nd\n", "W[a] B[ ] S[\"b c] E[\\n] W[d] E[\\n]");
	MODERN("x#y \"s\"# c\n", "W[x] C[#y \"s\"# c] E[\\n]");
	MODERN("trustedkey (1 ... 5)\n",
	    "W[trustedkey] B[ ] P[(] W[1] B[ ] W[...] B[ ] W[5] P[)] E[\\n]");
	MODERN("a{b}c,d;e|f=g\n", "W[a] P[{] W[b] P[}] W[c] P[,] W[d] P[;] W[e] P[|] W[f] P[=] W[g] E[\\n]");
	MODERN("x\"y\"z\n", "W[x] S[\"y\"] W[z] E[\\n]");
}

static void
test_nul_bytes(void **state)
{
	/* 4.2.0 sees a C string: a NUL ends the line for it, the rest is never read */
	CLASSIC("server a\0 junk\nserver b\n",
	    "W[server] B[ ] W[a] N[\\0 junk] E[\\n] W[server] B[ ] W[b] E[\\n]");
	CLASSIC("\0\0\n", "N[\\0\\0] E[\\n]");
	CLASSIC("a \"b\0c\"\n", "W[a] B[ ] W[\"b] N[\\0c\"] E[\\n]");
	/* a NUL-only last line has no significant token, so no line end is made up */
	CLASSIC("a\n\0x", "W[a] E[\\n] N[\\0x]");
	/* the 4.2.6+ scanner reads a NUL as a word byte */
	MODERN("a\0b c\n", "W[a\\0b] B[ ] W[c] E[\\n]");
}

static char *
repeat(char ch, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, ch, n);
	s[n] = '\0';
	return s;
}

/* builds "K[<n times ch>]" */
static char *
tok_of(char kind, char ch, size_t n)
{
	char *s = malloc(n + 4);

	assert_non_null(s);
	s[0] = kind;
	s[1] = '[';
	memset(s + 2, ch, n);
	s[n + 2] = ']';
	s[n + 3] = '\0';
	return s;
}

static void
test_classic_1023_byte_chunks(void **state)
{
	char *in, *w1, *w2, *want;
	size_t n;

	/* a 1100-byte word: fgets() gives 1023 bytes, then the rest as a new line */
	in = repeat('a', 1101);
	in[1100] = '\n';
	w1 = tok_of('W', 'a', 1023);
	w2 = tok_of('W', 'a', 77);
	n = strlen(w1) + strlen(w2) + 32;
	want = malloc(n);
	assert_non_null(want);
	snprintf(want, n, "%s V[] %s E[\\n]", w1, w2);
	expect_lex(in, 1101, 1, want);
	/* the 4.2.6+ scanner has no line limit */
	free(want);
	free(w2);
	want = malloc(n);
	assert_non_null(want);
	w2 = tok_of('W', 'a', 1100);
	snprintf(want, n, "%s E[\\n]", w2);
	expect_lex(in, 1101, 0, want);
	free(in);
	free(want);
	free(w1);
	free(w2);

	/* 1022 bytes and a newline fit one fgets() exactly */
	in = repeat('b', 1023);
	in[1022] = '\n';
	w1 = tok_of('W', 'b', 1022);
	n = strlen(w1) + 32;
	want = malloc(n);
	assert_non_null(want);
	snprintf(want, n, "%s E[\\n]", w1);
	expect_lex(in, 1023, 1, want);
	free(in);
	free(want);
	free(w1);

	/* 1023 bytes and a newline: the newline is read alone, as an empty second line */
	in = repeat('c', 1025);
	in[1023] = '\n';
	in[1024] = 'd';
	w1 = tok_of('W', 'c', 1023);
	n = strlen(w1) + 32;
	want = malloc(n);
	assert_non_null(want);
	snprintf(want, n, "%s V[] E[\\n] W[d] E[]", w1);
	expect_lex(in, 1025, 1, want);
	free(in);
	free(want);
	free(w1);

	/* the boundary splits a run of blanks too, and chunks restart after each newline */
	in = repeat(' ', 2100);
	memcpy(in, "x\n", 2);
	in[2099] = 'y';
	w1 = tok_of('B', ' ', 1023);
	w2 = tok_of('B', ' ', 2097 - 2 * 1023);
	n = 2 * strlen(w1) + strlen(w2) + 32;
	want = malloc(n);
	assert_non_null(want);
	snprintf(want, n, "W[x] E[\\n] %s V[] %s V[] %s W[y] E[]", w1, w1, w2);
	expect_lex(in, 2100, 1, want);
	free(in);
	free(want);
	free(w1);
	free(w2);
}

static void
test_classic_three_chunks(void **state)
{
	char *in = repeat('z', 3000);
	struct ntp_lexer lx;
	uint32_t start;
	enum ntp_tok k;
	uint32_t veols = 0, words = 0;

	ntp_lexer_init(&lx, in, 3000, 1);
	while ((k = ntp_lex_raw(&lx, &start)) != TK_EOF) {
		if (k == TK_VEOL) {
			assert_int_equal(start, 1023 * (veols + 1));
			veols++;
		} else if (k == TK_WORD) {
			words++;
		}
	}
	assert_int_equal(veols, 2);
	assert_int_equal(words, 3);
	free(in);
	free(lex_dump(in = repeat('z', 3000), 3000, 1));
	free(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_simple_line),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_classic_blanks),
		cmocka_unit_test(test_modern_blanks),
		cmocka_unit_test(test_classic_comments_and_quotes),
		cmocka_unit_test(test_modern_strings_and_specials),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_classic_1023_byte_chunks),
		cmocka_unit_test(test_classic_three_chunks),
	};

	return cmocka_run_group_tests_name("ntpconf_lexer", tests, NULL, NULL);
}
