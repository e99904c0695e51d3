/* step-tickers rules that need only the file itself: STK001, STK002, STK003, STK005. */
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "rules_all.h"
#include "util.h"

void
rule_stk_syntax(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	size_t i;

	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *e = &m->entries[i];

		if (e->kind != STK_INVALID)
			continue;
		diag_add(d, R_STK001, m->src, e->span,
		    "step-tickers entry '%s' is not a host name or address: ntpdate cannot resolve it",
		    e->name);
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

	while (i < m->nentries) {
		uint32_t line = m->entries[i].tline;
		const struct stk_entry *kw = NULL;
		struct finding *f;
		struct span sp;

		for (j = i; j < m->nentries && m->entries[j].tline == line; j++)
			if (kw == NULL && m->entries[j].kind == STK_KEYWORD)
				kw = &m->entries[j];
		if (kw != NULL) {
			f = diag_add(d, R_STK002, m->src, kw->span,
			    "ntp.conf syntax in step-tickers: ntpdate takes '%s' as a host name",
			    kw->name);
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
	uint32_t tok = e->tok, last = l->tokn;

	if (l->nwords == 1 && text.start == e->span.start && text.end == e->span.end)
		return (struct span){ text.start, t->tokstart[l->tokn] };
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

	for (i = 0; i < m->nentries; i++) {
		const struct stk_entry *e = &m->entries[i];
		struct finding *f;

		if (e->kind != STK_REFCLOCK)
			continue;
		f = diag_add(d, R_STK003, m->src, e->span,
		    "reference clock pseudo-address '%s' in step-tickers: ntpdate cannot query a local clock driver",
		    e->name);
		diag_edit(d, f, m->src, entry_cut(m, i), "");
	}
}

void
rule_stk_crlf(struct host *h, struct diags *d)
{
	const struct stk_model *m = &h->model.stk;
	struct finding *f;
	uint32_t i;

	if (!m->has_cr)
		return;
	f = diag_add(d, R_STK005, m->src, m->cr_span,
	    "CR character in step-tickers: the shell keeps '\\r' on the host name and ntpdate cannot resolve it");
	for (i = m->cr_span.start; i < m->src->len; i++)
		if (m->src->buf[i] == '\r')
			diag_edit(d, f, m->src, (struct span){ i, i + 1 }, "");
}
