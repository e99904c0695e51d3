#include "rules_util.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "lint.h"
#include "ntpconf_vocab.h"
#include "util.h"

struct insertion
ins_append(struct source *src)
{
	struct insertion ins;

	ins.src = src;
	ins.off = ins.at = src->len;
	ins.need_nl = src->len > 0 && src->buf[src->len - 1] != '\n';
	ins.eol = src_eol(src);
	return ins;
}

struct insertion
ins_before_line(struct source *src, uint32_t off)
{
	struct insertion ins;

	ins.src = src;
	ins.off = ins.at = source_line_of(src, off).start;
	ins.need_nl = false;
	ins.eol = src_eol(src);
	return ins;
}

struct insertion
ins_after_line(struct source *src, uint32_t off)
{
	struct span line = source_line_of(src, off);
	const char *nl = memchr(src->buf + line.end, '\n', src->len - line.end);

	/* the line's end may exclude a CR: the next line starts after the '\n' */
	if (nl == NULL || (uint32_t)(nl - src->buf) + 1 >= src->len)
		return ins_append(src);
	return ins_before_line(src, (uint32_t)(nl - src->buf) + 1);
}

void
ins_for_ntpconf(const struct host *h, struct insertion *ins)
{
	if (NTPV_IS_CLASSIC(h->target))
		ins->eol = "\n";
}

struct span
ins_span(const struct insertion *ins)
{
	struct span sp = { ins->at, ins->at };

	return sp;
}

const char *
src_eol(const struct source *src)
{
	const char *nl = memchr(src->buf, '\n', src->len);

	return nl != NULL && nl > src->buf && nl[-1] == '\r' ? "\r\n" : "\n";
}

void
edit_insert_lines(struct diags *d, struct finding *f, const struct insertion *ins,
    const char *lines)
{
	const char *eol = ins->eol, *p;
	size_t n = 0, neol = strlen(eol);
	char *text, *o;

	for (p = lines; *p; p++)
		n += *p == '\n' ? neol : 1;
	n += neol * (ins->need_nl ? 2 : 1);
	o = text = arena_alloc(d->arena, n + 1);
	if (ins->need_nl)
		o = stpcpy(o, eol);
	for (p = lines; *p; p++) {
		if (*p == '\n')
			o = stpcpy(o, eol);
		else
			*o++ = *p;
	}
	stpcpy(o, eol);
	diag_edit(d, f, ins->src, (struct span){ ins->off, ins->off }, text);
}

void
edit_delete_line(struct diags *d, struct finding *f, struct source *src, uint32_t off)
{
	struct span line = source_line_of(src, off);

	if (line.end < src->len)
		line.end++;		/* its '\n' */
	else if (line.start > 0)
		line.start--;		/* the last line, without one: the '\n' before it goes */
	diag_edit(d, f, src, line, "");
}

static const char *
sep_of(const struct conf_file *cf, const struct ntp_stmt *s)
{
	struct ntp_word w[2];

	if (ntpconf_words(cf->tree, s, w, 2) < 2 || w[0].span.end >= cf->src->len)
		return NULL;
	return cf->src->buf[w[0].span.end] == '\t' ? "\t" : " ";
}

const char *
conf_sep(const struct conf_file *cf, uint32_t stmt, enum ntp_dir dir)
{
	const struct ntpconf *t = cf->tree;
	const char *sep = NULL;
	uint32_t best = UINT32_MAX, i;
	int pass;

	/* first the nearest statement of the same directive, then the nearest at all */
	for (pass = 0; pass < 2 && sep == NULL; pass++) {
		for (i = 0; i < t->nstmts; i++) {
			const struct ntp_stmt *s = &t->stmts[i];
			uint32_t dist = i > stmt ? i - stmt : stmt - i;
			const char *x;

			if (s->dir <= DIR_UNKNOWN || (pass == 0 && s->dir != dir) || dist >= best)
				continue;
			if ((x = sep_of(cf, s)) != NULL) {
				sep = x;
				best = dist;
			}
		}
	}
	return sep != NULL ? sep : " ";
}

int
addr_parse(const char *s, unsigned char out[16])
{
	size_t n = strlen(s);

	/* the checker's own IPv4 reader (inet_pton's, without its copy): restrict rules
	 * ask this of every entry several times, and inet_pton was a tenth of a large
	 * file's run. Every IPv6 text has a colon */
	if (addr_parse_ipv4(s, n, out)) {
		memset(out + 4, 0, 12);
		return 4;
	}
	memset(out, 0, 16);
	if (memchr(s, ':', n) != NULL && inet_pton(AF_INET6, s, out) == 1)
		return 6;
	return 0;
}

static int
mask_bits(const unsigned char *m, int nbytes)
{
	int i, b, bits = 0;

	for (i = 0; i < nbytes; i++)
		for (b = 7; b >= 0; b--)
			bits += (m[i] >> b) & 1;
	return bits;
}

bool
restrict_is_default(const struct m_restrict *r)
{
	return r->is_default;
}

int
restrict_covers(const struct m_restrict *r, int fam, const unsigned char a[16])
{
	unsigned char ra[16], m[16];
	int rfam, nbytes = fam == 4 ? 4 : 16, i;

	if (restrict_is_default(r))
		return r->family == 0 || r->family == fam ? 0 : -1;
	if (r->is_source)
		return -1;
	rfam = addr_parse(r->addr, ra);
	if (rfam != fam)
		return -1;
	/* a mask of 255.x.x.x keeps a first byte that differs: no need to read the rest
	 * (an invalid mask does not cover either) */
	if (fam == 4 && ra[0] != a[0] && r->mask != NULL && strncmp(r->mask, "255.", 4) == 0)
		return -1;
	if (r->mask == NULL)
		memset(m, 0xff, sizeof(m));
	else if (addr_parse(r->mask, m) != fam)
		return -1;
	for (i = 0; i < nbytes; i++)
		if ((ra[i] & m[i]) != (a[i] & m[i]))
			return -1;
	return mask_bits(m, nbytes);
}

const char *
restrict_flag_name(unsigned b)
{
	size_t i;

	for (i = 0; i < kw_restrict_flags.n; i++)
		if (b == 1u << i)
			return kw_restrict_flags.v[i].name;
	return "?";
}

struct conf_file *
main_conf(struct host *h)
{
	return h->model.ntp.present && h->nconfs > 0 ? &h->confs[0] : NULL;
}

bool
source_is_network(const struct m_source *s)
{
	return !s->refclock &&
	    (s->dir == DIR_SERVER || s->dir == DIR_PEER || s->dir == DIR_POOL);
}

const char *
era_name(enum rh_era e)
{
	return e == ERA_RH72 ? "Red Hat 7.2" : e == ERA_RHEL5 ? "RHEL 5" : "RHEL 3";
}

bool
has_step_tickers(const struct host *h)
{
	return h->model.boot.era != ERA_NONE && h->model.ntp.present && !h->model.stk.uncollected;
}

const char *
boot_ntpd_text(const struct host *h)
{
	/* ntp_loopfilter.c local_clock() (4.1.0 to 4.2.2p1): the first update steps an
	 * offset over 128 ms; one over 1000 s makes ntpd exit unless -g was given */
	if (boot_ntpd_g(&h->model.boot))
		return "ntpd, started with -g, steps it at its first clock update";
	return "ntpd is started without -g (the init script never adds it) and "
	    "exits at its first clock update if the clock is off by more than 1000 s";
}

const char *
stk_word_effect(struct host *h, enum severity *sev)
{
	const struct boot_model *b = &h->model.boot;

	*sev = SEV_INFO;
	if (!b->ntpdate || b->from_conf)
		return arena_printf(&h->arena, "the %s init script does not hand the file's words "
		    "to ntpdate (it runs ntpdate only for a step-tickers with a letter or digit)",
		    era_name(b->era));
	/* ntpdate.c (4.1.0 to 4.2.2p1): addserver() skips a name it cannot look up ("can't
	 * find host"); clock_select() steps from a server that answered */
	if (b->nusable > 0)
		return arena_printf(&h->arena, "ntpdate still has %zu host%s of the file it can "
		    "look up, and one that answers is enough to step the clock", b->nusable,
		    b->nusable == 1 ? "" : "s");
	*sev = SEV_WARNING;
	return arena_printf(&h->arena, "ntpdate is left with no host it can look up, so the "
	    "clock is not stepped before ntpd starts: %s", boot_ntpd_text(h));
}

bool
name_is_pool(const char *name)
{
	size_t n = strlen(name);

	return strcasecmp(name, "pool.ntp.org") == 0 ||
	    (n > 13 && strcasecmp(name + n - 13, ".pool.ntp.org") == 0);
}

static uint32_t
fnv1a(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ *p++) * 16777619u;
	return h;
}

void
bmap_init(struct bmap *m, struct arena *a)
{
	memset(m, 0, sizeof(*m));
	m->arena = a;
}

static struct bmap_slot *
find(const struct bmap *m, const void *key, size_t len, uint32_t h)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	/* the hash scaled to the table: any size works, not only powers of two */
	for (i = (size_t)(((uint64_t)h * m->cap) >> 32);; i = i + 1 == m->cap ? 0 : i + 1) {
		struct bmap_slot *s = &m->v[i];

		if (s->key == NULL || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

void *
bmap_get(const struct bmap *m, const void *key, size_t len)
{
	struct bmap_slot *s = find(m, key, len, fnv1a(key, len));

	return s != NULL && s->key != NULL ? s->val : NULL;
}

/* a table at most three quarters full stays short to probe; sized to the number of
 * keys, not to a power of two, a large one is up to half smaller */
static void
rehash(struct bmap *m, size_t cap)
{
	struct bmap old = *m;
	struct bmap_slot *s;
	size_t i;

	if (m->heap == NULL) {
		m->heap = arena_alloc(m->arena, sizeof(*m->heap));
		arena_adopt(m->arena, m->heap);
	}
	m->cap = cap;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	m->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.v[i].key != NULL) {
			s = find(m, old.v[i].key, old.v[i].len, old.v[i].hash);
			*s = old.v[i];
			m->n++;
		}
	free(old.v);
	*m->heap = m->v;
}

void
bmap_reserve(struct bmap *m, size_t n)
{
	size_t need = n + n / 3 + 1;

	if (need < 64)
		need = 64;
	if (need > m->cap)
		rehash(m, need);
}

struct bmap_slot *
bmap_slot(struct bmap *m, const void *key, size_t len)
{
	uint32_t h = fnv1a(key, len);
	struct bmap_slot *s;

	if ((m->n + 1) * 4 > m->cap * 3)
		rehash(m, m->cap ? m->cap * 2 : 64);
	s = find(m, key, len, h);
	if (s->key == NULL) {
		s->key = key;
		s->len = (uint32_t)len;
		s->hash = h;
		s->val = NULL;
		m->n++;
	}
	return s;
}

/* the C locale's tolower (the program never sets another): A-Z only, without a call */
static inline char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

const char *
name_key(struct arena *a, const char *name)
{
	size_t n, i;
	char *k;

	for (i = 0; name[i] != '\0'; i++)
		if (lower(name[i]) != name[i])
			break;
	if (name[i] == '\0')
		return name;	/* most names and every address: no copy */
	n = i + strlen(name + i);
	k = arena_alloc(a, n + 1);
	for (i = 0; i < n; i++)
		k[i] = lower(name[i]);
	return k;
}

void *
bmap_get_name(const struct bmap *m, const char *name)
{
	char buf[512];
	size_t n = strlen(name), i;

	if (n >= sizeof(buf))
		return NULL;	/* longer than any host name: no key is */
	for (i = 0; i < n; i++)
		buf[i] = lower(name[i]);
	return bmap_get(m, buf, n);
}

void
ntp_server_index(struct arena *a, const struct ntp_model *m, bool names_only,
    struct bmap *out)
{
	size_t i;

	bmap_init(out, a);
	bmap_reserve(out, m->nsources);
	for (i = 0; i < m->nsources; i++) {
		const struct m_source *s = &m->sources[i];
		const char *k;
		struct bmap_slot *sl;

		/* a server in template code is no server of the host (FS004) */
		if (!source_is_network(s) || (names_only && s->numeric) || s->templated)
			continue;
		k = name_key(a, s->addr);
		sl = bmap_slot(out, k, strlen(k));
		if (sl->val == NULL)
			sl->val = (void *)(uintptr_t)s;
	}
}

/* the service console's tool; ESXi 5 and later have no service console and no
 * esxcfg-firewall, only esxcli (an ESXi of unknown release is taken as 5 or later) */
const char *
fw_enable_cmd(const struct host *h)
{
	return esx_has_esxcli(&h->model.esx) ?
	    "esxcli network firewall ruleset set --ruleset-id ntpClient --enabled true" :
	    "esxcfg-firewall --enableService ntpClient";
}

const char *
fw_query_cmd(const struct host *h)
{
	return esx_has_esxcli(&h->model.esx) ?
	    "esxcli network firewall ruleset list --ruleset-id ntpClient" :
	    "esxcfg-firewall -q ntpClient";
}
