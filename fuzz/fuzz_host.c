/* fuzz_host: libFuzzer target for the whole pipeline on a generated host tree.
 * The input is the host's files: the bytes up to the first "\n@@N\n" are etc/ntp.conf,
 * then each "@@N" line starts file N of host_files[] (tests/fuzz.sh turns the host
 * corpora into seeds of this form). The tree is written to a private directory, linted
 * for the version the host implies and for NTPsec, and reported in text and JSON. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint.h"
#include "output.h"
#include "util.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const host_files[] = {
	"etc/ntp.conf", "etc/hosts", "etc/ntp/step-tickers", "etc/vmware-release",
	"etc/ntp/extra.conf", "etc/vmware/esx.conf", "etc/sysconfig/ntpd", "etc/ntp.d/a.conf",
	"etc/rc.d/init.d/ntpd", "etc/rc.d/rc3.d/S58ntpd",
};
#define NFILES (sizeof(host_files) / sizeof(host_files[0]))

static char *root;
static FILE *sink;

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

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;

	root = xasprintf("%s/fuzz_host.XXXXXX", tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(root) == NULL)
		fatal("mkdtemp %s: %s", root, strerror(errno));
	for (i = 0; i < NFILES; i++)
		mkdirs(host_files[i]);
	sink = fopen("/dev/null", "w");
	if (sink == NULL)
		fatal("/dev/null: %s", strerror(errno));
}

static void
put_file(size_t idx, const uint8_t *p, size_t n)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, host_files[idx]);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		fatal("%s: %s", path, strerror(errno));
	if (n > 0 && write(fd, p, n) != (ssize_t)n)
		fatal("%s: short write", path);
	close(fd);
}

/* the next "\n@@D\n" marker in [p, end), or NULL */
static const uint8_t *
next_marker(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *q;

	while ((q = memmem(p, (size_t)(end - p), "\n@@", 3)) != NULL) {
		if (end - q >= 5 && q[3] >= '0' && q[3] <= '9' && q[4] == '\n')
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
	int present[NFILES] = { 0 };
	const uint8_t *p = data, *end = data + size, *q;
	size_t cur = 0, i;
	char path[4096];

	for (;;) {
		q = next_marker(p, end);
		if (!present[cur])
			put_file(cur, p, (size_t)((q != NULL ? q + 1 : end) - p));
		present[cur] = 1;
		if (q == NULL)
			break;
		cur = (size_t)(q[3] - '0') % NFILES;
		p = q + 5;
	}
	for (i = 0; i < NFILES; i++) {
		if (present[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, host_files[i]);
		unlink(path);
	}
}

static void
lint_once(int version)
{
	struct lint_opts lo;
	struct out_opts oo;
	struct out_totals t;
	struct out_doc *doc;
	struct host h;

	memset(&lo, 0, sizeof(lo));
	lo.ntp_version = version;
	lo.max_file_size = DEFAULT_MAX_FILE_SIZE;
	memset(&oo, 0, sizeof(oo));
	memset(&t, 0, sizeof(t));
	oo.show_source = true;
	oo.color = version < 0;
	host_lint(&h, root, true, &lo);
	diags_sort(&h.diags);
	oracle_diags(&h.diags);
	out_host_text(sink, &h, &oo, &t);
	oo.format = FMT_JSON;
	doc = out_doc_begin(&oo);
	out_doc_host(doc, &h, &t);
	out_doc_end(doc, sink, &t);
	host_free(&h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (root == NULL)
		setup();
	if (size > 1 << 20)
		return 0;
	write_tree(data, size);
	lint_once(-1);
	lint_once(NTPV_SEC);
	return 0;
}
