/* /etc/hosts against ntp.conf (HST010-HST012): VMware's procedure of 2006-2007 (KB1339) adds
 * each server, the 0/1/2.vmware.pool.ntp.org names included, to /etc/hosts so that ntpdate
 * and ntpd resolve them without DNS; its later revision (by 2011) drops that step and warns
 * against hard-coded addresses, which --no-pin-pool follows for pool names. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "addrbook.h"
#include "lint.h"
#include "rules_all.h"
#include "placement.h"
#include "rules_util.h"

/* the first name entry of each server name on a line the resolver uses, by name_key and
 * by family: the keys are "4:name" and "6:name", and "name" for either. Only the names of
 * servers are asked for, so only they are kept: a hosts file of a million lines costs the
 * index no more than its servers do */
static void
hosts_index(struct arena *a, const struct hst_model *m, struct bmap *servers, struct bmap *out)
{
	size_t i;
	int pass;

	bmap_init(out, a);
	for (i = 0; m->present && i < m->nnames; i++) {
		const struct hst_line *l = &m->lines[m->names[i].line];
		const char *k;

		if (!l->valid || bmap_get_name(servers, m->names[i].name) == NULL)
			continue;
		k = name_key(a, m->names[i].name);
		for (pass = 0; pass < 2; pass++) {
			const char *key = pass == 0 ? k :
			    arena_printf(a, "%c:%s", l->first == HF_IPV6 ? '6' : '4', k);
			struct bmap_slot *sl = bmap_slot(out, key, strlen(key));

			if (sl->val == NULL)
				sl->val = (void *)(uintptr_t)&m->names[i];
		}
	}
}

/* after the last line that has a field, else at the end (1:1 for an empty file) */
static struct insertion
hosts_point(const struct hst_model *m)
{
	if (m->nlines > 0)
		return ins_after_line(m->src, m->lines[m->nlines - 1].span.start);
	return ins_append(m->src);
}

/* etc/hosts is absent (not a directory, FIFO, unreadable or too large file in its place) */
static bool
hosts_missing(const struct host *h)
{
	const struct files_model *fm = &h->model.files;
	size_t i;

	for (i = 0; i < fm->n; i++)
		if (strcmp(fm->v[i].path, HOSTS_PATH) == 0)
			return fm->v[i].status == FSR_MISSING;
	return true;
}

/* what happens to a name that is not in /etc/hosts when DNS does not answer, by the ntpd
 * that runs (and ntpdate, on a service console) */
static const char *
dns_only_text(struct host *h)
{
	const char *ntpd;

	if (h->target == NTPV_SEC)
		/* ntp_dns.c dns_check(), ntp_proto.c dns_take_status() (1.2.2 to 1.2.5):
		 * EAI_AGAIN sets hpoll 3, other errors add 4 to at least 8, at most 12 */
		ntpd = "NTPsec retries a lookup 8 s after a temporary failure and up to 4096 s "
		    "after others";
	else if (h->target == NTPV_428)
		/* libntp/ntp_intres.c should_retry_dns(), manage_dns_retry_interval() */
		ntpd = "ntpd 4.2.8 retries a lookup that fails for a temporary reason 2 to 64 s "
		    "apart and gives up on the others ('giving up resolving host')";
	else if (h->target == NTPV_420)
		/* ntpd/ntp_intres.c doconfigure() at 2f111eeac resolves an entry only when its
		 * address is already set ("[Bug 48]" 9c7b00ad0, undone by "Bug #411" 23c213a02
		 * after 4.2.0): an entry handed over is never resolved */
		ntpd = "ntpd 4.2.0, which resolved it once at start-up, never tries again "
		    "(its ntpd_initres never resolves a name): the server is lost until ntpd "
		    "restarts";
	else
		/* ntpd/ntp_intres.c ntp_intres(): MINRESOLVE 2 to MAXRESOLVE 32 ticks of
		 * ALARM_TIME 30 s, in 4.1.0, 4.1.2 and 4.2.2p1; findhostaddr() gives up on a
		 * name whose lookup fails for good (not TRY_AGAIN) */
		ntpd = "ntpd_initres retries it 1 to 16 minutes apart";
	if (h->model.boot.era == ERA_NONE)
		return arena_printf(&h->arena, "it is looked up in DNS only; when DNS does not "
		    "answer, %s", ntpd);
	return arena_printf(&h->arena, "it is looked up in DNS only; when DNS does not answer "
	    "at boot, ntpdate skips it and %s", ntpd);
}

/* a name VMware's procedure pins in /etc/hosts: any server name; a pool name only on a
 * service console (the procedure's hosts; ESXi never had the step) and not with
 * --no-pin-pool; never a 'pool' line, whose many addresses a hosts line would cut to one */
static bool
asked_for(const struct host *h, const struct m_source *s)
{
	if (s->dir == DIR_POOL)
		return false;
	if (!name_is_pool(s->addr))
		return true;
	return h->model.boot.era != ERA_NONE && !(h->opts != NULL && h->opts->no_pin_pool);
}

void
rule_hst_missing_server(struct host *h, struct diags *d)
{
	const struct ntp_model *nm = &h->model.ntp;
	const struct hst_model *m = &h->model.hosts;
	struct insertion ins;
	struct finding *f;
	struct bmap servers, names;
	const char *a, *what, *why;
	size_t i;

	if (h->root == NULL || !nm->present)
		return;
	ntp_server_index(&h->scratch, nm, true, &servers);
	hosts_index(&h->scratch, m, &servers, &names);
	for (i = 0; i < nm->nsources; i++) {
		const struct m_source *s = &nm->sources[i];

		if (!source_is_network(s) || s->numeric || !asked_for(h, s) ||
		    bmap_get_name(&servers, s->addr) != s)
			continue;
		if (bmap_get_name(&names, s->addr) != NULL)
			continue;
		what = name_is_pool(s->addr) ? arena_printf(&h->arena, "pool server '%s' of "
		    "ntp.conf, which VMware's procedure of 2006-2007 pins,", s->addr) :
		    arena_printf(&h->arena, "server '%s' of ntp.conf", s->addr);
		why = dns_only_text(h);
		if (name_is_pool(s->addr))
			why = arena_printf(&h->arena, "%s (the procedure's later revision leaves "
			    "pool names to DNS, as pinned addresses go stale: --no-pin-pool)", why);
		if (m->present) {
			ins = hosts_point(m);
			f = diag_add(d, R_HST010, ins.src, ins_span(&ins),
			    "%s has no usable /etc/hosts entry: %s", what, why);
		} else {
			f = diag_add_path(d, R_HST010, HOSTS_PATH,
			    "%s has no /etc/hosts entry (the file %s): %s", what,
			    hosts_missing(h) ? "is missing" : "cannot be read, see FS001", why);
		}
		diag_related(d, f, s->at.cf->src, s->addr_span, "the server in ntp.conf");
		if (!m->present)
			f->nofix = hosts_missing(h) ? "etc/hosts is missing: the fix does not create it" :
			    "etc/hosts cannot be read: the fix does not replace it";
		else if ((a = host_address(h, s->addr, &f->nofix)) != NULL)
			edit_add_lines(d, f, &ins, arena_printf(&h->arena, "%s\t%s", a, s->addr));
	}
}

static bool
same_address(const char *x, const char *y)
{
	unsigned char a[16], b[16];

	return addr_parse(x, a) == addr_parse(y, b) && memcmp(a, b, sizeof(a)) == 0;
}

/* the resolver's addresses of name's family fam, joined; NULL when it gave none of that
 * family, "" when addr is among them */
static const char *
resolved_others(struct host *h, const char *name, int fam, const char *addr)
{
	const char *const *v, *out = NULL;
	unsigned char bin[16];
	size_t n, i, shown = 0;

	if ((v = host_resolved(h, name, &n)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (addr_parse(v[i], bin) != fam)
			continue;
		if (same_address(v[i], addr))
			return "";
		if (shown++ < 6)
			out = out == NULL ? v[i] : arena_printf(&h->arena, "%s, %s", out, v[i]);
	}
	if (shown > 6)
		out = arena_printf(&h->arena, "%s and %zu more", out, shown - 6);
	return out;
}

void
rule_hst_pinned_pool(struct host *h, struct diags *d)
{
	const struct hst_model *m = &h->model.hosts;
	const struct m_source *s;
	struct bmap servers, names;
	struct finding *f;
	const char *others;
	size_t i;

	/* only with --resolve: a pinned pool address is the procedure's own step (HST010
	 * asks for it); only an answer of the resolver can show that it went stale */
	if (h->root == NULL || !m->present || h->opts == NULL || h->opts->addrs == NULL ||
	    !h->opts->addrs->resolve)
		return;
	ntp_server_index(&h->scratch, &h->model.ntp, true, &servers);
	hosts_index(&h->scratch, m, &servers, &names);
	for (i = 0; i < m->nnames; i++) {
		const struct hst_name *nm = &m->names[i];
		const struct hst_line *l = &m->lines[nm->line];
		char key[520];

		if (!l->valid || !name_is_pool(nm->name) ||
		    (s = bmap_get_name(&servers, nm->name)) == NULL)
			continue;
		/* the line the resolver uses for that family */
		snprintf(key, sizeof(key), "%c:%s", l->first == HF_IPV6 ? '6' : '4', nm->name);
		if (bmap_get_name(&names, key) != nm)
			continue;
		others = resolved_others(h, nm->name, l->first == HF_IPV6 ? 6 : 4, l->addr);
		if (others == NULL || *others == '\0')
			continue;
		f = diag_add(d, R_HST011, m->src, l->addr_span,
		    "pool name '%s' is pinned to %s, which is not among the addresses the resolver "
		    "gives for it now (%s): the pool's DNS answers with a few of its servers at a "
		    "time, so %s may still serve time or may have left the pool; check it "
		    "(ntpdate -q %s) or pin a current address", nm->name, l->addr, others, l->addr,
		    l->addr);
		diag_related(d, f, s->at.cf->src, s->addr_span, "ntpd resolves it through /etc/hosts");
	}
}

static int
line_family(const struct hst_line *l)
{
	return l->first == HF_IPV6 ? 6 : 4;
}

void
rule_hst_conflict(struct host *h, struct diags *d)
{
	const struct hst_model *m = &h->model.hosts;
	struct bmap servers, names;
	struct finding *f;
	size_t i;

	if (h->root == NULL || !m->present || !h->model.ntp.present)
		return;
	ntp_server_index(&h->scratch, &h->model.ntp, true, &servers);
	hosts_index(&h->scratch, m, &servers, &names);
	for (i = 0; i < m->nnames; i++) {
		const struct hst_name *b = &m->names[i], *a;
		const struct hst_line *lb = &m->lines[b->line], *la;
		char key[520];

		if (!lb->valid || bmap_get_name(&servers, b->name) == NULL)
			continue;
		/* the first line of the same family that maps the name */
		snprintf(key, sizeof(key), "%c:%s", line_family(lb) == 6 ? '6' : '4', b->name);
		if ((a = bmap_get_name(&names, key)) == NULL || a->line == b->line)
			continue;
		la = &m->lines[a->line];
		if (same_address(la->addr, lb->addr))
			continue;
		f = diag_add(d, R_HST012, m->src, lb->addr_span,
		    "server '%s' is mapped to %s here, but to %s on an earlier line: the resolver "
		    "uses the first one (glibc, unless /etc/host.conf says 'multi on')", b->name,
		    lb->addr, la->addr);
		diag_related(d, f, m->src, la->addr_span, "the mapping the resolver uses");
	}
}
