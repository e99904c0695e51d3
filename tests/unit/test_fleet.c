/* A fleet in one run: paths below the roots' common directory (pathutil), the tally of the
 * summary (hosts by their worst finding, per rule, the worst ten in order), and the roots
 * a run gets from a directory of hosts and a roots file, in order (roots). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#include "lint.h"
#include "pathutil.h"
#include "roots.h"
#include "tally.h"

static void
test_paths(void **state)
{
	char *p = path_normalize("/a/b", "./c//d/../e/");

	assert_string_equal(p, "/a/b/c/e");
	free(p);
	p = path_normalize("/a", "../../..");
	assert_string_equal(p, "/");
	free(p);
	p = path_normalize("/ignored", "/x/./y");
	assert_string_equal(p, "/x/y");
	free(p);
	/* the common directory ends at a '/' both share, never inside a name */
	assert_int_equal(path_common_len("/a/b", "/a/c"), 2);
	assert_int_equal(path_common_len("/a/b", "/a/bc"), 2);
	assert_int_equal(path_common_len("/a/b", "/a/b"), 4);
	assert_int_equal(path_common_len("/a/b", "/a/b/c"), 4);
	assert_int_equal(path_common_len("/x", "/y"), 1);
	assert_int_equal(path_common_len("/", "/y"), 1);
	assert_string_equal(path_below("/a/b/c", 4), "c");
	assert_string_equal(path_below("/a/b", 4), "");
	assert_string_equal(path_below("/a/b", 1), "a/b");
}

/* a host whose findings are n[SEV] of rule r each, the fixable ones with an edit */
static void
fake_host(struct host *h, const char *root, size_t err, size_t warn, size_t info)
{
	size_t i;
	struct finding *f;

	memset(h, 0, sizeof(*h));
	arena_init(&h->arena);
	diags_init(&h->diags, &h->arena);
	h->root = root;
	for (i = 0; i < err; i++)
		diag_severity(diag_add_path(&h->diags, R_NTP001, "etc/ntp.conf", "e"), SEV_ERROR);
	for (i = 0; i < warn; i++)
		diag_severity(diag_add_path(&h->diags, R_FW010, "etc/vmware/esx.conf", "w"),
		    SEV_WARNING);
	for (i = 0; i < info; i++) {
		f = diag_add_path(&h->diags, R_STK010, "etc/ntp/step-tickers", "i");
		diag_severity(f, SEV_INFO);
		f->nedits = 1;	/* a fix, as far as the tally looks */
	}
}

static void
test_tally(void **state)
{
	struct tally t;
	struct fix_opts fo;
	struct root_counts c;
	struct host h;
	char name[32];
	int rules[R_COUNT], i;
	/* errors, warnings, info of 14 hosts */
	static const size_t n[14][3] = {
		{ 0, 0, 0 }, { 1, 0, 0 }, { 0, 2, 0 }, { 0, 0, 3 }, { 1, 5, 0 }, { 2, 0, 0 },
		{ 1, 5, 0 }, { 0, 1, 0 }, { 3, 0, 0 }, { 0, 3, 1 }, { 0, 3, 2 }, { 1, 0, 1 },
		{ 0, 0, 0 }, { 0, 1, 0 },
	};

	memset(&t, 0, sizeof(t));
	memset(&fo, 0, sizeof(fo));
	for (i = 0; i < R_COUNT; i++)
		fo.fixable[i] = true;
	for (i = 0; i < 14; i++) {
		snprintf(name, sizeof(name), "h%02d", i);
		fake_host(&h, name, n[i][0], n[i][1], n[i][2]);
		tally_root(&t, &h, &fo, &c);
		assert_int_equal(c.n[SEV_ERROR], n[i][0]);
		assert_int_equal(c.n[SEV_INFO], n[i][2]);
		arena_free(&h.arena);
	}
	assert_int_equal(t.roots, 14);
	assert_int_equal(t.clean, 2);
	assert_int_equal(t.worst_sev[SEV_ERROR], 6);
	assert_int_equal(t.worst_sev[SEV_WARNING], 5);
	assert_int_equal(t.worst_sev[SEV_INFO], 1);
	/* most errors first, then warnings, then info, then the earlier; ten at most, and
	 * only hosts with an error or a warning (h03 has info only) */
	assert_int_equal(t.nworst, 10);
	{
		static const char *const want[10] = { "h08", "h05", "h04", "h06", "h11", "h01",
			"h10", "h09", "h02", "h07" };

		for (i = 0; i < 10; i++)
			assert_string_equal(t.worst[i].root, want[i]);
	}
	/* per rule, most first; the info findings of STK010 carry a fix */
	assert_int_equal(tally_rules(&t, rules), 3);
	assert_int_equal(rules[0], R_FW010);
	assert_int_equal(t.rule[R_FW010], 20);
	assert_int_equal(rules[1], R_NTP001);
	assert_int_equal(t.rule_fix[R_STK010], 7);
	assert_int_equal(t.rule_fix[R_NTP001], 0);
	/* a rule --fixable leaves out has no fix to count */
	fo.fixable[R_STK010] = false;
	fake_host(&h, "x", 0, 0, 2);
	tally_root(&t, &h, &fo, &c);
	assert_int_equal(t.rule_fix[R_STK010], 7);
	arena_free(&h.arena);
	tally_free(&t);
}

static void
mk(const char *dir, const char *rel)
{
	char p[4096];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

/* the items of a run, "KIND:path" separated by blanks (F fleet, H host, L lone, S skipped) */
static char *
items(struct roots *rs, const char *strip)
{
	static char out[4096];
	struct root_item it;
	size_t n = 0;

	out[0] = '\0';
	while (roots_next(rs, &it)) {
		const char *p = it.path;

		if (strncmp(p, strip, strlen(strip)) == 0)
			p += strlen(strip);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%c:%s", n ? " " : "",
		    "HLFS"[it.kind], p);
		if (it.kind == ROOT_FLEET)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "(%zu,%zu)", it.nhosts,
			    it.nskipped);
	}
	return out;
}

static void
test_roots(void **state)
{
	char dir[] = "/tmp/test_fleet.XXXXXX", p[4096], msg[8192], *paths[3];
	struct roots *rs;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	mk(dir, "f");
	mk(dir, "f/b");
	mk(dir, "f/b/etc");
	mk(dir, "f/B");
	mk(dir, "f/B/etc");
	mk(dir, "f/a10");
	mk(dir, "f/a10/etc");
	mk(dir, "f/a2");
	mk(dir, "f/a2/etc");
	mk(dir, "f/.hidden");
	mk(dir, "f/.hidden/etc");
	mk(dir, "f/deeper");
	mk(dir, "f/deeper/h");
	mk(dir, "f/deeper/h/etc");
	snprintf(p, sizeof(p), "%s/f/notes.txt", dir);
	fp = fopen(p, "w");
	fclose(fp);
	/* byte order, one level only, hidden names left out, the others skipped in place */
	snprintf(p, sizeof(p), "%s/f", dir);
	paths[0] = p;
	rs = roots_open(paths, 1, NULL, true, msg, sizeof(msg));
	assert_non_null(rs);
	assert_int_equal(roots_total(rs), 4);
	assert_true(roots_any_fleet(rs));
	{
		char strip[4096];

		snprintf(strip, sizeof(strip), "%s/", dir);
		assert_string_equal(items(rs, strip),
		    "F:f(4,2) H:f/B H:f/a10 H:f/a2 H:f/b S:f/deeper S:f/notes.txt");
	}
	roots_free(rs);
	/* a roots file: comments, blank lines, blanks and CR LF around a path */
	snprintf(p, sizeof(p), "%s/list", dir);
	fp = fopen(p, "w");
	fprintf(fp, "# hosts\n\n  %s/f/b \t\r\n%s/f/notes.txt\n   # indented comment\n", dir, dir);
	fclose(fp);
	rs = roots_open(paths, 0, p, false, msg, sizeof(msg));
	assert_non_null(rs);
	assert_int_equal(roots_total(rs), 2);
	assert_false(roots_any_fleet(rs));
	{
		char strip[4096];

		snprintf(strip, sizeof(strip), "%s/", dir);
		assert_string_equal(items(rs, strip), "H:f/b L:f/notes.txt");
	}
	roots_free(rs);
	/* a bad line: FILE:LINE: error, and no roots */
	fp = fopen(p, "w");
	fprintf(fp, "%s/f/b\n\n%s/f/nothing\n", dir, dir);
	fclose(fp);
	assert_null(roots_open(paths, 0, p, false, msg, sizeof(msg)));
	{
		char want[8192];

		snprintf(want, sizeof(want), "%s:3: error: '%s/f/nothing' does not exist", p, dir);
		assert_memory_equal(msg, want, strlen(want));
	}
	/* --diff: the roots' common directory, and a root below it */
	{
		char a[4096], b[4096], buf[4096];

		snprintf(a, sizeof(a), "%s/f/b", dir);
		snprintf(b, sizeof(b), "%s/f/deeper/h", dir);
		paths[0] = a;
		paths[1] = b;
		rs = roots_open(paths, 2, NULL, true, msg, sizeof(msg));
		assert_non_null(rs);
		snprintf(p, sizeof(p), "%s/f", dir);
		assert_string_equal(roots_diff_dir(rs), p);
		assert_string_equal(roots_below(rs, b, buf, sizeof(buf)), "deeper/h");
		assert_string_equal(roots_below(rs, a, buf, sizeof(buf)), "b");
		roots_free(rs);
	}
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_roots),
	};

	return cmocka_run_group_tests_name("fleet", tests, NULL, NULL);
}
