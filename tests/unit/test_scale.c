/* Memory that grows linearly with the input: each case of scale_cases.c is linted at 0,
 * 1x, 2x and 4x its size, and the arena bytes it took beyond the empty case, per unit of
 * size, must stay flat (a path that copies what it has so far for each new element makes
 * them grow with n). Arena bytes are counted, not timed: the result is the same on a
 * loaded machine. The time of these cases is in make bench (tests/bench_scale.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "fix.h"
#include "lint.h"
#include "scale_cases.h"

/* the arena bytes of one lint of the case at size n (and of its fix plan, for a case
 * linted with --diff) */
static size_t
footprint(const struct scale_case *c, size_t n)
{
	char dir[] = "/tmp/esxntp-scale-XXXXXX", path[64], cmd[96];
	struct lint_opts o;
	struct fix_opts fo;
	struct fix_plan plan;
	struct host h;
	size_t bytes, i;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, c->root ? "root" : "ntp.conf");
	scale_generate(c, n, path);
	memset(&o, 0, sizeof(o));
	o.ntp_version = c->ntp_version;
	o.max_file_size = SOURCE_MAX_LEN;
	host_lint(&h, path, c->root, &o);
	diags_sort(&h.diags);
	if (c->fix) {
		memset(&fo, 0, sizeof(fo));
		for (i = 0; i < R_COUNT; i++)
			fo.fixable[i] = fo.enabled[i] = true;
		fo.unsafe = strstr(c->args, "--unsafe-fixes") != NULL;
		fix_plan(&h, &o, &fo, &plan);
		if (plan.refused != NULL)
			fail_msg("%s: fix refused: %s", c->name, plan.refused);
		fix_plan_free(&plan);
	}
	bytes = arena_used(&h.arena) + h.scratch_peak;
	host_free(&h);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return bytes;
}

static void
linear(const struct scale_case *c)
{
	size_t b0 = footprint(c, 0), b[3], k;
	double per[3];

	for (k = 0; k < 3; k++) {
		b[k] = footprint(c, c->unit << k);
		assert_true(b[k] > b0);
		per[k] = (double)(b[k] - b0) / (double)(c->unit << k);
	}
	printf("scale %-14s arena bytes per unit at 1x, 2x, 4x (%zu): %.1f %.1f %.1f\n",
	    c->name, c->unit, per[0], per[1], per[2]);
	/* linear: the same; quadratic: doubling with each step. A quarter of slack for the
	 * arena's 64 KB chunks and the arrays that double */
	assert_true(per[1] < per[0] * 1.25);
	assert_true(per[2] < per[0] * 1.25);
}

static void
test_case(void **state)
{
	linear(*state);
}

int
main(void)
{
	struct CMUnitTest tests[16];
	size_t n = 0;
	const struct scale_case *c;

	for (c = scale_cases; c->name != NULL; c++) {
		assert_true(n < sizeof(tests) / sizeof(tests[0]));
		tests[n].name = c->name;
		tests[n].test_func = test_case;
		tests[n].setup_func = NULL;
		tests[n].teardown_func = NULL;
		tests[n].initial_state = (void *)(uintptr_t)c;
		n++;
	}
	return _cmocka_run_group_tests("scale", tests, n, NULL, NULL);
}
