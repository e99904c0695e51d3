/* fuzz_host: libFuzzer target for the whole pipeline on a generated host tree.
 * The input is the host's files: the bytes up to the first "\n@@N\n" are etc/ntp.conf,
 * then each "@@N" line starts file N of host_files[], N a digit or, from file 10 on, a
 * letter a-z (tests/fuzz.sh turns the host
 * corpora into seeds of this form). The tree is written to a private directory (under
 * /dev/shm when there is one, rewriting only the files that changed) and linted for the
 * version the host implies or for NTPsec, with a resolver that answers most names.
 * Then every fix, safe and unsafe, is planned in memory as --fix would, and reported in
 * text and --diff form, and every other input in JSON. Oracles beyond "no crash": every
 * finding and edit points inside its source; a fix that is not refused gives texts that
 * parse, lose every finding of a rule the run fixed entirely, gain no error or warning,
 * and that a second fix run leaves as they are (fixing twice equals fixing once). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addrbook.h"
#include "diffout.h"
#include "fix.h"
#include "lint.h"
#include "output.h"
#include "util.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const host_files[] = {
	"etc/ntp.conf", "etc/hosts", "etc/ntp/step-tickers", "etc/vmware-release",
	"etc/ntp/extra.conf", "etc/vmware/esx.conf", "etc/sysconfig/ntpd", "etc/ntp.d/a.conf",
	"etc/rc.d/init.d/ntpd", "etc/rc.d/rc3.d/S58ntpd",
	/* what tells an ESXi root's release (src/model_esx.h) */
	"etc/vmware/.buildInfo", "etc/openwsman/identify.xml", "etc/chkconfig.db",
	"etc/init.d/ntpd", "etc/vmware/service/service.xml",
};
#define NFILES (sizeof(host_files) / sizeof(host_files[0]))

/* libFuzzer runs one input at a time: the tree's directory and what each file holds now */
static char *root;
static FILE *sink;
static struct {
	bool present;
	uint8_t *buf;
	size_t len;
} on_disk[NFILES];

static void
mkdirs(const char *path)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof(buf), "%s/%s", root, path);
	for (p = buf + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			fatal("mkdir %s: %s", buf, strerror(errno));
		*p = '/';
	}
}

/* at exit: the tree goes (directories deepest first; those still holding a file stay) */
static void
cleanup(void)
{
	char buf[4096], *slash;
	size_t i, pass;

	for (i = 0; i < NFILES; i++) {
		snprintf(buf, sizeof(buf), "%s/%s", root, host_files[i]);
		unlink(buf);
	}
	for (pass = 0; pass < 4; pass++)
		for (i = 0; i < NFILES; i++) {
			snprintf(buf, sizeof(buf), "%s/%s", root, host_files[i]);
			while ((slash = strrchr(buf, '/')) != NULL && slash > buf + strlen(root)) {
				*slash = '\0';
				rmdir(buf);
			}
		}
	rmdir(root);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;

	/* tmpfs keeps the per-input writes off the disk */
	if (access("/dev/shm", W_OK | X_OK) == 0)
		tmp = "/dev/shm";
	root = xasprintf("%s/fuzz_host.XXXXXX", tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(root) == NULL)
		fatal("mkdtemp %s: %s", root, strerror(errno));
	for (i = 0; i < NFILES; i++)
		mkdirs(host_files[i]);
	sink = fopen("/dev/null", "w");
	if (sink == NULL)
		fatal("/dev/null: %s", strerror(errno));
	atexit(cleanup);
}

static void
put_file(size_t idx, const uint8_t *p, size_t n)
{
	char path[4096];
	int fd;

	if (on_disk[idx].present && on_disk[idx].len == n && memcmp(on_disk[idx].buf, p, n) == 0)
		return;
	snprintf(path, sizeof(path), "%s/%s", root, host_files[idx]);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		fatal("%s: %s", path, strerror(errno));
	if (n > 0 && write(fd, p, n) != (ssize_t)n)
		fatal("%s: short write", path);
	close(fd);
	free(on_disk[idx].buf);
	on_disk[idx].buf = xmalloc(n + 1);
	memcpy(on_disk[idx].buf, p, n);
	on_disk[idx].len = n;
	on_disk[idx].present = true;
}

/* the file number of a marker's character: 0-9, then a-z for 10-35; -1 for another */
static int
marker_index(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return 10 + (c - 'a');
	return -1;
}

/* the next "\n@@D\n" marker in [p, end), or NULL */
static const uint8_t *
next_marker(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *q;

	while ((q = memmem(p, (size_t)(end - p), "\n@@", 3)) != NULL) {
		if (end - q >= 5 && marker_index(q[3]) >= 0 && q[4] == '\n')
			return q;
		p = q + 1;
	}
	return NULL;
}

/* writes the files the input holds (the first section of a file wins) and removes the
 * others */
static void
write_tree(const uint8_t *data, size_t size)
{
	bool present[NFILES] = { false };
	const uint8_t *p = data, *end = data + size, *q;
	size_t cur = 0, i;
	char path[4096];

	for (;;) {
		q = next_marker(p, end);
		if (!present[cur])
			put_file(cur, p, (size_t)((q != NULL ? q + 1 : end) - p));
		present[cur] = true;
		if (q == NULL)
			break;
		cur = (size_t)marker_index(q[3]) % NFILES;
		p = q + 5;
	}
	for (i = 0; i < NFILES; i++) {
		if (present[i] || !on_disk[i].present)
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, host_files[i]);
		if (unlink(path) != 0)
			fatal("unlink %s: %s", path, strerror(errno));
		on_disk[i].present = false;
	}
}

/* the resolver of the run: an address for every name the rules ask about, IPv4 and IPv6
 * in turn, and for every fourth name no answer (the nofix path) */
static void
fuzz_resolver(struct addr_entry *e, int timeout_ms)
{
	const unsigned char *p;
	unsigned long hash = 5381;

	(void)timeout_ms;
	/* by the name, not by the order asked: the same input gets the same answers */
	for (p = (const unsigned char *)e->name; *p != '\0'; p++)
		hash = hash * 33 + (unsigned long)(*p | 0x20);
	switch (hash % 4) {
	case 0:
		e->why = xstrdup("no answer (fuzz resolver)");
		e->state = ADDR_UNRESOLVED;
		return;
	case 1:
		e->addr = xasprintf("2001:db8::%lx", hash % 0xffff);
		break;
	default:
		e->addr = xasprintf("192.0.2.%lu", hash % 254 + 1);
		break;
	}
	e->state = ADDR_RESOLVED;
}

static bool
is_syntax(enum rule_id r)
{
	return r == R_NTP001 || r == R_STK001 || r == R_HST001 || r == R_FW001;
}

static size_t
count(const struct host *h, enum rule_id r, const char *path, bool fixed_only)
{
	size_t i, n = 0;

	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == r && strcmp(h->diags.v[i].path, path) == 0 &&
		    (!fixed_only || h->diags.v[i].fix_state == FIXST_FIXED))
			n++;
	return n;
}

/* a rule fixed by chmod or symlink actions: they are not in the texts, so a re-lint of
 * the texts still sees the finding */
static bool
by_actions(const struct host *h, enum rule_id r)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == r && h->diags.v[i].nactions > 0)
			return true;
	return false;
}

static bool
rewritten(const struct fix_plan *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, path) == 0)
			return true;
	return false;
}

/* the fixed texts against the findings before them: a syntax error the host had may stay
 * (the fixes that depend on it are left), the fixes never add one, and a file with a
 * statement ntpd or esx.conf's reader drops is not rewritten, except by the line-end fix
 * that removes the CR which made the error */
static void
check_fixed(const struct host *before, const struct host *after, const struct fix_plan *p)
{
	size_t i;

	for (i = 0; i < after->diags.n; i++) {
		const struct finding *f = &after->diags.v[i];

		if (is_syntax(f->rule))
			FUZZ_ASSERT(count(after, f->rule, f->path, false) <=
			    count(before, f->rule, f->path, false),
			    "the fixed %s does not parse: %s [%s]", f->path, f->message,
			    rule_table[f->rule].code);
		if (f->sev != SEV_INFO && !by_actions(before, f->rule))
			FUZZ_ASSERT(count(after, f->rule, f->path, false) <=
			    count(before, f->rule, f->path, false),
			    "the fixes add a finding to %s: %s [%s]", f->path, f->message,
			    rule_table[f->rule].code);
	}
	for (i = 0; i < before->diags.n; i++) {
		const struct finding *f = &before->diags.v[i];

		if ((f->rule == R_NTP001 && count(before, R_NTP003, f->path, false) == 0) ||
		    f->rule == R_FW001)
			FUZZ_ASSERT(!rewritten(p, f->path), "%s is rewritten with a syntax error in it: %s [%s]",
			    f->path, f->message, rule_table[f->rule].code);
	}
	for (i = 0; i < before->diags.n; i++) {
		const struct finding *f = &before->diags.v[i];
		size_t all = count(before, f->rule, f->path, false);
		size_t fixed = count(before, f->rule, f->path, true);

		if (f->fix_state != FIXST_FIXED || by_actions(before, f->rule))
			continue;
		FUZZ_ASSERT(count(after, f->rule, f->path, false) <= all - fixed,
		    "%s: %zu of %zu %s findings fixed, %zu left after the fixes", f->path, fixed,
		    all, rule_table[f->rule].code, count(after, f->rule, f->path, false));
	}
}

/* text and --diff for every input; JSON, whose tree of small allocations costs a fifth of
 * a run under ASan, for every other one (by the input's size, as the version) */
static void
report(struct host *h, const struct fix_plan *p, bool color, bool json)
{
	struct out_opts oo;
	struct out_totals t;
	struct out_doc *doc;
	json_error_t err;
	json_t *j;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	memset(&oo, 0, sizeof(oo));
	memset(&t, 0, sizeof(t));
	oo.show_source = true;
	oo.color = color;
	out_host_text(sink, h, &oo, &t);
	out_fix_text(sink, h, p, &oo);
	out_diff_plan(sink, h, p, NULL);
	if (!json)
		return;
	oo.format = FMT_JSON;
	/* the document must read back as JSON, with the root
	 * and as many findings as were counted */
	mem = open_memstream(&buf, &len);
	FUZZ_ASSERT(mem != NULL, "open_memstream");
	memset(&t, 0, sizeof(t));
	doc = out_doc_begin(&oo, mem);
	out_doc_host(doc, h, &t);
	out_doc_fix(doc, p);
	FUZZ_ASSERT(out_doc_end(doc, &t) == 0, "JSON write failed");
	FUZZ_ASSERT(fclose(mem) == 0, "JSON write failed");
	j = json_loadb(buf, len, 0, &err);
	FUZZ_ASSERT(j != NULL, "JSON report does not parse: %s at %d:%d", err.text, err.line,
	    err.column);
	FUZZ_ASSERT(json_array_size(json_object_get(json_array_get(json_object_get(j, "roots"),
	    0), "findings")) == t.n[0] + t.n[1] + t.n[2] + t.fixed,
	    "JSON findings differ from the count");
	json_decref(j);
	free(buf);
}

static void
lint_and_fix(int version, bool json)
{
	struct lint_opts lo, lo2;
	struct fix_opts fo;
	struct fix_plan p, p2;
	struct addr_book book;
	struct host h, h2;
	size_t i, j;

	memset(&lo, 0, sizeof(lo));
	lo.ntp_version = version;
	lo.max_file_size = DEFAULT_MAX_FILE_SIZE;
	memset(&fo, 0, sizeof(fo));
	fo.unsafe = true;
	for (i = 0; i < R_COUNT; i++)
		fo.fixable[i] = fo.enabled[i] = true;
	addr_book_init(&book, true);
	book.resolver = fuzz_resolver;
	lo.addrs = &book;
	host_lint(&h, root, true, &lo);
	diags_sort(&h.diags);
	oracle_diags(&h.diags);
	fix_plan(&h, &lo, &fo, &p);
	if (p.refused == NULL && p.nfiles > 0) {
		struct lint_text *texts = xreallocarray(NULL, p.nfiles, sizeof(*texts));

		for (i = 0; i < p.nfiles; i++) {
			texts[i].path = p.files[i].path;
			texts[i].buf = p.files[i].text;
			texts[i].len = p.files[i].len;
		}
		lo2 = lo;
		lo2.texts = texts;
		lo2.ntexts = p.nfiles;
		host_lint(&h2, root, true, &lo2);
		diags_sort(&h2.diags);
		oracle_diags(&h2.diags);
		check_fixed(&h, &h2, &p);
		fix_plan(&h2, &lo2, &fo, &p2);
		for (i = 0; p2.refused == NULL && i < p2.nfiles; i++) {
			for (j = 0; j < p.nfiles; j++)
				if (strcmp(p.files[j].path, p2.files[i].path) == 0)
					break;
			FUZZ_ASSERT(j < p.nfiles ? p2.files[i].len == p.files[j].len &&
			    memcmp(p2.files[i].text, p.files[j].text, p.files[j].len) == 0 :
			    p2.files[i].old != NULL && p2.files[i].len == p2.files[i].oldlen &&
			    memcmp(p2.files[i].text, p2.files[i].old, p2.files[i].len) == 0,
			    "fixing twice changes %s again (%zu bytes after the first fix, %zu after the second)",
			    p2.files[i].path, j < p.nfiles ? p.files[j].len : p2.files[i].oldlen,
			    p2.files[i].len);
		}
		fix_plan_free(&p2);
		host_free(&h2);
		free(texts);
	}
	report(&h, &p, version < 0, json);
	fix_plan_free(&p);
	host_free(&h);
	addr_book_free(&book);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (root == NULL)
		setup();
	if (size > 1 << 20)
		return 0;
	write_tree(data, size);
	/* one judging version per input, by its size, keeps each run cheap */
	lint_and_fix(size % 2 ? NTPV_SEC : -1, size / 2 % 2 == 0);
	return 0;
}
