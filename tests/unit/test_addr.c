/* Address forms: the IPv4 reader must agree with inet_pton(3) on every string. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "test.h"

#include "addr.h"

static int
libc_ipv4(const char *s, size_t n, unsigned char *out)
{
	char buf[64];

	if (n >= sizeof(buf) || memchr(s, '\0', n) != NULL)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET, buf, out) == 1;
}

#define IS4(s) addr_is_ipv4((s), strlen(s))

static void
test_ipv4_cases(void **state)
{
	assert_true(IS4("10.0.0.1"));
	assert_true(IS4("0.0.0.0"));
	assert_true(IS4("255.255.255.255"));
	assert_false(IS4(""));
	assert_false(IS4("256.0.0.1"));
	assert_false(IS4("01.2.3.4"));		/* no leading zeros */
	assert_false(IS4("1.2.3"));
	assert_false(IS4("1.2.3.4."));
	assert_false(IS4(".1.2.3.4"));
	assert_false(IS4("1..2.3"));
	assert_false(IS4("1.2.3.4.5"));
	assert_false(IS4("1.2.3.4\r"));
	assert_false(IS4("0x1.2.3.4"));
	assert_false(addr_is_ipv4("1.2.3.4\0", 8));
	assert_true(addr_is_ipv4("1.2.3.4 junk", 7));
	assert_true(addr_is_multicast("224.0.1.1", 9));
	assert_true(addr_is_multicast("239.255.255.255", 15));
	assert_false(addr_is_multicast("240.0.0.1", 9));
	assert_false(addr_is_multicast("pool.ntp.org", 12));
	assert_true(addr_is_multicast("ff02::101", 9));
	assert_true(addr_is_refclock("127.127.1.0", 11));
	assert_false(addr_is_refclock("127.0.0.1", 9));
	assert_true(addr_is_ipv6("::1", 3));
	assert_true(addr_is_ipv6("fe80::1%eth0", 12));
	assert_false(addr_is_ipv6("fe80", 4));
	assert_false(addr_is_ipv6("10.0.0.1", 8));
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* a near-address: dotted numbers (some too big, some with leading zeros), now and then
 * with a byte changed, or random bytes from the characters that matter */
static size_t
gen(uint64_t *seed, char *s, size_t cap)
{
	static const char alphabet[] = "0123456789....x: \0";
	size_t n = 0, i, parts;

	if (rnd(seed) % 4 == 0) {
		n = rnd(seed) % 20;
		for (i = 0; i < n; i++)
			s[i] = alphabet[rnd(seed) % (sizeof(alphabet) - 1)];
		return n;
	}
	parts = 3 + rnd(seed) % 3;
	for (i = 0; i < parts; i++) {
		unsigned v = (unsigned)(rnd(seed) % 280);

		n += (size_t)snprintf(s + n, cap - n, rnd(seed) % 8 ? "%s%u" : "%s0%u",
		    i ? "." : "", v);
	}
	if (rnd(seed) % 4 == 0)
		s[rnd(seed) % n] = alphabet[rnd(seed) % (sizeof(alphabet) - 1)];
	return n;
}

static void
test_ipv4_agrees_with_inet_pton(void **state)
{
	uint64_t seed = 42;
	unsigned char b[16];
	char s[64];
	size_t n;
	int k, ok, valid = 0;

	for (k = 0; k < 200000; k++) {
		n = gen(&seed, s, sizeof(s));
		ok = libc_ipv4(s, n, b);
		assert_int_equal(addr_is_ipv4(s, n), ok);
		valid += ok;
		if (ok) {
			assert_true(addr_is_multicast(s, n) == (b[0] >= 224 && b[0] <= 239));
			assert_true(addr_is_refclock(s, n) == (b[0] == 127 && b[1] == 127));
		}
	}
	/* real addresses too, not only refusals */
	assert_true(valid > 10000);
	assert_true(valid < 150000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_cases),
		cmocka_unit_test(test_ipv4_agrees_with_inet_pton),
	};

	return cmocka_run_group_tests_name("addr", tests, NULL, NULL);
}
