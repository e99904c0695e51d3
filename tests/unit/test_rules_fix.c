/* The edits the ntp.conf rules attach to their findings: placed where rules.md says, in
 * the file's own style, and leaving a file on which the rule no longer fires. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint.h"
#include "test.h"

struct root {
	char dir[64];
};

static void
root_make(struct root *r, const char *conf, size_t len)
{
	strcpy(r->dir, "/tmp/esxntp-rules-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	put_file(r->dir, "etc/ntp.conf", conf, len);
}

static void
root_rm(struct root *r)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", r->dir);
	assert_int_equal(system(cmd), 0);
}

static void
lint_v(struct host *h, const struct root *r, const char *esx, int ntpv)
{
	struct lint_opts o = { .ntp_version = ntpv, .esx_version = esx,
	    .max_file_size = DEFAULT_MAX_FILE_SIZE };

	host_lint(h, r->dir, true, &o);
}

static void
lint(struct host *h, const struct root *r, const char *esx)
{
	struct lint_opts o = { .ntp_version = -1, .esx_version = esx,
	    .max_file_size = DEFAULT_MAX_FILE_SIZE };

	host_lint(h, r->dir, true, &o);
}

static int
has_rule(const struct host *h, enum rule_id id)
{
	size_t i;
	int n = 0;

	for (i = 0; i < h->diags.n; i++)
		n += h->diags.v[i].rule == id;
	return n;
}

static int
cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	return 0;
}

/* ntp.conf after the edits of every finding of the rules in ids (-1 ends the list);
 * asserts they do not overlap */
static char *
apply(struct host *h, const int *ids)
{
	struct source *src = h->confs[0].src;
	struct edit *e = NULL;
	size_t n = 0, i, k, len = 0;
	uint32_t at = 0;
	char *out;
	const int *id;

	for (i = 0; i < h->diags.n; i++) {
		const struct finding *f = &h->diags.v[i];

		for (id = ids; *id >= 0 && *id != (int)f->rule; id++)
			;
		if (*id < 0)
			continue;
		for (k = 0; k < f->nedits; k++) {
			assert_ptr_equal(f->edits[k].src, src);
			e = realloc(e, (n + 1) * sizeof(*e));
			e[n++] = f->edits[k];
		}
	}
	/* insertions at one place stay in finding order: a stable sort */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && cmp_edit(&e[k - 1], &e[k]) > 0; k--) {
			struct edit t = e[k];

			e[k] = e[k - 1];
			e[k - 1] = t;
		}
	out = malloc(src->len + 1);
	for (i = 0; i < n; i++) {
		assert_true(e[i].span.start >= at);
		assert_true(e[i].span.end <= src->len);
		out = realloc(out, len + (e[i].span.start - at) + strlen(e[i].text) + src->len + 1);
		memcpy(out + len, src->buf + at, e[i].span.start - at);
		len += e[i].span.start - at;
		memcpy(out + len, e[i].text, strlen(e[i].text));
		len += strlen(e[i].text);
		at = e[i].span.end;
	}
	out = realloc(out, len + (src->len - at) + 1);
	memcpy(out + len, src->buf + at, src->len - at);
	len += src->len - at;
	out[len] = '\0';
	free(e);
	return out;
}

/* fixes conf with the rules in ids, checks the result, then lints it again: none of the
 * rules fires and (fix twice = fix once) there is nothing more to edit */
static void
check_fix_v(const char *conf, const char *esx, int ntpv, const int *ids, const char *want)
{
	struct root r;
	struct host h;
	char *got;
	const int *id;

	root_make(&r, conf, strlen(conf));
	lint_v(&h, &r, esx, ntpv);
	for (id = ids; *id >= 0; id++)
		assert_true(has_rule(&h, (enum rule_id)*id) > 0);
	got = apply(&h, ids);
	host_free(&h);
	assert_string_equal(got, want);
	put_file(r.dir, "etc/ntp.conf", got, strlen(got));
	lint_v(&h, &r, esx, ntpv);
	for (id = ids; *id >= 0; id++)
		assert_int_equal(has_rule(&h, (enum rule_id)*id), 0);
	host_free(&h);
	free(got);
	root_rm(&r);
}

static void
check_fix(const char *conf, const char *esx, const int *ids, const char *want)
{
	check_fix_v(conf, esx, -1, ids, want);
}

static const char servers4[] = "server 0.vmware.pool.ntp.org\nserver 1.vmware.pool.ntp.org\n"
    "server 2.vmware.pool.ntp.org\nserver 3.vmware.pool.ntp.org\n";

static void
loopback_before_first_restrict(void **state)
{
	static const int ids[] = { R_NTP010, -1 };

	(void)state;
	check_fix_v("# x\nserver a.example\nrestrict default kod nomodify notrap\n", NULL,
	    NTPV_420, ids,
	    "# x\nserver a.example\nrestrict 127.0.0.1\nrestrict default kod nomodify notrap\n");
}

/* ntpd 4.2.8 and NTPsec resolve names in ntpd itself: there is no ntpd_initres for the
 * loopback restrict to let in, so neither its absence nor its flags matter */
static void
loopback_only_for_classic_ntpd(void **state)
{
	static const char *const confs[] = {
		"server a.example\nrestrict default kod nomodify notrap\n",
		"server a.example\nrestrict default kod nomodify notrap\nrestrict 127.0.0.1 noquery\n",
	};
	struct root r;
	struct host h;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		root_make(&r, confs[i], strlen(confs[i]));
		lint_v(&h, &r, NULL, NTPV_422);
		assert_int_equal(has_rule(&h, i == 0 ? R_NTP010 : R_NTP014), 1);
		host_free(&h);
		/* 4.2.0's ntpd_initres sends no request (doconfigure(), NTP bug 411): the
		 * missing line is information, a refusing loopback line harms nothing */
		lint_v(&h, &r, NULL, NTPV_420);
		assert_int_equal(has_rule(&h, R_NTP010), i == 0);
		assert_int_equal(has_rule(&h, R_NTP014), 0);
		for (size_t j = 0; j < h.diags.n; j++)
			if (h.diags.v[j].rule == R_NTP010)
				assert_int_equal(h.diags.v[j].sev, SEV_INFO);
		host_free(&h);
		lint_v(&h, &r, NULL, NTPV_428);
		assert_int_equal(has_rule(&h, R_NTP010) + has_rule(&h, R_NTP014), 0);
		host_free(&h);
		lint_v(&h, &r, NULL, NTPV_SEC);
		assert_int_equal(has_rule(&h, R_NTP010) + has_rule(&h, R_NTP014), 0);
		host_free(&h);
		root_rm(&r);
	}
}

static void
loopback_before_first_server_with_tabs(void **state)
{
	static const int ids[] = { R_NTP010, R_NTP011, -1 };

	(void)state;
	check_fix("driftfile\t/var/lib/ntp/drift\nserver\ta.example\n", NULL, ids,
	    "driftfile\t/var/lib/ntp/drift\nrestrict\t127.0.0.1\n"
	    "restrict\tdefault kod nomodify notrap\nserver\ta.example\n");
}

static void
default_after_loopback_without_final_newline(void **state)
{
	static const int ids[] = { R_NTP011, -1 };

	(void)state;
	check_fix("server a.example\nrestrict 127.0.0.1", NULL, ids,
	    "server a.example\nrestrict 127.0.0.1\nrestrict default kod nomodify notrap\n");
}

static void
weak_default_gets_flags_before_comment(void **state)
{
	static const int ids[] = { R_NTP012, R_NTP013, -1 };

	(void)state;
	check_fix("restrict 127.0.0.1\nrestrict default\tnomodify # keep\n", NULL, ids,
	    "restrict 127.0.0.1\nrestrict default\tnomodify\tnotrap\tnoquery # keep\n");
}

static void
loopback_flags_removed(void **state)
{
	static const int ids[] = { R_NTP014, -1 };

	(void)state;
	/* only a server given by name needs ntpd_initres (an ESX 3 host: ntpd 4.1) */
	check_fix("restrict 127.0.0.1 nomodify notrap noquery\nserver a.example\n", NULL, ids,
	    "restrict 127.0.0.1 notrap\nserver a.example\n");
}

static void
default_ignore_replaced(void **state)
{
	static const int ids[] = { R_NTP015, -1 };
	char conf[512], want[512];

	(void)state;
	snprintf(conf, sizeof(conf), "restrict default ignore notrap\nrestrict 127.0.0.1\n%s",
	    servers4);
	snprintf(want, sizeof(want),
	    "restrict default kod nomodify nopeer noquery notrap\nrestrict 127.0.0.1\n%s", servers4);
	check_fix(conf, NULL, ids, want);
}

static void
driftfile_appended_by_esx_version(void **state)
{
	static const int ids[] = { R_NTP020, -1 };

	(void)state;
	check_fix("server a.example", "3.0.1", ids,
	    "server a.example\ndriftfile /etc/ntp/drift\n");
	check_fix("server a.example\n", "3.5", ids,
	    "server a.example\ndriftfile /var/lib/ntp/drift\n");
	check_fix("server a.example\n", NULL, ids,
	    "server a.example\ndriftfile /var/lib/ntp/drift\n");
}

static void
servers_appended(void **state)
{
	static const int ids[] = { R_NTP030, -1 };

	(void)state;
	check_fix_v("server 127.127.1.0\r\n", NULL, NTPV_428, ids,
	    "server 127.127.1.0\r\nserver 0.vmware.pool.ntp.org\r\n"
	    "server 1.vmware.pool.ntp.org\r\nserver 2.vmware.pool.ntp.org\r\n");
}

static void
duplicate_server_deleted(void **state)
{
	static const int ids[] = { R_NTP032, -1 };

	(void)state;
	check_fix("server a.example\nserver b.example\nserver A.example iburst", NULL, ids,
	    "server a.example\nserver b.example");
	check_fix("server a.example\nserver a.example\nserver b.example\n", NULL, ids,
	    "server a.example\nserver b.example\n");
}

static void
rejected_lines_are_absent(void **state)
{
	struct root r;
	struct host h;
	static const char conf[] = "restrict 127.0.0.1\nrestrict default kod nomodfy notrap\n";

	(void)state;
	root_make(&r, conf, strlen(conf));
	lint(&h, &r, NULL);
	assert_int_equal(has_rule(&h, R_NTP001), 1);
	assert_int_equal(has_rule(&h, R_NTP011), 1);
	assert_int_equal(has_rule(&h, R_NTP012), 0);
	host_free(&h);
	root_rm(&r);
}

static void
missing_paths_under_root(void **state)
{
	struct root r;
	struct host h;
	char conf[512];

	(void)state;
	snprintf(conf, sizeof(conf), "restrict 127.0.0.1\nrestrict default kod nomodify notrap "
	    "nopeer noquery\n%sdriftfile /var/lib/ntp/drift\nkeys /etc/ntp/keys\n", servers4);
	root_make(&r, conf, strlen(conf));
	/* a copy of /etc alone: nothing is known of /var */
	lint(&h, &r, NULL);
	assert_int_equal(has_rule(&h, R_NTP021), 0);
	assert_int_equal(has_rule(&h, R_NTP042), 1);
	host_free(&h);
	put_file(r.dir, "var/log/messages", "", 0);
	lint(&h, &r, NULL);
	assert_int_equal(has_rule(&h, R_NTP021), 1);
	assert_int_equal(has_rule(&h, R_NTP042), 1);
	host_free(&h);
	put_file(r.dir, "var/lib/ntp/drift", "0.0\n", 4);
	put_file(r.dir, "etc/ntp/keys", "", 0);
	lint(&h, &r, NULL);
	assert_int_equal(has_rule(&h, R_NTP021), 0);
	assert_int_equal(has_rule(&h, R_NTP042), 0);
	host_free(&h);
	root_rm(&r);
}

static void
no_ntpconf_no_ntp_rules(void **state)
{
	struct root r;
	struct host h;
	char path[128];
	size_t i;

	(void)state;
	root_make(&r, "", 0);
	put_file(r.dir, "etc/hosts", "127.0.0.1 localhost\n", 20);
	snprintf(path, sizeof(path), "%s/etc/ntp.conf", r.dir);
	assert_int_equal(unlink(path), 0);
	lint(&h, &r, NULL);
	for (i = 0; i < h.diags.n; i++)
		assert_true(h.diags.v[i].rule < R_NTP001 || h.diags.v[i].rule > R_NTP042);
	assert_int_equal(has_rule(&h, R_FS001), 1);
	host_free(&h);
	root_rm(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loopback_before_first_restrict),
		cmocka_unit_test(loopback_only_for_classic_ntpd),
		cmocka_unit_test(loopback_before_first_server_with_tabs),
		cmocka_unit_test(default_after_loopback_without_final_newline),
		cmocka_unit_test(weak_default_gets_flags_before_comment),
		cmocka_unit_test(loopback_flags_removed),
		cmocka_unit_test(default_ignore_replaced),
		cmocka_unit_test(driftfile_appended_by_esx_version),
		cmocka_unit_test(servers_appended),
		cmocka_unit_test(duplicate_server_deleted),
		cmocka_unit_test(rejected_lines_are_absent),
		cmocka_unit_test(missing_paths_under_root),
		cmocka_unit_test(no_ntpconf_no_ntp_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
