#include "oracle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linetree.h"

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

static int
all_in(const unsigned char *p, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] == '\0' || strchr(set, p[i]) == NULL)
			return 0;
	return 1;
}

static int
none_in(const unsigned char *p, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != '\0' && strchr(set, p[i]) != NULL)
			return 0;
	return 1;
}

static void
oracle_token(const struct linetree *t, uint32_t i, const unsigned char *data, size_t size,
    const struct lt_lexspec *spec)
{
	uint32_t s = t->tokstart[i], e = t->tokstart[i + 1];
	const unsigned char *p = data + s;
	size_t n = e - s;

	FUZZ_ASSERT(s <= e && e <= size, "token %u [%u,%u) out of order or past the end", i, s, e);
	switch ((enum lt_tok)t->tokkind[i]) {
	case LT_EOL:
		FUZZ_ASSERT((n == 1 && *p == '\n') || (n == 0 && e == size && i + 1 == t->ntok),
		    "line end %u at [%u,%u) is neither a newline nor the input's end", i, s, e);
		return;
	case LT_BLANK:
		FUZZ_ASSERT(n > 0 && all_in(p, n, spec->blanks), "blank %u at [%u,%u) holds a non-blank", i, s, e);
		FUZZ_ASSERT(i == 0 || t->tokkind[i - 1] != LT_BLANK, "blanks %u and %u are split", i - 1, i);
		return;
	case LT_COMMENT:
		FUZZ_ASSERT(spec->comments && n > 0 && *p == '#' && none_in(p, n, "\n"),
		    "comment %u at [%u,%u) is not '#' to the line end", i, s, e);
		FUZZ_ASSERT(e == size || data[e] == '\n', "comment %u stops before the line end", i);
		return;
	case LT_STRING:
		FUZZ_ASSERT(n > 0 && *p == '"' && none_in(p, n, "\n"), "string %u at [%u,%u) is not quoted", i, s, e);
		return;
	case LT_EQUALS:
		FUZZ_ASSERT(n == 1 && *p == '=', "'=' token %u at [%u,%u)", i, s, e);
		return;
	case LT_WORD:
		FUZZ_ASSERT(n > 0 && none_in(p, n, "\n") && none_in(p, n, spec->blanks) &&
		    (!spec->comments || none_in(p, n, "#")), "word %u at [%u,%u) holds a separator", i, s, e);
		return;
	default:
		FUZZ_ASSERT(0, "token %u has kind %d", i, (int)t->tokkind[i]);
	}
}

void
oracle_linetree(const struct linetree *t, const unsigned char *data, size_t size,
    const struct lt_lexspec *spec)
{
	char *out = malloc(size + 1);
	size_t n = lt_print(t, out, size);
	uint32_t i, j, next = 0;

	FUZZ_ASSERT(n == size, "print length %zu != input length %zu", n, size);
	FUZZ_ASSERT(memcmp(out, data, size) == 0, "print differs from the input");
	free(out);
	FUZZ_ASSERT(t->src->len == size && t->tokstart[t->ntok] == size,
	    "the tokens do not end at the input's end");
	FUZZ_ASSERT(t->ntok == 0 ? size == 0 : t->tokstart[0] == 0, "the first token does not start at 0");
	for (i = 0; i < t->ntok; i++)
		oracle_token(t, i, data, size, spec);
	for (i = 0; i < t->nlines; i++) {
		const struct lt_line *l = &t->lines[i];
		uint32_t words = 0;

		FUZZ_ASSERT(l->tok0 == next && l->tok0 < l->tokn && l->tokn <= t->ntok,
		    "line %u [%u,%u) does not follow the one before (%u)", i, l->tok0, l->tokn, next);
		next = l->tokn;
		for (j = l->tok0; j < l->tokn; j++) {
			enum lt_tok k = (enum lt_tok)t->tokkind[j];

			FUZZ_ASSERT(k != LT_EOL || j + 1 == l->tokn, "line %u has a line end inside", i);
			if (!LT_IS_TRIVIA(k) && k != LT_EOL)
				words++;
		}
		FUZZ_ASSERT(words == l->nwords, "line %u counts %u words, has %u", i, l->nwords, words);
		FUZZ_ASSERT(i + 1 == t->nlines || t->tokkind[l->tokn - 1] == LT_EOL,
		    "line %u is not the last and lacks a line end", i);
		FUZZ_ASSERT((l->errtok == LT_NOTOK) == !(l->flags & LT_SYNTAX_ERROR),
		    "line %u: error flag and error token disagree", i);
		FUZZ_ASSERT(l->errtok == LT_NOTOK || (l->errtok >= l->tok0 && l->errtok < l->tokn),
		    "line %u: error token %u outside the line", i, l->errtok);
	}
	FUZZ_ASSERT(next == t->ntok, "the lines cover %u of %u tokens", next, t->ntok);
}
