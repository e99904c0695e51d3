#include "suppress_host.h"

#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "suppress.h"
#include "util.h"

/* the ntp.conf tree keeps each comment as a TK_COMMENT token */
static void
scan_ntpconf(struct suppress *s, const struct ntpconf *c)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0;
	const uint8_t *k = c->tokkind, *p, *end = k + c->ntok;

	/* comments found with memchr over the token kinds: a large file has millions of
	 * tokens and few comments that matter */
	for (p = k; p < end && (p = memchr(p, TK_COMMENT, (size_t)(end - p))) != NULL; p++)
		*VEC_PUSH(v, n, cap) = ntpconf_tok_span(c, (uint32_t)(p - k));
	suppress_scan(s, c->src, v, n);
	free(v);
}

/* step-tickers and hosts keep '#' comments as LT_COMMENT tokens (esx.conf has none) */
static void
scan_linetree(struct suppress *s, const struct linetree *t)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0;
	uint32_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ntok; i++)
		if (t->tokkind[i] == LT_COMMENT)
			*VEC_PUSH(v, n, cap) = lt_tok_span(t, i);
	suppress_scan(s, t->src, v, n);
	free(v);
}

void
suppress_host(struct host *h)
{
	struct suppress *s = suppress_new(&h->arena);
	size_t i;

	for (i = 0; i < h->nconfs; i++)
		scan_ntpconf(s, h->confs[i].tree);
	scan_linetree(s, h->model.stk.tree);
	scan_linetree(s, h->model.hosts.tree);
	suppress_apply(s, &h->diags);
}
