/* linetree: records every token of a line-file parse, trivia included, so the tree gives
 * back the input byte for byte; the generated parsers only say where lines end. */
#include "linetree.h"

#include <string.h>

#include "util.h"

void
lt_lexer_init(struct lt_lexer *lx, const struct source *src)
{
	lx->buf = src->buf;
	lx->len = src->len;
	lx->cur = 0;
}

struct linetree *
lt_new(struct arena *a, struct source *src)
{
	struct linetree *t = arena_alloc(a, sizeof(*t));

	t->src = src;
	arena_adopt(a, (void **)&t->tokstart);
	arena_adopt(a, (void **)&t->tokkind);
	arena_adopt(a, (void **)&t->lines);
	return t;
}

void
lt_pctx_init(struct lt_pctx *p, struct linetree *t, lt_lex_fn *lex, void *lexer)
{
	memset(p, 0, sizeof(*p));
	p->t = t;
	p->lex = lex;
	p->lexer = lexer;
	p->errtok = LT_NOTOK;
	p->lasttok = LT_NOTOK;
}

static void
push_tok(struct linetree *t, uint32_t start, enum lt_tok k)
{
	/* one spare slot keeps the tokstart[ntok] sentinel in bounds */
	if ((size_t)t->ntok + 2 > t->captok) {
		grow(&t->tokstart, &t->captok, (size_t)t->ntok + 2, sizeof(*t->tokstart));
		t->tokkind = xreallocarray(t->tokkind, t->captok, sizeof(*t->tokkind));
	}
	t->tokstart[t->ntok] = start;
	t->tokkind[t->ntok] = (uint8_t)k;
	t->ntok++;
}

enum lt_tok
lt_next(struct lt_pctx *p, uint32_t *tok, struct span *sp)
{
	struct linetree *t = p->t;
	enum lt_tok k;
	uint32_t start, end;

	for (;;) {
		if (p->eol_pending < 0) {
			sp->start = sp->end = t->src->len;
			return LT_EOF;
		}
		k = p->lex(p->lexer, &start, &end);
		if (k == LT_EOF) {
			start = end = t->src->len;
			/* end a last line that has no newline, so every line ends in EOL */
			if (p->eol_pending == 0) {
				p->eol_pending = -1;
				sp->start = sp->end = start;
				return LT_EOF;
			}
			k = LT_EOL;
			p->eol_pending = -1;
		}
		push_tok(t, start, k);
		if (!LT_IS_TRIVIA(k))
			break;
	}
	if (k == LT_EOL && p->eol_pending > 0)
		p->eol_pending = 0;
	else if (k != LT_EOL)
		p->eol_pending = 1;
	*tok = t->ntok - 1;
	p->lasttok = *tok;
	sp->start = start;
	sp->end = end;
	return k;
}

void
lt_error(struct lt_pctx *p)
{
	if (p->errtok == LT_NOTOK)
		p->errtok = p->lasttok;
}

static void
push_line(struct lt_pctx *p, uint32_t tokn, uint32_t errtok)
{
	struct linetree *t = p->t;
	struct lt_line *l;
	uint32_t i;

	grow(&t->lines, &t->capline, (size_t)t->nlines + 1, sizeof(*t->lines));
	l = &t->lines[t->nlines++];
	memset(l, 0, sizeof(*l));
	l->tok0 = p->line_tok0;
	l->tokn = tokn;
	l->errtok = errtok;
	if (errtok != LT_NOTOK)
		l->flags |= LT_SYNTAX_ERROR;
	for (i = l->tok0; i < tokn; i++)
		if (!LT_IS_TRIVIA(t->tokkind[i]) && t->tokkind[i] != LT_EOL)
			l->nwords++;
	p->line_tok0 = tokn;
	p->errtok = LT_NOTOK;
}

void
lt_line_end(struct lt_pctx *p, uint32_t eol, int err)
{
	push_line(p, eol + 1, err ? (p->errtok != LT_NOTOK ? p->errtok : eol) : LT_NOTOK);
}

void
lt_finish(struct lt_pctx *p)
{
	struct linetree *t = p->t;

	if (p->line_tok0 < t->ntok)	/* trailing blanks or a comment without a newline */
		push_line(p, t->ntok, LT_NOTOK);
	grow(&t->tokstart, &t->captok, (size_t)t->ntok + 1, sizeof(*t->tokstart));
	t->tokstart[t->ntok] = t->src->len;
}

struct span
lt_tok_span(const struct linetree *t, uint32_t i)
{
	struct span s;

	s.start = t->tokstart[i];
	s.end = t->tokstart[i + 1];
	return s;
}

uint32_t
lt_words(const struct linetree *t, const struct lt_line *l, struct lt_word *w, uint32_t max)
{
	uint32_t i, n = 0;

	for (i = l->tok0; i < l->tokn; i++) {
		enum lt_tok k = t->tokkind[i];

		if (LT_IS_TRIVIA(k) || k == LT_EOL)
			continue;
		if (n < max) {
			w[n].tok = i;
			w[n].kind = k;
			w[n].span = lt_tok_span(t, i);
			w[n].text = t->src->buf + w[n].span.start;
			w[n].len = w[n].span.end - w[n].span.start;
		}
		n++;
	}
	return n;
}

struct span
lt_line_span(const struct linetree *t, const struct lt_line *l)
{
	struct span sp = { t->tokstart[l->tok0], t->tokstart[l->tok0] };
	uint32_t i;
	int first = 1;

	for (i = l->tok0; i < l->tokn; i++) {
		enum lt_tok k = t->tokkind[i];

		if (LT_IS_TRIVIA(k) || k == LT_EOL)
			continue;
		if (first)
			sp.start = t->tokstart[i];
		first = 0;
		sp.end = t->tokstart[i + 1];
	}
	return sp;
}

struct span
lt_line_text(const struct linetree *t, const struct lt_line *l)
{
	struct span sp = { t->tokstart[l->tok0], t->tokstart[l->tokn] };

	if (l->tokn > l->tok0 && t->tokkind[l->tokn - 1] == LT_EOL)
		sp.end = t->tokstart[l->tokn - 1];
	return sp;
}

size_t
lt_print(const struct linetree *t, char *out, size_t cap)
{
	size_t n = 0;
	uint32_t i, j;

	for (i = 0; i < t->nlines; i++)
		for (j = t->lines[i].tok0; j < t->lines[i].tokn; j++) {
			struct span sp = lt_tok_span(t, j);
			size_t len = sp.end - sp.start;

			if (n + len <= cap)
				memcpy(out + n, t->src->buf + sp.start, len);
			n += len;
		}
	return n;
}
