/* addr: host address and host name forms, as inet_pton(3) and RFC 1123 see them. */
#ifndef ADDR_H
#define ADDR_H

#include <stddef.h>

int addr_is_ipv4(const char *s, size_t n);
/* as addr_is_ipv4(), and the four bytes into out */
int addr_parse_ipv4(const char *s, size_t n, unsigned char out[4]);
int addr_is_ipv6(const char *s, size_t n);
/* dotted digits, right or wrong (10.0.0.256 and 127.1 do): meant as an IPv4 address */
int addr_looks_ipv4(const char *s, size_t n);
/* 224.0.0.0/4 or ff00::/8 */
int addr_is_multicast(const char *s, size_t n);
/* 127.127.t.u: a reference clock driver, not a network server */
int addr_is_refclock(const char *s, size_t n);
/* letters, digits, '-', '_' and '.', labels of 1..63, 253 bytes at most */
int addr_is_hostname(const char *s, size_t n);

#endif
