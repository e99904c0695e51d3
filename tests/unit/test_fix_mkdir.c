/* A fix that creates a file in a missing directory (STK010's etc/ntp/step-tickers on a
 * root without etc/ntp): the plan makes the directory first, 0755 root:root, inside the
 * root; a directory already there is left; a symlink out of the root is refused; and when
 * the file cannot be written (naming it fails: linkat and renameat2 wrapped, Makefile) the
 * directory made for it goes again. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "fix.h"
#include "fswrite.h"
#include "lint.h"

#define put_text(dir, rel, lit) put_file(dir, rel, lit, sizeof(lit) - 1)

static int fail_rename;

int __real_linkat(int od, const char *o, int nd, const char *n, int flags);
int __wrap_linkat(int od, const char *o, int nd, const char *n, int flags);
int __real_renameat2(int od, const char *o, int nd, const char *n, unsigned flags);
int __wrap_renameat2(int od, const char *o, int nd, const char *n, unsigned flags);

int
__wrap_linkat(int od, const char *o, int nd, const char *n, int flags)
{
	if (fail_rename) {
		errno = EIO;
		return -1;
	}
	return __real_linkat(od, o, nd, n, flags);
}

int
__wrap_renameat2(int od, const char *o, int nd, const char *n, unsigned flags)
{
	if (fail_rename) {
		errno = EIO;
		return -1;
	}
	return __real_renameat2(od, o, nd, n, flags);
}

static char *
make_root(void)
{
	char *dir = strdup("/tmp/esxntp-mkdir-XXXXXX");

	assert_non_null(mkdtemp(dir));
	put_text(dir, "etc/ntp.conf", "restrict 127.0.0.1\n"
	    "restrict default kod nomodify notrap nopeer noquery\n"
	    "server 192.0.2.1\nserver 192.0.2.2\nserver 192.0.2.3\nserver 192.0.2.4\n"
	    "driftfile /var/lib/ntp/drift\n");
	put_text(dir, "etc/hosts", "127.0.0.1\tlocalhost\n");
	put_text(dir, "etc/vmware-release", "VMware ESX Server 3\n");
	put_text(dir, "var/lib/ntp/drift", "0.0\n");
	return dir;
}

static void
rm_root(char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

static void
only_stk010(struct fix_opts *fo)
{
	memset(fo, 0, sizeof(*fo));
	fo->enabled[R_STK010] = fo->fixable[R_STK010] = true;
	fo->backup = NULL;
}

/* lints root, plans STK010's fix and writes it; the plan's mkdir actions and file errors */
static void
fix_root(const char *root, size_t *nmkdir, bool *file_error)
{
	struct lint_opts lo;
	struct fix_opts fo;
	struct fix_plan p;
	struct host h;
	size_t i;

	memset(&lo, 0, sizeof(lo));
	lo.ntp_version = -1;
	lo.max_file_size = DEFAULT_MAX_FILE_SIZE;
	only_stk010(&fo);
	host_lint(&h, root, true, &lo);
	diags_sort(&h.diags);
	fix_plan(&h, &lo, &fo, &p);
	assert_null(p.refused);
	fix_write(&h, &p, &fo);
	*nmkdir = 0;
	for (i = 0; i < p.nactions; i++)
		if (p.actions[i].kind == FIXACT_MKDIR) {
			assert_string_equal(p.actions[i].path, "etc/ntp");
			(*nmkdir)++;
		}
	*file_error = p.nfiles == 1 && p.files[0].error != NULL;
	fix_plan_free(&p);
	host_free(&h);
}

static void
missing_dir_made(void **state)
{
	char *root = make_root(), path[256];
	struct stat st;
	size_t n;
	bool err;

	(void)state;
	fix_root(root, &n, &err);
	assert_int_equal(n, 1);
	assert_false(err);
	snprintf(path, sizeof(path), "%s/etc/ntp", root);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(st.st_uid, 0);
	assert_int_equal(st.st_gid, 0);
	snprintf(path, sizeof(path), "%s/etc/ntp/step-tickers", root);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 4 * 10);
	rm_root(root);
}

static void
existing_dir_kept(void **state)
{
	char *root = make_root(), path[256];
	struct stat st;
	size_t n;
	bool err;

	(void)state;
	snprintf(path, sizeof(path), "%s/etc/ntp", root);
	assert_int_equal(mkdir(path, 0750), 0);
	fix_root(root, &n, &err);
	assert_int_equal(n, 0);
	assert_false(err);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	rm_root(root);
}

/* the write fails after the directory was made: it goes again, nothing is left behind */
static void
dir_removed_when_write_fails(void **state)
{
	char *root = make_root(), path[256];
	struct stat st;
	size_t n;
	bool err;

	(void)state;
	fail_rename = 1;
	fix_root(root, &n, &err);
	fail_rename = 0;
	assert_int_equal(n, 1);
	assert_true(err);
	snprintf(path, sizeof(path), "%s/etc/ntp", root);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	rm_root(root);
}

static void
fsw_mkdir_inside_root(void **state)
{
	char *root = make_root(), *out = strdup("/tmp/esxntp-out-XXXXXX"), path[256];
	struct fsw_err e;
	struct stat st;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(out));
	fd = open(root, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	/* a symlink that leaves the root: nothing is made outside it */
	snprintf(path, sizeof(path), "%s/etc/out", root);
	assert_int_equal(symlink(out, path), 0);
	assert_int_equal(fsw_mkdir(fd, "etc/out/ntp", &e), -1);
	snprintf(path, sizeof(path), "%s/ntp", out);
	assert_int_equal(stat(path, &st), -1);
	/* made twice: the second time it is there already */
	assert_int_equal(fsw_mkdir(fd, "etc/ntp", &e), 0);
	assert_int_equal(fsw_mkdir(fd, "etc/ntp", &e), 0);
	/* not empty: it stays */
	put_text(root, "etc/ntp/keys", "");
	fsw_rmdir_empty(fd, "etc/ntp");
	snprintf(path, sizeof(path), "%s/etc/ntp", root);
	assert_int_equal(stat(path, &st), 0);
	close(fd);
	rm_root(out);
	rm_root(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_dir_made),
		cmocka_unit_test(existing_dir_kept),
		cmocka_unit_test(dir_removed_when_write_fails),
		cmocka_unit_test(fsw_mkdir_inside_root),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
