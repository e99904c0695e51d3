/* output_text: compiler-style lines, with an optional source excerpt and caret. */
#include <string.h>

#include "output.h"
#include "util.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"

static const char *
sev_color(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "\033[1;31m";
	case SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

void
out_put(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;

	while (n > 0) {
		if ((k = utf8_printable(p, n)) > 0) {
			fwrite(p, 1, k, fp);
		} else {
			fprintf(fp, "\\x%02x", *p);
			k = 1;
		}
		p += k;
		n -= k;
	}
}

const char *
out_path(const struct host *h, const struct finding *f, char *buf, size_t cap, bool join_root)
{
	const char *p = f->path;

	if (!join_root || h->root == NULL)
		return p;
	snprintf(buf, cap, "%s%s%s", h->root,
	    h->root[0] && h->root[strlen(h->root) - 1] == '/' ? "" : "/", p);
	return buf;
}

/* the widest excerpt shown: a hostile line of megabytes must not be echoed per finding */
#define EXCERPT_MAX 512
#define EXCERPT_BEFORE 128

/* the bytes of the character shown at buf[i]: a UTF-8 sequence, or one byte (shown as
 * '?' when it is not text) */
static uint32_t
glyph(const struct source *src, uint32_t i, uint32_t end)
{
	size_t k = i < end ? utf8_printable((const unsigned char *)src->buf + i, end - i) : 0;

	return k > 1 ? (uint32_t)k : 1;
}

/* the line holding the span, then a caret under it; tabs are kept so columns line up */
static void
excerpt(FILE *fp, struct source *src, struct span sp, const struct out_opts *o)
{
	const unsigned char *ubuf = (const unsigned char *)src->buf;
	struct span line = source_line_of(src, sp.start);
	uint32_t lineno, col, i, end, k;
	int cut_left = 0, cut_right = 0;

	source_linecol(src, sp.start, &lineno, &col);
	if (line.end - line.start > EXCERPT_MAX) {
		if (sp.start > line.start + EXCERPT_BEFORE) {
			line.start = sp.start - EXCERPT_BEFORE;
			cut_left = 1;
		}
		if (line.end - line.start > EXCERPT_MAX) {
			line.end = line.start + EXCERPT_MAX;
			cut_right = 1;
		}
	}
	fprintf(fp, "%5u | %s", lineno, cut_left ? "..." : "");
	for (i = line.start; i < line.end; i += k) {
		k = glyph(src, i, line.end);
		if (src->buf[i] == '\t' || k > 1 || utf8_printable(ubuf + i, 1))
			fwrite(src->buf + i, 1, k, fp);
		else
			fputc('?', fp);
	}
	fputs(cut_right ? "...\n      | " : "\n      | ", fp);
	if (cut_left)
		fputs("   ", fp);
	/* a column per character shown above, not per byte */
	for (i = line.start; i < sp.start && i < line.end; i += glyph(src, i, line.end))
		fputc(src->buf[i] == '\t' ? '\t' : ' ', fp);
	end = sp.end < line.end ? sp.end : line.end;
	if (o->color)
		fputs("\033[1;32m", fp);
	fputc('^', fp);
	for (i = sp.start + glyph(src, sp.start, line.end); i < end; i += glyph(src, i, line.end))
		fputc('~', fp);
	if (o->color)
		fputs(C_RESET, fp);
	fputc('\n', fp);
}

static void
location(FILE *fp, struct source *src, struct span sp, const char *path)
{
	uint32_t line = 1, col = 1;

	if (src != NULL)
		source_linecol(src, sp.start, &line, &col);
	out_put(fp, path);
	fprintf(fp, ":%u:%u: ", line, col);
}

void
out_host_text(FILE *fp, struct host *h, const struct out_opts *o, struct out_totals *t)
{
	size_t i, j;
	char buf[4096], rbuf[4096];

	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];
		const char *sev = severity_name(f->sev);

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			t->fixed++;
			location(fp, f->src, f->span, out_path(h, f, buf, sizeof(buf), o->join_root));
			fprintf(fp, "%s: ", o->dry_run ? "would fix" : "fixed");
			out_put(fp, f->message);
			fprintf(fp, " [%s]\n", rule_table[f->rule].code);
			continue;
		}
		t->n[f->sev]++;
		if (o->color)
			fputs(C_BOLD, fp);
		location(fp, f->src, f->span, out_path(h, f, buf, sizeof(buf), o->join_root));
		if (o->color)
			fprintf(fp, "%s%s:" C_RESET C_BOLD " ", sev_color(f->sev), sev);
		else
			fprintf(fp, "%s: ", sev);
		out_put(fp, f->message);
		fprintf(fp, "%s [%s]\n", o->color ? C_RESET : "", rule_table[f->rule].code);
		if (o->show_source && f->src != NULL)
			excerpt(fp, f->src, f->span, o);
		for (j = 0; j < f->nrelated; j++) {
			struct related *r = &f->related[j];
			struct finding tmp = *f;

			tmp.path = r->src->path;
			location(fp, r->src, r->span,
			    out_path(h, &tmp, rbuf, sizeof(rbuf), o->join_root));
			fputs("note: ", fp);
			out_put(fp, r->message ? r->message : "related location");
			fputc('\n', fp);
			if (o->show_source)
				excerpt(fp, r->src, r->span, o);
		}
		if (f->fix_state == FIXST_LEFT) {
			location(fp, f->src, f->span, out_path(h, f, buf, sizeof(buf), o->join_root));
			fputs("note: not fixed: ", fp);
			out_put(fp, f->fix_why);
			fputc('\n', fp);
		}
		if (o->unsafe_hints && out_unsafe_fix(f)) {
			location(fp, f->src, f->span, out_path(h, f, buf, sizeof(buf), o->join_root));
			fputs("note: unsafe fix available (--fix --unsafe-fixes applies it)\n", fp);
		}
	}
}

void
out_summary_text(FILE *fp, const struct out_totals *t, const struct out_opts *o)
{
	size_t total = t->n[SEV_ERROR] + t->n[SEV_WARNING] + t->n[SEV_INFO];

	if (t->fixed > 0)
		fprintf(fp, "%zu finding%s %s\n", t->fixed, t->fixed == 1 ? "" : "s",
		    o->dry_run ? "would be fixed" : "fixed");
	/* a clean run says so on a terminal, in one line; in a pipe it stays silent */
	if (total == 0 && o->tty)
		fprintf(fp, "no findings%s (%zu path%s)\n", t->fixed > 0 ? " left" : "", o->npaths,
		    o->npaths == 1 ? "" : "s");
	if (total == 0)
		return;
	fprintf(fp, "%zu finding%s: %zu error%s, %zu warning%s, %zu info\n", total,
	    total == 1 ? "" : "s", t->n[SEV_ERROR], t->n[SEV_ERROR] == 1 ? "" : "s",
	    t->n[SEV_WARNING], t->n[SEV_WARNING] == 1 ? "" : "s", t->n[SEV_INFO]);
}
