/* The host model of the files beside ntp.conf, built by the real pipeline from corpus
 * hosts and from roots the tests make: step-tickers entries, the hosts map, the firewall
 * state, the ntpd service, the ESX version and the target ntpd; and the FS rules, which
 * read the files' modes and owners from the model. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#include "lint.h"
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

static size_t
count_rule(const struct host *h, enum rule_id r)
{
	size_t i, n = 0;

	for (i = 0; i < h->diags.n; i++)
		n += h->diags.v[i].rule == r;
	return n;
}

static void
test_clean_host(void **state)
{
	struct lint_opts o = opts(-1, NULL);
	struct host h;
	const struct hst_name *nm;
	const struct model *m;
	int lv;

	host_lint(&h, "corpus/hosts/clean_host", true, &o);
	m = &h.model;
	assert_true(m->stk.present);
	assert_int_equal(m->stk.nentries, 4);
	assert_string_equal(m->stk.entries[3].name, "ntp4.example.com");
	assert_int_equal(m->stk.entries[3].kind, STK_HOST);
	assert_int_equal(m->stk.entries[3].tline, 3);
	/* case-insensitive, on a line the resolver uses */
	nm = hst_lookup(&m->hosts, "NTP2.Example.COM", 0);
	assert_non_null(nm);
	assert_string_equal(m->hosts.lines[nm->line].addr, "192.0.2.2");
	assert_true(nm->canonical);
	assert_non_null(hst_lookup(&m->hosts, "localhost", 4));
	assert_null(hst_lookup(&m->hosts, "localhost", 6));
	assert_null(hst_lookup(&m->hosts, "ntp9.example.com", 0));
	assert_int_equal(m->fw.ntp_client, FW_OPEN);
	assert_int_equal(m->fw.nfirewall, 2);
	assert_int_equal(m->fw.key_span.start, strlen("/firewall/services/sshServer/enabled = \"true\"\n"));
	assert_true(m->svc.script_present);
	assert_string_equal(m->svc.script_path, "etc/rc.d/init.d/ntpd");
	assert_int_equal(m->svc.chk_start, 58);
	assert_int_equal(m->svc.chk_stop, 74);
	assert_string_equal(m->svc.chk_levels, "-");
	for (lv = 0; lv < SVC_RUNLEVELS; lv++) {
		assert_int_equal(m->svc.start[lv], lv >= 3 && lv <= 5);
		assert_int_equal(m->svc.kill[lv], !(lv >= 3 && lv <= 5));
	}
	/* etc/rc3.d is a link to etc/rc.d/rc3.d: its S58ntpd is counted once */
	assert_int_equal(m->svc.nlinks, 7);
	assert_string_equal(m->svc.rcdir[3], "etc/rc.d/rc3.d");
	assert_string_equal(m->svc.links[0].target, "../init.d/ntpd");
	assert_string_equal(m->esx.version, "3");
	assert_int_equal(m->esx.from, ESXV_RELEASE);
	assert_int_equal(m->esx.target, NTPV_41);
	assert_int_equal(h.target, NTPV_41);
	assert_string_equal(h.esx_version, "3");
	assert_true(esx_at_most(&m->esx, 3, 0, 2));
	assert_non_null(files_find(&m->files, "etc/hosts"));
	assert_int_equal(files_find(&m->files, "etc/hosts")->status, FSR_OK);
	assert_int_equal(h.diags.n, 0);
	host_free(&h);
}

static void
test_stk_kinds(void **state)
{
	static const enum stk_kind want[] = { STK_KEYWORD, STK_HOST, STK_KEYWORD, STK_KEYWORD,
		STK_HOST, STK_KEYWORD, STK_KEYWORD, STK_KEYWORD, STK_HOST, STK_HOST };
	struct lint_opts o = opts(-1, NULL);
	struct host h;
	size_t i;

	/* server ntp1 prefer / server ntp2 iburst minpoll 6 / ntp3 / ntp4 # comment */
	host_lint(&h, "corpus/hosts/stk_ntpconf_syntax", true, &o);
	assert_int_equal(h.model.stk.nentries, 10);
	for (i = 0; i < 10; i++) {
		assert_int_equal(h.model.stk.entries[i].kind, want[i]);
		/* its token in the tree */
		assert_int_equal(h.model.stk.tree->tokstart[h.model.stk.entries[i].tok],
		    h.model.stk.entries[i].span.start);
	}
	assert_string_equal(h.model.stk.entries[7].name, "6");
	/* lookups see what ntpdate is handed as hosts, not the ntp.conf words */
	assert_ptr_equal(stk_lookup(&h.model.stk, "NTP3.example.com"), &h.model.stk.entries[8]);
	assert_null(stk_lookup(&h.model.stk, "server"));
	assert_null(stk_lookup(&h.model.stk, "6"));
	assert_null(stk_lookup(&h.model.stk, "ntp5.example.com"));
	host_free(&h);

	host_lint(&h, "corpus/hosts/stk_crlf", true, &o);
	assert_true(h.model.stk.has_cr);
	assert_int_equal(h.model.stk.cr_span.start, 16);
	/* the name as ntpdate needs it, the CR kept in the span */
	assert_string_equal(h.model.stk.entries[0].name, "ntp1.example.com");
	assert_true(h.model.stk.entries[0].cr);
	assert_int_equal(h.model.stk.entries[0].span.end, 17);
	assert_int_equal(h.model.stk.entries[0].kind, STK_HOST);
	host_free(&h);

	host_lint(&h, "corpus/hosts/stk_bad_entries", true, &o);
	assert_int_equal(h.model.stk.entries[2].kind, STK_INVALID);	/* 10.0.0.256 */
	assert_int_equal(h.model.stk.entries[5].kind, STK_REFCLOCK);
	host_free(&h);
}

static void
test_hosts_lines(void **state)
{
	static const enum hst_first want[] = { HF_IPV4, HF_IPV4, HF_IPV4, HF_IPV4, HF_IPV4,
		HF_BAD_ADDR, HF_BAD_ADDR, HF_IPV4, HF_IPV4, HF_NAME, HF_JUNK, HF_IPV6 };
	struct lint_opts o = opts(-1, NULL);
	struct host h;
	const struct hst_model *m;
	size_t i;

	host_lint(&h, "corpus/hosts/hst_errors", true, &o);
	m = &h.model.hosts;
	assert_int_equal(m->nlines, 12);
	for (i = 0; i < 12; i++)
		assert_int_equal(m->lines[i].first, want[i]);
	assert_false(m->lines[5].valid);	/* 127.1 */
	assert_false(m->lines[7].valid);	/* no name */
	assert_true(m->lines[8].valid);		/* a bad name does not stop glibc */
	assert_false(m->names[m->lines[8].name0].valid);
	assert_null(hst_lookup(m, "loghost", 0));
	assert_null(hst_lookup(m, "time.example.org", 0));
	assert_non_null(hst_lookup(m, "ntp3", 4));
	assert_false(m->names[m->lines[3].name0 + 1].canonical);
	assert_non_null(hst_lookup(m, "localhost6", 6));
	host_free(&h);
}

/* a scratch root: root/etc/... files written by the test */
static void
test_stk_lookup_duplicates(void **state)
{
	struct lint_opts o = opts(-1, "3");
	char *root = scratch_dir("model");
	struct host h;
	const struct stk_model *m;
	int i;

	put_text(root, "etc/ntp/step-tickers", "b.example\nA.example 10.0.0.256\na.example\n"
	    "127.127.1.0 B.EXAMPLE c\n10.0.0.256\n");
	host_lint(&h, root, true, &o);
	m = &h.model.stk;
	assert_int_equal(m->nentries, 8);
	/* the earliest entry of a name, whatever its case */
	assert_ptr_equal(stk_lookup(m, "a.example"), &m->entries[1]);
	assert_ptr_equal(stk_lookup(m, "b.Example"), &m->entries[0]);
	assert_ptr_equal(stk_lookup(m, "10.0.0.256"), &m->entries[2]);
	assert_ptr_equal(stk_lookup(m, "c"), &m->entries[6]);
	assert_null(stk_lookup(m, "127.127.1.0"));
	assert_null(stk_lookup(m, ""));
	assert_null(stk_lookup(m, "zzz"));
	/* the index holds the host-like entries only, sorted */
	assert_int_equal(m->nbyname, 7);
	for (i = 1; i < (int)m->nbyname; i++)
		assert_true(strcasecmp(m->entries[m->byname[i - 1]].name,
		    m->entries[m->byname[i]].name) <= 0);
	host_free(&h);
	rm_rf(root);
}

static enum fw_state
fw_of(const char *esxconf)
{
	struct lint_opts o = opts(-1, "3");
	char *root = scratch_dir("model");
	struct host h;
	enum fw_state s;

	if (esxconf != NULL)
		put_text(root, "etc/vmware/esx.conf", esxconf);
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n");
	host_lint(&h, root, true, &o);
	s = h.model.fw.ntp_client;
	assert_int_equal(h.model.fw.present, esxconf != NULL);
	host_free(&h);
	rm_rf(root);
	return s;
}

static void
test_hosts_first_field(void **state)
{
	static const struct { const char *line; enum hst_first first; } cases[] = {
		{ "10.0.0.1 a\n", HF_IPV4 }, { "::ffff:10.0.0.1 a\n", HF_IPV6 },
		{ "fe80::1 a\n", HF_IPV6 }, { "fe80::1%eth0 a\n", HF_BAD_ADDR },
		{ "127.1 a\n", HF_BAD_ADDR }, { "10.0.0.256 a\n", HF_BAD_ADDR },
		{ "10.0.x.y a\n", HF_BAD_ADDR }, { "1:2:3 a\n", HF_BAD_ADDR },
		{ "3com.example.com a\n", HF_NAME }, { "localhost.\n", HF_NAME },
		{ "<%= a\n", HF_JUNK }, { "a:b:z x\n", HF_JUNK },
	};
	struct lint_opts o = opts(-1, "3");
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *root = scratch_dir("model");
		struct host h;

		put_text(root, "etc/hosts", cases[i].line);
		host_lint(&h, root, true, &o);
		assert_int_equal(h.model.hosts.nlines, 1);
		if (h.model.hosts.lines[0].first != cases[i].first)
			fail_msg("'%s': first field kind %d, want %d", cases[i].line,
			    h.model.hosts.lines[0].first, cases[i].first);
		host_free(&h);
		rm_rf(root);
	}
}

static void
test_firewall_state(void **state)
{
	assert_int_equal(fw_of(NULL), FW_UNKNOWN);
	assert_int_equal(fw_of(""), FW_UNKNOWN);
	assert_int_equal(fw_of("/adv/Misc/HostName = \"esx\"\n"), FW_UNKNOWN);
	/* other firewall keys but no ntpClient: closed is the default */
	assert_int_equal(fw_of("/firewall/services/sshServer/enabled = \"true\"\n"), FW_CLOSED);
	assert_int_equal(fw_of("/firewall/services/ntpClient/enabled = \"false\"\n"), FW_CLOSED);
	assert_int_equal(fw_of("/firewall/services/ntpClient/enabled = \"TRUE\"\n"), FW_OPEN);
	assert_int_equal(fw_of("/firewall/services/ntpClient/enabled = \"maybe\"\n"), FW_UNKNOWN);
	/* the last setting wins; a broken line sets nothing */
	assert_int_equal(fw_of("/firewall/services/ntpClient/enabled = \"false\"\n"
	    "/firewall/services/ntpClient/enabled = \"true\"\n"), FW_OPEN);
	assert_int_equal(fw_of("/firewall/services/ntpClient/enabled = \"true\"\n"
	    "/firewall/services/ntpClient/enabled = false\n"), FW_OPEN);
}

static void
test_esx_versions(void **state)
{
	struct arena a;
	int v[3];

	assert_true(esx_version_parse("3", v));
	assert_int_equal(v[0], 3);
	assert_int_equal(v[1], -1);
	assert_true(esx_version_parse("3.0.1", v));
	assert_int_equal(v[2], 1);
	assert_false(esx_version_parse("", v));
	assert_false(esx_version_parse("3.", v));
	assert_false(esx_version_parse("x", v));
	assert_false(esx_version_parse("3.0.1.2", v));
	assert_false(esx_version_parse("0", v));
	arena_init(&a);
	assert_string_equal(esx_release_version(&a, "VMware ESX Server 3", 19), "3");
	assert_string_equal(esx_release_version(&a, "VMware ESX 4.0 (Kandinsky)", 26), "4.0");
	assert_string_equal(esx_release_version(&a, "VMware ESX Server 3.5.0\r", 24), "3.5.0");
	assert_null(esx_release_version(&a, "VMware Workstation 6", 20));
	assert_null(esx_release_version(&a, "VMware ESX Server", 17));
	assert_null(esx_release_version(&a, "VMware ESX Server 3b", 20));
	arena_free(&a);
	/* README "Which ntpd judges the file": RH 7.2 and RHEL 3 consoles run ntp 4.1.x,
	 * the RHEL 5 console 4.2.2p1, ESXi 6.7 4.2.8p10; unknown is taken as ESX 3 */
	assert_int_equal(esx_ntp_version(-1), NTPV_41);
	assert_int_equal(esx_ntp_version(2), NTPV_41);
	assert_int_equal(esx_ntp_version(3), NTPV_41);
	assert_int_equal(esx_ntp_version(4), NTPV_422);
	assert_int_equal(esx_ntp_version(5), NTPV_428);
	assert_int_equal(esx_ntp_version(7), NTPV_428);
}

static void
test_target_and_overrides(void **state)
{
	struct lint_opts o = opts(-1, "6.7");
	struct host h;

	/* --esx-version overrides the release file, and the target follows */
	host_lint(&h, "corpus/hosts/clean_host", true, &o);
	assert_string_equal(h.esx_version, "6.7");
	assert_int_equal(h.model.esx.from, ESXV_OPTION);
	assert_true(h.model.esx.release_known);
	assert_int_equal(h.target, NTPV_428);
	assert_false(esx_at_most(&h.model.esx, 3, 0, 2));
	host_free(&h);
	/* --ntp-version overrides both */
	o = opts(NTPV_SEC, "6.7");
	host_lint(&h, "corpus/hosts/clean_host", true, &o);
	assert_int_equal(h.target, NTPV_SEC);
	assert_true(h.model.esx.target_from_option);
	host_free(&h);
	/* no version at all: ESX001, judged as ESX 3 */
	o = opts(-1, NULL);
	host_lint(&h, "corpus/hosts/esx_no_release", true, &o);
	assert_null(h.esx_version);
	assert_int_equal(h.target, NTPV_41);
	assert_int_equal(count_rule(&h, R_ESX001), 1);
	host_free(&h);
}

static void
test_fs_modes(void **state)
{
	struct lint_opts o = opts(-1, "3");
	char *root = scratch_dir("model"), path[512];
	struct host h;
	struct diags d;

	put_text(root, "etc/ntp.conf", "server ntp1.example.com\n");
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n");
	put_text(root, "etc/ntp/step-tickers", "ntp1.example.com\n");
	snprintf(path, sizeof(path), "%s/etc/hosts", root);
	assert_int_equal(chmod(path, 0666), 0);
	host_lint(&h, root, true, &o);
	assert_int_equal(count_rule(&h, R_FS002), 1);
	for (size_t i = 0; i < h.diags.n; i++)
		if (h.diags.v[i].rule == R_FS002) {
			/* the fix clears the other-write bit of that file */
			assert_int_equal(h.diags.v[i].nactions, 1);
			assert_int_equal(h.diags.v[i].actions[0].kind, FIXACT_CHMOD);
			assert_int_equal(h.diags.v[i].actions[0].mode, S_IWOTH);
			assert_string_equal(h.diags.v[i].actions[0].path, "etc/hosts");
		}
	assert_false(h.model.files.root_is_slash);
	host_free(&h);

	/* owned by someone else: FS003 only when the root is "/" */
	assert_int_equal(chmod(path, 0644), 0);
	if (chown(path, 65534, 65534) != 0) {
		printf("skipped: chown needs root (%s)\n", strerror(errno));
		rm_rf(root);
		return;
	}
	host_lint(&h, root, true, &o);
	assert_int_equal(count_rule(&h, R_FS002), 0);
	assert_int_equal(count_rule(&h, R_FS003), 0);
	assert_int_equal(files_find(&h.model.files, "etc/hosts")->uid, 65534);
	h.model.files.root_is_slash = true;
	diags_init(&d, &h.arena);
	rule_fs_not_root(&h, &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].path, "etc/hosts");
	host_free(&h);
	rm_rf(root);
}

/* the chkconfig-made links of a real RHEL-family host (../shared rc-links listing) */
static void
test_realworld_rc_links(void **state)
{
	struct lint_opts o = opts(-1, "3");
	char dir[512], line[512], cmd[700], *root;
	struct host h;
	FILE *f;
	int lv;

	if (!shared_dir("realworld/rc-links", dir, sizeof(dir)))
		return;
	strncat(dir, "/001-amzn-linux-nginx-setup.conf", sizeof(dir) - strlen(dir) - 1);
	f = fopen(dir, "r");
	assert_non_null(f);
	root = scratch_dir("model");
	put_text(root, "etc/rc.d/init.d/ntpd", "#!/bin/sh\n# chkconfig: - 58 74\n");
	while (fgets(line, sizeof(line), f) != NULL) {
		char *arrow = strstr(line, " -> "), link[600], *slash;

		if (line[0] != '/' || arrow == NULL)
			continue;
		*arrow = '\0';
		arrow[4 + strcspn(arrow + 4, "\n")] = '\0';
		snprintf(link, sizeof(link), "%s%s", root, line);
		slash = strrchr(link, '/');
		*slash = '\0';
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", link);
		assert_int_equal(system(cmd), 0);
		*slash = '/';
		assert_int_equal(symlink(arrow + 4, link), 0);
	}
	fclose(f);
	host_lint(&h, root, true, &o);
	for (lv = 0; lv < SVC_RUNLEVELS; lv++) {
		assert_int_equal(h.model.svc.start[lv], lv >= 2 && lv <= 5);
		assert_int_equal(h.model.svc.kill[lv], lv == 0 || lv == 1 || lv == 6);
	}
	/* ntpdate's S57/K75 links are not ntpd's; /etc/rc3.d is rc.d/rc3.d */
	assert_int_equal(h.model.svc.nlinks, 7);
	assert_int_equal(h.model.svc.links[2].order, 58);
	assert_int_equal(h.model.svc.links[2].kind, 'S');
	assert_string_equal(h.model.svc.links[2].path, "etc/rc.d/rc2.d/S58ntpd");
	assert_int_equal(h.model.svc.chk_start, 58);
	host_free(&h);
	rm_rf(root);
}

/* one host: ESX esx, ntp.conf conf, step-tickers stk (NULL: absent), sysconfig
 * (NULL: absent); linted, its boot model checked by the caller */
static void
boot_host(struct host *h, char **root, const char *esx, const char *conf, const char *stk,
    const char *sysconfig)
{
	struct lint_opts o = opts(-1, esx);
	static struct lint_opts keep;

	*root = scratch_dir("model");
	put_text(*root, "etc/ntp.conf", conf);
	put_text(*root, "etc/hosts", "127.0.0.1 localhost\n");
	if (stk != NULL)
		put_text(*root, "etc/ntp/step-tickers", stk);
	if (sysconfig != NULL)
		put_text(*root, "etc/sysconfig/ntpd", sysconfig);
	keep = o;
	host_lint(h, *root, true, &keep);
}

#define BOOT boot_host

static const char conf3[] = "server 127.127.1.0\nserver a.example.com\npeer b.example.com\n"
    "pool c.example.com\n";

/* the RHEL 3 script (ntp-4.1.2-5, ac3eb03): [ -s ] runs ntpdate; a file that sed leaves
 * with nothing but newlines falls back to ntp.conf's server and peer lines; no ntpdate:
 * ntpd gets -g */
static void
test_boot_rhel3(void **state)
{
	struct host h;
	char *root;
	const struct boot_model *b = &h.model.boot;

	BOOT(&h, &root, "3", conf3, "# servers\n\n#\r\n", NULL);
	assert_int_equal(b->era, ERA_RHEL3);
	assert_string_equal(b->options, "-U ntp -p /var/run/ntpd.pid");
	assert_false(b->options_from_file);
	assert_true(b->ntpdate);
	assert_true(b->from_conf);
	/* awk '$1=="peer"||$1=="server"{print $2}': the local clock too, not the pool */
	assert_int_equal(b->nhosts, 3);
	assert_int_equal(b->nusable, 2);
	assert_true(boot_steps(b));
	assert_int_equal(b->g, BOOTG_ON_FAILURE);
	assert_false(boot_ntpd_g(b));
	/* ntpdate steps from ntp.conf's servers: none is missing ('pool' is no 4.1 line) */
	assert_int_equal(count_rule(&h, R_STK010), 0);
	host_free(&h);
	rm_rf(root);

	/* blanks before a comment survive sed: -z fails, ntpdate gets no word and fails */
	BOOT(&h, &root, "3", conf3, "  # servers\n", NULL);
	assert_true(b->ntpdate);
	assert_false(b->from_conf);
	assert_int_equal(b->nhosts, 0);
	assert_false(boot_steps(b));
	assert_true(boot_ntpd_g(b));
	host_free(&h);
	rm_rf(root);

	/* empty (the package's own file) or absent: no ntpdate, ntpd -g */
	BOOT(&h, &root, "3", conf3, "", NULL);
	assert_false(b->ntpdate);
	assert_int_equal(b->g, BOOTG_ALWAYS);
	assert_true(boot_ntpd_g(b));
	host_free(&h);
	rm_rf(root);

	/* -x in OPTIONS: ntpdate even without the file, with ntp.conf's servers */
	BOOT(&h, &root, NULL, conf3, NULL, "# ntpd\nOPTIONS=\"-U ntp -x\"\n");
	assert_int_equal(b->era, ERA_RHEL3);	/* an unknown version is ESX 3 */
	assert_true(b->options_from_file);
	assert_string_equal(b->options, "-U ntp -x");
	assert_true(b->opt_x);
	assert_true(b->ntpdate);
	assert_true(b->from_conf);
	assert_true(boot_steps(b));
	host_free(&h);
	rm_rf(root);

	/* a word that is only a CR is a word: no fallback */
	BOOT(&h, &root, "3", conf3, "# servers\r\n\r\n", NULL);
	assert_true(b->ntpdate);
	assert_false(b->from_conf);
	assert_int_equal(b->nhosts, 1);
	assert_int_equal(b->nusable, 0);
	assert_int_equal(count_rule(&h, R_STK005), 1);
	host_free(&h);
	rm_rf(root);
}

/* the RHEL 5 script (ntp-4.2.2p1, 9932589): ntpdate only for a file with a letter or
 * digit, or -x (then ntp.conf's servers without 127.127.1.0) */
static void
test_boot_rhel5(void **state)
{
	struct host h;
	char *root;
	const struct boot_model *b = &h.model.boot;

	BOOT(&h, &root, "4.0", conf3, "# servers\n", NULL);
	assert_int_equal(b->era, ERA_RHEL5);
	assert_string_equal(b->options, "-u ntp:ntp -p /var/run/ntpd.pid");
	assert_false(b->ntpdate);
	assert_int_equal(b->g, BOOTG_ALWAYS);
	assert_int_equal(count_rule(&h, R_STK010), 1);
	host_free(&h);
	rm_rf(root);

	/* no letter or digit: the words are not handed to ntpdate, so a CR on them is not
	 * STK005's */
	BOOT(&h, &root, "4.0", conf3, "-%>\r\n", NULL);
	assert_false(b->ntpdate);
	assert_int_equal(count_rule(&h, R_STK005), 0);
	host_free(&h);
	rm_rf(root);

	BOOT(&h, &root, "4.0", conf3, "# servers\n", "OPTIONS=\"-u ntp:ntp -x -g\"\n");
	assert_true(b->opt_x);
	assert_true(b->opt_g);
	assert_true(b->ntpdate);
	assert_true(b->from_conf);
	assert_int_equal(b->nhosts, 2);		/* fgrep -v 127.127.1.0 */
	assert_int_equal(b->nusable, 2);
	host_free(&h);
	rm_rf(root);

	BOOT(&h, &root, "4.0", conf3, "a.example.com\r\nb.example.com\r\n", NULL);
	assert_true(b->ntpdate);
	assert_false(b->from_conf);
	assert_int_equal(b->nusable, 0);
	assert_false(boot_steps(b));
	assert_true(boot_ntpd_g(b));
	host_free(&h);
	rm_rf(root);
}

/* the Red Hat 7.2 script (ntp-4.1.0-4, cdb4f7a): [ -s ] runs ntpdate with whatever sed
 * leaves; ntpd never gets -g from the script */
static void
test_boot_rh72(void **state)
{
	struct host h;
	char *root;
	const struct boot_model *b = &h.model.boot;

	BOOT(&h, &root, "2.5.4", conf3, "# servers\n", NULL);
	assert_int_equal(b->era, ERA_RH72);
	assert_true(b->ntpdate);
	assert_false(b->from_conf);
	assert_int_equal(b->nhosts, 0);
	assert_int_equal(b->g, BOOTG_NEVER);
	assert_false(boot_ntpd_g(b));
	host_free(&h);
	rm_rf(root);

	BOOT(&h, &root, "2.5.4", conf3, NULL, "OPTIONS='-U ntp -g'\n");
	assert_false(b->ntpdate);
	assert_true(boot_ntpd_g(b));
	host_free(&h);
	rm_rf(root);

	/* ESXi: no service console, no step-tickers */
	BOOT(&h, &root, "6.7", conf3, "a.example.com\n", NULL);
	assert_int_equal(b->era, ERA_NONE);
	assert_int_equal(count_rule(&h, R_STK010) + count_rule(&h, R_STK011), 0);
	host_free(&h);
	rm_rf(root);
}

/* OPTIONS as bash's getopts reads them in each script */
static void
test_boot_options(void **state)
{
	bool x, g;

	boot_scan_options(ERA_RHEL3, "-U ntp -p /var/run/ntpd.pid", &x, &g);
	assert_false(x || g);
	boot_scan_options(ERA_RHEL3, "-gx", &x, &g);
	assert_true(x && g);
	/* -p takes the next word: "-x" is its argument */
	boot_scan_options(ERA_RHEL3, "-p -x", &x, &g);
	assert_false(x);
	boot_scan_options(ERA_RHEL3, "-p8 -x", &x, &g);
	assert_true(x);
	/* options end at the first word that is none */
	boot_scan_options(ERA_RHEL3, "ntp -x", &x, &g);
	assert_false(x);
	boot_scan_options(ERA_RHEL3, "-- -x", &x, &g);
	assert_false(x);
	/* RHEL 3's getopts has no -u: '?' for it, then "ntp:ntp" ends the options */
	boot_scan_options(ERA_RHEL3, "-u ntp:ntp -x", &x, &g);
	assert_false(x);
	boot_scan_options(ERA_RHEL5, "-u ntp:ntp -x", &x, &g);
	assert_true(x);
	boot_scan_options(ERA_RHEL5, "", &x, &g);
	assert_false(x || g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_host),
		cmocka_unit_test(test_stk_kinds),
		cmocka_unit_test(test_stk_lookup_duplicates),
		cmocka_unit_test(test_hosts_lines),
		cmocka_unit_test(test_hosts_first_field),
		cmocka_unit_test(test_firewall_state),
		cmocka_unit_test(test_esx_versions),
		cmocka_unit_test(test_target_and_overrides),
		cmocka_unit_test(test_fs_modes),
		cmocka_unit_test(test_realworld_rc_links),
		cmocka_unit_test(test_boot_rhel3),
		cmocka_unit_test(test_boot_rhel5),
		cmocka_unit_test(test_boot_rh72),
		cmocka_unit_test(test_boot_options),
	};

	return cmocka_run_group_tests_name("model_files", tests, NULL, NULL);
}
