#include "model_ntp.h"

#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "lint.h"
#include "ntpconf_vocab.h"
#include "util.h"

static const char *
copy_word(struct host *h, const struct ntp_word *w)
{
	return arena_strndup(&h->arena, w->text, w->len);
}

static void
add_source(struct host *h, struct ntp_model *m, struct m_where at, enum ntp_dir dir,
    const struct ntp_word *w, uint32_t n)
{
	struct m_source *s;
	uint32_t i = 1;

	if (i < n && (w[i].len == 2 && w[i].text[0] == '-'))
		i++;	/* -4 / -6 */
	if (i >= n)
		return;
	s = VEC_PUSH(m->sources, m->nsources, m->capsources);
	memset(s, 0, sizeof(*s));
	s->at = at;
	s->dir = dir;
	s->addr = copy_word(h, &w[i]);
	s->addr_span = w[i].span;
	s->refclock = addr_is_refclock(w[i].text, w[i].len);
	s->numeric = addr_is_ipv4(w[i].text, w[i].len) || addr_is_ipv6(w[i].text, w[i].len);
}

static void
add_restrict(struct host *h, struct ntp_model *m, struct m_where at, const struct ntp_word *w,
    uint32_t n)
{
	struct m_restrict *r;
	uint32_t i = 1;

	if (i < n && (w[i].len == 2 && w[i].text[0] == '-'))
		i++;
	if (i >= n)
		return;
	r = VEC_PUSH(m->restricts, m->nrestricts, m->caprestricts);
	memset(r, 0, sizeof(*r));
	r->at = at;
	r->addr = copy_word(h, &w[i]);
	r->addr_span = w[i].span;
	r->is_default = strcmp(r->addr, "default") == 0;
	r->is_source = strcmp(r->addr, "source") == 0;
	r->ipv6 = memchr(r->addr, ':', strlen(r->addr)) != NULL;
	for (i++; i < n; i++) {
		const struct kw *e = kw_lookup(&kw_restrict_flags, w[i].text, w[i].len);

		if (e == NULL)
			continue;
		if (e->arg == KA_ADDR) {
			if (i + 1 < n)
				r->mask = copy_word(h, &w[++i]);
			continue;
		}
		r->flags |= 1u << (unsigned)(e - kw_restrict_flags.v);
	}
}

void
model_ntp_build(struct host *h, struct ntp_model *m)
{
	struct ntp_word *w = NULL;
	size_t cap = 0, ci;
	uint32_t i, n;

	memset(m, 0, sizeof(*m));
	arena_adopt(&h->arena, (void **)&m->sources);
	arena_adopt(&h->arena, (void **)&m->restricts);
	arena_adopt(&h->arena, (void **)&m->dirs);
	m->present = h->nconfs > 0;
	for (ci = 0; ci < h->nconfs; ci++) {
		struct ntpconf *t = h->confs[ci].tree;

		for (i = 0; i < t->nstmts; i++) {
			struct ntp_stmt *s = &t->stmts[i];
			struct m_where at;
			struct m_directive *d;

			if (s->dir <= DIR_UNKNOWN || (s->flags & STMT_REJECTED))
				continue;
			grow(&w, &cap, s->nwords, sizeof(*w));
			n = ntpconf_words(t, s, w, s->nwords);
			at.cf = &h->confs[ci];
			at.stmt = i;
			at.span = ntpconf_stmt_span(t, s);
			switch (s->dir) {
			case DIR_SERVER: case DIR_PEER: case DIR_POOL: case DIR_BROADCAST:
			case DIR_MANYCASTCLIENT:
				add_source(h, m, at, (enum ntp_dir)s->dir, w, n);
				break;
			case DIR_RESTRICT:
				add_restrict(h, m, at, w, n);
				break;
			default:
				d = VEC_PUSH(m->dirs, m->ndirs, m->capdirs);
				d->at = at;
				d->dir = (enum ntp_dir)s->dir;
				d->arg = n > 1 ? copy_word(h, &w[1]) : NULL;
				d->arg_span = n > 1 ? w[1].span : at.span;
				break;
			}
		}
	}
	free(w);
}
