/* --probe on a scripted network (fakenet.h): what the probe asks and believes, that every
 * wait is bounded, and where each PRB rule fires and stays silent. Time is virtual: a
 * time-out is measured to the millisecond and costs nothing. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#include "fakenet.h"
#include "lint.h"
#include "probe.h"

#define TIMEOUT 200	/* ms a try */

/* ---- a fake ntpd (mode 6) ---- */

enum ntpd_mode {
	NTPD_OK,
	NTPD_GARBAGE,		/* answers every request with junk */
	NTPD_OTHER_ADDR,	/* right answers, from 127.0.0.2 */
	NTPD_NO_READVAR,	/* answers READSTAT only */
	NTPD_REVERSED,		/* fragments last first, the first one twice */
	NTPD_PERMISSION		/* an error response: permission denied */
};

struct fake_peer {
	uint16_t assoc, status;
	const char *vars;
};

struct fake_ntpd {
	uint16_t sys_status;
	const char *sysvars;
	struct fake_peer peer[8];
	size_t npeers;
	enum ntpd_mode mode;
	size_t frag;		/* data bytes a fragment, 468 when 0 */
};

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static size_t
ntpd_answer(struct fakenet *n, void *ctx, const uint8_t *req, size_t len,
    struct fn_dgram *out, size_t max)
{
	struct fake_ntpd *d = ctx;
	uint8_t op = req[1] & 0x1f, data[CTL_MAX_RESP];
	unsigned seq = (unsigned)req[2] << 8 | req[3], assoc = (unsigned)req[6] << 8 | req[7];
	size_t dlen = 0, i, k = 0, fs = d->frag ? d->frag : CTL_MAX_DATA, off;
	unsigned status = d->sys_status;
	const char *text = NULL;

	(void)n;
	assert_true(len >= CTL_HDR_LEN);
	if (d->mode == NTPD_GARBAGE) {
		static const char junk[] = "\x17\x00\x03\x2a junk that is no mode 6 response";

		memcpy(out[0].buf, junk, sizeof(junk));
		out[0].len = sizeof(junk);
		return 1;
	}
	if (d->mode == NTPD_NO_READVAR && op == CTL_OP_READVAR)
		return 0;
	if (op == CTL_OP_READSTAT) {
		for (i = 0; i < d->npeers; i++) {
			put16(data + dlen, d->peer[i].assoc);
			put16(data + dlen + 2, d->peer[i].status);
			dlen += 4;
		}
	} else if (assoc == 0) {
		text = d->sysvars;
	} else {
		for (i = 0; i < d->npeers; i++)
			if (d->peer[i].assoc == assoc) {
				text = d->peer[i].vars;
				status = d->peer[i].status;
			}
	}
	if (text != NULL) {
		dlen = strlen(text);
		memcpy(data, text, dlen);
	}
	for (off = 0; k < max; off += fs) {
		struct fn_dgram *g = &out[k++];
		size_t cnt = dlen - off < fs ? dlen - off : fs;

		g->buf[0] = 0x16;
		g->buf[1] = (uint8_t)(0x80 | op | (off + cnt < dlen ? 0x20 : 0));
		put16(g->buf + 2, seq);
		put16(g->buf + 4, status);
		put16(g->buf + 6, assoc);
		put16(g->buf + 8, (unsigned)off);
		put16(g->buf + 10, (unsigned)cnt);
		if (d->mode == NTPD_PERMISSION) {
			g->buf[1] |= 0x40;
			put16(g->buf + 4, 1 << 8);
		}
		memcpy(g->buf + 12, data + off, cnt);
		g->len = 12 + ((cnt + 3) & ~(size_t)3);
		if (d->mode == NTPD_OTHER_ADDR) {
			socklen_t sl;

			fn_sockaddr("127.0.0.2", 123, &g->from, &sl);
		}
		if (off + cnt >= dlen)
			break;
	}
	if (d->mode == NTPD_REVERSED && k > 1 && k < max) {
		for (i = 0; i < k / 2; i++) {
			struct fn_dgram t = out[i];

			out[i] = out[k - 1 - i];
			out[k - 1 - i] = t;
		}
		out[k] = out[k - 1];
		k++;
	}
	return k;
}

/* ---- a fake NTP server (mode 4) ---- */

enum srv_mode {
	SRV_OK,
	SRV_BAD_ORIGIN_FIRST,	/* a reply with another origin, then the right one */
	SRV_OTHER_ADDR_FIRST,	/* the right reply from 192.0.2.99 first, then from itself */
	SRV_OTHER_ADDR_ONLY	/* right replies, always from 192.0.2.99 */
};

struct fake_srv {
	int64_t offset_ms;	/* its clock minus ours */
	uint8_t leap, stratum;
	const char *refid;
	enum srv_mode mode;
	int64_t delay_ms;	/* round trip */
};

static void
put_ts(uint8_t *p, int64_t unix_ms)
{
	struct ntp_ts t = ntp_ts_from_unix(unix_ms / 1000, (long)(unix_ms % 1000) * 1000000L);

	put16(p, t.sec >> 16);
	put16(p + 2, t.sec & 0xffff);
	put16(p + 4, t.frac >> 16);
	put16(p + 6, t.frac & 0xffff);
}

static size_t
srv_answer(struct fakenet *n, void *ctx, const uint8_t *req, size_t len,
    struct fn_dgram *out, size_t max)
{
	struct fake_srv *s = ctx;
	int64_t t2 = fn_wall_ms(n) + s->offset_ms + s->delay_ms / 2;
	uint8_t *p = out[0].buf;
	socklen_t sl;

	assert_int_equal(len, NTP_HDR_LEN);
	assert_int_equal(req[0], 0x23);
	memset(p, 0, NTP_HDR_LEN);
	p[0] = (uint8_t)(s->leap << 6 | 4 << 3 | 4);
	p[1] = s->stratum;
	p[2] = 6;
	p[3] = 0xec;
	if (s->refid != NULL)
		memcpy(p + 12, s->refid, strlen(s->refid) < 4 ? strlen(s->refid) : 4);
	put_ts(p + 16, t2 - 10000);
	memcpy(p + 24, req + 40, 8);		/* origin: the request's transmit time */
	put_ts(p + 32, t2);
	put_ts(p + 40, t2);
	out[0].len = NTP_HDR_LEN;
	out[0].delay_ms = s->delay_ms;
	if (s->mode == SRV_OK)
		return 1;
	out[1] = out[0];
	out[1].delay_ms = s->delay_ms + 1;
	if (s->mode == SRV_BAD_ORIGIN_FIRST)
		out[0].buf[31] ^= 1;
	else
		fn_sockaddr("192.0.2.99", 123, &out[0].from, &sl);
	if (s->mode == SRV_OTHER_ADDR_ONLY)
		out[1].from = out[0].from;
	(void)max;
	return 2;
}

/* ---- hosts ---- */

struct root {
	char dir[64];
};

enum root_fw { ROOT_FW_OPEN, ROOT_FW_CLOSED, ROOT_FW_NONE };

static void
root_make(struct root *r, const char *conf, enum root_fw fw)
{
	static const char hosts[] = "127.0.0.1\tlocalhost\n192.0.2.11\tntp2.example\n";

	strcpy(r->dir, "/tmp/esxntp-probe-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	put_file(r->dir, "etc/ntp.conf", conf, strlen(conf));
	put_file(r->dir, "etc/vmware-release", "VMware ESX Server 3\n", 20);
	put_file(r->dir, "etc/hosts", hosts, strlen(hosts));
	if (fw == ROOT_FW_OPEN)
		put_file(r->dir, "etc/vmware/esx.conf",
		    "/firewall/services/ntpClient/enabled = \"true\"\n", 46);
	else if (fw == ROOT_FW_CLOSED)
		put_file(r->dir, "etc/vmware/esx.conf",
		    "/firewall/services/ntpClient/enabled = \"false\"\n", 47);
}

static void
root_rm(struct root *r)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", r->dir);
	assert_int_equal(system(cmd), 0);
}

static void
probe_lint(struct host *h, const struct root *r, struct fakenet *n, int64_t max_offset_ns)
{
	struct probe_opts po = { &n->io, TIMEOUT, max_offset_ns };
	struct lint_opts o = { .ntp_version = -1, .max_file_size = DEFAULT_MAX_FILE_SIZE,
	    .probe = &po };

	host_lint(h, r->dir, true, &o);
	diags_sort(&h->diags);
	/* every socket the probe opened is closed again */
	assert_int_equal(fn_open_sockets(n), 0);
}

static int
count(const struct host *h, enum rule_id id)
{
	size_t i;
	int k = 0;

	for (i = 0; i < h->diags.n; i++)
		k += h->diags.v[i].rule == id;
	return k;
}

/* the first finding of rule id, which must exist */
static const struct finding *
first(const struct host *h, enum rule_id id)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == id)
			return &h->diags.v[i];
	fail_msg("no finding %s", rule_table[id].code);
	return NULL;
}

static void
assert_says(const struct finding *f, const char *text)
{
	if (strstr(f->message, text) == NULL)
		fail_msg("'%s' not in: %s", text, f->message);
}

/* the 1-based line of a finding */
static uint32_t
line_of(const struct finding *f)
{
	uint32_t line = 0, col = 0;

	assert_non_null(f->src);
	source_linecol(f->src, f->span.start, &line, &col);
	return line;
}

#define ASSERT_SILENT(id, h) assert_int_equal(count((h), (id)), 0)

/* ntp.conf of the usual host: line 4 the ntpd's system peer, line 5 a name */
static const char conf2[] =
    "restrict default kod nomodify notrap nopeer noquery\n"
    "restrict 127.0.0.1\n"
    "driftfile /var/lib/ntp/drift\n"
    "server 192.0.2.10\n"
    "server ntp2.example\n";

#define PEER1 "srcadr=192.0.2.10, srcport=123, refid=10.1.1.1, stratum=2, hmode=3,\r\n" \
    "hpoll=6, ppoll=6, reach=0xff, delay=1.234, offset=0.500, jitter=0.100"
#define PEER2_REACH(r) "srcadr=192.0.2.11, srcport=123, refid=10.1.1.2, stratum=3, hmode=3, " \
    "hpoll=6, ppoll=7, reach=" r ", delay=2.000, offset=0.700, jitter=0.200"

/* the sys peer 192.0.2.10 (selected), and 192.0.2.11 (a candidate) */
static void
ntpd_usual(struct fake_ntpd *d, const char *reach2)
{
	static char peer2[256];

	memset(d, 0, sizeof(*d));
	d->sys_status = 0x0614;
	d->sysvars = "version=\"ntpd 4.2.0a, with, commas\", leap=0, stratum=3, refid=192.0.2.10, "
	    "peer=101, offset=0.500";
	snprintf(peer2, sizeof(peer2), PEER2_REACH("%s"), reach2);
	d->peer[0] = (struct fake_peer){ 102, 0x9414, peer2 };
	d->peer[1] = (struct fake_peer){ 101, 0x9614, PEER1 };
	d->npeers = 2;
}

static void
net_usual(struct fakenet *n, struct fake_ntpd *d, struct fake_srv *s1, struct fake_srv *s2)
{
	fn_init(n);
	fn_add(n, "127.0.0.1", FN_ANSWER, ntpd_answer, d);
	fn_add(n, "192.0.2.10", FN_ANSWER, srv_answer, s1);
	fn_add(n, "192.0.2.11", FN_ANSWER, srv_answer, s2);
	n->names[0] = "ntp2.example";
	n->addrs[0] = "192.0.2.11";
	n->nnames = 1;
}

static void
test_healthy(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 3, 0, 2, NULL, SRV_OK, 20 }, s2 = { -4, 0, 3, NULL, SRV_OK, 10 };
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct probe_result *p;
	char refid[CTL_TEXT_MAX + 2];

	(void)state;
	ntpd_usual(&d, "0x3f");
	net_usual(&n, &d, &s1, &s2);
	/* the hardware clock agrees (as UTC) */
	{
		time_t t = (time_t)(fn_wall_ms(&n) / 1000);

		gmtime_r(&t, &n.rtc);
		n.rtc_err = 0;
	}
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	ASSERT_SILENT(R_PRB001, &h);
	ASSERT_SILENT(R_PRB002, &h);
	ASSERT_SILENT(R_PRB003, &h);
	ASSERT_SILENT(R_PRB004, &h);
	ASSERT_SILENT(R_PRB005, &h);
	ASSERT_SILENT(R_PRB006, &h);
	ASSERT_SILENT(R_PRB007, &h);
	p = h.probe;
	assert_non_null(p);
	assert_int_equal(p->ntpd, PS_ANSWERED);
	assert_true(probe_synchronised(p));
	/* READSTAT, the system's READVAR, one per association */
	assert_int_equal(p->ntpd_sent, 4);
	assert_int_equal(p->npeers, 2);
	/* listed in association order, as ntpq does */
	assert_int_equal(p->peers[0].a.assoc, 101);
	assert_int_equal(probe_tally(&p->peers[0]), '*');
	assert_int_equal(probe_tally(&p->peers[1]), '+');
	assert_string_equal(probe_peer_remote(&p->peers[0]), "192.0.2.10");
	probe_peer_refid(&p->peers[0], refid);
	assert_string_equal(refid, "10.1.1.1");
	assert_int_equal(probe_peer_type(&p->peers[0]), 'u');
	assert_int_equal(p->peers[1].v.reach, 0x3f);
	assert_true(p->sys.have & SV_PEER);
	assert_int_equal(p->sys.peer, 101);
	assert_ptr_equal(probe_sys_peer(p), &p->peers[0]);
	/* the servers: offsets measured through the round trip */
	assert_int_equal(p->nservers, 2);
	assert_int_equal(p->servers[0].state, PS_ANSWERED);
	assert_int_equal(p->servers[0].verdict, SNTP_OK);
	assert_true(llabs(p->servers[0].offset_ns - 3000000) <= 1000000);
	assert_true(llabs(p->servers[0].delay_ns - 20000000) <= 1000000);
	assert_true(llabs(p->servers[1].offset_ns + 4000000) <= 1000000);
	assert_string_equal(p->servers[1].addr, "192.0.2.11");
	assert_false(p->servers[1].numeric);
	assert_ptr_equal(probe_server_of_peer(p, &p->peers[1]), &p->servers[1]);
	assert_int_equal(p->servers[0].sent, 1);
	assert_int_equal(p->rtc.state, RTC_READ);
	assert_true(llabs(p->rtc.utc_ms) < 1000);
	host_free(&h);
	root_rm(&r);
}

static void
test_ntpd_refused(void **state)
{
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 };
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	(void)state;
	fn_init(&n);
	fn_add(&n, "192.0.2.10", FN_ANSWER, srv_answer, &s1);
	root_make(&r, "server 192.0.2.10\n", ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(count(&h, R_PRB001), 1);
	f = first(&h, R_PRB001);
	assert_says(f, "ntpd is not running");
	assert_says(f, "Connection refused");
	assert_string_equal(f->path, "etc/ntp.conf");
	assert_null(f->src);
	assert_int_equal(h.probe->ntpd, PS_REFUSED);
	/* a refusal is final: no second try */
	assert_int_equal(h.probe->ntpd_sent, 1);
	/* ntpd down: no system peer to judge, no hardware clock read */
	ASSERT_SILENT(R_PRB002, &h);
	ASSERT_SILENT(R_PRB003, &h);
	assert_int_equal(h.probe->rtc.state, RTC_SKIPPED);
	host_free(&h);
	root_rm(&r);
}

static void
test_silence_is_bounded(void **state)
{
	static struct fakenet n;
	struct root r;
	struct host h;
	struct fn_endpoint *ntpd, *s1, *s2;
	int64_t start;
	const struct finding *f;

	(void)state;
	fn_init(&n);
	ntpd = fn_add(&n, "127.0.0.1", FN_SILENT, NULL, NULL);
	s1 = fn_add(&n, "192.0.2.10", FN_SILENT, NULL, NULL);
	s2 = fn_add(&n, "192.0.2.11", FN_SILENT, NULL, NULL);
	n.names[0] = "ntp2.example";
	n.addrs[0] = "192.0.2.11";
	n.nnames = 1;
	root_make(&r, conf2, ROOT_FW_OPEN);
	start = n.mono_ms;
	probe_lint(&h, &r, &n, 0);
	/* 3 tries of 200 ms for ntpd, then 3 of 200 ms for both servers at once */
	assert_int_equal(n.mono_ms - start, 2 * 3 * TIMEOUT);
	assert_int_equal(ntpd->requests, 3);
	assert_int_equal(s1->requests, 3);
	assert_int_equal(s2->requests, 3);
	f = first(&h, R_PRB001);
	assert_says(f, "no answer to 3 mode 6 queries in 0.6 s");
	assert_int_equal(count(&h, R_PRB004), 2);
	f = first(&h, R_PRB004);
	assert_says(f, "server '192.0.2.10' does not answer an SNTP query (3 tries, 0.2 s each)");
	assert_int_equal(line_of(f), 4);
	/* the firewall is open (no FW010, FW011), the name resolves */
	assert_says(f, "neither the firewall nor DNS shows a finding");
	host_free(&h);
	root_rm(&r);
}

static void
test_ntpd_garbage(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	(void)state;
	ntpd_usual(&d, "0xff");
	d.mode = NTPD_GARBAGE;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB001);
	assert_says(f, "3 datagrams back, none a valid response (the last: not a control "
	    "message (mode 6))");
	assert_int_equal(h.probe->ntpd_ignored, 3);
	host_free(&h);
	root_rm(&r);
	/* the right answers from another address are not believed either */
	d.mode = NTPD_OTHER_ADDR;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB001);
	assert_says(f, "the last: from another address");
	host_free(&h);
	root_rm(&r);
	/* an error response is an answer: no retry */
	d.mode = NTPD_PERMISSION;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB001);
	assert_says(f, "error response: permission denied (1)");
	assert_int_equal(h.probe->ntpd_sent, 1);
	host_free(&h);
	root_rm(&r);
}

static void
test_fragments(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;

	(void)state;
	ntpd_usual(&d, "0xff");
	d.mode = NTPD_REVERSED;
	d.frag = 24;		/* many fragments, last first, one twice */
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(h.probe->ntpd, PS_ANSWERED);
	assert_true(h.probe->peers[0].read);
	assert_string_equal(h.probe->peers[0].v.srcadr, "192.0.2.10");
	assert_true(h.probe->peers[0].v.have & PV_JITTER);
	assert_int_equal(h.probe->sys.peer, 101);
	/* the duplicates were ignored, and no request was sent twice */
	assert_int_equal(h.probe->ntpd_sent, 4);
	ASSERT_SILENT(R_PRB001, &h);
	host_free(&h);
	root_rm(&r);
}

static void
test_ntpd_stops_answering(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;
	int64_t start;

	(void)state;
	ntpd_usual(&d, "0xff");
	d.mode = NTPD_NO_READVAR;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	start = n.mono_ms;
	probe_lint(&h, &r, &n, 0);
	/* READSTAT answered at once; the rest shares the phase's 3 x 200 ms */
	assert_int_equal(h.probe->ntpd, PS_ANSWERED);
	assert_false(h.probe->have_sys);
	assert_int_equal(h.probe->peers_unread, 2);
	assert_false(h.probe->peers[0].read);
	assert_true(n.mono_ms - start <= 3 * TIMEOUT + 10 * 2 + 5);
	host_free(&h);
	root_rm(&r);
}

static void
test_no_system_peer(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;

	(void)state;
	ntpd_usual(&d, "0xff");
	d.peer[1].status = 0x9414;	/* a candidate, not selected */
	d.sys_status = 0xc614;
	d.sysvars = "leap=3, stratum=16, refid=INIT, peer=0";
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(count(&h, R_PRB002), 1);
	assert_says(first(&h, R_PRB002), "ntpd has no system peer (no '*' in ntpq -p): the "
	    "clock is not synchronised; 2 of 2 associations reachable");
	/* not synchronised: the hardware clock is not judged */
	assert_int_equal(h.probe->rtc.state, RTC_SKIPPED);
	host_free(&h);
	root_rm(&r);
	/* a system peer, but leap 3 */
	ntpd_usual(&d, "0xff");
	d.sysvars = "leap=3, stratum=3, peer=101";
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_says(first(&h, R_PRB002), "leap indicator 3");
	host_free(&h);
	root_rm(&r);
	/* no association at all */
	ntpd_usual(&d, "0xff");
	d.npeers = 0;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_says(first(&h, R_PRB002), "no association at all");
	host_free(&h);
	root_rm(&r);
}

/* the reach-0 peer 192.0.2.11 (line 5, ntp2.example), with the server's direct answer
 * and the firewall as given; the finding's message */
static void
reach0(enum root_fw fw, enum fn_kind direct, const char *want)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	ntpd_usual(&d, "0x0");
	net_usual(&n, &d, &s1, &s2);
	n.ep[2].kind = direct;
	root_make(&r, conf2, fw);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(count(&h, R_PRB003), 1);
	f = first(&h, R_PRB003);
	assert_says(f, "ntpd has had no answer from 'ntp2.example' (192.0.2.11) in its last 8 "
	    "polls (reach 0)");
	assert_says(f, want);
	assert_int_equal(line_of(f), 5);
	assert_int_equal(count(&h, R_PRB004), direct == FN_ANSWER ? 0 : 1);
	host_free(&h);
	root_rm(&r);
}

static void
test_reach0_causes(void **state)
{
	(void)state;
	reach0(ROOT_FW_CLOSED, FN_SILENT, "likelier the firewall: it does not allow the ntpClient "
	    "service (FW010)");
	reach0(ROOT_FW_NONE, FN_SILENT, "likelier the firewall, whose state cannot be read (FW011), "
	    "than DNS, which answers for the name");
	reach0(ROOT_FW_OPEN, FN_ANSWER, "neither the firewall nor DNS: this host reaches it directly");
	/* even with the firewall closed: the direct answer rules the path out */
	reach0(ROOT_FW_CLOSED, FN_ANSWER, "neither the firewall nor DNS: this host reaches it directly");
	reach0(ROOT_FW_OPEN, FN_SILENT, "neither the firewall nor DNS shows a finding on this host "
	    "(the name resolves)");
}

static void
test_reach0_dns(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	(void)state;
	/* ntp2.example does not resolve now: ntpd's peer 192.0.2.11 matches no line */
	ntpd_usual(&d, "0x0");
	net_usual(&n, &d, &s1, &s2);
	n.nnames = 0;
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB003);
	assert_says(f, "192.0.2.11 (association 102)");
	assert_says(f, "likelier DNS: 'ntp2.example' does not resolve now");
	assert_string_equal(f->path, "etc/ntp.conf");
	f = first(&h, R_PRB004);
	assert_says(f, "server 'ntp2.example' does not resolve (Name or service not known)");
	assert_says(f, "likelier DNS");
	assert_int_equal(line_of(f), 5);
	host_free(&h);
	root_rm(&r);
	/* it resolves now, but not to the address ntpd has */
	net_usual(&n, &d, &s1, &s2);
	n.addrs[0] = "192.0.2.12";
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB003);
	assert_says(f, "likelier DNS: ntpd's address is not what 'ntp2.example' resolves to "
	    "now (192.0.2.12)");
	host_free(&h);
	root_rm(&r);
}

static void
test_server_states(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	(void)state;
	ntpd_usual(&d, "0xff");
	net_usual(&n, &d, &s1, &s2);
	n.ep[1].kind = FN_REFUSE;
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB004);
	assert_says(f, "server '192.0.2.10' refuses NTP: port 123 is unreachable");
	assert_int_equal(h.probe->servers[0].sent, 1);
	host_free(&h);
	root_rm(&r);
	/* replies that are not from the address asked are ignored: only those */
	s2.mode = SRV_OTHER_ADDR_ONLY;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB004);
	assert_says(f, "server 'ntp2.example' (192.0.2.11) does not answer an SNTP query");
	assert_says(f, "6 datagrams back, none a valid reply (the last: from another address)");
	host_free(&h);
	root_rm(&r);
}

static void
test_replies_matched(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_BAD_ORIGIN_FIRST, 10 },
	    s2 = { 0, 0, 2, NULL, SRV_OTHER_ADDR_FIRST, 10 };
	static struct fakenet n;
	struct root r;
	struct host h;

	(void)state;
	ntpd_usual(&d, "0xff");
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	ASSERT_SILENT(R_PRB004, &h);
	assert_int_equal(h.probe->servers[0].state, PS_ANSWERED);
	assert_int_equal(h.probe->servers[0].ignored, 1);
	assert_int_equal(h.probe->servers[1].state, PS_ANSWERED);
	assert_int_equal(h.probe->servers[1].ignored, 1);
	host_free(&h);
	root_rm(&r);
	/* an answer to the first try that arrives after the second was sent counts */
	s1.mode = SRV_OK;
	s1.delay_ms = TIMEOUT + TIMEOUT / 2;
	s2.mode = SRV_OK;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(h.probe->servers[0].state, PS_ANSWERED);
	assert_int_equal(h.probe->servers[0].sent, 2);
	/* the delay is the first try's round trip */
	assert_true(llabs(h.probe->servers[0].delay_ns - (int64_t)s1.delay_ms * 1000000) <= 1000000);
	host_free(&h);
	root_rm(&r);
}

static void
test_offset(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 500, 0, 2, NULL, SRV_OK, 10 }, s2 = { -300, 0, 2, NULL, SRV_OK, 10 };
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	(void)state;
	ntpd_usual(&d, "0xff");
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(count(&h, R_PRB005), 2);
	f = first(&h, R_PRB005);
	assert_says(f, "the system clock is 500.000 ms behind server '192.0.2.10' (ntpdate -q: "
	    "offset +0.500000), more than --max-offset (128.000 ms)");
	assert_int_equal(line_of(f), 4);
	assert_says(&h.diags.v[f - h.diags.v + 1], "ms ahead of server 'ntp2.example'");
	host_free(&h);
	root_rm(&r);
	/* --max-offset 1 s */
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 1000000000LL);
	ASSERT_SILENT(R_PRB005, &h);
	host_free(&h);
	root_rm(&r);
	/* ntpd's own offset to a system peer this host could not ask */
	s1.offset_ms = 0;
	s2.offset_ms = 0;
	ntpd_usual(&d, "0xff");
	d.peer[1].vars = "srcadr=192.0.2.10, refid=10.1.1.1, stratum=2, hmode=3, reach=0xff, "
	    "offset=-250.125";
	net_usual(&n, &d, &s1, &s2);
	n.ep[1].kind = FN_SILENT;
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	f = first(&h, R_PRB005);
	assert_says(f, "ntpd measures an offset of -250.125 ms to its system peer 192.0.2.10");
	host_free(&h);
}

static void
test_unsynchronised(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 3, 2, NULL, SRV_OK, 10 }, s2 = { 0, 0, 16, "INIT", SRV_OK, 10 };
	static struct fakenet n;
	struct root r;
	struct host h;
	const struct finding *f;

	(void)state;
	ntpd_usual(&d, "0xff");
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(count(&h, R_PRB006), 2);
	f = first(&h, R_PRB006);
	assert_says(f, "server '192.0.2.10' is not synchronised (leap indicator 3, stratum 2");
	f = &h.diags.v[f - h.diags.v + 1];
	assert_says(f, "server 'ntp2.example' (192.0.2.11) is not synchronised (leap "
	    "indicator 0, stratum 16, refid 'INIT')");
	/* an unsynchronised server's offset means nothing */
	ASSERT_SILENT(R_PRB005, &h);
	host_free(&h);
	root_rm(&r);
	/* a kiss-o'-death */
	s1.leap = 3;
	s1.stratum = 0;
	s1.refid = "RATE";
	s2.stratum = 2;
	s2.refid = NULL;
	net_usual(&n, &d, &s1, &s2);
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_says(first(&h, R_PRB006), "kiss-o'-death (stratum 0, code 'RATE')");
	host_free(&h);
	root_rm(&r);
	/* what ntpd sees of a source this host could not ask */
	s1.leap = 0;
	s1.stratum = 2;
	s1.refid = NULL;
	ntpd_usual(&d, "0xff");
	d.peer[0].vars = "srcadr=192.0.2.11, refid=INIT, stratum=16, hmode=3, reach=0x7";
	net_usual(&n, &d, &s1, &s2);
	n.ep[2].kind = FN_SILENT;
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_says(first(&h, R_PRB006), "ntpd reaches 'ntp2.example' (192.0.2.11) but it is "
	    "not synchronised (stratum 16)");
	host_free(&h);
	root_rm(&r);
}

static void
rtc_case(struct tm *tm, int err, bool fires, const char *want)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;

	ntpd_usual(&d, "0xff");
	net_usual(&n, &d, &s1, &s2);
	if (tm != NULL)
		n.rtc = *tm;
	n.rtc_err = err;
	root_make(&r, conf2, ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(count(&h, R_PRB007), fires);
	if (fires) {
		assert_string_equal(first(&h, R_PRB007)->path, "dev/rtc");
		assert_says(first(&h, R_PRB007), want);
	} else if (want != NULL) {
		assert_string_equal(h.probe->rtc.why, want);
	}
	host_free(&h);
	root_rm(&r);
}

static void
test_hardware_clock(void **state)
{
	static struct fakenet n;
	struct tm tm;
	time_t t;

	(void)state;
	fn_init(&n);
	/* the probe's lint takes the wall clock at the same virtual moment each time:
	 * TIMEOUT-free exchanges take 10 ms a server */
	setenv("TZ", "EST5", 1);
	tzset();
	t = (time_t)(fn_wall_ms(&n) / 1000);
	/* an hour slow, as UTC and as local time (EST is 5 h from UTC) */
	t -= 3600;
	gmtime_r(&t, &tm);
	rtc_case(&tm, 0, true, "the hardware clock reads ");
	rtc_case(&tm, 0, true, "3600 s behind the system clock taken as UTC (14400 s ahead of it "
	    "taken as local time)");
	/* kept in local time: right */
	t += 3600;
	localtime_r(&t, &tm);
	rtc_case(&tm, 0, false, NULL);
	/* unreadable, or holding no date */
	rtc_case(NULL, EBUSY, false, strerror(EBUSY));
	memset(&tm, 0, sizeof(tm));
	tm.tm_mon = 13;
	rtc_case(&tm, 0, false, "it holds no valid date");
	unsetenv("TZ");
	tzset();
}

static void
test_many_servers(void **state)
{
	char conf[8192];
	size_t i, len = 0;
	static struct fakenet n;
	struct root r;
	struct host h;
	int64_t start;

	(void)state;
	/* 70 distinct servers, nothing answers: 64 asked at once, within one phase */
	for (i = 0; i < 70; i++)
		len += (size_t)snprintf(conf + len, sizeof(conf) - len, "server 198.51.100.%zu\n", i + 1);
	fn_init(&n);
	root_make(&r, conf, ROOT_FW_OPEN);
	start = n.mono_ms;
	probe_lint(&h, &r, &n, 0);
	assert_int_equal(h.probe->nservers, 70);
	assert_int_equal(h.probe->servers[63].state, PS_REFUSED);
	assert_int_equal(h.probe->servers[64].state, PS_NOT_ASKED);
	assert_int_equal(count(&h, R_PRB004), 64);
	assert_true(n.mono_ms - start <= 2 * 3 * TIMEOUT);
	host_free(&h);
	root_rm(&r);
}

static void
test_same_address(void **state)
{
	struct fake_ntpd d;
	struct fake_srv s1 = { 0, 0, 2, NULL, SRV_OK, 10 }, s2 = s1;
	static struct fakenet n;
	struct root r;
	struct host h;

	(void)state;
	ntpd_usual(&d, "0xff");
	net_usual(&n, &d, &s1, &s2);
	n.names[1] = "alias.example";
	n.addrs[1] = "192.0.2.11";
	n.nnames = 2;
	root_make(&r, "server ntp2.example\nserver alias.example\nserver NTP2.example\n", ROOT_FW_OPEN);
	probe_lint(&h, &r, &n, 0);
	/* one line per distinct name; one request per distinct address */
	assert_int_equal(h.probe->nservers, 2);
	assert_int_equal(n.ep[2].requests, 1);
	assert_int_equal(h.probe->servers[1].state, PS_ANSWERED);
	assert_ptr_equal(h.probe->servers[1].same, &h.probe->servers[0]);
	host_free(&h);
	root_rm(&r);
}

/* no --probe: nothing is asked, nothing reported */
static void
test_not_probed(void **state)
{
	struct root r;
	struct host h;
	struct lint_opts o = { .ntp_version = -1, .max_file_size = DEFAULT_MAX_FILE_SIZE };

	(void)state;
	root_make(&r, conf2, ROOT_FW_OPEN);
	host_lint(&h, r.dir, true, &o);
	assert_null(h.probe);
	ASSERT_SILENT(R_PRB001, &h);
	host_free(&h);
	root_rm(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthy),
		cmocka_unit_test(test_ntpd_refused),
		cmocka_unit_test(test_silence_is_bounded),
		cmocka_unit_test(test_ntpd_garbage),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_ntpd_stops_answering),
		cmocka_unit_test(test_no_system_peer),
		cmocka_unit_test(test_reach0_causes),
		cmocka_unit_test(test_reach0_dns),
		cmocka_unit_test(test_server_states),
		cmocka_unit_test(test_replies_matched),
		cmocka_unit_test(test_offset),
		cmocka_unit_test(test_unsynchronised),
		cmocka_unit_test(test_hardware_clock),
		cmocka_unit_test(test_many_servers),
		cmocka_unit_test(test_same_address),
		cmocka_unit_test(test_not_probed),
	};

	return cmocka_run_group_tests_name("probe", tests, NULL, NULL);
}
