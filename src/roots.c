#include "roots.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint.h"
#include "pathutil.h"
#include "util.h"

/* why an entry of a directory of hosts is skipped (or, SK_ERRNO + errno, not read) */
enum { SK_HOST, SK_NO_ETC, SK_FILE, SK_OTHER, SK_ERRNO };

/* the directory of hosts being linted: its entries' names, sorted */
struct fleet {
	char *dir;		/* as given, without a trailing '/' (but "/") */
	char *names;		/* NUL-terminated names, one after the other */
	size_t len, cap;
	struct entry {
		size_t off;	/* in names */
		int why;	/* SK_HOST, or why it is skipped */
	} *v;
	size_t n, capv, next;
	size_t nhosts;
};

struct roots {
	char **paths;
	int npaths, next_path;
	int *kinds;		/* each PATH's enum path_kind, from the check */
	/* --roots-from */
	FILE *from;		/* NULL when none */
	bool from_owned;	/* from is ours to close (not standard input) */
	const char *from_name;	/* as messages name it */
	off_t from_start;
	size_t from_line;
	char *line;
	size_t linecap;
	/* the item being handed out */
	struct fleet fl;
	bool in_fleet;
	char *path;		/* a fleet entry's path, or a line's */
	size_t pathcap;
	char why[256];		/* a skipped entry's reason */
	/* what roots_open counted */
	size_t total;
	bool any_fleet;
	/* --diff: the current directory and the roots' common directory */
	char *cwd, *base;
};

static void
fleet_clear(struct fleet *f)
{
	free(f->dir);
	free(f->names);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static int
by_name(const void *a, const void *b, void *names)
{
	return strcmp((const char *)names + ((const struct entry *)a)->off,
	    (const char *)names + ((const struct entry *)b)->off);
}

/* why dirfd's entry name is no host root */
static int
skip_why(int dirfd, const char *name)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, 0) != 0)
		return SK_ERRNO + errno;
	return S_ISDIR(st.st_mode) ? SK_NO_ETC : S_ISREG(st.st_mode) ? SK_FILE : SK_OTHER;
}

/* lists dir's entries (not the hidden ones), each a host root or skipped, in byte order
 * of their names; with keep false, only counts them. -1 when dir cannot be read */
static int
fleet_list(struct fleet *f, const char *dir, bool keep)
{
	struct dirent *de;
	DIR *d;
	int fd;

	memset(f, 0, sizeof(*f));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t k = strlen(de->d_name) + 1;
		int why;

		/* ".", "..", and what a tool keeps beside the hosts (.git, .baseline.json) */
		if (de->d_name[0] == '.')
			continue;
		why = lint_child_is_root(fd, de->d_name) ? SK_HOST : skip_why(fd, de->d_name);
		f->nhosts += why == SK_HOST;
		if (!keep) {
			f->n++;
			continue;
		}
		if (f->len + k > f->cap) {
			f->cap = f->cap ? 2 * f->cap + k : 4096 + k;
			f->names = xrealloc(f->names, f->cap);
		}
		memcpy(f->names + f->len, de->d_name, k);
		VEC_PUSH(f->v, f->n, f->capv)->off = f->len;
		f->v[f->n - 1].why = why;
		f->len += k;
	}
	closedir(d);
	if (keep)
		qsort_r(f->v, f->n, sizeof(*f->v), by_name, f->names);
	return 0;
}

/* dir without its trailing '/'s (but "/") */
static char *
trim_dir(const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return xstrndup(dir, n);
}

/* --diff: the directory a root, a lone file or a fleet's hosts lie in joins the common one */
static void
add_base(struct roots *rs, const char *path, int kind)
{
	char *abs, *slash;
	size_t n;

	if (strcmp(path, "-") == 0)
		return;
	abs = path_normalize(rs->cwd, path);
	/* a fleet's hosts lie in the fleet; a root or a lone file in the directory above it */
	if (kind != PATH_FLEET && strcmp(abs, "/") != 0) {
		slash = strrchr(abs, '/');
		slash[slash == abs ? 1 : 0] = '\0';
	}
	if (rs->base == NULL) {
		rs->base = abs;
		return;
	}
	n = path_common_len(rs->base, abs);
	rs->base[n] = '\0';
	free(abs);
}

/* one PATH or line checked: counted, and its directory added for --diff; -1 with msg */
static int
check_one(struct roots *rs, const char *path, char *msg, size_t cap)
{
	int kind = lint_path_check(path, msg, cap);

	if (kind < 0)
		return -1;
	if (kind == PATH_FLEET) {
		struct fleet f;

		if (fleet_list(&f, path, false) != 0) {
			snprintf(msg, cap, "'%s' cannot be read: %s", path, strerror(errno));
			return -1;
		}
		rs->total += f.nhosts;
		rs->any_fleet = true;
	} else {
		rs->total++;
	}
	if (rs->cwd != NULL)
		add_base(rs, path, kind);
	return kind;
}

/* the next line of the roots file that names a root, in rs->line (trimmed); NULL at the
 * end, or on a bad line with "FILE:LINE: error: ..." in msg (*bad set) */
static const char *
next_line(struct roots *rs, bool *bad, char *msg, size_t cap)
{
	ssize_t got;

	*bad = false;
	while ((got = getline(&rs->line, &rs->linecap, rs->from)) >= 0) {
		char *s = rs->line, *e = rs->line + got;

		rs->from_line++;
		if (memchr(s, '\0', (size_t)got) != NULL) {
			snprintf(msg, cap, "%s:%zu: error: a NUL byte in the line", rs->from_name,
			    rs->from_line);
			*bad = true;
			return NULL;
		}
		/* the line's end (LF or CR LF) and the blanks around the path */
		while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		*e = '\0';
		if (s == e || *s == '#')
			continue;
		if (strcmp(s, "-") == 0) {
			snprintf(msg, cap, "%s:%zu: error: '-' is no root here: a roots file names "
			    "host roots, lone files and directories of hosts", rs->from_name,
			    rs->from_line);
			*bad = true;
			return NULL;
		}
		if (e - s >= 4096) {
			snprintf(msg, cap, "%s:%zu: error: a path of %zu bytes (at most 4095)",
			    rs->from_name, rs->from_line, (size_t)(e - s));
			*bad = true;
			return NULL;
		}
		return s;
	}
	if (ferror(rs->from)) {
		snprintf(msg, cap, "%s: error: cannot be read: %s", rs->from_name, strerror(errno));
		*bad = true;
	}
	return NULL;
}

/* standard input, when it cannot be read twice, copied into an unnamed temporary file */
static FILE *
spool_stdin(char *msg, size_t cap)
{
	struct stat st;
	char buf[65536];
	size_t n;
	FILE *t;

	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode))
		return stdin;
	if ((t = tmpfile()) == NULL) {
		snprintf(msg, cap, "esxntp-lint: --roots-from -: cannot make a temporary file to "
		    "read standard input twice: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (fwrite(buf, 1, n, t) != n)
			break;
	if (ferror(stdin) || ferror(t) || fflush(t) != 0) {
		snprintf(msg, cap, "esxntp-lint: --roots-from -: cannot read standard input: %s",
		    strerror(errno ? errno : EIO));
		fclose(t);
		return NULL;
	}
	rewind(t);
	return t;
}

static int
open_from(struct roots *rs, const char *from, char *msg, size_t cap)
{
	if (strcmp(from, "-") == 0) {
		rs->from_name = "<stdin>";
		if ((rs->from = spool_stdin(msg, cap)) == NULL)
			return -1;
		rs->from_owned = rs->from != stdin;
	} else {
		rs->from_name = from;
		if ((rs->from = fopen(from, "re")) == NULL) {
			snprintf(msg, cap, "esxntp-lint: --roots-from %s: %s", from, strerror(errno));
			return -1;
		}
		rs->from_owned = true;
	}
	rs->from_start = ftello(rs->from);
	return 0;
}

struct roots *
roots_open(char **paths, int npaths, const char *from, bool diff, char *msg, size_t cap)
{
	struct roots *rs = xcalloc(1, sizeof(*rs));
	char why[8192];
	const char *line;
	bool bad;
	int i;

	rs->paths = paths;
	rs->npaths = npaths;
	rs->kinds = xcalloc((size_t)npaths + 1, sizeof(*rs->kinds));
	if (diff)
		rs->cwd = path_absolute(".");
	for (i = 0; i < npaths; i++) {
		if ((rs->kinds[i] = check_one(rs, paths[i], why, sizeof(why))) < 0) {
			snprintf(msg, cap, "esxntp-lint: %s", why);
			roots_free(rs);
			return NULL;
		}
	}
	if (from == NULL)
		return rs;
	if (open_from(rs, from, msg, cap) != 0) {
		roots_free(rs);
		return NULL;
	}
	while ((line = next_line(rs, &bad, msg, cap)) != NULL) {
		if (check_one(rs, line, why, sizeof(why)) < 0) {
			snprintf(msg, cap, "%s:%zu: error: %s", rs->from_name, rs->from_line, why);
			bad = true;
			break;
		}
	}
	if (bad || fseeko(rs->from, rs->from_start, SEEK_SET) != 0) {
		if (!bad)
			snprintf(msg, cap, "esxntp-lint: --roots-from %s: cannot read it again: %s",
			    from, strerror(errno));
		roots_free(rs);
		return NULL;
	}
	clearerr(rs->from);
	rs->from_line = 0;
	return rs;
}

void
roots_free(struct roots *rs)
{
	if (rs == NULL)
		return;
	if (rs->from_owned)
		fclose(rs->from);
	fleet_clear(&rs->fl);
	free(rs->kinds);
	free(rs->line);
	free(rs->path);
	free(rs->cwd);
	free(rs->base);
	free(rs);
}

static const char *
set_path(struct roots *rs, const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;

	if (n > rs->pathcap) {
		rs->pathcap = n * 2;
		rs->path = xrealloc(rs->path, rs->pathcap);
	}
	if (b[0] == '\0')
		memcpy(rs->path, a, strlen(a) + 1);
	else
		snprintf(rs->path, n, "%s%s%s", a, strcmp(a, "/") == 0 ? "" : "/", b);
	return rs->path;
}

static const char *
skip_text(int why, char *buf, size_t cap)
{
	switch (why) {
	case SK_NO_ETC:
		return "it has no etc/";
	case SK_FILE:
		return "a file, not a host root";
	case SK_OTHER:
		return "not a directory";
	default:
		snprintf(buf, cap, "it cannot be read: %s", strerror(why - SK_ERRNO));
		return buf;
	}
}

/* a PATH or line of this kind: an item, or the start of a fleet */
static int
start(struct roots *rs, const char *path, int kind, struct root_item *it)
{
	memset(it, 0, sizeof(*it));
	if (kind != PATH_FLEET) {
		it->kind = kind == PATH_ROOT ? ROOT_HOST : ROOT_LONE;
		it->path = path;
		return 1;
	}
	fleet_clear(&rs->fl);
	/* listed again (not kept from the check): only one fleet's names are in memory */
	if (fleet_list(&rs->fl, path, true) != 0)
		fleet_clear(&rs->fl);
	rs->fl.dir = trim_dir(path);
	rs->in_fleet = true;
	it->kind = ROOT_FLEET;
	it->path = path;
	it->nhosts = rs->fl.nhosts;
	it->nskipped = rs->fl.n - rs->fl.nhosts;
	return 1;
}

int
roots_next(struct roots *rs, struct root_item *it)
{
	char msg[8192];
	const char *line;
	bool bad;
	int kind;

	if (rs->in_fleet) {
		struct fleet *f = &rs->fl;

		if (f->next < f->n) {
			struct entry *e = &f->v[f->next++];

			memset(it, 0, sizeof(*it));
			it->path = set_path(rs, f->dir, f->names + e->off);
			it->kind = e->why == SK_HOST ? ROOT_HOST : ROOT_SKIPPED;
			if (e->why != SK_HOST)
				it->why = skip_text(e->why, rs->why, sizeof(rs->why));
			return 1;
		}
		rs->in_fleet = false;
		fleet_clear(f);
	}
	if (rs->next_path < rs->npaths) {
		int i = rs->next_path++;

		return start(rs, rs->paths[i], rs->kinds[i], it);
	}
	if (rs->from == NULL || (line = next_line(rs, &bad, msg, sizeof(msg))) == NULL)
		return 0;
	line = set_path(rs, line, "");
	/* checked when the run began; a root gone since is FS001 of a host root */
	kind = lint_path_check(line, msg, sizeof(msg));
	return start(rs, line, kind < 0 ? PATH_ROOT : kind, it);
}

size_t
roots_total(const struct roots *rs)
{
	return rs->total;
}

bool
roots_any_fleet(const struct roots *rs)
{
	return rs->any_fleet;
}

const char *
roots_diff_dir(const struct roots *rs)
{
	size_t n;

	if (rs->base == NULL)
		return NULL;
	/* below the current directory: as a relative path */
	n = path_common_len(rs->base, rs->cwd);
	if (n != strlen(rs->cwd) || strcmp(rs->cwd, "/") == 0)
		return rs->base;
	return rs->base[n] == '\0' ? "." : rs->base + n + 1;
}

const char *
roots_below(const struct roots *rs, const char *path, char *buf, size_t cap)
{
	char *abs;

	if (rs->base == NULL || strcmp(path, "-") == 0)
		return NULL;
	abs = path_normalize(rs->cwd, path);
	snprintf(buf, cap, "%s", path_below(abs, strlen(rs->base)));
	free(abs);
	return buf;
}
