#include "pathutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

char *
path_normalize(const char *dir, const char *path)
{
	char *joined, *out, *seg, *save = NULL;
	size_t n = 0;

	joined = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", dir, path);
	out = xmalloc(strlen(joined) + 2);
	out[0] = '\0';
	for (seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			out[n] = '\0';
			continue;
		}
		n += (size_t)sprintf(out + n, "/%s", seg);
	}
	if (n == 0)
		strcpy(out, "/");
	free(joined);
	return out;
}

char *
path_absolute(const char *path)
{
	char cwd[4096];

	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) == NULL)
		fatal("cannot tell the current directory: %s", strerror(errno));
	return path_normalize(path[0] == '/' ? "/" : cwd, path);
}

size_t
path_common_len(const char *a, const char *b)
{
	size_t i, last = 0;

	/* the last '/' both share, counted only where both paths go on as one directory */
	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '/')
			last = i;
	if ((a[i] == '\0' || a[i] == '/') && (b[i] == '\0' || b[i] == '/'))
		last = i;
	return last == 0 ? 1 : last;
}

const char *
path_below(const char *path, size_t dirlen)
{
	if (dirlen <= 1)
		return path + 1;
	return path[dirlen] == '/' ? path + dirlen + 1 : path + dirlen;
}
