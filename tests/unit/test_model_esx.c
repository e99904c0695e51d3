/* The ESX release of a root without etc/vmware-release (src/model_esx.h): the build table,
 * the readers of etc/vmware/.buildInfo and etc/openwsman/identify.xml, and the whole
 * pipeline on roots the tests make: which file told the release, the product, the target
 * ntpd, what ESX001 says, and which files are read (none beyond the release file when it
 * names a version). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "lint.h"
#include "model_esx.h"
#include "rules_all.h"

static struct lint_opts
opts(int ntp, const char *esx)
{
	struct lint_opts o;

	memset(&o, 0, sizeof(o));
	o.ntp_version = ntp;
	o.esx_version = esx;
	o.max_file_size = DEFAULT_MAX_FILE_SIZE;
	return o;
}

static const struct finding *
find_rule(const struct host *h, enum rule_id r)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == r)
			return &h->diags.v[i];
	return NULL;
}

static char *
scratch(void)
{
	char *d = scratch_dir("esx");

	put_text(d, "etc/hosts", "127.0.0.1 localhost\n");
	put_text(d, "etc/ntp.conf", "restrict default kod nomodify notrap nopeer noquery\n"
	    "restrict 127.0.0.1\nserver 192.0.2.1\nserver 192.0.2.2\nserver 192.0.2.3\n"
	    "server 192.0.2.4\ndriftfile /etc/ntp.drift\n");
	return d;
}

static void
test_build_table(void **state)
{
	const struct esx_build *b;

	b = esx_build_find(8169922);
	assert_non_null(b);
	assert_string_equal(b->version, "6.7.0");
	assert_string_equal(b->name, "ESXi 6.7 GA");
	/* the first and last entries, and one from each source */
	assert_string_equal(esx_build_find(469512)->name, "ESXi 5.0 GA");
	assert_string_equal(esx_build_find(24674464)->version, "8.0.3");
	assert_string_equal(esx_build_find(18644231)->version, "7.0.3");
	assert_string_equal(esx_build_find(14320388)->name, "ESXi 6.7 U3");
	assert_string_equal(esx_build_find(2494585)->version, "6.0.0");
	assert_null(esx_build_find(0));
	assert_null(esx_build_find(8169921));
	assert_null(esx_build_find(99999999));
	/* ESX 4.1 GA (260247, a service console's build) is not in the ESXi table */
	assert_null(esx_build_find(260247));
}

#define BI(s) buildinfo_parse((s), strlen(s), &bi)

static void
test_buildinfo(void **state)
{
	/* the shape of ESXi 6.7 GA's file */
	static const char dump[] = "GITHASH:0\nCHANGE:6076825\nBRANCH:onprem\nUID:201\n"
	    "VMBLD:release\nBUILDTAG:gobuild\nBUILDNUMBER:8169922\nSTAGEPATH:build/esx/release\n";
	struct buildinfo bi;

	BI(dump);
	assert_int_equal(bi.build, 8169922);
	assert_true(bi.esx);
	assert_false(bi.vcenter);
	assert_string_equal(bi.version, "");
	assert_int_equal(bi.build_span.start, strstr(dump, "BUILDNUMBER") - dump);
	assert_int_equal(bi.build_span.end, strstr(dump, "\nSTAGEPATH") - dump);

	BI("BRANCH:esx-7.0.3\r\nBUILDNUMBER:18644231\r\n");
	assert_string_equal(bi.version, "7.0.3");
	assert_true(bi.esx);
	assert_int_equal(bi.build, 18644231);
	BI("BRANCH:vsphere60u2\nBUILDNUMBER:3434759");
	assert_string_equal(bi.version, "6.0");
	assert_false(bi.esx);
	/* a vCenter Server appliance's: not an ESX build, whatever its stage path */
	BI("CLOUDVM_VERSION:7.0.3.01000\nSTAGEPATH:build/esx/release\n");
	assert_true(bi.vcenter);
	assert_false(bi.esx);
	/* no number, a number with junk, too long a number, a branch that is no version */
	BI("BUILDNUMBER:\nBRANCH:esx-main\n");
	assert_int_equal(bi.build, 0);
	assert_string_equal(bi.version, "");
	assert_false(bi.esx);
	BI("BUILDNUMBER:8169922x\n");
	assert_int_equal(bi.build, 0);
	BI("BUILDNUMBER:1234567890\n");
	assert_int_equal(bi.build, 0);
	BI("BRANCH:esx-7.0.300\n");
	assert_string_equal(bi.version, "");
	BI("");
	assert_int_equal(bi.build, 0);
}

static void
test_identify(void **state)
{
	static const char esxi[] = "<s:Body>\n<wsmid:ProductVersion>VMware ESXi 6.7.0 "
	    "build-8169922</wsmid:ProductVersion>\n</s:Body>\n";
	static const char esx[] = "<wsmid:ProductVersion>VMware ESX 4.1.0 build-260247"
	    "</wsmid:ProductVersion>";
	struct identify id;

	assert_true(identify_parse(esxi, strlen(esxi), &id));
	assert_true(id.esxi);
	assert_string_equal(id.version, "6.7.0");
	assert_int_equal(id.build, 8169922);
	assert_int_equal(id.span.start, strstr(esxi, "VMware") - esxi);
	assert_true(identify_parse(esx, strlen(esx), &id));
	assert_false(id.esxi);
	assert_string_equal(id.version, "4.1.0");
	/* no closing tag, another product, no version */
	assert_false(identify_parse(esxi, strstr(esxi, "</wsmid") - esxi, &id));
	assert_false(identify_parse("<wsmid:ProductVersion>VMware Workstation 15.0.0"
	    "</wsmid:ProductVersion>", 70, &id));
	assert_false(identify_parse("<wsmid:ProductVersion>VMware ESXi build-1"
	    "</wsmid:ProductVersion>", 63, &id));
}

static void
test_esxconf_keys(void **state)
{
	assert_true(esxconf_key_is_esxi("/adv/UserVars/ESXiShellTimeOut"));
	assert_true(esxconf_key_is_esxi("/adv/UserVars/ESXiShellInteractiveTimeOut"));
	/* keys ESX with a service console has too */
	assert_false(esxconf_key_is_esxi("/system/uuid"));
	assert_false(esxconf_key_is_esxi("/adv/Misc/HostName"));
	assert_false(esxconf_key_is_esxi("/firewall/services/ntpClient/enabled"));
}

/* a root with files[] (path, text pairs) beside hosts and ntp.conf, linted */
static void
lint_root(struct host *h, const struct lint_opts *o, const char *const *files, char **rootp)
{
	char *root = scratch();
	size_t i;

	for (i = 0; files[i] != NULL; i += 2)
		put_text(root, files[i], files[i + 1]);
	host_lint(h, root, true, o);
	*rootp = root;
}

static void
test_release_from_files(void **state)
{
	struct lint_opts o = opts(-1, NULL);
	const struct finding *f;
	struct host h;
	char *root;

	/* the build record names a build of the table */
	lint_root(&h, &o, (const char *const[]){ BUILDINFO_PATH, "BUILDNUMBER:8169922\n",
	    NULL }, &root);
	assert_string_equal(h.esx_version, "6.7.0");
	assert_int_equal(h.model.esx.from, ESXV_BUILDINFO);
	assert_int_equal(h.model.esx.product, ESXP_ESXI);
	assert_string_equal(h.model.esx.source, BUILDINFO_PATH);
	assert_string_equal(h.model.esx.build_name, "ESXi 6.7 GA");
	assert_int_equal(h.target, NTPV_428);
	assert_null(find_rule(&h, R_ESX001));
	assert_string_equal(esx_describe(&h.model.esx, &h.arena),
	    "ESXi 6.7.0 (etc/vmware/.buildInfo, build 8169922: ESXi 6.7 GA)");
	/* found, the identity is not read */
	assert_null(files_find(&h.model.files, IDENTIFY_PATH));
	host_free(&h);
	rm_rf(root);

	/* ESX with a service console: its release file decides, nothing else is read */
	lint_root(&h, &o, (const char *const[]){ RELEASE_PATH, "VMware ESX 4.0 (Kandinsky)\n",
	    BUILDINFO_PATH, "BUILDNUMBER:8169922\n", NULL }, &root);
	assert_string_equal(h.esx_version, "4.0");
	assert_int_equal(h.model.esx.product, ESXP_ESX);
	assert_string_equal(esx_describe(&h.model.esx, &h.arena), "ESX 4.0 (etc/vmware-release)");
	assert_null(files_find(&h.model.files, BUILDINFO_PATH));
	host_free(&h);
	rm_rf(root);

	/* --esx-version overrides: nothing else is read */
	o = opts(-1, "5.5");
	lint_root(&h, &o, (const char *const[]){ BUILDINFO_PATH, "BUILDNUMBER:8169922\n",
	    NULL }, &root);
	assert_string_equal(h.esx_version, "5.5");
	assert_string_equal(h.model.esx.source, "esx-version");
	assert_null(files_find(&h.model.files, BUILDINFO_PATH));
	host_free(&h);
	rm_rf(root);

	/* --ntp-version overrides the target of ESXi of unknown release */
	o = opts(NTPV_SEC, NULL);
	lint_root(&h, &o, (const char *const[]){ CHKCONFIG_DB_PATH, "", NULL }, &root);
	assert_null(h.esx_version);
	assert_int_equal(h.model.esx.product, ESXP_ESXI);
	assert_int_equal(h.target, NTPV_SEC);
	host_free(&h);
	rm_rf(root);

	/* the map of services to rule sets */
	o = opts(-1, NULL);
	lint_root(&h, &o, (const char *const[]){ SERVICE_XML_PATH, "<ConfigRoot/>\n", NULL },
	    &root);
	assert_int_equal(h.model.esx.from, ESXV_FILES);
	assert_string_equal(h.model.esx.source, SERVICE_XML_PATH);
	assert_string_equal(esx_describe(&h.model.esx, &h.arena),
	    "ESXi, release unknown (" SERVICE_XML_PATH ")");
	assert_int_equal(h.target, NTPV_428);
	f = find_rule(&h, R_ESX001);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "ESXi of unknown release"));
	host_free(&h);
	rm_rf(root);

	/* ESXi's own init script is a sign; Red Hat's, in the same place, is not */
	lint_root(&h, &o, (const char *const[]){ ESXI_INIT_PATH,
	    "#!/bin/sh\n#\n# chkconfig: - 10 90\n", NULL }, &root);
	assert_int_equal(h.model.esx.product, ESXP_ESXI);
	assert_string_equal(h.model.esx.source, ESXI_INIT_PATH);
	host_free(&h);
	rm_rf(root);
	lint_root(&h, &o, (const char *const[]){ ESXI_INIT_PATH,
	    "#!/bin/bash\n# chkconfig: - 58 74\n", NULL }, &root);
	assert_int_equal(h.model.esx.product, ESXP_UNKNOWN);
	assert_int_equal(h.target, NTPV_41);
	host_free(&h);
	rm_rf(root);
}

static void
test_unknown_says_why(void **state)
{
	struct lint_opts o = opts(-1, NULL);
	const struct finding *f;
	struct host h;
	char *root;

	/* a vCenter Server appliance's build record: not a host's, ESX 3 assumed */
	lint_root(&h, &o, (const char *const[]){ BUILDINFO_PATH,
	    "CLOUDVM_VERSION:7.0.3.01000\nBUILDNUMBER:18644231\n", NULL }, &root);
	assert_null(h.esx_version);
	assert_int_equal(h.model.esx.product, ESXP_UNKNOWN);
	assert_true(h.model.esx.vcenter);
	assert_int_equal(h.target, NTPV_41);
	assert_string_equal(esx_describe(&h.model.esx, &h.arena), "unknown (taken as ESX 3)");
	f = find_rule(&h, R_ESX001);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "vCenter Server appliance"));
	assert_non_null(strstr(f->message, "assume ESX 3.x"));
	host_free(&h);
	rm_rf(root);

	/* an ESX build not in the table: ESXi, release unknown, at the BUILDNUMBER line */
	lint_root(&h, &o, (const char *const[]){ BUILDINFO_PATH,
	    "BRANCH:onprem\nBUILDNUMBER:99999999\nSTAGEPATH:build/esx/release\n", NULL }, &root);
	assert_null(h.esx_version);
	assert_int_equal(h.model.esx.product, ESXP_ESXI);
	assert_int_equal(h.model.esx.build, 99999999);
	f = find_rule(&h, R_ESX001);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "build 99999999, which is not in"));
	assert_string_equal(f->src->path, BUILDINFO_PATH);
	assert_int_equal(f->span.start, strlen("BRANCH:onprem\n"));
	host_free(&h);
	rm_rf(root);

	/* a build record that is no ESX build, and nothing else: every file looked at is named */
	lint_root(&h, &o, (const char *const[]){ BUILDINFO_PATH, "BUILDNUMBER:99999999\n",
	    NULL }, &root);
	assert_int_equal(h.model.esx.product, ESXP_UNKNOWN);
	f = find_rule(&h, R_ESX001);
	assert_non_null(f);
	assert_non_null(strstr(f->message, BUILDINFO_PATH " names no ESX build"));
	assert_non_null(strstr(f->message, "no " IDENTIFY_PATH));
	assert_non_null(strstr(f->message, CHKCONFIG_DB_PATH));
	assert_non_null(strstr(f->message, SERVICE_XML_PATH));
	host_free(&h);
	rm_rf(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_table),
		cmocka_unit_test(test_buildinfo),
		cmocka_unit_test(test_identify),
		cmocka_unit_test(test_esxconf_keys),
		cmocka_unit_test(test_release_from_files),
		cmocka_unit_test(test_unknown_says_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
