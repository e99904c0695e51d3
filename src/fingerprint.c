/* fingerprint: see fingerprint.h. */
#include "fingerprint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint64_t
fnv1a(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
fp_hash(const struct finding *f, const char *uri)
{
	const char *code = rule_table[f->rule].code;
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, code, strlen(code) + 1);
	h = fnv1a(h, uri, strlen(uri) + 1);
	if (f->src != NULL) {
		struct span l = source_line_of(f->src, f->span.start);

		while (l.start < l.end && strchr(" \t\r", f->src->buf[l.start]) != NULL)
			l.start++;
		while (l.end > l.start && strchr(" \t\r", f->src->buf[l.end - 1]) != NULL)
			l.end--;
		h = fnv1a(h, f->src->buf + l.start, l.end - l.start);
	}
	return h;
}

/* RFC 3986 path characters that need no escape; ':' is escaped anyway, since a relative
 * reference cannot have one in its first segment */
static int
uri_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("-._~!$&'()*+,;=@", c) != NULL);
}

/* SARIF viewers, GitHub included, resolve relative URIs against the checkout and ignore
 * originalUriBaseIds: hence relative to the current directory */
char *
fp_uri(const char *root, const char *path, int *absolute)
{
	char *joined, *out, *o, *seg, *save = NULL;
	size_t n;
	int first = 1;

	joined = root != NULL ? xasprintf("%s/%s", root, path) : xstrdup(path);
	*absolute = joined[0] == '/';
	n = strlen(joined);
	out = o = xmalloc(n * 3 + sizeof("file:///") + 2);
	if (*absolute) {
		strcpy(o, "file://");
		o += strlen(o);
	}
	for (seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		const unsigned char *c;

		if (strcmp(seg, ".") == 0)
			continue;
		if (*absolute || !first)
			*o++ = '/';
		first = 0;
		for (c = (const unsigned char *)seg; *c; c++) {
			if (uri_plain(*c))
				*o++ = (char)*c;
			else
				o += sprintf(o, "%%%02X", *c);
		}
	}
	if (first)
		*o++ = *absolute ? '/' : '.';
	*o = '\0';
	free(joined);
	return out;
}

void
fp_format(char buf[FP_TEXT_MAX], uint64_t hash, unsigned nth)
{
	snprintf(buf, FP_TEXT_MAX, "%016llx:%u", (unsigned long long)hash, nth);
}

bool
fp_parse(const char *s, uint64_t *hash)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < 16; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			h = h << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			h = h << 4 | (uint64_t)(c - 'a' + 10);
		else
			return false;
	}
	if (s[16] != '\0' && s[16] != ':')
		return false;
	*hash = h;
	return true;
}

static struct fp_slot *
slot_of(const struct fp_set *s, uint64_t hash)
{
	size_t i, mask = s->cap - 1;

	for (i = hash & mask; s->v[i].used; i = (i + 1) & mask)
		if (s->v[i].hash == hash)
			return &s->v[i];
	return &s->v[i];
}

unsigned
fp_set_add(struct fp_set *s, uint64_t hash)
{
	struct fp_slot *x;

	if ((s->n + 1) * 2 > s->cap) {
		struct fp_slot *old = s->v;
		size_t i, oldcap = s->cap;

		s->cap = oldcap ? oldcap * 2 : 64;
		s->v = xcalloc(s->cap, sizeof(*s->v));
		for (i = 0; i < oldcap; i++)
			if (old[i].used)
				*slot_of(s, old[i].hash) = old[i];
		free(old);
	}
	x = slot_of(s, hash);
	if (!x->used) {
		x->used = true;
		x->hash = hash;
		x->count = 0;
		s->n++;
	}
	s->total++;
	return x->count++;
}

bool
fp_set_take(struct fp_set *s, uint64_t hash)
{
	struct fp_slot *x;

	if (s->cap == 0)
		return false;
	x = slot_of(s, hash);
	if (!x->used || x->count == 0)
		return false;
	x->count--;
	s->total--;
	return true;
}

void
fp_set_free(struct fp_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}
