/* ntpconf_pctx: what the generated ntp.conf parser shares with its token feed. */
#ifndef NTPCONF_PCTX_H
#define NTPCONF_PCTX_H

#include "ntpconf.h"

struct ntp_pctx {
	struct ntp_lexer lx;
	struct ntpconf *conf;
	uint32_t line_tok0;	/* first token of the line being read */
	uint32_t lasttok;	/* the significant token handed to the parser last */
	uint32_t errtok;	/* first token the grammar refused on this line */
	uint32_t nwords;	/* significant tokens of the line so far */
	/* the token read past a run of words, handed over next */
	int has_ahead;
	enum ntp_tok ahead;
	uint32_t ahead_tok;
	struct span ahead_loc;
};

/* closes the line ending at token eol; err: the grammar refused it */
void ntp_pctx_line_end(struct ntp_pctx *p, uint32_t eol, int err);

#endif
