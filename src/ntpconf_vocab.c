/* Keyword tables from ntpd's own sources (ntpconf-grammar.md, sections 2-4):
 * 4.1.2, 4.2.0 and 4.2.2p1 ntp_config.c keyword arrays, 4.2.8 keyword-gen.c and
 * ntp_parser.y, NTPsec 1.2.2 keyword-gen.c. A 4.2.0 without OpenSSL is assumed (as
 * recorded); 4.1.2 as Red Hat built it, without PUBKEY (no --with-crypto, no RSAREF);
 * 4.2.2p1 with OpenSSL, as Red Hat built it for RHEL 5 (BuildRequires openssl-devel),
 * the ntpd of the ESX 4 service console (classic ntp-project/ntp ddf086f8a). */
#include "ntpconf_vocab.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* an entry, its name's length counted by the compiler */
#define K(name, versions, arg) { name, versions, arg, sizeof(name) - 1 }
#define TAB(name, arr, what) const struct kwtab name = { arr, N(arr), what }

static const struct kw server_opts[] = {
	K("autokey", VCLASSIC | V428, KA_NONE),
	K("burst", VALL, KA_NONE),
	K("iburst", VALL, KA_NONE),
	K("key", VALL, KA_INT),
	K("minpoll", VALL, KA_INT),
	K("maxpoll", VALL, KA_INT),
	K("mode", VALL, KA_INT),
	K("noselect", VALL, KA_NONE),
	K("prefer", VALL, KA_NONE),
	K("preempt", V422 | V428, KA_NONE),
	K("true", V422 | V428 | VSEC, KA_NONE),
	K("ttl", VCLASSIC | V428, KA_INT),
	K("version", VALL, KA_INT),
	K("xleave", V428, KA_NONE),
	K("ident", V428, KA_STRING),
	K("nts", VSEC, KA_NONE),
	K("bias", VSEC, KA_DOUBLE),
	K("maxdisp", VSEC, KA_DOUBLE),
};
TAB(kw_server_opts, server_opts, "server option");

static const struct kw restrict_flags[] = {
	K("ignore", VALL, KA_NONE),
	K("kod", VALL, KA_NONE),
	K("limited", VALL, KA_NONE),
	K("lowpriotrap", VCLASSIC | V428, KA_NONE),
	K("nomodify", VALL, KA_NONE),
	K("nopeer", VALL, KA_NONE),
	K("noquery", VALL, KA_NONE),
	K("noserve", VALL, KA_NONE),
	K("notrap", VALL, KA_NONE),
	K("notrust", VALL, KA_NONE),
	K("ntpport", VALL, KA_NONE),
	K("version", VALL, KA_NONE),
	K("flake", V428 | VSEC, KA_NONE),
	K("mssntp", V428 | VSEC, KA_NONE),
	K("nomrulist", V428 | VSEC, KA_NONE),
	K("mask", VALL, KA_ADDR),
};
TAB(kw_restrict_flags, restrict_flags, "restrict flag");

static const struct kw tinker[] = {
	K("step", VALL, KA_DOUBLE),
	K("panic", VALL, KA_DOUBLE),
	K("dispersion", VALL, KA_DOUBLE),
	K("stepout", VALL, KA_DOUBLE),
	K("allan", VALL, KA_DOUBLE),
	K("huffpuff", VALL, KA_DOUBLE),
	K("freq", V420 | V422 | V428 | VSEC, KA_DOUBLE),
	K("minpoll", V41, KA_DOUBLE),
	K("tick", V428 | VSEC, KA_DOUBLE),
	K("stepback", VSEC, KA_DOUBLE),
	K("stepfwd", VSEC, KA_DOUBLE),
};
TAB(kw_tinker, tinker, "tinker variable");

static const struct kw tos[] = {
	K("minclock", V420 | V422 | V428 | VSEC, KA_DOUBLE),
	K("minsane", V420 | V422 | V428 | VSEC, KA_DOUBLE),
	K("floor", V420 | V422 | V428 | VSEC, KA_DOUBLE),
	K("ceiling", V420 | V422 | V428 | VSEC, KA_DOUBLE),
	K("cohort", V420 | V422 | V428, KA_DOUBLE),
	K("beacon", V422 | V428, KA_DOUBLE),
	K("orphan", V422 | V428 | VSEC, KA_DOUBLE),
	K("orphanwait", V428 | VSEC, KA_DOUBLE),
	K("mindist", V422 | V428 | VSEC, KA_DOUBLE),
	K("maxdist", V422 | V428 | VSEC, KA_DOUBLE),
	K("maxclock", V422 | V428 | VSEC, KA_DOUBLE),
	K("maxhop", V422, KA_DOUBLE),
	K("maxdisp", VSEC, KA_DOUBLE),
};
TAB(kw_tos, tos, "tos variable");

static const struct kw enable[] = {
	K("auth", VCLASSIC | V428, KA_NONE),
	K("bclient", VCLASSIC | V428, KA_NONE),
	K("calibrate", VALL, KA_NONE),
	K("kernel", VALL, KA_NONE),
	K("monitor", VALL, KA_NONE),
	K("ntp", VALL, KA_NONE),
	K("pps", V41 | V420, KA_NONE),
	K("stats", VALL, KA_NONE),
	K("mode7", V428, KA_NONE),
};
TAB(kw_enable, enable, "system flag");

static const struct kw statistics[] = {
	K("clockstats", VALL, KA_NONE),
	K("loopstats", VALL, KA_NONE),
	K("peerstats", VALL, KA_NONE),
	K("rawstats", VALL, KA_NONE),
	K("sysstats", V420 | V422 | V428 | VSEC, KA_NONE),
	K("cryptostats", V422 | V428, KA_NONE),
	K("protostats", V428 | VSEC, KA_NONE),
	K("timingstats", V428, KA_NONE),
	K("usestats", VSEC, KA_NONE),
};
TAB(kw_statistics, statistics, "statistics file");

static const struct kw filegen_types[] = {
	K("none", VALL, KA_NONE),
	K("pid", VALL, KA_NONE),
	K("day", VALL, KA_NONE),
	K("week", VALL, KA_NONE),
	K("month", VALL, KA_NONE),
	K("year", VALL, KA_NONE),
	K("age", VALL, KA_NONE),
};
TAB(kw_filegen_types, filegen_types, "filegen type");

static const struct kw filegen_opts[] = {
	K("file", VALL, KA_STRING),
	K("type", VALL, KA_STRING),
	K("link", VALL, KA_NONE),
	K("nolink", VALL, KA_NONE),
	K("enable", VALL, KA_NONE),
	K("disable", VALL, KA_NONE),
};
TAB(kw_filegen_opts, filegen_opts, "filegen option");

static const struct kw fudge_opts[] = {
	K("time1", VALL, KA_DOUBLE),
	K("time2", VALL, KA_DOUBLE),
	K("stratum", VALL, KA_INT),
	K("refid", VALL, KA_STRING),
	K("flag1", VALL, KA_INT),
	K("flag2", VALL, KA_INT),
	K("flag3", VALL, KA_INT),
	K("flag4", VALL, KA_INT),
	K("abbrev", V428, KA_STRING),
	K("minjitter", VSEC, KA_DOUBLE),
};
TAB(kw_fudge_opts, fudge_opts, "fudge option");

static const struct kw discard[] = {
	K("average", V420 | V422 | V428, KA_INT),
	K("minimum", V420 | V422 | V428, KA_INT),
	K("monitor", V420 | V422 | V428, KA_INT),
};
TAB(kw_discard, discard, "discard option");

static const struct kw crypto[] = {
	K("cert", V420 | V422, KA_STRING),
	K("gqpar", V420 | V422, KA_STRING),
	K("host", V420 | V422 | V428, KA_STRING),
	K("iffpar", V420 | V422, KA_STRING),
	K("leap", V420 | V422, KA_STRING),
	K("mvpar", V420 | V422, KA_STRING),
	K("pw", V420 | V422 | V428, KA_STRING),
	K("randfile", V420 | V422 | V428, KA_STRING),
	K("sign", V420 | V422, KA_STRING),
	K("ident", V422 | V428, KA_STRING),
	K("digest", V428, KA_STRING),
};
TAB(kw_crypto, crypto, "crypto option");

static const struct kw rlimit[] = {
	K("memlock", V428 | VSEC, KA_INT),
	K("stacksize", V428 | VSEC, KA_INT),
	K("filenum", V428 | VSEC, KA_INT),
};
TAB(kw_rlimit, rlimit, "rlimit option");

static const struct kw mru[] = {
	K("mindepth", V428 | VSEC, KA_INT),
	K("maxdepth", V428 | VSEC, KA_INT),
	K("maxage", V428 | VSEC, KA_INT),
	K("minage", V428 | VSEC, KA_INT),
	K("initalloc", V428 | VSEC, KA_INT),
	K("initmem", V428 | VSEC, KA_INT),
	K("incalloc", V428 | VSEC, KA_INT),
	K("incmem", V428 | VSEC, KA_INT),
	K("maxmem", V428 | VSEC, KA_INT),
};
TAB(kw_mru, mru, "mru option");

const struct kw *
kw_lookup(const struct kwtab *t, const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return NULL;
	/* the length, the first and the last byte rule out nearly every entry before a
	 * compare */
	for (i = 0; i < t->n; i++) {
		const struct kw *e = &t->v[i];

		if (e->len == n && e->name[0] == s[0] && e->name[n - 1] == s[n - 1] &&
		    memcmp(e->name, s, n) == 0)
			return e;
	}
	return NULL;
}

static unsigned
kw_bucket(const char *s, size_t n)
{
	return (unsigned)(n * 7 + (unsigned char)s[0] * 3 + (unsigned char)s[n - 1]) %
	    KW_INDEX_BUCKETS;
}

void
kw_index_build(struct kw_index *x, const struct kwtab *t)
{
	size_t i = t->n < KW_INDEX_MAX ? t->n : KW_INDEX_MAX;

	memset(x, 0, sizeof(*x));
	x->t = t;
	/* built backwards so each chain keeps the table's order: the first of two equal
	 * names wins, as in kw_lookup() */
	while (i-- > 0) {
		unsigned b = kw_bucket(t->v[i].name, t->v[i].len);

		x->next[i] = x->head[b];
		x->head[b] = (unsigned char)(i + 1);
	}
}

const struct kw *
kw_index_lookup(const struct kw_index *x, const char *s, size_t n)
{
	unsigned i;

	if (x->t->n > KW_INDEX_MAX)
		return kw_lookup(x->t, s, n);
	if (n == 0)
		return NULL;
	for (i = x->head[kw_bucket(s, n)]; i != 0; i = x->next[i - 1]) {
		const struct kw *e = &x->t->v[i - 1];
		uint32_t a, b, c, d;

		if (e->len != n)
			continue;
		if (n < 4 || n > 8) {
			if (memcmp(e->name, s, n) == 0)
				return e;
			continue;
		}
		/* most keywords are 4 to 8 bytes: two overlapping loads a side, not a call */
		memcpy(&a, e->name, 4);
		memcpy(&b, s, 4);
		memcpy(&c, e->name + n - 4, 4);
		memcpy(&d, s + n - 4, 4);
		if (a == b && c == d)
			return e;
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

/* Only what the keyword tables show is said: which of the four readers modelled here take
 * the word. When a keyword first appeared is not (4.2.2 already had 'tos orphan', which
 * an older note put at 4.2.6; 'mode7' came after 4.2.6). */
const char *
kw_version_note(unsigned versions, enum ntp_version target, char *buf, size_t cap)
{
	static const char *const classic[NTPV_SEC] = { "4.1", "4.2.0", "4.2.2", "4.2.8" };
	const char *names[NTPV_COUNT];
	size_t n = 0, i, o;
	int v;

	versions &= ~(1u << target);
	for (v = NTPV_41; v <= NTPV_428; v++)
		if (versions & (1u << v))
			names[n++] = classic[v];
	if (versions & VSEC)
		names[n++] = NULL;	/* NTPsec, named last */
	if (n == 0) {
		snprintf(buf, cap, "no ntpd version has it");
		return buf;
	}
	o = 0;
	buf[0] = '\0';
	for (i = 0; i < n && o < cap; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";

		if (names[i] == NULL)
			o += (size_t)snprintf(buf + o, cap - o, "%s%s", sep, ntpver_long(NTPV_SEC));
		else
			o += (size_t)snprintf(buf + o, cap - o, "%s%s%s", sep,
			    i == 0 ? "ntpd " : "", names[i]);
	}
	if (o < cap)
		snprintf(buf + o, cap - o, " %s it", n == 1 ? "has" : "have");
	return buf;
}
