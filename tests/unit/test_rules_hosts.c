/* HST010 and HST011 against VMware's procedure: pool names are asked for in /etc/hosts on
 * a service console (the procedure of 2006-2007 pins them) unless --no-pin-pool follows
 * its later revision; a pinned pool address is reported only when --resolve shows that the
 * resolver no longer gives it. The resolver is a stub: no network in tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "addrbook.h"
#include "lint.h"

static size_t
count_rule(const struct host *h, enum rule_id r)
{
	size_t i, n = 0;

	for (i = 0; i < h->diags.n; i++)
		n += h->diags.v[i].rule == r;
	return n;
}

static const struct finding *
first(const struct host *h, enum rule_id r)
{
	size_t i;

	for (i = 0; i < h->diags.n; i++)
		if (h->diags.v[i].rule == r)
			return &h->diags.v[i];
	return NULL;
}

static int asked;

/* the pool's DNS as a stub: two current addresses of each pool name, one IPv6 */
static void
stub_resolver(struct addr_entry *e, int timeout_ms)
{
	(void)timeout_ms;
	asked++;
	if (strstr(e->name, "dead.example") != NULL) {
		e->why = strdup("Name or service not known");
		e->state = ADDR_UNRESOLVED;
		return;
	}
	e->addr = strdup("198.51.100.1");
	e->all = calloc(3, sizeof(*e->all));
	e->all[0] = strdup("198.51.100.1");
	e->all[1] = strdup("198.51.100.2");
	e->all[2] = strdup("2001:db8::1");
	e->nall = 3;
	e->state = ADDR_RESOLVED;
}

static const char procedure[] = "restrict 127.0.0.1\nrestrict default kod nomodify notrap\n"
    "server 0.vmware.pool.ntp.org\nserver 1.vmware.pool.ntp.org\n"
    "server ntp1.example.com\ndriftfile /var/lib/ntp/drift\n";

static void
lint(struct host *h, const char *root, const char *esx, int ntpv, bool no_pin,
    struct addr_book *b)
{
	static struct lint_opts o;

	memset(&o, 0, sizeof(o));
	o.ntp_version = ntpv;
	o.esx_version = esx;
	o.max_file_size = DEFAULT_MAX_FILE_SIZE;
	o.no_pin_pool = no_pin;
	o.addrs = b;
	host_lint(h, root, true, &o);
}

/* the procedure's hosts step: every server name, pool names included, on ESX 2-4 */
static void
test_pool_names_asked(void **state)
{
	char *root = scratch_dir("hosts");
	struct host h;
	const struct finding *f;

	put_text(root, "etc/ntp.conf", procedure);
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n192.0.2.1 ntp1.example.com\n");
	lint(&h, root, "3", -1, false, NULL);
	assert_int_equal(count_rule(&h, R_HST010), 2);
	f = first(&h, R_HST010);
	assert_non_null(strstr(f->message, "pool server '0.vmware.pool.ntp.org'"));
	/* the ESX 3 target's (4.1) ntpd_initres, not "resolved once" */
	assert_non_null(strstr(f->message, "ntpd_initres retries it 1 to 16 minutes apart"));
	assert_non_null(strstr(f->message, "--no-pin-pool"));
	assert_string_equal(f->nofix,
	    "needs an address for '0.vmware.pool.ntp.org': give --address 0.vmware.pool.ntp.org=ADDR or --resolve");
	host_free(&h);

	/* the later revision: pool names stay with DNS; other names are still asked for */
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n");
	lint(&h, root, "3", -1, true, NULL);
	assert_int_equal(count_rule(&h, R_HST010), 1);
	assert_non_null(strstr(first(&h, R_HST010)->message, "'ntp1.example.com'"));
	host_free(&h);

	/* ESXi: the procedure's hosts step never applied there */
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n192.0.2.1 ntp1.example.com\n");
	lint(&h, root, "6.7", -1, false, NULL);
	assert_int_equal(count_rule(&h, R_HST010), 0);
	host_free(&h);

	/* a 'pool' line: a hosts line would cut its addresses to one */
	put_text(root, "etc/ntp.conf", "restrict 127.0.0.1\npool 0.vmware.pool.ntp.org\n");
	lint(&h, root, "3", NTPV_428, false, NULL);
	assert_int_equal(count_rule(&h, R_HST010), 0);
	host_free(&h);
	rm_rf(root);
}

/* the retry behind "looked up in DNS only", by the ntpd that runs */
static void
test_retry_by_target(void **state)
{
	char *root = scratch_dir("hosts");
	struct host h;

	put_text(root, "etc/ntp.conf", "restrict 127.0.0.1\nserver ntp1.example.com\n");
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n");
	lint(&h, root, "3", NTPV_41, false, NULL);
	assert_non_null(strstr(first(&h, R_HST010)->message, "1 to 16 minutes apart"));
	host_free(&h);
	/* 4.2.0's ntpd_initres never resolves what it is handed (doconfigure(), bug 411) */
	lint(&h, root, "3", NTPV_420, false, NULL);
	assert_non_null(strstr(first(&h, R_HST010)->message, "lost until ntpd restarts"));
	assert_null(strstr(first(&h, R_HST010)->message, "minutes apart"));
	host_free(&h);
	lint(&h, root, "6.7", -1, false, NULL);
	assert_non_null(strstr(first(&h, R_HST010)->message, "2 to 64 s apart"));
	assert_null(strstr(first(&h, R_HST010)->message, "ntpdate"));
	host_free(&h);
	lint(&h, root, "6.7", NTPV_SEC, false, NULL);
	assert_non_null(strstr(first(&h, R_HST010)->message, "8 s after a temporary failure"));
	host_free(&h);
	rm_rf(root);
}

/* a host that followed the procedure is told nothing about its pinned pool names unless
 * the resolver shows one is no longer given */
static void
test_pinned_pool_needs_resolve(void **state)
{
	char *root = scratch_dir("hosts");
	struct addr_book b;
	struct host h;
	const struct finding *f;

	put_text(root, "etc/ntp.conf", procedure);
	put_text(root, "etc/hosts", "127.0.0.1 localhost\n"
	    "203.0.113.5 0.vmware.pool.ntp.org\n"	/* not among the answers */
	    "198.51.100.2 1.vmware.pool.ntp.org\n"	/* among them */
	    "198.51.100.9 pool.ntp.org\n"		/* no server of ntp.conf */
	    "192.0.2.1 ntp1.example.com\n");
	lint(&h, root, "3", -1, false, NULL);
	assert_int_equal(count_rule(&h, R_HST010), 0);
	assert_int_equal(count_rule(&h, R_HST011), 0);
	host_free(&h);

	addr_book_init(&b, true);
	b.resolver = stub_resolver;
	asked = 0;
	lint(&h, root, "3", -1, false, &b);
	assert_int_equal(count_rule(&h, R_HST010), 0);
	assert_int_equal(count_rule(&h, R_HST011), 1);
	f = first(&h, R_HST011);
	assert_int_equal(f->sev, SEV_INFO);
	assert_non_null(strstr(f->message, "pinned to 203.0.113.5"));
	/* the answer's addresses of the pinned one's family */
	assert_non_null(strstr(f->message, "(198.51.100.1, 198.51.100.2)"));
	assert_int_equal(f->nrelated, 1);
	/* each pool server name asked once */
	assert_int_equal(asked, 2);
	host_free(&h);
	addr_book_free(&b);

	/* an --address is what a fix writes, not the name's addresses: no judgement */
	addr_book_init(&b, false);
	assert_int_equal(addr_book_add(&b, "0.vmware.pool.ntp.org=198.51.100.7"), 0);
	lint(&h, root, "3", -1, false, &b);
	assert_int_equal(count_rule(&h, R_HST011), 0);
	host_free(&h);
	addr_book_free(&b);

	/* a name the resolver cannot answer: nothing to compare */
	put_text(root, "etc/ntp.conf", "restrict 127.0.0.1\nserver 0.dead.example.pool.ntp.org\n");
	put_text(root, "etc/hosts", "203.0.113.5 0.dead.example.pool.ntp.org\n");
	addr_book_init(&b, true);
	b.resolver = stub_resolver;
	lint(&h, root, "3", -1, false, &b);
	assert_int_equal(count_rule(&h, R_HST011), 0);
	host_free(&h);
	addr_book_free(&b);
	rm_rf(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_names_asked),
		cmocka_unit_test(test_retry_by_target),
		cmocka_unit_test(test_pinned_pool_needs_resolve),
	};

	return cmocka_run_group_tests_name("rules_hosts", tests, NULL, NULL);
}
