/* gen_conf: writes deterministic, realistic ntp.conf files for `make bench`.
 *   gen_conf BYTES FILE        one file of about BYTES bytes
 *   gen_conf -n COUNT DIR      COUNT small files DIR/NNNNN.conf (300 to 1500 bytes)
 * The lines are the kind ESX hosts carry: comments, server/peer lines with options,
 * restrict lines, blank lines, after a header of what a file has once (default restrict,
 * driftfile, keys, statistics). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static const char *const comments[] = {
	"# Permit time synchronization with our time source, but do not",
	"# permit the source to query or modify the service on this system.",
	"# Hosts on local network are less restricted.",
	"# Use public servers from the pool.ntp.org project.",
	"# Undisciplined Local Clock. This is a fake driver intended for backup",
	"# and when no outside source of synchronized time is available.",
	"# Drift file.  Put this in a directory which the daemon can write to.",
	"#",
};

static const char *const opts[] = {
	"", " iburst", " prefer", " burst iburst", " minpoll 6 maxpoll 10", " key 1",
	" version 3", " iburst minpoll 4",
};

static const char *const flags[] = {
	" kod nomodify notrap nopeer noquery", " nomodify notrap", " noquery", " ignore",
	" kod notrap nomodify nopeer noquery limited", "",
};

/* a unicast address that is not loopback: 1.0.0.1 to 223.255.255.255, 127 left out */
static int
unicast(uint64_t *s, char *out, size_t cap)
{
	unsigned a = (unsigned)rnd(s), first = 1 + (a & 0xff) % 222;

	if (first == 127)
		first = 128;
	return snprintf(out, cap, "%u.%u.%u.%u", first, (a >> 8) & 0xff, (a >> 16) & 0xff,
	    1 + (a >> 24) % 254);
}

/* one line into out; returns its length. Lines that may appear only once (driftfile, keys,
 * ...) are in the header; the body repeats what a file can hold many of, so a large file
 * is large without being one long list of findings */
static int
line(uint64_t *s, char *out, size_t cap)
{
	char addr[32];
	unsigned a = (unsigned)rnd(s);

	switch (rnd(s) % 16) {
	case 0: case 1: case 2: case 3:
		return snprintf(out, cap, "%s\n", comments[rnd(s) % 8]);
	case 4:
		return snprintf(out, cap, "\n");
	case 5: case 6: case 7: case 8:
		unicast(s, addr, sizeof(addr));
		return snprintf(out, cap, "server %s%s\n", addr, opts[rnd(s) % 8]);
	case 9:
		return snprintf(out, cap, "server ntp%u.example.com%s\n", a, opts[rnd(s) % 8]);
	case 10:
		return snprintf(out, cap, "peer 10.%u.%u.%u\n", a & 0xff, (a >> 8) & 0xff,
		    1 + (a >> 16) % 254);
	case 11: case 12: case 13:
		unicast(s, addr, sizeof(addr));
		return snprintf(out, cap, "restrict %s mask 255.255.255.255%s\n", addr,
		    flags[rnd(s) % 6]);
	case 14:
		return snprintf(out, cap, "restrict 10.%u.%u.0 mask 255.255.255.0%s\n", a & 0xff,
		    (a >> 8) & 0xff, flags[rnd(s) % 6]);
	default:
		return snprintf(out, cap, "#server 127.127.1.0\n#fudge 127.127.1.0 stratum 10\n");
	}
}

static int
write_file(const char *path, uint64_t *s, size_t want)
{
	FILE *f = fopen(path, "wb");
	char buf[256];
	size_t len = 0;
	int n;

	if (f == NULL) {
		fprintf(stderr, "gen_conf: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fputs("restrict default kod nomodify notrap nopeer noquery\nrestrict 127.0.0.1\n"
	    "driftfile /var/lib/ntp/drift\nkeys /etc/ntp/keys\ntrustedkey 1\n"
	    "statistics loopstats peerstats\nfilegen loopstats file loopstats type day enable\n"
	    "tinker panic 0\n", f);
	while (len < want) {
		n = line(s, buf, sizeof(buf));
		fwrite(buf, 1, (size_t)n, f);
		len += (size_t)n;
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "gen_conf: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	uint64_t seed = 0x65736e7470ULL;
	char path[4096];
	long i, n;

	if (argc == 4 && strcmp(argv[1], "-n") == 0) {
		n = strtol(argv[2], NULL, 10);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%05ld.conf", argv[3], i);
			if (write_file(path, &seed, 300 + rnd(&seed) % 1200) != 0)
				return 1;
		}
		return 0;
	}
	if (argc == 3)
		return write_file(argv[2], &seed, strtoull(argv[1], NULL, 10));
	fprintf(stderr, "usage: gen_conf BYTES FILE | gen_conf -n COUNT DIR\n");
	return 2;
}
