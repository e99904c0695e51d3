/* esxntp-lint: one host at a time, exit status 0 / 1 / 2. The settings come from
 * src/cli_options.c (the command line) and src/config.c (the config file). */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addrbook.h"
#include "baseline.h"
#include "cli.h"
#include "config.h"
#include "diffout.h"
#include "fix.h"
#include "fswrite.h"
#include "hostfs.h"
#include "lint.h"
#include "output.h"
#include "suppress.h"
#include "util.h"

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
	size_t unsafe;		/* --unsafe-fixes alone: findings with an unsafe fix */
};

/* --stdin-filename: standard input ("-") is shown as name, once the fixes are planned
 * (they re-read the host by its path) */
static void
name_stdin(struct host *h, struct fix_plan *p, const char *name)
{
	size_t i;

	if (h->lone == NULL || strcmp(h->lone, "-") != 0 || name == NULL)
		return;
	h->lone = name;
	for (i = 0; i < h->nconfs; i++)
		if (strcmp(h->confs[i].src->path, "-") == 0)
			h->confs[i].src->path = name;
	for (i = 0; i < h->diags.n; i++)
		if (strcmp(h->diags.v[i].path, "-") == 0)
			h->diags.v[i].path = name;
	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, "-") == 0)
			p->files[i].path = name;
}

/* where a run's findings go, and what it found */
struct run {
	FILE *report;
	struct out_doc *doc;		/* --format=json */
	struct out_sarif *sarif;	/* --format=sarif */
	struct out_gitlab *gitlab;	/* --format=gitlab */
	struct out_checkstyle *checkstyle;	/* --format=checkstyle */
	struct out_junit *junit;	/* --format=junit */
	struct baseline *baseline;	/* --baseline */
	struct baseline_out *record;	/* --write-baseline (then no report) */
	struct out_totals t;
	struct tally y;
};

/* the findings of h to the report */
static void
report_host(struct cli *c, struct run *r, struct host *h, const struct fix_plan *plan)
{
	bool fixing = c->fix || c->diff;

	if (r->record != NULL) {
		baseline_out_host(r->record, h);
		return;
	}
	if (r->doc != NULL) {
		out_doc_host(r->doc, h, fixing ? plan : NULL, &r->t);
	} else if (r->sarif != NULL) {
		out_sarif_host(r->sarif, h, &r->t);
	} else if (r->gitlab != NULL) {
		out_gitlab_host(r->gitlab, h, &r->t);
	} else if (r->checkstyle != NULL) {
		out_checkstyle_host(r->checkstyle, h, &r->t);
	} else if (r->junit != NULL) {
		out_junit_host(r->junit, h, &r->t);
	} else if (c->out.format == FMT_GITHUB) {
		out_host_github(r->report, h, &c->out, &r->t);
	} else {
		out_archive_text(r->report, h, &c->out);
		if (h->probe != NULL && c->out.format == FMT_TEXT)
			out_probe_text(r->report, h, &c->out);
		out_host_text(r->report, h, &c->out, &r->t);
	}
	/* what --fix wrote: in the text report, else on standard error (the github and
	 * other line formats' output holds nothing but their records) */
	if (fixing && r->doc == NULL && r->sarif == NULL)
		out_fix_text(c->out.format == FMT_TEXT ? r->report : stderr, h, plan, &c->out);
	if (c->diff) {
		/* the host's report (on standard error, buffered) comes before its patch */
		fflush(r->report);
		out_diff_plan(stdout, h, plan);
	}
}

/* lints one host; with --fix or --diff, plans its fixes and writes them (or prints them) */
static void
run_host(struct cli *c, const char *path, struct run *r)
{
	struct tally *y = &r->y;
	struct host h;
	struct fix_plan plan;
	struct fsw_err e;
	struct lint_opts lo = c->lint;
	struct arena scratch;
	bool is_root = is_directory(path) || hostfs_is_archive(path), fixing = c->fix || c->diff;
	int lock = -1;
	size_t j;

	memset(&plan, 0, sizeof(plan));
	arena_init(&scratch);
	/* the config file's [host:GLOB] sections: this host's ESX and ntpd versions */
	config_host_opts(c->cfg, strcmp(path, "-") == 0 && c->stdin_name ? c->stdin_name : path,
	    CLI_GIVEN(c, OPT_ESX_VERSION),
	    CLI_GIVEN(c, OPT_NTP_VERSION), &scratch, &lo);
	/* the lock comes before the read: a second run waits, then reads the fixed files */
	if (c->fix && (lock = fix_lock(path, is_root, &e)) < 0) {
		fprintf(stderr, "esxntp-lint: %s: not fixed: %s\n", path, e.msg);
		y->failed = true;
	}
	host_lint(&h, path, is_root, &lo);
	if (lock >= 0)
		fix_remove_stale(&h, &c->fo);
	diags_sort(&h.diags);
	for (j = 0; j < h.diags.n; j++)
		if (!c->enabled[h.diags.v[j].rule])
			h.diags.v[j].suppressed = SUPP_DISABLED;
	/* before the fixes: an ignored finding is not fixed, as one --disable'd */
	config_suppress(c->cfg, &h, c->stdin_name);
	if (fixing && (c->diff || lock >= 0)) {
		fix_plan(&h, &lo, &c->fo, &plan);
		if (c->fix && plan.refused == NULL)
			fix_write(&h, &plan, &c->fo);
		y->failed |= plan.write_failed;
	}
	name_stdin(&h, &plan, c->stdin_name);
	/* after the fixes: the baseline hides findings, it does not keep them from a fix */
	if (r->baseline != NULL)
		baseline_apply(r->baseline, &h);
	if (plan.new_advice && plan.refused == NULL && y->worst < (int)SEV_INFO)
		y->worst = (int)SEV_INFO;
	for (j = 0; j < h.diags.n; j++) {
		struct finding *f = &h.diags.v[j];

		if (f->fix_state == FIXST_FIXED)
			y->fixed = true;
		else if (!f->suppressed && (int)f->sev > y->worst)
			y->worst = (int)f->sev;
		if (c->out.unsafe_hints && out_unsafe_fix(f))
			y->unsafe++;
	}
	report_host(c, r, &h, &plan);
	fix_plan_free(&plan);
	host_free(&h);
	arena_free(&scratch);
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
	struct run r;
	int i, rc = 0, closed = std_fds();
	bool tty;

	if (closed & 2) {
		fprintf(stderr, "esxntp-lint: standard output is closed: nowhere to write the report\n");
		return EXIT_INTERNAL;
	}
	/* blocks of 1 MB and more (a large file's arrays, a host's findings) get pages of
	 * their own, so that realloc moves them with mremap instead of copying them; glibc
	 * would otherwise raise this threshold as such blocks are freed, and a run with
	 * 400,000 findings spent a quarter of its time copying their array as it grew */
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	memset(&r, 0, sizeof(r));
	r.y.worst = -1;
	cli_init(&c);
	cli_parse(&c, argc, argv);
	/* the config file first, then the command line on top: the command line wins.
	 * --list-rules reads none (its --format is the command line's) */
	if (!CLI_GIVEN(&c, OPT_LIST_RULES))
		config_load(&c);
	cli_apply_args(&c);
	cli_finish(&c);
	for (i = 0; i < c.npaths && (closed & 1); i++)
		if (strcmp(c.paths[i], "-") == 0)
			usage_error("%s", "'-' reads standard input, which is closed");
	/* every PATH before any is read: a typo in CI is a usage error, not a host that lacks
	 * every file (whatever --fail-on and --disable say) */
	for (i = 0; i < c.npaths; i++) {
		char msg[8192];

		if (lint_path_check(c.paths[i], msg, sizeof(msg)) != 0) {
			/* control bytes of a path written as \xHH, as in the report */
			fputs("esxntp-lint: ", stderr);
			out_put(stderr, msg);
			fputc('\n', stderr);
			cli_free(&c);
			return EXIT_INTERNAL;
		}
	}
	/* read before anything is linted: a bad baseline ends the run at once */
	if (c.baseline != NULL && c.write_baseline == NULL)
		r.baseline = baseline_read(c.baseline);
	/* --diff owns standard output (it is the patch); the report goes to standard error */
	r.report = c.diff ? stderr : stdout;
	/* standard error is unbuffered: a report written there would cost a system call
	 * per piece (JSON: per token). It is flushed before each patch and at the end */
	if (c.diff)
		setvbuf(stderr, NULL, _IOFBF, 64 * 1024);
	tty = isatty(fileno(r.report));
	c.out.color = cli_use_color(&c, tty);
	c.out.show_source = c.show_source == 1 || (c.show_source == -1 && tty);
	c.out.join_root = c.npaths > 1;
	c.out.tty = tty;
	c.out.npaths = (size_t)c.npaths;
	c.out.dry_run = c.diff;
	c.out.baseline = r.baseline != NULL;
	if (c.write_baseline != NULL)
		r.record = baseline_out_new();
	else if (c.out.format == FMT_JSON)
		r.doc = out_doc_begin(&c.out, r.report);
	else if (c.out.format == FMT_SARIF)
		r.sarif = out_sarif_begin(&c.out, r.report);
	else if (c.out.format == FMT_GITLAB)
		r.gitlab = out_gitlab_begin(&c.out);
	else if (c.out.format == FMT_CHECKSTYLE)
		r.checkstyle = out_checkstyle_begin(r.report);
	else if (c.out.format == FMT_JUNIT)
		r.junit = out_junit_begin();
	for (i = 0; i < c.npaths; i++)
		run_host(&c, c.paths[i], &r);
	if (r.record != NULL) {
		size_t n;

		if (baseline_out_write(r.record, c.write_baseline, &n) != 0) {
			fprintf(stderr, "esxntp-lint: cannot write the baseline %s: %s\n",
			    c.write_baseline, strerror(errno ? errno : EIO));
			cli_free(&c);
			return EXIT_INTERNAL;
		}
		fprintf(stderr, "esxntp-lint: %zu finding%s recorded in %s\n", n, n == 1 ? "" : "s",
		    c.write_baseline);
		cli_free(&c);
		return r.y.failed ? EXIT_INTERNAL : 0;
	}
	if (r.doc != NULL && out_doc_end(r.doc, &r.t) != 0)
		rc = -1;
	if (r.sarif != NULL && out_sarif_end(r.sarif) != 0)
		rc = -1;
	if (r.gitlab != NULL && out_gitlab_end(r.gitlab, r.report) != 0)
		rc = -1;
	if (r.checkstyle != NULL)
		out_checkstyle_end(r.checkstyle);
	if (r.junit != NULL && out_junit_end(r.junit, r.report) != 0)
		rc = -1;
	if (c.out.format == FMT_TEXT) {
		out_summary_text(r.report, &r.t, &c.out);
		out_unsafe_summary(r.report, r.y.unsafe);
	}
	/* how much the baseline hid: in the text report, else beside it */
	if (r.baseline != NULL) {
		if (c.out.format != FMT_TEXT)
			fputs("esxntp-lint: ", stderr);
		baseline_summary(r.baseline, c.out.format == FMT_TEXT ? r.report : stderr);
		baseline_free(r.baseline);
	}
	out_resolve_text(stderr, &c.addrs);
	if (fflush(stdout) != 0 || ferror(stdout) || fflush(r.report) != 0 || ferror(r.report) ||
	    rc != 0) {
		fprintf(stderr, "esxntp-lint: cannot write the report: %s\n", strerror(errno ? errno : EIO));
		rc = EXIT_INTERNAL;
	} else if (r.y.failed) {
		rc = EXIT_INTERNAL;
	} else if (c.exit_on_fix && r.y.fixed) {
		rc = 1;
	} else {
		rc = c.fail_on != FAIL_NEVER && r.y.worst >= c.fail_on ? 1 : 0;
	}
	cli_free(&c);
	return rc;
}
