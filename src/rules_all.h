/* rules_all: every rule function, declared from rules_list.def. */
#ifndef RULES_ALL_H
#define RULES_ALL_H

#include "rules.h"

#define RULE_FN(fn) rule_fn fn;
#include "rules_list.def"
#undef RULE_FN

#endif
