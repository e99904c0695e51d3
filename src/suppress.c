#include "suppress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MARKER "esxntp-lint:"

struct suppress *
suppress_new(struct arena *a)
{
	struct suppress *s = arena_alloc(a, sizeof(*s));

	s->arena = a;
	arena_adopt(a, (void **)&s->v);
	return s;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_';
}

/* marks in rules[] what key names: "all", a code, a name or a family; false if nothing */
static bool
select_key(bool *rules, const char *key)
{
	bool hit = false;
	int i;

	for (i = 0; i < R_COUNT; i++)
		if (strcmp(key, "all") == 0 || rule_matches((enum rule_id)i, key))
			rules[i] = hit = true;
	return hit;
}

/* parses "CODE,name , CODE" at *pp: blanks may stand around commas only */
static bool
parse_list(const char **pp, const char *end, bool *rules)
{
	const char *p = *pp, *q;
	bool any = false;
	char key[64];

	for (;;) {
		size_t n = 0;

		while (p < end && blank(*p))
			p++;
		while (p < end && key_char(*p)) {
			if (n + 1 < sizeof(key))
				key[n++] = *p;
			p++;
		}
		key[n] = '\0';
		if (n > 0 && select_key(rules, key))
			any = true;
		for (q = p; q < end && blank(*q); q++)
			;
		if (q >= end || *q != ',')
			break;
		p = q + 1;
	}
	*pp = p;
	return any;
}

static void
scan_one(struct suppress *s, struct source *src, struct span c)
{
	const char *p = src->buf + c.start, *end = src->buf + c.end;
	struct span line;
	uint32_t lineno, col, i;
	bool own_line = true;

	if (c.end > src->len || c.start >= c.end || *p != '#')
		return;
	for (p++; p < end && blank(*p); p++)
		;
	if ((size_t)(end - p) < strlen(MARKER) || memcmp(p, MARKER, strlen(MARKER)) != 0)
		return;
	p += strlen(MARKER);
	/* only a directive's comment needs its line (a large file has many comments) */
	line = source_line_of(src, c.start);
	source_linecol(src, c.start, &lineno, &col);
	for (i = line.start; i < c.start; i++)
		if (!blank(src->buf[i]))
			own_line = false;
	for (;;) {
		bool file, sel[R_COUNT];
		bool *rules;
		struct supp_dir *d;

		while (p < end && blank(*p))
			p++;
		if ((size_t)(end - p) > strlen("disable-file=") &&
		    memcmp(p, "disable-file=", strlen("disable-file=")) == 0) {
			file = true;
			p += strlen("disable-file=");
		} else if ((size_t)(end - p) > strlen("disable=") &&
		    memcmp(p, "disable=", strlen("disable=")) == 0) {
			file = false;
			p += strlen("disable=");
		} else {
			return;	/* the rest is the reason, free text */
		}
		/* kept only when the list names a rule */
		memset(sel, 0, sizeof(sel));
		if (!parse_list(&p, end, sel))
			continue;
		rules = arena_memdup(s->arena, sel, sizeof(sel));
		d = VEC_PUSH(s->v, s->n, s->cap);
		d->src = src;
		d->line = file ? 0 : lineno;
		d->next_line = !file && own_line;
		d->rules = rules;
	}
}

void
suppress_scan(struct suppress *s, struct source *src, const struct span *comments,
    size_t ncomments)
{
	size_t i;

	for (i = 0; i < ncomments; i++)
		scan_one(s, src, comments[i]);
}

/* the directives of one line of one source that cover the same lines, merged: a finding
 * is looked up by its place (three binary searches) instead of being compared with every
 * directive, which cost findings x directives on a large file */
struct merged {
	uintptr_t src;
	uint32_t line;		/* 0: the whole file */
	bool next_line;
	bool *rules;
};

static int
cmp_key(uintptr_t src, uint32_t line, bool next, const struct merged *m)
{
	if (src != m->src)
		return src < m->src ? -1 : 1;
	if (line != m->line)
		return line < m->line ? -1 : 1;
	return (int)next - (int)m->next_line;
}

static int
cmp_merged(const void *pa, const void *pb)
{
	const struct merged *a = pa, *b = pb;

	return cmp_key(a->src, a->line, a->next_line, b);
}

static const struct merged *
lookup(const struct merged *v, size_t n, uintptr_t src, uint32_t line, bool next)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(src, line, next, &v[mid]);

		if (c == 0)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool
silences(const struct merged *m, enum rule_id r)
{
	return m != NULL && m->rules[r];
}

size_t
suppress_apply(const struct suppress *s, struct diags *d)
{
	struct merged *v;
	size_t i, j, n = 0, marked = 0;

	if (s->n == 0)
		return 0;
	v = xreallocarray(NULL, s->n, sizeof(*v));
	for (i = 0; i < s->n; i++) {
		v[i].src = (uintptr_t)s->v[i].src;
		v[i].line = s->v[i].line;
		v[i].next_line = s->v[i].next_line;
		v[i].rules = s->v[i].rules;
	}
	qsort(v, s->n, sizeof(*v), cmp_merged);
	for (i = 0; i < s->n; i = j) {
		v[n] = v[i];
		for (j = i + 1; j < s->n && cmp_merged(&v[j], &v[i]) == 0; j++) {
			int r;

			if (v[n].rules == v[i].rules)
				v[n].rules = arena_memdup(s->arena, v[i].rules,
				    R_COUNT * sizeof(*v[i].rules));
			for (r = 0; r < R_COUNT; r++)
				v[n].rules[r] |= v[j].rules[r];
		}
		n++;
	}
	for (i = 0; i < d->n; i++) {
		struct finding *f = &d->v[i];
		uintptr_t src = (uintptr_t)f->src;
		uint32_t line, col;

		if (f->src == NULL || f->suppressed)
			continue;
		source_linecol(f->src, f->span.start, &line, &col);
		/* the whole file; this line; the line before, from a comment alone on it */
		if (silences(lookup(v, n, src, 0, false), f->rule) ||
		    silences(lookup(v, n, src, line, false), f->rule) ||
		    silences(lookup(v, n, src, line, true), f->rule) ||
		    silences(lookup(v, n, src, line - 1, true), f->rule)) {
			f->suppressed = SUPP_INLINE;
			marked++;
		}
	}
	free(v);
	return marked;
}
