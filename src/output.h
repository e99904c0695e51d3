/* output: the one module that writes findings, in text, JSON, SARIF or GitHub form. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "lint.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB };

struct out_opts {
	enum out_format format;
	bool color;		/* ANSI colours on severities */
	bool show_source;	/* the source line and a caret under each finding */
	bool join_root;		/* text: prefix paths with the root (several roots) */
	bool dry_run;		/* --diff: fixes are shown, not written */
};

struct out_totals {
	size_t n[3];		/* by enum severity, findings left (not fixed) */
	size_t fixed;		/* --fix: findings fixed */
};

/* writes the findings of h (not suppressed); adds them to t */
void out_host_text(FILE *fp, struct host *h, const struct out_opts *o, struct out_totals *t);
/* GitHub Actions annotations, one line per finding */
void out_host_github(FILE *fp, struct host *h, const struct out_opts *o, struct out_totals *t);
struct fix_plan;
struct addr_book;
struct out_doc;
/* JSON: what --fix wrote (or would, --diff) for the host last added, as its "fix" */
void out_doc_fix(struct out_doc *d, const struct fix_plan *p);
/* --resolve: the names it could not resolve, and why */
void out_resolve_text(FILE *fp, const struct addr_book *b);
/* --fix: what was written (or, --diff, would be), refused or failed for host h */
void out_fix_text(FILE *fp, struct host *h, const struct fix_plan *p, const struct out_opts *o);
void out_summary_text(FILE *fp, const struct out_totals *t, const struct out_opts *o);
/* an archive root: a note naming the host root chosen in it (nothing for a directory) */
void out_archive_text(FILE *fp, const struct host *h, const struct out_opts *o);
/* an archive root: its JSON "archive" object, or NULL for a directory */
json_t *out_archive_json(const struct host *h);
/* JSON and SARIF are one document for all roots: begin, one call per host, end */
struct out_doc;
struct out_doc *out_doc_begin(const struct out_opts *o);
void out_doc_host(struct out_doc *d, struct host *h, struct out_totals *t);
/* writes and frees the document; returns 0, or -1 if the write failed */
int out_doc_end(struct out_doc *d, FILE *fp, const struct out_totals *t);
/* SARIF 2.1.0: one run for all roots, the same begin / host / end protocol */
struct out_sarif;
struct out_sarif *out_sarif_begin(const struct out_opts *o);
void out_sarif_host(struct out_sarif *s, struct host *h, struct out_totals *t);
int out_sarif_end(struct out_sarif *s, FILE *fp);
/* writes s for a terminal or a log: text as it is, every control byte and every byte
 * that is not UTF-8 as \xHH (a path or a quoted word from a hostile file cannot send
 * escape sequences) */
void out_put(FILE *fp, const char *s);
/* a JSON string of s; bytes that are not UTF-8 (paths, file text) become \xNN */
json_t *out_json_text(const char *s);
/* the 1-based line and column of both ends of sp (1:1 when src is NULL) */
void out_span_pos(struct source *src, struct span sp, uint32_t pos[4]);
/* the path of a finding as shown: relative to the root (or as given) */
const char *out_path(const struct host *h, const struct finding *f, char *buf, size_t cap,
    bool join_root);

#endif
