#include "edit.h"

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

static void
insert_sorted(struct edit_set *s, const struct edit *e)
{
	size_t i;

	grow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	for (i = s->n; i > 0 && before(e, &s->v[i - 1]); i--)
		s->v[i] = s->v[i - 1];
	s->v[i] = *e;
	s->n++;
}

int
edit_set_add(struct edit_set *s, const struct edit *e, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (e[i].span.start > e[i].span.end || e[i].span.end > s->src->len)
			return -1;
		for (j = 0; j < s->n; j++)
			if (edit_conflicts(&e[i], &s->v[j]))
				return -1;
		for (j = 0; j < i; j++)
			if (edit_conflicts(&e[i], &e[j]))
				return -1;
	}
	for (i = 0; i < n; i++)
		insert_sorted(s, &e[i]);
	return 0;
}

char *
edit_apply(const struct edit_set *s, size_t *len)
{
	const char *in = s->src->buf;
	size_t cap = s->src->len + 1, n = 0, i, t;
	uint32_t at = 0;
	char *out;

	for (i = 0; i < s->n; i++)
		cap += strlen(s->v[i].text);
	out = xmalloc(cap);
	for (i = 0; i < s->n; i++) {
		const struct edit *e = &s->v[i];

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
