/* The atomic writer: a replaced file keeps its mode, owner and extended attributes and gets
 * a backup that never overwrites one; a change since the read (a rename over it, a write
 * into it, a new hard link, even right before the swap), a symlink out of the root, or a
 * failing write / fsync / rename / link leave the file as it was, and neither a temp file
 * nor a backup behind; a file system without O_TMPFILE works the same. The rc links change
 * (fsw_links) is all or nothing until its first rename, and leaves temp links for the next
 * run after it. The faults are injected by wrapping write, fsync, renameat, renameat2,
 * unlinkat, openat, linkat, symlinkat and fsetxattr (-Wl,--wrap, Makefile). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "test.h"
#include "fswrite.h"

enum fault {
	F_NONE, F_SHORT, F_NOSPC, F_ZERO, F_FSYNC, F_RENAME, F_SWAP,
	F_INPLACE,	/* the file is written into right before the swap (no lease here) */
	F_HARDLINK,	/* ... or gets a second name */
	F_WRITER,	/* another process opens it for writing right before the swap */
	F_KEEPTMP,	/* the temp file cannot be removed after the swap */
	F_NOTMPFILE,	/* O_TMPFILE: EOPNOTSUPP, as on FUSE */
	F_NOLINK,	/* links fail with EPERM, as on a file system without hard links */
	F_CREATE,	/* the file to create appears right before it is named */
	F_XATTR,	/* an extended attribute cannot be set */
	F_RENAME2ND,	/* the second renameat fails (fsw_links: after the first link is made) */
	F_SYMLINK3RD	/* the third symlinkat fails (fsw_links: a temp link) */
};

static enum fault fault;
/* F_SWAP: the file another process renames over the target right before the final rename;
 * F_INPLACE, F_HARDLINK, F_CREATE: the directory of the file to meddle with */
static int swap_dirfd = -1;
static int calls;
static void start_writer(void);

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_renameat(int od, const char *o, int nd, const char *n);
int __wrap_renameat(int od, const char *o, int nd, const char *n);
int __real_renameat2(int od, const char *o, int nd, const char *n, unsigned flags);
int __wrap_renameat2(int od, const char *o, int nd, const char *n, unsigned flags);
int __real_unlinkat(int d, const char *p, int fl);
int __wrap_unlinkat(int d, const char *p, int fl);
int __real_openat(int d, const char *p, int fl, ...);
int __wrap_openat(int d, const char *p, int fl, ...);
int __real_linkat(int od, const char *o, int nd, const char *n, int fl);
int __wrap_linkat(int od, const char *o, int nd, const char *n, int fl);
int __real_symlinkat(const char *t, int d, const char *p);
int __wrap_symlinkat(const char *t, int d, const char *p);
int __real_fcntl(int fd, int cmd, ...);
int __wrap_fcntl(int fd, int cmd, ...);
int __real_fsetxattr(int fd, const char *name, const void *v, size_t n, int fl);
int __wrap_fsetxattr(int fd, const char *name, const void *v, size_t n, int fl);

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
	if (fault == F_RENAME || (fault == F_RENAME2ND && ++calls == 2)) {
		errno = EXDEV;
		return -1;
	}
	return __real_renameat(od, o, nd, n);
}

/* what another process does to etc/ntp.conf right before the swap */
static void
meddle(void)
{
	if (fault == F_INPLACE) {
		int fd = __real_openat(swap_dirfd, "ntp.conf", O_WRONLY | O_TRUNC);

		assert_true(fd >= 0);
		assert_int_equal(__real_write(fd, "theirs\n", 7), 7);
		close(fd);
	} else if (fault == F_HARDLINK) {
		assert_int_equal(__real_linkat(swap_dirfd, "ntp.conf", swap_dirfd, "theirs", 0), 0);
	}
	fault = F_NONE;
}

int
__wrap_unlinkat(int d, const char *p, int fl)
{
	if (fault == F_KEEPTMP && strstr(p, ".esxntp-lint.tmp") != NULL) {
		errno = EBUSY;
		return -1;
	}
	return __real_unlinkat(d, p, fl);
}

int
__wrap_openat(int d, const char *p, int fl, ...)
{
	mode_t m = 0;
	va_list ap;

	va_start(ap, fl);
	if ((fl & O_CREAT) || (fl & O_TMPFILE) == O_TMPFILE)
		m = va_arg(ap, mode_t);
	va_end(ap);
	if (fault == F_NOTMPFILE && (fl & O_TMPFILE) == O_TMPFILE) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return __real_openat(d, p, fl, m);
}

int
__wrap_linkat(int od, const char *o, int nd, const char *n, int fl)
{
	if (fault == F_NOLINK && strstr(n, ".bk") != NULL) {
		errno = EPERM;
		return -1;
	}
	if (fault == F_CREATE && strcmp(n, "step-tickers") == 0) {
		int fd = __real_openat(swap_dirfd, "step-tickers", O_WRONLY | O_CREAT | O_EXCL, 0600);

		assert_true(fd >= 0);
		assert_int_equal(__real_write(fd, "theirs\n", 7), 7);
		close(fd);
		fault = F_NONE;
	}
	return __real_linkat(od, o, nd, n, fl);
}

int
__wrap_symlinkat(const char *t, int d, const char *p)
{
	if (fault == F_SYMLINK3RD && ++calls == 3) {
		errno = ENOSPC;
		return -1;
	}
	return __real_symlinkat(t, d, p);
}

/* F_INPLACE, F_HARDLINK: the file system has no leases (as NFS), so the writer is this
 * process and does not wait for one; only the look after the swap can see the write */
int
__wrap_fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (cmd == F_SETLEASE && arg != F_UNLCK && (fault == F_INPLACE || fault == F_HARDLINK)) {
		errno = EINVAL;
		return -1;
	}
	return __real_fcntl(fd, cmd, arg);
}

int
__wrap_fsetxattr(int fd, const char *name, const void *v, size_t n, int fl)
{
	if (fault == F_XATTR) {
		errno = EPERM;
		return -1;
	}
	return __real_fsetxattr(fd, name, v, n, fl);
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
	if (fault == F_INPLACE || fault == F_HARDLINK)
		meddle();
	if (fault == F_WRITER && (flags & RENAME_EXCHANGE)) {
		fault = F_NONE;
		start_writer();
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
	calls = 0;
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
	struct fsw_orig o = { old, old ? strlen(old) : 0, NULL, 0 };

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
		struct fsw_orig o = { NULL, 0, NULL, 0 };

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
test_chmod_refuses_hard_links(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	struct stat st;

	put(fx, "etc/ntp.conf", "a\n", 0666);
	assert_int_equal(fsw_chmod_clear(fx->rootfd, "etc/ntp.conf", S_IWOTH, &e), 0);
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0664);
	/* the mode is the inode's: with a second name (maybe outside the root) it stays */
	put(fx, "etc/hosts", "a\n", 0666);
	assert_int_equal(linkat(fx->rootfd, "etc/hosts", fx->rootfd, "etc/other", 0), 0);
	assert_int_equal(fsw_chmod_clear(fx->rootfd, "etc/hosts", S_IWOTH, &e), -1);
	assert_non_null(strstr(e.msg, "mode not changed: it has 2 hard links"));
	assert_int_equal(fstatat(fx->rootfd, "etc/other", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0666);
}

static char *
link_text(struct fixture *fx, const char *rel)
{
	static char buf[256];
	ssize_t n = readlinkat(fx->rootfd, rel, buf, sizeof(buf) - 1);

	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/* three rc directories with K74ntpd, and the three S58ntpd links of SVC010's fix */
static void
rc_dirs(struct fixture *fx, struct fsw_link *v)
{
	static const char *paths[] = { "etc/rc3/S58ntpd", "etc/rc4/S58ntpd", "etc/rc5/S58ntpd" };
	static const char *kills[] = { "etc/rc3/K74ntpd", "etc/rc4/K74ntpd", "etc/rc5/K74ntpd" };
	char dir[16];
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(dir, sizeof(dir), "etc/rc%d", i + 3);
		assert_int_equal(mkdirat(fx->rootfd, dir, 0755), 0);
		assert_int_equal(symlinkat("../init.d/ntpd", fx->rootfd, kills[i]), 0);
		memset(&v[i], 0, sizeof(v[i]));
		v[i].path = paths[i];
		v[i].target = "../init.d/ntpd";
		v[i].replaces = kills[i];
	}
}

static int
entries(struct fixture *fx, const char *dir)
{
	struct dirent **v;
	int n, i, k = 0;

	n = scandirat(fx->rootfd, dir, &v, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i]->d_name, ".") && strcmp(v[i]->d_name, ".."))
			k++;
		free(v[i]);
	}
	free(v);
	return k;
}

static void
test_links_made(void **state)
{
	struct fixture *fx = *state;
	struct fsw_link v[3];
	int i;

	rc_dirs(fx, v);
	assert_int_equal(fsw_links(fx->rootfd, v, 3), 0);
	for (i = 0; i < 3; i++) {
		assert_string_equal(v[i].err.msg, "");
		assert_string_equal(link_text(fx, v[i].path), "../init.d/ntpd");
		assert_null(link_text(fx, v[i].replaces));
	}
	assert_int_equal(entries(fx, "etc/rc3") + entries(fx, "etc/rc4") + entries(fx, "etc/rc5"), 3);
	/* made again: already there, nothing to do */
	assert_int_equal(fsw_links(fx->rootfd, v, 3), 0);
}

/* a temp link that cannot be made: nothing of the change is made, no temp stays */
static void
test_links_fail_before_first_rename(void **state)
{
	struct fixture *fx = *state;
	struct fsw_link v[3];
	int i;

	rc_dirs(fx, v);
	calls = 0;
	fault = F_SYMLINK3RD;
	assert_int_equal(fsw_links(fx->rootfd, v, 3), -1);
	fault = F_NONE;
	assert_non_null(strstr(v[2].err.msg, "No space left on device"));
	assert_non_null(strstr(v[0].err.msg, "nothing of the change was made"));
	for (i = 0; i < 3; i++) {
		assert_null(link_text(fx, v[i].path));
		assert_string_equal(link_text(fx, v[i].replaces), "../init.d/ntpd");
	}
	assert_int_equal(entries(fx, "etc/rc3") + entries(fx, "etc/rc4") + entries(fx, "etc/rc5"), 3);
	/* the plan no longer holds (an S58ntpd of another target): nothing is made either */
	assert_int_equal(symlinkat("elsewhere", fx->rootfd, "etc/rc5/S58ntpd"), 0);
	assert_int_equal(fsw_links(fx->rootfd, v, 3), -1);
	assert_non_null(strstr(v[2].err.msg, "not a link to"));
	assert_null(link_text(fx, v[0].path));
	assert_int_equal(entries(fx, "etc/rc3") + entries(fx, "etc/rc4") + entries(fx, "etc/rc5"), 4);
}

/* a rename that fails after the first link is made: the others go on, the failed one
 * keeps its temp link (the next run finishes it) and says so */
static void
test_links_fail_after_first_rename(void **state)
{
	struct fixture *fx = *state;
	struct fsw_link v[3];

	rc_dirs(fx, v);
	calls = 0;
	fault = F_RENAME2ND;
	assert_int_equal(fsw_links(fx->rootfd, v, 3), -1);
	fault = F_NONE;
	assert_string_equal(v[0].err.msg, "");
	assert_string_equal(v[2].err.msg, "");
	assert_non_null(strstr(v[1].err.msg, "its temp link etc/rc4/.S58ntpd.esxntp-lint.tmp stays"));
	assert_string_equal(link_text(fx, "etc/rc4/.S58ntpd.esxntp-lint.tmp"), "../init.d/ntpd");
	assert_null(link_text(fx, "etc/rc4/K74ntpd"));
	assert_string_equal(link_text(fx, "etc/rc5/S58ntpd"), "../init.d/ntpd");
	/* the next run: the temp is replaced and renamed */
	v[1].replaces = NULL;
	assert_int_equal(fsw_links(fx->rootfd, &v[1], 1), 0);
	assert_string_equal(link_text(fx, "etc/rc4/S58ntpd"), "../init.d/ntpd");
	assert_int_equal(entries(fx, "etc/rc4"), 1);
}

/* written in place, or given a second name, after the last look and before the swap: the
 * swap is undone, their text stays, no backup and no temp file are left */
static void
test_meddled_before_swap(void **state)
{
	struct fixture *fx = *state;
	static const enum fault faults[] = { F_INPLACE, F_HARDLINK };
	struct fsw_err e;
	char *made;
	size_t i;

	swap_dirfd = openat(fx->rootfd, "etc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (i = 0; i < 2; i++) {
		put(fx, "etc/ntp.conf", "what we read\n", 0644);
		fault = faults[i];
		assert_int_equal(replace(fx, "etc/ntp.conf", "what we read\n", "fixed\n", ".bk", &made, &e), -1);
		fault = F_NONE;
		assert_null(made);
		assert_non_null(strstr(e.msg, "changed since it was read"));
		if (faults[i] == F_INPLACE) {
			assert_string_equal(get(fx, "etc/ntp.conf"), "theirs\n");
			assert_string_equal(names(fx), "ntp.conf");
		} else {
			assert_string_equal(get(fx, "etc/theirs"), "what we read\n");
			assert_string_equal(get(fx, "etc/ntp.conf"), "what we read\n");
			assert_string_equal(names(fx), "ntp.conf theirs");
			assert_int_equal(unlinkat(fx->rootfd, "etc/theirs", 0), 0);
		}
	}
	close(swap_dirfd);
}

/* a process that has the file open for writing: not written (the lease cannot be taken) */
static void
test_open_for_writing(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	int fd;

	put(fx, "etc/ntp.conf", "what we read\n", 0644);
	fd = openat(fx->rootfd, "etc/ntp.conf", O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(replace(fx, "etc/ntp.conf", "what we read\n", "fixed\n", ".bk", NULL, &e), -1);
	close(fd);
	assert_non_null(strstr(e.msg, "another process has it open for writing"));
	assert_string_equal(names(fx), "ntp.conf");
}

/* the process that opens the file for writing while it is swapped: its open waits for the
 * lease, the swap is undone, and its text lands in the file */
static pid_t writer;

static int
breaking(void)
{
	char line[256];
	FILE *fp = fopen("/proc/locks", "r");
	int found = 0;

	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strstr(line, "LEASE") != NULL && strstr(line, "BREAKING") != NULL)
			found = 1;
	fclose(fp);
	return found;
}

static void
start_writer(void)
{
	int i;

	writer = fork();
	assert_true(writer >= 0);
	if (writer == 0) {
		int fd = __real_openat(swap_dirfd, "ntp.conf", O_WRONLY | O_TRUNC);

		_exit(fd >= 0 && __real_write(fd, "theirs\n", 7) == 7 ? 0 : 1);
	}
	/* on until the writer waits in its open for the lease (2 s at most) */
	for (i = 0; i < 200 && !breaking(); i++)
		usleep(10000);
}

static void
test_writer_during_swap(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	char *made;
	int st;

	put(fx, "etc/ntp.conf", "what we read\n", 0644);
	swap_dirfd = openat(fx->rootfd, "etc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fault = F_WRITER;
	assert_int_equal(replace(fx, "etc/ntp.conf", "what we read\n", "fixed\n", ".bk", &made, &e), -1);
	assert_int_equal(waitpid(writer, &st, 0), writer);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(swap_dirfd);
	assert_null(made);
	assert_non_null(strstr(e.msg, "opened for writing"));
	assert_string_equal(get(fx, "etc/ntp.conf"), "theirs\n");
	assert_string_equal(names(fx), "ntp.conf");
}

/* the backup is the old file itself: same inode, its attributes; never world-writable */
static void
test_backup_is_the_old_file(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	struct stat before, bk, now;
	char *made;
	char val[16];
	int xa;

	put(fx, "etc/ntp.conf", "old\n", 0666);
	/* a file system without user attributes: that part is not checked */
	{
		char p[128];

		snprintf(p, sizeof(p), "%s/etc/ntp.conf", fx->root);
		xa = setxattr(p, "user.esxntp", "kept", 4, 0) == 0;
	}
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &before, 0), 0);
	assert_int_equal(replace(fx, "etc/ntp.conf", "old\n", "new\n", ".bk", &made, &e), 0);
	assert_string_equal(made, "etc/ntp.conf.bk");
	free(made);
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf.bk", &bk, 0), 0);
	assert_int_equal(bk.st_ino, before.st_ino);
	assert_int_equal(bk.st_nlink, 1);
	assert_int_equal(bk.st_mode & 07777, 0664);
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &now, 0), 0);
	/* FS002 not asked for here: the file keeps its mode */
	assert_int_equal(now.st_mode & 07777, 0666);
	if (xa) {
		char p[128];

		snprintf(p, sizeof(p), "%s/etc/ntp.conf", fx->root);
		assert_int_equal(getxattr(p, "user.esxntp", val, sizeof(val)), 4);
		assert_memory_equal(val, "kept", 4);
	}
	assert_string_equal(names(fx), "ntp.conf ntp.conf.bk");
}

/* the bits FS002 clears: neither the new file nor the backup has them */
static void
test_clear_bits(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	struct stat st;
	struct fsw_orig o = { "old\n", 4, NULL, S_IWOTH };

	put(fx, "etc/ntp.conf", "old\n", 0666);
	assert_int_equal(fsw_replace(fx->rootfd, "etc/ntp.conf", "new\n", 4, &o, ".bk", NULL, &e), 0);
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0664);
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf.bk", &st, 0), 0);
	assert_int_equal(st.st_mode & 07777, 0664);
}

/* no O_TMPFILE (FUSE): the temp file has a name, and the backup still works; twice */
static void
test_no_tmpfile(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	char *made;

	put(fx, "etc/ntp.conf", "old\n", 0644);
	fault = F_NOTMPFILE;
	if (replace(fx, "etc/ntp.conf", "old\n", "new\n", ".bk", &made, &e) != 0)
		fail_msg("%s", e.msg);
	assert_string_equal(made, "etc/ntp.conf.bk");
	free(made);
	assert_int_equal(replace(fx, "etc/ntp.conf", "new\n", "newer\n", ".bk", &made, &e), 0);
	assert_string_equal(made, "etc/ntp.conf.bk.1");
	free(made);
	assert_int_equal(replace(fx, "etc/step-tickers", NULL, "a\n", ".bk", NULL, &e), 0);
	fault = F_NONE;
	assert_string_equal(get(fx, "etc/ntp.conf"), "newer\n");
	assert_string_equal(get(fx, "etc/ntp.conf.bk"), "old\n");
	assert_string_equal(get(fx, "etc/ntp.conf.bk.1"), "new\n");
	assert_string_equal(names(fx), "ntp.conf ntp.conf.bk ntp.conf.bk.1 step-tickers");
}

/* the temp file, holding the old text after the swap, cannot be removed: written, and
 * said (1) */
static void
test_temp_not_removed(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;

	put(fx, "etc/ntp.conf", "old\n", 0644);
	fault = F_KEEPTMP;
	assert_int_equal(replace(fx, "etc/ntp.conf", "old\n", "new\n", NULL, NULL, &e), 1);
	fault = F_NONE;
	assert_non_null(strstr(e.msg, "etc/.ntp.conf.esxntp-lint.tmp, which holds the old text, could not be removed: Device or resource busy"));
	assert_string_equal(get(fx, "etc/ntp.conf"), "new\n");
	assert_string_equal(get(fx, "etc/.ntp.conf.esxntp-lint.tmp"), "old\n");
}

/* no backup can be made (no hard links here), an attribute cannot be kept, the file to
 * create appears: not written, and nothing is left */
static void
test_refusals_leave_nothing(void **state)
{
	struct fixture *fx = *state;
	struct fsw_err e;
	char p[128];

	put(fx, "etc/ntp.conf", "old\n", 0644);
	fault = F_NOLINK;
	assert_int_equal(replace(fx, "etc/ntp.conf", "old\n", "new\n", ".bk", NULL, &e), -1);
	fault = F_NONE;
	assert_non_null(strstr(e.msg, "use --no-backup"));
	assert_string_equal(get(fx, "etc/ntp.conf"), "old\n");
	assert_string_equal(names(fx), "ntp.conf");
	snprintf(p, sizeof(p), "%s/etc/ntp.conf", fx->root);
	if (setxattr(p, "user.esxntp", "kept", 4, 0) == 0) {
		fault = F_XATTR;
		assert_int_equal(replace(fx, "etc/ntp.conf", "old\n", "new\n", ".bk", NULL, &e), -1);
		fault = F_NONE;
		assert_non_null(strstr(e.msg, "extended attribute user.esxntp"));
		assert_string_equal(get(fx, "etc/ntp.conf"), "old\n");
		assert_string_equal(names(fx), "ntp.conf");
	}
	swap_dirfd = openat(fx->rootfd, "etc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	fault = F_CREATE;
	assert_int_equal(replace(fx, "etc/step-tickers", NULL, "ours\n", ".bk", NULL, &e), -1);
	fault = F_NONE;
	close(swap_dirfd);
	assert_non_null(strstr(e.msg, "created since it was read"));
	assert_string_equal(get(fx, "etc/step-tickers"), "theirs\n");
	assert_string_equal(names(fx), "ntp.conf step-tickers");
}

/* what a kill leaves, removed by the next run: between the backup link and the swap (the
 * file has the backup as second name), and after the swap (the temp is the old file, the
 * backup stays) */
static void
test_remove_stale(void **state)
{
	struct fixture *fx = *state;
	struct stat st;

	put(fx, "etc/ntp.conf", "old\n", 0644);
	put(fx, "etc/ntp.conf.bk", "an older backup\n", 0644);
	assert_int_equal(linkat(fx->rootfd, "etc/ntp.conf", fx->rootfd, "etc/ntp.conf.bk.1", 0), 0);
	put(fx, "etc/.ntp.conf.esxntp-lint.tmp", "new\n", 0644);
	fsw_remove_stale(fx->rootfd, "etc/ntp.conf", ".bk");
	assert_string_equal(names(fx), "ntp.conf ntp.conf.bk");
	assert_int_equal(fstatat(fx->rootfd, "etc/ntp.conf", &st, 0), 0);
	assert_int_equal(st.st_nlink, 1);
	/* after the swap */
	put(fx, "etc/.ntp.conf.esxntp-lint.tmp", "old\n", 0644);
	assert_int_equal(linkat(fx->rootfd, "etc/.ntp.conf.esxntp-lint.tmp", fx->rootfd,
	    "etc/ntp.conf.bk.1", 0), 0);
	fsw_remove_stale(fx->rootfd, "etc/ntp.conf", NULL);
	assert_string_equal(names(fx), "ntp.conf ntp.conf.bk ntp.conf.bk.1");
	assert_string_equal(get(fx, "etc/ntp.conf.bk.1"), "old\n");
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
		cmocka_unit_test_setup_teardown(test_chmod_refuses_hard_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_made, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_fail_before_first_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_fail_after_first_rename, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meddled_before_swap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_for_writing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_during_swap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_is_the_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clear_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_tmpfile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temp_not_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_leave_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_excludes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
