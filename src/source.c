#include "source.h"

#include <string.h>

#include "util.h"

struct source *
source_new(struct arena *a, const char *path, const char *buf, size_t len)
{
	struct source *s = arena_alloc(a, sizeof(*s));
	char *copy;

	if (len > SOURCE_MAX_LEN)
		fatal("%s: file too large", path);
	copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	s->buf = copy;
	arena_adopt(a, (void **)&s->buf);
	s->len = (uint32_t)len;
	s->path = arena_strdup(a, path);
	s->arena = a;
	return s;
}

static void
build_lines(struct source *s)
{
	size_t cap = 0, n = 0;
	uint32_t i;
	const char *p, *end = s->buf + s->len;

	*VEC_PUSH(s->lines, n, cap) = 0;
	for (p = s->buf; p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		i = (uint32_t)(p - s->buf) + 1;
		*VEC_PUSH(s->lines, n, cap) = i;
	}
	s->nlines = (uint32_t)n;
	arena_adopt(s->arena, (void **)&s->lines);
}

static uint32_t
line_index(struct source *s, uint32_t off)
{
	uint32_t lo = 0, hi;

	if (s->lines == NULL)
		build_lines(s);
	hi = s->nlines;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void
source_linecol(struct source *s, uint32_t off, uint32_t *line, uint32_t *col)
{
	uint32_t i;

	if (off > s->len)
		off = s->len;
	i = line_index(s, off);
	*line = i + 1;
	*col = off - s->lines[i] + 1;
}

struct span
source_line_of(struct source *s, uint32_t off)
{
	struct span sp;
	uint32_t i;

	if (off > s->len)
		off = s->len;
	i = line_index(s, off);
	sp.start = s->lines[i];
	sp.end = i + 1 < s->nlines ? s->lines[i + 1] - 1 : s->len;
	if (sp.end > sp.start && s->buf[sp.end - 1] == '\r')
		sp.end--;
	return sp;
}

uint32_t
source_line_start(struct source *s, uint32_t n)
{
	if (s->lines == NULL)
		build_lines(s);
	if (n == 0)
		return 0;
	return n - 1 < s->nlines ? s->lines[n - 1] : s->len;
}
