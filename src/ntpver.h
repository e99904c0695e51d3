/* ntpver: the ntpd versions whose reading of ntp.conf esxntp-lint reproduces. */
#ifndef NTPVER_H
#define NTPVER_H

#include <stdbool.h>

/* in the order the versions came out: kw_version_note() says 'or later' by it */
enum ntp_version { NTPV_41, NTPV_420, NTPV_422, NTPV_428, NTPV_SEC, NTPV_COUNT };

/* version bit masks, for tables of what each version has */
#define V41  (1u << NTPV_41)
#define V420 (1u << NTPV_420)
#define V422 (1u << NTPV_422)
#define V428 (1u << NTPV_428)
#define VSEC (1u << NTPV_SEC)
#define VCLASSIC (V41 | V420 | V422)
#define VALL (V41 | V420 | V422 | V428 | VSEC)

/* "4.1", "4.2.0", "4.2.2", "4.2.8", "ntpsec" */
const char *ntpver_name(enum ntp_version v);
/* "ntpd 4.2.0", "NTPsec 1.2.2" */
const char *ntpver_long(enum ntp_version v);
bool ntpver_parse(const char *s, enum ntp_version *out);
/* 4.1, 4.2.0 and 4.2.2 read the file line by line with gettokens(), not with a grammar
 * (the bison grammar came with 4.2.6) */
#define NTPV_IS_CLASSIC(v) ((v) <= NTPV_422)

#endif
