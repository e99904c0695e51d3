/* rule: the catalog of rules (rules.def) and lookups by code, name or family. */
#ifndef RULE_H
#define RULE_H

#include <stdbool.h>

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };
/* FIX_SAFE_ADDR: safe, but needs an address for a host name */
enum fixclass { FIX_NONE, FIX_SAFE, FIX_UNSAFE, FIX_SAFE_ADDR };

enum rule_id {
#define RULE(id, code, name, sev, fix, summary) R_##id,
#include "rules.def"
#undef RULE
	R_COUNT
};

struct rule {
	const char *code, *name, *summary;
	enum severity sev;
	enum fixclass fix;
};

extern const struct rule rule_table[R_COUNT];

const char *severity_name(enum severity s);
/* "safe", "unsafe" or NULL */
const char *fixclass_name(enum fixclass f);
/* parses "error", "warning", "info"; false if none */
bool severity_parse(const char *s, enum severity *out);
/* rule by code (case-insensitive) or name; -1 if none */
int rule_find(const char *key);
/* true if key names rule r: its code, its name or its family prefix ("NTP", "HST") */
bool rule_matches(enum rule_id r, const char *key);

#endif
