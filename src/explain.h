/* explain: the long documentation of each rule (--explain, --list-rules --format=json). */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include <stdio.h>

#include "rule.h"

/* the rule's documentation, or NULL if it has none */
const char *explain_text(enum rule_id r);
/* prints the rule named by key (code or name); -1 if there is no such rule */
int explain_rule(FILE *fp, const char *key);
/* every rule as a JSON array */
void explain_list_json(FILE *fp);

#endif
