#include "suppress_host.h"

#include <stdlib.h>

#include "lint.h"
#include "suppress.h"
#include "util.h"

/* the ntp.conf tree keeps each comment as a TK_COMMENT token */
static void
scan_ntpconf(struct suppress *s, const struct ntpconf *c)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0;
	uint32_t i;

	for (i = 0; i < c->ntok; i++)
		if (c->tokkind[i] == TK_COMMENT)
			*VEC_PUSH(v, n, cap) = ntpconf_tok_span(c, i);
	suppress_scan(s, c->src, v, n);
	free(v);
}

void
suppress_host(struct host *h)
{
	struct suppress *s = suppress_new(&h->arena);
	size_t i;

	for (i = 0; i < h->nconfs; i++)
		scan_ntpconf(s, h->confs[i].tree);
	suppress_apply(s, &h->diags);
}
