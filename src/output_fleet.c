#include "model_esx.h"
#include "output_fleet.h"

#include <string.h>

#include "ntpver.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
out_fleet_item(FILE *fp, const struct root_item *it, const char *prefix)
{
	fputs(prefix, fp);
	out_put(fp, it->path);
	if (it->kind == ROOT_SKIPPED) {
		fputs(": skipped: ", fp);
		out_put(fp, it->why);
		fputc('\n', fp);
		return;
	}
	fprintf(fp, ": a directory of hosts: %zu host root%s in it, linted in name order", it->nhosts,
	    plural(it->nhosts, "", "s"));
	if (it->nskipped > 0)
		fprintf(fp, "; %zu other entr%s skipped", it->nskipped, plural(it->nskipped, "y", "ies"));
	fputc('\n', fp);
}

void
out_root_header(FILE *fp, const struct host *h, const struct root_counts *c,
    const struct out_opts *o, bool first)
{
	/* a blank line between one root's findings and the next root's */
	if (!first)
		fputc('\n', fp);
	if (o->color)
		fputs(C_BOLD, fp);
	fputs("-- ", fp);
	out_put(fp, h->root ? h->root : h->lone);
	if (h->root == NULL) {
		fputs(" (a lone ntp.conf", fp);
	} else if (h->esx_version != NULL) {
		const char *product = esx_product_name(&h->model.esx);

		fprintf(fp, " (%s ", product != NULL ? product : "ESX");
		out_put(fp, h->esx_version);
		if (h->model.esx.build != 0)
			fprintf(fp, " build %lu", h->model.esx.build);
	} else if (h->model.esx.product == ESXP_ESXI) {
		fputs(" (ESXi, release unknown", fp);
	} else {
		fputs(" (ESX release unknown", fp);
	}
	fprintf(fp, ", judged as ntpd %s): %zu error%s, %zu warning%s, %zu info",
	    ntpver_name(h->target), c->n[SEV_ERROR], plural(c->n[SEV_ERROR], "", "s"),
	    c->n[SEV_WARNING], plural(c->n[SEV_WARNING], "", "s"), c->n[SEV_INFO]);
	if (c->fixed > 0)
		fprintf(fp, ", %zu %s", c->fixed, o->dry_run ? "would be fixed" : "fixed");
	fputs(o->color ? C_RESET "\n" : "\n", fp);
}

void
out_statistics(FILE *fp, const struct tally *t, const char *indent)
{
	int rules[R_COUNT];
	size_t n = tally_rules(t, rules), i, any_fix = 0;
	int width = 1, codew = 1;
	char num[32];

	for (i = 0; i < n; i++) {
		int k = snprintf(num, sizeof(num), "%zu", t->rule[rules[i]]);

		width = k > width ? k : width;
		k = (int)strlen(rule_table[rules[i]].code);
		codew = k > codew ? k : codew;
		any_fix += t->rule_fix[rules[i]] > 0;
	}
	for (i = 0; i < n; i++) {
		const struct rule *r = &rule_table[rules[i]];

		fprintf(fp, "%s%*zu  %-*s  %s%s\n", indent, width, t->rule[rules[i]], codew, r->code,
		    any_fix == 0 ? "" : t->rule_fix[rules[i]] > 0 ? "[*] " : "[ ] ", r->name);
	}
}

void
out_fleet_summary(FILE *fp, const struct tally *t)
{
	size_t i;

	fprintf(fp, "\nhosts: %zu checked, %zu clean, %zu with errors, %zu with warnings, "
	    "%zu with info only", t->roots, t->clean, t->worst_sev[SEV_ERROR],
	    t->worst_sev[SEV_WARNING], t->worst_sev[SEV_INFO]);
	if (t->skipped > 0)
		fprintf(fp, " (%zu entr%s of directories of hosts skipped)", t->skipped,
		    plural(t->skipped, "y", "ies"));
	fputc('\n', fp);
	if (t->clean < t->roots) {
		fputs("findings per rule:\n", fp);
		out_statistics(fp, t, "  ");
	}
	if (t->nworst > 0)
		fprintf(fp, "worst host%s:\n", plural(t->nworst, "", "s"));
	for (i = 0; i < t->nworst; i++) {
		const struct root_counts *c = &t->worst[i].c;

		fputs("  ", fp);
		out_put(fp, t->worst[i].root);
		fprintf(fp, ": %zu error%s, %zu warning%s, %zu info\n", c->n[SEV_ERROR],
		    plural(c->n[SEV_ERROR], "", "s"), c->n[SEV_WARNING],
		    plural(c->n[SEV_WARNING], "", "s"), c->n[SEV_INFO]);
	}
}
