/* probe: the conversation with the local ntpd and the servers of ntp.conf (probe.h).
 * Every wait is bounded: a phase (ntpd's, then the servers') lasts at most PROBE_TRIES
 * times the time-out, the names at most PROBE_RESOLVE_MS. */
#include "probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "rules_util.h"
#include "util.h"

/* a datagram read whole: ntpd's largest is 12 + 468 bytes and a MAC; more is junk */
#define PROBE_BUF 2048

struct pc {
	struct host *h;
	const struct probe_io *io;
	struct probe_result *r;
	int64_t timeout_ms;
};

static int64_t
mono_ms(const struct pc *c)
{
	struct timespec ts;

	c->io->now(c->io->ctx, CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct ntp_ts
wall(const struct pc *c)
{
	struct timespec ts;

	c->io->now(c->io->ctx, CLOCK_REALTIME, &ts);
	return ntp_ts_from_unix((int64_t)ts.tv_sec, ts.tv_nsec);
}

static int
wait_ms(int64_t until, int64_t now)
{
	int64_t d = until - now;

	return d <= 0 ? 0 : d > 60000 ? 60000 : (int)d;
}

/* the address and port of a sockaddr, for the "is this reply from whom I asked" test */
static bool
same_endpoint(const struct sockaddr_storage *a, socklen_t alen, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET && alen >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;

		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	if (a->ss_family == AF_INET6 && alen >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;

		return x->sin6_port == y->sin6_port &&
		    memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr)) == 0;
	}
	return false;
}

/* the family and bytes of a numeric address (IPv4-mapped IPv6 taken as IPv4), or 0 */
static int
addr_bin(const char *s, unsigned char out[16])
{
	memset(out, 0, 16);
	if (inet_pton(AF_INET, s, out) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, out) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

		if (memcmp(out, mapped, 12) == 0) {
			memmove(out, out + 12, 4);
			memset(out + 4, 0, 12);
			return AF_INET;
		}
		return AF_INET6;
	}
	return 0;
}

static void
sa_set(struct sockaddr_storage *sa, socklen_t *len, int fam, const unsigned char bin[16])
{
	memset(sa, 0, sizeof(*sa));
	if (fam == AF_INET) {
		struct sockaddr_in *s4 = (void *)sa;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(PROBE_NTP_PORT);
		memcpy(&s4->sin_addr, bin, 4);
		*len = sizeof(*s4);
	} else {
		struct sockaddr_in6 *s6 = (void *)sa;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(PROBE_NTP_PORT);
		memcpy(&s6->sin6_addr, bin, 16);
		*len = sizeof(*s6);
	}
}

/* ---- the local ntpd (mode 6) ---- */

struct conv {
	int fd;
	struct sockaddr_storage sa;
	socklen_t salen;
	uint16_t seq;
	int64_t deadline;	/* of the whole phase */
	const char *ignored_why;	/* the last datagram ignored, and why */
};

/* one request and its whole response in rs; *why says what went wrong otherwise */
static enum probe_state
ctl_ask(struct pc *c, struct conv *cv, uint8_t op, uint16_t assoc, struct ctl_reasm *rs,
    const char **why)
{
	const struct probe_io *io = c->io;
	struct probe_result *r = c->r;
	uint8_t req[CTL_HDR_LEN], buf[PROBE_BUF];
	int try;

	*why = NULL;
	for (try = 0; try < PROBE_TRIES; try++) {
		int64_t now = mono_ms(c), until;
		size_t qlen;

		if (now >= cv->deadline)
			break;
		until = now + c->timeout_ms < cv->deadline ? now + c->timeout_ms : cv->deadline;
		cv->seq++;
		qlen = ctl_request(req, op, cv->seq, assoc);
		ctl_reasm_init(rs);
		r->ntpd_sent++;
		if (io->send(io->ctx, cv->fd, req, qlen) < 0) {
			if (errno == ECONNREFUSED)
				return PS_REFUSED;
			*why = arena_printf(&c->h->arena, "cannot send: %s", strerror(errno));
			return PS_ERROR;
		}
		while ((now = mono_ms(c)) < until) {
			bool ready = false;
			int n = io->wait(io->ctx, &cv->fd, 1, wait_ms(until, now), &ready);

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				*why = arena_printf(&c->h->arena, "cannot wait: %s", strerror(errno));
				return PS_ERROR;
			}
			if (n == 0)
				break;
			for (;;) {
				struct sockaddr_storage from;
				socklen_t flen = sizeof(from);
				struct ctl_frag f;
				enum ctl_verdict v;
				enum ctl_add add;
				uint8_t err;
				ssize_t len;

				memset(&from, 0, sizeof(from));
				len = io->recv(io->ctx, cv->fd, buf, sizeof(buf), &from, &flen);
				if (len < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
					break;
				if (len < 0 && errno == ECONNREFUSED)
					return PS_REFUSED;
				if (len < 0) {
					*why = arena_printf(&c->h->arena, "cannot receive: %s",
					    strerror(errno));
					return PS_ERROR;
				}
				if (!same_endpoint(&from, flen, &cv->sa)) {
					r->ntpd_ignored++;
					cv->ignored_why = "from another address";
					continue;
				}
				v = ctl_parse(buf, (size_t)len, op, cv->seq, assoc, &f, &err);
				if (v == CTL_ERROR) {
					*why = arena_printf(&c->h->arena, "error response: %s (%u)",
					    ctl_error_text(err), err);
					return PS_ERROR;
				}
				if (v != CTL_OK) {
					r->ntpd_ignored++;
					cv->ignored_why = ctl_verdict_text(v);
					continue;
				}
				add = ctl_reasm_add(rs, &f);
				if (add == CTLR_DONE)
					return PS_ANSWERED;
				if (add != CTLR_MORE) {
					r->ntpd_ignored++;
					cv->ignored_why = "a fragment that does not fit the others";
				}
			}
		}
	}
	if (cv->ignored_why != NULL)
		*why = arena_printf(&c->h->arena, "%u datagram%s back, none a valid response "
		    "(the last: %s)", r->ntpd_ignored, r->ntpd_ignored == 1 ? "" : "s",
		    cv->ignored_why);
	return PS_TIMEOUT;
}

static void
peer_address(struct probe_peer *p)
{
	p->fam = 0;
	if (p->v.have & PV_SRCADR)
		p->fam = addr_bin(p->v.srcadr, p->bin);
}

static int
by_assoc(const void *a, const void *b)
{
	const struct ctl_assoc *x = a, *y = b;

	return (x->assoc > y->assoc) - (x->assoc < y->assoc);
}

static void
ask_ntpd(struct pc *c)
{
	struct probe_result *r = c->r;
	const struct probe_io *io = c->io;
	struct ctl_reasm *rs = arena_alloc(&c->h->arena, sizeof(*rs));
	struct ctl_assoc *list;
	struct conv cv;
	unsigned char lo[16] = { 127, 0, 0, 1 };
	enum probe_state st;
	const char *why;
	size_t i, n;

	memset(&cv, 0, sizeof(cv));
	sa_set(&cv.sa, &cv.salen, AF_INET, lo);
	io->random(io->ctx, &cv.seq, sizeof(cv.seq));
	cv.deadline = mono_ms(c) + (int64_t)PROBE_TRIES * c->timeout_ms;
	cv.fd = io->open(io->ctx, (const struct sockaddr *)&cv.sa, cv.salen);
	if (cv.fd < 0) {
		r->ntpd = PS_ERROR;
		r->ntpd_why = arena_printf(&c->h->arena, "cannot open a socket: %s", strerror(errno));
		return;
	}
	st = ctl_ask(c, &cv, CTL_OP_READSTAT, 0, rs, &why);
	r->ntpd = st;
	r->ntpd_why = why;
	if (st != PS_ANSWERED)
		goto out;
	r->sys_status = rs->status;
	list = arena_alloc(&c->h->arena, PROBE_MAX_PEERS * sizeof(*list));
	if (ctl_readstat(rs->data, rs->end, list, PROBE_MAX_PEERS, &n, &r->peers_truncated) < 0) {
		r->ntpd = PS_ERROR;
		r->ntpd_why = arena_printf(&c->h->arena, "a malformed association list "
		    "(%u bytes, not whole pairs)", (unsigned)rs->end);
		goto out;
	}
	/* in association order, as ntpq lists them (ntpq 4.2.0 ntpq_ops.c sortassoc(); NTPsec
	 * 1.2.2 pylib/packet.py readstat()) */
	qsort(list, n, sizeof(*list), by_assoc);
	r->peers = arena_alloc(&c->h->arena, (n ? n : 1) * sizeof(*r->peers));
	r->npeers = n;
	for (i = 0; i < n; i++) {
		r->peers[i].a = list[i];
		r->peers[i].when_s = -1;
	}
	if (ctl_ask(c, &cv, CTL_OP_READVAR, 0, rs, &why) == PS_ANSWERED) {
		ctl_sys_vars(rs->data, rs->end, &r->sys);
		r->have_sys = true;
	}
	for (i = 0; i < n; i++) {
		struct probe_peer *p = &r->peers[i];

		st = ctl_ask(c, &cv, CTL_OP_READVAR, p->a.assoc, rs, &why);
		if (st == PS_ANSWERED) {
			struct ntp_ts now = wall(c);

			p->read = true;
			/* READVAR's status word is the peer's, newer than READSTAT's */
			p->a.status = rs->status;
			ctl_peer_vars(rs->data, rs->end, &p->v);
			peer_address(p);
			if ((p->v.have & PV_REC) && !ntp_ts_is_zero(p->v.rec)) {
				int64_t d = ntp_ts_diff_ns(now, p->v.rec) / 1000000000LL;

				p->when_s = d >= 0 && d < 100000000 ? d : -1;
			}
		} else if (st != PS_ERROR) {
			/* no answer or refused: ntpd stopped answering; the rest is not asked */
			r->peers_unread = n - i;
			break;
		} else {
			r->peers_unread++;
		}
	}
out:
	io->close(io->ctx, cv.fd);
}

/* ---- the servers of ntp.conf (SNTP) ---- */

static void
server_send(struct pc *c, struct probe_server *s, int64_t now)
{
	const struct probe_io *io = c->io;
	struct probe_send *ps = &s->sends[s->sent];
	uint8_t req[NTP_HDR_LEN];

	/* the transmit timestamp is a random nonce: the reply must echo it, and it tells
	 * an off-path sender nothing to forge (the local send time t1 is kept aside) */
	io->random(io->ctx, &ps->xmt, sizeof(ps->xmt));
	sntp_request(req, ps->xmt);
	ps->t1 = wall(c);
	s->sent++;
	s->next_ms = now + c->timeout_ms;
	if (io->send(io->ctx, s->fd, req, sizeof(req)) < 0) {
		if (errno == ECONNREFUSED) {
			s->state = PS_REFUSED;
		} else {
			s->state = PS_ERROR;
			s->why = arena_printf(&c->h->arena, "cannot send: %s", strerror(errno));
		}
		s->done = true;
	}
}

/* reads what came back on s's socket */
static void
server_read(struct pc *c, struct probe_server *s, const char **ignored_why)
{
	const struct probe_io *io = c->io;
	uint8_t buf[PROBE_BUF];

	while (!s->done) {
		struct sockaddr_storage from;
		socklen_t flen = sizeof(from);
		struct sntp_reply rep;
		enum sntp_verdict v = SNTP_ORIGIN;
		struct ntp_ts t4;
		ssize_t len;
		unsigned k;

		memset(&from, 0, sizeof(from));
		len = io->recv(io->ctx, s->fd, buf, sizeof(buf), &from, &flen);
		if (len < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		if (len < 0) {
			if (errno == ECONNREFUSED) {
				s->state = PS_REFUSED;
			} else {
				s->state = PS_ERROR;
				s->why = arena_printf(&c->h->arena, "cannot receive: %s", strerror(errno));
			}
			s->done = true;
			return;
		}
		t4 = wall(c);
		if (!same_endpoint(&from, flen, &s->sa)) {
			s->ignored++;
			*ignored_why = "from another address";
			continue;
		}
		/* a late answer to an earlier try is as good as one to the last */
		for (k = 0; k < s->sent; k++) {
			v = sntp_parse(buf, (size_t)len, s->sends[k].xmt, &rep);
			if (v != SNTP_ORIGIN)
				break;
		}
		if (!sntp_is_reply(v)) {
			s->ignored++;
			*ignored_why = sntp_verdict_text(v);
			continue;
		}
		s->state = PS_ANSWERED;
		s->verdict = v;
		s->reply = rep;
		sntp_offset_delay(s->sends[k].t1, rep.rec, rep.xmt, t4, &s->offset_ns, &s->delay_ns);
		s->done = true;
	}
}

static void
ask_servers(struct pc *c)
{
	struct probe_result *r = c->r;
	const struct probe_io *io = c->io;
	int fds[PROBE_MAX_SERVERS];
	bool ready[PROBE_MAX_SERVERS];
	size_t idx[PROBE_MAX_SERVERS], i, k;
	/* the last datagram each server's socket ignored, and why */
	const char **why = arena_alloc(&c->h->arena, (r->nservers + 1) * sizeof(*why));
	int64_t now = mono_ms(c), deadline = now + (int64_t)PROBE_TRIES * c->timeout_ms;

	for (i = 0; i < r->nservers; i++) {
		struct probe_server *s = &r->servers[i];

		s->fd = -1;
		s->done = s->state != PS_TIMEOUT || s->same != NULL;
		if (s->done)
			continue;
		s->fd = io->open(io->ctx, (const struct sockaddr *)&s->sa, s->salen);
		if (s->fd < 0) {
			s->state = PS_ERROR;
			s->why = arena_printf(&c->h->arena, "cannot open a socket: %s",
			    strerror(errno));
			s->done = true;
			continue;
		}
		server_send(c, s, now);
	}
	for (;;) {
		int64_t next = deadline;
		int n;

		now = mono_ms(c);
		for (k = i = 0; i < r->nservers; i++) {
			struct probe_server *s = &r->servers[i];

			if (s->done)
				continue;
			if (now >= s->next_ms || now >= deadline) {
				if (s->sent < PROBE_TRIES && now < deadline) {
					server_send(c, s, now);
				} else {
					s->done = true;	/* stays PS_TIMEOUT */
					continue;
				}
				if (s->done)
					continue;
			}
			if (s->next_ms < next)
				next = s->next_ms;
			fds[k] = s->fd;
			idx[k] = i;
			ready[k] = false;
			k++;
		}
		if (k == 0)
			break;
		n = io->wait(io->ctx, fds, k, wait_ms(next, now), ready);
		if (n < 0 && errno != EINTR) {
			for (i = 0; i < k; i++) {
				struct probe_server *s = &r->servers[idx[i]];

				s->state = PS_ERROR;
				s->why = arena_printf(&c->h->arena, "cannot wait: %s", strerror(errno));
				s->done = true;
			}
			break;
		}
		for (i = 0; n > 0 && i < k; i++)
			if (ready[i])
				server_read(c, &r->servers[idx[i]], &why[idx[i]]);
	}
	for (i = 0; i < r->nservers; i++) {
		struct probe_server *s = &r->servers[i];

		if (s->fd >= 0)
			io->close(io->ctx, s->fd);
		s->fd = -1;
		if (s->state == PS_TIMEOUT && s->same == NULL && why[i] != NULL)
			s->why = arena_printf(&c->h->arena, "%u datagram%s back, none a valid "
			    "reply (the last: %s)", s->ignored, s->ignored == 1 ? "" : "s", why[i]);
	}
	/* a server of the same address as an earlier one shares its answer */
	for (i = 0; i < r->nservers; i++) {
		struct probe_server *s = &r->servers[i];

		if (s->same != NULL) {
			const struct probe_server *o = s->same;

			s->state = o->state;
			s->why = o->why;
			s->verdict = o->verdict;
			s->reply = o->reply;
			s->offset_ns = o->offset_ns;
			s->delay_ns = o->delay_ns;
		}
	}
}

/* the network servers of ntp.conf, one per distinct name; names resolved together */
static void
gather_servers(struct pc *c)
{
	struct host *h = c->h;
	struct probe_result *r = c->r;
	const struct ntp_model *m = &h->model.ntp;
	struct probe_name *names;
	size_t i, j, n = 0, nnames = 0, asked = 0;

	for (i = 0; m->present && i < m->nsources; i++)
		n += source_is_network(&m->sources[i]);
	r->servers = arena_alloc(&h->arena, (n ? n : 1) * sizeof(*r->servers));
	names = arena_alloc(&h->arena, (n ? n : 1) * sizeof(*names));
	for (i = 0; m->present && i < m->nsources; i++) {
		const struct m_source *src = &m->sources[i];
		struct probe_server *s;
		bool seen = false;

		if (!source_is_network(src))
			continue;
		for (j = 0; j < r->nservers && !seen; j++)
			seen = strcasecmp(r->servers[j].name, src->addr) == 0;
		if (seen)
			continue;
		s = &r->servers[r->nservers++];
		s->src = src;
		s->name = src->addr;
		s->fd = -1;
		s->state = PS_TIMEOUT;
		if (asked == PROBE_MAX_SERVERS) {
			s->state = PS_NOT_ASKED;
			continue;
		}
		asked++;
		s->fam = addr_bin(src->addr, s->bin);
		s->numeric = s->fam != 0;
		if (!s->numeric)
			names[nnames++].name = src->addr;
	}
	if (nnames > 0)
		c->io->resolve(c->io->ctx, names, nnames, PROBE_RESOLVE_MS);
	for (i = j = 0; i < r->nservers; i++) {
		struct probe_server *s = &r->servers[i];
		struct probe_name *pn;

		if (s->state == PS_NOT_ASKED || s->numeric) {
			if (s->numeric)
				sa_set(&s->sa, &s->salen, s->fam, s->bin);
		} else {
			pn = &names[j++];
			if (pn->salen == 0 || (pn->sa.ss_family != AF_INET &&
			    pn->sa.ss_family != AF_INET6)) {
				s->state = PS_UNRESOLVED;
				s->why = arena_strdup(&h->arena, pn->salen == 0 && pn->why[0] ?
				    pn->why : "no address");
				continue;
			}
			/* the resolver's own address, its IPv6 scope included, on port 123 */
			s->sa = pn->sa;
			s->salen = pn->salen;
			if (pn->sa.ss_family == AF_INET) {
				struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&s->sa;

				memcpy(s->bin, &s4->sin_addr, 4);
				s4->sin_port = htons(PROBE_NTP_PORT);
				s->fam = AF_INET;
			} else {
				struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&s->sa;

				memcpy(s->bin, &s6->sin6_addr, 16);
				s6->sin6_port = htons(PROBE_NTP_PORT);
				s->fam = AF_INET6;
			}
		}
		if (s->fam != 0)
			inet_ntop(s->fam, s->bin, s->addr, sizeof(s->addr));
	}
	/* two names of one address: asked once */
	for (i = 0; i < r->nservers; i++)
		for (j = 0; j < i && r->servers[i].fam != 0; j++)
			if (r->servers[j].same == NULL && r->servers[j].fam == r->servers[i].fam &&
			    memcmp(r->servers[j].bin, r->servers[i].bin, 16) == 0) {
				r->servers[i].same = &r->servers[j];
				break;
			}
}

/* ---- the hardware clock ---- */

static bool
tm_valid(const struct tm *tm)
{
	return tm->tm_year >= 70 && tm->tm_year <= 1100 && tm->tm_mon >= 0 && tm->tm_mon <= 11 &&
	    tm->tm_mday >= 1 && tm->tm_mday <= 31 && tm->tm_hour >= 0 && tm->tm_hour <= 23 &&
	    tm->tm_min >= 0 && tm->tm_min <= 59 && tm->tm_sec >= 0 && tm->tm_sec <= 60;
}

static void
read_rtc(struct pc *c)
{
	struct probe_rtc *rt = &c->r->rtc;
	struct timespec now;
	struct tm tm, t2;
	time_t utc, local;
	int64_t now_ms;
	int err;

	if (!probe_synchronised(c->r)) {
		rt->state = RTC_SKIPPED;
		rt->why = "ntpd is not synchronised";
		return;
	}
	memset(&tm, 0, sizeof(tm));
	rt->path = NULL;
	err = c->io->rtc(c->io->ctx, &tm, &rt->path);
	c->io->now(c->io->ctx, CLOCK_REALTIME, &now);
	if (err != 0) {
		rt->state = RTC_UNREADABLE;
		rt->why = arena_strdup(&c->h->arena, strerror(err));
		return;
	}
	if (!tm_valid(&tm)) {
		rt->state = RTC_UNREADABLE;
		rt->why = "it holds no valid date";
		return;
	}
	snprintf(rt->text, sizeof(rt->text), "%04d-%02d-%02d %02d:%02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	t2 = tm;
	utc = timegm(&tm);
	t2.tm_isdst = -1;
	local = mktime(&t2);
	now_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	rt->state = RTC_READ;
	rt->utc_ms = now_ms - (int64_t)utc * 1000;
	rt->local_ms = local == (time_t)-1 ? rt->utc_ms : now_ms - (int64_t)local * 1000;
}

struct probe_result *
probe_run(struct host *h, const struct probe_opts *o)
{
	struct pc c;

	memset(&c, 0, sizeof(c));
	c.h = h;
	c.io = o->io != NULL ? o->io : &probe_io_system;
	c.timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : PROBE_TIMEOUT_MS;
	c.r = arena_alloc(&h->arena, sizeof(*c.r));
	c.r->timeout_ms = (int)c.timeout_ms;
	c.r->tries = PROBE_TRIES;
	c.r->max_offset_ns = o->max_offset_ns > 0 ? o->max_offset_ns : PROBE_MAX_OFFSET_NS;
	ask_ntpd(&c);
	gather_servers(&c);
	ask_servers(&c);
	read_rtc(&c);
	return c.r;
}

/* ---- what the rules and the outputs read ---- */

const struct probe_peer *
probe_sys_peer(const struct probe_result *r)
{
	size_t i;

	if (r->ntpd != PS_ANSWERED)
		return NULL;
	for (i = 0; i < r->npeers; i++)
		if (CTL_PEER_SEL(r->peers[i].a.status) == CTL_SEL_SYSPEER)
			return &r->peers[i];
	return NULL;
}

bool
probe_synchronised(const struct probe_result *r)
{
	int leap;

	if (r->ntpd != PS_ANSWERED || probe_sys_peer(r) == NULL)
		return false;
	leap = r->have_sys && (r->sys.have & SV_LEAP) ? r->sys.leap : CTL_SYS_LI(r->sys_status);
	return leap != 3;
}

char
probe_tally(const struct probe_peer *p)
{
	/* NTPsec 1.2.2 pylib/util.py, PeerSummary.summary(); classic ntpq the same */
	return " x.-+#*o"[CTL_PEER_SEL(p->a.status)];
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool
probe_peer_is_local_or_pool(const struct probe_peer *p)
{
	const char *a = p->v.srcadr;

	return (p->v.have & PV_SRCADR) && (starts(a, "127.127.") || strcmp(a, "0.0.0.0") == 0 ||
	    strcmp(a, "::") == 0 || ((p->v.have & PV_REFID) && strcmp(p->v.refid, "POOL") == 0));
}

const char *
probe_peer_remote(const struct probe_peer *p)
{
	/* NTPsec's ntpq: the address, but a reference clock or a pool by its srchost */
	if (!(p->v.have & PV_SRCADR))
		return p->v.have & PV_SRCHOST ? p->v.srchost : "?";
	if (probe_peer_is_local_or_pool(p) && (p->v.have & PV_SRCHOST) && p->v.srchost[0])
		return p->v.srchost;
	return p->v.srcadr;
}

void
probe_peer_refid(const struct probe_peer *p, char out[CTL_TEXT_MAX + 2])
{
	const char *id = p->v.refid;

	if (!(p->v.have & PV_REFID)) {
		strcpy(out, "-");
		return;
	}
	/* a name (a clock's, or a kiss code) between dots, an address as it is */
	if (strchr(id, '.') == NULL && strchr(id, ':') == NULL)
		snprintf(out, CTL_TEXT_MAX + 2, ".%s.", id);
	else
		snprintf(out, CTL_TEXT_MAX + 2, "%s", id);
}

char
probe_peer_type(const struct probe_peer *p)
{
	if (!(p->v.have & PV_HMODE))
		return '?';
	switch (p->v.hmode) {
	case 1:
		return 's';
	case 2:
		return 'S';
	case 3:
		if (starts(p->v.srcadr, "127.127."))
			return 'l';
		if ((p->v.have & PV_REFID) && strcmp(p->v.refid, "POOL") == 0)
			return 'p';
		if (starts(p->v.srcadr, "224."))
			return 'a';
		return 'u';
	case 5:
		return starts(p->v.srcadr, "224.") ? 'M' : 'B';
	case 6:
		return 'b';
	default:
		return '?';
	}
}

const struct probe_server *
probe_server_of_peer(const struct probe_result *r, const struct probe_peer *p)
{
	size_t i;

	for (i = 0; p->fam != 0 && i < r->nservers; i++)
		if (r->servers[i].fam == p->fam && memcmp(r->servers[i].bin, p->bin, 16) == 0)
			return &r->servers[i];
	return NULL;
}

const struct probe_peer *
probe_peer_of_server(const struct probe_result *r, const struct probe_server *s)
{
	size_t i;

	for (i = 0; s->fam != 0 && i < r->npeers; i++)
		if (r->peers[i].fam == s->fam && memcmp(r->peers[i].bin, s->bin, 16) == 0)
			return &r->peers[i];
	return NULL;
}

const char *
probe_state_text(enum probe_state s)
{
	switch (s) {
	case PS_ANSWERED:
		return "answered";
	case PS_REFUSED:
		return "refused";
	case PS_TIMEOUT:
		return "no answer";
	case PS_ERROR:
		return "error";
	case PS_UNRESOLVED:
		return "unresolved";
	case PS_NOT_ASKED:
		return "not asked";
	}
	return "?";
}
