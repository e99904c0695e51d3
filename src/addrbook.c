#include "addrbook.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "lint.h"
#include "util.h"

static void resolve(struct addr_entry *e, int timeout_ms);

void
addr_book_init(struct addr_book *b, bool resolve_names)
{
	memset(b, 0, sizeof(*b));
	b->resolve = resolve_names;
	b->timeout_ms = ADDR_RESOLVE_MS;
	b->resolver = resolve;
}

void
addr_book_free(struct addr_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		size_t j;

		free(b->v[i].name);
		free(b->v[i].addr);
		free(b->v[i].why);
		for (j = 0; j < b->v[i].nall; j++)
			free(b->v[i].all[j]);
		free(b->v[i].all);
	}
	free(b->v);
	memset(b, 0, sizeof(*b));
}

static bool
is_address(const char *s)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

static struct addr_entry *
find(struct addr_book *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcasecmp(b->v[i].name, name) == 0)
			return &b->v[i];
	return NULL;
}

static struct addr_entry *
add(struct addr_book *b, const char *name, size_t len)
{
	struct addr_entry *e = VEC_PUSH(b->v, b->n, b->cap);

	memset(e, 0, sizeof(*e));
	e->name = xstrndup(name, len);
	return e;
}

int
addr_book_add(struct addr_book *b, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct addr_entry *e;

	if (eq == NULL || eq == arg || !is_address(eq + 1))
		return -1;
	e = add(b, arg, (size_t)(eq - arg));
	e->addr = xstrdup(eq + 1);
	e->state = ADDR_GIVEN;
	return 0;
}

/* the first IPv4 address of the answer, else its first IPv6 address */
static char *
pick(const struct addrinfo *res)
{
	const struct addrinfo *ai;
	char buf[INET6_ADDRSTRLEN];
	int fam;

	for (fam = 0; fam < 2; fam++)
		for (ai = res; ai != NULL; ai = ai->ai_next) {
			const void *p;

			if (fam == 0 && ai->ai_family == AF_INET)
				p = &((const struct sockaddr_in *)(const void *)ai->ai_addr)->sin_addr;
			else if (fam == 1 && ai->ai_family == AF_INET6)
				p = &((const struct sockaddr_in6 *)(const void *)ai->ai_addr)->sin6_addr;
			else
				continue;
			if (inet_ntop(ai->ai_family, p, buf, sizeof(buf)) != NULL)
				return xstrdup(buf);
		}
	return NULL;
}

/* every distinct IPv4 and IPv6 address of the answer, as text */
static void
pick_all(const struct addrinfo *res, struct addr_entry *e)
{
	const struct addrinfo *ai;
	char buf[INET6_ADDRSTRLEN];
	size_t cap = 0, i;

	for (ai = res; ai != NULL; ai = ai->ai_next) {
		const void *p;

		if (ai->ai_family == AF_INET)
			p = &((const struct sockaddr_in *)(const void *)ai->ai_addr)->sin_addr;
		else if (ai->ai_family == AF_INET6)
			p = &((const struct sockaddr_in6 *)(const void *)ai->ai_addr)->sin6_addr;
		else
			continue;
		if (inet_ntop(ai->ai_family, p, buf, sizeof(buf)) == NULL)
			continue;
		for (i = 0; i < e->nall && strcmp(e->all[i], buf) != 0; i++)
			;
		if (i == e->nall)
			*VEC_PUSH(e->all, e->nall, cap) = xstrdup(buf);
	}
}

/* one request to the resolver's thread; heap, since a request that cannot be cancelled
 * in time still belongs to that thread */
struct query {
	struct gaicb cb;
	struct addrinfo hints;
};

/* getaddrinfo_a, waited for at most timeout_ms: a dead DNS server cannot hang --fix */
static void
resolve(struct addr_entry *e, int timeout_ms)
{
	struct query *q = xcalloc(1, sizeof(*q));
	struct gaicb *list[1];
	struct timespec limit;
	int r;

	q->hints.ai_family = AF_UNSPEC;
	q->hints.ai_socktype = SOCK_DGRAM;
	q->cb.ar_name = xstrdup(e->name);
	q->cb.ar_request = &q->hints;
	list[0] = &q->cb;
	limit.tv_sec = timeout_ms / 1000;
	limit.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
	e->state = ADDR_UNRESOLVED;
	if ((r = getaddrinfo_a(GAI_NOWAIT, list, 1, NULL)) != 0) {
		e->why = xstrdup(gai_strerror(r));
		goto done;
	}
	gai_suspend((const struct gaicb *const *)list, 1, &limit);
	r = gai_error(&q->cb);
	if (r == EAI_INPROGRESS) {
		e->why = xasprintf("no answer within %d ms", timeout_ms);
		if (gai_cancel(&q->cb) != EAI_CANCELED)
			return;	/* the resolver thread still uses q: left to the process's end */
		goto done;
	}
	if (r != 0) {
		e->why = xstrdup(gai_strerror(r));
		goto done;
	}
	e->addr = pick(q->cb.ar_result);
	pick_all(q->cb.ar_result, e);
	freeaddrinfo(q->cb.ar_result);
	if (e->addr != NULL)
		e->state = ADDR_RESOLVED;
	else
		e->why = xstrdup("no IPv4 or IPv6 address in the answer");
done:
	free((char *)(uintptr_t)q->cb.ar_name);
	free(q);
}

const char *
addr_book_lookup(struct addr_book *b, const char *name)
{
	struct addr_entry *e = find(b, name);

	if (e == NULL && b->resolve) {
		e = add(b, name, strlen(name));
		b->resolver(e, b->timeout_ms);
	}
	return e != NULL ? e->addr : NULL;
}

const char *
host_address(struct host *h, const char *name, const char **why)
{
	struct addr_book *b = h->opts != NULL ? h->opts->addrs : NULL;
	const char *a = b != NULL ? addr_book_lookup(b, name) : NULL;
	struct addr_entry *e;

	if (a != NULL || why == NULL)
		return a;
	e = b != NULL ? find(b, name) : NULL;
	if (e != NULL && e->why != NULL)
		*why = arena_printf(&h->arena, "needs an address for '%s': --resolve found none (%s); give --address %s=ADDR",
		    name, e->why, name);
	else
		*why = arena_printf(&h->arena, "needs an address for '%s': give --address %s=ADDR or --resolve",
		    name, name);
	return NULL;
}

const char *const *
host_resolved(struct host *h, const char *name, size_t *n)
{
	struct addr_book *b = h->opts != NULL ? h->opts->addrs : NULL;
	struct addr_entry *e;

	*n = 0;
	if (b == NULL || !b->resolve || addr_book_lookup(b, name) == NULL ||
	    (e = find(b, name)) == NULL || e->state != ADDR_RESOLVED)
		return NULL;
	if (e->nall > 0) {
		*n = e->nall;
		return (const char *const *)e->all;
	}
	*n = 1;
	return (const char *const *)&e->addr;
}
