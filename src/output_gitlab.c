/* output_gitlab: a GitLab Code Quality report (the subset of the Code Climate issue that
 * GitLab reads: docs.gitlab.com/ci/testing/code_quality, "Code Quality report format"):
 * one JSON array for all roots, an object per finding. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "output.h"
#include "util.h"

struct out_gitlab {
	json_t *issues;
	struct fp_set seen;	/* GitLab keeps one issue per fingerprint: number repeats */
};

/* GitLab's scale is info, minor, major, critical, blocker; an error stops ntpd from
 * keeping time as configured (critical), a warning weakens it (major) */
static const char *
severity_of(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "critical";
	case SEV_WARNING:
		return "major";
	default:
		return "info";
	}
}

/* the path from the repository's top, as GitLab wants it: the root joined, "." and empty
 * segments dropped ("./hosts//a/etc/ntp.conf" is "hosts/a/etc/ntp.conf") */
static char *
repo_path(const struct host *h, const struct finding *f)
{
	char *joined = h->root != NULL ? xasprintf("%s/%s", h->root, f->path) : xstrdup(f->path);
	char *out = xmalloc(strlen(joined) + 2), *o = out, *seg, *save = NULL;

	if (joined[0] == '/')
		*o++ = '/';
	for (seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (o > out && o[-1] != '/')
			*o++ = '/';
		strcpy(o, seg);
		o += strlen(seg);
	}
	if (o == out)
		*o++ = '.';
	*o = '\0';
	free(joined);
	return out;
}

struct out_gitlab *
out_gitlab_begin(const struct out_opts *o)
{
	struct out_gitlab *g = xcalloc(1, sizeof(*g));

	(void)o;
	g->issues = json_array();
	return g;
}

void
out_gitlab_host(struct out_gitlab *g, struct host *h, struct out_totals *t)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];
		const struct rule *r = &rule_table[f->rule];
		char fp[FP_TEXT_MAX], *uri, *path, *desc;
		uint32_t pos[4];
		uint64_t hash;
		json_t *issue;
		int absolute;

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			t->fixed++;
			continue;
		}
		t->n[f->sev]++;
		/* SARIF's fingerprint, so both name a finding alike */
		uri = fp_uri(h->root, f->path, &absolute);
		hash = fp_hash(f, uri);
		fp_format(fp, hash, fp_set_add(&g->seen, hash) + 1);
		out_span_pos(f->src, f->span, pos);
		/* a span that ends at the start of a line ends on the line before */
		if (pos[2] > pos[0] && pos[3] == 1)
			pos[2]--;
		path = repo_path(h, f);
		desc = xasprintf("%s [%s]", f->message, r->code);
		issue = json_object();
		json_object_set_new(issue, "description", out_json_text(desc));
		json_object_set_new(issue, "check_name", json_string(r->code));
		json_object_set_new(issue, "fingerprint", json_string(fp));
		json_object_set_new(issue, "severity", json_string(severity_of(f->sev)));
		json_object_set_new(issue, "location", json_pack("{s:o,s:{s:i,s:i}}",
		    "path", out_json_text(path), "lines", "begin", (int)pos[0], "end", (int)pos[2]));
		json_array_append_new(g->issues, issue);
		free(uri);
		free(path);
		free(desc);
	}
}

int
out_gitlab_end(struct out_gitlab *g, FILE *fp)
{
	int rc = json_dumpf(g->issues, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (rc == 0)
		fputc('\n', fp);
	json_decref(g->issues);
	fp_set_free(&g->seen);
	free(g);
	return rc == 0 ? 0 : -1;
}
