#include "jsonw.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

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
	if (w->indent > 0)
		fprintf(w->fp, "\n%*s", depth * w->indent, "");
}

/* what comes before a member: the comma after the one before it, its line, its key */
static void
member(struct jsonw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->empty[w->depth - 1])
			fputc(',', w->fp);
		w->empty[w->depth - 1] = false;
		newline(w, w->depth);
	}
	/* keys are the report's own names: no byte needs escaping */
	if (key != NULL)
		fprintf(w->fp, w->indent ? "\"%s\": " : "\"%s\":", key);
}

void
jsonw_open(struct jsonw *w, const char *key, char brace)
{
	if (w->depth == JSONW_MAX_DEPTH)
		fatal("internal error: JSON nested too deep");
	member(w, key);
	fputc(brace, w->fp);
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
	fputc(w->close[w->depth], w->fp);
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
		fwrite(p, 1, (size_t)(nl - p) + 1, w->fp);
		fprintf(w->fp, "%*s", w->depth * w->indent, "");
	}
	fputs(p, w->fp);
	free(s);
}
