/* /etc/hosts against ntp.conf (HST010-HST012): the 2006-2007 procedure adds each server to
 * /etc/hosts so that ntpd resolves it without DNS; pool names must not be pinned there. */
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

void
rule_hst_missing_server(struct host *h, struct diags *d)
{
	const struct ntp_model *nm = &h->model.ntp;
	const struct hst_model *m = &h->model.hosts;
	struct insertion ins;
	struct finding *f;
	struct bmap servers, names;
	const char *a;
	size_t i;

	if (h->root == NULL || !nm->present)
		return;
	ntp_server_index(&h->scratch, nm, true, &servers);
	hosts_index(&h->scratch, m, &servers, &names);
	for (i = 0; i < nm->nsources; i++) {
		const struct m_source *s = &nm->sources[i];

		/* a pool name in /etc/hosts pins one address of a rotating set (HST011) */
		if (!source_is_network(s) || s->numeric || s->dir == DIR_POOL ||
		    name_is_pool(s->addr) || bmap_get_name(&servers, s->addr) != s)
			continue;
		if (bmap_get_name(&names, s->addr) != NULL)
			continue;
		if (m->present) {
			ins = hosts_point(m);
			f = diag_add(d, R_HST010, ins.src, ins_span(&ins),
			    "server '%s' of ntp.conf has no usable /etc/hosts entry: ntpd resolves it "
			    "only through DNS, once, at start-up", s->addr);
		} else {
			f = diag_add_path(d, R_HST010, HOSTS_PATH,
			    "server '%s' of ntp.conf has no /etc/hosts entry (the file %s): "
			    "ntpd resolves it only through DNS, once, at start-up", s->addr,
			    hosts_missing(h) ? "is missing" : "cannot be read, see FS001");
		}
		diag_related(d, f, s->at.cf->src, s->addr_span, "the server in ntp.conf");
		if (!m->present)
			f->nofix = hosts_missing(h) ? "etc/hosts is missing: the fix does not create it" :
			    "etc/hosts cannot be read: the fix does not replace it";
		else if ((a = host_address(h, s->addr, &f->nofix)) != NULL)
			edit_add_lines(d, f, &ins, arena_printf(&h->arena, "%s\t%s", a, s->addr));
	}
}

void
rule_hst_pinned_pool(struct host *h, struct diags *d)
{
	const struct hst_model *m = &h->model.hosts;
	const struct m_source *s;
	struct bmap servers;
	struct finding *f;
	size_t i;

	if (h->root == NULL || !m->present)
		return;
	ntp_server_index(&h->scratch, &h->model.ntp, true, &servers);
	for (i = 0; i < m->nnames; i++) {
		const struct hst_name *nm = &m->names[i];

		if (!m->lines[nm->line].valid || !name_is_pool(nm->name))
			continue;
		f = diag_add(d, R_HST011, m->src, nm->span,
		    "pool name '%s' is pinned to %s: pool servers come and go, and this address "
		    "goes stale without a word", nm->name, m->lines[nm->line].addr);
		if ((s = bmap_get_name(&servers, nm->name)) != NULL)
			diag_related(d, f, s->at.cf->src, s->addr_span,
			    "ntpd resolves it through /etc/hosts");
	}
}

static int
line_family(const struct hst_line *l)
{
	return l->first == HF_IPV6 ? 6 : 4;
}

static bool
same_address(const char *x, const char *y)
{
	unsigned char a[16], b[16];

	return addr_parse(x, a) == addr_parse(y, b) && memcmp(a, b, sizeof(a)) == 0;
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
		    "uses the first one", b->name, lb->addr, la->addr);
		diag_related(d, f, m->src, la->addr_span, "the mapping the resolver uses");
	}
}
