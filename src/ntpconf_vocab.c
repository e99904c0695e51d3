/* Keyword tables from ntpd's own sources (ntpconf-grammar.md, sections 2-4):
 * 4.1.2 and 4.2.0 ntp_config.c keyword arrays, 4.2.8 keyword-gen.c and ntp_parser.y,
 * NTPsec 1.2.2 keyword-gen.c. A 4.2.0 without OpenSSL is assumed (as recorded). */
#include "ntpconf_vocab.h"

#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define TAB(name, arr, what) const struct kwtab name = { arr, N(arr), what }

static const struct kw server_opts[] = {
	{ "autokey", VCLASSIC | V428, KA_NONE },
	{ "burst", VALL, KA_NONE },
	{ "iburst", VALL, KA_NONE },
	{ "key", VALL, KA_INT },
	{ "minpoll", VALL, KA_INT },
	{ "maxpoll", VALL, KA_INT },
	{ "mode", VALL, KA_INT },
	{ "noselect", VALL, KA_NONE },
	{ "prefer", VALL, KA_NONE },
	{ "preempt", V428, KA_NONE },
	{ "true", V428 | VSEC, KA_NONE },
	{ "ttl", VCLASSIC | V428, KA_INT },
	{ "version", VALL, KA_INT },
	{ "xleave", V428, KA_NONE },
	{ "ident", V428, KA_STRING },
	{ "nts", VSEC, KA_NONE },
	{ "bias", VSEC, KA_DOUBLE },
	{ "maxdisp", VSEC, KA_DOUBLE },
};
TAB(kw_server_opts, server_opts, "server option");

static const struct kw restrict_flags[] = {
	{ "ignore", VALL, KA_NONE },
	{ "kod", VALL, KA_NONE },
	{ "limited", VALL, KA_NONE },
	{ "lowpriotrap", VCLASSIC | V428, KA_NONE },
	{ "nomodify", VALL, KA_NONE },
	{ "nopeer", VALL, KA_NONE },
	{ "noquery", VALL, KA_NONE },
	{ "noserve", VALL, KA_NONE },
	{ "notrap", VALL, KA_NONE },
	{ "notrust", VALL, KA_NONE },
	{ "ntpport", VALL, KA_NONE },
	{ "version", VALL, KA_NONE },
	{ "flake", V428 | VSEC, KA_NONE },
	{ "mssntp", V428 | VSEC, KA_NONE },
	{ "nomrulist", V428 | VSEC, KA_NONE },
	{ "mask", VALL, KA_ADDR },
};
TAB(kw_restrict_flags, restrict_flags, "restrict flag");

static const struct kw tinker[] = {
	{ "step", VALL, KA_DOUBLE },
	{ "panic", VALL, KA_DOUBLE },
	{ "dispersion", VALL, KA_DOUBLE },
	{ "stepout", VALL, KA_DOUBLE },
	{ "allan", VALL, KA_DOUBLE },
	{ "huffpuff", VALL, KA_DOUBLE },
	{ "freq", V420 | V428 | VSEC, KA_DOUBLE },
	{ "minpoll", V41, KA_DOUBLE },
	{ "tick", V428 | VSEC, KA_DOUBLE },
	{ "stepback", VSEC, KA_DOUBLE },
	{ "stepfwd", VSEC, KA_DOUBLE },
};
TAB(kw_tinker, tinker, "tinker variable");

static const struct kw tos[] = {
	{ "minclock", V420 | V428 | VSEC, KA_DOUBLE },
	{ "minsane", V420 | V428 | VSEC, KA_DOUBLE },
	{ "floor", V420 | V428 | VSEC, KA_DOUBLE },
	{ "ceiling", V420 | V428 | VSEC, KA_DOUBLE },
	{ "cohort", V420 | V428, KA_DOUBLE },
	{ "beacon", V428, KA_DOUBLE },
	{ "orphan", V428 | VSEC, KA_DOUBLE },
	{ "orphanwait", V428 | VSEC, KA_DOUBLE },
	{ "mindist", V428 | VSEC, KA_DOUBLE },
	{ "maxdist", V428 | VSEC, KA_DOUBLE },
	{ "maxclock", V428 | VSEC, KA_DOUBLE },
	{ "maxdisp", VSEC, KA_DOUBLE },
};
TAB(kw_tos, tos, "tos variable");

static const struct kw enable[] = {
	{ "auth", VCLASSIC | V428, KA_NONE },
	{ "bclient", VCLASSIC | V428, KA_NONE },
	{ "calibrate", VALL, KA_NONE },
	{ "kernel", VALL, KA_NONE },
	{ "monitor", VALL, KA_NONE },
	{ "ntp", VALL, KA_NONE },
	{ "pps", VCLASSIC, KA_NONE },
	{ "stats", VALL, KA_NONE },
	{ "mode7", V428, KA_NONE },
};
TAB(kw_enable, enable, "system flag");

static const struct kw statistics[] = {
	{ "clockstats", VALL, KA_NONE },
	{ "loopstats", VALL, KA_NONE },
	{ "peerstats", VALL, KA_NONE },
	{ "rawstats", VALL, KA_NONE },
	{ "sysstats", VALL, KA_NONE },
	{ "cryptostats", V428, KA_NONE },
	{ "protostats", V428 | VSEC, KA_NONE },
	{ "timingstats", V428, KA_NONE },
	{ "usestats", VSEC, KA_NONE },
};
TAB(kw_statistics, statistics, "statistics file");

static const struct kw filegen_types[] = {
	{ "none", VALL, KA_NONE },
	{ "pid", VALL, KA_NONE },
	{ "day", VALL, KA_NONE },
	{ "week", VALL, KA_NONE },
	{ "month", VALL, KA_NONE },
	{ "year", VALL, KA_NONE },
	{ "age", VALL, KA_NONE },
};
TAB(kw_filegen_types, filegen_types, "filegen type");

static const struct kw filegen_opts[] = {
	{ "file", VALL, KA_STRING },
	{ "type", VALL, KA_STRING },
	{ "link", VALL, KA_NONE },
	{ "nolink", VALL, KA_NONE },
	{ "enable", VALL, KA_NONE },
	{ "disable", VALL, KA_NONE },
};
TAB(kw_filegen_opts, filegen_opts, "filegen option");

static const struct kw fudge_opts[] = {
	{ "time1", VALL, KA_DOUBLE },
	{ "time2", VALL, KA_DOUBLE },
	{ "stratum", VALL, KA_INT },
	{ "refid", VALL, KA_STRING },
	{ "flag1", VALL, KA_INT },
	{ "flag2", VALL, KA_INT },
	{ "flag3", VALL, KA_INT },
	{ "flag4", VALL, KA_INT },
	{ "abbrev", V428, KA_STRING },
	{ "minjitter", VSEC, KA_DOUBLE },
};
TAB(kw_fudge_opts, fudge_opts, "fudge option");

static const struct kw discard[] = {
	{ "average", V420 | V428, KA_INT },
	{ "minimum", V420 | V428, KA_INT },
	{ "monitor", V420 | V428, KA_INT },
};
TAB(kw_discard, discard, "discard option");

static const struct kw crypto[] = {
	{ "cert", V420, KA_STRING },
	{ "gqpar", V420, KA_STRING },
	{ "host", V420 | V428, KA_STRING },
	{ "iffpar", V420, KA_STRING },
	{ "leap", V420, KA_STRING },
	{ "mvpar", V420, KA_STRING },
	{ "pw", V420 | V428, KA_STRING },
	{ "randfile", V420 | V428, KA_STRING },
	{ "sign", V420, KA_STRING },
	{ "ident", V428, KA_STRING },
	{ "digest", V428, KA_STRING },
};
TAB(kw_crypto, crypto, "crypto option");

static const struct kw rlimit[] = {
	{ "memlock", V428 | VSEC, KA_INT },
	{ "stacksize", V428 | VSEC, KA_INT },
	{ "filenum", V428 | VSEC, KA_INT },
};
TAB(kw_rlimit, rlimit, "rlimit option");

static const struct kw mru[] = {
	{ "mindepth", V428 | VSEC, KA_INT },
	{ "maxdepth", V428 | VSEC, KA_INT },
	{ "maxage", V428 | VSEC, KA_INT },
	{ "minage", V428 | VSEC, KA_INT },
	{ "initalloc", V428 | VSEC, KA_INT },
	{ "initmem", V428 | VSEC, KA_INT },
	{ "incalloc", V428 | VSEC, KA_INT },
	{ "incmem", V428 | VSEC, KA_INT },
	{ "maxmem", V428 | VSEC, KA_INT },
};
TAB(kw_mru, mru, "mru option");

const struct kw *
kw_lookup(const struct kwtab *t, const char *s, size_t n)
{
	size_t i, j;

	if (n == 0)
		return NULL;
	/* one pass over each name, no strlen: the first byte rules out most entries. The
	 * name's NUL stops the compare even where the word holds a NUL byte, so nothing
	 * past the name's end is read */
	for (i = 0; i < t->n; i++) {
		const char *name = t->v[i].name;

		if (name[0] != s[0])
			continue;
		for (j = 1; j < n && name[j] != '\0' && name[j] == s[j]; j++)
			;
		if (j == n && name[n] == '\0')
			return &t->v[i];
	}
	return NULL;
}

/* Damerau-free Levenshtein distance, capped: only short words are compared, and the
 * result is at most bound (any distance >= bound is reported as bound) */
static size_t
distance(const char *a, size_t na, const char *b, size_t nb, size_t bound)
{
	size_t row[32], i, j, prev, tmp, low;

	if (na >= 31 || nb >= 31)
		return 99;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		prev = row[0];
		row[0] = i;
		low = row[0];
		for (j = 1; j <= nb; j++) {
			size_t cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
			size_t best = prev + cost;

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
			if (best < low)
				low = best;
		}
		/* rows never decrease: once all of one reaches bound, so does the result */
		if (low >= bound)
			return bound;
	}
	return row[nb];
}

const char *
kw_suggest(const struct kwtab *t, const char *s, size_t n, unsigned versions)
{
	const char *best = NULL;
	size_t i, bestd = 3, d;

	/* a CR or other junk glued to the end must not hide the word */
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ';' || s[n - 1] == ','))
		n--;
	for (i = 0; i < t->n; i++) {
		size_t nb = strlen(t->v[i].name);

		if (!(t->v[i].versions & versions))
			continue;
		/* the distance is at least the difference in length: skip the hopeless */
		if ((n > nb ? n - nb : nb - n) >= bestd || (n > nb ? n - nb : nb - n) * 3 > nb)
			continue;
		d = distance(s, n, t->v[i].name, nb, bestd);
		if (d < bestd && d * 3 <= nb) {
			bestd = d;
			best = t->v[i].name;
		}
	}
	return best;
}

const char *
kw_version_note(unsigned versions, enum ntp_version target, char *buf, size_t cap)
{
	int v;

	/* known to a later version only: say which version brought it */
	for (v = target + 1; v < NTPV_COUNT; v++)
		if (versions & (1u << v)) {
			int earlier = 0, w;

			for (w = 0; w < (int)target; w++)
				if (versions & (1u << w))
					earlier = 1;
			if (!earlier) {
				snprintf(buf, cap, "it needs %s or later",
				    v == NTPV_428 ? "ntpd 4.2.6" : ntpver_long((enum ntp_version)v));
				return buf;
			}
		}
	for (v = 0; v < (int)target; v++)
		if (versions & (1u << v)) {
			snprintf(buf, cap, "%s had it, %s does not", ntpver_long((enum ntp_version)v),
			    ntpver_long(target));
			return buf;
		}
	snprintf(buf, cap, "%s does not have it", ntpver_long(target));
	return buf;
}
