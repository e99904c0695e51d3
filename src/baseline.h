/* baseline: the findings a fleet had when it adopted esxntp-lint, so that a run reports
 * only new ones (README "Baseline"). --write-baseline records each reported finding by
 * its fingerprint (src/fingerprint.h: rule, file, line text; not the line number, so a
 * finding survives lines moving); --baseline leaves out the findings it records, each
 * entry absorbing one finding. The file is JSON:
 *   {"tool": "esxntp-lint", "baseline_version": 1, "fingerprint_kind": "esxntpLint/v1",
 *    "findings": [{"fingerprint": "0123456789abcdef", "rule": "NTP031",
 *                  "file": "hosts/esx01/etc/ntp.conf", "line": 3, "message": "..."}]}
 * Only "fingerprint" is matched; the other keys are for the reader. */
#ifndef BASELINE_H
#define BASELINE_H

#include <stddef.h>
#include <stdio.h>

#include "lint.h"

#define BASELINE_VERSION 1

struct baseline;

/* reads a baseline file; an unreadable or malformed one ends the run with status 2 */
struct baseline *baseline_read(const char *path);
/* marks SUPP_BASELINE each reported finding of h (not suppressed, not fixed) that an
 * entry not used yet records; returns how many */
size_t baseline_apply(struct baseline *b, struct host *h);
/* "N findings left out: they are in the baseline FILE; M of its entries no longer
 * match a finding" */
void baseline_summary(const struct baseline *b, FILE *fp);
void baseline_free(struct baseline *b);

/* --write-baseline: the findings of each host in turn, then the file */
struct baseline_out;
struct baseline_out *baseline_out_new(void);
void baseline_out_host(struct baseline_out *w, struct host *h);
/* writes the file (through a temporary file renamed over it); 0, or -1 with errno set.
 * *n gets the number of findings recorded. Frees w */
int baseline_out_write(struct baseline_out *w, const char *path, size_t *n);

#endif
