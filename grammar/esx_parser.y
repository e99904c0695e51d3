/* esx.conf grammar: every line is `/path/key = "value"`, or empty. A key is a word that
 * starts with '/'; any other word, a missing '=' or an unquoted value is a syntax error,
 * and the parse goes on at the next line. */
%code requires {
#include <stdint.h>
#include "source.h"
struct lt_pctx;
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
	if (N) { (Cur).start = YYRHSLOC(Rhs, 1).start; (Cur).end = YYRHSLOC(Rhs, N).end; } \
	else { (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; } \
} while (0)
}
%code provides {
int esx_lex(ESX_STYPE *lval, ESX_LTYPE *lloc, struct lt_pctx *p);
void esx_error(ESX_LTYPE *lloc, struct lt_pctx *p, const char *msg);
int esx_parse(struct lt_pctx *p);
}
%code {
#include "linefiles.h"
#include "util.h"
}

%define api.pure full
%define api.prefix {esx_}
%define api.value.type {uint32_t}
%define api.location.type {struct span}
%locations
%param {struct lt_pctx *p}

%token KEY WORD STRING EOL

%%

file:
	  %empty
	| file line
	;

line:
	  EOL			{ lt_line_end(p, $1, 0); }
	| stmt EOL		{ lt_line_end(p, $2, 0); }
	| error EOL		{ lt_line_end(p, $2, 1); yyerrok; }
	;

stmt:
	  KEY '=' STRING
	;
%%

static int
string_closed(const char *s, uint32_t n)
{
	uint32_t i;

	if (n < 2 || s[n - 1] != '"')
		return 0;
	for (i = 1; i < n - 1; i++)
		if (s[i] == '\\')
			i++;
	return i == n - 1;
}

int
esx_lex(ESX_STYPE *lval, ESX_LTYPE *lloc, struct lt_pctx *p)
{
	enum lt_tok k = lt_next(p, lval, lloc);

	switch (k) {
	case LT_EOF:
		return ESX_EOF;
	case LT_EOL:
		return EOL;
	case LT_EQUALS:
		return '=';
	case LT_STRING:
		/* an unterminated string is no value: the grammar refuses the line */
		return string_closed(p->t->src->buf + lloc->start, lloc->end - lloc->start) ?
		    STRING : WORD;
	default:
		return p->t->src->buf[lloc->start] == '/' ? KEY : WORD;
	}
}

void
esx_error(ESX_LTYPE *lloc, struct lt_pctx *p, const char *msg)
{
	(void)lloc;
	(void)msg;
	/* the model words the finding; remember where the grammar stumbled */
	lt_error(p);
}

struct linetree *
esx_parse_tree(struct arena *a, struct source *src)
{
	struct linetree *t = lt_new(a, src);
	struct lt_lexer lx;
	struct lt_pctx p;

	lt_lexer_init(&lx, src);
	lt_pctx_init(&p, t, esx_lex_raw, &lx);
	/* every line ends in EOL and "error EOL" recovers, so the parse itself cannot fail */
	if (esx_parse(&p) != 0)
		fatal("%s: parser failed", src->path);
	lt_finish(&p);
	return t;
}
