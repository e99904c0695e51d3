/* linefiles: the parsers of step-tickers, hosts and esx.conf, each a re2c lexer
 * (grammar/<kind>_lexer.re) feeding a bison grammar (grammar/<kind>_parser.y) that
 * builds a lossless linetree. A parse never fails: a line the grammar refuses is kept,
 * flagged LT_SYNTAX_ERROR, and the next line is read. */
#ifndef LINEFILES_H
#define LINEFILES_H

#include "linetree.h"

/* /etc/ntp/step-tickers as the RHEL init script reads it: sed 's/#.*$//', then the
 * shell splits words on space, TAB and newline (a CR stays in its word) */
struct linetree *stk_parse_tree(struct arena *a, struct source *src);
/* /etc/hosts as glibc reads it: '#' anywhere starts a comment, fields are split on
 * isspace() (CR included); a line is a first field and any number of names */
struct linetree *hst_parse_tree(struct arena *a, struct source *src);
/* /etc/vmware/esx.conf: every line is `/path/key = "value"`; any other line is an error */
struct linetree *esx_parse_tree(struct arena *a, struct source *src);

/* the lexers, over a struct lt_lexer (re2c-generated) */
enum lt_tok stk_lex_raw(void *lexer, uint32_t *start, uint32_t *end);
enum lt_tok hst_lex_raw(void *lexer, uint32_t *start, uint32_t *end);
enum lt_tok esx_lex_raw(void *lexer, uint32_t *start, uint32_t *end);

#endif
