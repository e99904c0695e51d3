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
#include "output_fleet.h"
#include "progress.h"
#include "roots.h"
#include "suppress.h"
#include "tally.h"
#include "util.h"

/* what the run found, for the exit status */
struct verdict {
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
	struct verdict y;
	struct roots *roots;		/* what is linted, in order */
	struct tally fleet;		/* over the roots: the summary, --statistics */
	struct progress progress;	/* on a terminal */
	bool wrote;			/* the text report has written a line */
};

/* the text report writes something for h: a finding, what its fixes did, an archive's
 * note or the probe's table */
static bool
has_text(const struct cli *c, const struct host *h, const struct root_counts *rc,
    const struct fix_plan *p)
{
	if (h->probe != NULL || (h->fs != NULL && h->fs->archive != NULL))
		return true;
	return rc->n[SEV_ERROR] + rc->n[SEV_WARNING] + rc->n[SEV_INFO] + rc->fixed > 0 ||
	    ((c->fix || c->diff) && (p->refused != NULL || p->nfiles > 0 || p->nactions > 0 ||
	    p->nnotes > 0));
}

/* where --diff shows h's files: below the roots' common directory, when there are
 * several roots (NULL: as they are, from the root) */
static const char *
diff_where(const struct cli *c, const struct run *r, const struct host *h, char *buf,
    size_t cap)
{
	if (!c->out.join_root)
		return NULL;
	return roots_below(r->roots, h->root ? h->root : h->lone, buf, cap);
}

/* the findings of h to the report */
static void
report_host(struct cli *c, struct run *r, struct host *h, const struct fix_plan *plan,
    const struct root_counts *rc)
{
	bool fixing = c->fix || c->diff;
	char where[8192];

	if (r->record != NULL) {
		baseline_out_host(r->record, h);
		return;
	}
	/* the progress line and the report may share a terminal: off it before this host's
	 * lines (a host that writes none leaves it be; JSON writes every host as it goes) */
	if ((r->report == stdout ? c->out.tty : true) &&
	    (has_text(c, h, rc, plan) || c->out.format == FMT_JSONL || c->out.format == FMT_JSON))
		progress_hide(&r->progress);
	if (c->statistics) {
		/* only the counts, at the end */
		r->t.n[SEV_ERROR] += rc->n[SEV_ERROR];
		r->t.n[SEV_WARNING] += rc->n[SEV_WARNING];
		r->t.n[SEV_INFO] += rc->n[SEV_INFO];
		r->t.fixed += rc->fixed;
		if (c->diff)
			out_diff_plan(stdout, h, plan, diff_where(c, r, h, where, sizeof(where)));
		return;
	}
	if (r->doc != NULL) {
		out_doc_host(r->doc, h, &r->t);
		if (fixing)
			out_doc_fix(r->doc, plan);
		/* JSON Lines: the root's line now (a failed write shows at the end's check) */
		(void)out_doc_root_done(r->doc);
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
		/* over several roots, a header above each root's findings */
		if (c->out.join_root && has_text(c, h, rc, plan)) {
			out_root_header(r->report, h, rc, &c->out, !r->wrote);
			r->wrote = true;
		}
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
		out_diff_plan(stdout, h, plan, diff_where(c, r, h, where, sizeof(where)));
	}
}

/* lints one host; with --fix or --diff, plans its fixes and writes them (or prints them) */
static void
run_host(struct cli *c, const char *path, bool is_root, struct run *r)
{
	struct verdict *y = &r->y;
	struct host h;
	struct fix_plan plan;
	struct fsw_err e;
	struct lint_opts lo = c->lint;
	struct arena scratch;
	struct root_counts rc;
	bool fixing = c->fix || c->diff;
	int lock = -1;
	size_t j;

	memset(&plan, 0, sizeof(plan));
	arena_init(&scratch);
	/* the config file's [host:GLOB] sections: this host's ESX and ntpd versions */
	config_host_opts(c->cfg, strcmp(path, "-") == 0 && c->stdin_name ? c->stdin_name : path,
	    CLI_GIVEN(c, OPT_ESX_VERSION),
	    CLI_GIVEN(c, OPT_NTP_VERSION), &scratch, &lo);
	/* the lock comes before the read: a second run waits, then reads the fixed files */
	if (c->fix && is_root && hostfs_is_archive(path)) {
		/* an archive in a directory of hosts or a --roots-from list (one given as a PATH
		 * is a usage error): linted, never written; its findings stay, and set the exit
		 * status as any left */
		fprintf(stderr, "esxntp-lint: %s: not fixed: --fix cannot write into an archive; use "
		    "--diff and apply the patch to an extracted copy (patch -p1 from its host root)\n",
		    path);
	} else if (c->fix && (lock = fix_lock(path, is_root, &e)) < 0) {
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
	tally_root(&r->fleet, &h, &c->fo, &rc);
	report_host(c, r, &h, &plan, &rc);
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
	if (c.roots_from != NULL && strcmp(c.roots_from, "-") == 0 && (closed & 1))
		usage_error("%s", "--roots-from - reads standard input, which is closed");
	/* every PATH and every line of --roots-from before any is read: a typo in CI is a usage
	 * error, not a host that lacks every file (whatever --fail-on and --disable say) */
	{
		char msg[8192];

		r.roots = roots_open(c.paths, c.npaths, c.roots_from, c.diff, msg, sizeof(msg));
		if (r.roots == NULL) {
			/* control bytes of a path written as \xHH, as in the report */
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
	/* several roots: each path shown with its root, a header above each root's findings,
	 * the summary; --diff's paths below the roots' common directory */
	c.out.join_root = roots_total(r.roots) > 1 || roots_any_fleet(r.roots);
	c.out.tty = tty;
	c.out.npaths = roots_total(r.roots);
	c.out.dry_run = c.diff;
	c.out.baseline = r.baseline != NULL;
	if (c.write_baseline != NULL)
		r.record = baseline_out_new();
	else if (c.out.format == FMT_JSON || c.out.format == FMT_JSONL)
		r.doc = out_doc_begin(&c.out, r.report);
	else if (c.out.format == FMT_SARIF)
		r.sarif = out_sarif_begin(&c.out, r.report);
	else if (c.out.format == FMT_GITLAB)
		r.gitlab = out_gitlab_begin(&c.out);
	else if (c.out.format == FMT_CHECKSTYLE)
		r.checkstyle = out_checkstyle_begin(r.report);
	else if (c.out.format == FMT_JUNIT)
		r.junit = out_junit_begin();
	progress_init(&r.progress, stderr, !c.quiet && isatty(2), roots_total(r.roots));
	for (;;) {
		struct root_item it;

		if (!roots_next(r.roots, &it))
			break;
		if (it.kind == ROOT_HOST || it.kind == ROOT_LONE) {
			run_host(&c, it.path, it.kind == ROOT_HOST, &r);
			progress_step(&r.progress, r.fleet.roots, r.fleet.worst_sev[SEV_ERROR]);
			continue;
		}
		/* a directory of hosts, and what in it is no host root: in the text report,
		 * else on standard error */
		r.fleet.fleets += it.kind == ROOT_FLEET;
		r.fleet.skipped += it.kind == ROOT_SKIPPED;
		if (r.record != NULL || c.statistics)
			continue;
		progress_hide(&r.progress);
		if (c.out.format == FMT_TEXT) {
			out_fleet_item(r.report, &it, "");
			r.wrote = true;
		} else if (r.doc != NULL) {
			out_doc_fleet(r.doc, &it);
		} else if (!c.quiet && !c.diff) {
			/* beside the report (not within it: --diff writes the report there) */
			out_fleet_item(stderr, &it, "esxntp-lint: ");
		}
	}
	progress_hide(&r.progress);
	if (r.record != NULL) {
		size_t n;

		tally_free(&r.fleet);
		roots_free(r.roots);
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
	if (r.doc != NULL)
		out_doc_tally(r.doc, &r.fleet);
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
	if (c.statistics) {
		out_statistics(r.report, &r.fleet, "");
	} else if (c.out.format == FMT_TEXT) {
		/* a clean run over named roots stays as quiet as over one; a directory of hosts
		 * always says what it held */
		if (c.out.join_root && (r.fleet.clean < r.fleet.roots || r.fleet.fleets > 0))
			out_fleet_summary(r.report, &r.fleet);
		out_summary_text(r.report, &r.t, &c.out);
		out_unsafe_summary(r.report, r.y.unsafe);
	}
	/* --diff over several roots: where the patch applies */
	if (c.diff && c.out.join_root && c.out.format == FMT_TEXT && !c.statistics &&
	    roots_diff_dir(r.roots) != NULL) {
		fputs("esxntp-lint: --diff: the patch's paths start at the roots' common directory '",
		    stderr);
		out_put(stderr, roots_diff_dir(r.roots));
		fputs("': apply it there with patch -p1\n", stderr);
	}
	tally_free(&r.fleet);
	roots_free(r.roots);
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
