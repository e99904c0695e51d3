/* scale_cases: generators of inputs at any size (see scale_cases.h). Each case is the
 * smallest input that made one path of the linter quadratic; the numbers in the names
 * are only there to make every line distinct. */
#include "scale_cases.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ntpver.h"

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "scale_cases: %s %s: %s\n", what, path, strerror(errno));
	exit(2);
}

static void
mkdirs(const char *path)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof(buf))
		die("path too long:", path);
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			die("cannot make", buf);
		buf[i] = path[i];
	}
}

/* root/rel, opened for writing (its directories made) */
static FILE *
create(const char *root, const char *rel)
{
	char path[4096], *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		mkdirs(path);
		*slash = '/';
	}
	if ((fp = fopen(path, "w")) == NULL)
		die("cannot write", path);
	return fp;
}

static void
done(FILE *fp)
{
	if (ferror(fp) || fclose(fp) != 0) {
		fprintf(stderr, "scale_cases: write error\n");
		exit(2);
	}
}

/* an ESX 3 root (ntpd 4.2.0) whose ntp.conf has VMware's restrict and driftfile lines */
static FILE *
esx3_root(const char *root)
{
	FILE *fp;

	mkdirs(root);
	fp = create(root, "etc/vmware-release");
	fputs("VMware ESX Server 3\n", fp);
	done(fp);
	fp = create(root, "etc/ntp.conf");
	fputs("restrict 127.0.0.1\nrestrict default kod nomodify notrap nopeer noquery\n"
	    "driftfile /var/lib/ntp/drift\n", fp);
	return fp;
}

/* NTP003 under ntpd 4.2.0: one finding whose fix deletes every CR (an edit each) */
static void
gen_crlf(const char *path, size_t n)
{
	FILE *fp = fopen(path, "w");
	size_t i;

	if (fp == NULL)
		die("cannot write", path);
	for (i = 0; i < n; i++)
		fprintf(fp, "# comment %zu\r\n", i);
	done(fp);
}

/* STK010: n servers of ntp.conf, none in step-tickers: one finding whose fix adds n
 * lines, whose message names the first 8 */
static void
gen_stk_missing(const char *root, size_t n)
{
	FILE *fp = esx3_root(root);
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "server ntp%zu.example.com\n", i);
	done(fp);
	done(create(root, "etc/ntp/step-tickers"));
}

/* STK005: every step-tickers line ends in CR LF (one finding, an edit per CR); the
 * servers are those of ntp.conf, so nothing else fires per line */
static void
gen_stk_crlf(const char *root, size_t n)
{
	FILE *fp = esx3_root(root), *stk = create(root, "etc/ntp/step-tickers");
	size_t i;

	for (i = 0; i < n; i++) {
		fprintf(fp, "server ntp%zu.example.com\n", i);
		fprintf(stk, "ntp%zu.example.com\r\n", i);
	}
	done(fp);
	done(stk);
}

/* STK012 and STK003 on one step-tickers line of 2n + 1 words: each entry's deletion
 * looked for the entry among the line's words */
static void
gen_stk_one_line(const char *root, size_t n)
{
	FILE *fp = esx3_root(root), *stk = create(root, "etc/ntp/step-tickers");
	size_t i;

	fputs("server ntp1.example.com\n", fp);
	done(fp);
	fputs("ntp1.example.com", stk);
	for (i = 0; i < n; i++)
		fputs(" ntp1.example.com 127.127.1.0", stk);
	fputc('\n', stk);
	done(stk);
}

/* STK011 for n step-tickers entries: with --unsafe-fixes, n fixes of one edit each,
 * every one checked against the edits taken before it */
static void
gen_stk_stale(const char *root, size_t n)
{
	FILE *fp = esx3_root(root), *stk = create(root, "etc/ntp/step-tickers");
	size_t i;

	fputs("server ntp1.example.com\n", fp);
	done(fp);
	fputs("ntp1.example.com\n", stk);
	for (i = 0; i < n; i++)
		fprintf(stk, "old%zu.example.com\n", i);
	done(stk);
}

/* NTP015 behind 'restrict default ignore': n restrict lines of n masks that are not a
 * prefix (each its own group of entries), and n servers none of them covers */
static void
gen_odd_masks(const char *path, size_t n)
{
	FILE *fp = fopen(path, "w");
	size_t i;

	if (fp == NULL)
		die("cannot write", path);
	fputs("restrict 127.0.0.1\nrestrict default ignore\n", fp);
	for (i = 0; i < n; i++) {
		fprintf(fp, "restrict 10.%zu.%zu.1 mask 255.%zu.%zu.255\n", i % 250,
		    i / 250 % 250, i / 256 % 256, i % 256);
		fprintf(fp, "server 11.%zu.%zu.2\n", i / 250 % 250, i % 250);
	}
	done(fp);
}

/* n findings (NTP001) and n suppression comments that do not silence them: each
 * finding was compared with every directive */
static void
gen_suppress(const char *path, size_t n)
{
	FILE *fp = fopen(path, "w");
	size_t i;

	if (fp == NULL)
		die("cannot write", path);
	for (i = 0; i < n; i++)
		fprintf(fp, "bogus %zu # esxntp-lint: disable=NTP002\n", i);
	done(fp);
}

/* n servers, each named by a hosts line whose address is bad (HST001, a syntax error
 * that hides the hosts file from the fixes): each hosts line's names were compared with
 * every server, and each syntax finding was counted against every finding, per pass */
static void
gen_hosts_bad(const char *root, size_t n)
{
	FILE *fp = esx3_root(root), *hst = create(root, "etc/hosts");
	size_t i;

	for (i = 0; i < n; i++) {
		fprintf(fp, "server ntp%zu.example.com\n", i);
		fprintf(hst, "999.1.1.1 ntp%zu.example.com\n", i);
	}
	done(fp);
	done(hst);
}

/* n default restrict lines that lack flags (NTP012, NTP013): the flags in force for each
 * were added up again over every restrict line */
static void
gen_default_restricts(const char *path, size_t n)
{
	FILE *fp = fopen(path, "w");
	size_t i;

	if (fp == NULL)
		die("cannot write", path);
	fputs("server 10.0.0.1\n", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "restrict default notrap # %zu\n", i);
	done(fp);
}

const struct scale_case scale_cases[] = {
	{ "ntpconf-crlf", "NTP003 (ntpd 4.2.0): an edit per CR on one finding", false,
	    "--ntp-version=4.2.0", NTPV_420, false, 10000, false, gen_crlf },
	{ "stk-missing", "STK010: the lines of every missing server, in one edit", true,
	    "", -1, false, 5000, false, gen_stk_missing },
	{ "stk-missing-diff", "--diff of the STK010 fix: lines added to an empty file", true,
	    "--diff", -1, true, 5000, true, gen_stk_missing },
	{ "stk-crlf", "STK005: an edit per CR on one finding", true,
	    "", -1, false, 5000, false, gen_stk_crlf },
	{ "stk-one-line", "STK003 and STK012: entries on one long step-tickers line", true,
	    "", -1, false, 5000, true, gen_stk_one_line },
	{ "stk-stale-fix", "--fix conflict check: one edit per STK011 fix", true,
	    "--unsafe-fixes --diff", -1, true, 5000, true, gen_stk_stale },
	{ "odd-masks", "NTP015: restrict masks that are not a prefix, against servers", false,
	    "", -1, false, 5000, false, gen_odd_masks },
	{ "suppress", "inline suppressions against findings", false,
	    "", -1, false, 10000, true, gen_suppress },
	{ "hosts-bad", "--fix: bad hosts lines naming servers, as blockers of the fixes", true,
	    "--diff", -1, true, 5000, true, gen_hosts_bad },
	{ "default-restricts", "NTP012, NTP013: many default restrict lines", false,
	    "", -1, false, 10000, true, gen_default_restricts },
	{ NULL, NULL, false, NULL, -1, false, 0, false, NULL }
};

const struct scale_case *
scale_case_find(const char *name)
{
	const struct scale_case *c;

	for (c = scale_cases; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void
scale_generate(const struct scale_case *c, size_t n, const char *path)
{
	c->gen(path, n);
}
