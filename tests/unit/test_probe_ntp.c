/* probe_ntp: the packets --probe builds, and what its parsers accept and refuse, on
 * datagrams NTPsec 1.2.2 sent (corpus/fuzz/ctl, corpus/fuzz/sntp) and on hand-made ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "probe_ntp.h"

/* a corpus file whole; *len its size */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = malloc(65536);

	assert_non_null(fp);
	assert_non_null(buf);
	*len = fread(buf, 1, 65536, fp);
	fclose(fp);
	return buf;
}

/* the n-th datagram of a fuzz_ctl input (each after a 2-byte big-endian length) */
static const uint8_t *
dgram(const uint8_t *in, size_t inlen, int n, size_t *len)
{
	size_t at = 0;

	for (;;) {
		size_t l;

		assert_true(at + 2 <= inlen);
		l = (size_t)in[at] << 8 | in[at + 1];
		assert_true(at + 2 + l <= inlen);
		if (n-- == 0) {
			*len = l;
			return in + at + 2;
		}
		at += 2 + l;
	}
}

static void
test_ts(void **state)
{
	struct ntp_ts a = ntp_ts_from_unix(0, 0), b, c;

	(void)state;
	assert_int_equal(a.sec, NTP_UNIX_DELTA);
	assert_int_equal(a.frac, 0);
	b = ntp_ts_from_unix(1, 500000000);
	assert_int_equal(b.frac, 0x80000000u);
	assert_true(ntp_ts_diff_ns(b, a) == 1500000000LL);
	assert_true(ntp_ts_diff_ns(a, b) == -1500000000LL);
	/* across the 2036 era boundary: 7 February 2036 06:28:16 UTC is second 2^32 */
	b = ntp_ts_from_unix(2085978495LL, 0);
	c = ntp_ts_from_unix(2085978497LL, 0);
	assert_int_equal(b.sec, 0xffffffffu);
	assert_int_equal(c.sec, 1);
	assert_true(ntp_ts_diff_ns(c, b) == 2000000000LL);
}

static void
test_sntp_request(void **state)
{
	uint8_t p[NTP_HDR_LEN];
	struct ntp_ts x = { 0x01020304, 0x05060708 };
	size_t i;

	(void)state;
	sntp_request(p, x);
	assert_int_equal(p[0], 0x23);	/* LI 0, version 4, mode 3 */
	for (i = 1; i < 40; i++)
		assert_int_equal(p[i], 0);
	assert_memory_equal(p + 40, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
}

/* a mode 4 reply to nonce x: server receive at rec, transmit at xmt */
static void
reply(uint8_t p[NTP_HDR_LEN], struct ntp_ts x, uint8_t first, uint8_t stratum,
    struct ntp_ts rec, struct ntp_ts xmt)
{
	struct ntp_ts zero = { 0, 0 };

	sntp_request(p, zero);
	p[0] = first;
	p[1] = stratum;
	memcpy(p + 12, "GPS\0", 4);
	p[24] = (uint8_t)(x.sec >> 24); p[25] = (uint8_t)(x.sec >> 16);
	p[26] = (uint8_t)(x.sec >> 8); p[27] = (uint8_t)x.sec;
	p[28] = (uint8_t)(x.frac >> 24); p[29] = (uint8_t)(x.frac >> 16);
	p[30] = (uint8_t)(x.frac >> 8); p[31] = (uint8_t)x.frac;
	p[32] = (uint8_t)(rec.sec >> 24); p[33] = (uint8_t)(rec.sec >> 16);
	p[34] = (uint8_t)(rec.sec >> 8); p[35] = (uint8_t)rec.sec;
	p[40] = (uint8_t)(xmt.sec >> 24); p[41] = (uint8_t)(xmt.sec >> 16);
	p[42] = (uint8_t)(xmt.sec >> 8); p[43] = (uint8_t)xmt.sec;
	p[44] = (uint8_t)(xmt.frac >> 24);
}

static void
test_sntp_parse_ntpsec(void **state)
{
	size_t len;
	uint8_t *in = slurp("corpus/fuzz/sntp/ntpsec_reply", &len);
	struct ntp_ts sent = { 0x01020304, 0x05060708 }, other = { 0x01020304, 0x05060709 };
	struct sntp_reply r;
	char refid[16];

	(void)state;
	assert_int_equal(len, 8 + 48);
	assert_int_equal(sntp_parse(in + 8, len - 8, sent, &r), SNTP_OK);
	assert_int_equal(r.version, 4);
	assert_int_equal(r.mode, 4);
	assert_int_equal(r.stratum, 11);
	assert_int_equal(r.leap, 0);
	ntp_refid_text(r.refid, r.stratum, refid);
	assert_string_equal(refid, "127.127.1.0");
	/* the same bytes are not an answer to another request */
	assert_int_equal(sntp_parse(in + 8, len - 8, other, &r), SNTP_ORIGIN);
	/* cut short */
	assert_int_equal(sntp_parse(in + 8, 47, sent, &r), SNTP_SHORT);
	assert_int_equal(sntp_parse(in + 8, 0, sent, &r), SNTP_SHORT);
	/* extension fields or a MAC after the header are ignored */
	{
		uint8_t big[200];

		memset(big, 0xee, sizeof(big));
		memcpy(big, in + 8, 48);
		assert_int_equal(sntp_parse(big, sizeof(big), sent, &r), SNTP_OK);
	}
	free(in);
}

static void
test_sntp_verdicts(void **state)
{
	struct ntp_ts x = { 0xdeadbeef, 0x12345678 }, t = { 0xeebc70e5, 0 }, t2 = { 0xeebc70e4, 0 };
	struct ntp_ts zero = { 0, 0 };
	struct sntp_reply r;
	uint8_t p[NTP_HDR_LEN];

	(void)state;
	reply(p, x, 0x24, 2, t, t);
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_OK);
	reply(p, x, 0xe4, 2, t, t);			/* LI 3 */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_UNSYNC);
	reply(p, x, 0x24, 16, t, t);			/* stratum 16 */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_UNSYNC);
	reply(p, x, 0x24, 200, t, t);			/* reserved strata */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_UNSYNC);
	reply(p, x, 0xe4, 0, t, t);			/* kiss-o'-death */
	memcpy(p + 12, "RATE", 4);
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_KOD);
	{
		char k[16];

		ntp_refid_text(r.refid, r.stratum, k);
		assert_string_equal(k, "RATE");
	}
	reply(p, x, 0x23, 2, t, t);			/* mode 3: a request, not a reply */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_MODE);
	reply(p, x, 0x25, 2, t, t);			/* mode 5: broadcast */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_MODE);
	reply(p, x, 0x04, 2, t, t);			/* version 0 */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_VERSION);
	reply(p, x, 0x3c, 2, t, t);			/* version 7 */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_VERSION);
	reply(p, x, 0x1c, 2, t, t);			/* version 3 is fine */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_OK);
	reply(p, x, 0x24, 2, t, zero);			/* no transmit timestamp */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_NO_XMT);
	reply(p, x, 0x24, 2, t, t2);			/* sent before received */
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_TIMES);
	/* the checks that say "not a reply to this request" come before the reply's
	 * own state: a kiss-o'-death with a wrong origin is ignored, not believed */
	reply(p, zero, 0xe4, 0, t, t);
	assert_int_equal(sntp_parse(p, sizeof(p), x, &r), SNTP_ORIGIN);
	assert_true(sntp_is_reply(SNTP_OK) && sntp_is_reply(SNTP_KOD) && sntp_is_reply(SNTP_UNSYNC));
	assert_false(sntp_is_reply(SNTP_ORIGIN) || sntp_is_reply(SNTP_SHORT));
}

static void
test_sntp_offset(void **state)
{
	/* the client sends at 100.0, the server receives at 102.1 and answers at 102.2 by
	 * its clock, the reply arrives at 100.4: offset ((2.1) + (1.8)) / 2 = +1.95 s, delay
	 * 0.4 - 0.1 = 0.3 s (each conversion may lose a nanosecond) */
	struct ntp_ts t1 = ntp_ts_from_unix(100, 0), t2 = ntp_ts_from_unix(102, 100000000);
	struct ntp_ts t3 = ntp_ts_from_unix(102, 200000000), t4 = ntp_ts_from_unix(100, 400000000);
	int64_t off, del;

	(void)state;
	sntp_offset_delay(t1, t2, t3, t4, &off, &del);
	assert_true(llabs(off - 1950000000LL) < 3);
	assert_true(llabs(del - 300000000LL) < 3);
	/* a server 68 years off (just under 2^31 s) does not overflow */
	t2.sec += 0x7ffffff0u;
	t3.sec += 0x7ffffff0u;
	sntp_offset_delay(t1, t2, t3, t4, &off, &del);
	assert_true(off > 2000000000LL * 1000000000LL);
}

static void
test_ctl_request(void **state)
{
	uint8_t p[CTL_HDR_LEN];

	(void)state;
	assert_int_equal(ctl_request(p, CTL_OP_READVAR, 0x1238, 0x4567), CTL_HDR_LEN);
	/* what ntpq sends: version 2, mode 6, READVAR, no data */
	assert_memory_equal(p, "\x16\x02\x12\x38\x00\x00\x45\x67\x00\x00\x00\x00", 12);
}

static void
test_ctl_readstat_ntpsec(void **state)
{
	size_t inlen, len, n;
	uint8_t *in = slurp("corpus/fuzz/ctl/ntpsec_readstat", &inlen);
	const uint8_t *p = dgram(in, inlen, 0, &len);
	struct ctl_frag f;
	struct ctl_assoc a[4];
	struct ctl_reasm *rs = malloc(sizeof(*rs));
	uint8_t err;
	bool trunc;

	(void)state;
	assert_int_equal(ctl_parse(p, len, CTL_OP_READSTAT, 0x1235, 0, &f, &err), CTL_OK);
	assert_int_equal(f.status, 0x0514);	/* leap 0, sync source 5 (local) */
	assert_int_equal(CTL_SYS_LI(f.status), 0);
	ctl_reasm_init(rs);
	assert_int_equal(ctl_reasm_add(rs, &f), CTLR_DONE);
	assert_int_equal(rs->end, 8);
	assert_int_equal(ctl_readstat(rs->data, rs->end, a, 4, &n, &trunc), 0);
	assert_int_equal(n, 2);
	assert_int_equal(a[0].assoc, 17768);
	assert_int_equal(a[1].assoc, 17767);
	assert_int_equal(CTL_PEER_SEL(a[1].status), CTL_SEL_SYSPEER);
	assert_int_equal(CTL_PEER_SEL(a[0].status), 0);
	/* not ours: another sequence number, opcode or association */
	assert_int_equal(ctl_parse(p, len, CTL_OP_READSTAT, 0x1236, 0, &f, &err), CTL_SEQUENCE);
	assert_int_equal(ctl_parse(p, len, CTL_OP_READVAR, 0x1235, 0, &f, &err), CTL_OPCODE);
	assert_int_equal(ctl_parse(p, len, CTL_OP_READSTAT, 0x1235, 7, &f, &err), CTL_ASSOC);
	/* the count says 8 bytes of data: 19 bytes hold 7 */
	assert_int_equal(ctl_parse(p, 19, CTL_OP_READSTAT, 0x1235, 0, &f, &err), CTL_COUNT);
	assert_int_equal(ctl_parse(p, 11, CTL_OP_READSTAT, 0x1235, 0, &f, &err), CTL_SHORT);
	/* a list of whole pairs only; a zero and a repeated association left out */
	assert_int_equal(ctl_readstat(rs->data, 6, a, 4, &n, &trunc), -1);
	assert_int_equal(ctl_readstat((const uint8_t *)"\0\0\0\0\0\5\0\0\0\5\1\1", 12, a, 4, &n,
	    &trunc), 0);
	assert_int_equal(n, 1);
	assert_false(trunc);
	assert_int_equal(ctl_readstat((const uint8_t *)"\0\1\0\0\0\2\0\0\0\3\0\0", 12, a, 2, &n,
	    &trunc), 0);
	assert_int_equal(n, 2);
	assert_true(trunc);
	free(rs);
	free(in);
}

static void
test_ctl_header_checks(void **state)
{
	uint8_t p[CTL_HDR_LEN + 8], err;
	struct ctl_frag f;

	(void)state;
	memcpy(p, "\x16\x82\x00\x07\x00\x00\x00\x09\x00\x00\x00\x04" "abcd\0\0\0\0", 20);
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_OK);
	assert_int_equal(f.count, 4);
	assert_false(f.more);
	p[0] = 0x16 & ~7;		/* mode 0 */
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_MODE);
	p[0] = 0x06;			/* version 0 */
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_VERSION_BAD);
	p[0] = 0x16;
	p[1] = 0x02;			/* a request */
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_NOT_RESPONSE);
	p[1] = 0xc2;			/* error bit: permission denied */
	p[4] = 1;
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_ERROR);
	assert_int_equal(err, 1);
	assert_string_equal(ctl_error_text(err), "permission denied");
	assert_string_equal(ctl_error_text(200), "unknown error code");
	p[1] = 0xa2;			/* more fragments, but no data */
	p[4] = 0;
	p[11] = 0;
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_EMPTY_MORE);
	p[10] = 0x01;			/* count 468 + 32: past the largest fragment */
	p[11] = 0xf4;
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_COUNT);
	p[10] = 0;			/* offset 65535: past the largest response */
	p[11] = 4;
	p[8] = p[9] = 0xff;
	assert_int_equal(ctl_parse(p, 16, 2, 7, 9, &f, &err), CTL_RANGE);
}

static struct ctl_frag
frag(uint16_t off, uint16_t cnt, bool more, const char *data)
{
	struct ctl_frag f = { 0, off, cnt, more, (const uint8_t *)data };

	return f;
}

static void
test_ctl_reasm(void **state)
{
	struct ctl_reasm *r = malloc(sizeof(*r));
	struct ctl_frag a = frag(0, 3, true, "abc"), b = frag(3, 2, true, "de"),
	    c = frag(5, 1, false, "f");

	(void)state;
	/* any order */
	ctl_reasm_init(r);
	assert_int_equal(ctl_reasm_add(r, &c), CTLR_MORE);
	assert_int_equal(ctl_reasm_add(r, &a), CTLR_MORE);
	assert_int_equal(ctl_reasm_add(r, &a), CTLR_DUP);
	assert_int_equal(ctl_reasm_add(r, &b), CTLR_DONE);
	assert_int_equal(r->end, 6);
	assert_memory_equal(r->data, "abcdef", 6);
	/* overlaps, a second last fragment, data past the end */
	ctl_reasm_init(r);
	assert_int_equal(ctl_reasm_add(r, &a), CTLR_MORE);
	{
		struct ctl_frag o = frag(2, 2, true, "xy"), l2 = frag(9, 1, false, "z"),
		    past = frag(6, 2, true, "pq"), mid = frag(5, 2, true, "gh"),
		    early = frag(4, 0, false, "");

		assert_int_equal(ctl_reasm_add(r, &o), CTLR_OVERLAP);
		assert_int_equal(ctl_reasm_add(r, &c), CTLR_MORE);
		assert_int_equal(ctl_reasm_add(r, &l2), CTLR_SECOND_LAST);
		assert_int_equal(ctl_reasm_add(r, &past), CTLR_PAST_END);
		assert_int_equal(ctl_reasm_add(r, &b), CTLR_DONE);
		assert_memory_equal(r->data, "abcdef", 6);
		/* a last fragment that ends before data already kept */
		ctl_reasm_init(r);
		assert_int_equal(ctl_reasm_add(r, &a), CTLR_MORE);
		assert_int_equal(ctl_reasm_add(r, &mid), CTLR_MORE);
		assert_int_equal(ctl_reasm_add(r, &early), CTLR_PAST_END);
	}
	/* at most CTL_MAX_FRAGS fragments */
	{
		size_t i;

		ctl_reasm_init(r);
		for (i = 0; i < CTL_MAX_FRAGS; i++) {
			struct ctl_frag f = frag((uint16_t)i, 1, true, "x");

			assert_int_equal(ctl_reasm_add(r, &f), CTLR_MORE);
		}
		{
			struct ctl_frag f = frag(CTL_MAX_FRAGS, 1, false, "x");

			assert_int_equal(ctl_reasm_add(r, &f), CTLR_FULL);
		}
	}
	/* an empty response is whole at once */
	ctl_reasm_init(r);
	{
		struct ctl_frag e = frag(0, 0, false, "");

		assert_int_equal(ctl_reasm_add(r, &e), CTLR_DONE);
		assert_int_equal(r->end, 0);
	}
	free(r);
}

/* NTPsec's two-fragment answer for its reference clock, in either order */
static void
peer_vars_from(const char *path, int first)
{
	size_t inlen, len;
	uint8_t *in = slurp(path, &inlen), err;
	struct ctl_reasm *rs = malloc(sizeof(*rs));
	struct ctl_peer_vars v;
	struct ctl_frag f;
	const uint8_t *p;

	ctl_reasm_init(rs);
	p = dgram(in, inlen, first, &len);
	assert_int_equal(ctl_parse(p, len, CTL_OP_READVAR, 0x1238, 17767, &f, &err), CTL_OK);
	assert_int_equal(ctl_reasm_add(rs, &f), CTLR_MORE);
	p = dgram(in, inlen, 1 - first, &len);
	assert_int_equal(ctl_parse(p, len, CTL_OP_READVAR, 0x1238, 17767, &f, &err), CTL_OK);
	assert_int_equal(ctl_reasm_add(rs, &f), CTLR_DONE);
	assert_int_equal(rs->end, 468 + 245);
	assert_int_equal(CTL_PEER_SEL(rs->status), CTL_SEL_SYSPEER);
	ctl_peer_vars(rs->data, rs->end, &v);
	assert_string_equal(v.srcadr, "127.127.1.0");
	assert_string_equal(v.srchost, "LOCAL(0)");	/* in the second fragment */
	assert_string_equal(v.refid, "LOCL");
	assert_int_equal(v.stratum, 10);
	assert_int_equal(v.hmode, 3);
	assert_int_equal(v.hpoll, 3);
	assert_int_equal(v.ppoll, 3);
	assert_int_equal(v.reach, 1);
	assert_int_equal(v.srcport, 123);
	assert_true(v.have & PV_REC);
	assert_int_equal(v.rec.sec, 0xeebc70e2u);
	assert_true(v.have & PV_OFFSET && v.have & PV_DELAY && v.have & PV_JITTER);
	free(rs);
	free(in);
}

static void
test_ctl_peer_vars_ntpsec(void **state)
{
	(void)state;
	peer_vars_from("corpus/fuzz/ctl/ntpsec_peer", 0);
	peer_vars_from("corpus/fuzz/ctl/ntpsec_peer_reversed", 1);
}

static void
test_ctl_vars_classic(void **state)
{
	size_t len;
	uint8_t *in = slurp("corpus/fuzz/ctlvars/classic_peer", &len);
	struct ctl_peer_vars v;

	(void)state;
	/* as ntpd 4.2.0's ctl_putdbl/ctl_puthex/ctl_putts/ctl_putadr write them */
	ctl_peer_vars(in, len, &v);
	assert_string_equal(v.srcadr, "192.0.2.10");
	assert_string_equal(v.refid, "192.0.2.1");
	assert_int_equal(v.reach, 0xff);
	assert_int_equal(v.stratum, 2);
	assert_true(v.offset > -1.2341 && v.offset < -1.2339);
	assert_true(v.delay > 23.4559 && v.delay < 23.4561);
	assert_true(v.jitter > 0.3449 && v.jitter < 0.3451);
	assert_int_equal(v.rec.sec, 0xc5d2a1b4u);
	assert_false(v.have & PV_SRCHOST);
	free(in);
}

static void
test_ctl_sys_vars(void **state)
{
	size_t len;
	uint8_t *in = slurp("corpus/fuzz/ctlvars/ntpsec_sysvars", &len);
	struct ctl_sys_vars s;

	(void)state;
	ctl_sys_vars(in, len, &s);
	assert_int_equal(s.leap, 0);
	assert_int_equal(s.stratum, 11);
	assert_int_equal(s.peer, 17767);
	assert_string_equal(s.refid, "127.127.1.0");
	free(in);
	in = slurp("corpus/fuzz/ctlvars/quoted", &len);
	ctl_sys_vars(in, len, &s);
	/* the commas inside the quoted version string do not end it */
	assert_int_equal(s.leap, 3);
	assert_int_equal(s.stratum, 16);
	assert_string_equal(s.refid, "INIT");
	assert_true(s.have & SV_OFFSET);
	free(in);
	/* NTPsec's ntpq shows leap as two bits: "leap=11" */
	ctl_sys_vars((const uint8_t *)"leap=11", 7, &s);
	assert_int_equal(s.leap, 3);
	ctl_sys_vars((const uint8_t *)"leap=12", 7, &s);
	assert_false(s.have & SV_LEAP);
}

static void
test_ctl_var_next(void **state)
{
	const char *t = " a=1,b = \"x, y\" junk ,c,\r\nd=, e=\"unterminated";
	struct ctl_var v;
	size_t pos = 0, len = strlen(t);

	(void)state;
	assert_true(ctl_var_next(t, len, &pos, &v));
	assert_true(v.nlen == 1 && v.name[0] == 'a' && v.vlen == 1 && v.val[0] == '1');
	assert_true(ctl_var_next(t, len, &pos, &v));
	assert_true(v.nlen == 1 && v.name[0] == 'b');
	assert_int_equal(v.vlen, 4);
	assert_memory_equal(v.val, "x, y", 4);
	assert_true(ctl_var_next(t, len, &pos, &v));
	assert_true(v.nlen == 1 && v.name[0] == 'c' && v.val == NULL);
	assert_true(ctl_var_next(t, len, &pos, &v));
	assert_true(v.nlen == 1 && v.name[0] == 'd' && v.val != NULL && v.vlen == 0);
	assert_true(ctl_var_next(t, len, &pos, &v));
	assert_true(v.nlen == 1 && v.name[0] == 'e');
	assert_memory_equal(v.val, "unterminated", v.vlen);
	assert_false(ctl_var_next(t, len, &pos, &v));
	assert_int_equal(pos, len);
}

static void
test_ctl_values_hostile(void **state)
{
	struct ctl_peer_vars v;
	/* NUL bytes, control bytes, a 300-byte value, numbers that are not whole or in
	 * range, "nan", "inf", hexadecimal floats, timestamps of the wrong shape */
	static const char t[] = "srcadr=1.2.3.4\0evil, refid=\x1b[2J, stratum=300, hmode=9, "
	    "reach=0x100, hpoll=4x, offset=nan, delay=inf, jitter=0x1p3, rec=0x1.2, "
	    "reftime=0xffffffff.ffffffffff, srchost=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"";

	(void)state;
	ctl_peer_vars((const uint8_t *)t, sizeof(t) - 1, &v);
	assert_string_equal(v.srcadr, "1.2.3.4.evil");
	assert_string_equal(v.refid, ".[2J");
	assert_int_equal(strlen(v.srchost), CTL_TEXT_MAX - 1);
	assert_false(v.have & (PV_STRATUM | PV_HMODE | PV_REACH | PV_HPOLL | PV_OFFSET |
	    PV_DELAY | PV_JITTER | PV_REC | PV_REFTIME));
	/* blanks after '=' are skipped (ntpq's nextvar() does), anything after a number is not */
	ctl_peer_vars((const uint8_t *)"reach=7 x, stratum=-1, ppoll=+3, offset= 1.5e", 46, &v);
	assert_false(v.have & (PV_REACH | PV_STRATUM | PV_OFFSET));
	assert_true(v.have & PV_PPOLL);
	ctl_peer_vars((const uint8_t *)"reach= 0377, offset= -1.5e1", 27, &v);
	/* ntpd writes reach in hexadecimal: "0377" is 377, out of range, never octal */
	assert_false(v.have & PV_REACH);
	assert_true((v.have & PV_OFFSET) && v.offset == -15.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ts),
		cmocka_unit_test(test_sntp_request),
		cmocka_unit_test(test_sntp_parse_ntpsec),
		cmocka_unit_test(test_sntp_verdicts),
		cmocka_unit_test(test_sntp_offset),
		cmocka_unit_test(test_ctl_request),
		cmocka_unit_test(test_ctl_readstat_ntpsec),
		cmocka_unit_test(test_ctl_header_checks),
		cmocka_unit_test(test_ctl_reasm),
		cmocka_unit_test(test_ctl_peer_vars_ntpsec),
		cmocka_unit_test(test_ctl_vars_classic),
		cmocka_unit_test(test_ctl_sys_vars),
		cmocka_unit_test(test_ctl_var_next),
		cmocka_unit_test(test_ctl_values_hostile),
	};

	return cmocka_run_group_tests_name("probe_ntp", tests, NULL, NULL);
}
