/* bench_parse: times ntpconf_parse + ntpconf_check alone, on files already in memory.
 *   bench_parse [-v VERSION] [-r REPEAT] FILE...
 * One file: the best of REPEAT runs in MB/s, and the process's peak RSS (the input buffer
 * included, as in esxntp-lint). Several files: the mean time per file over all of them,
 * best of REPEAT passes. Times are CPU time (the figure that other load on the machine
 * disturbs least) and wall time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fsread.h"
#include "ntpconf.h"
#include "ntpconf_check.h"
#include "util.h"

static double
now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* parses and checks one file; returns the findings, so none of the work is dead */
static size_t
one(char *buf, size_t len, enum ntp_version v)
{
	struct arena a;
	struct diags d;
	struct source *src;
	struct ntpconf *c;
	size_t n;

	arena_init(&a);
	diags_init(&d, &a);
	/* like host_load(): the source borrows the buffer it was read into */
	src = arena_alloc(&a, sizeof(*src));
	src->path = "bench.conf";
	src->buf = buf;
	src->len = (uint32_t)len;
	src->arena = &a;
	c = ntpconf_parse(&a, src, NTPV_IS_CLASSIC(v));
	ntpconf_check(c, v, &d);
	n = d.n + c->nstmts;
	arena_free(&a);
	return n;
}

int
main(int argc, char **argv)
{
	enum ntp_version v = NTPV_420;
	int repeat = 3, opt, i, r, nfiles;
	struct fsread *in;
	size_t total = 0, sink = 0;
	double best = 1e30, bestwall = 1e30, t0, w0, t;
	struct rusage ru;

	while ((opt = getopt(argc, argv, "v:r:")) != -1) {
		if (opt == 'v' && ntpver_parse(optarg, &v))
			continue;
		if (opt == 'r' && (repeat = atoi(optarg)) > 0)
			continue;
		fprintf(stderr, "usage: bench_parse [-v VERSION] [-r REPEAT] FILE...\n");
		return 2;
	}
	nfiles = argc - optind;
	if (nfiles < 1)
		fatal("no input files");
	in = xcalloc((size_t)nfiles, sizeof(*in));
	for (i = 0; i < nfiles; i++) {
		fsread(-1, argv[optind + i], SOURCE_MAX_LEN, &in[i]);
		if (in[i].status != FSR_OK)
			fatal("%s: cannot read", argv[optind + i]);
		total += in[i].len;
	}
	for (r = 0; r < repeat; r++) {
		t0 = now(CLOCK_PROCESS_CPUTIME_ID);
		w0 = now(CLOCK_MONOTONIC);
		for (i = 0; i < nfiles; i++)
			sink += one(in[i].buf, in[i].len, v);
		t = now(CLOCK_PROCESS_CPUTIME_ID) - t0;
		if (t < best)
			best = t;
		t = now(CLOCK_MONOTONIC) - w0;
		if (t < bestwall)
			bestwall = t;
	}
	getrusage(RUSAGE_SELF, &ru);
	/* sink: statements and findings, printed so that no run is optimised away */
	if (nfiles == 1)
		printf("bytes %zu cpu_s %.4f mbps %.1f wall_s %.4f wall_mbps %.1f maxrss_kb %ld "
		    "sink %zu\n", total, best, (double)total / 1e6 / best, bestwall,
		    (double)total / 1e6 / bestwall, ru.ru_maxrss, sink);
	else
		printf("files %d bytes %zu cpu_us_per_file %.2f wall_us_per_file %.2f sink %zu\n",
		    nfiles, total, best / nfiles * 1e6, bestwall / nfiles * 1e6, sink);
	for (i = 0; i < nfiles; i++)
		free(in[i].buf);
	free(in);
	return 0;
}
