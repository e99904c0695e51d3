/* diag: findings produced by parsers and rules, each tied to a span of a source. */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

#include "rule.h"
#include "source.h"

/* a byte-range replacement on a source's original text (insert: start == end) */
struct edit {
	struct source *src;
	struct span span;
	const char *text;
};

/* a place that explains a finding (e.g. the ntp.conf line that caused it) */
struct related {
	struct source *src;
	struct span span;
	const char *message;
};

struct finding {
	enum rule_id rule;
	enum severity sev;
	struct source *src;	/* NULL for a file that could not be read: path is used */
	const char *path;
	struct span span;
	const char *message;
	struct related *related;
	size_t nrelated;
	struct edit *edits;	/* the fix, if the rule can make one now */
	size_t nedits;
	const char *nofix;	/* why a fixable rule made no edits, or NULL */
	int suppressed;
	size_t seq;		/* insertion order, for a stable sort */
};

struct diags {
	struct arena *arena;
	struct finding *v;
	size_t n, cap;
};

void diags_init(struct diags *d, struct arena *a);
/* appends a finding with a printf-style message; the message is copied into the arena */
struct finding *diag_add(struct diags *d, enum rule_id r, struct source *src,
    struct span span, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* a finding about a file with no source (missing, unreadable) */
struct finding *diag_add_path(struct diags *d, enum rule_id r, const char *path,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_related(struct diags *d, struct finding *f, struct source *src, struct span span,
    const char *msg);
void diag_edit(struct diags *d, struct finding *f, struct source *src, struct span span,
    const char *text);
/* sorts findings by path, offset and rule; stable for equal keys */
void diags_sort(struct diags *d);

#endif
