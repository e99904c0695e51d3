#include "model_ntp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addr.h"
#include "fsread.h"
#include "hostread.h"
#include "hostfs.h"
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

/* a few masks serve a whole file (255.255.255.255 on most lines): the previous entry's
 * copy is shared when it is the same */
static const char *
copy_mask(struct host *h, const struct ntp_model *m, const struct ntp_word *w)
{
	const char *prev = m->nrestricts > 1 ? m->restricts[m->nrestricts - 2].mask : NULL;

	if (prev != NULL && strlen(prev) == w->len && memcmp(prev, w->text, w->len) == 0)
		return prev;
	return copy_word(h, w);
}

static void
add_restrict(struct host *h, struct ntp_model *m, struct m_where at, const struct ntp_word *w,
    uint32_t n, const struct kw_index *flags)
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
	if (i > 1)
		r->family = w[1].text[1] == '6' ? 6 : 4;
	for (i++; i < n; i++) {
		const struct kw *e = kw_index_lookup(flags, w[i].text, w[i].len);

		if (e == NULL)
			continue;
		if (e->arg == KA_ADDR) {
			if (i + 1 < n)
				r->mask = copy_mask(h, m, &w[++i]);
			continue;
		}
		r->flags |= 1u << (unsigned)(e - kw_restrict_flags.v);
	}
	/* the old spelling of the default, "0.0.0.0 mask 0.0.0.0", counts as one: decided
	 * once here, not by a strcmp in every rule that asks */
	r->is_default = r->is_default || (strcmp(r->addr, "0.0.0.0") == 0 && r->mask != NULL &&
	    strcmp(r->mask, "0.0.0.0") == 0);
}

/* does path (absolute or relative to ntpd's working directory, /) exist under the root,
 * as a directory when want_dir */
static enum m_exists
probe(struct host *h, const char *path, bool want_dir)
{
	struct stat st;
	const char *slash;
	char *top;

	while (*path == '/')
		path++;
	if (*path == '\0')
		return MX_PRESENT;
	if (h->fs->ops->stat(h->fs, path, true, &st) != 0) {
		/* a capture that does not collect the path (a vm-support bundle of ESX
		 * 3.x/4.x lacks /var/lib/ntp and /etc/ntp) cannot say it is missing */
		if ((errno != ENOENT && errno != ENOTDIR) || hostfs_uncollected(h->fs, path))
			return MX_UNCHECKED;
		/* a root holding a copy of /etc alone says nothing about /var: only a tree
		 * that has the path's top directory can lack the rest */
		slash = strchr(path, '/');
		if (slash == NULL)
			return MX_MISSING;
		top = arena_strndup(&h->arena, path, (size_t)(slash - path));
		if (h->fs->ops->stat(h->fs, top, true, &st) != 0)
			return MX_UNCHECKED;
		return MX_MISSING;
	}
	return want_dir && !S_ISDIR(st.st_mode) ? MX_MISSING : MX_PRESENT;
}

static void
probe_target(struct host *h, struct m_directive *d)
{
	const char *slash;

	if (h->root == NULL || d->arg == NULL)
		return;
	if (d->dir == DIR_KEYS) {
		d->target_path = d->arg;
		d->target = probe(h, d->arg, false);
	} else if (d->dir == DIR_DRIFTFILE) {
		/* ntpd writes drift.TEMP beside the file and renames it: the directory counts */
		slash = strrchr(d->arg, '/');
		d->target_path = slash == NULL ? "/" : slash == d->arg ? "/" :
		    arena_strndup(&h->arena, d->arg, (size_t)(slash - d->arg));
		d->target = probe(h, d->target_path, true);
	}
}

/* the words as if CR bytes were gone: classic readers keep a CR LF's CR in the last word */
static uint32_t
drop_cr(struct ntp_word *w, uint32_t n)
{
	uint32_t i, k = 0;

	for (i = 0; i < n; i++) {
		while (w[i].len > 0 && w[i].text[w[i].len - 1] == '\r') {
			w[i].len--;
			w[i].span.end--;
		}
		if (w[i].len > 0 || w[i].kind == TK_STRING)
			w[k++] = w[i];
	}
	return k;
}

uint32_t
model_words(const struct m_where *at, struct ntp_word *w, uint32_t max)
{
	const struct ntpconf *t = at->cf->tree;
	uint32_t n = ntpconf_words(t, &t->stmts[at->stmt], w, max);

	return drop_cr(w, n < max ? n : max);
}

void
model_unquote_last(enum ntp_version v, struct ntp_word *w, uint32_t n)
{
	struct ntp_word *last;
	uint32_t i;

	if (v != NTPV_422 || n < 2)
		return;
	last = &w[n - 1];
	/* ntp_config.c gettokens() at 4.2.2p1: for (i = 0; i < ntok; i++) strips one '"'
	 * from each end of tokenlist[ntok] */
	for (i = 0; i + 1 < n && last->len > 0; i++) {
		if (last->text[0] == '"') {
			last->text++;
			last->len--;
			last->span.start++;
		}
		if (last->len > 0 && last->text[last->len - 1] == '"') {
			last->len--;
			last->span.end--;
		}
	}
}

static bool
is_source_dir(unsigned dir)
{
	return dir == DIR_SERVER || dir == DIR_PEER || dir == DIR_POOL ||
	    dir == DIR_BROADCAST || dir == DIR_MANYCASTCLIENT;
}

/* the arrays at their final size: grown by doubling, a large file's would be copied
 * and end up to twice too big */
static void
presize(struct host *h, struct ntp_model *m)
{
	size_t ci, nsrc = 0, nres = 0;
	uint32_t i;

	for (ci = 0; ci < h->nconfs; ci++) {
		const struct ntpconf *t = h->confs[ci].tree;

		for (i = 0; i < t->nstmts; i++) {
			const struct ntp_stmt *s = &t->stmts[i];

			if (s->dir <= DIR_UNKNOWN || (s->flags & STMT_REJECTED))
				continue;
			nsrc += is_source_dir(s->dir);
			nres += s->dir == DIR_RESTRICT;
		}
	}
	if (nsrc > 0) {
		m->sources = xreallocarray(NULL, nsrc, sizeof(*m->sources));
		m->capsources = nsrc;
	}
	if (nres > 0) {
		m->restricts = xreallocarray(NULL, nres, sizeof(*m->restricts));
		m->caprestricts = nres;
	}
}

void
model_ntp_build(struct host *h, struct ntp_model *m)
{
	struct ntp_word *w = NULL;
	size_t cap = 0, ci;
	uint32_t i, n;
	struct kw_index flags;

	kw_index_build(&flags, &kw_restrict_flags);
	memset(m, 0, sizeof(*m));
	arena_adopt(&h->arena, (void **)&m->sources);
	arena_adopt(&h->arena, (void **)&m->restricts);
	arena_adopt(&h->arena, (void **)&m->dirs);
	m->present = h->nconfs > 0;
	presize(h, m);
	for (ci = 0; ci < h->nconfs; ci++) {
		struct ntpconf *t = h->confs[ci].tree;

		for (i = 0; i < t->nstmts; i++) {
			struct ntp_stmt *s = &t->stmts[i];
			struct m_where at;
			struct m_directive *d;

			if (s->dir <= DIR_UNKNOWN || (s->flags & STMT_REJECTED))
				continue;
			grow(&w, &cap, s->nwords, sizeof(*w));
			n = drop_cr(w, ntpconf_words(t, s, w, s->nwords));
			if (n == 0)
				continue;
			model_unquote_last(h->target, w, n);
			at.cf = &h->confs[ci];
			at.stmt = i;
			at.span = ntpconf_stmt_span(t, s);
			at.span.end = w[n - 1].span.end;
			if (is_source_dir(s->dir)) {
				add_source(h, m, at, (enum ntp_dir)s->dir, w, n);
				continue;
			}
			switch (s->dir) {
			case DIR_RESTRICT:
				add_restrict(h, m, at, w, n, &flags);
				break;
			default:
				d = VEC_PUSH(m->dirs, m->ndirs, m->capdirs);
				d->at = at;
				d->dir = (enum ntp_dir)s->dir;
				d->arg = n > 1 ? copy_word(h, &w[1]) : NULL;
				d->arg_span = n > 1 ? w[1].span : at.span;
				d->target = MX_UNCHECKED;
				d->target_path = NULL;
				probe_target(h, d);
				break;
			}
		}
	}
	free(w);
	if (m->present && h->root != NULL) {
		m->var_lib_ntp = probe(h, "/var/lib/ntp", true);
		m->etc_ntp = probe(h, "/etc/ntp", true);
		/* step-tickers is not looked for in a directory that is not there */
		if (m->etc_ntp == MX_MISSING)
			host_note_absent(h, "etc/ntp");
	}
}
