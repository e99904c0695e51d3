#include "rules.h"

#include "lint.h"
#include "rules_all.h"

/* in the order findings should be produced; output sorts them by place anyway */
static rule_fn *const all_rules[] = {
#define RULE_FN(fn) fn,
#include "rules_list.def"
#undef RULE_FN
	NULL
};

void
rules_run(struct host *h)
{
	size_t i;

	for (i = 0; all_rules[i] != NULL; i++) {
		all_rules[i](h, &h->diags);
		if (arena_used(&h->scratch) > h->scratch_peak)
			h->scratch_peak = arena_used(&h->scratch);
		arena_free(&h->scratch);
	}
}
