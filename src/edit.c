#include "edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
edit_set_init(struct edit_set *s, struct source *src)
{
	memset(s, 0, sizeof(*s));
	s->src = src;
}

void
edit_set_free(struct edit_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int
edit_conflicts(const struct edit *a, const struct edit *b)
{
	int ains = a->span.start == a->span.end, bins = b->span.start == b->span.end;

	if (ains && bins)
		return a->span.start == b->span.start;
	if (ains)
		return a->span.start >= b->span.start && a->span.start < b->span.end;
	if (bins)
		return b->span.start >= a->span.start && b->span.start < a->span.end;
	return a->span.start < b->span.end && b->span.start < a->span.end;
}

static int
before(const struct edit *a, const struct edit *b)
{
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start;
	return a->span.end < b->span.end;
}

/* Edits that do not conflict have distinct starts, and in start order each ends before
 * the next starts: an edit e can only conflict with the last one of a sorted run that
 * sorts before it and the first that does not. */
static int
run_conflicts(const struct edit *v, size_t n, const struct edit *e)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (before(&v[mid], e))
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo > 0 && edit_conflicts(e, &v[lo - 1])) || (lo < n && edit_conflicts(e, &v[lo]));
}

int
edit_set_conflicts(const struct edit_set *s, const struct edit *e)
{
	size_t at = 0, run;

	for (run = (size_t)1 << (sizeof(size_t) * 8 - 1); run > 0; run >>= 1) {
		if (!(s->n & run))
			continue;
		if (run_conflicts(s->v + at, run, e))
			return 1;
		at += run;
	}
	return 0;
}

static int
cmp_ptr_edit(const void *pa, const void *pb)
{
	const struct edit *a = *(const struct edit *const *)pa, *b = *(const struct edit *const *)pb;

	if (a->src != b->src)
		return (uintptr_t)a->src < (uintptr_t)b->src ? -1 : 1;
	return before(a, b) ? -1 : before(b, a);
}

int
edits_conflict(const struct edit *e, size_t n)
{
	const struct edit **p;
	size_t i;
	int hit = 0;

	if (n < 2)
		return 0;
	if (n == 2)
		return e[0].src == e[1].src && edit_conflicts(&e[0], &e[1]);
	/* sorted by source and place, a conflicting pair has a conflicting pair of
	 * neighbours (as in run_conflicts) */
	p = xreallocarray(NULL, n, sizeof(*p));
	for (i = 0; i < n; i++)
		p[i] = &e[i];
	qsort(p, n, sizeof(*p), cmp_ptr_edit);
	for (i = 1; i < n && !hit; i++)
		hit = p[i]->src == p[i - 1]->src && edit_conflicts(p[i], p[i - 1]);
	free(p);
	return hit;
}

/* adds e as a run of one, then merges the last two runs while they are of one size */
static void
push(struct edit_set *s, const struct edit *e)
{
	size_t run, old = s->n;
	struct edit *tmp = NULL;

	grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = *e;
	for (run = 1; old & run; run <<= 1) {
		struct edit *a = s->v + s->n - 2 * run, *b = a + run;
		size_t i = 0, j = 0, k = 0;

		tmp = xreallocarray(tmp, 2 * run, sizeof(*tmp));
		while (i < run && j < run)
			tmp[k++] = before(&b[j], &a[i]) ? b[j++] : a[i++];
		while (i < run)
			tmp[k++] = a[i++];
		while (j < run)
			tmp[k++] = b[j++];
		memcpy(a, tmp, 2 * run * sizeof(*tmp));
	}
	free(tmp);
}

int
edit_set_add(struct edit_set *s, const struct edit *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (e[i].span.start > e[i].span.end || e[i].span.end > s->src->len)
			return -1;
		if (edit_set_conflicts(s, &e[i]))
			return -1;
	}
	if (edits_conflict(e, n))
		return -1;
	for (i = 0; i < n; i++)
		push(s, &e[i]);
	return 0;
}

char *
edit_apply(const struct edit_set *s, size_t *len)
{
	const char *in = s->src->buf;
	size_t cap = s->src->len + 1, n = 0, i, t, r, nruns = 0, head[64], end[64], at0 = 0;
	uint32_t at = 0;
	char *out;

	for (i = 0; i < s->n; i++)
		cap += strlen(s->v[i].text);
	/* the runs, merged on the fly: the next edit is the least of their heads */
	for (r = (size_t)1 << (sizeof(size_t) * 8 - 1); r > 0; r >>= 1)
		if (s->n & r) {
			head[nruns] = at0;
			end[nruns++] = at0 += r;
		}
	out = xmalloc(cap);
	for (i = 0; i < s->n; i++) {
		const struct edit *e = NULL;
		size_t best = 0;

		for (r = 0; r < nruns; r++)
			if (head[r] < end[r] && (e == NULL || before(&s->v[head[r]], e))) {
				e = &s->v[head[r]];
				best = r;
			}
		head[best]++;
		memcpy(out + n, in + at, e->span.start - at);
		n += e->span.start - at;
		t = strlen(e->text);
		memcpy(out + n, e->text, t);
		n += t;
		at = e->span.end;
	}
	memcpy(out + n, in + at, s->src->len - at);
	n += s->src->len - at;
	out[n] = '\0';
	*len = n;
	return out;
}
