#include "lint.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsread.h"
#include "hostfs.h"
#include "hostread.h"
#include "ntpconf_check.h"
#include "probe.h"
#include "rules.h"
#include "suppress_host.h"
#include "util.h"

#define NTPCONF_PATH "etc/ntp.conf"

/* reads one file of the host; on failure reports FS001 and returns NULL */
static struct source *
load(struct host *h, const char *rel, size_t limit)
{
	/* standard input is no file of the host: its mode and owner are the pipe's, or of
	 * whatever was redirected into it (/dev/null is 0666), not the config's (FS002/FS003) */
	return host_load(h, rel, limit, true, false, h->root != NULL || strcmp(rel, "-") != 0);
}

static struct conf_file *
add_conf(struct host *h, struct source *src, int depth)
{
	struct conf_file *cf = VEC_PUSH(h->confs, h->nconfs, h->capconfs);

	cf->src = src;
	cf->depth = depth;
	cf->tree = ntpconf_parse(&h->arena, src, NTPV_IS_CLASSIC(h->target));
	ntpconf_check(cf->tree, h->target, &h->diags);
	return cf;
}

/* an includefile target as a path below the root */
static char *
include_path(struct host *h, const struct conf_file *from, const struct ntp_word *w)
{
	char *p;
	size_t n;

	/* NTPsec resolves a relative path against the including file's directory;
	 * classic ntpd against its working directory, which is / for the daemon */
	if (w->text[0] != '/' && h->target == NTPV_SEC && strrchr(from->src->path, '/') != NULL)
		p = arena_printf(&h->arena, "%.*s/%.*s",
		    (int)(strrchr(from->src->path, '/') - from->src->path), from->src->path,
		    (int)w->len, w->text);
	else
		p = arena_strndup(&h->arena, w->text, w->len);
	n = strlen(p);
	/* the root's parent is the root, for ntpd at '/' and for RESOLVE_IN_ROOT alike: a
	 * leading "../" names nothing else, and the file is shown and written as inside it
	 * (a ".." further on is left to the kernel: after a symlink it means the link's
	 * target's parent) */
	for (;;) {
		if (n > 0 && *p == '/') {
			p++;
			n--;
		} else if (n >= 3 && memcmp(p, "../", 3) == 0) {
			p += 3;
			n -= 3;
		} else if (n >= 2 && memcmp(p, "./", 2) == 0) {
			p += 2;
			n -= 2;
		} else {
			break;
		}
	}
	return p;
}

static void follow_includes(struct host *h, size_t ci, const struct lint_opts *o);

static int
on_include_stack(struct host *h, size_t ci, const char *path)
{
	/* confs are added depth-first: the chain of ci's ancestors is every conf before it
	 * with a smaller depth than the one after it */
	int depth = h->confs[ci].depth + 1;
	size_t i = ci + 1;

	while (i-- > 0) {
		if (h->confs[i].depth < depth) {
			if (strcmp(h->confs[i].src->path, path) == 0)
				return 1;
			depth = h->confs[i].depth;
		}
	}
	return 0;
}

static void
include_one(struct host *h, size_t ci, const struct ntp_stmt *s, const struct lint_opts *o)
{
	struct ntp_word w[2];
	struct finding *f;
	struct source *src;
	char *rel;
	size_t child;
	struct ntpconf *tree = h->confs[ci].tree;

	if (ntpconf_words(tree, s, w, 2) < 2)
		return;
	if (s->nwords == 2)
		model_unquote_last(h->target, w, 2);
	rel = include_path(h, &h->confs[ci], &w[1]);
	if (on_include_stack(h, ci, rel)) {
		diag_add(&h->diags, R_NTP041, tree->src, w[1].span,
		    "includefile '%s' includes itself (a cycle): ntpd reads it again until the depth limit", rel);
		return;
	}
	if (h->confs[ci].depth + 1 > MAX_INCLUDE_DEPTH) {
		diag_add(&h->diags, R_NTP041, tree->src, w[1].span,
		    "includefile nested deeper than %d levels: ntpd does not read '%s'",
		    MAX_INCLUDE_DEPTH, rel);
		return;
	}
	if (h->nconfs > MAX_INCLUDES) {
		if (!h->includes_capped)
			diag_add(&h->diags, R_NTP041, tree->src, w[1].span,
			    "more than %d included files in all: esxntp-lint does not read '%s' "
			    "or any later includefile (ntpd would)", MAX_INCLUDES, rel);
		h->includes_capped = true;
		return;
	}
	{
		struct fsread probe;

		host_read(h, rel, o->max_file_size, &probe);
		if (probe.status == FSR_MISSING) {
			f = diag_add(&h->diags, R_NTP040, tree->src, w[1].span,
			    "includefile '%s' does not exist under the root: ntpd logs \"Couldn't open\" and goes on without it",
			    rel);
			(void)f;
			return;
		}
		free(probe.buf);
	}
	src = load(h, rel, o->max_file_size);
	if (src == NULL)
		return;
	child = h->nconfs;
	add_conf(h, src, h->confs[ci].depth + 1);
	follow_includes(h, child, o);
}

static void
follow_includes(struct host *h, size_t ci, const struct lint_opts *o)
{
	uint32_t i;

	for (i = 0; i < h->confs[ci].tree->nstmts; i++) {
		/* confs may move as includes are added: re-read the tree each time */
		const struct ntp_stmt *s = &h->confs[ci].tree->stmts[i];

		if (s->dir == DIR_INCLUDEFILE && !(s->flags & STMT_REJECTED))
			include_one(h, ci, s, o);
	}
}

/* the root's files: a directory, or a tar archive read into an index (what could not be
 * read of it is FS001, and the members before the damage are linted) */
static struct hostfs *
open_root(struct host *h, const char *root, size_t limit)
{
	const struct hostfs_archive_info *ai;
	struct hostfs *fs;
	const char *err;
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0)
		return hostfs_disk(fd);
	if (errno != ENOTDIR || !hostfs_is_archive(root)) {
		diag_add_path(&h->diags, R_FS001, ".", "root '%s' cannot be opened: %s", root,
		    strerror(errno));
		return NULL;
	}
	if ((fs = hostfs_archive(root, NULL, 0, limit, &err)) == NULL) {
		diag_add_path(&h->diags, R_FS001, ".", "archive '%s' cannot be opened: %s", root, err);
		return NULL;
	}
	ai = fs->archive;
	if (ai->error != NULL && ai->members == 0)
		diag_add_path(&h->diags, R_FS001, ".", "archive '%s' cannot be read: %s", root,
		    ai->error);
	else if (ai->error != NULL)
		diag_add_path(&h->diags, R_FS001, ".", "archive '%s' cannot be read to its end: %s; "
		    "the %zu members before are linted", root, ai->error, ai->members);
	return fs;
}

/* dirfd's entry name is a directory (inside it, as the reader resolves paths) */
static bool
has_dir(int dirfd, const char *name)
{
	int fd = open_in_root(dirfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (fd == -2)
		fd = openat(dirfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool
has_entry(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* path with no trailing '/' (a copy in buf) */
static const char *
trimmed(const char *path, char *buf, size_t cap)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	snprintf(buf, cap, "%.*s", (int)n, path);
	return buf;
}

bool
lint_child_is_root(int dirfd, const char *name)
{
	char p[4096];
	struct stat st;
	bool yes;
	int fd;

	/* the common case in one call: NAME/etc a directory (NAME itself may be a link) */
	if ((size_t)snprintf(p, sizeof(p), "%s/etc", name) >= sizeof(p))
		return false;
	if (fstatat(dirfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode))
			return true;
		if (!S_ISLNK(st.st_mode))
			return false;
	} else if (errno == ENOTDIR) {
		/* a file: a tar archive, by its name (a vm-support bundle is a .tgz), is a host
		 * root; reading every file's first bytes would cost a fleet of logs dear */
		return hostfs_tar_name(name) && fstatat(dirfd, name, &st, 0) == 0 &&
		    S_ISREG(st.st_mode);
	} else if (errno == ENOENT) {
		return false;
	}
	/* etc/ is a link: followed inside NAME, as the reader follows it */
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	yes = has_dir(fd, "etc");
	close(fd);
	return yes;
}

/* dirfd holds a host root (a directory with etc/): a directory of hosts */
static bool
holds_hosts(int dirfd)
{
	struct dirent *de;
	bool found = false;
	int sub = dup(dirfd);
	DIR *d = sub >= 0 ? fdopendir(sub) : NULL;

	while (d != NULL && !found && (de = readdir(d)) != NULL)
		found = de->d_name[0] != '.' && lint_child_is_root(dirfd, de->d_name);
	if (d != NULL)
		closedir(d);
	else if (sub >= 0)
		close(sub);
	return found;
}

/* a directory with no etc/ that is no directory of hosts: why, and what to give instead */
static void
not_a_root(int fd, const char *path, char *msg, size_t cap)
{
	char t[4096];
	const char *base, *dir;

	trimmed(path, t, sizeof(t));
	if (has_entry(fd, "ntp.conf") || has_entry(fd, "hosts") ||
	    has_entry(fd, "vmware-release")) {
		base = strrchr(t, '/') != NULL ? strrchr(t, '/') + 1 : t;
		if (strcmp(base, "etc") == 0) {
			dir = base == t ? "." : base == t + 1 ? "/" : NULL;
			snprintf(msg, cap, "'%s' has no etc/: it looks like a copied /etc (it holds "
			    "%s itself); give the host root above it, '%.*s'", path,
			    has_entry(fd, "ntp.conf") ? "ntp.conf" : "hosts",
			    dir != NULL ? 1 : (int)(base - t - 1), dir != NULL ? dir : t);
		} else {
			snprintf(msg, cap, "'%s' has no etc/: it looks like a copied /etc (it holds "
			    "%s itself); copy it to ROOT/etc and give ROOT, or give '%s/ntp.conf' "
			    "to lint that file alone", path,
			    has_entry(fd, "ntp.conf") ? "ntp.conf" : "hosts", t);
		}
		return;
	}
	snprintf(msg, cap, "'%s' has no etc/: it is not a host root (a directory holding a copy "
	    "of a host's /etc as etc/, with etc/ntp.conf), nor a directory of hosts (no "
	    "directory in it holds etc/)", path);
}

int
lint_path_check(const char *path, char *msg, size_t cap)
{
	struct stat st;
	char t[4096];
	int fd, kind;

	if (strcmp(path, "-") == 0)
		return PATH_FILE;
	if (stat(path, &st) != 0) {
		int err = errno;

		/* a symlink that leads nowhere (or loops) is a lone file FS001 explains */
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			return PATH_FILE;
		if (err == ENOTDIR && stat(trimmed(path, t, sizeof(t)), &st) == 0 &&
		    !S_ISDIR(st.st_mode))
			snprintf(msg, cap, "'%s' is not a directory: give '%s' without the '/' to "
			    "lint it as an ntp.conf", path, t);
		else if (err == ENOENT || err == ENOTDIR)
			snprintf(msg, cap, "'%s' does not exist: give a host root (a directory "
			    "holding etc/ntp.conf) or an ntp.conf", path);
		else
			snprintf(msg, cap, "'%s' cannot be read: %s", path, strerror(err));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return hostfs_is_archive(path) ? PATH_ROOT : PATH_FILE;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(msg, cap, "'%s' cannot be opened: %s", path, strerror(errno));
		return -1;
	}
	kind = has_dir(fd, "etc") ? PATH_ROOT : holds_hosts(fd) ? PATH_FLEET : -1;
	if (kind < 0)
		not_a_root(fd, path, msg, cap);
	close(fd);
	return kind;
}

/* a finding that template code makes: on a markup line, or pointing only at markup lines
 * for its cause (a server line refused for its '{{') */
static bool
from_markup(const struct markup_model *m, const struct finding *f)
{
	size_t i;

	if (f->rule == R_FS004)
		return false;
	if (f->src != NULL && markup_at(m, f->src, f->span.start))
		return true;
	for (i = 0; i < f->nrelated; i++)
		if (f->related[i].src == NULL ||
		    !markup_at(m, f->related[i].src, f->related[i].span.start))
			return false;
	return f->nrelated > 0;
}

/* template code gives one finding, FS004 for its file: the others it causes go (no "did
 * you mean" on '<%', no host name check of '{{') */
static void
markup_quiet(struct host *h)
{
	struct diags *d = &h->diags;
	size_t i, n = 0;

	if (h->model.markup.n == 0)
		return;
	for (i = 0; i < d->n; i++)
		if (!from_markup(&h->model.markup, &d->v[i]))
			d->v[n++] = d->v[i];
	d->n = n;
}

void
host_lint(struct host *h, const char *path, bool is_root, const struct lint_opts *o)
{
	struct source *src;

	memset(h, 0, sizeof(*h));
	arena_init(&h->arena);
	diags_init(&h->diags, &h->arena);
	arena_adopt(&h->arena, (void **)&h->confs);
	h->rootfd = -1;
	h->opts = o;
	h->esx_version = o->esx_version;
	h->target = o->ntp_version >= 0 ? (enum ntp_version)o->ntp_version : esx_ntp_version(-1);
	if (is_root) {
		h->root = path;
		if (o->fs != NULL) {
			h->fs = o->fs;
		} else {
			h->fs = open_root(h, path, o->max_file_size);
			if (h->fs == NULL)
				return;
			h->own_fs = true;
		}
		h->rootfd = h->fs->rootfd;
	} else {
		h->lone = path;
	}
	/* the ESX release decides which ntpd judges ntp.conf: read it first */
	host_read_release(h, o);
	src = load(h, is_root ? NTPCONF_PATH : path, o->max_file_size);
	if (src == NULL && !is_root)
		return;
	if (src != NULL) {
		add_conf(h, src, 0);
		if (is_root)
			follow_includes(h, 0, o);
	}
	model_ntp_build(h, &h->model.ntp);
	host_read_files(h, o);
	/* the live host, after its files: the PRB rules read both */
	if (o->probe != NULL && o->texts == NULL)
		h->probe = probe_run(h, o->probe);
	model_markup_build(h, &h->model.markup);
	rules_run(h);
	markup_quiet(h);
	suppress_host(h);
}

void
host_free(struct host *h)
{
	if (h->own_fs)
		hostfs_free(h->fs);
	arena_free(&h->scratch);
	arena_free(&h->arena);
}
