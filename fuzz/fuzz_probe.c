/* fuzz_probe: libFuzzer target for the whole of --probe on a network the input scripts:
 * probe.c's conversations (mode 6 and SNTP, retries, deadlines, address checks), every
 * parser behind them, the PRB rules and the probe's text and JSON output. The host is
 * fixed (ntp.conf names two addresses and a name; the firewall is open). Each request the
 * probe sends takes the next script from the input:
 *   byte  R: bits 0-1 how many replies, bit 2 an ICMP refusal instead
 *   per reply: byte F (bit 0 from another address, bit 1 patch the header so that it
 *   matches the request, bits 2-4 its delay in tenths of the time-out), 2 bytes length
 *   (at most 600), then the bytes
 * The first input byte chooses whether the name resolves and whether the hardware clock
 * reads, and which way; nothing left in the input is silence. Time is virtual.
 * Oracles beyond "no crash, no leak, no undefined behaviour": the probe ends within its
 * bound (two phases of 3 time-outs: 600 ms) and closes every socket it opened; whatever
 * came back, the result is consistent (an answered server has a reply verdict, peers
 * within the cap, their text NUL-terminated printable ASCII); every finding points inside
 * its source; the text report and every finding's message are printable ASCII and
 * newlines only (no byte from the network reaches a terminal raw). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint.h"
#include "oracle.h"
#include "output.h"
#include "probe.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TIMEOUT 100
#define NSOCK 16
#define NQ 8

struct dg {
	uint8_t buf[640];
	size_t len;
	bool other;
	int64_t at;
};

struct fsock {
	bool used;
	struct sockaddr_storage to;
	struct dg q[NQ];
	size_t nq;
	int err;
};

static struct {
	const uint8_t *d;
	size_t n, at;
	int64_t mono;
	struct fsock s[NSOCK];
	unsigned opened, closed;
	uint8_t ctl;
} fz;

static int
next(void)
{
	return fz.at < fz.n ? fz.d[fz.at++] : -1;
}

static void
f_now(void *ctx, clockid_t clock, struct timespec *ts)
{
	int64_t ms = clock == CLOCK_REALTIME ? 1796337000000LL + fz.mono : fz.mono;

	ts->tv_sec = (time_t)(ms / 1000);
	ts->tv_nsec = (long)(ms % 1000) * 1000000L;
}

static int
f_open(void *ctx, const struct sockaddr *to, socklen_t tolen)
{
	int i;

	for (i = 0; i < NSOCK; i++)
		if (!fz.s[i].used) {
			memset(&fz.s[i], 0, sizeof(fz.s[i]));
			fz.s[i].used = true;
			memcpy(&fz.s[i].to, to, tolen);
			fz.opened++;
			return i + 10;
		}
	errno = EMFILE;
	return -1;
}

static struct fsock *
sk(int fd)
{
	FUZZ_ASSERT(fd >= 10 && fd < 10 + NSOCK && fz.s[fd - 10].used, "bad descriptor %d", fd);
	return &fz.s[fd - 10];
}

/* makes reply p answer request req: the fields the probe matches on */
static void
patch(uint8_t *p, size_t len, const uint8_t *req, size_t rlen)
{
	if (rlen >= CTL_HDR_LEN && (req[0] & 7) == 6 && len >= CTL_HDR_LEN) {
		p[0] = (uint8_t)((p[0] & 0xc0) | 2 << 3 | 6);
		p[1] = (uint8_t)(0x80 | (p[1] & 0x60) | (req[1] & 0x1f));
		memcpy(p + 2, req + 2, 2);
		memcpy(p + 6, req + 6, 2);
	} else if (rlen >= NTP_HDR_LEN && len >= NTP_HDR_LEN) {
		p[0] = (uint8_t)((p[0] & 0xc0) | 4 << 3 | 4);
		memcpy(p + 24, req + 40, 8);
	}
}

static int
f_send(void *ctx, int fd, const void *buf, size_t len)
{
	struct fsock *s = sk(fd);
	int r = next(), k;

	if (r < 0)
		return 0;
	if (r & 4) {
		s->err = ECONNREFUSED;
		return 0;
	}
	for (k = 0; k < (r & 3); k++) {
		int f = next(), a = next(), b = next();
		struct dg *g;
		size_t n;

		if (f < 0 || a < 0 || b < 0)
			break;
		n = (size_t)(a << 8 | b) % 601;
		if (n > fz.n - fz.at)
			n = fz.n - fz.at;
		if (s->nq == NQ) {
			fz.at += n;
			continue;
		}
		g = &s->q[s->nq++];
		memcpy(g->buf, fz.d + fz.at, n);
		fz.at += n;
		g->len = n;
		g->other = f & 1;
		g->at = fz.mono + ((f >> 2) & 7) * TIMEOUT / 10;
		if (f & 2)
			patch(g->buf, n, buf, len);
	}
	return 0;
}

static int64_t
ready_at(const struct fsock *s)
{
	int64_t t = -1;
	size_t i;

	if (s->err)
		return fz.mono;
	for (i = 0; i < s->nq; i++)
		if (t < 0 || s->q[i].at < t)
			t = s->q[i].at;
	return t;
}

static int
f_wait(void *ctx, const int *fds, size_t n, int ms, bool *ready)
{
	int64_t first = -1;
	size_t i;
	int k = 0;

	FUZZ_ASSERT(ms >= 0, "a negative wait");
	for (i = 0; i < n; i++) {
		int64_t t = ready_at(sk(fds[i]));

		if (t >= 0 && (first < 0 || t < first))
			first = t;
	}
	if (first < 0 || first > fz.mono + ms) {
		fz.mono += ms;
		return 0;
	}
	if (first > fz.mono)
		fz.mono = first;
	for (i = 0; i < n; i++) {
		int64_t t = ready_at(sk(fds[i]));

		ready[i] = t >= 0 && t <= fz.mono;
		k += ready[i];
	}
	return k;
}

static ssize_t
f_recv(void *ctx, int fd, void *buf, size_t cap, struct sockaddr_storage *from,
    socklen_t *fromlen)
{
	struct fsock *s = sk(fd);
	size_t i, len;

	if (s->err) {
		errno = s->err;
		s->err = 0;
		return -1;
	}
	for (i = 0; i < s->nq && s->q[i].at > fz.mono; i++)
		;
	if (i == s->nq) {
		errno = EAGAIN;
		return -1;
	}
	len = s->q[i].len < cap ? s->q[i].len : cap;
	memcpy(buf, s->q[i].buf, len);
	*from = s->to;
	if (s->q[i].other) {
		if (from->ss_family == AF_INET)
			((struct sockaddr_in *)from)->sin_port ^= 1;
		else
			((struct sockaddr_in6 *)from)->sin6_port ^= 1;
	}
	*fromlen = from->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
	    sizeof(struct sockaddr_in);
	memmove(&s->q[i], &s->q[i + 1], (s->nq - i - 1) * sizeof(s->q[0]));
	s->nq--;
	return (ssize_t)len;
}

static void
f_close(void *ctx, int fd)
{
	sk(fd)->used = false;
	fz.closed++;
}

static void
f_resolve(void *ctx, struct probe_name *v, size_t n, int ms)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&v[i].sa;

		memset(&v[i].sa, 0, sizeof(v[i].sa));
		v[i].salen = 0;
		snprintf(v[i].why, sizeof(v[i].why), "no such name");
		if (fz.ctl & 1) {
			s4->sin_family = AF_INET;
			inet_pton(AF_INET, (fz.ctl & 2) ? "192.0.2.3" : "192.0.2.1", &s4->sin_addr);
			v[i].salen = sizeof(*s4);
		}
	}
}

static int
f_rtc(void *ctx, struct tm *tm, const char **path)
{
	time_t t = (time_t)(1796337000 + fz.mono / 1000);
	int b = next();

	if (!(fz.ctl & 4) || b < 0)
		return EBUSY;
	t += (time_t)(b - 128) * (fz.ctl & 8 ? 3600 : 1);
	gmtime_r(&t, tm);
	if (fz.ctl & 16)
		tm->tm_mon = b % 20;	/* sometimes no valid date */
	*path = "/dev/rtc0";
	return 0;
}

static void
f_random(void *ctx, void *buf, size_t n)
{
	static uint32_t x = 1;
	unsigned char *p = buf;

	while (n--) {
		x = x * 1103515245u + 12345u;
		*p++ = (unsigned char)(x >> 16);
	}
}

static const struct probe_io fio = {
	NULL, f_now, f_open, f_send, f_wait, f_recv, f_close, f_resolve, f_rtc, f_random
};

static char *root;

static void
cleanup(void)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "rm -rf '%s'", root);
	if (system(buf) != 0)
		fprintf(stderr, "fuzz_probe: could not remove %s\n", root);
}

static void
put(const char *rel, const char *text)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fp = fopen(path, "w");
	if (fp == NULL || fputs(text, fp) < 0 || fclose(fp) != 0)
		fatal("cannot write %s", path);
}

static void
setup(void)
{
	const char *tmp = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
	char path[4096];

	root = xasprintf("%s/fuzz_probe.XXXXXX", tmp);
	if (mkdtemp(root) == NULL)
		fatal("mkdtemp %s: %s", root, strerror(errno));
	snprintf(path, sizeof(path), "%s/etc", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/etc/vmware", root);
	mkdir(path, 0755);
	put("etc/ntp.conf", "restrict default kod nomodify notrap nopeer noquery\n"
	    "restrict 127.0.0.1\ndriftfile /var/lib/ntp/drift\n"
	    "server 192.0.2.1\nserver 2001:db8::2\nserver ntp.example\n");
	put("etc/vmware-release", "VMware ESX Server 3\n");
	put("etc/vmware/esx.conf", "/firewall/services/ntpClient/enabled = \"true\"\n");
	put("etc/hosts", "127.0.0.1 localhost\n");
	atexit(cleanup);
}

static void
text_only(const char *s, size_t n, const char *what)
{
	size_t i;

	for (i = 0; i < n; i++)
		FUZZ_ASSERT(s[i] == '\n' || (s[i] >= 0x20 && s[i] < 0x7f),
		    "%s holds byte 0x%02x at %zu", what, (unsigned char)s[i], i);
}

static void
check_result(const struct probe_result *r)
{
	size_t i;

	FUZZ_ASSERT(r->npeers <= PROBE_MAX_PEERS, "%zu peers", r->npeers);
	FUZZ_ASSERT(r->ntpd == PS_ANSWERED || r->npeers == 0, "peers without an answer");
	for (i = 0; i < r->npeers; i++) {
		const struct probe_peer *p = &r->peers[i];

		text_only(p->v.srcadr, strnlen(p->v.srcadr, CTL_TEXT_MAX), "srcadr");
		FUZZ_ASSERT(strlen(p->v.srcadr) < CTL_TEXT_MAX && strlen(p->v.refid) < CTL_TEXT_MAX &&
		    strlen(p->v.srchost) < CTL_TEXT_MAX, "peer text not bounded");
		FUZZ_ASSERT(p->read || p->v.have == 0, "variables of a peer not read");
		FUZZ_ASSERT(i == 0 || r->peers[i - 1].a.assoc < p->a.assoc, "peers not in order");
	}
	for (i = 0; i < r->nservers; i++) {
		const struct probe_server *s = &r->servers[i];

		FUZZ_ASSERT(s->state != PS_ANSWERED || sntp_is_reply(s->verdict),
		    "server %zu answered with verdict %d", i, s->verdict);
		FUZZ_ASSERT(s->sent <= PROBE_TRIES, "server %zu asked %u times", i, s->sent);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct probe_opts po = { &fio, TIMEOUT, 0 };
	struct lint_opts lo;
	struct host h;
	struct out_opts oo;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *mem;
	json_t *j;
	int64_t start;

	if (root == NULL)
		setup();
	if (size < 1)
		return 0;
	memset(&fz, 0, sizeof(fz));
	fz.ctl = data[0];
	fz.d = data + 1;
	fz.n = size - 1;
	fz.mono = 5000;
	start = fz.mono;
	memset(&lo, 0, sizeof(lo));
	lo.ntp_version = -1;
	lo.max_file_size = DEFAULT_MAX_FILE_SIZE;
	lo.probe = &po;
	host_lint(&h, root, true, &lo);
	FUZZ_ASSERT(h.probe != NULL, "not probed");
	FUZZ_ASSERT(fz.mono - start <= 2 * PROBE_TRIES * TIMEOUT, "the probe took %lld ms",
	    (long long)(fz.mono - start));
	FUZZ_ASSERT(fz.opened == fz.closed, "%u sockets opened, %u closed", fz.opened, fz.closed);
	check_result(h.probe);
	diags_sort(&h.diags);
	oracle_diags(&h.diags);
	for (i = 0; i < h.diags.n; i++)
		text_only(h.diags.v[i].message, strlen(h.diags.v[i].message), "a message");
	memset(&oo, 0, sizeof(oo));
	mem = open_memstream(&buf, &len);
	FUZZ_ASSERT(mem != NULL, "open_memstream");
	out_probe_text(mem, &h, &oo);
	fclose(mem);
	text_only(buf, len, "the probe's table");
	/* FUZZ_PROBE_SHOW=1 when replaying an input: what the probe made of it */
	if (getenv("FUZZ_PROBE_SHOW") != NULL) {
		fwrite(buf, 1, len, stderr);
		for (i = 0; i < h.diags.n; i++)
			fprintf(stderr, "%s [%s]\n", h.diags.v[i].message,
			    rule_table[h.diags.v[i].rule].code);
	}
	free(buf);
	/* JSON for every other input, by size: it is a tree of small allocations */
	if (size & 1) {
		j = out_probe_json(&h);
		FUZZ_ASSERT(j != NULL, "no probe object");
		buf = json_dumps(j, 0);
		FUZZ_ASSERT(buf != NULL, "the probe object does not serialise");
		free(buf);
		json_decref(j);
	}
	host_free(&h);
	return 0;
}
