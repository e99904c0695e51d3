/* the ntpd SysV service (SVC010): chkconfig's default for ntpd is off ('# chkconfig: -'),
 * so ntpd runs after a reboot only if someone ran 'chkconfig --level 345 ntpd on'. */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "rules_all.h"
#include "rules_util.h"

/* the RHEL ntp package's start position, when the script has no header */
#define NTPD_START 58

/* the first temp link an SVC010 fix that was cut short left in runlevel 3, 4 or 5 */
static const char *
pending(const struct svc_model *m)
{
	int lvl;

	for (lvl = 3; lvl <= 5; lvl++)
		if (m->pending[lvl] != NULL)
			return m->pending[lvl];
	return NULL;
}

void
rule_svc_not_enabled(struct host *h, struct diags *d)
{
	const struct svc_model *m = &h->model.svc;
	const char *half = pending(m);
	struct fix_action a;
	struct finding *f;
	bool off;
	int lvl, start;
	size_t i;

	/* ESXi has no rc links: its own chkconfig keeps /etc/chkconfig.db, which is not
	 * read */
	if (h->root == NULL || !m->script_present ||
	    (half == NULL && (m->start[3] || m->start[4] || m->start[5])) ||
	    esx_is_esxi(&h->model.esx))
		return;
	off = m->kill[3] || m->kill[4] || m->kill[5];
	if (half != NULL)
		/* its temp links are the rest of the change (src/fswrite_links.c) */
		f = diag_add(d, R_SVC010, m->script, m->has_chkconfig ? m->chk_span :
		    (struct span){ 0, 0 },
		    "the rc links of ntpd are half-made: a --fix that was cut short left %s, so ntpd "
		    "does not start in every runlevel 3, 4 and 5 ('--fix --unsafe-fixes' finishes it)",
		    half);
	else
		f = diag_add(d, R_SVC010, m->script, m->has_chkconfig ? m->chk_span :
		    (struct span){ 0, 0 },
		    "ntpd does not start at boot: no S<NN>ntpd link in runlevel 3, 4 or 5%s; after the "
		    "next reboot the clock is not disciplined (run 'chkconfig --level 345 ntpd on')",
		    off ? " (K links switch it off there)" : "");
	start = m->has_chkconfig && m->chk_start >= 0 ? m->chk_start : NTPD_START;
	for (lvl = 3; lvl <= 5; lvl++) {
		const char *kill = NULL;

		/* a half-made change: a level done (S link, no temp) is left as it is */
		if (m->rcdir[lvl] == NULL || (half != NULL && m->pending[lvl] == NULL && m->start[lvl]))
			continue;
		for (i = 0; i < m->nlinks; i++)
			if (m->links[i].runlevel == lvl && m->links[i].kind == 'K' &&
			    strncmp(m->links[i].path, m->rcdir[lvl], strlen(m->rcdir[lvl])) == 0)
				kill = m->links[i].path;
		memset(&a, 0, sizeof(a));
		a.kind = FIXACT_SYMLINK;
		a.path = arena_printf(d->arena, "%s/S%02dntpd", m->rcdir[lvl],
		    m->pending[lvl] != NULL ? m->pending_order[lvl] : start);
		a.target = "../init.d/ntpd";
		a.replaces = kill;
		diag_action(d, f, &a);
	}
	if (f->nactions == 0)
		f->nofix = "no rc3.d, rc4.d or rc5.d directory to put the links in";
}
