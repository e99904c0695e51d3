/* gen_fleet: writes a deterministic directory of ESX 3 host roots for `make bench`.
 *   gen_fleet COUNT DIR     DIR/hNNNNN/ for NNNNN from 0 to COUNT - 1
 * Each root holds what a captured ESX 3 console's /etc gives esxntp-lint: vmware-release,
 * ntp.conf (a header comment, restrict lines, 2 to 6 servers of its site, driftfile),
 * ntp/step-tickers, hosts, vmware/esx.conf, the ntpd init script and its rc links, and
 * var/lib/ntp/drift. About one host in five carries a fault a real fleet has (a server
 * missing from step-tickers or hosts, the firewall closed, CR LF line ends, a typo in a
 * restrict flag, ntpd off at boot), so the report has findings to write. The files are
 * those `cat` reads in the bench: the regular files under DIR. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "gen_fleet: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void
mkdirs(const char *dir, const char *rel)
{
	char p[4096], *s;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	for (s = p + strlen(dir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			die("mkdir", p);
		*s = '/';
	}
	if (mkdir(p, 0755) != 0 && errno != EEXIST)
		die("mkdir", p);
}

static void
put(const char *dir, const char *rel, const char *text, int crlf)
{
	char p[4096];
	FILE *fp;
	const char *c;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	if ((fp = fopen(p, "w")) == NULL)
		die("write", p);
	for (c = text; *c; c++) {
		if (*c == '\n' && crlf)
			fputc('\r', fp);
		fputc(*c, fp);
	}
	if (fclose(fp) != 0)
		die("write", p);
}

static void
link_to(const char *dir, const char *rel, const char *target)
{
	char p[4096];

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	if (symlink(target, p) != 0 && errno != EEXIST)
		die("symlink", p);
}

/* appends printf output to buf (of cap bytes, used n) */
static void
add(char *buf, size_t cap, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(buf + *n, cap - *n, fmt, ap);
	va_end(ap);
	if (k > 0 && (size_t)k < cap - *n)
		*n += (size_t)k;
}

static void
host(const char *dir, unsigned i, uint64_t *s)
{
	char conf[4096], stk[1024], hosts[2048], esx[1024];
	size_t nc = 0, ns = 0, nh = 0, ne = 0;
	unsigned site = i % 40, nsrv = 2 + (unsigned)(rnd(s) % 5), k, fault = (unsigned)(rnd(s) % 30);
	int rl;

	mkdirs(dir, "etc/ntp");
	mkdirs(dir, "etc/vmware");
	mkdirs(dir, "etc/rc.d/init.d");
	mkdirs(dir, "var/lib/ntp");
	for (rl = 0; rl <= 6; rl++) {
		char d[64];

		snprintf(d, sizeof(d), "etc/rc.d/rc%d.d", rl);
		mkdirs(dir, d);
	}
	put(dir, "etc/vmware-release", i % 3 ? "VMware ESX Server 3 (Dali)\n" : "VMware ESX Server 3.5.0\n",
	    0);
	add(conf, sizeof(conf), &nc, "# ntp.conf of esx%05u, site %u: written by the build, then\n"
	    "# edited by hand as VMware's procedure (KB1339) says.\n\n", i, site);
	add(conf, sizeof(conf), &nc, "restrict 127.0.0.1\nrestrict default kod %s notrap nopeer noquery\n\n",
	    fault == 4 ? "nomodfy" : "nomodify");
	add(hosts, sizeof(hosts), &nh, "127.0.0.1\tlocalhost.localdomain localhost\n"
	    "10.%u.0.%u\tesx%05u.site%u.example.com esx%05u\n", site, 10 + i % 200, i, site, i);
	for (k = 0; k < nsrv; k++) {
		add(conf, sizeof(conf), &nc, "server ntp%u.site%u.example.com%s\n", k + 1, site,
		    k == 0 ? " prefer" : "");
		if (!(fault == 1 && k == nsrv - 1))
			add(stk, sizeof(stk), &ns, "ntp%u.site%u.example.com\n", k + 1, site);
		if (!(fault == 2 && k == 0))
			add(hosts, sizeof(hosts), &nh, "10.%u.1.%u\tntp%u.site%u.example.com\n", site,
			    k + 1, k + 1, site);
	}
	add(conf, sizeof(conf), &nc, "\ndriftfile /var/lib/ntp/drift\n");
	add(esx, sizeof(esx), &ne, "/firewall/services/sshServer/enabled = \"true\"\n"
	    "/firewall/services/ntpClient/enabled = \"%s\"\n/adv/Misc/HostName = \"esx%05u\"\n"
	    "/net/pnic/child[0000]/name = \"vmnic0\"\n/boot/memSize = \"272\"\n",
	    fault == 3 ? "false" : "true", i);
	put(dir, "etc/ntp.conf", conf, fault == 5);
	put(dir, "etc/ntp/step-tickers", stk, 0);
	put(dir, "etc/hosts", hosts, 0);
	put(dir, "etc/vmware/esx.conf", esx, 0);
	put(dir, "etc/rc.d/init.d/ntpd", "#!/bin/bash\n#\n# ntpd\t\tThis shell script takes care of "
	    "starting and stopping\n#\t\tntpd (NTPv4 daemon).\n#\n# chkconfig: - 58 74\n"
	    "# description: ntpd is the NTPv4 daemon.\n\nexit 0\n", 0);
	put(dir, "var/lib/ntp/drift", "-12.345\n", 0);
	for (rl = 0; rl <= 6; rl++) {
		char l[64];
		int on = rl >= 3 && rl <= 5 && fault != 6;

		snprintf(l, sizeof(l), "etc/rc.d/rc%d.d/%s", rl, on ? "S58ntpd" : "K74ntpd");
		link_to(dir, l, "../init.d/ntpd");
	}
	link_to(dir, "etc/init.d", "rc.d/init.d");
}

int
main(int argc, char **argv)
{
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	unsigned n, i;
	char dir[4096];

	if (argc != 3 || (n = (unsigned)strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: gen_fleet COUNT DIR\n");
		return 2;
	}
	if (mkdir(argv[2], 0755) != 0 && errno != EEXIST)
		die("mkdir", argv[2]);
	for (i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "%s/h%05u", argv[2], i);
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			die("mkdir", dir);
		host(dir, i, &s);
	}
	return 0;
}
