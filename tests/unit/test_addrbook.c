/* The address book of --address and --resolve: NAME=ADDR parsing, case-insensitive
 * lookup, and the resolver limited to names /etc/hosts answers (no network in tests). */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "addrbook.h"

static void
test_given(void **state)
{
	struct addr_book b;

	addr_book_init(&b, false);
	assert_int_equal(addr_book_add(&b, "ntp1.example.com=192.0.2.1"), 0);
	assert_int_equal(addr_book_add(&b, "v6.example.com=2001:db8::1"), 0);
	assert_int_equal(addr_book_add(&b, "bad.example.com=192.0.2.300"), -1);
	assert_int_equal(addr_book_add(&b, "=192.0.2.1"), -1);
	assert_int_equal(addr_book_add(&b, "noequals"), -1);
	assert_string_equal(addr_book_lookup(&b, "NTP1.Example.COM"), "192.0.2.1");
	assert_string_equal(addr_book_lookup(&b, "v6.example.com"), "2001:db8::1");
	/* without --resolve an unknown name has no address, and nothing is asked */
	assert_null(addr_book_lookup(&b, "ntp2.example.com"));
	assert_int_equal(b.n, 2);
	addr_book_free(&b);
}

static void
test_resolve_localhost(void **state)
{
	struct addr_book b;
	FILE *fp = fopen("/etc/hosts", "r");
	char line[512];
	int listed = 0;

	/* only a name /etc/hosts answers: the test must not reach a DNS server */
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "127.0.0.1", 9) == 0 && strstr(line, "localhost") != NULL)
			listed = 1;
	if (fp != NULL)
		fclose(fp);
	if (!listed) {
		print_message("skip: /etc/hosts does not map localhost to 127.0.0.1\n");
		skip();
	}
	addr_book_init(&b, true);
	assert_string_equal(addr_book_lookup(&b, "localhost"), "127.0.0.1");
	assert_int_equal(b.v[0].state, ADDR_RESOLVED);
	/* asked once: the second lookup is the cached answer */
	assert_string_equal(addr_book_lookup(&b, "LOCALHOST"), "127.0.0.1");
	assert_int_equal(b.n, 1);
	addr_book_free(&b);
}

static int asked;

/* a resolver that knows names starting with "ok" and times out on the rest */
static void
stub_resolver(struct addr_entry *e, int timeout_ms)
{
	asked++;
	if (strncmp(e->name, "ok", 2) == 0) {
		e->addr = strdup("192.0.2.7");
		e->state = ADDR_RESOLVED;
	} else {
		e->why = strdup("no answer");
		e->state = ADDR_UNRESOLVED;
	}
	assert_int_equal(timeout_ms, ADDR_RESOLVE_MS);
}

/* each name is asked once, answered or not: a dead DNS server costs one time-out a name */
static void
test_resolver_asked_once(void **state)
{
	struct addr_book b;

	(void)state;
	asked = 0;
	addr_book_init(&b, true);
	b.resolver = stub_resolver;
	assert_string_equal(addr_book_lookup(&b, "ok.example"), "192.0.2.7");
	assert_null(addr_book_lookup(&b, "dead.example"));
	assert_null(addr_book_lookup(&b, "DEAD.example"));
	assert_string_equal(addr_book_lookup(&b, "OK.example"), "192.0.2.7");
	assert_int_equal(asked, 2);
	assert_int_equal(b.v[1].state, ADDR_UNRESOLVED);
	assert_string_equal(b.v[1].why, "no answer");
	addr_book_free(&b);
	/* without --resolve the resolver is never asked */
	addr_book_init(&b, false);
	b.resolver = stub_resolver;
	assert_null(addr_book_lookup(&b, "ok.example"));
	assert_int_equal(asked, 2);
	addr_book_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_given),
		cmocka_unit_test(test_resolve_localhost),
		cmocka_unit_test(test_resolver_asked_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
