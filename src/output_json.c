/* output_json: the stable JSON document (README "JSON output"). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fix.h"
#include "jsonw.h"
#include "output.h"
#include "util.h"
#include "version.h"

/* The document is written as it goes: its head at out_doc_begin, a root's part when the
 * root is done, the summary at the end, each finding written alone (src/jsonw.c). A
 * run's memory so follows its largest root, not the number of roots, and the bytes are
 * those one json_dumpf of the whole document gave. root_part writes one root wherever
 * its writer stands: a JSON Lines format would give it a compact writer per root; counts
 * per root would go after its findings. */
struct out_doc {
	struct out_opts o;
	struct jsonw w;
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

/* a place's line and column (and its end's, with_end) */
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

/* one finding, written as it is read: the keys in the order of README "JSON output" */
static void
put_finding(struct jsonw *w, const struct finding *f)
{
	const struct rule *r = &rule_table[f->rule];
	size_t j;

	jsonw_open(w, NULL, '{');
	jsonw_text(w, "rule", r->code);
	jsonw_text(w, "name", r->name);
	jsonw_text(w, "severity", severity_name(f->sev));
	jsonw_text(w, "file", f->path);
	put_pos(w, f->src, f->span, 1);
	/* messages quote file bytes, which need not be UTF-8 */
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
	jsonw_init(&d->w, fp, 2);
	jsonw_open(&d->w, NULL, '{');
	jsonw_put(&d->w, "tool", json_string("esxntp-lint"));
	jsonw_put(&d->w, "version", json_string(ESXNTP_LINT_VERSION));
	jsonw_open(&d->w, "roots", '[');
	jsonw_flush(&d->w);
	return d;
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

/* what --fix wrote (or would, --diff) for the root */
static json_t *
json_fix(const struct out_opts *oo, const struct fix_plan *p)
{
	json_t *fx = json_object(), *files = json_array(), *notes = json_array();
	size_t i;

	json_object_set_new(fx, "dry_run", json_boolean(oo->dry_run));
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
	return fx;
}

/* one root's object: its findings (not suppressed; added to t) and, when p is given,
 * what --fix did */
static void
root_part(struct jsonw *w, const struct out_opts *oo, struct host *h,
    const struct fix_plan *p, struct out_totals *t)
{
	json_t *ar;
	size_t i;

	jsonw_open(w, NULL, '{');
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
			t->fixed++;
		else
			t->n[f->sev]++;
		put_finding(w, f);
	}
	jsonw_close(w);
	if (h->probe != NULL)
		jsonw_put(w, "probe", out_probe_json(h));
	if (p != NULL)
		jsonw_put(w, "fix", json_fix(oo, p));
	jsonw_close(w);
}

void
out_doc_host(struct out_doc *d, struct host *h, const struct fix_plan *p,
    struct out_totals *t)
{
	root_part(&d->w, &d->o, h, p, t);
	/* the root's part is out before anything else is written (a message about the
	 * next root, a --diff patch) */
	jsonw_flush(&d->w);
}

int
out_doc_end(struct out_doc *d, const struct out_totals *t)
{
	json_t *sum = json_object();
	FILE *fp = d->w.fp;

	jsonw_close(&d->w);
	json_object_set_new(sum, "error", json_integer((json_int_t)t->n[SEV_ERROR]));
	json_object_set_new(sum, "warning", json_integer((json_int_t)t->n[SEV_WARNING]));
	json_object_set_new(sum, "info", json_integer((json_int_t)t->n[SEV_INFO]));
	json_object_set_new(sum, "fixed", json_integer((json_int_t)t->fixed));
	jsonw_put(&d->w, "summary", sum);
	jsonw_close(&d->w);
	jsonw_flush(&d->w);
	fputc('\n', fp);
	free(d);
	return ferror(fp) ? -1 : 0;
}
