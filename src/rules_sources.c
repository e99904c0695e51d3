/* time source rules (NTP030-NTP033): enough real servers, none twice, no local clock. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "rules_all.h"
#include "placement.h"
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
	bmap_reserve(&seen, m->nsources);
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

/* a client of broadcast, multicast or manycast servers finds its sources on the network:
 * no server line is needed */
static bool
listens_for_servers(const struct ntp_model *m)
{
	struct ntp_word w[32];
	uint32_t n, k;
	size_t i;

	for (i = 0; i < m->nsources; i++)
		if (m->sources[i].dir == DIR_MANYCASTCLIENT)
			return true;
	for (i = 0; i < m->ndirs; i++) {
		if (m->dirs[i].dir == DIR_BROADCASTCLIENT || m->dirs[i].dir == DIR_MULTICASTCLIENT)
			return true;
		if (m->dirs[i].dir != DIR_ENABLE)
			continue;
		n = model_words(&m->dirs[i].at, w, 32);
		for (k = 1; k < n; k++)
			if (w[k].len == 7 && memcmp(w[k].text, "bclient", 7) == 0)
				return true;
	}
	return false;
}

/* the first server, peer or pool line the target ntpd refused, if any */
static bool
refused_source(struct host *h, struct source **src, struct span *span)
{
	size_t ci;
	uint32_t i;

	for (ci = 0; ci < h->nconfs; ci++) {
		const struct ntpconf *t = h->confs[ci].tree;

		for (i = 0; i < t->nstmts; i++) {
			const struct ntp_stmt *s = &t->stmts[i];

			if ((s->flags & STMT_REJECTED) && (s->dir == DIR_SERVER ||
			    s->dir == DIR_PEER || s->dir == DIR_POOL)) {
				*src = t->src;
				*span = ntpconf_stmt_span(t, s);
				return true;
			}
		}
	}
	return false;
}

void
rule_no_servers(struct host *h, struct diags *d)
{
	const struct m_source *first;
	struct conf_file *cf = main_conf(h);
	struct insertion ins;
	struct finding *f;
	struct source *rsrc;
	struct span rspan;
	const char *sep;
	bool refused;

	if (cf == NULL || count_sources(&h->scratch, &h->model.ntp, &first) > 0 ||
	    listens_for_servers(&h->model.ntp))
		return;
	ins = ins_append(cf->src);
	ins_for_ntpconf(h, &ins);
	/* a line the target refused is still a line: say that none is read, not that none is
	 * written */
	refused = refused_source(h, &rsrc, &rspan);
	f = diag_add(d, R_NTP030, ins.src, ins_span(&ins),
	    "no server, peer or pool line%s%s: ntpd has no time source and the clock drifts "
	    "freely", h->model.ntp.nsources > 0 ? " other than a reference clock" : "",
	    refused ? arena_printf(d->arena, " that %s accepts", ntpver_long(h->target)) : "");
	if (refused)
		diag_related(d, f, rsrc, rspan, arena_printf(d->arena, "refused by %s",
		    ntpver_long(h->target)));
	sep = conf_sep(cf, cf->tree->nstmts, DIR_SERVER);
	edit_add_lines(d, f, &ins, arena_printf(d->arena,
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
	n = count_sources(&h->scratch, &h->model.ntp, &first);
	if (n == 0 || n >= ENOUGH_SOURCES)
		return;
	/* ntpd 4.2.0 html/manyopt.html: "Byzantine agreement principles require at least
	 * four candidates in order to correctly discard a single falseticker" */
	diag_add(d, R_NTP031, first->at.cf->src, first->at.span,
	    "only %zu time source%s: ntpd needs at least %d to be sure of discarding one wrong "
	    "server", n, n == 1 ? "" : "s", ENOUGH_SOURCES);
}

void
rule_duplicate_server(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	const struct m_source *prev, **same;
	struct finding *f;
	struct bmap all;	/* every time source: a comment naming another is no label */
	bool indexed = false;
	size_t i;

	if (!m->present)
		return;
	same = first_same(&h->scratch, m);
	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];

		if (!is_time_source(s) || (prev = same[i]) == s)
			continue;
		/* one association per address: 4.1.2/4.2.0 peer_config() gives the existing
		 * one this line's options; 4.2.8 and NTPsec newpeer() refuse a duplicate */
		f = diag_add(d, R_NTP032, s->at.cf->src, s->at.span,
		    "'%s' is already a time source: %s", s->addr, NTPV_IS_CLASSIC(h->target) ?
		    arena_printf(d->arena, "%s makes no second association and gives the first "
		    "one this line's options", ntpver_long(h->target)) :
		    arena_printf(d->arena, "%s ignores this later %s line",
		    ntpver_long(h->target), ntp_dir_name(s->dir)));
		diag_related(d, f, prev->at.cf->src, prev->at.span, "first listed here");
		if (!indexed) {
			ntp_server_index(&h->scratch, m, false, &all);
			indexed = true;
		}
		edit_delete_entry(d, f, s->at.cf->src, s->at.span.start,
		    &(struct entry_label){ .name = s->addr, .all = &all, .ntpconf = true });
	}
}

/* what the log says when ntpd falls back on the local clock, read where the system peer
 * changes: 4.1.2 clock_select() reports EVNT_PEERSTCHG, logged only under NLOG_SYSEVENT;
 * 4.2.0 and 4.2.2 clock_select() log "synchronized to %s, stratum[=]%d" under
 * NLOG_SYNCSTATUS; 4.2.8
 * and NTPsec report PEVNT_NEWPEER ("sys_peer"), logged only under NLOG_PEEREVENT. The
 * default mask is NLOG_SYNCMASK (4.1.2/4.2.0 getconfig(), 4.2.8/NTPsec init_logging()). */
static const char *
local_clock_log(enum ntp_version v)
{
	switch (v) {
	case NTPV_41:
		return "ntpd 4.1 logs nothing about the switch unless 'logconfig +sysevents' "
		    "is set";
	case NTPV_420:
	case NTPV_422:
		return "the log says only 'synchronized to LOCAL(0)' and its stratum "
		    "(LOG_INFO), which reads like success";
	default:
		return "the switch is only a 'sys_peer' peer event, which the default log "
		    "leaves out ('logconfig +peerevents' shows it)";
	}
}

#define LOCAL_CLOCK_MSG "the undisciplined local clock %s is a time source: when no real " \
	"server is usable, ntpd selects it and serves its own free-running time as if it " \
	"were synchronized; %s"

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
		diag_add(d, R_NTP033, s->at.cf->src, s->at.span, LOCAL_CLOCK_MSG, s->addr,
		    local_clock_log(h->target));
	}
	/* NTPsec's own spelling: 'refclock local' (driver names compare case-insensitively,
	 * ntp_parser.y addr_from_typeunit()) */
	for (i = 0; i < m->ndirs; i++) {
		const struct m_directive *x = &m->dirs[i];

		if (x->dir == DIR_REFCLOCK && x->arg != NULL && strcasecmp(x->arg, "local") == 0)
			diag_add(d, R_NTP033, x->at.cf->src, x->at.span, LOCAL_CLOCK_MSG,
			    "'refclock local'", local_clock_log(h->target));
	}
}
