/* linetree: the lossless syntax tree of a line-oriented file (step-tickers, hosts,
 * esx.conf): every byte is one token, tokens are grouped into lines, and printing the
 * tokens in order gives back the input. The tree borrows its source's bytes; its arrays
 * live until the source's arena is freed. */
#ifndef LINETREE_H
#define LINETREE_H

#include <stddef.h>
#include <stdint.h>

#include "source.h"

#define LT_NOTOK UINT32_MAX

/* token kinds shared by the line-file lexers */
enum lt_tok {
	LT_EOF,		/* end of input (not stored) */
	LT_WORD,	/* a field: a host name, an address, an esx.conf key, or a stray word */
	LT_STRING,	/* "..." (esx.conf); may lack its closing quote */
	LT_EQUALS,	/* '=' (esx.conf) */
	LT_EOL,		/* "\n", or zero-width at the end of a last line without one */
	LT_BLANK,	/* blanks between fields */
	LT_COMMENT	/* '#' to the end of the line */
};

#define LT_IS_TRIVIA(k) ((k) >= LT_BLANK)

/* line flags */
#define LT_SYNTAX_ERROR 0x01	/* the grammar refused the line */

struct lt_line {
	uint32_t tok0, tokn;	/* tokens [tok0, tokn), the line end included */
	uint32_t errtok;	/* the token the grammar stumbled on, or LT_NOTOK */
	uint32_t nwords;	/* significant tokens */
	uint8_t flags;
};

struct linetree {
	struct source *src;
	/* token i is [tokstart[i], tokstart[i + 1]); tokstart[ntok] == src->len */
	uint32_t *tokstart;
	uint8_t *tokkind;	/* enum lt_tok */
	uint32_t ntok;
	size_t captok;
	struct lt_line *lines;	/* partition the tokens, in order */
	uint32_t nlines;
	size_t capline;
};

/* a significant token of a line */
struct lt_word {
	uint32_t tok;
	enum lt_tok kind;
	struct span span;
	const char *text;	/* its bytes; not NUL-terminated */
	uint32_t len;
};

/* the state every line-file lexer keeps: the whole input, and the next byte to read */
struct lt_lexer {
	const char *buf;
	uint32_t len;
	uint32_t cur;
};

/* the lexer a parse reads from: returns the next token's kind, and [*start, *end) */
typedef enum lt_tok lt_lex_fn(void *lexer, uint32_t *start, uint32_t *end);

/* what a generated line-file parser shares with its token feed */
struct lt_pctx {
	struct linetree *t;
	lt_lex_fn *lex;
	void *lexer;
	uint32_t line_tok0;	/* first token of the line being read */
	uint32_t lasttok;	/* the significant token handed to the parser last */
	uint32_t errtok;	/* first token the grammar refused on this line */
	int eol_pending;	/* the last line lacks a newline: hand a zero-width EOL */
};

void lt_lexer_init(struct lt_lexer *lx, const struct source *src);
/* a new empty tree over src, and a parse context reading it through lex */
struct linetree *lt_new(struct arena *a, struct source *src);
void lt_pctx_init(struct lt_pctx *p, struct linetree *t, lt_lex_fn *lex, void *lexer);
/* the next significant token for the parser (trivia are stored, not returned): its
 * kind, LT_EOF at the end; *tok is its index, *sp its span */
enum lt_tok lt_next(struct lt_pctx *p, uint32_t *tok, struct span *sp);
/* closes the line ending at token eol; err: the grammar refused it */
void lt_line_end(struct lt_pctx *p, uint32_t eol, int err);
/* the grammar stumbled: remember the token */
void lt_error(struct lt_pctx *p);
/* after the parse: closes a trailing line of trivia and sets the end sentinel */
void lt_finish(struct lt_pctx *p);

struct span lt_tok_span(const struct linetree *t, uint32_t i);
/* fills w[0..max) with the line's significant tokens; returns how many it has */
uint32_t lt_words(const struct linetree *t, const struct lt_line *l, struct lt_word *w,
    uint32_t max);
/* the line's span from its first to its last significant byte (empty: the line start) */
struct span lt_line_span(const struct linetree *t, const struct lt_line *l);
/* the line's bytes without its line end */
struct span lt_line_text(const struct linetree *t, const struct lt_line *l);
/* writes the tree back out, token by token; returns the bytes it has (== src->len) */
size_t lt_print(const struct linetree *t, char *out, size_t cap);

#endif
