/* ntpconf_vocab: which words each ntpd version knows, as tables. */
#ifndef NTPCONF_VOCAB_H
#define NTPCONF_VOCAB_H

#include <stddef.h>
#include <string.h>

#include "ntpver.h"

/* what follows a keyword */
enum kw_arg {
	KA_NONE,	/* a flag */
	KA_INT,		/* an integer */
	KA_DOUBLE,	/* a number */
	KA_STRING,	/* any one word */
	KA_ADDR		/* a host address */
};

struct kw {
	const char *name;
	unsigned versions;	/* V* bits of the ntpd versions that know it */
	enum kw_arg arg;
	size_t len;		/* strlen(name), which kw_lookup() compares first */
};

/* a keyword table: its entries and what a word of it is called in messages */
struct kwtab {
	const struct kw *v;
	size_t n;
	const char *what;	/* "server option", "restrict flag", ... */
};

extern const struct kwtab kw_server_opts, kw_restrict_flags, kw_tinker, kw_tos, kw_enable,
    kw_statistics, kw_filegen_types, kw_fudge_opts, kw_discard, kw_crypto, kw_rlimit, kw_mru,
    kw_filegen_opts;

/* entry e is the keyword named by the literal lit */
#define KW_IS(e, lit) ((e)->len == sizeof(lit) - 1 && memcmp((e)->name, lit, sizeof(lit) - 1) == 0)

/* the entry named s[0..n), or NULL */
const struct kw *kw_lookup(const struct kwtab *t, const char *s, size_t n);

/* a hash index of one table, for the tables a checker asks about on nearly every line
 * (restrict flags, server options); built per checker run, so nothing global changes */
#define KW_INDEX_BUCKETS 64
#define KW_INDEX_MAX 64
struct kw_index {
	const struct kwtab *t;
	unsigned char head[KW_INDEX_BUCKETS];	/* entry + 1, 0: none */
	unsigned char next[KW_INDEX_MAX];
};

void kw_index_build(struct kw_index *x, const struct kwtab *t);
/* as kw_lookup(x->t, s, n) */
const struct kw *kw_index_lookup(const struct kw_index *x, const char *s, size_t n);
/* the closest name the target knows, for "did you mean", or NULL */
const char *kw_suggest(const struct kwtab *t, const char *s, size_t n, unsigned versions);
/* "ntpd 4.2.8 and NTPsec 1.2 have it": the modelled readers other than target that take
 * a keyword, for NTP004 */
const char *kw_version_note(unsigned versions, enum ntp_version target, char *buf, size_t cap);

#endif
