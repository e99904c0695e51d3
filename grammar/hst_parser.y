/* hosts grammar (hosts(5)): a line is a first field (the address) followed by names,
 * the canonical one and its aliases. Whether the first field is an address, and whether
 * a name follows it, is judged by the model (src/model_files.c): glibc skips such lines
 * without a word, so they are facts to report, not grammar errors. */
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
int hst_lex(HST_STYPE *lval, HST_LTYPE *lloc, struct lt_pctx *p);
void hst_error(HST_LTYPE *lloc, struct lt_pctx *p, const char *msg);
int hst_parse(struct lt_pctx *p);
}
%code {
#include "linefiles.h"
#include "util.h"
}

%define api.pure full
%define api.prefix {hst_}
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
hst_lex(HST_STYPE *lval, HST_LTYPE *lloc, struct lt_pctx *p)
{
	enum lt_tok k = lt_next(p, lval, lloc);

	switch (k) {
	case LT_EOF:
		return HST_EOF;
	case LT_EOL:
		return EOL;
	default:
		return WORD;
	}
}

void
hst_error(HST_LTYPE *lloc, struct lt_pctx *p, const char *msg)
{
	(void)lloc;
	(void)msg;
	/* the model words the finding; remember where the grammar stumbled */
	lt_error(p);
}

struct linetree *
hst_parse_tree(struct arena *a, struct source *src)
{
	struct linetree *t = lt_new(a, src);
	struct lt_lexer lx;
	struct lt_pctx p;

	lt_lexer_init(&lx, src);
	lt_pctx_init(&p, t, hst_lex_raw, &lx);
	/* every line ends in EOL and "error EOL" recovers, so the parse itself cannot fail */
	if (hst_parse(&p) != 0)
		fatal("%s: parser failed", src->path);
	lt_finish(&p);
	return t;
}
