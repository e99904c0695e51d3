/* The atomic writer: a replaced file keeps its mode and owner and gets a backup that never
 * overwrites one; a change since the read, a hard link, a symlink out of the root, or a
 * failing write / fsync / rename leave the file as it was and no temp file behind. The
 * faults are injected by wrapping write, fsync, renameat and renameat2 (-Wl,--wrap,
 * Makefile). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "fswrite.h"

enum fault { F_NONE, F_SHORT, F_NOSPC, F_ZERO, F_FSYNC, F_RENAME, F_SWAP };

static enum fault fault;
/* F_SWAP: the file another process renames over the target right before the final rename */
static int swap_dirfd = -1;

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_renameat(int od, const char *o, int nd, const char *n);
int __wrap_renameat(int od, const char *o, int nd, const char *n);
int __real_renameat2(int od, const char *o, int nd, const char *n, unsigned flags);
int __wrap_renameat2(int od, const char *o, int nd, const char *n, unsigned flags);

ssize_t
__wrap_write(int fd, const void *buf, size_t n)
{
	switch (fault) {
	case F_SHORT:
		return __real_write(fd, buf, n > 3 ? 3 : n);
	case F_NOSPC:
		errno = ENOSPC;
		return -1;
	case F_ZERO:
		return 0;
	default:
		return __real_write(fd, buf, n);
	}
}

int
__wrap_fsync(int fd)
{
	if (fault == F_FSYNC) {
		errno = EIO;
		return -1;
	}
	return __real_fsync(fd);
}

int
__wrap_renameat(int od, const char *o, int nd, const char *n)
{
	if (fault == F_RENAME) {
		errno = EXDEV;
		return -1;
	}
	return __real_renameat(od, o, nd, n);
}

int
__wrap_renameat2(int od, const char *o, int nd, const char *n, unsigned flags)
{
	if (fault == F_RENAME) {
		errno = EXDEV;
		return -1;
	}
	if (fault == F_SWAP) {
		fault = F_NONE;
		if (__real_renameat(swap_dirfd, "intruder", nd, n) != 0)
			return -1;
	}
	return __real_renameat2(od, o, nd, n, flags);
}

struct fixture {
	char root[64];
	int rootfd;
};

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	strcpy(fx->root, "/tmp/esxntp-fsw-XXXXXX");
	if (mkdtemp(fx->root) == NULL)
		return -1;
	fx->rootfd = open(fx->root, O_RDONLY | O_DIRECTORY);
	if (fx->rootfd < 0 || mkdirat(fx->rootfd, "etc", 0755) != 0)
		return -1;
	fault = F_NONE;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	close(fx->rootfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->root);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

static void
put(struct fixture *fx, const char *rel, const char *text, mode_t mode)
{
	int fd = openat(fx->rootfd, rel, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(__real_write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static char *
get(struct fixture *fx, const char *rel)
{
	static char buf[4096];
	int fd = openat(fx->rootfd, rel, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n >= 0);
	buf[n] = '\0';
	return buf;
}

/* the names in etc/, sorted, separated by blanks */
static char *
names(struct fixture *fx)
{
	static char out[1024];
	struct dirent **v;
	int n, i;

	out[0] = '\0';
	n = scandirat(fx->rootfd, "etc", &v, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (v[i]->d_name[0] != '.' || (strcmp(v[i]->d_name, ".") && strcmp(v[i]->d_name, ".."))) {
			strcat(out, out[0] ? " " : "");
			strcat(out, v[i]->d_name);
		}
		free(v[i]);
	}
	free(v);
	return out;
}

static int
replace(struct fixture *fx, const char *rel, const char *old, const char *new,
    const char *bk, char **made, struct fsw_err *e)
{
	struct stat st;
	struct fsw_orig o = { old, old ? strlen(old) : 0, NULL };

	/* a link out of the root may dangle: then there is no stat to compare */
	if (old != NULL && fstatat(fx->rootfd, rel, &st, 0) == 0)
		o.st = &st;
	return fsw_replace(fx->rootfd, rel, new, strlen(new), &o, bk, made, e);
}

static void
test_replace_keeps_mode_and_backs_up(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	struct stat st;
	char *made;

	put(fx, "etc/ntp.conf", "old\r\n", 0640);
	put(fx, "etc/ntp.conf.bk", "an older backup\n", 0600);
	assert_int_equal(replace(fx, "etc/ntp.conf", "old\r\n", "new\n", ".bk", &made, &e), 0);
	assert_string_equal(get(fx, "etc/ntp.conf"), "new\n");
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	/* the existing backup is kept; the new one takes the next free name */
	assert_string_equal(made, "etc/ntp.conf.bk.1");
	free(made);
	assert_string_equal(get(fx, "etc/ntp.conf.bk"), "an older backup\n");
	assert_string_equal(get(fx, "etc/ntp.conf.bk.1"), "old\r\n");
	assert_string_equal(names(fx), "ntp.conf ntp.conf.bk ntp.conf.bk.1");
}

static void
test_create_new_file(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	struct stat st;
	char *made;

	assert_int_equal(replace(fx, "etc/step-tickers", NULL, "a\n", ".bk", &made, &e), 0);
	assert_null(made);
	assert_string_equal(get(fx, "etc/step-tickers"), "a\n");
	assert_int_equal(fstatat(fx->rootfd, "etc/step-tickers", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(st.st_uid, 0);
	assert_int_equal(st.st_gid, 0);
	/* a file that appeared meanwhile is not overwritten */
	assert_int_equal(replace(fx, "etc/ntp.conf", NULL, "b\n", NULL, NULL, &e), 0);
	put(fx, "etc/hosts", "x\n", 0644);
	{
		struct fsw_orig o = { NULL, 0, NULL };

		assert_int_equal(fsw_replace(fx->rootfd, "etc/hosts", "y\n", 2, &o, NULL, NULL, &e), -1);
	}
	assert_string_equal(get(fx, "etc/hosts"), "x\n");
	assert_non_null(strstr(e.msg, "created since it was read"));
}

static void
test_changed_since_read(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;

	put(fx, "etc/ntp.conf", "someone else's\n", 0644);
	assert_int_equal(replace(fx, "etc/ntp.conf", "what we read\n", "fixed\n", NULL, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "changed since it was read"));
	assert_string_equal(get(fx, "etc/ntp.conf"), "someone else's\n");
	assert_string_equal(names(fx), "ntp.conf");
}

/* renamed over after the last look, right before the rename: the exchange moves the
 * intruder back into place; nothing is lost and no temp file is left */
static void
test_swapped_before_rename(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;

	put(fx, "etc/ntp.conf", "what we read\n", 0644);
	put(fx, "etc/intruder", "someone else's\n", 0644);
	swap_dirfd = openat(fx->rootfd, "etc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(swap_dirfd >= 0);
	fault = F_SWAP;
	assert_int_equal(replace(fx, "etc/ntp.conf", "what we read\n", "fixed\n", NULL, NULL, &e), -1);
	fault = F_NONE;
	close(swap_dirfd);
	assert_non_null(strstr(e.msg, "changed since it was read"));
	assert_string_equal(get(fx, "etc/ntp.conf"), "someone else's\n");
	assert_string_equal(names(fx), "ntp.conf");
}

static void
test_hard_link_refused(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;

	put(fx, "etc/ntp.conf", "a\n", 0644);
	assert_int_equal(linkat(fx->rootfd, "etc/ntp.conf", fx->rootfd, "etc/other", 0), 0);
	assert_int_equal(replace(fx, "etc/ntp.conf", "a\n", "b\n", ".bk", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "2 hard links"));
	assert_string_equal(get(fx, "etc/other"), "a\n");
	assert_string_equal(names(fx), "ntp.conf other");
}

static void
test_symlinks(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	char link[256];
	ssize_t n;

	/* a link inside the root: its target is written, the link stays */
	put(fx, "etc/real.conf", "a\n", 0644);
	assert_int_equal(symlinkat("real.conf", fx->rootfd, "etc/ntp.conf"), 0);
	if (replace(fx, "etc/ntp.conf", "a\n", "b\n", NULL, NULL, &e) != 0)
		fail_msg("%s", e.msg);
	assert_string_equal(get(fx, "etc/real.conf"), "b\n");
	n = readlinkat(fx->rootfd, "etc/ntp.conf", link, sizeof(link) - 1);
	assert_int_equal(n, 9);
	/* a link that climbs out of the root is refused, and nothing outside changes */
	assert_int_equal(symlinkat("../../outside.conf", fx->rootfd, "etc/hosts"), 0);
	assert_int_equal(replace(fx, "etc/hosts", "x\n", "y\n", NULL, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "leads outside the root"));
	/* so is an absolute one: on this machine it names a file outside the root */
	assert_int_equal(symlinkat("/etc/hostname", fx->rootfd, "etc/abs"), 0);
	assert_int_equal(replace(fx, "etc/abs", "x\n", "y\n", NULL, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "leads outside the root"));
}

static void
test_faults_leave_file_untouched(void **state)
{
	struct fixture *fx = *state;
	static const enum fault faults[] = { F_NOSPC, F_ZERO, F_FSYNC, F_RENAME };
	struct fsw_err e;
	size_t i;

	put(fx, "etc/ntp.conf", "old text\n", 0644);
	for (i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		fault = faults[i];
		assert_int_equal(replace(fx, "etc/ntp.conf", "old text\n", "new text\n", NULL, NULL, &e), -1);
		fault = F_NONE;
		assert_string_equal(get(fx, "etc/ntp.conf"), "old text\n");
		assert_string_equal(names(fx), "ntp.conf");
	}
	/* short writes are not failures: the writer goes on until every byte is out */
	fault = F_SHORT;
	assert_int_equal(replace(fx, "etc/ntp.conf", "old text\n", "a longer new text\n", NULL, NULL, &e), 0);
	fault = F_NONE;
	assert_string_equal(get(fx, "etc/ntp.conf"), "a longer new text\n");
	assert_string_equal(names(fx), "ntp.conf");
}

static void
test_chmod_and_symlink_actions(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	struct stat st;
	char link[256];
	ssize_t n;

	put(fx, "etc/ntp.conf", "a\n", 0666);
	assert_int_equal(fsw_chmod_clear(fx->rootfd, "etc/ntp.conf", S_IWOTH, &e), 0);
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0664);
	assert_int_equal(symlinkat("../init.d/ntpd", fx->rootfd, "etc/K74ntpd"), 0);
	assert_int_equal(fsw_symlink(fx->rootfd, "etc/S58ntpd", "../init.d/ntpd", "etc/K74ntpd", &e), 0);
	n = readlinkat(fx->rootfd, "etc/S58ntpd", link, sizeof(link) - 1);
	assert_true(n > 0);
	link[n] = '\0';
	assert_string_equal(link, "../init.d/ntpd");
	assert_string_equal(names(fx), "S58ntpd ntp.conf");
}

static void
test_lock_excludes(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	int a, b;

	a = fsw_lock(fx->rootfd, 0, &e);
	assert_true(a >= 0);
	b = fsw_lock(fx->rootfd, 60, &e);
	assert_int_equal(b, -1);
	assert_non_null(strstr(e.msg, "another --fix run"));
	close(a);
	b = fsw_lock(fx->rootfd, 0, &e);
	assert_true(b >= 0);
	close(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replace_keeps_mode_and_backs_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_new_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_since_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swapped_before_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hard_link_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlinks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faults_leave_file_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chmod_and_symlink_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_excludes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
