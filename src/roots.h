/* roots: the roots a run lints, in order. Each PATH is a host root, a lone file, or a
 * directory of hosts (a fleet), which gives each of its directories that holds etc/, in
 * byte order of their names, one level down only; then come the lines of --roots-from FILE
 * (one PATH a line, '#' comments and blank lines skipped). roots_open checks every one of
 * them before anything is linted; roots_next then hands them out one at a time. A run
 * keeps no descriptor and no memory per root: the one list held is the names of the
 * fleet being linted (for their order), and the roots file is read twice (standard input
 * through an unnamed temporary file). */
#ifndef ROOTS_H
#define ROOTS_H

#include <stdbool.h>
#include <stddef.h>

enum root_kind {
	ROOT_HOST,	/* a host root: lint it */
	ROOT_LONE,	/* a lone ntp.conf (or "-"): lint it */
	ROOT_FLEET,	/* a directory of hosts begins: its roots and skipped entries follow */
	ROOT_SKIPPED	/* an entry of a directory of hosts that is no host root */
};

struct root_item {
	enum root_kind kind;
	const char *path;	/* valid until the next roots_next */
	const char *why;	/* ROOT_SKIPPED: why it is not linted */
	size_t nhosts;		/* ROOT_FLEET: the host roots in it */
	size_t nskipped;	/* ROOT_FLEET: the entries skipped */
};

struct roots;

/* checks paths[0..npaths) and the lines of from (a file, "-" for standard input, or
 * NULL); with diff, also finds the directory the roots have in common (roots_diff_dir).
 * NULL when one is bad, with the line to print in msg: "esxntp-lint: 'x' does not
 * exist: ..." for a PATH, "FILE:LINE: error: ..." for a line of from */
struct roots *roots_open(char **paths, int npaths, const char *from, bool diff, char *msg,
    size_t cap);
void roots_free(struct roots *rs);
/* the next item, 1; 0 at the end */
int roots_next(struct roots *rs, struct root_item *it);
/* the roots to lint (host roots and lone files, those of fleets included), as counted
 * by roots_open */
size_t roots_total(const struct roots *rs);
/* whether any PATH or line was a directory of hosts */
bool roots_any_fleet(const struct roots *rs);
/* --diff over several roots: the roots' common directory (relative when it is the
 * current directory or below it, else absolute), and where a root (or a lone file) lies
 * below it ("" for the directory itself), in buf */
const char *roots_diff_dir(const struct roots *rs);
const char *roots_below(const struct roots *rs, const char *path, char *buf, size_t cap);

#endif
