/* hostfs over a tar archive: paths are looked up in the index (src/archive_index.c) below
 * the host root chosen in it, symlinks resolved there as openat2 RESOLVE_IN_ROOT resolves
 * them on disk: an absolute target starts at the host root, '..' stops at it, and at most
 * 40 links are followed. Nothing outside the host root is ever reached. */
#include "hostfs.h"

#include <archive.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_index.h"
#include "fsread.h"
#include "util.h"

/* the kernel's limit (MAXSYMLINKS) */
#define MAX_LINKS 40

struct arcfs {
	struct hostfs fs;
	struct arc_index ix;
	const char *prefix;	/* ix.info.prefix */
	size_t plen;
};

/* the root itself, when the prefix is "" or the archive had no member for it */
static const struct arc_node root_node = { "", S_IFDIR | 0755, 0, 0, 0, 0, NULL, NULL, NULL, false };

/* rel resolved inside the host root: its node (*path: its path below the root, in the
 * arena), or NULL with errno (ENOENT, ENOTDIR, ELOOP). follow: a symlink as the last component is followed too */
static const struct arc_node *
resolve(struct arcfs *a, const char *rel, bool follow, const char **path)
{
	size_t cap = strlen(rel) + 1, n = 0, links = 0;
	char *cur = xmalloc(cap), *rest = xstrdup(rel), *p = rest;
	const struct arc_node *nd = &root_node;
	char *full = NULL;

	cur[0] = '\0';
	for (;;) {
		char *e;
		size_t k;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		k = e != NULL ? (size_t)(e - p) : strlen(p);
		if (k == 1 && p[0] == '.') {
			p += k;
			continue;
		}
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			/* the root's parent is the root */
			while (n > 0 && cur[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			cur[n] = '\0';
			p += k;
			nd = NULL;	/* looked up again below, if it is the last */
			continue;
		}
		/* cur + "/" + component */
		if (n + k + 2 > cap) {
			cap = (n + k + 2) * 2;
			cur = xrealloc(cur, cap);
		}
		if (n > 0)
			cur[n] = '/';
		memcpy(cur + n + (n > 0), p, k);
		cur[n + (n > 0) + k] = '\0';
		p += k;
		free(full);
		full = xasprintf("%s%s", a->prefix, cur);
		nd = arc_lookup(&a->ix, full, strlen(full));
		if (nd == NULL) {
			errno = ENOENT;
			goto fail;
		}
		while (*p == '/')
			p++;
		if (S_ISLNK(nd->mode) && (*p != '\0' || follow)) {
			char *next;

			if (++links > MAX_LINKS) {
				errno = ELOOP;
				goto fail;
			}
			/* an absolute target starts again at the host root */
			if (nd->link[0] == '/') {
				n = 0;
				cur[0] = '\0';
			}
			cur[n] = '\0';
			next = xasprintf("%s/%s", nd->link, p);
			free(rest);
			rest = p = next;
			nd = NULL;
			continue;
		}
		if (*p != '\0' && !S_ISDIR(nd->mode)) {
			errno = ENOTDIR;
			goto fail;
		}
		n += (n > 0) + k;
	}
	if (nd == NULL) {
		/* after a '..' or a link: where cur now is */
		free(full);
		full = xasprintf("%s%s", a->prefix, cur);
		nd = n == 0 ? arc_lookup(&a->ix, a->ix.info.prefix, a->plen > 0 ? a->plen - 1 : 0) :
		    arc_lookup(&a->ix, full, strlen(full));
		if (nd == NULL && n == 0)
			nd = &root_node;
		if (nd == NULL) {
			errno = ENOENT;
			goto fail;
		}
	}
	*path = arena_strdup(&a->ix.arena, cur);
	free(full);
	free(cur);
	free(rest);
	return nd;
fail:
	free(full);
	free(cur);
	free(rest);
	return NULL;
}

static void
fill_stat(const struct arc_node *nd, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = nd->mode;
	st->st_uid = nd->uid;
	st->st_gid = nd->gid;
	st->st_size = (off_t)nd->size;
	st->st_mtime = (time_t)nd->mtime;
	st->st_nlink = nd->data != NULL && nd->data->nlink > 1 ? nd->data->nlink : 1;
	/* a node's own number: the readers tell two paths to one directory apart by it */
	st->st_dev = 0xa5c1;
	st->st_ino = (ino_t)((uintptr_t)nd / sizeof(*nd));
}

static void
arc_read(struct hostfs *fs, const char *rel, size_t limit, struct fsread *out)
{
	struct arcfs *a = (struct arcfs *)fs;
	const struct arc_node *nd;
	const char *path;

	memset(out, 0, sizeof(*out));
	out->limit = limit;
	nd = resolve(a, rel, true, &path);
	if (nd == NULL) {
		out->err = errno;
		out->status = errno == ENOENT || errno == ENOTDIR ? FSR_MISSING : FSR_ERROR;
		if (errno == ENOENT) {
			const struct arc_node *l = resolve(a, rel, false, &path);

			out->dangling = l != NULL && S_ISLNK(l->mode);
		}
		return;
	}
	fill_stat(nd, &out->st);
	if (!S_ISREG(nd->mode)) {
		out->status = FSR_NOT_REGULAR;
	} else if ((uint64_t)nd->size > limit) {
		out->status = FSR_TOO_LARGE;
	} else if (nd->data == NULL) {
		out->status = FSR_ERROR;
		out->err = EIO;
		out->why = nd->nodata != NULL && nd->nodata[0] != '\0' ? nd->nodata :
		    "was not kept from the archive";
	} else if (nd->data->len > limit) {
		out->status = FSR_TOO_LARGE;
	} else {
		out->buf = xmalloc(nd->data->len + 1);
		memcpy(out->buf, nd->data->buf, nd->data->len + 1);
		out->len = nd->data->len;
	}
}

static int
arc_stat(struct hostfs *fs, const char *rel, bool follow, struct stat *st)
{
	const char *path;
	const struct arc_node *nd = resolve((struct arcfs *)fs, rel, follow, &path);

	if (nd == NULL)
		return -1;
	fill_stat(nd, st);
	return 0;
}

static ssize_t
arc_readlink(struct hostfs *fs, const char *rel, char *buf, size_t cap)
{
	const char *path;
	const struct arc_node *nd = resolve((struct arcfs *)fs, rel, false, &path);
	size_t n;

	if (nd == NULL)
		return -1;
	if (!S_ISLNK(nd->mode) || cap == 0) {
		errno = EINVAL;
		return -1;
	}
	n = strlen(nd->link);
	if (n > cap - 1)
		n = cap - 1;
	memcpy(buf, nd->link, n);
	buf[n] = '\0';
	return (ssize_t)n;
}

static int
arc_list(struct hostfs *fs, const char *rel, char ***names, size_t *n)
{
	struct arcfs *a = (struct arcfs *)fs;
	const char *path;
	const struct arc_node *nd = resolve(a, rel, true, &path);
	char *dir;
	size_t dlen, i, cap = 0;

	*names = NULL;
	*n = 0;
	if (nd == NULL)
		return -1;
	if (!S_ISDIR(nd->mode)) {
		errno = ENOTDIR;
		return -1;
	}
	dir = xasprintf("%s%s%s", a->prefix, path, path[0] != '\0' ? "/" : "");
	dlen = strlen(dir);
	/* the index is small (etc/ and var/lib/ntp): a scan is cheaper than a tree */
	for (i = 0; i < a->ix.n; i++) {
		const char *p = a->ix.nodes[i].path;

		if (strncmp(p, dir, dlen) == 0 && p[dlen] != '\0' && strchr(p + dlen, '/') == NULL)
			*VEC_PUSH(*names, *n, cap) = xstrdup(p + dlen);
	}
	free(dir);
	return 0;
}

static void
arc_free(struct hostfs *fs)
{
	struct arcfs *a = (struct arcfs *)fs;

	arc_index_free(&a->ix);
	free(a);
}

static const struct hostfs_ops arc_ops = { arc_read, arc_stat, arc_readlink, arc_list, arc_free };

struct hostfs *
hostfs_archive(const char *path, const void *buf, size_t len, size_t limit, const char **err)
{
	struct arcfs *a;
	struct stat st;
	int fd = -1;

	*err = NULL;
	if (buf == NULL) {
		/* O_NONBLOCK: a FIFO put in its place is refused, never waited on */
		fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			*err = strerror(errno);
			return NULL;
		}
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			*err = "not a regular file";
			close(fd);
			return NULL;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	}
	a = xmalloc(sizeof(*a));
	memset(a, 0, sizeof(*a));
	arc_index_build(&a->ix, fd, buf, len, limit);
	if (fd >= 0)
		close(fd);
	a->fs.ops = &arc_ops;
	a->fs.rootfd = -1;
	a->fs.archive = &a->ix.info;
	a->prefix = a->ix.info.prefix;
	a->plen = strlen(a->prefix);
	return &a->fs;
}

const struct arc_index *
hostfs_archive_index(const struct hostfs *fs)
{
	return fs->ops == &arc_ops ? &((const struct arcfs *)(const void *)fs)->ix : NULL;
}

/* vm-support 1.30.x snarf_system_state(): its addtar list takes /etc/hosts, /etc/ntp.conf,
 * /etc/vmware/ and /etc/rc.d/init.d/vmware*, not these (it runs 'chkconfig --list' instead
 * of copying the rc links) */
static const char *const vmsupport_gaps[] = { "etc/ntp", "var/lib/ntp", "etc/rc.d/init.d/ntpd",
    "etc/init.d/ntpd", NULL };

bool
hostfs_uncollected(struct hostfs *fs, const char *rel)
{
	struct stat st;
	size_t i, n;

	if (fs == NULL || fs->archive == NULL || fs->archive->vmsupport != VMS_CLASSIC)
		return false;
	while (*rel == '/')
		rel++;
	for (i = 0; vmsupport_gaps[i] != NULL; i++) {
		n = strlen(vmsupport_gaps[i]);
		if (strncmp(rel, vmsupport_gaps[i], n) == 0 && (rel[n] == '/' || rel[n] == '\0'))
			return fs->ops->stat(fs, rel, false, &st) != 0;
	}
	return false;
}

bool
hostfs_vms_chkconfig_name(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 15 || strncmp(name, "chkconfig.", 10) != 0 || strcmp(name + n - 4, ".txt") != 0)
		return false;
	for (i = 10; i < n - 4; i++)
		if (name[i] < '0' || name[i] > '9')
			return false;
	return true;
}

bool
hostfs_tar_name(const char *path)
{
	static const char *const ext[] = { ".tar", ".tgz", ".tar.gz", ".tbz2", ".tar.bz2",
	    ".txz", ".tar.xz" };
	size_t n = strlen(path), i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (n > strlen(ext[i]) && strcmp(path + n - strlen(ext[i]), ext[i]) == 0)
			return true;
	return false;
}

bool
hostfs_is_archive(const char *path)
{
	static const unsigned char gz[] = { 0x1f, 0x8b }, bz[] = { 'B', 'Z', 'h' },
	    xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	unsigned char head[8];
	struct archive *a;
	struct archive_entry *e;
	struct stat st;
	ssize_t n;
	bool yes = false;
	int fd;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	if (hostfs_tar_name(path))
		return true;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	n = read(fd, head, sizeof(head));
	if ((n >= 2 && memcmp(head, gz, 2) == 0) || (n >= 3 && memcmp(head, bz, 3) == 0) ||
	    (n >= 6 && memcmp(head, xz, 6) == 0)) {
		close(fd);
		return true;
	}
	/* an uncompressed tar: libarchive's tar reader takes its first header */
	if (n > 0 && lseek(fd, 0, SEEK_SET) == 0 && (a = archive_read_new()) != NULL) {
		archive_read_support_format_tar(a);
		if (archive_read_open_fd(a, fd, 10240) == ARCHIVE_OK)
			yes = archive_read_next_header(a, &e) >= ARCHIVE_WARN;
		archive_read_free(a);
	}
	close(fd);
	return yes;
}
