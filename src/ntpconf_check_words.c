/* Words and numbers as each ntpd version reads them, and the findings that drop a
 * statement: 4.1/4.2.0 take any junk as a number (atol, sscanf), the 4.2.6+ scanner
 * lexes integers and doubles and the grammar refuses the wrong kind. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ntpconf_check_int.h"
#include "util.h"

/* a word for a message: printable, escaped, cut at 40 bytes (not inside a character). A
 * quote stays a quote ('nomodify'' reads as the word it is); a backslash is escaped, so
 * that '\r' is a CR; a UTF-8 character stays itself (a name 'café' in JSON as in the
 * file), a byte that is no printable character is \xHH */
const char *
ck_show(struct chk *k, const struct ntp_word *w)
{
	char buf[200];
	size_t i, o = 0, n = w->len > 40 ? 40 : w->len, u;

	for (i = 0; i < n && o < sizeof(buf) - 8; i++) {
		unsigned char ch = (unsigned char)w->text[i];

		if (ch >= 0x80 && (u = utf8_printable((const unsigned char *)w->text + i,
		    w->len - i)) > 0) {
			memcpy(buf + o, w->text + i, u);
			o += u;
			i += u - 1;
		} else if (ch == '\r') {
			buf[o++] = '\\';
			buf[o++] = 'r';
		} else if (ch == '\\' || ch < 0x20 || ch >= 0x7f) {
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "\\x%02x", ch);
		} else {
			buf[o++] = (char)ch;
		}
	}
	if (n < w->len)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "...");
	return arena_strndup(k->d->arena, buf, o);
}

/* reports a finding that makes the target drop the statement */
void
ck_reject(struct chk *k, enum rule_id r, const struct ntp_word *w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void
ck_reject(struct chk *k, enum rule_id r, const struct ntp_word *w, const char *fmt, ...)
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
void
ck_missing(struct chk *k, const char *what)
{
	struct ntp_word *last = &k->w[k->n - 1];

	ck_reject(k, R_NTP001, last, "'%s' needs %s after '%s'", ck_show(k, &k->w[0]), what,
	    ck_show(k, last));
}

/* an unknown or version-gated keyword; returns the entry if the target knows it */
const struct kw *
ck_keyword(struct chk *k, const struct kwtab *t, const struct ntp_word *w)
{
	const struct kw_index *x = t == &kw_restrict_flags ? &k->restrict_idx :
	    t == &kw_server_opts ? &k->server_idx : NULL;
	const struct kw *e = w->kind == TK_SPECIAL ? NULL :
	    x != NULL ? kw_index_lookup(x, w->text, w->len) : kw_lookup(t, w->text, w->len);
	const char *hint;
	char note[96];

	if (e != NULL && (e->versions & k->vbit))
		return e;
	if (e != NULL && t == &kw_statistics && KW_IS(e, "cryptostats") && k->classic) {
		/* registered only #ifdef OPENSSL (ntp_util.c init_util) */
		ck_reject(k, R_NTP004, w, "%s '%s' is not in %s: it needs an ntpd built with OpenSSL, which the one judged here is not",
		    t->what, e->name, ntpver_long(k->v));
		return NULL;
	}
	if (e != NULL) {
		ck_reject(k, R_NTP004, w, "%s '%s' is not in %s: %s", t->what, e->name,
		    ntpver_long(k->v), kw_version_note(e->versions, k->v, note, sizeof(note)));
		return NULL;
	}
	if (w->kind == TK_SPECIAL) {
		ck_reject(k, R_NTP001, w, "unexpected '%c' where a %s was expected", w->text[0],
		    t->what);
		return NULL;
	}
	hint = kw_suggest(t, w->text, w->len, k->vbit);
	if (hint != NULL)
		ck_reject(k, R_NTP001, w, "unknown %s '%s'; did you mean '%s'?", t->what,
		    ck_show(k, w), hint);
	else
		ck_reject(k, R_NTP001, w, "unknown %s '%s'", t->what, ck_show(k, w));
	return NULL;
}

/* numbers as 4.1/4.2.0 read them: atol()/sscanf() never fail, junk reads as 0 */
long long
ck_classic_number(struct chk *k, const struct ntp_word *w)
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
		    "'%s' is not a number; %s reads it as %lld (atoi() and sscanf() check nothing)", ck_show(k, w),
		    ntpver_long(k->v), end == buf ? 0LL : val);
	/* atoi() keeps the low 32 bits */
	return (long long)(int)val;
}

/* 4.1/4.2.0 sscanf("%lf"): fails only when no prefix of the word is a number */
int
ck_classic_double(const struct ntp_word *w)
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
int
ck_modern_integer(const struct ntp_word *w, long long *out)
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
int
ck_modern_double(const struct ntp_word *w)
{
	long long dummy;

	return scanner_double(w) || ck_modern_integer(w, &dummy);
}

/* where the grammar takes only T_Double, an integer is a syntax error ("7" is T_Integer) */
int
ck_modern_strict_double(const struct ntp_word *w)
{
	long long dummy;

	return scanner_double(w) && !ck_modern_integer(w, &dummy);
}

/* checks a value word for a keyword argument; returns 0 if the statement is dropped */
int
ck_value(struct chk *k, const struct kw *e, const struct ntp_word *w, long long *num)
{
	long long dummy;

	if (num == NULL)
		num = &dummy;
	*num = 0;
	if (w->kind == TK_SPECIAL) {
		ck_reject(k, R_NTP001, w, "unexpected '%c': '%s' needs a value", w->text[0],
		    e->name);
		return 0;
	}
	switch (e->arg) {
	case KA_INT:
	case KA_DOUBLE:
		if (k->classic) {
			*num = ck_classic_number(k, w);
			return 1;
		}
		if (e->arg == KA_INT ? ck_modern_integer(w, num) : ck_modern_double(w))
			return 1;
		ck_reject(k, R_NTP001, w, "'%s' needs %s, not '%s'", e->name,
		    e->arg == KA_INT ? "an integer" : "a number", ck_show(k, w));
		return 0;
	default:
		return 1;
	}
}

/* 4.2.6+: a directive that takes nothing more */
int
ck_no_more(struct chk *k, uint32_t i)
{
	if (i >= k->n || k->classic)
		return 1;
	ck_reject(k, R_NTP001, &k->w[i], "unexpected '%s' after '%s'", ck_show(k, &k->w[i]),
	    ck_show(k, &k->w[0]));
	return 0;
}

