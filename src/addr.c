#include "addr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

/* inet_pton(AF_INET) without the copy it needs for a NUL: four decimal octets, no
 * leading zeros, nothing else. The checker asks this of nearly every word. */
int
addr_parse_ipv4(const char *s, size_t n, unsigned char out[4])
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned v, d;
	int i;

	/* an octet is one to three digits, unrolled: the checker asks this of nearly every
	 * address word, and a loop with a state per byte costs twice as much */
	for (i = 0; i < 4; i++) {
		if (p == end || (v = (unsigned)*p - '0') > 9)
			return 0;
		p++;
		if (p < end && (d = (unsigned)*p - '0') <= 9) {
			if (v == 0)	/* a leading zero */
				return 0;
			v = v * 10 + d;
			p++;
			if (p < end && (d = (unsigned)*p - '0') <= 9) {
				v = v * 10 + d;
				p++;
				if (v > 255)
					return 0;
			}
		}
		out[i] = (unsigned char)v;
		if (i < 3) {
			if (p == end || *p != '.')
				return 0;
			p++;
		}
	}
	return p == end;
}

static int
pton(int af, const char *s, size_t n, unsigned char *out)
{
	char buf[64];

	if (af == AF_INET)
		return addr_parse_ipv4(s, n, out);
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
