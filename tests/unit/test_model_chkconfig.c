/* The 'chkconfig --list' lines an ESX 3.x/4.x vm-support bundle records
 * (src/model_chkconfig.c): Red Hat chkconfig's "%-15s" name and "\tN:on|off" columns, the
 * record's ntpd line and its span, and what is not a service's line. */
#include <string.h>

#include "test.h"

#include "model_files.h"

#define LINE(s, svc, lv) chk_list_line((s), strlen(s), (svc), (lv))

static void
test_rhel_line(void **state)
{
	enum chk_state lv[SVC_RUNLEVELS];

	/* chkconfig 1.3.x: the name padded to 15, then a TAB before each column */
	assert_true(LINE("ntpd           \t0:off\t1:off\t2:off\t3:on\t4:on\t5:on\t6:off", "ntpd", lv));
	assert_int_equal(lv[0], CHK_OFF);
	assert_int_equal(lv[2], CHK_OFF);
	assert_int_equal(lv[3], CHK_ON);
	assert_int_equal(lv[4], CHK_ON);
	assert_int_equal(lv[5], CHK_ON);
	assert_int_equal(lv[6], CHK_OFF);
	/* TABs expanded to spaces (a copy through a terminal), a CR at the end */
	assert_true(LINE("ntpd            0:off   1:off   2:on    3:off   4:on    5:off   6:off\r",
	    "ntpd", lv));
	assert_int_equal(lv[2], CHK_ON);
	assert_int_equal(lv[3], CHK_OFF);
	assert_int_equal(lv[5], CHK_OFF);
	assert_int_equal(lv[6], CHK_OFF);
}

static void
test_not_the_line(void **state)
{
	enum chk_state lv[SVC_RUNLEVELS];

	assert_false(LINE("ntpdate        \t0:off\t3:on", "ntpd", lv));
	assert_false(LINE("xntpd\t0:off", "ntpd", lv));
	/* xinetd's services are indented: "\tname:\ton" */
	assert_false(LINE("\tntpd:\ton", "ntpd", lv));
	assert_false(LINE(" ntpd 3:on", "ntpd", lv));
	assert_false(LINE("ntpd", "ntpd", lv));
	assert_false(LINE("ntpd:\ton", "ntpd", lv));
	assert_false(LINE("", "ntpd", lv));
	assert_false(LINE("NTPD\t3:on", "ntpd", lv));
	assert_int_equal(lv[3], CHK_UNKNOWN);
}

static void
test_unknown_levels(void **state)
{
	enum chk_state lv[SVC_RUNLEVELS];

	/* a translated word, a missing column, a level beyond 6, junk: not guessed */
	assert_true(LINE("ntpd\t0:aus\t3:an\t4:on\t7:off\t9:on\tx:off\t5:onoff", "ntpd", lv));
	assert_int_equal(lv[0], CHK_UNKNOWN);
	assert_int_equal(lv[3], CHK_UNKNOWN);
	assert_int_equal(lv[4], CHK_ON);
	assert_int_equal(lv[5], CHK_UNKNOWN);
	assert_int_equal(lv[6], CHK_UNKNOWN);
	/* the line of a service with nothing after its name */
	assert_true(LINE("ntpd \t ", "ntpd", lv));
	assert_int_equal(lv[3], CHK_UNKNOWN);
	/* a level given twice: the last column wins */
	assert_true(LINE("ntpd\t3:on\t3:off", "ntpd", lv));
	assert_int_equal(lv[3], CHK_OFF);
}

static void
test_record(void **state)
{
	static const char text[] =
	    "anacron        \t0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off\n"
	    "ntpd           \t0:off\t1:off\t2:off\t3:off\t4:off\t5:on\t6:off\n"
	    "ntpd           \t0:on\t1:on\t2:on\t3:on\t4:on\t5:on\t6:on\n"
	    "xinetd based services:\n"
	    "\tntpd:\ton\n";
	struct source src;
	struct chk_record r;

	memset(&src, 0, sizeof(src));
	src.path = "tmp/chkconfig.4242.txt";
	src.buf = (char *)(uintptr_t)text;
	src.len = sizeof(text) - 1;
	model_chk_build(&r, &src);
	assert_true(r.present);
	assert_true(r.listed);
	assert_ptr_equal(r.src, &src);
	/* the first ntpd line, its newline left out */
	assert_int_equal(r.span.start, 54);
	assert_int_equal(r.span.end, 54 + 56);
	assert_int_equal(text[r.span.end], '\n');
	assert_int_equal(r.level[3], CHK_OFF);
	assert_int_equal(r.level[5], CHK_ON);

	/* no ntpd line: present, not listed, nothing known */
	src.len = 54;
	model_chk_build(&r, &src);
	assert_true(r.present);
	assert_false(r.listed);
	assert_int_equal(r.level[3], CHK_UNKNOWN);
	/* the last line without its newline */
	src.buf = (char *)(uintptr_t)"ntpd\t3:off";
	src.len = 10;
	model_chk_build(&r, &src);
	assert_true(r.listed);
	assert_int_equal(r.span.end, 10);
	assert_int_equal(r.level[3], CHK_OFF);
	/* not read */
	model_chk_build(&r, NULL);
	assert_false(r.present);
	assert_false(r.listed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rhel_line),
		cmocka_unit_test(test_not_the_line),
		cmocka_unit_test(test_unknown_levels),
		cmocka_unit_test(test_record),
	};

	return cmocka_run_group_tests_name("model_chkconfig", tests, NULL, NULL);
}
