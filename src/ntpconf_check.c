/* Statement checks per ntpd version. ntpd 4.1/4.2.0 drop a bad line with a log message
 * and go on; 4.2.6+ report a syntax error and skip to the end of the line. Either way the
 * statement is lost, so each check stops at the first thing the target refuses. */
#include "ntpconf_check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "ntpconf_vocab.h"
#include "util.h"

/* 4.1/4.2.0 gettokens(): tokens[MAXTOKENS]; more overruns the array */
#define CLASSIC_MAXTOKENS 20
/* 4.2.6+ scanner: MAX_LEXEME; a longer word makes ntpd exit */
#define MAX_LEXEME 1024

struct chk {
	struct ntpconf *c;
	struct diags *d;
	enum ntp_version v;
	unsigned vbit;
	int classic;
	struct ntp_stmt *s;
	struct ntp_word *w;	/* w[0] is the directive */
	uint32_t n;
	int after_end;		/* an 'end' statement was seen (4.2.6+) */
	/* the directives by first byte, so a statement is named without a scan of all */
	uint8_t dir_head[256];
	uint8_t dir_next[DIR_COUNT];
};

struct dirdef {
	const char *name;
	enum ntp_dir dir;
	unsigned versions;
	void (*check)(struct chk *, const struct dirdef *);
	const struct kwtab *tab;
	int arg;		/* handler-specific */
};

static const char *const dir_names[DIR_COUNT] = {
	[DIR_NONE] = "", [DIR_UNKNOWN] = "?",
#define X(id, name) [DIR_##id] = name,
	NTP_DIRECTIVES(X)
#undef X
};

const char *
ntp_dir_name(enum ntp_dir d)
{
	return dir_names[d];
}

/* a word for a message: printable, escaped, cut at 40 bytes */
static const char *
show(struct chk *k, const struct ntp_word *w)
{
	char buf[200];
	size_t i, o = 0, n = w->len > 40 ? 40 : w->len;

	for (i = 0; i < n && o < sizeof(buf) - 8; i++) {
		unsigned char ch = (unsigned char)w->text[i];

		if (ch == '\r') {
			buf[o++] = '\\';
			buf[o++] = 'r';
		} else if (ch == '\'' || ch == '\\' || ch < 0x20 || ch >= 0x7f) {
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\\x%02x", ch);
		} else {
			buf[o++] = (char)ch;
		}
	}
	if (n < w->len)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "...");
	return arena_strndup(k->d->arena, buf, o);
}

static int
weq(const struct ntp_word *w, const char *s)
{
	return w->kind != TK_SPECIAL && strlen(s) == w->len && memcmp(w->text, s, w->len) == 0;
}

static int
wspecial(const struct ntp_word *w, char ch)
{
	return w->kind == TK_SPECIAL && w->text[0] == ch;
}

/* reports a finding that makes the target drop the statement */
static void
reject(struct chk *k, enum rule_id r, const struct ntp_word *w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
reject(struct chk *k, enum rule_id r, const struct ntp_word *w, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	struct span sp;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sp = w ? w->span : ntpconf_stmt_span(k->c, k->s);
	diag_add(k->d, r, k->c->src, sp, "%s", msg);
	k->s->flags |= STMT_REJECTED;
}

/* the statement ended where an argument was needed */
static void
missing(struct chk *k, const char *what)
{
	struct ntp_word *last = &k->w[k->n - 1];

	reject(k, R_NTP001, last, "'%s' needs %s after '%s'", show(k, &k->w[0]), what,
	    show(k, last));
}

/* an unknown or version-gated keyword; returns the entry if the target knows it */
static const struct kw *
keyword(struct chk *k, const struct kwtab *t, const struct ntp_word *w)
{
	const struct kw *e = w->kind == TK_SPECIAL ? NULL : kw_lookup(t, w->text, w->len);
	const char *hint;
	char note[96];

	if (e != NULL && (e->versions & k->vbit))
		return e;
	if (e != NULL) {
		reject(k, R_NTP004, w, "%s '%s' is not in %s: %s", t->what, e->name,
		    ntpver_long(k->v), kw_version_note(e->versions, k->v, note, sizeof(note)));
		return NULL;
	}
	if (w->kind == TK_SPECIAL) {
		reject(k, R_NTP001, w, "unexpected '%c' where a %s was expected", w->text[0],
		    t->what);
		return NULL;
	}
	hint = kw_suggest(t, w->text, w->len, k->vbit);
	if (hint != NULL)
		reject(k, R_NTP001, w, "unknown %s '%s'; did you mean '%s'?", t->what,
		    show(k, w), hint);
	else
		reject(k, R_NTP001, w, "unknown %s '%s'", t->what, show(k, w));
	return NULL;
}

/* numbers as 4.1/4.2.0 read them: atol()/sscanf() never fail, junk reads as 0 */
static long long
classic_number(struct chk *k, const struct ntp_word *w)
{
	char buf[64];
	size_t n = w->len < sizeof(buf) - 1 ? w->len : sizeof(buf) - 1;
	char *end;
	long long val;

	memcpy(buf, w->text, n);
	buf[n] = '\0';
	errno = 0;
	val = strtoll(buf, &end, 10);
	if (end == buf || (*end != '\0' && *end != '.' && *end != 'e' && *end != 'E' &&
	    *end != '\r'))
		diag_add(k->d, R_NTP008, k->c->src, w->span,
		    "'%s' is not a number; %s reads it as %lld without a word", show(k, w),
		    ntpver_long(k->v), end == buf ? 0LL : val);
	/* atoi() keeps the low 32 bits */
	return (long long)(int)val;
}

/* 4.1/4.2.0 sscanf("%lf"): fails only when no prefix of the word is a number */
static int
classic_double(const struct ntp_word *w)
{
	char buf[64];
	size_t n = w->len < sizeof(buf) - 1 ? w->len : sizeof(buf) - 1;
	char *end;

	memcpy(buf, w->text, n);
	buf[n] = '\0';
	strtod(buf, &end);
	return end != buf;
}

/* integers as the 4.2.6+ scanner lexes them (decimal, or 0x hex for unsigned) */
static int
modern_integer(const struct ntp_word *w, long long *out)
{
	char buf[64];
	char *end;

	if (w->kind != TK_WORD || w->len == 0 || w->len >= sizeof(buf))
		return 0;
	memcpy(buf, w->text, w->len);
	buf[w->len] = '\0';
	errno = 0;
	if (w->len > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X'))
		*out = (long long)strtoull(buf + 2, &end, 16);
	else
		*out = strtoll(buf, &end, 10);
	return *end == '\0' && end != buf && errno == 0 && isxdigit((unsigned char)buf[w->len - 1]);
}

/* a T_Double as the 4.2.6+ scanner (is_double) sees it: [sign] digits [. digits]
 * [e [sign] digits]; strtod() would also take "inf", "nan" and hex floats */
static int
scanner_double(const struct ntp_word *w)
{
	const char *s = w->text, *e = w->text + w->len;
	size_t digits = 0;

	if (w->kind != TK_WORD || w->len == 0)
		return 0;
	if (*s == '+' || *s == '-')
		s++;
	for (; s < e && isdigit((unsigned char)*s); s++)
		digits++;
	if (s < e && *s == '.')
		for (s++; s < e && isdigit((unsigned char)*s); s++)
			digits++;
	if (digits == 0)
		return 0;
	if (s == e)
		return 1;
	if (*s != 'e' && *s != 'E')
		return 0;
	if (++s < e && (*s == '+' || *s == '-'))
		s++;
	if (s == e)
		return 0;
	for (; s < e && isdigit((unsigned char)*s); s++)
		;
	return s == e;
}

/* where the grammar takes a number, an integer does as well as a double */
static int
modern_double(const struct ntp_word *w)
{
	long long dummy;

	return scanner_double(w) || modern_integer(w, &dummy);
}

/* where the grammar takes only T_Double, an integer is a syntax error ("7" is T_Integer) */
static int
modern_strict_double(const struct ntp_word *w)
{
	long long dummy;

	return scanner_double(w) && !modern_integer(w, &dummy);
}

/* checks a value word for a keyword argument; returns 0 if the statement is dropped */
static int
value(struct chk *k, const struct kw *e, const struct ntp_word *w, long long *num)
{
	long long dummy;

	if (num == NULL)
		num = &dummy;
	*num = 0;
	if (w->kind == TK_SPECIAL) {
		reject(k, R_NTP001, w, "unexpected '%c': '%s' needs a value", w->text[0],
		    e->name);
		return 0;
	}
	switch (e->arg) {
	case KA_INT:
	case KA_DOUBLE:
		if (k->classic) {
			*num = classic_number(k, w);
			return 1;
		}
		if (e->arg == KA_INT ? modern_integer(w, num) : modern_double(w))
			return 1;
		reject(k, R_NTP001, w, "'%s' needs %s, not '%s'", e->name,
		    e->arg == KA_INT ? "an integer" : "a number", show(k, w));
		return 0;
	default:
		return 1;
	}
}

/* 4.2.6+: a directive that takes nothing more */
static int
no_more(struct chk *k, uint32_t i)
{
	if (i >= k->n || k->classic)
		return 1;
	reject(k, R_NTP001, &k->w[i], "unexpected '%s' after '%s'", show(k, &k->w[i]),
	    show(k, &k->w[0]));
	return 0;
}

/* ---- associations: server, peer, pool, broadcast, manycastclient ---- */

/* the length of an address word as the resolver reads it: inet_aton() allows trailing
 * blanks, so the CR that 4.2.0 glues to a last word does no harm to a numeric address */
static uint32_t
addr_len(struct chk *k, const struct ntp_word *w)
{
	uint32_t n = w->len;

	while (k->classic && n > 0 && w->text[n - 1] == '\r')
		n--;
	return n;
}

static int
addr_family_flag(struct chk *k, uint32_t *i)
{
	if (*i < k->n && (weq(&k->w[*i], "-4") || weq(&k->w[*i], "-6"))) {
		if (k->v == NTPV_41) {
			reject(k, R_NTP004, &k->w[*i], "'%s' is not in ntpd 4.1: it needs ntpd 4.2.0 or later",
			    show(k, &k->w[*i]));
			return 0;
		}
		(*i)++;
	}
	return 1;
}

static void
chk_assoc(struct chk *k, const struct dirdef *dd)
{
	uint32_t i = 1;
	long long minpoll = 6, maxpoll = 10, val;	/* NTP_MINDPOLL, NTP_MAXDPOLL */
	const struct ntp_word *addr, *minw = NULL;

	if (!addr_family_flag(k, &i))
		return;
	if (i >= k->n) {
		missing(k, "an address");
		return;
	}
	addr = &k->w[i++];
	if (addr->kind == TK_SPECIAL) {
		reject(k, R_NTP001, addr, "unexpected '%c' where an address was expected",
		    addr->text[0]);
		return;
	}
	if (kw_lookup(&kw_server_opts, addr->text, addr->len) != NULL)
		diag_add(k->d, R_NTP005, k->c->src, addr->span,
		    "'%s' is an option, but stands where the address goes: ntpd takes it as a host name",
		    show(k, addr));
	if (k->classic && addr_is_multicast(addr->text, addr->len) !=
	    (dd->dir == DIR_MANYCASTCLIENT || dd->dir == DIR_BROADCAST) &&
	    (dd->dir != DIR_BROADCAST)) {
		reject(k, R_NTP002, addr, "%s refuses '%s' for '%s': %s address expected",
		    ntpver_long(k->v), show(k, addr), dd->name,
		    dd->dir == DIR_MANYCASTCLIENT ? "a multicast" : "a unicast");
		return;
	}
	if (addr_looks_ipv4(addr->text, addr_len(k, addr)) &&
	    !addr_is_ipv4(addr->text, addr_len(k, addr))) {
		reject(k, R_NTP002, addr, "'%s' is not a valid IPv4 address", show(k, addr));
		return;
	}
	for (; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];
		const struct kw *e = keyword(k, &kw_server_opts, w);

		if (e == NULL)
			return;
		if (e->arg == KA_NONE)
			continue;
		if (i + 1 >= k->n) {
			missing(k, "a value");
			return;
		}
		if (!value(k, e, &k->w[++i], &val))
			return;
		if (strcmp(e->name, "minpoll") == 0) {
			minpoll = val < 4 ? 4 : val;
			minw = &k->w[i];
		} else if (strcmp(e->name, "maxpoll") == 0) {
			maxpoll = val > 17 ? 17 : val;
		} else if (strcmp(e->name, "version") == 0 && k->classic && (val < 1 || val > 4)) {
			reject(k, R_NTP002, &k->w[i], "version %lld is out of range 1..4; %s ignores the line",
			    val, ntpver_long(k->v));
			return;
		} else if (strcmp(e->name, "ttl") == 0 && (val < 0 || val > 7)) {
			reject(k, R_NTP002, &k->w[i], "ttl %lld is out of range 0..7", val);
			return;
		} else if (strcmp(e->name, "key") == 0 && k->v == NTPV_428 &&
		    (val < 0 || val >= 0xffffffffLL)) {
			reject(k, R_NTP002, &k->w[i], "key %lld is out of range", val);
			return;
		}
	}
	/* 4.2.0 clamps maxpoll to 17 but not minpoll: any minpoll over 17 loses the line,
	 * where 4.2.6+ clamp it and keep the server */
	if (k->classic && minpoll > maxpoll && minpoll > 17)
		reject(k, R_NTP004, minw,
		    "minpoll %lld is above 17, the most %s takes, so it ignores the line (ntpd 4.2.6 clamps it to 17)",
		    minpoll, ntpver_long(k->v));
	else if (k->classic && minpoll > maxpoll)
		reject(k, R_NTP002, minw, "minpoll %lld is above maxpoll %lld; %s ignores the line",
		    minpoll, maxpoll, ntpver_long(k->v));
}

/* ---- restrict ---- */

static int
restrict_addr_ok(struct chk *k, const struct ntp_word *w)
{
	uint32_t n = addr_len(k, w);

	if (w->kind == TK_SPECIAL) {
		reject(k, R_NTP001, w, "unexpected '%c' where an address was expected", w->text[0]);
		return 0;
	}
	if (addr_is_ipv4(w->text, n) || addr_is_ipv6(w->text, n))
		return 1;
	/* 4.2.6+ is_ip_address() drops a '[' and cuts at the first ']': "[::1]" is ::1 */
	if (!k->classic && n > 1 && w->text[0] == '[') {
		const char *close = memchr(w->text, ']', n);

		if (addr_is_ipv6(w->text + 1, close ? (size_t)(close - w->text - 1) : n - 1))
			return 1;
	}
	if (addr_looks_ipv4(w->text, n) || memchr(w->text, ':', n) != NULL) {
		reject(k, R_NTP002, w, "'%s' is not a valid address", show(k, w));
		return 0;
	}
	if (k->classic && kw_lookup(&kw_restrict_flags, w->text, w->len) == NULL) {
		/* gettokens() resolves it once, at start-up, and drops the line on failure */
		reject(k, R_NTP004, w,
		    "restrict by host name '%s': %s resolves it once at start and drops the line if DNS fails; ntpd 4.2.6 or later defers it",
		    show(k, w), ntpver_long(k->v));
		return 0;
	}
	if (kw_lookup(&kw_restrict_flags, w->text, w->len) != NULL) {
		reject(k, R_NTP001, w, "'%s' needs an address or 'default' before the flags",
		    show(k, &k->w[0]));
		return 0;
	}
	return 1;
}

static void
chk_restrict(struct chk *k, const struct dirdef *dd)
{
	uint32_t i = 1;
	const struct ntp_word *addr;
	int is_default, is_source = 0;

	if (!addr_family_flag(k, &i))
		return;
	if (i >= k->n) {
		if (k->classic)
			reject(k, R_NTP001, &k->w[0], "'%s' needs an address", dd->name);
		else
			missing(k, "an address or 'default'");
		return;
	}
	addr = &k->w[i++];
	is_default = weq(addr, "default");
	if (weq(addr, "source")) {
		if (!(k->vbit & (V428 | VSEC))) {
			reject(k, R_NTP004, addr, "'restrict source' is not in %s: it needs ntpd 4.2.8 or later",
			    ntpver_long(k->v));
			return;
		}
		is_source = 1;
	}
	if (!is_default && !is_source && !restrict_addr_ok(k, addr))
		return;
	for (; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];
		const struct kw *e = keyword(k, &kw_restrict_flags, w);

		if (e == NULL)
			return;
		if (e->arg != KA_ADDR)
			continue;
		/* 4.2.6+ grammar: "ADDR mask M" only, right after a plain address */
		if (!k->classic && (i != 2 || is_default || is_source)) {
			/* 4.2.0 took 'mask' anywhere among the flags */
			reject(k, is_source ? R_NTP001 : R_NTP004, w,
			    "'mask' must follow the address directly in %s (ntpd 4.2.0 took it anywhere)",
			    ntpver_long(k->v));
			return;
		}
		if (i + 1 >= k->n) {
			missing(k, "a mask");
			return;
		}
		w = &k->w[++i];
		if (!addr_is_ipv4(w->text, w->len) && !addr_is_ipv6(w->text, w->len)) {
			reject(k, R_NTP002, w, "'%s' is not a valid mask", show(k, w));
			return;
		}
		if (!k->classic && addr_is_ipv6(w->text, w->len) && k->v != NTPV_41) {
			reject(k, R_NTP001, w, "%s takes only an IPv4 dotted mask here",
			    ntpver_long(k->v));
			return;
		}
	}
}

/* ---- directives with a path ---- */

enum { PATH_OPTIONAL = 1, PATH_MODERN_REQUIRED = 2, PATH_REQUIRED = 3 };

static void
chk_path(struct chk *k, const struct dirdef *dd)
{
	int req = dd->arg == PATH_REQUIRED || (dd->arg == PATH_MODERN_REQUIRED && !k->classic);

	if (k->n < 2) {
		if (req && dd->arg == PATH_MODERN_REQUIRED)
			reject(k, R_NTP004, &k->w[0],
			    "'%s' needs a path in %s (ntpd 4.2.0 ignored a bare '%s')", dd->name,
			    ntpver_long(k->v), dd->name);
		else if (req)
			reject(k, R_NTP001, &k->w[0], "'%s' needs a path", dd->name);
		else if (dd->dir == DIR_DRIFTFILE)
			diag_add(k->d, R_NTP023, k->c->src, k->w[0].span,
			    "'driftfile' without a path turns the drift file off: ntpd relearns the clock's frequency error at every start");
		return;
	}
	if (k->w[1].kind == TK_SPECIAL) {
		reject(k, R_NTP001, &k->w[1], "unexpected '%c' where a path was expected",
		    k->w[1].text[0]);
		return;
	}
	/* driftfile PATH [wander] in 4.2.8 and NTPsec; the grammar wants a T_Double there */
	if (dd->dir == DIR_DRIFTFILE && !k->classic && k->n >= 3 && modern_strict_double(&k->w[2])) {
		no_more(k, 3);
		return;
	}
	no_more(k, 2);
}

/* ---- keyword lists and keyword-value lists ---- */

static void
chk_list(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2 && !k->classic) {
		missing(k, dd->tab->what == NULL ? "an argument" : "a name");
		return;
	}
	for (i = 1; i < k->n; i++)
		if (keyword(k, dd->tab, &k->w[i]) == NULL)
			return;
}

static void
chk_kv(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2 && !(dd->dir == DIR_CRYPTO)) {
		missing(k, "a variable");
		return;
	}
	for (i = 1; i < k->n; i++) {
		const struct kw *e = keyword(k, dd->tab, &k->w[i]);

		if (e == NULL)
			return;
		if (i + 1 >= k->n) {
			missing(k, "a value");
			return;
		}
		if (!value(k, e, &k->w[++i], NULL))
			return;
		/* 4.2.0 discard: the index moves twice per pair, so a second pair is misread */
		if (dd->dir == DIR_DISCARD && k->classic && i + 1 < k->n) {
			reject(k, R_NTP004, &k->w[i + 1],
			    "%s reads only the first 'discard' pair of a line (ntpd 4.2.6 reads them all); put one pair per line",
			    ntpver_long(k->v));
			return;
		}
	}
}

/* ---- numbers ---- */

static void
chk_number(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, dd->arg ? KA_INT : KA_DOUBLE };

	if (k->n < 2) {
		missing(k, "a number");
		return;
	}
	if (!value(k, &e, &k->w[1], NULL))
		return;
	if (dd->dir == DIR_BROADCASTDELAY && k->classic && !classic_double(&k->w[1])) {
		reject(k, R_NTP002, &k->w[1], "broadcastdelay value '%s' is not a number",
		    show(k, &k->w[1]));
		return;
	}
	no_more(k, 2);
}

static void
chk_keyid(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, KA_INT };
	long long id;

	if (k->n < 2) {
		missing(k, "a key number");
		return;
	}
	if (!value(k, &e, &k->w[1], &id))
		return;
	if (k->classic && id == 0)
		reject(k, R_NTP002, &k->w[1], "key 0 cannot be used: %s ignores the line",
		    ntpver_long(k->v));
	else
		no_more(k, 2);
}

static void
chk_trustedkey(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, KA_INT };
	uint32_t i;
	long long id;

	if (k->n < 2) {
		missing(k, "a key number");
		return;
	}
	for (i = 1; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];

		if (!k->classic && (wspecial(w, '(') || wspecial(w, ')') || weq(w, "...")))
			continue;	/* 4.2.8 key ranges: ( first ... last ) */
		if (k->classic) {
			char *end;
			char buf[32];
			size_t n = w->len < sizeof(buf) - 1 ? w->len : sizeof(buf) - 1;

			memcpy(buf, w->text, n);
			buf[n] = '\0';
			id = strtol(buf, &end, 10);
			if (w->text[0] == '(' || weq(w, "...")) {
				reject(k, R_NTP004, w,
				    "key ranges '(first ... last)' are not in %s: they need ntpd 4.2.8 or later",
				    ntpver_long(k->v));
				return;
			}
			if (id == 0) {
				reject(k, R_NTP002, w, "trusted key '%s' is not a key number; %s ignores it",
				    show(k, w), ntpver_long(k->v));
				return;
			}
			continue;
		}
		if (!value(k, &e, w, &id))
			return;
	}
}

/* ---- the rest ---- */

static void
chk_any(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (dd->arg && k->n < 2) {
		missing(k, "an argument");
		return;
	}
	for (i = 1; i < k->n; i++)
		if (k->w[i].kind == TK_SPECIAL) {
			reject(k, R_NTP001, &k->w[i], "unexpected '%c'", k->w[i].text[0]);
			return;
		}
}

static void
chk_noargs(struct chk *k, const struct dirdef *dd)
{
	if (k->n > 1 && dd->dir == DIR_BROADCASTCLIENT && k->v == NTPV_428 &&
	    weq(&k->w[1], "novolley")) {
		no_more(k, 2);
		return;
	}
	no_more(k, 1);
}

static void
chk_addrs(struct chk *k, const struct dirdef *dd)
{
	uint32_t i = 1;

	if (!addr_family_flag(k, &i))
		return;
	/* 4.2.0 joins the default group; the 4.2.6+ grammar wants an address list */
	if (i >= k->n && !k->classic) {
		reject(k, R_NTP004, &k->w[k->n - 1],
		    "'%s' needs an address in %s (ntpd 4.2.0 used the default group 224.0.1.1)",
		    dd->name, ntpver_long(k->v));
		return;
	}
	for (; i < k->n; i++)
		if (!addr_is_ipv4(k->w[i].text, k->w[i].len) &&
		    !addr_is_ipv6(k->w[i].text, k->w[i].len) && !addr_is_hostname(k->w[i].text, k->w[i].len)) {
			reject(k, R_NTP002, &k->w[i], "'%s' is not an address", show(k, &k->w[i]));
			return;
		}
}

static void
chk_ttl(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, KA_INT };
	uint32_t i;
	long long val;

	if (k->n < 2) {
		missing(k, "a value");
		return;
	}
	for (i = 1; i < k->n; i++)
		if (!value(k, &e, &k->w[i], &val))
			return;
}

static void
chk_trap(struct chk *k, const struct dirdef *dd)
{
	static const struct kw opts[] = { { "port", VALL, KA_INT }, { "interface", VALL, KA_ADDR } };
	static const struct kwtab tab = { opts, 2, "trap option" };
	uint32_t i;
	long long port;

	if (k->n < 2) {
		missing(k, "an address");
		return;
	}
	/* 4.1/4.2.0 never look at the last word (their loop stops one short) */
	for (i = 2; i + (k->classic ? 1 : 0) < k->n; i++) {
		const struct kw *e = keyword(k, &tab, &k->w[i]);

		if (e == NULL)
			return;
		if (i + 1 >= k->n) {
			missing(k, "a value");
			return;
		}
		if (!value(k, e, &k->w[++i], &port))
			return;
		if (e->arg == KA_INT && (port < 1 || port > 32767)) {
			reject(k, R_NTP002, &k->w[i], "trap port %lld is out of range 1..32767", port);
			return;
		}
	}
}

static void
chk_fudge(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;
	long long val;

	if (k->n < 2) {
		missing(k, "a reference clock address");
		return;
	}
	if (k->classic && !addr_is_refclock(k->w[1].text, k->w[1].len)) {
		reject(k, R_NTP002, &k->w[1], "'%s' is not a reference clock address (127.127.t.u); %s ignores the line",
		    show(k, &k->w[1]), ntpver_long(k->v));
		return;
	}
	for (i = 2; i < k->n; i++) {
		const struct kw *e = keyword(k, &kw_fudge_opts, &k->w[i]);

		if (e == NULL)
			return;
		if (i + 1 >= k->n) {
			missing(k, "a value");
			return;
		}
		if (!value(k, e, &k->w[++i], &val))
			return;
		if (k->classic && strncmp(e->name, "flag", 4) == 0 && val != 0 && val != 1) {
			reject(k, R_NTP002, &k->w[i], "fudge %s must be 0 or 1; %s ignores the line",
			    e->name, ntpver_long(k->v));
			return;
		}
	}
}

static void
chk_filegen(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2) {
		missing(k, "a statistics name");
		return;
	}
	if (keyword(k, &kw_statistics, &k->w[1]) == NULL)
		return;
	for (i = 2; i < k->n; i++) {
		const struct kw *e = keyword(k, &kw_filegen_opts, &k->w[i]);

		if (e == NULL)
			return;
		if (e->arg == KA_NONE)
			continue;
		if (i + 1 >= k->n) {
			missing(k, "a value");
			return;
		}
		i++;
		if (strcmp(e->name, "type") == 0 && keyword(k, &kw_filegen_types, &k->w[i]) == NULL)
			return;
	}
}

static void
chk_setvar(struct chk *k, const struct dirdef *dd)
{
	if (k->n < 2) {
		missing(k, "a variable");
		return;
	}
	if (k->classic)
		return;	/* stored verbatim */
	/* 4.2.6+: NAME = VALUE [default]; the word after setvar swallows a glued '=' */
	if (k->n < 4 || !wspecial(&k->w[2], '=') || k->w[1].span.end == k->w[2].span.start ||
	    k->w[1].kind == TK_SPECIAL) {
		/* 4.2.0 stored the word verbatim, so 'setvar a=b' was its form */
		reject(k, R_NTP004, k->n > 2 ? &k->w[2] : &k->w[1],
		    "%s reads setvar as 'NAME = VALUE [default]', with blanks around '=' (ntpd 4.2.0 took 'NAME=VALUE')",
		    ntpver_long(k->v));
		return;
	}
	if (k->w[3].kind == TK_SPECIAL) {
		reject(k, R_NTP001, &k->w[3], "unexpected '%c'", k->w[3].text[0]);
		return;
	}
	if (k->n == 5 && weq(&k->w[4], "default"))
		return;
	no_more(k, 4);
}

static int
logconfig_word_ok(const char *s, size_t n)
{
	static const char *const cls[] = { "clock", "peer", "sync", "sys", "" };
	static const char *const items[] = { "info", "events", "status", "statistics", "all" };
	size_t i, j, cl;

	if (n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-')) {
		s++;
		n--;
	}
	for (i = 0; i < 5; i++) {
		cl = strlen(cls[i]);
		if (n < cl || memcmp(s, cls[i], cl) != 0)
			continue;
		for (j = 0; j < 5; j++)
			if (n - cl == strlen(items[j]) && memcmp(s + cl, items[j], n - cl) == 0)
				return 1;
	}
	/* "allclock", "allpeer", ... */
	for (i = 0; i < 4; i++)
		if (n == 3 + strlen(cls[i]) && memcmp(s, "all", 3) == 0 &&
		    memcmp(s + 3, cls[i], n - 3) == 0)
			return 1;
	return 0;
}

static void
chk_logconfig(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2 && !k->classic) {
		missing(k, "a log class");
		return;
	}
	for (i = 1; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];

		if (w->kind == TK_SPECIAL && !wspecial(w, '=')) {
			reject(k, R_NTP001, w, "unexpected '%c'", w->text[0]);
			return;
		}
		/* 4.2.6+ log the unknown item and go on */
		if (k->classic && !logconfig_word_ok(w->text, w->len)) {
			reject(k, R_NTP002, w, "unknown logconfig item '%s'; %s ignores it",
			    show(k, w), ntpver_long(k->v));
			return;
		}
	}
}

static void
chk_authenticate(struct chk *k, const struct dirdef *dd)
{
	if (k->n < 2 || !(weq(&k->w[1], "yes") || weq(&k->w[1], "no")))
		missing(k, "'yes' or 'no'");
}

static void
chk_end(struct chk *k, const struct dirdef *dd)
{
	k->after_end = 1;
	no_more(k, 1);
}

#define D(name, dir, vers, fn, tab, arg) { name, DIR_##dir, vers, fn, tab, arg }
static const struct dirdef dirs[] = {
	D("server", SERVER, VALL, chk_assoc, NULL, 0),
	D("peer", PEER, VALL, chk_assoc, NULL, 0),
	D("pool", POOL, V428 | VSEC, chk_assoc, NULL, 0),
	D("broadcast", BROADCAST, VCLASSIC | V428, chk_assoc, NULL, 0),
	D("manycastclient", MANYCASTCLIENT, VCLASSIC | V428, chk_assoc, NULL, 0),
	D("unpeer", UNPEER, V428 | VSEC, chk_any, NULL, 1),
	D("unconfig", UNCONFIG, V428 | VSEC, chk_any, NULL, 1),
	D("refclock", REFCLOCK, VSEC, chk_any, NULL, 1),
	D("restrict", RESTRICT, VALL, chk_restrict, NULL, 0),
	D("unrestrict", UNRESTRICT, VSEC, chk_restrict, NULL, 0),
	D("driftfile", DRIFTFILE, VALL, chk_path, NULL, PATH_OPTIONAL),
	D("pidfile", PIDFILE, VALL, chk_path, NULL, PATH_OPTIONAL),
	D("logfile", LOGFILE, VALL, chk_path, NULL, PATH_REQUIRED),
	D("includefile", INCLUDEFILE, VALL, chk_path, NULL, PATH_REQUIRED),
	D("keys", KEYS, VALL, chk_path, NULL, PATH_MODERN_REQUIRED),
	D("keysdir", KEYSDIR, VCLASSIC | V428, chk_path, NULL, PATH_REQUIRED),
	D("statsdir", STATSDIR, VALL, chk_path, NULL, PATH_MODERN_REQUIRED),
	D("leapfile", LEAPFILE, V428 | VSEC, chk_path, NULL, PATH_REQUIRED),
	D("saveconfigdir", SAVECONFIGDIR, V428, chk_path, NULL, PATH_REQUIRED),
	D("ntpsigndsocket", NTPSIGNDSOCKET, V428 | VSEC, chk_path, NULL, PATH_REQUIRED),
	D("logconfig", LOGCONFIG, VALL, chk_logconfig, NULL, 0),
	D("trustedkey", TRUSTEDKEY, VALL, chk_trustedkey, NULL, 0),
	D("requestkey", REQUESTKEY, VALL, chk_keyid, NULL, 0),
	D("controlkey", CONTROLKEY, VALL, chk_keyid, NULL, 0),
	D("crypto", CRYPTO, V428, chk_kv, &kw_crypto, 0),
	D("revoke", REVOKE, VCLASSIC | V428, chk_number, NULL, 1),
	D("automax", AUTOMAX, VCLASSIC | V428, chk_number, NULL, 1),
	D("statistics", STATISTICS, VALL, chk_list, &kw_statistics, 0),
	D("filegen", FILEGEN, VALL, chk_filegen, NULL, 0),
	D("enable", ENABLE, VALL, chk_list, &kw_enable, 0),
	D("disable", DISABLE, VALL, chk_list, &kw_enable, 0),
	D("tinker", TINKER, VALL, chk_kv, &kw_tinker, 0),
	D("tos", TOS, V420 | V428 | VSEC, chk_kv, &kw_tos, 0),
	D("ttl", TTL, V420 | V428, chk_ttl, NULL, 0),
	D("trap", TRAP, VCLASSIC | V428, chk_trap, NULL, 0),
	D("fudge", FUDGE, VALL, chk_fudge, NULL, 0),
	D("setvar", SETVAR, VALL, chk_setvar, NULL, 0),
	D("phone", PHONE, VALL, chk_any, NULL, 0),
	D("broadcastdelay", BROADCASTDELAY, VCLASSIC | V428, chk_number, NULL, 0),
	D("calldelay", CALLDELAY, V420, chk_number, NULL, 1),
	D("tick", TICK, V420 | V428 | VSEC, chk_number, NULL, 0),
	D("authenticate", AUTHENTICATE, V41, chk_authenticate, NULL, 0),
	D("clientlimit", CLIENTLIMIT, V41, chk_number, NULL, 1),
	D("clientperiod", CLIENTPERIOD, V41, chk_number, NULL, 1),
	D("pps", PPS, V41, chk_any, NULL, 1),
	D("broadcastclient", BROADCASTCLIENT, VCLASSIC | V428, chk_noargs, NULL, 0),
	D("multicastclient", MULTICASTCLIENT, VCLASSIC | V428, chk_addrs, NULL, 0),
	D("manycastserver", MANYCASTSERVER, VCLASSIC | V428, chk_addrs, NULL, 0),
	D("discard", DISCARD, V420 | V428, chk_kv, &kw_discard, 0),
	D("interface", INTERFACE, V428 | VSEC, chk_any, NULL, 1),
	D("nic", NIC, V428 | VSEC, chk_any, NULL, 1),
	D("rlimit", RLIMIT, V428 | VSEC, chk_kv, &kw_rlimit, 0),
	D("mru", MRU, V428 | VSEC, chk_kv, &kw_mru, 0),
	D("reset", RESET, V428 | VSEC, chk_any, NULL, 1),
	D("end", END, V428 | VSEC, chk_end, NULL, 0),
	D("nonvolatile", NONVOLATILE, V428 | VSEC, chk_number, NULL, 0),
	D("nts", NTS, VSEC, chk_any, NULL, 1),
	D("mdnstries", MDNSTRIES, VSEC, chk_number, NULL, 1),
	D("dscp", DSCP, VSEC, chk_number, NULL, 1),
	D("leapsmearinterval", LEAPSMEARINTERVAL, VSEC, chk_number, NULL, 1),
};
#define NDIRS (sizeof(dirs) / sizeof(dirs[0]))

#define DIR_END 0xff
_Static_assert(NDIRS < DIR_END && NDIRS <= DIR_COUNT, "dir_next holds a dirs[] index");

static void
index_dirs(struct chk *k)
{
	size_t i = NDIRS;

	memset(k->dir_head, DIR_END, sizeof(k->dir_head));
	while (i-- > 0) {
		unsigned char ch = (unsigned char)dirs[i].name[0];

		k->dir_next[i] = k->dir_head[ch];
		k->dir_head[ch] = (uint8_t)i;
	}
}

static const struct dirdef *
find_dir(const struct chk *k, const struct ntp_word *w)
{
	unsigned i;

	if (w->len == 0)
		return NULL;
	for (i = k->dir_head[(unsigned char)w->text[0]]; i != DIR_END; i = k->dir_next[i])
		if (weq(w, dirs[i].name))
			return &dirs[i];
	return NULL;
}

static const char *
suggest_dir(struct chk *k, const struct ntp_word *w)
{
	struct kw tab[NDIRS];
	struct kwtab t = { tab, NDIRS, "directive" };
	size_t i;

	for (i = 0; i < NDIRS; i++) {
		tab[i].name = dirs[i].name;
		tab[i].versions = dirs[i].versions;
		tab[i].arg = KA_NONE;
	}
	return kw_suggest(&t, w->text, w->len, k->vbit);
}

/* lexical facts of one statement that the classic reader misreads silently */
static void
lexical(struct chk *k)
{
	struct ntpconf *c = k->c;
	struct ntp_stmt *s = k->s;
	uint32_t i;

	for (i = s->tok0; i < s->tokn; i++) {
		struct span sp;
		const char *p;
		uint32_t len;

		/* most tokens are short words and blanks: leave them at once */
		if (c->tokkind[i] == TK_BLANK || c->tokkind[i] == TK_EOL ||
		    (c->tokkind[i] == TK_WORD && (k->classic ||
		    c->tokstart[i + 1] - c->tokstart[i] <= MAX_LEXEME)))
			continue;
		sp = ntpconf_tok_span(c, i);
		p = c->src->buf + sp.start;
		len = sp.end - sp.start;
		if (c->tokkind[i] == TK_NULTAIL) {
			sp.end = sp.start + 1;
			diag_add(k->d, R_NTP006, c->src, sp,
			    "NUL byte: %s ignores the rest of this line", ntpver_long(k->v));
		} else if (c->tokkind[i] == TK_VEOL) {
			diag_add(k->d, R_NTP009, c->src, sp,
			    "line is longer than %d bytes: %s reads the rest as a new line",
			    NTP_CLASSIC_MAXLINE - 1, ntpver_long(k->v));
		} else if (c->tokkind[i] == TK_COMMENT && k->classic && i > s->tok0 &&
		    c->tokkind[i - 1] == TK_WORD) {
			struct span prev = ntpconf_tok_span(c, i - 1);
			uint32_t q = 0, j;

			for (j = prev.start; j < prev.end; j++)
				q += c->src->buf[j] == '"';
			if (q % 2)
				diag_add(k->d, R_NTP007, c->src, sp,
				    "'#' inside quotes: %s ends the line here", ntpver_long(k->v));
		} else if (c->tokkind[i] == TK_WORD && !k->classic && len > MAX_LEXEME) {
			sp.end = sp.start + len;
			(void)p;
			reject(k, R_NTP001, NULL, "word of %u bytes: %s stops reading the file at words over %d bytes",
			    len, ntpver_long(k->v), MAX_LEXEME);
		}
	}
}

static void
check_stmt(struct chk *k)
{
	const struct dirdef *dd;
	struct ntp_word *w0 = &k->w[0];
	char note[96];

	lexical(k);
	if (k->s->flags & STMT_REJECTED)
		return;
	if (k->s->flags & STMT_SYNTAX_ERROR) {
		struct ntp_word ew;
		struct span sp = ntpconf_tok_span(k->c, k->s->errtok);
		enum ntp_tok kind = k->c->tokkind[k->s->errtok];

		memset(&ew, 0, sizeof(ew));
		ew.span = sp;
		ew.kind = kind;
		ew.text = k->c->src->buf + sp.start;
		ew.len = sp.end - sp.start;
		k->s->dir = DIR_UNKNOWN;
		if (kind == TK_EOL || kind == TK_VEOL)
			reject(k, R_NTP001, &ew, "unexpected end of line: a '(' is not closed");
		else if (kind == TK_SPECIAL)
			reject(k, R_NTP001, &ew, "unexpected '%c' (%s reads it as punctuation)",
			    ew.text[0], ntpver_long(k->v));
		else
			reject(k, R_NTP001, &ew, "unexpected '%s': a statement starts with a directive name",
			    show(k, &ew));
		return;
	}
	if (k->after_end) {
		reject(k, R_NTP001, w0, "text after 'end': %s stops reading there and refuses the rest",
		    ntpver_long(k->v));
		return;
	}
	if (k->classic && k->n > CLASSIC_MAXTOKENS) {
		reject(k, R_NTP004, &k->w[CLASSIC_MAXTOKENS],
		    "%u words on one line: %s reads at most %d and crashes on more (ntpd 4.2.6 lifted the limit)",
		    k->n, ntpver_long(k->v), CLASSIC_MAXTOKENS);
		return;
	}
	dd = find_dir(k, w0);
	if (dd == NULL) {
		const char *hint = suggest_dir(k, w0);

		k->s->dir = DIR_UNKNOWN;
		if (hint)
			reject(k, R_NTP001, w0, "unknown directive '%s'; did you mean '%s'?",
			    show(k, w0), hint);
		else
			reject(k, R_NTP001, w0, "unknown directive '%s'", show(k, w0));
		return;
	}
	k->s->dir = (uint8_t)dd->dir;
	if (!(dd->versions & k->vbit)) {
		reject(k, R_NTP004, w0, "'%s' is not in %s: %s", dd->name, ntpver_long(k->v),
		    kw_version_note(dd->versions, k->v, note, sizeof(note)));
		return;
	}
	dd->check(k, dd);
}

/* 4.2.6+ grammars need one statement; an empty file is a syntax error */
static void
check_empty(struct chk *k)
{
	uint32_t i;
	struct span sp = { 0, 0 };

	if (k->classic)
		return;
	for (i = 0; i < k->c->ntok; i++)
		if (k->c->tokkind[i] == TK_EOL || !TK_IS_TRIVIA(k->c->tokkind[i]))
			return;
	diag_add(k->d, R_NTP001, k->c->src, sp,
	    "empty file: %s reports 'syntax error, unexpected $end' for a file without a line",
	    ntpver_long(k->v));
}

static void
check_crlf(struct chk *k)
{
	const char *buf = k->c->src->buf, *p;
	uint32_t len = k->c->src->len;
	struct finding *f = NULL;
	struct span sp;

	if (!k->classic)
		return;
	for (p = buf; (p = memchr(p, '\r', (size_t)(buf + len - p))) != NULL; p++) {
		if (p + 1 >= buf + len || p[1] != '\n')
			continue;
		sp.start = (uint32_t)(p - buf);
		sp.end = sp.start + 1;
		/* one finding per file, at the first CR; its fix deletes every CR of a CR LF */
		if (f == NULL)
			f = diag_add(k->d, R_NTP003, k->c->src, sp,
			    "CR LF line ends: %s keeps the CR in the last word of each line",
			    ntpver_long(k->v));
		diag_edit(k->d, f, k->c->src, sp, "");
	}
}

void
ntpconf_check(struct ntpconf *c, enum ntp_version v, struct diags *d)
{
	struct chk k;
	size_t cap = 0;
	uint32_t i;

	memset(&k, 0, sizeof(k));
	k.c = c;
	k.d = d;
	k.v = v;
	k.vbit = 1u << v;
	k.classic = c->classic;
	index_dirs(&k);
	check_crlf(&k);
	check_empty(&k);
	for (i = 0; i < c->nstmts; i++) {
		struct ntp_stmt *s = &c->stmts[i];

		if (s->nwords == 0 && !(s->flags & STMT_SYNTAX_ERROR)) {
			k.s = s;
			k.n = 0;
			lexical(&k);
			continue;
		}
		k.s = s;
		if (s->nwords > NTP_MAX_WORDS) {
			/* ntpd 4.2.6+ has no limit, but memory for the words would grow with
			 * the input: refuse clearly instead (classic lines never get here) */
			k.n = 0;
			lexical(&k);
			s->dir = DIR_UNKNOWN;
			if (!(s->flags & STMT_REJECTED))
				reject(&k, R_NTP001, NULL,
				    "statement of %u words: esxntp-lint checks at most %d words a statement and skips it",
				    s->nwords, NTP_MAX_WORDS);
			continue;
		}
		grow(&k.w, &cap, s->nwords, sizeof(*k.w));
		k.n = ntpconf_words(c, s, k.w, s->nwords);
		check_stmt(&k);
	}
	free(k.w);
}
