/* Reads what tells an ESXi root's release, for a root whose etc/vmware-release named none
 * (src/model_esx.h has the order and the sources). Each file is read through host_load, so
 * it comes from wherever the root's files come from; the reading stops at the first that
 * names the release. */
#include <string.h>

#include "hostread.h"
#include "lint.h"
#include "model_esx.h"

/* ESXi 6.7 GA's own /etc/init.d/ntpd ("Copyright 2007 VMware", "# chkconfig: - 10 90");
 * Red Hat's is "- 58 74" (or "- 26 74" before 2002) and lives in /etc/rc.d/init.d */
static bool
esxi_init_script(struct host *h, struct source *src, struct span *at)
{
	struct svc_model s;

	memset(&s, 0, sizeof(s));
	model_svc_script(h, &s, src, ESXI_INIT_PATH);
	*at = s.chk_span;
	return s.has_chkconfig && s.chk_start == 10 && s.chk_stop == 90;
}

static void
read_markers(struct host *h, const struct lint_opts *o)
{
	struct esx_model *m = &h->model.esx;
	struct source *s;
	struct span at = { 0, 0 };
	size_t i;

	s = host_load(h, CHKCONFIG_DB_PATH, o->max_file_size, false, true, false);
	if (s != NULL) {
		model_esx_marker(m, CHKCONFIG_DB_PATH, CHKCONFIG_DB_PATH " (ESXi's chkconfig keeps "
		    "this database, not rc links)", s, at);
		return;
	}
	s = host_load(h, SERVICE_XML_PATH, o->max_file_size, false, true, false);
	if (s != NULL) {
		model_esx_marker(m, SERVICE_XML_PATH, SERVICE_XML_PATH " (ESXi's map of services "
		    "to firewall rule sets)", s, at);
		return;
	}
	s = host_load(h, ESXI_INIT_PATH, o->max_file_size, false, true, false);
	if (s != NULL && esxi_init_script(h, s, &at)) {
		model_esx_marker(m, ESXI_INIT_PATH, ESXI_INIT_PATH " ('# chkconfig: - 10 90', "
		    "ESXi's own script)", s, at);
		return;
	}
	/* read here, before ntp.conf, and kept: host_read_files does not read it again */
	s = host_load(h, ESXCONF_PATH, o->max_file_size, false, true, true);
	model_fw_build(h, &h->model.fw, s);
	m->esxconf_read = true;
	for (i = 0; i < h->model.fw.nkvs; i++) {
		const struct esx_kv *kv = &h->model.fw.kvs[i];

		if (esxconf_key_is_esxi(kv->key)) {
			model_esx_marker(m, ESXCONF_PATH, arena_printf(&h->arena, "the ESXi Shell "
			    "key %s in %s", kv->key, ESXCONF_PATH), s, kv->key_span);
			return;
		}
	}
}

void
host_read_esxi(struct host *h, const struct lint_opts *o)
{
	struct esx_model *m = &h->model.esx;
	struct source *s;

	m->looked = true;
	s = host_load(h, BUILDINFO_PATH, o->max_file_size, false, true, false);
	if (s != NULL && model_esx_buildinfo(h, m, s))
		goto done;
	s = host_load(h, IDENTIFY_PATH, o->max_file_size, false, true, false);
	if (s != NULL && model_esx_identify(h, m, s))
		goto done;
	if (m->product != ESXP_ESXI)
		read_markers(h, o);
done:
	model_esx_target(m, o->ntp_version);
}
