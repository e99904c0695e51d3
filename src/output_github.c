/* output_github: one GitHub Actions workflow command per finding. */
#include <string.h>

#include "output.h"

/* workflow command values escape %, CR and LF; properties also ':' and ',' */
static void
put_escaped(FILE *fp, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (property && *s == ':')
			fputs("%3A", fp);
		else if (property && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
}

void
out_host_github(FILE *fp, struct host *h, const struct out_opts *o, struct out_totals *t)
{
	static const char *const level[] = { "notice", "warning", "error" };
	char buf[4096];
	size_t i;

	for (i = 0; i < h->diags.n; i++) {
		struct finding *f = &h->diags.v[i];
		uint32_t line = 1, col = 1, eline = 1, ecol = 1;

		if (f->suppressed)
			continue;
		if (f->fix_state == FIXST_FIXED) {
			t->fixed++;
			continue;
		}
		t->n[f->sev]++;
		if (f->src != NULL) {
			source_linecol(f->src, f->span.start, &line, &col);
			source_linecol(f->src, f->span.end, &eline, &ecol);
		}
		fprintf(fp, "::%s file=", level[f->sev]);
		/* annotations need the path from the repository root: join the root */
		put_escaped(fp, out_path(h, f, buf, sizeof(buf), true), 1);
		fprintf(fp, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", line, col, eline, ecol);
		put_escaped(fp, rule_table[f->rule].code, 1);
		fputc(' ', fp);
		put_escaped(fp, rule_table[f->rule].name, 1);
		fputs("::", fp);
		put_escaped(fp, f->message, 0);
		fputc('\n', fp);
	}
}
