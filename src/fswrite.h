/* fswrite: the only code that changes files. Each file is replaced atomically (a temp file
 * in its directory, fsync, rename, fsync of the directory) after checking that it did not
 * change since it was read; nothing is written outside the root or through a symlink that
 * leaves it, and a file with several hard links is refused. */
#ifndef FSWRITE_H
#define FSWRITE_H

#include <stddef.h>
#include <sys/stat.h>

/* why a write was refused or failed, for the report */
struct fsw_err {
	char msg[512];
};

/* what a file looked like when it was read: the writer replaces it only if it still does */
struct fsw_orig {
	const char *buf;	/* NULL: the file did not exist (it is created 0644 root:root) */
	size_t len;
	const struct stat *st;	/* NULL: do not compare size, mtime and inode */
};

/* the name of the temp file for name (its directory's ".NAME.esxntp-lint.tmp") */
#define FSW_TMP_SUFFIX ".esxntp-lint.tmp"

/* takes the advisory lock of the directory dirfd (flock), waiting up to timeout_ms;
 * returns a descriptor to close to release it, or -1 with e set */
int fsw_lock(int dirfd, int timeout_ms, struct fsw_err *e);
/* replaces rel (below rootfd) by buf[0..len) if it still is o; backup: a suffix (".bk") for
 * a copy of the old bytes, never overwriting one (".bk.1", ".bk.2" ... are tried), or NULL;
 * *backup_made (if not NULL) gets the backup's path below the root (heap) or NULL.
 * 0 on success, -1 with e set (the file is then untouched) */
int fsw_replace(int rootfd, const char *rel, const char *buf, size_t len,
    const struct fsw_orig *o, const char *backup, char **backup_made, struct fsw_err *e);
/* clears the mode bits clear of rel (not following a final symlink) */
/* removes the temp file a killed run may have left beside rel (before its rename, or
 * after the exchange, holding the old text); the caller holds the root's lock */
void fsw_remove_stale(int rootfd, const char *rel);
int fsw_chmod_clear(int rootfd, const char *rel, mode_t clear, struct fsw_err *e);
/* makes rel a symlink to target (atomically, by rename), then removes replaces (a symlink
 * or nothing) when it is not NULL */
int fsw_symlink(int rootfd, const char *rel, const char *target, const char *replaces,
    struct fsw_err *e);
/* makes the directory rel (its parent must exist), 0755 root:root like the ntp package's
 * /etc/ntp, inside the root; a directory already there is left as it is */
int fsw_mkdir(int rootfd, const char *rel, struct fsw_err *e);
/* removes the directory rel if it is empty: undoes fsw_mkdir when the file it was made
 * for could not be written */
void fsw_rmdir_empty(int rootfd, const char *rel);

#endif
