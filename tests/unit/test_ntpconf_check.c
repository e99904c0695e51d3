/* The version-aware statement checks: directive ids, rejected statements, and findings
 * with their codes and spans. */
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "ntpconf_check.h"

struct run {
	struct arena a;
	struct diags d;
	struct ntpconf *c;
	char *findings;
};

static void
run(struct run *r, enum ntp_version v, const char *in, size_t len)
{
	arena_init(&r->a);
	diags_init(&r->d, &r->a);
	r->c = parse_buf(&r->a, in, len, NTPV_IS_CLASSIC(v));
	ntpconf_check(r->c, v, &r->d);
	r->findings = findings_dump(&r->d);
	/* checking never changes the tree */
	assert_tree_lossless(r->c);
}

static void
done(struct run *r)
{
	free(r->findings);
	arena_free(&r->a);
}

#define RUN(r, v, s) run((r), (v), (s), sizeof(s) - 1)

static void
expect_stmt(const struct run *r, uint32_t i, enum ntp_dir dir, int rejected)
{
	assert_true(i < r->c->nstmts);
	assert_string_equal(ntp_dir_name(r->c->stmts[i].dir), ntp_dir_name(dir));
	assert_int_equal(!!(r->c->stmts[i].flags & STMT_REJECTED), rejected);
}

/* the finding for rule code at 1-based line:col, and the bytes it points at */
#define expect_span(r, code, bytes) expect_span_n((r), (code), (bytes), sizeof(bytes) - 1)

static void
expect_span_n(const struct run *r, const char *code, const char *bytes, size_t n)
{
	size_t i;

	for (i = 0; i < r->d.n; i++) {
		const struct finding *f = &r->d.v[i];

		if (strcmp(rule_table[f->rule].code, code) != 0)
			continue;
		assert_int_equal(f->span.end - f->span.start, n);
		assert_memory_equal(f->src->buf + f->span.start, bytes, n);
		return;
	}
	fail_msg("no %s finding", code);
}

static void
expect_message(const struct run *r, const char *code, const char *part)
{
	size_t i;

	for (i = 0; i < r->d.n; i++)
		if (strcmp(rule_table[r->d.v[i].rule].code, code) == 0 &&
		    strstr(r->d.v[i].message, part) != NULL)
			return;
	fail_msg("no %s finding saying '%s' in: %s", code, part, r->findings);
}

static void
test_directive_ids(void **state)
{
	struct run r;

	RUN(&r, NTPV_420,
	    "server 10.0.0.1\n"
	    "\n"
	    "# comment\n"
	    "restrict default nomodify\n"
	    "driftfile /var/lib/ntp/drift\n"
	    "frobnicate 1\n"
	    "fudge 127.127.1.0 stratum 10\n"
	    "trustedkey 1 2\n");
	expect_stmt(&r, 0, DIR_SERVER, 0);
	expect_stmt(&r, 1, DIR_NONE, 0);
	expect_stmt(&r, 2, DIR_NONE, 0);
	expect_stmt(&r, 3, DIR_RESTRICT, 0);
	expect_stmt(&r, 4, DIR_DRIFTFILE, 0);
	expect_stmt(&r, 5, DIR_UNKNOWN, 1);
	expect_stmt(&r, 6, DIR_FUDGE, 0);
	expect_stmt(&r, 7, DIR_TRUSTEDKEY, 0);
	assert_string_equal(r.findings, "6:1 NTP001");
	expect_span(&r, "NTP001", "frobnicate");
	done(&r);
	assert_string_equal(ntp_dir_name(DIR_LEAPSMEARINTERVAL), "leapsmearinterval");
}

static void
test_v420_findings(void **state)
{
	struct run r;

	RUN(&r, NTPV_420,
	    "restrict default nomodfy notrap\n"	/* NTP001 at the flag, dropped */
	    "server a minpoll fast\n"		/* NTP008: read as 0, kept */
	    "pool x\n"				/* NTP004: 4.2.6+ */
	    "server 1.2.3.4\r\n"		/* NTP003 once, at the CR; CR harmless here */
	    "setvar a \"b # c\"\n"		/* NTP007 at the '#' */
	    "requestkey 0\n");			/* NTP002 */
	assert_string_equal(r.findings, "1:18 NTP001, 2:18 NTP008, 3:1 NTP004, 4:15 NTP003, "
	    "5:13 NTP007, 6:12 NTP002");
	expect_span(&r, "NTP001", "nomodfy");
	expect_message(&r, "NTP001", "did you mean 'nomodify'?");
	expect_span(&r, "NTP008", "fast");
	expect_span(&r, "NTP004", "pool");
	expect_span(&r, "NTP003", "\r");
	/* from the '#' that 4.2.0 takes for a comment to the end of the line */
	expect_span(&r, "NTP007", "# c\"");
	expect_span(&r, "NTP002", "0");
	expect_stmt(&r, 0, DIR_RESTRICT, 1);
	expect_stmt(&r, 1, DIR_SERVER, 0);
	expect_stmt(&r, 2, DIR_POOL, 1);
	expect_stmt(&r, 3, DIR_SERVER, 0);
	expect_stmt(&r, 4, DIR_SETVAR, 0);
	expect_stmt(&r, 5, DIR_REQUESTKEY, 1);
	done(&r);
}

static void
test_v420_crlf_glues_cr(void **state)
{
	struct run r;

	/* the CR in 'nomodify\r' makes an unknown flag: the line is dropped */
	RUN(&r, NTPV_420, "restrict default nomodify\r\nrestrict 127.0.0.1\r\n");
	assert_string_equal(r.findings, "1:18 NTP001, 1:26 NTP003");
	expect_message(&r, "NTP001", "'nomodify\\r'");
	expect_stmt(&r, 0, DIR_RESTRICT, 1);
	expect_stmt(&r, 1, DIR_RESTRICT, 0);
	done(&r);

	/* a quote in a word is shown as itself, not \x27 */
	RUN(&r, NTPV_420, "restrict default nomodify'\n");
	expect_message(&r, "NTP001", "unknown restrict flag 'nomodify''");
	done(&r);

	/* 4.2.8 reads CR as a blank */
	RUN(&r, NTPV_428, "restrict default nomodify\r\nrestrict 127.0.0.1\r\n");
	assert_string_equal(r.findings, "");
	expect_stmt(&r, 0, DIR_RESTRICT, 0);
	done(&r);
}

static void
test_v420_lexical(void **state)
{
	struct run r;
	char *in = malloc(1200);

	RUN(&r, NTPV_420, "x\0y\nserver minpoll\n");
	assert_string_equal(r.findings, "1:1 NTP001, 1:2 NTP006, 2:8 NTP005");
	expect_span(&r, "NTP006", "\0");
	expect_span(&r, "NTP005", "minpoll");
	done(&r);

	/* a 1100-byte line: split at 1023 bytes, the rest is a line of its own */
	assert_non_null(in);
	memcpy(in, "server a ", 9);
	memset(in + 9, ' ', 1100 - 9);
	memcpy(in + 1100, "iburst\n", 7);
	run(&r, NTPV_420, in, 1107);
	assert_string_equal(r.findings, "1:1024 NTP009, 1:1101 NTP001");
	expect_span(&r, "NTP009", "");
	expect_span(&r, "NTP001", "iburst");
	expect_stmt(&r, 0, DIR_SERVER, 0);
	expect_stmt(&r, 1, DIR_UNKNOWN, 1);
	assert_true(r.c->stmts[1].flags & STMT_CONTINUED);
	done(&r);
	run(&r, NTPV_428, in, 1107);
	assert_string_equal(r.findings, "");
	done(&r);
	free(in);
}

static void
test_v420_too_many_words(void **state)
{
	char line[256] = "restrict default";
	struct run r;
	int i;

	/* 20 words are fine */
	for (i = 0; i < 18; i++)
		strcat(line, " nomodify");
	strcat(line, "\n");
	run(&r, NTPV_420, line, strlen(line));
	assert_string_equal(r.findings, "");
	expect_stmt(&r, 0, DIR_RESTRICT, 0);
	done(&r);
	/* the 21st overruns gettokens()' array */
	strcpy(line + strlen(line) - 1, " notrap\n");
	run(&r, NTPV_420, line, strlen(line));
	assert_string_equal(r.findings, "1:180 NTP004");
	expect_span(&r, "NTP004", "notrap");
	assert_true(r.c->stmts[0].flags & STMT_REJECTED);
	done(&r);
	/* 4.2.8 has no limit */
	run(&r, NTPV_428, line, strlen(line));
	assert_string_equal(r.findings, "");
	done(&r);
}

static void
test_v428_findings(void **state)
{
	struct run r;

	RUN(&r, NTPV_428,
	    "restrict default nomodfy notrap\n"
	    "server a minpoll fast\n"		/* not a number: a syntax error here */
	    "pool x\n"
	    "tos cohort 1\n"
	    "; x\n"				/* the grammar refuses it */
	    "broadcastclient\n"
	    "setvar a=b\n");			/* '=' needs blanks around it: 4.2.0's form */
	assert_string_equal(r.findings, "1:18 NTP001, 2:18 NTP001, 5:1 NTP001, 7:9 NTP004");
	expect_message(&r, "NTP001", "needs an integer, not 'fast'");
	expect_message(&r, "NTP001", "unexpected ';'");
	expect_stmt(&r, 0, DIR_RESTRICT, 1);
	expect_stmt(&r, 1, DIR_SERVER, 1);
	expect_stmt(&r, 2, DIR_POOL, 0);
	expect_stmt(&r, 3, DIR_TOS, 0);
	expect_stmt(&r, 4, DIR_UNKNOWN, 1);
	assert_true(r.c->stmts[4].flags & STMT_SYNTAX_ERROR);
	expect_stmt(&r, 5, DIR_BROADCASTCLIENT, 0);
	expect_stmt(&r, 6, DIR_SETVAR, 1);
	done(&r);
}

static void
test_v428_empty_file(void **state)
{
	struct run r;

	RUN(&r, NTPV_428, "");
	assert_string_equal(r.findings, "1:1 NTP001");
	expect_message(&r, "NTP001", "empty file");
	done(&r);
	RUN(&r, NTPV_428, "  # only a comment");
	assert_string_equal(r.findings, "1:1 NTP001");
	done(&r);
	/* the classic reader does not mind */
	RUN(&r, NTPV_420, "");
	assert_string_equal(r.findings, "");
	done(&r);
}

static void
test_v428_unclosed_paren(void **state)
{
	struct run r;

	RUN(&r, NTPV_428, "trustedkey (1 ... 5\ntrustedkey (1 ... 5) 7\n");
	assert_string_equal(r.findings, "1:20 NTP001");
	expect_span(&r, "NTP001", "\n");
	expect_message(&r, "NTP001", "'(' is not closed");
	expect_stmt(&r, 0, DIR_UNKNOWN, 1);
	expect_stmt(&r, 1, DIR_TRUSTEDKEY, 0);
	done(&r);
}

static void
test_ntpsec_and_41(void **state)
{
	struct run r;

	RUN(&r, NTPV_SEC, "broadcast 224.0.1.1\nserver -4 a\nrefclock shm\n");
	assert_string_equal(r.findings, "1:1 NTP004");
	expect_span(&r, "NTP004", "broadcast");
	expect_stmt(&r, 0, DIR_BROADCAST, 1);
	expect_stmt(&r, 1, DIR_SERVER, 0);
	expect_stmt(&r, 2, DIR_REFCLOCK, 0);
	done(&r);

	RUN(&r, NTPV_41, "tos minclock 3\nserver -4 a\nauthenticate yes\n");
	assert_string_equal(r.findings, "1:1 NTP004, 2:8 NTP004");
	expect_span(&r, "NTP004", "tos");
	expect_stmt(&r, 0, DIR_TOS, 1);
	expect_stmt(&r, 1, DIR_SERVER, 1);
	expect_stmt(&r, 2, DIR_AUTHENTICATE, 0);
	done(&r);

	/* and the same 'authenticate' is unknown to later versions */
	RUN(&r, NTPV_420, "authenticate yes\n");
	assert_string_equal(r.findings, "1:1 NTP004");
	expect_stmt(&r, 0, DIR_AUTHENTICATE, 1);
	done(&r);
}

static void
test_v428_end(void **state)
{
	struct run r;

	RUN(&r, NTPV_428, "server a\nend\nserver b\n");
	assert_string_equal(r.findings, "3:1 NTP001");
	expect_message(&r, "NTP001", "after 'end'");
	expect_stmt(&r, 1, DIR_END, 0);
	assert_true(r.c->stmts[2].flags & STMT_REJECTED);
	done(&r);
}

/* ntpd 4.2.2p1 (classic ntp-project/ntp ddf086f8a, ntpd/ntp_config.c): the 4.2.0 reader
 * with the discard index fixed, 'end', more tos variables and server options, 'pps'
 * gone, and no crash past 20 words */
static void
test_v422_reader(void **state)
{
	char line[256] = "restrict default";
	struct run r;
	int i;

	RUN(&r, NTPV_422,
	    "discard average 3 minimum 1\n"		/* tokens[i], not tokens[i++] */
	    "tos maxclock 10 orphan 12 maxhop 3\n"
	    "server 10.0.0.1 preempt true\n"
	    "enable pps\n"
	    "end\n"
	    "server 10.0.0.2\n");
	assert_string_equal(r.findings, "4:8 NTP004, 6:1 NTP001");
	expect_message(&r, "NTP004", "is not in ntpd 4.2.2: ntpd 4.1 and 4.2.0 have it");
	expect_message(&r, "NTP001", "ignores the rest without a message");
	expect_stmt(&r, 0, DIR_DISCARD, 0);
	expect_stmt(&r, 4, DIR_END, 0);
	done(&r);
	/* the same lines, read by 4.2.0 */
	RUN(&r, NTPV_420,
	    "discard average 3 minimum 1\n"
	    "tos maxclock 10 orphan 12 maxhop 3\n"
	    "server 10.0.0.1 preempt true\n"
	    "enable pps\n"
	    "end\n");
	assert_string_equal(r.findings, "1:19 NTP004, 2:5 NTP004, 3:17 NTP004, 5:1 NTP004");
	expect_message(&r, "NTP004", "is not in ntpd 4.2.0: ntpd 4.2.2, 4.2.8 and NTPsec 1.2 have it");
	done(&r);
	/* 21 words: logged and lost, not a crash */
	for (i = 0; i < 19; i++)
		strcat(line, " nomodify");
	strcat(line, "\n");
	run(&r, NTPV_422, line, strlen(line));
	assert_string_equal(r.findings, "1:180 NTP004");
	expect_message(&r, "NTP004", "too many tokens on the line");
	done(&r);
}

/* the keyword tables of Red Hat's 4.1.2 (d2a13f905): no PUBKEY, so no keysdir or
 * crypto; sysstats came with 4.2.0 */
static void
test_v41_tables(void **state)
{
	struct run r;

	RUN(&r, NTPV_41, "keysdir /etc/ntp\ncrypto\nstatistics loopstats sysstats\n");
	assert_string_equal(r.findings, "1:1 NTP004, 2:1 NTP004, 3:22 NTP004");
	expect_message(&r, "NTP004", "built with PUBKEY");
	done(&r);
	RUN(&r, NTPV_420, "keysdir /etc/ntp\nstatistics loopstats sysstats\n");
	assert_string_equal(r.findings, "");
	done(&r);
	/* 4.1.2 takes any ttl (4.2.0 added 'ttl: invalid argument' for 8 and more) */
	RUN(&r, NTPV_41, "broadcast 224.0.1.1 ttl 9\n");
	assert_string_equal(r.findings, "");
	done(&r);
	RUN(&r, NTPV_420, "broadcast 224.0.1.1 ttl 9\n");
	assert_string_equal(r.findings, "1:25 NTP002");
	done(&r);
}

/* forms one version has and another lacks are NTP004 (the recorded verdicts in
 * ../shared/reference/ntpd-verdicts name the edge files) */
static void
test_version_forms(void **state)
{
	struct run r;

	RUN(&r, NTPV_420,
	    "server 10.0.0.1 minpoll 18 maxpoll 18\n"	/* edge 11: 4.2.6+ clamp it */
	    "server 10.0.0.2 minpoll 10 maxpoll 6\n"	/* edge 17: a plain mistake */
	    "trustedkey (1 ... 5) 8\n"			/* edge 30: 4.2.8 ranges */
	    "discard average 3 minimum 1\n"		/* edge 48: one pair a line */
	    "restrict [::1]\n"				/* no brackets for getaddrinfo */
	    "multicastclient\n"				/* the default group */
	    "statsdir\n");				/* ignored */
	assert_string_equal(r.findings, "1:25 NTP004, 2:25 NTP002, 3:12 NTP004, 4:19 NTP004, 5:10 NTP002");
	expect_span(&r, "NTP004", "18");
	expect_message(&r, "NTP004", "key ranges");
	done(&r);

	RUN(&r, NTPV_428,
	    "server 10.0.0.1 minpoll 18 maxpoll 18\n"
	    "trustedkey (1 ... 5) 8\n"
	    "discard average 3 minimum 1\n"
	    "restrict [::1] nomodify\n"			/* is_ip_address() drops the brackets */
	    "restrict [fe80::1%eth0\n"
	    "restrict [10.0.0.1]\n"			/* a host name that does not resolve */
	    "restrict [zz::]\n"
	    "multicastclient\n"				/* the grammar wants an address list */
	    "manycastserver 239.1.1.1\n"
	    "statsdir\n"
	    "restrict 10.0.0.0 nomodify mask 255.0.0.0\n"	/* edge 04 */
	    "driftfile /d 1e-7\n"				/* edge2 a05: wander */
	    "driftfile /d 7\n"				/* T_Integer, not T_Double */
	    "driftfile /d 0.5 x\n");
	assert_string_equal(r.findings, "7:10 NTP002, 8:1 NTP004, 10:1 NTP004, 11:28 NTP004, "
	    "13:14 NTP001, 14:18 NTP001");
	done(&r);

	RUN(&r, NTPV_SEC, "driftfile /var/lib/ntp/drift 1e-7\nsetvar a=b\n");
	assert_string_equal(r.findings, "2:9 NTP004");
	done(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directive_ids),
		cmocka_unit_test(test_v420_findings),
		cmocka_unit_test(test_v420_crlf_glues_cr),
		cmocka_unit_test(test_v420_lexical),
		cmocka_unit_test(test_v420_too_many_words),
		cmocka_unit_test(test_v428_findings),
		cmocka_unit_test(test_v428_empty_file),
		cmocka_unit_test(test_v428_unclosed_paren),
		cmocka_unit_test(test_ntpsec_and_41),
		cmocka_unit_test(test_v428_end),
		cmocka_unit_test(test_version_forms),
		cmocka_unit_test(test_v422_reader),
		cmocka_unit_test(test_v41_tables),
	};

	return cmocka_run_group_tests_name("ntpconf_check", tests, NULL, NULL);
}
