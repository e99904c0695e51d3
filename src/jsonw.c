#include "jsonw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
jsonw_flush(struct jsonw *w)
{
	if (w->n > 0)
		fwrite(w->buf, 1, w->n, w->fp);
	w->n = 0;
}

static void
put(struct jsonw *w, const char *s, size_t n)
{
	if (n > sizeof(w->buf) - w->n) {
		jsonw_flush(w);
		if (n > sizeof(w->buf)) {
			fwrite(s, 1, n, w->fp);
			return;
		}
	}
	memcpy(w->buf + w->n, s, n);
	w->n += n;
}

static void
putch(struct jsonw *w, char c)
{
	if (w->n == sizeof(w->buf))
		jsonw_flush(w);
	w->buf[w->n++] = c;
}

#define PUT(w, s, n) put((w), (s), (n))
#define PUTC(w, c) putch((w), (c))

void
jsonw_init(struct jsonw *w, FILE *fp, int indent)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->indent = indent;
}

/* a line end and depth levels of indent, as jansson's dump_indent; nothing when compact */
static void
newline(struct jsonw *w, int depth)
{
	static const char spaces[] = "                                ";
	int n = depth * w->indent;

	if (w->indent == 0)
		return;
	PUTC(w, '\n');
	for (; n > 0; n -= (int)sizeof(spaces) - 1)
		PUT(w, spaces, n < (int)sizeof(spaces) - 1 ? (size_t)n : sizeof(spaces) - 1);
}

/* what comes before a member: the comma after the one before it, its line, its key */
static void
member(struct jsonw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->empty[w->depth - 1])
			PUTC(w, ',');
		w->empty[w->depth - 1] = false;
		newline(w, w->depth);
	}
	/* keys are the report's own names: no byte needs escaping */
	if (key != NULL) {
		PUTC(w, '"');
		PUT(w, key, strlen(key));
		PUT(w, w->indent ? "\": " : "\":", w->indent ? 3 : 2);
	}
}

void
jsonw_open(struct jsonw *w, const char *key, char brace)
{
	if (w->depth == JSONW_MAX_DEPTH)
		fatal("internal error: JSON nested too deep");
	member(w, key);
	PUTC(w, brace);
	w->close[w->depth] = brace == '{' ? '}' : ']';
	w->empty[w->depth] = true;
	w->depth++;
}

void
jsonw_close(struct jsonw *w)
{
	w->depth--;
	/* an empty container is "{}" or "[]" on its line */
	if (!w->empty[w->depth])
		newline(w, w->depth);
	PUTC(w, w->close[w->depth]);
}

void
jsonw_put(struct jsonw *w, const char *key, json_t *v)
{
	size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
	    (w->indent ? JSON_INDENT(w->indent) : JSON_COMPACT);
	char *s, *p, *nl;

	member(w, key);
	if (v == NULL || (s = json_dumps(v, flags)) == NULL)
		fatal("out of memory");
	json_decref(v);
	/* jansson indents a value as if it stood at the top: each of its line ends gets
	 * the depth's indent (a string holds no raw line end: jansson writes \n) */
	for (p = s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		PUT(w, p, (size_t)(nl - p));
		newline(w, w->depth);
	}
	PUT(w, p, strlen(p));
	free(s);
}

/* how put_string sees a byte: 0 text, 1 escaped, 2 the start of a UTF-8 sequence */
static const unsigned char byte_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
	[0x80] = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
};

/* s as jansson's dump_string writes out_json_text(s) (without JSON_ENSURE_ASCII or
 * JSON_ESCAPE_SLASH): '"', '\' and control bytes escaped, \b \f \n \r \t by name, the
 * others as \u00XX; a byte that is not part of a well-formed UTF-8 character (util.c's
 * utf8_decode, jansson's own test) spelt \xNN, as out_json_text does */
static void
put_string(struct jsonw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	size_t n = strlen(s);
	char seq[8];

	PUTC(w, '"');
	for (;; p++) {
		const char *esc;
		unsigned cp;
		size_t k;

		while (byte_class[*p] == 0)
			p++;
		if (*p == '\0')
			break;
		if (byte_class[*p] == 2 &&
		    (k = utf8_decode(p, n - (size_t)(p - (const unsigned char *)s), &cp)) > 0) {
			p += k - 1;
			continue;
		}
		PUT(w, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (*p >= 0x80)
				snprintf(seq, sizeof(seq), "\\\\x%02x", *p);
			else
				snprintf(seq, sizeof(seq), "\\u%04X", *p);
			esc = seq;
		}
		PUT(w, esc, strlen(esc));
	}
	PUT(w, (const char *)run, (size_t)(p - run));
	PUTC(w, '"');
}

void
jsonw_text(struct jsonw *w, const char *key, const char *s)
{
	member(w, key);
	if (s == NULL)
		PUT(w, "null", 4);
	else
		put_string(w, s);
}

void
jsonw_int(struct jsonw *w, const char *key, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	member(w, key);
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	PUT(w, p, (size_t)(buf + sizeof(buf) - p));
}

void
jsonw_bool(struct jsonw *w, const char *key, bool v)
{
	member(w, key);
	PUT(w, v ? "true" : "false", v ? 4 : 5);
}
