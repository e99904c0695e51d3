/* step-tickers against ntp.conf (STK010-STK012): the service console's init script hands
 * the file's words to ntpdate, which steps the clock before ntpd starts; VMware's
 * procedure lists the network servers of ntp.conf there. What the script of the host's
 * era really does with the file (the boot model, src/model_files.c) decides how much a
 * missing server matters. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "rules_all.h"
#include "placement.h"
#include "rules_util.h"

/* the entries ntpdate takes as hosts (refclocks and ntp.conf words have rules of their own) */
static bool
is_host_entry(const struct stk_entry *e)
{
	return e->kind == STK_HOST || e->kind == STK_ADDR || e->kind == STK_INVALID;
}

/* the first host entry of each name (by name_key) */
static void
stk_index(struct arena *a, const struct stk_model *m, struct bmap *out)
{
	size_t i;

	bmap_init(out, a);
	for (i = 0; m->present && i < m->nentries; i++) {
		const char *k;
		struct bmap_slot *sl;

		if (!is_host_entry(&m->entries[i]))
			continue;
		k = name_key(a, m->entries[i].name);
		sl = bmap_slot(out, k, strlen(k));
		if (sl->val == NULL)
			sl->val = (void *)(uintptr_t)&m->entries[i];
	}
}

/* deletes entry i: its line when it is alone there (with a comment that only labelled it;
 * all: the file's host entries), else the word and the blanks before it (after it, for
 * the first word of a line) */
static void
delete_entry(struct diags *d, struct finding *f, const struct stk_model *m, size_t i,
    const struct bmap *all)
{
	const struct stk_entry *e = &m->entries[i];
	const struct lt_line *l = &m->tree->lines[e->tline];
	struct lt_word w[64];
	uint32_t n = lt_words(m->tree, l, w, 64), k;
	struct span sp = e->span;

	if (n <= 1) {
		edit_delete_entry(d, f, m->src, e->span.start,
		    &(struct entry_label){ .name = e->name, .all = all });
		return;
	}
	for (k = 0; k < n && k < 64 && w[k].span.start != e->span.start; k++)
		;
	if (k > 0 && k < n && k < 64)
		sp.start = w[k - 1].span.end;
	else if (k + 1 < n && k + 1 < 64)
		sp.end = w[k + 1].span.start;
	diag_edit(d, f, m->src, sp, "");
}

/* the script hands ntpdate ntp.conf's own server and peer lines (RHEL 3 for a file with no
 * word, RHEL 5 with -x): s is among them */
static bool
in_conf_fallback(const struct boot_model *b, const struct m_source *s)
{
	return b->ntpdate && b->from_conf && (s->dir == DIR_SERVER || s->dir == DIR_PEER) &&
	    s->at.cf->depth == 0 &&
	    !(b->era == ERA_RHEL5 && strstr(s->addr, "127.127.1.0") != NULL);
}

static bool
missing(const struct host *h, const struct bmap *servers, const struct bmap *entries,
    const struct m_source *s)
{
	/* a server named like ntp.conf syntax ('server iburst', NTP005) cannot be listed:
	 * step-tickers would read it back as a keyword, and the fix would append it again on
	 * every pass */
	return source_is_network(s) && bmap_get_name(servers, s->addr) == s &&
	    bmap_get_name(entries, s->addr) == NULL && stk_word_is_host(s->addr) &&
	    !in_conf_fallback(&h->model.boot, s);
}

/* why the file gives ntpdate no host, for the message */
static const char *
file_state(const struct stk_model *m)
{
	if (!m->present)
		return "the file is missing";
	if (m->src->len == 0)
		return "the file is empty";
	if (m->nentries == 0)
		return "the file lists no host";
	return "no entry of the file is a host ntpdate can look up";
}

void
rule_stk_missing_server(struct host *h, struct diags *d)
{
	const struct ntp_model *nm = &h->model.ntp;
	const struct stk_model *m = &h->model.stk;
	const struct boot_model *b = &h->model.boot;
	struct source *src = m->src;
	const char *names = NULL, *lines = NULL;
	struct insertion ins;
	struct finding *f;
	struct bmap servers, entries;
	size_t i, n = 0, nrel = 0;

	if (!has_step_tickers(h))
		return;
	ntp_server_index(&h->scratch, nm, false, &servers);
	stk_index(&h->scratch, m, &entries);
	for (i = 0; i < nm->nsources; i++) {
		const struct m_source *s = &nm->sources[i];

		if (!missing(h, &servers, &entries, s))
			continue;
		if (n < 8)
			names = names == NULL ? s->addr :
			    arena_printf(d->arena, "%s, %s", names, s->addr);
		lines = lines == NULL ? s->addr : arena_printf(d->arena, "%s\n%s", lines, s->addr);
		n++;
	}
	if (n == 0)
		return;
	if (n > 8)
		names = arena_printf(d->arena, "%s and %zu more", names, n - 8);
	if (src == NULL) {
		/* absent (or unreadable): the fix creates it */
		src = source_new(d->arena, STEPTICKERS_PATH, "", 0);
		src->absent = 1;
	}
	ins = ins_append(src);
	ins.eol = "\n";	/* a CR stays on the host name (STK005) */
	if (boot_steps(b)) {
		/* ntpdate.c clock_select(): one server that answers is enough to step */
		f = diag_add(d, R_STK010, src, ins_span(&ins),
		    "%s %s of ntp.conf %s not in step-tickers: at boot ntpdate steps the clock from "
		    "%s it is given (one that answers is enough), not from %s",
		    n == 1 ? "server" : "servers", names, n == 1 ? "is" : "are",
		    b->nusable == 1 ? "the one other host" :
		    arena_printf(d->arena, "the %zu other hosts", b->nusable), n == 1 ? "it" : "them");
		diag_severity(f, SEV_INFO);
	} else {
		/* the default severity: warning */
		f = diag_add(d, R_STK010, src, ins_span(&ins),
		    "%s %s of ntp.conf %s not in step-tickers (%s): %s, so the clock is not "
		    "stepped before ntpd starts; %s", n == 1 ? "server" : "servers", names,
		    n == 1 ? "is" : "are", file_state(m), !b->ntpdate ?
		    arena_printf(d->arena, "the %s init script runs no ntpdate", era_name(b->era)) :
		    "ntpdate has no host it can look up", boot_ntpd_text(h));
	}
	for (i = 0; i < nm->nsources && nrel < 16; i++) {
		const struct m_source *s = &nm->sources[i];

		if (missing(h, &servers, &entries, s)) {
			diag_related(d, f, s->at.cf->src, s->at.span, "the server in ntp.conf");
			nrel++;
		}
	}
	edit_add_lines(d, f, &ins, lines);
}

void
rule_stk_stale(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	struct bmap servers, entries;
	struct finding *f;
	size_t i;

	if (!has_step_tickers(h) || !m->present)
		return;
	ntp_server_index(&h->scratch, &h->model.ntp, false, &servers);
	stk_index(&h->scratch, m, &entries);
	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *e = &m->entries[i];

		/* a word that is no host name or address is STK001's: one finding a word */
		if ((e->kind != STK_HOST && e->kind != STK_ADDR) ||
		    bmap_get_name(&servers, e->name) != NULL ||
		    bmap_get_name(&entries, e->name) != e)
			continue;
		f = diag_add(d, R_STK011, m->src, e->span,
		    "step-tickers entry '%s' is no server of ntp.conf: ntpdate may step the clock "
		    "from a host ntpd then never uses", e->name);
		delete_entry(d, f, m, i, &entries);
	}
}

void
rule_stk_duplicate(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	const struct stk_entry *first;
	struct bmap entries;
	struct finding *f;
	size_t i;

	if (h->root == NULL || !m->present)
		return;
	stk_index(&h->scratch, m, &entries);
	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *e = &m->entries[i];

		/* an entry that is no name or address is STK001's: ntpdate cannot query it at
		 * all, let alone twice */
		if ((e->kind != STK_HOST && e->kind != STK_ADDR) ||
		    (first = bmap_get_name(&entries, e->name)) == e || first == NULL)
			continue;
		f = diag_add(d, R_STK012, m->src, e->span,
		    "'%s' is already in step-tickers: ntpdate queries it twice", e->name);
		diag_related(d, f, m->src, first->span, "first listed here");
		delete_entry(d, f, m, i, &entries);
	}
}
