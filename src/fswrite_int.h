/* fswrite_int: what the file writer (fswrite.c), the link writer (fswrite_links.c) and
 * the directory maker (fswrite_dirs.c)
 * share: a path below the root resolved to its real directory and name. */
#ifndef FSWRITE_INT_H
#define FSWRITE_INT_H

#include <sys/stat.h>

#include "fswrite.h"

/* where a path below the root really is: its directory (opened) and its name in it */
struct target {
	int dirfd;
	char *dir;		/* the directory below the root, "." for the root itself */
	char *name;
	int exists;
	struct stat st;		/* when exists */
};

/* sets e's message; returns -1 */
int fsw_fail(struct fsw_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* resolves rel (which may not exist yet) to its real directory and name below the root;
 * follow: a final symlink is followed (inside the root) to the file it names */
int fsw_resolve(int rootfd, const char *rel, int follow, struct target *t, struct fsw_err *e);
void fsw_target_free(struct target *t);
/* the last part of a path */
const char *fsw_base_of(const char *p);

#endif
