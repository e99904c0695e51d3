/* time source rules (NTP030-NTP033): enough real servers, none twice, no local clock. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "rules_all.h"
#include "rules_util.h"

/* a pool directive brings several servers: as many as RFC 8633 asks for */
#define POOL_COUNTS 4
#define ENOUGH_SOURCES 4

static bool
is_time_source(const struct m_source *s)
{
	return s->dir == DIR_SERVER || s->dir == DIR_PEER || s->dir == DIR_POOL;
}

/* for each source, the first time source with the same address (itself when it is the
 * first; NULL when it is no time source) */
static const struct m_source **
first_same(struct arena *a, const struct ntp_model *m)
{
	const struct m_source **first = arena_alloc(a, (m->nsources + 1) * sizeof(*first));
	struct bmap seen;
	size_t i;

	bmap_init(&seen, a);
	for (i = 0; i < m->nsources; i++) {
		const char *k;
		struct bmap_slot *sl;

		if (!is_time_source(&m->sources[i]))
			continue;
		k = name_key(a, m->sources[i].addr);
		sl = bmap_slot(&seen, k, strlen(k));
		if (sl->val == NULL)
			sl->val = (void *)(uintptr_t)(i + 1);
		first[i] = &m->sources[(uintptr_t)sl->val - 1];
	}
	return first;
}

/* network sources, each address once, a pool as POOL_COUNTS; *first: the first one */
static size_t
count_sources(struct arena *a, const struct ntp_model *m, const struct m_source **first)
{
	const struct m_source **same = first_same(a, m);
	size_t i, n = 0;

	*first = NULL;
	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];

		if (!source_is_network(s) || same[i] != s)
			continue;
		if (*first == NULL)
			*first = s;
		n += s->dir == DIR_POOL ? POOL_COUNTS : 1;
	}
	return n;
}

void
rule_no_servers(struct host *h, struct diags *d)
{
	const struct m_source *first;
	struct conf_file *cf = main_conf(h);
	struct insertion ins;
	struct finding *f;
	const char *sep;

	if (cf == NULL || count_sources(&h->arena, &h->model.ntp, &first) > 0)
		return;
	ins = ins_append(cf->src);
	ins_for_ntpconf(h, &ins);
	f = diag_add(d, R_NTP030, ins.src, ins_span(&ins),
	    "no server, peer or pool line%s: ntpd has no time source and the clock drifts "
	    "freely", h->model.ntp.nsources > 0 ? " other than a reference clock" : "");
	sep = conf_sep(cf, cf->tree->nstmts, DIR_SERVER);
	edit_insert_lines(d, f, &ins, arena_printf(d->arena,
	    "server%s0.vmware.pool.ntp.org\nserver%s1.vmware.pool.ntp.org\n"
	    "server%s2.vmware.pool.ntp.org", sep, sep, sep));
}

void
rule_few_servers(struct host *h, struct diags *d)
{
	const struct m_source *first;
	size_t n;

	if (!h->model.ntp.present)
		return;
	n = count_sources(&h->arena, &h->model.ntp, &first);
	if (n == 0 || n >= ENOUGH_SOURCES)
		return;
	diag_add(d, R_NTP031, first->at.cf->src, first->at.span,
	    "only %zu time source%s: with fewer than %d, one wrong server cannot be outvoted "
	    "(RFC 8633 asks for at least four)", n, n == 1 ? "" : "s", ENOUGH_SOURCES);
}

void
rule_duplicate_server(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	const struct m_source *prev, **same;
	struct finding *f;
	size_t i;

	if (!m->present)
		return;
	same = first_same(&h->arena, m);
	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];

		if (!is_time_source(s) || (prev = same[i]) == s)
			continue;
		f = diag_add(d, R_NTP032, s->at.cf->src, s->at.span,
		    "'%s' is already a time source: the later %s line adds nothing", s->addr,
		    ntp_dir_name(s->dir));
		diag_related(d, f, prev->at.cf->src, prev->at.span, "first listed here");
		edit_delete_line(d, f, s->at.cf->src, s->at.span.start);
	}
}

void
rule_local_clock_source(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i;

	if (!m->present)
		return;
	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];

		/* driver type 1, the undisciplined local clock */
		if (!s->refclock || strncmp(s->addr, "127.127.1.", 10) != 0)
			continue;
		diag_add(d, R_NTP033, s->at.cf->src, s->at.span,
		    "the undisciplined local clock %s is a time source: when the real servers "
		    "fail, ntpd follows it and every VM inherits its drift without a word in the "
		    "log", s->addr);
	}
}
