/* hosts rules that need only the file itself: HST001, HST002, HST003. */
#include <string.h>

#include "addrbook.h"
#include "lint.h"
#include "rules_all.h"

/* older resolvers (BSD gethnamaddr) keep 35 aliases and read lines into BUFSIZ + 1 */
#define HOSTS_MAX_ALIASES 35
#define HOSTS_MAX_LINE 1023

void
rule_hst_syntax(struct host *h, struct diags *d)
{
	const struct hst_model *m = &h->model.hosts;
	size_t i, j;

	for (i = 0; i < m->nlines; i++) {
		const struct hst_line *l = &m->lines[i];

		switch (l->first) {
		case HF_BAD_ADDR:
			diag_add(d, R_HST001, m->src, l->addr_span,
			    "'%s' is not a valid address: the resolver ignores this line", l->addr);
			continue;
		case HF_JUNK:
			diag_add(d, R_HST001, m->src, l->addr_span,
			    "'%s' is neither an address nor a host name: the resolver ignores this line",
			    l->addr);
			continue;
		case HF_NAME:
			continue;	/* HST002 */
		default:
			break;
		}
		if (l->nnames == 0) {
			diag_add(d, R_HST001, m->src, l->addr_span,
			    "address '%s' has no host name after it: the resolver ignores this line",
			    l->addr);
			continue;
		}
		for (j = l->name0; j < l->name0 + l->nnames; j++)
			if (!m->names[j].valid)
				diag_add(d, R_HST001, m->src, m->names[j].span,
				    "'%s' is not a valid host name (hosts(5): letters, digits, '-' "
				    "and '.'): glibc still matches it, other resolvers may not",
				    m->names[j].name);
	}
}

void
rule_hst_name_first(struct host *h, struct diags *d)
{
	const struct hst_model *m = &h->model.hosts;
	struct finding *f;
	const char *a;
	size_t i;

	for (i = 0; i < m->nlines; i++) {
		const struct hst_line *l = &m->lines[i];

		if (l->first != HF_NAME)
			continue;
		f = diag_add(d, R_HST002, m->src, l->addr_span,
		    "hosts line starts with the name '%s', not an address: the resolver ignores the whole line",
		    l->addr);
		/* the fix puts the name's address in front; the name stays the canonical one */
		if ((a = host_address(h, l->addr, &f->nofix)) != NULL)
			diag_edit(d, f, m->src, (struct span){ l->addr_span.start, l->addr_span.start },
			    arena_printf(&h->arena, "%s ", a));
	}
}

void
rule_hst_long(struct host *h, struct diags *d)
{
	const struct hst_model *m = &h->model.hosts;
	const struct linetree *t = m->tree;
	size_t i;

	if (!m->present)
		return;
	for (i = 0; i < m->nlines; i++) {
		const struct hst_line *l = &m->lines[i];

		if (l->nnames > HOSTS_MAX_ALIASES + 1)
			diag_add(d, R_HST003, m->src, l->span,
			    "hosts line with %u aliases: resolvers that keep %d drop the rest",
			    l->nnames - 1, HOSTS_MAX_ALIASES);
	}
	/* comment lines count too: a reader that cuts the line reads the rest as a new one */
	for (i = 0; i < t->nlines; i++) {
		struct span sp = lt_line_text(t, &t->lines[i]);

		if (sp.end - sp.start > HOSTS_MAX_LINE)
			diag_add(d, R_HST003, m->src, (struct span){ sp.start, sp.start + 1 },
			    "hosts line of %u bytes: older resolvers read %d bytes of a line at most",
			    sp.end - sp.start, HOSTS_MAX_LINE);
	}
}
