/* diffout: --diff, a unified diff of each fixed file that `patch -p1` or `git apply`
 * applies from the root (a/etc/ntp.conf b/etc/ntp.conf). */
#ifndef DIFFOUT_H
#define DIFFOUT_H

#include <stddef.h>
#include <stdio.h>

#include "fix.h"

/* lines of context around each change */
#define DIFF_CONTEXT 3

/* one file: old is NULL for a file the fix creates */
void out_diff_file(FILE *fp, const char *path, const char *old, size_t oldlen,
    const char *new, size_t newlen);
/* every file and action of a plan; mode changes and symlinks in git's extended form */
void out_diff_plan(FILE *fp, const struct host *h, const struct fix_plan *p);

#endif
