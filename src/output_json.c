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
	struct jsonw doc;	/* FMT_JSON: the document, open at its "roots" */
	struct jsonw line;	/* FMT_JSONL: the root's line */
	bool open;		/* a root's object is open, until out_doc_root_done */
	json_t *fleets;		/* the directories of hosts, and what was skipped in them */
	json_t *hosts;		/* the summary's keys over the roots (out_doc_tally) */
};

/* where the root goes: the document, or a line of its own */
static struct jsonw *
root_writer(struct out_doc *d)
{
	return d->o.format == FMT_JSONL ? &d->line : &d->doc;
}

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

/* a finding written as it is made into JSON, member by member: through jansson, each
 * cost a sort of its keys and a dozen allocations, and a root's findings were held as one
 * object (300,000 findings: 1 GB) */
static void
put_pos(struct jsonw *w, struct source *src, struct span sp, int with_end)
{
	uint32_t pos[4];

	out_span_pos(src, sp, pos);
	jsonw_int(w, "line", pos[0]);
	jsonw_int(w, "column", pos[1]);
	if (with_end) {
		jsonw_int(w, "end_line", pos[2]);
		jsonw_int(w, "end_column", pos[3]);
	}
}

static void
put_finding(struct jsonw *w, struct finding *f)
{
	const struct rule *r = &rule_table[f->rule];
	size_t j;

	jsonw_open(w, NULL, '{');
	jsonw_text(w, "rule", r->code);
	jsonw_text(w, "name", r->name);
	jsonw_text(w, "severity", severity_name(f->sev));
	jsonw_text(w, "file", f->path);
	put_pos(w, f->src, f->span, 1);
	/* messages quote file bytes, which need not be UTF-8: jsonw_text writes them as
	 * out_json_text does */
	jsonw_text(w, "message", f->message);
	jsonw_text(w, "fix", fixclass_name(r->fix));
	if (f->fix_state != FIXST_NONE) {
		jsonw_bool(w, "fixed", f->fix_state == FIXST_FIXED);
		if (f->fix_why != NULL)
			jsonw_text(w, "not_fixed_because", f->fix_why);
	}
	jsonw_open(w, "related", '[');
	for (j = 0; j < f->nrelated; j++) {
		jsonw_open(w, NULL, '{');
		jsonw_text(w, "file", f->related[j].src->path);
		put_pos(w, f->related[j].src, f->related[j].span, 0);
		if (f->related[j].message)
			jsonw_text(w, "message", f->related[j].message);
		jsonw_close(w);
	}
	jsonw_close(w);
	jsonw_close(w);
}

struct out_doc *
out_doc_begin(const struct out_opts *o, FILE *fp)
{
	struct out_doc *d = xcalloc(1, sizeof(*d));

	d->o = *o;
	d->fp = fp;
	d->fleets = json_array();
	if (o->format != FMT_JSONL) {
		jsonw_init(&d->doc, fp, 2);
		jsonw_open(&d->doc, NULL, '{');
		jsonw_text(&d->doc, "tool", "esxntp-lint");
		jsonw_text(&d->doc, "version", ESXNTP_LINT_VERSION);
		jsonw_open(&d->doc, "roots", '[');
	}
	return d;
}

void
out_doc_host(struct out_doc *d, struct host *h, struct out_totals *t)
{
	struct jsonw *w = root_writer(d);
	size_t i, n[3] = { 0, 0, 0 }, fixed = 0;
	json_t *ar;

	(void)out_doc_root_done(d);
	if (d->o.format == FMT_JSONL)
		jsonw_init(w, d->fp, 0);
	jsonw_open(w, NULL, '{');
	d->open = true;
	jsonw_text(w, "root", h->root ? h->root : h->lone);
	jsonw_text(w, "esx_version", h->esx_version);
	jsonw_text(w, "esx_product", esx_product_name(&h->model.esx));
	jsonw_text(w, "esx_source", h->model.esx.source);
	jsonw_text(w, "ntp_version", ntpver_name(h->target));
	if ((ar = out_archive_json(h)) != NULL)	/* only for an archive root */
		jsonw_put(w, "archive", ar);
	jsonw_open(w, "findings", '[');
	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED)
			fixed++;
		else
			n[f->sev]++;
		put_finding(w, f);
	}
	jsonw_close(w);
	/* the root's own counts, as the summary's */
	jsonw_open(w, "counts", '{');
	jsonw_int(w, "error", (long long)n[SEV_ERROR]);
	jsonw_int(w, "warning", (long long)n[SEV_WARNING]);
	jsonw_int(w, "info", (long long)n[SEV_INFO]);
	jsonw_int(w, "fixed", (long long)fixed);
	jsonw_close(w);
	for (i = 0; i < 3; i++)
		t->n[i] += n[i];
	t->fixed += fixed;
	if (h->probe != NULL)
		jsonw_put(w, "probe", out_probe_json(h));
}

int
out_doc_root_done(struct out_doc *d)
{
	struct jsonw *w = root_writer(d);

	if (!d->open)
		return 0;
	d->open = false;
	jsonw_close(w);
	if (d->o.format != FMT_JSONL)
		return 0;
	/* --format=jsonl: the root's line goes out now, flushed for a reader waiting on it */
	jsonw_flush(w);
	if (fputc('\n', d->fp) == EOF || fflush(d->fp) != 0)
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
	json_t *fx, *files, *notes;
	size_t i;

	if (!d->open)
		return;
	fx = json_object();
	files = json_array();
	notes = json_array();
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
	jsonw_put(root_writer(d), "fix", fx);
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
		jsonw_close(&d->doc);
		jsonw_put(&d->doc, "fleets", d->fleets);
		jsonw_put(&d->doc, "summary", sum);
		jsonw_close(&d->doc);
		jsonw_flush(&d->doc);
	}
	if (rc == 0 && fputc('\n', d->fp) == EOF)
		rc = -1;
	free(d);
	return rc == 0 ? 0 : -1;
}
