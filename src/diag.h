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

/* a change a fix makes beside a file's text (the fix engine does it, rules only describe it) */
enum fix_action_kind {
	FIXACT_CHMOD,		/* clear the mode bits 'mode' of path (FS002) */
	FIXACT_SYMLINK,		/* make path a symlink to target, removing 'replaces' (SVC010) */
	FIXACT_MKDIR		/* make the directory path, 0755 root:root, for a file a fix
				 * creates (planned by the fix engine, before the files) */
};

struct fix_action {
	enum fix_action_kind kind;
	const char *path;	/* below the root, e.g. "etc/rc.d/rc3.d/S58ntpd" */
	unsigned mode;		/* FIXACT_CHMOD: the bits to clear, e.g. S_IWOTH */
	const char *target;	/* FIXACT_SYMLINK: the link's text, e.g. "../init.d/ntpd" */
	const char *replaces;	/* FIXACT_SYMLINK: a link removed once path exists, or NULL */
};

/* what --fix did with a finding (set by src/fix.c, printed by the outputs) */
enum fix_state {
	FIXST_NONE,		/* not a --fix run, or the rule has no fix */
	FIXST_FIXED,
	FIXST_LEFT		/* fixable but left: fix_why says why */
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
	struct fix_action *actions;	/* the fix's changes beside text: modes, symlinks */
	size_t nactions;
	const char *nofix;	/* why a fixable rule made no edits, or NULL */
	enum fix_state fix_state;
	const char *fix_why;	/* FIXST_LEFT: "unsafe fix (use --unsafe-fixes)", ... */
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
/* a finding less severe than its rule's default, where the harm depends on the target
 * ntpd (--list-rules shows the default, the worst case) */
void diag_severity(struct finding *f, enum severity sev);
void diag_related(struct diags *d, struct finding *f, struct source *src, struct span span,
    const char *msg);
void diag_edit(struct diags *d, struct finding *f, struct source *src, struct span span,
    const char *text);
void diag_action(struct diags *d, struct finding *f, const struct fix_action *a);
/* sorts findings by path, offset and rule; stable for equal keys */
void diags_sort(struct diags *d);

#endif
