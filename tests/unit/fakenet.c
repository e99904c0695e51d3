/* fakenet: see fakenet.h */
#include "fakenet.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

void
fn_sockaddr(const char *addr, int port, struct sockaddr_storage *sa, socklen_t *len)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)sa;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)sa;

	memset(sa, 0, sizeof(*sa));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		*len = sizeof(*s4);
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*s6);
	} else {
		*len = 0;
	}
}

static bool
same(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return memcmp(&((const struct sockaddr_in *)a)->sin_addr,
		    &((const struct sockaddr_in *)b)->sin_addr, 4) == 0 &&
		    ((const struct sockaddr_in *)a)->sin_port == ((const struct sockaddr_in *)b)->sin_port;
	return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
	    &((const struct sockaddr_in6 *)b)->sin6_addr, 16) == 0 &&
	    ((const struct sockaddr_in6 *)a)->sin6_port == ((const struct sockaddr_in6 *)b)->sin6_port;
}

static void
fn_now(void *ctx, clockid_t clock, struct timespec *ts)
{
	struct fakenet *n = ctx;
	int64_t ms = clock == CLOCK_REALTIME ? fn_wall_ms(n) : n->mono_ms;

	ts->tv_sec = (time_t)(ms / 1000);
	ts->tv_nsec = (long)(ms % 1000) * 1000000L;
}

static int
fn_open(void *ctx, const struct sockaddr *to, socklen_t tolen)
{
	struct fakenet *n = ctx;
	int i;

	for (i = 0; i < FN_MAX_SOCK; i++)
		if (!n->s[i].used) {
			memset(&n->s[i], 0, sizeof(n->s[i]));
			n->s[i].used = true;
			memcpy(&n->s[i].to, to, tolen);
			n->opens++;
			return i + 100;
		}
	errno = EMFILE;
	return -1;
}

static struct fn_sock *
sock(struct fakenet *n, int fd)
{
	if (fd < 100 || fd >= 100 + FN_MAX_SOCK || !n->s[fd - 100].used)
		return NULL;
	return &n->s[fd - 100];
}

static int
fn_send(void *ctx, int fd, const void *buf, size_t len)
{
	struct fakenet *n = ctx;
	struct fn_sock *s = sock(n, fd);
	struct fn_endpoint *e = NULL;
	static struct fn_dgram out[16];
	size_t i, k;

	if (s == NULL) {
		errno = EBADF;
		return -1;
	}
	n->sends++;
	for (i = 0; i < n->nep; i++)
		if (same(&n->ep[i].sa, &s->to))
			e = &n->ep[i];
	if (e == NULL || e->kind == FN_REFUSE) {
		s->err = ECONNREFUSED;
		return 0;
	}
	e->requests++;
	if (e->kind == FN_SILENT)
		return 0;
	memset(out, 0, sizeof(out));
	k = e->answer(n, e->ctx, buf, len, out, 16);
	for (i = 0; i < k && s->nq < FN_QUEUE; i++) {
		struct fn_queued *q = &s->q[s->nq++];

		memcpy(q->buf, out[i].buf, out[i].len);
		q->len = out[i].len;
		q->from = out[i].from.ss_family != 0 ? out[i].from : e->sa;
		q->at_ms = n->mono_ms + out[i].delay_ms;
	}
	return 0;
}

/* the earliest moment something is readable on s, or -1 */
static int64_t
ready_at(const struct fakenet *n, const struct fn_sock *s)
{
	int64_t t = -1;
	size_t i;

	if (s->err)
		return n->mono_ms;
	for (i = 0; i < s->nq; i++)
		if (t < 0 || s->q[i].at_ms < t)
			t = s->q[i].at_ms;
	return t;
}

static int
fn_wait(void *ctx, const int *fds, size_t nfds, int ms, bool *ready)
{
	struct fakenet *n = ctx;
	int64_t first = -1;
	size_t i;
	int k = 0;

	for (i = 0; i < nfds; i++) {
		struct fn_sock *s = sock(n, fds[i]);
		int64_t t = s != NULL ? ready_at(n, s) : -1;

		if (t >= 0 && (first < 0 || t < first))
			first = t;
	}
	if (first < 0 || first > n->mono_ms + ms) {
		n->mono_ms += ms;
		return 0;
	}
	if (first > n->mono_ms)
		n->mono_ms = first;
	for (i = 0; i < nfds; i++) {
		struct fn_sock *s = sock(n, fds[i]);
		int64_t t = s != NULL ? ready_at(n, s) : -1;

		ready[i] = t >= 0 && t <= n->mono_ms;
		k += ready[i];
	}
	return k;
}

static ssize_t
fn_recv(void *ctx, int fd, void *buf, size_t cap, struct sockaddr_storage *from,
    socklen_t *fromlen)
{
	struct fakenet *n = ctx;
	struct fn_sock *s = sock(n, fd);
	size_t i, len;

	if (s == NULL) {
		errno = EBADF;
		return -1;
	}
	if (s->err) {
		errno = s->err;
		s->err = 0;
		return -1;
	}
	for (i = 0; i < s->nq; i++)
		if (s->q[i].at_ms <= n->mono_ms)
			break;
	if (i == s->nq) {
		errno = EAGAIN;
		return -1;
	}
	len = s->q[i].len < cap ? s->q[i].len : cap;
	memcpy(buf, s->q[i].buf, len);
	*from = s->q[i].from;
	*fromlen = from->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
	    sizeof(struct sockaddr_in);
	memmove(&s->q[i], &s->q[i + 1], (s->nq - i - 1) * sizeof(s->q[0]));
	s->nq--;
	return (ssize_t)len;
}

static void
fn_close(void *ctx, int fd)
{
	struct fakenet *n = ctx;
	struct fn_sock *s = sock(n, fd);

	if (s != NULL) {
		s->used = false;
		n->closes++;
	}
}

static void
fn_resolve(void *ctx, struct probe_name *v, size_t nv, int ms)
{
	struct fakenet *n = ctx;
	size_t i, j;

	n->resolves++;
	for (i = 0; i < nv; i++) {
		v[i].salen = 0;
		snprintf(v[i].why, sizeof(v[i].why), "Name or service not known");
		for (j = 0; j < n->nnames; j++)
			if (strcmp(n->names[j], v[i].name) == 0)
				fn_sockaddr(n->addrs[j], 0, &v[i].sa, &v[i].salen);
	}
}

static int
fn_rtc(void *ctx, struct tm *tm, const char **path)
{
	struct fakenet *n = ctx;

	if (n->rtc_err)
		return n->rtc_err;
	*tm = n->rtc;
	*path = "/dev/rtc";
	return 0;
}

static void
fn_random(void *ctx, void *buf, size_t len)
{
	struct fakenet *n = ctx;
	unsigned char *p = buf;

	while (len--) {
		n->rnd = n->rnd * 1103515245u + 12345u;
		*p++ = (unsigned char)(n->rnd >> 16);
	}
}

void
fn_init(struct fakenet *n)
{
	memset(n, 0, sizeof(*n));
	n->io.ctx = n;
	n->io.now = fn_now;
	n->io.open = fn_open;
	n->io.send = fn_send;
	n->io.wait = fn_wait;
	n->io.recv = fn_recv;
	n->io.close = fn_close;
	n->io.resolve = fn_resolve;
	n->io.rtc = fn_rtc;
	n->io.random = fn_random;
	n->mono_ms = 1000;
	n->wall0_ms = 1796337000000LL;	/* December 2026 */
	n->rtc_err = ENOENT;
	n->rnd = 42;
}

struct fn_endpoint *
fn_add(struct fakenet *n, const char *addr, enum fn_kind kind, fn_answer_fn *answer, void *ctx)
{
	struct fn_endpoint *e = &n->ep[n->nep++];

	memset(e, 0, sizeof(*e));
	fn_sockaddr(addr, 123, &e->sa, &e->salen);
	e->kind = kind;
	e->answer = answer;
	e->ctx = ctx;
	return e;
}

int64_t
fn_wall_ms(const struct fakenet *n)
{
	return n->wall0_ms + n->mono_ms;
}

unsigned
fn_open_sockets(const struct fakenet *n)
{
	unsigned i, k = 0;

	for (i = 0; i < FN_MAX_SOCK; i++)
		k += n->s[i].used;
	return k;
}
