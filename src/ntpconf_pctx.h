/* ntpconf_pctx: what the generated ntp.conf parser shares with its token feed. */
#ifndef NTPCONF_PCTX_H
#define NTPCONF_PCTX_H

#include "ntpconf.h"

struct ntp_pctx {
	struct ntpconf *conf;	/* every token is read before the parse starts */
	uint32_t pos;		/* the next token to hand to the parser */
	uint32_t line_tok0;	/* first token of the line being read */
	uint32_t lasttok;	/* the significant token handed to the parser last */
	uint32_t errtok;	/* first token the grammar refused on this line */
	uint32_t nwords;	/* significant tokens of the line so far */
};

/* closes the line ending at token eol; err: the grammar refused it */
void ntp_pctx_line_end(struct ntp_pctx *p, uint32_t eol, int err);

#endif
