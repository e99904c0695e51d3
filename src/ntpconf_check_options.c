/* server, peer, pool, broadcast, manycastclient and restrict: the address and the
 * options or flags after it, as each ntpd version takes them. */
#include <string.h>

#include "addr.h"
#include "ntpconf_check_int.h"

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

int
ck_addr_family_flag(struct chk *k, uint32_t *i)
{
	if (*i < k->n && (ck_weq(&k->w[*i], "-4") || ck_weq(&k->w[*i], "-6"))) {
		if (k->v == NTPV_41) {
			ck_reject(k, R_NTP004, &k->w[*i], "'%s' is not in ntpd 4.1: ntpd 4.2.0, 4.2.8 and NTPsec 1.2 have it",
			    ck_show(k, &k->w[*i]));
			return 0;
		}
		(*i)++;
	}
	return 1;
}

void
chk_assoc(struct chk *k, const struct dirdef *dd)
{
	uint32_t i = 1;
	long long minpoll = 6, maxpoll = 10, val;	/* NTP_MINDPOLL, NTP_MAXDPOLL */
	const struct ntp_word *addr, *minw = NULL;
	unsigned char a4[4];
	uint32_t alen;
	int is4;

	if (!ck_addr_family_flag(k, &i))
		return;
	if (i >= k->n) {
		ck_missing(k, "an address");
		return;
	}
	addr = &k->w[i++];
	if (addr->kind == TK_SPECIAL) {
		ck_reject(k, R_NTP001, addr, "unexpected '%c' where an address was expected",
		    addr->text[0]);
		return;
	}
	/* the address is read once: nearly every one is a plain IPv4 address */
	alen = addr_len(k, addr);
	is4 = addr_parse_ipv4(addr->text, alen, a4);
	if (!is4 && kw_lookup(&kw_server_opts, addr->text, addr->len) != NULL)
		diag_add(k->d, R_NTP005, k->c->src, addr->span,
		    "'%s' is an option, but stands where the address goes: ntpd takes it as a host name",
		    ck_show(k, addr));
	if (k->classic && dd->dir != DIR_BROADCAST) {
		/* a CR glued to the word makes it no address of either family here */
		int mcast = is4 && alen == addr->len ? a4[0] >= 224 && a4[0] <= 239 :
		    !is4 && addr_is_multicast(addr->text, addr->len);

		if (mcast != (dd->dir == DIR_MANYCASTCLIENT)) {
			ck_reject(k, R_NTP002, addr, "%s refuses '%s' for '%s': %s address expected",
			    ntpver_long(k->v), ck_show(k, addr), dd->name,
			    dd->dir == DIR_MANYCASTCLIENT ? "a multicast" : "a unicast");
			return;
		}
	}
	if (!is4 && addr_looks_ipv4(addr->text, alen)) {
		ck_reject(k, R_NTP002, addr, "'%s' is not a valid IPv4 address", ck_show(k, addr));
		return;
	}
	for (; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];
		const struct kw *e = ck_keyword(k, &kw_server_opts, w);

		if (e == NULL)
			return;
		if (e->arg == KA_NONE)
			continue;
		if (i + 1 >= k->n) {
			ck_missing(k, "a value");
			return;
		}
		if (!ck_value(k, e, &k->w[++i], &val))
			return;
		if (KW_IS(e, "minpoll")) {
			minpoll = val < 4 ? 4 : val;
			minw = &k->w[i];
		} else if (KW_IS(e, "maxpoll")) {
			maxpoll = val > 17 ? 17 : val;
		} else if (KW_IS(e, "version") && k->classic && (val < 1 || val > 4)) {
			ck_reject(k, R_NTP002, &k->w[i], "version %lld is out of range 1..4; %s ignores the line",
			    val, ntpver_long(k->v));
			return;
		} else if (KW_IS(e, "ttl") && k->v != NTPV_41 && (val < 0 || val > 7)) {
			/* 4.2.0 added the MAX_TTL check; 4.1.2 takes any atoi() value */
			ck_reject(k, R_NTP002, &k->w[i], "ttl %lld is out of range 0..7", val);
			return;
		} else if (KW_IS(e, "key") && k->v == NTPV_428 &&
		    (val < 0 || val >= 0xffffffffLL)) {
			ck_reject(k, R_NTP002, &k->w[i], "key %lld is out of range", val);
			return;
		} else if (KW_IS(e, "key") && k->v == NTPV_SEC && val >= 65535) {
			/* NTPsec parses the line, then drops the association (edge 15, 16) */
			ck_reject(k, R_NTP024, &k->w[i],
			    "key %lld is above 65534, the largest NTPsec takes: it logs 'key: invalid argument' and drops this %s",
			    val, dd->name);
			return;
		}
	}
	/* 4.2.0 clamps maxpoll to 17 but not minpoll: any minpoll over 17 loses the line,
	 * where 4.2.6+ clamp it and keep the server */
	if (k->classic && minpoll > maxpoll && minpoll > 17)
		ck_reject(k, R_NTP004, minw,
		    "minpoll %lld is above 17, the most %s takes, so it ignores the line (ntpd 4.2.8 keeps the server and clamps minpoll)",
		    minpoll, ntpver_long(k->v));
	else if (k->classic && minpoll > maxpoll)
		ck_reject(k, R_NTP002, minw, "minpoll %lld is above maxpoll %lld; %s ignores the line",
		    minpoll, maxpoll, ntpver_long(k->v));
}

/* ---- restrict ---- */

static int
restrict_addr_ok(struct chk *k, const struct ntp_word *w)
{
	uint32_t n = addr_len(k, w);

	if (w->kind == TK_SPECIAL) {
		ck_reject(k, R_NTP001, w, "unexpected '%c' where an address was expected", w->text[0]);
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
		ck_reject(k, R_NTP002, w, "'%s' is not a valid address", ck_show(k, w));
		return 0;
	}
	if (k->classic && kw_lookup(&kw_restrict_flags, w->text, w->len) == NULL) {
		/* 4.1.2 getnetnum() takes dotted quads only; 4.2.0 getnetnum() calls getaddrinfo()
		 * once, while reading the file, and drops the line when that fails. 4.2.8 and
		 * NTPsec config_access() make the same single blocking lookup. */
		if (k->v == NTPV_41)
			ck_reject(k, R_NTP004, w,
			    "restrict by host name '%s': ntpd 4.1 takes only a numeric address here and drops the line ('invalid host number, line ignored'); write the address",
			    ck_show(k, w));
		else
			ck_reject(k, R_NTP004, w,
			    "restrict by host name '%s': %s resolves it once, while reading ntp.conf, and drops the line if that fails (no DNS at boot); ntpd 4.2.8 and NTPsec do the same: write the address",
			    ck_show(k, w), ntpver_long(k->v));
		return 0;
	}
	if (kw_lookup(&kw_restrict_flags, w->text, w->len) != NULL) {
		ck_reject(k, R_NTP001, w, "'%s' needs an address or 'default' before the flags",
		    ck_show(k, &k->w[0]));
		return 0;
	}
	return 1;
}

void
chk_restrict(struct chk *k, const struct dirdef *dd)
{
	uint32_t i = 1;
	const struct ntp_word *addr;
	int is_default, is_source = 0;

	if (!ck_addr_family_flag(k, &i))
		return;
	if (i >= k->n) {
		if (k->classic)
			ck_reject(k, R_NTP001, &k->w[0], "'%s' needs an address", dd->name);
		else
			ck_missing(k, "an address or 'default'");
		return;
	}
	addr = &k->w[i++];
	is_default = ck_weq(addr, "default");
	if (ck_weq(addr, "source")) {
		if (!(k->vbit & (V428 | VSEC))) {
			ck_reject(k, R_NTP004, addr, "'restrict source' is not in %s: ntpd 4.2.8 and NTPsec 1.2 have it",
			    ntpver_long(k->v));
			return;
		}
		is_source = 1;
	}
	if (!is_default && !is_source && !restrict_addr_ok(k, addr))
		return;
	for (; i < k->n; i++) {
		const struct ntp_word *w = &k->w[i];
		const struct kw *e = ck_keyword(k, &kw_restrict_flags, w);

		if (e == NULL)
			return;
		if (e->arg != KA_ADDR)
			continue;
		/* 4.2.6+ grammar: "ADDR mask M" only, right after a plain address */
		if (!k->classic && (i != 2 || is_default || is_source)) {
			/* 4.2.0 took 'mask' anywhere among the flags */
			ck_reject(k, is_source ? R_NTP001 : R_NTP004, w,
			    "'mask' must follow the address directly in %s (ntpd 4.2.0 took it anywhere)",
			    ntpver_long(k->v));
			return;
		}
		if (i + 1 >= k->n) {
			ck_missing(k, "a mask");
			return;
		}
		w = &k->w[++i];
		if (!addr_is_ipv4(w->text, w->len) && !addr_is_ipv6(w->text, w->len)) {
			ck_reject(k, R_NTP002, w, "'%s' is not a valid mask", ck_show(k, w));
			return;
		}
		if (!k->classic && addr_is_ipv6(w->text, w->len) && k->v != NTPV_41) {
			ck_reject(k, R_NTP001, w, "%s takes only an IPv4 dotted mask here",
			    ntpver_long(k->v));
			return;
		}
	}
}

