#include "rule.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const struct rule rule_table[R_COUNT] = {
#define RULE(id, code, name, sev, fix, summary) [R_##id] = { code, name, summary, sev, fix },
#include "rules.def"
#undef RULE
};

const char *
severity_name(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

const char *
fixclass_name(enum fixclass f)
{
	switch (f) {
	case FIX_SAFE:
	case FIX_SAFE_ADDR:
		return "safe";
	case FIX_UNSAFE:
		return "unsafe";
	default:
		return NULL;
	}
}

bool
severity_parse(const char *s, enum severity *out)
{
	if (strcmp(s, "error") == 0)
		*out = SEV_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = SEV_WARNING;
	else if (strcmp(s, "info") == 0)
		*out = SEV_INFO;
	else
		return false;
	return true;
}

int
rule_find(const char *key)
{
	int i;

	for (i = 0; i < R_COUNT; i++)
		if (strcasecmp(key, rule_table[i].code) == 0)
			return i;
	for (i = 0; i < R_COUNT; i++)
		if (strcmp(key, rule_table[i].name) == 0)
			return i;
	return -1;
}

static bool
is_family(const char *key, const char *code)
{
	size_t n = strlen(key);

	if (n == 0 || strncasecmp(key, code, n) != 0)
		return false;
	/* a family is the letters of the code, nothing more */
	return isalpha((unsigned char)key[n - 1]) && isdigit((unsigned char)code[n]);
}

bool
rule_matches(enum rule_id r, const char *key)
{
	const struct rule *ru = &rule_table[r];

	return strcasecmp(key, ru->code) == 0 || strcmp(key, ru->name) == 0 ||
	    is_family(key, ru->code);
}
