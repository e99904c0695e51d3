/* fswrite_links: a change of several symlinks (SVC010's S<NN>ntpd in rc3.d, rc4.d and
 * rc5.d, each replacing a K<NN>ntpd) made so that a kill at any moment leaves the links
 * as they were, as planned, or with temp links that say what is left to do. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fswrite_int.h"
#include "util.h"

struct step {
	struct target t;	/* the link to make */
	char *tmp;		/* its temp link's name in t's directory */
	const char *old;	/* the name of the link it replaces in that directory, or NULL */
	int there;		/* the link is already there, as planned */
	int tmp_made;
};

/* name is a symlink whose text is target */
static int
is_link_to(int dirfd, const char *name, const char *target)
{
	char buf[4096];
	ssize_t n = readlinkat(dirfd, name, buf, sizeof(buf) - 1);

	if (n < 0)
		return 0;
	buf[n] = '\0';
	return strcmp(buf, target) == 0;
}

/* the link and the one it replaces are where the plan saw them */
static int
check(int rootfd, struct fsw_link *l, struct step *s)
{
	struct target old;
	struct stat st, a, b;

	if (fsw_resolve(rootfd, l->path, 0, &s->t, &l->err) != 0)
		return -1;
	s->tmp = xasprintf(".%s" FSW_TMP_SUFFIX, s->t.name);
	if (fstatat(s->t.dirfd, s->t.name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISLNK(st.st_mode) || !is_link_to(s->t.dirfd, s->t.name, l->target))
			return fsw_fail(&l->err, "%s: link not made: it exists, and is not a link to %s",
			    l->path, l->target);
		s->there = 1;
	} else if (errno != ENOENT) {
		return fsw_fail(&l->err, "%s: link not made: %s", l->path, strerror(errno));
	}
	if (l->replaces == NULL)
		return 0;
	if (fsw_resolve(rootfd, l->replaces, 0, &old, &l->err) != 0)
		return -1;
	if (fstat(old.dirfd, &a) != 0 || fstat(s->t.dirfd, &b) != 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino) {
		fsw_target_free(&old);
		return fsw_fail(&l->err, "%s: link not made: %s is not in its directory", l->path,
		    l->replaces);
	}
	if (fstatat(old.dirfd, old.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode)) {
		fsw_target_free(&old);
		return fsw_fail(&l->err, "%s: link not made: %s is no longer a symlink", l->path,
		    l->replaces);
	}
	s->old = fsw_base_of(l->replaces);
	fsw_target_free(&old);
	return 0;
}

/* every link not made gets why: the change stopped at link 'at' */
static void
blame(struct fsw_link *v, size_t n, size_t at, const char *what)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (i != at && v[i].err.msg[0] == '\0')
			fsw_fail(&v[i].err, "%s: link not made: %s failed, %s", v[i].path, v[at].path,
			    what);
}

/* step 2 of one link: the replaced link goes, then the temp takes the name; a kill in
 * between leaves the temp, which the next run sees */
static int
finish(struct fsw_link *l, struct step *s)
{
	if (s->old != NULL && unlinkat(s->t.dirfd, s->old, 0) != 0 && errno != ENOENT)
		return fsw_fail(&l->err, "%s: link not made: cannot remove %s: %s", l->path,
		    l->replaces, strerror(errno));
	if (s->there) {
		if (s->tmp_made && unlinkat(s->t.dirfd, s->tmp, 0) != 0)
			return fsw_fail(&l->err, "%s: made, but its temp link %s/%s stays: %s", l->path,
			    s->t.dir, s->tmp, strerror(errno));
	} else if (renameat(s->t.dirfd, s->tmp, s->t.dirfd, s->t.name) != 0) {
		return fsw_fail(&l->err, "%s: link not made: %s; its temp link %s/%s stays, and the "
		    "next --fix finishes the change", l->path, strerror(errno), s->t.dir, s->tmp);
	}
	if (fsync(s->t.dirfd) != 0)
		return fsw_fail(&l->err, "%s: made, but the directory could not be synced: %s",
		    l->path, strerror(errno));
	if (!is_link_to(s->t.dirfd, s->t.name, l->target) ||
	    (s->old != NULL && faccessat(s->t.dirfd, s->old, F_OK, AT_SYMLINK_NOFOLLOW) == 0))
		return fsw_fail(&l->err, "%s: changed while it was made: check it", l->path);
	return 0;
}

int
fsw_links(int rootfd, struct fsw_link *v, size_t n)
{
	struct step *s = xcalloc(n ? n : 1, sizeof(*s));
	size_t i, bad = n;
	int r = 0;

	for (i = 0; i < n; i++) {
		v[i].err.msg[0] = '\0';
		s[i].t.dirfd = -1;
	}
	/* 1: the plan still holds for every link, or nothing is made */
	for (i = 0; i < n && bad == n; i++)
		if (check(rootfd, &v[i], &s[i]) != 0)
			bad = i;
	/* 2: a temp link beside each: from now on, a kill leaves a sign. A temp of the same
	 * name is one a killed run left: the lock says no other run is at work */
	for (i = 0; i < n && bad == n; i++) {
		if (unlinkat(s[i].t.dirfd, s[i].tmp, 0) != 0 && errno != ENOENT)
			bad = i;
		else if (symlinkat(v[i].target, s[i].t.dirfd, s[i].tmp) == 0)
			s[i].tmp_made = 1;
		else
			bad = i;
		if (bad == i)
			fsw_fail(&v[i].err, "%s: link not made: temp link %s: %s", v[i].path, s[i].tmp,
			    strerror(errno));
	}
	for (i = 0; i < n && bad == n; i++)
		if (fsync(s[i].t.dirfd) != 0) {
			bad = i;
			fsw_fail(&v[i].err, "%s: link not made: fsync of %s: %s", v[i].path, s[i].t.dir,
			    strerror(errno));
		}
	if (bad < n) {
		for (i = 0; i < n; i++)
			if (s[i].tmp_made)
				unlinkat(s[i].t.dirfd, s[i].tmp, 0);
		blame(v, n, bad, "and nothing of the change was made");
		r = -1;
	}
	/* 3: one by one; a failure leaves its temp link for the next run, the others go on */
	for (i = 0; i < n && bad == n; i++)
		if (finish(&v[i], &s[i]) != 0)
			r = -1;
	for (i = 0; i < n; i++) {
		fsw_target_free(&s[i].t);
		free(s[i].tmp);
	}
	free(s);
	return r;
}
