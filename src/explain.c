#include "explain.h"

#include <jansson.h>
#include <string.h>

static const char *const docs[R_COUNT] = {
#define DOC(id, text) [R_##id] = text,
#include "rules_doc.def"
#undef DOC
};

const char *
explain_text(enum rule_id r)
{
	return docs[r];
}

int
explain_rule(FILE *fp, const char *key)
{
	int r = rule_find(key);
	const struct rule *ru;
	const char *fix;

	if (r < 0) {
		fprintf(stderr, "esxntp-lint: no rule '%s' (see --list-rules)\n", key);
		return -1;
	}
	ru = &rule_table[r];
	fix = fixclass_name(ru->fix);
	fprintf(fp, "%s %s (%s; fix: %s%s)\n\n%s.\n", ru->code, ru->name, severity_name(ru->sev),
	    fix ? fix : "none", ru->fix == FIX_SAFE_ADDR ? ", needs an address" : "",
	    ru->summary);
	if (docs[r] != NULL)
		fprintf(fp, "\n%s\n", docs[r]);
	return 0;
}

void
explain_list_json(FILE *fp)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < R_COUNT; i++) {
		const struct rule *ru = &rule_table[i];
		const char *fix = fixclass_name(ru->fix);
		json_t *o = json_object();

		json_object_set_new(o, "code", json_string(ru->code));
		json_object_set_new(o, "name", json_string(ru->name));
		json_object_set_new(o, "severity", json_string(severity_name(ru->sev)));
		json_object_set_new(o, "fix", fix ? json_string(fix) : json_null());
		json_object_set_new(o, "fix_needs_address", json_boolean(ru->fix == FIX_SAFE_ADDR));
		json_object_set_new(o, "summary", json_string(ru->summary));
		json_object_set_new(o, "doc", docs[i] ? json_string(docs[i]) : json_null());
		json_array_append_new(a, o);
	}
	json_dumpf(a, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(a);
}
