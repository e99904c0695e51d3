/* fingerprint: what a finding's identity depends on, and the multiset the baseline uses */
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "fingerprint.h"

/* a finding of rule r at the first occurrence of needle in text */
static uint64_t
hash_at(struct arena *a, enum rule_id r, const char *text, const char *needle,
    const char *uri)
{
	struct source *src = source_new(a, "etc/ntp.conf", text, strlen(text));
	struct finding f;
	const char *p = strstr(text, needle);

	assert_non_null(p);
	memset(&f, 0, sizeof(f));
	f.rule = r;
	f.src = src;
	f.path = src->path;
	f.span.start = (uint32_t)(p - text);
	f.span.end = f.span.start + (uint32_t)strlen(needle);
	return fp_hash(&f, uri);
}

static void
test_moved_lines(void **state)
{
	struct arena a;
	uint64_t h1, h2, h3;

	(void)state;
	arena_init(&a);
	h1 = hash_at(&a, R_NTP001, "server a\nrestrict x\n", "restrict", "h/etc/ntp.conf");
	/* two lines above, other indentation, a CR: the same line */
	h2 = hash_at(&a, R_NTP001, "# new\n\nserver a\n\t restrict x \r\n", "x", "h/etc/ntp.conf");
	assert_true(h1 == h2);
	/* another rule, another file, another text: another identity */
	h3 = hash_at(&a, R_NTP002, "server a\nrestrict x\n", "restrict", "h/etc/ntp.conf");
	assert_true(h1 != h3);
	h3 = hash_at(&a, R_NTP001, "server a\nrestrict x\n", "restrict", "g/etc/ntp.conf");
	assert_true(h1 != h3);
	h3 = hash_at(&a, R_NTP001, "server a\nrestrict y\n", "restrict", "h/etc/ntp.conf");
	assert_true(h1 != h3);
	arena_free(&a);
}

static void
test_uri(void **state)
{
	int abs;
	char *u;

	(void)state;
	u = fp_uri("./hosts//a/", "etc/ntp.conf", &abs);
	assert_string_equal(u, "hosts/a/etc/ntp.conf");
	assert_false(abs);
	free(u);
	u = fp_uri("/srv/a b", "etc/ntp.conf", &abs);
	assert_string_equal(u, "file:///srv/a%20b/etc/ntp.conf");
	assert_true(abs);
	free(u);
	u = fp_uri(NULL, "c:x", &abs);
	assert_string_equal(u, "c%3Ax");
	free(u);
}

static void
test_format_parse(void **state)
{
	char buf[FP_TEXT_MAX];
	uint64_t h;

	(void)state;
	fp_format(buf, 0x0123456789abcdefULL, 3);
	assert_string_equal(buf, "0123456789abcdef:3");
	assert_true(fp_parse(buf, &h));
	assert_true(h == 0x0123456789abcdefULL);
	assert_true(fp_parse("0123456789abcdef", &h));
	assert_false(fp_parse("0123456789abcde", &h));
	assert_false(fp_parse("0123456789ABCDEF", &h));
	assert_false(fp_parse("0123456789abcdef0", &h));
}

static void
test_multiset(void **state)
{
	struct fp_set s;
	uint64_t i;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_false(fp_set_take(&s, 7));
	assert_int_equal(fp_set_add(&s, 7), 0);
	assert_int_equal(fp_set_add(&s, 7), 1);
	assert_int_equal(s.total, 2);
	/* enough others to grow the table several times, some colliding in the low bits */
	for (i = 1; i <= 1000; i++)
		fp_set_add(&s, i << 20);
	assert_int_equal(s.total, 1002);
	assert_true(fp_set_take(&s, 7));
	assert_true(fp_set_take(&s, 7));
	assert_false(fp_set_take(&s, 7));
	assert_true(fp_set_take(&s, 500ULL << 20));
	assert_false(fp_set_take(&s, 500ULL << 20));
	assert_false(fp_set_take(&s, 1001ULL << 20));
	assert_int_equal(s.total, 999);
	fp_set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moved_lines),
		cmocka_unit_test(test_uri),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_multiset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
