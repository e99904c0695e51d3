#include "progress.h"

/* milliseconds from a to b */
static long
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

void
progress_init(struct progress *p, FILE *fp, bool on, size_t total)
{
	p->fp = on ? fp : NULL;
	p->shown = false;
	p->total = total;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->drawn = p->start;
}

void
progress_step(struct progress *p, size_t done, size_t errors)
{
	struct timespec now;

	if (p->fp == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* a run of under a second shows nothing; then four times a second at most */
	if (ms_between(&p->start, &now) < 1000 || ms_between(&p->drawn, &now) < 250)
		return;
	p->drawn = now;
	/* a root found after the count (a directory of hosts that grew) raises the total */
	fprintf(p->fp, "\resxntp-lint: %zu/%zu roots checked, %zu with errors\033[K", done,
	    done > p->total ? done : p->total, errors);
	fflush(p->fp);
	p->shown = true;
}

void
progress_hide(struct progress *p)
{
	if (p->fp == NULL || !p->shown)
		return;
	fputs("\r\033[K", p->fp);
	fflush(p->fp);
	p->shown = false;
}
