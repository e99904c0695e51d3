/* restrict rules (NTP010-NTP016): the loopback and default entries VMware's procedure asks
 * for, and the combinations that silently refuse ntpd's own servers. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "ntpconf_vocab.h"
#include "rules_all.h"
#include "placement.h"
#include "rules_util.h"

#define KB_FLAGS (RF_KOD | RF_NOMODIFY | RF_NOTRAP)
#define QUERY_FLAGS (RF_NOQUERY | RF_NOPEER)
#define BLOCKS_SERVER (RF_IGNORE | RF_NOSERVE)


/* the restrict entries that decide for 127.0.0.1: those covering it with the longest
 * mask (ntpd keeps the most specific match; same address and mask add up their flags).
 * A mask shorter than 127/8 is a catch-all, not a loopback entry. Returns the mask bits,
 * or -1 when there is none. */
static int
loopback_bits(const struct ntp_model *m)
{
	static const unsigned char lo[16] = { 127, 0, 0, 1 };
	int best = -1, b;
	size_t i;

	for (i = 0; i < m->nrestricts; i++) {
		b = restrict_covers(&m->restricts[i], 4, lo);
		if (b >= 8 && b > best)
			best = b;
	}
	return best;
}

static bool
is_loopback(const struct m_restrict *r, int bits)
{
	static const unsigned char lo[16] = { 127, 0, 0, 1 };

	return bits >= 0 && restrict_covers(r, 4, lo) == bits;
}

/* the first default entry that applies to IPv4 */
static const struct m_restrict *
default4(const struct ntp_model *m)
{
	size_t i;

	for (i = 0; i < m->nrestricts; i++)
		if (restrict_is_default(&m->restricts[i]) && m->restricts[i].family != 6)
			return &m->restricts[i];
	return NULL;
}

/* before the first restrict line, else the first server line, else the file's start;
 * above the comments that introduce that line */
static struct insertion
loopback_point(struct host *h)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i;

	if (m->nrestricts > 0)
		return ins_before_stmt(m->restricts[0].at.cf->src, m->restricts[0].at.span.start);
	for (i = 0; i < m->nsources; i++)
		if (m->sources[i].dir == DIR_SERVER || m->sources[i].dir == DIR_PEER ||
		    m->sources[i].dir == DIR_POOL)
			return ins_before_stmt(m->sources[i].at.cf->src,
			    m->sources[i].at.span.start);
	return ins_before_line(main_conf(h)->src, 0);
}

/* the family a source's replies come from: its address's, or IPv4 for a name */
static int
source_family(const struct m_source *s, unsigned char a[16])
{
	int fam = addr_parse(s->addr, a);

	return fam != 0 ? fam : 4;
}

/* the restrict entries of one address family and mask, by masked address */
struct mask_group {
	int fam, bits;
	unsigned char mask[16];
	struct bmap nets;	/* masked address bytes -> unsigned flags */
};

/* what ntpd decides for each source's replies, computed once for all entries: the most
 * specific covering entry's flags (entries with the same address and mask add up) */
struct verdicts {
	unsigned *flags;		/* per source */
	bool *by_default;		/* that entry is a default one */
	bool blocked[7];		/* some network source of family 4 / 6 is refused by
					 * the defaults */
};

/* a map's value is the entry's flags themselves, marked so that none reads as NULL: a
 * large file's index needs no allocation per entry */
#define FLAGS_SET ((uintptr_t)1 << 31)

static void
index_flags(struct bmap *m, const void *key, size_t len, unsigned flags)
{
	struct bmap_slot *sl = bmap_slot(m, key, len);

	sl->val = (void *)((uintptr_t)sl->val | FLAGS_SET | flags);
}

static bool
get_flags(const struct bmap *m, const void *key, size_t len, unsigned *flags)
{
	void *v = bmap_get(m, key, len);

	if (v == NULL)
		return false;
	*flags = (unsigned)((uintptr_t)v & ~FLAGS_SET);
	return true;
}

static void
index_entry(struct arena *a, const struct m_restrict *r, struct mask_group **groups,
    size_t *ngroups, struct bmap *names)
{
	unsigned char addr[16], mask[16], key[16];
	int fam = addr_parse(r->addr, addr), i, nbytes;
	size_t g;

	if (fam == 0) {
		const char *k = name_key(a, r->addr);

		index_flags(names, k, strlen(k), r->flags);
		return;
	}
	memset(mask, 0xff, sizeof(mask));
	if (r->mask != NULL && addr_parse(r->mask, mask) != fam)
		return;
	nbytes = fam == 4 ? 4 : 16;
	for (g = 0; g < *ngroups; g++)
		if ((*groups)[g].fam == fam && memcmp((*groups)[g].mask, mask, (size_t)nbytes) == 0)
			break;
	if (g == *ngroups) {
		struct mask_group *ng = arena_alloc(a, (*ngroups + 1) * sizeof(*ng));

		if (*ngroups)
			memcpy(ng, *groups, *ngroups * sizeof(*ng));
		*groups = ng;
		ng[g].fam = fam;
		memcpy(ng[g].mask, mask, sizeof(mask));
		ng[g].bits = 0;
		for (i = 0; i < nbytes * 8; i++)
			ng[g].bits += (mask[i / 8] >> (7 - i % 8)) & 1;
		bmap_init(&ng[g].nets, a);
		(*ngroups)++;
	}
	for (i = 0; i < nbytes; i++)
		key[i] = addr[i] & mask[i];
	index_flags(&(*groups)[g].nets, arena_memdup(a, key, (size_t)nbytes), (size_t)nbytes,
	    r->flags);
}

/* A name is matched only by a restrict of the same name, a pool never: both fall to the
 * default unless a 'restrict source' entry applies to them (4.2.8). */
static void
verdicts_build(struct arena *a, const struct ntp_model *m, struct verdicts *v)
{
	struct mask_group *groups = NULL;
	size_t ngroups = 0, i, g;
	unsigned def[7] = { 0 }, src_flags = 0;
	bool has_def[7] = { false }, has_source = false;
	struct bmap names;

	memset(v, 0, sizeof(*v));
	v->flags = arena_alloc(a, (m->nsources + 1) * sizeof(*v->flags));
	v->by_default = arena_alloc(a, (m->nsources + 1) * sizeof(*v->by_default));
	bmap_init(&names, a);
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (r->is_source) {
			has_source = true;
			src_flags |= r->flags;
		} else if (restrict_is_default(r)) {
			if (r->family != 6) {
				def[4] |= r->flags;
				has_def[4] = true;
			}
			if (r->family != 4) {
				def[6] |= r->flags;
				has_def[6] = true;
			}
		} else {
			index_entry(a, r, &groups, &ngroups, &names);
		}
	}
	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];
		unsigned char ad[16], key[16];
		unsigned flags = 0, f;
		int fam, best = -1, k, nbytes;

		if (!source_is_network(s))
			continue;
		fam = source_family(s, ad);
		nbytes = fam == 4 ? 4 : 16;
		if (s->numeric) {
			for (g = 0; g < ngroups; g++) {
				if (groups[g].fam != fam || groups[g].bits <= best)
					continue;
				for (k = 0; k < nbytes; k++)
					key[k] = ad[k] & groups[g].mask[k];
				if (get_flags(&groups[g].nets, key, (size_t)nbytes, &f)) {
					best = groups[g].bits;
					flags = f;
				}
			}
		} else if (s->dir != DIR_POOL && !name_is_pool(s->addr)) {
			const char *nk = name_key(a, s->addr);

			if (get_flags(&names, nk, strlen(nk), &f)) {
				best = 128;
				flags = f;
			}
		}
		if (best < 0 && has_def[fam]) {
			best = 0;
			flags = def[fam];
		}
		if (best <= 0 && has_source) {
			v->flags[i] = src_flags;
			continue;
		}
		v->flags[i] = best >= 0 ? flags : 0;
		v->by_default[i] = best == 0;
		if (v->by_default[i] && (flags & BLOCKS_SERVER))
			v->blocked[fam] = true;
	}
}

/* default entry r refuses the replies of source j */
static bool
blocked_by(const struct ntp_model *m, const struct verdicts *v, const struct m_restrict *r,
    size_t j)
{
	unsigned char a[16];

	if (!source_is_network(&m->sources[j]) || !(r->flags & BLOCKS_SERVER))
		return false;
	if (r->family != 0 && r->family != source_family(&m->sources[j], a))
		return false;
	return v->by_default[j] && (v->flags[j] & BLOCKS_SERVER);
}

static bool
blocks_servers(const struct verdicts *v, const struct m_restrict *r)
{
	if (!(r->flags & BLOCKS_SERVER))
		return false;
	return r->family == 0 ? v->blocked[4] || v->blocked[6] : v->blocked[r->family];
}

/* "'kod' and 'notrap'" */
static const char *
flag_list(struct arena *a, unsigned flags)
{
	const char *names[16];
	size_t n = 0, i;
	char *out;

	for (i = 0; i < 16; i++)
		if (flags & (1u << i))
			names[n++] = restrict_flag_name(1u << i);
	if (n == 0)
		return "";
	out = arena_printf(a, "'%s'", names[0]);
	for (i = 1; i < n; i++)
		out = arena_printf(a, "%s%s'%s'", out, i + 1 == n ? " and " : ", ", names[i]);
	return out;
}

/* " kod notrap", in kw order, with the statement's own separator */
static const char *
flag_words(struct arena *a, unsigned flags, const char *sep)
{
	static const unsigned order[] = { RF_KOD, RF_NOMODIFY, RF_NOTRAP, RF_NOPEER, RF_NOQUERY };
	char *out = arena_strdup(a, "");
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (flags & order[i])
			out = arena_printf(a, "%s%s%s", out, sep, restrict_flag_name(order[i]));
	return out;
}

/* the separator before the last word of a restrict statement */
static const char *
last_sep(const struct m_restrict *r)
{
	const struct source *src = r->at.cf->src;
	struct ntp_word w[64];
	uint32_t n = model_words(&r->at, w, 64);

	if (n >= 2 && w[n - 1].span.start > 0 && src->buf[w[n - 1].span.start - 1] == '\t')
		return "\t";
	return " ";
}

/* appends flags at the end of restrict r (before any comment) */
static void
add_flags(struct diags *d, struct finding *f, const struct m_restrict *r, unsigned flags)
{
	struct span at = { r->at.span.end, r->at.span.end };

	diag_edit(d, f, r->at.cf->src, at, flag_words(d->arena, flags, last_sep(r)));
}

/* the flags ntpd applies to 127.0.0.1 when no loopback entry exists: those of the most
 * specific catch-all covering it (the default, or a mask shorter than 127/8) */
static unsigned
catch_all_flags(const struct ntp_model *m, int *bits)
{
	static const unsigned char lo[16] = { 127, 0, 0, 1 };
	unsigned flags = 0;
	int best = -1, b;
	size_t i;

	for (i = 0; i < m->nrestricts; i++) {
		b = restrict_covers(&m->restricts[i], 4, lo);
		if (b < 0 || b < best)
			continue;
		if (b > best)
			flags = 0;
		best = b;
		flags |= m->restricts[i].flags;
	}
	*bits = best;
	return flags;
}

/* ---- ntpd_initres (NTP010, NTP014) ----
 * In ntpd 4.1 and 4.2.2 (not 4.2.0: initres_requests()) a server named by host name is configured by the helper
 * ntpd_initres, forked at the end of getconfig(): it sends ntpd a mode 7 REQ_CONFIG
 * request from 127.0.0.1, authenticated with the request key (ntp_intres.c request(),
 * openntp()). ntpd 4.1 (ntp_config.c getnetnum() at d2a13f905 takes dotted quads only)
 * hands it every name; 4.2.0 and 4.2.2 (getnetnum() calls getaddrinfo(), 2f111eeac,
 * ddf086f8a) only the names that do not resolve at start-up. ntp_proto.c receive() drops
 * the request for 'ignore', on 4.1 for 'version' too (its requests are version 2, and
 * 4.1 checks the version before the mode), then for 'noquery'; process_private() in
 * ntp_request.c answers INFO_ERR_AUTH for 'nomodify' while authentication is on. */

/* ntpd 4.2.0's ntpd_initres never configures a server: doconfigure() resolves an entry
 * only when its address is already set and requests only then (ntp_intres.c at 2f111eeac,
 * the test turned the wrong way round by "[Bug 48]" 9c7b00ad0 in 2003, turned back by
 * "Bug #411" 23c213a02 in 2005, after 4.2.0): no request reaches the loopback, so no
 * restrict line can refuse one. A name that fails at start-up is lost either way (HST010). */
static bool
initres_requests(const struct host *h)
{
	return h->target != NTPV_420;
}

/* sys_authenticate as the file leaves it: on by default (ntp_proto.c proto_clr_stats),
 * 'authenticate yes|no' (4.1), 'enable auth', 'disable auth' */
static bool
auth_on(const struct ntp_model *m)
{
	struct ntp_word w[32];
	bool on = true;
	uint32_t n, k;
	size_t i;

	for (i = 0; i < m->ndirs; i++) {
		const struct m_directive *x = &m->dirs[i];

		if (x->dir == DIR_AUTHENTICATE && x->arg != NULL)
			on = strcmp(x->arg, "no") != 0 ? (strcmp(x->arg, "yes") == 0 ? true : on) : false;
		if (x->dir != DIR_ENABLE && x->dir != DIR_DISABLE)
			continue;
		n = model_words(&x->at, w, 32);
		for (k = 1; k < n; k++)
			if (w[k].len == 4 && memcmp(w[k].text, "auth", 4) == 0)
				on = x->dir == DIR_ENABLE;
	}
	return on;
}

/* the restrict flags that refuse ntpd_initres's requests on the target */
static unsigned
initres_refusing(const struct host *h)
{
	unsigned f = RF_IGNORE | RF_NOQUERY;

	if (h->target == NTPV_41)
		f |= RF_VERSION;
	if (auth_on(&h->model.ntp))
		f |= RF_NOMODIFY;
	return f;
}

/* what becomes of a request the flags refuse, by the first check that refuses it */
static const char *
initres_outcome(const struct host *h, unsigned refused)
{
	if (refused & (RF_IGNORE | RF_NOQUERY | RF_VERSION))
		return "its requests get no answer and nothing is logged";
	return "\"ntpd_initres: ntpd returns a permission denied error\"";
}

/* the server names the target hands ntpd_initres: "'a', 'b' and 2 more", or NULL */
static const char *
initres_names(struct arena *a, const struct ntp_model *m, size_t *count)
{
	const char *out = NULL;
	size_t i, n = 0;

	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];

		if (s->numeric || s->refclock || s->dir == DIR_POOL)
			continue;
		if (n < 3)
			out = out == NULL ? arena_printf(a, "'%s'", s->addr) :
			    arena_printf(a, "%s, '%s'", out, s->addr);
		n++;
	}
	if (n > 3)
		out = arena_printf(a, "%s and %zu more", out, n - 3);
	*count = n;
	return out;
}

/* "ntpd_initres, to which ntpd 4.1 hands every server name (...): none of them is ever
 * used", or the 4.2.0/4.2.2 wording; sets the finding's severity by the harm */
static const char *
initres_harm(struct host *h, struct diags *d, const char *names, size_t n, unsigned refused)
{
	const char *verb = (refused & (refused - 1)) ? "refuse" : "refuses";

	if (h->target == NTPV_41)
		return arena_printf(d->arena, "%s ntpd_initres, to which %s hands every server "
		    "name (%s): %s (%s)", verb, ntpver_long(h->target), names,
		    n == 1 ? "it is never used" : "none of them is ever used",
		    initres_outcome(h, refused));
	return arena_printf(d->arena, "%s ntpd_initres; %s resolves server names itself at "
	    "start-up and hands ntpd_initres only those it cannot resolve then, so %s (%s)",
	    verb, ntpver_long(h->target), n == 1 ?
	    arena_printf(d->arena, "%s is never used if it fails to resolve at start-up (DNS "
	    "not reachable yet)", names) :
	    arena_printf(d->arena, "a name among %s that fails to resolve at start-up (DNS not "
	    "reachable yet) is never used", names), initres_outcome(h, refused));
}

/* `disable monitor`: no monlist to amplify. A restrict entry with 'limited' starts the
 * monitor again (4.2.0 ntp_restrict.c hack_restrict: mon_start(MON_RES)), and monlist
 * answers while any mode keeps it on (mon_stop() clears only MON_ON). */
static bool
monitor_disabled(const struct ntp_model *m)
{
	struct ntp_word w[32];
	bool off = false;
	uint32_t n, k;
	size_t i;

	for (i = 0; i < m->ndirs; i++) {
		if (m->dirs[i].dir != DIR_DISABLE && m->dirs[i].dir != DIR_ENABLE)
			continue;
		n = model_words(&m->dirs[i].at, w, 32);
		for (k = 1; k < n; k++)
			if (w[k].len == 7 && memcmp(w[k].text, "monitor", 7) == 0)
				off = m->dirs[i].dir == DIR_DISABLE;
	}
	for (i = 0; off && i < m->nrestricts; i++)
		if (m->restricts[i].flags & RF_LIMITED)
			off = false;
	return off;
}

/* does directive d name word w among its arguments */
static bool
dir_has_word(const struct m_directive *d, const char *word)
{
	struct ntp_word w[32];
	size_t len = strlen(word);
	uint32_t n, k;

	n = model_words(&d->at, w, 32);
	for (k = 1; k < n; k++)
		if (w[k].len == len && memcmp(w[k].text, word, len) == 0)
			return true;
	return false;
}

/* does the target answer ntpdc's mode 7 requests: classic ntpd always; 4.2.8 only with
 * 'enable mode7' (ntp_proto.c receive(): !ntp_mode7 refuses them); NTPsec has no mode 7 */
static bool
mode7_answered(const struct host *h)
{
	const struct ntp_model *m = &h->model.ntp;
	bool on = false;
	size_t i;

	if (NTPV_IS_CLASSIC(h->target))
		return true;
	if (h->target != NTPV_428)
		return false;
	for (i = 0; i < m->ndirs; i++)
		if ((m->dirs[i].dir == DIR_ENABLE || m->dirs[i].dir == DIR_DISABLE) &&
		    dir_has_word(&m->dirs[i], "mode7"))
			on = m->dirs[i].dir == DIR_ENABLE;
	return on;
}

/* NTPsec 1.1.9 and later start the default entry with noquery and limited
 * (ntp_restrict.c init_restrict: RES_Default, commit 4b5511f18) and a 'restrict default'
 * line adds flags to it; only 'unrestrict default ... noquery' takes noquery away */
static bool
sec_default_noquery(const struct host *h)
{
	const struct ntp_model *m = &h->model.ntp;
	struct ntp_word w[32];
	uint32_t n, k;
	size_t i;

	if (h->target != NTPV_SEC)
		return false;
	for (i = 0; i < m->ndirs; i++) {
		if (m->dirs[i].dir != DIR_UNRESTRICT || !dir_has_word(&m->dirs[i], "noquery"))
			continue;
		n = model_words(&m->dirs[i].at, w, 32);
		for (k = 1; k < n && k <= 2; k++)
			if (w[k].len == 7 && memcmp(w[k].text, "default", 7) == 0)
				return false;
	}
	return true;
}

/* what any host may do with mode 6/7 when nothing refuses its queries, on the target */
static const char *
query_exposure(struct arena *a, const struct host *h)
{
	const struct ntp_model *m = &h->model.ntp;

	if (NTPV_IS_CLASSIC(h->target))
		return arena_printf(a, "any host may query it with ntpq and ntpdc (modes 6 and "
		    "7)%s", monitor_disabled(m) ? "" : ", ntpdc's monlist included, which "
		    "makes this host a traffic amplifier (CVE-2013-5211)");
	if (h->target == NTPV_428)
		return arena_printf(a, "any host may query it with ntpq (mode 6), its list of "
		    "recent clients (mrulist) included%s", mode7_answered(h) ?
		    ", and with ntpdc ('enable mode7')" : "");
	return "any host may query it with ntpq (mode 6), its list of recent clients "
	    "(mrulist) included";
}

void
rule_missing_loopback_restrict(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	const struct m_restrict *def;
	struct insertion ins;
	struct finding *f;
	const char *names;
	unsigned refusing, refused;
	size_t n;
	int bits;

	/* ntpd 4.2.8 and NTPsec resolve names in ntpd itself: no ntpd_initres to refuse;
	 * without a server name the classic ntpd never starts it */
	if (!m->present || !NTPV_IS_CLASSIC(h->target) || loopback_bits(m) >= 0)
		return;
	if ((names = initres_names(d->arena, m, &n)) == NULL)
		return;
	ins = loopback_point(h);
	ins_for_ntpconf(h, &ins);
	refusing = initres_refusing(h);
	refused = catch_all_flags(m, &bits) & refusing;
	if (!initres_requests(h)) {
		f = diag_add(d, R_NTP010, ins.src, ins_span(&ins),
		    "no 'restrict 127.0.0.1' line: nothing depends on it with %s, whose "
		    "ntpd_initres never sends ntpd a request (a name that fails to resolve at "
		    "start-up is lost until ntpd restarts, whatever the restrict lines say); "
		    "VMware's procedure adds the line", ntpver_long(h->target));
		diag_severity(f, SEV_INFO);
	} else if (refused) {
		f = diag_add(d, R_NTP010, ins.src, ins_span(&ins),
		    "no 'restrict 127.0.0.1' line: 127.0.0.1 falls under %s, whose %s %s",
		    bits == 0 ? "the default restrict" : "a restrict line for a wider network",
		    flag_list(d->arena, refused), initres_harm(h, d, names, n, refused));
		if (h->target != NTPV_41)
			diag_severity(f, SEV_WARNING);
	} else {
		f = diag_add(d, R_NTP010, ins.src, ins_span(&ins),
		    "no 'restrict 127.0.0.1' line: nothing refuses ntpd_initres (which configures "
		    "%s) today; VMware's procedure adds the line so that a default restrict with "
		    "%s cannot", h->target == NTPV_41 ? "every server name" :
		    "the server names that do not resolve at start-up",
		    (refusing & RF_NOMODIFY) ? "'nomodify' or 'noquery'" : "'noquery'");
		diag_severity(f, SEV_INFO);
	}
	if ((def = default4(m)) != NULL)
		diag_related(d, f, def->at.cf->src, def->at.span,
		    "the default restrict applies to 127.0.0.1 instead");
	edit_add_lines(d, f, &ins, arena_printf(d->arena, "restrict%s127.0.0.1",
	    conf_sep(main_conf(h), 0, DIR_RESTRICT)));
}

/* the first 'restrict default' line the target ntpd refused (a typo in a flag refuses the
 * whole line), if any */
static bool
refused_default(struct host *h, struct source **src, struct span *span)
{
	struct ntp_word w[3];
	uint32_t i, n;
	size_t ci;

	for (ci = 0; ci < h->nconfs; ci++) {
		const struct ntpconf *t = h->confs[ci].tree;

		for (i = 0; i < t->nstmts; i++) {
			const struct ntp_stmt *s = &t->stmts[i];

			if (!(s->flags & STMT_REJECTED) || s->dir != DIR_RESTRICT)
				continue;
			n = ntpconf_words(t, s, w, 3);
			if ((n > 1 && w[1].len == 7 && memcmp(w[1].text, "default", 7) == 0) ||
			    (n > 2 && w[2].len == 7 && memcmp(w[2].text, "default", 7) == 0)) {
				*src = t->src;
				*span = ntpconf_stmt_span(t, s);
				return true;
			}
		}
	}
	return false;
}

void
rule_missing_default_restrict(struct host *h, struct diags *d)
{
	struct source *rsrc;
	struct span rspan;
	bool refused;
	const struct ntp_model *m = &h->model.ntp;
	struct insertion ins;
	struct finding *f;
	int bits;
	size_t i;

	/* NTPsec's default entry refuses queries when no line names it */
	if (!m->present || default4(m) != NULL || sec_default_noquery(h))
		return;
	bits = loopback_bits(m);
	ins = loopback_point(h);
	for (i = 0; i < m->nrestricts; i++) {
		if (is_loopback(&m->restricts[i], bits)) {
			ins = ins_after_line(m->restricts[i].at.cf->src,
			    m->restricts[i].at.span.start);
			break;
		}
	}
	ins_for_ntpconf(h, &ins);
	refused = refused_default(h, &rsrc, &rspan);
	f = diag_add(d, R_NTP011, ins.src, ins_span(&ins),
	    "no 'restrict default' line%s: %s%s; %s",
	    refused ? arena_printf(d->arena, " that %s accepts", ntpver_long(h->target)) : "",
	    query_exposure(d->arena, h),
	    h->target == NTPV_SEC ? "" : ", and register itself as a trap receiver",
	    !auth_on(m) && mode7_answered(h) ? "with authentication off, it may also "
	    "change the configuration with ntpdc" : h->target == NTPV_SEC ? "changing the "
	    "configuration still needs the control key" : "changing the configuration still "
	    "needs the request or control key");
	if (refused)
		diag_related(d, f, rsrc, rspan, arena_printf(d->arena, "refused by %s",
		    ntpver_long(h->target)));
	edit_add_lines(d, f, &ins, arena_printf(d->arena, "restrict%sdefault kod nomodify notrap",
	    conf_sep(main_conf(h), 0, DIR_RESTRICT)));
}

/* ESXi 6 rewrites every restrict line of an edited ntp.conf with its release's default
 * options when ntpd or hostd starts (upgrade-ntp.conf.sh): flags added by hand do not stay */
static bool
restrict_managed(const struct host *h)
{
	return h->model.esx.version != NULL && h->model.esx.major >= 6;
}

/* the flags of the default entry of family fam (4 or 6): ntpd adds up the flags of every
 * line for the same address and mask (hack_restrict(RESTRICT_FLAGS): flags |= ...) */
static unsigned
default_flags(const struct ntp_model *m, int fam)
{
	unsigned flags = 0;
	size_t i;

	for (i = 0; i < m->nrestricts; i++)
		if (restrict_is_default(&m->restricts[i]) && m->restricts[i].family != 10 - fam)
			flags |= m->restricts[i].flags;
	return flags;
}

/* the flags in force for the families default line r covers (those all of them have) */
static unsigned
effective_default(const struct ntp_model *m, const struct m_restrict *r)
{
	if (r->family != 0)
		return default_flags(m, r->family);
	return default_flags(m, 4) & default_flags(m, 6);
}

/* one finding per family: the first default line of that family that lacks something */
static bool
first_for_family(bool done[7], const struct m_restrict *r)
{
	bool fresh = r->family == 0 ? !done[4] || !done[6] : !done[r->family];

	if (r->family != 6)
		done[4] = true;
	if (r->family != 4)
		done[6] = true;
	return fresh;
}

/* with authentication off and ntpdc answered, only noquery refuses ntpdc's changes */
static bool
changes_need_noquery(const struct host *h)
{
	return h->target != NTPV_SEC && !auth_on(&h->model.ntp) && mode7_answered(h);
}

/* 'noquery' refuses every mode 6 and 7 packet before nomodify or notrap is looked at
 * (ntp_proto.c receive() in 4.1.2, 4.2.0 and 4.2.8; NTPsec check_early_restrictions()),
 * and 'ignore' refuses every packet: a default with either lacks nothing. 'kod' is not
 * asked for: it sends a kiss-o'-death only to a packet refused for 'limited' (or, in 4.2.0,
 * 'notrust'; fast_xmit()), and NTPsec warns "KOD does nothing without LIMITED". NTPsec
 * ignores 'notrap' (it has no traps) and starts its default with noquery. */
void
rule_weak_default_restrict(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	bool done[7] = { false }, need_noquery;
	struct finding *f;
	unsigned lack, want, eff;
	const char *why;
	size_t i;

	if (!m->present || restrict_managed(h) || sec_default_noquery(h))
		return;
	need_noquery = changes_need_noquery(h);
	want = RF_NOMODIFY | (h->target == NTPV_SEC ? 0 : RF_NOTRAP) |
	    (need_noquery ? RF_NOQUERY : 0);
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (!restrict_is_default(r))
			continue;
		eff = effective_default(m, r);
		if ((eff & RF_IGNORE) || (!need_noquery && (eff & RF_NOQUERY)) ||
		    (lack = want & ~eff) == 0 || !first_for_family(done, r))
			continue;
		why = NULL;
		if (lack & RF_NOTRAP)
			why = "any host may register itself as a trap receiver (mode 6 'settrap' "
			    "needs no key)";
		if (need_noquery)
			why = arena_printf(d->arena, "%s%swith authentication off, any host may "
			    "change the configuration with ntpdc: ntpd looks at 'nomodify' only for "
			    "authenticated requests, so only 'noquery' refuses these", why ? why : "",
			    why ? "; " : "");
		else if (lack & RF_NOMODIFY)
			why = arena_printf(d->arena, "%s%sonly the request and control keys guard "
			    "run-time changes, from any address", why ? why : "", why ? "; " : "");
		f = diag_add(d, R_NTP012, r->at.cf->src, r->at.span,
		    "the default restrict lacks %s and has no 'noquery': %s",
		    flag_list(d->arena, lack & ~RF_NOQUERY ? lack & ~RF_NOQUERY : lack), why);
		if (lack == RF_NOQUERY)
			f->message = arena_printf(d->arena, "the default restrict lacks 'noquery': %s",
			    why);
		/* noquery also ends remote monitoring with ntpq: NTP013 adds it only as an
		 * unsafe fix, so neither does this one */
		if (lack & RF_NOQUERY)
			f->nofix = "only 'noquery' refuses ntpdc's changes here, and it also stops "
			    "remote monitoring with ntpq: add it by hand";
		else
			add_flags(d, f, r, lack);
	}
}

/* the queries an open default answers (NTP012 asks for noquery itself when only noquery
 * stops ntpdc's changes). 'nopeer' matters only with authentication off: with it on
 * (the default), every classic ntpd refuses to mobilize an association for an
 * unauthenticated peer whatever nopeer says (4.2.0 receive() AM_NEWPASS: sys_authenticate
 * && !is_authentic; 4.2.8 AUTH(sys_authenticate | nopeer, ...)); NTPsec ignores it. */
void
rule_default_allows_query(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	bool done[7] = { false };
	unsigned want = 0, lack, eff;
	struct finding *f;
	const char *why;
	size_t i;

	if (!m->present || restrict_managed(h) || sec_default_noquery(h))
		return;
	if (!monitor_disabled(m) && !changes_need_noquery(h))
		want |= RF_NOQUERY;
	if (h->target != NTPV_SEC && !auth_on(m))
		want |= RF_NOPEER;
	for (i = 0; want != 0 && i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (!restrict_is_default(r))
			continue;
		eff = effective_default(m, r);
		if ((eff & RF_IGNORE) || (lack = want & ~eff) == 0 || !first_for_family(done, r))
			continue;
		why = lack & RF_NOQUERY ? query_exposure(d->arena, h) : NULL;
		if (lack & RF_NOPEER)
			why = arena_printf(d->arena, "%s%swith authentication off, any host may set "
			    "up a peer association with it and so offer it time", why ? why : "",
			    why ? "; " : "");
		f = diag_add(d, R_NTP013, r->at.cf->src, r->at.span,
		    "the default restrict lacks %s: %s", flag_list(d->arena, lack), why);
		add_flags(d, f, r, lack);
	}
}

void
rule_loopback_restricted(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	struct ntp_word w[64];
	struct finding *f;
	const char *names;
	unsigned bad, refusing;
	uint32_t n, k;
	int bits;
	size_t i, nnames;

	/* as NTP010: only the line-reading ntpd have ntpd_initres, and only a server name
	 * wakes it */
	if (!m->present || !NTPV_IS_CLASSIC(h->target) || !initres_requests(h) ||
	    (bits = loopback_bits(m)) < 0)
		return;
	if ((names = initres_names(d->arena, m, &nnames)) == NULL)
		return;
	refusing = initres_refusing(h);
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (!is_loopback(r, bits) || (bad = r->flags & refusing) == 0)
			continue;
		f = diag_add(d, R_NTP014, r->at.cf->src, r->at.span,
		    "the loopback restrict has %s, which %s", flag_list(d->arena, bad),
		    initres_harm(h, d, names, nnames, bad));
		if (h->target != NTPV_41)
			diag_severity(f, SEV_WARNING);
		n = model_words(&r->at, w, 64);
		for (k = 2; k < n; k++) {
			const struct kw *e = kw_lookup(&kw_restrict_flags, w[k].text, w[k].len);
			struct span del;

			if (e == NULL || e->arg == KA_ADDR)
				continue;
			if (!(bad & (1u << (unsigned)(e - kw_restrict_flags.v))))
				continue;
			/* the word and the blanks before it */
			del.start = w[k - 1].span.end;
			del.end = w[k].span.end;
			diag_edit(d, f, r->at.cf->src, del, "");
		}
	}
}

/* replaces 'ignore' by the flags VMware's procedure and NTP013 ask for, and deletes
 * 'noserve' (on a line without 'ignore' the fixes of NTP012 and NTP013 add the flags) */
static void
unblock_edits(struct diags *d, struct finding *f, const struct m_restrict *r)
{
	const char *sep = last_sep(r);
	struct ntp_word w[64];
	uint32_t n = model_words(&r->at, w, 64), k;
	bool first = true;

	for (k = 2; k < n; k++) {
		const struct kw *e = kw_lookup(&kw_restrict_flags, w[k].text, w[k].len);
		unsigned bit;
		struct span sp;

		if (e == NULL || e->arg == KA_ADDR)
			continue;
		bit = 1u << (unsigned)(e - kw_restrict_flags.v);
		if (!(bit & BLOCKS_SERVER))
			continue;
		/* the word and the blanks before it; flag_words starts with a separator */
		sp.start = w[k - 1].span.end;
		sp.end = w[k].span.end;
		if (first && bit == RF_IGNORE) {
			diag_edit(d, f, r->at.cf->src, sp, flag_words(d->arena,
			    (KB_FLAGS | QUERY_FLAGS) & ~r->flags, sep));
			first = false;
		} else {
			diag_edit(d, f, r->at.cf->src, sp, "");
		}
	}
}

/* names listed in a message, and related locations, at most */
#define LIST_MAX 5

void
rule_default_ignore_blocks_servers(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	struct verdicts v;
	bool done[7] = { false };
	size_t i, j, nblocked;

	if (!m->present)
		return;
	verdicts_build(&h->scratch, m, &v);
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];
		const char *names = NULL;
		struct finding *f;
		size_t nrel = 0;

		/* one finding for each default family (another 'ignore' line adds nothing) */
		if (!restrict_is_default(r) || !blocks_servers(&v, r) || done[r->family])
			continue;
		done[r->family] = true;
		nblocked = 0;
		for (j = 0; j < m->nsources; j++) {
			if (!blocked_by(m, &v, r, j))
				continue;
			if (nblocked < LIST_MAX)
				names = names == NULL ? m->sources[j].addr :
				    arena_printf(d->arena, "%s, %s", names, m->sources[j].addr);
			nblocked++;
		}
		if (nblocked > LIST_MAX)
			names = arena_printf(d->arena, "%s and %zu more", names, nblocked - LIST_MAX);
		f = diag_add(d, R_NTP015, r->at.cf->src, r->at.span,
		    "the default restrict has %s and %zu time source%s no restrict line of %s own "
		    "that lets %s answer (%s): %s replies are refused and %s stays unreachable "
		    "(reach 0)", flag_list(d->arena, r->flags & BLOCKS_SERVER), nblocked,
		    nblocked == 1 ? " has" : "s have", nblocked == 1 ? "its" : "their",
		    nblocked == 1 ? "it" : "them", names, nblocked == 1 ? "its" : "their",
		    nblocked == 1 ? "it" : "each");
		for (j = 0; j < m->nsources && nrel < LIST_MAX; j++) {
			const struct m_source *s = &m->sources[j];

			if (!blocked_by(m, &v, r, j))
				continue;
			diag_related(d, f, s->at.cf->src, s->addr_span,
			    name_is_pool(s->addr) || s->dir == DIR_POOL ?
			    "a pool name resolves to several changing addresses: no restrict line reliably matches them" :
			    "no restrict line of its own");
			nrel++;
		}
		unblock_edits(d, f, r);
	}
}

void
rule_nopeer_blocks_pool(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	const struct m_source *pool = NULL;
	const struct m_restrict *def = NULL;
	struct finding *f;
	size_t i;

	/* NTPsec ignores 'nopeer': it refuses no pool association */
	if (!m->present || h->target == NTPV_SEC)
		return;
	for (i = 0; i < m->nsources && pool == NULL; i++)
		if (m->sources[i].dir == DIR_POOL)
			pool = &m->sources[i];
	for (i = 0; i < m->nrestricts; i++) {
		if (m->restricts[i].is_source)
			return;
		if (def == NULL && restrict_is_default(&m->restricts[i]) &&
		    (m->restricts[i].flags & RF_NOPEER))
			def = &m->restricts[i];
	}
	if (pool == NULL || def == NULL)
		return;
	f = diag_add(d, R_NTP016, pool->at.cf->src, pool->at.span,
	    "pool associations are refused: the default restrict has 'nopeer' and no "
	    "'restrict source' line exempts the pool's servers (ntp bug 2657)");
	diag_related(d, f, def->at.cf->src, def->at.span, "the default restrict with 'nopeer'");
}
