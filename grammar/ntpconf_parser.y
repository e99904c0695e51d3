/* ntp.conf grammar: the shape every ntpd shares. A file is lines; a statement is a directive
 * word and its arguments, where 4.2.6+ readers also know '=' (setvar) and '( ... )' (key
 * ranges). Which words a directive takes depends on the ntpd version and is checked by
 * ntpconf_check.c from its tables, not here: the versions disagree on the words, not on
 * the shape. Classic readers hand over words only, so only 4.2.6+ input can fail here. */
%code requires {
#include <stdint.h>
#include "source.h"
struct ntp_pctx;
#define YYLLOC_DEFAULT(Cur, Rhs, N) do { \
	if (N) { (Cur).start = YYRHSLOC(Rhs, 1).start; (Cur).end = YYRHSLOC(Rhs, N).end; } \
	else { (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; } \
} while (0)
}
%code provides {
int ntp_lex(NTP_STYPE *lval, NTP_LTYPE *lloc, struct ntp_pctx *p);
void ntp_error(NTP_LTYPE *lloc, struct ntp_pctx *p, const char *msg);
int ntp_parse(struct ntp_pctx *p);
}
%code {
#include "ntpconf_pctx.h"
}

%define api.pure full
%define api.prefix {ntp_}
%define api.value.type {uint32_t}
%define api.location.type {struct span}
%locations
%param {struct ntp_pctx *p}

%token WORD STRING EOL

%%

file:
	  %empty
	| file line
	;

line:
	  EOL			{ ntp_pctx_line_end(p, $1, 0); }
	| stmt EOL		{ ntp_pctx_line_end(p, $2, 0); }
	| error EOL		{ ntp_pctx_line_end(p, $2, 1); yyerrok; }
	;

stmt:
	  WORD
	| stmt arg
	;

arg:
	  item
	| '(' items ')'
	;

/* ntpd's ranges never nest: '(' inside '(' is an error, and the parser's stack stays
 * shallow whatever the input */
items:
	  %empty
	| items item
	;

item:
	  WORD
	| STRING
	| '='
	;
%%
