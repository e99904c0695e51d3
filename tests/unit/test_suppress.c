/* inline suppressions: which findings a '# esxntp-lint: disable...' comment covers */
#include <string.h>

#include "test.h"

#include "suppress.h"

struct fixture {
	struct arena arena;
	struct diags diags;
	struct suppress *supp;
};

static int
setup(void **state)
{
	static struct fixture fx;

	memset(&fx, 0, sizeof(fx));
	arena_init(&fx.arena);
	diags_init(&fx.diags, &fx.arena);
	fx.supp = suppress_new(&fx.arena);
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	arena_free(&fx->arena);
	return 0;
}

/* a source whose comments ('#' to the line end) are handed to the suppress set */
static struct source *
file(struct fixture *fx, const char *path, const char *text)
{
	struct source *src = source_new(&fx->arena, path, text, strlen(text));
	struct span comments[32];
	size_t n = 0;
	const char *p;

	for (p = text; (p = strchr(p, '#')) != NULL && n < 32; p++) {
		const char *e = strchr(p, '\n');

		comments[n].start = (uint32_t)(p - text);
		comments[n].end = (uint32_t)(e ? e - text : (ptrdiff_t)strlen(text));
		n++;
		p = text + comments[n - 1].end - 1;
	}
	suppress_scan(fx->supp, src, comments, n);
	return src;
}

/* a finding of rule r at the start of 1-based line n */
static struct finding *
at_line(struct fixture *fx, struct source *src, enum rule_id r, uint32_t n)
{
	uint32_t off = source_line_start(src, n);
	struct span sp = { off, off + 1 };

	return diag_add(&fx->diags, r, src, sp, "finding on line %u", n);
}

static void
own_line_comment_covers_its_line_and_the_next(void **state)
{
	struct fixture *fx = *state;
	struct source *src = file(fx, "etc/ntp.conf",
	    "# esxntp-lint: disable=NTP031\n"
	    "server a\n"
	    "server b\n");
	struct finding *f1 = at_line(fx, src, R_NTP031, 1);
	struct finding *f2 = at_line(fx, src, R_NTP031, 2);
	struct finding *f3 = at_line(fx, src, R_NTP031, 3);
	struct finding *other = at_line(fx, src, R_NTP032, 2);

	assert_int_equal(suppress_apply(fx->supp, &fx->diags), 2);
	assert_int_equal(f1->suppressed, SUPP_INLINE);
	assert_int_equal(f2->suppressed, SUPP_INLINE);
	assert_int_equal(f3->suppressed, SUPP_NONE);
	assert_int_equal(other->suppressed, SUPP_NONE);
}

static void
trailing_comment_covers_its_line_only(void **state)
{
	struct fixture *fx = *state;
	struct source *src = file(fx, "etc/ntp.conf",
	    "restrict default nomodfy # esxntp-lint: disable=syntax-error because\n"
	    "restrict default nomodfy\n");
	struct finding *f1 = at_line(fx, src, R_NTP001, 1);
	struct finding *f2 = at_line(fx, src, R_NTP001, 2);

	assert_int_equal(suppress_apply(fx->supp, &fx->diags), 1);
	assert_int_equal(f1->suppressed, SUPP_INLINE);
	assert_int_equal(f2->suppressed, SUPP_NONE);
}

static void
disable_file_covers_that_file_only(void **state)
{
	struct fixture *fx = *state;
	struct source *a = file(fx, "etc/ntp.conf",
	    "server a\n\n\n"
	    "#esxntp-lint:   disable-file=NTP010 , few-servers\n");
	struct source *b = file(fx, "etc/ntp/extra.conf", "server b\n");
	struct finding *fa1 = at_line(fx, a, R_NTP010, 1);
	struct finding *fa2 = at_line(fx, a, R_NTP031, 2);
	struct finding *fa3 = at_line(fx, a, R_NTP032, 2);
	struct finding *fb = at_line(fx, b, R_NTP010, 1);

	assert_int_equal(suppress_apply(fx->supp, &fx->diags), 2);
	assert_int_equal(fa1->suppressed, SUPP_INLINE);
	assert_int_equal(fa2->suppressed, SUPP_INLINE);
	assert_int_equal(fa3->suppressed, SUPP_NONE);
	assert_int_equal(fb->suppressed, SUPP_NONE);
}

static void
families_all_and_several_directives(void **state)
{
	struct fixture *fx = *state;
	struct source *src = file(fx, "etc/ntp.conf",
	    "x # esxntp-lint: disable=STK disable=ntp030\n"
	    "y # esxntp-lint: disable=all\n");
	struct finding *stk = at_line(fx, src, R_STK010, 1);
	struct finding *ntp = at_line(fx, src, R_NTP030, 1);
	struct finding *hst = at_line(fx, src, R_HST010, 1);
	struct finding *any = at_line(fx, src, R_FS002, 2);

	suppress_apply(fx->supp, &fx->diags);
	assert_int_equal(stk->suppressed, SUPP_INLINE);
	assert_int_equal(ntp->suppressed, SUPP_INLINE);
	assert_int_equal(hst->suppressed, SUPP_NONE);
	assert_int_equal(any->suppressed, SUPP_INLINE);
}

static void
near_misses_silence_nothing(void **state)
{
	struct fixture *fx = *state;
	struct source *src = file(fx, "etc/ntp.conf",
	    "# esxntp-lint disable=NTP031\n"
	    "# esxntp-lint: disabled=NTP031\n"
	    "# esxntp-lint: disable=NTP0310,no-such-rule\n"
	    "# see esxntp-lint: disable=NTP031\n"
	    "# esxntp-lint: disable= NTP031 x\n"
	    "server a\n");
	struct finding *f[6];
	int i;

	for (i = 0; i < 4; i++)
		f[i] = at_line(fx, src, R_NTP031, (uint32_t)i + 2);
	f[4] = at_line(fx, src, R_NTP031, 6);
	/* line 5 does hold a valid directive (a blank after '=' is allowed): it covers 5, 6 */
	assert_int_equal(suppress_apply(fx->supp, &fx->diags), 2);
	for (i = 0; i < 3; i++)
		assert_int_equal(f[i]->suppressed, SUPP_NONE);
	assert_int_equal(f[3]->suppressed, SUPP_INLINE);
	assert_int_equal(f[4]->suppressed, SUPP_INLINE);
}

static void
disabled_findings_keep_their_reason(void **state)
{
	struct fixture *fx = *state;
	struct source *src = file(fx, "etc/ntp.conf", "x # esxntp-lint: disable=NTP031\n");
	struct finding *f = at_line(fx, src, R_NTP031, 1);
	struct finding *nosrc = diag_add_path(&fx->diags, R_NTP031, "etc/ntp.conf", "gone");

	f->suppressed = SUPP_DISABLED;
	assert_int_equal(suppress_apply(fx->supp, &fx->diags), 0);
	assert_int_equal(f->suppressed, SUPP_DISABLED);
	assert_int_equal(nosrc->suppressed, SUPP_NONE);
}

static void
crlf_comment_is_read(void **state)
{
	struct fixture *fx = *state;
	struct source *src = file(fx, "etc/ntp.conf",
	    "server a # esxntp-lint: disable=NTP003\r\n");
	struct finding *f = at_line(fx, src, R_NTP003, 1);

	assert_int_equal(suppress_apply(fx->supp, &fx->diags), 1);
	assert_int_equal(f->suppressed, SUPP_INLINE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(own_line_comment_covers_its_line_and_the_next, setup, teardown),
		cmocka_unit_test_setup_teardown(trailing_comment_covers_its_line_only, setup, teardown),
		cmocka_unit_test_setup_teardown(disable_file_covers_that_file_only, setup, teardown),
		cmocka_unit_test_setup_teardown(families_all_and_several_directives, setup, teardown),
		cmocka_unit_test_setup_teardown(near_misses_silence_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(disabled_findings_keep_their_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(crlf_comment_is_read, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
