/* diffout: --diff, a unified diff of each fixed file that `patch -p1` or `git apply`
 * applies from the root (a/etc/ntp.conf b/etc/ntp.conf), or over several roots from their
 * common directory (a/esx01/etc/ntp.conf). */
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
/* the same with the path shown below dir (a/DIR/PATH), when dir is not NULL nor "" */
void out_diff_file_in(FILE *fp, const char *dir, const char *path, const char *old,
    size_t oldlen, const char *new, size_t newlen);
/* every file of a plan, from the root (where NULL), or below where: the root's place
 * below the roots' common directory, or a lone file's own path there */
void out_diff_plan(FILE *fp, const struct host *h, const struct fix_plan *p,
    const char *where);

#endif
