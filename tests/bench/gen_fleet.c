/* gen_fleet: writes a fleet of small ESX 3 host roots for `make bench` (deterministic).
 *   gen_fleet COUNT DIR       roots DIR/h00000 ... each with what esxntp-lint reads:
 *     etc/vmware-release, etc/ntp.conf (about 0.5 to 1.5 KB: comments, restrict, 3 or 4
 *     servers, driftfile), etc/ntp/step-tickers, etc/hosts (10 to 40 lines),
 *     etc/vmware/esx.conf (about 40 keys), the ntpd init script and its rc links,
 *     var/lib/ntp/drift.
 * Most hosts are clean; one in 10 lacks a server in step-tickers (STK010), one in 20 in
 * etc/hosts (HST010), one in 50 has the ntpClient firewall service off (FW010), so a
 * report has a few findings per hundred hosts, as a captured fleet does. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[4096];

static void
die(const char *what)
{
	fprintf(stderr, "gen_fleet: %s %s: %s\n", what, root, strerror(errno));
	exit(2);
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static void
dir(const char *rel)
{
	char p[4200];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (mkdir(p, 0755) != 0 && errno != EEXIST)
		die("mkdir");
}

static FILE *
file(const char *rel)
{
	char p[4200];
	FILE *fp;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if ((fp = fopen(p, "w")) == NULL)
		die("write");
	return fp;
}

static void
done(FILE *fp)
{
	if (ferror(fp) || fclose(fp) != 0)
		die("write");
}

static void
link_(const char *target, const char *rel)
{
	char p[4200];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (symlink(target, p) != 0 && errno != EEXIST)
		die("symlink");
}

static const char *const comments[] = {
	"# Permit time synchronization with our time source, but do not\n"
	"# permit the source to query or modify the service on this system.\n",
	"# Hosts on local network are less restricted.\n",
	"# Use public servers from the pool.ntp.org project.\n"
	"# Please consider joining the pool (http://www.pool.ntp.org/join.html).\n",
	"# Drift file.  Put this in a directory which the daemon can write to.\n"
	"# No symbolic links allowed, either, since the daemon updates the file\n"
	"# by creating a temporary in the same directory and then rename()'ing\n"
	"# it to the file.\n",
	"# Key file containing the keys and key identifiers used when operating\n"
	"# with symmetric key cryptography.\n",
	"# Undisciplined Local Clock. This is a fake driver intended for backup\n"
	"# and when no outside source of synchronized time is available.\n",
};

static void
host(unsigned long i, uint64_t *s)
{
	unsigned site = (unsigned)(rnd(s) % 40), nserv = rnd(s) % 8 == 0 ? 3 : 4, k, c;
	unsigned nhosts = 10 + (unsigned)(rnd(s) % 30);
	FILE *fp;
	static const char *const dirs[] = { "etc", "etc/ntp", "etc/vmware", "etc/rc.d",
		"etc/rc.d/init.d", "var", "var/lib", "var/lib/ntp" };
	char rel[64], target[64];
	int lvl;

	for (k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++)
		dir(dirs[k]);
	fp = file("etc/vmware-release");
	fprintf(fp, "VMware ESX Server 3.5.0 build-%u\n", 64607 + (unsigned)(rnd(s) % 4) * 20000);
	done(fp);

	fp = file("etc/ntp.conf");
	fputs(comments[0], fp);
	fputs("restrict default kod nomodify notrap nopeer noquery\n\n", fp);
	fputs("# Permit all access over the loopback interface.\nrestrict 127.0.0.1\n\n", fp);
	for (c = 1 + (unsigned)(rnd(s) % 4), k = 0; k < c; k++)
		fputs(comments[1 + rnd(s) % 5], fp);
	if (rnd(s) % 3 == 0)
		fprintf(fp, "restrict 10.%u.0.0 mask 255.255.0.0 nomodify notrap\n", site);
	for (k = 0; k < nserv; k++)
		fprintf(fp, "server ntp%u.site%u.example.com%s\n", k + 1, site,
		    rnd(s) % 2 ? " iburst" : "");
	fputs("\n", fp);
	fputs(comments[3], fp);
	fputs("driftfile /var/lib/ntp/drift\n", fp);
	done(fp);

	fp = file("etc/ntp/step-tickers");
	for (k = 0; k < nserv; k++)
		if (!(i % 10 == 3 && k == nserv - 1))
			fprintf(fp, "ntp%u.site%u.example.com\n", k + 1, site);
	done(fp);

	fp = file("etc/hosts");
	fputs("# Do not remove the following line, or various programs\n"
	    "# that require network functionality will fail.\n"
	    "127.0.0.1\tlocalhost.localdomain localhost\n", fp);
	fprintf(fp, "10.%u.%lu.%lu\tesx%05lu.site%u.example.com esx%05lu\n", site, i / 250 % 250,
	    i % 250 + 1, i, site, i);
	for (k = 0; k < nserv; k++)
		if (!(i % 20 == 7 && k == 0))
			fprintf(fp, "10.%u.255.%u\tntp%u.site%u.example.com\n", site, k + 1, k + 1,
			    site);
	for (k = 0; k < nhosts; k++)
		fprintf(fp, "10.%u.%u.%u\thost%u.site%u.example.com host%u\n", site,
		    (unsigned)(rnd(s) % 250), (unsigned)(rnd(s) % 250) + 1, k, site, k);
	done(fp);

	fp = file("etc/vmware/esx.conf");
	fprintf(fp, "/adv/Misc/HostName = \"esx%05lu\"\n", i);
	fprintf(fp, "/firewall/services/ntpClient/enabled = \"%s\"\n", i % 50 == 11 ? "false" :
	    "true");
	fputs("/firewall/services/sshServer/enabled = \"true\"\n", fp);
	for (k = 0; k < 36; k++)
		fprintf(fp, "/net/pnic/child[%04u]/mac = \"00:50:56:%02x:%02x:%02x\"\n", k,
		    (unsigned)(rnd(s) & 0xff), (unsigned)(rnd(s) & 0xff), (unsigned)(rnd(s) & 0xff));
	done(fp);

	fp = file("etc/rc.d/init.d/ntpd");
	fputs("#!/bin/bash\n#\n# ntpd\t\tThis shell script takes care of starting and stopping\n"
	    "#\t\tntpd (NTPv4 daemon).\n#\n# chkconfig: - 58 74\n"
	    "# description: ntpd is the NTPv4 daemon.\n\nexit 0\n", fp);
	done(fp);
	for (lvl = 0; lvl <= 6; lvl++) {
		snprintf(rel, sizeof(rel), "etc/rc.d/rc%d.d", lvl);
		dir(rel);
		snprintf(rel, sizeof(rel), "etc/rc.d/rc%d.d/%s", lvl,
		    lvl >= 3 && lvl <= 5 ? "S58ntpd" : "K74ntpd");
		link_("../init.d/ntpd", rel);
		snprintf(target, sizeof(target), "rc.d/rc%d.d", lvl);
		snprintf(rel, sizeof(rel), "etc/rc%d.d", lvl);
		link_(target, rel);	/* RHEL's /etc/rcN.d are links to rc.d/rcN.d */
	}
	link_("rc.d/init.d", "etc/init.d");
	fp = file("var/lib/ntp/drift");
	fprintf(fp, "%d.%03u\n", (int)(rnd(s) % 40) - 20, (unsigned)(rnd(s) % 1000));
	done(fp);
}

int
main(int argc, char **argv)
{
	unsigned long n, i;
	uint64_t s = 0x9e3779b97f4a7c15ULL;

	if (argc != 3) {
		fprintf(stderr, "usage: gen_fleet COUNT DIR\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	snprintf(root, sizeof(root), "%s", argv[2]);
	if (mkdir(root, 0755) != 0 && errno != EEXIST)
		die("mkdir");
	for (i = 0; i < n; i++) {
		snprintf(root, sizeof(root), "%s/h%05lu", argv[2], i);
		if (mkdir(root, 0755) != 0 && errno != EEXIST)
			die("mkdir");
		host(i, &s);
	}
	return 0;
}
