#include "hostread.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsread.h"
#include "fswrite.h"
#include "hostfs.h"
#include "lint.h"
#include "util.h"

static const char *const init_scripts[] = { "etc/rc.d/init.d/ntpd", "etc/init.d/ntpd" };
/* RHEL keeps the rc directories in /etc/rc.d; /etc/rcN.d are links to them */
static const char *const rc_dirs[] = { "etc/rc.d/rc%d.d", "etc/rc%d.d" };

/* rel from the root's files, or from the disk for a lone file */
static void
read_fs(struct host *h, const char *rel, size_t limit, struct fsread *r)
{
	if (h->fs != NULL)
		h->fs->ops->read(h->fs, rel, limit, r);
	else
		fsread(-1, rel, limit, r);
}

void
host_note_absent(struct host *h, const char *dir)
{
	*(const char **)arena_append(&h->arena, &h->absent, h->nabsent, sizeof(*h->absent)) =
	    arena_strdup(&h->arena, dir);
	h->nabsent++;
}

static bool
below_absent(const struct host *h, const char *rel)
{
	size_t i, n;

	for (i = 0; i < h->nabsent; i++) {
		n = strlen(h->absent[i]);
		if (strncmp(rel, h->absent[i], n) == 0 && (rel[n] == '/' || rel[n] == '\0'))
			return true;
	}
	return false;
}

void
host_read(struct host *h, const char *rel, size_t limit, struct fsread *r)
{
	size_t i;

	for (i = 0; h->opts != NULL && i < h->opts->ntexts; i++) {
		const struct lint_text *t = &h->opts->texts[i];

		if (strcmp(t->path, rel) != 0)
			continue;
		/* the file's mode and owner stay those on disk (a file the fix creates:
		 * 0644 root:root, as it will be written) */
		read_fs(h, rel, limit, r);
		free(r->buf);
		if (r->status != FSR_OK) {
			memset(r, 0, sizeof(*r));
			r->st.st_mode = S_IFREG | 0644;
			r->st.st_nlink = 1;
		}
		r->status = FSR_OK;
		r->buf = xmalloc(t->len + 1);
		memcpy(r->buf, t->buf, t->len);
		r->buf[t->len] = '\0';
		r->len = t->len;
		r->st.st_size = (off_t)t->len;
		return;
	}
	if (h->fs != NULL && below_absent(h, rel)) {
		memset(r, 0, sizeof(*r));
		r->limit = limit;
		r->status = FSR_MISSING;
		r->err = ENOENT;
		return;
	}
	read_fs(h, rel, limit, r);
}

struct source *
host_load(struct host *h, const char *rel, size_t limit, bool report, bool quiet_missing,
    bool checked)
{
	struct files_model *fm = &h->model.files;
	struct m_file *mf;
	struct fsread r;
	struct source *s;
	char why[128];

	if (fm->v == NULL)
		arena_adopt(&h->arena, (void **)&fm->v);
	host_read(h, rel, limit, &r);
	/* a file found missing is not looked for again (an ESXi root's release detection
	 * and the service check both want etc/init.d/ntpd) */
	if (h->fs != NULL && r.status == FSR_MISSING && r.err == ENOENT && !below_absent(h, rel))
		host_note_absent(h, rel);
	mf = VEC_PUSH(fm->v, fm->n, fm->cap);
	memset(mf, 0, sizeof(*mf));
	mf->path = arena_strdup(&h->arena, rel);
	mf->status = r.status;
	mf->err = r.err;
	mf->checked = checked;
	if (r.status != FSR_OK) {
		if (report && !(quiet_missing && r.status == FSR_MISSING)) {
			/* only a message needs to know (it costs a stat a missing file); an
			 * archive's reader knows it without one */
			if (r.status == FSR_MISSING && r.err == ENOENT &&
			    (h->fs == NULL || h->rootfd >= 0))
				fsread_dangling(h->rootfd, rel, &r);
			diag_add_path(&h->diags, R_FS001, rel, "%s %s", rel,
			    fsread_reason(&r, why, sizeof(why)));
		}
		return NULL;
	}
	mf->mode = r.st.st_mode;
	mf->uid = r.st.st_uid;
	s = arena_alloc(&h->arena, sizeof(*s));
	s->path = mf->path;
	s->buf = r.buf;
	s->len = (uint32_t)r.len;
	s->arena = &h->arena;
	s->st = r.st;
	s->has_st = 1;
	arena_adopt(&h->arena, (void **)&s->buf);
	mf->src = s;
	return s;
}

void
host_read_release(struct host *h, const struct lint_opts *o)
{
	struct source *rel = NULL;

	if (h->root != NULL)
		rel = host_load(h, RELEASE_PATH, o->max_file_size, false, true, false);
	model_esx_build(h, &h->model.esx, rel, o->esx_version, o->ntp_version);
	/* ESXi has no etc/vmware-release: its other files tell it (src/hostread_esx.c) */
	if (h->root != NULL && h->model.esx.version == NULL)
		host_read_esxi(h, o);
	h->target = h->model.esx.target;
	h->esx_version = h->model.esx.version;
}

static int
link_name(const char *n, char *kind, int *order)
{
	if (strlen(n) != 7 || (n[0] != 'S' && n[0] != 'K') || n[1] < '0' || n[1] > '9' ||
	    n[2] < '0' || n[2] > '9' || strcmp(n + 3, "ntpd") != 0)
		return 0;
	*kind = n[0];
	*order = (n[1] - '0') * 10 + (n[2] - '0');
	return 1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* .S<NN>ntpd.esxntp-lint.tmp: the temp link of an SVC010 fix (src/fswrite_links.c) */
static int
pending_name(const char *n, int *order)
{
	size_t len = strlen(n);
	char kind, name[8];

	if (len != 1 + 7 + strlen(FSW_TMP_SUFFIX) || n[0] != '.' ||
	    strcmp(n + 8, FSW_TMP_SUFFIX) != 0)
		return 0;
	memcpy(name, n + 1, 7);
	name[7] = '\0';
	return link_name(name, &kind, order) && kind == 'S';
}

/* is dir/name a symlink (lstat through the root's files) */
static bool
is_link(struct host *h, const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat st;
	bool r = h->fs->ops->stat(h->fs, p, false, &st) == 0 && S_ISLNK(st.st_mode);

	free(p);
	return r;
}

/* the S<NN>ntpd and K<NN>ntpd entries of one rc directory, in name order */
static void
read_rc_dir(struct host *h, char **all, size_t nall, const char *dir, int level)
{
	struct svc_model *m = &h->model.svc;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < nall; i++) {
		char kind;
		int order;

		/* only where the fix makes its links: the level's first directory */
		if (m->pending[level] == NULL && strcmp(dir, m->rcdir[level]) == 0 &&
		    pending_name(all[i], &order) && is_link(h, dir, all[i])) {
			m->pending[level] = arena_printf(&h->arena, "%s/%s", dir, all[i]);
			m->pending_order[level] = order;
		}
		if (link_name(all[i], &kind, &order))
			*VEC_PUSH(names, n, cap) = all[i];
	}
	if (n > 1)	/* names is NULL when no link matched */
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct svc_link *l = VEC_PUSH(m->links, m->nlinks, m->caplinks);
		char target[4096];
		ssize_t len;

		memset(l, 0, sizeof(*l));
		link_name(names[i], &l->kind, &l->order);
		l->runlevel = level;
		l->dir = dir;
		l->path = arena_printf(&h->arena, "%s/%s", dir, names[i]);
		if (is_link(h, dir, names[i]) &&
		    (len = h->fs->ops->readlink(h->fs, l->path, target, sizeof(target))) >= 0)
			l->target = arena_strndup(&h->arena, target, (size_t)len);
		if (l->kind == 'S')
			m->start[level] = true;
		else
			m->kill[level] = true;
	}
	free(names);
}

/* the PID of an ESX 3.x/4.x vm-support root, vm-support-HOST-DATE.PID/ (OUTPUT_DIR), or
 * NULL */
static const char *
vms_pid(struct host *h, const char *prefix)
{
	size_t n = strlen(prefix), i;
	const char *dot = NULL;

	while (n > 0 && prefix[n - 1] == '/')
		n--;
	/* the last '.' of the last component */
	for (i = n; i > 0 && prefix[i - 1] != '/' && dot == NULL; i--)
		if (prefix[i - 1] == '.')
			dot = prefix + i;
	if (dot == NULL || dot == prefix + n || (size_t)(prefix + n - dot) > 10)
		return NULL;
	for (i = (size_t)(dot - prefix); i < n; i++)
		if (prefix[i] < '0' || prefix[i] > '9')
			return NULL;
	return arena_strndup(&h->arena, dot, (size_t)(prefix + n - dot));
}

/* an ESX 3.x/4.x vm-support bundle has no ntpd init script or rc links, but the
 * 'chkconfig --list' output it recorded (vm-support 1.30.x snarf_system_state: runcmd
 * "chkconfig --list" "$tmp_dir/chkconfig.$$.txt", $$ the PID of OUTPUT_DIR's name; tmp_dir
 * /tmp or the -w directory, which main writes to tmp/working_dir.txt): where it lies, read
 * into the model. A file of the PID, else the one chkconfig.<digits>.txt there; none, or
 * several: no record */
static void
read_chkconfig_record(struct host *h, const struct lint_opts *o)
{
	const struct hostfs_archive_info *ai = h->fs->archive;
	struct svc_model *m = &h->model.svc;
	const char *dir = "tmp", *pid, *path = NULL;
	struct source *wd;
	struct stat st;
	char **names;
	size_t nn, i, found = 0;

	if (ai == NULL || ai->vmsupport != VMS_CLASSIC || !hostfs_uncollected(h->fs, init_scripts[0]) ||
	    !hostfs_uncollected(h->fs, init_scripts[1]))
		return;
	wd = host_load(h, VMS_WORKING_DIR_FILE, o->max_file_size, true, true, false);
	if (wd != NULL) {
		/* "echo ${tmp_dir} > ${TMP_DIR_FILE}": its first line, an absolute path */
		const char *b = wd->buf, *e = memchr(wd->buf, '\n', wd->len);

		if (e == NULL)
			e = wd->buf + wd->len;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		/* "/" is the root itself; an empty line names nothing: tmp, the default */
		while (b < e && *b == '/')
			b++;
		while (e > b && e[-1] == '/')
			e--;
		if (b < e || (e > wd->buf && e[-1] == '/'))
			dir = arena_strndup(&h->arena, b, (size_t)(e - b));
	} else if (h->fs->ops->stat(h->fs, VMS_WORKING_DIR_FILE, false, &st) == 0) {
		return;		/* there, but not read (FS001): where the record lies is not known */
	}
	if ((pid = vms_pid(h, ai->prefix)) != NULL) {
		path = arena_printf(&h->arena, "%s%schkconfig.%s.txt", dir, dir[0] ? "/" : "", pid);
		if (h->fs->ops->stat(h->fs, path, false, &st) != 0)
			path = NULL;
	}
	if (path == NULL && h->fs->ops->list(h->fs, dir[0] ? dir : ".", &names, &nn) == 0) {
		for (i = 0; i < nn; i++)
			if (hostfs_vms_chkconfig_name(names[i]) && found++ == 0)
				path = arena_printf(&h->arena, "%s%s%s", dir, dir[0] ? "/" : "", names[i]);
		hostfs_names_free(names, nn);
		if (found != 1)
			path = NULL;
	}
	if (path != NULL)
		model_chk_build(&m->rec, host_load(h, path, o->max_file_size, true, true, false));
}

static void
read_service(struct host *h, const struct lint_opts *o)
{
	struct svc_model *m = &h->model.svc;
	struct source *src = NULL;
	size_t i;
	int level;

	memset(m, 0, sizeof(*m));
	arena_adopt(&h->arena, (void **)&m->links);
	for (i = 0; i < sizeof(init_scripts) / sizeof(init_scripts[0]) && src == NULL; i++)
		src = host_load(h, init_scripts[i], o->max_file_size, false, true, true);
	/* no init script: one look at etc/rc.d spares seven rc directories below it */
	if (src == NULL && !below_absent(h, "etc/rc.d/")) {
		struct stat st;

		if (h->fs->ops->stat(h->fs, "etc/rc.d", true, &st) != 0 ?
		    errno == ENOENT || errno == ENOTDIR : !S_ISDIR(st.st_mode))
			host_note_absent(h, "etc/rc.d");
	}
	model_svc_script(h, m, src, src != NULL ? src->path : init_scripts[0]);
	if (src == NULL)
		read_chkconfig_record(h, o);
	for (level = 0; level < SVC_RUNLEVELS; level++) {
		struct stat seen[2];
		size_t nseen = 0, j;

		for (i = 0; i < sizeof(rc_dirs) / sizeof(rc_dirs[0]); i++) {
			char path[32], **all;
			size_t nall;

			snprintf(path, sizeof(path), rc_dirs[i], level);
			if (below_absent(h, path) ||
			    h->fs->ops->stat(h->fs, path, true, &seen[nseen]) != 0 ||
			    !S_ISDIR(seen[nseen].st_mode))
				continue;
			/* /etc/rc3.d -> rc.d/rc3.d is one directory: read it once */
			for (j = 0; j < nseen; j++)
				if (seen[nseen].st_dev == seen[j].st_dev &&
				    seen[nseen].st_ino == seen[j].st_ino)
					break;
			if (j < nseen || h->fs->ops->list(h->fs, path, &all, &nall) != 0)
				continue;
			nseen++;
			if (m->rcdir[level] == NULL)
				m->rcdir[level] = arena_strdup(&h->arena, path);
			read_rc_dir(h, all, nall, arena_strdup(&h->arena, path), level);
			hostfs_names_free(all, nall);
		}
	}
}

/* is the root the live system's '/' (a directory root only) */
static void
root_is_slash(struct host *h)
{
	struct stat a, b;

	h->model.files.root_is_slash = h->rootfd >= 0 && fstat(h->rootfd, &a) == 0 &&
	    stat("/", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

void
host_read_files(struct host *h, const struct lint_opts *o)
{
	struct source *s;

	if (h->root == NULL) {	/* a lone ntp.conf: no other file, facts all absent */
		model_stk_build(h, &h->model.stk, NULL);
		model_hst_build(h, &h->model.hosts, NULL);
		model_fw_build(h, &h->model.fw, NULL);
		memset(&h->model.svc, 0, sizeof(h->model.svc));
		model_svc_script(h, &h->model.svc, NULL, NULL);
		model_boot_build(h, &h->model.boot, NULL);
		return;
	}
	root_is_slash(h);
	s = host_load(h, STEPTICKERS_PATH, o->max_file_size, false, true, true);
	model_stk_build(h, &h->model.stk, s);
	h->model.stk.uncollected = s == NULL && hostfs_uncollected(h->fs, STEPTICKERS_PATH);
	s = host_load(h, HOSTS_PATH, o->max_file_size, true, false, true);
	model_hst_build(h, &h->model.hosts, s);
	if (!h->model.esx.esxconf_read) {	/* host_read_esxi may have read it */
		s = host_load(h, ESXCONF_PATH, o->max_file_size, false, true, true);
		model_fw_build(h, &h->model.fw, s);
	}
	read_service(h, o);
	/* the init script sources it for ntpd's OPTIONS (-x, -g); not a checked file */
	s = host_load(h, SYSCONFIG_NTPD_PATH, o->max_file_size, false, true, false);
	model_boot_build(h, &h->model.boot, s);
}
