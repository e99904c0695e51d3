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

struct linetree;
/* what a line-file lexer may put in one token: its blank bytes, and whether '#' starts a
 * comment (step-tickers, hosts) or is a word byte (esx.conf) */
struct lt_lexspec {
	const char *blanks;
	int comments;
};
/* the tree prints back data byte for byte; tokens are in order, non-empty (but a final
 * zero-width line end) and of their kind's bytes; lines partition the tokens in order,
 * each ending at its only line end; a refused line names a token of its own */
void oracle_linetree(const struct linetree *t, const unsigned char *data, size_t size,
    const struct lt_lexspec *spec);

#endif
