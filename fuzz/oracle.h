/* oracle: what every fuzz target checks besides "no crash"; a broken invariant aborts,
 * so libFuzzer keeps the input as a crash. */
#ifndef ORACLE_H
#define ORACLE_H

#include "diag.h"

#define FUZZ_ASSERT(cond, ...) \
	do { if (!(cond)) oracle_fail(__FILE__, __LINE__, __VA_ARGS__); } while (0)

void oracle_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));
/* every finding has a message and a path, and every span and edit lies inside its source */
void oracle_diags(const struct diags *d);

#endif
