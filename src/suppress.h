/* suppress: inline suppressions, read from the comments of any kind of file.
 *   # esxntp-lint: disable=NTP031,few-servers   this line, or the next if alone on its line
 *   # esxntp-lint: disable-file=NTP010          every finding in this file
 * A file kind hands over its comments as spans ('#' to the line end); nothing here
 * knows how a file is parsed. */
#ifndef SUPPRESS_H
#define SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* values of finding.suppressed: why a finding is not reported */
enum {
	SUPP_NONE, SUPP_INLINE, SUPP_DISABLED,
	SUPP_CONFIG,		/* a config file's ignore (src/config.c) */
	SUPP_BASELINE		/* recorded in the --baseline file (src/baseline.c) */
};

/* one directive of one comment */
struct supp_dir {
	struct source *src;
	uint32_t line;		/* 1-based line of the comment; 0: the whole file */
	bool next_line;		/* the comment is alone on its line: it covers the next one too */
	bool *rules;		/* [R_COUNT]: the rules it silences */
};

struct suppress {
	struct arena *arena;
	struct supp_dir *v;
	size_t n, cap;
};

/* an empty set, living in a (which frees it) */
struct suppress *suppress_new(struct arena *a);
/* reads the directives in src's comments, given as spans of src in any order */
void suppress_scan(struct suppress *s, struct source *src, const struct span *comments,
    size_t ncomments);
/* marks each finding a directive covers (SUPP_INLINE); returns how many it marked */
size_t suppress_apply(const struct suppress *s, struct diags *d);

#endif
