/* probe_sys: struct probe_io on the real system: UDP sockets, poll(), clock_gettime(),
 * getaddrinfo_a() under a time limit, the hardware clock read with RTC_RD_TIME (the
 * device is opened read-only and only read), getrandom(). */
#include "probe.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/rtc.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <unistd.h>

#include "util.h"

static void
sys_now(void *ctx, clockid_t clock, struct timespec *ts)
{
	if (clock_gettime(clock, ts) != 0)
		memset(ts, 0, sizeof(*ts));
}

static int
sys_open(void *ctx, const struct sockaddr *to, socklen_t tolen)
{
	int fd = socket(to->sa_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), e;

	if (fd < 0)
		return -1;
	/* connected: the kernel drops datagrams from any other address and port, and
	 * reports an ICMP port unreachable as ECONNREFUSED (what ntpq shows as
	 * "Connection refused") */
	if (connect(fd, to, tolen) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int
sys_send(void *ctx, int fd, const void *buf, size_t len)
{
	ssize_t n = send(fd, buf, len, 0);

	if (n < 0)
		return -1;
	if ((size_t)n != len) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

static int
sys_wait(void *ctx, const int *fds, size_t n, int ms, bool *ready)
{
	struct pollfd p[PROBE_MAX_SERVERS];
	size_t i;
	int r;

	if (n > PROBE_MAX_SERVERS) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++) {
		p[i].fd = fds[i];
		p[i].events = POLLIN;
		p[i].revents = 0;
	}
	r = poll(p, (nfds_t)n, ms);
	if (r < 0)
		return -1;
	/* POLLERR too: a pending ICMP error is read by the next recv */
	for (i = 0; i < n; i++)
		ready[i] = p[i].revents != 0;
	return r;
}

static ssize_t
sys_recv(void *ctx, int fd, void *buf, size_t cap, struct sockaddr_storage *from,
    socklen_t *fromlen)
{
	return recvfrom(fd, buf, cap, MSG_DONTWAIT, (struct sockaddr *)from, fromlen);
}

static void
sys_close(void *ctx, int fd)
{
	close(fd);
}

/* one request to the resolver's thread; heap, since a request that cannot be cancelled
 * in time still belongs to that thread (as in addrbook.c) */
struct query {
	struct gaicb cb;
	struct addrinfo hints;
};

static void
sys_resolve(void *ctx, struct probe_name *v, size_t n, int ms)
{
	struct query **q = xcalloc(n ? n : 1, sizeof(*q));
	struct gaicb **list = xcalloc(n ? n : 1, sizeof(*list));
	struct timespec start, now, left;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		q[i] = xcalloc(1, sizeof(*q[i]));
		q[i]->hints.ai_family = AF_UNSPEC;
		q[i]->hints.ai_socktype = SOCK_DGRAM;
		q[i]->cb.ar_name = xstrdup(v[i].name);
		q[i]->cb.ar_request = &q[i]->hints;
		list[i] = &q[i]->cb;
		v[i].salen = 0;
		v[i].why[0] = '\0';
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (n > 0 && (r = getaddrinfo_a(GAI_NOWAIT, list, (int)n, NULL)) != 0) {
		for (i = 0; i < n; i++)
			snprintf(v[i].why, sizeof(v[i].why), "%s", gai_strerror(r));
		goto done;
	}
	for (;;) {
		int64_t used, rest;
		bool pending = false;

		for (i = 0; i < n; i++)
			pending |= gai_error(list[i]) == EAI_INPROGRESS;
		if (!pending)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		used = (int64_t)(now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000;
		rest = ms - used;
		if (rest <= 0)
			break;
		left.tv_sec = (time_t)(rest / 1000);
		left.tv_nsec = (long)(rest % 1000) * 1000000L;
		gai_suspend((const struct gaicb *const *)list, (int)n, &left);
	}
	for (i = 0; i < n; i++) {
		const struct addrinfo *ai;

		r = gai_error(list[i]);
		if (r == EAI_INPROGRESS) {
			snprintf(v[i].why, sizeof(v[i].why), "no answer within %d ms", ms);
			if (gai_cancel(list[i]) != EAI_CANCELED)
				q[i] = NULL;	/* the resolver thread still uses it */
			continue;
		}
		if (r != 0) {
			snprintf(v[i].why, sizeof(v[i].why), "%s", gai_strerror(r));
			continue;
		}
		for (ai = q[i]->cb.ar_result; ai != NULL; ai = ai->ai_next)
			if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6) &&
			    ai->ai_addrlen <= sizeof(v[i].sa)) {
				memcpy(&v[i].sa, ai->ai_addr, ai->ai_addrlen);
				v[i].salen = ai->ai_addrlen;
				break;
			}
		if (v[i].salen == 0)
			snprintf(v[i].why, sizeof(v[i].why), "no IPv4 or IPv6 address in the answer");
		freeaddrinfo(q[i]->cb.ar_result);
	}
done:
	for (i = 0; i < n; i++)
		if (q[i] != NULL) {
			free((char *)(uintptr_t)q[i]->cb.ar_name);
			free(q[i]);
		}
	free(q);
	free(list);
}

static int
sys_rtc(void *ctx, struct tm *tm, const char **path)
{
	static const char *const devs[] = { "/dev/rtc", "/dev/rtc0" };
	struct rtc_time rt;
	size_t i;
	int fd = -1, e = ENOENT;

	for (i = 0; i < sizeof(devs) / sizeof(devs[0]) && fd < 0; i++) {
		/* read-only: the probe never sets the hardware clock */
		fd = open(devs[i], O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			e = errno;
		else
			*path = devs[i];
	}
	if (fd < 0)
		return e;
	memset(&rt, 0, sizeof(rt));
	if (ioctl(fd, RTC_RD_TIME, &rt) != 0) {
		e = errno;
		close(fd);
		return e;
	}
	close(fd);
	memset(tm, 0, sizeof(*tm));
	tm->tm_sec = rt.tm_sec;
	tm->tm_min = rt.tm_min;
	tm->tm_hour = rt.tm_hour;
	tm->tm_mday = rt.tm_mday;
	tm->tm_mon = rt.tm_mon;
	tm->tm_year = rt.tm_year;
	return 0;
}

static void
sys_random(void *ctx, void *buf, size_t n)
{
	unsigned char *p = buf;
	ssize_t got;

	while (n > 0) {
		got = getrandom(p, n, GRND_NONBLOCK);
		if (got <= 0) {
			/* no entropy yet (early boot): the clock's nanoseconds, less unpredictable
			 * but still a nonce */
			struct timespec ts;

			clock_gettime(CLOCK_MONOTONIC, &ts);
			while (n > 0) {
				*p++ ^= (unsigned char)(ts.tv_nsec ^ (ts.tv_nsec >> 8) ^ (long)n * 131);
				n--;
			}
			return;
		}
		p += got;
		n -= (size_t)got;
	}
}

const struct probe_io probe_io_system = {
	.ctx = NULL,
	.now = sys_now,
	.open = sys_open,
	.send = sys_send,
	.wait = sys_wait,
	.recv = sys_recv,
	.close = sys_close,
	.resolve = sys_resolve,
	.rtc = sys_rtc,
	.random = sys_random,
};
