/* progress: one line on standard error while a long run goes on, for a terminal only:
 * nothing in the first second, then redrawn in place ('\r') at most four times a second,
 * and cleared at the end or before the report writes to the same terminal. */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct progress {
	FILE *fp;		/* standard error, or NULL: no progress line */
	struct timespec start, drawn;
	bool shown;		/* the line is on the screen */
	size_t total;		/* the roots to lint, as counted before the run */
};

/* on: standard error is a terminal and --quiet was not given */
void progress_init(struct progress *p, FILE *fp, bool on, size_t total);
/* a root is done: done of them, errors of those have an error */
void progress_step(struct progress *p, size_t done, size_t errors);
/* clears the line (if shown) before something else is written to the terminal */
void progress_hide(struct progress *p);

#endif
