/* ntpconf_parse: feeds the re2c tokens to the bison parser and records every token,
 * trivia included, so the tree gives back the input byte for byte. */
#include <string.h>

#include "ntpconf.h"
#include "ntpconf_parser.h"
#include "ntpconf_pctx.h"
#include "util.h"

static void
push_tok(struct ntpconf *c, uint32_t start, enum ntp_tok k)
{
	/* one spare slot keeps the tokstart[ntok] sentinel in bounds */
	if ((size_t)c->ntok + 2 > c->captok) {
		grow(&c->tokstart, &c->captok, (size_t)c->ntok + 2, sizeof(*c->tokstart));
		c->tokkind = xreallocarray(c->tokkind, c->captok, sizeof(*c->tokkind));
	}
	c->tokstart[c->ntok] = start;
	c->tokkind[c->ntok] = (uint8_t)k;
	c->ntok++;
}

static void
push_stmt(struct ntp_pctx *p, uint32_t tokn, uint32_t errtok)
{
	struct ntpconf *c = p->conf;
	struct ntp_stmt *s;
	uint32_t i;

	grow(&c->stmts, &c->capstmt, (size_t)c->nstmts + 1, sizeof(*c->stmts));
	s = &c->stmts[c->nstmts++];
	memset(s, 0, sizeof(*s));
	s->tok0 = p->line_tok0;
	s->tokn = tokn;
	s->errtok = errtok;
	if (errtok != NTP_NOTOK)
		s->flags |= STMT_SYNTAX_ERROR;
	if (s->tok0 > 0 && c->tokkind[s->tok0 - 1] == TK_VEOL)
		s->flags |= STMT_CONTINUED;
	for (i = s->tok0; i < tokn; i++)
		if (!TK_IS_TRIVIA(c->tokkind[i]) && c->tokkind[i] != TK_EOL &&
		    c->tokkind[i] != TK_VEOL)
			s->nwords++;
	p->line_tok0 = tokn;
	p->errtok = NTP_NOTOK;
}

void
ntp_pctx_line_end(struct ntp_pctx *p, uint32_t eol, int err)
{
	push_stmt(p, eol + 1, err ? p->errtok : NTP_NOTOK);
}

int
ntp_lex(NTP_STYPE *lval, NTP_LTYPE *lloc, struct ntp_pctx *p)
{
	struct ntpconf *c = p->conf;
	enum ntp_tok k;
	uint32_t start;

	for (;;) {
		k = ntp_lex_raw(&p->lx, &start);
		if (k == TK_EOF) {
			lloc->start = lloc->end = p->lx.cur;
			return NTP_EOF;
		}
		push_tok(c, start, k);
		if (!TK_IS_TRIVIA(k))
			break;
	}
	*lval = c->ntok - 1;
	p->lasttok = c->ntok - 1;
	lloc->start = start;
	lloc->end = p->lx.cur;
	switch (k) {
	case TK_WORD:
		return WORD;
	case TK_STRING:
		return STRING;
	case TK_SPECIAL:
		return (unsigned char)c->src->buf[start];
	default:
		return EOL;
	}
}

void
ntp_error(NTP_LTYPE *lloc, struct ntp_pctx *p, const char *msg)
{
	(void)lloc;
	(void)msg;
	/* the checker words the message; remember where the grammar stumbled */
	if (p->errtok == NTP_NOTOK)
		p->errtok = p->lasttok;
}

struct ntpconf *
ntpconf_parse(struct arena *a, struct source *src, int classic)
{
	struct ntpconf *c = arena_alloc(a, sizeof(*c));
	struct ntp_pctx p;

	c->src = src;
	c->classic = classic;
	arena_adopt(a, (void **)&c->tokstart);
	arena_adopt(a, (void **)&c->tokkind);
	arena_adopt(a, (void **)&c->stmts);
	memset(&p, 0, sizeof(p));
	p.conf = c;
	p.errtok = NTP_NOTOK;
	ntp_lexer_init(&p.lx, src->buf, src->len, classic);
	/* every line ends in EOL and "error EOL" recovers, so the parse itself cannot fail */
	if (ntp_parse(&p) != 0)
		fatal("%s: parser failed", src->path);
	if (p.line_tok0 < c->ntok)	/* trailing blanks or a comment without a newline */
		push_stmt(&p, c->ntok, NTP_NOTOK);
	grow(&c->tokstart, &c->captok, c->ntok + 1, sizeof(*c->tokstart));
	c->tokstart[c->ntok] = src->len;
	return c;
}

struct span
ntpconf_tok_span(const struct ntpconf *c, uint32_t i)
{
	struct span s;

	s.start = c->tokstart[i];
	s.end = c->tokstart[i + 1];
	return s;
}

uint32_t
ntpconf_words(const struct ntpconf *c, const struct ntp_stmt *s, struct ntp_word *w,
    uint32_t max)
{
	uint32_t i, n = 0;

	for (i = s->tok0; i < s->tokn; i++) {
		enum ntp_tok k = c->tokkind[i];
		struct ntp_word *x;

		if (TK_IS_TRIVIA(k) || k == TK_EOL || k == TK_VEOL)
			continue;
		if (n < max) {
			x = &w[n];
			x->tok = i;
			x->kind = k;
			x->span = ntpconf_tok_span(c, i);
			x->text = c->src->buf + x->span.start;
			x->len = x->span.end - x->span.start;
			if (k == TK_STRING) {
				x->text++;
				x->len--;
				if (x->len > 0 && x->text[x->len - 1] == '"')
					x->len--;
			}
		}
		n++;
	}
	return n;
}

struct span
ntpconf_stmt_span(const struct ntpconf *c, const struct ntp_stmt *s)
{
	struct span sp = { c->tokstart[s->tok0], c->tokstart[s->tok0] };
	uint32_t i;
	int first = 1;

	for (i = s->tok0; i < s->tokn; i++) {
		enum ntp_tok k = c->tokkind[i];

		if (TK_IS_TRIVIA(k) || k == TK_EOL || k == TK_VEOL)
			continue;
		if (first)
			sp.start = c->tokstart[i];
		first = 0;
		sp.end = c->tokstart[i + 1];
	}
	return sp;
}

size_t
ntpconf_print(const struct ntpconf *c, char *out, size_t cap)
{
	size_t n = 0;
	uint32_t i, j;

	for (i = 0; i < c->nstmts; i++)
		for (j = c->stmts[i].tok0; j < c->stmts[i].tokn; j++) {
			struct span sp = ntpconf_tok_span(c, j);
			size_t len = sp.end - sp.start;

			if (n + len <= cap)
				memcpy(out + n, c->src->buf + sp.start, len);
			n += len;
		}
	return n;
}
