/* output_fleet: the text report over several roots (src/output_fleet.c): a line for each
 * directory of hosts and each entry of it skipped, a header above each root's findings,
 * and the summary (roots by their worst finding, findings per rule, the worst roots);
 * --statistics, the findings per rule alone. */
#ifndef OUTPUT_FLEET_H
#define OUTPUT_FLEET_H

#include <stdbool.h>
#include <stdio.h>

#include "output.h"
#include "roots.h"
#include "tally.h"

/* a directory of hosts begins (it->kind ROOT_FLEET), or an entry of it is skipped
 * (ROOT_SKIPPED); prefix goes first ("esxntp-lint: " on standard error) */
void out_fleet_item(FILE *fp, const struct root_item *it, const char *prefix);
/* the line above a root's findings: the root, its ESX release and target ntpd, counts;
 * after a blank line unless it is the first thing the report writes */
void out_root_header(FILE *fp, const struct host *h, const struct root_counts *c,
    const struct out_opts *o, bool first);
/* the summary of a run over several roots, before the findings' total line */
void out_fleet_summary(FILE *fp, const struct tally *t);
/* --statistics: a line per rule with findings, most first: count, code, [*] when one of
 * them has a fix (when any rule has one), name; indent goes first */
void out_statistics(FILE *fp, const struct tally *t, const char *indent);

#endif
