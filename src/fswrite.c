#include "fswrite.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "fsread.h"
#include "util.h"

/* where a path below the root really is: its directory (opened) and its name in it */
struct target {
	int dirfd;
	char *dir;		/* the directory below the root, "." for the root itself */
	char *name;
	int exists;
	struct stat st;		/* when exists */
};

static int
fail(struct fsw_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct fsw_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static void
target_free(struct target *t)
{
	if (t->dirfd >= 0)
		close(t->dirfd);
	free(t->dir);
	free(t->name);
	memset(t, 0, sizeof(*t));
	t->dirfd = -1;
}

/* the real path of an open descriptor, as the kernel resolved it */
static int
fd_path(int fd, char *buf, size_t cap)
{
	char proc[64];
	ssize_t n;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, buf, cap - 1);
	if (n < 0 || (size_t)n >= cap - 1)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* p's part below root, or NULL when p is not below it ("" for the root itself) */
static const char *
below(const char *root, const char *p)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return p[0] == '/' ? p + 1 : NULL;
	if (strncmp(p, root, n) != 0)
		return NULL;
	if (p[n] == '\0')
		return p + n;
	return p[n] == '/' ? p + n + 1 : NULL;
}

static int
open_beneath(int rootfd, const char *dir)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	/* the path is already resolved: no symlink may appear on it now */
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, rootfd, dir, &how, sizeof(how));
}

/* opens rel both inside the root (as the linter read it) and as the kernel resolves it
 * plainly; both must be the same object, below the root */
static int
open_both(int rootfd, const char *rel, int flags, int *fd, struct stat *st, const char *shown,
    struct fsw_err *e)
{
	int a, b;
	struct stat sb;

	a = open_in_root(rootfd, rel, flags | O_PATH | O_CLOEXEC);
	if (a == -2)
		return fail(e, "%s: not written: the kernel lacks openat2(), which keeps paths inside the root", shown);
	if (a < 0)
		return -1;
	b = openat(rootfd, rel, flags | O_PATH | O_CLOEXEC);
	if (b < 0 || fstat(a, st) != 0 || fstat(b, &sb) != 0 || st->st_dev != sb.st_dev ||
	    st->st_ino != sb.st_ino) {
		if (b >= 0)
			close(b);
		close(a);
		return fail(e, "%s: not written: a symlink or a '..' on its path leads outside the root", shown);
	}
	close(b);
	*fd = a;
	return 0;
}

static char *
dir_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s == NULL ? xstrdup(".") : xstrndup(p, (size_t)(s - p));
}

static const char *
base_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s == NULL ? p : s + 1;
}

/* resolves rel (which may not exist yet) to its real directory and name below the root */
static int
resolve(int rootfd, const char *rel, int follow, struct target *t, struct fsw_err *e)
{
	char root[PATH_MAX], real[PATH_MAX];
	const char *rest;
	char *parent = NULL;
	int fd = -1;
	struct stat st;

	memset(t, 0, sizeof(*t));
	t->dirfd = -1;
	errno = 0;
	if (follow && open_both(rootfd, rel, 0, &fd, &st, rel, e) == 0) {
		t->exists = 1;
	} else if (e->msg[0] != '\0') {
		return -1;
	} else if (follow && errno != ENOENT) {
		return fail(e, "%s: not written: %s", rel, strerror(errno));
	} else {
		parent = dir_of(rel);
		if (open_both(rootfd, parent, O_DIRECTORY, &fd, &st, rel, e) != 0) {
			if (e->msg[0] == '\0')
				fail(e, "%s: not written: directory %s: %s", rel, parent, strerror(errno));
			free(parent);
			return -1;
		}
		free(parent);
	}
	if (fd_path(rootfd, root, sizeof(root)) != 0 || fd_path(fd, real, sizeof(real)) != 0 ||
	    (rest = below(root, real)) == NULL) {
		close(fd);
		return fail(e, "%s: not written: a symlink or a '..' on its path leads outside the root", rel);
	}
	close(fd);
	if (t->exists) {
		t->dir = dir_of(rest);
		t->name = xstrdup(base_of(rest));
	} else {
		t->dir = xstrdup(*rest ? rest : ".");
		t->name = xstrdup(base_of(rel));
	}
	t->dirfd = open_beneath(rootfd, t->dir);
	if (t->dirfd < 0) {
		fail(e, "%s: not written: directory %s: %s", rel, t->dir, strerror(errno));
		target_free(t);
		return -1;
	}
	/* not found inside the root, yet the name is there: a symlink that dangles there */
	if (follow && !t->exists && fstatat(t->dirfd, t->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		target_free(t);
		return fail(e, "%s: not written: it is a symlink that leads outside the root or to nothing",
		    rel);
	}
	if (t->exists && (fstatat(t->dirfd, t->name, &t->st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    t->st.st_dev != st.st_dev || t->st.st_ino != st.st_ino)) {
		target_free(t);
		return fail(e, "%s: not written: it changed while its path was resolved", rel);
	}
	return 0;
}

static int
read_cmp(int fd, const char *want, size_t len)
{
	char buf[65536];
	size_t at = 0;
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return at == len ? 0 : 1;
		if ((size_t)n > len - at || memcmp(buf, want + at, (size_t)n) != 0)
			return 1;
		at += (size_t)n;
	}
}

/* the file is still what the linter read: same inode, size, mtime and bytes */
static int
unchanged(struct target *t, const char *rel, const struct fsw_orig *o, struct stat *now,
    struct fsw_err *e)
{
	int fd, r;

	if (o->buf == NULL) {
		if (fstatat(t->dirfd, t->name, now, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT)
			return fail(e, "%s: not written: it was created since it was read", rel);
		return 0;
	}
	fd = openat(t->dirfd, t->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, now) != 0) {
		r = errno;
		if (fd >= 0)
			close(fd);
		return fail(e, "%s: not written: it cannot be read again: %s", rel, strerror(r));
	}
	if (!S_ISREG(now->st_mode)) {
		close(fd);
		return fail(e, "%s: not written: it is no longer a regular file", rel);
	}
	if (now->st_nlink > 1) {
		close(fd);
		return fail(e, "%s: not written: it has %lu hard links, and replacing it would split them",
		    rel, (unsigned long)now->st_nlink);
	}
	r = o->st != NULL && (now->st_dev != o->st->st_dev || now->st_ino != o->st->st_ino ||
	    now->st_size != o->st->st_size || now->st_mtim.tv_sec != o->st->st_mtim.tv_sec ||
	    now->st_mtim.tv_nsec != o->st->st_mtim.tv_nsec);
	if (!r)
		r = read_cmp(fd, o->buf, o->len);
	close(fd);
	if (r)
		return fail(e, "%s: not written: it changed since it was read", rel);
	return 0;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* an unnamed file in the directory (O_TMPFILE), or *named set to a fresh temp name */
static int
open_temp(struct target *t, char **named)
{
	char *tmp;
	int fd, tries;

	*named = NULL;
	fd = openat(t->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	tmp = xasprintf(".%s" FSW_TMP_SUFFIX, t->name);
	for (tries = 0; tries < 2; tries++) {
		fd = openat(t->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
		/* left by a run that was killed: the lock says no other run is writing */
		unlinkat(t->dirfd, tmp, 0);
	}
	if (fd < 0)
		free(tmp);
	else
		*named = tmp;
	return fd;
}

/* gives the unnamed file fd the name in the directory; an existing name is an error
 * (EEXIST) unless stale is set: then it is a temp file left by a killed run, removed */
static int
link_temp(struct target *t, int fd, const char *name, int stale)
{
	char proc[64];
	int tries;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 2; tries++) {
		if (linkat(AT_FDCWD, proc, t->dirfd, name, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST || !stale)
			return -1;
		unlinkat(t->dirfd, name, 0);
	}
	return -1;
}

/* writes buf into a new file of the directory with mode and owner, fsynced; returns its fd,
 * unnamed unless *named is set */
static int
new_file(struct target *t, const char *buf, size_t len, const struct stat *like, char **named,
    const char *rel, struct fsw_err *e)
{
	int fd = open_temp(t, named), err;
	uid_t uid = like ? like->st_uid : 0;
	gid_t gid = like ? like->st_gid : 0;
	mode_t mode = like ? like->st_mode & 07777 : 0644;
	const char *what;

	if (fd < 0)
		return fail(e, "%s: not written: cannot create a temp file in %s: %s", rel, t->dir,
		    strerror(errno));
	what = "write";
	/* chown before chmod: chown clears the set-id bits */
	if (write_all(fd, buf, len) == 0 && (what = "keep the owner and group", fchown(fd, uid, gid)) == 0 &&
	    (what = "keep the mode", fchmod(fd, mode)) == 0 && (what = "fsync", fsync(fd)) == 0)
		return fd;
	err = errno;
	close(fd);
	if (*named != NULL) {
		unlinkat(t->dirfd, *named, 0);
		free(*named);
		*named = NULL;
	}
	return fail(e, "%s: not written: cannot %s the new text: %s", rel, what, strerror(err));
}

/* a copy of the old bytes beside the file: NAME.bk, or the first free NAME.bk.N */
static int
backup(struct target *t, const char *suffix, const struct fsw_orig *o, const struct stat *st,
    char **made, const char *rel, struct fsw_err *e)
{
	char *named = NULL, *bk = NULL;
	int fd, i, r = -1;

	fd = new_file(t, o->buf, o->len, st, &named, rel, e);
	if (fd < 0)
		return -1;
	for (i = 0; i < 1000 && r != 0; i++) {
		free(bk);
		bk = i == 0 ? xasprintf("%s%s", t->name, suffix) :
		    xasprintf("%s%s.%d", t->name, suffix, i);
		if (named != NULL)
			r = linkat(t->dirfd, named, t->dirfd, bk, 0);
		else
			r = link_temp(t, fd, bk, 0);
		if (r != 0 && errno != EEXIST)
			break;
	}
	close(fd);
	if (named != NULL) {
		unlinkat(t->dirfd, named, 0);
		free(named);
	}
	if (r != 0) {
		fail(e, "%s: not written: cannot make the backup %s: %s", rel, bk, strerror(errno));
		free(bk);
		return -1;
	}
	*made = strcmp(t->dir, ".") == 0 ? xstrdup(bk) : xasprintf("%s/%s", t->dir, bk);
	free(bk);
	return 0;
}

/* swaps the temp file tmp with the file: the old one then sits at tmp. It must be the
 * file compared last (was): a rename over the file after that look would otherwise be
 * lost; it is swapped back. 1: not supported here (use a plain rename), 0: done, -1: failed */
static int
exchange(struct target *t, const char *tmp, const struct stat *was, const char *rel,
    struct fsw_err *e)
{
	struct stat out;
	int err;

	if (renameat2(t->dirfd, tmp, t->dirfd, t->name, RENAME_EXCHANGE) != 0) {
		if (errno == EINVAL || errno == ENOSYS)
			return 1;
		err = errno;
		unlinkat(t->dirfd, tmp, 0);
		return fail(e, "%s: not written: rename: %s", rel, strerror(err));
	}
	if (fstatat(t->dirfd, tmp, &out, AT_SYMLINK_NOFOLLOW) == 0 && out.st_dev == was->st_dev &&
	    out.st_ino == was->st_ino) {
		unlinkat(t->dirfd, tmp, 0);
		return 0;
	}
	if (renameat2(t->dirfd, tmp, t->dirfd, t->name, RENAME_EXCHANGE) != 0)
		return fail(e, "%s: replaced since it was read, and written over: the text that "
		    "replaced it is kept as %s/%s", rel, t->dir, tmp);
	unlinkat(t->dirfd, tmp, 0);
	return fail(e, "%s: not written: it changed since it was read", rel);
}

static int
install(struct target *t, int fd, const char *named, const struct stat *was, const char *rel,
    struct fsw_err *e)
{
	char *tmp = named ? xstrdup(named) : xasprintf(".%s" FSW_TMP_SUFFIX, t->name);
	int err, r = 1;

	if (named == NULL && link_temp(t, fd, tmp, 1) != 0) {
		err = errno;
		free(tmp);
		return fail(e, "%s: not written: cannot name the temp file: %s", rel, strerror(err));
	}
	if (was != NULL)
		r = exchange(t, tmp, was, rel, e);
	if (r == 1 && renameat(t->dirfd, tmp, t->dirfd, t->name) != 0) {
		err = errno;
		unlinkat(t->dirfd, tmp, 0);
		free(tmp);
		return fail(e, "%s: not written: rename: %s", rel, strerror(err));
	}
	free(tmp);
	if (r == -1)
		return -1;
	if (fsync(t->dirfd) != 0)
		return fail(e, "%s: written, but the directory could not be synced: %s", rel,
		    strerror(errno));
	return 0;
}

void
fsw_remove_stale(int rootfd, const char *rel)
{
	struct target t;
	struct fsw_err e;
	struct stat st;
	char *tmp;

	if (resolve(rootfd, rel, 1, &t, &e) != 0)
		return;
	tmp = xasprintf(".%s" FSW_TMP_SUFFIX, t.name);
	if (fstatat(t.dirfd, tmp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
		unlinkat(t.dirfd, tmp, 0);
	free(tmp);
	target_free(&t);
}

int
fsw_replace(int rootfd, const char *rel, const char *buf, size_t len,
    const struct fsw_orig *o, const char *bksuffix, char **backup_made, struct fsw_err *e)
{
	struct target t;
	struct stat now;
	char *named = NULL, *made = NULL;
	int fd, r = -1;

	e->msg[0] = '\0';
	if (backup_made != NULL)
		*backup_made = NULL;
	if (resolve(rootfd, rel, 1, &t, e) != 0)
		return -1;
	if (unchanged(&t, rel, o, &now, e) != 0)
		goto out;
	fd = new_file(&t, buf, len, o->buf ? &now : NULL, &named, rel, e);
	if (fd < 0)
		goto out;
	/* the last look before the rename: a change now aborts, nothing is written */
	if (unchanged(&t, rel, o, &now, e) == 0 &&
	    (o->buf == NULL || bksuffix == NULL || backup(&t, bksuffix, o, &now, &made, rel, e) == 0))
		r = install(&t, fd, named, o->buf != NULL ? &now : NULL, rel, e);
	if (r != 0 && named != NULL)
		unlinkat(t.dirfd, named, 0);
	close(fd);
	free(named);
out:
	if (backup_made != NULL)
		*backup_made = made;
	else
		free(made);
	target_free(&t);
	return r;
}

int
fsw_chmod_clear(int rootfd, const char *rel, mode_t clear, struct fsw_err *e)
{
	struct target t;
	struct stat st;
	int fd, r = 0;

	e->msg[0] = '\0';
	if (resolve(rootfd, rel, 1, &t, e) != 0)
		return -1;
	fd = openat(t.dirfd, t.name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_ino != t.st.st_ino ||
	    fchmod(fd, st.st_mode & 07777 & ~clear) != 0 || fsync(fd) != 0)
		r = fail(e, "%s: mode not changed: %s", rel, strerror(errno));
	if (fd >= 0)
		close(fd);
	target_free(&t);
	return r;
}

int
fsw_symlink(int rootfd, const char *rel, const char *target, const char *replaces,
    struct fsw_err *e)
{
	struct target t, old;
	struct stat st;
	char *tmp;
	int r = 0;

	e->msg[0] = '\0';
	if (resolve(rootfd, rel, 0, &t, e) != 0)
		return -1;
	tmp = xasprintf(".%s" FSW_TMP_SUFFIX, t.name);
	unlinkat(t.dirfd, tmp, 0);
	if (symlinkat(target, t.dirfd, tmp) != 0 || renameat(t.dirfd, tmp, t.dirfd, t.name) != 0) {
		r = fail(e, "%s: link not made: %s", rel, strerror(errno));
		unlinkat(t.dirfd, tmp, 0);
	} else if (fsync(t.dirfd) != 0) {
		r = fail(e, "%s: made, but the directory could not be synced: %s", rel, strerror(errno));
	}
	free(tmp);
	target_free(&t);
	if (r != 0 || replaces == NULL)
		return r;
	if (resolve(rootfd, replaces, 0, &old, e) != 0)
		return -1;
	if (fstatat(old.dirfd, old.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) &&
	    (unlinkat(old.dirfd, old.name, 0) != 0 || fsync(old.dirfd) != 0))
		r = fail(e, "%s: not removed: %s", replaces, strerror(errno));
	target_free(&old);
	return r;
}

int
fsw_mkdir(int rootfd, const char *rel, struct fsw_err *e)
{
	struct target t;
	struct stat st;
	const char *what = "make it";
	int fd = -1, err;

	e->msg[0] = '\0';
	if (resolve(rootfd, rel, 0, &t, e) != 0)
		return -1;
	if (fstatat(t.dirfd, t.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
		target_free(&t);
		return 0;
	}
	/* made private first: no one sees it before it has its owner and mode */
	if (mkdirat(t.dirfd, t.name, 0700) == 0 &&
	    (what = "open it", fd = openat(t.dirfd, t.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) >= 0 && (what = "make it root's", fchown(fd, 0, 0)) == 0 &&
	    (what = "set its mode", fchmod(fd, 0755)) == 0 && (what = "fsync it", fsync(fd)) == 0 &&
	    (what = "fsync its directory", fsync(t.dirfd)) == 0) {
		close(fd);
		target_free(&t);
		return 0;
	}
	err = errno;
	if (fd >= 0)
		close(fd);
	if (strcmp(what, "make it") != 0)
		unlinkat(t.dirfd, t.name, AT_REMOVEDIR);
	target_free(&t);
	return fail(e, "%s: directory not made: cannot %s: %s", rel, what, strerror(err));
}

void
fsw_rmdir_empty(int rootfd, const char *rel)
{
	struct target t;
	struct fsw_err e;

	e.msg[0] = '\0';
	if (resolve(rootfd, rel, 0, &t, &e) != 0)
		return;
	if (unlinkat(t.dirfd, t.name, AT_REMOVEDIR) == 0)
		fsync(t.dirfd);
	target_free(&t);
}

int
fsw_lock(int dirfd, int timeout_ms, struct fsw_err *e)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), waited = 0;

	e->msg[0] = '\0';
	if (fd < 0)
		return fail(e, "cannot open the root to lock it: %s", strerror(errno));
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= timeout_ms) {
			if (errno == EWOULDBLOCK)
				fail(e, "another --fix run holds the lock on the root; gave up after %d ms",
				    timeout_ms);
			else
				fail(e, "cannot lock the root: %s", strerror(errno));
			close(fd);
			return -1;
		}
		nanosleep(&pause, NULL);
		waited += 20;
	}
	return fd;
}
