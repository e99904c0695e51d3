/* fuzz_sntp: libFuzzer target for the SNTP reply parser (sntp_parse) and what is computed
 * from a reply. Input: 8 bytes, the request's transmit timestamp (the nonce), then the
 * datagram. Oracles beyond "no crash, no undefined behaviour": the verdict follows from
 * the bytes alone, in the order the parser promises (length, version, mode, origin,
 * transmit time, T3 >= T2, then the server's state); an accepted reply echoes the nonce;
 * the fields read are the bytes at their RFC 5905 offsets; the offset and delay of any
 * reply (any times, any era) are computed without overflow and the delay is exact; the
 * refid text is printable ASCII. */
#include <stdint.h>
#include <string.h>

#include "oracle.h"
#include "probe_ntp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ntp_ts sent, t1, t4;
	struct sntp_reply r;
	enum sntp_verdict v, want;
	const uint8_t *p;
	size_t len, i;
	char refid[16];
	int64_t off, del;

	if (size < 8)
		return 0;
	sent.sec = be32(data);
	sent.frac = be32(data + 4);
	p = data + 8;
	len = size - 8;
	v = sntp_parse(p, len, sent, &r);
	if (len < NTP_HDR_LEN) {
		FUZZ_ASSERT(v == SNTP_SHORT, "a %zu-byte datagram gave verdict %d", len, v);
		return 0;
	}
	/* the verdict, from the bytes */
	if (((p[0] >> 3) & 7) < 1 || ((p[0] >> 3) & 7) > 4)
		want = SNTP_VERSION;
	else if ((p[0] & 7) != 4)
		want = SNTP_MODE;
	else if (be32(p + 24) != sent.sec || be32(p + 28) != sent.frac)
		want = SNTP_ORIGIN;
	else if (be32(p + 40) == 0 && be32(p + 44) == 0)
		want = SNTP_NO_XMT;
	else if (ntp_ts_diff_ns(r.xmt, r.rec) < 0 || ntp_ts_diff_ns(r.xmt, r.rec) > 60000000000LL)
		want = SNTP_TIMES;
	else if (p[1] == 0)
		want = SNTP_KOD;
	else if ((p[0] >> 6) == 3 || p[1] >= 16)
		want = SNTP_UNSYNC;
	else
		want = SNTP_OK;
	FUZZ_ASSERT(v == want, "verdict %d, the bytes say %d", v, want);
	FUZZ_ASSERT(!sntp_is_reply(v) || (r.org.sec == sent.sec && r.org.frac == sent.frac),
	    "an accepted reply does not echo the nonce");
	FUZZ_ASSERT(r.leap == p[0] >> 6 && r.stratum == p[1] && r.rec.sec == be32(p + 32) &&
	    r.xmt.frac == be32(p + 44) && memcmp(r.refid, p + 12, 4) == 0,
	    "fields not read from their offsets");
	FUZZ_ASSERT(sntp_verdict_text(v)[0] != '?', "no text for verdict %d", v);
	/* offset and delay from the reply's times and local times taken from it too */
	t1 = r.ref;
	t4 = r.org;
	sntp_offset_delay(t1, r.rec, r.xmt, t4, &off, &del);
	FUZZ_ASSERT(del == ntp_ts_diff_ns(t4, t1) - ntp_ts_diff_ns(r.xmt, r.rec),
	    "delay is not (T4 - T1) - (T3 - T2)");
	(void)off;
	ntp_refid_text(r.refid, r.stratum, refid);
	FUZZ_ASSERT(strlen(refid) < 16, "refid text too long");
	for (i = 0; refid[i]; i++)
		FUZZ_ASSERT(refid[i] > 0x20 && refid[i] < 0x7f, "refid byte 0x%02x shown",
		    (unsigned char)refid[i]);
	return 0;
}
