/* fswrite_dirs: the directory a created file needs (etc/ntp for step-tickers), made inside
 * the root as the ntp package ships it, and removed again when the file is not written. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fswrite_int.h"

int
fsw_mkdir(int rootfd, const char *rel, struct fsw_err *e)
{
	struct target t;
	struct stat st;
	const char *what = "make it";
	int fd = -1, err;

	e->msg[0] = '\0';
	if (fsw_resolve(rootfd, rel, 0, &t, e) != 0)
		return -1;
	if (fstatat(t.dirfd, t.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
		fsw_target_free(&t);
		return 0;
	}
	/* made private first: no one sees it before it has its owner and mode */
	if (mkdirat(t.dirfd, t.name, 0700) == 0 &&
	    (what = "open it", fd = openat(t.dirfd, t.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) >= 0 && (what = "make it root's", fchown(fd, 0, 0)) == 0 &&
	    (what = "set its mode", fchmod(fd, 0755)) == 0 && (what = "fsync it", fsync(fd)) == 0 &&
	    (what = "fsync its directory", fsync(t.dirfd)) == 0) {
		close(fd);
		fsw_target_free(&t);
		return 0;
	}
	err = errno;
	if (fd >= 0)
		close(fd);
	if (strcmp(what, "make it") != 0)
		unlinkat(t.dirfd, t.name, AT_REMOVEDIR);
	fsw_target_free(&t);
	return fsw_fail(e, "%s: directory not made: cannot %s: %s", rel, what, strerror(err));
}

void
fsw_rmdir_empty(int rootfd, const char *rel)
{
	struct target t;
	struct fsw_err e;

	e.msg[0] = '\0';
	if (fsw_resolve(rootfd, rel, 0, &t, &e) != 0)
		return;
	if (unlinkat(t.dirfd, t.name, AT_REMOVEDIR) == 0)
		fsync(t.dirfd);
	fsw_target_free(&t);
}
