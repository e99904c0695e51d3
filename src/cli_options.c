/* cli_options: the command line, and the one setter it shares with the config file. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "explain.h"
#include "hostfs.h"
#include "model_files.h"
#include "util.h"
#include "version.h"

static const char usage_text[] =
"usage: esxntp-lint [OPTIONS] PATH...\n"
"       esxntp-lint [OPTIONS] --roots-from=FILE [PATH...]\n"
"\n"
"Checks the NTP set-up of VMware ESX hosts against VMware's procedure and ntpd's grammar.\n"
"A directory PATH is a host root (it holds etc/, and etc/ntp.conf is read); a tar archive\n"
"(.tar, .tgz, a vm-support bundle) is read as one, without extracting it; any other file\n"
"PATH is one ntp.conf; '-' reads an ntp.conf from standard input. A directory with no etc/\n"
"in which directories (or tar archives) hold etc/ is a directory of hosts: each of them is\n"
"linted as a host root, in name order (one level down only; the other entries are listed\n"
"as skipped). A PATH that does not exist, or a directory that is neither, is a usage\n"
"error (exit 2).\n"
"\n"
"options:\n"
"  --ntp-version=V      judge ntp.conf as ntpd V reads it: 4.1, 4.2.0, 4.2.2, 4.2.8\n"
"                       or ntpsec (default: the ntpd of the host's ESX release: 4.1 for\n"
"                       ESX 2.x-3.x, 4.2.2 for ESX 4.x, 4.2.8 for ESXi 5+; else 4.1)\n"
"  --esx-version=X.Y    the ESX version of every root, when its files do not tell it\n"
"  --format=F           text (default), json, jsonl (a line per root, written as each is\n"
"                       done), sarif, github, gitlab, checkstyle or junit\n"
"  --fail-on=S          exit 1 on findings at or above S: error, warning (default),\n"
"                       info, or never\n"
"  --enable=LIST        run only these rules: codes, names or families (NTP, HST)\n"
"  --disable=LIST       do not report these rules\n"
"  --show-source=W      print the source line and a caret: auto (on a terminal),\n"
"                       always or never\n"
"  --color=W            colour: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR set\n"
"                       and not 0 turns it on, over NO_COLOR), always or never\n"
"  --max-file-size=N    refuse input files larger than N bytes (K, M, G suffixes;\n"
"                       default 16M)\n"
"  --stdin-filename=NAME  the name of standard input ('-') in reports and in the config\n"
"                       file's globs (no PATH: reads standard input)\n"
"  --no-pin-pool        follow the later revision of VMware's procedure: do not ask\n"
"                       for *.pool.ntp.org servers in /etc/hosts (HST010)\n"
"\n"
"several hosts (see README, \"A fleet in one run\"):\n"
"  --roots-from=FILE    also lint the PATHs FILE lists, one a line ('-': standard\n"
"                       input; blank lines and lines starting with '#' are skipped)\n"
"  --statistics         print only the findings per rule: count, code, [*] when one has\n"
"                       a fix, name (text format)\n"
"  -q, --quiet          no progress line (shown on a terminal for runs over a second)\n"
"                       and no notes on standard error\n"
"\n"
"configuration (see README, \"Configuration\"):\n"
"  --config=FILE        read the settings from FILE, not from the esxntp-lint.ini found\n"
"                       in the current directory or a parent (up to the repository's top)\n"
"  --no-config          read no config file\n"
"  --baseline=FILE      report only the findings FILE does not record (see README,\n"
"                       \"Baseline\")\n"
"  --write-baseline=FILE  record the findings in FILE instead of reporting them\n"
"\n"
"fixing (see README, \"Fixing\"):\n"
"  --fix                apply the safe fixes, each file written atomically; a host is\n"
"                       written only if the fixed files re-lint clean of what was fixed\n"
"                       (not into an archive: use --diff)\n"
"  --unsafe-fixes       with --fix or --diff, also the unsafe fixes; alone, only say\n"
"                       which findings have one\n""  --fix-managed        also change files whose header says configuration management\n"
"                       writes them (FS005; implies --fix unless --diff)\n"
"  --diff               print the fixes as a unified diff (patch -p1 from the root);\n"
"                       write nothing; the report goes to standard error\n"
"  --fixable=LIST       only these rules may fix: codes, names or families\n"
"  --backup=SUFFIX      keep the old text as FILE.SUFFIX (default .bk; never overwrites:\n"
"                       FILE.SUFFIX.1, .2 ... are used when it exists)\n"
"  --no-backup          keep no copy of the old text\n"
"  --exit-non-zero-on-fix  exit 1 when something was fixed, even if nothing is left\n"
"  --address=NAME=ADDR  the address a hosts fix writes for NAME (repeatable)\n"
"  --resolve            ask the system resolver (at most 3 s a name) for the names\n"
"                       --address does not give (and for pinned pool names, HST011)\n"
"\n"
"probing the live host (see README, \"Probing the live host\"):\n"
"  --probe              also ask the running ntpd (mode 6, as ntpq -p) and every server\n"
"                       of ntp.conf (SNTP, as ntpdate -q); PATH defaults to /\n"
"  --max-offset=T       the largest clock offset tolerated (PRB005, PRB007): T in\n"
"                       milliseconds, or with s or ms (default 128ms, ntpd's step threshold)\n"
"  --probe-timeout=T    how long one request waits for its answer: T in seconds, or with\n"
"                       s or ms (default 1s); each is sent 3 times at most\n"
"\n"
"  --list-rules         list every rule with its severity and fix class (--format=text\n"
"                       or json)\n"
"  --explain=CODE       explain a rule: what it checks, why it matters, how to fix it\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n"
"\n"
"limits: files over --max-file-size, includefile nesting over 5 levels or over 64\n"
"  included files, statements of over 1024 words: each is reported (FS001, NTP041,\n"
"  NTP001) and not read (README, \"Limits\")\n"
"\n"
"The README is installed as share/doc/esxntp-lint/README.md under the prefix (and\n"
"the manual as esxntp-lint(1)).\n"
"\n"
"exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or internal error\n"
"  (a PATH that is no host root or file, whatever --fail-on and --disable say)\n";

static const struct option longopts[] = {
	{ "ntp-version", required_argument, NULL, OPT_NTP_VERSION },
	{ "esx-version", required_argument, NULL, OPT_ESX_VERSION },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "show-source", required_argument, NULL, OPT_SHOW_SOURCE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "unsafe-fixes", no_argument, NULL, OPT_UNSAFE_FIXES },
	{ "fix-managed", no_argument, NULL, OPT_FIX_MANAGED },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "fixable", required_argument, NULL, OPT_FIXABLE },
	{ "backup", required_argument, NULL, OPT_BACKUP },
	{ "no-backup", no_argument, NULL, OPT_NO_BACKUP },
	{ "exit-non-zero-on-fix", no_argument, NULL, OPT_EXIT_ON_FIX },
	{ "address", required_argument, NULL, OPT_ADDRESS },
	{ "resolve", no_argument, NULL, OPT_RESOLVE },
	{ "no-pin-pool", no_argument, NULL, OPT_NO_PIN_POOL },
	{ "probe", no_argument, NULL, OPT_PROBE },
	{ "max-offset", required_argument, NULL, OPT_MAX_OFFSET },
	{ "probe-timeout", required_argument, NULL, OPT_PROBE_TIMEOUT },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ "roots-from", required_argument, NULL, OPT_ROOTS_FROM },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "statistics", no_argument, NULL, OPT_STATISTICS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char *const format_names[] = {
	[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_SARIF] = "sarif",
	[FMT_GITHUB] = "github", [FMT_GITLAB] = "gitlab", [FMT_CHECKSTYLE] = "checkstyle",
	[FMT_JUNIT] = "junit", [FMT_JSONL] = "jsonl",
};

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("esxntp-lint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'esxntp-lint --help'.\n", stderr);
	exit(EXIT_INTERNAL);
}

const char *
cli_opt_name(enum opt o)
{
	const struct option *l;

	for (l = longopts; l->name != NULL; l++)
		if (l->val == (int)o)
			return l->name;
	return "?";
}

void
cli_init(struct cli *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	arena_init(&c->arena);
	c->lint.ntp_version = -1;
	c->lint.max_file_size = DEFAULT_MAX_FILE_SIZE;
	c->fail_on = SEV_WARNING;
	c->color = c->show_source = -1;
	for (i = 0; i < R_COUNT; i++)
		c->enabled[i] = c->fo.fixable[i] = true;
	c->fo.backup = ".bk";
	addr_book_init(&c->addrs, false);
	c->lint.addrs = &c->addrs;
}

void
cli_free(struct cli *c)
{
	config_free(c->cfg);
	addr_book_free(&c->addrs);
	free(c->args);
	arena_free(&c->arena);
}

/* the error of a setter, in err[0..cap) */
static int
bad(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
bad(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
	return -1;
}

static int
tristate(const char *v, int *out, char *err, size_t cap)
{
	if (strcmp(v, "auto") == 0)
		*out = -1;
	else if (strcmp(v, "always") == 0)
		*out = 1;
	else if (strcmp(v, "never") == 0)
		*out = 0;
	else
		return bad(err, cap, "takes auto, always or never, not '%s'", v);
	return 0;
}

static int
parse_size(const char *v, size_t *out, char *err, size_t cap)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (end == v || errno || *v == '-')
		return bad(err, cap, "'%s' is not a size", v);
	switch (*end) {
	case 'K': case 'k': n <<= 10; end++; break;
	case 'M': case 'm': n <<= 20; end++; break;
	case 'G': case 'g': n <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0' || n == 0 || n > SOURCE_MAX_LEN)
		return bad(err, cap, "'%s' is not a size from 1 byte to 4G", v);
	*out = (size_t)n;
	return 0;
}

/* a duration in nanoseconds: a decimal number of unit_ns, or with an "ms" or "s" suffix,
 * from lo to hi nanoseconds (range says so in words) */
static int
parse_duration(const char *v, int64_t unit_ns, int64_t lo, int64_t hi, const char *range,
    int64_t *out, char *err, size_t cap)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || errno || !(d >= 0) || *v < '0' || *v > '9')
		return bad(err, cap, "takes a duration like 128ms or 0.5s, not '%s'", v);
	if (strcmp(end, "ms") == 0)
		d *= 1e6;
	else if (strcmp(end, "s") == 0)
		d *= 1e9;
	else if (*end == '\0')
		d *= (double)unit_ns;
	else
		return bad(err, cap, "takes a duration like 128ms or 0.5s, not '%s'", v);
	if (d < (double)lo || d > (double)hi)
		return bad(err, cap, "takes %s, not '%s'", range, v);
	*out = (int64_t)d;
	return 0;
}

/* a config file's boolean; the command line's flags have none (true) */
static int
boolean(const char *v, bool *out, char *err, size_t cap)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	if (v == NULL) {
		*out = true;
		return 0;
	}
	for (i = 0; i < 4; i++) {
		if (strcmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return bad(err, cap, "takes true or false, not '%s'", v);
}

int
cli_select_rules(bool *set, const char *list, bool on, bool *seen, char *err, size_t cap)
{
	char *copy = xstrdup(list), *tok, *save = NULL;
	bool next[R_COUNT];
	int i;

	memcpy(next, set, sizeof(next));
	if (on && seen != NULL && !*seen) {
		for (i = 0; i < R_COUNT; i++)
			next[i] = false;
	}
	for (tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		bool hit = false;

		for (i = 0; i < R_COUNT; i++)
			if (rule_matches((enum rule_id)i, tok)) {
				next[i] = on;
				hit = true;
			}
		if (!hit) {
			bad(err, cap, "no rule, name or family '%s' (see --list-rules)", tok);
			free(copy);
			return -1;
		}
	}
	free(copy);
	memcpy(set, next, sizeof(next));
	if (on && seen != NULL)
		*seen = true;
	return 0;
}

int
cli_set(struct cli *c, enum opt o, const char *v, bool from_config, char *err, size_t cap)
{
	enum ntp_version nv;
	enum severity sev;
	int esx[3];
	size_t i;
	bool b = true;

	switch (o) {
	case OPT_NTP_VERSION:
		if (!ntpver_parse(v, &nv))
			return bad(err, cap, "takes 4.1, 4.2.0, 4.2.2, 4.2.8 or ntpsec, not '%s'", v);
		c->lint.ntp_version = (int)nv;
		return 0;
	case OPT_ESX_VERSION:
		if (!esx_version_parse(v, esx))
			return bad(err, cap, "takes a version like 3, 3.0.1 or 4.0, not '%s'", v);
		c->lint.esx_version = arena_strdup(&c->arena, v);
		return 0;
	case OPT_FORMAT:
		for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
			if (strcmp(v, format_names[i]) == 0) {
				c->out.format = (enum out_format)i;
				return 0;
			}
		return bad(err, cap, "takes text, json, jsonl, sarif, github, gitlab, checkstyle or junit, not '%s'", v);
	case OPT_FAIL_ON:
		if (strcmp(v, "never") == 0)
			c->fail_on = FAIL_NEVER;
		else if (severity_parse(v, &sev))
			c->fail_on = (int)sev;
		else
			return bad(err, cap, "takes error, warning, info or never, not '%s'", v);
		return 0;
	case OPT_ENABLE:
		return cli_select_rules(c->enabled, v, true, &c->enable_seen, err, cap);
	case OPT_DISABLE:
		return cli_select_rules(c->enabled, v, false, NULL, err, cap);
	case OPT_FIXABLE:
		return cli_select_rules(c->fo.fixable, v, true, &c->fixable_seen, err, cap);
	case OPT_SHOW_SOURCE:
		return tristate(v, &c->show_source, err, cap);
	case OPT_COLOR:
		return tristate(v, &c->color, err, cap);
	case OPT_MAX_FILE_SIZE:
		return parse_size(v, &c->lint.max_file_size, err, cap);
	case OPT_BACKUP:
		if (v[0] == '\0' || strchr(v, '/') != NULL)
			return bad(err, cap, "takes a suffix without '/', not '%s'", v);
		c->fo.backup = arena_strdup(&c->arena, v);
		return 0;
	case OPT_NO_BACKUP:
		if (boolean(v, &b, err, cap) != 0)
			return -1;
		c->fo.backup = b ? NULL : ".bk";
		return 0;
	case OPT_UNSAFE_FIXES:
		return boolean(v, &c->fo.unsafe, err, cap);
	case OPT_EXIT_ON_FIX:
		return boolean(v, &c->exit_on_fix, err, cap);
	case OPT_RESOLVE:
		return boolean(v, &c->addrs.resolve, err, cap);
	case OPT_NO_PIN_POOL:
		return boolean(v, &c->lint.no_pin_pool, err, cap);
	case OPT_ADDRESS:
		if (addr_book_add(&c->addrs, v) != 0)
			return bad(err, cap, "takes NAME=ADDR with an IPv4 or IPv6 address, not '%s'", v);
		return 0;
	case OPT_BASELINE:
		/* a config file's path is relative to the config file */
		c->baseline = from_config ? config_path(c->cfg, &c->arena, v) :
		    arena_strdup(&c->arena, v);
		return 0;
	case OPT_FIX:
		c->fix = true;
		return 0;
	case OPT_FIX_MANAGED:
		c->fo.managed = true;
		return 0;
	case OPT_DIFF:
		c->diff = true;
		return 0;
	case OPT_STDIN_FILENAME:
		if (v[0] == '\0')
			return bad(err, cap, "takes a file name, not ''");
		c->stdin_name = arena_strdup(&c->arena, v);
		return 0;
	case OPT_WRITE_BASELINE:
		c->write_baseline = arena_strdup(&c->arena, v);
		return 0;
	case OPT_LIST_RULES:
		c->list_rules = true;
		return 0;
	case OPT_PROBE:
		c->probe = true;
		return 0;
	case OPT_MAX_OFFSET:
		/* up to a day: ntpd's own step threshold can be set that high ('tinker step') */
		return parse_duration(v, 1000000, 1000, 86400LL * 1000000000, "1us to 86400s",
		    &c->po.max_offset_ns, err, cap);
	case OPT_PROBE_TIMEOUT: {
		int64_t ns;

		if (parse_duration(v, 1000000000, 10000000, 60LL * 1000000000, "10ms to 60s", &ns,
		    err, cap) != 0)
			return -1;
		c->po.timeout_ms = (int)(ns / 1000000);
		return 0;
	}
	case OPT_ROOTS_FROM:
		if (v[0] == '\0')
			return bad(err, cap, "takes a file name ('-': standard input), not ''");
		c->roots_from = arena_strdup(&c->arena, v);
		return 0;
	case OPT_QUIET:
		return boolean(v, &c->quiet, err, cap);
	case OPT_STATISTICS:
		return boolean(v, &c->statistics, err, cap);
	case OPT_CONFIG:
	case OPT_NO_CONFIG:
	case OPT_EXPLAIN:
	case OPT_END:
		break;
	}
	return bad(err, cap, "is not a setting");
}

void
cli_parse(struct cli *c, int argc, char **argv)
{
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hVq", longopts, NULL)) != -1) {
		if (ch == 'q')
			ch = OPT_QUIET;
		switch (ch) {
		case OPT_EXPLAIN:
			exit(explain_rule(stdout, optarg) == 0 ? 0 : EXIT_INTERNAL);
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case 'V':
			printf("esxntp-lint %s\n", ESXNTP_LINT_VERSION);
			exit(0);
		case OPT_CONFIG:
			c->config_file = optarg;
			break;
		case OPT_NO_CONFIG:
			c->no_config = true;
			break;
		case ':':
			usage_error("option '%s' needs a value", argv[optind - 1]);
		case '?':
			/* optopt: the short option, or the long option that was given a value;
			 * argv[optind - 1] is not the option when it was a short one ("-j4"
			 * leaves optind past it only at its end) */
			if (optopt >= 256)
				usage_error("option '--%s' takes no value", cli_opt_name((enum opt)optopt));
			if (optopt > 0)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%.*s'", (int)strcspn(argv[optind - 1], "="),
			    argv[optind - 1]);
		default: {
			struct cli_arg *a = VEC_PUSH(c->args, c->nargs, c->capargs);

			a->opt = (enum opt)ch;
			a->value = optarg;
			CLI_GIVEN(c, ch) = true;
			break;
		}
		}
	}
	if (c->config_file != NULL && c->no_config)
		usage_error("--config and --no-config exclude each other");
	c->paths = argv + optind;
	c->npaths = argc - optind;
}

void
cli_apply_args(struct cli *c)
{
	char err[512];
	size_t i;

	/* the command line's --enable and --fixable replace the config file's selection */
	c->enable_seen = c->fixable_seen = false;
	for (i = 0; i < c->nargs; i++)
		if (cli_set(c, c->args[i].opt, c->args[i].value, false, err, sizeof(err)) != 0) {
			const char *name = cli_opt_name(c->args[i].opt);

			/* "--fail-on takes ...", "--enable: no rule ..." */
			usage_error("--%s%s %s", name, strncmp(err, "takes", 5) == 0 ? "" : ":", err);
		}
}

bool
cli_use_color(const struct cli *c, bool tty)
{
	const char *no = getenv("NO_COLOR"), *force = getenv("FORCE_COLOR");

	/* --color, or the config file's color, is the user's choice for this run:
	 * no-color.org lets it override NO_COLOR, and it overrides FORCE_COLOR too */
	if (c->color >= 0)
		return c->color == 1;
	/* force-color.org: a FORCE_COLOR that is set and not empty forces colour, and
	 * wins over NO_COLOR (its reference code reads it after NO_COLOR); "0" does not
	 * force, as Node.js tools read it as "no colour" */
	if (force != NULL && force[0] != '\0' && strcmp(force, "0") != 0)
		return true;
	/* no-color.org: a NO_COLOR that is set and not empty turns colour off */
	if (no != NULL && no[0] != '\0')
		return false;
	return tty;
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

void
cli_finish(struct cli *c)
{
	int i;

	if (c->list_rules) {
		if (c->npaths > 0)
			usage_error("--list-rules takes no PATH (it lists the rules, it lints nothing)");
		if (c->out.format != FMT_TEXT && c->out.format != FMT_JSON)
			usage_error("--list-rules writes text or json, not --format=%s",
			    format_names[c->out.format]);
		list_rules(c->out.format);
		exit(ferror(stdout) || fflush(stdout) != 0 ? EXIT_INTERNAL : 0);
	}
	if ((CLI_GIVEN(c, OPT_MAX_OFFSET) || CLI_GIVEN(c, OPT_PROBE_TIMEOUT)) && !c->probe)
		usage_error("--%s needs --probe", CLI_GIVEN(c, OPT_MAX_OFFSET) ? "max-offset" :
		    "probe-timeout");
	if (c->probe && (c->fix || c->diff || c->fo.managed))
		usage_error("--probe checks the live host and fixes nothing: use it without --fix, "
		    "--fix-managed and --diff");
	if (c->probe && c->write_baseline != NULL)
		usage_error("--probe's findings are of the moment: not with --write-baseline");
	if (c->probe) {
		c->po.io = &probe_io_system;
		c->lint.probe = &c->po;
	}
	/* --probe without a PATH: the live host's own files */
	if (c->npaths == 0 && c->probe && c->stdin_name == NULL) {
		static char *slash[] = { "/" };

		c->paths = slash;
		c->npaths = 1;
	}
	if (c->npaths == 0 && c->stdin_name != NULL) {
		static char *dash[] = { "-" };

		c->paths = dash;
		c->npaths = 1;
	}
	if (c->npaths == 0 && c->roots_from == NULL)
		usage_error("no PATH given");
	if (c->statistics && c->out.format != FMT_TEXT)
		usage_error("--statistics is a text report, not --format=%s (the JSON summary has the "
		    "findings per rule)", format_names[c->out.format]);
	/* --unsafe-fixes alone writes nothing (as Ruff's): it says which fixes are unsafe */
	c->out.unsafe_hints = c->fo.unsafe && !c->fix && !c->diff && !c->fo.managed;
	if (c->fo.managed && !c->diff)
		c->fix = true;
	if (c->fix && c->diff)
		usage_error("--fix and --diff exclude each other (--diff writes nothing)");
	if (c->write_baseline != NULL && (c->fix || c->diff))
		usage_error("--write-baseline records the findings as they are: not with --%s",
		    c->fix ? "fix" : "diff");
	for (i = 0; i < c->npaths && c->fix; i++)
		if (hostfs_is_archive(c->paths[i]))
			usage_error("--fix cannot write into the archive '%s'; use --diff and apply the "
			    "patch to an extracted copy (patch -p1 from its host root)", c->paths[i]);
	for (i = 0; i < c->npaths; i++) {
		if (strcmp(c->paths[i], "-") != 0)
			continue;
		if (c->fix)
			usage_error("--fix cannot rewrite standard input; use --diff");
		if (c->roots_from != NULL && strcmp(c->roots_from, "-") == 0)
			usage_error("--roots-from - and the PATH '-' both read standard input");
		break;
	}
	if (c->stdin_name != NULL && i == c->npaths)
		usage_error("--stdin-filename names standard input, and no PATH is '-'");
	memcpy(c->fo.enabled, c->enabled, sizeof(c->fo.enabled));
}
