/* scale_cases: inputs that once drove a path quadratic in their size, generated at any
 * size n (deterministically). tests/unit/test_scale.c checks that the memory a lint takes
 * grows linearly with n; make bench (tests/bench_scale.sh, with build/gen_scale) times
 * the whole process at 1x, 2x and 4x. */
#ifndef SCALE_CASES_H
#define SCALE_CASES_H

#include <stdbool.h>
#include <stddef.h>

struct scale_case {
	const char *name;
	const char *what;		/* the path it drives */
	bool root;			/* a host root, else a lone ntp.conf */
	const char *args;		/* options it is linted with ("" for none) */
	int ntp_version;		/* enum ntp_version that args select, or -1 */
	bool fix;			/* args plan fixes (--diff): test_scale plans them too */
	size_t unit;			/* n of the unit test's 1x (about a megabyte of arena) */
	bool time_only;			/* quadratic in time only, which test_scale cannot see:
					 * tests/sh/scale_time.sh counts its instructions */
	void (*gen)(const char *path, size_t n);
};

/* the cases, ended by one whose name is NULL */
extern const struct scale_case scale_cases[];
const struct scale_case *scale_case_find(const char *name);
/* writes the case's input of size n at path: a host root (a new directory) or a file */
void scale_generate(const struct scale_case *c, size_t n, const char *path);

#endif
