/* baseline: see baseline.h. */
#include "baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fingerprint.h"
#include "output.h"
#include "suppress.h"
#include "util.h"

struct baseline {
	const char *path;
	struct fp_set entries;		/* the fingerprints not used yet */
	size_t left_out;		/* findings the entries absorbed */
};

struct baseline_out {
	json_t *findings;
};

static void
bad_file(const char *path, const char *fmt, const char *arg) __attribute__((noreturn));

static void
bad_file(const char *path, const char *fmt, const char *arg)
{
	fprintf(stderr, "esxntp-lint: baseline %s: ", path);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(EXIT_INTERNAL);
}

struct baseline *
baseline_read(const char *path)
{
	struct baseline *b;
	json_error_t err;
	json_t *doc, *v, *list, *e;
	size_t i;
	char num[32];

	doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (doc == NULL) {
		/* a file that is not JSON, as a compiler would say it */
		if (err.line > 0)
			fprintf(stderr, "%s:%d:%d: error: %s\n", path, err.line, err.column, err.text);
		else
			fprintf(stderr, "esxntp-lint: baseline %s cannot be read: %s\n", path, err.text);
		exit(EXIT_INTERNAL);
	}
	if (!json_is_object(doc) ||
	    !json_is_string(v = json_object_get(doc, "tool")) ||
	    strcmp(json_string_value(v), "esxntp-lint") != 0)
		bad_file(path, "%s", "not an esxntp-lint baseline (no \"tool\": \"esxntp-lint\")");
	v = json_object_get(doc, "baseline_version");
	if (!json_is_integer(v) || json_integer_value(v) != BASELINE_VERSION) {
		snprintf(num, sizeof(num), "%d", BASELINE_VERSION);
		bad_file(path, "baseline_version is not %s: write it again with --write-baseline", num);
	}
	v = json_object_get(doc, "fingerprint_kind");
	if (!json_is_string(v) || strcmp(json_string_value(v), FINGERPRINT_KEY) != 0)
		bad_file(path, "its fingerprints are not " FINGERPRINT_KEY
		    "'s (%s): write it again with --write-baseline",
		    json_is_string(v) ? json_string_value(v) : "none");
	list = json_object_get(doc, "findings");
	if (!json_is_array(list))
		bad_file(path, "%s", "no \"findings\" array");
	b = xcalloc(1, sizeof(*b));
	b->path = path;
	json_array_foreach(list, i, e) {
		uint64_t h;

		v = json_object_get(e, "fingerprint");
		if (!json_is_string(v) || !fp_parse(json_string_value(v), &h)) {
			snprintf(num, sizeof(num), "%zu", i);
			bad_file(path, "findings[%s] has no fingerprint of 16 hex digits", num);
		}
		fp_set_add(&b->entries, h);
	}
	json_decref(doc);
	return b;
}

/* the URI the fingerprint hashes, as SARIF names the file */
static char *
uri_of(const struct host *h, const struct finding *f)
{
	int absolute;

	return fp_uri(h->root, f->path, &absolute);
}

static bool
reported(const struct finding *f)
{
	return !f->suppressed && f->fix_state != FIXST_FIXED;
}

size_t
baseline_apply(struct baseline *b, struct host *h)
{
	size_t i, n = 0;

	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];
		char *uri;

		if (!reported(f))
			continue;
		uri = uri_of(h, f);
		if (fp_set_take(&b->entries, fp_hash(f, uri))) {
			f->suppressed = SUPP_BASELINE;
			n++;
		}
		free(uri);
	}
	b->left_out += n;
	return n;
}

void
baseline_summary(const struct baseline *b, FILE *fp)
{
	fprintf(fp, "%zu finding%s left out: %s in the baseline ", b->left_out,
	    b->left_out == 1 ? "" : "s", b->left_out == 1 ? "it is" : "they are");
	out_put(fp, b->path);
	fprintf(fp, "; %zu of its entries no longer match%s a finding\n", b->entries.total,
	    b->entries.total == 1 ? "es" : "");
}

void
baseline_free(struct baseline *b)
{
	if (b == NULL)
		return;
	fp_set_free(&b->entries);
	free(b);
}

struct baseline_out *
baseline_out_new(void)
{
	struct baseline_out *w = xcalloc(1, sizeof(*w));

	w->findings = json_array();
	return w;
}

void
baseline_out_host(struct baseline_out *w, struct host *h)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];
		char *uri, hex[FP_TEXT_MAX];
		uint32_t pos[4];
		json_t *e;

		if (!reported(f))
			continue;
		uri = uri_of(h, f);
		fp_format(hex, fp_hash(f, uri), 0);
		hex[16] = '\0';		/* the hash alone: the count is the entries' number */
		out_span_pos(f->src, f->span, pos);
		e = json_object();
		json_object_set_new(e, "fingerprint", json_string(hex));
		json_object_set_new(e, "rule", json_string(rule_table[f->rule].code));
		json_object_set_new(e, "file", out_json_text(uri));
		json_object_set_new(e, "line", json_integer(pos[0]));
		json_object_set_new(e, "message", out_json_text(f->message));
		json_array_append_new(w->findings, e);
		free(uri);
	}
}

int
baseline_out_write(struct baseline_out *w, const char *path, size_t *n)
{
	json_t *doc = json_object();
	char *tmp = xasprintf("%s.esxntp-lint.%ld.tmp", path, (long)getpid());
	FILE *fp;
	int rc = -1, e = 0;

	*n = json_array_size(w->findings);
	json_object_set_new(doc, "tool", json_string("esxntp-lint"));
	json_object_set_new(doc, "baseline_version", json_integer(BASELINE_VERSION));
	json_object_set_new(doc, "fingerprint_kind", json_string(FINGERPRINT_KEY));
	json_object_set_new(doc, "findings", w->findings);
	/* a run cut short leaves the old baseline, not half of a new one */
	if ((fp = fopen(tmp, "w")) != NULL) {
		if (json_dumpf(doc, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
		    fputc('\n', fp) != EOF && fflush(fp) == 0 && fsync(fileno(fp)) == 0)
			rc = 0;
		e = errno;
		if (fclose(fp) != 0 && rc == 0) {
			rc = -1;
			e = errno;
		}
		if (rc == 0 && rename(tmp, path) != 0) {
			rc = -1;
			e = errno;
		}
		if (rc != 0)
			unlink(tmp);
	} else {
		e = errno;
	}
	json_decref(doc);
	free(tmp);
	free(w);
	errno = e;
	return rc;
}
