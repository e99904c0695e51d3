/* once-only directives and the files they name (NTP022, NTP042). */
#include <stdint.h>
#include <string.h>

#include "lint.h"
#include "rules_all.h"
#include "rules_util.h"

/* directives ntpd keeps one value of: a later line replaces the earlier one */
static bool
once_only(enum ntp_dir dir)
{
	switch (dir) {
	case DIR_DRIFTFILE: case DIR_PIDFILE: case DIR_LOGFILE: case DIR_KEYS:
	case DIR_KEYSDIR: case DIR_STATSDIR: case DIR_LEAPFILE: case DIR_SAVECONFIGDIR:
	case DIR_NTPSIGNDSOCKET: case DIR_REQUESTKEY: case DIR_CONTROLKEY:
	case DIR_BROADCASTDELAY: case DIR_TICK:
		return true;
	default:
		return false;
	}
}

void
rule_duplicate_directive(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t first[DIR_COUNT];
	struct finding *f;
	size_t i, j;

	if (!m->present)
		return;
	for (i = 0; i < DIR_COUNT; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < m->ndirs; i++) {
		const struct m_directive *x = &m->dirs[i];

		if (!once_only(x->dir))
			continue;
		if ((j = first[x->dir]) == SIZE_MAX) {
			first[x->dir] = i;
			continue;
		}
		f = diag_add(d, R_NTP022, x->at.cf->src, x->at.span,
		    "a second '%s' line: it replaces the earlier one's value",
		    ntp_dir_name(x->dir));
		diag_related(d, f, m->dirs[j].at.cf->src, m->dirs[j].at.span, "first given here");
	}
}

void
rule_keys_file_missing(struct host *h, struct diags *d)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i;

	if (!m->present)
		return;
	for (i = 0; i < m->ndirs; i++) {
		const struct m_directive *x = &m->dirs[i];

		if (x->dir != DIR_KEYS || x->target != MX_MISSING)
			continue;
		diag_add(d, R_NTP042, x->at.cf->src, x->arg_span,
		    "the keys file '%s' does not exist under the root: ntpd runs without keys, so "
		    "servers with 'key N' fail authentication and requests that need the request "
		    "or control key are refused", x->arg);
	}
}
