/* fuzz_ctlvars: libFuzzer target for the READVAR text parsers (ctl_var_next,
 * ctl_peer_vars, ctl_sys_vars). Input: the data of a READVAR response. Oracles beyond
 * "no crash, no undefined behaviour": the iterator moves forward on every variable and
 * ends at the end; every name and value lies inside the input and is at most 256 bytes;
 * a name holds no separator; what the peer and system parsers keep is NUL-terminated
 * printable ASCII, and every number they keep is in its range and is what one of the
 * values of that name reads as (strtol, strtod). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "probe_ntp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
printable(const char *s, size_t cap, const char *what)
{
	size_t i, n = strnlen(s, cap);

	FUZZ_ASSERT(n < cap, "%s not NUL-terminated", what);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(s[i] >= 0x20 && s[i] < 0x7f, "%s holds byte 0x%02x", what,
		    (unsigned char)s[i]);
}

/* one of the values of variable name reads as the integer want (decimal, or hexadecimal
 * after "0x"), or as the double dwant */
static bool
some_value(const char *buf, size_t len, const char *name, long want, double dwant, bool dbl)
{
	struct ctl_var v;
	size_t pos = 0, n = strlen(name);
	char val[300];

	while (ctl_var_next(buf, len, &pos, &v)) {
		if (v.nlen != n || memcmp(v.name, name, n) != 0 || v.val == NULL ||
		    v.vlen >= sizeof(val))
			continue;
		memcpy(val, v.val, v.vlen);
		val[v.vlen] = '\0';
		if (dbl ? strtod(val, NULL) == dwant :
		    strtol(val, NULL, val[0] == '0' && (val[1] == 'x' || val[1] == 'X') ? 16 : 10) == want)
			return true;
	}
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct ctl_var v;
	struct ctl_peer_vars p;
	struct ctl_sys_vars s;
	size_t pos = 0, last = 0, n = 0;

	while (ctl_var_next(buf, size, &pos, &v)) {
		FUZZ_ASSERT(pos > last, "the iterator did not move");
		FUZZ_ASSERT(pos <= size, "the iterator ran past the end");
		FUZZ_ASSERT(v.name >= buf && v.name + v.nlen <= buf + size, "name outside the input");
		FUZZ_ASSERT(v.nlen <= 256 && v.vlen <= 256, "a name or value over 256 bytes");
		FUZZ_ASSERT(memchr(v.name, ',', v.nlen) == NULL && memchr(v.name, '=', v.nlen) == NULL,
		    "a name holds a separator");
		FUZZ_ASSERT(v.val == NULL || (v.val >= buf && v.val + v.vlen <= buf + size),
		    "value outside the input");
		last = pos;
		n++;
	}
	FUZZ_ASSERT(pos == size, "the iterator stopped at %zu of %zu", pos, size);
	FUZZ_ASSERT(n <= size, "more variables than bytes");

	ctl_peer_vars(data, size, &p);
	printable(p.srcadr, sizeof(p.srcadr), "srcadr");
	printable(p.srchost, sizeof(p.srchost), "srchost");
	printable(p.refid, sizeof(p.refid), "refid");
	if (p.have & PV_REACH) {
		FUZZ_ASSERT(p.reach >= 0 && p.reach <= 255, "reach %d", p.reach);
		FUZZ_ASSERT(some_value(buf, size, "reach", p.reach, 0, false),
		    "reach %d is no value of the text", p.reach);
	}
	if (p.have & PV_STRATUM)
		FUZZ_ASSERT(p.stratum >= 0 && p.stratum <= 255, "stratum %d", p.stratum);
	if (p.have & PV_HMODE)
		FUZZ_ASSERT(p.hmode >= 0 && p.hmode <= 7, "hmode %d", p.hmode);
	if (p.have & PV_OFFSET) {
		FUZZ_ASSERT(isfinite(p.offset) && fabs(p.offset) <= 1e9, "offset %g", p.offset);
		FUZZ_ASSERT(some_value(buf, size, "offset", 0, p.offset, true),
		    "offset %g is no value of the text", p.offset);
	}
	if (p.have & PV_DELAY)
		FUZZ_ASSERT(isfinite(p.delay) && fabs(p.delay) <= 1e9, "delay %g", p.delay);
	if (p.have & PV_JITTER)
		FUZZ_ASSERT(isfinite(p.jitter) && fabs(p.jitter) <= 1e9, "jitter %g", p.jitter);

	ctl_sys_vars(data, size, &s);
	printable(s.refid, sizeof(s.refid), "system refid");
	if (s.have & SV_LEAP)
		FUZZ_ASSERT(s.leap >= 0 && s.leap <= 3, "leap %d", s.leap);
	if (s.have & SV_STRATUM)
		FUZZ_ASSERT(s.stratum >= 0 && s.stratum <= 255, "system stratum %d", s.stratum);
	if (s.have & SV_PEER)
		FUZZ_ASSERT(s.peer <= 65535, "peer %u", s.peer);
	return 0;
}
