#include "suppress.h"

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
	struct span line = source_line_of(src, c.start);
	uint32_t lineno, col, i;
	bool own_line = true;

	if (c.end > src->len || c.start >= c.end || *p != '#')
		return;
	for (p++; p < end && blank(*p); p++)
		;
	if ((size_t)(end - p) < strlen(MARKER) || memcmp(p, MARKER, strlen(MARKER)) != 0)
		return;
	p += strlen(MARKER);
	source_linecol(src, c.start, &lineno, &col);
	for (i = line.start; i < c.start; i++)
		if (!blank(src->buf[i]))
			own_line = false;
	for (;;) {
		bool file;
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
		rules = arena_alloc(s->arena, R_COUNT * sizeof(*rules));
		if (!parse_list(&p, end, rules))
			continue;
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

static bool
covers(const struct supp_dir *d, const struct finding *f, uint32_t line)
{
	if (d->src != f->src || !d->rules[f->rule])
		return false;
	return d->line == 0 || line == d->line || (d->next_line && line == d->line + 1);
}

size_t
suppress_apply(const struct suppress *s, struct diags *d)
{
	size_t i, j, marked = 0;

	if (s->n == 0)
		return 0;
	for (i = 0; i < d->n; i++) {
		struct finding *f = &d->v[i];
		uint32_t line, col;

		if (f->src == NULL || f->suppressed)
			continue;
		source_linecol(f->src, f->span.start, &line, &col);
		for (j = 0; j < s->n; j++) {
			if (covers(&s->v[j], f, line)) {
				f->suppressed = SUPP_INLINE;
				marked++;
				break;
			}
		}
	}
	return marked;
}
