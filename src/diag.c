#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
diags_init(struct diags *d, struct arena *a)
{
	memset(d, 0, sizeof(*d));
	d->arena = a;
	arena_adopt(a, (void **)&d->v);
}

static struct finding *
push(struct diags *d, enum rule_id r, const char *fmt, va_list ap)
{
	struct finding *f = VEC_PUSH(d->v, d->n, d->cap);
	va_list ap2;
	int n;
	char *msg;

	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->seq = d->n - 1;
	f->sev = rule_table[r].sev;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	msg = arena_alloc(d->arena, n > 0 ? (size_t)n + 1 : 1);
	if (n > 0)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	f->message = msg;
	return f;
}

struct finding *
diag_add(struct diags *d, enum rule_id r, struct source *src, struct span span,
    const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = push(d, r, fmt, ap);
	va_end(ap);
	f->src = src;
	f->path = src->path;
	f->span = span;
	return f;
}

struct finding *
diag_add_path(struct diags *d, enum rule_id r, const char *path, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = push(d, r, fmt, ap);
	va_end(ap);
	f->path = arena_strdup(d->arena, path);
	return f;
}

void
diag_related(struct diags *d, struct finding *f, struct source *src, struct span span,
    const char *msg)
{
	struct related *r = arena_alloc(d->arena, (f->nrelated + 1) * sizeof(*r));

	if (f->nrelated)
		memcpy(r, f->related, f->nrelated * sizeof(*r));
	r[f->nrelated].src = src;
	r[f->nrelated].span = span;
	r[f->nrelated].message = msg ? arena_strdup(d->arena, msg) : NULL;
	f->related = r;
	f->nrelated++;
}

void
diag_edit(struct diags *d, struct finding *f, struct source *src, struct span span,
    const char *text)
{
	struct edit *e = arena_alloc(d->arena, (f->nedits + 1) * sizeof(*e));

	if (f->nedits)
		memcpy(e, f->edits, f->nedits * sizeof(*e));
	e[f->nedits].src = src;
	e[f->nedits].span = span;
	e[f->nedits].text = arena_strdup(d->arena, text);
	f->edits = e;
	f->nedits++;
}

void
diag_action(struct diags *d, struct finding *f, const struct fix_action *a)
{
	struct fix_action *v = arena_alloc(d->arena, (f->nactions + 1) * sizeof(*v));

	if (f->nactions)
		memcpy(v, f->actions, f->nactions * sizeof(*v));
	v[f->nactions] = *a;
	v[f->nactions].path = arena_strdup(d->arena, a->path);
	v[f->nactions].target = a->target ? arena_strdup(d->arena, a->target) : NULL;
	v[f->nactions].replaces = a->replaces ? arena_strdup(d->arena, a->replaces) : NULL;
	f->actions = v;
	f->nactions++;
}

static int
cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp);
}

void
diag_severity(struct finding *f, enum severity sev)
{
	f->sev = sev;
}
