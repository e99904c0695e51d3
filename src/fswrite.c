#include "fswrite.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "fsread.h"
#include "fswrite_int.h"
#include "util.h"

int
fsw_fail(struct fsw_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
fsw_target_free(struct target *t)
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
		return fsw_fail(e, "%s: not written: the kernel lacks openat2(), which keeps paths inside the root", shown);
	if (a < 0)
		return -1;
	b = openat(rootfd, rel, flags | O_PATH | O_CLOEXEC);
	if (b < 0 || fstat(a, st) != 0 || fstat(b, &sb) != 0 || st->st_dev != sb.st_dev ||
	    st->st_ino != sb.st_ino) {
		if (b >= 0)
			close(b);
		close(a);
		return fsw_fail(e, "%s: not written: a symlink or a '..' on its path leads outside the root", shown);
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

const char *
fsw_base_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s == NULL ? p : s + 1;
}

int
fsw_resolve(int rootfd, const char *rel, int follow, struct target *t, struct fsw_err *e)
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
		return fsw_fail(e, "%s: not written: %s", rel, strerror(errno));
	} else {
		parent = dir_of(rel);
		if (open_both(rootfd, parent, O_DIRECTORY, &fd, &st, rel, e) != 0) {
			if (e->msg[0] == '\0')
				fsw_fail(e, "%s: not written: directory %s: %s", rel, parent, strerror(errno));
			free(parent);
			return -1;
		}
		free(parent);
	}
	if (fd_path(rootfd, root, sizeof(root)) != 0 || fd_path(fd, real, sizeof(real)) != 0 ||
	    (rest = below(root, real)) == NULL) {
		close(fd);
		return fsw_fail(e, "%s: not written: a symlink or a '..' on its path leads outside the root", rel);
	}
	close(fd);
	if (t->exists) {
		t->dir = dir_of(rest);
		t->name = xstrdup(fsw_base_of(rest));
	} else {
		t->dir = xstrdup(*rest ? rest : ".");
		t->name = xstrdup(fsw_base_of(rel));
	}
	t->dirfd = open_beneath(rootfd, t->dir);
	if (t->dirfd < 0) {
		fsw_fail(e, "%s: not written: directory %s: %s", rel, t->dir, strerror(errno));
		fsw_target_free(t);
		return -1;
	}
	/* not found inside the root, yet the name is there: a symlink that dangles there */
	if (follow && !t->exists && fstatat(t->dirfd, t->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		fsw_target_free(t);
		return fsw_fail(e, "%s: not written: it is a symlink that leads outside the root or to nothing",
		    rel);
	}
	if (t->exists && (fstatat(t->dirfd, t->name, &t->st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    t->st.st_dev != st.st_dev || t->st.st_ino != st.st_ino)) {
		fsw_target_free(t);
		return fsw_fail(e, "%s: not written: it changed while its path was resolved", rel);
	}
	return 0;
}

/* the bytes of fd from its start are want[0..len): 0 yes, 1 no, -1 read error */
static int
read_cmp(int fd, const char *want, size_t len)
{
	char buf[65536];
	size_t at = 0;
	ssize_t n;

	for (;;) {
		n = pread(fd, buf, sizeof(buf), (off_t)at);
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

/* the old file, opened as ofd, is still what the linter read: a regular file with links
 * names (1 while it is only the file; more once the backup and the temp name it), of the
 * size and mtime it had (was), holding the bytes read. *now gets its stat */
static int
same_as_read(int ofd, const struct fsw_orig *o, const struct stat *was, nlink_t links,
    struct stat *now)
{
	if (fstat(ofd, now) != 0 || !S_ISREG(now->st_mode) || now->st_nlink != links ||
	    now->st_size != was->st_size || now->st_mtim.tv_sec != was->st_mtim.tv_sec ||
	    now->st_mtim.tv_nsec != was->st_mtim.tv_nsec)
		return 0;
	return read_cmp(ofd, o->buf, o->len) == 0;
}

/* A read lease on the old file (fcntl F_SETLEASE): it cannot be taken while another
 * process has the file open for writing (or mapped), and any open for writing after it
 * waits until it is released, which is after the swap and the look that follows it; the
 * look sees the wait (F_GETLEASE no longer F_RDLCK) and swaps back. The kernel signals the
 * wait with SIGIO, ignored meanwhile (*old keeps the disposition). 1: taken, 0: not here
 * (not the owner nor CAP_LEASE, leases off, a network file system), -1: the file is open
 * for writing */
static int
take_lease(int ofd, struct sigaction *old)
{
	struct sigaction ign;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGIO, &ign, old);
	if (fcntl(ofd, F_SETLEASE, F_RDLCK) == 0)
		return 1;
	sigaction(SIGIO, old, NULL);
	return errno == EAGAIN ? -1 : 0;
}

static void
drop_lease(int ofd, int leased, const struct sigaction *old)
{
	if (leased != 1)
		return;
	fcntl(ofd, F_SETLEASE, F_UNLCK);
	sigaction(SIGIO, old, NULL);
}

/* as same_as_read, and no process waits to open it for writing (leased: we hold a lease) */
static int
untouched(int ofd, const struct fsw_orig *o, const struct stat *was, nlink_t links,
    int leased)
{
	struct stat now;

	return same_as_read(ofd, o, was, links, &now) &&
	    (leased != 1 || fcntl(ofd, F_GETLEASE) == F_RDLCK);
}

/* the name still names the old file */
static int
named(struct target *t, const char *name, const struct stat *of)
{
	struct stat st;

	return fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_dev == of->st_dev &&
	    st.st_ino == of->st_ino;
}

/* opens the file to replace and checks it is what the linter read; its fd, or -1 */
static int
open_old(struct target *t, const char *rel, const struct fsw_orig *o, struct stat *now,
    struct fsw_err *e)
{
	int fd, err;

	fd = openat(t->dirfd, t->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, now) != 0) {
		err = errno;
		if (fd >= 0)
			close(fd);
		return fsw_fail(e, "%s: not written: it cannot be read again: %s", rel, strerror(err));
	}
	if (!S_ISREG(now->st_mode)) {
		close(fd);
		return fsw_fail(e, "%s: not written: it is no longer a regular file", rel);
	}
	if (now->st_nlink > 1) {
		close(fd);
		return fsw_fail(e, "%s: not written: it has %lu hard links, and replacing it would split them",
		    rel, (unsigned long)now->st_nlink);
	}
	if (!same_as_read(fd, o, o->st != NULL ? o->st : now, 1, now) ||
	    (o->st != NULL && (now->st_dev != o->st->st_dev || now->st_ino != o->st->st_ino))) {
		close(fd);
		return fsw_fail(e, "%s: not written: it changed since it was read", rel);
	}
	return fd;
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

/* an unnamed file in the directory (O_TMPFILE), or, where the file system has none (FUSE,
 * some network file systems), the temp name .NAME.esxntp-lint.tmp (*tmpnamed set) */
static int
open_temp(struct target *t, const char *tmp, int *tmpnamed)
{
	int fd, tries;

	*tmpnamed = 0;
	fd = openat(t->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	for (tries = 0; tries < 2; tries++) {
		fd = openat(t->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
		/* left by a run that was killed: the lock says no other run is writing */
		unlinkat(t->dirfd, tmp, 0);
	}
	*tmpnamed = fd >= 0;
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

/* a NUL-separated list of the extended attribute names of fd (*n bytes; NULL and 0 when
 * it has none or the file system keeps none); -1 on an error */
static int
xattr_names(int fd, char **out, ssize_t *n)
{
	ssize_t cap;

	*out = NULL;
	*n = 0;
	for (;;) {
		cap = flistxattr(fd, NULL, 0);
		if (cap < 0)
			return errno == ENOTSUP ? 0 : -1;
		if (cap == 0)
			return 0;
		free(*out);
		*out = xmalloc((size_t)cap);
		*n = flistxattr(fd, *out, (size_t)cap);
		if (*n >= 0)
			return 0;
		if (errno != ERANGE) {
			free(*out);
			*out = NULL;
			return -1;
		}
	}
}

static int
has_name(const char *list, ssize_t n, const char *name)
{
	ssize_t i;

	for (i = 0; i < n; i += (ssize_t)strlen(list + i) + 1)
		if (strcmp(list + i, name) == 0)
			return 1;
	return 0;
}

/* gives the new file to the extended attributes of the old one from: its POSIX ACL
 * (system.posix_acl_access), SELinux label, user attributes, ...; an attribute the new
 * file got from the directory's default ACL and the old one lacks is removed. 0, or -1
 * with *which the attribute that could not be kept */
static int
copy_xattrs(int from, int to, char *which, size_t cap)
{
	char *names, *have, *val = NULL;
	ssize_t n, nhave, i, len;
	int r = 0;

	snprintf(which, cap, "(their list)");
	if (xattr_names(from, &names, &n) != 0)
		return -1;
	if (xattr_names(to, &have, &nhave) != 0) {
		free(names);
		return -1;
	}
	for (i = 0; i < nhave && r == 0; i += (ssize_t)strlen(have + i) + 1) {
		snprintf(which, cap, "%s", have + i);
		if (!has_name(names, n, have + i) && fremovexattr(to, have + i) != 0)
			r = -1;
	}
	for (i = 0; i < n && r == 0; i += (ssize_t)strlen(names + i) + 1) {
		snprintf(which, cap, "%s", names + i);
		len = fgetxattr(from, names + i, NULL, 0);
		if (len < 0) {
			r = -1;
			break;
		}
		free(val);
		val = xmalloc(len > 0 ? (size_t)len : 1);
		len = fgetxattr(from, names + i, val, (size_t)len);
		if (len < 0 || fsetxattr(to, names + i, val, (size_t)len, 0) != 0)
			r = -1;
	}
	free(val);
	free(names);
	free(have);
	return r;
}

/* writes buf into a new file of the directory, fsynced, with the old file's owner, group,
 * extended attributes (ACL included) and mode less the bits clear (old: the old file,
 * opened, or -1 for a new one: 0644 root:root); returns its fd (*tmpnamed: it has the
 * temp name, else it is unnamed) */
static int
new_file(struct target *t, const char *buf, size_t len, int old, const struct stat *like,
    mode_t clear, const char *tmp, int *tmpnamed, const char *rel, struct fsw_err *e)
{
	int fd = open_temp(t, tmp, tmpnamed), err;
	uid_t uid = like ? like->st_uid : 0;
	gid_t gid = like ? like->st_gid : 0;
	mode_t mode = like ? like->st_mode & 07777 & ~clear : 0644;
	char which[256];
	const char *what, *xattrs = "keep the extended attributes";

	if (fd < 0)
		return fsw_fail(e, "%s: not written: cannot create a temp file in %s: %s", rel, t->dir,
		    strerror(errno));
	what = "write";
	/* chown before chmod: chown clears the set-id bits; the ACL before chmod, which then
	 * sets the ACL's mask from the group bits, as they are on the old file */
	if (write_all(fd, buf, len) == 0 && (what = "keep the owner and group", fchown(fd, uid, gid)) == 0 &&
	    (old < 0 || (what = xattrs, copy_xattrs(old, fd, which, sizeof(which))) == 0) &&
	    (what = "keep the mode", fchmod(fd, mode)) == 0 && (what = "fsync", fsync(fd)) == 0)
		return fd;
	err = errno;
	close(fd);
	if (*tmpnamed)
		unlinkat(t->dirfd, tmp, 0);
	if (what == xattrs)
		return fsw_fail(e, "%s: not written: cannot give the new file its extended attribute %s "
		    "(ACL, label): %s", rel, which, strerror(err));
	return fsw_fail(e, "%s: not written: cannot %s the new text: %s", rel, what, strerror(err));
}

/* the backup: a second name for the old file itself (NAME.bk, or the first free NAME.bk.N),
 * made right before the swap, so it is the old file with its mode, owner, ACL and times,
 * costs no space, and holds whatever another process writes into the old file after the
 * swap. *bk gets its name in the directory */
static int
link_backup(struct target *t, const struct stat *of, const char *suffix, char **bk,
    const char *rel, struct fsw_err *e)
{
	int i, r = -1, err = 0;

	*bk = NULL;
	for (i = 0; i < 1000; i++) {
		*bk = i == 0 ? xasprintf("%s%s", t->name, suffix) :
		    xasprintf("%s%s.%d", t->name, suffix, i);
		r = linkat(t->dirfd, t->name, t->dirfd, *bk, 0);
		if (r == 0 || errno != EEXIST)
			break;
		free(*bk);
		*bk = NULL;
	}
	if (r != 0) {
		err = errno;
		fsw_fail(e, "%s: not written: cannot make the backup %s%s (a hard link to the old file): %s%s",
		    rel, t->name, suffix, strerror(i == 1000 ? EEXIST : err),
		    err == EPERM || err == EOPNOTSUPP || err == EMLINK ?
		    "; on a file system without hard links use --no-backup" : "");
		free(*bk);
		*bk = NULL;
		return -1;
	}
	/* what the name held at the link is the file compared, or the backup is not a backup */
	if (!named(t, *bk, of)) {
		unlinkat(t->dirfd, *bk, 0);
		free(*bk);
		*bk = NULL;
		return fsw_fail(e, "%s: not written: it changed since it was read", rel);
	}
	return 0;
}

/* removes the backup link of a write that did not happen */
static void
unlink_backup(struct target *t, char **bk, const struct stat *of)
{
	if (*bk != NULL && named(t, *bk, of))
		unlinkat(t->dirfd, *bk, 0);
	free(*bk);
	*bk = NULL;
}

/* swaps the temp file tmp (the new text) with the file: the old one then sits at tmp and
 * (with a backup) at bk. It must be the old file, unchanged since the last look: a file
 * renamed over it, a write into it or a new hard link in between would be lost; then it is
 * swapped back and the write fails. 1: no exchange here (use a plain rename), 0: done,
 * -1: not written, -2: written, but what the swap moved out is another text, kept at tmp
 * (the swap back failed) */
static int
exchange(struct target *t, const char *tmp, int ofd, const struct stat *was,
    const struct fsw_orig *o, int has_bk, int leased, const char *rel, struct fsw_err *e)
{
	const char *why;

	if (renameat2(t->dirfd, tmp, t->dirfd, t->name, RENAME_EXCHANGE) != 0) {
		if (errno == EINVAL || errno == ENOSYS)
			return 1;
		return fsw_fail(e, "%s: not written: rename: %s", rel, strerror(errno));
	}
	if (!named(t, tmp, was))
		why = "it changed since it was read (a file was renamed over it)";
	else if (!untouched(ofd, o, was, has_bk ? 2 : 1, leased))
		why = "it changed since it was read (it was written, opened for writing, or linked, "
		    "while --fix replaced it)";
	else
		return 0;
	if (renameat2(t->dirfd, tmp, t->dirfd, t->name, RENAME_EXCHANGE) != 0) {
		fsw_fail(e, "%s: written, but %s: that text is kept as %s/%s", rel, why, t->dir, tmp);
		return -2;
	}
	return fsw_fail(e, "%s: not written: %s", rel, why);
}

/* no RENAME_EXCHANGE (FUSE, NFS): a plain rename, and the same look after it; a write
 * into the old file in between is undone by renaming the backup (the old file) back */
static int
plain_rename(struct target *t, const char *tmp, int ofd, const struct stat *was,
    const struct fsw_orig *o, char **bk, int leased, const char *rel, struct fsw_err *e)
{
	if (renameat(t->dirfd, tmp, t->dirfd, t->name) != 0)
		return fsw_fail(e, "%s: not written: rename: %s", rel, strerror(errno));
	if (untouched(ofd, o, was, *bk != NULL ? 1 : 0, leased))
		return 0;
	if (*bk != NULL && renameat(t->dirfd, *bk, t->dirfd, t->name) == 0) {
		free(*bk);
		*bk = NULL;
		return fsw_fail(e, "%s: not written: it changed since it was read (it was written "
		    "while --fix replaced it)", rel);
	}
	fsw_fail(e, "%s: written, but another process wrote into the old file while --fix "
	    "replaced it, and that text %s", rel, *bk != NULL ? "is in the backup" :
	    "is lost (no RENAME_EXCHANGE on this file system, and no backup)");
	return -2;
}

/* written, but something after the write failed: e says what (-2) */
#define WRITTEN_BUT(e, ...) (fsw_fail((e), __VA_ARGS__), -2)

/* the new file, named tmp, replaces the old one (ofd); 0, 1 (written, with a problem
 * in e), -1 (not written) */
static int
install(struct target *t, const char *tmp, int ofd, const struct stat *was,
    const struct fsw_orig *o, char **bk, int leased, const char *rel, struct fsw_err *e)
{
	struct stat now;
	int r;

	r = exchange(t, tmp, ofd, was, o, *bk != NULL, leased, rel, e);
	if (r == 1)
		r = plain_rename(t, tmp, ofd, was, o, bk, leased, rel, e);
	else if (r == 0 && unlinkat(t->dirfd, tmp, 0) != 0)
		r = WRITTEN_BUT(e, "%s: written, but the temp file %s/%s, which holds the old text, "
		    "could not be removed: %s", rel, t->dir, tmp, strerror(errno));
	if (r == -1) {
		unlinkat(t->dirfd, tmp, 0);
		unlink_backup(t, bk, was);
		return -1;
	}
	/* a backup is never writable by others, even when the file stays so */
	if (*bk != NULL && fstat(ofd, &now) == 0 && (now.st_mode & S_IWOTH) &&
	    fchmod(ofd, now.st_mode & 07777 & ~S_IWOTH) != 0 && r == 0)
		r = WRITTEN_BUT(e, "%s: written, but its backup %s stays writable by others: %s", rel,
		    *bk, strerror(errno));
	if (fsync(t->dirfd) != 0 && r == 0)
		r = WRITTEN_BUT(e, "%s: written, but the directory could not be synced: %s", rel,
		    strerror(errno));
	return r == 0 ? 0 : 1;
}

/* creates the file, which must not exist: never over one that appeared meanwhile */
static int
create(struct target *t, const char *rel, const char *buf, size_t len, const char *tmp,
    struct fsw_err *e)
{
	struct stat st;
	char proc[64];
	int fd, tmpnamed, r;

	if (fstatat(t->dirfd, t->name, &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT)
		return fsw_fail(e, "%s: not written: it was created since it was read", rel);
	fd = new_file(t, buf, len, -1, NULL, 0, tmp, &tmpnamed, rel, e);
	if (fd < 0)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (!tmpnamed) {
		r = linkat(AT_FDCWD, proc, t->dirfd, t->name, AT_SYMLINK_FOLLOW);
	} else {
		r = renameat2(t->dirfd, tmp, t->dirfd, t->name, RENAME_NOREPLACE);
		/* no RENAME_NOREPLACE here: a link fails on an existing name too */
		if (r != 0 && (errno == EINVAL || errno == ENOSYS) &&
		    (r = linkat(t->dirfd, tmp, t->dirfd, t->name, 0)) == 0)
			unlinkat(t->dirfd, tmp, 0);
	}
	close(fd);
	if (r != 0) {
		int err = errno;

		if (tmpnamed)
			unlinkat(t->dirfd, tmp, 0);
		if (err == EEXIST)
			return fsw_fail(e, "%s: not written: it was created since it was read", rel);
		return fsw_fail(e, "%s: not written: cannot name the new file: %s", rel, strerror(err));
	}
	if (fsync(t->dirfd) != 0) {
		fsw_fail(e, "%s: created, but the directory could not be synced: %s", rel,
		    strerror(errno));
		return 1;
	}
	return 0;
}

/* names NAME<suffix> and NAME<suffix>.N up to the first that does not exist: a hard link
 * to the file among them is the backup of a run killed before its swap */
static void
remove_half_backup(struct target *t, const struct stat *of, const char *suffix)
{
	char *bk;
	struct stat st;
	int i;

	for (i = 0; i < 1000; i++) {
		bk = i == 0 ? xasprintf("%s%s", t->name, suffix) :
		    xasprintf("%s%s.%d", t->name, suffix, i);
		if (fstatat(t->dirfd, bk, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			free(bk);
			return;
		}
		if (st.st_dev == of->st_dev && st.st_ino == of->st_ino)
			unlinkat(t->dirfd, bk, 0);
		free(bk);
	}
}

void
fsw_remove_stale(int rootfd, const char *rel, const char *suffix)
{
	struct target t;
	struct fsw_err e;
	struct stat st, of;
	char *tmp;

	e.msg[0] = '\0';
	if (fsw_resolve(rootfd, rel, 1, &t, &e) != 0)
		return;
	tmp = xasprintf(".%s" FSW_TMP_SUFFIX, t.name);
	if (fstatat(t.dirfd, tmp, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
		/* killed between the backup link and the swap: the file still is the old one,
		 * with the backup as its second name; a backup is made again when it is fixed */
		if (t.exists && S_ISREG(t.st.st_mode) && t.st.st_nlink > 1) {
			of = t.st;
			if (suffix != NULL)
				remove_half_backup(&t, &of, suffix);
			if (suffix == NULL || strcmp(suffix, FSW_DEFAULT_BACKUP) != 0)
				remove_half_backup(&t, &of, FSW_DEFAULT_BACKUP);
		}
		unlinkat(t.dirfd, tmp, 0);
	}
	free(tmp);
	fsw_target_free(&t);
}

int
fsw_replace(int rootfd, const char *rel, const char *buf, size_t len,
    const struct fsw_orig *o, const char *bksuffix, char **backup_made, struct fsw_err *e)
{
	struct target t;
	struct stat was, now;
	struct sigaction sigio;
	char *tmp = NULL, *bk = NULL;
	int fd = -1, ofd = -1, tmpnamed = 0, leased = 0, r = -1;

	e->msg[0] = '\0';
	if (backup_made != NULL)
		*backup_made = NULL;
	if (fsw_resolve(rootfd, rel, 1, &t, e) != 0)
		return -1;
	tmp = xasprintf(".%s" FSW_TMP_SUFFIX, t.name);
	if (o->buf == NULL) {
		r = create(&t, rel, buf, len, tmp, e);
		goto out;
	}
	if ((ofd = open_old(&t, rel, o, &was, e)) < 0)
		goto out;
	fd = new_file(&t, buf, len, ofd, &was, o->clear, tmp, &tmpnamed, rel, e);
	if (fd < 0)
		goto out;
	if (!tmpnamed && link_temp(&t, fd, tmp, 1) != 0) {
		fsw_fail(e, "%s: not written: cannot name the temp file: %s", rel, strerror(errno));
		goto out;
	}
	/* the last look before the swap, which looks again after it */
	if ((leased = take_lease(ofd, &sigio)) < 0) {
		fsw_fail(e, "%s: not written: another process has it open for writing", rel);
	} else if (!named(&t, t.name, &was) || !same_as_read(ofd, o, &was, 1, &now)) {
		fsw_fail(e, "%s: not written: it changed since it was read", rel);
	/* the bits the fix clears (FS002) go before the old file becomes the backup */
	} else if ((was.st_mode & o->clear) && fchmod(ofd, was.st_mode & 07777 & ~o->clear) != 0) {
		fsw_fail(e, "%s: not written: cannot clear the mode bits %04o of the old file: %s", rel,
		    (unsigned)o->clear, strerror(errno));
	} else if (bksuffix == NULL || link_backup(&t, &was, bksuffix, &bk, rel, e) == 0) {
		r = install(&t, tmp, ofd, &was, o, &bk, leased, rel, e);
		drop_lease(ofd, leased, &sigio);
		goto out;
	}
	drop_lease(ofd, leased, &sigio);
	unlinkat(t.dirfd, tmp, 0);
out:
	if (fd >= 0)
		close(fd);
	if (ofd >= 0)
		close(ofd);
	if (backup_made != NULL && bk != NULL)
		*backup_made = strcmp(t.dir, ".") == 0 ? xstrdup(bk) : xasprintf("%s/%s", t.dir, bk);
	free(bk);
	free(tmp);
	fsw_target_free(&t);
	return r;
}

int
fsw_chmod_clear(int rootfd, const char *rel, mode_t clear, struct fsw_err *e)
{
	struct target t;
	struct stat st;
	int fd, r = 0;

	e->msg[0] = '\0';
	if (fsw_resolve(rootfd, rel, 1, &t, e) != 0)
		return -1;
	fd = openat(t.dirfd, t.name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_ino != t.st.st_ino)
		r = fsw_fail(e, "%s: mode not changed: %s", rel, strerror(errno));
	/* the mode is the inode's: another name of it (maybe outside the root) would change */
	else if (st.st_nlink > 1)
		r = fsw_fail(e, "%s: mode not changed: it has %lu hard links, and its mode is theirs too",
		    rel, (unsigned long)st.st_nlink);
	else if (fchmod(fd, st.st_mode & 07777 & ~clear) != 0 || fsync(fd) != 0)
		r = fsw_fail(e, "%s: mode not changed: %s", rel, strerror(errno));
	if (fd >= 0)
		close(fd);
	fsw_target_free(&t);
	return r;
}

int
fsw_lock(int dirfd, int timeout_ms, struct fsw_err *e)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), waited = 0;

	e->msg[0] = '\0';
	if (fd < 0)
		return fsw_fail(e, "cannot open the root to lock it: %s", strerror(errno));
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= timeout_ms) {
			if (errno == EWOULDBLOCK)
				fsw_fail(e, "another --fix run holds the lock on the root; gave up after %d ms",
				    timeout_ms);
			else
				fsw_fail(e, "cannot lock the root: %s", strerror(errno));
			close(fd);
			return -1;
		}
		nanosleep(&pause, NULL);
		waited += 20;
	}
	return fd;
}
