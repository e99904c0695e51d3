/* lttest: helpers for the line-file parser tests (step-tickers, hosts, esx.conf). */
#ifndef LTTEST_H
#define LTTEST_H

#include <stddef.h>

#include "linetree.h"

enum lt_kind { LTK_STK, LTK_HST, LTK_ESX };

/* src over buf[0..len) in a, parsed as the given kind of file */
struct linetree *lt_parse_buf(struct arena *a, enum lt_kind k, const char *buf, size_t len);
/* asserts that the tree partitions the source (tokens contiguous from 0 to len, lines
 * cover the tokens in order, each ending at its line end) and prints back to the input */
void assert_lt_lossless(const struct linetree *t);
/* the tree's tokens as "K[bytes]" separated by blanks, lines separated by " | " (K: W
 * word, S string, = equals, E eol, B blank, C comment; a line the grammar refused is
 * marked "!" before its first token and "^" before the token it stumbled on) */
char *lt_dump(const struct linetree *t);
/* parses s as kind k, checks it is lossless, and compares its dump with want */
void expect_lt(enum lt_kind k, const char *s, size_t len, const char *want);
#define EXPECT_LT(k, s, want) expect_lt((k), (s), sizeof(s) - 1, (want))

#endif
