#include "oracle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void
oracle_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: oracle failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void
oracle_diags(const struct diags *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		const struct finding *f = &d->v[i];

		FUZZ_ASSERT(f->message != NULL && f->path != NULL, "finding %zu lacks a message", i);
		FUZZ_ASSERT((unsigned)f->rule < R_COUNT, "finding %zu has rule %d", i, (int)f->rule);
		if (f->src != NULL)
			FUZZ_ASSERT(f->span.start <= f->span.end && f->span.end <= f->src->len,
			    "%s: finding [%u,%u) outside the source (%u bytes)", f->message,
			    f->span.start, f->span.end, f->src->len);
		for (j = 0; j < f->nrelated; j++) {
			const struct related *r = &f->related[j];

			FUZZ_ASSERT(r->src != NULL && r->span.start <= r->span.end &&
			    r->span.end <= r->src->len, "%s: related span outside its source",
			    f->message);
		}
		for (j = 0; j < f->nedits; j++) {
			const struct edit *e = &f->edits[j];

			FUZZ_ASSERT(e->src != NULL && e->text != NULL &&
			    e->span.start <= e->span.end && e->span.end <= e->src->len,
			    "%s: edit outside its source", f->message);
		}
	}
}
