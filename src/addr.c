#include "addr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

/* inet_pton(AF_INET) without the copy it needs for a NUL: four decimal octets, no
 * leading zeros, nothing else. The checker asks this of nearly every word. */
static int
pton4(const char *s, size_t n, unsigned char *out)
{
	unsigned octets = 0, val = 0, d;
	int digit = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		d = (unsigned)(unsigned char)s[i] - '0';
		if (d <= 9 && digit) {
			val = val * 10 + d;
			if (val == d || val > 255)	/* a leading zero, or too big */
				return 0;
		} else if (d <= 9) {
			if (++octets > 4)
				return 0;
			val = d;
			digit = 1;
		} else if (s[i] == '.' && digit && octets < 4) {
			out[octets - 1] = (unsigned char)val;
			digit = 0;
		} else {
			return 0;
		}
	}
	if (octets != 4 || !digit)
		return 0;
	out[3] = (unsigned char)val;
	return 1;
}

static int
pton(int af, const char *s, size_t n, unsigned char *out)
{
	char buf[64];

	if (af == AF_INET)
		return pton4(s, n, out);
	/* every IPv6 text has a colon: most words are refused without a copy */
	if (n == 0 || n >= sizeof(buf) || memchr(s, ':', n) == NULL ||
	    memchr(s, '\0', n) != NULL)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(af, buf, out) == 1;
}

int
addr_is_ipv4(const char *s, size_t n)
{
	unsigned char out[16];

	return pton(AF_INET, s, n, out);
}

static size_t
strip_zone(const char *s, size_t n)
{
	const char *pct = memchr(s, '%', n);

	/* a zone suffix (fe80::1%eth0) is allowed by resolvers */
	return pct != NULL && pct > s ? (size_t)(pct - s) : n;
}

int
addr_is_ipv6(const char *s, size_t n)
{
	unsigned char out[16];

	return pton(AF_INET6, s, strip_zone(s, n), out);
}

int
addr_looks_ipv4(const char *s, size_t n)
{
	size_t i, part = 0, parts = 1;
	int numeric_head = 1;

	if (n == 0 || !isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (parts <= 3 && part == 0)
				numeric_head = 0;
			parts++;
			part = 0;
		} else if (isdigit((unsigned char)s[i])) {
			part++;
		} else if (isalnum((unsigned char)s[i])) {
			/* letters only in the last of four parts: a placeholder like 192.0.2.XXX */
			if (parts < 4)
				return 0;
			part++;
		} else {
			return 0;
		}
	}
	return parts >= 2 && parts <= 4 && numeric_head;
}

int
addr_is_multicast(const char *s, size_t n)
{
	unsigned char out[16];

	if (pton(AF_INET, s, n, out))
		return out[0] >= 224 && out[0] <= 239;
	if (pton(AF_INET6, s, strip_zone(s, n), out))
		return out[0] == 0xff;
	return 0;
}

int
addr_is_refclock(const char *s, size_t n)
{
	unsigned char out[16];

	return pton(AF_INET, s, n, out) && out[0] == 127 && out[1] == 127;
}

int
addr_is_hostname(const char *s, size_t n)
{
	size_t i, label = 0;

	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '.') {
			if (label == 0)
				return 0;
			label = 0;
			continue;
		}
		if (!isalnum(ch) && ch != '-' && ch != '_')
			return 0;
		if (ch == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	return 1;
}
