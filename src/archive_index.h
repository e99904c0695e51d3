/* archive_index: a tar archive (a vm-support bundle, or any tar of a host's files) read
 * once, front to back as libarchive reads it, into an index of its paths (each member's
 * type, mode, owner, size, link target) and of the file data a host's reading can need:
 * that of the regular files under etc/ and var/lib/ntp of every candidate host root (the
 * archive's top, or a directory up to ARC_MAX_PREFIX levels down), and, below a root named
 * vm-support-HOST-DATE.PID, of tmp/working_dir.txt and the chkconfig.PID.txt files (ESX
 * 3.x/4.x vm-support's 'chkconfig --list' record), up to the size limit. Every other
 * member's data is skipped unread; nothing is extracted to disk. */
#ifndef ARCHIVE_INDEX_H
#define ARCHIVE_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arena.h"
#include "hostfs.h"

/* how deep the host root may lie in the archive: "esx-host-date/" is 1 */
#define ARC_MAX_PREFIX 3
/* members indexed at most; a larger archive is read up to there, saying so */
#define ARC_MAX_NODES 200000
/* data kept for the files other than the ones the linter reads by name (includes, link
 * targets, chkconfig records), in all: a hostile archive of many such files cannot fill
 * the memory */
#define ARC_OTHER_BUDGET (64u * 1024 * 1024)

/* a file's bytes, shared by the names hard-linked to it */
struct arc_blob {
	char *buf;		/* heap */
	size_t len;
	unsigned nlink;		/* the names in the index that hold it */
};

/* one path of the archive: a member, or a directory that deeper members imply */
struct arc_node {
	const char *path;	/* normalized, from the archive's top: "esx-h/etc/ntp.conf" */
	mode_t mode;		/* type and permission bits; S_IFDIR | 0755 when implied */
	uid_t uid;
	gid_t gid;
	int64_t size;		/* as the header says */
	int64_t mtime;
	const char *link;	/* a symlink's target, as written, or NULL */
	struct arc_blob *data;	/* a regular file's kept data, or NULL */
	const char *nodata;	/* why a regular file's data was not kept */
	bool member;		/* false: implied by deeper members */
};

struct arc_index {
	struct arena arena;		/* nodes, paths, link targets */
	struct arc_node *nodes;		/* heap */
	size_t n, cap;
	uint32_t *slots;		/* path -> node index + 1 (0: empty); heap */
	size_t nslots;
	struct arc_blob **blobs;	/* every blob, for freeing; heap */
	size_t nblobs, capblobs;
	size_t other_kept;		/* bytes kept under ARC_OTHER_BUDGET */
	size_t limit;			/* --max-file-size */
	struct hostfs_archive_info info;
};

/* reads the archive from fd (when buf is NULL) or from buf[0..len); a read that fails
 * part-way keeps what came before it and sets info.error. 0, or -1 with info.error set
 * when the archive cannot be opened at all */
int arc_index_build(struct arc_index *ix, int fd, const void *buf, size_t len, size_t limit);
/* the node for a normalized path, or NULL */
struct arc_node *arc_lookup(const struct arc_index *ix, const char *path, size_t n);
void arc_index_free(struct arc_index *ix);
/* the index under an archive's hostfs (for tests and the fuzz target) */
const struct arc_index *hostfs_archive_index(const struct hostfs *fs);

/* name as a path from the archive's top: '/' runs, '.' and a leading '/' dropped, '..'
 * taking away the component before it and nothing at the top; *renamed when that changed
 * where the name points (a leading '/', a '..') */
char *arc_normalize(struct arena *a, const char *name, bool *renamed);
/* is rel (a normalized path below a host root) where file data is kept: etc/ and below,
 * var/lib/ntp and below (and the directories on the way) */
bool arc_in_area(const char *rel, size_t n);

#endif
