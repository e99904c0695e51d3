/* model_chkconfig: the 'chkconfig --list' output an ESX 3.x/4.x vm-support bundle records
 * (snarf_system_state: runcmd "chkconfig --list" "$tmp_dir/chkconfig.$$.txt"), read as
 * the ntpd service's runlevels when the bundle lacks the init script and its rc links.
 * Red Hat's chkconfig prints, for each service in /etc/rc.d/init.d that has a link in some
 * runlevel, its name as "%-15s" and then "\t%d:%s" for runlevels 0 to 6, "on" when the
 * level's first link is S<NN> (chkconfig.c showServiceInfo, leveldb.c isOn; the same from
 * 1.3.8 of RHEL 3 to 1.3.30 of RHEL 5). A service with no link at all has no line. */
#include <string.h>

#include "model_files.h"

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

bool
chk_list_line(const char *s, size_t n, const char *service, enum chk_state level[SVC_RUNLEVELS])
{
	size_t k = strlen(service), i = 0;
	int lv;

	for (lv = 0; lv < SVC_RUNLEVELS; lv++)
		level[lv] = CHK_UNKNOWN;
	if (n <= k || memcmp(s, service, k) != 0 || !blank(s[k]))
		return false;
	for (i = k; i < n;) {
		size_t w;

		while (i < n && (blank(s[i]) || s[i] == '\r'))
			i++;
		for (w = i; w < n && !blank(s[w]) && s[w] != '\r'; w++)
			;
		/* "N:on", "N:off": the last column of a level wins; any other word says nothing */
		if (w - i >= 3 && s[i] >= '0' && s[i] < '0' + SVC_RUNLEVELS && s[i + 1] == ':') {
			lv = s[i] - '0';
			if (w - i == 4 && memcmp(s + i + 2, "on", 2) == 0)
				level[lv] = CHK_ON;
			else if (w - i == 5 && memcmp(s + i + 2, "off", 3) == 0)
				level[lv] = CHK_OFF;
			else
				level[lv] = CHK_UNKNOWN;
		}
		i = w;
	}
	return true;
}

void
model_chk_build(struct chk_record *c, struct source *src)
{
	uint32_t off = 0;

	memset(c, 0, sizeof(*c));
	if (src == NULL)
		return;
	c->present = true;
	c->src = src;
	while (off < src->len) {
		const char *nl = memchr(src->buf + off, '\n', src->len - off);
		uint32_t end = nl != NULL ? (uint32_t)(nl - src->buf) : src->len;

		if (chk_list_line(src->buf + off, end - off, "ntpd", c->level)) {
			c->listed = true;
			c->span.start = off;
			c->span.end = end;
			return;
		}
		off = end + 1;
	}
}
