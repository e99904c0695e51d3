/* output_archive: what reading an archive root found (the host root chosen inside it, what
 * was renamed or skipped), as a text note and as the JSON root's "archive" object. */
#include <stdbool.h>
#include <string.h>

#include "hostfs.h"
#include "output.h"

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? out_json_text(s) : json_null();
}

/* ESX 3.x/4.x vm-support copies /etc/ntp.conf, /etc/hosts, /etc/vmware-release and
 * /etc/vmware/, not /etc/ntp, /var/lib/ntp or the ntpd service (docs/claims.md, "Archives"):
 * the note names those the bundle lacks, which are not checked (hostfs_uncollected). The
 * service is judged from the 'chkconfig --list' output it records instead, when that has
 * an ntpd line (src/model_chkconfig.c) */
#define GAP_SERVICE "etc/rc.d/init.d/ntpd"
static const char *const gaps[] = { "etc/ntp/step-tickers", "var/lib/ntp", GAP_SERVICE };

/* gaps[i] is absent and not checked */
static bool
gap(const struct host *h, size_t i)
{
	return hostfs_uncollected(h->fs, gaps[i]) &&
	    !(strcmp(gaps[i], GAP_SERVICE) == 0 && h->model.svc.rec.listed);
}

static void
vm_support_gaps(FILE *fp, const struct host *h)
{
	const struct chk_record *r = &h->model.svc.rec;
	const char *sep = "; vm-support of ESX 3.x/4.x does not collect ";
	size_t i;
	bool any = false;

	for (i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++) {
		if (!gap(h, i))
			continue;
		fprintf(fp, "%s%s", sep, gaps[i]);
		sep = ", ";
		any = true;
	}
	if (any)
		fputs(": not checked, as their absence says nothing of the host", fp);
	if (r->present && hostfs_uncollected(h->fs, GAP_SERVICE)) {
		fputs(r->listed ? "; the ntpd service is judged from the 'chkconfig --list' output "
		    "vm-support recorded, " : "; the 'chkconfig --list' output vm-support recorded, ", fp);
		out_put(fp, r->src->path);
		fputs(r->listed ? ", instead of " GAP_SERVICE " and its rc links" : ", has no ntpd "
		    "line: not checked (chkconfig lists only the services with rc links: ntpd was "
		    "not installed, or not registered with 'chkconfig --add ntpd')", fp);
	}
}

void
out_archive_text(FILE *fp, const struct host *h, const struct out_opts *o)
{
	const struct hostfs_archive_info *ai = h->fs != NULL ? h->fs->archive : NULL;

	if (ai == NULL)
		return;
	out_put(fp, h->root);
	fprintf(fp, ": %snote:%s ", o->color ? "\033[1;36m" : "", o->color ? "\033[0m" : "");
	if (ai->prefix[0] == '\0')
		fputs("the archive's top is the host root", fp);
	else {
		fputs("host root '", fp);
		out_put(fp, ai->prefix);
		fputs("' in the archive", fp);
	}
	fputs(" (", fp);
	out_put(fp, ai->why);
	fprintf(fp, "; %zu members)", ai->members);
	if (ai->others != NULL) {
		fputs("; other host roots in it, not read: ", fp);
		out_put(fp, ai->others);
	}
	if (ai->renamed > 0) {
		fprintf(fp, "; %zu member name%s made relative to the archive ('", ai->renamed,
		    ai->renamed == 1 ? "" : "s");
		out_put(fp, ai->renamed_example);
		fputs("' ...)", fp);
	}
	if (ai->vmsupport == VMS_CLASSIC)
		vm_support_gaps(fp, h);
	if (ai->skipped > 0)
		fprintf(fp, "; the data of %zu file%s not kept", ai->skipped,
		    ai->skipped == 1 ? "" : "s");
	fputc('\n', fp);
}

json_t *
out_archive_json(const struct host *h)
{
	const struct hostfs_archive_info *ai = h->fs != NULL ? h->fs->archive : NULL;
	json_t *a, *nc;
	size_t i;

	if (ai == NULL)
		return NULL;
	a = json_object();
	nc = json_array();
	json_object_set_new(a, "prefix", out_json_text(ai->prefix));
	json_object_set_new(a, "why", out_json_text(ai->why));
	json_object_set_new(a, "members", json_integer((json_int_t)ai->members));
	json_object_set_new(a, "other_roots", str_or_null(ai->others));
	json_object_set_new(a, "renamed", json_integer((json_int_t)ai->renamed));
	json_object_set_new(a, "skipped", json_integer((json_int_t)ai->skipped));
	json_object_set_new(a, "error", str_or_null(ai->error));
	json_object_set_new(a, "vm_support", ai->vmsupport == VMS_CLASSIC ? json_string("esx") :
	    ai->vmsupport == VMS_ESXI ? json_string("esxi") : json_null());
	for (i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++)
		if (gap(h, i))
			json_array_append_new(nc, json_string(gaps[i]));
	json_object_set_new(a, "not_collected", nc);
	json_object_set_new(a, "chkconfig_list", str_or_null(h->model.svc.rec.present ?
	    h->model.svc.rec.src->path : NULL));
	return a;
}
