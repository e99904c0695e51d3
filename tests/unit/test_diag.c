/* Findings: what diag_add records, and a sort by path, offset and rule that keeps the
 * insertion order of equal keys. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static void
test_add(void **state)
{
	struct arena a;
	struct diags d;
	struct source *s;
	struct finding *f;
	struct span sp = { 4, 11 };

	arena_init(&a);
	diags_init(&d, &a);
	s = source_new(&a, "etc/ntp.conf", "server nomodfy\n", 15);
	f = diag_add(&d, R_NTP001, s, sp, "unknown flag '%s'; did you mean '%s'?", "nomodfy",
	    "nomodify");
	assert_string_equal(f->message, "unknown flag 'nomodfy'; did you mean 'nomodify'?");
	assert_int_equal(f->sev, rule_table[R_NTP001].sev);
	assert_ptr_equal(f->src, s);
	assert_string_equal(f->path, "etc/ntp.conf");
	assert_int_equal(f->span.start, 4);
	assert_int_equal(f->span.end, 11);
	diag_related(&d, f, s, sp, "here");
	diag_related(&d, f, s, sp, NULL);
	diag_edit(&d, f, s, sp, "nomodify");
	diag_edit(&d, f, s, sp, "");
	/* d->v may move as it grows: look the finding up again */
	f = diag_add_path(&d, R_NTP003, "etc/ntp/step-tickers", "cannot read: %s", "EACCES");
	assert_null(f->src);
	assert_string_equal(f->path, "etc/ntp/step-tickers");
	assert_int_equal(d.n, 2);
	f = &d.v[0];
	assert_int_equal(f->nrelated, 2);
	assert_string_equal(f->related[0].message, "here");
	assert_null(f->related[1].message);
	assert_int_equal(f->nedits, 2);
	assert_string_equal(f->edits[0].text, "nomodify");
	assert_string_equal(f->edits[1].text, "");
	assert_int_equal(d.v[1].seq, 1);
	arena_free(&a);
}

static void
test_sort_order(void **state)
{
	struct arena a;
	struct diags d;
	struct source *s1, *s2;
	struct span at0 = { 0, 1 }, at5 = { 5, 6 };

	arena_init(&a);
	diags_init(&d, &a);
	s1 = source_new(&a, "b.conf", "0123456789", 10);
	s2 = source_new(&a, "a.conf", "0123456789", 10);
	diag_add(&d, R_NTP002, s1, at5, "b5-2");
	diag_add(&d, R_NTP001, s1, at5, "b5-1");
	diag_add(&d, R_NTP009, s1, at0, "b0-9");
	diag_add(&d, R_NTP001, s2, at5, "a5-1");
	diag_add_path(&d, R_NTP001, "c.conf", "c");
	diags_sort(&d);
	assert_string_equal(d.v[0].message, "a5-1");
	assert_string_equal(d.v[1].message, "b0-9");
	assert_string_equal(d.v[2].message, "b5-1");
	assert_string_equal(d.v[3].message, "b5-2");
	assert_string_equal(d.v[4].message, "c");
	arena_free(&a);
}

static void
test_sort_stable(void **state)
{
	struct arena a;
	struct diags d;
	struct source *s;
	struct span sp;
	char want[16];
	size_t i, k;

	arena_init(&a);
	diags_init(&d, &a);
	s = source_new(&a, "t.conf", "0123456789", 10);
	/* 300 findings on three keys, interleaved; equal keys must keep insertion order */
	for (i = 0; i < 300; i++) {
		sp.start = sp.end = (uint32_t)(2 - i % 3);
		diag_add(&d, R_NTP005, s, sp, "%zu", i);
	}
	diags_sort(&d);
	for (k = 0; k < 3; k++)
		for (i = 0; i < 100; i++) {
			const struct finding *f = &d.v[k * 100 + i];

			assert_int_equal(f->span.start, k);
			snprintf(want, sizeof(want), "%zu", 3 * i + (2 - k));
			assert_string_equal(f->message, want);
		}
	arena_free(&a);
}

static void
test_sort_empty(void **state)
{
	struct arena a;
	struct diags d;

	arena_init(&a);
	diags_init(&d, &a);
	diags_sort(&d);
	assert_int_equal(d.n, 0);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_sort_order),
		cmocka_unit_test(test_sort_stable),
		cmocka_unit_test(test_sort_empty),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
