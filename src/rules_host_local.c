/* rules on the host's other files and on files as they stand on disk: FW001 (esx.conf
 * syntax), FS002 (world-writable), FS003 (not root-owned), FS004 (template markup), ESX001
 * (unknown ESX version). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lint.h"
#include "model_esx.h"
#include "rules_all.h"

void
rule_fw_syntax(struct host *h, struct diags *d)
{
	const struct fw_model *m = &h->model.fw;
	const struct linetree *t = m->tree;
	uint32_t i;

	if (!m->present)
		return;
	for (i = 0; i < t->nlines; i++) {
		const struct lt_line *l = &t->lines[i];
		struct span sp;

		if (!(l->flags & LT_SYNTAX_ERROR))
			continue;
		sp = lt_tok_span(t, l->errtok);
		if (t->tokkind[l->errtok] == LT_EOL) {
			/* point at the end of the line, where the rest is missing */
			sp.end = sp.start;
			diag_add(d, R_FW001, m->src, sp,
			    "esx.conf line is not '/path/key = \"value\"': it ends too early");
		} else {
			diag_add(d, R_FW001, m->src, sp,
			    "esx.conf line is not '/path/key = \"value\"': unexpected '%.*s'",
			    (int)(sp.end - sp.start > 40 ? 40 : sp.end - sp.start),
			    m->src->buf + sp.start);
		}
	}
}

static struct finding *
file_finding(struct diags *d, enum rule_id r, const struct m_file *f, const char *fmt,
    const char *a, unsigned b)
{
	return diag_add(d, r, f->src, (struct span){ 0, 0 }, fmt, a, b);
}

void
rule_fs_world_writable(struct host *h, struct diags *d)
{
	const struct files_model *m = &h->model.files;
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct m_file *f = &m->v[i];
		struct finding *fd;

		if (!f->checked || f->src == NULL || !(f->mode & S_IWOTH))
			continue;
		fd = file_finding(d, R_FS002, f,
		    "%s is writable by others (mode %04o): any account on the service console can change it",
		    f->path, (unsigned)(f->mode & 07777));
		diag_action(d, fd, &(struct fix_action){ .kind = FIXACT_CHMOD, .path = f->path,
		    .mode = S_IWOTH });
	}
}

void
rule_fs_not_root(struct host *h, struct diags *d)
{
	const struct files_model *m = &h->model.files;
	size_t i;

	if (!m->root_is_slash)
		return;
	for (i = 0; i < m->n; i++) {
		const struct m_file *f = &m->v[i];

		if (!f->checked || f->src == NULL || f->uid == 0)
			continue;
		file_finding(d, R_FS003, f,
		    "%s is owned by uid %u, not root: that account can change it", f->path,
		    (unsigned)f->uid);
	}
}

void
rule_fs_template(struct host *h, struct diags *d)
{
	const struct markup_model *m = &h->model.markup;
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct markup_file *mf = &m->v[i];
		struct finding *f;

		f = diag_add(d, R_FS004, mf->src, mf->first,
		    "template markup '%.2s' (%u line%s): this is a configuration-management "
		    "template, not the file the host reads; lint the rendered file (the markup "
		    "lines get no other finding%s)", mf->src->buf + mf->first.start,
		    (unsigned)mf->nlines, mf->nlines == 1 ? "" : "s", !mf->ntpconf ? "" :
		    mf->dropped == 0 ? arena_printf(&h->arena, "; %s reads them without an error",
		    ntpver_long(h->target)) :
		    arena_printf(&h->arena, "; %s drops %u of them", ntpver_long(h->target),
		    (unsigned)mf->dropped));
		/* it stands for the statements whose findings it hides: an error when the target
		 * drops one (a reject, as NTP001 would say: tests/verdicts.sh) */
		if (mf->ntpconf && mf->dropped == 0)
			diag_severity(f, SEV_WARNING);
	}
}

void
rule_esx_version(struct host *h, struct diags *d)
{
	const struct esx_model *m = &h->model.esx;

	const char *why;

	if (h->root == NULL || m->version != NULL)
		return;
	why = esx_unknown_why(m, d->arena);
	if (m->product == ESXP_ESXI) {
		const char *fmt = "ESXi of unknown release: %s; checks assume ESXi 5 or later "
		    "(ntpd 4.2.8, esxcli; give --esx-version)";

		/* at the line that says it; a file that says it by being there, at its name */
		if (m->ev_src != NULL && m->ev_span.end > m->ev_span.start)
			diag_add(d, R_ESX001, m->ev_src, m->ev_span, fmt, why);
		else
			diag_add_path(d, R_ESX001, m->source, fmt, why);
	} else if (!m->release_present) {
		diag_add_path(d, R_ESX001, RELEASE_PATH, "ESX version unknown: no %s, %s; "
		    "version-gated checks assume ESX 3.x (give --esx-version)", RELEASE_PATH, why);
	} else {
		diag_add(d, R_ESX001, m->release, m->release_span, "ESX version unknown: %s names "
		    "none; %s; version-gated checks assume ESX 3.x (give --esx-version)",
		    RELEASE_PATH, why);
	}
}
