/* output: the one module that writes findings, in text, JSON, SARIF or GitHub form. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "lint.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB, FMT_GITLAB, FMT_CHECKSTYLE,
	FMT_JUNIT, FMT_JSONL };

struct out_opts {
	enum out_format format;
	bool color;		/* ANSI colours on severities */
	bool show_source;	/* the source line and a caret under each finding */
	bool join_root;		/* text: prefix paths with the root (several roots) */
	bool dry_run;		/* --diff: fixes are shown, not written */
	bool unsafe_hints;	/* --unsafe-fixes alone: say which findings have an unsafe fix */
	bool tty;		/* the report goes to a terminal */
	size_t npaths;		/* the PATHs linted */
	bool baseline;		/* --baseline: the findings reported are new */
};

struct out_totals {
	size_t n[3];		/* by enum severity, findings left (not fixed) */
	size_t fixed;		/* --fix: findings fixed */
};

/* --probe: the ntpq -p and ntpdate -q tables of what the probe saw (text), and the
 * "probe" object of a root (JSON, SARIF); NULL when h was not probed */
void out_probe_text(FILE *fp, struct host *h, const struct out_opts *o);
json_t *out_probe_json(const struct host *h);
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
/* f (reported) has an unsafe fix that --fix --unsafe-fixes would try */
bool out_unsafe_fix(const struct finding *f);
/* --unsafe-fixes alone: how many of the findings have an unsafe fix */
void out_unsafe_summary(FILE *fp, size_t n);
/* JSON and SARIF are one document for all roots: begin, one call per host, end. JSON is
 * written to fp as it goes, a root when it is done; JSON Lines (o->format FMT_JSONL) is
 * the same document with each root on a line of its own, and the rest on the last line */
struct out_doc;
struct root_item;
struct tally;
struct out_doc *out_doc_begin(const struct out_opts *o, FILE *fp);
void out_doc_host(struct out_doc *d, struct host *h, struct out_totals *t);
/* the host last added is done (its fix included): it is written and forgotten (JSON
 * Lines: its line, flushed); 0, or -1 if the write failed */
int out_doc_root_done(struct out_doc *d);
/* a directory of hosts, or an entry of it skipped (the document's "fleets") */
void out_doc_fleet(struct out_doc *d, const struct root_item *it);
/* the summary's counts over the roots (before out_doc_end) */
void out_doc_tally(struct out_doc *d, const struct tally *y);
/* writes the rest of the document and frees it; returns 0, or -1 if the write failed
 * (the caller checks fp's error state too) */
int out_doc_end(struct out_doc *d, const struct out_totals *t);
/* SARIF 2.1.0: one run for all roots, the same begin / host / end protocol */
struct out_sarif;
struct out_sarif *out_sarif_begin(const struct out_opts *o, FILE *fp);
void out_sarif_host(struct out_sarif *s, struct host *h, struct out_totals *t);
int out_sarif_end(struct out_sarif *s);
/* GitLab Code Quality: one JSON array for all roots (src/output_gitlab.c) */
struct out_gitlab;
struct out_gitlab *out_gitlab_begin(const struct out_opts *o);
void out_gitlab_host(struct out_gitlab *g, struct host *h, struct out_totals *t);
int out_gitlab_end(struct out_gitlab *g, FILE *fp);
/* checkstyle XML, written as it goes (src/output_xml.c) */
struct out_checkstyle;
struct out_checkstyle *out_checkstyle_begin(FILE *fp);
void out_checkstyle_host(struct out_checkstyle *c, struct host *h, struct out_totals *t);
void out_checkstyle_end(struct out_checkstyle *c);
/* JUnit XML: a testsuite per root, written at the end (the totals come first) */
struct out_junit;
struct out_junit *out_junit_begin(void);
void out_junit_host(struct out_junit *j, struct host *h, struct out_totals *t);
int out_junit_end(struct out_junit *j, FILE *fp);
/* writes s for a terminal or a log: text as it is, every control byte and every byte
 * that is not UTF-8 as \xHH (a path or a quoted word from a hostile file cannot send
 * escape sequences) */
void out_put(FILE *fp, const char *s);
/* a JSON string of s; in a string that is not all UTF-8 (paths, file text), each byte
 * that is not part of a well-formed UTF-8 character becomes the four characters \xNN */
json_t *out_json_text(const char *s);
/* the 1-based line and column of both ends of sp (1:1 when src is NULL) */
void out_span_pos(struct source *src, struct span sp, uint32_t pos[4]);
/* the path of a finding as shown: relative to the root (or as given) */
const char *out_path(const struct host *h, const struct finding *f, char *buf, size_t cap,
    bool join_root);

#endif
