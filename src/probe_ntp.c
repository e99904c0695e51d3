/* probe_ntp: SNTP and mode 6 packets, built and read (see probe_ntp.h). The byte layouts
 * are RFC 5905 figure 8 (the NTP header) and RFC 9327 section 2 (the control header). */
#include "probe_ntp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static struct ntp_ts
get_ts(const uint8_t *p)
{
	struct ntp_ts t = { get32(p), get32(p + 4) };

	return t;
}

struct ntp_ts
ntp_ts_from_unix(int64_t sec, long nsec)
{
	struct ntp_ts t;

	/* era arithmetic: the seconds wrap modulo 2^32 (RFC 5905 section 6) */
	t.sec = (uint32_t)((uint64_t)sec + NTP_UNIX_DELTA);
	t.frac = (uint32_t)(((uint64_t)nsec << 32) / 1000000000u);
	return t;
}

bool
ntp_ts_is_zero(struct ntp_ts t)
{
	return t.sec == 0 && t.frac == 0;
}

int64_t
ntp_ts_diff_ns(struct ntp_ts b, struct ntp_ts a)
{
	uint64_t ub = (uint64_t)b.sec << 32 | b.frac, ua = (uint64_t)a.sec << 32 | a.frac;
	/* two's complement difference of 32.32 values: the short way round the era */
	int64_t d = (int64_t)(ub - ua);
	int64_t s = d / 4294967296LL, f = d % 4294967296LL;

	return s * 1000000000LL + f * 1000000000LL / 4294967296LL;
}

void
sntp_request(uint8_t out[NTP_HDR_LEN], struct ntp_ts xmt)
{
	memset(out, 0, NTP_HDR_LEN);
	/* LI 0, version 4, mode 3 (client); every other field zero but the transmit time,
	 * as RFC 5905 section 14 (SNTP) has a client send */
	out[0] = 0 << 6 | 4 << 3 | 3;
	put32(out + 40, xmt.sec);
	put32(out + 44, xmt.frac);
}

static bool
ts_equal(struct ntp_ts a, struct ntp_ts b)
{
	return a.sec == b.sec && a.frac == b.frac;
}

enum sntp_verdict
sntp_parse(const uint8_t *buf, size_t len, struct ntp_ts sent, struct sntp_reply *r)
{
	int64_t held;

	memset(r, 0, sizeof(*r));
	if (len < NTP_HDR_LEN)
		return SNTP_SHORT;
	r->leap = buf[0] >> 6;
	r->version = (buf[0] >> 3) & 7;
	r->mode = buf[0] & 7;
	r->stratum = buf[1];
	r->poll = (int8_t)buf[2];
	r->precision = (int8_t)buf[3];
	r->root_delay = get32(buf + 4);
	r->root_disp = get32(buf + 8);
	memcpy(r->refid, buf + 12, 4);
	r->ref = get_ts(buf + 16);
	r->org = get_ts(buf + 24);
	r->rec = get_ts(buf + 32);
	r->xmt = get_ts(buf + 40);
	if (r->version < 1 || r->version > 4)
		return SNTP_VERSION;
	if (r->mode != 4)
		return SNTP_MODE;
	/* the origin timestamp is the request's own transmit timestamp: anything else is
	 * a stale, duplicated or forged reply (RFC 5905 section 8, "bogus" test) */
	if (!ts_equal(r->org, sent))
		return SNTP_ORIGIN;
	if (ntp_ts_is_zero(r->xmt))
		return SNTP_NO_XMT;
	held = ntp_ts_diff_ns(r->xmt, r->rec);
	if (held < 0 || held > 60 * 1000000000LL)
		return SNTP_TIMES;
	if (r->stratum == 0)
		return SNTP_KOD;
	if (r->leap == 3 || r->stratum >= 16)
		return SNTP_UNSYNC;
	return SNTP_OK;
}

const char *
sntp_verdict_text(enum sntp_verdict v)
{
	switch (v) {
	case SNTP_OK:
		return "a reply";
	case SNTP_KOD:
		return "a kiss-o'-death";
	case SNTP_UNSYNC:
		return "a reply from an unsynchronised server";
	case SNTP_SHORT:
		return "shorter than 48 bytes";
	case SNTP_VERSION:
		return "not NTP version 1 to 4";
	case SNTP_MODE:
		return "not a server reply (mode 4)";
	case SNTP_ORIGIN:
		return "not an answer to the request sent (origin timestamp)";
	case SNTP_NO_XMT:
		return "no transmit timestamp";
	case SNTP_TIMES:
		return "transmitted before it was received";
	}
	return "?";
}

void
sntp_offset_delay(struct ntp_ts t1, struct ntp_ts t2, struct ntp_ts t3, struct ntp_ts t4,
    int64_t *offset, int64_t *delay)
{
	/* theta = ((T2 - T1) + (T3 - T4)) / 2, delta = (T4 - T1) - (T3 - T2); each
	 * difference is under 2^31 s (2.2e18 ns), so no sum of two overflows */
	int64_t a = ntp_ts_diff_ns(t2, t1), b = ntp_ts_diff_ns(t3, t4);
	int64_t c = ntp_ts_diff_ns(t4, t1), d = ntp_ts_diff_ns(t3, t2);

	*offset = (a + b) / 2;
	*delay = c - d;
}

void
ntp_refid_text(const uint8_t refid[4], unsigned stratum, char out[16])
{
	size_t i;

	if (stratum <= 1 || stratum >= 16) {
		/* a kiss code or a clock name: ASCII, NUL-padded (RFC 5905 section 7.3) */
		for (i = 0; i < 4 && refid[i] != 0; i++)
			out[i] = refid[i] > 0x20 && refid[i] < 0x7f ? (char)refid[i] : '.';
		out[i] = '\0';
		return;
	}
	snprintf(out, 16, "%u.%u.%u.%u", refid[0], refid[1], refid[2], refid[3]);
}

size_t
ctl_request(uint8_t out[CTL_HDR_LEN], uint8_t op, uint16_t seq, uint16_t assoc)
{
	memset(out, 0, CTL_HDR_LEN);
	out[0] = 0 << 6 | CTL_VERSION << 3 | 6;
	out[1] = op & 0x1f;
	put16(out + 2, seq);
	put16(out + 6, assoc);
	/* offset and count 0: no data, which asks READVAR for the default variables */
	return CTL_HDR_LEN;
}

enum ctl_verdict
ctl_parse(const uint8_t *buf, size_t len, uint8_t op, uint16_t seq, uint16_t assoc,
    struct ctl_frag *f, uint8_t *err)
{
	unsigned version, rmeo;

	memset(f, 0, sizeof(*f));
	*err = 0;
	if (len < CTL_HDR_LEN)
		return CTL_SHORT;
	version = (buf[0] >> 3) & 7;
	rmeo = buf[1];
	if (version < 1 || version > 4)
		return CTL_VERSION_BAD;
	if ((buf[0] & 7) != 6)
		return CTL_MODE;
	if (!(rmeo & 0x80))
		return CTL_NOT_RESPONSE;
	if (get16(buf + 2) != seq)
		return CTL_SEQUENCE;
	if ((rmeo & 0x1f) != op)
		return CTL_OPCODE;
	f->status = get16(buf + 4);
	if (rmeo & 0x40) {
		/* the error code is the status word's high byte (RFC 9327 section 2) */
		*err = (uint8_t)(f->status >> 8);
		return CTL_ERROR;
	}
	/* ntpd echoes the association asked for (ntp_control.c, process_control()) */
	if (get16(buf + 6) != assoc)
		return CTL_ASSOC;
	f->offset = get16(buf + 8);
	f->count = get16(buf + 10);
	f->more = (rmeo & 0x20) != 0;
	if (f->count > len - CTL_HDR_LEN || f->count > CTL_MAX_DATA)
		return CTL_COUNT;
	if ((uint32_t)f->offset + f->count > CTL_MAX_RESP)
		return CTL_RANGE;
	if (f->count == 0 && f->more)
		return CTL_EMPTY_MORE;
	f->data = buf + CTL_HDR_LEN;
	return CTL_OK;
}

const char *
ctl_verdict_text(enum ctl_verdict v)
{
	switch (v) {
	case CTL_OK:
		return "a response";
	case CTL_ERROR:
		return "an error response";
	case CTL_SHORT:
		return "shorter than 12 bytes";
	case CTL_VERSION_BAD:
		return "not NTP version 1 to 4";
	case CTL_MODE:
		return "not a control message (mode 6)";
	case CTL_NOT_RESPONSE:
		return "not a response";
	case CTL_SEQUENCE:
		return "another request's sequence number";
	case CTL_OPCODE:
		return "another opcode";
	case CTL_ASSOC:
		return "another association";
	case CTL_COUNT:
		return "a data count past the packet";
	case CTL_RANGE:
		return "data past the largest response";
	case CTL_EMPTY_MORE:
		return "an empty fragment announcing more";
	}
	return "?";
}

const char *
ctl_error_text(uint8_t err)
{
	static const char *const names[] = {
		"unspecified error", "permission denied", "bad request format",
		"unknown opcode", "unknown association", "unknown variable", "bad value",
		"administratively prohibited"
	};

	return err < sizeof(names) / sizeof(names[0]) ? names[err] : "unknown error code";
}

void
ctl_reasm_init(struct ctl_reasm *r)
{
	r->nfrags = 0;
	r->seen_last = false;
	r->end = 0;
	r->status = 0;
}

static bool
reasm_whole(const struct ctl_reasm *r)
{
	uint32_t at = 0;
	size_t i;

	if (!r->seen_last)
		return false;
	for (i = 0; i < r->nfrags; i++) {
		if (r->off[i] != at)
			return false;
		at += r->cnt[i];
	}
	return at == r->end;
}

enum ctl_add
ctl_reasm_add(struct ctl_reasm *r, const struct ctl_frag *f)
{
	uint32_t end = (uint32_t)f->offset + f->count;
	size_t i, k;

	/* ctl_parse bounds offset + count by CTL_MAX_RESP, the size of data[] */
	if (end > CTL_MAX_RESP)
		return CTLR_PAST_END;
	if (!f->more && r->seen_last)
		return CTLR_SECOND_LAST;
	if (r->seen_last && end > r->end)
		return CTLR_PAST_END;
	for (k = 0; k < r->nfrags && r->off[k] < f->offset; k++)
		;
	if (k < r->nfrags && r->off[k] == f->offset)
		return CTLR_DUP;
	if (k > 0 && (uint32_t)r->off[k - 1] + r->cnt[k - 1] > f->offset)
		return CTLR_OVERLAP;
	if (k < r->nfrags && end > r->off[k])
		return CTLR_OVERLAP;
	/* the last fragment must not end before data already kept */
	if (!f->more && r->nfrags > 0 &&
	    (uint32_t)r->off[r->nfrags - 1] + r->cnt[r->nfrags - 1] > end)
		return CTLR_PAST_END;
	if (r->nfrags == CTL_MAX_FRAGS)
		return CTLR_FULL;
	for (i = r->nfrags; i > k; i--) {
		r->off[i] = r->off[i - 1];
		r->cnt[i] = r->cnt[i - 1];
	}
	r->off[k] = f->offset;
	r->cnt[k] = f->count;
	if (r->nfrags == 0)
		r->status = f->status;
	r->nfrags++;
	if (f->count > 0)
		memcpy(r->data + f->offset, f->data, f->count);
	if (!f->more) {
		r->seen_last = true;
		r->end = end;
	}
	return reasm_whole(r) ? CTLR_DONE : CTLR_MORE;
}

int
ctl_readstat(const uint8_t *data, size_t len, struct ctl_assoc *out, size_t max, size_t *n,
    bool *truncated)
{
	size_t i, j;

	*n = 0;
	*truncated = false;
	if (len % 4 != 0)
		return -1;
	for (i = 0; i < len; i += 4) {
		uint16_t id = get16(data + i), st = get16(data + i + 2);
		bool dup = id == 0;

		for (j = 0; j < *n && !dup; j++)
			dup = out[j].assoc == id;
		if (dup)
			continue;
		if (*n == max) {
			*truncated = true;
			break;
		}
		out[*n].assoc = id;
		out[*n].status = st;
		(*n)++;
	}
	return 0;
}

#define CTL_VAR_MAX 256

static bool
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool
ctl_var_next(const char *buf, size_t len, size_t *pos, struct ctl_var *v)
{
	size_t p = *pos, start;

	memset(v, 0, sizeof(*v));
	while (p < len && is_sep(buf[p]))
		p++;
	if (p >= len) {
		*pos = len;
		return false;
	}
	start = p;
	while (p < len && buf[p] != '=' && buf[p] != ',')
		p++;
	v->name = buf + start;
	v->nlen = p - start;
	while (v->nlen > 0 && is_blank(v->name[v->nlen - 1]))
		v->nlen--;
	if (p < len && buf[p] == '=') {
		p++;
		while (p < len && is_blank(buf[p]))
			p++;
		if (p < len && buf[p] == '"') {
			start = ++p;
			while (p < len && buf[p] != '"')
				p++;
			v->val = buf + start;
			v->vlen = p - start;
			if (p < len)
				p++;	/* the closing quote */
			/* whatever follows up to the separator is not part of the value */
			while (p < len && buf[p] != ',')
				p++;
		} else {
			start = p;
			while (p < len && buf[p] != ',')
				p++;
			v->val = buf + start;
			v->vlen = p - start;
			while (v->vlen > 0 && is_blank(v->val[v->vlen - 1]))
				v->vlen--;
		}
	}
	if (v->nlen > CTL_VAR_MAX)
		v->nlen = CTL_VAR_MAX;
	if (v->vlen > CTL_VAR_MAX)
		v->vlen = CTL_VAR_MAX;
	*pos = p;
	return true;
}

static bool
name_is(const struct ctl_var *v, const char *name)
{
	size_t n = strlen(name);

	return v->nlen == n && memcmp(v->name, name, n) == 0;
}

/* a value copied NUL-terminated into buf (cap bytes), or false when it does not fit or
 * holds a NUL: numbers are parsed only from a whole value */
static bool
val_copy(const struct ctl_var *v, char *buf, size_t cap)
{
	if (v->val == NULL || v->vlen == 0 || v->vlen >= cap || memchr(v->val, '\0', v->vlen))
		return false;
	memcpy(buf, v->val, v->vlen);
	buf[v->vlen] = '\0';
	return true;
}

/* text for a table: printable ASCII kept, any other byte as '.' (as NTPsec's
 * ctl_putrefid() does for refids) */
static void
val_text(const struct ctl_var *v, char out[CTL_TEXT_MAX])
{
	size_t i, n = v->val == NULL ? 0 : v->vlen;

	if (n >= CTL_TEXT_MAX)
		n = CTL_TEXT_MAX - 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v->val[i];

		out[i] = c >= 0x20 && c < 0x7f ? (char)c : '.';
	}
	out[n] = '\0';
}

/* a decimal integer, or hexadecimal after "0x", in [lo, hi] */
static bool
val_int(const struct ctl_var *v, long lo, long hi, int *out)
{
	char buf[32], *end;
	long n;
	size_t i = 0;
	int base = 10;

	if (!val_copy(v, buf, sizeof(buf)))
		return false;
	if (buf[0] == '-' || buf[0] == '+')
		i = 1;
	if (buf[i] == '0' && (buf[i + 1] == 'x' || buf[i + 1] == 'X')) {
		base = 16;
		if (i == 1)
			return false;
	}
	/* strtol would take leading blanks and a sign after them; the digits must start here */
	if (base == 10 && (buf[i] < '0' || buf[i] > '9'))
		return false;
	n = strtol(buf, &end, base);
	if (*end != '\0' || end == buf || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

/* a finite decimal number within +-1e9: ntpd writes milliseconds with "%.3f" */
static bool
val_double(const struct ctl_var *v, double *out)
{
	char buf[64], *end;
	double d;
	size_t i;

	if (!val_copy(v, buf, sizeof(buf)))
		return false;
	i = buf[0] == '-' || buf[0] == '+';
	if ((buf[i] < '0' || buf[i] > '9') && buf[i] != '.')
		return false;	/* no "nan", "inf", blanks or hexadecimal floats */
	if (strchr(buf, 'x') != NULL || strchr(buf, 'X') != NULL)
		return false;
	d = strtod(buf, &end);
	if (*end != '\0' || !isfinite(d) || d > 1e9 || d < -1e9)
		return false;
	*out = d;
	return true;
}

/* "0x" and 8 hex digits, '.', 8 hex digits: ntpd's ctl_putts() */
static bool
val_ts(const struct ctl_var *v, struct ntp_ts *out)
{
	char buf[32];
	uint32_t part[2] = { 0, 0 };
	size_t i, k;

	if (!val_copy(v, buf, sizeof(buf)) || v->vlen != 19 || buf[0] != '0' ||
	    (buf[1] != 'x' && buf[1] != 'X') || buf[10] != '.')
		return false;
	for (k = 0; k < 2; k++)
		for (i = 0; i < 8; i++) {
			char c = buf[2 + k * 9 + i];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				return false;
			part[k] = part[k] << 4 | d;
		}
	out->sec = part[0];
	out->frac = part[1];
	return true;
}

void
ctl_peer_vars(const uint8_t *data, size_t len, struct ctl_peer_vars *p)
{
	const char *buf = (const char *)data;
	struct ctl_var v;
	size_t pos = 0;
	int n;

	memset(p, 0, sizeof(*p));
	while (ctl_var_next(buf, len, &pos, &v)) {
		if (name_is(&v, "srcadr") || name_is(&v, "peeradr")) {
			val_text(&v, p->srcadr);
			p->have |= PV_SRCADR;
		} else if (name_is(&v, "srchost")) {
			val_text(&v, p->srchost);
			p->have |= PV_SRCHOST;
		} else if (name_is(&v, "refid")) {
			val_text(&v, p->refid);
			p->have |= PV_REFID;
		} else if (name_is(&v, "srcport") && val_int(&v, 0, 65535, &n)) {
			p->srcport = n;
			p->have |= PV_SRCPORT;
		} else if (name_is(&v, "stratum") && val_int(&v, 0, 255, &n)) {
			p->stratum = n;
			p->have |= PV_STRATUM;
		} else if (name_is(&v, "hmode") && val_int(&v, 0, 7, &n)) {
			p->hmode = n;
			p->have |= PV_HMODE;
		} else if (name_is(&v, "hpoll") && val_int(&v, -128, 127, &n)) {
			p->hpoll = n;
			p->have |= PV_HPOLL;
		} else if (name_is(&v, "ppoll") && val_int(&v, -128, 127, &n)) {
			p->ppoll = n;
			p->have |= PV_PPOLL;
		} else if (name_is(&v, "reach") && val_int(&v, 0, 255, &n)) {
			/* ntpd sends it in hexadecimal, "0xff" (ctl_puthex()) */
			p->reach = n;
			p->have |= PV_REACH;
		} else if (name_is(&v, "offset") && val_double(&v, &p->offset)) {
			p->have |= PV_OFFSET;
		} else if (name_is(&v, "delay") && val_double(&v, &p->delay)) {
			p->have |= PV_DELAY;
		} else if (name_is(&v, "jitter") && val_double(&v, &p->jitter)) {
			p->have |= PV_JITTER;
		} else if (name_is(&v, "rec") && val_ts(&v, &p->rec)) {
			p->have |= PV_REC;
		} else if (name_is(&v, "reftime") && val_ts(&v, &p->reftime)) {
			p->have |= PV_REFTIME;
		}
	}
}

void
ctl_sys_vars(const uint8_t *data, size_t len, struct ctl_sys_vars *s)
{
	const char *buf = (const char *)data;
	struct ctl_var v;
	size_t pos = 0;
	int n;

	memset(s, 0, sizeof(*s));
	while (ctl_var_next(buf, len, &pos, &v)) {
		if (name_is(&v, "leap")) {
			/* classic ntpd writes the number (ctl_putuint()), NTPsec its two bits */
			if (val_int(&v, 0, 3, &n) ||
			    (v.vlen == 2 && (v.val[0] == '0' || v.val[0] == '1') &&
			    (v.val[1] == '0' || v.val[1] == '1') &&
			    (n = (v.val[0] - '0') * 2 + (v.val[1] - '0'), true))) {
				s->leap = n;
				s->have |= SV_LEAP;
			}
		} else if (name_is(&v, "stratum") && val_int(&v, 0, 255, &n)) {
			s->stratum = n;
			s->have |= SV_STRATUM;
		} else if (name_is(&v, "peer") && val_int(&v, 0, 65535, &n)) {
			s->peer = (unsigned)n;
			s->have |= SV_PEER;
		} else if (name_is(&v, "offset") && val_double(&v, &s->offset)) {
			s->have |= SV_OFFSET;
		} else if (name_is(&v, "refid")) {
			val_text(&v, s->refid);
			s->have |= SV_REFID;
		}
	}
}
