/* output_xml: the checkstyle and JUnit XML reports (README "Output formats"). Both are
 * written as text: an attribute or text escaped by xml_put, a finding at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "util.h"

/* s as XML 1.0 text or attribute value: &, <, >, " and ' as entities; a byte that is
 * not UTF-8, and a control character XML 1.0 cannot hold even as a reference (all
 * below 0x20 but TAB, LF, CR), as the text \xHH, as in the text report */
static void
xml_put(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;

	for (; n > 0; p += k, n -= k) {
		unsigned cp;

		k = utf8_decode(p, n, &cp);
		if (k == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0xfffe || cp == 0xffff) {
			fprintf(fp, "\\x%02x", *p);
			k = 1;
		} else if (cp == '&') {
			fputs("&amp;", fp);
		} else if (cp == '<') {
			fputs("&lt;", fp);
		} else if (cp == '>') {
			fputs("&gt;", fp);
		} else if (cp == '"') {
			fputs("&quot;", fp);
		} else if (cp == '\'') {
			fputs("&apos;", fp);
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			/* kept in attribute values, where a parser would fold them to spaces */
			fprintf(fp, "&#%u;", cp);
		} else {
			fwrite(p, 1, k, fp);
		}
	}
}

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* checkstyle: <checkstyle><file name=PATH><error line column severity message source/>,
 * the shape Checkstyle's XMLLogger writes and Jenkins' Warnings plugin, SonarQube and
 * many dashboards read */
struct out_checkstyle {
	FILE *fp;
};

struct out_checkstyle *
out_checkstyle_begin(FILE *fp)
{
	struct out_checkstyle *c = xcalloc(1, sizeof(*c));

	c->fp = fp;
	fputs(xml_decl, fp);
	fputs("<checkstyle version=\"4.3\">\n", fp);
	return c;
}

void
out_checkstyle_host(struct out_checkstyle *c, struct host *h, struct out_totals *t)
{
	const char *open = NULL;
	char buf[4096];
	size_t i;

	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];
		uint32_t pos[4];

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			t->fixed++;
			continue;
		}
		t->n[f->sev]++;
		/* findings come sorted by path: one <file> for each run of them */
		if (open == NULL || strcmp(open, f->path) != 0) {
			if (open != NULL)
				fputs("  </file>\n", c->fp);
			fputs("  <file name=\"", c->fp);
			xml_put(c->fp, out_path(h, f, buf, sizeof(buf), true));
			fputs("\">\n", c->fp);
			open = f->path;
		}
		out_span_pos(f->src, f->span, pos);
		fprintf(c->fp, "    <error line=\"%u\" column=\"%u\" severity=\"%s\" message=\"",
		    pos[0], pos[1], severity_name(f->sev));
		xml_put(c->fp, f->message);
		fprintf(c->fp, "\" source=\"esxntp-lint.%s\"/>\n", rule_table[f->rule].code);
	}
	if (open != NULL)
		fputs("  </file>\n", c->fp);
}

void
out_checkstyle_end(struct out_checkstyle *c)
{
	fputs("</checkstyle>\n", c->fp);
	free(c);
}

/* JUnit: a <testsuite> per root, a failed <testcase> per finding, one passing testcase
 * for a root without findings (a dashboard then counts it as checked). The totals on
 * <testsuites> come first, so the suites are kept in memory until the end */
struct out_junit {
	char *buf;
	size_t len;
	FILE *mem;
	size_t tests, failures;
};

struct out_junit *
out_junit_begin(void)
{
	struct out_junit *j = xcalloc(1, sizeof(*j));

	j->mem = open_memstream(&j->buf, &j->len);
	if (j->mem == NULL)
		fatal("out of memory");
	return j;
}

static void
junit_case(FILE *fp, const struct host *h, const struct finding *f)
{
	const struct rule *r = &rule_table[f->rule];
	char buf[4096];
	const char *path = out_path(h, f, buf, sizeof(buf), true);
	uint32_t pos[4];

	out_span_pos(f->src, f->span, pos);
	fprintf(fp, "    <testcase name=\"%s %s: ", r->code, r->name);
	xml_put(fp, f->path);
	fprintf(fp, ":%u:%u\" classname=\"", pos[0], pos[1]);
	xml_put(fp, path);
	fprintf(fp, "\" file=\"");
	xml_put(fp, path);
	fprintf(fp, "\" line=\"%u\" time=\"0\">\n      <failure message=\"", pos[0]);
	xml_put(fp, f->message);
	fprintf(fp, "\" type=\"%s\">", severity_name(f->sev));
	xml_put(fp, path);
	fprintf(fp, ":%u:%u: %s: ", pos[0], pos[1], severity_name(f->sev));
	xml_put(fp, f->message);
	fprintf(fp, " [%s]</failure>\n    </testcase>\n", r->code);
}

void
out_junit_host(struct out_junit *j, struct host *h, struct out_totals *t)
{
	const char *root = h->root != NULL ? h->root : h->lone;
	size_t i, n = 0;

	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			t->fixed++;
			continue;
		}
		t->n[f->sev]++;
		n++;
	}
	fputs("  <testsuite name=\"", j->mem);
	xml_put(j->mem, root);
	fprintf(j->mem, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
	    n > 0 ? n : 1, n);
	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];

		if (!f->suppressed && f->fix_state != FIXST_FIXED)
			junit_case(j->mem, h, f);
	}
	if (n == 0) {
		fputs("    <testcase name=\"esxntp-lint\" classname=\"", j->mem);
		xml_put(j->mem, root);
		fputs("\" time=\"0\"/>\n", j->mem);
	}
	fputs("  </testsuite>\n", j->mem);
	j->tests += n > 0 ? n : 1;
	j->failures += n;
}

int
out_junit_end(struct out_junit *j, FILE *fp)
{
	int rc = fclose(j->mem) == 0 ? 0 : -1;

	fputs(xml_decl, fp);
	fprintf(fp, "<testsuites name=\"esxntp-lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"0\">\n",
	    j->tests, j->failures);
	if (j->len > 0)
		fwrite(j->buf, 1, j->len, fp);
	fputs("</testsuites>\n", fp);
	free(j->buf);
	free(j);
	return rc;
}
