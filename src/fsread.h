/* fsread: reads a whole input file into memory, with a size limit and clear failures. */
#ifndef FSREAD_H
#define FSREAD_H

#include <stddef.h>
#include <sys/stat.h>

enum fsread_status {
	FSR_OK,
	FSR_MISSING,		/* ENOENT, or a dangling symlink */
	FSR_NOT_REGULAR,	/* a directory, FIFO, device or socket */
	FSR_TOO_LARGE,
	FSR_ERROR		/* any other errno (EACCES, ELOOP, EIO ...) */
};

struct fsread {
	enum fsread_status status;
	int err;		/* errno for FSR_ERROR / FSR_MISSING */
	char *buf;		/* heap, NUL-terminated, owned by the caller */
	size_t len;
	struct stat st;		/* of the file that was read */
	int dangling;		/* FSR_MISSING: the path is a symlink to nothing (set by
				 * fsread_dangling) */
	size_t limit;		/* the size limit it was read with */
	const char *why;	/* a reason of the reader's own, or NULL (an archive's: "its data
				 * was not kept ...") */
};

/* opens path below rootfd with every symlink and ".." kept inside the root;
 * -1 with errno on failure, -2 if the kernel lacks openat2() */
int open_in_root(int rootfd, const char *path, int flags);
/* reads path (below dirfd, kept inside it; or as given when dirfd < 0); a FIFO or device
 * is refused before it is read, so it cannot block; "-" with dirfd < 0 is standard input */
void fsread(int dirfd, const char *path, size_t limit, struct fsread *out);
/* FSR_MISSING: sets r->dangling when path is a symbolic link to nothing (a stat: asked
 * only when a message will say so) */
void fsread_dangling(int dirfd, const char *path, struct fsread *r);
/* a short phrase for a failure: "no such file", "is a directory", ... (r->why if set) */
const char *fsread_reason(const struct fsread *r, char *buf, size_t cap);

#endif
