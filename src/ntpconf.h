/* ntpconf: the lossless syntax tree of one ntp.conf, as one ntpd family's reader sees it.
 * The tree borrows its source's bytes; its arrays live until the source's arena is freed. */
#ifndef NTPCONF_H
#define NTPCONF_H

#include <stddef.h>
#include <stdint.h>

#include "ntpconf_lexer.h"
#include "ntpver.h"
#include "source.h"

#define NTP_NOTOK UINT32_MAX

/* stmt flags */
#define STMT_SYNTAX_ERROR 0x01	/* the grammar rejected it (4.2.6+ readers) */
#define STMT_CONTINUED    0x02	/* classic: begins mid-line, after a 1023-byte split */
#define STMT_REJECTED     0x04	/* the target ntpd drops it (set by the checker) */

/* one line (or, for 4.2.0, one fgets() chunk): tokens [tok0, tokn), the line end included */
struct ntp_stmt {
	uint32_t tok0, tokn;
	uint32_t errtok;	/* the token the grammar stumbled on, or NTP_NOTOK */
	uint32_t nwords;	/* significant tokens */
	uint8_t flags;
	uint8_t dir;		/* enum ntp_dir, set by the checker */
};

struct ntpconf {
	struct source *src;
	int classic;		/* read with the 4.1/4.2.0 line reader */
	/* token i is [tokstart[i], tokstart[i + 1]); tokstart[ntok] == src->len */
	uint32_t *tokstart;
	uint8_t *tokkind;
	uint32_t ntok;
	size_t captok;
	struct ntp_stmt *stmts;	/* partition the tokens, in order */
	uint32_t nstmts;
	size_t capstmt;
};

/* a significant token of a statement */
struct ntp_word {
	uint32_t tok;
	enum ntp_tok kind;
	struct span span;	/* the token's bytes */
	const char *text;	/* its bytes, or a string's contents; not NUL-terminated */
	uint32_t len;
};

/* significant token i as a word: a string's contents without its quotes */
static inline void
ntpconf_word_at(const struct ntpconf *c, uint32_t i, struct ntp_word *x)
{
	x->tok = i;
	x->kind = (enum ntp_tok)c->tokkind[i];
	x->span.start = c->tokstart[i];
	x->span.end = c->tokstart[i + 1];
	x->text = c->src->buf + x->span.start;
	x->len = x->span.end - x->span.start;
	if (x->kind == TK_STRING) {
		x->text++;
		x->len--;
		if (x->len > 0 && x->text[x->len - 1] == '"')
			x->len--;
	}
}

/* builds the tree of src, read as a classic or 4.2.6+ reader would */
struct ntpconf *ntpconf_parse(struct arena *a, struct source *src, int classic);
/* the span of token i */
struct span ntpconf_tok_span(const struct ntpconf *c, uint32_t i);
/* fills w[0..max) with the statement's significant tokens; returns how many it has */
uint32_t ntpconf_words(const struct ntpconf *c, const struct ntp_stmt *s, struct ntp_word *w,
    uint32_t max);
/* the statement's span from its first to its last significant byte (empty: the line start) */
struct span ntpconf_stmt_span(const struct ntpconf *c, const struct ntp_stmt *s);
/* writes the tree back out, token by token; returns bytes written (== src->len) into out */
size_t ntpconf_print(const struct ntpconf *c, char *out, size_t cap);

#endif
