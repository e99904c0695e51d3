/* drift file rules (NTP020, NTP021): ntpd keeps the clock's frequency error across
 * restarts only when it can write the drift file. */
#include <string.h>

#include "lint.h"
#include "rules_all.h"
#include "placement.h"
#include "rules_util.h"

/* ESX 3.0.2 and older keep the drift file in /etc/ntp (KB1339). Only a version that
 * names its patch release decides it for ESX 3.0: "VMware ESX Server 3" may be 3.5. */
static bool
old_drift_path(const struct esx_model *e)
{
	if (e->version == NULL || e->major < 0)
		return false;
	if (e->major < 3)
		return true;
	return e->major == 3 && e->minor == 0 && e->patch >= 0 && e->patch <= 2;
}

static const struct m_directive *
first_dir(const struct ntp_model *m, enum ntp_dir dir)
{
	size_t i;

	for (i = 0; i < m->ndirs; i++)
		if (m->dirs[i].dir == dir)
			return &m->dirs[i];
	return NULL;
}

void
rule_missing_driftfile(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	struct conf_file *cf = main_conf(h);
	struct insertion ins;
	struct finding *f;
	const char *path;
	bool old;

	if (cf == NULL || first_dir(m, DIR_DRIFTFILE) != NULL)
		return;
	old = old_drift_path(&h->model.esx);
	path = old ? "/etc/ntp/drift" : "/var/lib/ntp/drift";
	ins = ins_append(cf->src);
	ins_for_ntpconf(h, &ins);
	f = diag_add(d, R_NTP020, ins.src, ins_span(&ins),
	    "no driftfile line: ntpd forgets the clock's frequency error at every restart and "
	    "measures it again before it disciplines the clock (VMware's procedure: "
	    "'driftfile %s')", path);
	/* the release's place, unless only the other directory exists in this root: a line
	 * naming a missing directory would be NTP021 at once */
	if (old ? m->etc_ntp == MX_MISSING && m->var_lib_ntp == MX_PRESENT :
	    m->var_lib_ntp == MX_MISSING && m->etc_ntp == MX_PRESENT) {
		f->message = arena_printf(d->arena, "%s; this root has no %s, so the fix writes '%s'",
		    f->message, old ? "/etc/ntp" : "/var/lib/ntp",
		    old ? "/var/lib/ntp/drift" : "/etc/ntp/drift");
		path = old ? "/var/lib/ntp/drift" : "/etc/ntp/drift";
	}
	edit_add_lines(d, f, &ins, arena_printf(d->arena, "driftfile%s%s",
	    conf_sep(cf, cf->tree->nstmts, DIR_DRIFTFILE), path));
}

void
rule_driftfile_dir_missing(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i;

	if (!m->present)
		return;
	for (i = 0; i < m->ndirs; i++) {
		const struct m_directive *x = &m->dirs[i];

		if (x->dir != DIR_DRIFTFILE || x->target != MX_MISSING)
			continue;
		diag_add(d, R_NTP021, x->at.cf->src, x->arg_span,
		    "the driftfile's directory '%s' does not exist under the root: ntpd cannot "
		    "write '%s' and measures the frequency error anew at every restart", x->target_path,
		    x->arg);
	}
}
