/* pathutil: paths as strings, resolved as written (no symlink followed): the config
 * file's globs and --diff's paths over several roots name a root by where it was given. */
#ifndef PATHUTIL_H
#define PATHUTIL_H

#include <stddef.h>

/* path made absolute from dir (an absolute directory) when it is relative, with '.', '..'
 * and '//' resolved as written; a heap string */
char *path_normalize(const char *dir, const char *path);
/* the same from the current directory */
char *path_absolute(const char *path);
/* the length of the longest directory both absolute, normalized paths a and b lie in
 * (a prefix of a ending before a '/', or 1 for "/") */
size_t path_common_len(const char *a, const char *b);
/* path (absolute, normalized) below dir (a prefix of it, path_common_len's kind): the
 * rest without its leading '/', "" when they are the same */
const char *path_below(const char *path, size_t dirlen);

#endif
