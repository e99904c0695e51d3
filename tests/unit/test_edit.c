/* Edit sets: conflicts are refused all-or-none, edits apply in one pass, untouched bytes are
 * copied verbatim; and the unified diff of --diff, byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "diffout.h"
#include "edit.h"

static struct edit
ed(struct source *s, uint32_t start, uint32_t end, const char *text)
{
	struct edit e;

	e.src = s;
	e.span.start = start;
	e.span.end = end;
	e.text = text;
	return e;
}

static char *
applied(const struct edit_set *set)
{
	size_t len;
	char *out = edit_apply(set, &len);

	assert_int_equal(strlen(out), len);
	return out;
}

static void
test_apply_insert_replace_delete(void **state)
{
	struct arena a;
	struct source *s;
	struct edit_set set;
	struct edit e[3];
	char *out;

	arena_init(&a);
	s = source_new(&a, "f", "server a\nserver b\n", 18);
	edit_set_init(&set, s);
	/* added out of order: the set sorts them */
	e[0] = ed(s, 18, 18, "driftfile /x\n");
	e[1] = ed(s, 7, 8, "alpha");
	e[2] = ed(s, 9, 18, "");
	assert_int_equal(edit_set_add(&set, &e[0], 1), 0);
	assert_int_equal(edit_set_add(&set, &e[1], 2), 0);
	out = applied(&set);
	assert_string_equal(out, "server alpha\ndriftfile /x\n");
	free(out);
	edit_set_free(&set);
	arena_free(&a);
}

static void
test_untouched_bytes_verbatim(void **state)
{
	struct arena a;
	struct source *s;
	struct edit_set set;
	struct edit e;
	static const char in[] = "a\r\nb\0c\r\nlast";
	char *out;
	size_t len;

	arena_init(&a);
	s = source_new(&a, "f", in, sizeof(in) - 1);
	edit_set_init(&set, s);
	e = ed(s, 1, 2, "");
	assert_int_equal(edit_set_add(&set, &e, 1), 0);
	out = edit_apply(&set, &len);
	assert_int_equal(len, sizeof(in) - 2);
	assert_memory_equal(out, "a\nb\0c\r\nlast", len);
	free(out);
	edit_set_free(&set);
	arena_free(&a);
}

static void
test_conflicts(void **state)
{
	struct arena a;
	struct source *s;
	struct edit x, y;

	arena_init(&a);
	s = source_new(&a, "f", "0123456789", 10);
	x = ed(s, 2, 5, "r");
	y = ed(s, 4, 6, "q");
	assert_true(edit_conflicts(&x, &y));		/* overlap */
	y = ed(s, 5, 7, "q");
	assert_false(edit_conflicts(&x, &y));		/* adjacent */
	y = ed(s, 3, 3, "i");
	assert_true(edit_conflicts(&x, &y));		/* insert inside a replace */
	y = ed(s, 2, 2, "i");
	assert_true(edit_conflicts(&x, &y));		/* insert where a replace starts */
	assert_true(edit_conflicts(&y, &x));
	y = ed(s, 5, 5, "i");
	assert_false(edit_conflicts(&x, &y));		/* insert right after it */
	x = ed(s, 5, 5, "j");
	assert_true(edit_conflicts(&x, &y));		/* two inserts at one offset */
	arena_free(&a);
}

static void
test_add_is_all_or_none(void **state)
{
	struct arena a;
	struct source *s;
	struct edit_set set;
	struct edit e[2], bad;
	char *out;

	arena_init(&a);
	s = source_new(&a, "f", "abcdef", 6);
	edit_set_init(&set, s);
	e[0] = ed(s, 0, 1, "A");
	assert_int_equal(edit_set_add(&set, e, 1), 0);
	/* the second edit conflicts: the first of the pair must not be added either */
	e[0] = ed(s, 3, 4, "D");
	e[1] = ed(s, 0, 2, "xx");
	assert_int_equal(edit_set_add(&set, e, 2), -1);
	assert_int_equal(set.n, 1);
	/* two edits of one fix that conflict with each other */
	e[0] = ed(s, 3, 5, "D");
	e[1] = ed(s, 4, 6, "E");
	assert_int_equal(edit_set_add(&set, e, 2), -1);
	bad = ed(s, 5, 9, "");
	assert_int_equal(edit_set_add(&set, &bad, 1), -1);	/* past the end */
	out = applied(&set);
	assert_string_equal(out, "Abcdef");
	free(out);
	edit_set_free(&set);
	arena_free(&a);
}

/* the set's search of its sorted runs agrees with comparing every pair, and the edits
 * apply in place order, for random edits added in random order (one or two a fix) */
static void
test_set_against_all_pairs(void **state)
{
	static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
	struct arena a;
	struct source *s;
	struct edit_set set;
	struct edit taken[512], e[2];
	char want[1024], *out;
	size_t ntaken, i, j, k, n, len;
	int trial, clash;

	arena_init(&a);
	s = source_new(&a, "f", text, sizeof(text) - 1);
	srand(11);
	for (trial = 0; trial < 200; trial++) {
		edit_set_init(&set, s);
		ntaken = 0;
		for (k = 0; k < 300; k++) {
			n = 1 + (size_t)(rand() % 2);
			for (i = 0; i < n; i++) {
				uint32_t at = (uint32_t)(rand() % (int)s->len);
				uint32_t w = (uint32_t)(rand() % 3);

				e[i] = ed(s, at, at + w > s->len ? s->len : at + w, i ? "<" : "[");
			}
			clash = 0;
			for (i = 0; i < n; i++) {
				for (j = 0; j < ntaken; j++)
					clash |= edit_conflicts(&e[i], &taken[j]);
				for (j = 0; j < i; j++)
					clash |= edit_conflicts(&e[i], &e[j]);
			}
			assert_int_equal(edit_set_add(&set, e, n), clash ? -1 : 0);
			for (i = 0; i < n && !clash; i++)
				taken[ntaken++] = e[i];
		}
		assert_int_equal(set.n, ntaken);
		/* the expected text: the taken edits applied in place order, by hand */
		len = 0;
		for (i = 0; i <= s->len; i++) {
			for (k = 0; k < 2; k++)	/* inserts at i, then the replace starting at i */
				for (j = 0; j < ntaken; j++)
					if (taken[j].span.start == i &&
					    (taken[j].span.end == i) == (k == 0))
						len += (size_t)sprintf(want + len, "%s", taken[j].text);
			for (j = 0; j < ntaken; j++)
				if (taken[j].span.start <= i && i < taken[j].span.end)
					break;
			if (j == ntaken && i < s->len)
				want[len++] = text[i];
		}
		want[len] = '\0';
		out = applied(&set);
		assert_string_equal(out, want);
		free(out);
		edit_set_free(&set);
	}
	arena_free(&a);
}

static char *
diff_of(const char *path, const char *old, const char *new)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	out_diff_file(fp, path, old, old ? strlen(old) : 0, new, strlen(new));
	fclose(fp);
	return buf;
}

/* the same hunks GNU diff -u prints (checked against diffutils 3.8) */
static void
test_diff_context_and_hunks(void **state)
{
	char *d;

	d = diff_of("etc/ntp.conf", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n",
	    "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n");
	assert_string_equal(d,
	    "--- a/etc/ntp.conf\n+++ b/etc/ntp.conf\n"
	    "@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n"
	    "@@ -14,3 +15,4 @@\n 14\n 15\n 16\n+17\n");
	free(d);
	d = diff_of("etc/ntp.conf", "a\nb\nc\n", "a\nB\nc\n");
	assert_string_equal(d, "--- a/etc/ntp.conf\n+++ b/etc/ntp.conf\n"
	    "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	free(d);
}

static void
test_diff_no_final_newline_and_crlf(void **state)
{
	char *d;

	d = diff_of("f", "x\r\ny", "x\ny\n");
	assert_string_equal(d, "--- a/f\n+++ b/f\n"
	    "@@ -1,2 +1,2 @@\n-x\r\n-y\n\\ No newline at end of file\n+x\n+y\n");
	free(d);
}

static void
test_diff_created_file(void **state)
{
	char *d = diff_of("etc/ntp/step-tickers", NULL, "0.pool.ntp.org\n");

	assert_string_equal(d, "--- /dev/null\n+++ b/etc/ntp/step-tickers\n"
	    "@@ -0,0 +1 @@\n+0.pool.ntp.org\n");
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_insert_replace_delete),
		cmocka_unit_test(test_untouched_bytes_verbatim),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_add_is_all_or_none),
		cmocka_unit_test(test_set_against_all_pairs),
		cmocka_unit_test(test_diff_context_and_hunks),
		cmocka_unit_test(test_diff_no_final_newline_and_crlf),
		cmocka_unit_test(test_diff_created_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
