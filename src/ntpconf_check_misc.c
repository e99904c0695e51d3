/* The other directives: paths, keyword lists and keyword-value lists, numbers and key
 * ids, and the directives with a shape of their own (trap, fudge, filegen, setvar,
 * logconfig, ...). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "ntpconf_check_int.h"

/* ---- directives with a path ---- */

void
chk_path(struct chk *k, const struct dirdef *dd)
{
	int req = dd->arg == PATH_REQUIRED || (dd->arg == PATH_MODERN_REQUIRED && !k->classic);

	if (k->n < 2) {
		if (req && dd->arg == PATH_MODERN_REQUIRED)
			ck_reject(k, R_NTP004, &k->w[0],
			    "'%s' needs a path in %s (ntpd 4.2.0 ignored a bare '%s')", dd->name,
			    ntpver_long(k->v), dd->name);
		else if (req)
			ck_reject(k, R_NTP001, &k->w[0], "'%s' needs a path", dd->name);
		else if (dd->dir == DIR_DRIFTFILE)
			diag_add(k->d, R_NTP023, k->c->src, k->w[0].span,
			    "'driftfile' without a path turns the drift file off: ntpd forgets the clock's frequency error at every restart and measures it again");
		return;
	}
	if (k->w[1].kind == TK_SPECIAL) {
		ck_reject(k, R_NTP001, &k->w[1], "unexpected '%c' where a path was expected",
		    k->w[1].text[0]);
		return;
	}
	/* driftfile PATH [wander] in 4.2.8 and NTPsec; the grammar wants a T_Double there */
	if (dd->dir == DIR_DRIFTFILE && !k->classic && k->n >= 3 && ck_modern_strict_double(&k->w[2])) {
		ck_no_more(k, 3);
		return;
	}
	ck_no_more(k, 2);
}

/* ---- keyword lists and keyword-value lists ---- */

void
chk_list(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2 && !k->classic) {
		ck_missing(k, dd->tab->what == NULL ? "an argument" : "a name");
		return;
	}
	for (i = 1; i < k->n; i++)
		if (ck_keyword(k, dd->tab, &k->w[i]) == NULL)
			return;
}

void
chk_kv(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2 && !(dd->dir == DIR_CRYPTO)) {
		ck_missing(k, "a variable");
		return;
	}
	for (i = 1; i < k->n; i++) {
		const struct kw *e = ck_keyword(k, dd->tab, &k->w[i]);

		if (e == NULL)
			return;
		if (i + 1 >= k->n) {
			ck_missing(k, "a value");
			return;
		}
		if (!ck_value(k, e, &k->w[++i], NULL))
			return;
		/* 4.2.0 discard: the index moves twice per pair, so a second pair is misread
		 * (4.2.2 reads tokens[i], not tokens[i++]: fixed) */
		if (dd->dir == DIR_DISCARD && k->v == NTPV_420 && i + 1 < k->n) {
			ck_reject(k, R_NTP004, &k->w[i + 1],
			    "%s reads only the first 'discard' pair of a line (ntpd 4.2.2 and 4.2.8 read them all); put one pair per line",
			    ntpver_long(k->v));
			return;
		}
	}
}

/* ---- numbers ---- */

void
chk_number(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, dd->arg ? KA_INT : KA_DOUBLE, strlen(dd->name) };

	if (k->n < 2) {
		ck_missing(k, "a number");
		return;
	}
	if (!ck_value(k, &e, &k->w[1], NULL))
		return;
	if (dd->dir == DIR_BROADCASTDELAY && k->classic && !ck_classic_double(&k->w[1])) {
		ck_reject(k, R_NTP002, &k->w[1], "broadcastdelay value '%s' is not a number",
		    ck_show(k, &k->w[1]));
		return;
	}
	ck_no_more(k, 2);
}

void
chk_keyid(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, KA_INT, strlen(dd->name) };
	long long id;

	if (k->n < 2) {
		ck_missing(k, "a key number");
		return;
	}
	if (!ck_value(k, &e, &k->w[1], &id))
		return;
	if (k->classic && id == 0)
		ck_reject(k, R_NTP002, &k->w[1], "key 0 cannot be used: %s ignores the line",
		    ntpver_long(k->v));
	else
		ck_no_more(k, 2);
}

void
chk_trustedkey(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, KA_INT, strlen(dd->name) };
	uint32_t i;
	long long id;

	if (k->n < 2) {
		ck_missing(k, "a key number");
		return;
	}
	for (i = 1; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];

		if (!k->classic && (ck_wspecial(w, '(') || ck_wspecial(w, ')') || ck_weq(w, "...")))
			continue;	/* 4.2.8 key ranges: ( first ... last ) */
		if (k->classic) {
			char *end;
			char buf[32];
			size_t n = w->len < sizeof(buf) - 1 ? w->len : sizeof(buf) - 1;

			memcpy(buf, w->text, n);
			buf[n] = '\0';
			id = strtol(buf, &end, 10);
			if (w->text[0] == '(' || ck_weq(w, "...")) {
				ck_reject(k, R_NTP004, w,
				    "key ranges '(first ... last)' are not in %s: ntpd 4.2.8 and NTPsec 1.2 take them",
				    ntpver_long(k->v));
				return;
			}
			if (id == 0) {
				ck_reject(k, R_NTP002, w, "trusted key '%s' is not a key number; %s ignores it",
				    ck_show(k, w), ntpver_long(k->v));
				return;
			}
			continue;
		}
		if (!ck_value(k, &e, w, &id))
			return;
	}
}

/* ---- the rest ---- */

void
chk_any(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (dd->arg && k->n < 2) {
		ck_missing(k, "an argument");
		return;
	}
	for (i = 1; i < k->n; i++)
		if (k->w[i].kind == TK_SPECIAL) {
			ck_reject(k, R_NTP001, &k->w[i], "unexpected '%c'", k->w[i].text[0]);
			return;
		}
}

/* 'broadcastclient novolley' was only ever in the documentation (html/confopt.html, from
 * 2003): 4.1.2 and 4.2.0 ignore any word after broadcastclient, and the 4.2.8 grammar
 * has T_Broadcastclient alone (ntp_parser.y other_mode_command), with no 'novolley'
 * keyword (keyword-gen.c), so a word after it is a syntax error there */
void
chk_noargs(struct chk *k, const struct dirdef *dd)
{
	ck_no_more(k, 1);
}

/* NTPsec's reference clock drivers by name: the NAME of each ntpd/refclock_*.c at
 * NTPsec_1_2_2 (969e46920), looked up case-insensitively by ntp_parser.y
 * addr_from_typeunit(); a name no driver built in has logs "Unknown driver name" and
 * ntpd exits(1). A build may leave drivers out (waf --refclock=); Debian bookworm's
 * ntpsec 1.2.2+dfsg1-1+deb12u1 exits on gpsd, modem, oncore and truetime (tried with
 * ../shared/tools/ntpsec-oracle.sh; the other eleven start). */
static const struct {
	const char *name;
	bool optional;		/* left out of Debian's build */
} refclock_drivers[] = {
	{ "arbiter", false }, { "generic", false }, { "gpsd", true }, { "hpgps", false },
	{ "jjy", false }, { "local", false }, { "modem", true }, { "nmea", false },
	{ "oncore", true }, { "pps", false }, { "shm", false }, { "spectracom", false },
	{ "trimble", false }, { "truetime", true }, { "zyfer", false },
};
#define NREFCLOCKS (sizeof(refclock_drivers) / sizeof(refclock_drivers[0]))

void
chk_refclock(struct chk *k, const struct dirdef *dd)
{
	const struct ntp_word *w;
	struct kw tab[NREFCLOCKS];
	struct kwtab t = { tab, NREFCLOCKS, "refclock driver" };
	const char *hint;
	size_t i;

	chk_any(k, dd);
	if ((k->s->flags & STMT_REJECTED) || k->n < 2)
		return;
	w = &k->w[1];
	for (i = 0; i < NREFCLOCKS; i++)
		if (strlen(refclock_drivers[i].name) == w->len &&
		    strncasecmp(refclock_drivers[i].name, w->text, w->len) == 0)
			break;
	if (i < NREFCLOCKS) {
		if (refclock_drivers[i].optional)
			diag_add(k->d, R_NTP025, k->c->src, w->span,
			    "refclock driver '%s' is left out of some NTPsec builds: Debian's "
			    "ntpsec 1.2.2 has no %s driver, and its ntpd exits at this line "
			    "('Unknown driver name %s')", refclock_drivers[i].name,
			    refclock_drivers[i].name, ck_show(k, w));
		return;
	}
	for (i = 0; i < NREFCLOCKS; i++) {
		tab[i].name = refclock_drivers[i].name;
		tab[i].versions = VSEC;
		tab[i].arg = KA_NONE;
		tab[i].len = strlen(refclock_drivers[i].name);
	}
	hint = kw_suggest(&t, w->text, w->len, VSEC);
	ck_reject(k, R_NTP001, w, "unknown refclock driver '%s': NTPsec logs 'Unknown driver "
	    "name %s' and exits%s%s%s", ck_show(k, w), ck_show(k, w),
	    hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
}

void
chk_addrs(struct chk *k, const struct dirdef *dd)
{
	uint32_t i = 1;

	if (!ck_addr_family_flag(k, &i))
		return;
	/* a bare line: 4.1.2 joins 224.0.1.1 (INADDR_NTP), 4.2.0 passes no address to
	 * proto_config(PROTO_MULTICAST_ADD) and joins nothing; the 4.2.6+ grammar wants an
	 * address list */
	if (i >= k->n && !k->classic) {
		ck_reject(k, R_NTP004, &k->w[k->n - 1],
		    "'%s' needs an address in %s (ntpd 4.1 joined the group 224.0.1.1 without one)",
		    dd->name, ntpver_long(k->v));
		return;
	}
	for (; i < k->n; i++)
		if (!addr_is_ipv4(k->w[i].text, k->w[i].len) &&
		    !addr_is_ipv6(k->w[i].text, k->w[i].len) && !addr_is_hostname(k->w[i].text, k->w[i].len)) {
			ck_reject(k, R_NTP002, &k->w[i], "'%s' is not an address", ck_show(k, &k->w[i]));
			return;
		}
}

void
chk_ttl(struct chk *k, const struct dirdef *dd)
{
	struct kw e = { dd->name, VALL, KA_INT, strlen(dd->name) };
	uint32_t i;
	long long val;

	if (k->n < 2) {
		ck_missing(k, "a value");
		return;
	}
	for (i = 1; i < k->n; i++)
		if (!ck_value(k, &e, &k->w[i], &val))
			return;
}

void
chk_trap(struct chk *k, const struct dirdef *dd)
{
	static const struct kw opts[] = { { "port", VALL, KA_INT, 4 }, { "interface", VALL, KA_ADDR, 9 } };
	static const struct kwtab tab = { opts, 2, "trap option" };
	uint32_t i;
	long long port;

	if (k->n < 2) {
		ck_missing(k, "an address");
		return;
	}
	/* 4.1/4.2.0 never look at the last word (their loop stops one short) */
	for (i = 2; i + (k->classic ? 1 : 0) < k->n; i++) {
		const struct kw *e = ck_keyword(k, &tab, &k->w[i]);

		if (e == NULL)
			return;
		if (i + 1 >= k->n) {
			ck_missing(k, "a value");
			return;
		}
		if (!ck_value(k, e, &k->w[++i], &port))
			return;
		if (e->arg == KA_INT && (port < 1 || port > 32767)) {
			ck_reject(k, R_NTP002, &k->w[i], "trap port %lld is out of range 1..32767", port);
			return;
		}
	}
}

void
chk_fudge(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;
	long long val;

	if (k->n < 2) {
		ck_missing(k, "a reference clock address");
		return;
	}
	if (k->classic && !addr_is_refclock(k->w[1].text, k->w[1].len)) {
		ck_reject(k, R_NTP002, &k->w[1], "'%s' is not a reference clock address (127.127.t.u); %s ignores the line",
		    ck_show(k, &k->w[1]), ntpver_long(k->v));
		return;
	}
	for (i = 2; i < k->n; i++) {
		const struct kw *e = ck_keyword(k, &kw_fudge_opts, &k->w[i]);

		if (e == NULL)
			return;
		if (i + 1 >= k->n) {
			ck_missing(k, "a value");
			return;
		}
		if (!ck_value(k, e, &k->w[++i], &val))
			return;
		if (k->classic && strncmp(e->name, "flag", 4) == 0 && val != 0 && val != 1) {
			ck_reject(k, R_NTP002, &k->w[i], "fudge %s must be 0 or 1; %s ignores the line",
			    e->name, ntpver_long(k->v));
			return;
		}
	}
}

void
chk_filegen(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2) {
		ck_missing(k, "a statistics name");
		return;
	}
	if (ck_keyword(k, &kw_statistics, &k->w[1]) == NULL)
		return;
	for (i = 2; i < k->n; i++) {
		const struct kw *e = ck_keyword(k, &kw_filegen_opts, &k->w[i]);

		if (e == NULL)
			return;
		if (e->arg == KA_NONE)
			continue;
		if (i + 1 >= k->n) {
			ck_missing(k, "a value");
			return;
		}
		i++;
		if (KW_IS(e, "type") && ck_keyword(k, &kw_filegen_types, &k->w[i]) == NULL)
			return;
	}
}

void
chk_setvar(struct chk *k, const struct dirdef *dd)
{
	if (k->n < 2) {
		ck_missing(k, "a variable");
		return;
	}
	if (k->classic)
		return;	/* stored verbatim */
	/* 4.2.6+: NAME = VALUE [default]; the word after setvar swallows a glued '=' */
	if (k->n < 4 || !ck_wspecial(&k->w[2], '=') || k->w[1].span.end == k->w[2].span.start ||
	    k->w[1].kind == TK_SPECIAL) {
		/* 4.2.0 stored the word verbatim, so 'setvar a=b' was its form */
		ck_reject(k, R_NTP004, k->n > 2 ? &k->w[2] : &k->w[1],
		    "%s reads setvar as 'NAME = VALUE [default]', with blanks around '=' (ntpd 4.2.0 took 'NAME=VALUE')",
		    ntpver_long(k->v));
		return;
	}
	if (k->w[3].kind == TK_SPECIAL) {
		ck_reject(k, R_NTP001, &k->w[3], "unexpected '%c'", k->w[3].text[0]);
		return;
	}
	if (k->n == 5 && ck_weq(&k->w[4], "default"))
		return;
	ck_no_more(k, 4);
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

void
chk_logconfig(struct chk *k, const struct dirdef *dd)
{
	uint32_t i;

	if (k->n < 2 && !k->classic) {
		ck_missing(k, "a log class");
		return;
	}
	for (i = 1; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];

		if (w->kind == TK_SPECIAL && !ck_wspecial(w, '=')) {
			ck_reject(k, R_NTP001, w, "unexpected '%c'", w->text[0]);
			return;
		}
		/* 4.2.6+ log the unknown item and go on */
		if (k->classic && !logconfig_word_ok(w->text, w->len)) {
			ck_reject(k, R_NTP002, w, "unknown logconfig item '%s'; %s ignores it",
			    ck_show(k, w), ntpver_long(k->v));
			return;
		}
	}
}

void
chk_authenticate(struct chk *k, const struct dirdef *dd)
{
	if (k->n < 2 || !(ck_weq(&k->w[1], "yes") || ck_weq(&k->w[1], "no")))
		ck_missing(k, "'yes' or 'no'");
}

void
chk_end(struct chk *k, const struct dirdef *dd)
{
	k->after_end = 1;
	ck_no_more(k, 1);
}

