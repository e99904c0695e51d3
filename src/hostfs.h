/* hostfs: how a host root's files are reached, whatever holds them. Two kinds: a directory
 * on disk (every path resolved inside it with openat2 RESOLVE_IN_ROOT, src/fsread.c) and a
 * tar archive such as a vm-support bundle (src/hostfs_archive.c: read once into an index,
 * every path resolved inside the archive's host root). The readers (src/hostread.c,
 * src/model_ntp.c) ask only this, so both kinds give the same facts. */
#ifndef HOSTFS_H
#define HOSTFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

struct fsread;
struct hostfs;

struct hostfs_ops {
	/* reads rel (below the root) up to limit bytes: out->buf is heap, the caller's */
	void (*read)(struct hostfs *fs, const char *rel, size_t limit, struct fsread *out);
	/* stat (follow) or lstat (!follow) of rel: 0, or -1 with errno */
	int (*stat)(struct hostfs *fs, const char *rel, bool follow, struct stat *st);
	/* rel's symlink target (NUL-terminated, cut at cap - 1): its length, or -1 with errno */
	ssize_t (*readlink)(struct hostfs *fs, const char *rel, char *buf, size_t cap);
	/* the names in directory rel (not "." or ".."), in no order: *names is heap (each name
	 * too), freed by hostfs_names_free; 0, or -1 with errno */
	int (*list)(struct hostfs *fs, const char *rel, char ***names, size_t *n);
	void (*free)(struct hostfs *fs);
};

/* what reading an archive found, for the report (NULL for a directory) */
struct hostfs_archive_info {
	const char *prefix;	/* the host root inside the archive: "" or "esx-h-2010.../" */
	const char *why;	/* how the prefix was chosen, for the report */
	const char *others;	/* other host roots the archive holds, or NULL */
	size_t members;		/* members read */
	size_t renamed;		/* member names made relative (a leading '/', a '..') */
	const char *renamed_example;	/* the first of them, as written in the archive */
	size_t skipped;		/* indexed files whose data was not kept (size, budget) */
	const char *error;	/* the archive could not be read to its end: why, or NULL */
	/* made by vm-support: of ESX 3.x/4.x (the host root is vm-support-HOST-DATE.PID/),
	 * of ESXi (esx-HOST-DATE-PID/ holding action.log), or neither (docs/claims.md, "Archives") */
	enum { VMS_NONE, VMS_CLASSIC, VMS_ESXI } vmsupport;
};

struct hostfs {
	const struct hostfs_ops *ops;
	int rootfd;		/* a directory: the root, open; an archive: -1 */
	const struct hostfs_archive_info *archive;	/* an archive: what it held */
};

/* a directory on disk; takes rootfd (closed by hostfs_free) */
struct hostfs *hostfs_disk(int rootfd);

/* is path a tar archive to read as a host root: a regular file whose name ends in .tar,
 * .tgz, .tar.gz (.tbz2, .tar.bz2, .txz, .tar.xz), or whose first bytes are compressed
 * (gzip, bzip2, xz) or a tar header libarchive recognises. Never blocks on a FIFO. */
bool hostfs_is_archive(const char *path);
/* path's name ends as a tar archive's (.tar, .tgz, .tar.gz, .tbz2, .tar.bz2, .txz, .tar.xz) */
bool hostfs_tar_name(const char *path);
/* reads the archive at path (or buf[0..len) when buf != NULL) into an index of the members
 * under etc/ and var/lib/ntp of every candidate host root, keeping file data up to limit
 * bytes a file; chooses the host root (README, "Archives"). Returns NULL with *err set
 * when nothing can be read at all (the file cannot be opened); a damaged archive gives an
 * index of what was read before the damage and info->error. */
struct hostfs *hostfs_archive(const char *path, const void *buf, size_t len, size_t limit,
    const char **err);

/* rel is absent from fs because the capture does not collect it (fs a vm-support bundle
 * of ESX 3.x/4.x and rel at or below etc/ntp, var/lib/ntp or the ntpd init script,
 * docs/claims.md "Archives"): its absence says nothing of the host, and rel is not
 * checked */
bool hostfs_uncollected(struct hostfs *fs, const char *rel);

/* ESX 3.x/4.x vm-support's record of 'chkconfig --list' is chkconfig.PID.txt, in the
 * directory its tmp/working_dir.txt names (/tmp by default): is name such a file's */
bool hostfs_vms_chkconfig_name(const char *name);
#define VMS_WORKING_DIR_FILE "tmp/working_dir.txt"

void hostfs_names_free(char **names, size_t n);
void hostfs_free(struct hostfs *fs);

#endif
