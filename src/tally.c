#include "tally.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

bool
tally_fixable(const struct finding *f, const struct fix_opts *fo)
{
	const struct rule *r = &rule_table[f->rule];

	if (r->fix == FIX_NONE || !fo->fixable[f->rule] || (f->nedits == 0 && f->nactions == 0))
		return false;
	return r->fix != FIX_UNSAFE || fo->unsafe;
}

/* a before b in the worst list */
static bool
worse(const struct root_counts *a, size_t aseq, const struct root_counts *b, size_t bseq)
{
	int s;

	for (s = SEV_ERROR; s >= SEV_INFO; s--)
		if (a->n[s] != b->n[s])
			return a->n[s] > b->n[s];
	return aseq < bseq;
}

static void
add_worst(struct tally *t, const char *root, const struct root_counts *c)
{
	size_t seq = t->roots, i;
	char *copy;

	if (c->n[SEV_ERROR] == 0 && c->n[SEV_WARNING] == 0)
		return;
	if (t->nworst == TALLY_WORST &&
	    !worse(c, seq, &t->worst[TALLY_WORST - 1].c, t->worst[TALLY_WORST - 1].seq))
		return;
	copy = xstrdup(root);
	if (t->nworst == TALLY_WORST)
		free(t->worst[--t->nworst].root);
	/* insertion into the sorted few */
	for (i = t->nworst; i > 0 && worse(c, seq, &t->worst[i - 1].c, t->worst[i - 1].seq); i--)
		t->worst[i] = t->worst[i - 1];
	t->worst[i].root = copy;
	t->worst[i].c = *c;
	t->worst[i].seq = seq;
	t->nworst++;
}

void
tally_root(struct tally *t, const struct host *h, const struct fix_opts *fo,
    struct root_counts *c)
{
	size_t i;
	int s;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			c->fixed++;
			continue;
		}
		c->n[f->sev]++;
		t->rule[f->rule]++;
		t->rule_fix[f->rule] += tally_fixable(f, fo);
	}
	for (s = SEV_ERROR; s >= SEV_INFO && c->n[s] == 0; s--)
		;
	if (s < SEV_INFO)
		t->clean++;
	else
		t->worst_sev[s]++;
	add_worst(t, h->root ? h->root : h->lone, c);
	t->roots++;
}

void
tally_free(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->nworst; i++)
		free(t->worst[i].root);
	t->nworst = 0;
}

struct order {
	const struct tally *t;
};

static int
by_count(const void *a, const void *b, void *ctx)
{
	const struct tally *t = ((struct order *)ctx)->t;
	int x = *(const int *)a, y = *(const int *)b;

	if (t->rule[x] != t->rule[y])
		return t->rule[x] > t->rule[y] ? -1 : 1;
	return strcmp(rule_table[x].code, rule_table[y].code);
}

size_t
tally_rules(const struct tally *t, int rules[R_COUNT])
{
	struct order o = { t };
	size_t n = 0;
	int r;

	for (r = 0; r < R_COUNT; r++)
		if (t->rule[r] > 0)
			rules[n++] = r;
	qsort_r(rules, n, sizeof(*rules), by_count, &o);
	return n;
}
