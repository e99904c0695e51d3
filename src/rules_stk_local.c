/* step-tickers rules on the file's own words: STK001, STK002, STK003, STK005. How much a
 * bad word matters follows what the era's init script does with the file (the boot model):
 * warning when ntpdate is left with no host it can look up, info while it keeps one.
 * ESXi has no step-tickers: nothing reads the file there. */
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "rules_all.h"
#include "rules_util.h"
#include "util.h"

static struct finding *
stk_add(struct host *h, struct diags *d, enum rule_id r, struct span sp, const char *what)
{
	enum severity sev;
	const char *effect = stk_word_effect(h, &sev);
	struct finding *f = diag_add(d, r, h->model.stk.src, sp, "%s; %s", what, effect);

	diag_severity(f, sev);
	return f;
}

void
rule_stk_syntax(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	size_t i;

	if (h->model.boot.era == ERA_NONE)
		return;
	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *e = &m->entries[i];

		/* a word of CRs alone is STK005's */
		if (e->kind != STK_INVALID || e->name[0] == '\0')
			continue;
		stk_add(h, d, R_STK001, e->span, arena_printf(&h->arena,
		    "step-tickers entry '%s' is not a host name or address: ntpdate cannot look "
		    "it up ('can't find host')", e->name));
	}
}

/* the line's words without the ntp.conf syntax, joined by one space */
static char *
host_words(struct host *h, const struct stk_entry *e, size_t n)
{
	size_t i, len = 0;
	char *out, *p;

	for (i = 0; i < n; i++)
		if (e[i].kind != STK_KEYWORD)
			len += strlen(e[i].name) + 1;
	p = out = arena_alloc(&h->arena, len + 1);
	for (i = 0; i < n; i++) {
		if (e[i].kind == STK_KEYWORD)
			continue;
		if (p != out)
			*p++ = ' ';
		memcpy(p, e[i].name, strlen(e[i].name));
		p += strlen(e[i].name);
	}
	*p = '\0';
	return out;
}

void
rule_stk_ntpconf_syntax(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	size_t i = 0, j, k;

	if (h->model.boot.era == ERA_NONE)
		return;
	while (i < m->nentries) {
		uint32_t line = m->entries[i].tline;
		const struct stk_entry *kw = NULL;
		struct finding *f;
		struct span sp;

		for (j = i; j < m->nentries && m->entries[j].tline == line; j++)
			if (kw == NULL && m->entries[j].kind == STK_KEYWORD)
				kw = &m->entries[j];
		if (kw != NULL) {
			f = stk_add(h, d, R_STK002, kw->span, arena_printf(&h->arena,
			    "ntp.conf syntax in step-tickers: ntpdate takes '%s' as a host name "
			    "to look up", kw->name));
			for (k = i; k < j; k++)
				if (m->entries[k].kind == STK_KEYWORD && &m->entries[k] != kw) {
					diag_related(d, f, m->src, m->entries[k].span,
					    arena_printf(&h->arena, "'%s' is ntp.conf syntax too",
					    m->entries[k].name));
					break;
				}
			sp.start = m->entries[i].span.start;
			sp.end = m->entries[j - 1].span.end;
			diag_edit(d, f, m->src, sp, host_words(h, &m->entries[i], j - i));
		}
		i = j;
	}
}

/* the bytes that go with entry i when it is deleted: its whole line when it is the line's
 * only content, else the entry and the blank after it (before it, when it is last) */
static struct span
entry_cut(const struct stk_model *m, size_t i)
{
	const struct stk_entry *e = &m->entries[i];
	const struct linetree *t = m->tree;
	const struct lt_line *l = &t->lines[e->tline];
	struct span sp = e->span, text = lt_line_text(t, l);
	uint32_t tok, last = l->tokn;

	if (l->nwords == 1 && text.start == e->span.start && text.end == e->span.end)
		return (struct span){ text.start, t->tokstart[l->tokn] };
	for (tok = l->tok0; tok < last && t->tokstart[tok] != e->span.start; tok++)
		;
	if (tok + 1 < last && t->tokkind[tok + 1] == LT_BLANK)
		sp.end = t->tokstart[tok + 2];
	else if (tok > l->tok0 && t->tokkind[tok - 1] == LT_BLANK)
		sp.start = t->tokstart[tok - 1];
	return sp;
}

void
rule_stk_refclock(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	size_t i;

	if (h->model.boot.era == ERA_NONE)
		return;
	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *e = &m->entries[i];
		struct finding *f;

		if (e->kind != STK_REFCLOCK)
			continue;
		f = stk_add(h, d, R_STK003, e->span, arena_printf(&h->arena,
		    "reference clock pseudo-address '%s' in step-tickers: it names a clock driver "
		    "inside ntpd, not a host, and ntpdate's query to it gets no answer (ntpd is "
		    "not running yet)", e->name));
		diag_edit(d, f, m->src, entry_cut(m, i), "");
	}
}

void
rule_stk_crlf(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	const struct boot_model *b = &h->model.boot;
	const struct stk_entry *e = NULL;
	struct finding *f;
	const char *cr;
	uint32_t i;

	/* a CR inside a comment goes with it (sed 's/#.*$//'): only one that stays on a word
	 * handed to ntpdate matters */
	if (b->era == ERA_NONE || !b->ntpdate || b->from_conf)
		return;
	for (i = 0; i < m->nentries && e == NULL; i++)
		if (m->entries[i].cr)
			e = &m->entries[i];
	if (e == NULL)
		return;
	cr = memchr(m->src->buf + e->span.start, '\r', e->span.end - e->span.start);
	i = (uint32_t)(cr - m->src->buf);
	if (e->name[0] == '\0')
		f = stk_add(h, d, R_STK005, (struct span){ i, i + 1 }, "a line of step-tickers "
		    "holds only a CR: the init script splits words on space, TAB and newline only, "
		    "so ntpdate is handed '\\r' as a host name");
	else
		f = stk_add(h, d, R_STK005, (struct span){ i, i + 1 }, arena_printf(&h->arena,
		    "CR character on step-tickers entry '%s': the init script splits words on "
		    "space, TAB and newline only, so ntpdate is handed '%s\\r', which does not "
		    "resolve", e->name, e->name));
	/* the fix gives the whole file LF line ends, comments included */
	for (i = m->cr_span.start; i < m->src->len; i++)
		if (m->src->buf[i] == '\r')
			diag_edit(d, f, m->src, (struct span){ i, i + 1 }, "");
}
