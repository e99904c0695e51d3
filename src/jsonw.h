/* jsonw: writes a JSON document as it goes, in the bytes json_dumpf would give for the
 * whole document (JSON_INDENT(n) | JSON_PRESERVE_ORDER, or JSON_COMPACT on one line):
 * containers are opened and closed here, their members written by jansson one at a
 * time and freed. A report's memory so follows one finding, not the run. */
#ifndef JSONW_H
#define JSONW_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#define JSONW_MAX_DEPTH 16

struct jsonw {
	FILE *fp;
	int indent;			/* spaces a level; 0: JSON_COMPACT, one line */
	int depth;			/* containers open */
	bool empty[JSONW_MAX_DEPTH];	/* the open container has no member yet */
	char close[JSONW_MAX_DEPTH];	/* '}' or ']' */
	/* written to fp when full and by jsonw_flush: a finding is some forty pieces, and a
	 * stdio call each was a third of JSON mode's work */
	char buf[8192];
	size_t n;
};

/* indent: 2 for the report's document; 0 for one compact line (a JSON Lines record) */
void jsonw_init(struct jsonw *w, FILE *fp, int indent);
/* hands what is buffered to fp (before anything else writes to it) */
void jsonw_flush(struct jsonw *w);
/* opens an object ('{') or array ('[') as a member: key names it inside an object,
 * NULL inside an array or at the top */
void jsonw_open(struct jsonw *w, const char *key, char brace);
void jsonw_close(struct jsonw *w);
/* writes v as a member (key as for jsonw_open) and takes its reference */
void jsonw_put(struct jsonw *w, const char *key, json_t *v);
/* members written without building a jansson value, in the bytes jansson writes for
 * them: a string (NULL: null; text that is not UTF-8 as out_json_text makes it), an
 * integer, a boolean. A report's findings go out this way: through jansson, each one
 * cost a sort of its keys and a dozen allocations */
void jsonw_text(struct jsonw *w, const char *key, const char *s);
void jsonw_int(struct jsonw *w, const char *key, long long v);
void jsonw_bool(struct jsonw *w, const char *key, bool v);

#endif
