/* tally: what a run found over its roots, for the fleet summary and --statistics: roots
 * by their worst finding, findings per rule, and the worst roots. Its size does not grow
 * with the number of roots (the worst are the TALLY_WORST first only). */
#ifndef TALLY_H
#define TALLY_H

#include <stdbool.h>
#include <stddef.h>

#include "fix.h"
#include "lint.h"

/* the worst roots a summary names */
#define TALLY_WORST 10

/* one root's findings as reported: not suppressed, not fixed (by enum severity) */
struct root_counts {
	size_t n[3];
	size_t fixed;		/* --fix: fixed (--diff: would be) */
};

struct tally {
	size_t roots;		/* linted (host roots and lone files) */
	size_t clean;		/* with no finding reported */
	size_t worst_sev[3];	/* the others, by their worst finding's enum severity */
	size_t skipped;		/* entries of directories of hosts that are no host root */
	size_t fleets;		/* directories of hosts */
	size_t rule[R_COUNT];	/* findings reported per rule */
	size_t rule_fix[R_COUNT];	/* of them, those with a fix (see tally_fixable) */
	struct tally_root {
		char *root;	/* as given */
		struct root_counts c;
		size_t seq;	/* in the run's order: the earlier wins a tie */
	} worst[TALLY_WORST];	/* most errors, then warnings, then info; only roots with an
				 * error or a warning */
	size_t nworst;
};

/* h's findings, counted (once its fixes are planned and its baseline applied) */
void tally_root(struct tally *t, const struct host *h, const struct fix_opts *fo,
    struct root_counts *c);
/* f (reported) has a fix a --fix run would try: edits or actions, the rule selected
 * by --fixable, unsafe only with --unsafe-fixes */
bool tally_fixable(const struct finding *f, const struct fix_opts *fo);
void tally_free(struct tally *t);

/* the rules with findings, most first (then by code): rules[0..return) */
size_t tally_rules(const struct tally *t, int rules[R_COUNT]);

#endif
