/* hostfs over a directory on disk: every path below the root is resolved inside it
 * (openat2 RESOLVE_IN_ROOT; where the kernel lacks openat2, plain openat: see README,
 * "Where it runs"). */
#include "hostfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsread.h"
#include "util.h"

static int
open_rel(int rootfd, const char *rel, int flags)
{
	int fd = open_in_root(rootfd, rel, flags);

	if (fd == -2)
		fd = openat(rootfd, rel, flags);
	return fd;
}

static void
disk_read(struct hostfs *fs, const char *rel, size_t limit, struct fsread *out)
{
	fsread(fs->rootfd, rel, limit, out);
}

/* the directory holding rel's last component, opened inside the root, and that name */
static int
open_parent(int rootfd, const char *rel, const char **base)
{
	const char *slash = strrchr(rel, '/');
	char *dir;
	int fd;

	if (slash == NULL) {
		*base = rel;
		return dup(rootfd);
	}
	*base = slash + 1;
	dir = xstrndup(rel, (size_t)(slash - rel));
	fd = open_rel(rootfd, dir[0] != '\0' ? dir : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return fd;
}

static int
disk_stat(struct hostfs *fs, const char *rel, bool follow, struct stat *st)
{
	const char *base;
	int fd, r, e;

	if (follow) {
		if ((fd = open_rel(fs->rootfd, rel, O_PATH | O_CLOEXEC)) < 0)
			return -1;
		r = fstat(fd, st);
	} else {
		if ((fd = open_parent(fs->rootfd, rel, &base)) < 0)
			return -1;
		r = fstatat(fd, base[0] != '\0' ? base : ".", st, AT_SYMLINK_NOFOLLOW);
	}
	e = errno;
	close(fd);
	errno = e;
	return r;
}

static ssize_t
disk_readlink(struct hostfs *fs, const char *rel, char *buf, size_t cap)
{
	const char *base;
	ssize_t n;
	int fd, e;

	if (cap == 0 || (fd = open_parent(fs->rootfd, rel, &base)) < 0)
		return -1;
	n = readlinkat(fd, base, buf, cap - 1);
	e = errno;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	errno = e;
	return n;
}

static int
disk_list(struct hostfs *fs, const char *rel, char ***names, size_t *n)
{
	int fd = open_rel(fs->rootfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t cap = 0;
	struct dirent *de;
	DIR *d;

	*names = NULL;
	*n = 0;
	if (fd < 0)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			*VEC_PUSH(*names, *n, cap) = xstrdup(de->d_name);
	closedir(d);
	return 0;
}

static void
disk_free(struct hostfs *fs)
{
	close(fs->rootfd);
	free(fs);
}

static const struct hostfs_ops disk_ops = {
	disk_read, disk_stat, disk_readlink, disk_list, disk_free
};

struct hostfs *
hostfs_disk(int rootfd)
{
	struct hostfs *fs = xmalloc(sizeof(*fs));

	memset(fs, 0, sizeof(*fs));
	fs->ops = &disk_ops;
	fs->rootfd = rootfd;
	return fs;
}

void
hostfs_names_free(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

void
hostfs_free(struct hostfs *fs)
{
	if (fs != NULL)
		fs->ops->free(fs);
}
