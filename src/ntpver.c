#include "ntpver.h"

#include <string.h>

static const char *const names[NTPV_COUNT] = { "4.1", "4.2.0", "4.2.2", "4.2.8", "ntpsec" };
static const char *const longnames[NTPV_COUNT] = {
	"ntpd 4.1", "ntpd 4.2.0", "ntpd 4.2.2", "ntpd 4.2.8", "NTPsec 1.2"
};

const char *
ntpver_name(enum ntp_version v)
{
	return names[v];
}

const char *
ntpver_long(enum ntp_version v)
{
	return longnames[v];
}

bool
ntpver_parse(const char *s, enum ntp_version *out)
{
	int i;

	for (i = 0; i < NTPV_COUNT; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum ntp_version)i;
			return true;
		}
	/* accept the spellings admins use */
	if (strcmp(s, "4.1.2") == 0 || strcmp(s, "4.1.0") == 0)
		*out = NTPV_41;
	else if (strcmp(s, "4.2") == 0)
		*out = NTPV_420;
	else if (strncmp(s, "4.2.2", 5) == 0 && (s[5] == '\0' || s[5] == 'p'))
		*out = NTPV_422;	/* 4.2.2p1: RHEL 5, the ESX 4 service console */
	else if (strncmp(s, "4.2.8", 5) == 0)
		*out = NTPV_428;
	else if (strcmp(s, "NTPsec") == 0 || strcmp(s, "sec") == 0)
		*out = NTPV_SEC;
	else
		return false;
	return true;
}
