#include "archive_index.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* the files the host readers ask for by name (src/hostread.c): their data is kept up to the
 * size limit whatever else the archive holds */
static const char *const by_name[] = {
	"etc/ntp.conf", "etc/vmware-release", "etc/hosts", "etc/ntp/step-tickers",
	"etc/vmware/esx.conf", "etc/rc.d/init.d/ntpd", "etc/init.d/ntpd",
	"etc/sysconfig/ntpd", "etc/vmware/.buildInfo",
};

static bool
starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(s, p, k) == 0;
}

static bool
equals(const char *s, size_t n, const char *p)
{
	return n == strlen(p) && memcmp(s, p, n) == 0;
}

bool
arc_in_area(const char *rel, size_t n)
{
	return n == 0 || equals(rel, n, "etc") || starts(rel, n, "etc/") ||
	    equals(rel, n, "var") || equals(rel, n, "var/lib") || equals(rel, n, "var/lib/ntp") ||
	    starts(rel, n, "var/lib/ntp/");
}

char *
arc_normalize(struct arena *a, const char *name, bool *renamed)
{
	size_t len = strlen(name), n = 0;
	char *out = arena_alloc(a, len + 1);
	const char *p = name;

	*renamed = *name == '/';
	while (*p != '\0') {
		const char *e = strchr(p, '/');
		size_t k = e != NULL ? (size_t)(e - p) : strlen(p);

		if (k == 2 && p[0] == '.' && p[1] == '.') {
			*renamed = true;
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else if (k > 0 && !(k == 1 && p[0] == '.')) {
			if (n > 0)
				out[n++] = '/';
			memcpy(out + n, p, k);
			n += k;
		}
		p += k;
		while (*p == '/')
			p++;
	}
	out[n] = '\0';
	return out;
}

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

struct arc_node *
arc_lookup(const struct arc_index *ix, const char *path, size_t n)
{
	size_t i;

	if (ix->nslots == 0)
		return NULL;
	for (i = hash(path, n) & (ix->nslots - 1); ix->slots[i] != 0; i = (i + 1) & (ix->nslots - 1)) {
		struct arc_node *nd = &ix->nodes[ix->slots[i] - 1];

		if (strncmp(nd->path, path, n) == 0 && nd->path[n] == '\0')
			return nd;
	}
	return NULL;
}

static void
rehash(struct arc_index *ix)
{
	size_t i, j;

	free(ix->slots);
	ix->nslots = ix->nslots == 0 ? 256 : ix->nslots * 2;
	ix->slots = xcalloc(ix->nslots, sizeof(*ix->slots));
	for (i = 0; i < ix->n; i++) {
		for (j = hash(ix->nodes[i].path, strlen(ix->nodes[i].path)) & (ix->nslots - 1);
		    ix->slots[j] != 0; j = (j + 1) & (ix->nslots - 1))
			;
		ix->slots[j] = (uint32_t)(i + 1);
	}
}

static void
drop_data(struct arc_node *nd)
{
	if (nd->data != NULL)
		nd->data->nlink--;
	nd->data = NULL;
}

/* the node for path (made if missing: NULL when the index is full) */
static struct arc_node *
node_at(struct arc_index *ix, const char *path, size_t n)
{
	struct arc_node *nd = arc_lookup(ix, path, n);
	size_t i;

	if (nd != NULL)
		return nd;
	if (ix->n >= ARC_MAX_NODES)
		return NULL;
	if ((ix->n + 1) * 2 > ix->nslots)
		rehash(ix);
	nd = VEC_PUSH(ix->nodes, ix->n, ix->cap);
	memset(nd, 0, sizeof(*nd));
	nd->path = arena_strndup(&ix->arena, path, n);
	nd->mode = S_IFDIR | 0755;
	for (i = hash(path, n) & (ix->nslots - 1); ix->slots[i] != 0; i = (i + 1) & (ix->nslots - 1))
		;
	ix->slots[i] = (uint32_t)ix->n;
	return nd;
}

/* each directory above path whose length is at most lim, as implied by it (an existing
 * node is left as it is) */
static int
imply_parents(struct arc_index *ix, const char *path, size_t lim)
{
	const char *p;

	for (p = strchr(path, '/'); p != NULL && (size_t)(p - path) <= lim; p = strchr(p + 1, '/'))
		if (node_at(ix, path, (size_t)(p - path)) == NULL)
			return -1;
	return 0;
}

/* below a candidate root named as ESX 3.x/4.x vm-support names its top directory
 * (vm-support-HOST-DATE.PID, path[0..rel) its path with the '/'), is rel one of the
 * records the service check reads when the bundle lacks the init script: tmp/working_dir.txt
 * (a file read by name) or a chkconfig.PID.txt wherever that names (data under the budget
 * of the others) */
static bool
vms_record(const char *path, const char *rel, bool *known)
{
	const char *base = path, *p, *name;

	if (rel == path)
		return false;
	for (p = path; p + 1 < rel; p++)
		if (*p == '/')
			base = p + 1;
	if (strncmp(base, "vm-support-", 11) != 0)
		return false;
	if (strcmp(rel, VMS_WORKING_DIR_FILE) == 0) {
		*known = true;
		return true;
	}
	name = strrchr(rel, '/');
	return hostfs_vms_chkconfig_name(name != NULL ? name + 1 : rel);
}

/* does path lie, below a candidate host root (the archive's top or a directory up to
 * ARC_MAX_PREFIX levels down), where file data is kept; *known when it is there a file the
 * readers ask for by name */
static bool
data_area(const char *path, bool *known)
{
	const char *rel = path;
	bool in = false;
	unsigned d;
	size_t i;

	*known = false;
	for (d = 0; d <= ARC_MAX_PREFIX && rel != NULL; d++) {
		size_t n = strlen(rel);

		if (n > 0 && arc_in_area(rel, n)) {
			in = true;
			for (i = 0; i < sizeof(by_name) / sizeof(by_name[0]); i++)
				*known |= strcmp(rel, by_name[i]) == 0;
		}
		in |= n > 0 && vms_record(path, rel, known);
		rel = strchr(rel, '/');
		if (rel != NULL)
			rel++;
	}
	return in;
}

static const char *
budget_reason(struct arc_index *ix)
{
	return arena_printf(&ix->arena, "was not kept: the files other than the ones esxntp-lint "
	    "reads by name exceed %u MiB in all in this archive", ARC_OTHER_BUDGET >> 20);
}

/* reads the current member's data into a blob; -1 when the archive fails there */
static int
keep_data(struct arc_index *ix, struct archive *a, struct arc_node *nd, bool known)
{
	size_t size = (size_t)nd->size, got = 0;
	struct arc_blob *b;
	la_ssize_t r;

	if (nd->size > (int64_t)ix->limit) {
		nd->nodata = "";	/* FSR_TOO_LARGE says it, with the size */
		ix->info.skipped++;
		return 0;
	}
	if (!known && ix->other_kept + size > ARC_OTHER_BUDGET) {
		nd->nodata = budget_reason(ix);
		ix->info.skipped++;
		return 0;
	}
	b = xmalloc(sizeof(*b));
	b->buf = xmalloc(size + 1);
	b->nlink = 1;
	while (got < size) {
		r = archive_read_data(a, b->buf + got, size - got);
		if (r < 0) {
			free(b->buf);
			free(b);
			nd->nodata = arena_printf(&ix->arena, "was not read: the archive is damaged there (%s)",
			    archive_error_string(a) ? archive_error_string(a) : "read error");
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	b->len = got;
	b->buf[got] = '\0';
	if (!known)
		ix->other_kept += got;
	*VEC_PUSH(ix->blobs, ix->nblobs, ix->capblobs) = b;
	nd->data = b;
	return 0;
}

/* a hard-link member: the name gets what its target holds now (tar extracts it as a link
 * to the file then there; a later member of the target's name does not change it) */
static void
hard_link(struct arc_index *ix, struct arc_node *nd, const char *target)
{
	bool renamed;
	const char *t = arc_normalize(&ix->arena, target, &renamed);
	struct arc_node *to = arc_lookup(ix, t, strlen(t));

	if (to == NULL || !to->member || !S_ISREG(to->mode)) {
		nd->mode = S_IFREG | (nd->mode & 07777);
		nd->nodata = arena_printf(&ix->arena, "is a hard link to '%s', which is %s", t,
		    to == NULL ? "not in the archive before it" :
		    "not a regular file");
		return;
	}
	nd->mode = to->mode;
	nd->uid = to->uid;
	nd->gid = to->gid;
	nd->size = to->size;
	nd->nodata = to->nodata;
	nd->data = to->data;
	if (nd->data != NULL)
		nd->data->nlink++;
}

/* one member: 0, or -1 when reading must stop */
static int
add_member(struct arc_index *ix, struct archive *a, struct archive_entry *e)
{
	const char *name = archive_entry_pathname(e), *hard, *sym;
	bool renamed, known, in;
	struct arc_node *nd;
	char *path;

	ix->info.members++;
	if (name == NULL)
		return 0;
	path = arc_normalize(&ix->arena, name, &renamed);
	if (renamed) {
		if (ix->info.renamed++ == 0)
			ix->info.renamed_example = arena_strdup(&ix->arena, name);
	}
	if (path[0] == '\0')
		return 0;
	in = data_area(path, &known);
	/* every member's place and type (a driftfile's directory may be anywhere); file data
	 * only where the readers look */
	if (imply_parents(ix, path, strlen(path)) != 0 ||
	    (nd = node_at(ix, path, strlen(path))) == NULL)
		goto full;
	/* the last member of a name wins, as when tar extracts them in turn */
	drop_data(nd);
	nd->member = true;
	nd->mode = archive_entry_mode(e);
	nd->uid = (uid_t)archive_entry_uid(e);
	nd->gid = (gid_t)archive_entry_gid(e);
	nd->size = archive_entry_size(e) > 0 ? archive_entry_size(e) : 0;
	nd->mtime = (int64_t)archive_entry_mtime(e);
	nd->link = NULL;
	nd->nodata = NULL;
	if ((hard = archive_entry_hardlink(e)) != NULL) {
		hard_link(ix, nd, hard);
		return 0;
	}
	if (S_ISLNK(nd->mode)) {
		sym = archive_entry_symlink(e);
		nd->link = arena_strdup(&ix->arena, sym != NULL ? sym : "");
		return 0;
	}
	if (S_ISREG(nd->mode) && in)
		return keep_data(ix, a, nd, known);
	if (S_ISREG(nd->mode))
		nd->nodata = "is outside etc/ and var/lib/ntp, the parts of an archive whose file "
		    "data esxntp-lint keeps";
	return 0;
full:
	ix->info.error = arena_printf(&ix->arena, "over %d paths: the rest of the archive is "
	    "not read", ARC_MAX_NODES);
	return -1;
}

/* a candidate host root: a prefix whose etc/ holds one of the marks */
struct cand {
	const char *prefix;	/* with its '/', or "" */
	size_t len;
	unsigned mask;		/* bit m: marks[m] is there */
	size_t first;		/* the index of the first node that named it */
};

static const char *const marks[] = { "etc/ntp.conf", "etc/vmware-release", "etc/hosts" };

static int
score(unsigned mask)
{
	return (mask & 1 ? 4 : 0) + (mask & 2 ? 2 : 0) + (mask & 4 ? 1 : 0);
}

/* better: more marks (ntp.conf first), then shallower, then earlier in the archive */
static bool
better(const struct cand *a, const struct cand *b)
{
	if (score(a->mask) != score(b->mask))
		return score(a->mask) > score(b->mask);
	if (a->len != b->len)
		return a->len < b->len;
	return a->first < b->first;
}

/* which vm-support made the archive, from its host root's name and what lies beside etc/ */
static void
vm_support(struct arc_index *ix, const char *prefix, size_t len)
{
	const char *base = prefix;
	char *p;
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if (prefix[i] == '/')
			base = prefix + i + 1;
	if (len > 0 && strncmp(base, "vm-support-", 11) == 0) {
		ix->info.vmsupport = VMS_CLASSIC;
		return;
	}
	p = arena_printf(&ix->arena, "%.*saction.log", (int)len, prefix);
	if (len > 0 && strncmp(base, "esx-", 4) == 0 && arc_lookup(ix, p, strlen(p)) != NULL)
		ix->info.vmsupport = VMS_ESXI;
}

static void
choose_root(struct arc_index *ix)
{
	struct cand *c = NULL;
	size_t nc = 0, cap = 0, i, k, j, best = 0;
	const char *others = NULL;

	for (i = 0; i < ix->n; i++) {
		const char *p = ix->nodes[i].path;
		size_t len = strlen(p);

		for (k = 0; k < 3 && ix->nodes[i].member; k++) {
			size_t ml = strlen(marks[k]), plen = len - ml, depth = 0;

			if (len < ml || strcmp(p + plen, marks[k]) != 0 || (plen > 0 && p[plen - 1] != '/'))
				continue;
			for (j = 0; j < plen; j++)
				depth += p[j] == '/';
			if (depth > ARC_MAX_PREFIX)
				continue;
			for (j = 0; j < nc; j++)
				if (c[j].len == plen && strncmp(c[j].prefix, p, plen) == 0)
					break;
			if (j == nc) {
				struct cand *x = VEC_PUSH(c, nc, cap);

				x->prefix = p;
				x->len = plen;
				x->mask = 0;
				x->first = i;
			}
			c[j].mask |= 1u << k;
		}
	}
	if (nc == 0) {
		ix->info.prefix = "";
		ix->info.why = "no etc/ntp.conf, etc/vmware-release or etc/hosts in the archive: "
		    "its top is the host root";
		return;
	}
	for (j = 1; j < nc; j++)
		if (better(&c[j], &c[best]))
			best = j;
	for (j = 0, k = 0; j < nc; j++) {
		if (j == best)
			continue;
		if (k++ < 3)
			others = arena_printf(&ix->arena, "%s%s'%.*s'", others ? others : "",
			    others ? ", " : "", (int)c[j].len, c[j].prefix);
	}
	if (k > 3)
		others = arena_printf(&ix->arena, "%s and %zu more", others, k - 3);
	ix->info.prefix = arena_strndup(&ix->arena, c[best].prefix, c[best].len);
	ix->info.why = arena_printf(&ix->arena, "its etc/ holds %s%s%s%s%s",
	    c[best].mask & 1 ? "ntp.conf" : "",
	    (c[best].mask & 1) && (c[best].mask & 6) ? ((c[best].mask & 6) == 6 ? ", " : " and ") : "",
	    c[best].mask & 2 ? "vmware-release" : "",
	    (c[best].mask & 2) && (c[best].mask & 4) ? " and " : "",
	    c[best].mask & 4 ? "hosts" : "");
	ix->info.others = others;
	vm_support(ix, c[best].prefix, c[best].len);
	free(c);
}

int
arc_index_build(struct arc_index *ix, int fd, const void *buf, size_t len, size_t limit)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int r, retries = 0;

	memset(ix, 0, sizeof(*ix));
	arena_init(&ix->arena);
	ix->limit = limit;
	if (a == NULL)
		fatal("out of memory");
	/* tar only (ustar, pax, GNU, v7), plain or compressed as vm-support and tar make it */
	archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	if (buf != NULL)
		r = archive_read_open_memory(a, buf, len);
	else
		r = archive_read_open_fd(a, fd, 64 * 1024);
	if (r != ARCHIVE_OK) {
		ix->info.error = arena_printf(&ix->arena, "%s", archive_error_string(a) != NULL ?
		    archive_error_string(a) : "not a tar archive");
		ix->info.prefix = "";
		ix->info.why = "the archive cannot be read";
		archive_read_free(a);
		return -1;
	}
	for (;;) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_RETRY && ++retries < 100)
			continue;
		if (r < ARCHIVE_WARN) {
			const char *msg = archive_error_string(a);

			ix->info.error = arena_strdup(&ix->arena, msg != NULL ? msg : "unreadable header");
			break;
		}
		if (add_member(ix, a, e) != 0) {
			if (ix->info.error == NULL)
				ix->info.error = arena_printf(&ix->arena, "%s (at member '%s')",
				    archive_error_string(a) ? archive_error_string(a) : "read error",
				    archive_entry_pathname(e) ? archive_entry_pathname(e) : "?");
			break;
		}
	}
	archive_read_free(a);
	choose_root(ix);
	return 0;
}

void
arc_index_free(struct arc_index *ix)
{
	size_t i;

	for (i = 0; i < ix->nblobs; i++) {
		free(ix->blobs[i]->buf);
		free(ix->blobs[i]);
	}
	free(ix->blobs);
	free(ix->nodes);
	free(ix->slots);
	arena_free(&ix->arena);
}
