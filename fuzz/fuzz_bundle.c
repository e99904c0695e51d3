/* fuzz_bundle: libFuzzer target for tar archives read as host roots (a vm-support bundle).
 * The input is the archive's bytes (plain, or gzip, bzip2, xz compressed), read from
 * memory as the tool reads a file. Oracles beyond "no crash, no leak, no undefined
 * behaviour": every indexed path is normalized (no empty, '.' or '..' component, no
 * leading '/') and found again by its path; the host root chosen is "" or a directory of
 * at most ARC_MAX_PREFIX levels that holds etc/; every path below the root that lookup
 * gives is found by the resolver as the same node; what a read returns is the data of a
 * member under the host root (nothing outside it is ever reached), at most the limit.
 * Then the whole pipeline lints the root, with --diff's fix planning, in text and JSON. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_index.h"
#include "diffout.h"
#include "fix.h"
#include "fsread.h"
#include "hostfs.h"
#include "lint.h"
#include "output.h"
#include "util.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* small, so that the size limit is met often */
#define LIMIT 4096

static const char *const reads[] = {
	"etc/ntp.conf", "etc/hosts", "etc/ntp/step-tickers", "etc/vmware-release",
	"etc/vmware/esx.conf", "etc/rc.d/init.d/ntpd", "etc/rc.d/rc3.d/S58ntpd", "etc/a",
	"etc/../../etc/ntp.conf", "/etc/hosts", "var/lib/ntp/drift", "etc/rc3.d",
	"tmp/working_dir.txt", "tmp/chkconfig.1.txt", "tmp",
};

static FILE *sink;

static void
check_path(const char *p)
{
	const char *c = p;

	FUZZ_ASSERT(p[0] != '/', "indexed path '%s' is absolute", p);
	while (*c != '\0') {
		const char *e = strchr(c, '/');
		size_t k = e != NULL ? (size_t)(e - c) : strlen(c);

		FUZZ_ASSERT(k > 0 && !(k == 1 && c[0] == '.') && !(k == 2 && c[0] == '.' && c[1] == '.'),
		    "indexed path '%s' is not normalized", p);
		c += k + (e != NULL);
		FUZZ_ASSERT(e == NULL || *c != '\0', "indexed path '%s' ends in '/'", p);
	}
}

/* the read's bytes are those of a regular member under the host root */
static void
check_read(const struct arc_index *ix, const char *prefix, const char *rel, const struct fsread *r)
{
	size_t i, plen = strlen(prefix);

	if (r->status != FSR_OK)
		return;
	FUZZ_ASSERT(r->len <= LIMIT, "%s: read %zu bytes over the limit", rel, r->len);
	for (i = 0; i < ix->n; i++) {
		const struct arc_node *nd = &ix->nodes[i];

		if (nd->data != NULL && strncmp(nd->path, prefix, plen) == 0 &&
		    nd->data->len == r->len && memcmp(nd->data->buf, r->buf, r->len) == 0)
			return;
	}
	FUZZ_ASSERT(0, "%s: the bytes read are no member's under '%s'", rel, prefix);
}

/* does a directory of path below the root (after plen bytes) resolve through a
 * symlink, or is it not a directory (then path is not reached as itself) */
static bool
links_above(const struct arc_index *ix, const char *path, size_t plen)
{
	const char *s;

	for (s = strchr(path + plen, '/'); s != NULL; s = strchr(s + 1, '/')) {
		const struct arc_node *d = arc_lookup(ix, path, (size_t)(s - path));

		if (d == NULL || !S_ISDIR(d->mode))
			return true;
	}
	return false;
}

static void
check_index(struct hostfs *fs, const struct arc_index *ix)
{
	const char *prefix = fs->archive->prefix;
	size_t plen = strlen(prefix), i, depth = 0;
	struct stat st;

	for (i = 0; i < plen; i++)
		depth += prefix[i] == '/';
	FUZZ_ASSERT(plen == 0 || (prefix[plen - 1] == '/' && depth <= ARC_MAX_PREFIX),
	    "host root '%s'", prefix);
	for (i = 0; i < ix->n; i++) {
		const struct arc_node *nd = &ix->nodes[i];

		check_path(nd->path);
		FUZZ_ASSERT(arc_lookup(ix, nd->path, strlen(nd->path)) == nd,
		    "'%s' is not found by its path", nd->path);
		FUZZ_ASSERT(nd->data == NULL || (S_ISREG(nd->mode) && nd->data->len <= LIMIT &&
		    nd->data->nlink >= 1), "'%s': data of %zu bytes", nd->path, nd->data->len);
		/* a directory below the root that the index holds is one to the resolver */
		if (strncmp(nd->path, prefix, plen) == 0 && nd->path[plen] != '\0' &&
		    !nd->member && S_ISDIR(nd->mode) && i < 256 && !links_above(ix, nd->path, plen))
			FUZZ_ASSERT(fs->ops->stat(fs, nd->path + plen, false, &st) == 0 &&
			    S_ISDIR(st.st_mode), "implied directory '%s' not found (errno %d)",
			    nd->path, errno);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hostfs *fs;
	const struct arc_index *ix;
	struct lint_opts lo;
	struct fix_opts fo;
	struct fix_plan p;
	struct out_opts oo;
	struct out_totals t;
	struct out_doc *doc;
	struct host h;
	const char *err;
	size_t i;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	fs = hostfs_archive("fuzz.tar", data, size, LIMIT, &err);
	FUZZ_ASSERT(fs != NULL, "an archive in memory always opens: %s", err ? err : "?");
	ix = hostfs_archive_index(fs);
	check_index(fs, ix);
	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		struct fsread r;
		struct stat st;
		char **names;
		size_t n;

		fs->ops->read(fs, reads[i], LIMIT, &r);
		check_read(ix, fs->archive->prefix, reads[i], &r);
		free(r.buf);
		(void)fs->ops->stat(fs, reads[i], false, &st);
		if (fs->ops->list(fs, reads[i], &names, &n) == 0)
			hostfs_names_free(names, n);
	}

	memset(&lo, 0, sizeof(lo));
	lo.ntp_version = -1;
	lo.max_file_size = LIMIT;
	lo.fs = fs;
	host_lint(&h, "fuzz.tar", true, &lo);
	diags_sort(&h.diags);
	oracle_diags(&h.diags);
	memset(&fo, 0, sizeof(fo));
	for (i = 0; i < R_COUNT; i++)
		fo.fixable[i] = fo.enabled[i] = true;
	fix_plan(&h, &lo, &fo, &p);
	memset(&oo, 0, sizeof(oo));
	memset(&t, 0, sizeof(t));
	oo.show_source = true;
	oo.dry_run = true;
	out_archive_text(sink, &h, &oo);
	out_host_text(sink, &h, &oo, &t);
	out_diff_plan(sink, &h, &p, NULL);
	if (size & 1) {
		oo.format = FMT_JSON;
		doc = out_doc_begin(&oo, sink);
		out_doc_host(doc, &h, &t);
		out_doc_end(doc, &t);
	}
	fix_plan_free(&p);
	host_free(&h);
	hostfs_free(fs);
	return 0;
}
