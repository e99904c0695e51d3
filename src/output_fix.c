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
	if (a->kind == FIXACT_CHMOD)
		fprintf(fp, "mode bits %04o cleared", a->mode);
	else if (a->replaces != NULL)
		fprintf(fp, "symlink to %s made, replacing %s", a->target, a->replaces);
	else
		fprintf(fp, "symlink to %s made", a->target);
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

void
out_fix_text(FILE *fp, struct host *h, const struct fix_plan *p, const struct out_opts *o)
{
	char buf[4096];
	size_t i;

	if (p->refused != NULL) {
		fprintf(fp, "%s: not fixed: %s\n", h->root ? h->root : h->lone, p->refused);
		return;
	}
	for (i = 0; i < p->nfiles; i++) {
		const struct fix_file *ff = &p->files[i];
		const char *path = shown(h, ff->path, buf, sizeof(buf), o);

		if (ff->error != NULL)
			fprintf(fp, "%s: error: %s\n", path, ff->error);
		else if (o->dry_run)
			fprintf(fp, "%s: would be %s\n", path, ff->old ? "rewritten" : "created");
		else if (ff->backup != NULL)
			fprintf(fp, "%s: written (the old text is in %s)\n", path,
			    shown(h, ff->backup, buf, sizeof(buf), o));
		else
			fprintf(fp, "%s: %s\n", path, ff->old ? "written" : "created");
	}
	for (i = 0; i < p->nactions; i++) {
		const char *path = shown(h, p->actions[i].path, buf, sizeof(buf), o);

		if (p->action_errors != NULL && p->action_errors[i] != NULL) {
			fprintf(fp, "%s: error: %s\n", path, p->action_errors[i]);
			continue;
		}
		fprintf(fp, "%s: %s", path, o->dry_run ? "would have its " : "");
		action_text(fp, &p->actions[i]);
		fputc('\n', fp);
	}
	for (i = 0; i < p->nnotes; i++)
		fprintf(fp, "note: %s\n", p->notes[i]);
	live_commands(fp, h, o->dry_run);
}

void
out_resolve_text(FILE *fp, const struct addr_book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->v[i].state == ADDR_UNRESOLVED)
			fprintf(fp, "esxntp-lint: --resolve could not resolve '%s': %s\n", b->v[i].name,
			    b->v[i].why);
}
