/* The ntp.conf tree: one statement per line with the right words, and recovery from
 * lines the 4.2.6+ grammar refuses. */
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "ntpconf_lexer.h"

static void
expect_words(const struct ntpconf *c, uint32_t i, const char *want)
{
	char *got;

	assert_true(i < c->nstmts);
	got = stmt_words(c, i);
	assert_string_equal(got, want);
	free(got);
}

/* the kind of the token the grammar stumbled on, and its bytes */
static void
expect_errtok(const struct ntpconf *c, uint32_t i, enum ntp_tok kind, const char *text)
{
	const struct ntp_stmt *s = &c->stmts[i];
	struct span sp;

	assert_true(s->flags & STMT_SYNTAX_ERROR);
	assert_int_not_equal(s->errtok, NTP_NOTOK);
	assert_int_equal(c->tokkind[s->errtok], kind);
	sp = ntpconf_tok_span(c, s->errtok);
	assert_int_equal(sp.end - sp.start, strlen(text));
	assert_memory_equal(c->src->buf + sp.start, text, strlen(text));
}

static void
expect_clean(const struct ntpconf *c, uint32_t i)
{
	assert_false(c->stmts[i].flags & STMT_SYNTAX_ERROR);
	assert_int_equal(c->stmts[i].errtok, NTP_NOTOK);
}

static const char families[] =
	"server 0.pool.ntp.org iburst minpoll 4 maxpoll 10 prefer\n"
	"peer -4 10.1.1.1 key 5 version 3\n"
	"broadcast 224.0.1.1 ttl 2\n"
	"restrict -6 default kod nomodify notrap nopeer noquery\n"
	"restrict 10.0.0.0 mask 255.0.0.0 nomodify\n"
	"driftfile /var/lib/ntp/drift\n"
	"keys /etc/ntp/keys\n"
	"trustedkey 1 2 15\n"
	"requestkey 15\n"
	"statistics loopstats peerstats\n"
	"filegen loopstats file loopstats type day enable\n"
	"enable auth monitor\n"
	"tinker panic 0 step 0.5\n"
	"tos minclock 3 maxclock 6\n"
	"fudge 127.127.1.0 stratum 10\n"
	"logconfig +syncall -clockall\n"
	"discard average 3\n"
	"\n"
	"   # a comment line\n"
	"server 127.127.1.0 # local clock\n";

static const char *const family_words[] = {
	"server|0.pool.ntp.org|iburst|minpoll|4|maxpoll|10|prefer",
	"peer|-4|10.1.1.1|key|5|version|3",
	"broadcast|224.0.1.1|ttl|2",
	"restrict|-6|default|kod|nomodify|notrap|nopeer|noquery",
	"restrict|10.0.0.0|mask|255.0.0.0|nomodify",
	"driftfile|/var/lib/ntp/drift",
	"keys|/etc/ntp/keys",
	"trustedkey|1|2|15",
	"requestkey|15",
	"statistics|loopstats|peerstats",
	"filegen|loopstats|file|loopstats|type|day|enable",
	"enable|auth|monitor",
	"tinker|panic|0|step|0.5",
	"tos|minclock|3|maxclock|6",
	"fudge|127.127.1.0|stratum|10",
	"logconfig|+syncall|-clockall",
	"discard|average|3",
	"",
	"",
	"server|127.127.1.0",
};

static void
test_directive_families(void **state)
{
	struct arena a;
	struct ntpconf *c;
	uint32_t i, n = sizeof(family_words) / sizeof(family_words[0]);
	int classic;

	for (classic = 0; classic < 2; classic++) {
		arena_init(&a);
		c = parse_str(&a, families, classic);
		assert_int_equal(c->classic, classic);
		assert_int_equal(c->nstmts, n);
		for (i = 0; i < n; i++) {
			expect_words(c, i, family_words[i]);
			expect_clean(c, i);
			assert_int_equal(c->stmts[i].dir, 0);
			/* every statement ends with its newline */
			assert_int_equal(c->tokkind[c->stmts[i].tokn - 1], TK_EOL);
		}
		assert_tree_lossless(c);
		arena_free(&a);
	}
}

static void
test_modern_forms(void **state)
{
	struct arena a;
	struct ntpconf *c;

	arena_init(&a);
	c = parse_str(&a,
	    "setvar name = \"my host\" default\n"
	    "trustedkey (1 ... 5) 9\n"
	    "keys \"/etc/ntp keys\"\n"
	    "restrict\tsource\r\n", 0);
	assert_int_equal(c->nstmts, 4);
	/* a string's word is its contents */
	expect_words(c, 0, "setvar|name|=|my host|default");
	expect_words(c, 1, "trustedkey|(|1|...|5|)|9");
	expect_words(c, 2, "keys|/etc/ntp keys");
	expect_words(c, 3, "restrict|source");
	expect_clean(c, 0);
	expect_clean(c, 1);
	expect_clean(c, 2);
	expect_clean(c, 3);
	assert_tree_lossless(c);
	arena_free(&a);

	/* the classic reader hands over the same lines as plain words */
	arena_init(&a);
	c = parse_str(&a, "setvar name = \"my host\" default\nrestrict\tsource\r\n", 1);
	assert_int_equal(c->nstmts, 2);
	expect_words(c, 0, "setvar|name|=|\"my host\"|default");
	expect_words(c, 1, "restrict|source\\r");
	assert_tree_lossless(c);
	arena_free(&a);
}

static void
test_recovery_after_bad_lines(void **state)
{
	struct arena a;
	struct ntpconf *c;

	arena_init(&a);
	c = parse_str(&a,
	    "server a.example\n"		/* 0 */
	    "server b ; iburst\n"		/* 1: ';' is punctuation */
	    "\"quoted\" start\n"		/* 2: a line cannot start with a string */
	    "server c\n"			/* 3 */
	    "trustedkey (1 2\n"		/* 4: '(' never closed */
	    "= x\n"			/* 5 */
	    "tos ) minclock 1\n"		/* 6 */
	    "driftfile /d\n"			/* 7 */
	    "{\n"				/* 8 */
	    "peer d\n", 0);			/* 9 */
	assert_int_equal(c->nstmts, 10);
	expect_clean(c, 0);
	expect_words(c, 0, "server|a.example");
	expect_errtok(c, 1, TK_SPECIAL, ";");
	expect_words(c, 1, "server|b|;|iburst");
	expect_errtok(c, 2, TK_STRING, "\"quoted\"");
	expect_clean(c, 3);
	expect_words(c, 3, "server|c");
	expect_errtok(c, 4, TK_EOL, "\n");
	expect_words(c, 4, "trustedkey|(|1|2");
	expect_errtok(c, 5, TK_SPECIAL, "=");
	expect_errtok(c, 6, TK_SPECIAL, ")");
	expect_clean(c, 7);
	expect_words(c, 7, "driftfile|/d");
	expect_errtok(c, 8, TK_SPECIAL, "{");
	expect_clean(c, 9);
	expect_words(c, 9, "peer|d");
	assert_tree_lossless(c);
	arena_free(&a);
}

static void
test_bad_lines_back_to_back(void **state)
{
	struct arena a;
	struct ntpconf *c;
	uint32_t i;

	/* bison's error recovery must not swallow the error of the next line */
	arena_init(&a);
	c = parse_str(&a, "; a\n; b\n; c\nserver x\n", 0);
	assert_int_equal(c->nstmts, 4);
	for (i = 0; i < 3; i++) {
		expect_errtok(c, i, TK_SPECIAL, ";");
		/* the error token is on its own line */
		assert_true(c->stmts[i].errtok >= c->stmts[i].tok0);
		assert_true(c->stmts[i].errtok < c->stmts[i].tokn);
	}
	expect_clean(c, 3);
	assert_tree_lossless(c);
	arena_free(&a);
}

static void
test_classic_never_syntax_error(void **state)
{
	struct arena a;
	struct ntpconf *c;
	uint32_t i;

	arena_init(&a);
	c = parse_str(&a, "server b ; iburst\n\"quoted\" start\n= x\n{\ntrustedkey (1 2\n", 1);
	assert_int_equal(c->nstmts, 5);
	for (i = 0; i < c->nstmts; i++)
		expect_clean(c, i);
	expect_words(c, 0, "server|b|;|iburst");
	expect_words(c, 4, "trustedkey|(1|2");
	assert_tree_lossless(c);
	arena_free(&a);
}

static void
test_last_line_without_newline(void **state)
{
	struct arena a;
	struct ntpconf *c;
	int classic;

	for (classic = 0; classic < 2; classic++) {
		arena_init(&a);
		c = parse_str(&a, "server a\nserver b iburst", classic);
		assert_int_equal(c->nstmts, 2);
		expect_words(c, 1, "server|b|iburst");
		expect_clean(c, 1);
		/* the statement ends with a zero-width line end at the end of the file */
		assert_int_equal(c->tokkind[c->stmts[1].tokn - 1], TK_EOL);
		assert_int_equal(c->tokstart[c->stmts[1].tokn - 1], c->src->len);
		assert_tree_lossless(c);
		arena_free(&a);

		/* a bad last line without newline is still one statement */
		arena_init(&a);
		c = parse_str(&a, "server a\n( b", classic);
		assert_int_equal(c->nstmts, 2);
		if (!classic)
			expect_errtok(c, 1, TK_SPECIAL, "(");
		assert_tree_lossless(c);
		arena_free(&a);

		/* a trailing comment or blanks make a statement of their own */
		arena_init(&a);
		c = parse_str(&a, "server a\n  # end", classic);
		assert_int_equal(c->nstmts, 2);
		assert_int_equal(c->stmts[1].nwords, 0);
		expect_clean(c, 1);
		assert_tree_lossless(c);
		arena_free(&a);
	}
}

static void
test_spans(void **state)
{
	struct arena a;
	struct ntpconf *c;
	struct ntp_word w[4];
	struct span sp;

	arena_init(&a);
	c = parse_str(&a, "  server  x  # c\n\n", 0);
	assert_int_equal(c->nstmts, 2);
	assert_int_equal(ntpconf_words(c, &c->stmts[0], w, 4), 2);
	assert_int_equal(w[0].span.start, 2);
	assert_int_equal(w[0].span.end, 8);
	assert_int_equal(w[1].span.start, 10);
	assert_int_equal(w[1].span.end, 11);
	assert_int_equal(w[1].kind, TK_WORD);
	/* first to last significant byte */
	sp = ntpconf_stmt_span(c, &c->stmts[0]);
	assert_int_equal(sp.start, 2);
	assert_int_equal(sp.end, 11);
	/* an empty line: the line start */
	sp = ntpconf_stmt_span(c, &c->stmts[1]);
	assert_int_equal(sp.start, 17);
	assert_int_equal(sp.end, 17);
	/* ntpconf_words counts past max without writing there */
	assert_int_equal(ntpconf_words(c, &c->stmts[0], w, 1), 2);
	arena_free(&a);
}

static void
test_classic_split_line_continues(void **state)
{
	struct arena a;
	struct ntpconf *c;
	char *in = malloc(1100 + 20);
	size_t n;

	assert_non_null(in);
	memcpy(in, "server ", 7);
	memset(in + 7, 'a', 1093);
	memcpy(in + 1100, " iburst\npeer b\n", 15);
	n = 1115;
	arena_init(&a);
	c = parse_buf(&a, in, n, 1);
	/* 4.2.0 reads the line as two: the second begins mid-line */
	assert_int_equal(c->nstmts, 3);
	assert_int_equal(c->tokkind[c->stmts[0].tokn - 1], TK_VEOL);
	assert_false(c->stmts[0].flags & STMT_CONTINUED);
	assert_true(c->stmts[1].flags & STMT_CONTINUED);
	assert_false(c->stmts[2].flags & STMT_CONTINUED);
	expect_words(c, 2, "peer|b");
	assert_int_equal(c->stmts[0].nwords + c->stmts[1].nwords, 4);
	assert_tree_lossless(c);
	arena_free(&a);

	/* the 4.2.6+ reader keeps it whole */
	arena_init(&a);
	c = parse_buf(&a, in, n, 0);
	assert_int_equal(c->nstmts, 2);
	assert_int_equal(c->stmts[0].nwords, 3);
	assert_tree_lossless(c);
	arena_free(&a);
	free(in);
}

static void
test_print_short_buffer(void **state)
{
	struct arena a;
	struct ntpconf *c;
	char out[8];

	arena_init(&a);
	c = parse_str(&a, "server a.example\n", 0);
	/* the size it needs, and no byte past cap */
	memset(out, 'Z', sizeof(out));
	assert_int_equal(ntpconf_print(c, out, 4), 17);
	assert_memory_equal(out + 4, "ZZZZ", 4);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directive_families),
		cmocka_unit_test(test_modern_forms),
		cmocka_unit_test(test_recovery_after_bad_lines),
		cmocka_unit_test(test_bad_lines_back_to_back),
		cmocka_unit_test(test_classic_never_syntax_error),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_classic_split_line_continues),
		cmocka_unit_test(test_print_short_buffer),
	};

	return cmocka_run_group_tests_name("ntpconf_parser", tests, NULL, NULL);
}
