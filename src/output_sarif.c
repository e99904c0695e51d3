/* output_sarif: a SARIF 2.1.0 log that GitHub code scanning accepts: one run for all
 * roots, the whole rule catalog, and each finding with a 1-based region. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explain.h"
#include "fingerprint.h"
#include "jsonw.h"
#include "output.h"
#include "util.h"
#include "version.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"

/* the log is written as it goes (jsonw): its head at the start, each result when its
 * root is done, the roots' properties at the end. Built whole with jansson and dumped at
 * the end, it took some 8 KB a finding (140 MB for a 1 MB file of a finding a line) */
struct out_sarif {
	struct jsonw w;
	json_t *roots;		/* run.properties.roots, after the results: kept to the end */
	struct fp_set seen;	/* the fingerprints so far, so identical lines are told apart */
	bool baseline;		/* --baseline: every result reported is new */
};

static void
set_text(json_t *obj, const char *key, const char *text)
{
	json_t *t = json_object();

	json_object_set_new(t, "text", out_json_text(text));
	json_object_set_new(obj, key, t);
}

static const char *
level_of(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static json_t *
artifact(const char *root, const char *path)
{
	json_t *a = json_object();
	int absolute;
	char *uri = fp_uri(root, path, &absolute);

	json_object_set_new(a, "uri", json_string(uri));
	if (!absolute)
		json_object_set_new(a, "uriBaseId", json_string(SRCROOT));
	free(uri);
	return a;
}

/* the 1-based column of off in UTF-16 code units, as the run's columnKind says: a
 * character past U+FFFF counts two, any other one; a byte that is not UTF-8 counts one
 * (a viewer decoding the file shows U+FFFD, one unit, in its place) */
static uint32_t
utf16_column(struct source *src, uint32_t off)
{
	struct span line = source_line_of(src, off);
	const unsigned char *p = (const unsigned char *)src->buf;
	uint32_t i = line.start, col = 1;

	while (i < off) {
		unsigned cp;
		size_t k = utf8_decode(p + i, off - i, &cp);

		col += k > 0 && cp > 0xffff ? 2 : 1;
		i += k > 0 ? (uint32_t)k : 1;
	}
	return col;
}

static json_t *
region(struct source *src, struct span sp)
{
	json_t *r = json_object();
	uint32_t pos[4];

	out_span_pos(src, sp, pos);
	if (src != NULL) {
		pos[1] = utf16_column(src, sp.start);
		pos[3] = utf16_column(src, sp.end);
	}
	json_object_set_new(r, "startLine", json_integer(pos[0]));
	json_object_set_new(r, "startColumn", json_integer(pos[1]));
	json_object_set_new(r, "endLine", json_integer(pos[2]));
	json_object_set_new(r, "endColumn", json_integer(pos[3]));
	return r;
}

static json_t *
physical(const char *root, const char *path, struct source *src, struct span sp)
{
	json_t *p = json_object(), *l = json_object();

	json_object_set_new(p, "artifactLocation", artifact(root, path));
	json_object_set_new(p, "region", region(src, sp));
	json_object_set_new(l, "physicalLocation", p);
	return l;
}

/* the fingerprint, numbered among the results with the same hash so identical lines
 * are told apart */
static json_t *
fingerprint(struct out_sarif *s, const struct finding *f, const char *uri)
{
	uint64_t h = fp_hash(f, uri);
	json_t *o = json_object();
	char buf[FP_TEXT_MAX];

	fp_format(buf, h, fp_set_add(&s->seen, h) + 1);
	json_object_set_new(o, FINGERPRINT_KEY, json_string(buf));
	return o;
}

/* {"text": text} as member key */
static void
put_message(struct jsonw *w, const char *key, const char *text)
{
	jsonw_open(w, key, '{');
	jsonw_text(w, "text", text);
	jsonw_close(w);
}

/* the fix's edits as SARIF replacements, one artifactChange per file, byte-addressed;
 * written as they go: a fix of an edit a line (NTP003 on a CR LF file) was a jansson
 * object of some 1.7 KB an edit */
static void
put_fixes(struct jsonw *w, const char *root, const struct finding *f)
{
	const char *cls = fixclass_name(rule_table[f->rule].fix);
	char *d = xasprintf("%s fix for %s (esxntp-lint --fix%s)", cls ? cls : "a",
	    rule_table[f->rule].code, rule_table[f->rule].fix == FIX_UNSAFE ? " --unsafe-fixes" : "");
	size_t i, j;

	jsonw_open(w, "fixes", '[');
	jsonw_open(w, NULL, '{');
	put_message(w, "description", d);
	free(d);
	jsonw_open(w, "artifactChanges", '[');
	for (i = 0; i < f->nedits; i++) {
		for (j = 0; j < i; j++)
			if (f->edits[j].src == f->edits[i].src)
				break;
		if (j < i)
			continue;	/* that file's change is already written */
		jsonw_open(w, NULL, '{');
		jsonw_put(w, "artifactLocation", artifact(root, f->edits[i].src->path));
		jsonw_open(w, "replacements", '[');
		for (j = i; j < f->nedits; j++) {
			const struct edit *e = &f->edits[j];

			if (e->src != f->edits[i].src)
				continue;
			jsonw_open(w, NULL, '{');
			jsonw_open(w, "deletedRegion", '{');
			jsonw_int(w, "byteOffset", e->span.start);
			jsonw_int(w, "byteLength", e->span.end - e->span.start);
			jsonw_close(w);
			put_message(w, "insertedContent", e->text);
			jsonw_close(w);
		}
		jsonw_close(w);
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_close(w);
	jsonw_close(w);
}

/* one result, written as it goes (its fixes may be large) */
static void
put_result(struct out_sarif *s, const struct host *h, const struct finding *f)
{
	struct jsonw *w = &s->w;
	const struct rule *r = &rule_table[f->rule];
	json_t *loc, *art, *fp, *props;
	size_t j;

	loc = physical(h->root, f->path, f->src, f->span);
	art = json_object_get(json_object_get(loc, "physicalLocation"), "artifactLocation");
	fp = fingerprint(s, f, json_string_value(json_object_get(art, "uri")));
	jsonw_open(w, NULL, '{');
	jsonw_text(w, "ruleId", r->code);
	jsonw_int(w, "ruleIndex", (long long)f->rule);
	jsonw_text(w, "level", level_of(f->sev));
	put_message(w, "message", f->message);
	jsonw_open(w, "locations", '[');
	jsonw_put(w, NULL, loc);
	jsonw_close(w);
	jsonw_put(w, "partialFingerprints", fp);
	/* SARIF's own word for what --baseline left: the findings it did not absorb */
	if (s->baseline)
		jsonw_text(w, "baselineState", "new");
	if (f->nrelated > 0) {
		jsonw_open(w, "relatedLocations", '[');
		for (j = 0; j < f->nrelated; j++) {
			const struct related *x = &f->related[j];
			json_t *l = physical(h->root, x->src->path, x->src, x->span);

			json_object_set_new(l, "id", json_integer((json_int_t)j + 1));
			set_text(l, "message", x->message ? x->message : "related location");
			jsonw_put(w, NULL, l);
		}
		jsonw_close(w);
	}
	if (f->nedits > 0)
		put_fixes(w, h->root, f);
	if (r->fix != FIX_NONE) {
		props = json_object();
		json_object_set_new(props, "fix", json_string(fixclass_name(r->fix)));
		if (r->fix == FIX_SAFE_ADDR)
			json_object_set_new(props, "fixNeedsAddress", json_true());
		if (f->nofix != NULL)
			json_object_set_new(props, "noFix", out_json_text(f->nofix));
		jsonw_put(w, "properties", props);
	}
	jsonw_close(w);
}

static json_t *
rule_descriptor(int i)
{
	const struct rule *r = &rule_table[i];
	const char *doc = explain_text((enum rule_id)i);
	const char *fix = fixclass_name(r->fix);
	json_t *d = json_object(), *cfg = json_object(), *props = json_object();
	char *full = xasprintf("%s.", r->summary);
	char *help = doc ? xasprintf("%s.\n\n%s", r->summary, doc) : xstrdup(full);
	char family[8];
	size_t n = strcspn(r->code, "0123456789");

	json_object_set_new(d, "id", json_string(r->code));
	json_object_set_new(d, "name", json_string(r->name));
	set_text(d, "shortDescription", r->summary);
	set_text(d, "fullDescription", doc ? doc : full);
	set_text(d, "help", help);
	json_object_set_new(cfg, "level", json_string(level_of(r->sev)));
	json_object_set_new(d, "defaultConfiguration", cfg);
	snprintf(family, sizeof(family), "%.*s", (int)n, r->code);
	json_object_set_new(props, "tags", json_pack("[s]", family));
	json_object_set_new(props, "fix", fix ? json_string(fix) : json_null());
	json_object_set_new(d, "properties", props);
	free(full);
	free(help);
	return d;
}

struct out_sarif *
out_sarif_begin(const struct out_opts *o, FILE *fp)
{
	struct out_sarif *s = xcalloc(1, sizeof(*s));
	json_t *driver = json_object(), *rules = json_array(), *tool = json_object();
	char cwd[4096];
	int i;

	s->baseline = o->baseline;
	s->roots = json_array();
	jsonw_init(&s->w, fp, 2);
	jsonw_open(&s->w, NULL, '{');
	jsonw_text(&s->w, "$schema", SARIF_SCHEMA);
	jsonw_text(&s->w, "version", "2.1.0");
	jsonw_open(&s->w, "runs", '[');
	jsonw_open(&s->w, NULL, '{');
	json_object_set_new(driver, "name", json_string("esxntp-lint"));
	json_object_set_new(driver, "version", json_string(ESXNTP_LINT_VERSION));
	json_object_set_new(driver, "semanticVersion", json_string(ESXNTP_LINT_VERSION));
	for (i = 0; i < R_COUNT; i++)
		json_array_append_new(rules, rule_descriptor(i));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	jsonw_put(&s->w, "tool", tool);
	/* relative URIs are relative to where esxntp-lint ran: say so for viewers that
	 * resolve %SRCROOT% (GitHub needs no help: it reads them against the checkout) */
	if (getcwd(cwd, sizeof(cwd)) != NULL && cwd[0] == '/') {
		int absolute;
		char *dir = xasprintf("%s/", cwd);
		char *uri = fp_uri(NULL, dir, &absolute);
		char *slash = xasprintf("%s%s", uri, strcmp(uri, "file:///") == 0 ? "" : "/");

		jsonw_put(&s->w, "originalUriBaseIds",
		    json_pack("{s{ss}}", SRCROOT, "uri", slash));
		free(dir);
		free(uri);
		free(slash);
	}
	/* startColumn and endColumn count UTF-16 code units (region()), as GitHub's
	 * viewers and most SARIF tools count them */
	jsonw_text(&s->w, "columnKind", "utf16CodeUnits");
	jsonw_open(&s->w, "results", '[');
	jsonw_flush(&s->w);
	return s;
}

void
out_sarif_host(struct out_sarif *s, struct host *h, struct out_totals *t)
{
	json_t *r = json_object();
	size_t i;

	json_object_set_new(r, "root", out_json_text(h->root ? h->root : h->lone));
	json_object_set_new(r, "esx_version", h->esx_version ? out_json_text(h->esx_version) :
	    json_null());
	json_object_set_new(r, "esx_product", esx_product_name(&h->model.esx) ?
	    json_string(esx_product_name(&h->model.esx)) : json_null());
	json_object_set_new(r, "esx_source", h->model.esx.source ?
	    json_string(h->model.esx.source) : json_null());
	json_object_set_new(r, "ntp_version", json_string(ntpver_name(h->target)));
	if (h->probe != NULL)
		json_object_set_new(r, "probe", out_probe_json(h));
	json_array_append_new(s->roots, r);
	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			t->fixed++;
			continue;
		}
		t->n[f->sev]++;
		put_result(s, h, f);
	}
	/* the root's results are out before anything else is written (a --diff patch) */
	jsonw_flush(&s->w);
}

int
out_sarif_end(struct out_sarif *s)
{
	json_t *props = json_object();
	FILE *fp = s->w.fp;

	jsonw_close(&s->w);	/* results */
	json_object_set_new(props, "roots", s->roots);
	jsonw_put(&s->w, "properties", props);
	jsonw_close(&s->w);	/* the run */
	jsonw_close(&s->w);	/* runs */
	jsonw_close(&s->w);
	jsonw_flush(&s->w);
	fputc('\n', fp);
	fp_set_free(&s->seen);
	free(s);
	return ferror(fp) ? -1 : 0;
}
