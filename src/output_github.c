/* output_github: one GitHub Actions workflow command per finding. */
#include <string.h>

#include "output.h"
#include "util.h"

/* workflow command values escape %, CR and LF; properties also ':' and ','. Other control
 * bytes and bytes that are not UTF-8 become \xHH, as in text output: the log shows them,
 * and an escape sequence from a file name must not reach it */
static void
put_escaped(FILE *fp, const char *s, int property)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;

	for (; n > 0; p += k, n -= k) {
		k = 1;
		if (*p == '%')
			fputs("%25", fp);
		else if (*p == '\r')
			fputs("%0D", fp);
		else if (*p == '\n')
			fputs("%0A", fp);
		else if (property && *p == ':')
			fputs("%3A", fp);
		else if (property && *p == ',')
			fputs("%2C", fp);
		else if ((k = utf8_printable(p, n)) > 0)
			fwrite(p, 1, k, fp);
		else
			fprintf(fp, "\\x%02x", *p), k = 1;
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
