/* esxntp-lint: command line, one host at a time, exit status 0 / 1 / 2. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addrbook.h"
#include "diffout.h"
#include "explain.h"
#include "fix.h"
#include "fswrite.h"
#include "hostfs.h"
#include "lint.h"
#include "output.h"
#include "suppress.h"
#include "util.h"
#include "version.h"

enum { FAIL_NEVER = 3 };

struct cli {
	struct lint_opts lint;
	struct out_opts out;
	int fail_on;		/* enum severity, or FAIL_NEVER */
	bool enabled[R_COUNT];
	int color;		/* -1 auto, 0 never, 1 always */
	int show_source;	/* -1 auto, 0 never, 1 always */
	bool fix, diff;		/* --fix (or --unsafe-fixes), --diff */
	bool exit_on_fix;	/* --exit-non-zero-on-fix */
	struct fix_opts fo;
	struct addr_book addrs;	/* --address, --resolve */
};

static const char usage_text[] =
"usage: esxntp-lint [OPTIONS] PATH...\n"
"\n"
"Checks the NTP set-up of VMware ESX hosts against VMware's procedure and ntpd's grammar.\n"
"A directory PATH is a host root (its etc/ntp.conf is read); a tar archive (.tar, .tgz,\n"
"a vm-support bundle) is read as one, without extracting it; any other file PATH is one\n"
"ntp.conf; '-' reads an ntp.conf from standard input.\n"
"\n"
"options:\n"
"  --ntp-version=V      judge ntp.conf as ntpd V reads it: 4.1, 4.2.0, 4.2.8 or ntpsec\n"
"                       (default: the version the host's ESX release ships, else 4.2.0)\n"
"  --esx-version=X.Y    the ESX version, when etc/vmware-release does not tell it\n"
"  --format=F           text (default), json, sarif or github\n"
"  --fail-on=S          exit 1 on findings at or above S: error, warning (default),\n"
"                       info, or never\n"
"  --enable=LIST        run only these rules: codes, names or families (NTP, HST)\n"
"  --disable=LIST       do not report these rules\n"
"  --show-source=W      print the source line and a caret: auto (on a terminal),\n"
"                       always or never\n"
"  --color=W            colour: auto (a terminal without NO_COLOR), always or never\n"
"  --max-file-size=N    refuse input files larger than N bytes (K, M, G suffixes;\n"
"                       default 16M)\n"
"\n"
"fixing (see README, \"Fixing\"):\n"
"  --fix                apply the safe fixes, each file written atomically; a host is\n"
"                       written only if the fixed files re-lint clean of what was fixed\n"
"                       (not into an archive: use --diff)\n"
"  --unsafe-fixes       also apply the unsafe fixes (implies --fix unless --diff)\n"
"  --diff               print the fixes as a unified diff (patch -p1 from the root);\n"
"                       write nothing; the report goes to standard error\n"
"  --fixable=LIST       only these rules may fix: codes, names or families\n"
"  --backup=SUFFIX      keep the old text as FILE.SUFFIX (default .bk; never overwrites:\n"
"                       FILE.SUFFIX.1, .2 ... are used when it exists)\n"
"  --no-backup          keep no copy of the old text\n"
"  --exit-non-zero-on-fix  exit 1 when something was fixed, even if nothing is left\n"
"  --address=NAME=ADDR  the address a hosts fix writes for NAME (repeatable)\n"
"  --resolve            ask the system resolver (at most 3 s a name) for the names\n"
"                       --address does not give\n"
"\n"
"  --list-rules         list every rule with its severity and fix class\n"
"  --explain=CODE       explain a rule: what it checks, why it matters, how to fix it\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"limits: files over --max-file-size, includefile nesting over 5 levels or over 64\n"
"  included files, statements of over 1024 words: each is reported (FS001, NTP041,\n"
"  NTP001) and not read (README, \"Limits\")\n"
"\n"
"exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error\n";

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "esxntp-lint: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'esxntp-lint --help'.\n");
	exit(EXIT_INTERNAL);
}

static int
tristate(const char *opt, const char *v)
{
	if (strcmp(v, "auto") == 0)
		return -1;
	if (strcmp(v, "always") == 0)
		return 1;
	if (strcmp(v, "never") == 0)
		return 0;
	usage_error("%s takes auto, always or never", opt);
	return -1;
}

static size_t
parse_size(const char *v)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (end == v || errno)
		usage_error("--max-file-size: '%s' is not a size", v);
	switch (*end) {
	case 'K': case 'k': n <<= 10; end++; break;
	case 'M': case 'm': n <<= 20; end++; break;
	case 'G': case 'g': n <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0' || n == 0 || n > SOURCE_MAX_LEN)
		usage_error("--max-file-size: '%s' is not a size from 1 byte to 4G", v);
	return (size_t)n;
}

/* --enable / --disable / --fixable: a comma-separated list of codes, names or families */
static void
select_rules(bool *set, const char *list, bool on, bool *enable_seen)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	int i;

	if (on && !*enable_seen) {
		for (i = 0; i < R_COUNT; i++)
			set[i] = false;
		*enable_seen = true;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool hit = false;

		for (i = 0; i < R_COUNT; i++)
			if (rule_matches((enum rule_id)i, tok)) {
				set[i] = on;
				hit = true;
			}
		if (!hit)
			usage_error("no rule, name or family '%s' (see --list-rules)", tok);
	}
	free(copy);
}

static void
list_rules(enum out_format fmt)
{
	int i;

	if (fmt == FMT_JSON) {
		explain_list_json(stdout);
		return;
	}
	for (i = 0; i < R_COUNT; i++) {
		const struct rule *r = &rule_table[i];
		const char *fix = fixclass_name(r->fix);

		printf("%-7s %-34s %-8s %-7s %s\n", r->code, r->name, severity_name(r->sev),
		    fix ? fix : "-", r->summary);
	}
}

static void
parse_args(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ntp-version", required_argument, NULL, 'n' },
		{ "esx-version", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "enable", required_argument, NULL, 'E' },
		{ "disable", required_argument, NULL, 'D' },
		{ "show-source", required_argument, NULL, 's' },
		{ "color", required_argument, NULL, 'c' },
		{ "max-file-size", required_argument, NULL, 'm' },
		{ "fix", no_argument, NULL, 'X' },
		{ "unsafe-fixes", no_argument, NULL, 'U' },
		{ "diff", no_argument, NULL, 'd' },
		{ "fixable", required_argument, NULL, 'R' },
		{ "backup", required_argument, NULL, 'b' },
		{ "no-backup", no_argument, NULL, 'B' },
		{ "exit-non-zero-on-fix", no_argument, NULL, 'z' },
		{ "address", required_argument, NULL, 'a' },
		{ "resolve", no_argument, NULL, 'r' },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "explain", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, i, list = 0;
	bool enable_seen = false, fixable_seen = false;
	enum ntp_version v;
	enum severity sev;
	int esx[3];

	for (i = 0; i < R_COUNT; i++)
		c->enabled[i] = c->fo.fixable[i] = true;
	c->fo.backup = ".bk";
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			if (!ntpver_parse(optarg, &v))
				usage_error("--ntp-version takes 4.1, 4.2.0, 4.2.8 or ntpsec, not '%s'", optarg);
			c->lint.ntp_version = (int)v;
			break;
		case 'e':
			if (!esx_version_parse(optarg, esx))
				usage_error("--esx-version takes a version like 3, 3.0.1 or 4.0, not '%s'",
				    optarg);
			c->lint.esx_version = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				c->out.format = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				c->out.format = FMT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				c->out.format = FMT_SARIF;
			else if (strcmp(optarg, "github") == 0)
				c->out.format = FMT_GITHUB;
			else
				usage_error("--format takes text, json, sarif or github, not '%s'", optarg);
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0)
				c->fail_on = FAIL_NEVER;
			else if (severity_parse(optarg, &sev))
				c->fail_on = (int)sev;
			else
				usage_error("--fail-on takes error, warning, info or never, not '%s'", optarg);
			break;
		case 'E':
			select_rules(c->enabled, optarg, true, &enable_seen);
			break;
		case 'D':
			select_rules(c->enabled, optarg, false, &enable_seen);
			break;
		case 'X':
			c->fix = true;
			break;
		case 'U':
			c->fo.unsafe = true;
			break;
		case 'd':
			c->diff = true;
			break;
		case 'R':
			select_rules(c->fo.fixable, optarg, true, &fixable_seen);
			break;
		case 'b':
			if (optarg[0] == '\0' || strchr(optarg, '/') != NULL)
				usage_error("--backup takes a suffix without '/', not '%s'", optarg);
			c->fo.backup = optarg;
			break;
		case 'B':
			c->fo.backup = NULL;
			break;
		case 'z':
			c->exit_on_fix = true;
			break;
		case 'a':
			if (addr_book_add(&c->addrs, optarg) != 0)
				usage_error("--address takes NAME=ADDR with an IPv4 or IPv6 address, not '%s'", optarg);
			break;
		case 'r':
			c->addrs.resolve = true;
			break;
		case 's':
			c->show_source = tristate("--show-source", optarg);
			break;
		case 'c':
			c->color = tristate("--color", optarg);
			break;
		case 'm':
			c->lint.max_file_size = parse_size(optarg);
			break;
		case 'l':
			list = 1;
			break;
		case 'x':
			exit(explain_rule(stdout, optarg) == 0 ? 0 : EXIT_INTERNAL);
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case 'V':
			printf("esxntp-lint %s\n", ESXNTP_LINT_VERSION);
			exit(0);
		case ':':
			usage_error("option '%s' needs a value", argv[optind - 1]);
			break;
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (list) {
		list_rules(c->out.format);
		exit(0);
	}
	if (optind >= argc)
		usage_error("%s", "no PATH given");
	if (c->fo.unsafe && !c->diff)
		c->fix = true;
	if (c->fix && c->diff)
		usage_error("%s", "--fix and --diff exclude each other (--diff writes nothing)");
	for (i = optind; i < argc && c->fix; i++) {
		if (strcmp(argv[i], "-") == 0)
			usage_error("%s", "--fix cannot rewrite standard input; use --diff");
		if (hostfs_is_archive(argv[i]))
			usage_error("--fix cannot write into the archive '%s'; use --diff and apply the "
			    "patch to an extracted copy (patch -p1 from its host root)", argv[i]);
	}
	memcpy(c->fo.enabled, c->enabled, sizeof(c->fo.enabled));
}

static int
is_directory(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* what the run found, for the exit status */
struct tally {
	int worst;		/* the worst severity left, or -1 */
	bool fixed;		/* something was fixed */
	bool failed;		/* a lock or a write failed */
};

/* lints one host; with --fix or --diff, plans its fixes and writes them (or prints them) */
static void
run_host(struct cli *c, const char *path, FILE *report, struct out_doc *doc,
    struct out_sarif *sarif, struct out_totals *t, struct tally *y)
{
	struct host h;
	struct fix_plan plan;
	struct fsw_err e;
	bool is_root = is_directory(path) || hostfs_is_archive(path), fixing = c->fix || c->diff;
	int lock = -1;
	size_t j;

	memset(&plan, 0, sizeof(plan));
	/* the lock comes before the read: a second run waits, then reads the fixed files */
	if (c->fix && (lock = fix_lock(path, is_root, &e)) < 0) {
		fprintf(stderr, "esxntp-lint: %s: not fixed: %s\n", path, e.msg);
		y->failed = true;
	}
	host_lint(&h, path, is_root, &c->lint);
	if (lock >= 0)
		fix_remove_stale(&h, &c->fo);
	diags_sort(&h.diags);
	for (j = 0; j < h.diags.n; j++)
		if (!c->enabled[h.diags.v[j].rule])
			h.diags.v[j].suppressed = SUPP_DISABLED;
	if (fixing && (c->diff || lock >= 0)) {
		fix_plan(&h, &c->lint, &c->fo, &plan);
		if (c->fix && plan.refused == NULL)
			fix_write(&h, &plan, &c->fo);
		y->failed |= plan.write_failed;
	}
	if (plan.new_advice && plan.refused == NULL && y->worst < (int)SEV_INFO)
		y->worst = (int)SEV_INFO;
	for (j = 0; j < h.diags.n; j++) {
		struct finding *f = &h.diags.v[j];

		if (f->fix_state == FIXST_FIXED)
			y->fixed = true;
		else if (!f->suppressed && (int)f->sev > y->worst)
			y->worst = (int)f->sev;
	}
	if (doc != NULL) {
		out_doc_host(doc, &h, t);
		if (fixing)
			out_doc_fix(doc, &plan);
	}
	else if (sarif != NULL)
		out_sarif_host(sarif, &h, t);
	else if (c->out.format == FMT_GITHUB)
		out_host_github(report, &h, &c->out, t);
	else {
		out_archive_text(report, &h, &c->out);
		out_host_text(report, &h, &c->out, t);
	}
	if (fixing && doc == NULL && sarif == NULL)
		out_fix_text(report, &h, &plan, &c->out);
	if (c->diff)
		out_diff_plan(stdout, &h, &plan);
	fix_plan_free(&plan);
	host_free(&h);
	if (lock >= 0)
		close(lock);
}

/* A closed standard descriptor would be reused by the next open(): the report would go
 * into a host file, or a host file be read as standard input. Each closed one gets
 * /dev/null; returns a bit set of those that were closed (1: stdin, 2: stdout, 4: stderr). */
static int
std_fds(void)
{
	int fd, closed = 0;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		closed |= 1 << fd;
		/* the lowest free descriptor: fd itself, as those below it are open */
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			exit(EXIT_INTERNAL);
	}
	return closed;
}

int
main(int argc, char **argv)
{
	struct cli c;
	struct out_totals t;
	struct out_doc *doc = NULL;
	struct out_sarif *sarif = NULL;
	struct tally y = { -1, false, false };
	FILE *report;
	int i, rc = 0, closed = std_fds();
	bool tty;

	if (closed & 2) {
		fprintf(stderr, "esxntp-lint: standard output is closed: nowhere to write the report\n");
		return EXIT_INTERNAL;
	}
	memset(&c, 0, sizeof(c));
	memset(&t, 0, sizeof(t));
	c.lint.ntp_version = -1;
	c.lint.max_file_size = DEFAULT_MAX_FILE_SIZE;
	c.fail_on = SEV_WARNING;
	c.color = c.show_source = -1;
	addr_book_init(&c.addrs, false);
	c.lint.addrs = &c.addrs;
	parse_args(&c, argc, argv);
	for (i = optind; i < argc && (closed & 1); i++)
		if (strcmp(argv[i], "-") == 0)
			usage_error("%s", "'-' reads standard input, which is closed");
	/* --diff owns standard output (it is the patch); the report goes to standard error */
	report = c.diff ? stderr : stdout;
	tty = isatty(fileno(report));
	/* no-color.org: an empty NO_COLOR is as good as none */
	c.out.color = c.color == 1 || (c.color == -1 && tty &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0'));
	c.out.show_source = c.show_source == 1 || (c.show_source == -1 && tty);
	c.out.join_root = argc - optind > 1;
	c.out.dry_run = c.diff;
	if (c.out.format == FMT_JSON)
		doc = out_doc_begin(&c.out);
	else if (c.out.format == FMT_SARIF)
		sarif = out_sarif_begin(&c.out);
	for (i = optind; i < argc; i++)
		run_host(&c, argv[i], report, doc, sarif, &t, &y);
	if (doc != NULL && out_doc_end(doc, report, &t) != 0)
		rc = -1;
	if (sarif != NULL && out_sarif_end(sarif, report) != 0)
		rc = -1;
	if (c.out.format == FMT_TEXT)
		out_summary_text(report, &t, &c.out);
	out_resolve_text(stderr, &c.addrs);
	addr_book_free(&c.addrs);
	if (fflush(stdout) != 0 || ferror(stdout) || fflush(report) != 0 || ferror(report) ||
	    rc != 0) {
		fprintf(stderr, "esxntp-lint: cannot write the report: %s\n", strerror(errno ? errno : EIO));
		return EXIT_INTERNAL;
	}
	if (y.failed)
		return EXIT_INTERNAL;
	if (c.exit_on_fix && y.fixed)
		return 1;
	return c.fail_on != FAIL_NEVER && y.worst >= c.fail_on ? 1 : 0;
}
