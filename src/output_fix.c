/* output_fix: the --fix report of one host: files written (and their backups), files and
 * changes refused with the reason, and what the admin still has to do on the live host. */
#include <stdio.h>
#include <string.h>

#include "addrbook.h"
#include "fix.h"
#include "output.h"
#include "rules_util.h"

static const char *
shown(const struct host *h, const char *path, char *buf, size_t cap, const struct out_opts *o)
{
	struct finding tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.path = path;
	return out_path(h, &tmp, buf, cap, o->join_root);
}

static void
action_text(FILE *fp, const struct fix_action *a)
{
	if (a->kind == FIXACT_MKDIR) {
		fputs("directory made (0755 root:root)", fp);
		return;
	}
	if (a->kind == FIXACT_CHMOD) {
		fprintf(fp, "mode bits %04o cleared", a->mode);
		return;
	}
	fputs("symlink to ", fp);
	out_put(fp, a->target);
	fputs(" made", fp);
	if (a->replaces != NULL) {
		fputs(", replacing ", fp);
		out_put(fp, a->replaces);
	}
}

static void
live_commands(FILE *fp, const struct host *h, bool dry)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];

		if (f->fix_state != FIXST_FIXED)
			continue;
		if (f->rule == R_FW010)
			fprintf(fp, "note: esx.conf %s; on the running host also run: %s\n",
			    dry ? "would be changed" : "changed", fw_enable_cmd(h));
		if (f->rule == R_SVC010)
			fprintf(fp, "note: ntpd now starts at boot; to start it now run: service ntpd start\n");
	}
}

static void
action_line(FILE *fp, struct host *h, const struct fix_plan *p, size_t i,
    const struct out_opts *o, char *buf, size_t cap)
{
	const struct fix_action *a = &p->actions[i];

	out_put(fp, shown(h, a->path, buf, cap, o));
	if (p->action_errors != NULL && p->action_errors[i] != NULL) {
		fputs(": error: ", fp);
		out_put(fp, p->action_errors[i]);
	} else if (a->kind == FIXACT_MKDIR && o->dry_run) {
		fputs(": would be made (a directory, 0755 root:root)", fp);
	} else {
		fprintf(fp, ": %s", o->dry_run ? "would have its " : "");
		action_text(fp, a);
	}
	fputc('\n', fp);
}

void
out_fix_text(FILE *fp, struct host *h, const struct fix_plan *p, const struct out_opts *o)
{
	char buf[4096];
	size_t i;

	if (p->refused != NULL) {
		out_put(fp, h->root ? h->root : h->lone);
		fputs(": not fixed: ", fp);
		out_put(fp, p->refused);
		fputc('\n', fp);
		return;
	}
	/* the directories first: the files below them come after */
	for (i = 0; i < p->nactions; i++)
		if (p->actions[i].kind == FIXACT_MKDIR)
			action_line(fp, h, p, i, o, buf, sizeof(buf));
	for (i = 0; i < p->nfiles; i++) {
		const struct fix_file *ff = &p->files[i];
		out_put(fp, shown(h, ff->path, buf, sizeof(buf), o));
		if (ff->error != NULL) {
			fputs(": error: ", fp);
			out_put(fp, ff->error);
		} else if (o->dry_run) {
			fprintf(fp, ": would be %s", ff->old ? "rewritten" : "created");
		} else if (ff->backup != NULL) {
			fputs(": written (the old text is in ", fp);
			out_put(fp, shown(h, ff->backup, buf, sizeof(buf), o));
			fputc(')', fp);
		} else {
			fprintf(fp, ": %s", ff->old ? "written" : "created");
		}
		fputc('\n', fp);
	}
	for (i = 0; i < p->nactions; i++)
		if (p->actions[i].kind != FIXACT_MKDIR)
			action_line(fp, h, p, i, o, buf, sizeof(buf));
	for (i = 0; i < p->nnotes; i++) {
		fputs("note: ", fp);
		out_put(fp, p->notes[i]);
		fputc('\n', fp);
	}
	live_commands(fp, h, o->dry_run);
}

void
out_resolve_text(FILE *fp, const struct addr_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->v[i].state != ADDR_UNRESOLVED)
			continue;
		fputs("esxntp-lint: --resolve could not resolve '", fp);
		out_put(fp, b->v[i].name);
		fputs("': ", fp);
		out_put(fp, b->v[i].why);
		fputc('\n', fp);
	}
}

bool
out_unsafe_fix(const struct finding *f)
{
	return !f->suppressed && rule_table[f->rule].fix == FIX_UNSAFE &&
	    (f->nedits > 0 || f->nactions > 0);
}

void
out_unsafe_summary(FILE *fp, size_t n)
{
	if (n > 0)
		fprintf(fp, "%zu finding%s an unsafe fix: --fix --unsafe-fixes applies %s, "
		    "--diff --unsafe-fixes shows %s\n", n, n == 1 ? " has" : "s have",
		    n == 1 ? "it" : "them", n == 1 ? "it" : "them");
}
