/* ntpconf_lexer: splits ntp.conf bytes into tokens and trivia, the way one ntpd family reads them. */
#ifndef NTPCONF_LEXER_H
#define NTPCONF_LEXER_H

#include <stdint.h>

/* every byte of the input belongs to exactly one token */
enum ntp_tok {
	TK_EOF,		/* end of input (not stored) */
	TK_WORD,	/* a word; classic readers keep quotes and CR inside it */
	TK_STRING,	/* "..." (4.2.6+ readers); may lack its closing quote */
	TK_SPECIAL,	/* one of { } ( ) , ; | = (4.2.6+ readers) */
	TK_EOL,		/* "\n", or zero-width at the end of a last line without one */
	TK_VEOL,	/* zero-width: ntpd 4.2.0's 1023-byte fgets() boundary */
	TK_BLANK,	/* blanks: space and TAB (classic); isspace() but newline (4.2.6+) */
	TK_COMMENT,	/* "#" to the end of the line */
	TK_NULTAIL	/* classic: a NUL byte and the rest of the line, which 4.2.0 never sees */
};

#define TK_IS_TRIVIA(k) ((k) >= TK_BLANK)

/* the longest line ntpd 4.1/4.2.0 reads at once: fgets() into char[1024] */
#define NTP_CLASSIC_MAXLINE 1023

struct ntp_lexer {
	const char *buf;
	uint32_t len;
	uint32_t cur;		/* next byte to read */
	uint32_t chunk;		/* classic: where the current fgets() chunk began */
	int classic;		/* 1: ntpd 4.1/4.2.0 gettokens(); 0: the 4.2.6+ scanner */
	int line_has_token;	/* a significant token was seen on this line */
	int done;
};

/* buf[len] must be NUL, as in a struct source */
void ntp_lexer_init(struct ntp_lexer *lx, const char *buf, uint32_t len, int classic);
/* the next token: its kind, and [*start, lx->cur) */
enum ntp_tok ntp_lex_raw(struct ntp_lexer *lx, uint32_t *start);
/* up to cap next tokens: their starts and kinds; fewer than cap only at the end */
uint32_t ntp_lex_fill(struct ntp_lexer *lx, uint32_t *start, uint8_t *kind, uint32_t cap);

#endif
