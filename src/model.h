/* model: one host's configuration as facts, built from every file's syntax tree.
 * Rules read only this (and the trees it points into); they never re-parse text. */
#ifndef MODEL_H
#define MODEL_H

#include "model_files.h"
#include "model_ntp.h"

struct model {
	struct ntp_model ntp;
	struct stk_model stk;		/* etc/ntp/step-tickers */
	struct hst_model hosts;		/* etc/hosts */
	struct fw_model fw;		/* etc/vmware/esx.conf */
	struct svc_model svc;		/* the ntpd init script and rc links */
	struct esx_model esx;		/* etc/vmware-release, --esx-version, --ntp-version */
	struct files_model files;	/* every file read or looked for */
	struct boot_model boot;		/* what the init script does at boot (step-tickers) */
	struct markup_model markup;	/* template markup lines, per file */
};

#endif
