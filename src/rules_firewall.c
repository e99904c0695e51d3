/* the ESX 3.x service-console firewall (FW010, FW011): ntpd's queries to its servers go
 * out on UDP 123 only once the ntpClient service is enabled. ESX 2.x has no firewall. */
#include <string.h>

#include "lint.h"
#include "rules_all.h"
#include "rules_util.h"

/* the first network server of ntp.conf: without one the firewall does not matter */
static const struct m_source *
first_server(const struct host *h)
{
	const struct ntp_model *m = &h->model.ntp;
	size_t i;

	for (i = 0; m->present && i < m->nsources; i++)
		if (source_is_network(&m->sources[i]))
			return &m->sources[i];
	return NULL;
}

/* ESX 3.0 and later, ESXi (esxcli); an unknown version is taken as ESX 3 (ESX001) */
static bool
has_firewall(const struct host *h)
{
	const struct esx_model *e = &h->model.esx;

	return h->root != NULL && (e->version == NULL || e->major < 0 || e->major >= 3);
}

void
rule_fw_ntp_blocked(struct host *h, struct diags *d)
{
	const struct fw_model *m = &h->model.fw;
	const struct m_source *s = first_server(h);
	struct insertion ins;
	struct finding *f;

	if (!has_firewall(h) || s == NULL || !m->present || m->ntp_client != FW_CLOSED)
		return;
	if (m->ntp_kv != M_NONE) {
		const struct esx_kv *kv = &m->kvs[m->ntp_kv];

		f = diag_add(d, R_FW010, m->src, kv->value_span,
		    "the firewall blocks the ntpClient service (%s is \"%s\"): ntpd's queries never "
		    "leave the host and every server stays at reach 0; on the live host run '%s'",
		    kv->key, kv->value, fw_enable_cmd(h));
		diag_edit(d, f, m->src, kv->value_span, "\"true\"");
	} else {
		ins = ins_after_line(m->src, m->kvs[m->last_firewall].span.start);
		f = diag_add(d, R_FW010, ins.src, ins_span(&ins),
		    "the firewall does not enable the ntpClient service (no " FW_NTP_KEY " among "
		    "the /firewall/ keys; closed is the default): ntpd's queries never leave the "
		    "host; on the live host run '%s'", fw_enable_cmd(h));
		edit_insert_lines(d, f, &ins, FW_NTP_KEY " = \"true\"");
	}
	diag_related(d, f, s->at.cf->src, s->at.span, "the server ntpd cannot reach");
}

void
rule_fw_state_unknown(struct host *h, struct diags *d)
{
	const struct fw_model *m = &h->model.fw;
	const struct m_source *s = first_server(h);
	struct insertion ins;
	struct finding *f;

	if (!has_firewall(h) || s == NULL || m->ntp_client != FW_UNKNOWN)
		return;
	if (m->present) {
		ins = ins_append(m->src);
		f = diag_add(d, R_FW011, ins.src, ins_span(&ins),
		    "esx.conf has no /firewall/ keys: whether the ntpClient service is enabled "
		    "cannot be read; on the live host check with '%s'", fw_query_cmd(h));
	} else {
		f = diag_add_path(d, R_FW011, ESXCONF_PATH,
		    "no esx.conf: whether the firewall lets ntpd reach its servers cannot be read; "
		    "on the live host run '%s'", fw_enable_cmd(h));
	}
	diag_related(d, f, s->at.cf->src, s->at.span, "the server behind the firewall");
}
