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
#include "output.h"
#include "util.h"
#include "version.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT "%SRCROOT%"

struct out_sarif {
	json_t *log, *run, *results, *roots;
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

/* the fix's edits as SARIF replacements, one artifactChange per file, byte-addressed */
static json_t *
fixes(const char *root, const struct finding *f)
{
	json_t *fx = json_object(), *changes = json_array();
	const char *cls = fixclass_name(rule_table[f->rule].fix);
	size_t i, j;

	for (i = 0; i < f->nedits; i++) {
		json_t *ch, *reps;

		for (j = 0; j < i; j++)
			if (f->edits[j].src == f->edits[i].src)
				break;
		if (j < i)
			continue;	/* that file's change is already written */
		ch = json_object();
		reps = json_array();
		json_object_set_new(ch, "artifactLocation", artifact(root, f->edits[i].src->path));
		for (j = i; j < f->nedits; j++) {
			const struct edit *e = &f->edits[j];
			json_t *rep, *del;

			if (e->src != f->edits[i].src)
				continue;
			rep = json_object();
			del = json_object();
			json_object_set_new(del, "byteOffset", json_integer(e->span.start));
			json_object_set_new(del, "byteLength", json_integer(e->span.end - e->span.start));
			json_object_set_new(rep, "deletedRegion", del);
			set_text(rep, "insertedContent", e->text);
			json_array_append_new(reps, rep);
		}
		json_object_set_new(ch, "replacements", reps);
		json_array_append_new(changes, ch);
	}
	{
		char *d = xasprintf("%s fix for %s (esxntp-lint --fix%s)", cls ? cls : "a",
		    rule_table[f->rule].code,
		    rule_table[f->rule].fix == FIX_UNSAFE ? " --unsafe-fixes" : "");

		set_text(fx, "description", d);
		free(d);
	}
	json_object_set_new(fx, "artifactChanges", changes);
	return json_pack("[o]", fx);
}

static json_t *
result(struct out_sarif *s, const struct host *h, const struct finding *f)
{
	const struct rule *r = &rule_table[f->rule];
	json_t *res = json_object(), *locs = json_array(), *props;
	json_t *art;
	size_t j;

	json_object_set_new(res, "ruleId", json_string(r->code));
	json_object_set_new(res, "ruleIndex", json_integer((json_int_t)f->rule));
	json_object_set_new(res, "level", json_string(level_of(f->sev)));
	set_text(res, "message", f->message);
	json_array_append_new(locs, physical(h->root, f->path, f->src, f->span));
	json_object_set_new(res, "locations", locs);
	art = json_object_get(json_object_get(json_array_get(locs, 0), "physicalLocation"),
	    "artifactLocation");
	json_object_set_new(res, "partialFingerprints",
	    fingerprint(s, f, json_string_value(json_object_get(art, "uri"))));
	/* SARIF's own word for what --baseline left: the findings it did not absorb */
	if (s->baseline)
		json_object_set_new(res, "baselineState", json_string("new"));
	if (f->nrelated > 0) {
		json_t *rel = json_array();

		for (j = 0; j < f->nrelated; j++) {
			const struct related *x = &f->related[j];
			json_t *l = physical(h->root, x->src->path, x->src, x->span);

			json_object_set_new(l, "id", json_integer((json_int_t)j + 1));
			set_text(l, "message", x->message ? x->message : "related location");
			json_array_append_new(rel, l);
		}
		json_object_set_new(res, "relatedLocations", rel);
	}
	if (f->nedits > 0)
		json_object_set_new(res, "fixes", fixes(h->root, f));
	if (r->fix != FIX_NONE) {
		props = json_object();
		json_object_set_new(props, "fix", json_string(fixclass_name(r->fix)));
		if (r->fix == FIX_SAFE_ADDR)
			json_object_set_new(props, "fixNeedsAddress", json_true());
		if (f->nofix != NULL)
			json_object_set_new(props, "noFix", out_json_text(f->nofix));
		json_object_set_new(res, "properties", props);
	}
	return res;
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
out_sarif_begin(const struct out_opts *o)
{
	struct out_sarif *s = xcalloc(1, sizeof(*s));
	json_t *driver = json_object(), *rules = json_array(), *tool = json_object();
	json_t *props = json_object();
	char cwd[4096];
	int i;

	s->baseline = o->baseline;
	s->log = json_object();
	s->run = json_object();
	s->results = json_array();
	s->roots = json_array();
	json_object_set_new(s->log, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(s->log, "version", json_string("2.1.0"));
	json_object_set_new(driver, "name", json_string("esxntp-lint"));
	json_object_set_new(driver, "version", json_string(ESXNTP_LINT_VERSION));
	json_object_set_new(driver, "semanticVersion", json_string(ESXNTP_LINT_VERSION));
	for (i = 0; i < R_COUNT; i++)
		json_array_append_new(rules, rule_descriptor(i));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(s->run, "tool", tool);
	/* relative URIs are relative to where esxntp-lint ran: say so for viewers that
	 * resolve %SRCROOT% (GitHub needs no help: it reads them against the checkout) */
	if (getcwd(cwd, sizeof(cwd)) != NULL && cwd[0] == '/') {
		int absolute;
		char *dir = xasprintf("%s/", cwd);
		char *uri = fp_uri(NULL, dir, &absolute);
		char *slash = xasprintf("%s%s", uri, strcmp(uri, "file:///") == 0 ? "" : "/");

		json_object_set_new(s->run, "originalUriBaseIds",
		    json_pack("{s{ss}}", SRCROOT, "uri", slash));
		free(dir);
		free(uri);
		free(slash);
	}
	/* startColumn and endColumn count UTF-16 code units (region()), as GitHub's
	 * viewers and most SARIF tools count them */
	json_object_set_new(s->run, "columnKind", json_string("utf16CodeUnits"));
	json_object_set_new(s->run, "results", s->results);
	json_object_set_new(props, "roots", s->roots);
	json_object_set_new(s->run, "properties", props);
	json_object_set_new(s->log, "runs", json_pack("[o]", s->run));
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
	json_object_set_new(r, "ntp_version", json_string(ntpver_name(h->target)));
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
		json_array_append_new(s->results, result(s, h, f));
	}
}

int
out_sarif_end(struct out_sarif *s, FILE *fp)
{
	int rc = json_dumpf(s->log, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (rc == 0)
		fputc('\n', fp);
	json_decref(s->log);
	fp_set_free(&s->seen);
	free(s);
	return rc == 0 ? 0 : -1;
}
