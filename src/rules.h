/* rules: the rule engine. Each rule reads the host model and appends findings (with the
 * edits of its fix, when it has one); none prints, none touches the file system. */
#ifndef RULES_H
#define RULES_H

#include "diag.h"

struct host;

typedef void rule_fn(struct host *h, struct diags *d);

/* runs every rule over h's model */
void rules_run(struct host *h);

#endif
