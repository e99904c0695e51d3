#include "model_files.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "linefiles.h"
#include "lint.h"
#include "ntpconf_check.h"
#include "ntpconf_vocab.h"
#include "util.h"

static const char *
copy_word(struct host *h, const struct lt_word *w)
{
	return arena_strndup(&h->arena, w->text, w->len);
}

/* ---- step-tickers ---- */

static int
is_directive(const char *s, size_t n)
{
	int d;

	for (d = DIR_UNKNOWN + 1; d < DIR_COUNT; d++) {
		const char *name = ntp_dir_name((enum ntp_dir)d);

		if (strlen(name) == n && memcmp(name, s, n) == 0)
			return d;
	}
	return 0;
}

/* server options nobody names a host after: ntp.conf syntax wherever they stand */
static int
is_plain_option(const char *s, size_t n)
{
	static const char *const opts[] = { "prefer", "iburst", "burst", "minpoll", "maxpoll",
		"noselect", "preempt", "xleave", "autokey" };
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strlen(opts[i]) == n && memcmp(opts[i], s, n) == 0)
			return 1;
	return 0;
}

static enum stk_kind
stk_classify(const char *s, size_t n)
{
	if (addr_is_refclock(s, n))
		return STK_REFCLOCK;
	if (addr_is_ipv4(s, n) || addr_is_ipv6(s, n))
		return STK_ADDR;
	if (addr_looks_ipv4(s, n) || !addr_is_hostname(s, n))
		return STK_INVALID;
	return STK_HOST;
}

/* marks the ntp.conf syntax of one line: a directive first (a source directive keeps its
 * host words), server options, and the numbers after the options that take one */
static void
stk_mark_keywords(struct stk_entry *e, size_t n)
{
	int dir = n > 0 ? is_directive(e[0].name, strlen(e[0].name)) : 0;
	bool source = dir == DIR_SERVER || dir == DIR_PEER || dir == DIR_POOL ||
	    dir == DIR_BROADCAST || dir == DIR_MANYCASTCLIENT;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *w = e[i].name;
		size_t len = strlen(w);
		const struct kw *k = kw_lookup(&kw_server_opts, w, len);

		if (dir != 0 && !source) {
			e[i].kind = STK_KEYWORD;
			continue;
		}
		if ((i == 0 && dir != 0) || is_plain_option(w, len) || (source && k != NULL) ||
		    (source && i == 1 && (strcmp(w, "-4") == 0 || strcmp(w, "-6") == 0))) {
			e[i].kind = STK_KEYWORD;
			if (k != NULL && k->arg != KA_NONE && i + 1 < n && (source ||
			    is_plain_option(w, len)))
				e[++i].kind = STK_KEYWORD;
		}
	}
}

static bool
stk_hostlike(const struct stk_entry *e)
{
	return e->kind == STK_HOST || e->kind == STK_ADDR || e->kind == STK_INVALID;
}

bool
stk_word_is_host(const char *word)
{
	struct stk_entry e;
	char name[256];
	size_t n = strlen(word);

	/* trailing CRs are not part of the entry's name (STK005 reports them) */
	while (n > 0 && word[n - 1] == '\r')
		n--;
	if (n == 0 || strpbrk(word, " \t\n#") != NULL)
		return false;
	if (n >= sizeof(name))
		return true;	/* longer than any keyword */
	memcpy(name, word, n);
	name[n] = '\0';
	memset(&e, 0, sizeof(e));
	e.name = name;
	e.kind = stk_classify(name, n);
	stk_mark_keywords(&e, 1);
	return stk_hostlike(&e);
}

static int
cmp_byname(const void *a, const void *b, void *arg)
{
	const struct stk_entry *e = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcasecmp(e[x].name, e[y].name);

	return c != 0 ? c : (x > y) - (x < y);
}

/* a sorted index, so that lookups stay O(log n) on a step-tickers of any length */
static void
stk_index(struct host *h, struct stk_model *m)
{
	size_t i;

	m->byname = arena_alloc(&h->arena, (m->nentries + 1) * sizeof(*m->byname));
	for (i = 0; i < m->nentries; i++)
		if (stk_hostlike(&m->entries[i]))
			m->byname[m->nbyname++] = (uint32_t)i;
	if (m->nbyname > 1)
		qsort_r(m->byname, m->nbyname, sizeof(*m->byname), cmp_byname, m->entries);
}

const struct stk_entry *
stk_lookup(const struct stk_model *m, const char *name)
{
	size_t lo = 0, hi = m->nbyname;

	/* the first index whose name is not below name: the earliest entry of that name */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcasecmp(m->entries[m->byname[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nbyname && strcasecmp(m->entries[m->byname[lo]].name, name) == 0)
		return &m->entries[m->byname[lo]];
	return NULL;
}

void
model_stk_build(struct host *h, struct stk_model *m, struct source *src)
{
	struct lt_word *w = NULL;
	size_t cap = 0;
	uint32_t i, j, n;
	char *cr;

	memset(m, 0, sizeof(*m));
	arena_adopt(&h->arena, (void **)&m->entries);
	if (src == NULL)
		return;
	m->present = true;
	m->src = src;
	m->tree = stk_parse_tree(&h->arena, src);
	if ((cr = memchr(src->buf, '\r', src->len)) != NULL) {
		m->has_cr = true;
		m->cr_span.start = (uint32_t)(cr - src->buf);
		m->cr_span.end = m->cr_span.start + 1;
	}
	for (i = 0; i < m->tree->nlines; i++) {
		const struct lt_line *l = &m->tree->lines[i];
		size_t first = m->nentries;

		grow(&w, &cap, l->nwords, sizeof(*w));
		n = lt_words(m->tree, l, w, l->nwords);
		for (j = 0; j < n; j++) {
			struct stk_entry *e = VEC_PUSH(m->entries, m->nentries, m->capentries);
			uint32_t len = w[j].len;

			while (len > 0 && w[j].text[len - 1] == '\r')
				len--;
			e->name = arena_strndup(&h->arena, w[j].text, len);
			e->span = w[j].span;
			e->tline = i;
			e->cr = memchr(w[j].text, '\r', w[j].len) != NULL;
			e->kind = stk_classify(e->name, strlen(e->name));
		}
		if (m->nentries > first)
			stk_mark_keywords(m->entries + first, m->nentries - first);
	}
	free(w);
	stk_index(h, m);
}

/* ---- hosts ---- */

/* meant as an address: two leading dotted numbers (127.1, 192.0.2.XXX), or only hex
 * digits, ':' and '.' with a ':' (a mistyped IPv6 address, or one with a scope id) */
static bool
looks_like_addr(const char *s, size_t n)
{
	size_t i, digits = 0, labels = 0;
	bool colon = false, hexonly = true;

	if (addr_looks_ipv4(s, n))
		return true;
	/* up to a '%': glibc takes no scope id ("fe80::1%eth0") in hosts */
	for (i = 0; i < n && s[i] != '%'; i++) {
		if (s[i] == ':')
			colon = true;
		else if (!isxdigit((unsigned char)s[i]) && s[i] != '.')
			hexonly = false;
	}
	if (colon && hexonly)
		return true;
	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i])) {
			digits++;
			continue;
		}
		if (s[i] != '.' || digits == 0)
			break;
		labels++;
		digits = 0;
	}
	return labels >= 2;
}

static enum hst_first
hst_classify(const char *s, size_t n)
{
	if (addr_is_ipv4(s, n))
		return HF_IPV4;
	/* glibc hands the field to inet_pton(), which takes no zone ("%eth0") */
	if (memchr(s, '%', n) == NULL && addr_is_ipv6(s, n))
		return HF_IPV6;
	if (looks_like_addr(s, n))
		return HF_BAD_ADDR;
	if (addr_is_hostname(s, n))
		return HF_NAME;
	return HF_JUNK;
}

void
model_hst_build(struct host *h, struct hst_model *m, struct source *src)
{
	struct lt_word *w = NULL;
	size_t cap = 0;
	uint32_t i, j, n;

	memset(m, 0, sizeof(*m));
	arena_adopt(&h->arena, (void **)&m->lines);
	arena_adopt(&h->arena, (void **)&m->names);
	if (src == NULL)
		return;
	m->present = true;
	m->src = src;
	m->tree = hst_parse_tree(&h->arena, src);
	for (i = 0; i < m->tree->nlines; i++) {
		const struct lt_line *ll = &m->tree->lines[i];
		struct hst_line *l;
		struct span text;

		if (ll->nwords == 0)
			continue;
		grow(&w, &cap, ll->nwords, sizeof(*w));
		n = lt_words(m->tree, ll, w, ll->nwords);
		l = VEC_PUSH(m->lines, m->nlines, m->caplines);
		memset(l, 0, sizeof(*l));
		l->tline = i;
		l->span = lt_line_span(m->tree, ll);
		text = lt_line_text(m->tree, ll);
		l->len = text.end - text.start;
		l->addr = copy_word(h, &w[0]);
		l->addr_span = w[0].span;
		l->first = hst_classify(w[0].text, w[0].len);
		l->name0 = (uint32_t)m->nnames;
		l->nnames = n - 1;
		l->valid = (l->first == HF_IPV4 || l->first == HF_IPV6) && n > 1;
		for (j = 1; j < n; j++) {
			struct hst_name *nm = VEC_PUSH(m->names, m->nnames, m->capnames);

			nm->name = copy_word(h, &w[j]);
			nm->span = w[j].span;
			nm->line = (uint32_t)m->nlines - 1;
			nm->canonical = j == 1;
			nm->valid = addr_is_hostname(w[j].text, w[j].len);
		}
	}
	free(w);
}

const struct hst_name *
hst_lookup(const struct hst_model *m, const char *name, int family)
{
	size_t i;

	for (i = 0; i < m->nnames; i++) {
		const struct hst_name *nm = &m->names[i];
		const struct hst_line *l = &m->lines[nm->line];

		if (!l->valid || strcasecmp(nm->name, name) != 0)
			continue;
		if ((family == 4 && l->first != HF_IPV4) || (family == 6 && l->first != HF_IPV6))
			continue;
		return nm;
	}
	return NULL;
}

/* ---- esx.conf ---- */

static const char *
unquote(struct host *h, const char *s, uint32_t n)
{
	char *out = arena_alloc(&h->arena, n + 1), *o = out;
	uint32_t i;

	for (i = 1; i + 1 < n; i++) {
		if (s[i] == '\\' && i + 2 < n)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static void
fw_state(struct fw_model *m)
{
	const struct esx_kv *kv;

	m->ntp_client = FW_UNKNOWN;
	if (m->ntp_kv == M_NONE) {
		/* closed is the default: an esx.conf that keeps firewall state but does not
		 * name ntpClient has never enabled it */
		if (m->nfirewall > 0)
			m->ntp_client = FW_CLOSED;
		return;
	}
	kv = &m->kvs[m->ntp_kv];
	m->key_span = kv->span;
	if (strcasecmp(kv->value, "true") == 0)
		m->ntp_client = FW_OPEN;
	else if (strcasecmp(kv->value, "false") == 0)
		m->ntp_client = FW_CLOSED;
}

void
model_fw_build(struct host *h, struct fw_model *m, struct source *src)
{
	struct lt_word w[3];
	uint32_t i;

	memset(m, 0, sizeof(*m));
	arena_adopt(&h->arena, (void **)&m->kvs);
	m->ntp_kv = m->last_firewall = M_NONE;
	m->ntp_client = FW_UNKNOWN;
	if (src == NULL)
		return;
	m->present = true;
	m->src = src;
	m->tree = esx_parse_tree(&h->arena, src);
	for (i = 0; i < m->tree->nlines; i++) {
		const struct lt_line *l = &m->tree->lines[i];
		struct esx_kv *kv;

		if (l->nwords != 3 || (l->flags & LT_SYNTAX_ERROR))
			continue;
		lt_words(m->tree, l, w, 3);
		kv = VEC_PUSH(m->kvs, m->nkvs, m->capkvs);
		kv->key = copy_word(h, &w[0]);
		kv->key_span = w[0].span;
		kv->value = unquote(h, w[2].text, w[2].len);
		kv->value_span = w[2].span;
		kv->span = lt_line_span(m->tree, l);
		kv->tline = i;
		if (strncmp(kv->key, "/firewall/", 10) == 0) {
			m->nfirewall++;
			m->last_firewall = (uint32_t)m->nkvs - 1;
		}
		/* ESX reads ruleset ids case-sensitively; the last setting wins */
		if (strcmp(kv->key, FW_NTP_KEY) == 0)
			m->ntp_kv = (uint32_t)m->nkvs - 1;
	}
	fw_state(m);
}

/* ---- the ntpd init script ---- */

static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *
field(const char *p, const char *end, const char **f, size_t *n)
{
	p = skip_blanks(p, end);
	*f = p;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
		p++;
	*n = (size_t)(p - *f);
	return p;
}

static int
number(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "# chkconfig: - 58 74": the levels chkconfig --add enables, the start and stop order */
static bool
chkconfig_line(struct host *h, struct svc_model *m, const char *p, const char *end)
{
	const char *lv, *st, *sp;
	size_t nlv, nst, nsp;

	p = skip_blanks(p, end);
	if (p == end || *p++ != '#')
		return false;
	p = skip_blanks(p, end);
	if ((size_t)(end - p) < 10 || memcmp(p, "chkconfig:", 10) != 0)
		return false;
	p = field(p + 10, end, &lv, &nlv);
	p = field(p, end, &st, &nst);
	field(p, end, &sp, &nsp);
	if (nlv == 0 || number(st, nst) < 0 || number(sp, nsp) < 0)
		return false;
	m->chk_levels = arena_strndup(&h->arena, lv, nlv);
	m->chk_start = number(st, nst);
	m->chk_stop = number(sp, nsp);
	return true;
}

void
model_svc_script(struct host *h, struct svc_model *m, struct source *src, const char *path)
{
	uint32_t off = 0;

	m->chk_start = m->chk_stop = -1;
	if (src == NULL)
		return;
	m->script_present = true;
	m->script = src;
	m->script_path = arena_strdup(&h->arena, path);
	while (off < src->len) {
		const char *nl = memchr(src->buf + off, '\n', src->len - off);
		uint32_t end = nl != NULL ? (uint32_t)(nl - src->buf) : src->len;

		if (chkconfig_line(h, m, src->buf + off, src->buf + end)) {
			m->has_chkconfig = true;
			m->chk_span.start = off;
			m->chk_span.end = end;
			break;
		}
		off = end + 1;
	}
}

/* ---- the ESX release ---- */

bool
esx_version_parse(const char *s, int v[3])
{
	int i;

	v[0] = v[1] = v[2] = -1;
	for (i = 0; i < 3; i++) {
		int x = 0, digits = 0;

		while (isdigit((unsigned char)*s) && digits < 4) {
			x = x * 10 + (*s++ - '0');
			digits++;
		}
		if (digits == 0 || isdigit((unsigned char)*s))
			return false;
		v[i] = x;
		if (*s == '\0')
			return v[0] >= 1;
		if (*s++ != '.')
			return false;
	}
	return false;
}

const char *
esx_release_version(struct arena *a, const char *line, size_t n)
{
	static const char *const prefixes[] = { "VMware ESX Server ", "VMware ESXi ",
		"VMware ESX " };
	const char *end = line + n, *v;
	size_t i, len;
	int parts[3];
	char *copy;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		len = strlen(prefixes[i]);
		if (n >= len && memcmp(line, prefixes[i], len) == 0)
			break;
	}
	if (i == sizeof(prefixes) / sizeof(prefixes[0]))
		return NULL;
	v = line + len;
	for (len = 0; v + len < end && (isdigit((unsigned char)v[len]) || v[len] == '.'); len++)
		;
	/* what follows the number is a code name "(Kandinsky)", an update or a build */
	if (len == 0 || (v + len < end && v[len] != ' ' && v[len] != '\t' && v[len] != '\r'))
		return NULL;
	copy = arena_strndup(a, v, len);
	return esx_version_parse(copy, parts) ? copy : NULL;
}

enum ntp_version
esx_ntp_version(int major)
{
	/* README "Which ntpd judges the file" has the evidence: the ESX 4 console is RHEL 5
	 * with its ntp-4.2.2p1 (VMSA-2009-0016, VMSA-2010-0004); ESX 3 is RHEL 3, whose ntp
	 * package went back to 4.1.2 ("4.2.0 is unstable", Red Hat ntp.spec 4.1.2-5); ESX 2
	 * is Red Hat 7.2 (ntp 4.1.0, the same reader); ESXi 6.7 runs ntpd 4.2.8p10. An
	 * unknown release is taken as ESX 3, the release VMware's procedure (KB1339) was
	 * written for. */
	if (major >= 5)
		return NTPV_428;
	if (major == 4)
		return NTPV_422;
	return NTPV_41;
}

bool
esx_at_most(const struct esx_model *e, int major, int minor, int patch)
{
	int have[3], want[3] = { major, minor, patch }, i;

	if (e->version == NULL)
		return false;
	have[0] = e->major;
	have[1] = e->minor < 0 ? 0 : e->minor;
	have[2] = e->patch < 0 ? 0 : e->patch;
	for (i = 0; i < 3; i++)
		if (have[i] != want[i])
			return have[i] < want[i];
	return true;
}

static void
esx_release(struct host *h, struct esx_model *m, struct source *src)
{
	const char *p = src->buf, *end, *nl;

	m->release_present = true;
	m->release = src;
	nl = memchr(p, '\n', src->len);
	end = nl != NULL ? nl : p + src->len;
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	m->release_span.start = (uint32_t)(p - src->buf);
	m->release_span.end = (uint32_t)(end - src->buf);
	m->version = esx_release_version(&h->arena, p, (size_t)(end - p));
	m->release_known = m->version != NULL;
	if (m->version != NULL)
		m->from = ESXV_RELEASE;
}

void
model_esx_build(struct host *h, struct esx_model *m, struct source *release,
    const char *esx_option, int ntp_option)
{
	int v[3] = { -1, -1, -1 };

	memset(m, 0, sizeof(*m));
	if (release != NULL)
		esx_release(h, m, release);
	if (esx_option != NULL && esx_version_parse(esx_option, v)) {
		m->version = arena_strdup(&h->arena, esx_option);
		m->from = ESXV_OPTION;
	} else if (m->version != NULL) {
		esx_version_parse(m->version, v);
	}
	m->major = v[0];
	m->minor = v[1];
	m->patch = v[2];
	m->target_from_option = ntp_option >= 0;
	m->target = ntp_option >= 0 ? (enum ntp_version)ntp_option : esx_ntp_version(m->major);
}

const struct m_file *
files_find(const struct files_model *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, path) == 0)
			return &m->v[i];
	return NULL;
}
