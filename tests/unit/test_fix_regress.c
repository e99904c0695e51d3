/* Regressions the fuzz targets found in the fix engine and the rules' fixes: each case
 * is a reproducer from corpus/fuzz/, reduced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix.h"
#include "lint.h"
#include "test.h"

#define put_text(dir, rel, lit) put_file(dir, rel, lit, sizeof(lit) - 1)
#include "model_files.h"

static void
rm_root(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void
all_fixes(struct fix_opts *fo)
{
	size_t i;

	memset(fo, 0, sizeof(*fo));
	fo->unsafe = true;
	for (i = 0; i < R_COUNT; i++)
		fo->fixable[i] = fo->enabled[i] = true;
}

static const struct fix_file *
planned_file(const struct fix_plan *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, path) == 0)
			return &p->files[i];
	return NULL;
}

/* a word a fix could list in step-tickers: what the step-tickers model reads back as a
 * host, not as ntp.conf syntax */
static void
stk_word_hosts(void **state)
{
	(void)state;
	assert_true(stk_word_is_host("ntp1.example.com"));
	assert_true(stk_word_is_host("10.0.0.1"));
	assert_true(stk_word_is_host("ntp1\r"));
	assert_false(stk_word_is_host("iburst"));
	assert_false(stk_word_is_host("prefer"));
	assert_false(stk_word_is_host("server"));
	assert_false(stk_word_is_host("restrict"));
	assert_false(stk_word_is_host("a#b"));
	assert_false(stk_word_is_host("a b"));
	assert_false(stk_word_is_host(""));
}

/* fuzz_host: "server  iburst" made STK010 append 'iburst' to step-tickers on every pass
 * (read back as a keyword, it never counted as listed): the fixes never converged, and
 * the edits of the pass cut off by the limit leaked. The option-named server is NTP005's;
 * step-tickers gets the real servers, and fixing again changes nothing. */
static void
option_named_server_converges(void **state)
{
	char dir[] = "/tmp/esxntp-regress-XXXXXX";
	struct lint_opts lo = { .ntp_version = -1, .max_file_size = DEFAULT_MAX_FILE_SIZE };
	struct lint_opts lo2;
	struct lint_text t[4];
	size_t i;
	struct fix_opts fo;
	struct fix_plan p, p2;
	const struct fix_file *stk;
	struct host h, h2;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_text(dir, "etc/ntp.conf",
	    "restrict default kod nomodify notrap nopeer noquery\n"
	    "server 0.vmware.pool.ntp.org\n"
	    "server 1.vmware.pool.ntp.org\n"
	    "server  iburst\n"
	    "driftfile /var/lib/ntp/drift\n");
	put_text(dir, "var/lib/ntp/.keep", "");
	all_fixes(&fo);
	host_lint(&h, dir, true, &lo);
	diags_sort(&h.diags);
	fix_plan(&h, &lo, &fo, &p);
	assert_null(p.refused);
	assert_true(p.passes < FIX_MAX_PASSES);
	stk = planned_file(&p, STEPTICKERS_PATH);
	assert_non_null(stk);
	assert_int_equal(stk->len, strlen("0.vmware.pool.ntp.org\n1.vmware.pool.ntp.org\n"));
	assert_memory_equal(stk->text, "0.vmware.pool.ntp.org\n1.vmware.pool.ntp.org\n", stk->len);

	for (i = 0; i < p.nfiles && i < 4; i++) {
		t[i].path = p.files[i].path;
		t[i].buf = p.files[i].text;
		t[i].len = p.files[i].len;
	}
	lo2 = lo;
	lo2.texts = t;
	lo2.ntexts = i;
	host_lint(&h2, dir, true, &lo2);
	diags_sort(&h2.diags);
	fix_plan(&h2, &lo2, &fo, &p2);
	for (i = 0; i < p2.nfiles; i++)
		fprintf(stderr, "second fix changes %s\n", p2.files[i].path);
	assert_int_equal(p2.nfiles, 0);
	fix_plan_free(&p2);
	host_free(&h2);
	fix_plan_free(&p);
	host_free(&h);
	rm_root(dir);
}

/* fuzz_host: an action (SVC010's rc links) taken in a later pass (after STK005's line-end
 * pass) pointed into that pass's re-lint, freed before --fix made the links: the plan
 * must own its actions' paths */
static void
later_pass_actions_survive(void **state)
{
	char dir[] = "/tmp/esxntp-regress-XXXXXX";
	struct lint_opts lo = { .ntp_version = -1, .max_file_size = DEFAULT_MAX_FILE_SIZE };
	struct fix_opts fo;
	struct fix_plan p;
	struct host h, other;
	size_t i, links = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put_text(dir, "etc/ntp.conf",
	    "restrict 127.0.0.1\n"
	    "restrict default kod nomodify notrap nopeer noquery\n"
	    "server ntp1.example.com\n"
	    "driftfile /var/lib/ntp/drift\n");
	put_text(dir, "var/lib/ntp/.keep", "");
	put_text(dir, "etc/hosts", "192.0.2.1\tntp1.example.com\n");
	put_text(dir, "etc/ntp/step-tickers", "ntp1.example.com\r\n");
	put_text(dir, "etc/rc.d/init.d/ntpd", "#!/bin/sh\n# chkconfig: - 58 74\n");
	put_text(dir, "etc/rc.d/rc3.d/.keep", "");
	put_text(dir, "etc/rc.d/rc4.d/.keep", "");
	put_text(dir, "etc/rc.d/rc5.d/.keep", "");
	all_fixes(&fo);
	host_lint(&h, dir, true, &lo);
	diags_sort(&h.diags);
	fix_plan(&h, &lo, &fo, &p);
	assert_null(p.refused);
	assert_true(p.passes >= 2);
	/* another lint takes the memory a freed re-lint had */
	host_lint(&other, dir, true, &lo);
	for (i = 0; i < p.nactions; i++) {
		assert_int_equal(p.actions[i].kind, FIXACT_SYMLINK);
		assert_true(strncmp(p.actions[i].path, "etc/rc.d/rc", 11) == 0);
		assert_string_equal(p.actions[i].path + 12, ".d/S58ntpd");
		assert_string_equal(p.actions[i].target, "../init.d/ntpd");
		links++;
	}
	assert_int_equal(links, 3);
	host_free(&other);
	fix_plan_free(&p);
	host_free(&h);
	rm_root(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stk_word_hosts),
		cmocka_unit_test(option_named_server_converges),
		cmocka_unit_test(later_pass_actions_survive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
