/* edit: the edits of one source as a set, checked for conflicts and applied in one pass.
 * Edits are byte ranges of the original text; bytes no edit covers are copied verbatim. */
#ifndef EDIT_H
#define EDIT_H

#include <stddef.h>

#include "diag.h"

struct edit_set {
	struct source *src;
	/* runs sorted by start, then end (an insert before a replace), of the sizes of the
	 * bits of n, largest first (13 edits: runs of 8, 4 and 1): an edit is added as a run
	 * of one, and two runs of one size are merged, so that adding n edits costs
	 * O(n log n) and checking one against the set O(log^2 n) */
	struct edit *v;
	size_t n, cap;
};

void edit_set_init(struct edit_set *s, struct source *src);
void edit_set_free(struct edit_set *s);
/* two edits conflict if their ranges overlap, if both insert at one offset (their order
 * would be a guess), or if one inserts where the other's replaced range starts */
int edit_conflicts(const struct edit *a, const struct edit *b);
/* e conflicts with an edit of the set (compared with the neighbours of its place only:
 * the set's edits do not conflict with one another) */
int edit_set_conflicts(const struct edit_set *s, const struct edit *e);
/* two of the n edits (of any sources) conflict */
int edits_conflict(const struct edit *e, size_t n);
/* adds the n edits of one fix, all or none: 0, or -1 if one conflicts with an edit
 * already in the set or with another of the n (the set is then unchanged) */
int edit_set_add(struct edit_set *s, const struct edit *e, size_t n);
/* the source's text with every edit applied: a heap buffer of *len bytes (NUL-terminated) */
char *edit_apply(const struct edit_set *s, size_t *len);

#endif
