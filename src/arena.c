#include "arena.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CHUNK_MIN (64 * 1024)
#define CHUNK_MAX (4 * 1024 * 1024)
#define ALIGN 16

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	_Alignas(ALIGN) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	memset(a, 0, sizeof(*a));
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;
	size_t i;

	/* slots usually live inside the chunks: release what they point to first */
	for (i = 0; i < a->nslots; i++)
		free(*a->slots[i]);
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a->slots);
	memset(a, 0, sizeof(*a));
}

/* n bytes aligned to align (a power of two <= ALIGN), not zeroed */
static void *
bump(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t need = (n + align - 1) & ~(align - 1);
	void *p;

	if (n > SIZE_MAX / 2)
		fatal("out of memory");
	if (c != NULL)
		c->used = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || c->used > c->size || c->size - c->used < need) {
		bool own;
		size_t size;

		/* chunks of 64 KB, as many as a small host needs; past 1 MB they double, up
		 * to 4 MB: a large file's words fill a few large chunks (marked for huge pages
		 * by xmalloc) instead of hundreds of small ones, each page of which faulted on
		 * its first touch */
		if (a->next_size == 0)
			a->next_size = CHUNK_MIN;
		own = need > a->next_size;
		size = own ? need : a->next_size;
		if (!own && ++a->nchunks >= 16 && a->next_size < CHUNK_MAX)
			a->next_size *= 2;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		/* a block larger than a chunk goes behind the current chunk, so that the
		 * current chunk's free space stays usable */
		if (own && a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void *p = bump(a, n, ALIGN);

	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	/* strings need no alignment: words of a large file's model pack without padding */
	char *p = bump(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = bump(a, n > 0 ? n : 1, 1);

	if (n > 0)
		memcpy(q, p, n);
	return q;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char buf[256], *p;
	int n;

	/* formatted once into buf, and again only when it does not fit: rules build many
	 * short strings, and measuring each first doubled their cost */
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format");
	if ((size_t)n < sizeof(buf))
		return arena_strndup(a, buf, (size_t)n);
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_append(struct arena *a, void *v, size_t n, size_t sz)
{
	void **pv = v;

	if ((n & (n - 1)) == 0) {
		size_t cap = n ? 2 * n : 1;
		void *p;

		if (sz == 0 || cap > SIZE_MAX / 2 / sz)
			fatal("out of memory");
		p = arena_alloc(a, cap * sz);
		if (n)
			memcpy(p, *pv, n * sz);
		*pv = p;
	}
	return (char *)*pv + n * sz;
}

size_t
arena_bytes(const struct arena *a)
{
	const struct arena_chunk *c;
	size_t n = 0, i;

	for (c = a->head; c != NULL; c = c->next)
		n += sizeof(*c) + c->size;
	for (i = 0; i < a->nslots; i++)
		if (*a->slots[i] != NULL)
			n += malloc_usable_size(*a->slots[i]);
	return n;
}

size_t
arena_used(const struct arena *a)
{
	const struct arena_chunk *c;
	size_t n = 0, i;

	for (c = a->head; c != NULL; c = c->next)
		n += c->used < c->size ? c->used : c->size;
	for (i = 0; i < a->nslots; i++)
		if (*a->slots[i] != NULL)
			n += malloc_usable_size(*a->slots[i]);
	return n;
}

void
arena_adopt(struct arena *a, void **slot)
{
	*VEC_PUSH(a->slots, a->nslots, a->capslots) = slot;
}
