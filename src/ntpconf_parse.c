/* ntpconf_parse: feeds the re2c tokens to the bison parser and records every token,
 * trivia included, so the tree gives back the input byte for byte. */
#include <string.h>

#include "ntpconf.h"
#include "ntpconf_parser.h"
#include "ntpconf_pctx.h"
#include "util.h"

static void
push_stmt(struct ntp_pctx *p, uint32_t tokn, uint32_t errtok)
{
	struct ntpconf *c = p->conf;
	struct ntp_stmt *s;

	/* bison reduces a line without reading past its EOL, so the words counted so far
	 * are this line's */
	if (tokn != p->pos)
		fatal("%s: parser read past the end of a line", c->src->path);
	if (c->nstmts == c->capstmt)
		grow(&c->stmts, &c->capstmt, (size_t)c->nstmts + 1, sizeof(*c->stmts));
	s = &c->stmts[c->nstmts++];
	memset(s, 0, sizeof(*s));
	s->tok0 = p->line_tok0;
	s->tokn = tokn;
	s->errtok = errtok;
	s->nwords = p->nwords;
	if (errtok != NTP_NOTOK)
		s->flags |= STMT_SYNTAX_ERROR;
	if (s->tok0 > 0 && c->tokkind[s->tok0 - 1] == TK_VEOL)
		s->flags |= STMT_CONTINUED;
	p->line_tok0 = tokn;
	p->errtok = NTP_NOTOK;
	p->nwords = 0;
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
	uint32_t i;

	for (i = p->pos; i < c->ntok && TK_IS_TRIVIA(c->tokkind[i]); i++)
		;
	p->pos = i < c->ntok ? i + 1 : i;
	if (i == c->ntok) {
		lloc->start = lloc->end = c->src->len;
		return NTP_EOF;
	}
	k = c->tokkind[i];
	*lval = i;
	lloc->start = c->tokstart[i];
	lloc->end = c->tokstart[i + 1];
	p->lasttok = i;
	switch (k) {
	case TK_WORD:
		/* the grammar takes a run of words wherever it takes one, so a run goes to bison
		 * as one WORD: a line of words alone costs the parser two tokens, not one a word */
		p->nwords++;
		for (i++; i < c->ntok; i++) {
			k = c->tokkind[i];
			if (k == TK_WORD)
				p->nwords++;
			else if (!TK_IS_TRIVIA(k))
				break;
		}
		while (i > p->pos && c->tokkind[i - 1] != TK_WORD)
			i--;	/* back to the run's last word: its trivia is read again next time */
		p->pos = i;
		lloc->end = c->tokstart[i];
		return WORD;
	case TK_STRING:
		p->nwords++;
		return STRING;
	case TK_SPECIAL:
		p->nwords++;
		return (unsigned char)c->src->buf[c->tokstart[i]];
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
	struct ntp_lexer lx;
	struct ntp_pctx p;

	c->src = src;
	c->classic = classic;
	/* room for a typical file at once (a token per 5 bytes, a line per 32 bytes): grown
	 * by doubling from nothing, the arrays would be copied and end up to twice too big */
	c->captok = (size_t)src->len / 5 + 64;
	c->tokstart = xreallocarray(NULL, c->captok, sizeof(*c->tokstart));
	c->tokkind = xreallocarray(NULL, c->captok, sizeof(*c->tokkind));
	c->capstmt = (size_t)src->len / 32 + 16;
	c->stmts = xreallocarray(NULL, c->capstmt, sizeof(*c->stmts));
	arena_adopt(a, (void **)&c->tokstart);
	arena_adopt(a, (void **)&c->tokkind);
	arena_adopt(a, (void **)&c->stmts);
	ntp_lexer_init(&lx, src->buf, src->len, classic);
	for (;;) {
		uint32_t room, n;

		/* one spare slot keeps the tokstart[ntok] sentinel in bounds */
		if ((size_t)c->ntok + 2 > c->captok) {
			grow(&c->tokstart, &c->captok, (size_t)c->ntok + 2, sizeof(*c->tokstart));
			c->tokkind = xreallocarray(c->tokkind, c->captok, sizeof(*c->tokkind));
		}
		room = (uint32_t)(c->captok - c->ntok - 1);
		n = ntp_lex_fill(&lx, c->tokstart + c->ntok, c->tokkind + c->ntok, room);
		c->ntok += n;
		if (n < room)
			break;
	}
	c->tokstart[c->ntok] = src->len;
	memset(&p, 0, sizeof(p));
	p.conf = c;
	p.errtok = NTP_NOTOK;
	/* every line ends in EOL and "error EOL" recovers, so the parse itself cannot fail */
	if (ntp_parse(&p) != 0)
		fatal("%s: parser failed", src->path);
	if (p.line_tok0 < c->ntok)	/* trailing blanks or a comment without a newline */
		push_stmt(&p, c->ntok, NTP_NOTOK);
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

		if (TK_IS_TRIVIA(k) || k == TK_EOL || k == TK_VEOL)
			continue;
		if (n < max)
			ntpconf_word_at(c, i, &w[n]);
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
