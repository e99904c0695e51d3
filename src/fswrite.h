/* fswrite: the only code that changes files. Each file is replaced atomically (a temp file
 * in its directory, fsync, an exchange with the file, fsync of the directory) after
 * checking that it did not change since it was read, and checked again after the swap;
 * nothing is written outside the root or through a symlink that leaves it, and a file
 * with several hard links is neither replaced nor has its mode changed. */
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
	mode_t clear;		/* mode bits the new file does not keep (FS002: S_IWOTH) */
};

/* the name of the temp file for name (its directory's ".NAME.esxntp-lint.tmp") */
#define FSW_TMP_SUFFIX ".esxntp-lint.tmp"
/* the backup suffix --backup does not change */
#define FSW_DEFAULT_BACKUP ".bk"

/* takes the advisory lock of the directory dirfd (flock), waiting up to timeout_ms;
 * returns a descriptor to close to release it, or -1 with e set */
int fsw_lock(int dirfd, int timeout_ms, struct fsw_err *e);
/* replaces rel (below rootfd) by buf[0..len) if it still is o. The new file gets the old
 * one's owner, group, extended attributes (its ACL) and mode less o->clear. backup: a
 * suffix (".bk"): the old file itself is kept under NAME.bk, or the first free NAME.bk.N
 * (a hard link made right before the swap; never writable by others), or NULL.
 * *backup_made (if not NULL) gets the backup's path below the root (heap) or NULL.
 * 0: written; 1: written, but e says what went wrong after (a temp file not removed, the
 * directory not synced); -1: not written, e says why (the file is untouched, no backup) */
int fsw_replace(int rootfd, const char *rel, const char *buf, size_t len,
    const struct fsw_orig *o, const char *backup, char **backup_made, struct fsw_err *e);
/* removes what a killed run may have left beside rel: the temp file (before its swap, the
 * new text; after it, the old), and, killed between the backup link and the swap, that
 * link (NAME<backup>[.N] or NAME.bk[.N], a second name of the file); the caller holds the
 * root's lock */
void fsw_remove_stale(int rootfd, const char *rel, const char *backup);
/* clears the mode bits clear of rel (following a final symlink inside the root); a file
 * with several hard links is refused */
int fsw_chmod_clear(int rootfd, const char *rel, mode_t clear, struct fsw_err *e);
/* makes the directory rel (its parent must exist), 0755 root:root like the ntp package's
 * /etc/ntp, inside the root; a directory already there is left as it is */
int fsw_mkdir(int rootfd, const char *rel, struct fsw_err *e);
/* removes the directory rel if it is empty: undoes fsw_mkdir when the file it was made
 * for could not be written */
void fsw_rmdir_empty(int rootfd, const char *rel);

/* one symlink of a change of several (fsw_links) */
struct fsw_link {
	const char *path;	/* the link to make, below the root */
	const char *target;	/* its text */
	const char *replaces;	/* a symlink in the same directory it replaces, or NULL */
	struct fsw_err err;	/* why it was not made; "" when it was */
};

/* makes the links of v[0..n) as one change (the rc links of SVC010) that a kill cannot
 * leave half-made unseen. All are checked first (each directory as read: the link to make
 * absent, the one it replaces a symlink), then a temp link .NAME.esxntp-lint.tmp is made
 * beside each, then, one by one, the replaced link is removed and the temp renamed into
 * place. A failure before the first rename removes the temps: nothing changed. After it,
 * a temp left behind is the rest of the change: the reader sees it (SVC010 reports it) and
 * the next run finishes it. 0 when every link was made, else -1 */
int fsw_links(int rootfd, struct fsw_link *v, size_t n);

#endif
