/* output_json: the stable JSON document (README "JSON output"). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fix.h"
#include "jsonw.h"
#include "output.h"
#include "roots.h"
#include "tally.h"
#include "util.h"
#include "version.h"

/* The document is written as it goes: its head at the start, each root when it is done,
 * the fleets and the summary at the end. Only the root being reported is held, so the
 * report's memory follows one host, not the fleet. */
struct out_doc {
	struct out_opts o;
	FILE *fp;
	struct jsonw w;		/* FMT_JSON: the document, open at its "roots" */
	json_t *cur;		/* the root being reported, until out_doc_root_done */
	json_t *fleets;		/* the directories of hosts, and what was skipped in them */
	json_t *hosts;		/* the summary's keys over the roots (out_doc_tally) */
};

json_t *
out_json_text(const char *s)
{
	json_t *j = json_string(s);
	char *buf, *o;
	size_t n;

	if (j != NULL)
		return j;
	/* the text is kept as it is; only the bytes that are not UTF-8 become \xHH */
	n = strlen(s);
	buf = o = xmalloc(n * 4 + 1);
	while (n > 0) {
		unsigned cp;
		size_t k = utf8_decode((const unsigned char *)s, n, &cp);

		if (k == 0) {
			o += sprintf(o, "\\x%02x", (unsigned char)*s);
			k = 1;
		} else {
			memcpy(o, s, k);
			o += k;
		}
		s += k;
		n -= k;
	}
	*o = '\0';
	j = json_string(buf);
	free(buf);
	return j;
}

static json_t *
jstr_or_null(const char *s)
{
	return s ? out_json_text(s) : json_null();
}

void
out_span_pos(struct source *src, struct span sp, uint32_t pos[4])
{
	pos[0] = pos[1] = pos[2] = pos[3] = 1;
	if (src != NULL) {
		source_linecol(src, sp.start, &pos[0], &pos[1]);
		source_linecol(src, sp.end, &pos[2], &pos[3]);
	}
}

static void
set_pos(json_t *obj, struct source *src, struct span sp, int with_end)
{
	uint32_t pos[4];

	out_span_pos(src, sp, pos);
	json_object_set_new(obj, "line", json_integer(pos[0]));
	json_object_set_new(obj, "column", json_integer(pos[1]));
	if (with_end) {
		json_object_set_new(obj, "end_line", json_integer(pos[2]));
		json_object_set_new(obj, "end_column", json_integer(pos[3]));
	}
}

static json_t *
json_finding(struct finding *f)
{
	json_t *o = json_object(), *rel = json_array();
	const struct rule *r = &rule_table[f->rule];
	size_t j;

	json_object_set_new(o, "rule", json_string(r->code));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "severity", json_string(severity_name(f->sev)));
	json_object_set_new(o, "file", out_json_text(f->path));
	set_pos(o, f->src, f->span, 1);
	/* messages quote file bytes, which need not be UTF-8 */
	json_object_set_new(o, "message", out_json_text(f->message));
	json_object_set_new(o, "fix", jstr_or_null(fixclass_name(r->fix)));
	if (f->fix_state != FIXST_NONE) {
		json_object_set_new(o, "fixed", json_boolean(f->fix_state == FIXST_FIXED));
		if (f->fix_why != NULL)
			json_object_set_new(o, "not_fixed_because", out_json_text(f->fix_why));
	}
	for (j = 0; j < f->nrelated; j++) {
		json_t *x = json_object();

		json_object_set_new(x, "file", out_json_text(f->related[j].src->path));
		set_pos(x, f->related[j].src, f->related[j].span, 0);
		if (f->related[j].message)
			json_object_set_new(x, "message", out_json_text(f->related[j].message));
		json_array_append_new(rel, x);
	}
	json_object_set_new(o, "related", rel);
	return o;
}

struct out_doc *
out_doc_begin(const struct out_opts *o, FILE *fp)
{
	struct out_doc *d = xcalloc(1, sizeof(*d));

	d->o = *o;
	d->fp = fp;
	d->fleets = json_array();
	if (o->format != FMT_JSONL) {
		jsonw_init(&d->w, fp, 2);
		jsonw_open(&d->w, NULL, '{');
		jsonw_text(&d->w, "tool", "esxntp-lint");
		jsonw_text(&d->w, "version", ESXNTP_LINT_VERSION);
		jsonw_open(&d->w, "roots", '[');
	}
	return d;
}

void
out_doc_host(struct out_doc *d, struct host *h, struct out_totals *t)
{
	json_t *r = json_object(), *fs = json_array(), *counts = json_object(), *ar;
	size_t i, n[3] = { 0, 0, 0 }, fixed = 0;

	json_object_set_new(r, "root", out_json_text(h->root ? h->root : h->lone));
	json_object_set_new(r, "esx_version", jstr_or_null(h->esx_version));
	json_object_set_new(r, "esx_product", jstr_or_null(esx_product_name(&h->model.esx)));
	json_object_set_new(r, "esx_source", jstr_or_null(h->model.esx.source));
	json_object_set_new(r, "ntp_version", json_string(ntpver_name(h->target)));
	if ((ar = out_archive_json(h)) != NULL)	/* only for an archive root */
		json_object_set_new(r, "archive", ar);
	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED)
			fixed++;
		else
			n[f->sev]++;
		json_array_append_new(fs, json_finding(f));
	}
	json_object_set_new(r, "findings", fs);
	/* the root's own counts, as the summary's */
	json_object_set_new(counts, "error", json_integer((json_int_t)n[SEV_ERROR]));
	json_object_set_new(counts, "warning", json_integer((json_int_t)n[SEV_WARNING]));
	json_object_set_new(counts, "info", json_integer((json_int_t)n[SEV_INFO]));
	json_object_set_new(counts, "fixed", json_integer((json_int_t)fixed));
	json_object_set_new(r, "counts", counts);
	for (i = 0; i < 3; i++)
		t->n[i] += n[i];
	t->fixed += fixed;
	if (h->probe != NULL)
		json_object_set_new(r, "probe", out_probe_json(h));
	(void)out_doc_root_done(d);
	d->cur = r;
}

int
out_doc_root_done(struct out_doc *d)
{
	json_t *r = d->cur;
	int rc;

	if (r == NULL)
		return 0;
	d->cur = NULL;
	if (d->o.format != FMT_JSONL) {
		jsonw_put(&d->w, NULL, r);
		return 0;
	}
	/* --format=jsonl: the root goes out as one line now, flushed for a reader waiting
	 * on it */
	rc = json_dumpf(r, d->fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(r);
	if (rc != 0 || fputc('\n', d->fp) == EOF || fflush(d->fp) != 0)
		return -1;
	return 0;
}

void
out_doc_fleet(struct out_doc *d, const struct root_item *it)
{
	json_t *f, *skipped;

	if (it->kind == ROOT_FLEET) {
		f = json_object();
		json_object_set_new(f, "path", out_json_text(it->path));
		json_object_set_new(f, "roots", json_integer((json_int_t)it->nhosts));
		json_object_set_new(f, "skipped", json_array());
		json_array_append_new(d->fleets, f);
		return;
	}
	/* a skipped entry belongs to the directory of hosts listed last */
	f = json_array_get(d->fleets, json_array_size(d->fleets) - 1);
	if (f == NULL || (skipped = json_object_get(f, "skipped")) == NULL)
		return;
	f = json_object();
	json_object_set_new(f, "path", out_json_text(it->path));
	json_object_set_new(f, "why", out_json_text(it->why));
	json_array_append_new(skipped, f);
}

void
out_doc_tally(struct out_doc *d, const struct tally *y)
{
	json_t *h = json_object(), *rules = json_array(), *worst = json_array();
	int order[R_COUNT];
	size_t i, n = tally_rules(y, order);

	json_object_set_new(h, "roots", json_integer((json_int_t)y->roots));
	json_object_set_new(h, "clean", json_integer((json_int_t)y->clean));
	json_object_set_new(h, "with_errors", json_integer((json_int_t)y->worst_sev[SEV_ERROR]));
	json_object_set_new(h, "with_warnings", json_integer((json_int_t)y->worst_sev[SEV_WARNING]));
	json_object_set_new(h, "with_info", json_integer((json_int_t)y->worst_sev[SEV_INFO]));
	json_object_set_new(h, "skipped", json_integer((json_int_t)y->skipped));
	for (i = 0; i < n; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "rule", json_string(rule_table[order[i]].code));
		json_object_set_new(r, "name", json_string(rule_table[order[i]].name));
		json_object_set_new(r, "count", json_integer((json_int_t)y->rule[order[i]]));
		json_object_set_new(r, "fixable", json_integer((json_int_t)y->rule_fix[order[i]]));
		json_array_append_new(rules, r);
	}
	json_object_set_new(h, "rules", rules);
	for (i = 0; i < y->nworst; i++) {
		json_t *w = json_object();

		json_object_set_new(w, "root", out_json_text(y->worst[i].root));
		json_object_set_new(w, "error", json_integer((json_int_t)y->worst[i].c.n[SEV_ERROR]));
		json_object_set_new(w, "warning", json_integer((json_int_t)y->worst[i].c.n[SEV_WARNING]));
		json_object_set_new(w, "info", json_integer((json_int_t)y->worst[i].c.n[SEV_INFO]));
		json_array_append_new(worst, w);
	}
	json_object_set_new(h, "worst", worst);
	json_decref(d->hosts);
	d->hosts = h;
}

static json_t *
json_action(const struct fix_plan *p, size_t i)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", out_json_text(p->actions[i].path));
	json_object_set_new(o, "action", json_string(p->actions[i].kind == FIXACT_CHMOD ?
	    "chmod" : p->actions[i].kind == FIXACT_MKDIR ? "mkdir" : "symlink"));
	json_object_set_new(o, "error", jstr_or_null(p->action_errors ?
	    p->action_errors[i] : NULL));
	return o;
}

void
out_doc_fix(struct out_doc *d, const struct fix_plan *p)
{
	json_t *r = d->cur;
	json_t *fx = json_object(), *files = json_array(), *notes = json_array();
	size_t i;

	if (r == NULL)
		return;
	json_object_set_new(fx, "dry_run", json_boolean(d->o.dry_run));
	json_object_set_new(fx, "refused", jstr_or_null(p->refused));
	/* the directories a created file needs first, then the files, then the other changes */
	for (i = 0; i < p->nactions && p->refused == NULL; i++)
		if (p->actions[i].kind == FIXACT_MKDIR)
			json_array_append_new(files, json_action(p, i));
	for (i = 0; i < p->nfiles && p->refused == NULL; i++) {
		const struct fix_file *ff = &p->files[i];
		json_t *o = json_object();

		json_object_set_new(o, "file", out_json_text(ff->path));
		json_object_set_new(o, "created", json_boolean(ff->old == NULL));
		json_object_set_new(o, "backup", jstr_or_null(ff->backup));
		json_object_set_new(o, "error", jstr_or_null(ff->error));
		json_array_append_new(files, o);
	}
	for (i = 0; i < p->nactions && p->refused == NULL; i++)
		if (p->actions[i].kind != FIXACT_MKDIR)
			json_array_append_new(files, json_action(p, i));
	for (i = 0; i < p->nnotes; i++)
		json_array_append_new(notes, out_json_text(p->notes[i]));
	json_object_set_new(fx, "changes", files);
	json_object_set_new(fx, "notes", notes);
	json_object_set_new(r, "fix", fx);
}

int
out_doc_end(struct out_doc *d, const struct out_totals *t)
{
	json_t *sum = json_object();
	int rc = 0;

	(void)out_doc_root_done(d);
	json_object_set_new(sum, "error", json_integer((json_int_t)t->n[SEV_ERROR]));
	json_object_set_new(sum, "warning", json_integer((json_int_t)t->n[SEV_WARNING]));
	json_object_set_new(sum, "info", json_integer((json_int_t)t->n[SEV_INFO]));
	json_object_set_new(sum, "fixed", json_integer((json_int_t)t->fixed));
	if (d->hosts != NULL)
		json_object_update(sum, d->hosts);
	json_decref(d->hosts);
	if (d->o.format == FMT_JSONL) {
		/* the roots went out as lines; this last line has no "roots" */
		json_t *doc = json_object();

		json_object_set_new(doc, "tool", json_string("esxntp-lint"));
		json_object_set_new(doc, "version", json_string(ESXNTP_LINT_VERSION));
		json_object_set_new(doc, "fleets", d->fleets);
		json_object_set_new(doc, "summary", sum);
		rc = json_dumpf(doc, d->fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(doc);
	} else {
		jsonw_close(&d->w);
		jsonw_put(&d->w, "fleets", d->fleets);
		jsonw_put(&d->w, "summary", sum);
		jsonw_close(&d->w);
		jsonw_flush(&d->w);
	}
	if (rc == 0 && fputc('\n', d->fp) == EOF)
		rc = -1;
	free(d);
	return rc == 0 ? 0 : -1;
}
