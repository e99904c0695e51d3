#include "fsread.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

static int
read_all(int fd, size_t limit, struct fsread *out)
{
	size_t cap = out->st.st_size > 0 && (size_t)out->st.st_size <= limit ?
	    (size_t)out->st.st_size + 1 : 4096;
	size_t len = 0;
	char *buf = xmalloc(cap + 1);

	for (;;) {
		ssize_t n;

		if (len == cap) {
			if (len > limit)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			out->status = FSR_ERROR;
			out->err = errno;
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > limit)
			break;
	}
	if (len > limit) {
		out->status = FSR_TOO_LARGE;
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	out->buf = buf;
	out->len = len;
	return 0;
}

int
open_in_root(int rootfd, const char *path, int flags)
{
	struct open_how how;
	long fd;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)flags;
	/* symlinks and ".." resolve inside the root: an absolute link means ROOT/target */
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS)
		return -2;
	return (int)fd;
}

void
fsread(int dirfd, const char *path, size_t limit, struct fsread *out)
{
	int fd;

	memset(out, 0, sizeof(*out));
	out->limit = limit;
	if (dirfd < 0 && strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		if (fstat(fd, &out->st) != 0) {
			out->status = FSR_ERROR;
			out->err = errno;
			return;
		}
		read_all(fd, limit, out);
		return;
	}
	if (dirfd >= 0)
		fd = open_in_root(dirfd, path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	else
		fd = -2;
	if (fd == -2)
		fd = openat(dirfd < 0 ? AT_FDCWD : dirfd, path,
		    O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		out->err = errno;
		out->status = errno == ENOENT || errno == ENOTDIR ? FSR_MISSING : FSR_ERROR;
		return;
	}
	if (fstat(fd, &out->st) != 0) {
		out->status = FSR_ERROR;
		out->err = errno;
	} else if (!S_ISREG(out->st.st_mode)) {
		out->status = FSR_NOT_REGULAR;
	} else if ((unsigned long long)out->st.st_size > limit) {
		out->status = FSR_TOO_LARGE;
	} else {
		/* a regular file: clear O_NONBLOCK so reads behave plainly */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		read_all(fd, limit, out);
	}
	close(fd);
}

void
fsread_dangling(int dirfd, const char *path, struct fsread *r)
{
	struct stat lst;

	/* only for the message: "no such file" would send the user looking for a file that
	 * is there, as a link */
	r->dangling = r->status == FSR_MISSING && r->err == ENOENT &&
	    fstatat(dirfd < 0 ? AT_FDCWD : dirfd, path, &lst, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(lst.st_mode);
}

const char *
fsread_reason(const struct fsread *r, char *buf, size_t cap)
{
	if (r->why != NULL)
		return r->why;
	switch (r->status) {
	case FSR_MISSING:
		if (r->dangling)
			return "is a symbolic link to a file that does not exist";
		if (r->err == ENOTDIR)
			return "does not exist (a directory in its path is a file)";
		return "does not exist";
	case FSR_NOT_REGULAR:
		if (S_ISDIR(r->st.st_mode))
			return "is a directory, not a file";
		if (S_ISFIFO(r->st.st_mode))
			return "is a FIFO, not a regular file";
		if (S_ISCHR(r->st.st_mode) || S_ISBLK(r->st.st_mode))
			return "is a device, not a regular file";
		return "is not a regular file";
	case FSR_TOO_LARGE:
		/* a pipe's size is unknown: reading stopped at the limit */
		if (S_ISREG(r->st.st_mode) && (unsigned long long)r->st.st_size > r->limit)
			snprintf(buf, cap, "is %llu bytes, over the size limit of %zu bytes "
			    "(--max-file-size): not read", (unsigned long long)r->st.st_size, r->limit);
		else
			snprintf(buf, cap, "is over the size limit of %zu bytes (--max-file-size): "
			    "not read", r->limit);
		return buf;
	case FSR_ERROR:
		snprintf(buf, cap, "cannot be read: %s", strerror(r->err));
		return buf;
	default:
		return "ok";
	}
}
