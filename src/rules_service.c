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

/* an ESX 3.x/4.x vm-support bundle: the runlevels 'chkconfig --list' recorded when
 * vm-support ran (src/model_chkconfig.c), in place of the script and links it does not
 * collect. Each of 3, 4 and 5 must say "on", as 'chkconfig --level 345 ntpd on' leaves
 * them; a level the line does not tell (a translated word) is not guessed. No fix: the
 * links are on the host, not in the bundle */
static void
from_record(const struct chk_record *r, struct diags *d)
{
	char off[16];
	size_t n = 0;
	int lvl, k = 0;
	struct finding *f;

	/* as for the rc links of a directory root: ntpd starting in one of 3, 4 and 5 is
	 * enough (an ESX console boots to 3); a level whose word is not read is not judged */
	for (lvl = 3; lvl <= 5; lvl++) {
		if (r->level[lvl] == CHK_ON)
			return;
		k += r->level[lvl] == CHK_OFF;
	}
	if (k == 0)
		return;
	off[0] = '\0';
	for (lvl = 3; lvl <= 5; lvl++)
		if (r->level[lvl] == CHK_OFF)
			n += (size_t)snprintf(off + n, sizeof(off) - n, "%s%d",
			    n == 0 ? "" : --k == 1 ? " and " : ", ", lvl);
	f = diag_add(d, R_SVC010, r->src, r->span,
	    "ntpd does not start at boot in runlevel%s %s: so says the 'chkconfig --list' output "
	    "vm-support recorded when it ran; after the next reboot the clock is not disciplined "
	    "(run 'chkconfig --level 345 ntpd on' on the host)", strchr(off, ' ') ? "s" : "", off);
	f->nofix = "the rc links are on the host, not in the vm-support bundle: run 'chkconfig "
	    "--level 345 ntpd on' there";
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

	if (h->root != NULL && !m->script_present && m->rec.listed && !esx_is_esxi(&h->model.esx))
		from_record(&m->rec, d);
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
