/* lint: runs the pipeline for one root (or one lone file): read, parse, check, rules.
 * A host owns one arena; everything it found is freed by host_free. */
#ifndef LINT_H
#define LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "ntpconf.h"
#include "ntpver.h"

#define DEFAULT_MAX_FILE_SIZE (16u * 1024 * 1024)
/* ntpd's MAXINCLUDELEVEL */
#define MAX_INCLUDE_DEPTH 5
/* included files read for one host, in all: a file included many times at each of the
 * five levels would otherwise be parsed a number of times exponential in the depth */
#define MAX_INCLUDES 64

/* a file's text given in memory instead of read from disk: the fix engine re-lints
 * a host with its fixed texts before it writes anything */
struct lint_text {
	const char *path;		/* as the pipeline names it: "etc/ntp.conf", or the lone path */
	const char *buf;
	size_t len;
};

/* addresses for host names, for the fixes that add /etc/hosts entries */
struct addr_book;
/* --probe: how to ask the live host (probe.h) */
struct probe_opts;
struct probe_result;

struct hostfs;

struct lint_opts {
	const struct lint_text *texts;	/* read these instead of the disk, or NULL */
	size_t ntexts;
	/* read the root through this, not the PATH again (the fix engine's re-lints share the
	 * first lint's, so an archive is read once), or NULL */
	struct hostfs *fs;
	struct addr_book *addrs;	/* --address / --resolve, or NULL */
	int ntp_version;		/* enum ntp_version, or -1: from the ESX version */
	const char *esx_version;	/* --esx-version, or NULL */
	size_t max_file_size;
	const struct probe_opts *probe;	/* --probe, or NULL; a lint of texts in memory never probes */
	bool no_pin_pool;		/* --no-pin-pool: pool names stay out of /etc/hosts */
};

/* one parsed ntp.conf (the main file or an included one) */
struct conf_file {
	struct ntpconf *tree;
	struct source *src;
	int depth;			/* include depth: 0 for the main file */
};

struct host {
	struct arena arena;
	/* one rule's indexes: freed after each rule, so their peaks do not add up */
	struct arena scratch;
	size_t scratch_peak;		/* the most one rule's indexes took (arena_used) */
	const char *root;		/* the root as given, or NULL for a lone file */
	const char *lone;		/* the lone file's path as given, or NULL */
	struct hostfs *fs;		/* the root's files (src/hostfs.h), NULL for a lone file */
	bool own_fs;			/* fs is freed with the host */
	int rootfd;			/* a directory root, open; -1 for an archive or a lone file */
	enum ntp_version target;
	const char *esx_version;	/* "3", "3.0.1", "4.0" ... or NULL when unknown */
	struct conf_file *confs;	/* confs[0] is the main ntp.conf when it was read */
	size_t nconfs, capconfs;
	bool includes_capped;		/* MAX_INCLUDES was reached and reported */
	/* directories of the root found missing (hostread.c): nothing below them is looked
	 * for on disk */
	const char **absent;
	size_t nabsent;
	struct diags diags;
	struct model model;
	const struct lint_opts *opts;	/* valid while the host is linted */
	struct probe_result *probe;	/* what --probe found, or NULL */
};

/* what a PATH is: a file (or "-", a FIFO, a device ...: FS001 says why it is not read), a
 * host root (a directory holding etc/), or a directory of hosts (no etc/ of its own, and
 * at least one directory in it holds etc/) */
enum path_kind { PATH_FILE, PATH_ROOT, PATH_FLEET };
/* what path is (enum path_kind), or -1 with a one-line hint in msg: the path does not
 * exist, a directory on its way is a file, or a directory with no etc/ that holds no host
 * root (one that looks like a copied /etc, because it holds ntp.conf or hosts itself,
 * says so) */
int lint_path_check(const char *path, char *msg, size_t cap);
/* dirfd's entry name is a host root: a directory holding etc/ (followed inside it when
 * etc/ is a symbolic link), or a regular file named as a tar archive; one fstatat() in the
 * common case */
bool lint_child_is_root(int dirfd, const char *name);
/* lints root (a directory, or a tar archive: hostfs_is_archive) or a lone ntp.conf (a file
 * path, or "-" for standard input) */
void host_lint(struct host *h, const char *path, bool is_root, const struct lint_opts *o);
void host_free(struct host *h);

#endif
