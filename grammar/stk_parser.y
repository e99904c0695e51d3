/* step-tickers grammar: a file is lines, a line is words (host names or addresses
 * handed to ntpdate), with comments and blanks kept as trivia by the lexer. What each word
 * means is judged by the model (src/model_files.c), not here. */
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
int stk_lex(STK_STYPE *lval, STK_LTYPE *lloc, struct lt_pctx *p);
void stk_error(STK_LTYPE *lloc, struct lt_pctx *p, const char *msg);
int stk_parse(struct lt_pctx *p);
}
%code {
#include "linefiles.h"
#include "util.h"
}

%define api.pure full
%define api.prefix {stk_}
%define api.value.type {uint32_t}
%define api.location.type {struct span}
%locations
%param {struct lt_pctx *p}

%token WORD EOL

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
	  WORD
	| stmt WORD
	;
%%

int
stk_lex(STK_STYPE *lval, STK_LTYPE *lloc, struct lt_pctx *p)
{
	enum lt_tok k = lt_next(p, lval, lloc);

	switch (k) {
	case LT_EOF:
		return STK_EOF;
	case LT_EOL:
		return EOL;
	default:
		return WORD;
	}
}

void
stk_error(STK_LTYPE *lloc, struct lt_pctx *p, const char *msg)
{
	(void)lloc;
	(void)msg;
	/* the model words the finding; remember where the grammar stumbled */
	lt_error(p);
}

struct linetree *
stk_parse_tree(struct arena *a, struct source *src)
{
	struct linetree *t = lt_new(a, src);
	struct lt_lexer lx;
	struct lt_pctx p;

	lt_lexer_init(&lx, src);
	lt_pctx_init(&p, t, stk_lex_raw, &lx);
	/* every line ends in EOL and "error EOL" recovers, so the parse itself cannot fail */
	if (stk_parse(&p) != 0)
		fatal("%s: parser failed", src->path);
	lt_finish(&p);
	return t;
}
