/* restrict rules (NTP010-NTP016): the loopback and default entries VMware's procedure asks
 * for, and the combinations that silently refuse ntpd's own servers. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "ntpconf_vocab.h"
#include "rules_all.h"
#include "rules_util.h"

#define KB_FLAGS (RF_KOD | RF_NOMODIFY | RF_NOTRAP)
#define QUERY_FLAGS (RF_NOQUERY | RF_NOPEER)
#define INITRES_REFUSED (RF_IGNORE | RF_NOMODIFY | RF_NOQUERY)
#define BLOCKS_SERVER (RF_IGNORE | RF_NOSERVE)

static bool blocks_servers(const struct ntp_model *m, const struct m_restrict *r);

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

/* before the first restrict line, else the first server line, else the file's start */
static struct insertion
loopback_point(struct host *h)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i;

	if (m->nrestricts > 0)
		return ins_before_line(m->restricts[0].at.cf->src, m->restricts[0].at.span.start);
	for (i = 0; i < m->nsources; i++)
		if (m->sources[i].dir == DIR_SERVER || m->sources[i].dir == DIR_PEER ||
		    m->sources[i].dir == DIR_POOL)
			return ins_before_line(m->sources[i].at.cf->src,
			    m->sources[i].at.span.start);
	return ins_before_line(main_conf(h)->src, 0);
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

/* appends flags at the end of restrict r (before any comment). On an 'ignore' line the
 * flags come with NTP015's fix, which replaces 'ignore': adding them here as well would
 * write them twice when both fixes are applied. */
static void
add_flags(struct diags *d, struct finding *f, const struct ntp_model *m,
    const struct m_restrict *r, unsigned flags)
{
	struct span at = { r->at.span.end, r->at.span.end };

	if ((r->flags & RF_IGNORE) && blocks_servers(m, r)) {
		f->nofix = "'ignore' already refuses everything; the fix of NTP015 "
		    "(--unsafe-fixes) replaces it with 'kod nomodify notrap nopeer noquery'";
		return;
	}
	diag_edit(d, f, r->at.cf->src, at, flag_words(d->arena, flags, last_sep(r)));
}

void
rule_missing_loopback_restrict(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	const struct m_restrict *def;
	struct insertion ins;
	struct finding *f;

	if (!m->present || loopback_bits(m) >= 0)
		return;
	ins = loopback_point(h);
	ins_for_ntpconf(h, &ins);
	f = diag_add(d, R_NTP010, ins.src, ins_span(&ins),
	    "no 'restrict 127.0.0.1' line: ntpd_initres resolves the server names through the "
	    "loopback address and is refused (\"ntpd_initres: ntpd returns a permission denied "
	    "error\")");
	if ((def = default4(m)) != NULL)
		diag_related(d, f, def->at.cf->src, def->at.span,
		    "the default restrict applies to 127.0.0.1 instead");
	edit_insert_lines(d, f, &ins, arena_printf(d->arena, "restrict%s127.0.0.1",
	    conf_sep(main_conf(h), 0, DIR_RESTRICT)));
}

void
rule_missing_default_restrict(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	struct insertion ins;
	struct finding *f;
	int bits;
	size_t i;

	if (!m->present || default4(m) != NULL)
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
	f = diag_add(d, R_NTP011, ins.src, ins_span(&ins),
	    "no 'restrict default' line: any host may query this ntpd and change its "
	    "configuration at run time");
	edit_insert_lines(d, f, &ins, arena_printf(d->arena, "restrict%sdefault kod nomodify notrap",
	    conf_sep(main_conf(h), 0, DIR_RESTRICT)));
}

void
rule_weak_default_restrict(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	struct finding *f;
	unsigned lack;
	size_t i;

	if (!m->present)
		return;
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (!restrict_is_default(r) || (lack = KB_FLAGS & ~r->flags) == 0)
			continue;
		f = diag_add(d, R_NTP012, r->at.cf->src, r->at.span,
		    "the default restrict lacks %s (VMware's procedure: 'restrict default kod "
		    "nomodify notrap')%s", flag_list(d->arena, lack),
		    r->flags & RF_IGNORE ? ": 'ignore' refuses everything, but only until it is removed" :
		    lack & RF_NOMODIFY ? ": any host may change this ntpd's configuration" : "");
		add_flags(d, f, m, r, lack);
	}
}

/* `disable monitor`: no monlist to amplify */
static bool
monitor_disabled(const struct ntp_model *m)
{
	struct ntp_word w[32];
	uint32_t n, k;
	size_t i;

	for (i = 0; i < m->ndirs; i++) {
		if (m->dirs[i].dir != DIR_DISABLE)
			continue;
		n = model_words(&m->dirs[i].at, w, 32);
		for (k = 1; k < n; k++)
			if (w[k].len == 7 && memcmp(w[k].text, "monitor", 7) == 0)
				return true;
	}
	return false;
}

void
rule_default_allows_query(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	unsigned want = QUERY_FLAGS, lack;
	struct finding *f;
	size_t i;

	if (!m->present)
		return;
	if (monitor_disabled(m))
		want &= ~RF_NOQUERY;
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (!restrict_is_default(r) || (lack = want & ~r->flags) == 0)
			continue;
		f = diag_add(d, R_NTP013, r->at.cf->src, r->at.span,
		    "the default restrict lacks %s: %s", flag_list(d->arena, lack),
		    r->flags & RF_IGNORE ? "'ignore' refuses everything, but only until it is removed" :
		    lack & RF_NOQUERY ? "any host may send mode 6/7 queries (the monlist "
		    "amplification of CVE-2013-5211 on ntpd before 4.2.7p26)" :
		    "any host may set up a peer association with this ntpd");
		add_flags(d, f, m, r, lack);
	}
}

void
rule_loopback_restricted(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	struct ntp_word w[64];
	struct finding *f;
	unsigned bad;
	uint32_t n, k;
	int bits;
	size_t i;

	if (!m->present || (bits = loopback_bits(m)) < 0)
		return;
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (!is_loopback(r, bits) || (bad = r->flags & INITRES_REFUSED) == 0)
			continue;
		f = diag_add(d, R_NTP014, r->at.cf->src, r->at.span,
		    "the loopback restrict carries %s, which refuses ntpd_initres: the server names "
		    "are never resolved", flag_list(d->arena, bad));
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

/* the family a source's replies come from: its address's, or IPv4 for a name */
static int
source_family(const struct m_source *s, unsigned char a[16])
{
	int fam = addr_parse(s->addr, a);

	return fam != 0 ? fam : 4;
}

/* the flags ntpd applies to the replies of source s: the most specific covering entry's
 * (entries with the same address and mask add up); *by_default when that is a default.
 * A name is matched only by a restrict of the same name, a pool never: both fall to the
 * default unless a 'restrict source' entry applies to them. */
static unsigned
source_flags(const struct ntp_model *m, const struct m_source *s, bool *by_default)
{
	unsigned char a[16];
	unsigned flags = 0, src_flags = 0;
	int fam = source_family(s, a), best = -1, b;
	bool numeric = addr_parse(s->addr, a) != 0, has_source = false;
	size_t i;

	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];

		if (r->is_source) {
			has_source = true;
			src_flags |= r->flags;
			continue;
		}
		if (restrict_is_default(r))
			b = r->family == 0 || r->family == fam ? 0 : -1;
		else if (numeric)
			b = restrict_covers(r, fam, a);
		else
			b = s->dir != DIR_POOL && !name_is_pool(s->addr) &&
			    strcasecmp(r->addr, s->addr) == 0 ? 128 : -1;
		if (b > best) {
			best = b;
			flags = 0;
		}
		if (b == best && b >= 0)
			flags |= r->flags;
	}
	*by_default = best == 0;
	if (best <= 0 && has_source) {
		*by_default = false;
		return src_flags;
	}
	return best >= 0 ? flags : 0;
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

/* default entry r refuses the replies of network source s */
static bool
blocked_by(const struct ntp_model *m, const struct m_restrict *r, const struct m_source *s)
{
	unsigned char a[16];
	bool by_default;

	if (!source_is_network(s) || !(r->flags & BLOCKS_SERVER))
		return false;
	if (r->family != 0 && r->family != source_family(s, a))
		return false;
	return (source_flags(m, s, &by_default) & BLOCKS_SERVER) && by_default;
}

static bool
blocks_servers(const struct ntp_model *m, const struct m_restrict *r)
{
	size_t j;

	for (j = 0; j < m->nsources; j++)
		if (blocked_by(m, r, &m->sources[j]))
			return true;
	return false;
}

void
rule_default_ignore_blocks_servers(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i, j, nblocked;

	if (!m->present)
		return;
	for (i = 0; i < m->nrestricts; i++) {
		const struct m_restrict *r = &m->restricts[i];
		const char *names = NULL;
		struct finding *f;

		if (!restrict_is_default(r) || !blocks_servers(m, r))
			continue;
		nblocked = 0;
		for (j = 0; j < m->nsources; j++) {
			if (!blocked_by(m, r, &m->sources[j]))
				continue;
			names = names == NULL ? m->sources[j].addr :
			    arena_printf(d->arena, "%s, %s", names, m->sources[j].addr);
			nblocked++;
		}
		f = diag_add(d, R_NTP015, r->at.cf->src, r->at.span,
		    "the default restrict has %s and %zu time source%s no restrict line of %s own "
		    "that lets %s answer (%s): %s replies are refused and %s stays unreachable "
		    "(reach 0)", flag_list(d->arena, r->flags & BLOCKS_SERVER), nblocked,
		    nblocked == 1 ? " has" : "s have", nblocked == 1 ? "its" : "their",
		    nblocked == 1 ? "it" : "them", names, nblocked == 1 ? "its" : "their",
		    nblocked == 1 ? "it" : "each");
		for (j = 0; j < m->nsources; j++) {
			const struct m_source *s = &m->sources[j];

			if (blocked_by(m, r, s))
				diag_related(d, f, s->at.cf->src, s->addr_span,
				    name_is_pool(s->addr) || s->dir == DIR_POOL ?
				    "a pool name resolves to many addresses: no restrict line can match it" :
				    "no restrict line of its own");
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

	if (!m->present)
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
	    "'restrict source' line exempts the pool's servers (ntp bug 2152)");
	diag_related(d, f, def->at.cf->src, def->at.span, "the default restrict with 'nopeer'");
}
